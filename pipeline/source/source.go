// Package source finds a dataset's inputs in the paths a user names and
// runs the first half of the pipeline on them: read the listings and the
// curator workbooks, merge them, give names their language, validate the
// result. Its output is the records a release is made of, with every
// problem found on the way.
package source

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/bordernet/bordernet/internal/regular"
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
// one; a file named directly that holds nothing bordernet reads (notes.md,
// data.json) is an error naming it. Every input must be a regular file: a
// FIFO, device, socket or directory named like one is refused at once. A
// file named twice (directly and through its folder, or by two paths) is
// read once. Paths are reported as given, with forward slashes.
func Find(paths []string) (Inputs, error) {
	var in Inputs
	var seen []os.FileInfo
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return Inputs{}, fmt.Errorf("source %s: %w", p, unwrapPathError(err))
		}
		if !info.IsDir() {
			if err := regular.Check(info); err != nil {
				return Inputs{}, fmt.Errorf("source %s: %w", p, err)
			}
			if sameAsSeen(seen, info) {
				continue
			}
			seen = append(seen, info)
			if ok, err := in.add(p, true); err != nil {
				return Inputs{}, err
			} else if !ok {
				return Inputs{}, fmt.Errorf("source %s: %w: name a listing (.txt), a workbook (.xlsx) or %s", p, ErrNotSource, MetadataFile)
			}
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return Inputs{}, fmt.Errorf("source %s: %w", p, unwrapPathError(err))
		}
		found := 0 // listings and workbooks in this folder, read before or not
		for _, e := range entries {
			name := e.Name()
			if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || roleOf(name, false) == roleNone {
				continue
			}
			path := filepath.ToSlash(filepath.Join(p, name))
			info, err := os.Stat(path)
			if err != nil {
				return Inputs{}, fmt.Errorf("source %s: %w", path, unwrapPathError(err))
			}
			if err := regular.Check(info); err != nil {
				return Inputs{}, fmt.Errorf("source %s: %w", path, err)
			}
			if r := roleOf(name, false); r == roleListing || r == roleWorkbook {
				found++
			}
			if sameAsSeen(seen, info) {
				continue
			}
			seen = append(seen, info)
			if _, err := in.add(path, false); err != nil {
				return Inputs{}, err
			}
		}
		if found == 0 {
			return Inputs{}, fmt.Errorf("source %s: %w", p, ErrNoInput)
		}
	}
	if len(in.Listings)+len(in.Workbooks) == 0 {
		return Inputs{}, ErrNoInput
	}
	slices.Sort(in.Workbooks)
	return in, nil
}

// ErrNotSource means a file named as a source is of no kind bordernet reads.
var ErrNotSource = errors.New("not a listing, a workbook or dataset metadata")

// sameAsSeen reports whether info is a file already taken, by another path.
func sameAsSeen(seen []os.FileInfo, info os.FileInfo) bool {
	return slices.ContainsFunc(seen, func(s os.FileInfo) bool { return os.SameFile(s, info) })
}

// role is what a source file is to bordernet.
type role int

const (
	roleNone role = iota
	roleListing
	roleWorkbook
	roleMetadata
)

// roleOf says what the file called name is. A file named directly is a
// listing when its extension says nothing else; in a folder only *.txt is.
func roleOf(name string, named bool) role {
	switch ext := strings.ToLower(filepath.Ext(name)); {
	case ext == ".xlsx" || ext == ".xls" || ext == ".xlsm":
		// .xls is passed on so the workbook reader can say what to do with it.
		return roleWorkbook
	case filepath.Base(name) == MetadataFile:
		return roleMetadata
	case ext == ".txt" || named && ext != ".json" && ext != ".md":
		return roleListing
	}
	return roleNone
}

// add files path by its role; it reports false when path has none, and
// an error for a second, different metadata file.
func (in *Inputs) add(path string, named bool) (bool, error) {
	path = filepath.ToSlash(path)
	switch roleOf(path, named) {
	case roleWorkbook:
		in.Workbooks = append(in.Workbooks, path)
	case roleMetadata:
		if in.Metadata != "" {
			return true, fmt.Errorf("source %s: a second dataset metadata file (the first is %s)", path, in.Metadata)
		}
		in.Metadata = path
	case roleListing:
		in.Listings = append(in.Listings, path)
	default:
		return false, nil
	}
	return true, nil
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
// cannot be read at all (exit code 2), or ctx's error when ctx is done
// before the end: Load checks it between files and between stages, so an
// interrupt is acted on while the sources are read, not once writing
// starts. Problems with the data are in Dataset.Problems; sources that
// hold no record at all are one of them (a release of nothing is refused).
func Load(ctx context.Context, paths []string) (*Dataset, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// The stages check ctx between files and between stages; a stage
	// under way (a million records' validation takes seconds) is left to
	// finish in the background, and stops at its next check, while Load
	// returns at once: it writes nothing, so there is nothing to undo.
	type result struct {
		ds  *Dataset
		err error
	}
	done := make(chan result, 1)
	go func() {
		ds, err := load(ctx, paths)
		done <- result{ds, err}
	}()
	select {
	case r := <-done:
		return r.ds, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func load(ctx context.Context, paths []string) (*Dataset, error) {
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
		if err := ctx.Err(); err != nil {
			return nil, err
		}
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
			if err := ctx.Err(); err != nil {
				return nil, err
			}
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
	if err := ctx.Err(); err != nil {
		return nil, err
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
	if len(ds.Records) == 0 {
		first := append(slices.Clone(in.Listings), in.Workbooks...)[0]
		ds.Problems = append(ds.Problems, schema.Problem{
			Severity: schema.SeverityError, Pos: schema.Position{File: first}, Code: "no-records",
			Message: "the sources hold no record: a release needs at least one entry in the listing or one row in a workbook",
		})
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ds.Problems = append(ds.Problems, v.Records(ds.Records)...)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
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
