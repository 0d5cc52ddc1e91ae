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
)

// recordsPart is the Records sheet inside the package: excelize's first
// sheet, renamed, keeps the part of "Sheet1".
const recordsPart = "xl/worksheets/sheet1.xml"

// link is one hyperlink of a sheet.
type link struct {
	cell   string // A1 reference
	target string // absolute URL
}

// parts collects the package parts excelize writes, so that they can be
// zipped in a fixed order (excelize writes streamed sheets in map order)
// and the Records sheet's hyperlinks added in linear time.
type parts struct {
	data map[string]*bytes.Buffer
}

func newParts() *parts { return &parts{data: make(map[string]*bytes.Buffer)} }

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
		fmt.Fprintf(&sheetLinks, `<hyperlink ref="%s" r:id="%s"/>`, l.cell, id)
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

// writeZip writes the parts as a zip archive: [Content_Types].xml first, as
// Office writes it, then the rest by name, each stamped with the release
// date (or 1980-01-01, the earliest zip date, when there is none) so that
// the bytes depend on nothing but the release.
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
		if _, err := out.Write(p.data[name].Bytes()); err != nil {
			return err
		}
	}
	return zw.Close()
}
