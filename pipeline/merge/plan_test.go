package merge

import (
	"math/rand/v2"
	"reflect"
	"sync"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

// TestPlanRandom holds Plan, merging record by record (in a shuffled
// order, on several goroutines, as a store's loader may), to mergeRef on
// random inputs: the same records in the same order and the same
// problems once sorted.
func TestPlanRandom(t *testing.T) {
	for seed := range uint64(400) {
		rng := rand.New(rand.NewPCG(seed, 11))
		n := rng.IntN(60)
		if seed%50 == 0 {
			n = 3000
		}
		recs, patches := randomInput(rng, n, seed%4 == 3)
		want, wantPs := mergeRef(recs, patches)
		ids := make([]string, len(recs))
		for i := range recs {
			ids[i] = recs[i].ID
		}
		plan := NewPlan(ids, patches)
		if plan.Len() != len(want) {
			t.Fatalf("seed %d: Len %d, want %d", seed, plan.Len(), len(want))
		}
		for k := range want {
			if plan.ID(k) != want[k].ID {
				t.Fatalf("seed %d: ID(%d) = %q, want %q", seed, k, plan.ID(k), want[k].ID)
			}
		}
		got := make([]schema.Record, plan.Len())
		found := make([]schema.Problems, plan.Len())
		order := rng.Perm(plan.Len())
		var wg sync.WaitGroup
		for w := range 3 {
			wg.Go(func() {
				for x := w; x < len(order); x += 3 {
					k := order[x]
					var rec schema.Record
					if src := plan.Listed(k); src >= 0 {
						rec = cloneRef(recs[src])
					}
					found[k] = plan.Merge(k, &rec)
					got[k] = rec
				}
			})
		}
		wg.Wait()
		ps := append(schema.Problems(nil), plan.Problems()...)
		for _, f := range found {
			ps = append(ps, f...)
		}
		ps.Sort()
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(ps, wantPs) {
			t.Fatalf("seed %d: Plan:\n%s%v\nreference:\n%s%v", seed, show(got), ps, show(want), wantPs)
		}
	}
}
