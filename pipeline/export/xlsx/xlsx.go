// Package xlsx owns bordernet.xlsx, the release as a workbook for people
// who work in spreadsheets. It has three sheets:
//
//   - Records: the columns of bordernet.csv (schema.Fields() names), one row
//     per record, with a bold frozen header, an autofilter, column widths
//     that fit the data, and URLs as hyperlinks. It reads back as a curator
//     workbook (pipeline/workbook) giving the same records.
//   - Provenance: one row per record and sourced field: id, field, value,
//     and where the value was read ("sources/listing.txt:14",
//     "sources/curation.xlsx Records!D7").
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
// the release.
//
// A sheet holds at most 65,529 hyperlinks (excelize's and Excel's limit):
// URLs after that many, in row order, are plain text. A URL longer than
// 2,079 characters, the most Excel follows, is plain text too.
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
	"time"
	"unicode/utf16"
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

// MaxCellText is the most UTF-16 code units a cell holds.
const MaxCellText = excelize.TotalCellChars

// MaxLinks is the most hyperlinks a sheet holds.
const MaxLinks = excelize.TotalSheetHyperlinks

// maxLinkLength is the longest URL Excel follows from a cell.
const maxLinkLength = 2079

// Errors for values a workbook cannot hold unchanged.
var (
	ErrTooLong     = fmt.Errorf("is longer than a spreadsheet cell holds (%d UTF-16 units)", MaxCellText)
	ErrControlChar = errors.New("holds a control character, which a workbook cannot hold (only tab, LF and CR)")
	ErrNotUTF8     = errors.New("is not valid UTF-8")
)

// Write writes rel as bordernet.xlsx to w. rel.Date, when set, must be
// YYYY-MM-DD; it becomes the workbook's created and modified date.
func Write(w io.Writer, rel *schema.Release) error { return writeLimited(w, rel, MaxLinks) }

// writeLimited is Write with the most hyperlinks of the Records sheet given, so
// tests can reach the limit with a few rows.
func writeLimited(w io.Writer, rel *schema.Release, maxLinks int) error {
	if err := checkRelease(rel); err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	p := newParts()
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return p })
	b := &book{f: f, rel: rel, maxLinks: maxLinks}
	for _, step := range []func() error{b.setup, b.records, b.provenance, b.about, b.props} {
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
	if err := p.writeZip(w, rel.Date); err != nil {
		return fmt.Errorf("writing %s: %w", FileName, err)
	}
	return nil
}

// checkRelease finds every value the workbook could not hold unchanged,
// before anything is built, and reports the first.
func checkRelease(rel *schema.Release) error {
	if rel.Date != "" {
		if _, err := time.Parse(time.DateOnly, rel.Date); err != nil {
			return fmt.Errorf("writing %s: release date %q is not YYYY-MM-DD", FileName, rel.Date)
		}
	}
	for i := range rel.Records {
		r := &rel.Records[i]
		for _, f := range schema.Fields() {
			if err := CheckText(r.Cell(f)); err != nil {
				where := ""
				if pos := r.PositionOf(f); !pos.IsZero() {
					where = pos.String() + ": "
				}
				return fmt.Errorf("%s %s row %d: %s%s: %s: %w", FileName, SheetRecords, i+2, where, r.ID, f, err)
			}
		}
	}
	for _, kv := range aboutRows(rel) {
		if err := CheckText(kv[1]); err != nil {
			return fmt.Errorf("%s %s: dataset %s: %w", FileName, SheetAbout, kv[0], err)
		}
	}
	return nil
}

// CheckText reports why s cannot be a workbook cell unchanged, or nil.
func CheckText(s string) error {
	units := 0
	for i, c := range s {
		switch {
		case c == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			return ErrNotUTF8
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r', c == 0xFFFE, c == 0xFFFF:
			return ErrControlChar
		}
		units += utf16.RuneLen(c)
	}
	if units > MaxCellText {
		return ErrTooLong
	}
	return nil
}

// book is one workbook being written.
type book struct {
	f   *excelize.File
	rel *schema.Release

	header, text, link int // style ids

	links    []link // hyperlinks of the Records sheet, in row order
	maxLinks int
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

// records writes the Records sheet.
func (b *book) records() error {
	fields := schema.Fields()
	recs := b.rel.Records
	last := schema.ColumnName(len(fields)) + strconv.Itoa(len(recs)+1)
	// The autofilter must be set before the stream writer exists:
	// excelize drops it when set after.
	if err := b.f.AutoFilter(SheetRecords, "A1:"+last, nil); err != nil {
		return err
	}

	sw, err := b.f.NewStreamWriter(SheetRecords)
	if err != nil {
		return err
	}
	header := make([]string, len(fields))
	for j, f := range fields {
		header[j] = string(f)
	}
	widths := columnWidths(header, len(recs), func(i, j int) string { return recs[i].Cell(fields[j]) })
	if err := b.start(sw, widths); err != nil {
		return err
	}
	row := make([]any, len(fields))
	if err := sw.SetRow("A1", b.headerRow(header, row)); err != nil {
		return err
	}
	for i := range recs {
		for j, f := range fields {
			style := b.text
			// excelize's SetCellHyperLink takes time linear in the links
			// already set (minutes for 65k links), so the links are
			// collected here and added to the sheet when it is zipped.
			if len(b.links) < b.maxLinks {
				if target := linkTarget(f, recs[i].Values(f)); target != "" {
					b.links = append(b.links, link{cell: schema.ColumnName(j+1) + strconv.Itoa(i+2), target: target})
					style = b.link
				}
			}
			row[j] = cell(style, recs[i].Cell(f))
		}
		if err := sw.SetRow("A"+strconv.Itoa(i+2), row); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// provenanceHeader are the columns of the Provenance sheet.
var provenanceHeader = [...]string{"id", "field", "value", "source"}

// provenance writes the Provenance sheet: for each record, in the
// release's order, one row per field that has a source, in field order.
func (b *book) provenance() error {
	recs := b.rel.Records
	n := 0
	for i := range recs {
		n += len(recs[i].Sources)
	}
	if err := b.f.AutoFilter(SheetProvenance, "A1:D"+strconv.Itoa(n+1), nil); err != nil {
		return err
	}
	sw, err := b.f.NewStreamWriter(SheetProvenance)
	if err != nil {
		return err
	}
	if err := b.start(sw, []float64{24, 18, 60, 40}); err != nil {
		return err
	}
	row := make([]any, len(provenanceHeader))
	if err := sw.SetRow("A1", b.headerRow(provenanceHeader[:], row)); err != nil {
		return err
	}
	line := 1
	for i := range recs {
		r := &recs[i]
		for _, f := range schema.Fields() {
			pos, ok := r.Source(f)
			if !ok {
				continue
			}
			line++
			for j, v := range []string{r.ID, string(f), r.Cell(f), pos.String()} {
				row[j] = cell(b.text, v)
			}
			if err := sw.SetRow("A"+strconv.Itoa(line), row); err != nil {
				return err
			}
		}
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
		{"records", strconv.Itoa(len(rel.Records))},
		{"sheets", SheetRecords + ": one row per record; " + SheetProvenance + ": where each value was read; " + SheetAbout + ": this sheet"},
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

func (b *book) headerRow(names []string, row []any) []any {
	row = row[:len(names)]
	for j, name := range names {
		row[j] = excelize.Cell{StyleID: b.header, Value: name}
	}
	return row
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

// columnWidths fits each column to its longest value, in characters,
// between a floor that keeps short columns usable and a ceiling that keeps
// long text from pushing the other columns off screen.
func columnWidths(header []string, rows int, cell func(i, j int) string) []float64 {
	const floor, ceiling = 8, 60
	widths := make([]float64, len(header))
	for j, h := range header {
		longest := utf8.RuneCountInString(h)
		for i := range rows {
			v := cell(i, j)
			if len(v) <= longest { // bytes ≥ runes: no need to count
				continue
			}
			for line := range strings.SplitSeq(v, "\n") {
				longest = max(longest, utf8.RuneCountInString(line))
			}
		}
		widths[j] = float64(min(max(longest+2, floor), ceiling))
	}
	return widths
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
