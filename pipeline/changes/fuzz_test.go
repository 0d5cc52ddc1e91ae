package changes

import (
	"strings"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

// FuzzParseLocator: any input gives a position or false, never a panic;
// a locator schema.SourceIRI mints reads back as the position it was made
// from (the file by its base name).
func FuzzParseLocator(f *testing.F) {
	for _, s := range []string{
		"https://w3id.org/bordernet/source/listing.txt#line=14",
		"https://w3id.org/bordernet/source/curation.xlsx#Records!D7",
		"https://w3id.org/bordernet/source/curation.xlsx#Records!7:7",
		"https://w3id.org/bordernet/source/my%20file.xlsx#Sheet%201!AA10",
		"https://x/source/a#line=0", "https://x/source/#", "https://x/source/a#!", "https://x/source/a#S!+1",
	} {
		f.Add(s, "listing.txt", 1, "", 0)
	}
	f.Add("", "curation.xlsx", 7, "Records", 4)
	f.Add("", "a b.xlsx", 3, "Sheet 1", 27)
	f.Fuzz(func(t *testing.T, iri, file string, line int, sheet string, col int) {
		ParseLocator(iri) // must not panic
		if file == "" || strings.ContainsAny(file, "/\\") || line < 1 || col < 0 || col > 1<<14 || (sheet == "") != (col == 0) {
			return
		}
		pos := schema.Position{File: file, Line: line, Sheet: sheet, Col: col}
		// The base as a release's copy of its sources has it; a minting
		// that adds "source/" itself gives ".../source/source/FILE",
		// read the same.
		got, ok := ParseLocator(schema.SourceIRI("https://example.org/releases/2026-11-27/source/", pos))
		if !ok || got != pos {
			t.Errorf("ParseLocator(SourceIRI(%+v)) = %+v, %v", pos, got, ok)
		}
	})
}

// FuzzParseNTLine: any line gives three terms or an error, never a panic;
// a triple written as N-Triples splits into its terms as written.
func FuzzParseNTLine(f *testing.F) {
	f.Add(`<http://x/a> <http://x/p> "v"@en .`, "http://x/a", "v")
	f.Add(`_:b <http://x/p> <http://x/o> .`, "http://x/b", "a \"quoted\" > value .")
	f.Add(`<a> <b>`, "http://x/s", "")
	f.Fuzz(func(t *testing.T, line, iri, literal string) {
		parseNTLine([]byte(line)) // must not panic
		s, o := schema.IRI(iri), schema.Literal(literal)
		tr := schema.Triple{S: s, P: schema.IRI("http://x/p"), O: o}
		if tr.Check() != nil {
			return
		}
		written := strings.TrimSuffix(string(tr.AppendNTriples(nil)), "\n")
		l, err := parseNTLine([]byte(written))
		if err != nil || string(l.s) != s.String() || string(l.p) != "<http://x/p>" || string(l.o) != o.String() {
			t.Errorf("parseNTLine(%q) = %+v, %v", written, l, err)
		}
	})
}

// FuzzReadHeadline: any changes.json gives a headline or an error, never
// a panic; what WriteJSON writes reads back as the report's Summary.
func FuzzReadHeadline(f *testing.F) {
	f.Add([]byte(`{"from": "2026-11-01", "summary": {"added": 2, "changed": 4, "facts_removed": 1}}`))
	f.Add([]byte(`{"to": "2026-11-27", "first_release": true, "records_after": 13}`))
	f.Add([]byte(`[1, 2]`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		line, err := ReadHeadline(data)
		if err == nil && line == "" {
			t.Errorf("%q: no error and no headline", data)
		}
	})
}

func TestReadHeadlineRoundTrip(t *testing.T) {
	rep := &Report{Old: "2026-11-01", New: "2026-11-27",
		Added: []Record{{ID: "a"}, {ID: "b"}}, Changed: []Record{{ID: "c", Changes: []FieldChange{{Field: schema.FieldWebsite, Old: "https://x.example/"}}}}}
	var buf strings.Builder
	if err := rep.WriteJSON(&buf, View{}); err != nil {
		t.Fatal(err)
	}
	got, err := ReadHeadline([]byte(buf.String()))
	if err != nil || got != rep.Summary() {
		t.Errorf("ReadHeadline = %q, %v; want %q", got, err, rep.Summary())
	}
	buf.Reset()
	if err := WriteFirstJSON(&buf, "2026-11-27", 13); err != nil {
		t.Fatal(err)
	}
	if got, err := ReadHeadline([]byte(buf.String())); err != nil || got != "first release: 13 records" {
		t.Errorf("first release: %q, %v", got, err)
	}
}
