package source

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bordernet/bordernet/schema"
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
		"curation.ods":                  "x",
		"export.csv":                    "x",
		"photo.png":                     "x",
		"only-ods/curation.ods":         "x",
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
	if got := rel(in.Workbooks); !slices.Equal(got, []string{"a.xlsx", "b.xlsx"}) {
		t.Errorf("workbooks %q (want sorted, lock files skipped)", got)
	}
	// Every other file but notes is unread, with what to do about it.
	var unread []string
	for _, u := range in.Unread {
		r, _ := filepath.Rel(dir, u.Path)
		unread = append(unread, filepath.ToSlash(r)+": "+u.Hint)
	}
	wantUnread := []string{
		"curation.ods: an OpenDocument spreadsheet: save it as .xlsx (LibreOffice: File, Save As, Excel 2007-365) and name or keep that file",
		"export.csv: a CSV file: bordernet reads workbooks, not CSV; open it in a spreadsheet and save it as .xlsx with a header row of field names",
		"old.xls: an old Excel 97-2003 workbook: save it as .xlsx (Excel Workbook) and keep that file instead",
		"photo.png: a source folder's listings are *.txt, its workbooks *.xlsx and its metadata dataset.json; to read this file as a listing, name it explicitly (bordernet validate " + filepath.ToSlash(filepath.Join(dir, "photo.png")) + " ...)",
	}
	if !slices.Equal(unread, wantUnread) {
		t.Errorf("unread:\n%s\nwant:\n%s", strings.Join(unread, "\n"), strings.Join(wantUnread, "\n"))
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
		{[]string{filepath.Join(dir, "only-ods")}, ErrNoInput, "only-ods: no listing (.txt) or workbook (.xlsx) found (curation.ods is an OpenDocument spreadsheet: save it as .xlsx"},
		{[]string{filepath.Join(dir, "curation.ods")}, ErrNotSource, "curation.ods: not a listing, a workbook or dataset metadata: an OpenDocument spreadsheet: save it as .xlsx"},
		{[]string{filepath.Join(dir, "export.csv")}, ErrNotSource, "export.csv: not a listing, a workbook or dataset metadata: a CSV file"},
		{[]string{filepath.Join(dir, "named", "two", "dataset.json"), filepath.Join(dir, "named", "two", "second", "dataset.json")}, nil, "a second dataset metadata file"},
	} {
		_, err := Find(tc.paths)
		if err == nil || (tc.want != nil && !errors.Is(err, tc.want)) || !strings.Contains(err.Error(), tc.text) {
			t.Errorf("Find(%q) = %v, want %v containing %q", tc.paths, err, tc.want, tc.text)
		}
	}
}

func TestLoadTheRepositorySources(t *testing.T) {
	ds, err := Load(context.Background(), []string{"../../sources"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Problems) != 0 {
		t.Errorf("the repository's sources have problems:\n%v", ds.Problems)
	}
	var ids []string
	for _, r := range slice(ds) {
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
	for _, r := range slice(ds) {
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
	if _, err := Load(context.Background(), []string{filepath.Join(dir, "listing.txt")}); err == nil || !strings.Contains(err.Error(), "listing.txt") {
		t.Errorf("empty listing: %v", err)
	}
	if _, err := Load(context.Background(), []string{filepath.Join(dir, "bad")}); err == nil || !strings.Contains(err.Error(), "curation.xlsx") {
		t.Errorf("CSV renamed .xlsx: %v", err)
	}
}

// TestLoadListingsAndWorkbook: two listings and a workbook that adds
// records give the records of each, merged as one listing would be.
func TestLoadListingsAndWorkbook(t *testing.T) {
	one, err := Load(context.Background(), []string{"../../sources"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write(t, dir, map[string]string{"more.txt": "More networks\n\nOther networks:\n\nTest Liaison Network (TLN)\n\nThe TLN is a network of test liaison officers in Europe.\n"})
	more := filepath.ToSlash(filepath.Join(dir, "more.txt"))
	two, err := Load(context.Background(), []string{"../../sources/listing.txt", more, "../../sources/curation.xlsx", "../../sources/dataset.json"})
	if err != nil {
		t.Fatal(err)
	}
	if len(two.Problems) != 0 {
		t.Errorf("problems:\n%v", two.Problems)
	}
	var rest []schema.Record
	for _, r := range slice(two) {
		if r.Origin.File == more {
			if r.ID != "tln" {
				t.Errorf("record %q from %s", r.ID, more)
			}
			continue
		}
		rest = append(rest, r)
	}
	if len(rest) != len(slice(two))-1 || !reflect.DeepEqual(rest, slice(one)) {
		t.Errorf("with a second listing the first's records differ:\n%v\nwant\n%v", rest, slice(one))
	}
	if !slices.IsSortedFunc(slice(two), func(a, b schema.Record) int { return schema.CompareIDs(a.ID, b.ID) }) {
		t.Error("records not sorted by id")
	}

	// Without a listing every record is the workbook's.
	wb, err := Load(context.Background(), []string{"../../sources/curation.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if len(slice(wb)) == 0 {
		t.Error("no records from the workbook alone")
	}
	for _, r := range slice(wb) {
		if !r.Origin.InWorkbook() {
			t.Errorf("record %q from %v", r.ID, r.Origin)
		}
	}
}

// TestLoadErrorOrder: a listing that cannot be read is the error before a
// workbook that cannot, though workbooks are read first.
func TestLoadErrorOrder(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"listing.txt": "", "curation.xlsx": "id,name\nx,y\n"})
	_, err := Load(context.Background(), []string{dir})
	if err == nil || !strings.Contains(err.Error(), "listing.txt") {
		t.Errorf("empty listing and bad workbook: %v, want the listing's error", err)
	}
	write(t, dir, map[string]string{"listing.txt": "Networks\n\nA Network (AN)\n\nThe AN is a network.\n"})
	_, err = Load(context.Background(), []string{dir})
	if err == nil || !strings.Contains(err.Error(), "curation.xlsx") {
		t.Errorf("good listing and bad workbook: %v, want the workbook's error", err)
	}
}

// TestProblemCodes: every problem a run finds has a code of schema.Codes,
// with the severity Codes gives it, on sources with many kinds of
// problems (a listing with errors, workbooks with bad cells, unread files).
func TestProblemCodes(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"listing.txt": "Intro line\n\nNetworks\n\nEU-focused Networks:\n\nTwin Network (TWN)\n\nThe TWN is a network.\n\nTwin Network Again (TWN)\n\nA second TWN.\n\nEmpty Section:\n",
		"notes.odt":   "x",
		"data.csv":    "x",
	})
	for _, name := range []string{"curator.xlsx", "curator-libreoffice.xlsx"} {
		data, err := os.ReadFile(filepath.Join("../../testdata/workbook", name))
		if err != nil {
			t.Fatal(err)
		}
		write(t, dir, map[string]string{name: string(data)})
	}
	ds, err := Load(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	severity := map[string]schema.Severity{}
	for _, c := range schema.Codes() {
		severity[c.Code] = c.Severity
	}
	codes := map[string]bool{}
	for _, p := range ds.Problems {
		sev, ok := severity[p.Code]
		switch {
		case !ok:
			t.Errorf("problem without a known code: %q: %s", p.Code, p)
		case sev != p.Severity:
			t.Errorf("%s is a %s, but Codes says %s: %s", p.Code, p.Severity, sev, p)
		}
		codes[p.Code] = true
	}
	t.Logf("codes found: %v", codes)
	if len(codes) < 8 {
		t.Errorf("only %d kinds of problem found, the fixture means more: %v", len(codes), ds.Problems)
	}
}

// TestLoadInterrupted: a canceled context ends Load with its error, before
// or while the sources are read, never with a dataset.
func TestLoadInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if ds, err := Load(ctx, []string{"../../sources"}); !errors.Is(err, context.Canceled) || ds != nil {
		t.Errorf("canceled before: %v, %v", ds, err)
	}
	// Canceled while reading: a listing big enough to take a while.
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("Networks\n\nNetworks:\n\n")
	for i := range 20000 {
		fmt.Fprintf(&b, "Test Network Number %d (TN%d)\n\nThe TN%d is a network of tests.\n\n", i, i, i)
	}
	write(t, dir, map[string]string{"listing.txt": b.String()})
	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(time.Millisecond, cancel)
	if ds, err := Load(ctx, []string{dir}); !errors.Is(err, context.Canceled) || ds != nil {
		t.Errorf("canceled while reading: %v, %v", ds, err)
	}
}

// TestFindReadsAFileOnce: a file named directly, through its folder, by a
// second path or through a symbolic link is one input, read once.
func TestFindReadsAFileOnce(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"listing.txt": "x", "dataset.json": "{}", "notes.md": "notes"})
	if err := os.Symlink(filepath.Join(dir, "listing.txt"), filepath.Join(dir, "alias.txt")); err != nil {
		t.Fatal(err)
	}
	in, err := Find([]string{dir, filepath.Join(dir, "listing.txt"), filepath.Join(dir, ".", "listing.txt"), filepath.Join(dir, "dataset.json")})
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Listings) != 1 || in.Metadata == "" {
		t.Errorf("inputs %+v, want one listing (alias.txt is the same file) and the metadata", in)
	}
	_, err = Find([]string{dir, filepath.Join(dir, "notes.md")})
	if !errors.Is(err, ErrNotSource) || !strings.Contains(err.Error(), "notes.md") {
		t.Errorf("notes.md named: %v, want ErrNotSource naming it", err)
	}
}

// slice returns the records of a dataset loaded in memory.
func slice(ds *Dataset) []schema.Record { return ds.Records.(schema.RecordSlice) }
