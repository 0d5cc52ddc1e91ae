package ntriples

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/bordernet/bordernet/schema"
)

// ErrNoTriple is the error a *ParseError wraps for a line that holds no
// triple: blank, or only a comment. A document may hold such lines; a
// reader of documents skips them when errors.Is says so.
var ErrNoTriple = errors.New("expected a term, found none: the line is blank or a comment")

// ParseError is a line that cannot be read as an N-Triples triple, at a
// byte column, in the manner of encoding/csv's ParseError.
type ParseError struct {
	Column int   // counted from 1, in bytes
	Err    error // what is wrong there
}

func (e *ParseError) Error() string { return fmt.Sprintf("column %d: %v", e.Column, e.Err) }

// Unwrap returns the error at the column, such as ErrNoTriple.
func (e *ParseError) Unwrap() error { return e.Err }

// ParseLine reads one N-Triples line, without its end of line, into a
// triple: the canonical form Write writes, and any other valid spacing
// (spaces and tabs), escaping (UCHAR in IRIs; ECHAR and UCHAR in
// literals) and a trailing comment. It is strict where bordernet is: the
// whole line must be UTF-8, IRIs absolute (schema.ValidIRI, after their
// escapes are decoded), UCHAR escapes code points that are not
// surrogates, blank node labels those schema.Term.Check allows, language
// tags well formed (schema.ValidLangTag), and a datatype never
// rdf:langString. A literal of datatype xsd:string is a plain literal, as
// schema.TypedLiteral makes it. Errors are *ParseError; a blank or comment
// line gives one wrapping ErrNoTriple.
//
// The triple's strings share one copy of the line, so a triple without
// escapes costs a single allocation.
func ParseLine(line []byte) (schema.Triple, error) {
	return parse(string(line))
}

// CheckLine reports whether line is one ParseLine reads, with the same
// error, without allocating for it: for a reader that wants the check and
// not the triple, such as bordernet verify over 24 M lines.
func CheckLine(line []byte) error {
	if len(line) == 0 {
		_, err := parse("")
		return err
	}
	// A view of line, not a copy: the triple parse makes is dropped here,
	// and its errors hold text formatted from the line, never the view.
	_, err := parse(unsafe.String(&line[0], len(line)))
	return err
}

func parse(line string) (schema.Triple, error) {
	var tr schema.Triple
	if !utf8.ValidString(line) {
		at := 0
		for at < len(line) {
			r, n := utf8.DecodeRuneInString(line[at:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			at += n
		}
		return tr, &ParseError{Column: at + 1, Err: errors.New("the line is not valid UTF-8")}
	}
	p := parser{s: line}
	var err error
	p.space()
	if p.i == len(p.s) || p.s[p.i] == '#' {
		return tr, p.fail(p.i, ErrNoTriple)
	}
	switch p.s[p.i] {
	case '<':
		tr.S, err = p.iri()
	case '_':
		tr.S, err = p.blank()
	case '"':
		return tr, p.errorf(p.i, "the subject is a literal")
	default:
		return tr, p.errorf(p.i, "expected '<' or '_:' to start the subject, found %q", p.s[p.i])
	}
	if err != nil {
		return tr, err
	}
	p.space()
	if p.i == len(p.s) {
		return tr, p.errorf(p.i, "expected the predicate, found the end of the line")
	}
	if p.s[p.i] != '<' {
		return tr, p.errorf(p.i, "the predicate is not an IRI")
	}
	if tr.P, err = p.iri(); err != nil {
		return tr, err
	}
	p.space()
	if p.i == len(p.s) {
		return tr, p.errorf(p.i, "expected the object, found the end of the line")
	}
	switch p.s[p.i] {
	case '<':
		tr.O, err = p.iri()
	case '_':
		tr.O, err = p.blank()
	case '"':
		tr.O, err = p.literal()
	default:
		return tr, p.errorf(p.i, "expected '<', '_:' or '\"' to start the object, found %q", p.s[p.i])
	}
	if err != nil {
		return tr, err
	}
	p.space()
	if p.i == len(p.s) || p.s[p.i] != '.' {
		return tr, p.errorf(p.i, "expected ' .' at the end of the triple")
	}
	p.i++
	p.space()
	if p.i < len(p.s) && p.s[p.i] != '#' {
		return tr, p.errorf(p.i, "unexpected text after the triple")
	}
	return tr, nil
}

// parser reads a line held as one string; terms without escapes are
// slices of it.
type parser struct {
	s   string
	i   int
	buf []byte // for terms with escapes
}

func (p *parser) fail(at int, err error) error { return &ParseError{Column: at + 1, Err: err} }

func (p *parser) errorf(at int, format string, args ...any) error {
	return p.fail(at, fmt.Errorf(format, args...))
}

func (p *parser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

// iri reads an IRIREF at p.i, '<' … '>', decoding UCHAR escapes.
func (p *parser) iri() (schema.Term, error) {
	v, err := p.iriref()
	return schema.IRI(v), err
}

func (p *parser) iriref() (string, error) {
	start := p.i
	p.i++ // '<'
	from := p.i
	escaped := false
	p.buf = p.buf[:0]
	for p.i < len(p.s) {
		// Skip the plain bytes at once: most of an IRI.
		for p.i < len(p.s) && iriPlain[p.s[p.i]] {
			p.i++
		}
		if p.i == len(p.s) {
			break
		}
		c := p.s[p.i]
		switch {
		case c == '>':
			var v string
			if escaped {
				p.buf = append(p.buf, p.s[from:p.i]...)
				v = string(p.buf)
			} else {
				v = p.s[from:p.i]
			}
			p.i++
			if !schema.ValidIRI(v) {
				return "", p.errorf(start, "%q is not an absolute IRI", v)
			}
			return v, nil
		case c == '\\':
			p.buf = append(p.buf, p.s[from:p.i]...)
			r, err := p.uchar()
			if err != nil {
				return "", err
			}
			p.buf = utf8.AppendRune(p.buf, r)
			from, escaped = p.i, true
		default:
			return "", p.errorf(p.i, "%q is not allowed in an IRI", c)
		}
	}
	return "", p.errorf(start, "IRI without its closing '>'")
}

// uchar reads \uXXXX or \UXXXXXXXX at p.i: a code point, not a surrogate.
func (p *parser) uchar() (rune, error) {
	start := p.i
	if p.i+1 >= len(p.s) {
		return 0, p.errorf(start, "'\\' at the end of the line")
	}
	n := 0
	switch p.s[p.i+1] {
	case 'u':
		n = 4
	case 'U':
		n = 8
	default:
		return 0, p.errorf(start, "unknown escape \\%c", p.s[p.i+1])
	}
	if p.i+2+n > len(p.s) {
		return 0, p.errorf(start, "escape %q cut short", p.s[p.i:])
	}
	var v uint32
	for _, c := range []byte(p.s[p.i+2 : p.i+2+n]) {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, p.errorf(start, "%q is not a character escape: %q is not a hex digit", p.s[p.i:p.i+2+n], c)
		}
		v = v<<4 | uint32(d)
	}
	if v > utf8.MaxRune || !utf8.ValidRune(rune(v)) {
		return 0, p.errorf(start, "%q is not a character escape", p.s[p.i:p.i+2+n])
	}
	p.i += 2 + n
	return rune(v), nil
}

// blank reads _:label at p.i. The label ends at a space, a tab or the
// '.' that ends the triple: bordernet's labels hold no '.' (see
// schema.Term.Check), so one inside a label is an error.
func (p *parser) blank() (schema.Term, error) {
	start := p.i
	if p.i+1 >= len(p.s) || p.s[p.i+1] != ':' {
		return schema.Term{}, p.errorf(start, "expected '_:'")
	}
	p.i += 2
	from := p.i
	for p.i < len(p.s) && isLabel(p.s[p.i]) {
		p.i++
	}
	if p.i < len(p.s) && (p.s[p.i] != ' ' && p.s[p.i] != '\t' && p.s[p.i] != '.' || p.s[p.i] == '.' && p.i+1 < len(p.s) && isLabel(p.s[p.i+1])) {
		return schema.Term{}, p.errorf(p.i, "%q is not allowed in a blank node label", p.s[p.i])
	}
	t := schema.Blank(p.s[from:p.i])
	if err := t.Check(); err != nil {
		return t, p.errorf(start, "%v", err)
	}
	return t, nil
}

func isLabel(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// literal reads "…" at p.i with an optional @lang or ^^<datatype>.
func (p *parser) literal() (schema.Term, error) {
	start := p.i
	p.i++ // '"'
	from := p.i
	escaped := false
	p.buf = p.buf[:0]
	var value string
	for {
		// Jump to the next byte that means something in a string.
		if k := strings.IndexAny(p.s[p.i:], "\"\\\n\r"); k >= 0 {
			p.i += k
		} else {
			p.i = len(p.s)
		}
		if p.i >= len(p.s) {
			return schema.Term{}, p.errorf(start, "literal without its closing '\"'")
		}
		c := p.s[p.i]
		if c == '"' {
			if escaped {
				p.buf = append(p.buf, p.s[from:p.i]...)
				value = string(p.buf)
			} else {
				value = p.s[from:p.i]
			}
			p.i++
			break
		}
		if c == '\n' || c == '\r' {
			return schema.Term{}, p.errorf(p.i, "a line break in a literal must be escaped")
		}
		// '\\'
		p.buf = append(p.buf, p.s[from:p.i]...)
		escaped = true
		if p.i+1 >= len(p.s) {
			return schema.Term{}, p.errorf(p.i, "'\\' at the end of the line")
		}
		switch e := p.s[p.i+1]; e {
		case 't', 'b', 'n', 'r', 'f', '"', '\'', '\\':
			p.buf = append(p.buf, echar[e])
			p.i += 2
		default:
			r, err := p.uchar()
			if err != nil {
				return schema.Term{}, err
			}
			p.buf = utf8.AppendRune(p.buf, r)
		}
		from = p.i
	}
	if p.i < len(p.s) && p.s[p.i] == '@' {
		p.i++
		at := p.i
		for p.i < len(p.s) && (isAlnum(p.s[p.i]) || p.s[p.i] == '-') {
			p.i++
		}
		lang := p.s[at:p.i]
		if !schema.ValidLangTag(lang) {
			return schema.Term{}, p.errorf(at, "%q is not a language tag", lang)
		}
		return schema.LangLiteral(value, lang), nil
	}
	if p.i < len(p.s) && p.s[p.i] == '^' {
		if p.i+1 >= len(p.s) || p.s[p.i+1] != '^' {
			return schema.Term{}, p.errorf(p.i, "expected '^^' before the datatype")
		}
		p.i += 2
		if p.i >= len(p.s) || p.s[p.i] != '<' {
			return schema.Term{}, p.errorf(p.i, "expected the datatype IRI after '^^'")
		}
		dt, err := p.iriref()
		if err != nil {
			return schema.Term{}, err
		}
		if dt == schema.RDFLangString {
			return schema.Term{}, p.errorf(start, "a literal of datatype rdf:langString needs a language tag")
		}
		return schema.TypedLiteral(value, dt), nil
	}
	return schema.Literal(value), nil
}

// iriPlain says which bytes an IRIREF holds as they are: all but
// controls, space, <"{}|^` and '\\' (an escape) and '>' (the end).
var iriPlain = func() (t [256]bool) {
	for c := range t {
		t[c] = c > ' ' && !strings.ContainsRune("<>\"{}|^`\\", rune(c))
	}
	return t
}()

// echar maps the letter of an ECHAR to the byte it stands for.
var echar = [256]byte{'t': '\t', 'b': '\b', 'n': '\n', 'r': '\r', 'f': '\f', '"': '"', '\'': '\'', '\\': '\\'}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
