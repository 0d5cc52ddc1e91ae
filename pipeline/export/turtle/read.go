package turtle

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/knakk/rdf"

	"github.com/bordernet/bordernet/schema"
)

// Read parses a small Turtle document (a catalogue) with knakk/rdf into
// bordernet's terms, in document order, holding every triple; it is not
// meant for a release's records. It decodes to the end even after an
// error, because knakk's lexer runs in a goroutine that leaks when its
// decoder is abandoned early, and returns the first error.
func Read(r io.Reader) ([]schema.Triple, error) {
	dec := rdf.NewTripleDecoder(r, rdf.Turtle)
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
