package lookup

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bordernet/bordernet/schema"
)

// ParseLine reads one N-Triples line (without its newline) into a triple:
// the canonical form bordernet writes, and any other valid spacing and
// escaping (\uXXXX in IRIs, every ECHAR and UCHAR in literals). Errors
// name the byte column, counted from 1.
func ParseLine(line []byte) (schema.Triple, error) {
	p := lineParser{s: string(line)}
	var tr schema.Triple
	var err error
	p.space()
	if tr.S, err = p.term(); err != nil {
		return tr, err
	}
	if tr.S.Kind == schema.TermLiteral {
		return tr, p.errorf(0, "the subject is a literal")
	}
	p.space()
	start := p.i
	if tr.P, err = p.term(); err != nil {
		return tr, err
	}
	if tr.P.Kind != schema.TermIRI {
		return tr, p.errorf(start, "the predicate is not an IRI")
	}
	p.space()
	if tr.O, err = p.term(); err != nil {
		return tr, err
	}
	p.space()
	if !p.eat('.') {
		return tr, p.errorf(p.i, "expected ' .' at the end of the triple")
	}
	p.space()
	if p.i < len(p.s) && p.s[p.i] != '#' {
		return tr, p.errorf(p.i, "unexpected text after the triple")
	}
	return tr, nil
}

type lineParser struct {
	s string
	i int
}

func (p *lineParser) errorf(at int, format string, args ...any) error {
	return fmt.Errorf("column %d: %s", at+1, fmt.Sprintf(format, args...))
}

func (p *lineParser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

func (p *lineParser) eat(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *lineParser) term() (schema.Term, error) {
	if p.i >= len(p.s) {
		return schema.Term{}, p.errorf(p.i, "expected a term, found the end of the line")
	}
	switch p.s[p.i] {
	case '<':
		iri, err := p.iri()
		return schema.IRI(iri), err
	case '_':
		return p.blank()
	case '"':
		return p.literal()
	}
	return schema.Term{}, p.errorf(p.i, "expected '<', '_:' or '\"', found %q", p.s[p.i])
}

// iri reads <...>, decoding \u and \U escapes.
func (p *lineParser) iri() (string, error) {
	start := p.i
	p.i++ // '<'
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '>':
			p.i++
			iri := b.String()
			if !schema.ValidIRI(iri) {
				return "", p.errorf(start, "%q is not an absolute IRI", iri)
			}
			return iri, nil
		case c == '\\':
			r, err := p.uchar()
			if err != nil {
				return "", err
			}
			b.WriteRune(r)
		case c <= ' ' || strings.IndexByte("<\"{}|^`", c) >= 0:
			return "", p.errorf(p.i, "%q is not allowed in an IRI", c)
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	return "", p.errorf(start, "IRI without its closing '>'")
}

// uchar reads \uXXXX or \UXXXXXXXX at p.i.
func (p *lineParser) uchar() (rune, error) {
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
		return 0, p.errorf(start, "escape cut short")
	}
	v, err := strconv.ParseUint(p.s[p.i+2:p.i+2+n], 16, 32)
	if err != nil || !utf8.ValidRune(rune(v)) {
		return 0, p.errorf(start, "%q is not a character escape", p.s[p.i:p.i+2+n])
	}
	p.i += 2 + n
	return rune(v), nil
}

func (p *lineParser) blank() (schema.Term, error) {
	start := p.i
	if !strings.HasPrefix(p.s[p.i:], "_:") {
		return schema.Term{}, p.errorf(start, "expected '_:'")
	}
	p.i += 2
	end := p.i
	for end < len(p.s) && p.s[end] != ' ' && p.s[end] != '\t' {
		end++
	}
	label := strings.TrimSuffix(p.s[p.i:end], ".")
	p.i += len(label)
	t := schema.Blank(label)
	if err := t.Check(); err != nil {
		return t, p.errorf(start, "%v", err)
	}
	return t, nil
}

func (p *lineParser) literal() (schema.Term, error) {
	start := p.i
	p.i++ // '"'
	var b strings.Builder
	closed := false
	for p.i < len(p.s) && !closed {
		c := p.s[p.i]
		switch c {
		case '"':
			p.i++
			closed = true
		case '\\':
			if p.i+1 >= len(p.s) {
				return schema.Term{}, p.errorf(p.i, "'\\' at the end of the line")
			}
			if e := strings.IndexByte(`tbnrf"'\`, p.s[p.i+1]); e >= 0 {
				b.WriteByte("\t\b\n\r\f\"'\\"[e])
				p.i += 2
				continue
			}
			r, err := p.uchar()
			if err != nil {
				return schema.Term{}, err
			}
			b.WriteRune(r)
		case '\n', '\r':
			return schema.Term{}, p.errorf(p.i, "a line break in a literal must be escaped")
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	if !closed {
		return schema.Term{}, p.errorf(start, "literal without its closing '\"'")
	}
	value := b.String()
	if !utf8.ValidString(value) {
		return schema.Term{}, p.errorf(start, "the literal is not valid UTF-8")
	}
	switch {
	case p.eat('@'):
		at := p.i
		for p.i < len(p.s) && (isAlnum(p.s[p.i]) || p.s[p.i] == '-') {
			p.i++
		}
		lang := p.s[at:p.i]
		if !schema.ValidLangTag(lang) {
			return schema.Term{}, p.errorf(at, "%q is not a language tag", lang)
		}
		return schema.LangLiteral(value, lang), nil
	case strings.HasPrefix(p.s[p.i:], "^^"):
		p.i += 2
		if p.i >= len(p.s) || p.s[p.i] != '<' {
			return schema.Term{}, p.errorf(p.i, "expected the datatype IRI after '^^'")
		}
		dt, err := p.iri()
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

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
