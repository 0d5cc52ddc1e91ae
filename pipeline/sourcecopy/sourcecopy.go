// Package sourcecopy publishes a release's sources inside the release, so
// that every provenance IRI resolves: it names each source file by its
// path relative to the folder the sources share (the same names however
// the user typed the SOURCE paths), rewrites the records' positions to
// those names, and copies the files byte for byte into the release's
// source/ folder as a release.Addition.
//
// The entry point is Plan; its Relocate and Addition do the rest.
package sourcecopy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/bordernet/bordernet/internal/regular"
	"github.com/bordernet/bordernet/pipeline/source"
	"github.com/bordernet/bordernet/schema"
)

// Copy is the plan of a release's source folder: each input as the user
// named it, and the name it is published under.
type Copy struct {
	files []file // sorted by published name
}

type file struct {
	given     string // the path as source.Find reported it
	published string // slash-separated, relative to the sources' common folder
	// size and modTime when planned, before the sources are read: a copy
	// of a file that changed since is not the file the release was read
	// from, and its locators would point at other lines.
	size    int64
	modTime time.Time
}

// Plan names the inputs for publication, and notes each file's size and
// modification time: call it before reading the sources, so that Write can
// refuse a file changed in between. It names them each file's path relative to
// the deepest folder that holds all of them, so a single source folder
// gives bare file names ("listing.txt", "curation.xlsx"), and two
// workbooks of the same name in different folders keep their folders
// ("a/curation.xlsx", "b/curation.xlsx") and so their own locators.
// Nothing of the user's own folders above that common folder is published.
func Plan(in source.Inputs) (*Copy, error) {
	given := slices.Concat(in.Listings, in.Workbooks)
	if in.Metadata != "" {
		given = append(given, in.Metadata)
	}
	abs := make([]string, 0, len(given))
	seen := map[string]bool{}
	var files []file
	for _, g := range given {
		if g == source.Stdin {
			// A release publishes its sources byte for byte, and every
			// locator points into them: a stream read once has no copy.
			return nil, fmt.Errorf("source %s: a release publishes the files it was made from, and standard input is not a file: save the listing to a file and release that (validate reads standard input)", g)
		}
		a, err := filepath.Abs(filepath.FromSlash(g))
		if err != nil {
			return nil, fmt.Errorf("source %s: %w", g, err)
		}
		if seen[a] {
			continue
		}
		seen[a] = true
		info, err := os.Stat(a)
		if err != nil {
			return nil, fmt.Errorf("source %s: %w", g, err)
		}
		abs = append(abs, a)
		files = append(files, file{given: g, size: info.Size(), modTime: info.ModTime()})
	}
	if len(files) == 0 {
		return &Copy{}, nil
	}
	common := commonDir(abs)
	for i, a := range abs {
		rel, err := filepath.Rel(common, a)
		if err != nil {
			return nil, fmt.Errorf("source %s: %w", files[i].given, err)
		}
		files[i].published = filepath.ToSlash(rel)
	}
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.published, b.published) })
	return &Copy{files: files}, nil
}

// commonDir returns the deepest folder that holds every one of the
// absolute file paths.
func commonDir(abs []string) string {
	common := filepath.Dir(abs[0])
	for _, a := range abs[1:] {
		for !within(common, a) {
			parent := filepath.Dir(common)
			if parent == common {
				break
			}
			common = parent
		}
	}
	return common
}

func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && filepath.IsLocal(rel)
}

// Published returns the name a source file is published under, given the
// path as source.Find reported it.
func (c *Copy) Published(given string) (string, bool) {
	for _, f := range c.files {
		if f.given == given {
			return f.published, true
		}
	}
	return "", false
}

// Names returns the published names, sorted.
func (c *Copy) Names() []string {
	names := make([]string, len(c.files))
	for i, f := range c.files {
		names[i] = f.published
	}
	return names
}

// Relocate rewrites every position of the records (origins and field
// sources) from the path the user gave to the published name, so that
// every format (the RDF's locators, the XLSX Provenance sheet, ...)
// names the release's copy of the file and nothing of the user's folders.
// A position in a file the plan does not know is left as it is. The
// records are renamed where they are held: in memory, or in the names
// table of a store on disk (pipeline/store), which costs nothing per
// record.
func (c *Copy) Relocate(set schema.RecordSet) error {
	r, ok := set.(interface{ RenameFiles(func(string) string) })
	if !ok {
		return fmt.Errorf("the records are held where their positions cannot be renamed (%T)", set)
	}
	r.RenameFiles(func(given string) string {
		if pub, ok := c.Published(given); ok {
			return pub
		}
		return given
	})
	return nil
}

// Write copies the sources, byte for byte, into dir's source/ folder
// under their published names, and returns the paths it wrote relative to
// dir. It is a release.Addition's Write: the release wires it in with
// release.Addition{Name: "sources", Write: plan.Write}.
func (c *Copy) Write(ctx context.Context, dir string, _ *schema.Release, _ []schema.FileInfo) ([]string, error) {
	var wrote []string
	for _, f := range c.files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		name := path.Join(schema.SourceFolder, f.published)
		if err := copyFile(f, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			return nil, err
		}
		wrote = append(wrote, name)
	}
	return wrote, nil
}

// ErrChanged means a source file changed while the release was made.
var ErrChanged = errors.New("changed while the release was being made: run the release again")

// copyFile copies the source f to a new file to, creating its folders,
// unless f changed since it was planned.
func copyFile(f file, to string) error {
	from := f.given
	src, err := regular.Open(filepath.FromSlash(from))
	if err != nil {
		return fmt.Errorf("copying source %s: %w", from, err)
	}
	defer src.Close()
	info, err := src.Stat()
	if err != nil {
		return fmt.Errorf("copying source %s: %w", from, err)
	}
	if info.Size() != f.size || !info.ModTime().Equal(f.modTime) {
		return fmt.Errorf("source %s: %w", from, ErrChanged)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return fmt.Errorf("copying source %s: %w", from, err)
	}
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("copying source %s: %w", from, err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return fmt.Errorf("copying source %s: %w", from, err)
	}
	if err := dst.Close(); err != nil {
		return fmt.Errorf("copying source %s: %w", from, err)
	}
	return nil
}
