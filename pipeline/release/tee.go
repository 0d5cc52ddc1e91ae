package release

import (
	"context"
	"fmt"
	"iter"
	"sync"
	"sync/atomic"

	"github.com/bordernet/bordernet/schema"
)

// graphTee makes one graph's triples once for several writers at a time.
// The Turtle, N-Triples and JSON-LD writers write the same graph; making
// it (mapping records to triples, minting IRIs) is a fifth of each
// writer's CPU time at a million records, so it is done once and its
// blocks handed to every writer in batches.
//
// Each reader gets every block, in order. A batch is reused once every
// reader is done with it, so memory stays a few batches whatever the
// graph's size. A reader that stops early, or whose writer ends without
// reading, is skipped from then on (see leave); cancelling ctx stops the
// producer and ends every reader's blocks.
//
// The tee checks every triple (schema.Checker) once, and gives the
// readers a graph marked Checked, so the writers do not check it three
// times (UTF-8 validation of the literals alone is 1.5 CPU s per writer
// at a million records). A triple that fails ends the blocks for every
// reader; wait returns its error.
type graphTee struct {
	ctx     context.Context
	graph   schema.Graph
	readers []teeReader
	free    chan *teeBatch // batches every reader is done with
	done    chan struct{}  // closed when the producer has returned

	mu  sync.Mutex
	err error // the first triple that failed its check
}

type teeReader struct {
	batches chan *teeBatch
	gone    chan struct{} // closed by leave
	leave   sync.Once
	claimed atomic.Bool // its blocks are being read
}

// teeBatch holds consecutive blocks back to back: block k is
// triples[ends[k-1]:ends[k]].
type teeBatch struct {
	triples []schema.Triple
	ends    []int
	pending atomic.Int32 // readers yet to finish with it
}

// teeBatchTriples is how many triples a batch gathers before it is handed
// on: large enough that handing on costs nothing next to the triples,
// small enough that the batches in flight stay a few megabytes.
const teeBatchTriples = 4096

// teeQueue is how many batches a reader may fall behind the producer.
const teeQueue = 4

// newGraphTee starts making g's blocks for n readers; read them with
// blocks, and call leave for each reader once its writer has returned.
func newGraphTee(ctx context.Context, g schema.Graph, n int) *graphTee {
	t := &graphTee{
		ctx:     ctx,
		graph:   g,
		readers: make([]teeReader, n),
		free:    make(chan *teeBatch, n*(teeQueue+1)),
		done:    make(chan struct{}),
	}
	for i := range t.readers {
		t.readers[i].batches = make(chan *teeBatch, teeQueue)
		t.readers[i].gone = make(chan struct{})
	}
	go t.produce()
	return t
}

// reader returns the graph reader i writes: g with its blocks from the tee.
func (t *graphTee) reader(i int) schema.Graph {
	g := t.graph
	g.Blocks = t.blocks(i)
	g.Checked = true
	return g
}

// produce iterates the graph once, gathering its blocks into batches and
// sending each to every reader still there.
func (t *graphTee) produce() {
	defer close(t.done)
	defer func() {
		for i := range t.readers {
			close(t.readers[i].batches)
		}
	}()
	b := t.batch()
	for block := range t.checkedBlocks() {
		b.triples = append(b.triples, block...)
		b.ends = append(b.ends, len(b.triples))
		if len(b.triples) >= teeBatchTriples {
			if !t.send(b) {
				return
			}
			b = t.batch()
		}
	}
	if len(b.ends) > 0 {
		t.send(b)
	}
}

// checkedBlocks walks the graph, checking every triple: a triple that
// fails ends the walk, and wait returns its error.
func (t *graphTee) checkedBlocks() iter.Seq[[]schema.Triple] {
	return func(yield func([]schema.Triple) bool) {
		if t.graph.Blocks == nil {
			return
		}
		var check schema.Checker
		n := 0
		for block := range t.graph.Blocks {
			n++
			for i, tr := range block {
				if err := check.Check(tr); err != nil {
					t.fail(fmt.Errorf("block %d, triple %d: %w", n, i+1, err))
					return
				}
			}
			if !yield(block) {
				return
			}
		}
	}
}

// fail keeps err if it is the first.
func (t *graphTee) fail(err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.err == nil {
		t.err = err
	}
}

// batch returns an empty batch, a reused one when there is one.
func (t *graphTee) batch() *teeBatch {
	select {
	case b := <-t.free:
		b.triples, b.ends = b.triples[:0], b.ends[:0]
		return b
	default:
		return &teeBatch{triples: make([]schema.Triple, 0, 2*teeBatchTriples)}
	}
}

// send hands b to every reader still there, and reports false once ctx is
// done.
func (t *graphTee) send(b *teeBatch) bool {
	b.pending.Store(int32(len(t.readers)))
	for i := range t.readers {
		r := &t.readers[i]
		select {
		case r.batches <- b:
		case <-r.gone:
			t.release(b)
		case <-t.ctx.Done():
			return false
		}
	}
	return true
}

// release says one reader is done with b.
func (t *graphTee) release(b *teeBatch) {
	if b.pending.Add(-1) == 0 {
		select {
		case t.free <- b:
		default:
		}
	}
}

// blocks is reader i's iterator. Only its first iteration reads from the
// tee; a writer that walks the graph again gets a walk of its own, checked
// as the tee's is.
func (t *graphTee) blocks(i int) iter.Seq[[]schema.Triple] {
	r := &t.readers[i]
	return func(yield func([]schema.Triple) bool) {
		if !r.claimed.CompareAndSwap(false, true) {
			t.checkedBlocks()(yield)
			return
		}
		for b := range r.batches {
			from := 0
			for _, to := range b.ends {
				// The capacity is cut so that a writer appending to a
				// block cannot write over the next.
				if !yield(b.triples[from:to:to]) {
					t.release(b)
					t.leave(i)
					return
				}
				from = to
			}
			t.release(b)
		}
	}
}

// leave says reader i reads no more: the producer skips it from now on,
// and the batches already queued for it are released.
func (t *graphTee) leave(i int) {
	r := &t.readers[i]
	r.leave.Do(func() { close(r.gone) })
	for {
		select {
		case b, ok := <-r.batches:
			if !ok {
				return
			}
			t.release(b)
		default:
			return
		}
	}
}

// wait returns once the producer has (after every reader has left, or ctx
// is done) with the error of the triple that failed its check, if one did.
func (t *graphTee) wait() error {
	<-t.done
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.err
}
