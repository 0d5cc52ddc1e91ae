// Package annotate owns the annotated copies of curator workbooks that
// `bordernet validate --annotate DIR` writes, so that a curator fixes the
// problems in the spreadsheet rather than between it and a terminal.
//
// For each workbook read, Write puts a copy in DIR (never the original,
// which it refuses to overwrite) in which:
//
//   - every cell a problem is at is filled (red for an error, yellow for a
//     warning) and carries a comment with the problem (its severity, code
//     and message), after any comment the cell already had;
//   - a problem at a row rather than a cell marks the row's first cell;
//   - the row of a record whose problem is elsewhere (in the listing,
//     another workbook, or across records, such as a duplicate acronym)
//     is marked on its id cell, the comment saying where the problem is;
//   - a first sheet named Problems lists every problem of the run, the
//     listing's and other workbooks' too, each with a link to its cell
//     when it is in this workbook.
//
// Everything else in the workbook (values, formulas, formatting, data
// validation, other sheets) is kept: the copy is the original opened with
// excelize, marked and saved. A Problems sheet the original already has
// (an earlier annotated copy put back among the sources) is replaced.
package annotate

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/bordernet/bordernet/internal/atomicfile"
	"github.com/bordernet/bordernet/pipeline/workbook"
	"github.com/bordernet/bordernet/schema"
	"github.com/xuri/excelize/v2"
)

// SheetName is the name of the sheet that lists the problems, and
// altSheetName its name when the workbook's records sheet has the first.
const (
	SheetName    = "Problems"
	altSheetName = "bordernet problems"
)

// Copy is one annotated copy written.
type Copy struct {
	Original string
	Path     string
	Marked   int // cells marked
}

// ErrOriginal means an annotated copy would be written over, or beside,
// an original source.
var ErrOriginal = errors.New("the annotated copies would overwrite or mix with the sources")

// Check refuses dir when a copy of one of workbooks would be written over
// an original or into a folder the workbooks are read from (where the
// copies would be read as sources next time), or when two workbooks have
// the same name. Write checks too; Check lets a caller refuse before any
// work.
func Check(dir string, workbooks []string) error {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("--annotate %s: %w", dir, err)
	}
	dirInfo, dirErr := os.Stat(dir)
	names := map[string]string{}
	for _, wb := range workbooks {
		base := filepath.Base(wb)
		if other, dup := names[base]; dup {
			return fmt.Errorf("--annotate %s: %s and %s have the same name and cannot both be copied there; annotate them one at a time", dir, other, wb)
		}
		names[base] = wb
		src := filepath.Dir(wb)
		absSrc, err := filepath.Abs(src)
		if err != nil {
			return fmt.Errorf("--annotate %s: %w", dir, err)
		}
		same := absSrc == absDir
		if srcInfo, err := os.Stat(src); err == nil && dirErr == nil && os.SameFile(srcInfo, dirInfo) {
			same = true
		}
		if same {
			return fmt.Errorf("--annotate %s: %w: it is the folder of %s; choose another folder, e.g. --annotate annotated", dir, ErrOriginal, wb)
		}
		if dst, err := os.Stat(filepath.Join(dir, base)); err == nil {
			if orig, err := os.Stat(wb); err == nil && os.SameFile(dst, orig) {
				return fmt.Errorf("--annotate %s: %w: %s is %s", dir, ErrOriginal, filepath.Join(dir, base), wb)
			}
		}
	}
	return nil
}

// Write writes an annotated copy of each workbook into dir (made if
// needed), marked with ps, which are every problem of the run as
// reported (after any filtering). A copy replaces an earlier copy of the
// same name; nothing is written when Check refuses.
func Write(dir string, workbooks []string, ps schema.Problems) ([]Copy, error) {
	if err := Check(dir, workbooks); err != nil {
		return nil, err
	}
	if len(workbooks) == 0 {
		return nil, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("--annotate %s: %w", dir, err)
	}
	var copies []Copy
	for _, wb := range workbooks {
		dst := filepath.Join(dir, filepath.Base(wb))
		marked, err := annotateOne(wb, dst, ps)
		if err != nil {
			return copies, err
		}
		copies = append(copies, Copy{Original: wb, Path: dst, Marked: marked})
	}
	return copies, nil
}

// annotateOne writes the annotated copy of wb to dst and returns the
// number of cells marked.
func annotateOne(wb, dst string, ps schema.Problems) (int, error) {
	name := filepath.ToSlash(wb)
	// The rows of the workbook's records, by id, as the reader found them:
	// the same sheet, header and id column as validate.
	patches, _, err := workbook.Read(wb, workbook.DefaultOptions())
	if err != nil {
		return 0, err
	}
	rowOf := map[string]schema.Position{}
	for _, p := range patches {
		if _, ok := rowOf[p.ID]; !ok {
			rowOf[p.ID] = p.Origin
		}
	}
	f, err := excelize.OpenFile(wb, excelize.Options{UnzipSizeLimit: workbook.DefaultOptions().MaxUnzipSize})
	if err != nil {
		return 0, fmt.Errorf("%s: %w", wb, err)
	}
	defer f.Close()

	var marks []workbook.Mark
	links := make([]string, len(ps)) // per problem: its cell in this workbook, or ""
	for i, p := range ps {
		text := fmt.Sprintf("%s[%s]: %s", p.Severity, p.Code, p.Message)
		if p.Field != "" {
			text = string(p.Field) + ": " + text
		}
		switch {
		case p.Pos.File == name && p.Pos.Sheet != "" && p.Pos.Line > 0:
			cell := p.Pos.Cell()
			if cell == "" {
				cell = "A" + fmt.Sprint(p.Pos.Line) // a problem of the whole row
			}
			marks = append(marks, workbook.Mark{Sheet: p.Pos.Sheet, Cell: cell, Severity: p.Severity, Text: text})
			links[i] = ref(p.Pos.Sheet, cell)
		case p.Record != "":
			row, ok := rowOf[p.Record]
			if !ok {
				continue
			}
			where := p.Pos.String()
			if where == "" {
				where = "across records"
			}
			marks = append(marks, workbook.Mark{Sheet: row.Sheet, Cell: row.Cell(), Severity: p.Severity,
				Text: "this record, at " + where + ": " + text})
			links[i] = ref(row.Sheet, row.Cell())
		}
	}
	if err := workbook.MarkCells(f, marks); err != nil {
		return 0, fmt.Errorf("%s: %w", wb, err)
	}
	sheet := SheetName
	for _, p := range patches {
		if strings.EqualFold(p.Origin.Sheet, SheetName) {
			sheet = altSheetName // never replace the records themselves
			break
		}
	}
	if err := problemsSheet(f, sheet, ps, links); err != nil {
		return 0, fmt.Errorf("%s: %w", wb, err)
	}
	if err := atomicfile.Write(dst, func(w io.Writer) error { _, err := f.WriteTo(w); return err }); err != nil {
		return 0, err
	}
	cells := map[string]bool{}
	for _, m := range marks {
		cells[m.Sheet+"!"+m.Cell] = true
	}
	return len(cells), nil
}

// ref is an internal hyperlink target: Sheet!E7, the sheet quoted when
// its name needs it.
func ref(sheet, cell string) string {
	plain := sheet != ""
	for _, r := range sheet {
		plain = plain && (r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r))
	}
	if !plain || unicode.IsDigit([]rune(sheet)[0]) {
		sheet = "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
	}
	return sheet + "!" + cell
}

// problemsSheet puts a first sheet called name listing ps in f, with
// a link to each problem's cell where links has one.
func problemsSheet(f *excelize.File, name string, ps schema.Problems, links []string) error {
	if idx, err := f.GetSheetIndex(name); err == nil && idx >= 0 {
		if err := f.DeleteSheet(name); err != nil {
			return err
		}
	}
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	if first := f.GetSheetList()[0]; first != name {
		if err := f.MoveSheet(name, first); err != nil {
			return err
		}
	}
	idx, err := f.GetSheetIndex(name)
	if err != nil {
		return err
	}
	f.SetActiveSheet(idx)
	header := []any{"severity", "code", "where", "record", "field", "message"}
	if err := f.SetSheetRow(name, "A1", &header); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(name, "A1", "F1", bold); err != nil {
		return err
	}
	link, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}})
	if err != nil {
		return err
	}
	if len(ps) == 0 {
		row := []any{"", "", "", "", "", "No problems: bordernet validate found nothing to fix."}
		if err := f.SetSheetRow(name, "A2", &row); err != nil {
			return err
		}
	}
	for i, p := range ps {
		r := i + 2
		row := []any{p.Severity.String(), p.Code, p.Pos.String(), p.Record, string(p.Field), p.Message}
		cell := fmt.Sprintf("A%d", r)
		if err := f.SetSheetRow(name, cell, &row); err != nil {
			return err
		}
		if links[i] == "" {
			continue
		}
		where := fmt.Sprintf("C%d", r)
		tip := "Go to " + links[i]
		if err := f.SetCellHyperLink(name, where, links[i], "Location", excelize.HyperlinkOpts{Tooltip: &tip}); err != nil {
			return err
		}
		if err := f.SetCellStyle(name, where, where, link); err != nil {
			return err
		}
	}
	for col, width := range map[string]float64{"A": 9, "B": 24, "C": 34, "D": 16, "E": 16, "F": 100} {
		if err := f.SetColWidth(name, col, col, width); err != nil {
			return err
		}
	}
	return f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}
