package verify

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/bordernet/bordernet/pipeline/export/ntriples"
)

// checkNTriples reads r to the end as N-Triples (RDF 1.1, with the blank
// node labels, IRIs and language tags bordernet writes), one statement
// per line, and returns the first line that is not one, as a *lineError.
// Each line is read by the reader beside bordernet's N-Triples writer
// (ntriples.CheckLine), in constant memory and without allocating: a million records' bordernet.nt
// is 24 M lines, too many for a general RDF library to read in the time
// of the release itself.
func checkNTriples(r io.Reader) error {
	br := bufio.NewReaderSize(r, 1<<20)
	for n := 1; ; n++ {
		line, err := ntriples.ReadLine(br, ntriples.MaxLine)
		if errors.Is(err, ntriples.ErrLineTooLong) {
			return &lineError{Line: n, Err: fmt.Errorf("longer than %d bytes: the file is damaged", ntriples.MaxLine)}
		}
		if len(line) > 0 {
			if lerr := checkNTriplesLine(line); lerr != nil {
				return &lineError{Line: n, Err: lerr}
			}
		}
		if err == io.EOF {
			if len(line) > 0 {
				return &lineError{Line: n, Err: errors.New("the last line has no end of line: the file is cut short")}
			}
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// lineError is a syntax error at a line of a file.
type lineError struct {
	Line int
	Err  error
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *lineError) Unwrap() error { return e.Err }

// checkNTriplesLine checks one line, with or without its end of line
// ("\n" or "\r\n"): blank, a comment, or a triple ntriples.ParseLine
// reads (ntriples.CheckLine: the same parser, without the triple's copy).
func checkNTriplesLine(line []byte) error {
	line, ok := bytes.CutSuffix(line, []byte("\n"))
	if ok {
		line, _ = bytes.CutSuffix(line, []byte("\r"))
	}
	if err := ntriples.CheckLine(line); err != nil && !errors.Is(err, ntriples.ErrNoTriple) {
		return err
	}
	return nil
}
