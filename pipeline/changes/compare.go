package changes

import (
	"context"
	"fmt"
	"iter"
	"path"
	"slices"
	"strings"

	"github.com/bordernet/bordernet/schema"
)

// Problem codes this package reports.
const (
	// CodeFactRemoved: a field that had a value in the previous release
	// has none now (a warning).
	CodeFactRemoved = schema.CodeFactRemoved
	// CodeIDDropped: an id published in an earlier release is missing
	// (an error: ids stay).
	CodeIDDropped = schema.CodeIDDropped
)

// Report is what changed from one snapshot to another.
type Report struct {
	Old, New string // the snapshots' names
	// OldDir and NewDir are the release folders compared, "" for
	// sources; positions read from a release lie under its folder.
	OldDir, NewDir string
	Added          []Record // in NEW, not in OLD
	Retired        []Record // status set to inactive/succeeded, or dissolved set
	Changed        []Record // any other change of a value
	Removed        []Record // in OLD, not in NEW
	OldRecords     int
	NewRecords     int
}

// Record is one record that was added, retired, changed or removed.
type Record struct {
	ID string
	// Pos is where the record is defined: in NEW for an added, retired
	// or changed record, in OLD for a removed one.
	Pos     schema.Position
	Changes []FieldChange // for retired and changed records
}

// FieldChange is one field whose value differs.
type FieldChange struct {
	Field    schema.Field
	Old, New string          // the values as one cell (lists joined by " | "); "" for none
	OldPos   schema.Position // where the old value was read (in OLD)
	NewPos   schema.Position // where the new value was read (in NEW)
}

// Removed reports whether the change takes a fact away: the field had a
// value and has none. description_lang is not a fact of its own (it is
// the description's language tag, published with it), so it goes with
// the description.
func (c FieldChange) Removed() bool {
	return c.Old != "" && c.New == "" && c.Field != schema.FieldDescriptionLang
}

// Equal reports whether the two snapshots hold the same values.
func (r *Report) Equal() bool {
	return len(r.Added)+len(r.Retired)+len(r.Changed)+len(r.Removed) == 0
}

// FactsRemoved counts the fields that lost their value, in retired and
// changed records.
func (r *Report) FactsRemoved() int {
	n := 0
	for _, list := range [][]Record{r.Retired, r.Changed} {
		for _, rec := range list {
			for _, c := range rec.Changes {
				if c.Removed() {
					n++
				}
			}
		}
	}
	return n
}

// Summary is the one-line account of the report, counts of zero left
// out: "changes since 2026-11-27: 1 added, 2 changed, 1 fact removed", or
// "no changes since 2026-11-27".
func (r *Report) Summary() string {
	return headline(r.Old, jsonSummary{len(r.Added), len(r.Retired), len(r.Changed), len(r.Removed), r.FactsRemoved()})
}

// headline is Summary's line from the counts, shared with ReadHeadline so
// that a release's changes.json reads back as the run printed it.
func headline(old string, s jsonSummary) string {
	var parts []string
	for _, c := range []struct {
		n    int
		what string
	}{
		{s.Added, "added"}, {s.Retired, "retired"}, {s.Changed, "changed"}, {s.Removed, "removed"},
	} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.what))
		}
	}
	switch n := s.FactsRemoved; n {
	case 0:
	case 1:
		parts = append(parts, "1 fact removed")
	default:
		parts = append(parts, fmt.Sprintf("%d facts removed", n))
	}
	if len(parts) == 0 {
		return "no changes since " + old
	}
	return "changes since " + old + ": " + strings.Join(parts, ", ")
}

// Problems returns a warning (code fact-removed) for every field that had
// a value in OLD and has none in NEW, at the position the old value was
// read from, naming the field and the old value.
func (r *Report) Problems() schema.Problems {
	var ps schema.Problems
	for _, list := range [][]Record{r.Retired, r.Changed} {
		for _, rec := range list {
			for _, c := range rec.Changes {
				if !c.Removed() {
					continue
				}
				ps = append(ps, schema.Problem{
					Severity: schema.SeverityWarning, Pos: c.OldPos, Record: rec.ID, Field: c.Field, Code: CodeFactRemoved,
					Message: fmt.Sprintf("fact removed: %q was published in %s and has no value now (if it was deleted by mistake, restore the cell or line)", c.Old, r.Old),
				})
			}
		}
	}
	return ps
}

// Compare reads both snapshots side by side, in id order, and returns
// what changed from old to new. Its error is one of reading (a release's
// files that cannot be read or do not agree); ctx stops it early.
func Compare(ctx context.Context, old, new *Snapshot) (*Report, error) {
	rep := &Report{Old: old.Name, New: new.Name, OldDir: old.Dir, NewDir: new.Dir}
	nextOld, stopOld := iterPull(old)
	defer stopOld()
	nextNew, stopNew := iterPull(new)
	defer stopNew()
	o, err := nextOld()
	if err != nil {
		return nil, err
	}
	n, err := nextNew()
	if err != nil {
		return nil, err
	}
	for o != nil || n != nil {
		if rep.OldRecords%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		c := 0
		switch {
		case o == nil:
			c = 1
		case n == nil:
			c = -1
		default:
			c = schema.CompareIDs(o.ID, n.ID)
		}
		switch {
		case c < 0:
			rep.Removed = append(rep.Removed, Record{ID: o.ID, Pos: o.Origin})
		case c > 0:
			rep.Added = append(rep.Added, Record{ID: n.ID, Pos: n.Origin})
		default:
			if changes := compareRecords(o, n); len(changes) > 0 {
				rec := Record{ID: n.ID, Pos: n.Origin, Changes: changes}
				if retired(o, n) {
					rep.Retired = append(rep.Retired, rec)
				} else {
					rep.Changed = append(rep.Changed, rec)
				}
			}
		}
		if c <= 0 {
			rep.OldRecords++
			if o, err = nextOld(); err != nil {
				return nil, err
			}
		}
		if c >= 0 {
			rep.NewRecords++
			if n, err = nextNew(); err != nil {
				return nil, err
			}
		}
	}
	return rep, nil
}

// iterPull pulls records one at a time, checking their order; nil means
// the end.
func iterPull(s *Snapshot) (next func() (*schema.Record, error), stop func()) {
	pull, stop := iter.Pull2(s.Records())
	var prev string
	return func() (*schema.Record, error) {
		r, err, ok := pull()
		if !ok {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", s.Name, err)
		}
		if prev != "" && schema.CompareIDs(prev, r.ID) >= 0 {
			return nil, fmt.Errorf("reading %s: record %q comes after %q: the records are not in id order", s.Name, r.ID, prev)
		}
		prev = r.ID
		return r, nil
	}, stop
}

// retired reports whether new retires the record: an active record that
// is now inactive or succeeded, or one that now has a dissolution date.
func retired(old, new *schema.Record) bool {
	return old.IsActive() && !new.IsActive() || old.Dissolved == "" && new.Dissolved != ""
}

// compareRecords returns the fields whose values differ, in display
// order. Lists compare as sets: their order is not a fact (the graph has
// none), so a re-sorted list is no change.
func compareRecords(old, new *schema.Record) []FieldChange {
	var out []FieldChange
	for _, f := range schema.Fields() {
		if !f.MultiValued() && f != schema.FieldMembers {
			// One value each: compared as they are, without the slice
			// Values would make for every field of every record.
			if strings.TrimSpace(old.Cell(f)) == strings.TrimSpace(new.Cell(f)) {
				continue
			}
		}
		ov, nv := old.Values(f), new.Values(f)
		if sameValues(ov, nv, f.MultiValued()) {
			continue
		}
		c := FieldChange{Field: f, Old: old.Cell(f), New: new.Cell(f)}
		// A value has a position; no value has none (the record's
		// origin would say where the value is not).
		if len(ov) > 0 {
			c.OldPos = old.PositionOf(f)
		}
		if len(nv) > 0 {
			c.NewPos = new.PositionOf(f)
		}
		out = append(out, c)
	}
	return out
}

// sameValues compares values as a release gives them back: the CSV
// reader trims each value (as the listing and workbook readers do), so
// space around a value is not a fact.
func sameValues(a, b []string, set bool) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 1 {
		return strings.TrimSpace(a[0]) == strings.TrimSpace(b[0])
	}
	a, b = trimmed(a), trimmed(b)
	if set {
		slices.Sort(a)
		slices.Sort(b)
	}
	return slices.Equal(a, b)
}

func trimmed(vs []string) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = strings.TrimSpace(v)
	}
	return out
}

// published renders pos as it reads inside a release folder: a position
// in a release folder relative to that folder ("source/listing.txt:14"), a
// position in the sources as the copy a release publishes
// ("source/listing.txt:14", from "listing.txt" relative to the source
// folder), so that a release's change files do not depend on where the
// publisher kept the folders.
func published(pos schema.Position, dir string) schema.Position {
	if pos.IsZero() {
		return pos
	}
	if dir != "" {
		if rel, ok := strings.CutPrefix(pos.File, dir+"/"); ok {
			pos.File = rel
			return pos
		}
	}
	// A release's sources are relative to their folder already (as the
	// release's copy of them names them: a/curation.xlsx); a path that is
	// not is reduced to its file name rather than published.
	file := path.Clean(strings.ReplaceAll(pos.File, "\\", "/"))
	if path.IsAbs(file) || file == ".." || strings.HasPrefix(file, "../") || len(file) > 1 && file[1] == ':' {
		file = path.Base(file)
	}
	pos.File = SourceDir + "/" + file
	return pos
}
