package changes

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/bordernet/bordernet/schema"
)

// latestLink is the link beside the release folders to the newest one
// (release.LatestLink; not imported, so that this package's reading of
// releases does not depend on the assembler).
const latestLink = "latest"

// Releases returns the release folders in outDir, by name: every folder
// that holds a release's data files, neither hidden (a release being
// written) nor the latest link. A missing outDir has none.
func Releases(outDir string) ([]string, error) {
	entries, err := os.ReadDir(outDir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the releases in %s: %w", outDir, err)
	}
	var dirs []string
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || name == latestLink || !e.IsDir() {
			continue
		}
		if dir := filepath.Join(outDir, name); IsRelease(dir) {
			dirs = append(dirs, dir)
		}
	}
	return dirs, nil
}

// Previous returns the release a new release of version follows: the one
// OUT/latest points at, unless that is version itself (a release made
// again with --force), in which case the release with the greatest name
// below version, else none. ok is false when there is none.
func Previous(outDir, version string) (dir string, ok bool, err error) {
	link := filepath.Join(outDir, latestLink)
	if target, err := filepath.EvalSymlinks(link); err == nil && filepath.Base(target) != version && IsRelease(link) {
		return filepath.Join(outDir, filepath.Base(target)), true, nil
	}
	dirs, err := Releases(outDir)
	if err != nil {
		return "", false, err
	}
	for i := len(dirs) - 1; i >= 0; i-- {
		if name := filepath.Base(dirs[i]); name < version || version == "" {
			return dirs[i], true, nil
		}
	}
	return "", false, nil
}

// DroppedIDs checks that every id published in a release in outDir is
// among records (sorted by schema.CompareIDs): ids stay once published.
// It returns an error (code id-dropped) for each id that is not, naming
// the releases that published it, at its row in the first one's CSV, and
// saying how to retire the record instead. Each release's ids are read
// from its bordernet.csv one at a time and looked up in records by binary
// search, so memory does not grow with the releases. The records' ids
// are copied out of records once (a store on disk is read in one walk,
// not searched record by record).
func DroppedIDs(ctx context.Context, outDir string, records schema.RecordSet) (schema.Problems, error) {
	dirs, err := Releases(outDir)
	if err != nil {
		return nil, err
	}
	if len(dirs) == 0 {
		return nil, nil
	}
	ids := make([]string, 0, records.Len())
	for _, r := range records.All() {
		ids = append(ids, strings.Clone(r.ID))
	}
	if err := records.Err(); err != nil {
		return nil, err
	}
	type dropped struct {
		pos      schema.Position
		releases []string
	}
	found := map[string]*dropped{}
	var order []string
	for _, dir := range dirs {
		name := filepath.Base(dir)
		read := 0
		err := releaseIDs(dir, func(id string, pos schema.Position) error {
			if read++; read%4096 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			if _, ok := slices.BinarySearchFunc(ids, id, schema.CompareIDs); ok {
				return nil
			}
			d := found[id]
			if d == nil {
				d = &dropped{pos: pos}
				found[id] = d
				order = append(order, id)
			}
			d.releases = append(d.releases, name)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	var ps schema.Problems
	for _, id := range order {
		d := found[id]
		in := "release " + d.releases[0]
		if len(d.releases) > 1 {
			in = "releases " + strings.Join(d.releases, ", ")
		}
		ps = append(ps, schema.Problem{
			Severity: schema.SeverityError, Pos: d.pos, Record: id, Field: schema.FieldID, Code: CodeIDDropped,
			Message: fmt.Sprintf("id %q was published in %s and is missing now: a published id stays, so that links to it keep working. "+
				"Keep its record and retire it instead: set status to inactive (or succeeded, with successor the id of the body that took over) "+
				"and dissolved to the date it ended", id, in),
		})
	}
	return ps, nil
}

// releaseIDs calls fn with every id in dir's bordernet.csv and the row it
// is on.
func releaseIDs(dir string, fn func(id string, pos schema.Position) error) error {
	path := filepath.Join(dir, CSVFile)
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	cr := csv.NewReader(bufio.NewReaderSize(f, 256<<10))
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%s: reading the header: %w", path, err)
	}
	if len(header) == 0 || header[0] != string(schema.FieldID) {
		return fmt.Errorf("%s: the first column is not id: not a bordernet release", path)
	}
	file := filepath.ToSlash(path)
	for row := 2; ; row++ {
		cells, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if cells[0] == "" {
			continue
		}
		if err := fn(cells[0], schema.Position{File: file, Line: row}); err != nil {
			return err
		}
	}
}
