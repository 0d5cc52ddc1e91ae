package schema

import (
	"fmt"
	"strconv"
)

// Position says where a value was read: a line of a text file, or a cell of
// a workbook. The zero Position means "not read from a source" (a default or
// a derived value).
type Position struct {
	File  string // path as the user gave it, slash-separated
	Line  int    // 1-based line of a text file, or 1-based row of a sheet
	Sheet string // sheet name; empty for text files
	Col   int    // 1-based column of a sheet; 0 for text files
}

// IsZero reports whether p points nowhere.
func (p Position) IsZero() bool { return p == Position{} }

// InWorkbook reports whether p is a workbook cell.
func (p Position) InWorkbook() bool { return p.Sheet != "" }

// Cell returns the A1-style reference of a workbook position ("D7"), or ""
// for a text position.
func (p Position) Cell() string {
	if !p.InWorkbook() || p.Col < 1 || p.Line < 1 {
		return ""
	}
	return ColumnName(p.Col) + strconv.Itoa(p.Line)
}

// String renders p as users read it: "sources/listing.txt:14" for text and
// "sources/curation.xlsx Records!D7" for a cell.
func (p Position) String() string {
	switch {
	case p.IsZero():
		return ""
	case p.InWorkbook():
		if ref := p.Cell(); ref != "" {
			return fmt.Sprintf("%s %s!%s", p.File, p.Sheet, ref)
		}
		if p.Line > 0 {
			return fmt.Sprintf("%s %s row %d", p.File, p.Sheet, p.Line)
		}
		return fmt.Sprintf("%s %s", p.File, p.Sheet)
	case p.Line > 0:
		return p.File + ":" + strconv.Itoa(p.Line)
	default:
		return p.File
	}
}

// ColumnName turns a 1-based column number into its letters: 1 → "A",
// 27 → "AA".
func ColumnName(col int) string {
	var buf [8]byte
	i := len(buf)
	for col > 0 && i > 0 {
		col--
		i--
		buf[i] = byte('A' + col%26)
		col /= 26
	}
	return string(buf[i:])
}
