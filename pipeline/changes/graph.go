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
// rdfp as an RDF Patch (one transaction of D and A rows, in line order).
// Either writer may be nil. It reads each file once, line by line, so
// memory does not grow with the graphs: the triples to insert wait in a
// temporary file in tmpDir (removed before it returns) until the
// deletions are written. A file that is not sorted, or a triple with a
// blank node (which DELETE DATA cannot name), is an error naming the file
// and the line.
func WriteGraphDiff(ctx context.Context, oldPath, newPath string, ru, rdfp io.Writer, ids PatchIDs, comment, tmpDir string) (GraphDiff, error) {
	var d GraphDiff
	if ru == nil {
		ru = io.Discard
	}
	if rdfp == nil {
		rdfp = io.Discard
	}
	spill, err := os.CreateTemp(tmpDir, ".inserts-*.nt")
	if err != nil {
		return d, fmt.Errorf("a temporary file for the graph difference: %w", err)
	}
	defer os.Remove(spill.Name())
	defer spill.Close()
	bru, bp, bs := bufio.NewWriterSize(ru, 256<<10), bufio.NewWriterSize(rdfp, 256<<10), bufio.NewWriterSize(spill, 256<<10)
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
	err = mergeNT(ctx, oldPath, newPath, func(line []byte) {
		d.Deleted++
		bru.Write(line)
		bru.WriteByte('\n')
		bp.WriteString("D ")
		bp.Write(line)
		bp.WriteByte('\n')
	}, func(line []byte) {
		d.Inserted++
		bs.Write(line)
		bs.WriteByte('\n')
		bp.WriteString("A ")
		bp.Write(line)
		bp.WriteByte('\n')
	})
	if err != nil {
		return d, err
	}
	bru.WriteString("} ;\nINSERT DATA {\n")
	if err := bs.Flush(); err != nil {
		return d, fmt.Errorf("a temporary file for the graph difference: %w", err)
	}
	if _, err := spill.Seek(0, io.SeekStart); err != nil {
		return d, err
	}
	if _, err := io.Copy(bru, spill); err != nil {
		return d, fmt.Errorf("a temporary file for the graph difference: %w", err)
	}
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
		b := trimEnd(s.sc.Bytes())
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
			l, err := parseNTLine(b)
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
// new one, in line order.
func mergeNT(ctx context.Context, oldPath, newPath string, onlyOld, onlyNew func([]byte)) error {
	a, fa, err := openNT(oldPath)
	if err != nil {
		return err
	}
	defer fa.Close()
	b, fb, err := openNT(newPath)
	if err != nil {
		return err
	}
	defer fb.Close()
	if err := errors.Join(a.advance(), b.advance()); err != nil {
		return err
	}
	for step := 0; a.cur != nil || b.cur != nil; step++ {
		if step%65536 == 0 {
			if err := ctx.Err(); err != nil {
				return err
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
		if c < 0 {
			onlyOld(a.cur)
		}
		if c > 0 {
			onlyNew(b.cur)
		}
		if c <= 0 {
			if err := a.advance(); err != nil {
				return err
			}
		}
		if c >= 0 {
			if err := b.advance(); err != nil {
				return err
			}
		}
	}
	return nil
}
