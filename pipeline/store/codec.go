package store

import (
	"encoding/binary"
	"fmt"

	"github.com/bordernet/bordernet/schema"
)

// An encoded record is its text, then the structure that cuts the text
// into fields:
//
//	uvarint length of the text, the text (every string, back to back)
//	uvarint flags (bit 0: Members is set)
//	Kind, Scope, Status: 0 empty, i+1 the i-th known value, else
//	    len(known)+1 then the uvarint length of the value
//	the uvarint lengths of ID … EUCorporateBody, in Record's order
//	Section: its name number
//	AltNames, MemberOf, PartnerOf, SourceURLs: 0 for nil, else 1+count;
//	    then the uvarint length of each item, list by list
//	Members (if flagged): varint
//	Origin: position
//	Sources: 0 for nil, else 1+count; per source the field (i+1 the i-th
//	    of schema.Fields, 0 then a length for another name) and position
//
// A position is uvarint file number·2 + (1 if a sheet), the sheet's number
// if there is one, the varint line minus the origin's line (the origin's
// own line as it is: the lines of a record's values are near its title),
// the varint column. Every length cuts the next string off the text, in
// the order above; a record whose lengths do not use up its text and its
// bytes exactly is corrupt.

// vocab is the known values an encoding numbers. Encoder and decoder take
// it from schema in the same binary, so their numbers agree.
type vocab struct {
	fields   []schema.Field
	kinds    []schema.Kind
	scopes   []schema.Scope
	statuses []schema.Status
}

func newVocab() vocab {
	return vocab{fields: schema.Fields(), kinds: schema.Kinds(), scopes: schema.Scopes(), statuses: schema.Statuses()}
}

// Encoder encodes records for one Writer, into a buffer it reuses. One
// Encoder is for one goroutine; make one per goroutine with NewEncoder.
type Encoder struct {
	names  *nameTable
	seen   map[string]uint64 // names already numbered, without the lock
	last   string            // the name numbered last, and its number:
	lastID uint64            // a record's positions are mostly in one file
	fields map[schema.Field]uint64
	vocab  vocab
	text   []byte
	meta   []byte
	buf    []byte
}

func newEncoder(names *nameTable) *Encoder {
	e := &Encoder{names: names, seen: map[string]uint64{}, vocab: newVocab(), fields: map[schema.Field]uint64{}}
	for i, f := range e.vocab.fields {
		e.fields[f] = uint64(i + 1)
	}
	return e
}

// Encode returns r's encoding, valid until the next call of Encode.
func (e *Encoder) Encode(r *schema.Record) []byte {
	e.buf = e.Append(e.buf[:0], r)
	return e.buf
}

// Append appends r's encoding to dst and returns the result, for callers
// that keep several encodings.
func (e *Encoder) Append(dst []byte, r *schema.Record) []byte {
	e.text, e.meta = e.text[:0], e.meta[:0]
	var flags uint64
	if r.Members != nil {
		flags |= 1
	}
	e.uvarint(flags)
	enum(e, r.Kind, e.vocab.kinds)
	enum(e, r.Scope, e.vocab.scopes)
	enum(e, r.Status, e.vocab.statuses)
	for _, s := range [...]string{r.ID, r.Name, r.Acronym, r.Description, r.DescriptionLang, r.Website,
		r.Founded, r.Dissolved, r.Successor, r.Parent, r.Seat, r.LegalBasis, r.Wikidata, r.EUCorporateBody} {
		e.str(s)
	}
	e.uvarint(e.name(r.Section))
	lists := [...][]string{r.AltNames, r.MemberOf, r.PartnerOf, r.SourceURLs}
	for _, l := range lists {
		e.count(l == nil, len(l))
	}
	for _, l := range lists {
		for _, s := range l {
			e.str(s)
		}
	}
	if r.Members != nil {
		e.varint(int64(*r.Members))
	}
	e.pos(r.Origin, 0)
	e.count(r.Sources == nil, len(r.Sources))
	for _, s := range r.Sources {
		if code, ok := e.fields[s.Field]; ok {
			e.uvarint(code)
		} else {
			e.uvarint(0)
			e.str(string(s.Field))
		}
		e.pos(s.Pos, r.Origin.Line)
	}
	dst = binary.AppendUvarint(dst, uint64(len(e.text)))
	dst = append(dst, e.text...)
	return append(dst, e.meta...)
}

func (e *Encoder) uvarint(v uint64) { e.meta = binary.AppendUvarint(e.meta, v) }
func (e *Encoder) varint(v int64)   { e.meta = binary.AppendVarint(e.meta, v) }

// str writes s's length to the structure and s to the text.
func (e *Encoder) str(s string) {
	e.uvarint(uint64(len(s)))
	e.text = append(e.text, s...)
}

// count writes a list's or the sources' length, telling nil from empty.
func (e *Encoder) count(isNil bool, n int) {
	if isNil {
		e.uvarint(0)
		return
	}
	e.uvarint(uint64(n) + 1)
}

func (e *Encoder) pos(p schema.Position, baseLine int) {
	head := e.name(p.File) << 1
	if p.Sheet != "" {
		head |= 1
	}
	e.uvarint(head)
	if p.Sheet != "" {
		e.uvarint(e.name(p.Sheet))
	}
	// Wrapping arithmetic: the decoder adds the base back, so any line,
	// however far from the base, comes back as it was.
	e.varint(int64(p.Line - baseLine))
	e.varint(int64(p.Col))
}

// name returns the number of name in the writer's table, 0 for "".
func (e *Encoder) name(s string) uint64 {
	switch {
	case s == "":
		return 0
	case s == e.last:
		return e.lastID
	}
	id, ok := e.seen[s]
	if !ok {
		id = e.names.id(s)
		e.seen[s] = id
	}
	e.last, e.lastID = s, id
	return id
}

// enum writes a controlled value by its number among the known values, or
// as text when it is not one of them (values are stored as given).
func enum[T ~string](e *Encoder, v T, known []T) {
	if v == "" {
		e.uvarint(0)
		return
	}
	for i, k := range known {
		if v == k {
			e.uvarint(uint64(i + 1))
			return
		}
	}
	e.uvarint(uint64(len(known) + 1))
	e.str(string(v))
}

// decoder reads one encoded record. The first error sticks: every later
// read returns a zero value, and decode reports the error once.
type decoder struct {
	b     []byte
	i     int
	text  string
	t     int
	names []string
	files []string // names as positions' files are renamed (Set.RenameFiles); nil: as they are
	err   error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: "+format, append([]any{ErrCorrupt}, args...)...)
	}
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.i:])
	if n <= 0 {
		d.fail("bad number at byte %d", d.i)
		return 0
	}
	d.i += n
	return v
}

// varint reads a number written by binary.AppendVarint: zigzag, as a
// uvarint.
func (d *decoder) varint() int64 {
	u := d.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

// str cuts the next string off the text.
func (d *decoder) str() string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.text)-d.t) {
		d.fail("a string of %d bytes runs past the text", n)
		return ""
	}
	s := d.text[d.t : d.t+int(n)]
	d.t += int(n)
	return s
}

// name reads a name's number and returns the name, "" for 0.
func (d *decoder) name() string { return d.nameByID(d.uvarint()) }

// count reads a length written by Encoder.count: -1 for nil. A count is
// at most the bytes left, as each item takes at least one, so a corrupt
// count cannot make decode allocate more than the record's size.
func (d *decoder) count() int {
	c := d.uvarint()
	if d.err != nil || c == 0 {
		return -1
	}
	if c-1 > uint64(len(d.b)-d.i) {
		d.fail("a count of %d exceeds the record", c-1)
		return -1
	}
	return int(c - 1)
}

func (d *decoder) pos(baseLine int) schema.Position {
	head := d.uvarint()
	p := schema.Position{File: d.fileByID(head >> 1)}
	if head&1 != 0 {
		p.Sheet = d.name()
	}
	p.Line = baseLine + int(d.varint())
	p.Col = int(d.varint())
	return p
}

// fileByID is nameByID for the file of a position, renamed if the set's
// files are.
func (d *decoder) fileByID(id uint64) string {
	name := d.nameByID(id)
	if d.files != nil && d.err == nil && id != 0 {
		return d.files[id-1]
	}
	return name
}

func (d *decoder) nameByID(id uint64) string {
	switch {
	case d.err != nil || id == 0:
		return ""
	case id > uint64(len(d.names)):
		d.fail("name %d not in the table of %d", id, len(d.names))
		return ""
	}
	return d.names[id-1]
}

func decEnum[T ~string](d *decoder, known []T) T {
	c := d.uvarint()
	switch {
	case d.err != nil || c == 0:
		return ""
	case c <= uint64(len(known)):
		return known[c-1]
	case c == uint64(len(known))+1:
		return T(d.str())
	}
	d.fail("value %d of %d known", c, len(known))
	return ""
}

// decode decodes b, an encoding made by an Encoder whose writer's name
// table is names, into r (all of it: nothing of r's earlier value is
// kept; on an error r is zero). r's strings share one allocation, its
// lists another.
func (v *vocab) decode(b []byte, names, files []string, r *schema.Record) error {
	*r = schema.Record{}
	d := decoder{b: b, names: names, files: files}
	if err := v.decodeInto(&d, r); err != nil {
		*r = schema.Record{}
		return err
	}
	return nil
}

func (v *vocab) decodeInto(d *decoder, r *schema.Record) error {
	b := d.b
	n := d.uvarint()
	if d.err == nil && n > uint64(len(b)-d.i) {
		d.fail("a text of %d bytes runs past the record", n)
	}
	if d.err != nil {
		return d.err
	}
	d.text = string(b[d.i : d.i+int(n)])
	d.i += int(n)

	flags := d.uvarint()
	if flags > 1 {
		d.fail("unknown flags %#x", flags)
	}
	r.Kind = decEnum(d, v.kinds)
	r.Scope = decEnum(d, v.scopes)
	r.Status = decEnum(d, v.statuses)
	for _, p := range [...]*string{&r.ID, &r.Name, &r.Acronym, &r.Description, &r.DescriptionLang, &r.Website,
		&r.Founded, &r.Dissolved, &r.Successor, &r.Parent, &r.Seat, &r.LegalBasis, &r.Wikidata, &r.EUCorporateBody} {
		*p = d.str()
	}
	r.Section = d.name()
	lists := [...]*[]string{&r.AltNames, &r.MemberOf, &r.PartnerOf, &r.SourceURLs}
	var counts [len(lists)]int
	total := 0
	for i := range lists {
		counts[i] = d.count()
		total += max(counts[i], 0)
	}
	if d.err == nil && total > len(b)-d.i {
		d.fail("%d list items exceed the record", total)
	}
	if d.err != nil {
		return d.err
	}
	var items []string
	if total > 0 {
		items = make([]string, total)
	}
	at := 0
	for i, l := range lists {
		switch c := counts[i]; {
		case c < 0:
			*l = nil
		case c == 0:
			*l = []string{}
		default:
			// The full slice expression caps each list, so that an
			// append by a reader does not overwrite the next list.
			*l = items[at : at+c : at+c]
			for j := range *l {
				(*l)[j] = d.str()
			}
			at += c
		}
	}
	if flags&1 != 0 {
		m := int(d.varint())
		r.Members = &m
	}
	r.Origin = d.pos(0)
	if c := d.count(); c >= 0 {
		r.Sources = make([]schema.FieldSource, c)
		for i := range r.Sources {
			s := &r.Sources[i]
			switch code := d.uvarint(); {
			case code == 0:
				s.Field = schema.Field(d.str())
			case code <= uint64(len(v.fields)):
				s.Field = v.fields[code-1]
			default:
				d.fail("field %d of %d known", code, len(v.fields))
			}
			s.Pos = d.pos(r.Origin.Line)
			if d.err != nil {
				break
			}
		}
	}
	switch {
	case d.err != nil:
	case d.i != len(b):
		d.fail("%d bytes left over", len(b)-d.i)
	case d.t != len(d.text):
		d.fail("%d bytes of text left over", len(d.text)-d.t)
	}
	return d.err
}
