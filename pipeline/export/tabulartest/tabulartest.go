// Package tabulartest holds the test fixtures shared by the tabular
// writers' tests (pipeline/export/csv and pipeline/export/xlsx): the
// seed-shaped release fixture and a synthetic release of any size. Only
// tests import it.
package tabulartest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

// DataDir holds the fixture and the tabular writers' goldens, relative to
// a package directory under pipeline/export.
const DataDir = "../../../testdata/export/tabular"

// Release reads the seed-shaped release fixture, testdata/export/tabular/release.json. Record's Origin and
// Sources are not in its JSON form, so the fixture carries them beside it.
func Release(t testing.TB) *schema.Release {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(DataDir, "release.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fx struct {
		Meta    schema.Metadata `json:"meta"`
		Version string          `json:"version"`
		Date    string          `json:"date"`
		Records []struct {
			schema.Record
			Origin  schema.Position      `json:"origin"`
			Sources []schema.FieldSource `json:"sources"`
		} `json:"records"`
	}
	if err := json.Unmarshal(data, &fx); err != nil {
		t.Fatal(err)
	}
	var recs schema.RecordSlice
	for _, r := range fx.Records {
		rec := r.Record
		rec.Origin = r.Origin
		for _, s := range r.Sources {
			rec.SetSource(s.Field, s.Pos)
		}
		recs = append(recs, rec)
	}
	return &schema.Release{Meta: fx.Meta, Version: fx.Version, Date: fx.Date, Records: recs}
}

// Synthetic makes a release of n records with every field filled, for
// benchmarks and volume tests.
func Synthetic(n int) *schema.Release {
	rel := &schema.Release{
		Meta:    schema.Metadata{Title: "synthetic", Language: "en", BaseIRI: "https://example.org/", License: "https://creativecommons.org/licenses/by/4.0/"},
		Version: "2026-01-15", Date: "2026-01-15",
	}
	recs := make(schema.RecordSlice, n)
	rel.Records = recs
	for i := range recs {
		members := i % 700
		id := fmt.Sprintf("org-%07d", i)
		r := schema.Record{
			ID: id, Kind: schema.KindNetwork, Scope: schema.ScopeEU,
			Name:            fmt.Sprintf("European Network number %d on Borders, \"Migration\" and Asylum", i),
			Acronym:         fmt.Sprintf("ENB%d", i),
			AltNames:        []string{fmt.Sprintf("Réseau européen n° %d", i), fmt.Sprintf("Europäisches Netz %d", i)},
			Description:     "A network of national authorities that share practice,\nrisk analysis and training across the Union.",
			DescriptionLang: "en",
			Website:         "https://example.org/networks/" + id,
			Founded:         fmt.Sprintf("%d-%02d", 1990+i%35, 1+i%12),
			Parent:          fmt.Sprintf("org-%07d", i/10),
			MemberOf:        []string{fmt.Sprintf("org-%07d", i/100), fmt.Sprintf("org-%07d", i/1000)},
			Members:         &members,
			Seat:            "Brussels, Belgium",
			LegalBasis:      "https://eur-lex.europa.eu/eli/reg/2019/1896/oj",
			Wikidata:        fmt.Sprintf("Q%d", 1000+i),
			SourceURLs:      []string{"https://example.org/sources/" + id},
		}
		r.Origin = schema.Position{File: "sources/listing.txt", Line: 1 + 3*i}
		for _, f := range []schema.Field{schema.FieldID, schema.FieldName, schema.FieldDescription} {
			r.SetSource(f, schema.Position{File: "sources/listing.txt", Line: 1 + 3*i})
		}
		recs[i] = r
	}
	return rel
}
