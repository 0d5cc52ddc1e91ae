package workbook

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/bordernet/bordernet/schema"
	"github.com/xuri/excelize/v2"
)

// Column widths of the template, in characters.
const (
	minWidth = 8
	maxWidth = 60
)

// WriteTemplate writes the bordernet curator template: a Records sheet
// with an id column and one column per field (schema.Fields order), one row
// per record (sorted by id) pre-filled with its values, a note on each
// header cell saying what the column takes, dropdowns for kind, scope and
// status, a frozen bold header, columns as wide as their content and every
// cell formatted as text (so a spreadsheet keeps 2004-10-26 as typed
// instead of making it a date); and an Instructions sheet. The same
// records always give the same bytes.
func WriteTemplate(w io.Writer, records []schema.Record) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := fillTemplate(f, records); err != nil {
		return fmt.Errorf("writing template: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("writing template: %w", err)
	}
	return nil
}

func fillTemplate(f *excelize.File, records []schema.Record) error {
	const sheet = "Records"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sorted := slices.Clone(records)
	slices.SortStableFunc(sorted, func(a, b schema.Record) int { return schema.CompareIDs(a.ID, b.ID) })
	fields := schema.Fields()
	last := schema.ColumnName(len(fields))

	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": text
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{
		NumFmt: 49,
		Font:   &excelize.Font{Bold: true},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Border: []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
	})
	if err != nil {
		return err
	}
	// The column style makes cells curators add later text cells too.
	if err := f.SetColStyle(sheet, "A:"+last, text); err != nil {
		return err
	}

	widths := make([]int, len(fields))
	for c, field := range fields {
		ref := schema.ColumnName(c+1) + "1"
		if err := f.SetCellStr(sheet, ref, string(field)); err != nil {
			return err
		}
		widths[c] = utf8.RuneCountInString(string(field)) + 3 // room for the note marker and filter-free header
		if err := f.AddComment(sheet, excelize.Comment{
			Cell:      ref,
			Author:    "bordernet",
			Paragraph: []excelize.RichTextRun{{Text: fieldNote(field)}},
			Width:     320,
			Height:    120,
		}); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "A1", last+"1", bold); err != nil {
		return err
	}
	for i := range sorted {
		row := i + 2
		for c, field := range fields {
			v := sorted[i].Cell(field)
			if v == "" {
				continue
			}
			if err := checkCell(v); err != nil {
				return fmt.Errorf("%s: %s: %s: %w", sorted[i].PositionOf(field), sorted[i].ID, field, err)
			}
			if err := f.SetCellStr(sheet, fmt.Sprintf("%s%d", schema.ColumnName(c+1), row), escapeOOXML(v)); err != nil {
				return err
			}
			widths[c] = max(widths[c], utf8.RuneCountInString(v)+2)
		}
	}
	for c := range fields {
		col := schema.ColumnName(c + 1)
		if err := f.SetColWidth(sheet, col, col, float64(min(max(widths[c], minWidth), maxWidth))); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "B2", ActiveCell: "B2", Pane: "bottomRight"}},
	}); err != nil {
		return err
	}
	if err := addDropdowns(f, sheet, fields); err != nil {
		return err
	}
	return addInstructions(f)
}

// maxCellUnits is the most UTF-16 code units a cell holds.
const maxCellUnits = 32767

// checkCell refuses what a cell cannot hold unchanged, where excelize
// would change it silently (cut long text, turn control characters into
// U+FFFD): a template must read back as the records it was made from.
func checkCell(v string) error {
	units := 0
	for _, r := range v {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return fmt.Errorf("holds the control character %U, which a workbook cannot hold", r)
		}
		units += utf16.RuneLen(r)
	}
	if units > maxCellUnits {
		return fmt.Errorf("is longer than a workbook cell holds (%d UTF-16 units, at most %d)", units, maxCellUnits)
	}
	return nil
}

// escapeOOXML protects text that looks like an OOXML escape (_x0041_),
// which spreadsheets and this package's reader decode, by escaping its
// underscore as _x005F_. excelize writes text as given.
func escapeOOXML(v string) string {
	if !strings.Contains(v, "_x") {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '_' && i+7 <= len(v) && v[i+1] == 'x' && v[i+6] == '_' && isHex(v[i+2:i+6]) {
			b.WriteString("_x005F")
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if !(s[i] >= '0' && s[i] <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// addDropdowns offers the controlled values of kind, scope and status in
// their columns. Status also offers the clear marker, since no status means
// active; kind and scope are required, so clearing them is never right.
func addDropdowns(f *excelize.File, sheet string, fields []schema.Field) error {
	lists := map[schema.Field][]string{}
	for _, k := range schema.Kinds() {
		lists[schema.FieldKind] = append(lists[schema.FieldKind], string(k))
	}
	for _, s := range schema.Scopes() {
		lists[schema.FieldScope] = append(lists[schema.FieldScope], string(s))
	}
	for _, s := range schema.Statuses() {
		lists[schema.FieldStatus] = append(lists[schema.FieldStatus], string(s))
	}
	lists[schema.FieldStatus] = append(lists[schema.FieldStatus], schema.ClearMarker)
	for c, field := range fields {
		values, ok := lists[field]
		if !ok {
			continue
		}
		col := schema.ColumnName(c + 1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, maxSheetRows)
		if err := dv.SetDropList(values); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "Not a "+strings.ReplaceAll(string(field), "_", " "),
			"Choose one of: "+strings.Join(values, ", "))
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
	}
	return nil
}

// fieldNote is the note on a column's header cell: what the column takes.
func fieldNote(f schema.Field) string {
	const list = " Several values: separate them with | (a vertical bar)."
	notes := map[schema.Field]string{
		schema.FieldID:              "The record's id: lower-case letters, digits and hyphens, e.g. eu-lisa. Every row needs one. Never change or reuse an id; for a new record add a row with a new id.",
		schema.FieldKind:            "network, forum or agency (choose from the list). Needed for a new record.",
		schema.FieldScope:           "eu-focused or other-european (choose from the list). Needed for a new record.",
		schema.FieldName:            "The full official name. Needed for a new record. A name in another language than the dataset's ends in @ and its language, e.g. Straż Graniczna @pl.",
		schema.FieldAcronym:         "The short name or acronym, e.g. ELENA.",
		schema.FieldAltNames:        "Other names: former names, names in other languages, each ending in @ and its language, e.g. Réseau juridique européen @fr." + list,
		schema.FieldDescription:     "A few sentences on what the body does.",
		schema.FieldDescriptionLang: "The language of the description, e.g. fr, when it is not the dataset's language.",
		schema.FieldWebsite:         "The home page: a full web address starting with https://",
		schema.FieldFounded:         "When the body was founded: YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2004-10-26.",
		schema.FieldDissolved:       "When the body ended: YYYY, YYYY-MM or YYYY-MM-DD. Set status to inactive or succeeded too.",
		schema.FieldStatus:          "active (or leave empty), inactive, or succeeded (choose from the list). A succeeded record names its successor.",
		schema.FieldSuccessor:       "The id of the record that took over, e.g. euaa. Only with status succeeded.",
		schema.FieldParent:          "The id of the coordinating or parent body, e.g. frontex.",
		schema.FieldMemberOf:        "The ids of the bodies this one is a member of." + list,
		schema.FieldPartnerOf:       "The ids of the bodies this one is a partner of." + list,
		schema.FieldMembers:         "The number of members: a whole number, e.g. 500.",
		schema.FieldSeat:            "Where the body sits: city and country, e.g. Warsaw, Poland.",
		schema.FieldLegalBasis:      "The web address of the legal act that founded the body, e.g. its EUR-Lex page.",
		schema.FieldWikidata:        "The Wikidata item id: Q followed by digits, e.g. Q42.",
		schema.FieldEUCorporateBody: "The code of the body in the EU Publications Office corporate-body table, in capitals.",
		schema.FieldSourceURLs:      "Web addresses of the official pages that back this row's facts." + list,
	}
	return notes[f] + "\n\nEmpty cell: no change. " + schema.ClearMarker + " (a hyphen alone): remove the value."
}

// instructions is the text of the Instructions sheet, one paragraph a row.
func instructions() []string {
	return []string{
		"How to use this workbook",
		"",
		"Each row of the Records sheet is one record: a network, forum or agency. The first column, id, says which record the row is about.",
		"To correct or add a fact, type it in the record's row, in the column of that field. The note on each column header (hover over it) says what the column takes.",
		"An empty cell changes nothing: the record keeps the value it already has.",
		"To remove a value, type " + schema.ClearMarker + " (a hyphen and nothing else) in the cell.",
		"To add a record, add a row with a new id (lower-case letters, digits and hyphens) and at least its name, kind and scope.",
		"Never change or reuse an id. When a body stops existing, keep its row and set status to inactive, or to succeeded with the successor's id.",
		"Dates: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2004 or 2004-10-26. Not 26/10/2004.",
		"Several values in one cell (other names, member of, partner of, sources): separate them with | (a vertical bar).",
		"Relations (parent, successor, member of, partner of) hold ids of other records, e.g. frontex.",
		"Give, in source_urls, the official web pages where each row's facts can be checked.",
		"Only the Records sheet is read. You may add columns for your own notes: they are ignored, with a warning.",
		"Hidden rows and columns are still read: to take a row out, delete it.",
		"When you are done, save as Excel Workbook (.xlsx) and run: bordernet validate. Each problem is reported at its cell, e.g. curation.xlsx Records!I7.",
	}
}

func addInstructions(f *excelize.File) error {
	const sheet = "Instructions"
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "A", "A", 100); err != nil {
		return err
	}
	for i, line := range instructions() {
		ref := fmt.Sprintf("A%d", i+1)
		if err := f.SetCellStr(sheet, ref, line); err != nil {
			return err
		}
		style := wrap
		if i == 0 {
			style = title
		}
		if err := f.SetCellStyle(sheet, ref, ref, style); err != nil {
			return err
		}
	}
	return nil
}
