package language_test

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/bordernet/bordernet/internal/judge"
	"github.com/bordernet/bordernet/pipeline/export/jsonld"
	"github.com/bordernet/bordernet/pipeline/export/ntriples"
	"github.com/bordernet/bordernet/pipeline/export/ntriples/rdftest"
	"github.com/bordernet/bordernet/pipeline/export/shapes"
	"github.com/bordernet/bordernet/pipeline/export/turtle"
	"github.com/bordernet/bordernet/pipeline/source"
	"github.com/bordernet/bordernet/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/languages")

const goldenDir = "../../testdata/languages"

// sources copies testdata/languages (a listing with names in French,
// German, Polish and Greek, and the dataset's metadata, language en) into
// a folder with a curator workbook that confirms one name's language and
// adds alternative names in German and French.
func sources(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"listing.txt", "dataset.json"} {
		data, err := os.ReadFile(filepath.Join(goldenDir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wb := excelize.NewFile()
	defer wb.Close()
	if err := wb.SetSheetName("Sheet1", "Records"); err != nil {
		t.Fatal(err)
	}
	for cell, v := range map[string]string{
		"A1": "id", "B1": "name", "C1": "alt_names",
		"A2": "straz-graniczna", "B2": "Straż Graniczna @pl",
		"A3": "elena", "C3": "Europäisches Rechtsnetzwerk für Asyl @de | Réseau juridique européen sur l'asile @fr",
	} {
		if err := wb.SetCellStr("Records", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := wb.SaveAs(filepath.Join(dir, "curation.xlsx")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestLanguagesGolden loads the sources, and compares the problems and
// the records' graph (N-Triples, each name with its own language tag)
// with testdata/languages/*.golden.
func TestLanguagesGolden(t *testing.T) {
	dir := sources(t)
	ds, err := source.Load(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var problems strings.Builder
	for _, p := range ds.Problems {
		problems.WriteString(strings.ReplaceAll(p.String(), filepath.ToSlash(dir)+"/", "") + " [" + p.Code + "]\n")
	}
	rel := &schema.Release{Meta: ds.Meta, Version: "2026-11-27", Date: "2026-11-27", Records: schema.RecordSlice(ds.Records)}
	var nt bytes.Buffer
	if err := ntriples.Write(&nt, schema.RecordGraph(rel)); err != nil {
		t.Fatal(err)
	}
	rdftest.Golden(t, filepath.Join(goldenDir, "problems.golden.txt"), []byte(problems.String()), *update)
	rdftest.Golden(t, filepath.Join(goldenDir, "release.golden.nt"), nt.Bytes(), *update)

	// What the golden files must say, whatever they hold.
	for _, want := range []string{
		`"Réseau juridique européen"@fr`,
		`"Straż Graniczna"@pl`,
		`"Europäische Agentur für die Grenz- und Küstenwache"@de`,
		`"Europäisches Rechtsnetzwerk für Asyl"@de`,
		`"Réseau juridique européen sur l'asile"@fr`,
		`"Ελληνική Αστυνομία"@el`,
		`"European Legal Network on Asylum"@en`,
	} {
		if !strings.Contains(nt.String(), want) {
			t.Errorf("the graph lacks %s", want)
		}
	}
	if strings.Contains(nt.String(), " @") {
		t.Error("a language tag is left in a literal's text")
	}
	if strings.Contains(problems.String(), "straz-graniczna: name") {
		t.Error("a name whose language the workbook confirms is still flagged")
	}
}

// TestLanguagesInEveryFormat publishes the same records with names in
// several languages as Turtle and JSON-LD, reads them back with
// third-party readers (knakk/rdf, json-gold), and requires the graph of
// the N-Triples: each name keeps its own tag in every syntax. It also
// requires the graph to conform to the release's SHACL shapes.
func TestLanguagesInEveryFormat(t *testing.T) {
	ds, err := source.Load(context.Background(), []string{sources(t)})
	if err != nil {
		t.Fatal(err)
	}
	rel := &schema.Release{Meta: ds.Meta, Version: "2026-11-27", Date: "2026-11-27", Records: schema.RecordSlice(ds.Records)}
	graph := func(write func(io.Writer, schema.Graph) error, read func(io.Reader) ([]schema.Triple, error)) []string {
		var buf bytes.Buffer
		if err := write(&buf, schema.RecordGraph(rel)); err != nil {
			t.Fatal(err)
		}
		triples, err := read(&buf)
		if err != nil {
			t.Fatal(err)
		}
		lines := rdftest.Lines(triples)
		slices.Sort(lines)
		return slices.Compact(lines)
	}
	nt := graph(ntriples.Write, rdftest.ReadNTriples)
	for name, g := range map[string][]string{
		"Turtle":  graph(turtle.Write, rdftest.ReadTurtle),
		"JSON-LD": graph(jsonld.Write, rdftest.ReadJSONLD),
	} {
		if !slices.Equal(g, nt) {
			t.Errorf("%s and N-Triples differ:\n%s\nwant\n%s", name, strings.Join(g, "\n"), strings.Join(nt, "\n"))
		}
	}

	dir := t.TempDir()
	for name, g := range map[string]schema.Graph{"data.ttl": schema.RecordGraph(rel), shapes.FileName: shapes.Graph(rel)} {
		var buf bytes.Buffer
		if err := turtle.Write(&buf, g); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if report, conforms := judge.SHACL(t, filepath.Join(dir, "data.ttl"), filepath.Join(dir, shapes.FileName)); !conforms {
		t.Errorf("names in other languages violate the shapes:\n%s", report)
	}
}
