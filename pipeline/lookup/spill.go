package lookup

import (
	"bufio"
	"container/heap"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// lineSorter sorts more lines than should be held at once, each distinct
// line once: it holds up to budget bytes of them, and writes each full
// batch, sorted, to a run file in a temporary folder of its own; write
// merges the runs and what it holds. A million records' relations are
// hundreds of megabytes of lines; the runs keep them on disk.
type lineSorter struct {
	parent string // where the temporary folder of runs goes
	budget int    // bytes of lines held before a run is written
	dir    string // the temporary folder, "" until the first run
	held   []string
	size   int
	runs   []string
}

// sortBudget is how many bytes of lines WriteInbound holds in memory.
const sortBudget = 16 << 20

func newLineSorter(parent string, budget int) *lineSorter {
	return &lineSorter{parent: parent, budget: budget}
}

// add adds a line, which ends in "\n".
func (s *lineSorter) add(line string) error {
	s.held = append(s.held, line)
	s.size += len(line) + 16 // the string header too
	if s.size >= s.budget {
		return s.spill()
	}
	return nil
}

// spill writes the lines held, sorted and each once, as a run.
func (s *lineSorter) spill() error {
	if s.dir == "" {
		dir, err := os.MkdirTemp(s.parent, ".inbound-runs-*")
		if err != nil {
			return fmt.Errorf("sorting %s: %w", InboundFile, err)
		}
		s.dir = dir
	}
	path := filepath.Join(s.dir, fmt.Sprintf("run-%d", len(s.runs)))
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("sorting %s: %w", InboundFile, err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 64<<10)
	if err := writeSorted(w, s.held); err != nil {
		return fmt.Errorf("sorting %s: %w", InboundFile, err)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("sorting %s: %w", InboundFile, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("sorting %s: %w", InboundFile, err)
	}
	s.runs = append(s.runs, path)
	clear(s.held)
	s.held, s.size = s.held[:0], 0
	return nil
}

// writeSorted sorts lines and writes each distinct one once.
func writeSorted(w *bufio.Writer, lines []string) error {
	slices.Sort(lines)
	for i, l := range lines {
		if i == 0 || l != lines[i-1] {
			if _, err := w.WriteString(l); err != nil {
				return err
			}
		}
	}
	return nil
}

// write writes every line added, sorted, each distinct line once.
func (s *lineSorter) write(w *bufio.Writer) error {
	if len(s.runs) == 0 {
		return writeSorted(w, s.held)
	}
	if len(s.held) > 0 {
		if err := s.spill(); err != nil {
			return err
		}
	}
	m := &runMerge{}
	for _, path := range s.runs {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("sorting %s: %w", InboundFile, err)
		}
		defer f.Close()
		r := &run{r: bufio.NewReaderSize(f, 64<<10)}
		if err := r.next(); err != nil {
			return err
		}
		if r.line != "" {
			m.runs = append(m.runs, r)
		}
	}
	heap.Init(m)
	last := ""
	for m.Len() > 0 {
		r := m.runs[0]
		if r.line != last {
			if _, err := w.WriteString(r.line); err != nil {
				return err
			}
			last = r.line
		}
		if err := r.next(); err != nil {
			return err
		}
		if r.line == "" {
			heap.Pop(m)
		} else {
			heap.Fix(m, 0)
		}
	}
	return nil
}

// close removes the runs.
func (s *lineSorter) close() error {
	if s.dir == "" {
		return nil
	}
	return os.RemoveAll(s.dir)
}

// run is one sorted run being merged: its next line, "" at its end.
type run struct {
	r    *bufio.Reader
	line string
}

func (r *run) next() error {
	line, err := r.r.ReadString('\n')
	if errors.Is(err, io.EOF) && line == "" {
		r.line = ""
		return nil
	}
	if err != nil {
		return fmt.Errorf("sorting %s: reading a run back: %w", InboundFile, err)
	}
	r.line = line
	return nil
}

// runMerge is a heap of runs by their next line.
type runMerge struct{ runs []*run }

func (m *runMerge) Len() int           { return len(m.runs) }
func (m *runMerge) Less(i, j int) bool { return m.runs[i].line < m.runs[j].line }
func (m *runMerge) Swap(i, j int)      { m.runs[i], m.runs[j] = m.runs[j], m.runs[i] }
func (m *runMerge) Push(x any)         { m.runs = append(m.runs, x.(*run)) }
func (m *runMerge) Pop() any {
	r := m.runs[len(m.runs)-1]
	m.runs = m.runs[:len(m.runs)-1]
	return r
}
