package release

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/knakk/rdf"

	"github.com/bordernet/bordernet/internal/regular"
	"github.com/bordernet/bordernet/schema"
)

// CatalogFile is the release's own catalogue in Turtle, which says the
// release's date.
const CatalogFile = "catalog.ttl"

// ErrNoDate is wrapped by Date's error for a folder whose catalogue says
// no release date.
var ErrNoDate = errors.New("no release date")

// Date returns the date (YYYY-MM-DD) of the release in the folder dir: the
// dct:issued of the dcat:Dataset its catalogue describes (the one whose
// dcat:version is the folder's name, when the catalogue describes more
// than one). Releases are ordered by it, latest first, to choose where
// OUT/latest points.
func Date(dir string) (string, error) {
	path := filepath.Join(dir, CatalogFile)
	f, err := regular.Open(path)
	if err != nil {
		return "", fmt.Errorf("reading the release date: %w", err)
	}
	defer f.Close()
	// A catalogue is a few kilobytes; more than this is not one of ours.
	dec := rdf.NewTripleDecoder(io.LimitReader(f, 16<<20), rdf.Turtle)
	var (
		datasets = map[string]bool{}
		issued   = map[string]string{}
		version  = map[string]string{}
	)
	for {
		tr, err := dec.Decode()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("reading the release date: %s: %w", path, err)
		}
		subj := tr.Subj.String()
		switch tr.Pred.String() {
		case schema.RDFType:
			if tr.Obj.String() == schema.NSDCAT+"Dataset" {
				datasets[subj] = true
			}
		case schema.NSDCT + "issued":
			issued[subj] = tr.Obj.String()
		case schema.NSDCAT + "version":
			version[subj] = tr.Obj.String()
		}
	}
	var dates []string
	for subj := range datasets {
		d, ok := issued[subj]
		if !ok || !schema.IsPartialDate(d) || len(d) != len("2006-01-02") {
			continue
		}
		if version[subj] == filepath.Base(dir) {
			return d, nil
		}
		dates = append(dates, d)
	}
	if len(dates) != 1 {
		return "", fmt.Errorf("reading the release date: %s: %w (%d datasets with a date)", path, ErrNoDate, len(dates))
	}
	return dates[0], nil
}
