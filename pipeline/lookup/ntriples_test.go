package lookup

import (
	"strings"
	"testing"

	"github.com/bordernet/bordernet/pipeline/export/ntriples/rdftest"
	"github.com/bordernet/bordernet/schema"
)

func TestParseLineRoundTrip(t *testing.T) {
	triples := append(rdftest.Triples(rdftest.Graph()), rdftest.EdgeTriples()...)
	for _, tr := range triples {
		line := tr.AppendNTriples(nil)
		got, err := ParseLine(line[:len(line)-1])
		if err != nil {
			t.Errorf("ParseLine(%s): %v", line, err)
			continue
		}
		if got != normal(tr) {
			t.Errorf("ParseLine(%s) = %v, want %v", line, got, tr)
		}
	}
}

// normal is tr as N-Triples states it: rdf:langString is implied by a
// language tag, xsd:string by none.
func normal(tr schema.Triple) schema.Triple {
	if tr.O.Lang != "" {
		tr.O.Datatype = ""
	}
	if tr.O.Datatype == schema.XSDString {
		tr.O.Datatype = ""
	}
	return tr
}

func TestParseLine(t *testing.T) {
	iri := schema.IRI
	for _, tc := range []struct {
		line string
		want schema.Triple
	}{
		{`<http://a/s> <http://a/p> "x" .`, schema.Triple{S: iri("http://a/s"), P: iri("http://a/p"), O: schema.Literal("x")}},
		{"\t<http://a/s>\t<http://a/p>   <http://a/o>.  # comment", schema.Triple{S: iri("http://a/s"), P: iri("http://a/p"), O: iri("http://a/o")}},
		{`_:b1 <http://a/p> "\u00E9\U0001D11E\'"@fr-BE .`, schema.Triple{S: schema.Blank("b1"), P: iri("http://a/p"), O: schema.LangLiteral("é𝄞'", "fr-BE")}},
		{`<http://a/\u00E9> <http://a/p> "1"^^<http://www.w3.org/2001/XMLSchema#string> .`, schema.Triple{S: iri("http://a/é"), P: iri("http://a/p"), O: schema.Literal("1")}},
		{`<http://a/s> <http://a/p> "2004"^^<http://www.w3.org/2001/XMLSchema#gYear> .`, schema.Triple{S: iri("http://a/s"), P: iri("http://a/p"), O: schema.TypedLiteral("2004", schema.XSDGYear)}},
	} {
		got, err := ParseLine([]byte(tc.line))
		if err != nil || got != tc.want {
			t.Errorf("ParseLine(%q) = %v, %v; want %v", tc.line, got, err, tc.want)
		}
	}
}

func TestParseLineErrors(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{``, "column 1: expected a term"},
		{`"lit" <http://a/p> <http://a/o> .`, "the subject is a literal"},
		{`<http://a/s> _:p <http://a/o> .`, "column 14: the predicate is not an IRI"},
		{`<http://a/s> <http://a/p> <http://a/o>`, "expected ' .'"},
		{`<http://a/s> <http://a/p> <http://a/o> . x`, "unexpected text"},
		{`<relative> <http://a/p> "x" .`, "not an absolute IRI"},
		{`<http://a/s x> <http://a/p> "x" .`, "not allowed in an IRI"},
		{`<http://a/s <http://a/p> "x" .`, "not allowed in an IRI"},
		{`<http://a/s> <http://a/p> "x .`, "closing '\"'"},
		{`<http://a/s> <http://a/p> "x\q" .`, "unknown escape"},
		{`<http://a/s> <http://a/p> "\uD800" .`, "not a character escape"},
		{`<http://a/s> <http://a/p> "x"@ .`, "not a language tag"},
		{`<http://a/s> <http://a/p> "x"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString> .`, "needs a language tag"},
		{"<http://a/s> <http://a/p> \"\xff\" .", "not valid UTF-8"},
	} {
		_, err := ParseLine([]byte(tc.line))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseLine(%q) = %v, want an error with %q", tc.line, err, tc.want)
		}
	}
}

// FuzzParseLine: never a panic; whatever parses is a valid triple that
// writes back to a line parsing to the same triple.
func FuzzParseLine(f *testing.F) {
	for _, tr := range append(rdftest.Triples(rdftest.Graph()), rdftest.EdgeTriples()...) {
		line := tr.AppendNTriples(nil)
		f.Add(line[:len(line)-1])
	}
	f.Add([]byte(`_:b <http://a/p> "\U0001D11E"@en-GB-x-y .`))
	f.Fuzz(func(t *testing.T, line []byte) {
		tr, err := ParseLine(line)
		if err != nil {
			return
		}
		if err := tr.Check(); err != nil {
			t.Fatalf("ParseLine(%q) gave an invalid triple %v: %v", line, tr, err)
		}
		again := tr.AppendNTriples(nil)
		back, err := ParseLine(again[:len(again)-1])
		if err != nil || back != tr {
			t.Fatalf("%q -> %v -> %q -> %v, %v", line, tr, again, back, err)
		}
	})
}
