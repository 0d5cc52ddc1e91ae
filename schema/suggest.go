package schema

import (
	"cmp"
	"iter"
	"slices"
	"strings"
)

// Closest returns the candidates nearest to word, for a "did you mean"
// hint: at most limit of them, nearest first and alphabetically among
// equals, among those within an edit distance that grows with the word
// (1 for up to 4 bytes, 2 for up to 8, else 3). The distance counts
// inserted, deleted and changed letters and two neighbours swapped
// ("fronetx" is 1 from "frontex"), so the usual typing slips are near.
// word itself is never suggested.
func Closest(word string, candidates iter.Seq[string], limit int) []string {
	most := 3
	switch {
	case len(word) <= 4:
		most = 1
	case len(word) <= 8:
		most = 2
	}
	type near struct {
		name string
		dist int
	}
	var found []near
	var row editRows
	wordBag := bagOf(word)
	for c := range candidates {
		if c == word || len(c)-len(word) > most || len(word)-len(c) > most {
			continue
		}
		// Each edit adds or removes at most one letter of each kind (a
		// swap none): letters that differ by more than most rule a
		// candidate out at a fraction of the table's cost.
		if bagDistance(&wordBag, c) > most {
			continue
		}
		if d := row.distance(word, c, most); d <= most {
			found = append(found, near{c, d})
		}
	}
	slices.SortFunc(found, func(a, b near) int { return cmp.Or(cmp.Compare(a.dist, b.dist), cmp.Compare(a.name, b.name)) })
	found = slices.CompactFunc(found, func(a, b near) bool { return a.name == b.name })
	names := make([]string, 0, min(limit, len(found)))
	for _, n := range found[:min(limit, len(found))] {
		names = append(names, n.name)
	}
	return names
}

// bag counts the bytes of a word by kind: letters, digits, '-', and one
// kind for every other byte.
type bag [38]int16

func bagIndex(c byte) int {
	switch {
	case c >= 'a' && c <= 'z':
		return int(c - 'a')
	case c >= 'A' && c <= 'Z':
		return int(c - 'A')
	case c >= '0' && c <= '9':
		return 26 + int(c-'0')
	case c == '-':
		return 36
	}
	return 37
}

func bagOf(s string) bag {
	var b bag
	for i := 0; i < len(s); i++ {
		b[bagIndex(s[i])]++
	}
	return b
}

// bagDistance is the larger of the number of letters c has that w lacks
// and the number w has that c lacks, counting repeats: a lower bound of
// their edit distance.
func bagDistance(w *bag, c string) int {
	d := *w
	for i := 0; i < len(c); i++ {
		d[bagIndex(c[i])]--
	}
	more, fewer := 0, 0
	for _, n := range d {
		if n > 0 {
			more += int(n)
		} else {
			fewer -= int(n)
		}
	}
	return max(more, fewer)
}

// HintBudget is how many "did you mean" hints a run looks for among n
// candidates. Each reads every candidate (about a microsecond each at
// worst, ids that share long prefixes), so a run reads about two million
// at most: 100 hints up to 20,000 ids, 2 at a million. The hints go to
// the first problems in report order, the ones a curator reads first.
func HintBudget(n int) int {
	return max(1, min(100, 2_000_000/max(1, n)))
}

// DidYouMean words Closest's answer for a message: "did you mean
// frontex?", "did you mean euaa or eurodac?", or "" when there is none.
func DidYouMean(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return "did you mean " + names[0] + "?"
	}
	return "did you mean " + strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1] + "?"
}

// editRows are the three rows of the distance table, kept between calls
// so that looking among many candidates allocates once.
type editRows struct{ prev2, prev, cur []int }

// distance is the optimal string alignment distance of a and b, by bytes
// (ids and names are ASCII), or more than most as soon as it must be.
// Only the band of cells within most of the diagonal is computed: a cell
// outside it is more than most already.
func (e *editRows) distance(a, b string, most int) int {
	n := len(b) + 1
	if cap(e.cur) < n {
		e.prev2, e.prev, e.cur = make([]int, n), make([]int, n), make([]int, n)
	}
	far := most + 1
	if len(a)-len(b) > most || len(b)-len(a) > most {
		return far // the last cell is outside the band
	}
	prev2, prev, cur := e.prev2[:n], e.prev[:n], e.cur[:n]
	for j := range prev {
		prev[j] = min(j, far)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-most), min(len(b), i+most)
		cur[0] = min(i, far)
		if lo > 1 {
			cur[lo-1] = far
		}
		least := cur[0]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = min(d, far)
			least = min(least, cur[j])
		}
		if hi < len(b) {
			cur[hi+1] = far
		}
		if least > most {
			return far
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
