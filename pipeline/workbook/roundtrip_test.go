package workbook

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bordernet/bordernet/internal/judge"
	"github.com/bordernet/bordernet/pipeline/export/xlsx"
	"github.com/bordernet/bordernet/pipeline/merge"
	"github.com/bordernet/bordernet/schema"
	"github.com/xuri/excelize/v2"
)

// tricky returns the listing with values that spreadsheets like to change:
// a number-like acronym, a leading "=", a line break, non-ASCII text, a
// long description, a list, a count.
func tricky() []schema.Record {
	recs := listing()
	recs[0].Description += "\nIt was set up in 2004; its seat is in Warsaw."
	recs[1].Acronym = "0123"
	recs[2].Description = strings.TrimSpace(strings.Repeat("Lorem ipsum dolor sit amet — ÆØÅ ñ 中文. ", 40))
	recs[2].DescriptionLang = "en"
	recs[3].Seat = "=Warsaw"
	recs[3].Founded = "2007-10"
	return recs
}

// sortedCopy is what Merge returns for a listing no patch changes.
func sortedCopy(recs []schema.Record) []schema.Record {
	out := slices.Clone(recs)
	slices.SortStableFunc(out, func(a, b schema.Record) int { return schema.CompareIDs(a.ID, b.ID) })
	return out
}

// mergeFile reads a workbook and merges it over recs, failing on any
// error-level problem.
func mergeFile(t *testing.T, path string, recs []schema.Record) ([]schema.Record, schema.Problems) {
	t.Helper()
	patches, ps, err := Read(path, DefaultOptions())
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	merged, mps := merge.Merge(recs, patches)
	return merged, append(ps, mps...)
}

// sameRecords compares records field by field, sources included, and
// reports each difference.
func sameRecords(t *testing.T, got, want []schema.Record) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d records, want %d", len(got), len(want))
	}
	for i := range want {
		for _, f := range schema.Fields() {
			if g, w := got[i].Values(f), want[i].Values(f); !slices.Equal(g, w) {
				t.Errorf("record %s: %s = %q, want %q", want[i].ID, f, g, w)
			}
		}
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("record %s differs beyond its values:\ngot  %+v\nwant %+v", want[i].ID, got[i], want[i])
		}
	}
}

func writeTemplateFile(t *testing.T, path string, recs []schema.Record) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, recs); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTemplateRoundTrip: a template read back unchanged and merged over the
// records it was made from gives those records, values and sources alike
// (a cell repeating the listing changes nothing).
func TestTemplateRoundTrip(t *testing.T) {
	recs := tricky()
	// Text that looks like an OOXML escape must not be decoded on reading.
	recs[0].AltNames = []string{"Frontex _x0041_ agency", "_x005F_"}
	path := filepath.Join(t.TempDir(), "template.xlsx")
	writeTemplateFile(t, path, recs)
	patches, ps, err := Read(path, DefaultOptions())
	if err != nil || len(ps) > 0 {
		t.Fatalf("Read: %v %v", err, ps)
	}
	if len(patches) != len(recs) {
		t.Fatalf("%d patches, want one per record (%d)", len(patches), len(recs))
	}
	// Each patch holds exactly the record's values, cell by cell.
	byID := map[string]schema.Record{}
	for _, r := range recs {
		byID[r.ID] = r
	}
	for _, p := range patches {
		r := byID[p.ID]
		var rebuilt schema.Record
		for _, c := range p.Cells {
			if err := rebuilt.SetCell(c.Field, c.Value); err != nil {
				t.Fatal(err)
			}
		}
		for _, f := range schema.Fields()[1:] {
			if g, w := rebuilt.Values(f), r.Values(f); !slices.Equal(g, w) {
				t.Errorf("%s: template cell %s = %q, want %q", p.ID, f, g, w)
			}
		}
	}
	merged, mps := merge.Merge(recs, patches)
	if len(mps) > 0 {
		t.Fatalf("merge problems: %v", mps)
	}
	sameRecords(t, merged, sortedCopy(recs))
}

// TestTemplateRefuses: values a cell cannot hold unchanged stop the
// template, naming the record, field and source.
func TestTemplateRefuses(t *testing.T) {
	for _, tc := range []struct {
		value, want string
	}{
		{"bell\a", `sources/listing.txt:11: frontex: name: holds the control character U+0007, which a workbook cannot hold`},
		{strings.Repeat("€", 32768), `sources/listing.txt:11: frontex: name: is longer than a workbook cell holds (32768 UTF-16 units, at most 32767)`},
	} {
		recs := listing()
		recs[0].Name = tc.value
		recs[0].SetSource(schema.FieldName, schema.Position{File: "sources/listing.txt", Line: 11})
		var buf bytes.Buffer
		err := WriteTemplate(&buf, recs)
		if err == nil || !strings.HasSuffix(err.Error(), tc.want) {
			t.Errorf("got %v, want it to end %q", err, tc.want)
		}
	}
	recs := listing()
	recs[0].Name = strings.Repeat("€", 32767) + "\t\n\r"
	if err := WriteTemplate(&bytes.Buffer{}, recs[:1]); err == nil || !strings.Contains(err.Error(), "32770") {
		t.Errorf("tab, LF and CR count toward the length: %v", err)
	}
}

// TestTemplateDeterministic: the same records, in any order, give the same
// bytes.
func TestTemplateDeterministic(t *testing.T) {
	recs := tricky()
	var a, b bytes.Buffer
	if err := WriteTemplate(&a, recs); err != nil {
		t.Fatal(err)
	}
	slices.Reverse(recs)
	if err := WriteTemplate(&b, recs); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two templates of the same records differ")
	}
}

// TestTemplateContent checks, through excelize, what a curator sees: the
// sheets, the header, a note on every header cell, the dropdowns, the
// frozen header, the text format and the widths.
func TestTemplateContent(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, tricky()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Records", "Instructions"}) {
		t.Errorf("sheets %q", got)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Error("Records is not the active sheet")
	}
	rows, err := f.GetRows("Records")
	if err != nil {
		t.Fatal(err)
	}
	var header []string
	for _, fld := range schema.Fields() {
		header = append(header, string(fld))
	}
	if !slices.Equal(rows[0], header) {
		t.Errorf("header %q, want %q", rows[0], header)
	}
	if rows[1][0] != "easo" || len(rows) != 5 {
		t.Errorf("rows not one per record sorted by id: %q", rows)
	}
	comments, err := f.GetComments("Records")
	if err != nil {
		t.Fatal(err)
	}
	noted := map[string]string{}
	for _, c := range comments {
		var text strings.Builder
		for _, p := range c.Paragraph {
			text.WriteString(p.Text)
		}
		noted[c.Cell] = text.String() + c.Text
	}
	for i, fld := range schema.Fields() {
		note := noted[schema.ColumnName(i+1)+"1"]
		if !strings.Contains(note, schema.ClearMarker+" (a hyphen alone)") || len(note) < 80 {
			t.Errorf("header %s: note %q does not say what the column takes and how to clear it", fld, note)
		}
	}
	dvs, err := f.GetDataValidations("Records")
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string]string{}
	for _, dv := range dvs {
		lists[dv.Sqref] = dv.Formula1
	}
	for want, list := range map[string]string{
		"B2:B1048576": `"network,forum,agency"`,
		"C2:C1048576": `"eu-focused,other-european"`,
		"L2:L1048576": `"active,inactive,succeeded,-"`,
	} {
		if lists[want] != list {
			t.Errorf("dropdown on %s = %q, want %q (all: %q)", want, lists[want], list, lists)
		}
	}
	panes, err := f.GetPanes("Records")
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 1 {
		t.Errorf("panes %+v: want the header row and id column frozen", panes)
	}
	for i := range schema.Fields() {
		col := schema.ColumnName(i + 1)
		w, err := f.GetColWidth("Records", col)
		if err != nil || w < minWidth || w > maxWidth {
			t.Errorf("column %s width %v (%v)", col, w, err)
		}
		style, err := f.GetColStyle("Records", col)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(style)
		if err != nil || st.NumFmt != 49 {
			t.Errorf("column %s is not formatted as text (%+v, %v)", col, st, err)
		}
	}
	hs, _ := f.GetCellStyle("Records", "A1")
	if st, err := f.GetStyle(hs); err != nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("header not bold: %+v %v", st, err)
	}
	w, _ := f.GetColWidth("Records", "G") // description: long
	if w != maxWidth {
		t.Errorf("description width %v, want the cap %d", w, maxWidth)
	}
	instr, err := f.GetRows("Instructions")
	if err != nil || len(instr) < 10 || !strings.Contains(strings.Join(instr[5], ""), "type -") {
		t.Errorf("instructions: %q %v", instr, err)
	}
}

// TestReleaseWorkbookRoundTrip: the release's bordernet.xlsx read as a
// curator workbook gives back the records it was written from.
func TestReleaseWorkbookRoundTrip(t *testing.T) {
	recs := sortedCopy(tricky())
	rel := &schema.Release{Version: "2026-11-27", Date: "2026-11-27", Records: schema.RecordSlice(recs),
		Meta: schema.Metadata{Title: "bordernet", BaseIRI: "https://example.org/"}}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, rel); err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, t.TempDir(), "bordernet.xlsx", buf.Bytes())
	merged, ps := mergeFile(t, path, recs)
	if len(ps) > 0 {
		t.Fatalf("problems: %v", ps)
	}
	sameRecords(t, merged, recs)
}

const (
	loFixture   = "template-libreoffice.xlsx"
	loTimeout   = 3 * time.Minute
	fixturesDir = "../../testdata/workbook"
)

// libreOffice re-saves src as XLSX with LibreOffice Calc into dir and
// returns the new file's path.
func libreOffice(t *testing.T, soffice, src, dir string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), loTimeout)
	defer cancel()
	profile := "file://" + filepath.ToSlash(t.TempDir())
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation="+profile, "--headless", "--convert-to", "xlsx", "--outdir", dir, src)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	dst := filepath.Join(dir, strings.TrimSuffix(filepath.Base(src), filepath.Ext(src))+".xlsx")
	if _, err := os.Stat(dst); err != nil {
		t.Fatalf("soffice wrote no %s: %s", dst, out)
	}
	return dst
}

// TestLibreOfficeFixture: a template saved again by LibreOffice Calc (the
// committed fixture, made with -update) gives the same records.
func TestLibreOfficeFixture(t *testing.T) {
	recs := tricky()
	fixture := filepath.Join(fixturesDir, loFixture)
	if *update {
		soffice, err := exec.LookPath("soffice")
		if err != nil {
			t.Fatalf("-update needs soffice to remake %s", loFixture)
		}
		dir := t.TempDir()
		src := filepath.Join(dir, "template-libreoffice.xlsx")
		writeTemplateFile(t, src, recs)
		out := libreOffice(t, soffice, src, filepath.Join(dir, "out"))
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, fixturesDir, loFixture, data)
	}
	merged, ps := mergeFile(t, fixture, recs)
	if len(ps) > 0 {
		t.Fatalf("problems: %v", ps)
	}
	sameRecords(t, merged, sortedCopy(recs))
}

// TestLibreOfficeLive re-saves a template and the release workbook with
// the LibreOffice installed here and reads them back.
func TestLibreOfficeLive(t *testing.T) {
	soffice := judge.Need(t, "soffice")
	recs := tricky()
	dir := t.TempDir()
	src := filepath.Join(dir, "template.xlsx")
	writeTemplateFile(t, src, recs)
	rel := &schema.Release{Version: "2026-11-27", Date: "2026-11-27", Records: schema.RecordSlice(sortedCopy(recs))}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, rel); err != nil {
		t.Fatal(err)
	}
	release := writeFile(t, dir, "bordernet.xlsx", buf.Bytes())
	for _, in := range []string{src, release} {
		out := libreOffice(t, soffice, in, filepath.Join(dir, "out"))
		merged, ps := mergeFile(t, out, recs)
		if len(ps) > 0 {
			t.Fatalf("%s: problems: %v", filepath.Base(in), ps)
		}
		sameRecords(t, merged, sortedCopy(recs))
	}
}
