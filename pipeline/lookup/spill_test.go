package lookup

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/pipeline/export/ntriples/rdftest"
	"github.com/bordernet/bordernet/schema"
	"github.com/bordernet/bordernet/schema/recordsettest"
)

// TestLineSorter: lines sorted in runs on disk, whatever the budget, come
// out as sorting them all in memory does, each distinct line once.
func TestLineSorter(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for round := range 50 {
		var lines []string
		for range rng.IntN(500) {
			lines = append(lines, fmt.Sprintf("%d\t%s\n", rng.IntN(80), strings.Repeat("x", rng.IntN(4))))
		}
		want := slices.Compact(slices.Sorted(slices.Values(lines)))
		for _, budget := range []int{1, 50, 1000, sortBudget} {
			parent := t.TempDir()
			s := newLineSorter(parent, budget)
			for _, l := range lines {
				if err := s.add(l); err != nil {
					t.Fatal(err)
				}
			}
			var buf bytes.Buffer
			w := bufio.NewWriter(&buf)
			if err := s.write(w); err != nil {
				t.Fatal(err)
			}
			w.Flush()
			if err := s.close(); err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != strings.Join(want, "") {
				t.Fatalf("round %d, budget %d: %d bytes, want %d", round, budget, len(got), len(strings.Join(want, "")))
			}
			if left, _ := os.ReadDir(parent); len(left) != 0 {
				t.Fatalf("round %d, budget %d: %d runs left behind", round, budget, len(left))
			}
		}
	}
}

// TestInboundFromRuns: the index written through runs of a few lines,
// from records read as copies, is the one sorted in memory, and only
// inbound.tsv is left in the folder.
func TestInboundFromRuns(t *testing.T) {
	rel := rdftest.Synthetic(3000)
	recs := rel.Records.(schema.RecordSlice)
	for i := range recs {
		recs[i].PartnerOf = []string{recs[(i*7+1)%len(recs)].ID, recs[(i*7+1)%len(recs)].ID} // repeated
	}
	write := func(set schema.RecordSet, budget int) []byte {
		dir := t.TempDir()
		r := *rel
		r.Records = set
		names, err := writeInbound(context.Background(), dir, &r, budget)
		if err != nil {
			t.Fatal(err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 || !slices.Equal(names, []string{InboundFile}) {
			t.Fatalf("the folder holds %d entries, the writer names %q: want only %s", len(entries), names, InboundFile)
		}
		data, err := os.ReadFile(filepath.Join(dir, InboundFile))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	want := write(recs, sortBudget)
	if got := write(recordsettest.NewCopies(recs), 4096); !bytes.Equal(got, want) {
		t.Errorf("the index sorted in runs differs from the one sorted in memory (%d bytes, want %d)", len(got), len(want))
	}
	if bytes.Count(want, []byte("\n")) < len(recs) {
		t.Errorf("only %d lines for %d records", bytes.Count(want, []byte("\n")), len(recs))
	}
}
