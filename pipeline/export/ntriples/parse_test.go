package ntriples_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/pipeline/export/ntriples"
	"github.com/bordernet/bordernet/pipeline/export/ntriples/rdftest"
	"github.com/bordernet/bordernet/schema"
)

// writeLine writes tr alone with Write and returns its line without the
// end of line.
func writeLine(t testing.TB, tr schema.Triple) []byte {
	t.Helper()
	out := write(t, schema.Graph{Blocks: slices.Values([][]schema.Triple{{tr}})})
	line, ok := bytes.CutSuffix(out, []byte("\n"))
	if !ok || bytes.IndexByte(line, '\n') >= 0 {
		t.Fatalf("Write(%v) = %q, want one line", tr, out)
	}
	return line
}

func TestParseLineRoundTrip(t *testing.T) {
	for _, tr := range append(rdftest.Triples(rdftest.Graph()), rdftest.EdgeTriples()...) {
		line := writeLine(t, tr)
		got, err := ntriples.ParseLine(line)
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
		{`_:b1 <http://a/p> _:b2.`, schema.Triple{S: schema.Blank("b1"), P: iri("http://a/p"), O: schema.Blank("b2")}},
		{`<http://a/s> <http://a/p> "x\"y\\z\n\t\b\f\r"@en-GB .`, schema.Triple{S: iri("http://a/s"), P: iri("http://a/p"), O: schema.LangLiteral("x\"y\\z\n\t\b\f\r", "en-GB")}},
		{`<http://a/s> <http://a/p> "a\u0000b"^^<http://a/dt> .`, schema.Triple{S: iri("http://a/s"), P: iri("http://a/p"), O: schema.TypedLiteral("a\x00b", "http://a/dt")}},
	} {
		got, err := ntriples.ParseLine([]byte(tc.line))
		if err != nil || got != tc.want {
			t.Errorf("ParseLine(%q) = %v, %v; want %v", tc.line, got, err, tc.want)
		}
	}
}

// TestParseLineLines: which lines are triples (the cases of the checker
// bordernet verify had before it read lines with ParseLine).
func TestParseLineLines(t *testing.T) {
	for _, tc := range []struct {
		line string
		ok   bool
	}{
		{`<http://a/s> <http://a/p> <http://a/o> .`, true},
		{`<http://a/s> <http://a/p> "x" .`, true},
		{`<http://a/s> <http://a/p> "x\"y\\z\n\u00E9\U0001F600"@en-GB .`, true},
		{`<http://a/s> <http://a/p> "2004"^^<http://www.w3.org/2001/XMLSchema#gYear> .`, true},
		{`_:b1 <http://a/p> _:b2 .`, true},
		{`<http://a/s> <http://a/p> "x" . # comment`, true},
		{`<http://a/s> <http://a/p> "x" . # comment`, true},
		{`<http://a/s> <http://a/p> <http://a/o>`, false},          // no dot
		{`<http://a/s> <http://a/p> <http://a/o> . extra`, false},  // text after
		{`<s> <http://a/p> <http://a/o> .`, false},                 // relative IRI
		{`<http://a/s> "p" <http://a/o> .`, false},                 // literal predicate
		{`<http://a/s> <http://a/p> "open .`, false},               // unclosed string
		{`<http://a/s> <http://a/p> "x"@ .`, false},                // empty language
		{`<http://a/s> <http://a/p> "x"^<http://t> .`, false},      // one caret
		{`<http://a/s> <http://a/p> "\q" .`, false},                // bad escape
		{`<http://a/s> <http://a/p> "\u12" .`, false},              // short escape
		{`<http://a/s x> <http://a/p> <http://a/o> .`, false},      // space in IRI
		{`<http://a/s> <http://a/p> <http://a/o .`, false},         // unclosed IRI
		{"<http://a/s> <http://a/p> \"\xff\" .", false},            // not UTF-8
		{`_: <http://a/p> <http://a/o> .`, false},                  // empty label
		{"<http://a/s> <http://a/p> \"x\" .\r", false},             // a CR not before LF
		{"<http://a/s> <http://a/p> \"x\" .\n", false},             // an end of line is not part of the line
		{`<http://a/s> <http://a/p> "x" . # ` + "\xff", false},     // not UTF-8, in a comment
		{`<http://a/\u0020> <http://a/p> "x" .`, false},            // an escape for a space
		{`<http://a/\u00zz> <http://a/p> "x" .`, false},            // not hex
		{`<http://a/s> <http://a/p> "\U00110000" .`, false},        // beyond Unicode
		{`<http://a/s> <http://a/p> "\uDC00" .`, false},            // a surrogate
		{`_:a.b <http://a/p> "x" .`, false},                        // a dot inside a label
		{`_:é <http://a/p> "x" .`, false},                          // not a label bordernet writes
		{`_:-a <http://a/p> "x" .`, false},                         // nor this
		{`<http://a/s> <http://a/p> "x"@en- .`, false},             // language ends with '-'
		{`<http://a/s> <http://a/p> "x"@1en .`, false},             // language starts with a digit
		{`<http://a/s> <http://a/p> "x"@en.`, true},                // '.' right after the tag
		{`<http://a/s> <http://a/p> "x"^^<dt> .`, false},           // relative datatype
		{`<http://a/s> <http://a/p> "x"^^ <http://a/dt> .`, false}, // space before the datatype
		{`<http://a/s> <http://a/p> "x" "y" .`, false},             // two objects
	} {
		_, err := ntriples.ParseLine([]byte(tc.line))
		if (err == nil) != tc.ok {
			t.Errorf("%q: err = %v, want ok=%v", tc.line, err, tc.ok)
		}
		if cerr := ntriples.CheckLine([]byte(tc.line)); fmt.Sprint(cerr) != fmt.Sprint(err) {
			t.Errorf("CheckLine(%q) = %v, but ParseLine says %v", tc.line, cerr, err)
		}
		var pe *ntriples.ParseError
		if err != nil && (!errors.As(err, &pe) || pe.Column < 1 || pe.Column > len(tc.line)+1) {
			t.Errorf("%q: err = %#v, want a *ParseError with a column on the line", tc.line, err)
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
		{"<http://a/s> <http://a/p> \"\xff\" .", "column 28: the line is not valid UTF-8"},
		{`_:a.b <http://a/p> "x" .`, "column 4: '.' is not allowed in a blank node label"},
		{`_:a" <http://a/p> "x" .`, "column 4: '\"' is not allowed in a blank node label"},
	} {
		_, err := ntriples.ParseLine([]byte(tc.line))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseLine(%q) = %v, want an error with %q", tc.line, err, tc.want)
		}
	}
}

// TestParseLineNoTriple: a blank or comment line is no triple, an error
// a reader of documents tells apart with errors.Is.
func TestParseLineNoTriple(t *testing.T) {
	for _, line := range []string{"", " \t", "# a comment", "  # é"} {
		if _, err := ntriples.ParseLine([]byte(line)); !errors.Is(err, ntriples.ErrNoTriple) {
			t.Errorf("ParseLine(%q) = %v, want %v", line, err, ntriples.ErrNoTriple)
		}
	}
	if _, err := ntriples.ParseLine([]byte("# \xff")); err == nil || errors.Is(err, ntriples.ErrNoTriple) {
		t.Errorf("a comment that is not UTF-8: err = %v, want one", err)
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
		tr, err := ntriples.ParseLine(line)
		if cerr := ntriples.CheckLine(line); fmt.Sprint(cerr) != fmt.Sprint(err) {
			t.Fatalf("CheckLine(%q) = %v, but ParseLine says %v", line, cerr, err)
		}
		if err != nil {
			var pe *ntriples.ParseError
			if !errors.As(err, &pe) || pe.Column < 1 || pe.Column > len(line)+1 {
				t.Fatalf("ParseLine(%q) = %#v, want a *ParseError with a column on the line", line, err)
			}
			return
		}
		if err := tr.Check(); err != nil {
			t.Fatalf("ParseLine(%q) gave an invalid triple %v: %v", line, tr, err)
		}
		again := writeLine(t, tr)
		back, err := ntriples.ParseLine(again)
		if err != nil || back != tr {
			t.Fatalf("%q -> %v -> %q -> %v, %v", line, tr, again, back, err)
		}
	})
}

// FuzzWriteParse: ParseLine accepts every line the writer writes, for a
// triple that passes Triple.Check whatever its literal's text, language,
// datatype or IRIs, and reads back the triple written:
// parse(write(t)) == t. Any bytes, and an IRI before them, never panic.
func FuzzWriteParse(f *testing.F) {
	f.Add("Frontex", "en", "http://a/s", byte(0))
	f.Add("quote \" backslash \\ newline \n tab \t é 𝄞 \x7f", "zh-Hant-TW", "https://w3id.org/bordernet/id/a%20b", byte(1))
	f.Add("", "", "urn:x", byte(2))
	f.Add("b0", "", "http://a/é", byte(3))
	f.Fuzz(func(t *testing.T, text, lang, iri string, kind byte) {
		_, _ = ntriples.ParseLine([]byte(text)) // any bytes: no panic
		_, _ = ntriples.ParseLine([]byte(iri + " " + text))
		var o schema.Term
		s := schema.IRI(iri)
		switch kind % 4 {
		case 0:
			o = schema.LangLiteral(text, lang)
		case 1:
			o = schema.TypedLiteral(text, iri)
		case 2:
			o = schema.IRI(iri)
		default:
			o, s = schema.Blank(lang), schema.Blank(text)
		}
		tr := schema.Triple{S: s, P: schema.IRI("http://a/p"), O: o}
		if tr.Check() != nil {
			return
		}
		line := writeLine(t, tr)
		got, err := ntriples.ParseLine(line)
		if err != nil {
			t.Fatalf("the writer's line %q is rejected: %v", line, err)
		}
		if got != normal(tr) {
			t.Fatalf("the writer's line %q reads back as %v, want %v", line, got, tr)
		}
	})
}

// TestCheckLineAllocs: CheckLine copies nothing for a line without
// escapes, and ParseLine copies it once.
func TestCheckLineAllocs(t *testing.T) {
	line := []byte(`<https://w3id.org/bordernet/id/frontex> <http://www.w3.org/2004/02/skos/core#prefLabel> "Frontex"@en .`)
	if n := testing.AllocsPerRun(100, func() { _ = ntriples.CheckLine(line) }); n != 0 {
		t.Errorf("CheckLine: %v allocations, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { _, _ = ntriples.ParseLine(line) }); n != 1 {
		t.Errorf("ParseLine: %v allocations, want 1", n)
	}
}

// BenchmarkParseLine reads every line of the golden release's
// bordernet.nt, as lookup does for a record (a line, its triple).
func BenchmarkParseLine(b *testing.B) {
	data, err := os.ReadFile("../../../testdata/release/2026-11-27/bordernet.nt")
	if err != nil {
		b.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			if _, err := ntriples.ParseLine(l); err != nil {
				b.Fatal(err)
			}
		}
	}
}
