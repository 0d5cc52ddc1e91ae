package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/bordernet/bordernet/schema"
)

// InfoFile is the name of the file, at the root of a release's site, that
// holds its Info.
const InfoFile = "site.json"

// Info is what every page says about the release it belongs to, and what
// a server needs besides the record's triples to render a page the
// release did not write: it is kept in the release as site.json.
type Info struct {
	Title        string `json:"title"`
	BaseIRI      string `json:"base_iri"` // the site's root: records are BaseIRI + "id/" + id
	Language     string `json:"language"` // of the dataset's names, a language tag
	License      string `json:"license"`
	Publisher    string `json:"publisher"`
	PublisherIRI string `json:"publisher_iri"`
	Version      string `json:"version"`
	Date         string `json:"date"` // YYYY-MM-DD
	Records      int    `json:"records"`
	// RecordPages says whether the release holds a page and RDF
	// documents per record; when not, a server renders them.
	RecordPages bool `json:"record_pages"`
	// SourceBase is where the release's copy of its sources is published
	// (schema.ReleaseSourceBase), which the provenance locators start
	// with; "" in a site.json written before it existed.
	SourceBase string `json:"source_base,omitempty"`
}

// InfoOf returns the Info of rel.
func InfoOf(rel *schema.Release, recordPages bool) Info {
	m := &rel.Meta
	return Info{
		Title: m.Title, BaseIRI: m.BaseIRI, Language: m.Language, License: m.License,
		Publisher: m.Publisher.Name, PublisherIRI: m.Publisher.IRI,
		Version: rel.Version, Date: rel.Date, Records: rel.RecordSet().Len(), RecordPages: recordPages,
		SourceBase: schema.ReleaseSourceBase(m, rel.Version),
	}
}

func (info Info) write(w io.Writer) error {
	data, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// ReadInfo reads the site.json of the release folder dir.
func ReadInfo(dir string) (Info, error) {
	path := filepath.Join(dir, InfoFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return Info{}, err
	}
	info, err := ParseInfo(data)
	if err != nil {
		return Info{}, fmt.Errorf("%s: %w", path, err)
	}
	return info, nil
}

// ParseInfo reads site.json's content. Unknown keys are refused, so a
// misspelt key is not silently ignored, and the base IRI must be one
// every page can link under.
func ParseInfo(data []byte) (Info, error) {
	var info Info
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&info); err != nil {
		return Info{}, err
	}
	if dec.More() {
		return Info{}, fmt.Errorf("more than one JSON value")
	}
	if !schema.IsWebURL(info.BaseIRI) || !strings.HasSuffix(info.BaseIRI, "/") {
		return Info{}, fmt.Errorf("base_iri %q is not an http(s) IRI ending in '/'", info.BaseIRI)
	}
	if info.Records < 0 {
		return Info{}, fmt.Errorf("records %d is negative", info.Records)
	}
	return info, nil
}

// DocPath returns the path of the documents of the resource iri within the
// site, without extension ("id/frontex" for BASE/id/frontex,
// "vocab/kind/network" for a concept, "dataset/2026-11-27" for the
// release's dataset), and false when the site holds no
// document for it: an IRI outside BASE, one with a query or fragment, or
// one whose path could leave the site or would need decoding (a '%':
// record ids are slugs).
func (info Info) DocPath(iri string) (string, bool) {
	rest, ok := strings.CutPrefix(iri, info.BaseIRI)
	if !ok || rest == "" || strings.ContainsAny(rest, "?#%\\") || strings.HasSuffix(rest, "/") {
		return "", false
	}
	// dataset/VERSION is the release's dataset, which the records are
	// void:inDataset: it has a document too, so that its IRI resolves.
	if !strings.HasPrefix(rest, "id/") && !strings.HasPrefix(rest, "vocab/") && !strings.HasPrefix(rest, "dataset/") {
		return "", false
	}
	for seg := range strings.SplitSeq(rest, "/") {
		if seg == "" || seg == "." || seg == ".." || strings.HasPrefix(seg, ".") {
			return "", false
		}
	}
	return rest, true
}

// docIRI returns the IRI of the resource a subject belongs to: the IRI
// without its fragment (a record's provenance nodes, IRI#prov-name, are
// part of the record's document).
func docIRI(subject string) string {
	if i := strings.IndexByte(subject, '#'); i >= 0 {
		return subject[:i]
	}
	return subject
}

// href returns how a page at path from links to the resource iri: the
// relative path of its HTML page when the site holds one, else the IRI
// itself.
func (info Info) href(from, iri string) string {
	if p, ok := info.DocPath(docIRI(iri)); ok {
		h := relativeTo(from) + p + ".html"
		if i := strings.IndexByte(iri, '#'); i >= 0 {
			h += iri[i:]
		}
		return h
	}
	return iri
}

// PublisherLink is where the publisher's name links to: its IRI, unless
// that is under the base IRI, where the site has no page for it.
func (info Info) PublisherLink() string {
	if strings.HasPrefix(info.PublisherIRI, info.BaseIRI) {
		return ""
	}
	return info.PublisherIRI
}
