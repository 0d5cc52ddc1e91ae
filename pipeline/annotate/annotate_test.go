package annotate

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bordernet/bordernet/internal/judge"
	"github.com/bordernet/bordernet/pipeline/source"
	"github.com/bordernet/bordernet/pipeline/workbook"
	"github.com/bordernet/bordernet/schema"
	"github.com/xuri/excelize/v2"
)

// readBack is what openpyxl, a third-party reader, finds in a workbook.
type readBack struct {
	Sheets      []string                     `json:"sheets"`
	Comments    map[string]map[string]string `json:"comments"`    // sheet → cell → text
	Fills       map[string]map[string]string `json:"fills"`       // sheet → cell → solid fill colour
	Links       map[string]map[string]string `json:"links"`       // sheet → cell → internal link target
	Validations map[string]int               `json:"validations"` // sheet → data validations
	Values      map[string]map[string]string `json:"values"`      // sheet → cell → value
}

const openpyxlScript = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": wb.sheetnames, "comments": {}, "fills": {}, "links": {}, "validations": {}, "values": {}}
for ws in wb.worksheets:
    c, f, l, v = {}, {}, {}, {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.comment is not None:
                c[cell.coordinate] = cell.comment.text
            if cell.fill is not None and cell.fill.fill_type == "solid":
                f[cell.coordinate] = str(cell.fill.fgColor.rgb)[-6:]
            if cell.hyperlink is not None and cell.hyperlink.location:
                l[cell.coordinate] = cell.hyperlink.location
            if cell.value is not None:
                v[cell.coordinate] = str(cell.value)
    out["comments"][ws.title], out["fills"][ws.title], out["links"][ws.title], out["values"][ws.title] = c, f, l, v
    out["validations"][ws.title] = len(ws.data_validations.dataValidation)
json.dump(out, sys.stdout)
`

func openpyxl(t *testing.T, python, path string) readBack {
	t.Helper()
	out, err := exec.Command(python, "-c", openpyxlScript, path).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("openpyxl cannot read %s: %v\n%s", path, err, ee.Stderr)
		}
		t.Fatal(err)
	}
	var rb readBack
	if err := json.Unmarshal(out, &rb); err != nil {
		t.Fatal(err)
	}
	return rb
}

// fixture makes a source folder: the repository's listing and a
// template of its records edited as a curator might, with mistakes.
// It returns the folder and the row of each id in the workbook.
func fixture(t *testing.T) (string, map[string]int) {
	t.Helper()
	dir := t.TempDir()
	listing, err := os.ReadFile("../../sources/listing.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "listing.txt"), listing, 0o644); err != nil {
		t.Fatal(err)
	}
	ds, err := source.Load(context.Background(), []string{filepath.Join(dir, "listing.txt")})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "curation.xlsx")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := workbook.WriteTemplate(out, ds.Records.(schema.RecordSlice)); err != nil {
		t.Fatal(err)
	}
	out.Close()

	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]int{}
	last := 0
	for r := 2; ; r++ {
		id, _ := f.GetCellValue("Records", "A"+itoa(r))
		if id == "" {
			break
		}
		rows[id], last = r, r
	}
	set := func(cell, v string) {
		if err := f.SetCellStr("Records", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	fr := itoa(rows["frontex"])
	set("I"+fr, "htp://frontex.eu") // website: invalid-url
	set("J"+fr, "26/10/2004")       // founded: invalid-date
	rows["fronetx"] = last + 1
	set("A"+itoa(last+1), "fronetx") // unknown-id, and a record without kind, scope, name
	set("R"+itoa(last+1), "Warsaw")
	set("W1", "Notes") // unknown-column
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return dir, rows
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestAnnotate reads an annotated copy back with openpyxl: the comments
// are on exactly the problem cells (and the template's own header notes,
// kept), the fills by severity, the Problems sheet first with a link to
// each cell, the data validation and the values kept.
func TestAnnotate(t *testing.T) {
	python := judge.Python(t, "openpyxl")
	dir, rows := fixture(t)
	ds, err := source.Load(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	wb := filepath.Join(dir, "curation.xlsx")
	out := filepath.Join(t.TempDir(), "annotated")
	copies, err := Write(out, ds.Inputs.Workbooks, ds.Problems)
	if err != nil {
		t.Fatal(err)
	}
	if len(copies) != 1 || copies[0].Path != filepath.Join(out, "curation.xlsx") {
		t.Fatalf("copies %+v", copies)
	}
	orig, got := openpyxl(t, python, wb), openpyxl(t, python, copies[0].Path)

	fr, fx := itoa(rows["frontex"]), itoa(rows["fronetx"])
	// The cells problems are at, by severity; the listing's two records
	// without a description are marked on their id cells.
	wantFills := map[string]string{
		"I" + fr: "FFC7CE", "J" + fr: "FFC7CE", "A" + fx: "FFC7CE",
		"W1":                       "FFEB9C",
		"A" + itoa(rows["sircop"]): "FFEB9C", "A" + itoa(rows["ilo"]): "FFEB9C",
	}
	// Header cells have the template's own fill: leave them out.
	fills := map[string]string{}
	for cell, color := range got.Fills["Records"] {
		if orig.Fills["Records"][cell] != color {
			fills[cell] = color
		}
	}
	if !maps.Equal(fills, wantFills) {
		t.Errorf("fills %v, want %v", fills, wantFills)
	}
	var wantComments []string
	for cell := range orig.Comments["Records"] {
		wantComments = append(wantComments, cell) // the header notes, kept
	}
	for cell := range wantFills {
		wantComments = append(wantComments, cell)
	}
	slices.Sort(wantComments)
	if cells := slices.Sorted(maps.Keys(got.Comments["Records"])); !slices.Equal(cells, wantComments) {
		t.Errorf("comments on %q, want %q", cells, wantComments)
	}
	for cell, want := range map[string]string{
		"I" + fr:                `website: error[invalid-url]: "htp://frontex.eu" is not a valid web address`,
		"J" + fr:                `founded: error[invalid-date]: "26/10/2004" is not a date`,
		"A" + fx:                `id: error[unknown-id]: "fronetx" is the id of no record, and the row is not a new record (it needs name, kind and scope): did you mean frontex?`,
		"W1":                    `warning[unknown-column]: unknown column "Notes" is ignored`,
		"A" + itoa(rows["ilo"]): "this record, at " + filepath.ToSlash(filepath.Join(dir, "listing.txt")) + ":26: description: warning[missing-description]: has no description",
	} {
		if !strings.Contains(got.Comments["Records"][cell], want) {
			t.Errorf("comment on %s = %q, want it to hold %q", cell, got.Comments["Records"][cell], want)
		}
	}
	// The fronetx row's missing kind, scope and name are at its row: the
	// same cell, one comment.
	if c := got.Comments["Records"]["A"+fx]; strings.Count(c, "error[missing-value]") != 3 {
		t.Errorf("comment on A%s = %q, want the three missing values too", fx, c)
	}
	// A header note keeps its text, the problem after it.
	if c := got.Comments["Records"]["J1"]; c != orig.Comments["Records"]["J1"] {
		t.Errorf("J1's note changed: %q", c)
	}

	if want := append([]string{SheetName}, orig.Sheets...); !slices.Equal(got.Sheets, want) {
		t.Errorf("sheets %q, want %q", got.Sheets, want)
	}
	if got.Validations["Records"] == 0 || got.Validations["Records"] != orig.Validations["Records"] {
		t.Errorf("data validations %d, the original has %d", got.Validations["Records"], orig.Validations["Records"])
	}
	for cell, v := range orig.Values["Records"] {
		if got.Values["Records"][cell] != v {
			t.Errorf("Records!%s = %q, the original has %q", cell, got.Values["Records"][cell], v)
		}
	}
	// The Problems sheet: a row per problem, in report order, the listing's
	// too; a link to each cell in this workbook.
	probs := got.Values[SheetName]
	if len(ds.Problems) == 0 || probs["F"+itoa(len(ds.Problems)+1)] != ds.Problems[len(ds.Problems)-1].Message {
		t.Errorf("the Problems sheet does not list the %d problems: %v", len(ds.Problems), probs)
	}
	links := got.Links[SheetName]
	for i, p := range ds.Problems {
		cell := "C" + itoa(i+2)
		if probs[cell] != p.Pos.String() || probs["B"+itoa(i+2)] != p.Code {
			t.Errorf("Problems!%s = %q %q, want %q %q", cell, probs[cell], probs["B"+itoa(i+2)], p.Pos.String(), p.Code)
		}
		want := ""
		switch {
		case p.Pos.File == filepath.ToSlash(wb) && p.Pos.Cell() != "":
			want = "Records!" + p.Pos.Cell()
		case p.Pos.File == filepath.ToSlash(wb):
			want = "Records!A" + itoa(p.Pos.Line)
		case p.Record == "sircop" || p.Record == "ilo":
			want = "Records!A" + itoa(rows[p.Record])
		}
		if links[cell] != want {
			t.Errorf("Problems!%s links to %q, want %q (%s)", cell, links[cell], want, p)
		}
	}

	// LibreOffice opens the copy: re-saved by it, the copy reads as the
	// original does.
	soffice := judge.Need(t, "soffice")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	conv := t.TempDir()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.ToSlash(t.TempDir()), "--headless",
		"--convert-to", "xlsx", "--outdir", conv, copies[0].Path)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	before, _, err := workbook.Read(wb, workbook.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	after, _, err := workbook.Read(filepath.Join(conv, "curation.xlsx"), workbook.DefaultOptions())
	if err != nil {
		t.Fatalf("LibreOffice's copy of the annotated workbook: %v", err)
	}
	if len(after) != len(before) {
		t.Errorf("LibreOffice's copy has %d rows, the original %d", len(after), len(before))
	}
}

// TestAnnotateNoProblems: a workbook with no problems gets no comment of
// bordernet's, only the sheet saying so.
func TestAnnotateNoProblems(t *testing.T) {
	python := judge.Python(t, "openpyxl")
	dir, _ := fixture(t)
	wb := filepath.Join(dir, "curation.xlsx")
	copies, err := Write(filepath.Join(t.TempDir(), "out"), []string{wb}, nil)
	if err != nil {
		t.Fatal(err)
	}
	orig, got := openpyxl(t, python, wb), openpyxl(t, python, copies[0].Path)
	if !maps.Equal(got.Comments["Records"], orig.Comments["Records"]) || !maps.Equal(got.Fills["Records"], orig.Fills["Records"]) {
		t.Errorf("comments %v\nfills %v\nwant the original's", got.Comments["Records"], got.Fills["Records"])
	}
	if copies[0].Marked != 0 || got.Values[SheetName]["F2"] != "No problems: bordernet validate found nothing to fix." {
		t.Errorf("marked %d; Problems sheet %v", copies[0].Marked, got.Values[SheetName])
	}
}

// TestCheck: copies never go over or beside the originals.
func TestCheck(t *testing.T) {
	dir, _ := fixture(t)
	wb := filepath.Join(dir, "curation.xlsx")
	other := filepath.Join(t.TempDir(), "curation.xlsx")
	if err := os.WriteFile(other, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link") // another name of the sources' folder
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		dir       string
		workbooks []string
		want      string
	}{
		{dir, []string{wb}, "the annotated copies would overwrite or mix with the sources: it is the folder of"},
		{dir + "/.", []string{wb}, "it is the folder of"},
		{filepath.Dir(other), []string{wb, other}, "have the same name"},
		{link, []string{wb}, "it is the folder of"},
		{filepath.Dir(other) + "/../" + filepath.Base(filepath.Dir(other)), []string{other}, "it is the folder of"},
		{t.TempDir(), []string{wb}, ""},
	} {
		err := Check(tc.dir, tc.workbooks)
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("Check(%s, %q) = %v, want %q", tc.dir, tc.workbooks, err, tc.want)
		}
	}
	// Refused, nothing is written.
	if _, err := Write(dir, []string{wb}, schema.Problems{}); !errors.Is(err, ErrOriginal) {
		t.Errorf("Write into the sources' folder: %v", err)
	}
}

// TestAnnotateLibreOfficeWorkbook: a workbook LibreOffice saved (shared
// strings, its own styles, dates as numbers, a formula) keeps its values,
// formulas and validation in its annotated copy, and the problems the
// reader finds in it are marked.
func TestAnnotateLibreOfficeWorkbook(t *testing.T) {
	python := judge.Python(t, "openpyxl")
	src := filepath.Join(t.TempDir(), "curator-libreoffice.xlsx")
	data, err := os.ReadFile("../../testdata/workbook/curator-libreoffice.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(src, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, ps, err := workbook.Read(src, workbook.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) == 0 {
		t.Fatal("the fixture has no problems to mark")
	}
	copies, err := Write(filepath.Join(t.TempDir(), "out"), []string{src}, ps)
	if err != nil {
		t.Fatal(err)
	}
	orig, got := openpyxl(t, python, src), openpyxl(t, python, copies[0].Path)
	for _, sheet := range orig.Sheets {
		if !maps.Equal(got.Values[sheet], orig.Values[sheet]) {
			t.Errorf("sheet %s: values\n%v\nwant\n%v", sheet, got.Values[sheet], orig.Values[sheet])
		}
		if got.Validations[sheet] != orig.Validations[sheet] {
			t.Errorf("sheet %s: %d data validations, the original has %d", sheet, got.Validations[sheet], orig.Validations[sheet])
		}
	}
	var want []string
	for _, p := range ps {
		if c := p.Pos.Cell(); c != "" {
			want = append(want, c)
		} else if p.Pos.Line > 0 {
			want = append(want, "A"+itoa(p.Pos.Line))
		}
	}
	slices.Sort(want)
	want = slices.Compact(want)
	var marked []string
	for cell, text := range got.Comments["Records"] {
		if text != orig.Comments["Records"][cell] {
			marked = append(marked, cell)
		}
	}
	slices.Sort(marked)
	if !slices.Equal(marked, want) {
		t.Errorf("comments added on %q, want %q", marked, want)
	}
}

func TestRef(t *testing.T) {
	for sheet, want := range map[string]string{
		"Records":       "Records!E7",
		"Records 2026":  "'Records 2026'!E7",
		"Curator's":     "'Curator''s'!E7",
		"2026":          "'2026'!E7",
		"Données_école": "Données_école!E7",
		"a-b":           "'a-b'!E7",
	} {
		if got := ref(sheet, "E7"); got != want {
			t.Errorf("ref(%q) = %q, want %q", sheet, got, want)
		}
	}
}

// TestRecordsSheetNamedProblems: the records are never replaced by the
// list of problems.
func TestRecordsSheetNamedProblems(t *testing.T) {
	wb := filepath.Join(t.TempDir(), "odd.xlsx")
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", "Problems"); err != nil {
		t.Fatal(err)
	}
	for cell, v := range map[string]string{"A1": "id", "B1": "founded", "A2": "frontex", "B2": "26/10/2004"} {
		if err := f.SetCellStr("Problems", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(wb); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, ps, err := workbook.Read(wb, workbook.DefaultOptions())
	if err != nil || len(ps) != 1 {
		t.Fatalf("read: %v, %v", ps, err)
	}
	copies, err := Write(filepath.Join(t.TempDir(), "out"), []string{wb}, ps)
	if err != nil {
		t.Fatal(err)
	}
	got, err := excelize.OpenFile(copies[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	if sheets := got.GetSheetList(); !slices.Equal(sheets, []string{altSheetName, "Problems"}) {
		t.Errorf("sheets %q", sheets)
	}
	if v, _ := got.GetCellValue("Problems", "B2"); v != "26/10/2004" {
		t.Errorf("the records sheet lost its value: B2 = %q", v)
	}
	if v, _ := got.GetCellValue(altSheetName, "C2"); !strings.HasSuffix(v, "Problems!B2") {
		t.Errorf("the list's first position is %q", v)
	}
}
