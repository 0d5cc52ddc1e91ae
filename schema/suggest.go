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
	for c := range candidates {
		if c == word || len(c)-len(word) > most || len(word)-len(c) > most {
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
func (e *editRows) distance(a, b string, most int) int {
	n := len(b) + 1
	if cap(e.cur) < n {
		e.prev2, e.prev, e.cur = make([]int, n), make([]int, n), make([]int, n)
	}
	prev2, prev, cur := e.prev2[:n], e.prev[:n], e.cur[:n]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		least := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
			least = min(least, d)
		}
		if least > most {
			return most + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
