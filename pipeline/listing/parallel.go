package listing

import (
	"bytes"
	"io"
	"runtime"
	"sync"

	"github.com/bordernet/bordernet/schema"
)

// Reading a large listing uses the machine's cores while staying the same
// as reading it line after line: the work is split where it is
// independent, and every result lands where it belongs whatever the order
// the workers finish in.
//
//   - ReadFile splits the file at blank lines near equal fractions of its
//     size and reads the parts at once (readSplit): lines and their units
//     only depend on the blank lines around them. Line numbers are then
//     shifted by the lines of the parts before.
//   - Whether a short line is a heading, and whether a paragraph leads with
//     a name, only read the units: they are worked out in ranges at once.
//   - The entries are then found in one pass, which is cheap, and each
//     entry makes its record on its own, in ranges at once.

// options are the thresholds of the parallel work; tests lower them so that
// small listings take every path.
type options struct {
	workers  int   // goroutines for a stage; 1 does everything in order
	minWork  int   // units or entries below which a stage is not split
	minPart  int64 // bytes below which ReadFile reads no part of its own
	maxParts int   // parts a file is read in at most
	room     int   // spare capacity for records after the listing's (ReadFileRoom)
}

func defaultOptions() options {
	workers := min(runtime.GOMAXPROCS(0), 8)
	return options{workers: workers, minWork: 8192, minPart: 4 << 20, maxParts: workers}
}

// inParallel calls do on consecutive ranges of [0, n), at once, one per
// worker, or on all of it when n is small or there is one worker. It
// returns when every call has.
func (o options) inParallel(n int, do func(worker, from, to int)) {
	workers := min(o.workers, n/max(o.minWork, 1))
	if workers < 2 {
		do(0, 0, n)
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		from, to := n*w/workers, n*(w+1)/workers
		wg.Go(func() { do(w, from, to) })
	}
	wg.Wait()
}

// splitWindow is how far past each fraction of the file splitPoints looks
// for a blank line.
const splitWindow = 1 << 20

// splitPoints returns where to split a file of size bytes into at most
// parts parts of at least minPart bytes, each after the first starting
// with a blank line (the split is just after a line break followed by a
// line break): bounds[0] = 0 < bounds[1] < ... < bounds[len-1] = size. A
// part starting with a blank line starts a new block, so its lines read the
// same as in the whole file. A fraction with no blank line near it gives no
// split.
func splitPoints(ra io.ReaderAt, size int64, parts int, minPart int64) []int64 {
	bounds := []int64{0}
	buf := make([]byte, splitWindow)
	for k := 1; k < parts; k++ {
		target := max(size*int64(k)/int64(parts), bounds[len(bounds)-1]+minPart)
		if target >= size-minPart {
			break
		}
		n, err := ra.ReadAt(buf, target)
		if err != nil && err != io.EOF {
			break
		}
		window := buf[:n]
		at := -1
		for i := bytes.IndexByte(window, '\n'); i >= 0 && i+1 < len(window); {
			if next := window[i+1]; next == '\n' || next == '\r' && i+2 < len(window) && window[i+2] == '\n' {
				at = i + 1
				break
			}
			j := bytes.IndexByte(window[i+1:], '\n')
			if j < 0 {
				break
			}
			i += 1 + j
		}
		if at < 0 {
			continue
		}
		bounds = append(bounds, target+int64(at))
	}
	return append(bounds, size)
}

// readSplit reads a listing of size bytes from ra in parts at once, as
// Read would read it whole.
func readSplit(ra io.ReaderAt, size int64, file string, o options) ([]schema.Record, schema.Problems, error) {
	all, titleLine, ps, err := splitUnits(ra, size, file, o)
	if err != nil {
		return nil, nil, err
	}
	if all == nil {
		return read(io.NewSectionReader(ra, 0, size), file, o)
	}
	p := &parser{file: file, ps: &ps, opts: o, units: all}
	recs := p.parse(titleLine)
	ps.Sort()
	return recs, ps, nil
}

// splitUnits reads the units of a listing in parts at once: the units
// after the title, the title's line, and the problems reading found. No
// units and no error mean the file is better read whole: it has no blank
// lines to split at, or its first part is blank.
func splitUnits(ra io.ReaderAt, size int64, file string, o options) ([]unit, int, schema.Problems, error) {
	bounds := splitPoints(ra, size, o.maxParts, o.minPart)
	if len(bounds) < 3 {
		return nil, 0, nil, nil
	}
	// The start of the file is checked as a whole, as reading it in order
	// checks it before any line, even when the first part is shorter.
	start := make([]byte, min(size, sniffBytes))
	read, err := ra.ReadAt(start, 0)
	if err := sniff(start[:read], err, file); err != nil {
		return nil, 0, nil, err
	}
	parts := make([]*part, len(bounds)-1)
	var wg sync.WaitGroup
	for i := range parts {
		wg.Go(func() {
			parts[i] = readPart(io.NewSectionReader(ra, bounds[i], bounds[i+1]-bounds[i]), file, i == 0)
		})
	}
	wg.Wait()
	if parts[0].err == nil && len(parts[0].lines) == 0 {
		// The first part is blank: the title is further on. Not worth a
		// path of its own.
		return nil, 0, nil, nil
	}
	// Line numbers count from the start of the file: shift each part's by
	// the lines before it. The first error in the file is the error.
	shift := 0
	for _, pt := range parts {
		if pt.err != nil {
			if pe, ok := pt.err.(*ParseError); ok && pe.Line > 0 {
				pe.Line += shift
			}
			return nil, 0, nil, pt.err
		}
		shift += pt.count
	}

	// The units of each part go straight into one slice, each part into a
	// stretch of its own as long as its lines (there are no more units than
	// lines), closed up after: no copy of them all to join the parts.
	// Capacity not used is never touched, and costs no memory.
	from := make([]int, len(parts)+1) // the stretches
	for i, pt := range parts {
		from[i+1] = from[i] + len(pt.lines)
	}
	all := make([]unit, from[len(parts)])
	partUnits := make([][]unit, len(parts))
	for i, pt := range parts {
		wg.Go(func() {
			lines := pt.lines
			if i == 0 {
				lines = lines[1:] // the listing's title
			}
			partUnits[i] = appendUnits(all[from[i]:from[i]:from[i+1]], lines, pt.chunks)
		})
	}
	wg.Wait()

	var ps schema.Problems
	shift = 0
	n := 0          // units closed up so far
	var carry int32 // blank lines at the end of the parts before
	for i, pt := range parts {
		for k := range pt.lines {
			pt.lines[k].n += shift
		}
		for k := range pt.ps {
			pt.ps[k].Pos.Line += shift
		}
		if i > 0 && len(pt.lines) > 0 {
			// The blank lines before the part's first unit began in the
			// parts before.
			pt.lines[0].blanks += carry
			partUnits[i][0].blanks += carry
		}
		if len(pt.lines) > 0 {
			carry = pt.trail
		} else {
			carry += pt.trail
		}
		if n != from[i] {
			copy(all[n:], partUnits[i])
		}
		n += len(partUnits[i])
		ps = append(ps, pt.ps...)
		shift += pt.count
	}
	all = all[:n]
	return all, parts[0].lines[0].n, ps, nil
}
