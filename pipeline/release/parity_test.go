package release

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/bordernet/bordernet/pipeline/export/jsonld"
	"github.com/bordernet/bordernet/pipeline/export/turtle"
	"github.com/bordernet/bordernet/pipeline/listing"
	"github.com/bordernet/bordernet/pipeline/merge"
	"github.com/bordernet/bordernet/schema"
)

// FuzzValidatedReleaseWrites holds validate to what release keeps: data
// that passes validation (no error) must be written by every writer of a
// release, the data files, the catalogue and SHA256SUMS. The fuzzer
// drives a listing, one workbook cell (any field, any value, as a curator
// could type it) and the dataset's title and description; any value a
// writer refuses and the validator let through is a failure here.
func FuzzValidatedReleaseWrites(f *testing.F) {
	root := filepath.Join("..", "..")
	meta, err := schema.LoadMetadata(filepath.Join(root, "sources", "dataset.json"))
	if err != nil {
		f.Fatal(err)
	}
	seed, err := os.ReadFile(filepath.Join(root, "testdata", "listing", "seed.txt"))
	if err != nil {
		f.Fatal(err)
	}
	small := []byte("Networks\n\nNetworks:\n\nTest Liaison Network (TLN)\n\nThe TLN is a network of test liaison officers.\n")
	fields := schema.Fields()
	for i, v := range []string{
		"a\x01b", "x\u202eevil", "\u2066isolate\u2069", "\x7f", "\u0085", "https://example.org/\u202e", "=1+1",
		"2004-13-01", "Q0", "fr-\u202e", "line\nbreak", "tab\there", "\ufffe", "a | b", "-", "  ",
		string(bytes.Repeat([]byte("é"), 40000)),
	} {
		f.Add(small, uint8(i), v, "Title", "Description")
		f.Add(seed, uint8(i), v, "Title\u202e", "Desc")
	}
	for _, tc := range [][2]string{{"T\x02", "Description"}, {"Title", "D\x1b"}, {"T\u202e", "D"}} {
		f.Add(small, uint8(17), "Warsaw, Poland", tc[0], tc[1]) // seat
	}
	f.Fuzz(func(t *testing.T, text []byte, fieldIndex uint8, value, title, description string) {
		records, _, err := listing.Read(bytes.NewReader(text), "listing.txt")
		if err != nil || len(records) == 0 {
			return
		}
		cell := schema.PatchCell{Field: fields[int(fieldIndex)%len(fields)], Value: value, Pos: schema.Position{File: "curation.xlsx", Sheet: "Records", Line: 2, Col: 2}}
		if cell.Field == schema.FieldID {
			return
		}
		patch := schema.Patch{ID: records[0].ID, Origin: schema.Position{File: "curation.xlsx", Sheet: "Records", Line: 2, Col: 1}, Cells: []schema.PatchCell{cell}}
		records, ps := merge.Apply(records, []schema.Patch{patch})
		m := meta
		m.Title, m.Description = title, description
		v := schema.NewValidator()
		ps = append(ps, v.Records(records)...)
		ps = append(ps, v.Metadata(&m, "dataset.json")...)
		ps = append(ps, schema.CatalogProblems(&m, "dataset.json")...)
		if ps.HasErrors() {
			return
		}
		rel := &schema.Release{Meta: m, Version: "2026-12-01", Date: "2026-12-01", Records: schema.RecordSlice(records)}
		// Every writer on its own, the graph writers given the graph
		// unchecked, as they check each triple themselves then.
		var infos []schema.FileInfo
		for _, spec := range dataFiles() {
			var err error
			if spec.graph != nil {
				err = spec.graph(io.Discard, schema.RecordGraph(rel))
			} else {
				err = spec.write(io.Discard, rel)
			}
			if err != nil {
				t.Fatalf("validation passed, but %s was refused: %v\nfield %s = %q, title %q, description %q", spec.name, err, cell.Field, value, title, description)
			}
			infos = append(infos, schema.FileInfo{Name: spec.name, Size: 1, SHA256: "00"})
			describe(&infos[len(infos)-1])
		}
		catalog := schema.CatalogGraph(rel, infos)
		if err := turtle.Write(io.Discard, catalog); err != nil {
			t.Fatalf("validation passed, but the Turtle catalogue was refused: %v\ntitle %q, description %q", err, title, description)
		}
		if err := jsonld.Write(io.Discard, schema.CatalogGraph(rel, infos)); err != nil {
			t.Fatalf("validation passed, but the JSON-LD catalogue was refused: %v\ntitle %q, description %q", err, title, description)
		}
	})
}

// TestValidatedReleasePublishes: the whole release (the assembler, not
// only each writer) of data that passes validation, with a dataset title
// holding every character validation allows that writers handle
// specially.
func TestValidatedReleasePublishes(t *testing.T) {
	rel := dated(seedRelease(t), "v1", "2026-12-01")
	rel.Meta.Title = "Tab\there, \"quotes\", <angle> & ampersand, é, 𝄞, line\nbreak"
	v := schema.NewValidator()
	if ps := v.Metadata(&rel.Meta, "dataset.json"); ps.HasErrors() {
		t.Fatalf("the title does not validate: %v", ps)
	}
	if _, err := Publish(context.Background(), rel, Options{OutDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	// And what validation refuses, a control character or a bidi
	// override in the title, is an error at dataset.json.
	for _, title := range []string{"A\x01B", "evil\u202eelif"} {
		m := rel.Meta
		m.Title = title
		ps := v.Metadata(&m, "dataset.json")
		if !ps.HasErrors() || ps[0].Pos.File != "dataset.json" || ps[0].Field != "title" {
			t.Errorf("title %q: problems %v, want an error at dataset.json: title", title, ps)
		}
	}
}
