package turtle

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/knakk/rdf"

	"github.com/bordernet/bordernet/schema"
)

// Read parses a small Turtle document (a catalogue) with knakk/rdf into
// bordernet's terms, in document order, holding every triple; it is not
// meant for a release's records. The document is first read whole and
// checked (Check): knakk's lexer panics on some malformed input, in a
// goroutine of its own that no recover reaches, and a file found in an
// output folder or a downloaded release may be anything. knakk decodes to
// the end even after an error, because its lexer goroutine leaks when the
// decoder is abandoned early; the first error is returned.
func Read(r io.Reader) ([]schema.Triple, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("turtle: %w", err)
	}
	if err := Check(bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("turtle: %w", err)
	}
	dec := rdf.NewTripleDecoder(bytes.NewReader(data), rdf.Turtle)
	var out []schema.Triple
	var first error
	for errs := 0; errs < 1000; {
		t, err := dec.Decode()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if first == nil {
				first = err
			}
			errs++
			continue
		}
		out = append(out, schema.Triple{S: fromKnakk(t.Subj), P: fromKnakk(t.Pred), O: fromKnakk(t.Obj)})
	}
	if first != nil {
		return nil, fmt.Errorf("turtle: %w", first)
	}
	return out, nil
}

func fromKnakk(t rdf.Term) schema.Term {
	switch v := t.(type) {
	case rdf.IRI:
		return schema.IRI(v.String())
	case rdf.Blank:
		return schema.Blank(strings.TrimPrefix(v.String(), "_:"))
	case rdf.Literal:
		if v.Lang() != "" {
			return schema.LangLiteral(v.String(), v.Lang())
		}
		return schema.TypedLiteral(v.String(), v.DataType.String())
	}
	return schema.Term{Value: fmt.Sprint(t)}
}
