// Package series owns the catalogue of every release in an output folder:
// OUT/catalog.ttl and OUT/catalog.jsonld, a DCAT-AP 3 dcat:DatasetSeries
// (the dataset across its releases, with dcat:first and dcat:last) and
// each release a complete dcat:Dataset, as that release's own catalogue
// describes it. The series catalogue is made from the releases' own
// catalogues, never from today's metadata, so an earlier release is never
// re-described differently (its dct:issued stays its own date).
//
// It also finds the releases of a folder (List) and the one a new
// release follows (Previous), which the release's own catalogue links to.
package series

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/bordernet/bordernet/internal/regular"
	"github.com/bordernet/bordernet/pipeline/export/jsonld"
	"github.com/bordernet/bordernet/pipeline/export/turtle"
	"github.com/bordernet/bordernet/pipeline/outlock"
	"github.com/bordernet/bordernet/schema"
)

// File names of the series catalogue, beside the release folders.
const (
	TurtleFile = schema.CatalogTurtleFile
	JSONLDFile = schema.CatalogJSONLDFile
)

// tmpPrefix starts the names of the catalogue's temporaries: hidden, and
// no temporary of the release assembler's (".tmp-").
const tmpPrefix = ".series-"

// A Release is one release folder of the output folder, as its own
// catalogue describes it.
type Release struct {
	Dir     string // the release folder
	Version string // dcat:version of its dataset
	Date    string // dct:issued of its dataset, YYYY-MM-DD
	Dataset string // IRI of its dcat:Dataset
	Series  string // IRI of the dcat:DatasetSeries it is in
	Catalog string // IRI of the dcat:Catalog that lists it
	triples []schema.Triple
}

// Skipped is a folder of the output folder that List did not take as a
// release, and why.
type Skipped struct {
	Dir    string
	Reason string
}

// List reads the catalogue (catalog.ttl) of every release folder in
// outDir and returns the releases ordered by date, then version. Hidden
// folders (temporary ones of a release being written), symbolic links
// (latest) and plain files are not releases; a folder whose catalogue is
// missing, unreadable or describes no dataset in a series is returned in
// skipped with the reason, for the caller to report. A missing outDir
// holds no release.
func List(outDir string) (releases []Release, skipped []Skipped, err error) {
	entries, err := os.ReadDir(outDir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("listing the releases in %s: %w", outDir, err)
	}
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		dir := filepath.Join(outDir, e.Name())
		rel, err := Read(dir)
		if err != nil {
			skipped = append(skipped, Skipped{Dir: dir, Reason: err.Error()})
			continue
		}
		releases = append(releases, rel)
	}
	slices.SortFunc(releases, func(a, b Release) int {
		return cmp.Or(strings.Compare(a.Date, b.Date), strings.Compare(a.Version, b.Version))
	})
	return releases, skipped, nil
}

// Read reads the release in dir from its own catalogue: the dcat:Dataset
// that is dcat:inSeries a series, its version and its date.
func Read(dir string) (Release, error) {
	path := filepath.Join(dir, TurtleFile)
	f, err := regular.Open(path)
	if err != nil {
		return Release{}, fmt.Errorf("no release catalogue: %w", err)
	}
	defer f.Close()
	triples, err := turtle.Read(f)
	if err != nil {
		return Release{}, fmt.Errorf("%s: %w", path, err)
	}
	rel := Release{Dir: dir, triples: triples}
	for _, tr := range triples {
		switch tr.P.Value {
		case schema.NSDCAT + "inSeries":
			if rel.Dataset != "" && rel.Dataset != tr.S.Value {
				return Release{}, fmt.Errorf("%s: two datasets in a series (%s, %s): not a release catalogue", path, rel.Dataset, tr.S.Value)
			}
			rel.Dataset, rel.Series = tr.S.Value, tr.O.Value
		case schema.RDFType:
			if tr.O.Value == schema.NSDCAT+"Catalog" {
				rel.Catalog = tr.S.Value
			}
		}
	}
	if rel.Dataset == "" || rel.Catalog == "" {
		return Release{}, fmt.Errorf("%s: describes no catalogue with a dataset in a series (made by an older bordernet?)", path)
	}
	for _, tr := range triples {
		if tr.S.Value != rel.Dataset {
			continue
		}
		switch tr.P.Value {
		case schema.NSDCAT + "version":
			rel.Version = tr.O.Value
		case schema.NSDCT + "issued":
			rel.Date = tr.O.Value
		}
	}
	if rel.Version == "" || rel.Date == "" {
		return Release{}, fmt.Errorf("%s: the dataset %s has no dcat:version or dct:issued", path, rel.Dataset)
	}
	return rel, nil
}

// Previous returns the version of the release a new release of version
// and date follows: the latest of releases dated on or before date, other
// than version itself (which --force replaces). "" when there is none.
func Previous(releases []Release, version, date string) string {
	prev := ""
	for _, r := range releases {
		if r.Version != version && (r.Date < date || r.Date == date && r.Version < version) {
			prev = r.Version
		}
	}
	return prev
}

// Graph returns the series catalogue of releases (ordered as List orders
// them): the newest release's catalogue node, listing every release, with
// dct:issued the first release's date and dct:modified the last's; the
// series with dcat:first and dcat:last; then every release's own
// description. A node that several releases describe (the publisher, the
// licence, a theme) is taken from the newest release that describes it,
// so that the catalogue states each node once. It fails when the releases
// do not share one series and one catalogue.
func Graph(releases []Release) (schema.Graph, error) {
	if len(releases) == 0 {
		return schema.Graph{}, errors.New("no release to describe")
	}
	first, last := releases[0], releases[len(releases)-1]
	for _, r := range releases {
		if r.Series != last.Series || r.Catalog != last.Catalog {
			return schema.Graph{}, fmt.Errorf("%s is in the series %s of the catalogue %s, %s in %s of %s: one output folder holds one series",
				r.Dir, r.Series, r.Catalog, last.Dir, last.Series, last.Catalog)
		}
	}
	catalog, series := last.Catalog, last.Series

	// Who describes each subject: the newest release that does.
	owner := map[string]int{}
	for i, r := range releases {
		for _, tr := range r.triples {
			owner[tr.S.Value] = i
		}
	}
	var order []string
	blocks := map[string][]schema.Triple{}
	add := func(tr schema.Triple) {
		s := tr.S.Value
		if _, ok := blocks[s]; !ok {
			order = append(order, s)
		}
		if !slices.Contains(blocks[s], tr) {
			blocks[s] = append(blocks[s], tr)
		}
	}
	typ := schema.IRI(schema.RDFType)
	for _, tr := range last.triples {
		if tr.S.Value == catalog && tr.P.Value != schema.NSDCAT+"dataset" && tr.P.Value != schema.NSDCT+"issued" && tr.P.Value != schema.NSDCT+"modified" {
			add(tr)
		}
	}
	cat := schema.IRI(catalog)
	add(schema.Triple{S: cat, P: typ, O: schema.IRI(schema.NSDCAT + "Catalog")})
	add(schema.Triple{S: cat, P: schema.IRI(schema.NSDCT + "issued"), O: schema.TypedLiteral(first.Date, schema.XSDDate)})
	add(schema.Triple{S: cat, P: schema.IRI(schema.NSDCT + "modified"), O: schema.TypedLiteral(last.Date, schema.XSDDate)})
	for _, r := range releases {
		add(schema.Triple{S: cat, P: schema.IRI(schema.NSDCAT + "dataset"), O: schema.IRI(r.Dataset)})
	}
	ser := schema.IRI(series)
	for _, tr := range last.triples {
		if tr.S.Value == series {
			add(tr)
		}
	}
	add(schema.Triple{S: ser, P: schema.IRI(schema.NSDCT + "issued"), O: schema.TypedLiteral(first.Date, schema.XSDDate)})
	add(schema.Triple{S: ser, P: schema.IRI(schema.NSDCT + "modified"), O: schema.TypedLiteral(last.Date, schema.XSDDate)})
	add(schema.Triple{S: ser, P: schema.IRI(schema.NSDCAT + "first"), O: schema.IRI(first.Dataset)})
	add(schema.Triple{S: ser, P: schema.IRI(schema.NSDCAT + "last"), O: schema.IRI(last.Dataset)})
	for i, r := range releases {
		for _, tr := range r.triples {
			if s := tr.S.Value; s != catalog && s != series && owner[s] == i {
				add(tr)
			}
		}
	}
	out := make([][]schema.Triple, len(order))
	for i, s := range order {
		b := blocks[s]
		// Writers expect a subject's rdf:type first.
		slices.SortStableFunc(b, func(x, y schema.Triple) int {
			return cmp.Compare(boolRank(x.P.Value != schema.RDFType), boolRank(y.P.Value != schema.RDFType))
		})
		out[i] = b
	}
	return schema.Graph{Prefixes: schema.CommonPrefixes(), Blocks: func(yield func([]schema.Triple) bool) {
		for _, b := range out {
			if !yield(b) {
				return
			}
		}
	}}, nil
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Write rewrites outDir's series catalogue (catalog.ttl, catalog.jsonld)
// from the catalogues of the releases in it, holding the output folder's
// lock (package outlock, waiting up to wait for another run), so that two
// runs never write it from different lists of releases. Each file is
// written to a temporary file beside it, synced and renamed over the old
// one, so a reader sees the old catalogue or the new, never half of one.
// It returns the folders it did not take as releases, for the caller to
// report; with no release at all it writes nothing.
func Write(ctx context.Context, outDir string, wait time.Duration) ([]Skipped, error) {
	lock, err := outlock.Acquire(ctx, outDir, wait)
	if err != nil {
		return nil, err
	}
	defer lock.Unlock()
	// Under the lock no run is writing the catalogue: a temporary of ours
	// is one a killed run left.
	if old, err := filepath.Glob(filepath.Join(outDir, tmpPrefix+"*")); err == nil {
		for _, p := range old {
			os.Remove(p)
		}
	}
	releases, skipped, err := List(outDir)
	if err != nil {
		return nil, err
	}
	if len(releases) == 0 {
		return skipped, nil
	}
	g, err := Graph(releases)
	if err != nil {
		return skipped, err
	}
	for _, f := range []struct {
		name  string
		write func(io.Writer, schema.Graph) error
	}{{TurtleFile, turtle.Write}, {JSONLDFile, jsonld.Write}} {
		var buf bytes.Buffer
		if err := f.write(&buf, g); err != nil {
			return skipped, fmt.Errorf("writing the series catalogue %s: %w", f.name, err)
		}
		if err := replaceFile(filepath.Join(outDir, f.name), buf.Bytes()); err != nil {
			return skipped, err
		}
	}
	return skipped, nil
}

// replaceFile writes data to path atomically: a temporary file beside
// it, synced, renamed over path.
func replaceFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), tmpPrefix+filepath.Base(path)+"-")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
