// Package recordsettest holds schema.RecordSet test doubles for the tests
// of every reader of a release's records: a set that is not a
// schema.RecordSlice and hands out fresh copies, as a store on disk does
// (so that no reader relies on a *Record staying valid past its turn, on
// records being where the slice holds them, or on the set being a
// slice), and a set whose reader fails part-way, as a store whose file
// went bad. Only tests import it.
package recordsettest

import (
	"errors"
	"iter"
	"slices"
	"sync"

	"github.com/bordernet/bordernet/schema"
)

// Copies is a RecordSet of records held elsewhere that copies a record
// each time it is read. All wipes the record it yielded as soon as the
// reader asks for the next one, so a reader that kept the *Record sees
// an empty record rather than the right one by luck; the strings and
// slices it held stay as they were, as RecordSet promises.
type Copies struct {
	recs []schema.Record

	mu     sync.Mutex
	reads  int // records copied, by All and At
	passes int // calls of All
}

// NewCopies returns a Copies of recs, which must be sorted by
// schema.CompareIDs and not be changed while the set is read.
func NewCopies(recs []schema.Record) *Copies { return &Copies{recs: recs} }

// Len returns the number of records.
func (c *Copies) Len() int { return len(c.recs) }

// All yields a fresh copy of each record, wiped once the next is asked for.
func (c *Copies) All() iter.Seq2[int, *schema.Record] {
	return func(yield func(int, *schema.Record) bool) {
		c.count(0, 1)
		for i := range c.recs {
			r := Copy(&c.recs[i])
			c.count(1, 0)
			ok := yield(i, &r)
			r = schema.Record{}
			if !ok {
				return
			}
		}
	}
}

// At returns a fresh copy of record i.
func (c *Copies) At(i int) schema.Record {
	c.count(1, 0)
	return Copy(&c.recs[i])
}

// Err is nil: the records are in memory.
func (c *Copies) Err() error { return nil }

// Reads returns how many records were copied (by All and At) and how
// many times All was called.
func (c *Copies) Reads() (records, passes int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.reads, c.passes
}

func (c *Copies) count(records, passes int) {
	c.mu.Lock()
	c.reads += records
	c.passes += passes
	c.mu.Unlock()
}

// Copy returns a copy of r that shares nothing with it that a reader
// could change: its slices and its member count are copies.
func Copy(r *schema.Record) schema.Record {
	out := *r
	out.AltNames = slices.Clone(r.AltNames)
	out.MemberOf = slices.Clone(r.MemberOf)
	out.PartnerOf = slices.Clone(r.PartnerOf)
	out.SourceURLs = slices.Clone(r.SourceURLs)
	out.Sources = slices.Clone(r.Sources)
	if r.Members != nil {
		n := *r.Members
		out.Members = &n
	}
	return out
}

// ErrRead is the error a Failing set's reader meets.
var ErrRead = errors.New("recordsettest: the store went bad")

// Failing is a RecordSet whose reader fails at record After, as a store
// on disk whose file was cut short: All stops before it, At returns a
// zero Record from it on, and Err then says ErrRead.
type Failing struct {
	*Copies
	After int

	mu     sync.Mutex
	failed bool
}

// NewFailing returns a Failing set of recs that fails at record after.
func NewFailing(recs []schema.Record, after int) *Failing {
	return &Failing{Copies: NewCopies(recs), After: after}
}

// All yields the records before After, then fails.
func (f *Failing) All() iter.Seq2[int, *schema.Record] {
	return func(yield func(int, *schema.Record) bool) {
		for i, r := range f.Copies.All() {
			if i >= f.After {
				f.fail()
				return
			}
			if !yield(i, r) {
				return
			}
		}
	}
}

// At returns record i, or a zero Record from After on.
func (f *Failing) At(i int) schema.Record {
	if i >= f.After {
		f.fail()
		return schema.Record{}
	}
	return f.Copies.At(i)
}

// Err returns ErrRead once a reader met the failure.
func (f *Failing) Err() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failed {
		return ErrRead
	}
	return nil
}

func (f *Failing) fail() {
	f.mu.Lock()
	f.failed = true
	f.mu.Unlock()
}

// Generated is a RecordSet whose records are made when read, by a
// function of their index: a release of millions of records that holds
// none of them, to measure what its readers hold.
type Generated struct {
	n    int
	make func(i int) schema.Record
}

// NewGenerated returns a set of n records, record i being make(i); make
// must return them in schema.CompareIDs order.
func NewGenerated(n int, make func(i int) schema.Record) *Generated {
	return &Generated{n: n, make: make}
}

// Len returns the number of records.
func (g *Generated) Len() int { return g.n }

// All yields each record as it is made.
func (g *Generated) All() iter.Seq2[int, *schema.Record] {
	return func(yield func(int, *schema.Record) bool) {
		for i := range g.n {
			r := g.make(i)
			if !yield(i, &r) {
				return
			}
		}
	}
}

// At makes record i.
func (g *Generated) At(i int) schema.Record { return g.make(i) }

// Err is nil: making records cannot fail.
func (g *Generated) Err() error { return nil }

// FromCopies returns a copy of rel whose records, a schema.RecordSlice,
// are read through a Copies of them.
func FromCopies(rel *schema.Release) *schema.Release {
	out := *rel
	out.Records = NewCopies(rel.Records.(schema.RecordSlice))
	return &out
}
