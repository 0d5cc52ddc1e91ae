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
package merge

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/bordernet/bordernet/schema"
)

// change is the first change a patch made to one field of one record.
type change struct {
	values []string // the field's values after the change; nil when cleared
	pos    schema.Position
}

type fieldKey struct {
	id    string
	field schema.Field
}

// Merge applies patches, in order, to copies of the listing's records and
// returns the records sorted with schema.CompareIDs. The listing is not
// modified. Problems are conflicts between patches and values no record
// field can hold; schema.Validate judges the rest.
func Merge(listing []schema.Record, patches []schema.Patch) ([]schema.Record, schema.Problems) {
	var ps schema.Problems
	out := make([]schema.Record, len(listing), len(listing)+len(patches))
	index := make(map[string]int, len(listing))
	// original keeps the listing's record for comparison: a cell only
	// changes a field when it differs from what the listing says.
	for i := range listing {
		out[i] = clone(listing[i])
		if _, dup := index[listing[i].ID]; !dup {
			index[listing[i].ID] = i
		}
	}
	changes := map[fieldKey]change{}
	rowOf := map[string]schema.Position{} // "file\x00id" → the patch's id cell

	for _, p := range patches {
		key := p.Origin.File + "\x00" + p.ID
		if first, dup := rowOf[key]; dup {
			ps.Errorf(p.Origin, p.ID, schema.FieldID, "id %q is on rows %d and %d of the same workbook: give each record one row (this row is ignored)", p.ID, first.Line, p.Origin.Line)
			continue
		}
		rowOf[key] = p.Origin

		i, found := index[p.ID]
		var base *schema.Record // the listing's record, nil for a new one
		if found && i < len(listing) {
			base = &listing[i]
		}
		if !found {
			rec := schema.Record{ID: p.ID, Origin: p.Origin}
			rec.Origin.Col = 0
			rec.SetSource(schema.FieldID, p.Origin)
			out = append(out, rec)
			i = len(out) - 1
			index[p.ID] = i
		}
		rec := &out[i]

		for _, c := range p.Cells {
			if c.Field == schema.FieldID || c.Field == "" {
				continue
			}
			if c.Clear && required(c.Field) {
				// Cleared, the field would be reported missing at the
				// listing's line; the cell is where the mistake is.
				ps.Errorf(c.Pos, p.ID, c.Field, "cannot be cleared: every record needs one")
				continue
			}
			values, err := cellValues(c)
			if err != nil {
				ps.Errorf(c.Pos, p.ID, c.Field, "%v", err)
				continue
			}
			if base != nil && slices.Equal(base.Values(c.Field), values) {
				continue // restates the listing: no change
			}
			fk := fieldKey{p.ID, c.Field}
			if prev, seen := changes[fk]; seen {
				if !slices.Equal(prev.values, values) {
					ps.Errorf(c.Pos, p.ID, c.Field, "%s in %s and %s in %s: the workbooks disagree; correct one of them",
						describe(prev.values, false), prev.pos, describe(values, prev.values != nil), c.Pos)
				}
				continue
			}
			changes[fk] = change{values: values, pos: c.Pos}
			if c.Clear {
				// SetCell with "" cannot fail: it empties any field.
				_ = rec.SetCell(c.Field, "")
				rec.ClearSource(c.Field)
				continue
			}
			if err := rec.SetCell(c.Field, c.Value); err != nil {
				ps.Errorf(c.Pos, p.ID, c.Field, "%v", err)
				continue
			}
			rec.SetSource(c.Field, c.Pos)
		}
	}
	slices.SortStableFunc(out, func(a, b schema.Record) int { return schema.CompareIDs(a.ID, b.ID) })
	ps.Sort()
	return out, ps
}

// required reports whether every record needs a value of f.
func required(f schema.Field) bool {
	return f == schema.FieldKind || f == schema.FieldScope || f == schema.FieldName
}

// cellValues returns the values a cell gives its field, normalised as
// Record.SetCell stores them and Record.Values shows them, so that "Agency"
// and "agency", or "a|b" and "a | b", compare equal. It does not call
// SetCell, which costs a map per call, once per cell of a 100k-row
// workbook; TestCellValuesAsSetCell keeps the two in step.
func cellValues(c schema.PatchCell) ([]string, error) {
	if c.Clear {
		return nil, nil
	}
	v := strings.TrimSpace(c.Value)
	switch {
	case c.Field.MultiValued():
		return schema.SplitList(v), nil
	case c.Field == schema.FieldKind || c.Field == schema.FieldScope || c.Field == schema.FieldStatus:
		v = strings.ToLower(v)
	case c.Field == schema.FieldMembers && v != "":
		n, err := strconv.Atoi(strings.TrimSuffix(v, ".0"))
		if err != nil {
			return nil, fmt.Errorf("%q is not a whole number", v)
		}
		v = strconv.Itoa(n)
	}
	if v == "" {
		return nil, nil
	}
	return []string{v}, nil
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

// clone copies a record deeply enough that changing the copy's fields and
// sources leaves the original alone.
func clone(r schema.Record) schema.Record {
	r.AltNames = slices.Clone(r.AltNames)
	r.MemberOf = slices.Clone(r.MemberOf)
	r.PartnerOf = slices.Clone(r.PartnerOf)
	r.SourceURLs = slices.Clone(r.SourceURLs)
	r.Sources = slices.Clone(r.Sources)
	if r.Members != nil {
		n := *r.Members
		r.Members = &n
	}
	return r
}
