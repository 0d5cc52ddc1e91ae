package lookup

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/bordernet/bordernet/pipeline/export/ntriples"
	"github.com/bordernet/bordernet/schema"
)

// Names of the files of a release that lookup reads.
const (
	NTriplesFile = schema.NTriplesFile
	CatalogFile  = schema.CatalogJSONLDFile
	InboundFile  = "inbound.tsv"
)

// Release is an open, published release folder. Its methods are safe for
// concurrent use: every read is a positioned read (ReadAt).
type Release struct {
	base    string
	nt      *sortedFile
	inbound *sortedFile // nil for a release published without inbound.tsv
	closers []io.Closer
}

// Open opens the release in dir: its bordernet.nt, its inbound.tsv when
// there is one, and the base IRI of its records from its catalogue. No
// file is read beyond the catalogue. Files are opened through an os.Root,
// so a symbolic link that points out of dir is refused.
func Open(dir string) (*Release, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("opening the release %s: %w", dir, err)
	}
	defer root.Close()
	base, err := readBase(root, dir)
	if err != nil {
		return nil, err
	}
	rel := &Release{base: base}
	open := func(name string) (*sortedFile, error) {
		f, err := root.Open(name)
		if err != nil {
			return nil, err
		}
		st, err := f.Stat()
		if err != nil || !st.Mode().IsRegular() {
			f.Close()
			return nil, fmt.Errorf("%s/%s is not a regular file", dir, name)
		}
		rel.closers = append(rel.closers, f)
		return &sortedFile{name: name, r: f, size: st.Size()}, nil
	}
	if rel.nt, err = open(NTriplesFile); err != nil {
		return nil, fmt.Errorf("opening the release %s: %w", dir, err)
	}
	if rel.inbound, err = open(InboundFile); err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			rel.Close()
			return nil, fmt.Errorf("opening the release %s: %w", dir, err)
		}
		rel.inbound = nil
	}
	return rel, nil
}

// readBase finds the base IRI in the catalogue: the catalogue's IRI is
// BASE + "catalog" (schema.CatalogIRI). The catalogue node comes first in
// the @graph, so the file (tens of megabytes when it lists a site's files)
// is read as a stream and only up to it.
func readBase(root *os.Root, dir string) (string, error) {
	f, err := root.Open(CatalogFile)
	if err != nil {
		return "", fmt.Errorf("opening the release %s: %w", dir, err)
	}
	defer f.Close()
	fail := func(err error) (string, error) {
		return "", fmt.Errorf("%s/%s: %w", dir, CatalogFile, err)
	}
	dec := json.NewDecoder(bufio.NewReader(f))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return fail(fmt.Errorf("not a JSON object (%v)", err))
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return fail(err)
		}
		if key != "@graph" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return fail(err)
			}
			continue
		}
		if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
			return fail(fmt.Errorf("@graph is not an array (%v)", err))
		}
		for dec.More() {
			var n struct {
				ID   string `json:"@id"`
				Type any    `json:"@type"`
			}
			if err := dec.Decode(&n); err != nil {
				return fail(err)
			}
			if hasType(n.Type, "dcat:Catalog") && strings.HasSuffix(n.ID, "/catalog") {
				return strings.TrimSuffix(n.ID, "catalog"), nil
			}
		}
		break
	}
	return fail(errors.New("no dcat:Catalog node whose IRI ends in /catalog, so the records' base IRI is unknown"))
}

func hasType(t any, want string) bool {
	switch v := t.(type) {
	case string:
		return v == want
	case []any:
		for _, e := range v {
			if s, ok := e.(string); ok && s == want {
				return true
			}
		}
	}
	return false
}

// Close closes the release's files.
func (r *Release) Close() error {
	var errs []error
	for _, c := range r.closers {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}

// Base returns the base IRI of the release's records, e.g.
// "https://w3id.org/bordernet/".
func (r *Release) Base() string { return r.base }

// HasInbound reports whether the release has its inbound index.
func (r *Release) HasInbound() bool { return r.inbound != nil }

// Subject returns the triples whose subject is iri or a fragment of it
// (iri#...: a record's provenance nodes), in the file's order. None means
// the release does not describe iri.
func (r *Release) Subject(iri string) ([]schema.Triple, error) {
	var out []schema.Triple
	collect := func(off int64, line []byte) error {
		tr, err := ntriples.ParseLine(line)
		if err != nil {
			return fmt.Errorf("%s at byte %d: %w", r.nt.name, off, err)
		}
		out = append(out, tr)
		return nil
	}
	if strings.ContainsAny(iri, "<> \n") {
		return nil, nil // no IRI in the file holds these
	}
	// "<iri#" sorts before "<iri> ": the file order.
	for _, prefix := range []string{"<" + iri + "#", "<" + iri + "> "} {
		if err := r.nt.prefixed([]byte(prefix), collect); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Has reports whether the release has a triple whose subject is iri.
func (r *Release) Has(iri string) (bool, error) {
	if strings.ContainsAny(iri, "<> \n") {
		return false, nil
	}
	found := false
	err := r.nt.prefixed([]byte("<"+iri+"> "), func(int64, []byte) error {
		found = true
		return errStop
	})
	return found, err
}

// Label returns the first skos:prefLabel of iri, or "" when it has none.
func (r *Release) Label(iri string) (string, error) {
	if strings.ContainsAny(iri, "<> \n") {
		return "", nil
	}
	var label string
	prefix := "<" + iri + "> <" + schema.NSSKOS + "prefLabel> "
	err := r.nt.prefixed([]byte(prefix), func(off int64, line []byte) error {
		tr, err := ntriples.ParseLine(line)
		if err != nil {
			return fmt.Errorf("%s at byte %d: %w", r.nt.name, off, err)
		}
		label = tr.O.Value
		return errStop
	})
	return label, err
}

// Inbound returns the relations between records that point at iri, as
// the triples of the release graph they are (subject: the other record),
// ordered by predicate and subject. A release without inbound.tsv has
// none to give: HasInbound says which.
func (r *Release) Inbound(iri string) ([]schema.Triple, error) {
	if r.inbound == nil || strings.ContainsAny(iri, "\t\n") {
		return nil, nil
	}
	var out []schema.Triple
	err := r.inbound.prefixed([]byte(iri+"\t"), func(off int64, line []byte) error {
		fields := bytes.Split(line, []byte{'\t'})
		if len(fields) != 3 {
			return fmt.Errorf("%s at byte %d: %d fields, not 3 (object, predicate, subject)", r.inbound.name, off, len(fields))
		}
		tr := schema.Triple{S: schema.IRI(string(fields[2])), P: schema.IRI(string(fields[1])), O: schema.IRI(string(fields[0]))}
		if err := tr.Check(); err != nil {
			return fmt.Errorf("%s at byte %d: %w", r.inbound.name, off, err)
		}
		out = append(out, tr)
		return nil
	})
	return out, err
}
