package schema

import (
	"math/rand/v2"
	"testing"
)

// osa is the optimal string alignment distance, the whole table: the
// reference the banded, cut-off distance is held to.
func osa(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func TestDistanceBanded(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	word := func() string {
		b := make([]byte, rng.IntN(9))
		for i := range b {
			b[i] = "abc-"[rng.IntN(4)]
		}
		return string(b)
	}
	var rows editRows
	for range 20000 {
		a, b, most := word(), word(), 1+rng.IntN(3)
		want := osa(a, b)
		got := rows.distance(a, b, most)
		if want <= most && got != want || want > most && got <= most {
			t.Fatalf("distance(%q, %q, %d) = %d, want %d", a, b, most, got, want)
		}
	}
}

// TestBagDistanceBound: the bag distance never exceeds the edit distance,
// so the filter never drops a candidate the table would keep.
func TestBagDistanceBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	word := func() string {
		b := make([]byte, rng.IntN(9))
		for i := range b {
			b[i] = "abAc-1é"[rng.IntN(7)]
		}
		return string(b)
	}
	for range 20000 {
		a, b := word(), word()
		bg := bagOf(a)
		if bd, d := bagDistance(&bg, b), osa(a, b); bd > d {
			t.Fatalf("bagDistance(%q, %q) = %d > distance %d", a, b, bd, d)
		}
	}
}
