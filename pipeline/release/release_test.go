package release

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/pipeline/outlock"
	"github.com/bordernet/bordernet/pipeline/source"
	"github.com/bordernet/bordernet/pipeline/sourcecopy"
	"github.com/bordernet/bordernet/schema"
)

// seedRelease is the release of the repository's own sources, read from
// the repository root as `make release` reads them, so that published
// positions say "sources/listing.txt:14" and not "../../sources/…". The
// test's working directory stays the root until it ends.
func seedRelease(t testing.TB) *schema.Release {
	t.Helper()
	t.Chdir(filepath.Join("..", ".."))
	ds, err := source.Load(context.Background(), []string{"sources"})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Problems.HasErrors() {
		t.Fatalf("the repository's sources have errors: %v", ds.Problems)
	}
	// Locators name the release's copy of the sources, as the CLI's do.
	plan, err := sourcecopy.Plan(ds.Inputs)
	if err != nil {
		t.Fatal(err)
	}
	plan.Relocate(ds.Records)
	return &schema.Release{Meta: ds.Meta, Version: "2026-11-27", Date: "2026-11-27", Records: schema.RecordSlice(ds.Records),
		Tool: "bordernet v0.0.0-test (commit 0000000)"}
}

func wantFiles() []string {
	return []string{
		"SHA256SUMS", "bordernet.csv", "bordernet.csv-metadata.json", "bordernet.jsonld",
		"bordernet.nt", "bordernet.shapes.ttl", "bordernet.ttl", "bordernet.xlsx", "catalog.jsonld", "catalog.ttl",
	}
}

func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

func TestPublishWritesEveryFileAndChecksums(t *testing.T) {
	out := t.TempDir()
	res, err := Publish(context.Background(), seedRelease(t), Options{OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	files := readDir(t, filepath.Join(out, "2026-11-27"))
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range files {
			if !yield(n) {
				return
			}
		}
	})
	if !slices.Equal(names, wantFiles()) {
		t.Fatalf("files = %q, want %q", names, wantFiles())
	}
	if res.Records != 13 || res.Triples < 13*10 {
		t.Errorf("records %d, triples %d: too few", res.Records, res.Triples)
	}
	if got := bytes.Count(files["bordernet.nt"], []byte("\n")); got != res.Triples {
		t.Errorf("Result.Triples = %d, bordernet.nt has %d lines", res.Triples, got)
	}
	// SHA256SUMS lists every other file, in sha256sum's format.
	sums := strings.Split(strings.TrimSuffix(string(files["SHA256SUMS"]), "\n"), "\n")
	if len(sums) != len(files)-1 {
		t.Fatalf("SHA256SUMS has %d lines, want %d", len(sums), len(files)-1)
	}
	for _, line := range sums {
		sum, name, ok := strings.Cut(line, "  ")
		if !ok || len(sum) != 64 {
			t.Fatalf("bad SHA256SUMS line %q", line)
		}
		for _, f := range res.Files {
			if f.Name == name && (f.SHA256 != sum || f.Size != int64(len(files[name]))) {
				t.Errorf("%s: result says %s/%d, file is %s/%d", name, f.SHA256, f.Size, sum, len(files[name]))
			}
		}
	}
	link, err := os.Readlink(filepath.Join(out, LatestLink))
	if err != nil || link != "2026-11-27" {
		t.Errorf("latest -> %q (%v), want 2026-11-27", link, err)
	}
	// The catalogue describes each data file with its size and checksum.
	catalog := string(files["catalog.ttl"])
	for _, f := range res.Files {
		if f.Name == ChecksumFile || strings.HasPrefix(f.Name, "catalog.") {
			continue
		}
		if !strings.Contains(catalog, f.SHA256) {
			t.Errorf("catalog.ttl lacks the checksum of %s", f.Name)
		}
	}
}

func TestPublishIsReproducible(t *testing.T) {
	rel := seedRelease(t)
	a, b := t.TempDir(), t.TempDir()
	for _, out := range []string{a, b} {
		if _, err := Publish(context.Background(), rel, Options{OutDir: out}); err != nil {
			t.Fatal(err)
		}
	}
	fa, fb := readDir(t, filepath.Join(a, rel.Version)), readDir(t, filepath.Join(b, rel.Version))
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

func TestPublishRefusesToOverwrite(t *testing.T) {
	out := t.TempDir()
	rel := seedRelease(t)
	if _, err := Publish(context.Background(), rel, Options{OutDir: out}); err != nil {
		t.Fatal(err)
	}
	marker := filepath.Join(out, rel.Version, "bordernet.csv")
	before, _ := os.ReadFile(marker)
	if _, err := Publish(context.Background(), rel, Options{OutDir: out}); !errors.Is(err, ErrExists) {
		t.Fatalf("second publish: err = %v, want ErrExists", err)
	}
	after, _ := os.ReadFile(marker)
	if !bytes.Equal(before, after) {
		t.Error("the refused publish changed the earlier release")
	}
	if _, err := Publish(context.Background(), rel, Options{OutDir: out, Force: true}); err != nil {
		t.Fatalf("publish with Force: %v", err)
	}
	assertNoTemporaries(t, out)
}

// failingWriter writes some bytes, then fails: a writer that breaks
// half-way.
func failingWriter(w io.Writer, _ *schema.Release) error {
	if _, err := io.WriteString(w, strings.Repeat("half a file\n", 100_000)); err != nil {
		return err
	}
	return errors.New("disk on fire")
}

// failingGraphWriter reads a few blocks of the graph, then fails: the
// other graph writers fed by the same tee must still end.
func failingGraphWriter(w io.Writer, g schema.Graph) error {
	n := 0
	for triples := range g.Blocks {
		if _, err := fmt.Fprintf(w, "%d triples\n", len(triples)); err != nil {
			return err
		}
		if n++; n == 3 {
			break
		}
	}
	return errors.New("disk on fire")
}

func TestFailedPublishLeavesNothing(t *testing.T) {
	rel := seedRelease(t)
	for _, c := range []struct {
		force  bool
		broken fileSpec
	}{
		{false, fileSpec{name: "broken.bin", write: failingWriter}},
		{true, fileSpec{name: "broken.bin", write: failingWriter}},
		{false, fileSpec{name: "broken.ttl", graph: failingGraphWriter}},
		{true, fileSpec{name: "broken.ttl", graph: failingGraphWriter}},
	} {
		force := c.force
		out := t.TempDir()
		if force { // an earlier release of the same version must survive
			if _, err := Publish(context.Background(), rel, Options{OutDir: out}); err != nil {
				t.Fatal(err)
			}
		}
		before := readDirIfExists(t, filepath.Join(out, rel.Version))
		specs := append(dataFiles(), c.broken)
		_, err := publish(context.Background(), rel, Options{OutDir: out, Force: force}, specs)
		if err == nil || !strings.Contains(err.Error(), "disk on fire") || !strings.Contains(err.Error(), c.broken.name) {
			t.Fatalf("force=%v: err = %v, want the writer's error naming the file", force, err)
		}
		after := readDirIfExists(t, filepath.Join(out, rel.Version))
		if len(before) != len(after) {
			t.Fatalf("force=%v: release folder changed: %d files before, %d after", force, len(before), len(after))
		}
		for name, data := range before {
			if !bytes.Equal(data, after[name]) {
				t.Errorf("force=%v: %s changed", force, name)
			}
		}
		assertNoTemporaries(t, out)
	}
}

func TestCanceledPublishLeavesNothing(t *testing.T) {
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Publish(ctx, seedRelease(t), Options{OutDir: out}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if left := leftovers(out); len(left) != 0 {
		t.Errorf("canceled publish left %q in the output folder", left)
	}
}

func TestUnwritableOutDir(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Publish(context.Background(), seedRelease(t), Options{OutDir: filepath.Join(file, "out")})
	if err == nil || !strings.Contains(err.Error(), "a-file") {
		t.Fatalf("err = %v, want an error naming the path", err)
	}
}

func TestValidVersion(t *testing.T) {
	for v, want := range map[string]bool{
		"2026-11-27": true, "1.0.0": true, "v2_rc1": true,
		"": false, "..": false, "a/b": false, "a b": false, ".hidden": false, "-x": false, "latest": false,
	} {
		if got := ValidVersion(v); got != want {
			t.Errorf("ValidVersion(%q) = %v, want %v", v, got, want)
		}
	}
}

func readDirIfExists(t *testing.T, dir string) map[string][]byte {
	if _, err := os.Stat(dir); err != nil {
		return map[string][]byte{}
	}
	return readDir(t, dir)
}

func assertNoTemporaries(t *testing.T, out string) {
	t.Helper()
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") && e.Name() != outlock.FileName {
			t.Errorf("temporary %s left behind", e.Name())
		}
	}
}

// leftovers lists what is in out but the output folder's lock file, which
// stays for good.
func leftovers(out string) []string {
	entries, _ := os.ReadDir(out)
	var names []string
	for _, e := range entries {
		if e.Name() != outlock.FileName {
			names = append(names, e.Name())
		}
	}
	return names
}
