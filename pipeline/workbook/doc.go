// Package workbook owns the curator workbook: reading an XLSX file that
// curators edited in Excel or LibreOffice Calc into schema.Patch values, one
// per row, each cell with its position, and writing the bordernet template
// that curators start from.
//
// Reading does not go through excelize: the sheet XML is streamed straight
// from the zip package by a small tokenizer of this package's own, with the
// shared strings and the cell styles read once beforehand. That is about
// six times faster than excelize's row iterator (a 100k-row workbook in
// about 0.7 s here, see BenchmarkRead) and keeps every limit (file size,
// unzipped bytes, rows, the length of one tag or text) under this
// package's control, since curator workbooks are untrusted input. The
// template is written with excelize, which handles the parts curators see
// (notes, dropdowns, frozen panes, styles).
//
// How a workbook is read, in short (docs/curation.md has the curator's
// version):
//
//   - The records sheet is the sheet named "Records" (any case), else the
//     first visible sheet whose header row has an id column; every other
//     sheet is ignored. When several sheets could be the records sheet and
//     none is named Records, a warning says which one was read.
//   - The header row is the sheet's first non-empty row. Headers are matched
//     to fields ignoring case, spaces, hyphens, underscores and order, with a
//     few aliases (see HeaderField). An unknown header is a warning, a
//     missing id column or a field given twice an error.
//   - Every later non-empty row is one Patch. Hidden rows and columns are
//     read like any other: hiding is not deleting.
//   - An empty cell changes nothing; a cell holding exactly
//     schema.ClearMarker ("-") clears the field.
package workbook
