package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/bordernet/bordernet/internal/regular"
	"github.com/bordernet/bordernet/schema"
	"github.com/richardlehane/mscfb"
)

// Options bounds what Read accepts from an untrusted file, so that reading
// a workbook stays within a fixed memory budget whatever its XML holds. A
// zero field takes its value from DefaultOptions.
type Options struct {
	MaxFileSize  int64 // bytes of the .xlsx file itself
	MaxUnzipSize int64 // unzipped bytes of all the parts read, together
	MaxRows      int   // rows of the records sheet, by row number and by count
	// MaxSharedStrings and MaxSharedStringBytes bound the shared string
	// table, which is held in memory while the sheet is read: its number
	// of strings and their bytes together.
	MaxSharedStrings     int
	MaxSharedStringBytes int64
	// MaxCells bounds the cells of a sheet (every <c> element, empty ones
	// too); one row holds at most a sheet's 16,384 columns of cells.
	MaxCells int
}

// DefaultOptions are limits that let a curator workbook of a million rows
// through and stop a zip bomb, a shared-strings bomb or a cells bomb long
// before it fills memory or disk: Excel's own sheet size (1,048,576 rows,
// 16,384 cells a row), 2 M shared strings of 256 MiB together (a
// million-row workbook of curated text needs about a million), and 32 M
// cells (a million rows of 32 columns).
func DefaultOptions() Options {
	return Options{
		MaxFileSize:          100 << 20,
		MaxUnzipSize:         1 << 30,
		MaxRows:              maxSheetRows,
		MaxSharedStrings:     1 << 21,
		MaxSharedStringBytes: 256 << 20,
		MaxCells:             1 << 25,
	}
}

func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = d.MaxFileSize
	}
	if o.MaxUnzipSize <= 0 {
		o.MaxUnzipSize = d.MaxUnzipSize
	}
	if o.MaxRows <= 0 {
		o.MaxRows = d.MaxRows
	}
	if o.MaxSharedStrings <= 0 {
		o.MaxSharedStrings = d.MaxSharedStrings
	}
	if o.MaxSharedStringBytes <= 0 {
		o.MaxSharedStringBytes = d.MaxSharedStringBytes
	}
	if o.MaxCells <= 0 {
		o.MaxCells = d.MaxCells
	}
	return o
}

// The kinds of file Read refuses. Read's errors wrap one of these (or an
// os error) and name the file.
var (
	ErrNotWorkbook = errors.New("not an XLSX workbook")
	ErrOldExcel    = errors.New("old Excel 97-2003 .xls format; open it in a spreadsheet and save it as .xlsx (Excel Workbook)")
	ErrEncrypted   = errors.New("password-protected workbook; save a copy without a password (File, Save As, no password) and read that")
	ErrTooLarge    = errors.New("workbook too large")
	ErrDamaged     = errors.New("damaged or truncated XLSX file")
)

// Read reads the records sheet of the curator workbook at path into one
// Patch per non-empty row, in sheet order. Problems with the content
// (an unknown column, a bad date, a row without an id) come back as
// Problems positioned at their cell; a cell with an error problem is left
// out of its Patch. The error is for a file that cannot be read as a
// workbook at all (missing, too large, not an XLSX, an old .xls, encrypted,
// damaged); it names the file, and no patches come with it.
func Read(path string, opt Options) ([]schema.Patch, schema.Problems, error) {
	opt = opt.withDefaults()
	name := filepath.ToSlash(path)
	// A FIFO, a device or a socket is refused before reading: a FIFO
	// would wait for a writer.
	f, err := regular.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.Is(err, regular.ErrNotRegular) && errors.As(err, &pe) {
			return nil, nil, fmt.Errorf("%s: %w: %w", name, ErrNotWorkbook, pe.Err)
		}
		return nil, nil, fmt.Errorf("reading workbook: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("reading workbook: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("%s: %w: not a regular file", name, ErrNotWorkbook)
	}
	patches, ps, err := readFrom(f, st.Size(), name, opt)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return patches, ps, nil
}

// The first bytes of a zip package (every XLSX) and of an OLE2 compound
// file (an old .xls, or an encrypted XLSX).
const (
	zipMagic = "PK\x03\x04"
	oleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
)

// readFrom reads a workbook of size bytes from ra; name is the file name
// positions carry. Its errors do not name the file: Read adds it.
func readFrom(ra io.ReaderAt, size int64, name string, opt Options) ([]schema.Patch, schema.Problems, error) {
	opt = opt.withDefaults()
	if size > opt.MaxFileSize {
		return nil, nil, fmt.Errorf("%w: %d bytes, more than the %d allowed", ErrTooLarge, size, opt.MaxFileSize)
	}
	var head [8]byte
	n, _ := ra.ReadAt(head[:], 0)
	switch {
	case n == 0:
		return nil, nil, fmt.Errorf("%w: the file is empty", ErrNotWorkbook)
	case strings.HasPrefix(string(head[:n]), oleMagic):
		return nil, nil, oleKind(ra)
	case !strings.HasPrefix(string(head[:n]), zipMagic):
		return nil, nil, fmt.Errorf("%w: %s; save it as .xlsx (Excel Workbook) from a spreadsheet", ErrNotWorkbook, sniff(ra, size))
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return nil, nil, fmt.Errorf("%w (%v); save it again from a spreadsheet", ErrDamaged, err)
	}
	p := newPkg(zr, opt.MaxUnzipSize)
	if p.has("mimetype") && !p.has("xl/workbook.xml") {
		return nil, nil, fmt.Errorf("%w: it looks like an OpenDocument file (.ods); save it as .xlsx (Excel Workbook)", ErrNotWorkbook)
	}
	b, err := p.readBook()
	if err != nil {
		return nil, nil, err
	}
	r := &reader{p: p, book: b, file: name, opt: opt}
	if r.sst, err = p.readSharedStrings(b.sharedStrings, opt); err != nil {
		return nil, nil, err
	}
	if r.dateStyle, err = p.readDateStyles(b.styles); err != nil {
		return nil, nil, err
	}
	return r.read()
}

// oleKind tells an encrypted XLSX (an OLE2 container holding the encrypted
// package) from an old binary .xls (an OLE2 container holding a Workbook
// stream): both start with the same magic number.
func oleKind(ra io.ReaderAt) (err error) {
	defer func() {
		// mscfb parses an untrusted container; a panic there must not
		// take the run down.
		if recover() != nil {
			err = fmt.Errorf("%w: an old .xls or a password-protected workbook; save it as .xlsx without a password", ErrNotWorkbook)
		}
	}()
	doc, err := mscfb.New(ra)
	if err != nil {
		return fmt.Errorf("%w: an OLE2 file that cannot be read (%v); save it as .xlsx without a password", ErrNotWorkbook, err)
	}
	for e, err := doc.Next(); err == nil; e, err = doc.Next() {
		switch e.Name {
		case "EncryptedPackage", "EncryptionInfo":
			return ErrEncrypted
		}
	}
	return ErrOldExcel
}

// sniff says what a file that is not a zip looks like, for the message.
func sniff(ra io.ReaderAt, size int64) string {
	buf := make([]byte, min(size, 512))
	n, _ := ra.ReadAt(buf, 0)
	buf = buf[:n]
	switch {
	case bytes.HasPrefix(buf, []byte("%PDF")):
		return "it is a PDF file"
	case bytes.HasPrefix(bytes.TrimSpace(buf), []byte("<")):
		return "it looks like an HTML or XML file"
	case isText(buf):
		return "it is a text file (CSV or plain text renamed .xlsx?)"
	}
	return "it is neither a zip package nor text"
}

func isText(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// reader holds what one Read needs across the sheets it looks at.
type reader struct {
	p         *pkg
	book      *book
	file      string
	opt       Options
	sst       *sharedStrings
	dateStyle []bool
	ps        schema.Problems
}

func (r *reader) pos(sheet string, row, col int) schema.Position {
	return schema.Position{File: r.file, Sheet: sheet, Line: row, Col: col}
}

// header is a records sheet's header row, read.
type header struct {
	row     int
	fields  []schema.Field // by column; "" where no known header is
	idCol   int            // 0 if there is no id column
	ignored map[int]bool   // columns whose header was reported: unknown or a second copy
}

// field returns the field of a column, or "".
func (h *header) field(col int) schema.Field {
	if col < len(h.fields) {
		return h.fields[col]
	}
	return ""
}

// read picks the records sheet and reads it.
func (r *reader) read() ([]schema.Patch, schema.Problems, error) {
	sheet, h, err := r.pickSheet()
	if err != nil {
		return nil, nil, err
	}
	if h == nil {
		r.ps.Sort()
		return nil, r.ps, nil
	}
	patches, err := r.readRecords(sheet, h)
	if err != nil {
		return nil, nil, err
	}
	r.ps.Sort()
	return patches, r.ps, nil
}

// pickSheet chooses the records sheet and reads its header row, reporting
// header problems. A nil header means nothing can be read; the reason is
// among the problems.
func (r *reader) pickSheet() (sheetEntry, *header, error) {
	sheets := r.book.sheets
	if len(sheets) == 0 {
		r.ps.Errorf(schema.Position{File: r.file}, "", "", "the workbook has no worksheet")
		return sheetEntry{}, nil, nil
	}
	for _, s := range sheets {
		if strings.EqualFold(strings.TrimSpace(s.name), "Records") {
			h, err := r.readHeader(s, true)
			return s, h, err
		}
	}
	var (
		chosen  *sheetEntry
		ignored []string
	)
	for i, s := range sheets {
		if s.hidden {
			continue
		}
		// Only the chosen sheet's header problems are reported, so the
		// candidates are read quietly.
		cand, err := r.quietHeader(s)
		if err != nil {
			return sheetEntry{}, nil, err
		}
		if cand == nil || cand.idCol == 0 {
			continue
		}
		if chosen == nil {
			chosen = &sheets[i]
			continue
		}
		ignored = append(ignored, strconv.Quote(s.name))
	}
	if chosen == nil {
		first := sheets[0]
		for _, s := range sheets {
			if !s.hidden {
				first = s
				break
			}
		}
		r.ps.Errorf(r.pos(first.name, 1, 0), "", schema.FieldID,
			"no sheet has an id column: name the records sheet Records and give it a header row with an id column (the template has one)")
		return sheetEntry{}, nil, nil
	}
	h, err := r.readHeader(*chosen, true)
	if err != nil || h == nil {
		return sheetEntry{}, nil, err
	}
	if len(ignored) > 0 {
		r.ps.Warnf(r.pos(chosen.name, h.row, 0), "", "",
			"read sheet %q, the first with an id column; sheet %s also has one and is ignored: name the records sheet Records to choose",
			chosen.name, strings.Join(ignored, ", "))
	}
	return *chosen, h, nil
}

// quietHeader reads a sheet's header row without reporting problems.
func (r *reader) quietHeader(s sheetEntry) (*header, error) {
	saved := len(r.ps)
	h, err := r.readHeader(s, false)
	r.ps = r.ps[:saved]
	return h, err
}

// readHeader reads the first non-empty row of a sheet as its header. It
// returns nil for an empty sheet. With need set, a missing id column is an
// error problem.
func (r *reader) readHeader(s sheetEntry, need bool) (*header, error) {
	var h *header
	err := r.p.scanSheet(s, r.opt, func(row int, cells []rawCell) (bool, error) {
		// Made for the first text only: rows of empty cells, up to a
		// sheet's width each, cost nothing.
		var texts map[int]string
		for _, c := range cells {
			if v, _ := r.cellText(c); v != "" {
				if texts == nil {
					texts = map[int]string{}
				}
				texts[c.col] = v
			}
		}
		if len(texts) == 0 {
			return true, nil
		}
		h = r.parseHeader(s.name, row, texts)
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	switch {
	case h == nil && need:
		r.ps.Errorf(r.pos(s.name, 1, 0), "", schema.FieldID, "sheet %q is empty: it needs a header row with an id column (the template has one)", s.name)
	case h != nil && h.idCol == 0 && need:
		r.ps.Errorf(r.pos(s.name, h.row, 0), "", schema.FieldID, "the header row has no id column: every record row needs its id (the template's first column)")
	}
	if h != nil && h.idCol == 0 && need {
		return nil, nil
	}
	return h, nil
}

// parseHeader matches header texts to fields.
func (r *reader) parseHeader(sheet string, row int, texts map[int]string) *header {
	cols := make([]int, 0, len(texts))
	for c := range texts {
		cols = append(cols, c)
	}
	slices.Sort(cols)
	h := &header{row: row, fields: make([]schema.Field, cols[len(cols)-1]+1), ignored: map[int]bool{}}
	seen := map[schema.Field]int{}
	for _, col := range cols {
		text := texts[col]
		f, ok := HeaderField(text)
		if !ok {
			r.ps.Warnf(r.pos(sheet, row, col), "", "", "unknown column %q is ignored; the columns are the field names: %s", text, fieldList())
			h.ignored[col] = true
			continue
		}
		if first, dup := seen[f]; dup {
			r.ps.Errorf(r.pos(sheet, row, col), "", f, "column %q is a second %s column (the first is %s): keep one and delete or rename the other", text, f, r.pos(sheet, row, first).Cell())
			h.ignored[col] = true
			continue
		}
		seen[f] = col
		h.fields[col] = f
		if f == schema.FieldID {
			h.idCol = col
		}
	}
	return h
}

func fieldList() string {
	var names []string
	for _, f := range schema.Fields() {
		names = append(names, string(f))
	}
	return strings.Join(names, ", ")
}

// readRecords reads the rows below the header.
func (r *reader) readRecords(s sheetEntry, h *header) ([]schema.Patch, error) {
	var (
		patches   []schema.Patch
		rowOf     = map[string]int{} // id → first row
		headless  = map[int]bool{}   // columns without a header already reported
		texts     []cellValue
		headerRow = h.row
	)
	err := r.p.scanSheet(s, r.opt, func(row int, cells []rawCell) (bool, error) {
		if row <= headerRow {
			return true, nil
		}
		texts = texts[:0]
		for _, c := range cells {
			v, problem := r.cellText(c)
			if v == "" && problem == "" {
				continue
			}
			texts = append(texts, cellValue{col: c.col, text: v, problem: problem})
		}
		if p, ok := r.readRow(s.name, row, h, texts, headless); ok {
			if first, dup := rowOf[p.ID]; dup {
				r.ps.Errorf(p.Origin, p.ID, schema.FieldID, "id %q is on rows %d and %d: give each record one row (this row is ignored)", p.ID, first, row)
				return true, nil
			}
			rowOf[p.ID] = row
			patches = append(patches, p)
		}
		return true, nil
	})
	return patches, err
}

// cellValue is a cell's text once interpreted, or why it could not be.
type cellValue struct {
	col     int
	text    string
	problem string
}

// readRow turns one data row into a Patch, reporting the row's problems.
// ok is false when the row gives no patch (empty, or no usable id).
func (r *reader) readRow(sheet string, row int, h *header, cells []cellValue, headless map[int]bool) (p schema.Patch, ok bool) {
	var idCell *cellValue
	known := false
	for i := range cells {
		c := &cells[i]
		f := h.field(c.col)
		mapped := f != ""
		switch {
		case mapped && f == schema.FieldID:
			idCell = c
		case mapped && f != schema.FieldID:
			known = true
		case !mapped && !h.ignored[c.col] && !headless[c.col]:
			headless[c.col] = true
			r.ps.Warnf(r.pos(sheet, row, c.col), "", "", "column %s has values but no header; its values are ignored", schema.ColumnName(c.col))
		}
	}
	idPos := r.pos(sheet, row, h.idCol)
	switch {
	case idCell == nil && !known:
		return p, false // an empty row, or notes in ignored columns
	case idCell == nil:
		r.ps.Errorf(idPos, "", schema.FieldID, "row has values but no id: give the record's id, or delete the row")
		return p, false
	case idCell.problem != "":
		r.ps.Errorf(idPos, "", schema.FieldID, "%s", idCell.problem)
		return p, false
	case idCell.text == schema.ClearMarker:
		r.ps.Errorf(idPos, "", schema.FieldID, "an id cannot be cleared: ids are never removed; set status to inactive instead")
		return p, false
	}
	p = schema.Patch{ID: idCell.text, Origin: idPos, Cells: make([]schema.PatchCell, 0, len(cells)-1)}
	for _, c := range cells {
		f := h.field(c.col)
		if f == "" || f == schema.FieldID {
			continue
		}
		pos := r.pos(sheet, row, c.col)
		if c.problem != "" {
			r.ps.Errorf(pos, p.ID, f, "%s", c.problem)
			continue
		}
		if c.text == schema.ClearMarker {
			p.Cells = append(p.Cells, schema.PatchCell{Field: f, Clear: true, Pos: pos})
			continue
		}
		if msg := checkValue(f, c.text); msg != "" {
			r.ps.Errorf(pos, p.ID, f, "%s", msg)
			continue
		}
		p.Cells = append(p.Cells, schema.PatchCell{Field: f, Value: c.text, Pos: pos})
	}
	return p, true
}

// checkValue catches the values that cannot even be stored in a record's
// field, so they are reported at the cell and not applied. Everything else
// (URLs, vocabularies, references) is schema.Validate's to judge.
func checkValue(f schema.Field, v string) string {
	switch f {
	case schema.FieldFounded, schema.FieldDissolved:
		if !schema.IsPartialDate(v) {
			return fmt.Sprintf("%q is not a date: write dates as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2004-10-26", v)
		}
	case schema.FieldMembers:
		// As Record.SetCell takes it: a whole number, "12.0" allowed.
		if n, err := strconv.Atoi(strings.TrimSuffix(v, ".0")); err != nil || n < 0 {
			return fmt.Sprintf("%q is not a number of members: write a whole number, e.g. 500", v)
		}
	}
	return ""
}
