package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bordernet/bordernet/schema"
	"github.com/klauspost/compress/flate"
)

// link is one hyperlink of a sheet.
type link struct {
	row, col int    // 1-based
	target   string // absolute URL
}

// parts collects the package parts excelize writes, so that they can be
// zipped in a fixed order (excelize writes streamed sheets in map order),
// the Records sheet's hyperlinks added in linear time, and the rows of the
// big sheets streamed into their zip entries.
type parts struct {
	data   map[string]*bytes.Buffer
	bodies map[string]func(io.Writer) error
}

func newParts() *parts {
	return &parts{data: make(map[string]*bytes.Buffer), bodies: make(map[string]func(io.Writer) error)}
}

// Create implements excelize.ZipWriter.
func (p *parts) Create(name string) (io.Writer, error) {
	if _, dup := p.data[name]; dup {
		return nil, fmt.Errorf("package part %s written twice", name)
	}
	b := new(bytes.Buffer)
	p.data[name] = b
	return b, nil
}

// AddFS implements excelize.ZipWriter; excelize does not call it when
// saving a workbook.
func (p *parts) AddFS(fs.FS) error { return errors.New("xlsx: AddFS is not supported") }

// Close implements excelize.ZipWriter.
func (p *parts) Close() error { return nil }

// emptySheetData is how excelize's stream writer writes a sheet without
// rows.
const emptySheetData = "<sheetData></sheetData>"

// setBody has the rows of sheet, a part excelize wrote without rows,
// written by body when the package is zipped, and sets the sheet's
// dimension, the range its cells span, to A1:last.
func (p *parts) setBody(sheet, last string, body func(io.Writer) error) error {
	data, ok := p.data[sheet]
	if !ok {
		return fmt.Errorf("no part %s to write rows into", sheet)
	}
	if n := bytes.Count(data.Bytes(), []byte(emptySheetData)); n != 1 {
		return fmt.Errorf("%s: %d empty sheetData elements, want 1", sheet, n)
	}
	// excelize's stream writer leaves the dimension at A1; it is a hint for
	// readers, so a skeleton without it is left as it is.
	fixed := bytes.Replace(data.Bytes(), []byte(`<dimension ref="A1"></dimension>`), []byte(`<dimension ref="A1:`+last+`"></dimension>`), 1)
	p.data[sheet] = bytes.NewBuffer(fixed)
	p.bodies[sheet] = body
	return nil
}

// addLinks adds links to the sheet part: a hyperlinks element in the sheet
// and one external relationship per link in the sheet's relationships part.
func (p *parts) addLinks(sheet string, links []link) error {
	if len(links) == 0 {
		return nil
	}
	data, ok := p.data[sheet]
	if !ok {
		return fmt.Errorf("no part %s to add hyperlinks to", sheet)
	}
	dir, file := sheet[:strings.LastIndexByte(sheet, '/')+1], sheet[strings.LastIndexByte(sheet, '/')+1:]
	relsName := dir + "_rels/" + file + ".rels"
	if _, ok := p.data[relsName]; ok {
		return fmt.Errorf("%s exists already; hyperlinks would need merging into it", relsName)
	}
	xmlText := data.Bytes()
	if bytes.Contains(xmlText, []byte("<hyperlinks")) {
		return fmt.Errorf("%s has hyperlinks already", sheet)
	}
	at := linksPosition(xmlText)
	if at < 0 {
		return fmt.Errorf("%s: no end of sheetData", sheet)
	}

	var sheetLinks, rels bytes.Buffer
	sheetLinks.WriteString("<hyperlinks>")
	rels.WriteString(xml.Header)
	rels.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, l := range links {
		id := "rId" + strconv.Itoa(i+1)
		fmt.Fprintf(&sheetLinks, `<hyperlink ref="%s%d" r:id="%s"/>`, schema.ColumnName(l.col), l.row, id)
		rels.WriteString(`<Relationship Id="` + id + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="`)
		if err := xml.EscapeText(&rels, []byte(l.target)); err != nil {
			return err
		}
		rels.WriteString(`" TargetMode="External"/>`)
	}
	sheetLinks.WriteString("</hyperlinks>")
	rels.WriteString("</Relationships>")

	out := bytes.NewBuffer(make([]byte, 0, len(xmlText)+sheetLinks.Len()))
	out.Write(xmlText[:at])
	out.Write(sheetLinks.Bytes())
	out.Write(xmlText[at:])
	p.data[sheet] = out
	p.data[relsName] = &rels
	return nil
}

// linksPosition returns where a hyperlinks element goes in a worksheet:
// before the first element that follows it in the schema's order
// (CT_Worksheet), or before the end of the worksheet; -1 when there is no
// sheetData end.
func linksPosition(sheet []byte) int {
	end := bytes.Index(sheet, []byte("</sheetData>"))
	if end < 0 {
		return -1
	}
	rest := sheet[end:]
	at := bytes.LastIndex(rest, []byte("</worksheet>"))
	if at < 0 {
		return -1
	}
	for _, next := range []string{
		"<printOptions", "<pageMargins", "<pageSetup", "<headerFooter", "<rowBreaks",
		"<colBreaks", "<customProperties", "<cellWatches", "<ignoredErrors", "<smartTags",
		"<drawing", "<legacyDrawing", "<legacyDrawingHF", "<drawingHF", "<picture",
		"<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst",
	} {
		if i := bytes.Index(rest, []byte(next)); i >= 0 && i < at {
			at = i
		}
	}
	return end + at
}

// zipLevel is the deflate level of the package's entries. Compressing the
// two big sheets is half of the writing time. Measured on their XML for a
// 100,000-record cmd/synth release (102 MB of Records, 58 MB of
// Provenance), in MB per CPU second and compressed size: archive/zip's
// default, the standard library's level 5: 170-180, 8.3% and 6.8%; its
// level 1: 330-480, 11.9% and 8.5%; klauspost/compress's level 1, used
// here: 700-960, 11.2% and 8.5%. Its output, like the standard library's,
// depends on nothing but the input, so the bytes stay reproducible.
const zipLevel = flate.BestSpeed

// writeZip writes the parts as a zip archive: [Content_Types].xml first, as
// Office writes it, then the rest by name, each stamped with the release
// date (or 1980-01-01, the earliest zip date, when there is none) so that
// the bytes depend on nothing but the release. A part with a body is its
// skeleton with the body's rows streamed into its sheetData.
func (p *parts) writeZip(w io.Writer, date string) error {
	stamp := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	if t, err := time.Parse(time.DateOnly, date); err == nil && t.After(stamp) {
		stamp = t
	}
	names := make([]string, 0, len(p.data))
	for name := range p.data {
		names = append(names, name)
	}
	const first = "[Content_Types].xml"
	slices.SortFunc(names, func(a, b string) int {
		switch {
		case a == b:
			return 0
		case a == first:
			return -1
		case b == first:
			return 1
		}
		return strings.Compare(a, b)
	})
	zw := zip.NewWriter(w)
	// One compressor for all the entries, which are written one after the
	// other: a new one allocates about a megabyte.
	var fw *flate.Writer
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		if fw == nil {
			var err error
			fw, err = flate.NewWriter(out, zipLevel)
			return fw, err
		}
		fw.Reset(out)
		return fw, nil
	})
	for _, name := range names {
		// Modified is left zero and the MS-DOS fields set instead: a
		// non-zero Modified makes archive/zip add an extra field.
		h := &zip.FileHeader{
			Name:         name,
			Method:       zip.Deflate,
			ModifiedDate: uint16((stamp.Year()-1980)<<9 | int(stamp.Month())<<5 | stamp.Day()),
		}
		out, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		data := p.data[name].Bytes()
		body, ok := p.bodies[name]
		if !ok {
			if _, err := out.Write(data); err != nil {
				return err
			}
			continue
		}
		at := bytes.Index(data, []byte(emptySheetData)) + len("<sheetData>")
		if _, err := out.Write(data[:at]); err != nil {
			return err
		}
		if err := body(out); err != nil {
			if ve := (*valueError)(nil); errors.As(err, &ve) {
				return ve // names its sheet and cell already
			}
			return fmt.Errorf("%s: %w", name, err)
		}
		if _, err := out.Write(data[at:]); err != nil {
			return err
		}
	}
	return zw.Close()
}
