// Package xlsx owns bordernet.xlsx, the release as a workbook for people
// who work in spreadsheets. It has three sheets:
//
//   - Records: the columns of bordernet.csv (schema.Fields() names), one row
//     per record, with a bold frozen header, an autofilter, column widths
//     that fit the data, and URLs as hyperlinks. It reads back as a curator
//     workbook (pipeline/workbook) giving the same records.
//   - Provenance: the same columns and rows as Records: column A is the
//     record's id, and every other cell says where the value in the same
//     cell of Records was read ("sources/listing.txt:14",
//     "sources/curation.xlsx Records!D7"), empty for a value not read from
//     a source. One row per record, not one per value, so that a release
//     fits the sheet whatever its number of fields.
//   - About: the dataset's title, version, date, licence, publisher and
//     links, and a dictionary of the columns: what each means and which
//     values it allows.
//
// Every value is an inline text cell with the text number format "@", so
// nothing turns into a number or a date ("2004", "0123" and "2004-10" stay
// text, also when a curator edits the cell) and no value runs as a formula:
// a cell written as text is never a formula, whatever its first character,
// so values are written unchanged (no apostrophe as in bordernet.csv).
//
// What a workbook cannot hold stops the writing with an error naming the
// record, the field and where the value was read, rather than being
// changed silently the way excelize would (cut to 32,767 UTF-16 units,
// control characters turned into U+FFFD): text longer than a cell holds,
// control characters other than tab, LF and CR, and invalid UTF-8. The
// workbook would otherwise say something different from the other files of
// the release. A sheet holds at most 1,048,576 rows, so a release of more
// than MaxRecords records is refused with ErrTooManyRecords: the curator
// workbook reader reads the Records sheet only, so splitting the records
// over several sheets would give a workbook that no longer reads back as
// the release. Nothing is written when Write returns such an error.
//
// A sheet holds at most 65,529 hyperlinks (excelize's and Excel's limit):
// URLs after that many, in row order, are plain text. A URL longer than
// 2,079 characters, the most Excel follows, is plain text too.
//
// excelize writes the workbook's skeleton (styles, workbook, panes,
// widths, autofilters, the About sheet, document properties), but the
// rows of Records and Provenance are written by this package: excelize's
// stream writer allocates for every cell, and a million-record release
// took over a minute and gigabytes of allocation. Both sheets' rows are
// written in one pass over the records (a record's strings lie scattered
// over the heap, and each pass cost seconds of cache misses), compressed
// into temporary files, since the column widths and hyperlinks found on
// the way go into parts that precede them; the compressed rows then go
// into their zip entries as they are. Memory stays bounded by the widest
// row, the hyperlinks and excelize's skeleton, whatever the number of
// records.
//
// The bytes are reproducible: the document's created and modified dates
// are the release date, and the zip entries are written in a fixed order
// with no timestamps (excelize writes its streamed sheets in map order).
package xlsx

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bordernet/bordernet/schema"
	"github.com/xuri/excelize/v2"
)

// FileName is the name of the workbook in a release folder.
const FileName = "bordernet.xlsx"

// The sheets of the workbook, in order.
const (
	SheetRecords    = "Records"
	SheetProvenance = "Provenance"
	SheetAbout      = "About"
)

// The parts of the streamed sheets inside the package: excelize's first
// sheet, renamed, keeps the part of "Sheet1", and NewSheet numbers the
// parts of the sheets it adds in order.
const (
	recordsPart    = "xl/worksheets/sheet1.xml"
	provenancePart = "xl/worksheets/sheet2.xml"
)

// MaxCellText is the most UTF-16 code units a cell holds.
const MaxCellText = excelize.TotalCellChars

// MaxLinks is the most hyperlinks a sheet holds.
const MaxLinks = excelize.TotalSheetHyperlinks

// MaxRecords is the most records the workbook holds: a sheet has at most
// 1,048,576 rows, and the first is the header.
const MaxRecords = excelize.TotalRows - 1

// maxLinkLength is the longest URL Excel follows from a cell.
const maxLinkLength = 2079

// Errors for values a workbook cannot hold unchanged.
var (
	ErrTooLong     = fmt.Errorf("is longer than a spreadsheet cell holds (%d UTF-16 units)", MaxCellText)
	ErrControlChar = errors.New("holds a control character, which a workbook cannot hold (only tab, LF and CR)")
	ErrNotUTF8     = errors.New("is not valid UTF-8")
)

// ErrTooManyRecords is the error for a release of more records than a
// sheet has rows. A release folder can still be written without the
// workbook: bordernet.csv has no such limit.
var ErrTooManyRecords = fmt.Errorf("a spreadsheet sheet holds at most %d records (%d rows, one of them the header)", MaxRecords, excelize.TotalRows)

// limits are the most a workbook holds, lowered by tests to reach them
// with a few rows.
type limits struct {
	links int // hyperlinks in the Records sheet
	rows  int // rows in a sheet, the header included
}

// Write writes rel as bordernet.xlsx to w. rel.Date, when set, must be
// YYYY-MM-DD; it becomes the workbook's created and modified date.
//
// Nothing is written to w when rel cannot be written: more than MaxRecords
// records, a bad date, or a value a cell cannot hold. The rows of Records
// and Provenance are spooled, compressed, to temporary files (os.TempDir)
// while the other parts are made: about a tenth of the bytes of the
// workbook's XML.
func Write(w io.Writer, rel *schema.Release) error {
	return writeWith(w, rel, limits{links: MaxLinks, rows: excelize.TotalRows})
}

func writeWith(w io.Writer, rel *schema.Release, lim limits) error {
	if rel == nil {
		return fmt.Errorf("writing %s: no release", FileName)
	}
	b := newBook(rel, lim)
	if err := b.check(); err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	b.f = f
	if err := b.setup(); err != nil {
		return fmt.Errorf("writing %s: %w", FileName, err)
	}
	// The rows come first, spooled: the column widths and the hyperlinks
	// they give go into parts that precede them.
	records, err := newSpool()
	if err != nil {
		return fmt.Errorf("writing %s: %w", FileName, err)
	}
	defer records.Close()
	provenance, err := newSpool()
	if err != nil {
		return fmt.Errorf("writing %s: %w", FileName, err)
	}
	defer provenance.Close()
	if err := b.rows(records, provenance); err != nil {
		return err
	}
	for _, s := range []*spool{records, provenance} {
		if err := s.finish(); err != nil {
			return fmt.Errorf("writing %s: %w", FileName, err)
		}
	}

	p := newParts()
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return p })
	for _, step := range []func() error{b.records, b.provenance, b.about, b.props} {
		if err := step(); err != nil {
			return fmt.Errorf("writing %s: %w", FileName, err)
		}
	}
	if _, err := f.WriteTo(io.Discard); err != nil {
		return fmt.Errorf("writing %s: %w", FileName, err)
	}
	if err := p.addLinks(recordsPart, b.links); err != nil {
		return fmt.Errorf("writing %s: %w", FileName, err)
	}
	last := b.lastCell()
	if err := p.setBody(recordsPart, last, records); err != nil {
		return fmt.Errorf("writing %s: %w", FileName, err)
	}
	if err := p.setBody(provenancePart, last, provenance); err != nil {
		return fmt.Errorf("writing %s: %w", FileName, err)
	}
	if err := p.writeZip(w, rel.Date); err != nil {
		return fmt.Errorf("writing %s: %w", FileName, err)
	}
	return nil
}

// CheckText reports why s cannot be a workbook cell unchanged, or nil.
func CheckText(s string) error { return checkCell([]byte(s)) }

// checkCell is CheckText on the bytes of a cell, which the writer holds in
// a reused buffer. appendText makes the same checks as it escapes.
func checkCell(b []byte) error {
	if err := checkSize(b); err != nil {
		return err
	}
	for i, c := range b {
		switch {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
			return ErrControlChar
		case c == 0xEF && isNonCharacter(b[i:]):
			return ErrControlChar
		}
	}
	return nil
}

// checkSize reports whether b is not UTF-8 or too long for a cell.
func checkSize(b []byte) error {
	if !utf8.Valid(b) {
		return ErrNotUTF8
	}
	// UTF-16 needs no more units than UTF-8 bytes: count only when it
	// could matter.
	if len(b) <= MaxCellText {
		return nil
	}
	units := 0
	for _, c := range b {
		if c&0xC0 != 0x80 { // a character starts
			units++
		}
		if c >= 0xF0 { // outside the BMP: a surrogate pair
			units++
		}
	}
	if units > MaxCellText {
		return ErrTooLong
	}
	return nil
}

// isNonCharacter reports whether b starts with U+FFFE or U+FFFF, which
// XML cannot hold.
func isNonCharacter(b []byte) bool {
	return len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBF && (b[2] == 0xBE || b[2] == 0xBF)
}

// book is one workbook being written.
type book struct {
	f      *excelize.File
	rel    *schema.Release
	lim    limits
	fields []schema.Field
	cells  []cellFunc           // the cell of each field, in column order
	column map[schema.Field]int // 0-based column of each field
	byName []fieldColumn        // the fields and their columns by name

	header, text, link int // style ids

	recordWidths, provenanceWidths []float64
	links                          []link // hyperlinks of the Records sheet, in row order

	touched byte // what touch read, kept so that the reads are not optimised away
}

func newBook(rel *schema.Release, lim limits) *book {
	b := &book{rel: rel, lim: lim, fields: schema.Fields(), column: make(map[schema.Field]int)}
	for j, f := range b.fields {
		b.cells = append(b.cells, cellFuncOf(f))
		b.column[f] = j
		b.byName = append(b.byName, fieldColumn{f, j})
	}
	slices.SortFunc(b.byName, func(x, y fieldColumn) int { return strings.Compare(string(x.field), string(y.field)) })
	return b
}

// fieldColumn is a field and its 0-based column.
type fieldColumn struct {
	field schema.Field
	col   int
}

// lastCell is the bottom right cell of Records and Provenance.
func (b *book) lastCell() string {
	return schema.ColumnName(len(b.fields)) + strconv.Itoa(b.rel.RecordSet().Len()+1)
}

func (b *book) setup() error {
	f := b.f
	if err := f.SetSheetName("Sheet1", SheetRecords); err != nil {
		return err
	}
	for _, name := range []string{SheetProvenance, SheetAbout} {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	const textFormat = 49 // "@": what a curator types stays text
	var err error
	if b.header, err = f.NewStyle(&excelize.Style{
		Font:   &excelize.Font{Bold: true},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Border: []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}},
		NumFmt: textFormat,
	}); err != nil {
		return err
	}
	if b.text, err = f.NewStyle(&excelize.Style{
		NumFmt:    textFormat,
		Alignment: &excelize.Alignment{Vertical: "top"},
	}); err != nil {
		return err
	}
	b.link, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Color: "0563C1", Underline: "single"},
		NumFmt:    textFormat,
		Alignment: &excelize.Alignment{Vertical: "top"},
	})
	return err
}

// records writes the skeleton of the Records sheet: everything but its
// rows, which recordRows streams into the zip entry.
func (b *book) records() error { return b.skeleton(SheetRecords, b.recordWidths) }

// provenance writes the skeleton of the Provenance sheet; provenanceRows
// streams its rows.
func (b *book) provenance() error { return b.skeleton(SheetProvenance, b.provenanceWidths) }

// skeleton has excelize write a sheet without rows but with its
// autofilter, column widths and styles, and frozen header row.
func (b *book) skeleton(sheet string, widths []float64) error {
	// The autofilter must be set before the stream writer exists:
	// excelize drops it when set after.
	if err := b.f.AutoFilter(sheet, "A1:"+b.lastCell(), nil); err != nil {
		return err
	}
	sw, err := b.f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := b.start(sw, widths); err != nil {
		return err
	}
	return sw.Flush()
}

// about writes the About sheet: the dataset's description, then the column
// dictionary.
func (b *book) about() error {
	sw, err := b.f.NewStreamWriter(SheetAbout)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 1, 22); err != nil {
		return err
	}
	if err := sw.SetColWidth(2, 2, 70); err != nil {
		return err
	}
	if err := sw.SetColWidth(3, 3, 60); err != nil {
		return err
	}
	line := 0
	put := func(style int, values ...string) error {
		line++
		row := make([]any, len(values))
		for j, v := range values {
			row[j] = cell(style, v)
		}
		return sw.SetRow("A"+strconv.Itoa(line), row)
	}
	for _, kv := range aboutRows(b.rel) {
		if err := put(b.text, kv[0], kv[1]); err != nil {
			return err
		}
	}
	line++ // a blank row between the two tables
	if err := put(b.header, "column", "meaning", "allowed values"); err != nil {
		return err
	}
	for _, f := range schema.Fields() {
		meaning, allowed := describeField(f)
		if err := put(b.text, string(f), meaning, allowed); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// aboutRows are the label/value pairs at the top of the About sheet.
func aboutRows(rel *schema.Release) [][2]string {
	m := &rel.Meta
	download := ""
	if m.DownloadURL != "" && rel.Version != "" {
		download = m.DownloadURL + rel.Version + "/"
	}
	rows := [][2]string{
		{"title", m.Title},
		{"description", m.Description},
		{"version", rel.Version},
		{"date", rel.Date},
		{"licence", m.License},
		{"publisher", strings.TrimSpace(m.Publisher.Name + " " + angle(m.Publisher.IRI))},
		{"contact", strings.TrimSpace(m.Contact.Name + " " + angle(m.Contact.Email))},
		{"homepage", m.Homepage},
		{"download", download},
		{"record IRIs", recordIRIs(m.BaseIRI)},
		{"language", m.Language},
		{"keywords", strings.Join(m.Keywords, schema.ListSeparator)},
		{"records", strconv.Itoa(rel.RecordSet().Len())},
		{"made by", rel.Tool},
		{"sheets", SheetRecords + ": one row per record; " +
			SheetProvenance + ": the rows and columns of " + SheetRecords + ", each cell saying where the value in the same cell of " + SheetRecords + " was read (a file and line, or a workbook cell), empty for a value not read from a source; " +
			SheetAbout + ": this sheet"},
		{"list values", "several values in one cell are separated by \"" + schema.ListSeparator + "\""},
	}
	return slices.DeleteFunc(rows, func(kv [2]string) bool { return kv[1] == "" })
}

func angle(s string) string {
	if s == "" {
		return ""
	}
	return "<" + s + ">"
}

func recordIRIs(base string) string {
	if base == "" {
		return ""
	}
	return base + "id/{id}"
}

// start sets what a stream writer needs before its first row: column
// widths and a frozen header row.
func (b *book) start(sw *excelize.StreamWriter, widths []float64) error {
	// From the last column to the first, because excelize writes the
	// widths in the reverse order of the calls, and Excel wants them
	// ascending.
	for j := len(widths) - 1; j >= 0; j-- {
		if err := sw.SetColWidth(j+1, j+1, widths[j]); err != nil {
			return err
		}
	}
	if err := sw.SetColStyle(1, len(widths), b.text); err != nil {
		return err
	}
	return sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	})
}

// cell returns the stream writer's cell for text v in a style, or nil, no
// cell at all, for empty text: an empty text cell is not empty to a
// spreadsheet (COUNTA counts it, Ctrl+arrow stops at it).
func cell(style int, v string) any {
	if v == "" {
		return nil
	}
	return excelize.Cell{StyleID: style, Value: v}
}

// isLinkField reports whether linkTarget can link a value of f.
func isLinkField(f schema.Field) bool {
	switch f {
	case schema.FieldWebsite, schema.FieldLegalBasis, schema.FieldSourceURLs, schema.FieldWikidata, schema.FieldEUCorporateBody:
		return true
	}
	return false
}

// linkTarget returns where a cell of field f holding values links to, or
// "" for no link: the URL of a web address field holding one URL, the
// Wikidata page of a Wikidata id, the EU authority page of a corporate
// body code.
func linkTarget(f schema.Field, values []string) string {
	if len(values) != 1 {
		return ""
	}
	v := values[0]
	var target string
	switch f {
	case schema.FieldWebsite, schema.FieldLegalBasis, schema.FieldSourceURLs:
		if schema.IsWebURL(v) {
			target = v
		}
	case schema.FieldWikidata:
		if schema.IsWikidataID(v) {
			target = "https://www.wikidata.org/wiki/" + v
		}
	case schema.FieldEUCorporateBody:
		if len(v) <= 40 && strings.Trim(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == "" {
			target = schema.CorporateBodyIRI(v)
		}
	}
	if len(target) > maxLinkLength {
		return ""
	}
	return target
}

// props sets the document properties; the dates are the release date so
// that two writes of a release give the same bytes.
func (b *book) props() error {
	p := &excelize.DocProperties{
		Title:    b.rel.Meta.Title,
		Subject:  b.rel.Meta.Description,
		Creator:  b.rel.Meta.Publisher.Name,
		Keywords: strings.Join(b.rel.Meta.Keywords, ", "),
		Language: b.rel.Meta.Language,
		Version:  b.rel.Version,
	}
	if b.rel.Date != "" {
		p.Created = b.rel.Date + "T00:00:00Z"
		p.Modified = p.Created
	}
	return b.f.SetDocProps(p)
}
