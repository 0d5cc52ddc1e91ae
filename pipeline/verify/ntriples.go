package verify

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// checkNTriples reads r to the end as N-Triples (RDF 1.1), one statement
// per line, and returns the first line that is not one, as a *lineError.
// It checks syntax only, in constant memory, at disk speed: a million
// records' bordernet.nt is 24 M lines, too many for a general RDF
// library to read in the time of the release itself.
func checkNTriples(r io.Reader) error {
	br := bufio.NewReaderSize(r, 1<<20)
	for n := 1; ; n++ {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// A line longer than the buffer: gather it whole.
			long := append([]byte(nil), line...)
			for errors.Is(err, bufio.ErrBufferFull) {
				line, err = br.ReadSlice('\n')
				long = append(long, line...)
			}
			line = long
		}
		if len(line) > 0 {
			if lerr := checkNTriplesLine(line); lerr != nil {
				return &lineError{Line: n, Err: lerr}
			}
		}
		if err == io.EOF {
			if len(line) > 0 {
				return &lineError{Line: n, Err: errors.New("the last line has no end of line: the file is cut short")}
			}
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// lineError is a syntax error at a line of a file.
type lineError struct {
	Line int
	Err  error
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *lineError) Unwrap() error { return e.Err }

// checkNTriplesLine checks one line (with or without its end of line):
// blank, a comment, or subject predicate object '.'.
func checkNTriplesLine(line []byte) error {
	if !utf8.Valid(line) {
		return errors.New("invalid UTF-8")
	}
	p := &ntParser{s: line}
	p.space()
	if p.done() || p.peek() == '#' {
		return nil
	}
	switch p.peek() {
	case '<':
		if err := p.iri(); err != nil {
			return fmt.Errorf("subject: %w", err)
		}
	case '_':
		if err := p.blank(); err != nil {
			return fmt.Errorf("subject: %w", err)
		}
	default:
		return p.errorf("subject: want an IRI or a blank node")
	}
	p.space()
	if err := p.iri(); err != nil {
		return fmt.Errorf("predicate: %w", err)
	}
	p.space()
	switch p.peek() {
	case '<':
		if err := p.iri(); err != nil {
			return fmt.Errorf("object: %w", err)
		}
	case '_':
		if err := p.blank(); err != nil {
			return fmt.Errorf("object: %w", err)
		}
	case '"':
		if err := p.literal(); err != nil {
			return fmt.Errorf("object: %w", err)
		}
	default:
		return p.errorf("object: want an IRI, a blank node or a literal")
	}
	p.space()
	if p.peek() != '.' {
		return p.errorf("want '.' at the end of the statement")
	}
	p.i++
	p.space()
	if !p.done() && p.peek() != '#' {
		return p.errorf("unexpected text after the statement")
	}
	return nil
}

type ntParser struct {
	s []byte
	i int
}

func (p *ntParser) done() bool {
	return p.i >= len(p.s) || p.s[p.i] == '\n' || p.s[p.i] == '\r' && p.i == len(p.s)-2
}

func (p *ntParser) peek() byte {
	if p.i >= len(p.s) {
		return 0
	}
	return p.s[p.i]
}

func (p *ntParser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

func (p *ntParser) errorf(format string, args ...any) error {
	return fmt.Errorf("column %d: "+format, append([]any{p.i + 1}, args...)...)
}

// iri reads an absolute IRIREF.
func (p *ntParser) iri() error {
	if p.peek() != '<' {
		return p.errorf("want '<'")
	}
	p.i++
	start, colon := p.i, false
	for {
		// Skip the plain characters at once: most of an IRI.
		for p.i < len(p.s) && iriPlain(p.s[p.i]) {
			p.i++
		}
		if p.i >= len(p.s) {
			return p.errorf("IRI not closed with '>'")
		}
		c := p.s[p.i]
		switch {
		case c == '>':
			if !colon || p.i == start {
				return p.errorf("IRI %q is not absolute", p.s[start:p.i])
			}
			p.i++
			return nil
		case c == '\\':
			if err := p.uchar(); err != nil {
				return err
			}
			continue
		case c <= 0x20 || c == '<' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' || c == '`':
			return p.errorf("character %q not allowed in an IRI", c)
		case c == ':':
			colon = true
		}
		p.i++
	}
}

// uchar reads \uXXXX or \UXXXXXXXX at p.i.
func (p *ntParser) uchar() error {
	if p.i+1 >= len(p.s) {
		return p.errorf("incomplete escape")
	}
	n := 0
	switch p.s[p.i+1] {
	case 'u':
		n = 4
	case 'U':
		n = 8
	default:
		return p.errorf("bad escape \\%c", p.s[p.i+1])
	}
	if p.i+2+n > len(p.s) {
		return p.errorf("incomplete escape")
	}
	for _, c := range p.s[p.i+2 : p.i+2+n] {
		if !isHex(c) {
			return p.errorf("bad escape: %q is not a hex digit", c)
		}
	}
	p.i += 2 + n
	return nil
}

// iriPlain reports whether an IRIREF holds byte c as it is: all but
// controls, space, the excluded punctuation, '\\' (an escape), '>' (the
// end) and ':' (noted, for absoluteness).
func iriPlain(c byte) bool {
	return c > 0x20 && c != '<' && c != '>' && c != '"' && c != '{' && c != '}' && c != '|' && c != '^' && c != '`' && c != '\\' && c != ':'
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// blank reads a blank node label _:name.
func (p *ntParser) blank() error {
	if p.i+2 > len(p.s) || p.s[p.i] != '_' || p.s[p.i+1] != ':' {
		return p.errorf("want '_:'")
	}
	p.i += 2
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '.' && (p.i+1 >= len(p.s) || p.s[p.i+1] == ' ' || p.s[p.i+1] == '\n' || p.s[p.i+1] == '\r' || p.s[p.i+1] == '\t') {
			break
		}
		if c < 0x80 && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.') {
			return p.errorf("character %q not allowed in a blank node label", c)
		}
		p.i++
	}
	if p.i == start {
		return p.errorf("empty blank node label")
	}
	return nil
}

// literal reads "…" with an optional @lang or ^^<datatype>.
func (p *ntParser) literal() error {
	p.i++ // '"'
	for {
		// Jump to the next character that means something in a string.
		if k := bytes.IndexAny(p.s[p.i:], "\"\\\n\r"); k >= 0 {
			p.i += k
		} else {
			p.i = len(p.s)
		}
		if p.i >= len(p.s) {
			return p.errorf("string not closed with '\"'")
		}
		c := p.s[p.i]
		switch c {
		case '"':
			p.i++
			goto suffix
		case '\n', '\r':
			return p.errorf("line break inside a string")
		case '\\':
			if p.i+1 >= len(p.s) {
				return p.errorf("incomplete escape")
			}
			switch p.s[p.i+1] {
			case 't', 'b', 'n', 'r', 'f', '"', '\'', '\\':
				p.i += 2
			default:
				if err := p.uchar(); err != nil {
					return err
				}
			}
			continue
		}
		p.i++
	}
suffix:
	switch p.peek() {
	case '@':
		p.i++
		start := p.i
		for p.i < len(p.s) && (isAlpha(p.s[p.i]) || p.i > start && (p.s[p.i] == '-' || p.s[p.i] >= '0' && p.s[p.i] <= '9')) {
			p.i++
		}
		if p.i == start || !isAlpha(p.s[start]) || p.s[p.i-1] == '-' {
			return p.errorf("bad language tag")
		}
	case '^':
		if p.i+1 >= len(p.s) || p.s[p.i+1] != '^' {
			return p.errorf("want '^^' before a datatype")
		}
		p.i += 2
		if err := p.iri(); err != nil {
			return fmt.Errorf("datatype: %w", err)
		}
	}
	return nil
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
