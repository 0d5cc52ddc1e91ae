package workbook

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScanner is a small XML tokenizer for worksheet parts, which hold
// nearly all of a workbook's bytes. encoding/xml spends about half of a
// 100k-row read allocating tokens; this scanner hands out slices of its
// own buffer instead and allocates nothing per token. It accepts only
// what a worksheet needs: elements, attributes, text with the predefined
// and numeric entities, CDATA, comments and processing instructions. A
// DOCTYPE (and so any custom entity) is refused, end tags must match
// their start tags, and a tag or text run longer than maxToken is refused,
// so a hostile part costs at most that much memory.
type xmlScanner struct {
	r   io.Reader
	buf []byte
	pos int // start of the unread bytes
	end int // end of the valid bytes
	eof bool

	// The current token, valid until the next call of next.
	kind  tokenKind
	name  []byte // local name of a start or end tag
	attrs []xmlAttr
	raw   []byte // text: undecoded, unless cdata
	cdata bool
	empty bool // the start tag was <x/>: its end comes next

	// Open elements: their names back to back in stack, ends in ends.
	stack []byte
	ends  []int
}

type tokenKind int

const (
	tokStart tokenKind = iota + 1
	tokEnd             // also sent right after the start of an empty element
	tokText
)

type xmlAttr struct {
	name  []byte // local name
	value []byte // undecoded
}

// maxToken bounds one tag or one text run. A cell holds at most 32,767
// characters, up to about 128 KiB of escaped UTF-8.
const maxToken = 4 << 20

var errTokenTooLong = fmt.Errorf("a tag or text longer than %d bytes", maxToken)

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, 64<<10)}
}

// fill reads more bytes, keeping buf[pos:end] and moving it to the front.
// Slices of the current token are invalid afterwards.
func (s *xmlScanner) fill() error {
	if s.eof {
		return io.ErrUnexpectedEOF
	}
	if s.pos > 0 {
		copy(s.buf, s.buf[s.pos:s.end])
		s.end -= s.pos
		s.pos = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= maxToken {
			return errTokenTooLong
		}
		grown := make([]byte, 2*len(s.buf))
		copy(grown, s.buf[:s.end])
		s.buf = grown
	}
	n, err := s.r.Read(s.buf[s.end:])
	s.end += n
	switch {
	case err == io.EOF:
		s.eof = true
	case err != nil:
		return err
	}
	return nil
}

// find returns the offset from pos of the first sep, reading as needed.
func (s *xmlScanner) find(sep string) (int, error) {
	from := 0
	for {
		var i int
		if len(sep) == 1 {
			i = bytes.IndexByte(s.buf[s.pos+from:s.end], sep[0])
		} else {
			i = bytes.Index(s.buf[s.pos+from:s.end], []byte(sep))
		}
		if i >= 0 {
			return from + i, nil
		}
		from = max(0, s.end-s.pos-len(sep)+1)
		if s.eof {
			return 0, io.ErrUnexpectedEOF
		}
		if err := s.fill(); err != nil {
			return 0, err
		}
	}
}

// next reads the next token. It returns io.EOF at the end of a document
// whose elements are all closed.
func (s *xmlScanner) next() error {
	if s.kind == tokStart && s.empty {
		// The empty element's end, sent as a token of its own.
		s.kind = tokEnd
		s.stack = s.stack[:s.openStart()]
		s.ends = s.ends[:len(s.ends)-1]
		return nil
	}
	for {
		if s.pos == s.end {
			if s.eof {
				if len(s.ends) > 0 {
					return io.ErrUnexpectedEOF
				}
				return io.EOF
			}
			if err := s.fill(); err != nil {
				return err
			}
			continue
		}
		if s.buf[s.pos] != '<' {
			n, err := s.find("<")
			if err == io.ErrUnexpectedEOF && len(s.ends) == 0 {
				n, err = s.end-s.pos, nil // trailing white space after the root
			}
			if err != nil {
				return err
			}
			s.kind, s.raw, s.cdata = tokText, s.buf[s.pos:s.pos+n], false
			s.pos += n
			return nil
		}
		for s.end-s.pos < 2 && !s.eof {
			if err := s.fill(); err != nil {
				return err
			}
		}
		if s.end-s.pos < 2 || s.buf[s.pos+1] != '?' && s.buf[s.pos+1] != '!' {
			return s.tag() // nearly every time
		}
		for s.end-s.pos < 9 && !s.eof { // room for "<![CDATA["
			if err := s.fill(); err != nil {
				return err
			}
		}
		rest := s.buf[s.pos:s.end]
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			n, err := s.find("?>")
			if err != nil {
				return err
			}
			s.pos += n + 2
		case bytes.HasPrefix(rest, []byte("<!--")):
			n, err := s.find("-->")
			if err != nil {
				return err
			}
			s.pos += n + 3
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			n, err := s.find("]]>")
			if err != nil {
				return err
			}
			s.kind, s.raw, s.cdata = tokText, s.buf[s.pos+9:s.pos+n], true
			s.pos += n + 3
			return nil
		default:
			return errors.New("a DOCTYPE or other declaration, which worksheets never have")
		}
	}
}

// errNeedMore says a tag runs past the bytes read so far.
var errNeedMore = errors.New("need more input")

// tag reads a start or end tag at pos, reading more input until the whole
// tag is in the buffer.
func (s *xmlScanner) tag() error {
	for {
		n, err := s.parseTag(s.buf[s.pos:s.end])
		if err == errNeedMore {
			if s.eof {
				return io.ErrUnexpectedEOF
			}
			if err := s.fill(); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return err
		}
		s.pos += n
		return nil
	}
}

// parseTag parses the tag at the start of b and returns its length. It
// changes the scanner's state only when the whole tag is there.
func (s *xmlScanner) parseTag(b []byte) (int, error) {
	if len(b) > 1 && b[1] == '/' {
		j := bytes.IndexByte(b, '>')
		if j < 0 {
			return 0, errNeedMore
		}
		qname := b[2:j]
		for len(qname) > 0 && isXMLSpace(qname[len(qname)-1]) {
			qname = qname[:len(qname)-1]
		}
		s.kind, s.name = tokEnd, localName(qname)
		return j + 1, s.pop(qname)
	}
	i := 1
	for i < len(b) && !isXMLSpace(b[i]) && b[i] != '/' && b[i] != '>' {
		i++
	}
	if i == len(b) {
		return 0, errNeedMore
	}
	qname := b[1:i]
	if len(qname) == 0 {
		return 0, errors.New("a tag without a name")
	}
	s.attrs = s.attrs[:0]
	empty := false
	for {
		for i < len(b) && isXMLSpace(b[i]) {
			i++
		}
		if i == len(b) {
			return 0, errNeedMore
		}
		if b[i] == '>' {
			i++
			break
		}
		if b[i] == '/' {
			if i+1 == len(b) {
				return 0, errNeedMore
			}
			if b[i+1] != '>' {
				return 0, errors.New("'/' inside a tag")
			}
			i += 2
			empty = true
			break
		}
		start := i
		for i < len(b) && b[i] != '=' && !isXMLSpace(b[i]) && b[i] != '>' && b[i] != '/' {
			i++
		}
		aname := b[start:i]
		for i < len(b) && isXMLSpace(b[i]) {
			i++
		}
		if i == len(b) {
			return 0, errNeedMore
		}
		if b[i] != '=' {
			return 0, fmt.Errorf("attribute %q without a value", aname)
		}
		i++
		for i < len(b) && isXMLSpace(b[i]) {
			i++
		}
		if i == len(b) {
			return 0, errNeedMore
		}
		q := b[i]
		if q != '"' && q != '\'' {
			return 0, fmt.Errorf("attribute %q with an unquoted value", aname)
		}
		j := bytes.IndexByte(b[i+1:], q)
		if j < 0 {
			return 0, errNeedMore
		}
		s.attrs = append(s.attrs, xmlAttr{name: localName(aname), value: b[i+1 : i+1+j]})
		i += j + 2
	}
	s.kind, s.name, s.empty = tokStart, localName(qname), empty
	s.stack = append(s.stack, qname...)
	s.ends = append(s.ends, len(s.stack))
	return i, nil
}

// openStart is where the innermost open element's name starts in stack.
func (s *xmlScanner) openStart() int {
	if len(s.ends) > 1 {
		return s.ends[len(s.ends)-2]
	}
	return 0
}

// pop closes the innermost element, which must be qname.
func (s *xmlScanner) pop(qname []byte) error {
	if len(s.ends) == 0 {
		return fmt.Errorf("end tag </%s> without a start tag", qname)
	}
	start := s.openStart()
	open := s.stack[start:s.ends[len(s.ends)-1]]
	if !sameName(open, qname) {
		return fmt.Errorf("end tag </%s> closes <%s>", qname, open)
	}
	s.stack = s.stack[:start]
	s.ends = s.ends[:len(s.ends)-1]
	return nil
}

// sameName compares two element names; they are short, and a loop beats
// a call to the general comparison here.
func sameName(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func localName(qname []byte) []byte {
	if i := bytes.LastIndexByte(qname, ':'); i >= 0 {
		return qname[i+1:]
	}
	return qname
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// attr returns the value of the current start tag's attribute, undecoded.
func (s *xmlScanner) attr(local string) ([]byte, bool) {
	for _, a := range s.attrs {
		if string(a.name) == local {
			return a.value, true
		}
	}
	return nil, false
}

// appendText appends the current text token to dst, decoded: entities
// replaced and line ends normalised to "\n" as XML requires.
func (s *xmlScanner) appendText(dst []byte) ([]byte, error) {
	if s.cdata {
		return appendNewlines(dst, s.raw), nil
	}
	return appendDecoded(dst, s.raw)
}

// appendDecoded decodes character data or an attribute value.
func appendDecoded(dst, raw []byte) ([]byte, error) {
	for len(raw) > 0 {
		i := 0
		for i < len(raw) && raw[i] != '&' && raw[i] != '\r' {
			i++
		}
		if i == len(raw) {
			return append(dst, raw...), nil
		}
		dst = append(dst, raw[:i]...)
		raw = raw[i:]
		if raw[0] == '\r' {
			dst = append(dst, '\n')
			raw = raw[1:]
			if len(raw) > 0 && raw[0] == '\n' {
				raw = raw[1:]
			}
			continue
		}
		semi := bytes.IndexByte(raw, ';')
		if semi < 0 || semi > 12 {
			return dst, errors.New("an '&' that starts no entity")
		}
		ent := raw[1:semi]
		raw = raw[semi+1:]
		switch string(ent) {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			r, ok := charRef(ent)
			if !ok {
				return dst, fmt.Errorf("unknown entity &%s;", ent)
			}
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst, nil
}

// charRef decodes "#38" or "#x26" into a character XML allows.
func charRef(ent []byte) (rune, bool) {
	if len(ent) < 2 || ent[0] != '#' {
		return 0, false
	}
	var n uint64
	var err error
	if ent[1] == 'x' {
		n, err = strconv.ParseUint(string(ent[2:]), 16, 32)
	} else {
		n, err = strconv.ParseUint(string(ent[1:]), 10, 32)
	}
	r := rune(n)
	valid := r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
	return r, err == nil && valid
}

func appendNewlines(dst, raw []byte) []byte {
	for {
		i := bytes.IndexByte(raw, '\r')
		if i < 0 {
			return append(dst, raw...)
		}
		dst = append(append(dst, raw[:i]...), '\n')
		raw = raw[i+1:]
		if len(raw) > 0 && raw[0] == '\n' {
			raw = raw[1:]
		}
	}
}
