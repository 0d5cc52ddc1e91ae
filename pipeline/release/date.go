package release

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"github.com/bordernet/bordernet/internal/regular"
	"github.com/bordernet/bordernet/schema"
)

// CatalogFile is the release's own catalogue in JSON-LD, which says the
// release's date.
const CatalogFile = schema.CatalogJSONLDFile

// ErrNoDate is wrapped by Date's error for a folder whose catalogue says
// no release date.
var ErrNoDate = errors.New("no release date")

// maxCatalogSize bounds the catalogue Date reads: a release's is a few
// tens of kilobytes.
const maxCatalogSize = 16 << 20

// Date returns the date (YYYY-MM-DD) of the release in the folder dir: the
// dct:issued of the dcat:Dataset its catalogue describes (the one whose
// dcat:version is the folder's name, when the catalogue describes more
// than one). Releases are ordered by it to choose where OUT/latest points.
//
// It reads the JSON-LD catalogue with encoding/json, as the release
// writes it (compacted with its own context: "@graph", "@type", "issued",
// "version"), not with an RDF parser: a release folder is only a folder
// that anyone may have written into, and knakk/rdf's Turtle lexer panics
// on some malformed input in a goroutine of its own, where no recover
// can catch it.
func Date(dir string) (string, error) {
	path := filepath.Join(dir, CatalogFile)
	f, err := regular.Open(path)
	if err != nil {
		return "", fmt.Errorf("reading the release date: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxCatalogSize+1))
	if err != nil {
		return "", fmt.Errorf("reading the release date: %s: %w", path, err)
	}
	if len(data) > maxCatalogSize {
		return "", fmt.Errorf("reading the release date: %s: larger than %d bytes: %w", path, maxCatalogSize, ErrNoDate)
	}
	var doc struct {
		Graph []map[string]json.RawMessage `json:"@graph"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return "", fmt.Errorf("reading the release date: %s: %w", path, err)
	}
	var dates []string
	for _, node := range doc.Graph {
		if !slices.ContainsFunc(values(node["@type"]), isDatasetType) {
			continue
		}
		d := firstValue(node, "issued", "dct:issued", schema.NSDCT+"issued")
		if len(d) != len("2006-01-02") || !schema.IsPartialDate(d) {
			continue
		}
		if firstValue(node, "version", "dcat:version", schema.NSDCAT+"version") == filepath.Base(dir) {
			return d, nil
		}
		dates = append(dates, d)
	}
	if len(dates) != 1 {
		return "", fmt.Errorf("reading the release date: %s: %w (%d datasets with a date)", path, ErrNoDate, len(dates))
	}
	return dates[0], nil
}

func isDatasetType(t string) bool {
	return t == "dcat:Dataset" || t == "Dataset" || t == schema.NSDCAT+"Dataset"
}

// firstValue returns the first value of the first of keys that node has.
func firstValue(node map[string]json.RawMessage, keys ...string) string {
	for _, k := range keys {
		if v := values(node[k]); len(v) > 0 {
			return v[0]
		}
	}
	return ""
}

// values returns the plain values of a JSON-LD property: a string, a
// value object ({"@value": ...}), or an array of either.
func values(raw json.RawMessage) []string {
	if raw == nil {
		return nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return []string{s}
	}
	var obj struct {
		Value *string `json:"@value"`
	}
	if json.Unmarshal(raw, &obj) == nil && obj.Value != nil {
		return []string{*obj.Value}
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		return nil
	}
	var out []string
	for _, item := range list {
		out = append(out, values(item)...)
	}
	return out
}
