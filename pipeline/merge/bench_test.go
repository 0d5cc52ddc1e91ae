package merge

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bordernet/bordernet/schema"
)

// benchInput makes n listing records as the listing reader makes them (a
// description, sources for eight fields), in listing order, which is not
// id order, and a workbook of patches for a tenth of them: three cells
// that change a value, one that restates the listing's; plus new records
// for a hundredth.
func benchInput(n int) ([]schema.Record, []schema.Patch) {
	rng := rand.New(rand.NewPCG(3, 4))
	const file, book = "sources/listing.txt", "sources/curation.xlsx"
	regions := []string{"Nordic", "Baltic Sea", "Mediterranean", "Danube Region", "Alpine", "Western Balkans", "Iberian", "Eastern Partnership"}
	topics := []string{"Return", "Border Control", "Asylum", "Coast Guard", "Document Fraud", "Reception", "Risk Analysis", "Visa Policy"}
	types := []string{"Network", "Forum", "Platform", "Working Group", "Cooperation", "Initiative"}
	recs := make([]schema.Record, n)
	for i := range recs {
		line := 4*i + 10
		pos := func(l int) schema.Position { return schema.Position{File: file, Line: l} }
		r := &recs[i]
		// As cmd/synth's: ids from names with a serial ("nordic-asylum-
		// forum-12"), or from acronyms ending in the serial in letters.
		r.Name = fmt.Sprintf("%s %s %s %d", regions[rng.IntN(len(regions))], topics[rng.IntN(len(topics))], types[rng.IntN(len(types))], i+1)
		r.ID = strings.ToLower(strings.ReplaceAll(r.Name, " ", "-"))
		if rng.IntN(2) == 0 {
			r.Acronym = fmt.Sprintf("%c%c%c%c%c%c%c%c", 'A'+rng.IntN(26), 'A'+rng.IntN(26), 'A'+rng.IntN(26), 'A'+i/456976%26, 'A'+i/17576%26, 'A'+i/676%26, 'A'+i/26%26, 'A'+i%26)
			r.ID = strings.ToLower(r.Acronym)
		}
		r.Kind, r.Scope = schema.KindNetwork, schema.ScopeEU
		r.Description, r.DescriptionLang = "The network brings together border guards to exchange information and good practice.", "en"
		r.Section, r.Origin = "EU-focused Networks", pos(line)
		r.Sources = make([]schema.FieldSource, 0, 8)
		for _, f := range []schema.Field{schema.FieldDescription, schema.FieldDescriptionLang, schema.FieldID, schema.FieldKind, schema.FieldName, schema.FieldScope} {
			r.SetSource(f, pos(line))
		}
		if r.Acronym != "" {
			r.SetSource(schema.FieldAcronym, pos(line))
		}
	}
	var patches []schema.Patch
	row := 2
	cellAt := func(col int) schema.Position {
		return schema.Position{File: book, Sheet: "Records", Line: row, Col: col}
	}
	for _, k := range rng.Perm(n)[:n/10] {
		r := &recs[k]
		patches = append(patches, schema.Patch{ID: r.ID, Origin: cellAt(1), Cells: []schema.PatchCell{
			{Field: schema.FieldName, Value: r.Name, Pos: cellAt(4)},
			{Field: schema.FieldWebsite, Value: "https://example.org/" + r.ID, Pos: cellAt(9)},
			{Field: schema.FieldFounded, Value: "2004-05", Pos: cellAt(10)},
			{Field: schema.FieldMemberOf, Value: "frontex | europol", Pos: cellAt(15)},
		}})
		row++
	}
	for i := 0; i < n; i += 100 {
		patches = append(patches, schema.Patch{ID: fmt.Sprintf("workbook-only-%d", i), Origin: cellAt(1), Cells: []schema.PatchCell{
			{Field: schema.FieldName, Value: fmt.Sprintf("Workbook Only Forum %d", i), Pos: cellAt(4)},
			{Field: schema.FieldKind, Value: "forum", Pos: cellAt(2)},
			{Field: schema.FieldScope, Value: "eu-focused", Pos: cellAt(3)},
		}})
		row++
	}
	return recs, patches
}

// BenchmarkMerge merges listings of 100,000 and 1,000,000 records with
// their workbooks (-short: the first only), reporting listing records per
// wall and per CPU second of the whole process.
func BenchmarkMerge(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			if testing.Short() && n > 100_000 {
				b.Skip("-short")
			}
			recs, patches := benchInput(n)
			b.ReportAllocs()
			cpu := processCPU()
			for b.Loop() {
				out, ps := Merge(recs, patches)
				if len(ps) > 0 || len(out) != n+(n+99)/100 {
					b.Fatalf("%d records, problems %v", len(out), ps)
				}
			}
			total := float64(n) * float64(b.N)
			b.ReportMetric(total/b.Elapsed().Seconds(), "records/s")
			if used := processCPU() - cpu; used > 0 {
				b.ReportMetric(total/used.Seconds(), "records/cpu-s")
			}
		})
	}
}

// BenchmarkApply is BenchmarkMerge for Apply, which changes and reorders
// the records in place: each round works on a fresh copy, made outside
// the timer and the CPU time reported.
func BenchmarkApply(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			if testing.Short() && n > 100_000 {
				b.Skip("-short")
			}
			recs, patches := benchInput(n)
			b.ReportAllocs()
			var cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				in := make([]schema.Record, len(recs), len(recs)+len(patches))
				for i := range recs {
					in[i] = recs[i]
					in[i].Sources = slices.Clone(recs[i].Sources)
				}
				runtime.GC()
				b.StartTimer()
				start := processCPU()
				out, ps := Apply(in, patches)
				cpu += processCPU() - start
				if len(ps) > 0 || len(out) != n+(n+99)/100 {
					b.Fatalf("%d records, problems %v", len(out), ps)
				}
			}
			total := float64(n) * float64(b.N)
			b.ReportMetric(total/b.Elapsed().Seconds(), "records/s")
			if cpu > 0 {
				b.ReportMetric(total/cpu.Seconds(), "records/cpu-s")
			}
		})
	}
}
