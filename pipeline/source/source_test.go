package source

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"listing.txt":                   "x",
		"b.xlsx":                        "x",
		"a.xlsx":                        "x",
		"old.xls":                       "x",
		"dataset.json":                  "{}",
		"README.md":                     "notes",
		"~$a.xlsx":                      "Excel lock file",
		".~lock.a.xlsx#":                "LibreOffice lock file",
		"sub/other.txt":                 "not read: subfolders are not searched",
		"empty/notes.md":                "",
		"named/listing-without-ext":     "x",
		"named/two/dataset.json":        "{}",
		"named/two/second/dataset.json": "{}",
	})
	in, err := Find([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	rel := func(paths []string) []string {
		var out []string
		for _, p := range paths {
			r, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(r))
		}
		return out
	}
	if got := rel(in.Listings); !slices.Equal(got, []string{"listing.txt"}) {
		t.Errorf("listings %q", got)
	}
	if got := rel(in.Workbooks); !slices.Equal(got, []string{"a.xlsx", "b.xlsx", "old.xls"}) {
		t.Errorf("workbooks %q (want sorted, lock files skipped, .xls passed on for its error)", got)
	}
	if got := rel([]string{in.Metadata}); got[0] != "dataset.json" {
		t.Errorf("metadata %q", got)
	}

	// A file named on the command line is a listing whatever its name.
	in, err = Find([]string{filepath.Join(dir, "named", "listing-without-ext")})
	if err != nil || len(in.Listings) != 1 {
		t.Errorf("named file: %+v, %v", in, err)
	}

	for _, tc := range []struct {
		paths []string
		want  error
		text  string
	}{
		{[]string{filepath.Join(dir, "missing")}, fs.ErrNotExist, "missing: no such file or directory"},
		{[]string{filepath.Join(dir, "empty")}, ErrNoInput, "empty: no listing (.txt) or workbook (.xlsx) found"},
		{[]string{filepath.Join(dir, "named", "two", "dataset.json"), filepath.Join(dir, "named", "two", "second", "dataset.json")}, nil, "a second dataset metadata file"},
	} {
		_, err := Find(tc.paths)
		if err == nil || (tc.want != nil && !errors.Is(err, tc.want)) || !strings.Contains(err.Error(), tc.text) {
			t.Errorf("Find(%q) = %v, want %v containing %q", tc.paths, err, tc.want, tc.text)
		}
	}
}

func TestLoadTheRepositorySources(t *testing.T) {
	ds, err := Load([]string{"../../sources"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Problems) != 0 {
		t.Errorf("the repository's sources have problems:\n%v", ds.Problems)
	}
	var ids []string
	for _, r := range ds.Records {
		ids = append(ids, r.ID)
	}
	want := []string{"bsrbcc", "easo", "ecre", "elena", "epn", "eu-lisa", "euaa", "eurint-network", "fran", "frontex", "gdisc", "ilo", "sircop"}
	if !slices.Equal(ids, want) {
		t.Errorf("ids %q, want %q", ids, want)
	}
	if ds.Meta.BaseIRI == "" {
		t.Error("dataset.json was not read")
	}
	// Curated values carry their cell, listing values their line.
	for _, r := range ds.Records {
		if r.ID != "easo" {
			continue
		}
		if pos, ok := r.Source("successor"); !ok || pos.Sheet != "Records" || !strings.HasSuffix(pos.File, "curation.xlsx") {
			t.Errorf("easo successor from %v", pos)
		}
		if pos, _ := r.Source("description"); !strings.HasSuffix(pos.String(), "listing.txt:47") {
			t.Errorf("easo description from %v, want listing.txt:47", pos)
		}
	}
}

func TestLoadReportsUnreadableInput(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"listing.txt": "", "bad/curation.xlsx": "id,name\nx,y\n"})
	if _, err := Load([]string{filepath.Join(dir, "listing.txt")}); err == nil || !strings.Contains(err.Error(), "listing.txt") {
		t.Errorf("empty listing: %v", err)
	}
	if _, err := Load([]string{filepath.Join(dir, "bad")}); err == nil || !strings.Contains(err.Error(), "curation.xlsx") {
		t.Errorf("CSV renamed .xlsx: %v", err)
	}
}
