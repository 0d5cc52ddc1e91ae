package release

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bordernet/bordernet/schema"
)

// testGraph yields blocks of sizes from 0 to a few batches, each triple
// numbered, from one reused slice as RecordGraph does.
func testGraph(blocks int) schema.Graph {
	return schema.Graph{
		Prefixes: []schema.Prefix{{Name: "ex", IRI: "http://example.org/"}},
		Blocks: func(yield func([]schema.Triple) bool) {
			var buf []schema.Triple
			n := 0
			for b := range blocks {
				buf = buf[:0]
				size := (b * 7919) % (3 * teeBatchTriples / 2)
				if b%10 == 0 {
					size = 0
				}
				for range size {
					buf = append(buf, schema.Triple{
						S: schema.IRI(fmt.Sprintf("http://example.org/s%d", n)),
						P: schema.IRI("http://example.org/p"),
						O: schema.Literal(fmt.Sprint(b)),
					})
					n++
				}
				if !yield(buf) {
					return
				}
			}
		},
	}
}

// collect copies the blocks a reader gets; it stops after stop blocks when
// stop > 0, and appends to every block it gets, as a writer may.
func collect(g schema.Graph, stop int) [][]schema.Triple {
	var got [][]schema.Triple
	for block := range g.Blocks {
		got = append(got, slices.Clone(block))
		_ = append(block, schema.Triple{S: schema.IRI("http://example.org/scribble")})
		if stop > 0 && len(got) == stop {
			break
		}
	}
	return got
}

// within fails the test when f does not return in a minute: a tee that
// blocks its readers would otherwise hang the test run.
func within(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("readers of the tee did not finish: deadlock")
	}
}

func TestGraphTeeGivesEveryReaderEveryBlock(t *testing.T) {
	const blocks = 40
	want := collect(testGraph(blocks), 0)
	for _, readers := range []int{1, 3} {
		t.Run(fmt.Sprint(readers, " readers"), func(t *testing.T) {
			tee := newGraphTee(context.Background(), testGraph(blocks), readers)
			got := make([][][]schema.Triple, readers)
			within(t, func() {
				var wg sync.WaitGroup
				for i := range readers {
					wg.Go(func() {
						defer tee.leave(i)
						got[i] = collect(tee.reader(i), 0)
					})
				}
				wg.Wait()
				if err := tee.wait(); err != nil {
					t.Errorf("wait: %v", err)
				}
			})
			for i := range readers {
				if len(got[i]) != len(want) {
					t.Fatalf("reader %d got %d blocks, want %d", i, len(got[i]), len(want))
				}
				for k := range want {
					if !slices.Equal(got[i][k], want[k]) {
						t.Fatalf("reader %d: block %d differs: %d triples, want %d", i, k, len(got[i][k]), len(want[k]))
					}
				}
			}
			if g := tee.reader(0); len(g.Prefixes) != 1 || g.Prefixes[0].Name != "ex" {
				t.Errorf("reader's prefixes = %v, want the graph's", g.Prefixes)
			}
		})
	}
}

func TestGraphTeeReadersThatStop(t *testing.T) {
	const blocks = 40
	want := collect(testGraph(blocks), 0)
	tee := newGraphTee(context.Background(), testGraph(blocks), 3)
	var stopped, full [][]schema.Triple
	within(t, func() {
		var wg sync.WaitGroup
		wg.Go(func() { // stops early
			defer tee.leave(0)
			stopped = collect(tee.reader(0), 2)
		})
		wg.Go(func() { // its writer never reads
			tee.leave(1)
		})
		wg.Go(func() {
			defer tee.leave(2)
			full = collect(tee.reader(2), 0)
		})
		wg.Wait()
		if err := tee.wait(); err != nil {
			t.Errorf("wait: %v", err)
		}
	})
	if len(stopped) != 2 || len(full) != len(want) {
		t.Errorf("got %d and %d blocks, want 2 and %d", len(stopped), len(full), len(want))
	}
}

func TestGraphTeeSecondWalk(t *testing.T) {
	const blocks = 50
	want := collect(testGraph(blocks), 0)
	tee := newGraphTee(context.Background(), testGraph(blocks), 1)
	var first, second [][]schema.Triple
	within(t, func() {
		g := tee.reader(0)
		first = collect(g, 0)
		second = collect(g, 0)
		tee.leave(0)
		if err := tee.wait(); err != nil {
			t.Errorf("wait: %v", err)
		}
	})
	if len(first) != len(want) || len(second) != len(want) {
		t.Errorf("walks got %d and %d blocks, want %d each", len(first), len(second), len(want))
	}
}

func TestGraphTeeCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	tee := newGraphTee(ctx, testGraph(200), 2)
	var got [][]schema.Triple
	within(t, func() {
		var wg sync.WaitGroup
		wg.Go(func() {
			defer tee.leave(0)
			got = collect(tee.reader(0), 0)
		})
		// Reader 1 reads nothing and stays: only the cancellation frees
		// the producer, and with it reader 0.
		cancel()
		wg.Wait()
		if err := tee.wait(); err != nil {
			t.Errorf("wait: %v", err)
		}
		tee.leave(1)
	})
	if len(got) >= 200 {
		t.Errorf("reader got all %d blocks after the cancellation", len(got))
	}
}

// badGraph is testGraph with a literal as the subject of the first triple
// of block bad.
func badGraph(blocks, bad int) schema.Graph {
	g := testGraph(blocks)
	good := g.Blocks
	g.Blocks = func(yield func([]schema.Triple) bool) {
		n := 0
		for block := range good {
			if n++; n == bad && len(block) > 0 {
				block[0].S = schema.Literal("not a subject")
			}
			if !yield(block) {
				return
			}
		}
	}
	return g
}

func TestGraphTeeBadTriple(t *testing.T) {
	const blocks, bad = 40, 23 // block 23 has triples; blocks 1 to 22 fill batches
	tee := newGraphTee(context.Background(), badGraph(blocks, bad), 2)
	var got [2][][]schema.Triple
	var err error
	within(t, func() {
		var wg sync.WaitGroup
		for i := range 2 {
			wg.Go(func() {
				defer tee.leave(i)
				got[i] = collect(tee.reader(i), 0)
			})
		}
		wg.Wait()
		err = tee.wait()
	})
	if err == nil || !strings.Contains(err.Error(), "block 23, triple 1:") {
		t.Fatalf("wait: %v, want the check's error at block 23, triple 1", err)
	}
	for i := range got {
		if len(got[i]) >= bad {
			t.Errorf("reader %d got %d blocks, want fewer than %d", i, len(got[i]), bad)
		}
	}

	// A second walk of a reader's graph is checked as the tee's is.
	tee = newGraphTee(context.Background(), badGraph(blocks, bad), 1)
	within(t, func() {
		g := tee.reader(0)
		first, second := collect(g, 0), collect(g, 0)
		tee.leave(0)
		if len(first) >= bad || len(second) >= bad {
			t.Errorf("walks got %d and %d blocks, want fewer than %d", len(first), len(second), bad)
		}
		if err := tee.wait(); err == nil {
			t.Error("wait passed the bad triple")
		}
	})
}
