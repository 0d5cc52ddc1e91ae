// Package source finds a dataset's inputs in the paths a user names and
// runs the first half of the pipeline on them: read the listings and the
// curator workbooks, merge them, validate the result. Its output is the
// records a release is made of, with every problem found on the way.
package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

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
	Metadata  string   // "" when there is none
	Unread    []Unread // files in a source folder that are not read
}

// Unread is a file in a source folder that bordernet does not read, and
// what the user can do about it: nothing the user gave is dropped
// silently.
type Unread struct {
	Path string
	Hint string // what to do, e.g. "save it as .xlsx"
}

// Find sorts the files named by paths into listings, workbooks and the
// metadata file. A directory contributes its own files (not those of
// subdirectories) by extension: *.txt listings, *.xlsx workbooks, and
// dataset.json; office lock files, hidden files and *.md notes are
// skipped, and any other file is Unread, with a hint. A file named
// directly is taken by its extension, a listing when it has no known one;
// a spreadsheet bordernet cannot read (.ods, .csv, .numbers, ...) named
// directly is refused with the same hint. Paths are reported as given,
// with forward slashes.
func Find(paths []string) (Inputs, error) {
	var in Inputs
	for _, p := range paths {
		if p == Stdin {
			if slices.Contains(in.Listings, Stdin) {
				return Inputs{}, fmt.Errorf("source %s: standard input named twice", Stdin)
			}
			in.Listings = append(in.Listings, Stdin)
			continue
		}
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
		before, unread := len(in.Listings)+len(in.Workbooks), len(in.Unread)
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
			var hints []string
			for _, u := range in.Unread[unread:] {
				hints = append(hints, path.Base(u.Path)+" is "+u.Hint)
			}
			if len(hints) > 0 {
				return Inputs{}, fmt.Errorf("source %s: %w (%s)", p, ErrNoInput, strings.Join(hints, "; "))
			}
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
	case ext == ".xlsx" || ext == ".xlsm" || named && ext == ".xls":
		// A named .xls is passed on so the workbook reader can say what
		// to do with it.
		in.Workbooks = append(in.Workbooks, path)
	case unreadableHint(ext) != "":
		if named {
			return fmt.Errorf("source %s: %w: %s", path, ErrNotSource, unreadableHint(ext))
		}
		in.Unread = append(in.Unread, Unread{Path: path, Hint: unreadableHint(ext)})
	case filepath.Base(path) == MetadataFile:
		if in.Metadata != "" && in.Metadata != path {
			return fmt.Errorf("source %s: a second dataset metadata file (the first is %s)", path, in.Metadata)
		}
		in.Metadata = path
	case ext == ".txt" || named && ext != ".json" && ext != ".md":
		in.Listings = append(in.Listings, path)
	case ext != ".md": // notes beside the sources are the curators' own
		in.Unread = append(in.Unread, Unread{Path: path, Hint: "a source folder's listings are *.txt, its workbooks *.xlsx and its metadata " + MetadataFile + "; to read this file as a listing, name it explicitly (bordernet validate " + path + " ...)"})
	}
	return nil
}

// ErrNotSource means a file named as a source is of a kind bordernet
// cannot read (an OpenDocument or Numbers spreadsheet, a CSV file).
var ErrNotSource = errors.New("not a file bordernet reads")

// unreadableHint says, for the extension of a spreadsheet format
// bordernet does not read, what kind of file it is and what to do with
// it; "" for any other extension.
func unreadableHint(ext string) string {
	switch ext {
	case ".ods":
		return "an OpenDocument spreadsheet: save it as .xlsx (LibreOffice: File, Save As, Excel 2007-365) and name or keep that file"
	case ".fods":
		return "a flat OpenDocument spreadsheet: save it as .xlsx (LibreOffice: File, Save As, Excel 2007-365) and name or keep that file"
	case ".xls":
		return "an old Excel 97-2003 workbook: save it as .xlsx (Excel Workbook) and keep that file instead"
	case ".xlsb":
		return "a binary Excel workbook: save it as .xlsx (Excel Workbook) and keep that file instead"
	case ".numbers":
		return "an Apple Numbers spreadsheet: export it to Excel (.xlsx) and keep that file instead"
	case ".csv":
		return "a CSV file: bordernet reads workbooks, not CSV; open it in a spreadsheet and save it as .xlsx with a header row of field names"
	case ".tsv":
		return "a tab-separated file: bordernet reads workbooks, not TSV; open it in a spreadsheet and save it as .xlsx with a header row of field names"
	}
	return ""
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

// Stdin is the SOURCE that stands for standard input, read as a listing;
// its values' positions name the file StdinName.
const (
	Stdin     = "-"
	StdinName = "stdin"
)

// Options are what LoadWith needs besides the paths.
type Options struct {
	Stdin io.Reader // read for the SOURCE "-"; nil when there is none
	// Context, when set, stops loading between its stages (reading,
	// merging, validating) once it is done, with its error: a user's
	// interrupt ends a long validation promptly.
	Context context.Context
}

// stopped returns the context's error, if it is done.
func (o Options) stopped() error {
	if o.Context == nil {
		return nil
	}
	return o.Context.Err()
}

// readListing reads the listing at path, or standard input for Stdin,
// with room for more records after its own.
func readListing(path string, room int, opt Options) ([]schema.Record, schema.Problems, error) {
	if path != Stdin {
		return listing.ReadFileRoom(path, room)
	}
	if opt.Stdin == nil {
		return nil, nil, fmt.Errorf("source %s: standard input is not available here", Stdin)
	}
	return listing.Read(opt.Stdin, StdinName)
}

// Dataset is what the sources say once read, merged and validated.
type Dataset struct {
	Inputs   Inputs
	Meta     schema.Metadata // zero when Inputs.Metadata is ""
	Records  []schema.Record // merged, sorted by schema.CompareIDs
	Problems schema.Problems // every problem found, sorted
	// Rejected are the workbook cells whose values could not be used
	// (marked Invalid, a problem says why), by row, so that a template
	// can show what the curator wrote.
	Rejected []schema.Patch
}

// Load finds the inputs in paths, reads them, merges the workbooks into the
// listing records and validates everything. The error is for inputs that
// cannot be read at all (exit code 2); problems with the data are in
// Dataset.Problems.
func Load(paths []string) (*Dataset, error) { return LoadWith(paths, Options{}) }

// LoadWith is Load with standard input to read for the SOURCE "-".
func LoadWith(paths []string, opt Options) (*Dataset, error) {
	in, err := Find(paths)
	if err != nil {
		return nil, err
	}
	ds := &Dataset{Inputs: in}
	for _, u := range in.Unread {
		ds.Problems.Warnf(schema.CodeUnreadFile, schema.Position{File: u.Path}, "", "", "is not read: %s", u.Hint)
	}
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
		ds.Rejected = append(ds.Rejected, rejected(ps)...)
	}
	room := newIDs(patches)
	var records []schema.Record
	if len(in.Listings) == 1 {
		recs, ps, err := readListing(in.Listings[0], room, opt)
		if err != nil {
			return nil, err
		}
		records = recs // the usual single listing: no copy of a million records
		ds.Problems = append(ds.Problems, ps...)
	} else if len(in.Listings) > 1 || room > 0 {
		all := make([][]schema.Record, len(in.Listings))
		total := 0
		for i, path := range in.Listings {
			recs, ps, err := readListing(path, 0, opt)
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
	if err := opt.stopped(); err != nil {
		return nil, err
	}
	ds.Problems = append(ds.Problems, workbookProblems...)
	// Apply reorders the listing's records in place: nothing else holds
	// them, and a copy would cost a gigabyte at a million records.
	merged, ps := merge.Apply(records, patches)
	ds.Records = merged
	ds.Problems = append(ds.Problems, ps...)
	if err := opt.stopped(); err != nil {
		return nil, err
	}

	v := schema.NewValidator()
	ds.Problems = append(ds.Problems, v.Records(ds.Records)...)
	if in.Metadata != "" {
		meta, err := schema.LoadMetadata(in.Metadata)
		if err != nil {
			return nil, err
		}
		ds.Meta = meta
		ds.Problems = append(ds.Problems, v.Metadata(&ds.Meta, in.Metadata)...)
		ds.Problems = append(ds.Problems, schema.CatalogProblems(&ds.Meta, in.Metadata)...)
	}
	ds.Problems.Sort()
	return ds, nil
}

// rejected returns the rows of patches that have cells marked Invalid,
// with those cells only.
func rejected(patches []schema.Patch) []schema.Patch {
	var out []schema.Patch
	for _, p := range patches {
		var cells []schema.PatchCell
		for _, c := range p.Cells {
			if c.Invalid {
				cells = append(cells, c)
			}
		}
		if len(cells) > 0 {
			out = append(out, schema.Patch{ID: p.ID, Origin: p.Origin, Cells: cells})
		}
	}
	return out
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
