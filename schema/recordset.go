package schema

import "iter"

// RecordSet is the records of a release, sorted by id (CompareIDs),
// wherever they are held: in memory (RecordSlice) or in a store on disk
// (pipeline/store), which keeps a million records out of the heap. Every
// reader of a release's records (the writers, the dataset's own rules, the
// site, the history) reads them through it.
//
// A RecordSet is safe for concurrent use: each call of All is a reader of
// its own, and At may be called from several goroutines.
type RecordSet interface {
	// Len returns the number of records.
	Len() int
	// All yields the records in order with their index. The *Record is
	// the reader's and is only valid until the next one is yielded (copy
	// the struct to keep it); the strings and slices it holds are never
	// changed afterwards and may be kept.
	All() iter.Seq2[int, *Record]
	// At returns record i, 0 ≤ i < Len(); prefer All for a walk through
	// every record.
	At(i int) Record
	// Err returns the first error a reader met (a store whose file went
	// away or could not be read). A reader that fails stops early, and At
	// returns a zero Record: whoever writes a release from the set checks
	// Err once every reader is done, and publishes nothing if it is set.
	Err() error
}

// RecordSlice is a RecordSet held in memory: the records, already sorted
// by id.
type RecordSlice []Record

// Len returns the number of records.
func (s RecordSlice) Len() int { return len(s) }

// All yields each record where it is.
func (s RecordSlice) All() iter.Seq2[int, *Record] {
	return func(yield func(int, *Record) bool) {
		for i := range s {
			if !yield(i, &s[i]) {
				return
			}
		}
	}
}

// At returns record i.
func (s RecordSlice) At(i int) Record { return s[i] }

// Err is always nil: memory cannot fail to be read.
func (s RecordSlice) Err() error { return nil }

// Collect returns the records of set in memory: the set itself when it
// is a RecordSlice, else a copy. For tests and small sets; a release of a
// million records should not be collected.
func Collect(set RecordSet) ([]Record, error) {
	if s, ok := set.(RecordSlice); ok {
		return s, nil
	}
	out := make([]Record, 0, set.Len())
	for _, r := range set.All() {
		out = append(out, *r)
	}
	return out, set.Err()
}

// RenameFiles renames the file of every position of the records (their
// origins and field sources), where they are: rename is given each file
// name as the positions hold it and returns the new one.
func (s RecordSlice) RenameFiles(rename func(string) string) {
	// Positions of one file share its string; remember the last few
	// renames rather than call rename for every position of a million
	// records.
	type renamed struct{ from, to string }
	var last [2]renamed
	do := func(p *Position) {
		if p.File == "" {
			return
		}
		for _, l := range last {
			if l.from == p.File && l.from != "" {
				p.File = l.to
				return
			}
		}
		to := rename(p.File)
		last[1], last[0] = last[0], renamed{from: p.File, to: to}
		p.File = to
	}
	for i := range s {
		r := &s[i]
		do(&r.Origin)
		for j := range r.Sources {
			do(&r.Sources[j].Pos)
		}
	}
}
