package workbook

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
)

// pkg is an opened XLSX package: the zip entries by normalised part name
// and what is left of the unzip budget shared by every part read.
type pkg struct {
	parts  map[string]*zip.File
	budget int64 // unzipped bytes still allowed
	limit  int64 // the whole budget, for messages
}

func newPkg(zr *zip.Reader, limit int64) *pkg {
	p := &pkg{parts: make(map[string]*zip.File, len(zr.File)), budget: limit, limit: limit}
	for _, f := range zr.File {
		// Part names are case-insensitive (OPC, ECMA-376 part 2) and some
		// zip tools write backslashes.
		p.parts[partKey(f.Name)] = f
	}
	return p
}

func partKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

// has reports whether the package holds the part.
func (p *pkg) has(name string) bool { _, ok := p.parts[partKey(name)]; return ok }

// open returns a reader of the part's unzipped bytes that fails with
// ErrTooLarge once the package's unzip budget is spent, whatever the zip
// headers claim.
func (p *pkg) open(name string) (io.ReadCloser, error) {
	f, ok := p.parts[partKey(name)]
	if !ok {
		return nil, fmt.Errorf("%w: part %s is missing", ErrDamaged, name)
	}
	if f.UncompressedSize64 > uint64(p.budget) {
		return nil, fmt.Errorf("%w: part %s unzips to %d bytes, more than the %d allowed", ErrTooLarge, name, f.UncompressedSize64, p.limit)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: part %s: %v", ErrDamaged, name, err)
	}
	return &budgetReader{rc: rc, p: p, name: name}, nil
}

type budgetReader struct {
	rc   io.ReadCloser
	p    *pkg
	name string
}

func (b *budgetReader) Read(buf []byte) (int, error) {
	if b.p.budget <= 0 {
		return 0, fmt.Errorf("%w: unzipped parts exceed the %d bytes allowed (at part %s)", ErrTooLarge, b.p.limit, b.name)
	}
	if int64(len(buf)) > b.p.budget {
		buf = buf[:b.p.budget]
	}
	n, err := b.rc.Read(buf)
	b.p.budget -= int64(n)
	if err != nil && err != io.EOF {
		// archive/zip reports a checksum or size mismatch here: a damaged
		// or truncated package.
		err = fmt.Errorf("%w: part %s: %v", ErrDamaged, b.name, err)
	}
	return n, err
}

func (b *budgetReader) Close() error { return b.rc.Close() }

// decodePart runs fn over the XML tokens of a part. fn returns false to
// stop early.
func (p *pkg) decodePart(name string, fn func(d *xml.Decoder, tok xml.Token) (bool, error)) error {
	rc, err := p.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return xmlErr(name, err)
		}
		more, err := fn(d, tok)
		if err != nil || !more {
			return err
		}
	}
}

// xmlErr wraps an error met while decoding a part: the budget and damage
// errors keep their kind, anything else is damaged XML.
func xmlErr(name string, err error) error {
	if errors.Is(err, ErrTooLarge) || errors.Is(err, ErrDamaged) {
		return err
	}
	return fmt.Errorf("%w: part %s: %v", ErrDamaged, name, err)
}

func attr(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// relTarget resolves a relationship target against the part that holds
// the relationship.
func relTarget(source, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Join(path.Dir(source), target), "/")
}

// relsOf returns the relationships of a part as type suffix → targets,
// in document order, with targets resolved to part names. Only internal
// targets are kept.
func (p *pkg) relsOf(source string) (map[string]string, []rel, error) {
	relsName := path.Join(path.Dir(source), "_rels", path.Base(source)+".rels")
	if source == "" {
		relsName = "_rels/.rels"
	}
	byID := map[string]string{}
	var rels []rel
	if !p.has(relsName) {
		return byID, nil, nil
	}
	err := p.decodePart(relsName, func(_ *xml.Decoder, tok xml.Token) (bool, error) {
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" {
			return true, nil
		}
		if mode, _ := attr(se, "TargetMode"); mode == "External" {
			return true, nil
		}
		id, _ := attr(se, "Id")
		typ, _ := attr(se, "Type")
		target, _ := attr(se, "Target")
		if target == "" {
			return true, nil
		}
		r := rel{id: id, typ: typ[strings.LastIndex(typ, "/")+1:], target: relTarget(source, target)}
		byID[id] = r.target
		rels = append(rels, r)
		return true, nil
	})
	return byID, rels, err
}

type rel struct{ id, typ, target string }

// sheetEntry is one sheet of the workbook part.
type sheetEntry struct {
	name   string
	hidden bool // state hidden or veryHidden
	part   string
}

// book is what the workbook part and its relationships say.
type book struct {
	part          string
	date1904      bool
	sheets        []sheetEntry
	sharedStrings string // part name, "" if none
	styles        string // part name, "" if none
}

// readBook finds the workbook part through the package relationships and
// reads its sheet list and date system.
func (p *pkg) readBook() (*book, error) {
	_, rootRels, err := p.relsOf("")
	if err != nil {
		return nil, err
	}
	b := &book{}
	for _, r := range rootRels {
		if r.typ == "officeDocument" {
			b.part = r.target
			break
		}
	}
	if b.part == "" {
		// Tolerate a package without root relationships, as Excel does.
		b.part = "xl/workbook.xml"
	}
	if !p.has(b.part) {
		return nil, fmt.Errorf("%w: it is a zip file without a workbook part (%s)", ErrNotWorkbook, b.part)
	}
	byID, rels, err := p.relsOf(b.part)
	if err != nil {
		return nil, err
	}
	for _, r := range rels {
		switch r.typ {
		case "sharedStrings":
			b.sharedStrings = r.target
		case "styles":
			b.styles = r.target
		}
	}
	err = p.decodePart(b.part, func(_ *xml.Decoder, tok xml.Token) (bool, error) {
		se, ok := tok.(xml.StartElement)
		if !ok {
			return true, nil
		}
		switch se.Name.Local {
		case "workbookPr":
			v, _ := attr(se, "date1904")
			b.date1904 = v == "1" || strings.EqualFold(v, "true")
		case "sheet":
			name, _ := attr(se, "name")
			state, _ := attr(se, "state")
			var target string
			for _, a := range se.Attr {
				// r:id, whatever the prefix of the relationships namespace.
				if a.Name.Local == "id" && a.Name.Space != "" {
					target = byID[a.Value]
				}
			}
			if target == "" || !p.has(target) {
				// A chart sheet or a dangling entry: nothing to read.
				return true, nil
			}
			b.sheets = append(b.sheets, sheetEntry{name: name, hidden: state == "hidden" || state == "veryHidden", part: target})
		}
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

// sharedStrings is the shared string table, in blocks of a fixed size:
// it grows without copying what it holds, so a table of n strings costs
// n string headers and no more, where a growing slice would allocate
// several times that on the way.
type sharedStrings struct {
	blocks [][]string
	n      int
}

const sstBlock = 1 << 14

func (t *sharedStrings) len() int { return t.n }

func (t *sharedStrings) at(i int) string { return t.blocks[i/sstBlock][i%sstBlock] }

func (t *sharedStrings) add(s string) {
	if t.n%sstBlock == 0 {
		t.blocks = append(t.blocks, make([]string, 0, sstBlock))
	}
	b := &t.blocks[len(t.blocks)-1]
	*b = append(*b, s)
	t.n++
}

// readSharedStrings reads the shared string table: the plain text of each
// item, rich-text runs joined, phonetic guides left out. A workbook saved by
// LibreOffice keeps every text here, so it is as big as the sheet's values
// and goes through the same tokenizer as the sheet.
//
// The table is held in memory while the sheet is read, so its size is
// bounded by opt's MaxSharedStrings and MaxSharedStringBytes: past either
// the read stops with ErrTooLarge naming the limit.
func (p *pkg) readSharedStrings(part string, opt Options) (*sharedStrings, error) {
	sst := &sharedStrings{}
	if part == "" || !p.has(part) {
		return sst, nil
	}
	rc, err := p.open(part)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	sc := newXMLScanner(rc)
	var (
		buf       []byte
		inSI, inT bool
		phonetic  int
		bytes     int64
	)
	for {
		err := sc.next()
		if err == io.EOF {
			return sst, nil
		}
		if err != nil {
			if errors.Is(err, ErrTooLarge) || errors.Is(err, ErrDamaged) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: part %s: %v", ErrDamaged, part, err)
		}
		switch sc.kind {
		case tokStart:
			switch string(sc.name) {
			case "si":
				inSI, buf = true, buf[:0]
			case "t":
				inT = inSI && phonetic == 0
			case "rPh":
				phonetic++
			}
		case tokEnd:
			switch string(sc.name) {
			case "si":
				if !utf8.Valid(buf) {
					return nil, fmt.Errorf("%w: part %s: shared string %d is not UTF-8", ErrDamaged, part, sst.len())
				}
				if sst.len() >= opt.MaxSharedStrings {
					return nil, fmt.Errorf("%w: the shared string table (%s) holds more than %d strings, the most a curator workbook is allowed", ErrTooLarge, part, opt.MaxSharedStrings)
				}
				if bytes += int64(len(buf)); bytes > opt.MaxSharedStringBytes {
					return nil, fmt.Errorf("%w: the shared strings (%s) hold more than %d bytes of text, the most a curator workbook is allowed", ErrTooLarge, part, opt.MaxSharedStringBytes)
				}
				sst.add(string(buf))
				inSI = false
			case "t":
				inT = false
			case "rPh":
				phonetic = max(0, phonetic-1)
			}
		case tokText:
			if inT {
				if buf, err = sc.appendText(buf); err != nil {
					return nil, fmt.Errorf("%w: part %s: %v", ErrDamaged, part, err)
				}
			}
		}
	}
}

// readDateStyles reads the cell formats (cellXfs) and reports, for each
// style index a cell's s attribute can name, whether its number format
// shows a date.
func (p *pkg) readDateStyles(part string) ([]bool, error) {
	if part == "" || !p.has(part) {
		return nil, nil
	}
	custom := map[int]string{}
	var (
		isDate  []bool
		inXfs   bool
		fmtIDOf = func(se xml.StartElement) int {
			v, _ := attr(se, "numFmtId")
			n, _ := strconv.Atoi(v)
			return n
		}
	)
	err := p.decodePart(part, func(_ *xml.Decoder, tok xml.Token) (bool, error) {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "numFmt":
				code, _ := attr(t, "formatCode")
				custom[fmtIDOf(t)] = code
			case "cellXfs":
				inXfs = true
			case "xf":
				if inXfs {
					id := fmtIDOf(t)
					code, ok := custom[id]
					isDate = append(isDate, ok && isDateFormat(code) || !ok && builtinDateFormat(id))
				}
			}
		case xml.EndElement:
			if t.Name.Local == "cellXfs" {
				// The cell formats are all we need.
				return false, nil
			}
		}
		return true, nil
	})
	return isDate, err
}

// builtinDateFormat reports whether a built-in number format (one with no
// numFmt element) shows a date: 14-17 and 22 everywhere, 27-36 and 50-58 in
// East Asian locales. Time-only formats (18-21, 45-47) are not dates.
func builtinDateFormat(id int) bool {
	return id >= 14 && id <= 17 || id == 22 || id >= 27 && id <= 36 || id >= 50 && id <= 58
}

// isDateFormat reports whether a custom number format code shows a date:
// it has a day, month or year token outside quoted text, escapes and
// [brackets] (colours, locales, conditions). "m" alone is a month; next to
// hours or seconds it is minutes, and a time-only format is not a date.
func isDateFormat(code string) bool {
	// Only the first section (positive numbers) decides.
	var day, month, year, hourSec bool
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case ';':
			i = len(code)
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				i = len(code)
			}
		case '\\', '_', '*':
			i++ // the next character is literal or padding
		case '[':
			if j := strings.IndexByte(code[i:], ']'); j >= 0 {
				i += j
			} else {
				i = len(code)
			}
		case 'd', 'D':
			day = true
		case 'y', 'Y':
			year = true
		case 'm', 'M':
			month = true
		case 'h', 'H', 's', 'S':
			hourSec = true
		}
	}
	return day || year || month && !hourSec
}
