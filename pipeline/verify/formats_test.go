package verify

import (
	"errors"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

func TestNTriplesLines(t *testing.T) {
	for _, tc := range []struct {
		line string
		ok   bool
	}{
		{`<http://a/s> <http://a/p> <http://a/o> .` + "\n", true},
		{`<http://a/s> <http://a/p> "x" .`, true},
		{`<http://a/s> <http://a/p> "x\"y\\z\n\u00E9\U0001F600"@en-GB .`, true},
		{`<http://a/s> <http://a/p> "2004"^^<http://www.w3.org/2001/XMLSchema#gYear> .`, true},
		{`_:b1 <http://a/p> _:b2 .`, true},
		{`<http://a/s> <http://a/p> "x" . # comment`, true},
		{"\n", true},
		{"# only a comment\n", true},
		{`<http://a/s> <http://a/p> "x" .` + "\r\n", true},
		{`<http://a/s> <http://a/p> <http://a/o>`, false},         // no dot
		{`<http://a/s> <http://a/p> <http://a/o> . extra`, false}, // text after
		{`<s> <http://a/p> <http://a/o> .`, false},                // relative IRI
		{`<http://a/s> "p" <http://a/o> .`, false},                // literal predicate
		{`<http://a/s> <http://a/p> "open .`, false},              // unclosed string
		{`<http://a/s> <http://a/p> "x"@ .`, false},               // empty language
		{`<http://a/s> <http://a/p> "x"^<http://t> .`, false},     // one caret
		{`<http://a/s> <http://a/p> "\q" .`, false},               // bad escape
		{`<http://a/s> <http://a/p> "\u12" .`, false},             // short escape
		{`<http://a/s x> <http://a/p> <http://a/o> .`, false},     // space in IRI
		{`<http://a/s> <http://a/p> <http://a/o .`, false},        // unclosed IRI
		{"<http://a/s> <http://a/p> \"\xff\" .", false},           // not UTF-8
		{`_: <http://a/p> <http://a/o> .`, false},                 // empty label
	} {
		err := checkNTriplesLine([]byte(tc.line))
		if (err == nil) != tc.ok {
			t.Errorf("%q: err = %v, want ok=%v", tc.line, err, tc.ok)
		}
	}
}

func TestNTriplesFile(t *testing.T) {
	good := "<http://a/s> <http://a/p> \"1\" .\n<http://a/s> <http://a/p> \"2\" .\n"
	if err := checkNTriples(strings.NewReader(good)); err != nil {
		t.Errorf("good file: %v", err)
	}
	var le *lineError
	if err := checkNTriples(strings.NewReader(good + "<http://a/s> <http://a/p> \"3")); !errors.As(err, &le) || le.Line != 3 {
		t.Errorf("cut file: err = %v, want line 3", err)
	}
	if err := checkNTriples(strings.NewReader(good + "<http://a/s> <http://a/p> \"3\" .")); !errors.As(err, &le) || le.Line != 3 {
		t.Errorf("no final newline: err = %v, want line 3", err)
	}
	long := "<http://a/s> <http://a/p> \"" + strings.Repeat("x", 3<<20) + "\" .\n"
	if err := checkNTriples(strings.NewReader(good + long + good)); err != nil {
		t.Errorf("a 3 MiB line: %v", err)
	}
}

// FuzzNTriplesLine: the checker never panics, and it accepts every line
// bordernet's own N-Triples serialiser writes for a triple that passes
// Triple.Check, whatever the literal's text and language.
func FuzzNTriplesLine(f *testing.F) {
	f.Add("Frontex", "en", "http://a/s", byte(0))
	f.Add("quote \" backslash \\ newline \n tab \t é 𝄞 \x7f", "zh-Hant-TW", "https://w3id.org/bordernet/id/a%20b", byte(1))
	f.Add("", "", "urn:x", byte(2))
	f.Fuzz(func(t *testing.T, text, lang, iri string, kind byte) {
		_ = checkNTriplesLine([]byte(text)) // any bytes: no panic
		_ = checkNTriplesLine([]byte(iri + " " + text))
		var o schema.Term
		switch kind % 3 {
		case 0:
			o = schema.LangLiteral(text, lang)
		case 1:
			o = schema.TypedLiteral(text, iri)
		default:
			o = schema.IRI(iri)
		}
		tr := schema.Triple{S: schema.IRI(iri), P: schema.IRI("http://a/p"), O: o}
		if tr.Check() != nil {
			return
		}
		line := tr.AppendNTriples(nil)
		if err := checkNTriplesLine(line); err != nil {
			t.Errorf("the writer's line %q is rejected: %v", line, err)
		}
	})
}

func TestJSONLD(t *testing.T) {
	for _, tc := range []struct {
		doc string
		ok  bool
	}{
		{`{"@context": {"a": "http://a/"}, "@graph": [{"@id": "x"}, {"@id": "y"}]}`, true},
		{`{"@context": {}, "@graph": []}` + "\n", true},
		{`{"@context": {}, "@graph": [{"@id": "x"}`, false}, // cut short
		{`{"@context": {}, "@graph": [1]}`, false},          // not a node
		{`{"@graph": []}`, false},                           // no context
		{`{"@context": {}, "@graph": []} {}`, false},        // trailing data
		{`[]`, false},
	} {
		err := checkJSONLD(strings.NewReader(tc.doc))
		if (err == nil) != tc.ok {
			t.Errorf("%s: err = %v, want ok=%v", tc.doc, err, tc.ok)
		}
	}
}

func TestCSV(t *testing.T) {
	cols := []string{"id", "name"}
	for _, tc := range []struct {
		csv       string
		described bool
		ok        bool
	}{
		{"id,name\r\na,A\r\nb,\"B, with comma\"\r\n", true, true},
		{"id,name\r\na,A\r\n", false, false},         // no metadata
		{"id,title\r\na,A\r\n", true, false},         // header not the columns
		{"id,name\r\na,A,extra\r\n", true, false},    // row too wide
		{"id,name\r\na,\"unclosed\r\n", true, false}, // cut inside a quote
	} {
		err := checkCSV(strings.NewReader(tc.csv), cols, tc.described)
		if (err == nil) != tc.ok {
			t.Errorf("%q: err = %v, want ok=%v", tc.csv, err, tc.ok)
		}
	}
}
