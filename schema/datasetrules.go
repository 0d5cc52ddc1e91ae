package schema

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// DatasetRules checks the rules across records (ids used once, acronyms
// unique among active records, references to records that exist, no
// cycles through parent or successor) from what it keeps of each record:
// its id, acronym, whether it is active, and its references, a few dozen
// bytes a record. Records held in a store on disk are added one by one as
// they are made and need not be in memory together; the few a problem is
// reported for are read back for their positions.
//
// The zero DatasetRules is ready to use. Add the records in their order
// (the order of the set the positions are read back from), then call
// Problems once.
type DatasetRules struct {
	keys []datasetKey
	refs []recordRefs
}

// datasetKey is what the rules keep of one record.
type datasetKey struct {
	id, acronym string
	refs        int32 // 1 + the record's entry in refs; 0 for a record with no references
	active      bool
}

// recordRefs are a record's references, for the few records that have any.
type recordRefs struct {
	successor, parent   string
	memberOf, partnerOf []string
}

// Add keeps what the rules need of r, copied: r's strings may share
// memory with text the caller lets go (a record decoded from a store is
// one string), and an id kept must not keep all of it alive.
func (d *DatasetRules) Add(r *Record) { d.add(r, strings.Clone(r.ID), true) }

// AddWithID is Add for a caller that keeps r's id already, as id (equal
// to r.ID): the rules share that string rather than copy it, a few dozen
// bytes a record fewer.
func (d *DatasetRules) AddWithID(id string, r *Record) { d.add(r, id, true) }

func (d *DatasetRules) add(r *Record, id string, clone bool) {
	str, list := func(s string) string { return s }, func(l []string) []string { return l }
	if clone {
		str, list = strings.Clone, cloneStrings
	}
	k := datasetKey{id: id, acronym: str(r.Acronym), active: r.IsActive()}
	if r.Successor != "" || r.Parent != "" || len(r.MemberOf) > 0 || len(r.PartnerOf) > 0 {
		d.refs = append(d.refs, recordRefs{
			successor: str(r.Successor), parent: str(r.Parent),
			memberOf: list(r.MemberOf), partnerOf: list(r.PartnerOf),
		})
		k.refs = int32(len(d.refs))
	}
	d.keys = append(d.keys, k)
}

// Len returns the number of records added.
func (d *DatasetRules) Len() int { return len(d.keys) }

func cloneStrings(l []string) []string {
	if l == nil {
		return nil
	}
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = strings.Clone(s)
	}
	return out
}

func (k *datasetKey) references(d *DatasetRules) *recordRefs {
	if k.refs == 0 {
		return nil
	}
	return &d.refs[k.refs-1]
}

// Problems returns the problems across the records added; at returns
// record i (in the order added), for the positions of the problems found.
func (d *DatasetRules) Problems(at func(i int) Record) Problems {
	var ps Problems
	records := d.keys
	// A record read back for a problem is often read again for the next
	// (a record with two unknown references): the last one is kept.
	last, lastAt := Record{}, -1
	record := func(i int) *Record {
		if i != lastAt {
			last, lastAt = at(i), i
		}
		return &last
	}
	// Records are known by index: the first record with each id, and
	// whether a record is that first one, so the later rules look ids up
	// once and keep their state in slices rather than in maps of ids.
	//
	// Ids and acronyms go into their maps backwards, so the first record of
	// each stays, with one map operation per record rather than a look-up
	// and an insert. When a map ends up with as many keys as records went
	// in, there is no duplicate; only otherwise are the records looked up
	// again, forwards, to report each duplicate in order.
	byID := make(map[string]int, len(records))
	first := make([]bool, len(records))
	withID := 0
	for i := len(records) - 1; i >= 0; i-- {
		if id := records[i].id; id != "" {
			byID[id] = i
			withID++
		}
	}
	for i := range records {
		r := &records[i]
		if r.id == "" {
			continue
		}
		if withID != len(byID) {
			if j := byID[r.id]; j != i {
				other := record(j).PositionOf(FieldID)
				ps.Errorf(CodeDuplicateID, record(i).PositionOf(FieldID), r.id, FieldID, "is used twice: also at %s; every record needs its own id", other)
				continue
			}
		}
		first[i] = true
	}

	// Acronyms are compared lower-cased: the keys go into one string
	// rather than one allocation each, and the map is made at its size.
	active, length := 0, 0
	for i := range records {
		if r := &records[i]; r.acronym != "" && r.active && first[i] {
			active++
			length += len(r.acronym)
		}
	}
	activeAcronyms := make(map[string]int, active)
	var keys strings.Builder
	keys.Grow(length)
	for i := len(records) - 1; i >= 0; i-- {
		if r := &records[i]; r.acronym != "" && r.active && first[i] {
			start := keys.Len()
			writeLower(&keys, r.acronym)
			// Bytes written to a Builder never change, so the key stays
			// valid as the Builder grows.
			activeAcronyms[keys.String()[start:]] = i
		}
	}
	if len(activeAcronyms) != active {
		for i := range records {
			r := &records[i]
			if r.acronym == "" || !r.active || !first[i] {
				continue
			}
			if j := activeAcronyms[strings.ToLower(r.acronym)]; j != i {
				other := record(j)
				otherID, otherPos := other.ID, other.PositionOf(FieldAcronym)
				ps.Errorf(CodeDuplicateAcronym, record(i).PositionOf(FieldAcronym), r.id, FieldAcronym, "%q is also the acronym of active record %s (%s); acronyms must be unique among active records", r.acronym, otherID, otherPos)
			}
		}
	}

	hints := 0
	for i := range records {
		r := &records[i]
		refs := r.references(d)
		if refs == nil {
			continue
		}
		check := func(f Field, ref string) {
			switch {
			case ref == r.id:
				ps.Errorf(CodeSelfReference, record(i).PositionOf(f), r.id, f, "refers to the record itself")
			case !IsSlug(ref):
				// The field rule has reported it already.
			default:
				if _, ok := byID[ref]; !ok {
					msg := fmt.Sprintf("refers to %q, but there is no record with that id", ref)
					// Each hint reads every id: the first few unknown
					// references, the ones a curator reads, get one,
					// and a dataset full of them stays fast.
					if hints < HintBudget(len(byID)) {
						hints++
						if hint := DidYouMean(Closest(ref, maps.Keys(byID), 3)); hint != "" {
							msg += ": " + hint
						}
					}
					ps.Errorf(CodeUnknownReference, record(i).PositionOf(f), r.id, f, "%s", msg)
				}
			}
		}
		// The reference fields as Record.Values gives them: a single
		// value only when it is set, a list as it is.
		if refs.successor != "" {
			check(FieldSuccessor, refs.successor)
		}
		if refs.parent != "" {
			check(FieldParent, refs.parent)
		}
		for _, ref := range refs.memberOf {
			check(FieldMemberOf, ref)
		}
		for _, ref := range refs.partnerOf {
			check(FieldPartnerOf, ref)
		}
	}

	for _, f := range [...]Field{FieldParent, FieldSuccessor} {
		ps = append(ps, d.cycles(byID, first, f, record)...)
	}
	return ps
}

// cycles reports every record that is its own ancestor through the
// single-valued reference field f, once per cycle, at the cycle's smallest
// id. byID holds the index of the first record with each id, and first
// says whether a record is that one: only first records are followed, and
// a later record with the same id, or one without an id, is never part of
// a cycle, so walks start at first records only.
func (d *DatasetRules) cycles(byID map[string]int, first []bool, f Field, record func(int) *Record) Problems {
	records := d.keys
	var ps Problems
	const (
		unvisited = iota
		visiting
		done
	)
	state := make([]uint8, len(records))
	next := func(i int) int {
		refs := records[i].references(d)
		if refs == nil {
			return -1
		}
		v := refs.parent
		if f == FieldSuccessor {
			v = refs.successor
		}
		if v != "" && v != records[i].id {
			if j, ok := byID[v]; ok {
				return j
			}
		}
		return -1
	}
	var path []int
	for start := range records {
		if !first[start] || state[start] == done {
			continue
		}
		path = path[:0]
		for i := start; i >= 0 && state[i] != done; i = next(i) {
			if state[i] == visiting {
				loop := path[slices.Index(path, i):]
				least := 0
				for k := range loop {
					if records[loop[k]].id < records[loop[least]].id {
						least = k
					}
				}
				ids := make([]string, 0, len(loop)+1)
				for k := range loop {
					ids = append(ids, records[loop[(k+least)%len(loop)]].id)
				}
				r := &records[loop[least]]
				ids = append(ids, r.id)
				ps.Errorf(CodeReferenceCycle, record(loop[least]).PositionOf(f), r.id, f, "makes the record its own ancestor: %s", strings.Join(ids, " → "))
				break
			}
			state[i] = visiting
			path = append(path, i)
		}
		for _, i := range path {
			state[i] = done
		}
	}
	return ps
}
