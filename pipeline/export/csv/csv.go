// Package csv owns the tabular text form of a release: bordernet.csv, one
// row per record, and bordernet.csv-metadata.json, which describes that file
// for CSV on the Web (W3C CSVW) processors so they can turn the rows into
// the same statements as the RDF files.
//
// # The CSV file
//
//   - RFC 4180: comma-separated, fields holding a comma, a double quote, CR
//     or LF are quoted, quotes doubled. Records end in CRLF, as RFC 4180
//     says; line breaks inside a quoted value are written exactly as the
//     value has them, so a CSVW processor reads back the very value the RDF
//     files carry (encoding/csv's writer would turn a value's LF into CRLF).
//   - UTF-8 without a byte order mark. CSVW processors and RFC 4180 tools
//     take a BOM as part of the first header name; Excel users have
//     bordernet.xlsx, which keeps text as text anyway.
//   - A header row of schema.Fields() names, then one row per record in the
//     release's order. Multi-valued fields are joined with
//     schema.ListSeparator (" | "); relations hold record ids; members is a
//     whole number.
//
// # Formulas
//
// Spreadsheets run a cell that starts with '=', '+', '-' or '@' (and, in
// some, one that starts with a tab or CR) as a formula, which makes a CSV
// file a way to run code on the machine of whoever opens it. Every such cell
// is written with a leading apostrophe ("'=1+1"), the usual defence
// (OWASP's CSV injection advice): spreadsheets then show text.
//
// Values are otherwise left intact, and in a valid release no value needs
// the apostrophe except free text: ids, URLs, dates, codes and counts never
// start with those characters (schema's rules make sure), so they stay
// exactly as the RDF has them. A name, acronym, alternative name,
// description or seat that starts with one of them is the one case where a
// CSVW processor sees a value that differs from the RDF files: by the
// leading apostrophe. CSVW has no way to say "drop this prefix", so the
// metadata cannot undo it; SafeCell is exported so other writers and checks
// can tell which values are affected.
package csv

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/bordernet/bordernet/schema"
)

// FileName is the name of the CSV file in a release folder.
const FileName = "bordernet.csv"

// ErrNotUTF8 means a value is not valid UTF-8, which a CSV file that
// promises UTF-8 cannot carry.
var ErrNotUTF8 = errors.New("is not valid UTF-8")

// Write writes rel.Records as bordernet.csv to w. Only the records are used;
// a release without version or date is fine. A value that is not valid
// UTF-8 stops the writing with an error naming the record, the field and
// where the value was read; w may then hold the rows before it.
func Write(w io.Writer, rel *schema.Release) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	fields := schema.Fields()
	row := make([]string, len(fields))
	for i, f := range fields {
		row[i] = string(f)
	}
	writeRow(bw, row)
	records := rel.RecordSet()
	for i, r := range records.All() {
		for j, f := range fields {
			v := r.Cell(f)
			if !utf8.ValidString(v) {
				return valueError(r, i, f, ErrNotUTF8)
			}
			row[j] = v
		}
		writeRow(bw, row)
	}
	if err := records.Err(); err != nil {
		return fmt.Errorf("writing %s: reading the records: %w", FileName, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", FileName, err)
	}
	return nil
}

// valueError names the record (by id and 1-based row of the file, header
// being row 1), the field and where the value was read.
func valueError(r *schema.Record, i int, f schema.Field, err error) error {
	where := ""
	if pos := r.PositionOf(f); !pos.IsZero() {
		where = pos.String() + ": "
	}
	return fmt.Errorf("%s row %d: %s%s: %s: %w", FileName, i+2, where, r.ID, f, err)
}

// writeRow writes one CRLF-terminated record. Errors stick in the
// bufio.Writer and surface at Flush.
func writeRow(w *bufio.Writer, fields []string) {
	for i, v := range fields {
		if i > 0 {
			w.WriteByte(',')
		}
		v = SafeCell(v)
		if !strings.ContainsAny(v, ",\"\r\n") {
			w.WriteString(v)
			continue
		}
		w.WriteByte('"')
		for {
			q := strings.IndexByte(v, '"')
			if q < 0 {
				break
			}
			w.WriteString(v[:q+1])
			w.WriteByte('"')
			v = v[q+1:]
		}
		w.WriteString(v)
		w.WriteByte('"')
	}
	w.WriteString("\r\n")
}

// SafeCell returns v as it is written in a CSV cell: with a leading
// apostrophe when a spreadsheet would take v for a formula, else unchanged.
func SafeCell(v string) string {
	if NeedsEscape(v) {
		return "'" + v
	}
	return v
}

// NeedsEscape reports whether a spreadsheet would run v as a formula if it
// were a CSV cell: it starts with '=', '+', '-', '@', a tab or a CR.
func NeedsEscape(v string) bool {
	return v != "" && strings.IndexByte("=+-@\t\r", v[0]) >= 0
}
