package workbook

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/bordernet/bordernet/schema"
	"github.com/xuri/excelize/v2"
)

// A Mark is a note bordernet puts on one cell of a workbook: the cell is
// filled in its severity's colour and carries a comment with Text.
type Mark struct {
	Sheet    string
	Cell     string // A1-style, e.g. "E7"
	Severity schema.Severity
	Text     string
}

// The fills of marked cells: Excel's own "bad" and "neutral" colours,
// light enough for the text to stay readable.
const (
	errorFill   = "FFC7CE"
	warningFill = "FFEB9C"
)

// markAuthor is the author of the comments MarkCells adds.
const markAuthor = "bordernet"

// MarkCells marks cells in f. A cell's marks become one comment (an
// error's colour wins over a warning's), added after the comment the cell
// may already have; the cell keeps its value, number format, font,
// borders and alignment, only its fill changes. Marks are applied in
// sheet, row and column order, so the same marks give the same file.
func MarkCells(f *excelize.File, marks []Mark) error {
	type key struct{ sheet, cell string }
	byCell := map[key][]Mark{}
	var keys []key
	for _, m := range marks {
		k := key{m.Sheet, m.Cell}
		if _, seen := byCell[k]; !seen {
			keys = append(keys, k)
		}
		byCell[k] = append(byCell[k], m)
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(a.sheet, b.sheet); c != 0 {
			return c
		}
		ac, ar, _ := excelize.CellNameToCoordinates(a.cell)
		bc, br, _ := excelize.CellNameToCoordinates(b.cell)
		return cmp.Or(cmp.Compare(ar, br), cmp.Compare(ac, bc))
	})
	comments := map[string]map[string]excelize.Comment{} // sheet → cell → its comment before marking
	styles := map[[2]int]int{}                           // (style, severity) → marked style
	for _, k := range keys {
		ms := byCell[k]
		if _, ok := comments[k.sheet]; !ok {
			list, err := f.GetComments(k.sheet)
			if err != nil {
				return fmt.Errorf("reading the comments of sheet %q: %w", k.sheet, err)
			}
			comments[k.sheet] = map[string]excelize.Comment{}
			for _, c := range list {
				comments[k.sheet][c.Cell] = c
			}
		}
		sev := schema.SeverityWarning
		texts := make([]string, 0, len(ms))
		for _, m := range ms {
			if m.Severity == schema.SeverityError {
				sev = schema.SeverityError
			}
			texts = append(texts, m.Text)
		}
		if err := fillCell(f, k.sheet, k.cell, sev, styles); err != nil {
			return err
		}
		text := strings.Join(texts, "\n\n")
		if old, ok := comments[k.sheet][k.cell]; ok {
			if err := f.DeleteComment(k.sheet, k.cell); err != nil {
				return fmt.Errorf("%s!%s: %w", k.sheet, k.cell, err)
			}
			text = commentText(old) + "\n\n" + text
		}
		if err := f.AddComment(k.sheet, excelize.Comment{
			Cell: k.cell, Author: markAuthor,
			Paragraph: []excelize.RichTextRun{{Text: text}},
			Width:     360, Height: uint(min(60+20*len(texts)+len(text)/3, 400)),
		}); err != nil {
			return fmt.Errorf("%s!%s: %w", k.sheet, k.cell, err)
		}
	}
	return nil
}

// commentText is a comment's text, its runs joined.
func commentText(c excelize.Comment) string {
	if len(c.Paragraph) == 0 {
		return c.Text
	}
	var b strings.Builder
	for _, r := range c.Paragraph {
		b.WriteString(r.Text)
	}
	return b.String()
}

// fillCell gives a cell the fill of sev, keeping the rest of its style;
// styles caches the styles made, by original style and severity.
func fillCell(f *excelize.File, sheet, cell string, sev schema.Severity, styles map[[2]int]int) error {
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		return fmt.Errorf("%s!%s: %w", sheet, cell, err)
	}
	marked, ok := styles[[2]int{id, int(sev)}]
	if !ok {
		st, err := f.GetStyle(id)
		if err != nil {
			return fmt.Errorf("%s!%s: %w", sheet, cell, err)
		}
		color := warningFill
		if sev == schema.SeverityError {
			color = errorFill
		}
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
		if marked, err = f.NewStyle(st); err != nil {
			return fmt.Errorf("%s!%s: %w", sheet, cell, err)
		}
		styles[[2]int{id, int(sev)}] = marked
	}
	return f.SetCellStyle(sheet, cell, cell, marked)
}
