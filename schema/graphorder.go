package schema

import (
	"container/heap"
	"iter"
	"slices"
	"strings"
)

// A part is what one block of the records' graph holds: a record's own
// triples, its provenance nodes, or both. rec and id (the record's id as
// its IRI holds it) are valid until the next part.
type part struct {
	rec          *Record
	id           string
	record, prov bool
}

// graphOrder yields the records' parts in N-Triples line order, reading
// the records once, in one pass, with a short look-ahead: a store on disk
// stands behind the set, and holding every record (or every id) of a
// million would be what the store is there to avoid.
//
// A record's own lines start with "<…/id/ID>", its provenance lines with
// "<…/id/ID#": the record parts sort by the key ID+">", the provenance
// parts by ID+"#". The records come sorted by the first (that is
// CompareIDs, for ids that need no escaping), which is the order of the
// record parts. The provenance parts mostly follow it, but not quite:
// when X+"#" < Y+"#" while X+">" > Y+">", the keys differ at X's end, so
// X is a proper prefix of Y and the byte of Y after it lies between '#'
// and '>' ('-', '.', '%' or a digit). Such an X comes after Y in the
// records, after every id that extends it so, yet its provenance lines
// come before theirs: "frontex" after "frontex-2004", "frontex#prov-…"
// before "frontex-2004#…".
//
// So the provenance stream's next part is the least provenance key
// among the records in a window that runs ahead of the record stream,
// unless a record beyond the window comes before it. By the above, such a
// record's id is a proper prefix of the candidate's after which the
// candidate goes on with a byte between '#' and '>', and the last record
// of the window extends the same prefix the same way (it lies between the
// two in the records' order). Those prefixes are few and shared by runs
// of records: for a short run ("org-00012…") the window reads on to its
// end (up to growLimit windows); for a long one ("org-…") whether a
// record with that id exists beyond the window is looked up (a galloping
// search with At) once, and remembered while the prefix lasts. At a
// million slugs like "org-0012345", At reads 0.3% of the records again.
// What is held is the window, the prefixes of the current id and the few
// records found ahead: nothing that grows with the records unless
// thousands of ids extend one another in a chain.
type graphOrder struct {
	set    RecordSet
	n      int // records in set, or fewer when its reader stopped early
	window int // orderWindow; tests make it small
	next   func() (int, *Record, bool)
	stop   func()
	// win holds records lo, lo+1, ..., lo+win.len-1: the record stream
	// is at lo, the provenance stream somewhere in or beyond the window.
	win ring
	lo  int
	// ahead are the answers of prefix look-ups: records beyond the
	// window whose provenance part is due before the window's.
	ahead []aheadEntry
	// doneAhead are the records beyond the window whose provenance part
	// went out, for the window to take as done when it gets there.
	doneAhead []int
	// due are the records of the window whose provenance part is still
	// due, by its key.
	due dueHeap
}

// ring is the window: a queue of records in a ring of slots, so that a
// record is copied into it once, however far the window grows.
type ring struct {
	slots     []orderEntry // a power of two of them
	head, len int
}

// at returns the k-th record of the queue.
func (r *ring) at(k int) *orderEntry { return &r.slots[(r.head+k)&(len(r.slots)-1)] }

// push adds e at the end of the queue.
func (r *ring) push(e orderEntry) {
	if r.len == len(r.slots) {
		slots := make([]orderEntry, max(16, 2*len(r.slots)))
		for k := range r.len {
			slots[k] = *r.at(k)
		}
		r.slots, r.head = slots, 0
	}
	*r.at(r.len) = e
	r.len++
}

// pop drops the first record of the queue.
func (r *ring) pop() {
	*r.at(0) = orderEntry{}
	r.head = (r.head + 1) & (len(r.slots) - 1)
	r.len--
}

// dueHeap is a heap of records of the window by provenance key, then
// index in the set; each element holds its id, so that one whose record
// left the window can still be compared on its way out.
type dueHeap struct{ due []dueRecord }

type dueRecord struct {
	index int
	id    string
}

func (h *dueHeap) Len() int { return len(h.due) }
func (h *dueHeap) Less(a, b int) bool {
	if c := compareKeys(h.due[a].id, '#', h.due[b].id, '#'); c != 0 {
		return c < 0
	}
	return h.due[a].index < h.due[b].index
}
func (h *dueHeap) Swap(a, b int) { h.due[a], h.due[b] = h.due[b], h.due[a] }
func (h *dueHeap) Push(x any)    { h.due = append(h.due, x.(dueRecord)) }
func (h *dueHeap) Pop() any {
	x := h.due[len(h.due)-1]
	h.due = h.due[:len(h.due)-1]
	return x
}

// orderWindow is how many records the window holds ahead of the record
// stream: more means fewer look-ups (a look-up is for a prefix that the
// candidate shares with the window's last record), fewer means less to
// scan for the candidate.
const orderWindow = 64

type orderEntry struct {
	rec      Record
	id       string // escapeSegment(rec.ID)
	prov     bool   // hasProvenance(&rec)
	provDone bool   // its provenance part went out (or it has none)
}

// aheadEntry is the answer to a prefix look-up: the next record from
// index on with the id prefix whose provenance part is still due (index
// -1 when there is none).
type aheadEntry struct {
	prefix string
	index  int
	entry  *orderEntry
}

// newGraphOrder prepares to read set. A set that breaks RecordSet's
// order in memory (unvalidated data: ids out of order, or ids whose
// escaping orders them differently) is sorted first, by a copy; a set on
// disk holds validated records, whose ids are slugs in order.
func newGraphOrder(set RecordSet) *graphOrder {
	if s, ok := set.(RecordSlice); ok {
		set = sortedForGraph(s)
	}
	o := &graphOrder{set: set, n: set.Len(), window: orderWindow}
	o.next, o.stop = iter.Pull2(set.All())
	return o
}

// close stops the reader.
func (o *graphOrder) close() { o.stop() }

// sortedForGraph returns s sorted by the key ID+">" of its escaped ids:
// s itself when it is (always, for valid records).
func sortedForGraph(s RecordSlice) RecordSlice {
	key := func(r *Record) string {
		if plainSegment(r.ID) {
			return r.ID
		}
		return escapeSegment(r.ID)
	}
	sorted := true
	for i := 1; i < len(s); i++ {
		if compareKeys(key(&s[i-1]), '>', key(&s[i]), '>') > 0 {
			sorted = false
			break
		}
	}
	if sorted {
		return s
	}
	keys := make([]string, len(s))
	order := make([]int, len(s))
	for i := range s {
		keys[i] = key(&s[i])
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return compareKeys(keys[a], '>', keys[b], '>') })
	out := make(RecordSlice, len(s))
	for k, i := range order {
		out[k] = s[i]
	}
	return out
}

// fill reads records into the window until it holds orderWindow of them
// or the set is read.
func (o *graphOrder) fill() {
	for o.win.len < o.window && o.grow() {
	}
}

// grow reads one more record into the window, and reports whether there
// was one.
func (o *graphOrder) grow() bool {
	if o.hi() >= o.n {
		return false
	}
	_, r, ok := o.next()
	if !ok {
		o.n = o.hi() // the reader failed: the set's Err says why
		return false
	}
	e := orderEntry{rec: *r, id: escapeSegment(r.ID)}
	e.prov = hasProvenance(&e.rec)
	e.provDone = !e.prov
	if k := slices.Index(o.doneAhead, o.hi()); k >= 0 {
		e.provDone = true
		o.doneAhead = slices.Delete(o.doneAhead, k, k+1)
	}
	o.win.push(e)
	if !e.provDone {
		heap.Push(&o.due, dueRecord{o.hi() - 1, e.id})
	}
	return true
}

// hi is the index of the first record after the window.
func (o *graphOrder) hi() int { return o.lo + o.win.len }

// pop moves the record stream past its head.
func (o *graphOrder) pop() {
	o.win.pop()
	o.lo++
}

// inGap reports whether c lies between '#' and '>', where an id that
// extends another sorts between the other's provenance and record lines.
func inGap(c byte) bool { return c > '#' && c < '>' }

// nextProv returns the record whose provenance part (if it has one)
// comes next: in the window (at, its index there; ahead -1) or found
// ahead (at -1; ahead, its index in the set). ok is false when every
// record's provenance part is out.
func (o *graphOrder) nextProv() (at int, e *orderEntry, ahead int, ok bool) {
	for {
		at, e = -1, nil
		// The least provenance key among the window's records still
		// due; those out already (or passed) leave the heap lazily.
		for len(o.due.due) > 0 {
			i := o.due.due[0].index
			if i >= o.lo && !o.win.at(i-o.lo).provDone {
				at, e = i-o.lo, o.win.at(i-o.lo)
				break
			}
			heap.Pop(&o.due)
		}
		if e != nil || !o.grow() {
			break
		}
		// Every record of the window is done: the provenance stream is
		// ahead by a chain of ids each a prefix of the next. The window
		// grows with it.
	}
	if e == nil || o.hi() >= o.n {
		return at, e, -1, e != nil
	}
	o.forget(e.id)
	// A record beyond the window comes first only when its id is a
	// proper prefix of e's that the window's last record extends the
	// same way. The shortest such prefix comes first.
	last := o.win.at(o.win.len - 1).id
	for q := 0; q < len(e.id) && q < len(last); q++ {
		if inGap(e.id[q]) && inGap(last[q]) {
			prefix := e.id[:q]
			if o.cached(prefix) == nil && o.win.len < growLimit*o.window {
				// The ids extending a long prefix ("org") run on
				// for long, and it is looked up once; those of a
				// short one ("org-00012") end soon: reading on to
				// their end costs less than a look-up.
				o.growPast(prefix)
				return o.nextProv()
			}
			if a := o.lookAhead(prefix); a != nil {
				return -1, a.entry, a.index, true
			}
		}
		if e.id[q] != last[q] {
			break
		}
	}
	return at, e, -1, true
}

// growLimit is how many times orderWindow the window may grow to read
// past the ids extending a prefix.
const growLimit = 16

// growPast reads records into the window while the last one extends
// prefix with a byte between '#' and '>', up to growLimit windows.
func (o *graphOrder) growPast(prefix string) {
	for o.win.len < growLimit*o.window {
		last := o.win.at(o.win.len - 1).id
		if len(last) <= len(prefix) || !strings.HasPrefix(last, prefix) || !inGap(last[len(prefix)]) || !o.grow() {
			return
		}
	}
}

// cached returns the answer of an earlier look-up of prefix, or nil.
func (o *graphOrder) cached(prefix string) *aheadEntry {
	for k := range o.ahead {
		if o.ahead[k].prefix == prefix {
			return &o.ahead[k]
		}
	}
	return nil
}

// forget drops the look-ups that no longer matter: the candidates come in
// order, so once a prefix is not one of the candidate id's, no later
// candidate has it, and a record found ahead with it whose provenance
// part is out is in the window or past it.
func (o *graphOrder) forget(id string) {
	keep := o.ahead[:0]
	for _, a := range o.ahead {
		if strings.HasPrefix(id, a.prefix) && (a.index < 0 || a.index >= o.lo) {
			keep = append(keep, a)
		}
	}
	clear(o.ahead[len(keep):])
	o.ahead = keep
}

// lookAhead returns the record beyond the window whose id is prefix and
// whose provenance part is still due, or nil.
func (o *graphOrder) lookAhead(prefix string) *aheadEntry {
	found := o.cached(prefix)
	if found == nil {
		o.ahead = append(o.ahead, aheadEntry{prefix: prefix, index: o.search(prefix)})
		found = &o.ahead[len(o.ahead)-1]
		found.entry = o.entryAt(found.index)
	}
	// Past the records with nothing due: without provenance, or out
	// already; the next with the same id (only unvalidated data repeats
	// one) may still be due.
	for found.index >= 0 && found.index >= o.hi() && (!found.entry.prov || slices.Contains(o.doneAhead, found.index)) {
		found.index++
		if found.entry = o.entryAt(found.index); found.entry == nil || found.entry.id != prefix {
			found.index, found.entry = -1, nil
		}
	}
	if found.index < o.hi() {
		return nil
	}
	return found
}

// entryAt reads record i for a look-up, nil when there is none.
func (o *graphOrder) entryAt(i int) *orderEntry {
	if i < 0 || i >= o.n {
		return nil
	}
	e := &orderEntry{rec: o.set.At(i)}
	e.id = escapeSegment(e.rec.ID)
	e.prov = hasProvenance(&e.rec)
	return e
}

// search returns the index of the record beyond the window whose id is
// id, or -1: a search on the records' order that gallops from the window
// on, for the id is most often near (a prefix sorts after the ids that
// extend it, and the window's last record is one of those).
func (o *graphOrder) search(id string) int {
	probed, probedID := -1, ""
	before := func(k int) bool {
		r := o.set.At(k)
		probed, probedID = k, escapeSegment(r.ID)
		return compareKeys(probedID, '>', id, '>') < 0
	}
	lo, hi := o.hi(), o.hi()
	for step := 1; hi < o.n && before(hi); step *= 2 {
		lo, hi = hi+1, min(hi+step, o.n)
	}
	// The first record not before id is in [lo, hi], hi being one when
	// it is a record.
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if before(mid) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo >= o.n {
		return -1
	}
	if probed != lo {
		probed, probedID = lo, escapeSegment(o.set.At(lo).ID)
	}
	if probedID == id {
		return lo
	}
	return -1
}

// markAhead records that the provenance part of the record found ahead
// at index is out, so that the window takes it as done when it gets there.
func (o *graphOrder) markAhead(index int) {
	o.doneAhead = append(o.doneAhead, index)
}

// parts yields the parts in order; see graphOrder.
func (o *graphOrder) parts() iter.Seq[part] {
	return func(yield func(part) bool) {
		for {
			o.fill()
			at, p, ahead, ok := o.nextProv()
			if o.win.len > 0 {
				r := o.win.at(0)
				if !ok || compareKeys(r.id, '>', p.id, '#') < 0 || at == 0 {
					// When both streams are at the same record, nothing
					// sorts between its two parts and they share a block.
					// (Only a repeated id breaks this, and no order can
					// sort the lines of two records with one IRI.)
					// A record whose provenance is still due here can
					// only be one of a set out of order: its nodes go
					// with it rather than nowhere.
					both := !r.provDone
					r.provDone = true
					if !yield(part{rec: &r.rec, id: r.id, record: true, prov: both}) {
						return
					}
					o.pop()
					continue
				}
			} else if !ok {
				return
			}
			p.provDone = true
			if ahead >= 0 {
				o.markAhead(ahead)
			}
			if p.prov && !yield(part{rec: &p.rec, id: p.id, prov: true}) {
				return
			}
		}
	}
}

// compareKeys compares a+ta with b+tb without building them.
func compareKeys(a string, ta byte, b string, tb byte) int {
	n := min(len(a), len(b))
	if c := strings.Compare(a[:n], b[:n]); c != 0 {
		return c
	}
	next := func(s string, t byte) int {
		if len(s) > n {
			return int(s[n])
		}
		return int(t)
	}
	return next(a, ta) - next(b, tb)
}
