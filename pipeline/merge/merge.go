// Package merge owns applying curator patches to the listing's records:
// joining on id, overriding and clearing field values, recording where each
// value came from, and finding where workbooks contradict each other.
//
// The rules, which docs/curation.md explains to curators:
//
//   - A cell changes a field only when its value differs from the
//     listing's. A cell that repeats the listing's value (as every cell of a
//     freshly written template does) changes nothing, and the listing stays
//     the value's source.
//   - A changed value replaces the listing's, and its cell becomes the
//     field's source. A cleared field loses its value and its source.
//   - A patch whose id is in no listing record creates a record; whether it
//     is complete (name, kind, scope) is schema.Validate's to say.
//   - kind, scope and name cannot be cleared: every record needs them.
//   - Two changes of the same field of the same record to different values
//     are an error naming both cells; the first (in patch order) is kept.
//     Two changes to the same value agree, and the first cell is the source.
//
// Merge leaves the listing as it is and returns copies; Apply, for a
// caller done with the listing, changes and reorders the records in place,
// which at a million records saves a gigabyte of copies. Both sort small
// keys rather than records, and use two cores where there is much to do.
package merge

import (
	"cmp"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/bordernet/bordernet/schema"
)

// Merge applies patches, in order, to copies of the listing's records and
// returns the records sorted with schema.CompareIDs. The listing is not
// modified. Problems are conflicts between patches and values no record
// field can hold; schema.Validate judges the rest.
func Merge(listing []schema.Record, patches []schema.Patch) ([]schema.Record, schema.Problems) {
	m := newMerger(len(listing), func(i int) string { return listing[i].ID }, patches)
	// Each record is copied once, straight to its place in the output,
	// read in listing order: reading a million large records in sorted
	// order, all over memory, costs more than writing them so. The copies'
	// sources share an array per half of the listing: a million small
	// slices would cost a million allocations, each for the garbage
	// collector to track. The halves are copied at once on two cores.
	for k, key := range m.keys {
		m.pos[key.src] = k
	}
	out := make([]schema.Record, m.total())
	for src := len(listing); src < len(out); src++ {
		out[m.pos[src]] = m.newRecord(src)
	}
	inParallel(len(listing), func(from, to int) {
		nsources := 0
		for i := from; i < to; i++ {
			nsources += len(listing[i].Sources)
		}
		sources := make([]schema.FieldSource, nsources)
		for i := from; i < to; i++ {
			r := &out[m.pos[i]]
			*r = listing[i]
			deepen(r)
			// A full slice expression: a source added later reallocates
			// rather than overwrite the next record's.
			n := copy(sources, r.Sources)
			r.Sources, sources = sources[:n:n], sources[n:]
		}
	})
	m.apply(out)
	return out, m.ps
}

// inParallel calls do on the two halves of [0, n) at once, when n is large
// and there are two cores, else on all of it.
func inParallel(n int, do func(from, to int)) {
	if n < parallelSort || runtime.GOMAXPROCS(0) < 2 {
		do(0, n)
		return
	}
	done := make(chan struct{})
	go func() {
		do(0, n/2)
		close(done)
	}()
	do(n/2, n)
	<-done
}

// Apply is Merge without the copies, for a caller that has no further use
// for the listing: the records are changed and reordered where they are,
// records only in a workbook are appended (the slice grows if it has no
// room), and the result shares records' array. It saves a copy of every
// record, which at a million records is about a gigabyte.
func Apply(records []schema.Record, patches []schema.Patch) ([]schema.Record, schema.Problems) {
	m := newMerger(len(records), func(i int) string { return records[i].ID }, patches)
	for src := len(records); src < m.total(); src++ {
		records = append(records, m.newRecord(src))
	}
	// Put each record in its place, following the permutation's cycles:
	// one move per record.
	keys := m.keys
	for k, key := range keys {
		if key.src == k {
			m.pos[k] = k // in its place already
		}
	}
	for start := range keys {
		if keys[start].src == start {
			continue // in its place, or put there by an earlier cycle
		}
		held := records[start]
		k := start
		for keys[k].src != start {
			src := keys[k].src
			records[k], m.pos[src] = records[src], k
			keys[k].src = k
			k = src
		}
		records[k], m.pos[start] = held, k
		keys[k].src = k
	}
	m.apply(records)
	return records, m.ps
}

// merger holds what merging works out before patches are applied: the
// record each patch is for, the records only in workbooks, the order.
type merger struct {
	n       int // listing records
	patches []schema.Patch
	target  []int     // per patch: its record (listing, then workbook-only); -1 for a row ignored
	added   []int     // the patch that created each workbook-only record
	keys    []sortKey // every record, in output order
	pos     []int     // record → place in the output
	ps      schema.Problems
}

// rowKey is a workbook row's file and id, to find an id given twice.
type rowKey struct{ file, id string }

func newMerger(n int, id func(int) string, patches []schema.Patch) *merger {
	m := &merger{n: n, patches: patches, target: make([]int, len(patches))}
	keys := make([]sortKey, n)
	plain := true
	for i := range keys {
		keys[i] = newSortKey(id(i), i)
		plain = plain && keys[i].plain()
	}
	for _, p := range patches {
		plain = plain && strings.IndexByte(p.ID, '>') < 0
	}
	// listed is, per patch, the listing record with its id (the first in
	// listing order when the id is repeated), or -1.
	listed := make([]int, len(patches))
	if plain {
		// The listing sorted, the patches sorted by id are looked up in
		// one walk along it, in memory order: no map of a million ids.
		keys = sortKeys(keys)
		byID := make([]sortKey, len(patches))
		for j, p := range patches {
			byID[j] = newSortKey(p.ID, j)
		}
		k := 0
		for _, q := range sortKeys(byID) {
			for k < len(keys) && keys[k].compareID(q) < 0 {
				k++
			}
			listed[q.src] = -1
			if k < len(keys) && keys[k].compareID(q) == 0 {
				listed[q.src] = keys[k].src
			}
		}
	} else {
		index := make(map[string]int, n)
		for i := n - 1; i >= 0; i-- {
			index[id(i)] = i
		}
		for j, p := range patches {
			listed[j] = -1
			if i, ok := index[p.ID]; ok {
				listed[j] = i
			}
		}
	}

	added := map[string]int{}                   // id → its workbook-only record
	rowOf := make(map[rowKey]int, len(patches)) // → the row of the id's first patch
	for j, p := range patches {
		key := rowKey{p.Origin.File, p.ID}
		if first, dup := rowOf[key]; dup {
			m.ps.Errorf(schema.CodeDuplicateRow, p.Origin, p.ID, schema.FieldID, "id %q is on rows %d and %d of the same workbook: give each record one row (this row is ignored)", p.ID, first, p.Origin.Line)
			m.target[j] = -1
			continue
		}
		rowOf[key] = p.Origin.Line
		if listed[j] >= 0 {
			m.target[j] = listed[j]
			continue
		}
		src, found := added[p.ID]
		if !found {
			src = n + len(m.added)
			added[p.ID] = src
			m.added = append(m.added, j)
		}
		m.target[j] = src
	}

	m.unknownIDs(n, id)

	more := make([]sortKey, len(m.added))
	for k, j := range m.added {
		more[k] = newSortKey(patches[j].ID, n+k)
	}
	if plain {
		m.keys = mergeKeys(keys, sortKeys(more), sortKey.compare)
	} else {
		// CompareIDs calls "a" and "a>b" equal, and "a>" less than
		// "a>b": no total order. Such ids are invalid; they are sorted
		// as they always were, by a stable sort on CompareIDs alone.
		m.keys = append(keys, more...)
		slices.SortStableFunc(m.keys, func(a, b sortKey) int { return schema.CompareIDs(a.id, b.id) })
	}
	m.pos = make([]int, m.total())
	return m
}

// unknownIDs reports the rows that would make a new record but do not
// give what a new record needs (name, kind and scope) and whose id is
// close to a listing record's: most likely a mistyped id ("fronetx"),
// which would otherwise be reported only as a record missing its kind.
func (m *merger) unknownIDs(n int, id func(int) string) {
	listed := func(yield func(string) bool) {
		for i := range n {
			if !yield(id(i)) {
				return
			}
		}
	}
	hints := 0
	for _, j := range m.added {
		p := &m.patches[j]
		// Each hint reads every listing id: only the first rows, the
		// ones a curator reads, get one.
		if newRecordCells(p) || hints == schema.HintBudget(n) {
			continue
		}
		hints++
		if hint := schema.DidYouMean(schema.Closest(p.ID, listed, 3)); hint != "" {
			m.ps.Errorf(schema.CodeUnknownID, p.Origin, p.ID, schema.FieldID,
				"%q is the id of no record, and the row is not a new record (it needs name, kind and scope): %s", p.ID, hint)
		}
	}
}

// newRecordCells reports whether a row gives every field a new record
// needs.
func newRecordCells(p *schema.Patch) bool {
	var name, kind, scope bool
	for _, c := range p.Cells {
		if c.Clear || c.Invalid {
			continue
		}
		switch c.Field {
		case schema.FieldName:
			name = true
		case schema.FieldKind:
			kind = true
		case schema.FieldScope:
			scope = true
		}
	}
	return name && kind && scope
}

// total is the number of records merging gives.
func (m *merger) total() int { return m.n + len(m.added) }

// newRecord is the record a workbook row without a listing record makes.
func (m *merger) newRecord(src int) schema.Record {
	p := m.patches[m.added[src-m.n]]
	rec := schema.Record{ID: p.ID, Origin: p.Origin}
	rec.Origin.Col = 0
	rec.SetSource(schema.FieldID, p.Origin)
	return rec
}

// sortKey is a record to sort: its id, its place before sorting, and the
// first bytes of the id as the release writes it (followed by ">"), which
// decide most comparisons without reading the string, wherever it is.
type sortKey struct {
	prefix [2]uint64
	id     string
	src    int
}

func newSortKey(id string, src int) sortKey {
	return sortKey{prefix: [2]uint64{idPrefix(id, 0), idPrefix(id, 8)}, id: id, src: src}
}

// idPrefix returns bytes from..from+7 of id + ">" as a big-endian number,
// zeros after the end.
func idPrefix(id string, from int) uint64 {
	var x uint64
	for i := from; i < from+8; i++ {
		x <<= 8
		switch {
		case i < len(id):
			x |= uint64(id[i])
		case i == len(id):
			x |= '>'
		}
	}
	return x
}

// plain reports whether the id has no ">". Ordered by CompareIDs, such ids
// are in the order of the ids followed by ">" (the order of their IRIs),
// a total order, which their prefixes respect where they differ.
func (a sortKey) plain() bool { return strings.IndexByte(a.id, '>') < 0 }

// compareID orders plain ids as CompareIDs does.
func (a sortKey) compareID(b sortKey) int {
	if c := a.comparePrefix(b); c != 0 {
		return c
	}
	return schema.CompareIDs(a.id, b.id)
}

// comparePrefix orders keys by their ids' first bytes.
func (a sortKey) comparePrefix(b sortKey) int {
	return cmp.Or(cmp.Compare(a.prefix[0], b.prefix[0]), cmp.Compare(a.prefix[1], b.prefix[1]))
}

// compare orders records with plain ids: by id, then by place before
// sorting, which makes a sort stable whatever its algorithm.
func (a sortKey) compare(b sortKey) int {
	return cmp.Or(a.compareID(b), cmp.Compare(a.src, b.src))
}

// parallelSort is the number of keys worth sorting in two halves on two
// cores.
const parallelSort = 1 << 15

// sortKeys sorts keys of plain ids with sortKey.compare; the result may be
// another slice. The keys are sorted by their prefixes alone first, without
// reading any id: many ids share their first bytes ("danube-region-..."),
// and those runs are then sorted by id, each small enough that its ids stay
// in the processor's caches. Reading every id at every comparison of one
// sort of them all cost most of merging.
func sortKeys(keys []sortKey) []sortKey {
	byPrefix := func(a, b sortKey) int { return cmp.Or(a.comparePrefix(b), cmp.Compare(a.src, b.src)) }
	if len(keys) < parallelSort || runtime.GOMAXPROCS(0) < 2 {
		slices.SortFunc(keys, byPrefix)
	} else {
		half := len(keys) / 2
		done := make(chan struct{})
		go func() {
			slices.SortFunc(keys[:half], byPrefix)
			close(done)
		}()
		slices.SortFunc(keys[half:], byPrefix)
		<-done
		keys = mergeKeys(keys[:half], keys[half:], byPrefix)
	}
	// The runs, in two halves split between runs, at once.
	mid := len(keys) / 2
	for mid > 0 && mid < len(keys) && keys[mid].prefix == keys[mid-1].prefix {
		mid++
	}
	inParallel(len(keys), func(from, to int) {
		// inParallel splits at the middle, or not at all.
		if from == 0 && to < len(keys) {
			to = mid
		} else if from > 0 {
			from = mid
		}
		for i := from; i < to; {
			j := i + 1
			for j < to && keys[j].prefix == keys[i].prefix {
				j++
			}
			if j-i > 1 {
				sortRun(keys[i:j])
			}
			i = j
		}
	})
	return keys
}

// sortRun sorts keys with equal prefixes by id. The ids of a long run are
// copied next to each other first: read once from wherever they are, they
// are compared many times where the processor's caches hold them.
func sortRun(run []sortKey) {
	if len(run) >= 32 {
		size := 0
		for _, k := range run {
			size += len(k.id)
		}
		var b strings.Builder
		b.Grow(size)
		for _, k := range run {
			b.WriteString(k.id)
		}
		ids := b.String()
		for i := range run {
			n := len(run[i].id)
			run[i].id, ids = ids[:n], ids[n:]
		}
	}
	slices.SortFunc(run, sortKey.compare)
}

// mergeKeys merges two lists of keys sorted by compare into a new one.
func mergeKeys(a, b []sortKey, compare func(a, b sortKey) int) []sortKey {
	if len(b) == 0 {
		return a
	}
	out := make([]sortKey, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if compare(a[0], b[0]) <= 0 {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// change is the first change patches made to one field of one record.
type change struct {
	field  schema.Field
	values []string // the field's values after the change; nil when cleared
	before []string // the listing's values, which later cells are compared with
	pos    schema.Position
}

// apply applies the patches to out, the records in their output places.
func (m *merger) apply(out []schema.Record) {
	at := m.byPlace()
	m.makeRoom(out)
	var scratch []change
	for k := range out {
		scratch = m.applyTo(k, &out[k], at, scratch[:0], &m.ps)
	}
	m.ps.Sort()
}

// placePatches lists the patches of each output place, in patch order:
// those of place k are patches[first[k]:first[k+1]].
type placePatches struct {
	first   []int32
	patches []int32
}

// byPlace groups the patches by the place of their record in the output,
// keeping their order: a record's cells are applied in the order the
// workbooks give them, whatever order the records are merged in.
func (m *merger) byPlace() placePatches {
	at := placePatches{first: make([]int32, m.total()+1)}
	for j := range m.patches {
		if src := m.target[j]; src >= 0 {
			at.first[m.pos[src]+1]++
		}
	}
	for k := 1; k < len(at.first); k++ {
		at.first[k] += at.first[k-1]
	}
	at.patches = make([]int32, at.first[len(at.first)-1])
	next := slices.Clone(at.first[:len(at.first)-1])
	for j := range m.patches {
		if src := m.target[j]; src >= 0 {
			k := m.pos[src]
			at.patches[next[k]] = int32(j)
			next[k]++
		}
	}
	return at
}

// applyTo applies the patches of place k to rec, the record there, and
// adds the problems to ps. changes is scratch space, returned for reuse.
func (m *merger) applyTo(k int, rec *schema.Record, at placePatches, changes []change, ps *schema.Problems) []change {
	from, to := at.first[k], at.first[k+1]
	if from == to {
		return changes
	}
	// The record is the listing's, whose values cells are compared with,
	// or one only in workbooks (every patch of a place has its record).
	listed := m.target[at.patches[from]] < m.n
	find := func(f schema.Field) *change {
		for c := range changes {
			if changes[c].field == f {
				return &changes[c]
			}
		}
		return nil
	}
	for _, j := range at.patches[from:to] {
		p := &m.patches[j]
		for _, c := range p.Cells {
			if c.Field == schema.FieldID || c.Field == "" || c.Invalid {
				continue // an invalid value is reported where it was read
			}
			if c.Clear && required(c.Field) {
				// Cleared, the field would be reported missing at the
				// listing's line; the cell is where the mistake is.
				ps.Errorf(schema.CodeClearedRequired, c.Pos, p.ID, c.Field, "cannot be cleared: every record needs one")
				continue
			}
			values, err := cellValues(c)
			if err != nil {
				ps.Errorf(valueCode(c.Field), c.Pos, p.ID, c.Field, "%v", err)
				continue
			}
			prev := find(c.Field)
			var before []string // the listing's values of the field
			if listed {
				if prev != nil {
					before = prev.before
				} else {
					before = rec.Values(c.Field) // unchanged so far
				}
				if slices.Equal(before, values) {
					continue // restates the listing: no change
				}
			}
			if prev != nil {
				if !slices.Equal(prev.values, values) {
					ps.Errorf(schema.CodeWorkbookConflict, c.Pos, p.ID, c.Field, "%s in %s and %s in %s: the workbooks disagree; correct one of them",
						describe(prev.values, false), prev.pos, describe(values, prev.values != nil), c.Pos)
				}
				continue
			}
			changes = append(changes, change{field: c.Field, values: values, before: before, pos: c.Pos})
			if c.Clear {
				// SetCell with "" cannot fail: it empties any field.
				_ = rec.SetCell(c.Field, "")
				rec.ClearSource(c.Field)
				continue
			}
			if err := rec.SetCell(c.Field, c.Value); err != nil {
				ps.Errorf(valueCode(c.Field), c.Pos, p.ID, c.Field, "%v", err)
				continue
			}
			rec.SetSource(c.Field, c.Pos)
		}
	}
	return changes
}

// makeRoom gives each record that cells may add sources to room for all
// of them, the records' slices taken from one block. A record's sources
// fill their slice (the listing's reader leaves no room), and SetSource
// would grow it a source at a time, each growth a copy with room to spare:
// at a million records, a tenth of them enriched, 100 MB live instead of
// the 65 MB the sources take.
func (m *merger) makeRoom(out []schema.Record) {
	adds := make([]int32, len(out)) // per place: sources the cells may add
	for j, p := range m.patches {
		src := m.target[j]
		if src < 0 {
			continue
		}
		k := m.pos[src]
		for _, c := range p.Cells {
			if c.Field != schema.FieldID && c.Field != "" && !c.Clear && !c.Invalid {
				adds[k]++
			}
		}
	}
	size := 0
	for k, n := range adds {
		if n > 0 && cap(out[k].Sources)-len(out[k].Sources) < int(n) {
			size += len(out[k].Sources) + int(n)
		} else {
			adds[k] = 0
		}
	}
	if size == 0 {
		return
	}
	block := make([]schema.FieldSource, size)
	for k, n := range adds {
		if n == 0 {
			continue
		}
		r := &out[k]
		have, want := len(r.Sources), len(r.Sources)+int(n)
		// A full slice expression: a record's room ends where the next
		// record's begins.
		room := block[:have:want]
		copy(room, r.Sources)
		r.Sources, block = room, block[want:]
	}
}

// valueCode is the problem code of a value its field cannot hold.
func valueCode(f schema.Field) string {
	if f == schema.FieldMembers {
		return schema.CodeInvalidNumber
	}
	return schema.CodeInvalidValue
}

// required reports whether every record needs a value of f.
func required(f schema.Field) bool {
	return f == schema.FieldKind || f == schema.FieldScope || f == schema.FieldName
}

// cellValues returns the values a cell gives its field, normalised as
// Record.SetCell stores them and Record.Values shows them, so that "Agency"
// and "agency", or "a|b" and "a | b", compare equal.
func cellValues(c schema.PatchCell) ([]string, error) {
	if c.Clear {
		return nil, nil
	}
	var scratch schema.Record
	if err := scratch.SetCell(c.Field, c.Value); err != nil {
		return nil, err
	}
	return scratch.Values(c.Field), nil
}

// describe words a change for a conflict message; again leaves out a
// "set" already said ("set to X in A and to Y in B").
func describe(values []string, again bool) string {
	v := strconv.Quote(strings.Join(values, schema.ListSeparator))
	switch {
	case values == nil:
		return "cleared"
	case again:
		return "to " + v
	}
	return "set to " + v
}

// deepen gives a copied record its own lists, so that changing its fields
// leaves the original alone; the caller copies the sources.
func deepen(r *schema.Record) {
	r.AltNames = slices.Clone(r.AltNames)
	r.MemberOf = slices.Clone(r.MemberOf)
	r.PartnerOf = slices.Clone(r.PartnerOf)
	r.SourceURLs = slices.Clone(r.SourceURLs)
	if r.Members != nil {
		n := *r.Members
		r.Members = &n
	}
}
