package workbook

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bordernet/bordernet/schema"
)

// fuzzOptions keep each fuzz input cheap: a zip bomb stops at 4 MiB.
var fuzzOptions = Options{MaxFileSize: 1 << 20, MaxUnzipSize: 4 << 20, MaxRows: 10_000}

// checkRead asserts what holds for any input: an error and nothing else,
// or patches whose ids, values and positions make sense.
func checkRead(t *testing.T, patches []schema.Patch, ps schema.Problems, err error) {
	t.Helper()
	if err != nil {
		if patches != nil || ps != nil {
			t.Fatalf("error %v came with results", err)
		}
		return
	}
	for _, p := range patches {
		if p.ID == "" || p.ID == schema.ClearMarker || !utf8.ValidString(p.ID) {
			t.Fatalf("patch with id %q", p.ID)
		}
		if p.Origin.File != "f.xlsx" || p.Origin.Sheet == "" || p.Origin.Line < 2 || p.Origin.Col < 1 {
			t.Fatalf("patch %q at %+v", p.ID, p.Origin)
		}
		for _, c := range p.Cells {
			if c.Field == "" || c.Field == schema.FieldID || c.Pos.Line != p.Origin.Line || c.Pos.Col < 1 {
				t.Fatalf("patch %q cell %+v", p.ID, c)
			}
			if !utf8.ValidString(c.Value) || c.Value != strings.TrimFunc(c.Value, isSpace) || c.Clear && c.Value != "" {
				t.Fatalf("patch %q cell value %q (clear %v)", p.ID, c.Value, c.Clear)
			}
		}
	}
	for _, p := range ps {
		if p.Pos.File != "f.xlsx" || p.Message == "" {
			t.Fatalf("problem %+v", p)
		}
	}
}

// FuzzRead feeds whole files: the committed fixtures and their damaged
// variants are the seeds.
func FuzzRead(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join(fixturesDir, "*.xls*"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(data[:len(data)/2])
	}
	f.Add(goodBytes(f))
	f.Add([]byte("id,name\nfrontex,Frontex\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		patches, ps, err := readFrom(bytes.NewReader(data), int64(len(data)), "f.xlsx", fuzzOptions)
		checkRead(t, patches, ps, err)
	})
}

// FuzzSheetXML feeds sheet XML inside a well-formed package, which random
// bytes through a zip rarely reach: it exercises the tokenizer and the
// cell rules.
func FuzzSheetXML(f *testing.F) {
	for _, seed := range []string{
		hdr + row(2, str("A2", "frontex"), num("D2", "38286", sDate14), str("C2", "-")),
		hdr + `<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="str"><f>1</f></c></row>`,
		`<row><c t="inlineStr"><is><r><t>i</t></r><r><t>d</t></r></is></c></row><row><c><v>1</v></c></row>`,
		hdr + `<!-- note --><row r="2"><c r="A2" t="inlineStr"><is><t><![CDATA[a<b]]>&amp;&#x41;&#66;</t></is></c></row>`,
		hdr + `<row r="3"><c r="A3" t="e"><v>#N/A</v></c><c r="B3" t="b"><v>1</v></c><c r="XFD3"><v>1</v></c></row>`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, sheetData string) {
		data := xbook{sst: []string{"id", "name"}, sheets: []xsheet{{name: "Records", rows: []string{sheetData}}}}.bytes(t)
		patches, ps, err := readFrom(bytes.NewReader(data), int64(len(data)), "f.xlsx", fuzzOptions)
		checkRead(t, patches, ps, err)
	})
}
