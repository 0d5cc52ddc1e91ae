package changes

import (
	"bytes"
	"errors"
	"net/url"
	"strconv"
	"strings"

	"github.com/bordernet/bordernet/schema"
)

// ntLine is one N-Triples statement, each term as written: "<iri>",
// "_:label" or a literal with its quotes and any tag or datatype. The
// terms share the bytes of the line they were cut from.
type ntLine struct{ s, p, o []byte }

// parseNTLine splits a line of N-Triples as bordernet writes it (one
// space between terms, " ." at the end) into its three terms. It checks
// the shape only: IRIs hold no space or '>', so the subject and the
// predicate end at the first "> "; the object is the rest. It works on
// the line's bytes without copying them: a million-record graph has
// twenty-five million lines.
func parseNTLine(line []byte) (ntLine, error) {
	rest, ok := bytes.CutSuffix(trimEnd(line), []byte(" ."))
	if !ok {
		return ntLine{}, errors.New("a statement does not end in \" .\"")
	}
	s, rest, err := cutTerm(rest)
	if err != nil {
		return ntLine{}, err
	}
	if !bytes.HasPrefix(rest, []byte("<")) {
		return ntLine{}, errors.New("the predicate is not an IRI")
	}
	p, rest, err := cutTerm(rest)
	if err != nil {
		return ntLine{}, err
	}
	if len(rest) == 0 {
		return ntLine{}, errors.New("a statement has no object")
	}
	return ntLine{s: s, p: p, o: rest}, nil
}

// trimEnd drops the spaces, tabs and CRs at the end of a line (by hand:
// bytes.TrimRight builds a set of its cutset on every call, a cost at
// twenty-five million lines).
func trimEnd(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// cutTerm cuts the IRI or blank node at the start of s and the space
// after it.
func cutTerm(s []byte) (term, rest []byte, err error) {
	end := -1
	switch {
	case bytes.HasPrefix(s, []byte("<")):
		if i := bytes.IndexByte(s, '>'); i > 0 {
			end = i + 1
		}
	case bytes.HasPrefix(s, []byte("_:")):
		end = bytes.IndexByte(s, ' ')
	}
	if end <= 0 || end >= len(s) || s[end] != ' ' {
		return nil, nil, errors.New("a statement does not start with an IRI or blank node followed by a space")
	}
	return s[:end], s[end+1:], nil
}

// ParseLocator turns a provenance locator, as schema.SourceIRI mints it,
// back into a position: the file (the path after the last "/source/",
// decoded: locators are BASE/source/FILE, or versioned,
// DOWNLOAD/VERSION/source/FILE),
// and "#line=N" for a line, "#Sheet!D7" for a cell or "#Sheet!7:7" for a
// row. It reports false for an IRI that is not a locator.
func ParseLocator(iri string) (schema.Position, bool) {
	where, frag, _ := strings.Cut(iri, "#")
	at := strings.LastIndex(where, "/"+SourceDir+"/")
	if at < 0 {
		return schema.Position{}, false
	}
	file := where[at+len(SourceDir)+2:]
	name, err := url.PathUnescape(file)
	if err != nil || name == "" {
		return schema.Position{}, false
	}
	pos := schema.Position{File: name}
	switch {
	case frag == "":
		return pos, true
	case strings.HasPrefix(frag, "line="):
		n, err := strconv.Atoi(frag[len("line="):])
		if err != nil || n < 1 {
			return schema.Position{}, false
		}
		pos.Line = n
		return pos, true
	}
	sheet, ref, hasRef := strings.Cut(frag, "!")
	if sheet, err = url.PathUnescape(sheet); err != nil || sheet == "" {
		return schema.Position{}, false
	}
	pos.Sheet = sheet
	if !hasRef {
		return pos, true
	}
	if from, to, isRow := strings.Cut(ref, ":"); isRow {
		n, err := strconv.Atoi(from)
		if err != nil || n < 1 || to != from {
			return schema.Position{}, false
		}
		pos.Line = n
		return pos, true
	}
	col, row := 0, 0
	i := 0
	for ; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		col = col*26 + int(ref[i]-'A'+1)
		if col > 1<<20 {
			return schema.Position{}, false
		}
	}
	row, err = strconv.Atoi(ref[i:])
	if i == 0 || err != nil || row < 1 || ref[i] == '+' || ref[i] == '-' {
		return schema.Position{}, false
	}
	pos.Col, pos.Line = col, row
	return pos, true
}
