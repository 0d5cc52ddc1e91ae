package schema

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// orderStep is one part of the records' graph, named by the record's
// Origin line (tests give each record its own).
type orderStep struct {
	line         int
	record, prov bool
}

// referenceOrder is the order the mapper had before records could be on
// disk, kept as the judge: both part streams sorted in full, held in
// memory with every escaped id, and merged.
func referenceOrder(records []Record) []orderStep {
	n := len(records)
	escaped := make([]string, n)
	for i := range records {
		escaped[i] = escapeSegment(records[i].ID)
	}
	sorted := func(term byte) []int {
		order := make([]int, n)
		for k := range order {
			order[k] = k
		}
		slices.SortStableFunc(order, func(a, b int) int { return compareKeys(escaped[a], term, escaped[b], term) })
		return order
	}
	recOrder, provOrder := sorted('>'), sorted('#')
	var out []orderStep
	i, j := 0, 0
	for i < n || j < n {
		for j < n && !hasProvenance(&records[provOrder[j]]) {
			j++
		}
		if j >= n {
			if i >= n {
				break
			}
			out = append(out, orderStep{records[recOrder[i]].Origin.Line, true, false})
			i++
			continue
		}
		p := provOrder[j]
		if i < n {
			r := recOrder[i]
			if compareKeys(escaped[r], '>', escaped[p], '#') < 0 {
				out = append(out, orderStep{records[r].Origin.Line, true, false})
				i++
				continue
			}
			if r == p {
				out = append(out, orderStep{records[r].Origin.Line, true, true})
				i++
				j++
				continue
			}
		}
		out = append(out, orderStep{records[p].Origin.Line, false, true})
		j++
	}
	return out
}

// hiddenSlice is a RecordSet in memory that is not a RecordSlice, as a
// store on disk is not, and counts the records read by At.
type hiddenSlice struct {
	RecordSlice
	at *int
}

func (h hiddenSlice) At(i int) Record {
	*h.at++
	return h.RecordSlice.At(i)
}

func graphSteps(set RecordSet, window int) []orderStep {
	o := newGraphOrder(set)
	o.window = window
	defer o.close()
	var out []orderStep
	for p := range o.parts() {
		out = append(out, orderStep{p.rec.Origin.Line, p.record, p.prov})
	}
	return out
}

// orderRecords makes a record per id, its Origin line its index, with a
// provenance node where withProv says.
func orderRecords(ids []string, withProv func(i int) bool) []Record {
	recs := make([]Record, len(ids))
	for i, id := range ids {
		recs[i] = Record{ID: id, Name: "n", Origin: Position{File: "l.txt", Line: i + 1}}
		if withProv(i) {
			recs[i].SetSource(FieldName, Position{File: "c.xlsx", Sheet: "R", Line: i + 2, Col: 4})
		}
	}
	return recs
}

// checkOrder holds the one-pass order to the reference, for the records
// as given (a slice, sorted by a copy when they are not in order) and,
// sorted, from a set that is not a slice, with windows from one record.
// Records that repeat an id (unvalidated data) have lines no order can
// sort: of them it requires every part once, in some order.
func checkOrder(t *testing.T, recs []Record) {
	t.Helper()
	want := referenceOrder(recs)
	if repeated(recs) {
		wantParts := partsOf(want)
		if got := partsOf(graphSteps(RecordSlice(recs), orderWindow)); !slices.Equal(got, wantParts) {
			t.Fatalf("ids %q: parts\n%v, want\n%v", idsOf(recs), got, wantParts)
		}
		sorted := sortedForGraph(RecordSlice(recs))
		for _, w := range []int{1, 2, 3, 7, orderWindow} {
			at := 0
			if got := partsOf(graphSteps(hiddenSlice{sorted, &at}, w)); !slices.Equal(got, wantParts) {
				t.Fatalf("ids %q, window %d, not a slice: parts\n%v, want\n%v", idsOf(sorted), w, got, wantParts)
			}
		}
		return
	}
	if got := graphSteps(RecordSlice(recs), orderWindow); !slices.Equal(got, want) {
		t.Fatalf("ids %q: parts\n%v, want\n%v", idsOf(recs), got, want)
	}
	sorted := sortedForGraph(RecordSlice(recs))
	for _, w := range []int{1, 2, 3, 7, orderWindow} {
		at := 0
		if got := graphSteps(hiddenSlice{sorted, &at}, w); !slices.Equal(got, want) {
			t.Fatalf("ids %q, window %d, not a slice: parts\n%v, want\n%v", idsOf(sorted), w, got, want)
		}
	}
}

// repeated reports whether two records have one id.
func repeated(recs []Record) bool {
	seen := map[string]bool{}
	for i := range recs {
		if seen[recs[i].ID] {
			return true
		}
		seen[recs[i].ID] = true
	}
	return false
}

// partsOf returns each record's parts, a record part and a provenance
// part apart, sorted.
func partsOf(steps []orderStep) []orderStep {
	var out []orderStep
	for _, s := range steps {
		if s.record {
			out = append(out, orderStep{line: s.line, record: true})
		}
		if s.prov {
			out = append(out, orderStep{line: s.line, prov: true})
		}
	}
	slices.SortFunc(out, func(a, b orderStep) int {
		if a.line != b.line {
			return a.line - b.line
		}
		if a.record != b.record {
			if a.record {
				return -1
			}
			return 1
		}
		return 0
	})
	return out
}

func idsOf(recs []Record) []string {
	out := make([]string, len(recs))
	for i := range recs {
		out[i] = recs[i].ID
	}
	return out
}

// TestGraphOrderRandom: ids drawn from bytes on every side of '#' and '>'
// (and needing escapes), prefixes of one another, repeated, in and out of
// order, with and without provenance.
func TestGraphOrderRandom(t *testing.T) {
	const alphabet = "a-0.b9_~ /%#>"
	rng := rand.New(rand.NewPCG(13, 1))
	for round := range 3000 {
		n := rng.IntN(40)
		idList := make([]string, n)
		for i := range idList {
			b := make([]byte, 1+rng.IntN(4))
			for k := range b {
				b[k] = alphabet[rng.IntN(min(len(alphabet), 4+round%len(alphabet)))]
			}
			idList[i] = string(b)
		}
		if round%3 != 0 { // a third keep repeated ids
			slices.Sort(idList)
			idList = slices.Compact(idList)
			rng.Shuffle(len(idList), func(i, j int) { idList[i], idList[j] = idList[j], idList[i] })
		}
		if round%2 == 0 {
			slices.SortFunc(idList, CompareIDs)
		}
		p := rng.IntN(4)
		checkOrder(t, orderRecords(idList, func(i int) bool { return p == 3 || (p > 0 && rng.IntN(p+1) > 0) }))
	}
}

// TestGraphOrderChains: the cases that make the provenance stream run
// ahead: a prefix far behind a long run of ids extending it, chains of
// ids each a prefix of the next, ids with dashes and digits as slugs
// have them.
func TestGraphOrderChains(t *testing.T) {
	var run, chain, slugs []string
	run = append(run, "x")
	for i := range 300 {
		run = append(run, fmt.Sprintf("x-%03d", i))
		slugs = append(slugs, fmt.Sprintf("frontex-%d", i), fmt.Sprintf("frontex-%d-liaison", i%17))
	}
	for i := 1; i <= 80; i++ {
		chain = append(chain, strings.Repeat("1", i), strings.Repeat("1", i)+"-a")
	}
	slugs = append(slugs, "frontex", "frontex-1-liaison-2", "eu")
	for _, idList := range [][]string{run, chain, slugs} {
		slices.Sort(idList)
		idList = slices.Compact(idList)
		slices.SortFunc(idList, CompareIDs)
		for p := range 3 {
			checkOrder(t, orderRecords(idList, func(i int) bool { return p == 2 || i%2 == p }))
		}
	}
}

// TestGraphOrderReadsOnce: slugs as a release has them are read in one
// pass, with few records read a second time by At (the look-ups of id
// prefixes that other ids extend).
func TestGraphOrderReadsOnce(t *testing.T) {
	var idList []string
	for i := range 20000 {
		idList = append(idList, fmt.Sprintf("%s-border-network-%d", []string{"baltic", "alpine", "danube"}[i%3], i))
	}
	idList = append(idList, "baltic", "alpine-border", "danube-border-network")
	slices.SortFunc(idList, CompareIDs)
	recs := orderRecords(idList, func(i int) bool { return i%3 > 0 })
	at := 0
	got := graphSteps(hiddenSlice{RecordSlice(recs), &at}, orderWindow)
	if want := referenceOrder(recs); !slices.Equal(got, want) {
		t.Fatal("parts differ from the reference")
	}
	if at > len(recs)/10 {
		t.Errorf("%d records read by At for %d records: the look-ahead reads too much twice", at, len(recs))
	}
}
