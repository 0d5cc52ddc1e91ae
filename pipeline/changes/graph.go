package changes

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
)

// GraphDiff counts what WriteGraphDiff wrote.
type GraphDiff struct {
	Deleted, Inserted int // triples
}

// PatchIDs name an RDF Patch in a log of patches: its own id and the id
// of the patch before it ("" for none). Both are IRIs.
type PatchIDs struct{ ID, Prev string }

// WriteGraphDiff compares the sorted N-Triples files oldPath and newPath
// and writes the difference to ru as a SPARQL 1.1 Update (DELETE DATA of
// the triples only in old, then INSERT DATA of those only in new) and to
// rdfp as an RDF Patch (one transaction: D rows, then A rows). Either
// writer may be nil. It reads each file twice, line by line, so memory
// does not grow with the graphs. A file that is not sorted, or a triple
// with a blank node (which DELETE DATA cannot name), is an error naming
// the file and the line.
func WriteGraphDiff(ctx context.Context, oldPath, newPath string, ru, rdfp io.Writer, ids PatchIDs, comment string) (GraphDiff, error) {
	var d GraphDiff
	if ru == nil {
		ru = io.Discard
	}
	if rdfp == nil {
		rdfp = io.Discard
	}
	bru, bp := bufio.NewWriterSize(ru, 256<<10), bufio.NewWriterSize(rdfp, 256<<10)
	if comment != "" {
		fmt.Fprintf(bru, "# %s\n", comment)
	}
	if ids.ID != "" {
		fmt.Fprintf(bp, "H id <%s> .\n", ids.ID)
	}
	if ids.Prev != "" {
		fmt.Fprintf(bp, "H prev <%s> .\n", ids.Prev)
	}
	bp.WriteString("TX .\n")
	bru.WriteString("DELETE DATA {\n")
	n, err := mergeNT(ctx, oldPath, newPath, func(line []byte) {
		bru.Write(line)
		bru.WriteByte('\n')
		bp.WriteString("D ")
		bp.Write(line)
		bp.WriteByte('\n')
	}, nil)
	if err != nil {
		return d, err
	}
	d.Deleted = n
	bru.WriteString("} ;\nINSERT DATA {\n")
	n, err = mergeNT(ctx, oldPath, newPath, nil, func(line []byte) {
		bru.Write(line)
		bru.WriteByte('\n')
		bp.WriteString("A ")
		bp.Write(line)
		bp.WriteByte('\n')
	})
	if err != nil {
		return d, err
	}
	d.Inserted = n
	bru.WriteString("}\n")
	bp.WriteString("TC .\n")
	if err := bru.Flush(); err != nil {
		return d, err
	}
	return d, bp.Flush()
}

// ntStream reads the statements of a sorted N-Triples file in order, each
// once (a repeated line is one triple: a graph is a set).
type ntStream struct {
	sc   *bufio.Scanner
	path string
	line int
	cur  []byte // the current statement, nil at the end
	prev []byte
}

func openNT(path string) (*ntStream, *os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	sc := bufio.NewScanner(bufio.NewReaderSize(f, 256<<10))
	sc.Buffer(make([]byte, 64<<10), maxNTLine)
	return &ntStream{sc: sc, path: path}, f, nil
}

// advance moves to the next statement, checking the order and refusing
// blank nodes.
func (s *ntStream) advance() error {
	s.prev = append(s.prev[:0], s.cur...)
	for s.sc.Scan() {
		s.line++
		b := bytes.TrimRight(s.sc.Bytes(), " \t\r")
		if len(b) == 0 || b[0] == '#' {
			continue
		}
		if c := bytes.Compare(b, s.prev); s.line > 1 && len(s.prev) > 0 && c <= 0 {
			if c == 0 {
				continue
			}
			return fmt.Errorf("%s:%d: the statements are not sorted (this line sorts before the one above): not an N-Triples file of a bordernet release", s.path, s.line)
		}
		if bytes.Contains(b, []byte("_:")) {
			l, err := parseNTLine(string(b))
			if err != nil {
				return fmt.Errorf("%s:%d: %w", s.path, s.line, err)
			}
			if l.s[0] == '_' || l.o[0] == '_' {
				return fmt.Errorf("%s:%d: a blank node: the graph difference cannot name it in DELETE DATA (bordernet's graphs have none)", s.path, s.line)
			}
		}
		s.cur = b
		return nil
	}
	s.cur = nil
	if err := s.sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", s.path, err)
	}
	return nil
}

// mergeNT walks two sorted N-Triples files together and calls onlyOld
// for each statement only in the old one, onlyNew for each only in the
// new one (either may be nil). It returns how many calls it made.
func mergeNT(ctx context.Context, oldPath, newPath string, onlyOld, onlyNew func([]byte)) (int, error) {
	a, fa, err := openNT(oldPath)
	if err != nil {
		return 0, err
	}
	defer fa.Close()
	b, fb, err := openNT(newPath)
	if err != nil {
		return 0, err
	}
	defer fb.Close()
	if err := errors.Join(a.advance(), b.advance()); err != nil {
		return 0, err
	}
	n := 0
	for step := 0; a.cur != nil || b.cur != nil; step++ {
		if step%65536 == 0 {
			if err := ctx.Err(); err != nil {
				return n, err
			}
		}
		c := 0
		switch {
		case a.cur == nil:
			c = 1
		case b.cur == nil:
			c = -1
		default:
			c = bytes.Compare(a.cur, b.cur)
		}
		if c < 0 && onlyOld != nil {
			onlyOld(a.cur)
			n++
		}
		if c > 0 && onlyNew != nil {
			onlyNew(b.cur)
			n++
		}
		if c <= 0 {
			if err := a.advance(); err != nil {
				return n, err
			}
		}
		if c >= 0 {
			if err := b.advance(); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}
