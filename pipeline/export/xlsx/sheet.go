package xlsx

import (
	"fmt"
	"io"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/bordernet/bordernet/schema"
)

// check refuses, before anything is done, what the workbook cannot hold
// that is not in the records' values: a bad date, too many records, About
// text a cell cannot hold. The values are checked as the rows are written.
func (b *book) check() error {
	rel := b.rel
	if rel.Date != "" {
		if _, err := time.Parse(time.DateOnly, rel.Date); err != nil {
			return fmt.Errorf("writing %s: release date %q is not YYYY-MM-DD", FileName, rel.Date)
		}
	}
	if n := rel.RecordSet().Len(); n > b.lim.rows-1 {
		return fmt.Errorf("writing %s: %d records: %w", FileName, n, ErrTooManyRecords)
	}
	for _, kv := range aboutRows(rel) {
		if err := CheckText(kv[1]); err != nil {
			return fmt.Errorf("%s %s: dataset %s: %w", FileName, SheetAbout, kv[0], err)
		}
	}
	return nil
}

// widths fits each column to its longest line, in characters, between a
// floor that keeps short columns usable and a ceiling that keeps long text
// from pushing the other columns off screen.
type widths struct{ longest []int }

const minWidth, maxWidth = 8, 60

func newWidths(header []schema.Field) widths {
	w := widths{longest: make([]int, len(header))}
	for j, h := range header {
		w.longest[j] = utf8.RuneCountInString(string(h))
	}
	return w
}

// wider reports whether a text of n bytes can widen column j: bytes ≥
// characters, so a text no longer than the longest line cannot, and a
// full column grows no more.
func (w widths) wider(j, n int) bool { return n > w.longest[j] && !w.full(j) }

// full reports whether column j is at the ceiling.
func (w widths) full(j int) bool { return w.longest[j]+2 >= maxWidth }

// fit widens column j to fit text.
func (w widths) fit(j int, text []byte) {
	if !w.wider(j, len(text)) {
		return
	}
	n := 0
	for _, c := range text {
		switch {
		case c == '\n':
			w.longest[j] = max(w.longest[j], n)
			n = 0
		case c&0xC0 != 0x80: // not a UTF-8 continuation byte
			n++
		}
	}
	w.longest[j] = max(w.longest[j], n)
}

func (w widths) widths() []float64 {
	out := make([]float64, len(w.longest))
	for j, n := range w.longest {
		out[j] = float64(min(max(n+2, minWidth), maxWidth))
	}
	return out
}

// rows writes the rows of Records to records and those of Provenance to
// provenance, in one pass over the records, and on the way checks every
// value, fits the column widths and picks the cells that are hyperlinks
// (both needed in the parts that come before the rows). A record's
// strings lie scattered over the heap, so each pass over a million
// records cost seconds of cache misses: one pass reads them once.
func (b *book) rows(records, provenance io.Writer) error {
	rs, ps := b.newSheetWriter(records), b.newSheetWriter(provenance)
	if err := rs.header(b.fields); err != nil {
		return spoolError(err)
	}
	if err := ps.header(b.fields); err != nil {
		return spoolError(err)
	}
	textStyle, linkStyle := rs.style(b.text), rs.style(b.link)
	recordWidths, provenanceWidths := newWidths(b.fields), newWidths(b.fields)
	links := make([]bool, len(b.fields))
	for j, f := range b.fields {
		links[j] = isLinkField(f)
	}
	source := make([]int, len(b.fields)) // 1 + index in Sources, by column
	var buf, pos []byte                  // a cell's text, and lastPos as text
	var lastPos schema.Position
	var touched byte
	recs := b.rel.RecordSet()
	// Records in memory lie scattered over the heap: start the loads of
	// the next one early (see touch). A store decodes each in turn.
	inMemory, _ := recs.(schema.RecordSlice)
	for i, r := range recs.All() {
		if i+1 < len(inMemory) {
			touched += touch(&inMemory[i+1])
		}
		b.sourceColumns(r, source)
		row := i + 2
		rs.startRow(row)
		ps.startRow(row)
		for j, get := range b.cells {
			v := get(r)
			if buf = v.appendTo(buf[:0]); len(buf) == 0 {
				continue
			}
			f := b.fields[j]
			style := textStyle
			if links[j] && len(b.links) < b.lim.links {
				var one [1]string
				if target := linkTarget(f, v.values(one[:0])); target != "" {
					b.links = append(b.links, link{row: row, col: j + 1, target: target})
					style = linkStyle
				}
			}
			if err := rs.cell(j, style, buf); err != nil {
				where := ""
				if p := r.PositionOf(f); !p.IsZero() {
					where = p.String() + ": "
				}
				return fmt.Errorf("%s %s row %d: %s%s: %s: %w", FileName, SheetRecords, row, where, r.ID, f, err)
			}
			recordWidths.fit(j, buf)
			switch {
			case j == 0: // the id, which Provenance repeats; checked above
				if err := ps.cell(j, textStyle, buf); err != nil {
					return err
				}
			case source[j] > 0:
				// A record's fields are often read on the same line.
				if p := r.Sources[source[j]-1].Pos; p != lastPos {
					pos, lastPos = appendPosition(pos[:0], p), p
				}
				if len(pos) == 0 {
					continue
				}
				if err := ps.cell(j, textStyle, pos); err != nil {
					return fmt.Errorf("%s %s row %d: %s: %s: where the value was read (%q) %w", FileName, SheetProvenance, row, r.ID, f, pos, err)
				}
				provenanceWidths.fit(j, pos)
			}
		}
		if err := rs.endRow(); err != nil {
			return spoolError(err)
		}
		if err := ps.endRow(); err != nil {
			return spoolError(err)
		}
	}
	b.touched += touched
	if err := recs.Err(); err != nil {
		return fmt.Errorf("writing %s: reading the records: %w", FileName, err)
	}
	provenanceWidths.longest[0] = recordWidths.longest[0] // the ids
	b.recordWidths, b.provenanceWidths = recordWidths.widths(), provenanceWidths.widths()
	if err := rs.flush(); err != nil {
		return spoolError(err)
	}
	if err := ps.flush(); err != nil {
		return spoolError(err)
	}
	return nil
}

// spoolError is the error for rows that could not be spooled.
func spoolError(err error) error {
	return fmt.Errorf("writing %s: spooling the rows: %w", FileName, err)
}

// sourceColumns sets source[j] to 1 + the index in r.Sources of the
// source of column j's field, or 0. Record.SetSource keeps the sources in
// field name order, so each is looked for among the fields in that order
// from where the last was found, comparing strings for equality, which
// the shared field name constants make cheap; a source out of that order,
// or of a field that is not a column, is looked up in the map.
func (b *book) sourceColumns(r *schema.Record, source []int) {
	clear(source)
	next := 0 // in b.byName
	for k, s := range r.Sources {
		i := next
		for i < len(b.byName) && b.byName[i].field != s.Field {
			i++
		}
		if i < len(b.byName) {
			source[b.byName[i].col] = k + 1
			next = i + 1
		} else if j, ok := b.column[s.Field]; ok {
			source[j] = k + 1
		}
	}
}

// sheetWriter writes rows of inline text cells into a buffer it hands to
// w whenever it holds flushSize bytes, so that a sheet of any length is
// written with memory for one row. It writes what excelize's stream
// writer writes, without its allocations for every cell.
type sheetWriter struct {
	w           io.Writer
	buf         []byte
	row         []byte   // the number of the current row, as text
	starts      [][]byte // `<c r="B` for each column
	headerStyle []byte   // the style attributes of header cells
}

const flushSize = 64 << 10

func (b *book) newSheetWriter(w io.Writer) *sheetWriter {
	sw := &sheetWriter{w: w, buf: make([]byte, 0, 2*flushSize)}
	for j := range b.fields {
		sw.starts = append(sw.starts, []byte(`<c r="`+schema.ColumnName(j+1)))
	}
	sw.headerStyle = sw.style(b.header)
	return sw
}

// style returns what follows the cell reference in a cell of a style, up
// to the text element's name.
func (sw *sheetWriter) style(id int) []byte {
	return []byte(`" s="` + strconv.Itoa(id) + `" t="inlineStr"><is><t`)
}

func (sw *sheetWriter) header(names []schema.Field) error {
	sw.startRow(1)
	for j, name := range names {
		if err := sw.cell(j, sw.headerStyle, []byte(name)); err != nil {
			return fmt.Errorf("column %s: %w", name, err)
		}
	}
	return sw.endRow()
}

func (sw *sheetWriter) startRow(n int) {
	sw.row = strconv.AppendInt(sw.row[:0], int64(n), 10)
	sw.buf = append(sw.buf, `<row r="`...)
	sw.buf = append(sw.buf, sw.row...)
	sw.buf = append(sw.buf, `">`...)
}

// cell writes a text cell in column j (0-based) of the current row; style
// is what sheetWriter.style returned. It writes nothing when a cell cannot
// hold text unchanged, and says why.
func (sw *sheetWriter) cell(j int, style, text []byte) error {
	start := len(sw.buf)
	sw.buf = append(sw.buf, sw.starts[j]...)
	sw.buf = append(sw.buf, sw.row...)
	sw.buf = append(sw.buf, style...)
	// As excelize does: spreadsheets drop white space at either end of a
	// text element unless told to keep it.
	if len(text) > 0 && (isXMLSpace(text[0]) || isXMLSpace(text[len(text)-1])) {
		sw.buf = append(sw.buf, ` xml:space="preserve"`...)
	}
	sw.buf = append(sw.buf, '>')
	var err error
	if sw.buf, err = appendText(sw.buf, text); err != nil {
		sw.buf = sw.buf[:start]
		return err
	}
	sw.buf = append(sw.buf, `</t></is></c>`...)
	return nil
}

func (sw *sheetWriter) endRow() error {
	sw.buf = append(sw.buf, `</row>`...)
	if len(sw.buf) >= flushSize {
		return sw.flush()
	}
	return nil
}

func (sw *sheetWriter) flush() error {
	_, err := sw.w.Write(sw.buf)
	sw.buf = sw.buf[:0]
	return err
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// appendText appends s as the text of an XML element, the way spreadsheets
// read it back unchanged: &, < and > as entities, CR as a character
// reference (an XML parser turns a raw CR into LF), and text that looks
// like an OOXML escape (_x0041_, which readers decode to "A") with its
// underscore escaped as _x005F_. Tab and LF need no escaping in element
// text. It makes checkCell's checks on the way, since it reads every byte
// anyway.
func appendText(dst, s []byte) ([]byte, error) {
	if err := checkSize(s); err != nil {
		return dst, err
	}
	// The bytes to look at, one bit each, by c>>6 and c&63: control
	// characters, &, <, >, _ and 0xEF, the first byte of U+FFFE and U+FFFF.
	// Every other byte, most of them, costs a shift and a test.
	const (
		controls = 1<<0x20 - 1
		ascii    = controls | 1<<'&' | 1<<'<' | 1<<'>'
		letters  = 1 << ('_' - 0x40)
		ef       = 1 << (0xEF - 0xC0)
	)
	look := [4]uint64{ascii, letters, 0, ef}
	done := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if look[c>>6]>>(c&63)&1 == 0 {
			continue
		}
		var esc string
		switch c {
		case '\t', '\n':
			continue
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\r':
			esc = "&#xD;"
		case '_':
			if isOOXMLEscape(s[i:]) {
				// The underscore stays, after its own escape.
				dst = append(dst, s[done:i]...)
				dst = append(dst, "_x005F"...)
				done = i
			}
			continue
		case 0xEF:
			if isNonCharacter(s[i:]) {
				return dst, ErrControlChar
			}
			continue
		default:
			return dst, ErrControlChar
		}
		dst = append(dst, s[done:i]...)
		dst = append(dst, esc...)
		done = i + 1
	}
	return append(dst, s[done:]...), nil
}

// isOOXMLEscape reports whether s starts with _xHHHH_, four hex digits
// between "_x" and "_": what ECMA-376 (ST_Xstring) readers decode.
func isOOXMLEscape(s []byte) bool {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range s[2:6] {
		if !('0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'f') {
			return false
		}
	}
	return true
}

// cellFunc returns a record's value of one field as a cell, without the
// slice Record.Values allocates for every value (a third of the writing
// time at a million records) and, for its size, without reading the text.
type cellFunc func(r *schema.Record) cellValue

// cellValue is the value of one field of a record: one text, a list, or a
// number.
type cellValue struct {
	one  string
	list []string
	num  *int
}

// size is the length in bytes of the cell's text.
func (c cellValue) size() int {
	switch {
	case c.num != nil:
		var digits [20]byte
		return len(strconv.AppendInt(digits[:0], int64(*c.num), 10))
	case len(c.list) > 0:
		n := len(schema.ListSeparator) * (len(c.list) - 1)
		for _, v := range c.list {
			n += len(v)
		}
		return n
	}
	return len(c.one)
}

// appendTo appends the cell's text, what Record.Cell returns, to dst.
func (c cellValue) appendTo(dst []byte) []byte {
	switch {
	case c.num != nil:
		return strconv.AppendInt(dst, int64(*c.num), 10)
	case len(c.list) > 0:
		for i, v := range c.list {
			if i > 0 {
				dst = append(dst, schema.ListSeparator...)
			}
			dst = append(dst, v...)
		}
		return dst
	}
	return append(dst, c.one...)
}

// values appends the cell's values, what Record.Values returns, to dst.
func (c cellValue) values(dst []string) []string {
	switch {
	case c.num != nil:
		return append(dst, strconv.Itoa(*c.num))
	case len(c.list) > 0:
		return append(dst, c.list...)
	case c.one != "":
		return append(dst, c.one)
	}
	return dst
}

// cellFuncOf returns the cellFunc of f.
func cellFuncOf(f schema.Field) cellFunc {
	switch f {
	case schema.FieldID:
		return func(r *schema.Record) cellValue { return cellValue{one: r.ID} }
	case schema.FieldKind:
		return func(r *schema.Record) cellValue { return cellValue{one: string(r.Kind)} }
	case schema.FieldScope:
		return func(r *schema.Record) cellValue { return cellValue{one: string(r.Scope)} }
	case schema.FieldName:
		return func(r *schema.Record) cellValue { return cellValue{one: r.Name} }
	case schema.FieldAcronym:
		return func(r *schema.Record) cellValue { return cellValue{one: r.Acronym} }
	case schema.FieldAltNames:
		return func(r *schema.Record) cellValue { return cellValue{list: r.AltNames} }
	case schema.FieldDescription:
		return func(r *schema.Record) cellValue { return cellValue{one: r.Description} }
	case schema.FieldDescriptionLang:
		return func(r *schema.Record) cellValue { return cellValue{one: r.DescriptionLang} }
	case schema.FieldWebsite:
		return func(r *schema.Record) cellValue { return cellValue{one: r.Website} }
	case schema.FieldFounded:
		return func(r *schema.Record) cellValue { return cellValue{one: r.Founded} }
	case schema.FieldDissolved:
		return func(r *schema.Record) cellValue { return cellValue{one: r.Dissolved} }
	case schema.FieldStatus:
		return func(r *schema.Record) cellValue { return cellValue{one: string(r.Status)} }
	case schema.FieldSuccessor:
		return func(r *schema.Record) cellValue { return cellValue{one: r.Successor} }
	case schema.FieldParent:
		return func(r *schema.Record) cellValue { return cellValue{one: r.Parent} }
	case schema.FieldMemberOf:
		return func(r *schema.Record) cellValue { return cellValue{list: r.MemberOf} }
	case schema.FieldPartnerOf:
		return func(r *schema.Record) cellValue { return cellValue{list: r.PartnerOf} }
	case schema.FieldMembers:
		return func(r *schema.Record) cellValue { return cellValue{num: r.Members} }
	case schema.FieldSeat:
		return func(r *schema.Record) cellValue { return cellValue{one: r.Seat} }
	case schema.FieldLegalBasis:
		return func(r *schema.Record) cellValue { return cellValue{one: r.LegalBasis} }
	case schema.FieldWikidata:
		return func(r *schema.Record) cellValue { return cellValue{one: r.Wikidata} }
	case schema.FieldEUCorporateBody:
		return func(r *schema.Record) cellValue { return cellValue{one: r.EUCorporateBody} }
	case schema.FieldSourceURLs:
		return func(r *schema.Record) cellValue { return cellValue{list: r.SourceURLs} }
	}
	// A field added to schema after this was written: right, if slower.
	return func(r *schema.Record) cellValue { return cellValue{list: r.Values(f)} }
}

// appendPosition appends p.String() to dst without Sprintf's allocations.
func appendPosition(dst []byte, p schema.Position) []byte {
	switch {
	case p.IsZero():
		return dst
	case p.InWorkbook():
		dst = append(dst, p.File...)
		dst = append(dst, ' ')
		dst = append(dst, p.Sheet...)
		switch {
		case p.Col >= 1 && p.Line >= 1:
			dst = append(dst, '!')
			dst = appendColumn(dst, p.Col)
			return strconv.AppendInt(dst, int64(p.Line), 10)
		case p.Line > 0:
			dst = append(dst, " row "...)
			return strconv.AppendInt(dst, int64(p.Line), 10)
		}
		return dst
	case p.Line > 0:
		dst = append(dst, p.File...)
		dst = append(dst, ':')
		return strconv.AppendInt(dst, int64(p.Line), 10)
	}
	return append(dst, p.File...)
}

// appendColumn appends schema.ColumnName(col) to dst.
func appendColumn(dst []byte, col int) []byte {
	var buf [8]byte
	i := len(buf)
	for col > 0 && i > 0 {
		col--
		i--
		buf[i] = byte('A' + col%26)
		col /= 26
	}
	return append(dst, buf[i:]...)
}

// touch reads a byte of each string and slice of r and returns their sum,
// so that the caller can have the loads of the next record start together
// before it works on the current one. The strings of a large release lie
// scattered over a heap of gigabytes, and waiting for each in turn, as
// the cells are copied, was half of the writing time at a million records
// (a cache and TLB miss each); started together, the misses overlap.
// Fields added to schema later are not touched, which costs only speed.
func touch(r *schema.Record) byte {
	var x byte
	for _, s := range [...]string{
		r.ID, string(r.Kind), string(r.Scope), r.Name, r.Acronym, r.Description,
		r.DescriptionLang, r.Website, r.Founded, r.Dissolved, string(r.Status),
		r.Successor, r.Parent, r.Seat, r.LegalBasis, r.Wikidata, r.EUCorporateBody,
	} {
		if s != "" {
			x += s[0]
		}
	}
	for _, l := range [...][]string{r.AltNames, r.MemberOf, r.PartnerOf, r.SourceURLs} {
		for _, s := range l {
			if s != "" {
				x += s[0]
			}
		}
	}
	if len(r.Sources) > 0 {
		x += byte(r.Sources[0].Pos.Line) + byte(r.Sources[len(r.Sources)-1].Pos.Line)
	}
	if r.Members != nil {
		x += byte(*r.Members)
	}
	return x
}
