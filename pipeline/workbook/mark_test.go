package workbook

import (
	"bytes"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/schema"
	"github.com/xuri/excelize/v2"
)

// TestTemplateMarks: a template of sources with problems keeps the value
// a workbook cell had that could not be used, and marks each record's
// problem on its cell, the id cell for a problem of no one field.
func TestTemplateMarks(t *testing.T) {
	recs := []schema.Record{
		{ID: "frontex", Kind: schema.KindAgency, Scope: schema.ScopeEU, Name: "Frontex", Website: "htp://frontex.eu"},
		{ID: "elena", Kind: schema.KindNetwork, Scope: schema.ScopeEU, Name: "ELENA"},
	}
	cell := func(ref string, row int) schema.Position {
		return schema.Position{File: "a.xlsx", Sheet: "Records", Line: row, Col: int(ref[0]-'A') + 1}
	}
	tmpl := Template{
		Records: recs,
		Rejected: []schema.Patch{{ID: "elena", Origin: cell("A", 7), Cells: []schema.PatchCell{
			{Field: schema.FieldFounded, Value: "26/10/2004", Pos: cell("D", 7), Invalid: true},
		}}},
		Problems: schema.Problems{
			{Severity: schema.SeverityError, Code: schema.CodeInvalidDate, Pos: cell("D", 7), Record: "elena", Field: schema.FieldFounded, Message: `"26/10/2004" is not a date`},
			{Severity: schema.SeverityError, Code: schema.CodeInvalidURL, Pos: schema.Position{File: "l.txt", Line: 3}, Record: "frontex", Field: schema.FieldWebsite, Message: `"htp://frontex.eu" is not a valid web address`},
			{Severity: schema.SeverityWarning, Code: schema.CodeMissingDescription, Pos: schema.Position{File: "l.txt", Line: 9}, Record: "elena", Field: schema.FieldDescription, Message: "has no description"},
			{Severity: schema.SeverityError, Code: schema.CodeDuplicateAcronym, Record: "frontex", Message: "a record-wide problem"},
			{Severity: schema.SeverityWarning, Code: schema.CodeIntroLine, Pos: schema.Position{File: "l.txt", Line: 1}, Message: "of no record: not marked"},
		},
	}
	var buf bytes.Buffer
	if err := tmpl.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// Sorted by id: elena on row 2, frontex on row 3.
	if v, _ := f.GetCellValue("Records", "J2"); v != "26/10/2004" {
		t.Errorf("elena's founded J2 = %q, want the workbook's invalid value", v)
	}
	comments, err := f.GetComments("Records")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range comments {
		if _, row, _ := excelize.CellNameToCoordinates(c.Cell); row > 1 { // row 1: the header notes
			got[c.Cell] = commentText(c)
		}
	}
	want := map[string]string{
		"J2": `founded: error[invalid-date]: "26/10/2004" is not a date (a.xlsx Records!D7)`,
		"G2": "description: warning[missing-description]: has no description (l.txt:9)",
		"I3": `website: error[invalid-url]: "htp://frontex.eu" is not a valid web address (l.txt:3)`,
		"A3": "error[duplicate-acronym]: a record-wide problem",
	}
	if len(got) != len(want) {
		t.Errorf("comments %v, want %v", got, want)
	}
	for cell, text := range want {
		if got[cell] != text {
			t.Errorf("comment on %s = %q, want %q", cell, got[cell], text)
		}
	}
	for cell, color := range map[string]string{"J2": errorFill, "G2": warningFill, "A3": errorFill, "B2": ""} {
		id, _ := f.GetCellStyle("Records", cell)
		st, _ := f.GetStyle(id)
		have := ""
		if len(st.Fill.Color) > 0 {
			have = strings.TrimPrefix(strings.ToUpper(st.Fill.Color[0]), "#")
		}
		if have != color {
			t.Errorf("%s filled %q, want %q", cell, have, color)
		}
		if st.NumFmt != 49 {
			t.Errorf("%s lost its text format (numFmt %d)", cell, st.NumFmt)
		}
	}
}

// TestMarkCellsKeepsNotes: a mark on a cell with a note adds to it.
func TestMarkCellsKeepsNotes(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.AddComment("Sheet1", excelize.Comment{Cell: "B2", Author: "me", Paragraph: []excelize.RichTextRun{{Text: "my note"}}}); err != nil {
		t.Fatal(err)
	}
	marks := []Mark{
		{Sheet: "Sheet1", Cell: "B2", Severity: schema.SeverityWarning, Text: "second"},
		{Sheet: "Sheet1", Cell: "B2", Severity: schema.SeverityError, Text: "third"},
	}
	if err := MarkCells(f, marks); err != nil {
		t.Fatal(err)
	}
	cs, _ := f.GetComments("Sheet1")
	if len(cs) != 1 || commentText(cs[0]) != "my note\n\nsecond\n\nthird" {
		t.Errorf("comments %+v", cs)
	}
	id, _ := f.GetCellStyle("Sheet1", "B2")
	if st, _ := f.GetStyle(id); len(st.Fill.Color) == 0 || !strings.EqualFold(strings.TrimPrefix(st.Fill.Color[0], "#"), errorFill) {
		t.Errorf("B2 fill %+v, want the error's", st.Fill)
	}
}
