package site

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

// FuzzDescribeSource: any IRI gives a description without a panic; a
// locator schema.SourceIRI mints reads back as Position.String says it.
func FuzzDescribeSource(f *testing.F) {
	const src = "https://example.org/releases/2026-11-27/source/"
	f.Add("listing.txt", 14, "", 0)
	f.Add("curation.xlsx", 7, "Records", 4)
	f.Add("curation.xlsx", 7, "My sheet!#%", 0)
	f.Add("a b%.txt", 0, "", 0)
	f.Fuzz(func(t *testing.T, file string, line int, sheet string, col int) {
		describeSource(src, src+file+"#"+sheet)
		describeSource("", src+file+"#"+sheet)
		if strings.ContainsAny(file, "/\\") || file == "" || file == "." || file == ".." || line < 0 || col < 0 || col > 16384 {
			return
		}
		pos := schema.Position{File: file, Line: line, Sheet: sheet, Col: col}
		iri := schema.SourceIRI(src, pos)
		got := describeSource(src, iri)
		want := pos.String()
		if pos.InWorkbook() && line == 0 {
			want = iri // a sheet without a row or cell is no locator this reads
		}
		if got != want {
			t.Errorf("%+v: locator %s reads back as %q, want %q", pos, iri, got, want)
		}
	})
}

// FuzzParseInfo: site.json is read without a panic; what is accepted
// writes back to the same Info.
func FuzzParseInfo(f *testing.F) {
	var seed bytes.Buffer
	if err := InfoOf(&schema.Release{Meta: schema.Metadata{BaseIRI: "https://w3id.org/bordernet/", Title: "t"}, Version: "1"}, true).write(&seed); err != nil {
		f.Fatal(err)
	}
	f.Add(seed.Bytes())
	f.Add([]byte(`{"base_iri": "https://x.org/"}`))
	f.Add([]byte(`{"base_iri": "https://x.org/", "extra": 1}`))
	f.Add([]byte(`{} {}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := ParseInfo(data)
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := info.write(&out); err != nil {
			t.Fatal(err)
		}
		again, err := ParseInfo(out.Bytes())
		if err != nil || again != info {
			t.Errorf("%+v written and read back: %+v, %v", info, again, err)
		}
	})
}

// FuzzDocPath: no IRI gives a path that leaves the site.
func FuzzDocPath(f *testing.F) {
	info := Info{BaseIRI: "https://w3id.org/bordernet/"}
	for _, s := range []string{"id/frontex", "vocab/kind/network", "id/../x", "id/%2e%2e/x", "id/a#b", "id/.x", "vocab//x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, rest string) {
		p, ok := info.DocPath(info.BaseIRI + rest)
		if !ok {
			return
		}
		if !filepath.IsLocal(filepath.FromSlash(p)) || slices.Contains(strings.Split(p, "/"), "..") || strings.Contains(p, "%") || !(strings.HasPrefix(p, "id/") || strings.HasPrefix(p, "vocab/")) {
			t.Errorf("DocPath(BASE + %q) = %q", rest, p)
		}
	})
}
