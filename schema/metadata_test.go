package schema

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// sourcesMetadata is the dataset metadata the project ships.
const sourcesMetadata = "../sources/dataset.json"

func TestLoadMetadataSources(t *testing.T) {
	m, err := LoadMetadata(sourcesMetadata)
	if err != nil {
		t.Fatal(err)
	}
	if ps := NewValidator().Metadata(&m, sourcesMetadata); len(ps) > 0 {
		t.Errorf("sources/dataset.json has problems:\n%v", ps)
	}
	if ps := CatalogProblems(&m, sourcesMetadata); len(ps) > 0 {
		t.Errorf("sources/dataset.json has catalogue problems:\n%v", ps)
	}
	if !strings.HasPrefix(m.Title, "bordernet: ") || m.Publisher.Name == "" || m.Contact.Email == "" || len(m.Themes) == 0 {
		t.Errorf("sources/dataset.json read incompletely: %+v", m)
	}
}

func TestParseMetadataErrors(t *testing.T) {
	const good = `"title": "t", "description": "d"`
	tests := []struct {
		name       string
		in         string
		line, col  int    // 0, 0: no position
		want       string // substring of the message
		is         error
		typeErrFor string
	}{
		{name: "empty", in: "", want: "file is empty"},
		{name: "blank", in: " \n\t\n", want: "file is empty"},
		{name: "array", in: "\n  [1, 2]", line: 2, col: 3, want: "must hold one JSON object"},
		{name: "string", in: `"x"`, line: 1, col: 1, want: "must hold one JSON object"},
		{name: "unknown top-level field", in: "{\n  " + good + ",\n  \"licence\": \"x\"\n}", line: 3, col: 3, want: `unknown field "licence": the fields are title, description, language,`, is: ErrUnknownField},
		{name: "unknown nested field", in: "{\n  \"publisher\": {\n    \"name\": \"p\",\n    \"url\": \"x\"\n  }\n}", line: 4, col: 5, want: `unknown field "publisher.url": the fields are name, iri`, is: ErrUnknownField},
		{name: "duplicate field", in: "{\n  " + good + ",\n  \"title\": \"again\"\n}", line: 3, col: 3, want: `field given twice: "title"`, is: ErrDuplicateField},
		{name: "duplicate field, other case", in: "{\"title\": \"a\",\n \"Title\": \"b\"}", line: 2, col: 2, want: `field given twice: "Title"`, is: ErrDuplicateField},
		{name: "duplicate nested field", in: "{\"contact\": {\"name\": \"a\",\n   \"name\": \"b\"}}", line: 2, col: 4, want: `field given twice: "contact.name"`, is: ErrDuplicateField},
		{name: "string for list", in: "{\n  \"keywords\": \"migration\"\n}", line: 2, col: 3, want: `"keywords" must be a list ([ "...", "..." ]), not a JSON string`},
		{name: "number in list", in: "{\n  \"themes\": [\"JUST\", 7]\n}", line: 2, col: 3, want: `"themes" must be a string in quotes, not a JSON number`},
		{name: "number for string", in: "{\n \"publisher\": {\"name\": 1}}", line: 2, col: 16, want: `"publisher.name" must be a string in quotes, not a JSON number`},
		{name: "string for object", in: "{\"contact\": \"me\"}", line: 1, col: 2, want: `"contact" must be an object ({ ... }), not a JSON string`},
		{name: "trailing comma", in: "{\n  \"title\": \"t\",\n}", line: 3, col: 1, want: "invalid JSON"},
		{name: "missing comma", in: "{\n  \"title\": \"t\"\n  \"description\": \"d\"\n}", line: 3, col: 3, want: "invalid JSON"},
		{name: "unclosed", in: "{\n  \"title\": \"t\"", line: 2, col: 15, want: "unexpected end of file"},
		{name: "unclosed string", in: "{\n  \"title\": \"t", line: 2, col: 14, want: "unexpected end of file"},
		{name: "trailing data", in: "{\"title\": \"t\"}\n{}", line: 2, col: 1, want: "unexpected data after the JSON object"},
		{name: "trailing garbage", in: "{\"title\": \"t\"} x", line: 1, col: 16, want: "unexpected data after the JSON object"},
		{name: "invalid UTF-8", in: "{\n \"title\": \"caf\xe9\"}", line: 2, col: 15, want: "invalid UTF-8"},
		{name: "column counts characters", in: "{\"title\": \"ÄÖÜ\", \"x\": 1}", line: 1, col: 18, want: `unknown field "x"`, is: ErrUnknownField},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseMetadata("sources/dataset.json", []byte(tc.in))
			if err == nil {
				t.Fatal("no error")
			}
			var me *MetadataError
			if !errors.As(err, &me) {
				t.Fatalf("error %v (%T) is not a *MetadataError", err, err)
			}
			if me.File != "sources/dataset.json" || me.Line != tc.line || (tc.line != 0 && me.Column != tc.col) {
				t.Errorf("position %s:%d:%d, want sources/dataset.json:%d:%d (error: %v)", me.File, me.Line, me.Column, tc.line, tc.col, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q lacks %q", err, tc.want)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v is not %v", err, tc.is)
			}
		})
	}
}

func TestParseMetadataAccepts(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Metadata
	}{
		{name: "byte-order mark", in: "\ufeff{\"title\": \"t\"}", want: Metadata{Title: "t"}},
		{name: "CRLF and tabs", in: "{\r\n\t\"title\": \"t\",\r\n\t\"keywords\": [\"a\", \"b\"]\r\n}\r\n", want: Metadata{Title: "t", Keywords: []string{"a", "b"}}},
		{name: "empty object", in: "{}", want: Metadata{}},
		{name: "nested", in: `{"publisher": {"name": "P", "iri": "https://p.example/"}, "contact": {"name": "C", "email": "c@example.org"}}`,
			want: Metadata{Publisher: Agent{Name: "P", IRI: "https://p.example/"}, Contact: Contact{Name: "C", Email: "c@example.org"}}},
		{name: "escapes", in: `{"title": "a \"quoted\" \u00e9 title"}`, want: Metadata{Title: `a "quoted" é title`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseMetadata("x.json", []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestLoadMetadataFileErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := LoadMetadata(filepath.Join(dir, "missing.json")); !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("missing file: %v, want a not-exist error naming the file", err)
	}
	if _, err := LoadMetadata(dir); err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("directory: %v, want an error naming it", err)
	}
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, []byte(`{"title": "`+strings.Repeat("x", MaxMetadataSize)+`"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadMetadata(big); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("big file: %v, want a size error", err)
	}
}

// TestMetadataRoundTrip checks that what encoding/json writes from a
// Metadata, LoadMetadata reads back unchanged, so tools can rewrite the file.
func TestMetadataRoundTrip(t *testing.T) {
	m, err := LoadMetadata(sourcesMetadata)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseMetadata("round-trip", data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if !reflect.DeepEqual(m, back) {
		t.Errorf("round trip changed the metadata:\n got %+v\nwant %+v", back, m)
	}
}

// FuzzParseMetadata checks that no input panics, every failure is a
// positioned *MetadataError inside the input, and what is accepted survives
// a round trip through encoding/json.
func FuzzParseMetadata(f *testing.F) {
	if data, err := os.ReadFile(sourcesMetadata); err == nil {
		f.Add(data)
	}
	seeds, _ := filepath.Glob(filepath.Join("testdata", "metadata", "*.json"))
	for _, p := range seeds {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"publisher": {"name": "x"}, "keywords": ["a"], "a": [{"b": 1}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseMetadata("f.json", data)
		if err != nil {
			var me *MetadataError
			if !errors.As(err, &me) {
				t.Fatalf("error %v (%T) is not a *MetadataError", err, err)
			}
			lines := 1 + strings.Count(string(data), "\n")
			if me.Line < 0 || me.Line > lines || (me.Line > 0 && me.Column < 1) {
				t.Fatalf("position %d:%d outside the input (%d lines): %v", me.Line, me.Column, lines, err)
			}
			return
		}
		out, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseMetadata("back.json", out)
		if err != nil {
			t.Fatalf("re-reading %s: %v", out, err)
		}
		if !reflect.DeepEqual(normalise(m), normalise(back)) {
			t.Fatalf("round trip changed %+v into %+v", m, back)
		}
	})
}

// normalise makes empty and nil lists equal: JSON null and [] both read as
// an empty list for our purposes.
func normalise(m Metadata) Metadata {
	for _, l := range []*[]string{&m.Keywords, &m.Themes, &m.Spatial} {
		if len(*l) == 0 {
			*l = nil
		}
	}
	return m
}

func BenchmarkLoadMetadata(b *testing.B) {
	for b.Loop() {
		if _, err := LoadMetadata(sourcesMetadata); err != nil {
			b.Fatal(err)
		}
	}
}
