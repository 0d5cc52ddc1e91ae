package turtle

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// Check reads r to the end as Turtle 1.1 and returns the first syntax
// error, as a *SyntaxError. It checks syntax and that every prefix is
// declared before use, and builds no triple: a general RDF library
// (knakk/rdf, whose lexer hands every token over a channel) takes three
// times as long as the whole release to read a million records'
// bordernet.ttl, and this reads it at about the speed of an N-Triples
// check, in constant memory. It never panics, whatever the input, which
// makes it the guard in front of knakk/rdf (see Read).
func Check(r io.Reader) error {
	t := &ttl{r: bufio.NewReaderSize(r, 1<<20), line: 1, prefixes: map[string]bool{}}
	err := t.document()
	var se *SyntaxError
	if err != nil && !errors.As(err, &se) {
		err = &SyntaxError{Line: t.line, Err: err}
	}
	return err
}

// SyntaxError is a Turtle syntax error at a line.
type SyntaxError struct {
	Line int
	Err  error
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *SyntaxError) Unwrap() error { return e.Err }

// maxNesting bounds nested collections and blank node property lists, so
// that a hostile file cannot exhaust the stack.
const maxNesting = 1000

type ttl struct {
	r        *bufio.Reader
	line     int
	prefixes map[string]bool
	depth    int
	name     []byte // the last prefix name read, reused
}

func (t *ttl) errorf(format string, args ...any) error {
	return &SyntaxError{Line: t.line, Err: fmt.Errorf(format, args...)}
}

// peek returns the next byte without consuming it; 0 at the end.
func (t *ttl) peek() byte {
	b, err := t.r.Peek(1)
	if err != nil {
		return 0
	}
	return b[0]
}

// peekAt returns the byte i ahead (0 = next); 0 past the end.
func (t *ttl) peekAt(i int) byte {
	b, err := t.r.Peek(i + 1)
	if err != nil || len(b) <= i {
		return 0
	}
	return b[i]
}

func (t *ttl) next() (byte, error) {
	c, err := t.r.ReadByte()
	if err == io.EOF {
		return 0, t.errorf("unexpected end of file")
	}
	if err != nil {
		return 0, err
	}
	if c == '\n' {
		t.line++
	}
	return c, nil
}

func (t *ttl) expect(want byte) error {
	c, err := t.next()
	if err != nil {
		return err
	}
	if c != want {
		return t.errorf("want %q, found %q", want, c)
	}
	return nil
}

// ws skips white space and comments; it reports whether the end of the
// input was reached.
func (t *ttl) ws() (eof bool, err error) {
	for {
		c, err := t.r.ReadByte()
		if err == io.EOF {
			return true, nil
		}
		if err != nil {
			return false, err
		}
		switch c {
		case '\n':
			t.line++
		case ' ', '\t', '\r':
		case '#':
			for {
				c, err := t.r.ReadByte()
				if err == io.EOF {
					return true, nil
				}
				if err != nil {
					return false, err
				}
				if c == '\n' {
					t.line++
					break
				}
			}
		default:
			return false, t.r.UnreadByte()
		}
	}
}

func (t *ttl) document() error {
	for {
		eof, err := t.ws()
		if err != nil || eof {
			return err
		}
		if err := t.statement(); err != nil {
			return err
		}
	}
}

// keyword reports whether the input starts with word (case-insensitively
// when fold), followed by white space or '<'.
func (t *ttl) keyword(word string, fold bool) bool {
	b, _ := t.r.Peek(len(word) + 1)
	if len(b) < len(word)+1 {
		return false
	}
	for i := 0; i < len(word); i++ {
		c := b[i]
		if fold && c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c != word[i] {
			return false
		}
	}
	switch b[len(word)] {
	case ' ', '\t', '\r', '\n', '<':
		return true
	}
	return false
}

func (t *ttl) statement() error {
	switch {
	case t.peek() == '@':
		t.next()
		switch {
		case t.keyword("prefix", false):
			t.r.Discard(len("prefix"))
			return t.prefixDecl(true)
		case t.keyword("base", false):
			t.r.Discard(len("base"))
			return t.baseDecl(true)
		}
		return t.errorf("unknown directive: want @prefix or @base")
	case t.keyword("PREFIX", true):
		t.r.Discard(len("PREFIX"))
		return t.prefixDecl(false)
	case t.keyword("BASE", true):
		t.r.Discard(len("BASE"))
		return t.baseDecl(false)
	}
	return t.triples()
}

func (t *ttl) prefixDecl(dot bool) error {
	if _, err := t.ws(); err != nil {
		return err
	}
	prefix, err := t.pnPrefix()
	if err != nil {
		return err
	}
	if err := t.expect(':'); err != nil {
		return fmt.Errorf("prefix declaration: %w", err)
	}
	t.prefixes[string(prefix)] = true
	if _, err := t.ws(); err != nil {
		return err
	}
	if err := t.iriRef(); err != nil {
		return err
	}
	return t.end(dot)
}

func (t *ttl) baseDecl(dot bool) error {
	if _, err := t.ws(); err != nil {
		return err
	}
	if err := t.iriRef(); err != nil {
		return err
	}
	return t.end(dot)
}

// end reads the '.' that ends a statement, when there must be one.
func (t *ttl) end(dot bool) error {
	if !dot {
		return nil
	}
	if _, err := t.ws(); err != nil {
		return err
	}
	return t.expect('.')
}

func (t *ttl) triples() error {
	switch t.peek() {
	case '[':
		empty, err := t.blankNodePropertyList()
		if err != nil {
			return err
		}
		if _, err := t.ws(); err != nil {
			return err
		}
		if !empty && t.peek() == '.' {
			t.next()
			return nil
		}
	case '(':
		if err := t.collection(); err != nil {
			return err
		}
	case '_':
		if err := t.blankLabel(); err != nil {
			return err
		}
	default:
		if err := t.iri(); err != nil {
			return fmt.Errorf("subject: %w", err)
		}
	}
	if err := t.predicateObjectList(); err != nil {
		return err
	}
	return t.end(true)
}

func (t *ttl) predicateObjectList() error {
	for {
		if _, err := t.ws(); err != nil {
			return err
		}
		if err := t.verb(); err != nil {
			return err
		}
		if err := t.objectList(); err != nil {
			return err
		}
		if _, err := t.ws(); err != nil {
			return err
		}
		if t.peek() != ';' {
			return nil
		}
		for t.peek() == ';' {
			t.next()
			if _, err := t.ws(); err != nil {
				return err
			}
		}
		if c := t.peek(); c == '.' || c == ']' || c == 0 {
			return nil
		}
	}
}

func (t *ttl) verb() error {
	if t.peek() == 'a' {
		switch t.peekAt(1) {
		case ' ', '\t', '\r', '\n', '<', '[', '(', '"', '\'', '_':
			t.next()
			return nil
		}
	}
	if err := t.iri(); err != nil {
		return fmt.Errorf("predicate: %w", err)
	}
	return nil
}

func (t *ttl) objectList() error {
	for {
		if _, err := t.ws(); err != nil {
			return err
		}
		if err := t.object(); err != nil {
			return err
		}
		if _, err := t.ws(); err != nil {
			return err
		}
		if t.peek() != ',' {
			return nil
		}
		t.next()
	}
}

func (t *ttl) object() error {
	switch c := t.peek(); {
	case c == '<':
		return t.iriRef()
	case c == '_':
		return t.blankLabel()
	case c == '(':
		return t.collection()
	case c == '[':
		_, err := t.blankNodePropertyList()
		return err
	case c == '"' || c == '\'':
		return t.rdfLiteral()
	case c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.':
		return t.number()
	case (c == 't' || c == 'f') && t.boolean():
		return nil
	}
	if err := t.iri(); err != nil {
		return fmt.Errorf("object: %w", err)
	}
	return nil
}

// boolean consumes true or false when that is a whole token.
func (t *ttl) boolean() bool {
	for _, word := range []string{"true", "false"} {
		b, _ := t.r.Peek(len(word) + 1)
		if len(b) >= len(word) && string(b[:len(word)]) == word && (len(b) == len(word) || !isNameByte(b[len(word)]) && b[len(word)] != ':') {
			t.r.Discard(len(word))
			return true
		}
	}
	return false
}

func (t *ttl) nest() error {
	t.depth++
	if t.depth > maxNesting {
		return t.errorf("nested more than %d deep", maxNesting)
	}
	return nil
}

func (t *ttl) collection() error {
	t.next() // '('
	if err := t.nest(); err != nil {
		return err
	}
	defer func() { t.depth-- }()
	for {
		if _, err := t.ws(); err != nil {
			return err
		}
		if t.peek() == ')' {
			t.next()
			return nil
		}
		if t.peek() == 0 {
			return t.errorf("collection not closed with ')'")
		}
		if err := t.object(); err != nil {
			return err
		}
	}
}

// blankNodePropertyList reads [ ... ]; empty reports "[]" (ANON).
func (t *ttl) blankNodePropertyList() (empty bool, err error) {
	t.next() // '['
	if err := t.nest(); err != nil {
		return false, err
	}
	defer func() { t.depth-- }()
	if _, err := t.ws(); err != nil {
		return false, err
	}
	if t.peek() == ']' {
		t.next()
		return true, nil
	}
	if err := t.predicateObjectList(); err != nil {
		return false, err
	}
	if _, err := t.ws(); err != nil {
		return false, err
	}
	return false, t.expect(']')
}

// iri reads an IRIREF or a prefixed name.
func (t *ttl) iri() error {
	if t.peek() == '<' {
		return t.iriRef()
	}
	prefix, err := t.pnPrefix()
	if err != nil {
		return err
	}
	if t.peek() != ':' {
		return t.errorf("want an IRI (<…> or prefix:name), found %q", t.peek())
	}
	t.next()
	if !t.prefixes[string(prefix)] {
		return t.errorf("prefix %q is not declared", prefix)
	}
	return t.pnLocal()
}

// iriRef reads <…>; relative IRIs are allowed in Turtle.
func (t *ttl) iriRef() error {
	if err := t.expect('<'); err != nil {
		return err
	}
	for {
		if n := t.r.Buffered(); n > 0 {
			buf, _ := t.r.Peek(n)
			i := 0
			for i < len(buf) && iriPlain(buf[i]) {
				i++
			}
			t.r.Discard(i)
		}
		c, err := t.next()
		if err != nil {
			return err
		}
		switch {
		case c == '>':
			return nil
		case c == '\\':
			if err := t.uchar(); err != nil {
				return err
			}
		case c <= 0x20 || c == '<' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' || c == '`':
			return t.errorf("character %q not allowed in an IRI", c)
		}
	}
}

// uchar reads the rest of \uXXXX or \UXXXXXXXX after the backslash.
func (t *ttl) uchar() error {
	c, err := t.next()
	if err != nil {
		return err
	}
	n := 4
	switch c {
	case 'u':
	case 'U':
		n = 8
	default:
		return t.errorf("bad escape \\%c", c)
	}
	for range n {
		h, err := t.next()
		if err != nil {
			return err
		}
		if !isHex(h) {
			return t.errorf("bad escape: %q is not a hex digit", h)
		}
	}
	return nil
}

// isNameByte reports whether c may be in a prefix or local name: ASCII
// letters, digits, '_', '-', and any byte of a non-ASCII UTF-8 sequence
// (the names' Unicode ranges are not checked one by one).
func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c >= 0x80
}

// pnPrefix reads a prefix name (possibly empty) up to its ':'. The bytes
// are valid until the next call.
func (t *ttl) pnPrefix() ([]byte, error) {
	name := t.name[:0]
	defer func() { t.name = name }()
	for {
		c := t.peek()
		switch {
		case isNameByte(c):
		case c == '.' && len(name) > 0 && (isNameByte(t.peekAt(1)) || t.peekAt(1) == '.'):
		default:
			if len(name) > 0 && (name[0] >= '0' && name[0] <= '9' || name[0] == '-' || name[0] == '_') {
				return nil, t.errorf("prefix %q must start with a letter", name)
			}
			if !utf8.Valid(name) {
				return nil, t.errorf("invalid UTF-8 in a name")
			}
			return name, nil
		}
		t.next()
		name = append(name, c)
	}
}

// pnLocal reads the local part of a prefixed name: name bytes, ':',
// %HH and \-escapes of punctuation, '.' only inside.
func (t *ttl) pnLocal() error {
	for {
		// Skip a run of plain name bytes in the buffer at once.
		if n := t.r.Buffered(); n > 0 {
			buf, _ := t.r.Peek(n)
			i := 0
			for i < len(buf) && (isNameByte(buf[i]) || buf[i] == ':') {
				i++
			}
			t.r.Discard(i)
		}
		c := t.peek()
		switch {
		case isNameByte(c) || c == ':':
			t.next()
		case c == '.':
			if n := t.peekAt(1); isNameByte(n) || n == ':' || n == '%' || n == '\\' || n == '.' {
				t.next()
				continue
			}
			return nil
		case c == '%':
			t.next()
			for range 2 {
				h, err := t.next()
				if err != nil {
					return err
				}
				if !isHex(h) {
					return t.errorf("bad %%-escape in a local name")
				}
			}
		case c == '\\':
			t.next()
			e, err := t.next()
			if err != nil {
				return err
			}
			switch e {
			case '_', '~', '.', '-', '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=', '/', '?', '#', '@', '%':
			default:
				return t.errorf("bad escape \\%c in a local name", e)
			}
		default:
			return nil
		}
	}
}

func (t *ttl) blankLabel() error {
	if err := t.expect('_'); err != nil {
		return err
	}
	if err := t.expect(':'); err != nil {
		return err
	}
	if !isNameByte(t.peek()) || t.peek() == '-' {
		return t.errorf("bad blank node label")
	}
	for {
		c := t.peek()
		switch {
		case isNameByte(c):
			t.next()
		case c == '.' && (isNameByte(t.peekAt(1)) || t.peekAt(1) == '.'):
			t.next()
		default:
			return nil
		}
	}
}

func (t *ttl) rdfLiteral() error {
	if err := t.str(); err != nil {
		return err
	}
	switch t.peek() {
	case '@':
		t.next()
		n := 0
		for c := t.peek(); c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'; c = t.peek() {
			t.next()
			n++
		}
		if n == 0 {
			return t.errorf("bad language tag")
		}
		for t.peek() == '-' {
			t.next()
			n = 0
			for c := t.peek(); c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'; c = t.peek() {
				t.next()
				n++
			}
			if n == 0 {
				return t.errorf("bad language tag")
			}
		}
	case '^':
		t.next()
		if err := t.expect('^'); err != nil {
			return err
		}
		return t.iri()
	}
	return nil
}

// str reads a string in any of Turtle's four quotings.
func (t *ttl) str() error {
	q, _ := t.next()
	long := t.peek() == q && t.peekAt(1) == q
	if long {
		t.next()
		t.next()
	} else if t.peek() == q { // ""
		t.next()
		return nil
	}
	start := t.line
	run := 0 // quotes in a row, in a long string
	for {
		// Skip the plain run of the string in the buffer at once.
		if n := t.r.Buffered(); n > 0 {
			buf, _ := t.r.Peek(n)
			i := 0
			for i < len(buf) && buf[i] != q && buf[i] != '\\' && buf[i] != '\n' && buf[i] != '\r' {
				i++
			}
			if i > 0 {
				run = 0
			}
			t.r.Discard(i)
		}
		c, err := t.r.ReadByte()
		if err == io.EOF {
			return &SyntaxError{Line: start, Err: errors.New("string not closed")}
		}
		if err != nil {
			return err
		}
		switch {
		case c == '\\':
			run = 0
			e, err := t.next()
			if err != nil {
				return err
			}
			switch e {
			case 't', 'b', 'n', 'r', 'f', '"', '\'', '\\':
			case 'u', 'U':
				t.r.UnreadByte()
				if err := t.uchar(); err != nil {
					return err
				}
			default:
				return t.errorf("bad escape \\%c", e)
			}
		case c == q:
			if !long {
				return nil
			}
			run++
			if run == 3 && t.peek() != q {
				return nil
			}
			if run == 3 { // a fourth quote: the first is content
				run = 2
			}
		case c == '\n':
			if !long {
				return t.errorf("line break inside a string")
			}
			t.line++
			run = 0
		case c == '\r' && !long:
			return t.errorf("line break inside a string")
		default:
			run = 0
		}
	}
}

// number reads an integer, decimal or double.
func (t *ttl) number() error {
	if c := t.peek(); c == '+' || c == '-' {
		t.next()
	}
	digits := func() int {
		n := 0
		for c := t.peek(); c >= '0' && c <= '9'; c = t.peek() {
			t.next()
			n++
		}
		return n
	}
	intPart := digits()
	frac := 0
	if t.peek() == '.' && t.peekAt(1) >= '0' && t.peekAt(1) <= '9' {
		t.next()
		frac = digits()
	}
	if intPart == 0 && frac == 0 {
		return t.errorf("not a number")
	}
	if c := t.peek(); c == 'e' || c == 'E' {
		t.next()
		if c := t.peek(); c == '+' || c == '-' {
			t.next()
		}
		if digits() == 0 {
			return t.errorf("bad exponent")
		}
	}
	return nil
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// iriPlain reports whether an IRIREF holds byte c as it is: all but
// controls, space, the excluded punctuation and '\\' (an escape).
func iriPlain(c byte) bool {
	return c > 0x20 && c != '<' && c != '>' && c != '"' && c != '{' && c != '}' && c != '|' && c != '^' && c != '`' && c != '\\'
}
