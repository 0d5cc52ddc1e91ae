package merge

import "github.com/bordernet/bordernet/schema"

// Plan is a merge worked out from the listing's ids alone, for a caller
// that holds the records elsewhere (pipeline/source keeps a million of
// them in a store on disk, not in memory) and merges them one at a time,
// in output order, on as many goroutines as it likes. It gives the same
// records and problems as Apply.
type Plan struct {
	m  *merger
	at placePatches
	// Per output place: the record's id and where it comes from (a
	// listing index, or n + the workbook-only record's number). The
	// merger's sort keys are let go once these are made: a million of
	// them are 40 MB.
	ids  []string
	srcs []int32
}

// NewPlan plans the merge of patches, in order, into the listing records
// whose ids are ids, in listing order.
func NewPlan(ids []string, patches []schema.Patch) *Plan {
	m := newMerger(len(ids), func(i int) string { return ids[i] }, patches)
	for k, key := range m.keys {
		m.pos[key.src] = k
	}
	p := &Plan{m: m, at: m.byPlace(), ids: make([]string, len(m.keys)), srcs: make([]int32, len(m.keys))}
	for k, key := range m.keys {
		p.ids[k], p.srcs[k] = key.id, int32(key.src)
	}
	m.keys, m.pos = nil, nil
	return p
}

// ID returns the id of the record at output place k. The string is the
// plan's own: a caller that keeps ids (schema.DatasetRules.AddWithID)
// can share it rather than copy it.
func (p *Plan) ID(k int) string { return p.ids[k] }

// Len returns the number of records the merge gives: the listing's and
// those only in workbooks.
func (p *Plan) Len() int { return len(p.srcs) }

// Listed returns the listing index of the record at output place k, or -1
// for a record only in workbooks.
func (p *Plan) Listed(k int) int {
	if src := int(p.srcs[k]); src < p.m.n {
		return src
	}
	return -1
}

// Merge applies the patches of output place k to rec, which holds the
// listing record Listed(k) names, or anything for a record only in
// workbooks (it is replaced by the record the workbook row makes), and
// returns the problems found. Merge may be called for different places at
// once.
func (p *Plan) Merge(k int, rec *schema.Record) schema.Problems {
	if src := int(p.srcs[k]); src >= p.m.n {
		*rec = p.m.newRecord(src)
	}
	var ps schema.Problems
	p.m.applyTo(k, rec, p.at, nil, &ps)
	return ps
}

// Problems returns the problems of the plan itself: rows that give an id
// twice in one workbook, ids of no record that look mistyped.
func (p *Plan) Problems() schema.Problems { return p.m.ps }
