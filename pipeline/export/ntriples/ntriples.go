// Package ntriples owns bordernet's N-Triples format, in the manner of
// encoding/csv: a writer and its reader. Write streams a schema.Graph as
// canonical N-Triples (one triple per line, single spaces, " ." and a
// newline; literals escaped as RDF 1.2 canonical N-Triples and RDFC-1.0
// escape them; xsd:string never written), with the lines of the whole
// document sorted and without duplicates. ParseLine reads one line back
// into a schema.Triple, accepting every line Write writes and any other
// valid spacing and escaping, with errors positioned by column
// (*ParseError); CheckLine is the same reader for a check that wants no
// triple and no allocation. lookup reads a release's triples with
// ParseLine; verify checks bordernet.nt with CheckLine.
//
// Sorting is done while streaming: the writer sorts each block's lines and
// relies on the graph's promise (see schema.Graph) that blocks come in line
// order. It checks that promise at every block boundary and returns an
// error rather than write an unsorted file.
package ntriples

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"slices"

	"github.com/bordernet/bordernet/schema"
)

// Write writes g to w as sorted canonical N-Triples. g.Prefixes are not
// used: N-Triples has none. It stops at the first triple that cannot be
// written, the first block out of line order, or the first write error.
func Write(w io.Writer, g schema.Graph) error {
	if g.Blocks == nil {
		return nil
	}
	ew := &errWriter{w: w}
	bw := bufio.NewWriterSize(ew, 64<<10)
	var (
		arena []byte   // the current block's lines, back to back
		lines [][]byte // views into arena
		last  []byte   // the last line written, for the order check
		block int
		check schema.Checker
	)
	for triples := range g.Blocks {
		block++
		arena, lines = arena[:0], lines[:0]
		for i, tr := range triples {
			if !g.Checked {
				if err := check.Check(tr); err != nil {
					return fmt.Errorf("ntriples: block %d, triple %d: %w", block, i+1, err)
				}
			}
			arena = tr.AppendNTriples(arena)
		}
		// Views are taken after the arena stops growing, so none points
		// into a buffer append has abandoned.
		for start := 0; start < len(arena); {
			end := start + bytes.IndexByte(arena[start:], '\n') + 1
			lines = append(lines, arena[start:end])
			start = end
		}
		if len(lines) == 0 {
			continue
		}
		// A block's lines share a long start (a record's IRI), so the
		// sort compares what follows it.
		common := commonPrefix(lines)
		slices.SortFunc(lines, func(a, b []byte) int { return bytes.Compare(a[common:], b[common:]) })
		if last != nil && bytes.Compare(lines[0], last) < 0 {
			return fmt.Errorf("ntriples: block %d is out of line order: %q sorts before the line written before it, %q", block, bytes.TrimSpace(lines[0]), bytes.TrimSpace(last))
		}
		for i, line := range lines {
			// A graph is a set: drop a line equal to the one before,
			// in this block or at the end of the last.
			if i > 0 && bytes.Equal(line, lines[i-1]) || i == 0 && bytes.Equal(line, last) {
				continue
			}
			bw.Write(line)
		}
		last = append(last[:0], lines[len(lines)-1]...)
		if ew.err != nil {
			return fmt.Errorf("ntriples: %w", ew.err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("ntriples: %w", err)
	}
	return nil
}

// commonPrefix returns the length of the longest start all lines share.
// Most lines share as much with the first as the one before did, which a
// memory compare confirms faster than a loop over the bytes finds.
func commonPrefix(lines [][]byte) int {
	first := lines[0]
	n := len(first)
	for _, l := range lines[1:] {
		if len(l) >= n && bytes.Equal(l[:n], first[:n]) {
			continue
		}
		n = min(n, len(l))
		i := 0
		for i < n && l[i] == first[i] {
			i++
		}
		n = i
	}
	return n
}

// errWriter remembers the first write error, so the writer stops iterating
// the graph at the next block instead of rendering the rest of it into a
// broken pipe.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	e.err = err
	return n, err
}
