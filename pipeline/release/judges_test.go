package release

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/internal/judge"
	"github.com/bordernet/bordernet/pipeline/export/ntriples/rdftest"
	"github.com/bordernet/bordernet/schema"
)

var update = flag.Bool("update", false, "rewrite the golden release under testdata/release")

// publishSeed publishes the repository's sources into a temporary folder
// and returns the release folder.
func publishSeed(t *testing.T) (string, *Result) {
	t.Helper()
	res, err := Publish(context.Background(), seedRelease(t), Options{OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	return res.Dir, res
}

// TestGoldenRelease compares every file of the seed's release, byte for
// byte, with testdata/release/2026-11-27 (go test -update rewrites it).
func TestGoldenRelease(t *testing.T) {
	golden, err := filepath.Abs(filepath.Join("..", "..", "testdata", "release", "2026-11-27"))
	if err != nil {
		t.Fatal(err)
	}
	dir, _ := publishSeed(t) // changes to the repository root
	got := readDir(t, dir)
	if *update {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(golden, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, data := range got {
			if err := os.WriteFile(filepath.Join(golden, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := readDir(t, golden)
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("%s is in the golden release but was not written", name)
		}
	}
	for name, data := range got {
		if !bytes.Equal(data, want[name]) {
			t.Errorf("%s differs from testdata/release/2026-11-27/%s (run go test ./pipeline/release -update and review the diff)", name, name)
		}
	}
}

// TestFormatsDenoteTheSameGraph reads the release's Turtle and N-Triples
// with knakk/rdf and its JSON-LD with json-gold, and requires the three
// graphs to be equal (there are no blank nodes, so equal sets of
// canonical lines mean isomorphic graphs).
func TestFormatsDenoteTheSameGraph(t *testing.T) {
	dir, res := publishSeed(t)
	read := func(name string, parse func(*os.File) ([]schema.Triple, error)) []string {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		triples, err := parse(f)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		lines := rdftest.Lines(triples)
		slices.Sort(lines)
		return slices.Compact(lines)
	}
	ttl := read("bordernet.ttl", func(f *os.File) ([]schema.Triple, error) { return rdftest.ReadTurtle(f) })
	nt := read("bordernet.nt", func(f *os.File) ([]schema.Triple, error) { return rdftest.ReadNTriples(f) })
	jsonld := read("bordernet.jsonld", func(f *os.File) ([]schema.Triple, error) { return rdftest.ReadJSONLD(f) })
	if len(nt) != res.Triples {
		t.Errorf("bordernet.nt holds %d distinct triples, the release reported %d", len(nt), res.Triples)
	}
	for name, other := range map[string][]string{"bordernet.ttl": ttl, "bordernet.jsonld": jsonld} {
		if !slices.Equal(other, nt) {
			missing, extra := diff(nt, other)
			t.Errorf("%s and bordernet.nt differ: %d triples missing, %d extra; first missing %q, first extra %q",
				name, len(missing), len(extra), first(missing), first(extra))
		}
	}
	raw, err := os.ReadFile(filepath.Join(dir, "bordernet.nt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
	if !slices.IsSorted(lines) {
		t.Error("bordernet.nt is not sorted")
	}
}

// TestStrictParsersAcceptTheRelease runs rapper and serdi, strict
// third-party parsers, on every RDF file of the release.
func TestStrictParsersAcceptTheRelease(t *testing.T) {
	dir, res := publishSeed(t)
	rapper := judge.Need(t, "rapper")
	serdi := judge.Need(t, "serdi")
	for _, tc := range []struct{ file, syntax string }{
		{"bordernet.ttl", "turtle"}, {"bordernet.nt", "ntriples"}, {"catalog.ttl", "turtle"}, {"bordernet.shapes.ttl", "turtle"},
	} {
		path := filepath.Join(dir, tc.file)
		out, err := exec.Command(rapper, "-q", "-i", tc.syntax, "-o", "ntriples", path).CombinedOutput()
		if err != nil {
			t.Errorf("rapper rejects %s: %v\n%s", tc.file, err, out)
			continue
		}
		if tc.file == "bordernet.ttl" {
			if n := bytes.Count(out, []byte("\n")); n != res.Triples {
				t.Errorf("rapper reads %d triples from bordernet.ttl, want %d", n, res.Triples)
			}
		}
		if out, err := exec.Command(serdi, "-i", tc.syntax, "-o", "ntriples", path).CombinedOutput(); err != nil {
			t.Errorf("serdi rejects %s: %v\n%s", tc.file, err, out)
		}
	}
}

// TestCatalogPassesDCATAPShapes runs the official DCAT-AP 3.0.1 shapes on
// the release's own catalogue, in both of its syntaxes.
func TestCatalogPassesDCATAPShapes(t *testing.T) {
	dir, _ := publishSeed(t)
	shapes := judge.DCATAPShapes(t)
	for _, name := range []string{"catalog.ttl", "catalog.jsonld"} {
		if report, conforms := judge.SHACL(t, filepath.Join(dir, name), shapes...); !conforms {
			t.Errorf("%s violates the DCAT-AP shapes:\n%s", name, report)
		}
	}
}

// TestDataConformsToItsShapes runs the release's own SHACL shapes
// (bordernet.shapes.ttl) on its records graph in each of its syntaxes,
// with an engine independent of bordernet's code, and checks the shapes
// do constrain something: a release that satisfies them vacuously (no
// target matched) would pass too.
func TestDataConformsToItsShapes(t *testing.T) {
	dir, _ := publishSeed(t)
	shapes := filepath.Join(dir, "bordernet.shapes.ttl")
	for _, name := range []string{"bordernet.ttl", "bordernet.nt", "bordernet.jsonld"} {
		if report, conforms := judge.SHACL(t, filepath.Join(dir, name), shapes); !conforms {
			t.Errorf("%s violates bordernet.shapes.ttl:\n%s", name, report)
		}
	}
	// The shapes must reach the records: the catalogue has no
	// org:Organization, the records' graph without its types has no
	// target, and the graph with one record's name dropped must fail.
	ttl, err := os.ReadFile(filepath.Join(dir, "bordernet.ttl"))
	if err != nil {
		t.Fatal(err)
	}
	broken := bytes.Replace(ttl, []byte("skos:prefLabel"), []byte("skos:hiddenLabel"), 1)
	if bytes.Equal(broken, ttl) {
		t.Fatal("no skos:prefLabel in bordernet.ttl")
	}
	path := filepath.Join(t.TempDir(), "broken.ttl")
	if err := os.WriteFile(path, broken, 0o644); err != nil {
		t.Fatal(err)
	}
	if report, conforms := judge.SHACL(t, path, shapes); conforms || !strings.Contains(report, "shapes#name") {
		t.Errorf("a record without a name conforms to the shapes:\n%s", report)
	}
}

func diff(want, got []string) (missing, extra []string) {
	for _, l := range want {
		if _, ok := slices.BinarySearch(got, l); !ok {
			missing = append(missing, l)
		}
	}
	for _, l := range got {
		if _, ok := slices.BinarySearch(want, l); !ok {
			extra = append(extra, l)
		}
	}
	return missing, extra
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
