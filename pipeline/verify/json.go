package verify

import (
	"bufio"
	"errors"
	"fmt"
	"io"
)

// jsonChecker reads JSON (RFC 8259) byte by byte and checks its syntax,
// as encoding/json's Valid does, without building values: a million
// records' JSON-LD is 2 GB, which encoding/json's Decoder reads at a
// tenth of the speed. Like Valid, it does not check the UTF-8 inside
// strings; the checksum catches any damage there.
// maxNesting bounds nested arrays and objects, so that a hostile file
// cannot exhaust the stack.
const maxNesting = 1000

type jsonChecker struct {
	r     *bufio.Reader
	line  int
	depth int
}

func newJSONChecker(r io.Reader) *jsonChecker {
	return &jsonChecker{r: bufio.NewReaderSize(r, 1<<20), line: 1}
}

func (j *jsonChecker) errorf(format string, args ...any) error {
	return &lineError{Line: j.line, Err: fmt.Errorf(format, args...)}
}

func (j *jsonChecker) next() (byte, error) {
	c, err := j.r.ReadByte()
	if err == io.EOF {
		return 0, j.errorf("unexpected end of JSON: the file is cut short")
	}
	if c == '\n' {
		j.line++
	}
	return c, err
}

// skip skips white space and returns the next byte, unread; eof at the end.
func (j *jsonChecker) skip() (c byte, eof bool, err error) {
	for {
		c, err := j.r.ReadByte()
		if err == io.EOF {
			return 0, true, nil
		}
		if err != nil {
			return 0, false, err
		}
		switch c {
		case '\n':
			j.line++
		case ' ', '\t', '\r':
		default:
			return c, false, j.r.UnreadByte()
		}
	}
}

// peek returns the next byte after white space; an error at the end.
func (j *jsonChecker) peek() (byte, error) {
	c, eof, err := j.skip()
	if err == nil && eof {
		err = j.errorf("unexpected end of JSON: the file is cut short")
	}
	return c, err
}

func (j *jsonChecker) expect(want byte) error {
	c, err := j.peek()
	if err != nil {
		return err
	}
	if c != want {
		return j.errorf("want %q, found %q", want, c)
	}
	_, err = j.next()
	return err
}

// end checks that nothing but white space follows.
func (j *jsonChecker) end() error {
	c, eof, err := j.skip()
	if err != nil || eof {
		return err
	}
	return j.errorf("unexpected %q after the JSON value", c)
}

// value checks one value of any kind.
func (j *jsonChecker) value() error {
	c, err := j.peek()
	if err != nil {
		return err
	}
	switch {
	case c == '{':
		return j.object(func(string) error { return j.value() })
	case c == '[':
		return j.array(j.value)
	case c == '"':
		_, err := j.str(false)
		return err
	case c == 't':
		return j.word("true")
	case c == 'f':
		return j.word("false")
	case c == 'n':
		return j.word("null")
	case c == '-' || c >= '0' && c <= '9':
		return j.number()
	}
	return j.errorf("unexpected %q: want a JSON value", c)
}

func (j *jsonChecker) nest() error {
	j.depth++
	if j.depth > maxNesting {
		return j.errorf("nested more than %d deep", maxNesting)
	}
	return nil
}

// object checks {"key": value, ...}, calling member for each value with
// its key (the key is kept only when short: the JSON-LD check looks at
// keywords).
func (j *jsonChecker) object(member func(key string) error) error {
	if err := j.expect('{'); err != nil {
		return err
	}
	if err := j.nest(); err != nil {
		return err
	}
	defer func() { j.depth-- }()
	c, err := j.peek()
	if err != nil {
		return err
	}
	if c == '}' {
		_, err := j.next()
		return err
	}
	for {
		if c, err := j.peek(); err != nil {
			return err
		} else if c != '"' {
			return j.errorf("want a key in quotes, found %q", c)
		}
		key, err := j.str(true)
		if err != nil {
			return err
		}
		if err := j.expect(':'); err != nil {
			return err
		}
		if err := member(key); err != nil {
			return err
		}
		c, err := j.peek()
		if err != nil {
			return err
		}
		j.next()
		switch c {
		case ',':
		case '}':
			return nil
		default:
			return j.errorf("want ',' or '}', found %q", c)
		}
	}
}

// array checks [value, ...], calling elem for each element.
func (j *jsonChecker) array(elem func() error) error {
	if err := j.expect('['); err != nil {
		return err
	}
	if err := j.nest(); err != nil {
		return err
	}
	defer func() { j.depth-- }()
	c, err := j.peek()
	if err != nil {
		return err
	}
	if c == ']' {
		_, err := j.next()
		return err
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		c, err := j.peek()
		if err != nil {
			return err
		}
		j.next()
		switch c {
		case ',':
		case ']':
			return nil
		default:
			return j.errorf("want ',' or ']', found %q", c)
		}
	}
}

// str checks a string; with keep, it returns its raw text when short.
func (j *jsonChecker) str(keep bool) (string, error) {
	j.next() // '"'
	var kept []byte
	for {
		// Skip the plain run of the string in the buffer at once: most
		// of a JSON-LD document is string content.
		if n := j.r.Buffered(); n > 0 {
			buf, _ := j.r.Peek(n)
			i := 0
			for i < len(buf) && buf[i] != '"' && buf[i] != '\\' && buf[i] >= 0x20 {
				i++
			}
			if keep && len(kept) < 16 {
				kept = append(kept, buf[:min(i, 16-len(kept))]...)
			}
			j.r.Discard(i)
		}
		c, err := j.r.ReadByte()
		if err == io.EOF {
			return "", j.errorf("string not closed: the file is cut short")
		}
		if err != nil {
			return "", err
		}
		switch {
		case c == '"':
			return string(kept), nil
		case c < 0x20:
			return "", j.errorf("control character %q inside a string", c)
		case c == '\\':
			e, err := j.next()
			if err != nil {
				return "", err
			}
			switch e {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				for range 4 {
					h, err := j.next()
					if err != nil {
						return "", err
					}
					if !isHex(h) {
						return "", j.errorf("bad \\u escape")
					}
				}
			default:
				return "", j.errorf("bad escape \\%c", e)
			}
			keep, kept = false, nil // an escaped key is no keyword
		}
		if keep && len(kept) < 16 {
			kept = append(kept, c)
		}
	}
}

func (j *jsonChecker) word(w string) error {
	for i := 0; i < len(w); i++ {
		c, err := j.next()
		if err != nil {
			return err
		}
		if c != w[i] {
			return j.errorf("want %s", w)
		}
	}
	return nil
}

// number checks -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (j *jsonChecker) number() error {
	peekByte := func() byte {
		b, err := j.r.Peek(1)
		if err != nil {
			return 0
		}
		return b[0]
	}
	digits := func() int {
		n := 0
		for c := peekByte(); c >= '0' && c <= '9'; c = peekByte() {
			j.r.ReadByte()
			n++
		}
		return n
	}
	if peekByte() == '-' {
		j.r.ReadByte()
	}
	if peekByte() == '0' {
		j.r.ReadByte()
	} else if digits() == 0 {
		return j.errorf("bad number")
	}
	if peekByte() == '.' {
		j.r.ReadByte()
		if digits() == 0 {
			return j.errorf("bad number: no digit after '.'")
		}
	}
	if c := peekByte(); c == 'e' || c == 'E' {
		j.r.ReadByte()
		if c := peekByte(); c == '+' || c == '-' {
			j.r.ReadByte()
		}
		if digits() == 0 {
			return j.errorf("bad number: no digit in the exponent")
		}
	}
	return nil
}

// checkJSON checks that r holds one JSON value and nothing after it.
func checkJSON(r io.Reader) error {
	j := newJSONChecker(r)
	if err := j.value(); err != nil {
		return err
	}
	return j.end()
}

// checkJSONLD checks a JSON-LD document as bordernet writes it: a JSON
// object with an @context and a @graph array of node objects, and
// nothing after it.
func checkJSONLD(r io.Reader) error {
	j := newJSONChecker(r)
	var hasContext, hasGraph bool
	err := j.object(func(key string) error {
		switch key {
		case "@graph":
			hasGraph = true
			return j.array(func() error {
				if c, err := j.peek(); err != nil {
					return err
				} else if c != '{' {
					return j.errorf("@graph holds %q, not a node object", c)
				}
				return j.value()
			})
		case "@context":
			hasContext = true
		}
		return j.value()
	})
	if err != nil {
		return err
	}
	if !hasContext || !hasGraph {
		return errors.New("the document has no @context or no @graph")
	}
	return j.end()
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
