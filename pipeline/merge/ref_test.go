package merge

import (
	"slices"

	"github.com/bordernet/bordernet/schema"
)

// changeRef is the first change a patch made to one field of one record.
type changeRef struct {
	values []string // the field's values after the change; nil when cleared
	pos    schema.Position
}

type fieldKeyRef struct {
	id    string
	field schema.Field
}

// mergeRef is Merge as it was first written, the reference the faster
// Merge and Apply are held to, slow as it is (it sorts the records
// themselves, and keys its maps with strings).
func mergeRef(listing []schema.Record, patches []schema.Patch) ([]schema.Record, schema.Problems) {
	var ps schema.Problems
	out := make([]schema.Record, len(listing), len(listing)+len(patches))
	index := make(map[string]int, len(listing))
	// original keeps the listing's record for comparison: a cell only
	// changes a field when it differs from what the listing says.
	for i := range listing {
		out[i] = cloneRef(listing[i])
		if _, dup := index[listing[i].ID]; !dup {
			index[listing[i].ID] = i
		}
	}
	changes := map[fieldKeyRef]changeRef{}
	var ids []string // the listing's, for "did you mean"
	hints := 0
	rowOf := map[string]schema.Position{} // "file\x00id" → the patch's id cell

	for _, p := range patches {
		key := p.Origin.File + "\x00" + p.ID
		if first, dup := rowOf[key]; dup {
			ps.Errorf(schema.CodeDuplicateRow, p.Origin, p.ID, schema.FieldID, "id %q is on rows %d and %d of the same workbook: give each record one row (this row is ignored)", p.ID, first.Line, p.Origin.Line)
			continue
		}
		rowOf[key] = p.Origin

		i, found := index[p.ID]
		var base *schema.Record // the listing's record, nil for a new one
		if found && i < len(listing) {
			base = &listing[i]
		}
		if !found {
			if !newRecordCells(&p) && hints < schema.HintBudget(len(listing)) {
				hints++
				if ids == nil {
					for _, r := range listing {
						ids = append(ids, r.ID)
					}
				}
				if hint := schema.DidYouMean(schema.Closest(p.ID, slices.Values(ids), 3)); hint != "" {
					ps.Errorf(schema.CodeUnknownID, p.Origin, p.ID, schema.FieldID,
						"%q is the id of no record, and the row is not a new record (it needs name, kind and scope): %s", p.ID, hint)
				}
			}
			rec := schema.Record{ID: p.ID, Origin: p.Origin}
			rec.Origin.Col = 0
			rec.SetSource(schema.FieldID, p.Origin)
			out = append(out, rec)
			i = len(out) - 1
			index[p.ID] = i
		}
		rec := &out[i]

		for _, c := range p.Cells {
			if c.Field == schema.FieldID || c.Field == "" || c.Invalid {
				continue
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
			if base != nil && slices.Equal(base.Values(c.Field), values) {
				continue // restates the listing: no change
			}
			fk := fieldKeyRef{p.ID, c.Field}
			if prev, seen := changes[fk]; seen {
				if !slices.Equal(prev.values, values) {
					ps.Errorf(schema.CodeWorkbookConflict, c.Pos, p.ID, c.Field, "%s in %s and %s in %s: the workbooks disagree; correct one of them",
						describe(prev.values, false), prev.pos, describe(values, prev.values != nil), c.Pos)
				}
				continue
			}
			changes[fk] = changeRef{values: values, pos: c.Pos}
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
	slices.SortStableFunc(out, func(a, b schema.Record) int { return schema.CompareIDs(a.ID, b.ID) })
	ps.Sort()
	return out, ps
}

// cloneRef copies a record deeply enough that changing the copy's fields and
// sources leaves the original alone.
func cloneRef(r schema.Record) schema.Record {
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
