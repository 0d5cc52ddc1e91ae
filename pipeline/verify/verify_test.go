package verify

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/pipeline/release"
	"github.com/bordernet/bordernet/pipeline/source"
	"github.com/bordernet/bordernet/pipeline/sourcecopy"
	"github.com/bordernet/bordernet/schema"
)

// publishSeed publishes the repository's sources, with their copies in
// source/ and a file in a deeper subfolder, and returns the release folder.
func publishSeed(t *testing.T) string {
	t.Helper()
	ds, err := source.Load(context.Background(), []string{filepath.Join("..", "..", "sources")})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := sourcecopy.Plan(ds.Inputs)
	if err != nil {
		t.Fatal(err)
	}
	if err := plan.Relocate(ds.Records); err != nil {
		t.Fatal(err)
	}
	page := release.Addition{Name: "site", Write: func(_ context.Context, dir string, _ *schema.Release, _ []schema.FileInfo) ([]string, error) {
		if err := os.MkdirAll(filepath.Join(dir, "site", "id"), 0o755); err != nil {
			return nil, err
		}
		return []string{"site/id/frontex.html"}, os.WriteFile(filepath.Join(dir, "site", "id", "frontex.html"), []byte("<!doctype html><title>Frontex</title>\n"), 0o644)
	}}
	rel := &schema.Release{Meta: ds.Meta, Version: "2026-11-27", Date: "2026-11-27", Records: ds.Records}
	res, err := release.Publish(context.Background(), rel, release.Options{OutDir: t.TempDir(),
		Additions: []release.Addition{{Name: "sources", Write: plan.Write}, page}})
	if err != nil {
		t.Fatal(err)
	}
	return res.Dir
}

// clone copies the release folder to a new temporary folder.
func clone(t *testing.T, dir string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "release")
	if err := os.CopyFS(dst, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	return dst
}

func check(t *testing.T, dir string) *Report {
	t.Helper()
	rep, err := Release(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func codes(rep *Report, file string) []string {
	var out []string
	for _, p := range rep.Problems {
		if p.File == file {
			out = append(out, p.Code)
		}
	}
	return out
}

func TestIntactRelease(t *testing.T) {
	dir := publishSeed(t)
	rep := check(t, dir)
	if !rep.OK() {
		t.Fatalf("an intact release has problems:\n%v", rep.Problems)
	}
	// SHA256SUMS, 7 data files (the shapes too), 2 catalogues, 3 sources, 1 page.
	if rep.Files != 14 {
		t.Errorf("%d files checked, want 14", rep.Files)
	}
}

// TestFlippedByteInEveryFile flips one byte in the middle of each file in
// turn, SHA256SUMS and the files in subfolders included: each flip is
// found, and named at that file.
func TestFlippedByteInEveryFile(t *testing.T) {
	dir := publishSeed(t)
	names, err := walk(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			c := clone(t, dir)
			p := filepath.Join(c, filepath.FromSlash(name))
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			data[len(data)/2] ^= 0x01
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			rep := check(t, c)
			if rep.OK() {
				t.Fatal("a flipped byte went unnoticed")
			}
			// A flip in SHA256SUMS itself shows as the file whose line it
			// spoiled; anywhere else, at the file flipped.
			if name != ChecksumFile && len(codes(rep, name)) == 0 {
				t.Errorf("no problem named %s:\n%v", name, rep.Problems)
			}
		})
	}
}

// TestTruncatedFiles cuts each data file short: the checksum and the
// catalogue's size say so, and the file's own format reader too where a
// cut is always visible.
func TestTruncatedFiles(t *testing.T) {
	dir := publishSeed(t)
	for _, tc := range []struct {
		name      string
		wantCodes []string
	}{
		{"bordernet.nt", []string{"format-invalid", "checksum-mismatch", "catalog-size-mismatch", "catalog-checksum-mismatch"}},
		{"bordernet.jsonld", []string{"format-invalid", "checksum-mismatch", "catalog-size-mismatch", "catalog-checksum-mismatch"}},
		{"bordernet.xlsx", []string{"format-invalid", "checksum-mismatch", "catalog-size-mismatch", "catalog-checksum-mismatch"}},
		{"bordernet.csv", []string{"checksum-mismatch", "catalog-size-mismatch", "catalog-checksum-mismatch"}},
		{"source/listing.txt", []string{"checksum-mismatch", "catalog-size-mismatch", "catalog-checksum-mismatch"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := clone(t, dir)
			p := filepath.Join(c, filepath.FromSlash(tc.name))
			info, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(p, info.Size()*2/3); err != nil {
				t.Fatal(err)
			}
			got := codes(check(t, c), tc.name)
			for _, want := range tc.wantCodes {
				if !slices.Contains(got, want) {
					t.Errorf("problems %v lack %s", got, want)
				}
			}
		})
	}
}

func TestMissingAndExtraFiles(t *testing.T) {
	dir := publishSeed(t)
	c := clone(t, dir)
	for _, gone := range []string{"bordernet.csv", "site/id/frontex.html"} {
		if err := os.Remove(filepath.Join(c, filepath.FromSlash(gone))); err != nil {
			t.Fatal(err)
		}
	}
	for _, extra := range []string{"notes.txt", "site/id/evil.html"} {
		if err := os.WriteFile(filepath.Join(c, filepath.FromSlash(extra)), []byte("added later\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep := check(t, c)
	for file, want := range map[string]string{
		"bordernet.csv": "file-missing", "site/id/frontex.html": "file-missing",
		"notes.txt": "file-not-listed", "site/id/evil.html": "file-not-listed",
	} {
		if got := codes(rep, file); !slices.Contains(got, want) {
			t.Errorf("%s: problems %v lack %s", file, got, want)
		}
	}
}

// TestCatalogueDisagrees: SHA256SUMS and the files agree, the catalogue
// does not (a publisher who edited the files and re-ran sha256sum).
func TestCatalogueDisagrees(t *testing.T) {
	dir := publishSeed(t)
	c := clone(t, dir)
	cat := filepath.Join(c, CatalogFile)
	data, err := os.ReadFile(cat)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(filepath.Join(c, "bordernet.csv"))
	if err != nil {
		t.Fatal(err)
	}
	size := `"` + strconv.FormatInt(info.Size(), 10) + `"^^xsd:nonNegativeInteger`
	edited := strings.Replace(string(data), size, `"1"^^xsd:nonNegativeInteger`, 1)
	if edited == string(data) {
		t.Fatalf("no %s in the catalogue", size)
	}
	if err := os.WriteFile(cat, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	resum(t, c)
	rep := check(t, c)
	if got := codes(rep, "bordernet.csv"); !slices.Contains(got, "catalog-size-mismatch") {
		t.Errorf("problems %v lack catalog-size-mismatch:\n%v", got, rep.Problems)
	}
	if got := codes(rep, CatalogFile); len(got) != 0 {
		t.Errorf("the re-summed catalogue itself has problems %v", got)
	}
}

// resum rewrites SHA256SUMS from the files, as sha256sum would.
func resum(t *testing.T, dir string) {
	t.Helper()
	names, err := walk(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, n := range names {
		if n == ChecksumFile {
			continue
		}
		res := checkFile(context.Background(), dir, n, nil)
		b.WriteString(res.sha256 + "  " + n + "\n")
	}
	if err := os.WriteFile(filepath.Join(dir, ChecksumFile), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestNotARelease(t *testing.T) {
	for _, dir := range []string{t.TempDir(), filepath.Join(t.TempDir(), "nosuch")} {
		if _, err := Release(context.Background(), dir); err == nil {
			t.Errorf("%s: no error", dir)
		}
	}
}

func TestBadChecksumLines(t *testing.T) {
	_, _, problems := parseSums([]byte("zz  a\n" + strings.Repeat("a", 64) + "  ../etc/passwd\n" + strings.Repeat("b", 64) + "  x\n" + strings.Repeat("b", 64) + "  x\n" + strings.Repeat("c", 64) + "  cut"))
	var lines []int
	for _, p := range problems {
		lines = append(lines, p.Line)
	}
	slices.Sort(lines)
	if !slices.Equal(lines, []int{1, 2, 4, 5}) {
		t.Errorf("problems at lines %v, want 1, 2, 4, 5: %v", lines, problems)
	}
}
