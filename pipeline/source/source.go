// Package source finds a dataset's inputs in the paths a user names and
// runs the first half of the pipeline on them: read the listings and the
// curator workbooks, merge them, give names their language, validate the
// result. Its output is the records a release is made of, with every
// problem found on the way.
package source

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/bordernet/bordernet/pipeline/language"
	"github.com/bordernet/bordernet/pipeline/listing"
	"github.com/bordernet/bordernet/pipeline/merge"
	"github.com/bordernet/bordernet/pipeline/workbook"
	"github.com/bordernet/bordernet/schema"
)

// MetadataFile is the name of the dataset metadata file in a source
// directory.
const MetadataFile = "dataset.json"

// ErrNoInput means a source path held nothing bordernet can read.
var ErrNoInput = errors.New("no listing (.txt) or workbook (.xlsx) found")

// Inputs are the files found in the source paths, by role, each list in
// the order they are read.
type Inputs struct {
	Listings  []string
	Workbooks []string
	Metadata  string // "" when there is none
}

// Find sorts the files named by paths into listings, workbooks and the
// metadata file. A directory contributes its own files (not those of
// subdirectories) by extension: *.txt listings, *.xlsx workbooks, and
// dataset.json; office lock files and hidden files are skipped. A file
// named directly is taken by its extension, a listing when it has no known
// one. Paths are reported as given, with forward slashes.
func Find(paths []string) (Inputs, error) {
	var in Inputs
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return Inputs{}, fmt.Errorf("source %s: %w", p, unwrapPathError(err))
		}
		if !info.IsDir() {
			if err := in.add(p, true); err != nil {
				return Inputs{}, err
			}
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return Inputs{}, fmt.Errorf("source %s: %w", p, unwrapPathError(err))
		}
		before := len(in.Listings) + len(in.Workbooks)
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
				continue
			}
			if err := in.add(filepath.ToSlash(filepath.Join(p, name)), false); err != nil {
				return Inputs{}, err
			}
		}
		if len(in.Listings)+len(in.Workbooks) == before {
			return Inputs{}, fmt.Errorf("source %s: %w", p, ErrNoInput)
		}
	}
	if len(in.Listings)+len(in.Workbooks) == 0 {
		return Inputs{}, ErrNoInput
	}
	slices.Sort(in.Workbooks)
	return in, nil
}

func (in *Inputs) add(path string, named bool) error {
	path = filepath.ToSlash(path)
	switch ext := strings.ToLower(filepath.Ext(path)); {
	case ext == ".xlsx" || ext == ".xls" || ext == ".xlsm":
		// .xls is passed on so the workbook reader can say what to do with it.
		in.Workbooks = append(in.Workbooks, path)
	case filepath.Base(path) == MetadataFile:
		if in.Metadata != "" && in.Metadata != path {
			return fmt.Errorf("source %s: a second dataset metadata file (the first is %s)", path, in.Metadata)
		}
		in.Metadata = path
	case ext == ".txt" || named && ext != ".json" && ext != ".md":
		in.Listings = append(in.Listings, path)
	}
	return nil
}

// unwrapPathError drops the path an *fs.PathError repeats, since the
// caller names the path already.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Dataset is what the sources say once read, merged and validated.
type Dataset struct {
	Inputs   Inputs
	Meta     schema.Metadata // zero when Inputs.Metadata is ""
	Records  []schema.Record // merged, sorted by schema.CompareIDs
	Problems schema.Problems // every problem found, sorted
}

// Load finds the inputs in paths, reads them, merges the workbooks into the
// listing records and validates everything. The error is for inputs that
// cannot be read at all (exit code 2); problems with the data are in
// Dataset.Problems.
func Load(paths []string) (*Dataset, error) {
	in, err := Find(paths)
	if err != nil {
		return nil, err
	}
	ds := &Dataset{Inputs: in}
	// The workbooks are read first, so that the listing's records can be
	// read into a slice with room for the records only in workbooks, which
	// merge.Apply appends: growing a million records' slice would copy it
	// whole (half a gigabyte more, both copies live at once). Inputs still
	// fail in the order they always did: a listing that cannot be read is
	// the error before a workbook that cannot.
	var patches []schema.Patch
	var workbookProblems schema.Problems
	var workbookErr error
	for _, path := range in.Workbooks {
		ps, problems, err := workbook.Read(path, workbook.DefaultOptions())
		if err != nil {
			workbookErr = err
			break
		}
		patches = append(patches, ps...)
		workbookProblems = append(workbookProblems, problems...)
	}
	room := newIDs(patches)
	var records []schema.Record
	if len(in.Listings) == 1 {
		recs, ps, err := listing.ReadFileRoom(in.Listings[0], room)
		if err != nil {
			return nil, err
		}
		records = recs // the usual single listing: no copy of a million records
		ds.Problems = append(ds.Problems, ps...)
	} else if len(in.Listings) > 1 || room > 0 {
		all := make([][]schema.Record, len(in.Listings))
		total := 0
		for i, path := range in.Listings {
			recs, ps, err := listing.ReadFile(path)
			if err != nil {
				return nil, err
			}
			all[i], total = recs, total+len(recs)
			ds.Problems = append(ds.Problems, ps...)
		}
		records = make([]schema.Record, 0, total+room)
		for i, recs := range all {
			records = append(records, recs...)
			all[i] = nil // each listing's own slice can go once copied
		}
	}
	if workbookErr != nil {
		return nil, workbookErr
	}
	ds.Problems = append(ds.Problems, workbookProblems...)
	v := schema.NewValidator()
	var lang language.Stage
	if in.Metadata != "" {
		meta, err := schema.LoadMetadata(in.Metadata)
		if err != nil {
			return nil, err
		}
		ds.Meta = meta
		ds.Problems = append(ds.Problems, v.Metadata(&ds.Meta, in.Metadata)...)
		ds.Problems = append(ds.Problems, schema.CatalogProblems(&ds.Meta, in.Metadata)...)
		lang = language.Stage{Lang: meta.Language, Pos: schema.Position{File: in.Metadata}}
	}
	// Names get their language before merging, so that a workbook
	// repeating a name with the tag it was given (a template does) is no
	// change; descriptions a workbook brought get theirs after.
	ds.Problems = append(ds.Problems, lang.Sources(records, patches)...)
	// Apply reorders the listing's records in place: nothing else holds
	// them, and a copy would cost a gigabyte at a million records.
	merged, ps := merge.Apply(records, patches)
	lang.Merged(merged)
	ds.Records = merged
	ds.Problems = append(ds.Problems, ps...)
	ds.Problems = append(ds.Problems, v.Records(ds.Records)...)
	ds.Problems.Sort()
	return ds, nil
}

// newIDs returns the number of ids the patches name, an upper bound on the
// records merging adds to the listing's.
func newIDs(patches []schema.Patch) int {
	ids := make(map[string]struct{}, len(patches))
	for _, p := range patches {
		ids[p.ID] = struct{}{}
	}
	return len(ids)
}
