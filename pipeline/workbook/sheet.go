package workbook

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/bordernet/bordernet/schema"
)

// The sheet size limits of the XLSX format itself.
const (
	maxSheetRows = 1 << 20 // 1,048,576
	maxSheetCols = 1 << 14 // 16,384, column XFD
)

// rawCell is one <c> element as stored: nothing interpreted yet.
type rawCell struct {
	col   int    // 1-based
	typ   string // the t attribute: "", "n", "s", "str", "inlineStr", "b", "e", "d"
	style int    // the s attribute: an index into the cell formats
	text  string // the <v> text, or the text of an inline string; "" for t="s"
	sst   int    // for t="s": the shared string index, -1 if not a number
	hasV  bool   // a <v> (or inline string) was present
	hasF  bool   // a formula was present
}

// cellTypes interns the t attribute values, so reading one costs nothing.
func cellType(b []byte) string {
	for _, t := range [...]string{"s", "str", "inlineStr", "n", "b", "e", "d"} {
		if string(b) == t {
			return t
		}
	}
	return string(b)
}

// scanSheet streams the rows of a sheet's worksheet part, calling fn with
// each row's number and its cells (a slice reused between calls). fn
// returns false to stop. A row numbered past opt.MaxRows, more rows than
// that, a row of more cells than a sheet has columns, or more than
// opt.MaxCells cells fail with ErrTooLarge naming the sheet and the limit:
// the memory a sheet costs is bounded whatever its XML holds.
func (p *pkg) scanSheet(sheet sheetEntry, opt Options, fn func(row int, cells []rawCell) (bool, error)) error {
	part, maxRows := sheet.part, opt.MaxRows
	rc, err := p.open(part)
	if err != nil {
		return err
	}
	defer rc.Close()
	sc := newXMLScanner(rc)
	var (
		row, prevRow int
		cells        []rawCell
		cur          rawCell
		inRow        bool
		inCell       bool
		inV, inT     bool
		inIS         bool
		phonetic     int
		buf          []byte
		rows, total  int // rows and cells seen
	)
	tooLarge := func(format string, args ...any) error {
		return fmt.Errorf("%w: sheet %q: %s", ErrTooLarge, sheet.name, fmt.Sprintf(format, args...))
	}
	damaged := func(format string, args ...any) error {
		return fmt.Errorf("%w: sheet part %s: %s", ErrDamaged, part, fmt.Sprintf(format, args...))
	}
	for {
		err := sc.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if errors.Is(err, ErrTooLarge) || errors.Is(err, ErrDamaged) {
				return err
			}
			return damaged("%v", err)
		}
		switch sc.kind {
		case tokStart:
			switch string(sc.name) {
			case "row":
				row = prevRow + 1
				if v, ok := sc.attr("r"); ok {
					n, err := strconv.Atoi(string(v))
					if err != nil || n < 1 || n > maxSheetRows {
						return damaged("bad row number %q", v)
					}
					row = n
				}
				if rows++; row > maxRows || rows > maxRows {
					return tooLarge("more than %d rows, the most a sheet holds", maxRows)
				}
				prevRow, inRow, cells = row, true, cells[:0]
			case "c":
				if !inRow {
					return damaged("a cell outside a row")
				}
				if len(cells) >= maxSheetCols {
					return tooLarge("row %d has more than %d cells, the columns a sheet has", row, maxSheetCols)
				}
				if total++; total > opt.MaxCells {
					return tooLarge("more than %d cells, the most a curator workbook is allowed", opt.MaxCells)
				}
				cur = rawCell{col: 1, sst: -1}
				if len(cells) > 0 {
					cur.col = cells[len(cells)-1].col + 1
				}
				for _, a := range sc.attrs {
					switch string(a.name) {
					case "r":
						col, ok := parseColumn(string(a.value))
						if !ok {
							return damaged("bad cell reference %q", a.value)
						}
						cur.col = col
					case "t":
						cur.typ = cellType(a.value)
					case "s":
						cur.style, _ = strconv.Atoi(string(a.value))
					}
				}
				if cur.col > maxSheetCols {
					return damaged("cell beyond column XFD in row %d", row)
				}
				inCell = true
			case "v":
				if inCell {
					inV, buf = true, buf[:0]
				}
			case "f":
				if inCell {
					cur.hasF = true
				}
			case "is":
				if inCell {
					inIS, buf = true, buf[:0]
				}
			case "t":
				inT = inIS && phonetic == 0
			case "rPh":
				phonetic++
			}
		case tokEnd:
			switch string(sc.name) {
			case "v":
				if inV {
					if err := cur.setValue(buf); err != nil {
						return damaged("cell %s%d: %v", schema.ColumnName(cur.col), row, err)
					}
					inV = false
				}
			case "t":
				inT = false
			case "rPh":
				phonetic = max(0, phonetic-1)
			case "is":
				if inIS {
					if !utf8.Valid(buf) {
						return damaged("cell %s%d: text is not UTF-8", schema.ColumnName(cur.col), row)
					}
					cur.text, cur.hasV, inIS = string(buf), true, false
				}
			case "c":
				if inCell {
					cells = append(cells, cur)
					inCell = false
				}
			case "row":
				if inRow {
					inRow = false
					more, err := fn(row, cells)
					if err != nil || !more {
						return err
					}
				}
			case "sheetData":
				// The rest of the sheet (merged cells, validations, page
				// setup) holds no values.
				return nil
			}
		case tokText:
			if inV || inT {
				if buf, err = sc.appendText(buf); err != nil {
					return damaged("row %d: %v", row, err)
				}
			}
		}
	}
}

// setValue stores a <v>'s text: the index of a shared string, or the text.
func (c *rawCell) setValue(v []byte) error {
	c.hasV = true
	if c.typ == "s" {
		v = bytes.TrimSpace(v)
		if len(v) == 0 {
			c.hasV = false // <v/>: an empty cell
			return nil
		}
		n := 0
		for _, d := range v {
			if d < '0' || d > '9' || n > 1<<30 {
				return nil // not an index: cellText reports it
			}
			n = n*10 + int(d-'0')
		}
		c.sst = n
		return nil
	}
	if !utf8.Valid(v) {
		return errors.New("text is not UTF-8")
	}
	c.text = string(v)
	return nil
}

// parseColumn returns the column of an A1-style reference ("AB12" → 28).
func parseColumn(ref string) (int, bool) {
	letters := 0
	for letters < len(ref) && letters < 4 && isLetter(ref[letters]) {
		letters++
	}
	if letters == 0 || letters > 3 || letters == len(ref) {
		return 0, false
	}
	col := 0
	for _, c := range []byte(ref[:letters]) {
		col = col*26 + int(c|0x20-'a') + 1
	}
	for _, c := range []byte(ref[letters:]) {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	return col, col <= maxSheetCols
}

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }
