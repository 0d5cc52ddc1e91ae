package turtle

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

const ttlPrefixes = "@prefix ex: <http://example.org/> .\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n@base <http://example.org/base/> .\n"

func TestTurtleSyntax(t *testing.T) {
	for _, tc := range []struct {
		doc string
		ok  bool
	}{
		{"", true},
		{"# only a comment", true},
		{"ex:a ex:b ex:c .", true},
		{"ex:a a ex:C ; ex:b \"x\"@en-GB, 'y', \"\"\"long\n\"quoted\" \"\"\"^^xsd:string ; .", true},
		{"<rel> <http://p> 1, -2.5, 3e10, .5, true, false .", true},
		{"ex:a ex:b [ ex:c ( 1 2 ( 3 ) ) ] .", true},
		{"[ ex:b ex:c ] .", true},
		{"[] ex:b ex:c .", true},
		{"_:x ex:b _:y.z .", true},
		{"ex:a.b ex:p ex:end. ex:n ex:p ex:o .", true},
		{"ex:a ex:b ex:c%20d, ex:e\\,f, ex:: .", true},
		{"ex:a ex:b '''a ''b'' c''' .", true},
		{"ex:a ex:b \"\\u00e9\\U0001F600\\n\" .", true},
		{"ex:a ex:b ex:c", false},              // no final dot
		{"nope:a ex:b ex:c .", false},          // undeclared prefix
		{"ex:a ex:b \"open .", false},          // unclosed string
		{"ex:a ex:b \"line\nbreak\" .", false}, // newline in a short string
		{"ex:a ex:b <has space> .", false},
		{"ex:a ex:b \"x\"@ .", false},
		{"ex:a ex:b \"\\q\" .", false},
		{"ex:a ex:b ( 1 2 .", false},
		{"ex:a ex:b [ ex:c ex:d .", false},
		{"ex:a ex:b ex:c ; ex:d .", false}, // a verb without an object
		{"@prefix ex <http://x/> .", false},
		{"@foo <x> .", false},
		{"ex:a ex:b 1e .", false},
		{"ex:a ex:b ex:c ..", false},
		{"ex:a ex:b \"\"\"never closed", false},
		{strings.Repeat("(", 2000) + strings.Repeat(")", 2000) + " ex:b ex:c .", false}, // too deep
	} {
		err := Check(strings.NewReader(ttlPrefixes + tc.doc))
		if (err == nil) != tc.ok {
			t.Errorf("%q: err = %v, want ok=%v", tc.doc, err, tc.ok)
		}
	}
	var le *SyntaxError
	if err := Check(strings.NewReader(ttlPrefixes + "ex:a ex:b ex:c .\nex:d ex:e \"x .\n")); !errors.As(err, &le) || le.Line != 5 {
		t.Errorf("error at line %v, want 5", err)
	}
}

// TestTurtleAgreesOnTheGoldenRelease: the repository's release files
// that knakk/rdf reads, this checker accepts too.
func TestTurtleAgreesOnTheGoldenRelease(t *testing.T) {
	for _, name := range []string{"bordernet.ttl", "catalog.ttl"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "release", "2026-11-27", name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Read(bytes.NewReader(data)); err != nil {
			t.Fatalf("knakk: %v", err)
		}
		if err := Check(bytes.NewReader(data)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// FuzzTurtle: the checker never panics; it accepts what bordernet's
// Turtle writer writes for any triple that passes Triple.Check; and what
// it accepts, knakk/rdf reads without error.
func FuzzTurtle(f *testing.F) {
	f.Add([]byte("ex:a ex:b ex:c ."), "Frontex \"x\" \n 𝄞", "en", "https://example.org/a%20b")
	f.Add([]byte("[ ex:b ( 1 2.5 ) ] ."), "", "", "urn:x")
	f.Fuzz(func(t *testing.T, doc []byte, text, lang, iri string) {
		full := ttlPrefixes + string(doc)
		if Check(strings.NewReader(full)) == nil {
			if _, err := Read(strings.NewReader(full)); err != nil {
				t.Errorf("accepted %q, which knakk/rdf rejects: %v", doc, err)
			}
		}
		s := schema.IRI(iri)
		triples := []schema.Triple{
			{S: s, P: schema.IRI(schema.NSDCT + "title"), O: schema.LangLiteral(text, lang)},
			{S: s, P: schema.IRI(schema.NSDCT + "identifier"), O: schema.Literal(text)},
			{S: s, P: schema.IRI(schema.NSRDFS + "seeAlso"), O: schema.IRI(iri)},
		}
		for _, tr := range triples {
			if tr.Check() != nil {
				return
			}
		}
		var buf bytes.Buffer
		g := schema.Graph{Prefixes: schema.CommonPrefixes(), Blocks: func(yield func([]schema.Triple) bool) { yield(triples) }}
		if err := Write(&buf, g); err != nil {
			return
		}
		if err := Check(bytes.NewReader(buf.Bytes())); err != nil {
			t.Errorf("the writer's Turtle is rejected: %v\n%s", err, buf.Bytes())
		}
	})
}
