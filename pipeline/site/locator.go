package site

import (
	"net/url"
	"strconv"
	"strings"
)

// describeSource turns a source locator minted by schema.SourceIRI back
// into what people read in problem reports: "listing.txt:14" for
// SRC/listing.txt#line=14, "curation.xlsx Records!D7" for a cell,
// "curation.xlsx Records row 7" for a row, where SRC is the release's
// source folder (schema.ReleaseSourceBase; Info.SourceBase). The file may
// be a path below it ("x/curation.xlsx"). Without a source base (an older
// site.json), the file is what follows the locator's last "/source/".
// Anything else (a locator of another form, an IRI elsewhere) is returned
// as it is.
func describeSource(sourceBase, iri string) string {
	var rest string
	var ok bool
	if sourceBase != "" {
		rest, ok = strings.CutPrefix(iri, sourceBase)
	} else if i := strings.LastIndex(iri, "/source/"); i >= 0 {
		rest, ok = iri[i+len("/source/"):], true
	}
	if !ok || rest == "" {
		return iri
	}
	file, frag, hasFrag := strings.Cut(rest, "#")
	name, err := url.PathUnescape(file)
	if err != nil || name == "" || !validRelPath(name) {
		return iri
	}
	if !hasFrag {
		return name
	}
	if n, ok := strings.CutPrefix(frag, "line="); ok {
		if line, err := strconv.Atoi(n); err == nil && line > 0 && strconv.Itoa(line) == n {
			return name + ":" + n
		}
		return iri
	}
	sheetEsc, ref, ok := strings.Cut(frag, "!")
	sheet, err := url.PathUnescape(sheetEsc)
	if !ok || err != nil || sheet == "" {
		return iri
	}
	if row, to, isRow := strings.Cut(ref, ":"); isRow {
		if n, err := strconv.Atoi(row); err == nil && n > 0 && row == to && strconv.Itoa(n) == row {
			return name + " " + sheet + " row " + row
		}
		return iri
	}
	if !isCellRef(ref) {
		return iri
	}
	return name + " " + sheet + "!" + ref
}

// isCellRef reports whether s is an A1-style cell reference: upper-case
// letters, then a row number without leading zeros.
func isCellRef(s string) bool {
	i := 0
	for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		i++
	}
	if i == 0 || i > 3 || i == len(s) || s[i] == '0' {
		return false
	}
	for _, c := range s[i:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// validRelPath reports whether name is a relative path of non-empty
// segments, none of them "." or "..".
func validRelPath(name string) bool {
	for seg := range strings.SplitSeq(name, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	return true
}
