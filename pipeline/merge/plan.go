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
}

// NewPlan plans the merge of patches, in order, into the listing records
// whose ids are ids, in listing order.
func NewPlan(ids []string, patches []schema.Patch) *Plan {
	m := newMerger(len(ids), func(i int) string { return ids[i] }, patches)
	for k, key := range m.keys {
		m.pos[key.src] = k
	}
	return &Plan{m: m, at: m.byPlace()}
}

// Len returns the number of records the merge gives: the listing's and
// those only in workbooks.
func (p *Plan) Len() int { return p.m.total() }

// Listed returns the listing index of the record at output place k, or -1
// for a record only in workbooks.
func (p *Plan) Listed(k int) int {
	if src := p.m.keys[k].src; src < p.m.n {
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
	if src := p.m.keys[k].src; src >= p.m.n {
		*rec = p.m.newRecord(src)
	}
	var ps schema.Problems
	p.m.applyTo(k, rec, p.at, nil, &ps)
	return ps
}

// Problems returns the problems of the plan itself: rows that give an id
// twice in one workbook, ids of no record that look mistyped.
func (p *Plan) Problems() schema.Problems { return p.m.ps }
