package changes

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strings"

	bncsv "github.com/bordernet/bordernet/pipeline/export/csv"
	"github.com/bordernet/bordernet/pipeline/export/ntriples"
	"github.com/bordernet/bordernet/schema"
)

// The data files of a release that a Snapshot reads.
const (
	CSVFile    = schema.CSVFile
	GraphFile  = schema.NTriplesFile
	SourceDir  = "source"         // where a release's locators point: BASE/source/FILE
	maxNTLine  = ntriples.MaxLine // the bound of every reader of a release's lines
	identifier = "<" + schema.NSDCT + "identifier>"
	derived    = "<" + schema.NSPROV + "wasDerivedFrom>"
)

// A Snapshot is one side of a comparison: the records of a release or of
// a set of sources, in schema.CompareIDs order.
type Snapshot struct {
	// Name is what reports call it: the release's version, or the
	// source path.
	Name string
	// Dir is the release folder, "" for sources.
	Dir string
	// records yields the records in id order; a record is only valid
	// until the next one.
	records func() iter.Seq2[*schema.Record, error]
}

// Records yields the snapshot's records in schema.CompareIDs order, then
// stops at the first error, which it yields with a nil record. A yielded
// record is only valid until the next iteration.
func (s *Snapshot) Records() iter.Seq2[*schema.Record, error] { return s.records() }

// FromRecords makes a Snapshot of records that are sorted by
// schema.CompareIDs, as source.Load returns them: in memory or in a store
// on disk, whose read error ends the records.
func FromRecords(name string, records schema.RecordSet) *Snapshot {
	if records == nil {
		records = schema.RecordSlice(nil)
	}
	return &Snapshot{Name: name, records: func() iter.Seq2[*schema.Record, error] {
		return func(yield func(*schema.Record, error) bool) {
			for _, r := range records.All() {
				if !yield(r, nil) {
					return
				}
			}
			if err := records.Err(); err != nil {
				yield(nil, fmt.Errorf("reading the records of %s: %w", name, err))
			}
		}
	}}
}

// IsRelease reports whether dir is a release folder: a folder (or a link
// to one, such as OUT/latest) holding bordernet.csv and bordernet.nt.
func IsRelease(dir string) bool {
	for _, name := range []string{CSVFile, GraphFile} {
		if info, err := os.Stat(filepath.Join(dir, name)); err != nil || !info.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// OpenRelease makes a Snapshot of the release in dir. Its name is the
// release's version: the name of the folder, links resolved (OUT/latest
// is named after the release it points at).
func OpenRelease(dir string) (*Snapshot, error) {
	if !IsRelease(dir) {
		return nil, fmt.Errorf("%s is not a release folder (no %s and %s)", dir, CSVFile, GraphFile)
	}
	name := filepath.Base(dir)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		name = filepath.Base(real)
	}
	return &Snapshot{Name: name, Dir: dir, records: func() iter.Seq2[*schema.Record, error] {
		return func(yield func(*schema.Record, error) bool) {
			if err := readRelease(dir, yield); err != nil {
				yield(nil, err)
			}
		}
	}}, nil
}

// readRelease reads dir's CSV and N-Triples side by side and yields one
// record per CSV row, with the positions the graph gives it.
func readRelease(dir string, yield func(*schema.Record, error) bool) error {
	csvPath := filepath.Join(dir, CSVFile)
	cf, err := os.Open(csvPath)
	if err != nil {
		return err
	}
	defer cf.Close()
	nf, err := os.Open(filepath.Join(dir, GraphFile))
	if err != nil {
		return err
	}
	defer nf.Close()

	cr := csv.NewReader(bufio.NewReaderSize(cf, 256<<10))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%s: reading the header: %w", csvPath, err)
	}
	cols := make([]schema.Field, len(header))
	known := map[schema.Field]bool{}
	for _, f := range schema.Fields() {
		known[f] = true
	}
	for i, h := range header {
		if known[schema.Field(h)] {
			cols[i] = schema.Field(h) // a column of a later version is left out
		}
	}
	if len(cols) == 0 || cols[0] != schema.FieldID {
		return fmt.Errorf("%s: the first column is not id: not a bordernet release", csvPath)
	}
	prov := newProvReader(nf, filepath.Join(dir, GraphFile), filepath.ToSlash(dir))
	var prev string
	// One record, refilled for every row: a yielded record is only valid
	// until the next (Snapshot.Records says so), and a million records'
	// garbage would grow the heap of a release that holds its own.
	r := &schema.Record{}
	for row := 2; ; row++ {
		cells, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", csvPath, err)
		}
		*r = schema.Record{Sources: r.Sources[:0]}
		for i, cell := range cells {
			if i >= len(cols) || cols[i] == "" {
				continue
			}
			if err := r.SetCell(cols[i], unescapeCell(cell)); err != nil {
				return fmt.Errorf("%s row %d: %s: %w", csvPath, row, cols[i], err)
			}
		}
		if r.ID == "" {
			return fmt.Errorf("%s row %d: no id", csvPath, row)
		}
		if prev != "" && schema.CompareIDs(prev, r.ID) >= 0 {
			return fmt.Errorf("%s row %d: %q comes after %q: the records are not in id order, as every release bordernet writes has them", csvPath, row, r.ID, prev)
		}
		prev = r.ID
		if err := prov.positions(r); err != nil {
			return err
		}
		if !yield(r, nil) {
			return nil
		}
	}
}

// unescapeCell undoes csv.SafeCell: the apostrophe before a value a
// spreadsheet would run as a formula.
func unescapeCell(cell string) string {
	if len(cell) > 1 && cell[0] == '\'' && bncsv.NeedsEscape(cell[1:]) {
		return cell[1:]
	}
	return cell
}

// provReader reads the positions of records from a sorted N-Triples graph
// as bordernet writes it, one record at a time, in id order.
type provReader struct {
	sc                 *bufio.Scanner
	file               string // for errors
	dir                string // the release folder, for positions
	line               int
	lastFile, lastPath string // the last source file named, and its path
	peeked             ntLine // a statement read ahead (hasPeek)
	hasPeek            bool
	pending            map[string]*recordProv // by record subject, "<…/id/ID>"
}

type recordProv struct {
	origin string      // locator IRI of the record
	fields []fieldProv // the provenance nodes' locators
}

// fieldProv is one provenance node: the field (its IRI's fragment is
// "prov-" + the field, as rdfs:label says too) and its locator.
type fieldProv struct{ field, at string }

func newProvReader(r io.Reader, file, dir string) *provReader {
	sc := bufio.NewScanner(bufio.NewReaderSize(r, 256<<10))
	sc.Buffer(make([]byte, 64<<10), maxNTLine)
	return &provReader{sc: sc, file: file, dir: dir, pending: map[string]*recordProv{}}
}

// next returns the next statement. Its bytes are the scanner's: valid
// until the next scan, which only next itself makes, so a peeked line
// stays valid until it is taken.
func (p *provReader) next() (ntLine, error) {
	if p.hasPeek {
		p.hasPeek = false
		return p.peeked, nil
	}
	for p.sc.Scan() {
		p.line++
		b := p.sc.Bytes()
		if len(b) == 0 || b[0] == '#' {
			continue
		}
		l, err := parseNTLine(b)
		if err != nil {
			return ntLine{}, fmt.Errorf("%s:%d: %w", p.file, p.line, err)
		}
		return l, nil
	}
	if err := p.sc.Err(); err != nil {
		return ntLine{}, fmt.Errorf("%s: %w", p.file, err)
	}
	return ntLine{}, io.EOF
}

func (p *provReader) entry(subject []byte) *recordProv {
	e := p.pending[string(subject)] // no copy for the lookup
	if e == nil {
		e = &recordProv{}
		p.pending[string(subject)] = e
	}
	return e
}

// positions reads the graph up to the end of r's own triples and sets
// r's origin and field sources from them. Only the statements that say
// where something was read are kept, as strings; the rest are looked at
// in the scanner's buffer and let go.
func (p *provReader) positions(r *schema.Record) error {
	want := `"` + r.ID + `"`
	found := ""
	for {
		l, err := p.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if found != "" && string(l.s) != found {
			p.peeked, p.hasPeek = l, true
			break
		}
		if hash := bytes.Index(l.s, []byte("#prov-")); hash >= 0 {
			if string(l.p) == derived {
				field := l.s[hash+len("#prov-") : len(l.s)-1]
				e := p.entry(append(l.s[:hash:hash], '>'))
				e.fields = append(e.fields, fieldProv{field: string(field), at: string(l.o)})
			}
			continue
		}
		switch {
		case string(l.p) == derived:
			p.entry(l.s).origin = string(l.o)
		case string(l.p) == identifier && string(l.o) == want:
			found = string(l.s)
		}
	}
	if found == "" {
		return fmt.Errorf("%s: record %q of %s has no dct:identifier triple: the release's files do not agree", p.file, r.ID, CSVFile)
	}
	e := p.pending[found]
	delete(p.pending, found)
	if e == nil {
		return nil
	}
	r.Origin = p.position(e.origin)
	// Room for every node and description_lang at once: SetSource would
	// otherwise grow the slice one field at a time.
	if cap(r.Sources) < len(e.fields)+1 {
		r.Sources = make([]schema.FieldSource, 0, len(e.fields)+1)
	}
	for _, f := range e.fields {
		r.SetSource(schema.Field(f.field), p.position(f.at))
	}
	// description_lang has no node of its own: it comes from where the
	// description does.
	if pos, ok := r.Source(schema.FieldDescription); ok && r.DescriptionLang != "" {
		r.SetSource(schema.FieldDescriptionLang, pos)
	}
	return nil
}

// position turns a locator into a position in the release folder's copy
// of the sources: DIR/source/FILE.
func (p *provReader) position(iri string) schema.Position {
	pos, ok := ParseLocator(strings.TrimSuffix(strings.TrimPrefix(iri, "<"), ">"))
	if !ok {
		return schema.Position{}
	}
	// A release has a few source files and every record names them: the
	// path is made once per file, not once per position.
	if pos.File != p.lastFile {
		p.lastFile, p.lastPath = pos.File, p.dir+"/"+SourceDir+"/"+pos.File
	}
	pos.File = p.lastPath
	return pos
}
