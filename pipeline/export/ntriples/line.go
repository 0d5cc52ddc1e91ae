package ntriples

import (
	"bufio"
	"errors"
)

// MaxLine bounds a line that the readers of a release's line files
// (bordernet.nt, inbound.tsv) accept: far above what bordernet writes, yet
// a bound, so that a damaged file without line breaks cannot take all of
// memory. A description is a listing paragraph of any number of lines of up
// to 1 MiB each, so a triple's line may be longer than one line of the
// listing.
const MaxLine = 64 << 20

// ErrLineTooLong is ReadLine's error for a line longer than its bound.
var ErrLineTooLong = errors.New("line too long")

// ReadLine reads the next line of br, '\n' included. A line that fits in
// br's buffer is returned as a view of it, valid until the next read; a
// longer one is gathered into a slice of its own. At the end of the input
// it returns what is left (without '\n', perhaps nothing) and br's error,
// io.EOF. A line of more than max bytes is ErrLineTooLong.
func ReadLine(br *bufio.Reader, max int) ([]byte, error) {
	line, err := br.ReadSlice('\n')
	if !errors.Is(err, bufio.ErrBufferFull) {
		return line, err
	}
	// ReadSlice's views are overwritten by the next read: collect.
	long := append([]byte(nil), line...)
	for errors.Is(err, bufio.ErrBufferFull) {
		if len(long) > max {
			return nil, ErrLineTooLong
		}
		line, err = br.ReadSlice('\n')
		long = append(long, line...)
	}
	if len(long) > max {
		return nil, ErrLineTooLong
	}
	return long, err
}
