package lookup

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/bordernet/bordernet/pipeline/export/ntriples"
)

// maxLine bounds a line read from a sorted file, as every reader of a
// release's line files bounds it: a description, a listing paragraph of
// any length, may make a line longer than any line of the listing.
const maxLine = ntriples.MaxLine

// chunk is how much is read at a time while looking for a line.
const chunk = 4 << 10

// sortedFile is a file of lines in byte order, each ending in '\n'.
type sortedFile struct {
	name string // for messages
	r    io.ReaderAt
	size int64
}

// lineFrom returns the first line that starts at or after off (a line
// starts at 0 or just after a '\n'), without its '\n', and where it starts.
// At the end of the file it returns start == size and no line. It reads
// into buf, which the line may share: one read finds both the line's
// start and its end unless the line is longer than buf.
func (f *sortedFile) lineFrom(off int64, buf []byte) (start int64, line []byte, err error) {
	if off >= f.size {
		return f.size, nil, nil
	}
	pos := max(off-1, 0)
	n, err := f.r.ReadAt(buf[:min(int64(len(buf)), f.size-pos)], pos)
	if n < min(len(buf), int(f.size-pos)) && err != nil {
		return 0, nil, fmt.Errorf("%s: reading at byte %d: %w", f.name, pos, err)
	}
	data := buf[:n]
	i := 0
	if off > 0 {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return f.lineFromFar(off)
		}
		i = j + 1
	}
	start = pos + int64(i)
	if start >= f.size {
		return f.size, nil, nil
	}
	if k := bytes.IndexByte(data[i:], '\n'); k >= 0 {
		return start, data[i : i+k], nil
	}
	line, err = f.lineAt(start)
	return start, line, err
}

// lineFromFar is lineFrom when the line holding off is longer than a
// read: it reads on, chunk by chunk.
func (f *sortedFile) lineFromFar(off int64) (start int64, line []byte, err error) {
	pos := off - 1
	for {
		if pos >= f.size {
			return f.size, nil, nil
		}
		buf := make([]byte, min(chunk, f.size-pos))
		n, err := f.r.ReadAt(buf, pos)
		if n < len(buf) && err != nil {
			return 0, nil, fmt.Errorf("%s: reading at byte %d: %w", f.name, pos, err)
		}
		if i := bytes.IndexByte(buf[:n], '\n'); i >= 0 {
			start = pos + int64(i) + 1
			break
		}
		pos += int64(n)
		if pos-off > maxLine {
			return 0, nil, fmt.Errorf("%s: line at byte %d is longer than %d bytes", f.name, off, maxLine)
		}
	}
	if start >= f.size {
		return f.size, nil, nil
	}
	line, err = f.lineAt(start)
	return start, line, err
}

// lineAt reads the line that starts at start, without its '\n'.
func (f *sortedFile) lineAt(start int64) ([]byte, error) {
	var line []byte
	for pos := start; pos < f.size; {
		buf := make([]byte, min(chunk, f.size-pos))
		n, err := f.r.ReadAt(buf, pos)
		if n < len(buf) && err != nil {
			return nil, fmt.Errorf("%s: reading at byte %d: %w", f.name, pos, err)
		}
		if i := bytes.IndexByte(buf[:n], '\n'); i >= 0 {
			return append(line, buf[:i]...), nil
		}
		line = append(line, buf[:n]...)
		pos += int64(n)
		if len(line) > maxLine {
			return nil, fmt.Errorf("%s: line at byte %d is longer than %d bytes", f.name, start, maxLine)
		}
	}
	return nil, fmt.Errorf("%s: the last line (byte %d) has no newline: the file is cut short", f.name, start)
}

// search returns where the first line that is >= key starts (f.size when
// every line is smaller). It reads O(log size) lines.
func (f *sortedFile) search(key []byte) (int64, error) {
	// P(x): the first line starting at or after x is >= key (or there is
	// none). P is monotone in x; find the smallest x where it holds.
	buf := make([]byte, chunk)
	lo, hi := int64(0), f.size
	for lo < hi {
		mid := lo + (hi-lo)/2
		start, line, err := f.lineFrom(mid, buf)
		if err != nil {
			return 0, err
		}
		if start == f.size || bytes.Compare(line, key) >= 0 {
			hi = mid
		} else {
			lo = start + 1 // every x up to start finds this smaller line
		}
	}
	start, _, err := f.lineFrom(lo, buf)
	return start, err
}

// errStop ends a walk early without an error.
var errStop = errors.New("stop")

// prefixed calls fn with each line that starts with prefix, in file order,
// without its '\n', and where it starts. fn may return errStop to end the
// walk.
func (f *sortedFile) prefixed(prefix []byte, fn func(off int64, line []byte) error) error {
	start, err := f.search(prefix)
	if err != nil {
		return err
	}
	br := bufio.NewReaderSize(io.NewSectionReader(f.r, start, f.size-start), chunk)
	for off := start; off < f.size; {
		line, err := ntriples.ReadLine(br, maxLine)
		if errors.Is(err, ntriples.ErrLineTooLong) {
			return fmt.Errorf("%s: line at byte %d is longer than %d bytes", f.name, off, maxLine)
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				if len(line) == 0 {
					return nil
				}
				return fmt.Errorf("%s: the last line (byte %d) has no newline: the file is cut short", f.name, off)
			}
			return fmt.Errorf("%s: reading at byte %d: %w", f.name, off, err)
		}
		at := off
		off += int64(len(line))
		line = line[:len(line)-1]
		if !bytes.HasPrefix(line, prefix) {
			return nil
		}
		if err := fn(at, line); err != nil {
			if errors.Is(err, errStop) {
				return nil
			}
			return err
		}
	}
	return nil
}
