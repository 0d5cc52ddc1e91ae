package xlsx

import (
	"archive/zip"
	"bytes"
	stdcsv "encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bordernet/bordernet/internal/judge"
	"github.com/bordernet/bordernet/schema"
	"github.com/xuri/excelize/v2"
)

func write(t testing.TB, rel *schema.Release) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, rel); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func open(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("excelize cannot open the workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// rows reads a sheet's rows padded to the width of its first row, since
// excelize drops trailing empty cells.
func rows(t testing.TB, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rs, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	width := 0
	for _, r := range rs {
		width = max(width, len(r))
	}
	for i := range rs {
		for len(rs[i]) < width {
			rs[i] = append(rs[i], "")
		}
	}
	return rs
}

// dump renders what a reader of the workbook sees: sheets, panes, column
// widths, autofilters, cells and hyperlinks, document properties.
func dump(t testing.TB, data []byte) []byte {
	t.Helper()
	f := open(t, data)
	var b bytes.Buffer
	fmt.Fprintf(&b, "sheets: %q, active %d\n", f.GetSheetList(), f.GetActiveSheetIndex())
	names := f.GetDefinedName()
	slices.SortFunc(names, func(a, b excelize.DefinedName) int { return strings.Compare(a.Scope+a.Name, b.Scope+b.Name) })
	for _, dn := range names {
		fmt.Fprintf(&b, "defined name %s (%s): %s\n", dn.Name, dn.Scope, dn.RefersTo)
	}
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "\n== %s\n", sheet)
		panes, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "panes: freeze=%v ySplit=%d topLeft=%s\n", panes.Freeze, panes.YSplit, panes.TopLeftCell)
		rs := rows(t, f, sheet)
		var widths []string
		for j := range rs[0] {
			col := schema.ColumnName(j + 1)
			w, err := f.GetColWidth(sheet, col)
			if err != nil {
				t.Fatal(err)
			}
			widths = append(widths, fmt.Sprintf("%s=%g", col, w))
		}
		fmt.Fprintf(&b, "widths: %s\n", strings.Join(widths, " "))
		for i, r := range rs {
			fmt.Fprintf(&b, "%d:", i+1)
			for j, v := range r {
				fmt.Fprintf(&b, " %q", v)
				cell := schema.ColumnName(j+1) + fmt.Sprint(i+1)
				if ok, target, err := f.GetCellHyperLink(sheet, cell); err != nil {
					t.Fatal(err)
				} else if ok {
					fmt.Fprintf(&b, "<%s>", target)
				}
			}
			b.WriteByte('\n')
		}
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "\n== properties\n%+v\n", *props)
	return b.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(dataDir, name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
		for i := range max(len(gl), len(wl)) {
			var g, w []byte
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if !bytes.Equal(g, w) {
				t.Fatalf("%s differs from the golden file at line %d (go test -update rewrites it):\n got: %s\nwant: %s", name, i+1, g, w)
			}
		}
	}
}

// TestGolden compares what excelize reads from the workbook, not its
// bytes, with the golden file: the bytes are checked for reproducibility
// instead.
func TestGolden(t *testing.T) {
	golden(t, "bordernet.xlsx.txt", dump(t, write(t, loadRelease(t))))
}

// TestSameCellsAsRecords reads the Records sheet back: header and rows
// must be the fields and every record's cells, unchanged (no apostrophe:
// text cells are never formulas).
func TestSameCellsAsRecords(t *testing.T) {
	rel := loadRelease(t)
	rs := rows(t, open(t, write(t, rel)), SheetRecords)
	if want := rel.Records.Len() + 1; len(rs) != want {
		t.Fatalf("%d rows, want %d", len(rs), want)
	}
	for j, f := range schema.Fields() {
		if rs[0][j] != string(f) {
			t.Errorf("header %d = %q, want %q", j+1, rs[0][j], f)
		}
		for i := range rel.Records.(schema.RecordSlice) {
			if got, want := rs[i+1][j], rel.Records.(schema.RecordSlice)[i].Cell(f); got != want {
				t.Errorf("row %d %s = %q, want %q", i+2, f, got, want)
			}
		}
	}
}

// TestReadsBackAsRecords rebuilds records from the Records sheet the way a
// curator workbook is read (header names, Record.SetCell): they must equal
// the release's records but for provenance.
func TestReadsBackAsRecords(t *testing.T) {
	rel := loadRelease(t)
	rs := rows(t, open(t, write(t, rel)), SheetRecords)
	for i, row := range rs[1:] {
		var got schema.Record
		for j, cell := range row {
			if err := got.SetCell(schema.Field(rs[0][j]), cell); err != nil {
				t.Fatalf("row %d: %v", i+2, err)
			}
		}
		want := rel.Records.(schema.RecordSlice)[i]
		for _, f := range schema.Fields() {
			if !slices.Equal(got.Values(f), want.Values(f)) {
				t.Errorf("row %d %s = %q, want %q", i+2, f, got.Values(f), want.Values(f))
			}
		}
	}
}

// TestTextCells checks that every cell of every sheet is an inline string
// with the text number format, so "2004", "123" or "2004-10" stay text and
// nothing is a formula.
func TestTextCells(t *testing.T) {
	rel := loadRelease(t)
	rel.Records.(schema.RecordSlice)[0].Acronym = "=1+1"
	rel.Records.(schema.RecordSlice)[0].Seat = "0123"
	f := open(t, write(t, rel))
	for _, sheet := range f.GetSheetList() {
		for i, r := range rows(t, f, sheet) {
			for j, v := range r {
				cell := schema.ColumnName(j+1) + fmt.Sprint(i+1)
				typ, err := f.GetCellType(sheet, cell)
				if err != nil {
					t.Fatal(err)
				}
				if v == "" {
					// No cell at all: an empty text cell is not empty to a
					// spreadsheet.
					if typ != excelize.CellTypeUnset {
						t.Errorf("%s!%s is empty but has a cell of type %v", sheet, cell, typ)
					}
					continue
				}
				if typ != excelize.CellTypeInlineString {
					t.Errorf("%s!%s %q has cell type %v, want an inline string", sheet, cell, v, typ)
				}
				if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
					t.Errorf("%s!%s is a formula: %q", sheet, cell, formula)
				}
				id, err := f.GetCellStyle(sheet, cell)
				if err != nil {
					t.Fatal(err)
				}
				style, err := f.GetStyle(id)
				if err != nil {
					t.Fatal(err)
				}
				if style.NumFmt != 49 {
					t.Errorf("%s!%s has number format %d, want 49 (text)", sheet, cell, style.NumFmt)
				}
			}
		}
	}
}

// TestProvenance reads the Provenance sheet back: it has the rows and
// columns of Records, the ids in column A, and in every other cell where
// the Records cell at the same address was read, empty when that cell is
// empty or was not read from a source.
func TestProvenance(t *testing.T) {
	rel := loadRelease(t)
	// A source for a field without a value: there is no value to say
	// anything about.
	rel.Records.(schema.RecordSlice)[0].SetSource(schema.FieldSeat, schema.Position{File: "sources/listing.txt", Line: 99})
	f := open(t, write(t, rel))
	recs, prov := rows(t, f, SheetRecords), rows(t, f, SheetProvenance)
	if !slices.Equal(prov[0], recs[0]) {
		t.Errorf("header = %q, want the Records header %q", prov[0], recs[0])
	}
	if len(prov) != rel.Records.Len()+1 {
		t.Fatalf("%d rows, want a header and one per record: %d", len(prov), rel.Records.Len()+1)
	}
	sourced := 0
	for i, r := range rel.Records.(schema.RecordSlice) {
		row := prov[i+1]
		if row[0] != r.ID {
			t.Errorf("row %d: id %q, want %q", i+2, row[0], r.ID)
		}
		for j, field := range schema.Fields() {
			if j == 0 {
				continue
			}
			want := ""
			if pos, ok := r.Source(field); ok && r.Cell(field) != "" {
				want = pos.String()
				sourced++
			}
			if row[j] != want {
				t.Errorf("%s%d (%s %s) = %q, want %q", schema.ColumnName(j+1), i+2, r.ID, field, row[j], want)
			}
		}
	}
	if sourced < 50 {
		t.Fatalf("only %d sourced values: the fixture no longer tests this", sourced)
	}
	for _, tc := range []struct{ cell, want string }{
		{"A10", "frontex"},
		{"D10", "sources/curation.xlsx Records!B10"}, // name
		{"G10", "sources/listing.txt:43"},            // description
		{"V10", "sources/curation.xlsx Records!K10"}, // source_urls
		{"Q5", "sources/curation.xlsx Records!M5"},   // elena's members
		{"R2", ""}, // a source but no value
	} {
		got, err := f.GetCellValue(SheetProvenance, tc.cell)
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("Provenance!%s = %q, want %q", tc.cell, got, tc.want)
		}
	}
}

func TestReproducible(t *testing.T) {
	for _, rel := range []*schema.Release{loadRelease(t), synthRelease(300)} {
		a, b := write(t, rel), write(t, rel)
		if !bytes.Equal(a, b) {
			t.Errorf("two writes of a %d-record release differ", rel.Records.Len())
		}
	}
}

func TestDocDates(t *testing.T) {
	props, err := open(t, write(t, loadRelease(t))).GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Created != "2026-01-15T00:00:00Z" || props.Modified != props.Created {
		t.Errorf("created %q, modified %q; want the release date", props.Created, props.Modified)
	}
	rel := loadRelease(t)
	rel.Date = "15/01/2026"
	if err := Write(&bytes.Buffer{}, rel); err == nil || !strings.Contains(err.Error(), "15/01/2026") {
		t.Errorf("a malformed date gave err = %v", err)
	}
}

// trickyCases are values that excelize or spreadsheets would change, each
// with the error Write must give, or nil when the value must read back
// unchanged.
var trickyCases = []struct {
	name  string
	value string
	err   error
}{
	{"formula", "=HYPERLINK(\"http://x\",\"y\")", nil},
	{"plus", "+1", nil},
	{"minus", "-1", nil},
	{"at", "@SUM(A1)", nil},
	{"number", "2004", nil},
	{"leading zero", "0123", nil},
	{"date-like", "2004-10", nil},
	{"escape-like", "_x0041_ and _x005F_", nil},
	{"quotes and commas", `say "hi", then, go`, nil},
	{"line breaks", "one\ntwo\r\nthree\rfour", nil},
	{"tab", "a\tb", nil},
	{"leading and trailing space", "  spaced  ", nil},
	{"non-ASCII", "Agence européenne – Ευρωπαϊκός – 欧洲 – ąčęėįšųūž", nil},
	{"astral", "net 🛂 𝔘", nil},
	{"XML markup", "<b>&amp;</b> ]]>", nil},
	{"replacement character", "a \uFFFD b", nil},
	{"longest", strings.Repeat("x", MaxCellText), nil},
	{"longest astral", strings.Repeat("🛂", MaxCellText/2) + "x", nil},
	{"too long", strings.Repeat("x", 40000), ErrTooLong},
	{"too long in UTF-16", strings.Repeat("🛂", MaxCellText/2+1), ErrTooLong},
	{"NUL", "a\x00b", ErrControlChar},
	{"bell", "a\ab", ErrControlChar},
	{"U+FFFF", "a\uFFFFb", ErrControlChar},
	{"invalid UTF-8", "a\xffb", ErrNotUTF8},
}

func TestTrickyValues(t *testing.T) {
	for _, tc := range trickyCases {
		t.Run(tc.name, func(t *testing.T) {
			r := schema.Record{ID: "x", Kind: schema.KindNetwork, Scope: schema.ScopeEU, Name: "n", Description: tc.value}
			r.SetSource(schema.FieldDescription, schema.Position{File: "sources/listing.txt", Line: 7})
			var buf bytes.Buffer
			err := Write(&buf, &schema.Release{Records: schema.RecordSlice([]schema.Record{r})})
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("err = %v, want %v", err, tc.err)
				}
				if buf.Len() != 0 {
					t.Errorf("%d bytes written before the error", buf.Len())
				}
				if want := "bordernet.xlsx Records row 2: sources/listing.txt:7: x: description: "; !strings.HasPrefix(err.Error(), want) {
					t.Errorf("err = %q, want it to start with %q", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			f := open(t, buf.Bytes())
			for _, cell := range []struct{ sheet, ref, want string }{
				{SheetRecords, "G2", tc.value},
				{SheetProvenance, "G2", "sources/listing.txt:7"},
			} {
				got, err := f.GetCellValue(cell.sheet, cell.ref)
				if err != nil {
					t.Fatal(err)
				}
				if got != cell.want {
					t.Errorf("%s!%s = %q, want %q", cell.sheet, cell.ref, short(got), short(cell.want))
				}
			}
		})
	}
}

func short(s string) string {
	if len(s) > 80 {
		return fmt.Sprintf("%s…(%d bytes)", s[:60], len(s))
	}
	return s
}

func TestAboutValuesChecked(t *testing.T) {
	rel := loadRelease(t)
	rel.Meta.Description = "bad\x01"
	err := Write(&bytes.Buffer{}, rel)
	if !errors.Is(err, ErrControlChar) || !strings.Contains(err.Error(), "About: dataset description") {
		t.Errorf("err = %v, want ErrControlChar naming the About sheet's description", err)
	}
}

func TestLinks(t *testing.T) {
	tests := []struct {
		field  schema.Field
		values []string
		want   string
	}{
		{schema.FieldWebsite, []string{"https://www.frontex.europa.eu/"}, "https://www.frontex.europa.eu/"},
		{schema.FieldLegalBasis, []string{"https://eur-lex.europa.eu/eli/reg/2019/1896/oj"}, "https://eur-lex.europa.eu/eli/reg/2019/1896/oj"},
		{schema.FieldSourceURLs, []string{"https://a.example/"}, "https://a.example/"},
		{schema.FieldSourceURLs, []string{"https://a.example/", "https://b.example/"}, ""},
		{schema.FieldWikidata, []string{"Q42"}, "https://www.wikidata.org/wiki/Q42"},
		{schema.FieldEUCorporateBody, []string{"FRONTEX"}, "http://publications.europa.eu/resource/authority/corporate-body/FRONTEX"},
		{schema.FieldEUCorporateBody, []string{"a b"}, ""},
		{schema.FieldWebsite, []string{"javascript:alert(1)"}, ""},
		{schema.FieldWebsite, []string{"https://example.org/" + strings.Repeat("a", 2100)}, ""},
		{schema.FieldWebsite, nil, ""},
		{schema.FieldName, []string{"https://example.org/"}, ""},
	}
	for _, tc := range tests {
		if got := linkTarget(tc.field, tc.values); got != tc.want {
			t.Errorf("linkTarget(%s, %.40q) = %q, want %q", tc.field, tc.values, got, tc.want)
		}
	}
	// The writer looks for links in the link fields only.
	for _, f := range schema.Fields() {
		for _, v := range []string{"https://example.org/", "Q42", "FRONTEX"} {
			if got := linkTarget(f, []string{v}); got != "" && !isLinkField(f) {
				t.Errorf("linkTarget(%s, %q) = %q, but %s is not a link field", f, v, got, f)
			}
		}
	}
}

// TestLinkLimit writes more URL cells than the Records sheet may hold
// links: the first ones, in row order, are links in the link style, the
// rest plain text in the text style.
func TestLinkLimit(t *testing.T) {
	const limit, n = 3, 5
	rel := &schema.Release{Records: schema.RecordSlice(make([]schema.Record, n))}
	for i := range rel.Records.(schema.RecordSlice) {
		rel.Records.(schema.RecordSlice)[i] = schema.Record{ID: fmt.Sprintf("r%d", i), Name: "n", Website: fmt.Sprintf("https://example.org/%d", i)}
	}
	var buf bytes.Buffer
	if err := writeWith(&buf, rel, limits{links: limit, rows: MaxRecords + 1}); err != nil {
		t.Fatal(err)
	}
	f := open(t, buf.Bytes())
	var styles []int
	for i := range n {
		cell := fmt.Sprintf("I%d", i+2)
		ok, target, err := f.GetCellHyperLink(SheetRecords, cell)
		if err != nil {
			t.Fatal(err)
		}
		if want := i < limit; ok != want || ok && target != rel.Records.(schema.RecordSlice)[i].Website {
			t.Errorf("%s: link %v %q, want link %v", cell, ok, target, want)
		}
		style, err := f.GetCellStyle(SheetRecords, cell)
		if err != nil {
			t.Fatal(err)
		}
		styles = append(styles, style)
	}
	if styles[0] != styles[limit-1] || styles[limit-1] == styles[limit] {
		t.Errorf("cell styles %v: want the link style on the links only", styles)
	}
}

// TestFullLinkLimit writes MaxLinks+2 URL cells: the sheet must hold
// exactly MaxLinks links, each with its relationship, the last on row
// MaxLinks+1. The parts are counted in the zip rather than read with
// excelize, which takes minutes over a sheet this size under the race
// detector.
func TestFullLinkLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 65k-row workbook")
	}
	n := MaxLinks + 2
	rel := &schema.Release{Records: schema.RecordSlice(make([]schema.Record, n))}
	for i := range rel.Records.(schema.RecordSlice) {
		rel.Records.(schema.RecordSlice)[i] = schema.Record{ID: fmt.Sprintf("r%06d", i), Website: fmt.Sprintf("https://example.org/%d", i)}
	}
	data := write(t, rel)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	part := func(name string) []byte {
		f, err := zr.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		b, err := io.ReadAll(f)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	sheet, rels := part(recordsPart), part("xl/worksheets/_rels/sheet1.xml.rels")
	if got := bytes.Count(sheet, []byte("<hyperlink ")); got != MaxLinks {
		t.Errorf("%d hyperlinks, want %d", got, MaxLinks)
	}
	if got := bytes.Count(rels, []byte("<Relationship ")); got != MaxLinks {
		t.Errorf("%d relationships, want %d", got, MaxLinks)
	}
	last := fmt.Sprintf(`<hyperlink ref="I%d" r:id="rId%d"/></hyperlinks>`, MaxLinks+1, MaxLinks)
	if !bytes.Contains(sheet, []byte(last)) {
		t.Errorf("the sheet does not end its links with %s", last)
	}
	target := fmt.Sprintf(`Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/%d"`, MaxLinks, MaxLinks-1)
	if !bytes.Contains(rels, []byte(target)) {
		t.Errorf("the last relationship is not %s", target)
	}
	open(t, data)
}

// TestLibreOffice has LibreOffice convert the Records sheet to CSV: the
// conversion must succeed and give the same rows as the records' cells,
// tricky values included.
func TestLibreOffice(t *testing.T) {
	soffice := judge.Need(t, "soffice")
	rel := loadRelease(t)
	for i, tc := range trickyCases {
		if tc.err != nil || len(tc.value) > 1000 {
			continue
		}
		rel.Records = append(rel.Records.(schema.RecordSlice), schema.Record{
			ID: fmt.Sprintf("tricky-%d", i), Kind: schema.KindForum, Scope: schema.ScopeEuropean,
			Name: tc.value, Description: tc.value, Website: "https://example.org/?a=1&b=" + fmt.Sprint(i),
		})
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "bordernet.xlsx")
	if err := os.WriteFile(in, write(t, rel), 0o644); err != nil {
		t.Fatal(err)
	}
	// 44,34,76,1: comma, double quote, UTF-8, from line 1.
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", dir, in)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	t.Logf("soffice took %v: %s", time.Since(start).Round(time.Millisecond), bytes.TrimSpace(out))
	if err != nil {
		t.Fatalf("soffice: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "bordernet.csv"))
	if err != nil {
		t.Fatalf("soffice wrote no CSV: %v", err)
	}
	got, err := stdcsv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("LibreOffice's CSV: %v", err)
	}
	if len(got) != rel.Records.Len()+1 {
		t.Fatalf("LibreOffice gave %d rows, want %d", len(got), rel.Records.Len()+1)
	}
	for j, f := range schema.Fields() {
		if got[0][j] != string(f) {
			t.Errorf("header %d = %q, want %q", j+1, got[0][j], f)
		}
		for i := range rel.Records.(schema.RecordSlice) {
			// LibreOffice writes line breaks inside a cell as LF, and
			// encoding/csv drops a CR before an LF.
			want := strings.ReplaceAll(rel.Records.(schema.RecordSlice)[i].Cell(f), "\r\n", "\n")
			if g := got[i+1][j]; g != want && g != strings.ReplaceAll(want, "\r", "\n") {
				t.Errorf("row %d %s = %q, want %q", i+2, f, g, want)
			}
		}
	}
}

func FuzzCellText(f *testing.F) {
	for _, tc := range trickyCases {
		if len(tc.value) < 1000 {
			f.Add(tc.value)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := schema.Record{ID: "x", Name: s}
		// s as a file name too, for the Provenance sheet.
		r.SetSource(schema.FieldName, schema.Position{File: s, Line: 3})
		var buf bytes.Buffer
		err := Write(&buf, &schema.Release{Records: schema.RecordSlice([]schema.Record{r})})
		if check := CheckText(s); check != nil {
			if !errors.Is(err, check) {
				t.Fatalf("CheckText says %v, Write says %v", check, err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.ValidString(s) {
			t.Fatal("CheckText passed invalid UTF-8")
		}
		fx, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		defer fx.Close()
		for _, cell := range []struct{ sheet, ref, want string }{
			{SheetRecords, "D2", s},
			{SheetProvenance, "D2", s + ":3"},
		} {
			if s == "" {
				cell.want = "" // no value, so no source to show
			}
			got, err := fx.GetCellValue(cell.sheet, cell.ref)
			if err != nil {
				t.Fatal(err)
			}
			if got != cell.want {
				t.Fatalf("%s!%s read back %q, want %q", cell.sheet, cell.ref, got, cell.want)
			}
		}
	})
}
