package xlsx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

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
// big sheets, spooled, put into their zip entries.
type parts struct {
	data   map[string]*bytes.Buffer
	bodies map[string]*spool
}

func newParts() *parts {
	return &parts{data: make(map[string]*bytes.Buffer), bodies: make(map[string]*spool)}
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

// setBody has the rows of sheet, a part excelize wrote without rows, taken
// from body when the package is zipped, and sets the sheet's dimension,
// the range its cells span, to A1:last.
func (p *parts) setBody(sheet, last string, body *spool) error {
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

	const relationship = `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="`
	targets := 0
	for _, l := range links {
		targets += len(l.target)
	}
	var sheetLinks, rels bytes.Buffer
	sheetLinks.Grow(len(links)*48 + 32)
	// Room for the escapes of a few & in the targets too.
	rels.Grow(len(links)*(len(relationship)+64) + targets + targets/4 + 256)
	sheetLinks.WriteString("<hyperlinks>")
	rels.WriteString(xml.Header)
	rels.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	var ref []byte
	for i, l := range links {
		ref = appendColumn(ref[:0], l.col)
		ref = strconv.AppendInt(ref, int64(l.row), 10)
		id := strconv.Itoa(i + 1)
		sheetLinks.WriteString(`<hyperlink ref="`)
		sheetLinks.Write(ref)
		sheetLinks.WriteString(`" r:id="rId` + id + `"/>`)
		rels.WriteString(`<Relationship Id="rId` + id + relationship)
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
	stampDate := uint16((stamp.Year()-1980)<<9 | int(stamp.Month())<<5 | stamp.Day())
	for _, name := range names {
		// Modified is left zero and the MS-DOS fields set instead: a
		// non-zero Modified makes archive/zip add an extra field.
		h := &zip.FileHeader{Name: name, Method: zip.Deflate, ModifiedDate: stampDate}
		if body, ok := p.bodies[name]; ok {
			if err := writeSpooled(zw, h, p.data[name].Bytes(), body); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			continue
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

// writeSpooled writes a sheet entry whose rows are spooled: its data is
// the deflated skeleton up to and with <sheetData>, ended with a sync
// flush, then the spooled rows as they are, then the deflated rest of the
// skeleton, ending the stream. Deflate streams can be put together this
// way because a sync flush ends its stream at a byte boundary without
// ending the data.
func writeSpooled(zw *zip.Writer, h *zip.FileHeader, skeleton []byte, body *spool) error {
	at := bytes.Index(skeleton, []byte(emptySheetData))
	if at < 0 {
		return errors.New("no empty sheetData to write rows into")
	}
	at += len("<sheetData>")
	head, tail := skeleton[:at], skeleton[at:]
	var headZ, tailZ bytes.Buffer
	fw, err := flate.NewWriter(&headZ, zipLevel)
	if err != nil {
		return err
	}
	if _, err := fw.Write(head); err != nil {
		return err
	}
	if err := fw.Flush(); err != nil {
		return err
	}
	fw.Reset(&tailZ)
	if _, err := fw.Write(tail); err != nil {
		return err
	}
	if err := fw.Close(); err != nil {
		return err
	}

	crc := crc32.ChecksumIEEE(head)
	crc = crc32Concat(crc, body.crc, body.n)
	crc = crc32.Update(crc, crc32.IEEETable, tail)
	h.CRC32 = crc
	h.UncompressedSize64 = uint64(len(head)) + uint64(body.n) + uint64(len(tail))
	h.CompressedSize64 = uint64(headZ.Len()) + uint64(body.size) + uint64(tailZ.Len())
	out, err := zw.CreateRaw(h)
	if err != nil {
		return err
	}
	if _, err := out.Write(headZ.Bytes()); err != nil {
		return err
	}
	if err := body.copyTo(out); err != nil {
		return err
	}
	_, err = out.Write(tailZ.Bytes())
	return err
}

// crc32Concat returns the CRC-32 (IEEE) of a followed by b from the CRC-32
// of a, that of b and the length of b. CRC-32 is affine in its register
// and its data, so Update(c, b) = Update(c, zeros) ^ Update(0, b) ^
// Update(0, zeros) for zeros as long as b: two passes over zeros, at
// gigabytes a second, instead of the rows again.
func crc32Concat(a, b uint32, n int64) uint32 {
	var zeros [32 << 10]byte
	za, z0 := a, uint32(0)
	for n > 0 {
		chunk := zeros[:min(n, int64(len(zeros)))]
		za = crc32.Update(za, crc32.IEEETable, chunk)
		z0 = crc32.Update(z0, crc32.IEEETable, chunk)
		n -= int64(len(chunk))
	}
	return za ^ b ^ z0
}

// spool holds a sheet's rows while the other parts are made, compressed
// into a temporary file as deflate blocks ending with a sync flush, ready
// to go into the sheet's zip entry as they are, with their length and
// CRC-32. Holding them in memory would take about 150 bytes a record.
type spool struct {
	file *os.File
	buf  *bufio.Writer
	fw   *flate.Writer
	n    int64  // bytes of rows
	crc  uint32 // CRC-32 of the rows
	size int64  // bytes compressed, once finished
}

func newSpool() (*spool, error) {
	f, err := os.CreateTemp("", "bordernet-xlsx-*")
	if err != nil {
		return nil, fmt.Errorf("spooling a sheet: %w", err)
	}
	s := &spool{file: f, buf: bufio.NewWriterSize(f, 256<<10)}
	if s.fw, err = flate.NewWriter(s.buf, zipLevel); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Write takes rows, as XML.
func (s *spool) Write(p []byte) (int, error) {
	s.crc = crc32.Update(s.crc, crc32.IEEETable, p)
	s.n += int64(len(p))
	return s.fw.Write(p)
}

// finish ends the compressed rows with a sync flush and writes them out.
func (s *spool) finish() error {
	if err := s.fw.Flush(); err != nil {
		return fmt.Errorf("spooling a sheet: %w", err)
	}
	if err := s.buf.Flush(); err != nil {
		return fmt.Errorf("spooling a sheet: %w", err)
	}
	size, err := s.file.Seek(0, io.SeekCurrent)
	if err != nil {
		return fmt.Errorf("spooling a sheet: %w", err)
	}
	s.size = size
	return nil
}

// copyTo writes the compressed rows to w.
func (s *spool) copyTo(w io.Writer) error {
	if _, err := s.file.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("reading a spooled sheet: %w", err)
	}
	n, err := io.Copy(w, bufio.NewReaderSize(s.file, 256<<10))
	if err == nil && n != s.size {
		err = fmt.Errorf("%d bytes, want %d", n, s.size)
	}
	if err != nil {
		return fmt.Errorf("reading a spooled sheet: %w", err)
	}
	return nil
}

// Close removes the temporary file.
func (s *spool) Close() error {
	err := s.file.Close()
	if rmErr := os.Remove(s.file.Name()); err == nil {
		err = rmErr
	}
	return err
}
