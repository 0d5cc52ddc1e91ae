package workbook

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/bordernet/bordernet/pipeline/merge"
	"github.com/bordernet/bordernet/schema"
	"github.com/xuri/excelize/v2"
)

// benchRows is the size issue 5 sets for the curator workbook: 100k rows.
const benchRows = 100_000

// benchRecords are synthetic records with the fields a curator fills most.
func benchRecords(n int) []schema.Record {
	recs := make([]schema.Record, n)
	for i := range recs {
		members := i % 700
		recs[i] = schema.Record{
			ID: fmt.Sprintf("org-%07d", i), Kind: schema.KindNetwork, Scope: schema.ScopeEU,
			Name:       fmt.Sprintf("Europäisches Netzwerk Nummer %d für Grenzen und Migration", i),
			Acronym:    fmt.Sprintf("ENB%d", i),
			Website:    fmt.Sprintf("https://example.org/networks/org-%07d", i),
			Founded:    fmt.Sprintf("%d-%02d-%02d", 1990+i%35, 1+i%12, 1+i%28),
			Members:    &members,
			Seat:       "Brussels, Belgium",
			Parent:     parentOf(i),
			Wikidata:   fmt.Sprintf("Q%d", 1000+i),
			SourceURLs: []string{fmt.Sprintf("https://example.org/sources/org-%07d", i)},
		}
	}
	return recs
}

// benchWorkbook writes an n-row workbook with the template's columns
// through excelize's stream writer (the template itself is not built for
// that size), with inline strings as excelize writes them. dense writes
// every cell, empty ones as empty strings, as a writer that does not skip
// them would: 22 cells a row; otherwise empty cells are left out, as
// cmd/synth and spreadsheets do.
func benchWorkbook(b *testing.B, n int, dense bool) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "bench.xlsx")
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	fields := schema.Fields()
	row := make([]any, len(fields))
	for j, fld := range fields {
		row[j] = string(fld)
	}
	if err := sw.SetRow("A1", row); err != nil {
		b.Fatal(err)
	}
	recs := benchRecords(n)
	for i := range recs {
		for j, fld := range fields {
			row[j] = recs[i].Cell(fld)
			if row[j] == "" && !dense {
				row[j] = nil
			}
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", i+2), row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SetSheetName("Sheet1", "Records"); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkRead reads a 100k-row workbook and reports rows/s.
func BenchmarkRead(b *testing.B) {
	for _, dense := range []bool{false, true} {
		name := "sparse"
		if dense {
			name = "dense"
		}
		b.Run(name, func(b *testing.B) {
			path := benchWorkbook(b, benchRows, dense)
			b.ResetTimer()
			b.ReportAllocs()
			for b.Loop() {
				patches, ps, err := Read(path, DefaultOptions())
				if err != nil || len(patches) != benchRows || len(ps) > 0 {
					b.Fatalf("%v, %d patches, %v", err, len(patches), ps)
				}
			}
			b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// BenchmarkReadMergeValidate is issue 5's workbook target (at most 5 s):
// a 100k-row workbook read, merged over the 100k listing records it
// curates (one field changed each) and the result validated.
func BenchmarkReadMergeValidate(b *testing.B) {
	path := benchWorkbook(b, benchRows, false)
	listing := benchRecords(benchRows)
	for i := range listing {
		listing[i].Seat = "Luxembourg" // the workbook says Brussels
		listing[i].Description, listing[i].DescriptionLang = "A network.", "en"
	}
	b.ResetTimer()
	b.ReportAllocs()
	for b.Loop() {
		patches, ps, err := Read(path, DefaultOptions())
		if err != nil || len(ps) > 0 {
			b.Fatal(err, ps)
		}
		merged, ps := merge.Merge(listing, patches)
		if len(ps) > 0 {
			b.Fatal(ps)
		}
		if ps := schema.Validate(merged); ps.HasErrors() {
			b.Fatal(ps[:min(len(ps), 5)])
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkExcelizeRows is the reference: excelize's row iterator over the
// same workbook, values only.
func BenchmarkExcelizeRows(b *testing.B) {
	path := benchWorkbook(b, benchRows, false)
	b.ResetTimer()
	b.ReportAllocs()
	for b.Loop() {
		f, err := excelize.OpenFile(path)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows("Records")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			if _, err := rows.Columns(excelize.Options{RawCellValue: true}); err != nil {
				b.Fatal(err)
			}
			n++
		}
		rows.Close()
		f.Close()
		if n != benchRows+1 {
			b.Fatalf("%d rows", n)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkTemplate writes the template of 1,000 records.
func BenchmarkTemplate(b *testing.B) {
	recs := benchRecords(1000)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteTemplate(&buf, recs); err != nil {
			b.Fatal(err)
		}
	}
}

// parentOf gives every tenth record's children a parent and the roots none.
func parentOf(i int) string {
	if i < 10 {
		return ""
	}
	return fmt.Sprintf("org-%07d", i/10)
}
