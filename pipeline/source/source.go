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
	"io"
	"io/fs"
	"os"
	"path"
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
// dataset.json; office lock files, hidden files, subfolders and *.md notes
// are skipped, and any other file is Unread, with a hint saying what to
// do. A file named directly is taken by its extension, a listing when it
// has no known one; a file named directly that holds nothing bordernet
// reads (notes.md, data.json, a spreadsheet it cannot read such as .ods,
// with the hint) is an error naming it. Stdin ("-") is a listing read from
// standard input. Every input must be a regular file: a
// FIFO, device, socket or directory named like one is refused at once. A
// file named twice (directly and through its folder, or by two paths) is
// read once. Paths are reported as given, with forward slashes.
func Find(paths []string) (Inputs, error) {
	var in Inputs
	var seen []os.FileInfo
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
				if hint := unreadableHint(strings.ToLower(filepath.Ext(p))); hint != "" {
					return Inputs{}, fmt.Errorf("source %s: %w: %s", p, ErrNotSource, hint)
				}
				return Inputs{}, fmt.Errorf("source %s: %w: name a listing (.txt), a workbook (.xlsx) or %s", p, ErrNotSource, MetadataFile)
			}
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return Inputs{}, fmt.Errorf("source %s: %w", p, unwrapPathError(err))
		}
		found := 0 // listings and workbooks in this folder, read before or not
		unread := len(in.Unread)
		for _, e := range entries {
			name := e.Name()
			if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
				continue
			}
			if roleOf(name, false) == roleNone {
				if u, ok := unreadFile(filepath.ToSlash(filepath.Join(p, name)), e); ok {
					in.Unread = append(in.Unread, u)
				}
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
// A spreadsheet bordernet cannot read (unreadableHint) is none.
func roleOf(name string, named bool) role {
	switch ext := strings.ToLower(filepath.Ext(name)); {
	case ext == ".xlsx" || ext == ".xlsm" || named && ext == ".xls":
		// A named .xls is passed on so the workbook reader can say what
		// to do with it; in a folder it is unread, with the same hint.
		return roleWorkbook
	case unreadableHint(ext) != "":
		return roleNone
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

// unreadFile is the Unread for a file of no role in a source folder: a
// spreadsheet bordernet cannot read with what to do, any other file with
// where bordernet looks. Subfolders and *.md notes (the curators' own)
// are skipped: ok is false.
func unreadFile(path string, e fs.DirEntry) (u Unread, ok bool) {
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case e.IsDir() || ext == ".md":
		return Unread{}, false
	case unreadableHint(ext) != "":
		return Unread{Path: path, Hint: unreadableHint(ext)}, true
	}
	return Unread{Path: path, Hint: "a source folder's listings are *.txt, its workbooks *.xlsx and its metadata " + MetadataFile +
		"; to read this file as a listing, name it explicitly (bordernet validate " + path + " ...)"}, true
}

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

// Dataset is what the sources say once read, merged and validated.
type Dataset struct {
	Inputs Inputs
	Meta   schema.Metadata // zero when Inputs.Metadata is ""
	// Records are the merged records, sorted by schema.CompareIDs: in
	// memory (a schema.RecordSlice), or in a store on disk when
	// Options.StoreDir is set (a *store.Set, closed by Close).
	Records  schema.RecordSet
	Problems schema.Problems // every problem found, sorted
	// Rejected are the workbook cells whose values could not be used
	// (marked Invalid, a problem says why), by row, so that a template
	// can show what the curator wrote.
	Rejected []schema.Patch
}

// Stdin is the SOURCE that stands for standard input, read as a listing;
// its values' positions name the file StdinName.
const (
	Stdin     = "-"
	StdinName = "stdin"
)

// Options are what LoadWith needs besides the context and the paths.
type Options struct {
	Stdin io.Reader // read for the SOURCE "-"; nil when there is none
	// StoreDir, when set, is a folder of the caller's (a release's
	// temporary folder) where the records are kept in stores on disk
	// (pipeline/store) rather than in memory: the listing is read as a
	// stream and what stays in memory is a few dozen bytes a record. The
	// records, order and problems are the same either way. The caller
	// closes the Dataset and removes the folder.
	StoreDir string
}

// Close lets go of the store the records are in, if any.
func (ds *Dataset) Close() error {
	if c, ok := ds.Records.(interface{ Close() error }); ok {
		return c.Close()
	}
	return nil
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

// Load finds the inputs in paths, reads them, merges the workbooks into the
// listing records and validates everything. The error is for inputs that
// cannot be read at all (exit code 2), or ctx's error when ctx is done
// before the end: Load checks it between files and between stages, so an
// interrupt is acted on while the sources are read, not once writing
// starts. Problems with the data are in Dataset.Problems; sources that
// hold no record at all are one of them (a release of nothing is refused).
func Load(ctx context.Context, paths []string) (*Dataset, error) {
	return LoadWith(ctx, paths, Options{})
}

// LoadWith is Load with standard input to read for the SOURCE "-".
func LoadWith(ctx context.Context, paths []string, opt Options) (*Dataset, error) {
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
		load := load
		if opt.StoreDir != "" {
			load = loadStored
		}
		ds, err := load(ctx, paths, opt)
		done <- result{ds, err}
	}()
	select {
	case r := <-done:
		return r.ds, r.err
	case <-ctx.Done():
		// The stage under way lets go of its store when it ends.
		go func() {
			if r := <-done; r.ds != nil {
				r.ds.Close()
			}
		}()
		return nil, ctx.Err()
	}
}

func load(ctx context.Context, paths []string, opt Options) (*Dataset, error) {
	ds, err := newDataset(paths)
	if err != nil {
		return nil, err
	}
	in := ds.Inputs
	// The workbooks are read first, so that the listing's records can be
	// read into a slice with room for the records only in workbooks, which
	// merge.Apply appends: growing a million records' slice would copy it
	// whole (half a gigabyte more, both copies live at once). Inputs still
	// fail in the order they always did: a listing that cannot be read is
	// the error before a workbook that cannot.
	patches, workbookProblems, workbookErr := readWorkbooks(ctx, in.Workbooks, ds)
	if err := ctx.Err(); err != nil {
		return nil, err
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
			if err := ctx.Err(); err != nil {
				return nil, err
			}
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
	ds.Records = schema.RecordSlice(merged)
	ds.Problems = append(ds.Problems, ps...)
	if len(merged) == 0 {
		ds.noRecords()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ds.Problems = append(ds.Problems, v.Records(merged)...)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ds.Problems.Sort()
	return ds, nil
}

// newDataset finds the inputs in paths: the start of either loader, with a
// warning for each file that is not read.
func newDataset(paths []string) (*Dataset, error) {
	in, err := Find(paths)
	if err != nil {
		return nil, err
	}
	ds := &Dataset{Inputs: in}
	for _, u := range in.Unread {
		ds.Problems.Warnf(schema.CodeUnreadFile, schema.Position{File: u.Path}, "", "", "is not read: %s", u.Hint)
	}
	return ds, nil
}

// noRecords reports sources that hold no record at all, at the first of
// them: a release of nothing is refused.
func (ds *Dataset) noRecords() {
	first := append(slices.Clone(ds.Inputs.Listings), ds.Inputs.Workbooks...)[0]
	ds.Problems.Errorf(schema.CodeNoRecords, schema.Position{File: first}, "", "",
		"the sources hold no record: a release needs at least one entry in the listing or one row in a workbook")
}

// readWorkbooks reads the workbooks at paths in order, noting their
// rejected cells in ds, and returns their patches and problems. Its error
// is the first workbook that cannot be read (the caller reports it after
// the listing's), or ctx's.
func readWorkbooks(ctx context.Context, paths []string, ds *Dataset) ([]schema.Patch, schema.Problems, error) {
	var patches []schema.Patch
	var problems schema.Problems
	for _, path := range paths {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		ps, found, err := workbook.Read(path, workbook.DefaultOptions())
		if err != nil {
			return patches, problems, err
		}
		patches = append(patches, ps...)
		problems = append(problems, found...)
		ds.Rejected = append(ds.Rejected, rejected(ps)...)
	}
	return patches, problems, nil
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
