package merge

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

// deepCopy copies records so that nothing of the copy is shared.
func deepCopy(recs []schema.Record) []schema.Record {
	out := make([]schema.Record, len(recs))
	for i := range recs {
		out[i] = cloneRef(recs[i])
	}
	return out
}

// TestApplyAsMerge: Apply gives what Merge gives, for every table case.
func TestApplyAsMerge(t *testing.T) {
	for _, tc := range mergeCases() {
		t.Run(tc.name, func(t *testing.T) {
			want, wantPs := Merge(listing(), tc.patches)
			got, ps := Apply(listing(), tc.patches)
			if show(got) != show(want) || !reflect.DeepEqual(ps, wantPs) {
				t.Errorf("Apply:\n%s%v\nMerge:\n%s%v", show(got), ps, show(want), wantPs)
			}
		})
	}
}

// randomInput makes a listing and patches that exercise every rule at
// once: ids that repeat in the listing, share prefixes longer than the
// sort's ("a-long-shared-prefix-7"), or are prefixes of each other
// ("a", "a-b", "ab"); patches for listing records and new ones, rows
// repeated in a workbook, restated, changed, conflicting and cleared
// values, bad numbers. With weird, ids may hold ">", which CompareIDs
// cannot order totally.
func randomInput(rng *rand.Rand, n int, weird bool) ([]schema.Record, []schema.Patch) {
	alphabet := []string{"a", "b", "-", "ab", "a-long-shared-prefix-", "z"}
	if weird {
		alphabet = append(alphabet, ">", "a>")
	}
	id := func() string {
		var b strings.Builder
		for range 1 + rng.IntN(3) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		if rng.IntN(3) == 0 {
			fmt.Fprint(&b, rng.IntN(20))
		}
		return b.String()
	}
	fields := []schema.Field{schema.FieldName, schema.FieldKind, schema.FieldWebsite, schema.FieldAltNames, schema.FieldMembers, schema.FieldSeat}
	values := []string{"", "x", "X", "y", "a | b", "a|b", "12", "many", "Agency", "network"}
	recs := make([]schema.Record, n)
	for i := range recs {
		r := &recs[i]
		r.ID, r.Name, r.Kind, r.Scope = id(), values[rng.IntN(len(values))], schema.KindNetwork, schema.ScopeEU
		r.Origin = lpos(i + 1)
		r.SetSource(schema.FieldID, lpos(i+1))
		if rng.IntN(2) == 0 {
			r.Website = "x"
			r.SetSource(schema.FieldWebsite, lpos(i+1))
		}
		if rng.IntN(3) == 0 {
			r.AltNames = []string{"a", "b"}
		}
	}
	var patches []schema.Patch
	for row := range n {
		file := []string{"a.xlsx", "b.xlsx"}[rng.IntN(2)]
		pid := id()
		if rng.IntN(2) == 0 && n > 0 {
			pid = recs[rng.IntN(n)].ID
		}
		p := schema.Patch{ID: pid, Origin: schema.Position{File: file, Sheet: "Records", Line: row + 2, Col: 1}}
		for c := range rng.IntN(4) {
			pos := schema.Position{File: file, Sheet: "Records", Line: row + 2, Col: c + 2}
			f := fields[rng.IntN(len(fields))]
			if rng.IntN(6) == 0 {
				p.Cells = append(p.Cells, schema.PatchCell{Field: f, Clear: true, Pos: pos})
				continue
			}
			p.Cells = append(p.Cells, schema.PatchCell{Field: f, Value: values[rng.IntN(len(values))], Pos: pos})
		}
		patches = append(patches, p)
	}
	return recs, patches
}

// TestMergeRandom holds Merge and Apply to mergeRef, the first, plain
// implementation, on random inputs: the same records in the same order,
// with the same sources, and the same problems; the listing unchanged by
// Merge.
func TestMergeRandom(t *testing.T) {
	for seed := range uint64(400) {
		rng := rand.New(rand.NewPCG(seed, 7))
		n := rng.IntN(60)
		if seed%50 == 0 {
			n = 3000 // enough to sort in two halves at once
		}
		recs, patches := randomInput(rng, n, seed%4 == 3)
		want, wantPs := mergeRef(recs, patches)
		before := deepCopy(recs)
		got, ps := Merge(recs, patches)
		if !reflect.DeepEqual(recs, before) {
			t.Fatalf("seed %d: Merge changed its input", seed)
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(ps, wantPs) {
			t.Fatalf("seed %d: Merge:\n%s%v\nreference:\n%s%v", seed, show(got), ps, show(want), wantPs)
		}
		got, ps = Apply(deepCopy(recs), patches)
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(ps, wantPs) {
			t.Fatalf("seed %d: Apply:\n%s%v\nreference:\n%s%v", seed, show(got), ps, show(want), wantPs)
		}
	}
}

// TestSortKeys: sorting by prefixes then by id within runs of equal
// prefixes, in halves or not, gives CompareIDs' order, ties in their
// original order.
func TestSortKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	words := []string{"danube-region-border-", "danube-region-", "d", "-", "a", "z9", ""}
	for _, n := range []int{0, 1, 40, parallelSort + 17} {
		keys := make([]sortKey, n)
		for i := range keys {
			id := words[rng.IntN(len(words))] + words[rng.IntN(len(words))] + fmt.Sprint(rng.IntN(n+1))
			keys[i] = newSortKey(id, i)
		}
		want := slices.Clone(keys)
		slices.SortStableFunc(want, func(a, b sortKey) int { return schema.CompareIDs(a.id, b.id) })
		got := sortKeys(keys)
		if len(got) != len(want) {
			t.Fatalf("%d keys sorted into %d", len(want), len(got))
		}
		for i := range got {
			if got[i].src != want[i].src || got[i].id != want[i].id {
				t.Fatalf("n=%d: place %d holds %q (record %d), want %q (record %d)", n, i, got[i].id, got[i].src, want[i].id, want[i].src)
			}
		}
	}
}

// TestApplyRoom: Apply gives the reference's records whether the listing's
// slice has room for the records only in workbooks or not, and with room
// it places them there rather than in a new array.
func TestApplyRoom(t *testing.T) {
	for seed := range uint64(100) {
		rng := rand.New(rand.NewPCG(seed, 11))
		recs, patches := randomInput(rng, 1+rng.IntN(60), false)
		want, wantPs := mergeRef(recs, patches)
		added := len(want) - len(recs)
		for _, room := range []int{0, added, added + 5} {
			in := slices.Grow(deepCopy(recs), room)[:len(recs)]
			got, ps := Apply(in, patches)
			if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(ps, wantPs) {
				t.Fatalf("seed %d, room %d: Apply:\n%s%v\nreference:\n%s%v", seed, room, show(got), ps, show(want), wantPs)
			}
			if shared := &got[0] == &in[:1][0]; shared != (cap(in) >= len(want)) {
				t.Errorf("seed %d, room %d: %d records in a slice of capacity %d: result shares its array: %v", seed, room, len(want), cap(in), shared)
			}
		}
	}
}

// TestApplySourcesApart: the room Apply makes for the sources cells add
// belongs to one record each: adding a source to each record afterwards
// changes no other record's.
func TestApplySourcesApart(t *testing.T) {
	for seed := range uint64(50) {
		rng := rand.New(rand.NewPCG(seed, 13))
		recs, patches := randomInput(rng, 1+rng.IntN(60), false)
		got, _ := Apply(recs, patches)
		before := deepCopy(got)
		for i := range got {
			got[i].SetSource(schema.FieldWikidata, lpos(1000+i))
		}
		for i := range got {
			rest := slices.DeleteFunc(slices.Clone(got[i].Sources), func(s schema.FieldSource) bool { return s.Field == schema.FieldWikidata })
			if len(rest) != len(got[i].Sources)-1 || !slices.Equal(rest, before[i].Sources) {
				t.Fatalf("seed %d: record %d has sources %v, had %v", seed, i, got[i].Sources, before[i].Sources)
			}
		}
	}
}
