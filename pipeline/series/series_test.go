package series

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bordernet/bordernet/internal/judge"
	"github.com/bordernet/bordernet/pipeline/export/turtle"
	"github.com/bordernet/bordernet/pipeline/outlock"
	"github.com/bordernet/bordernet/pipeline/release"
	"github.com/bordernet/bordernet/pipeline/source"
	"github.com/bordernet/bordernet/pipeline/sourcecopy"
	"github.com/bordernet/bordernet/schema"
)

// publish publishes the repository's sources as version (dated date) into
// out, following whatever release is already there, as the CLI does.
func publish(t *testing.T, out, version, date string) {
	t.Helper()
	ds, err := source.Load(context.Background(), []string{filepath.Join("..", "..", "sources")})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := sourcecopy.Plan(ds.Inputs)
	if err != nil {
		t.Fatal(err)
	}
	plan.Relocate(ds.Records)
	earlier, _, err := List(out)
	if err != nil {
		t.Fatal(err)
	}
	rel := &schema.Release{Meta: ds.Meta, Version: version, Date: date, Records: schema.RecordSlice(ds.Records),
		Previous: Previous(earlier, version, date), Tool: "bordernet test"}
	if _, err := release.Publish(context.Background(), rel, release.Options{OutDir: out, Force: true,
		Additions: []release.Addition{{Name: "sources", Write: plan.Write}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(context.Background(), out, time.Second); err != nil {
		t.Fatal(err)
	}
}

// subjectLines returns the N-Triples lines of the triples about subject.
func subjectLines(triples []schema.Triple, subject string) []string {
	var lines []string
	for _, tr := range triples {
		if tr.S.Value == subject {
			lines = append(lines, string(tr.AppendNTriples(nil)))
		}
	}
	slices.Sort(lines)
	return lines
}

func readCatalog(t *testing.T, path string) []schema.Triple {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	triples, err := turtle.Read(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return triples
}

// TestSeriesCatalogue publishes three releases and checks the series
// catalogue: every release a dataset with its own date, first and last,
// each release described exactly as its own catalogue describes it, and
// the official DCAT-AP 3.0.1 shapes passed in both syntaxes.
func TestSeriesCatalogue(t *testing.T) {
	out := t.TempDir()
	// Published out of order: the middle one last.
	publish(t, out, "2026-10-01", "2026-10-01")
	publish(t, out, "2026-12-01", "2026-12-01")
	publish(t, out, "2026-11-27", "2026-11-27")

	const base = "https://w3id.org/bordernet/"
	series := readCatalog(t, filepath.Join(out, TurtleFile))
	has := func(s, p string, o schema.Term) bool {
		return slices.Contains(series, schema.Triple{S: schema.IRI(s), P: schema.IRI(p), O: o})
	}
	date := func(d string) schema.Term { return schema.TypedLiteral(d, schema.XSDDate) }
	for _, want := range []struct {
		s, p string
		o    schema.Term
	}{
		{base + "dataset", schema.RDFType, schema.IRI(schema.NSDCAT + "DatasetSeries")},
		{base + "dataset", schema.NSDCAT + "first", schema.IRI(base + "dataset/2026-10-01")},
		{base + "dataset", schema.NSDCAT + "last", schema.IRI(base + "dataset/2026-12-01")},
		{base + "dataset", schema.NSDCT + "issued", date("2026-10-01")},
		{base + "dataset", schema.NSDCT + "modified", date("2026-12-01")},
		{base + "catalog", schema.NSDCAT + "dataset", schema.IRI(base + "dataset/2026-10-01")},
		{base + "catalog", schema.NSDCAT + "dataset", schema.IRI(base + "dataset/2026-11-27")},
		{base + "catalog", schema.NSDCAT + "dataset", schema.IRI(base + "dataset/2026-12-01")},
		{base + "dataset/2026-10-01", schema.NSDCT + "issued", date("2026-10-01")},
		{base + "dataset/2026-11-27", schema.NSDCT + "issued", date("2026-11-27")},
		{base + "dataset/2026-12-01", schema.NSDCT + "issued", date("2026-12-01")},
		{base + "dataset/2026-11-27", schema.NSDCAT + "prev", schema.IRI(base + "dataset/2026-10-01")},
		{base + "dataset/2026-11-27", schema.NSDCAT + "inSeries", schema.IRI(base + "dataset")},
		// 2026-12-01 was published before 2026-11-27 existed, and keeps
		// saying so: earlier releases are not re-described.
		{base + "dataset/2026-12-01", schema.NSDCAT + "prev", schema.IRI(base + "dataset/2026-10-01")},
	} {
		if !has(want.s, want.p, want.o) {
			t.Errorf("series catalogue lacks <%s> <%s> %s", want.s, want.p, want.o)
		}
	}
	if n := len(subjectLines(series, base+"catalog")); n == 0 {
		t.Error("no catalogue node")
	}
	issued := 0
	for _, tr := range series {
		if tr.S.Value == base+"catalog" && tr.P.Value == schema.NSDCT+"issued" {
			issued++
		}
	}
	if issued != 1 {
		t.Errorf("the catalogue has %d dct:issued, want 1", issued)
	}

	// Each release's dataset and distributions as its own catalogue says.
	for _, v := range []string{"2026-10-01", "2026-11-27", "2026-12-01"} {
		own := readCatalog(t, filepath.Join(out, v, "catalog.ttl"))
		for _, subject := range []string{base + "dataset/" + v, base + "distribution/" + v + "/bordernet.nt", base + "distribution/" + v + "/source/listing.txt"} {
			want, got := subjectLines(own, subject), subjectLines(series, subject)
			if len(want) == 0 || !slices.Equal(want, got) {
				t.Errorf("%s: the series says\n%s\nits own catalogue\n%s", subject, strings.Join(got, ""), strings.Join(want, ""))
			}
		}
	}

	shapes := judge.DCATAPShapes(t)
	for _, name := range []string{TurtleFile, JSONLDFile, "2026-11-27/catalog.ttl", "2026-11-27/catalog.jsonld"} {
		report, conforms := judge.SHACL(t, filepath.Join(out, name), shapes...)
		if !conforms {
			t.Errorf("%s violates DCAT-AP 3.0.1:\n%s", name, report)
		}
	}

	// Nothing but the releases, latest and the two files.
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != outlock.FileName {
			names = append(names, e.Name())
		}
	}
	if want := []string{"2026-10-01", "2026-11-27", "2026-12-01", JSONLDFile, TurtleFile, "latest"}; !slices.Equal(names, want) {
		t.Errorf("out holds %v, want %v", names, want)
	}
}

// TestSeriesIsReproducible: the series catalogue is the same bytes when
// written again from the same releases.
func TestSeriesIsReproducible(t *testing.T) {
	out := t.TempDir()
	publish(t, out, "2026-10-01", "2026-10-01")
	publish(t, out, "2026-11-27", "2026-11-27")
	before, err := os.ReadFile(filepath.Join(out, TurtleFile))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(context.Background(), out, time.Second); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(filepath.Join(out, TurtleFile))
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(after) {
		t.Error("the series catalogue changed when rewritten from the same releases")
	}
}

func TestPrevious(t *testing.T) {
	releases := []Release{
		{Version: "2026-10-01", Date: "2026-10-01"},
		{Version: "1.0", Date: "2026-11-27"},
		{Version: "2026-11-27", Date: "2026-11-27"},
		{Version: "2026-12-01", Date: "2026-12-01"},
	}
	for _, tc := range []struct{ version, date, want string }{
		{"2027-01-01", "2027-01-01", "2026-12-01"},
		{"2026-12-01", "2026-12-01", "2026-11-27"}, // --force: not itself
		{"2026-11-28", "2026-11-28", "2026-11-27"}, // back-dated between two
		{"1.1", "2026-11-27", "1.0"},               // same date: by version
		{"2026-09-01", "2026-09-01", ""},           // before them all
	} {
		if got := Previous(releases, tc.version, tc.date); got != tc.want {
			t.Errorf("Previous(%s, %s) = %q, want %q", tc.version, tc.date, got, tc.want)
		}
	}
	if got := Previous(nil, "x", "2026-01-01"); got != "" {
		t.Errorf("Previous of nothing = %q", got)
	}
}

// TestListSkips: folders that are not releases are reported, hidden ones
// and the latest link ignored, a missing output folder holds nothing.
func TestListSkips(t *testing.T) {
	out := t.TempDir()
	publish(t, out, "2026-10-01", "2026-10-01")
	for _, dir := range []string{"notes", ".tmp-2026-11-27-123"} {
		if err := os.Mkdir(filepath.Join(out, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(out, "notes", "catalog.ttl"), []byte("this is not turtle"), 0o644); err != nil {
		t.Fatal(err)
	}
	releases, skipped, err := List(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(releases) != 1 || releases[0].Version != "2026-10-01" {
		t.Errorf("releases %+v, want 2026-10-01 only", releases)
	}
	if len(skipped) != 1 || skipped[0].Dir != filepath.Join(out, "notes") {
		t.Errorf("skipped %+v, want notes", skipped)
	}
	if r, s, err := List(filepath.Join(out, "nosuch")); err != nil || r != nil || s != nil {
		t.Errorf("List of a missing folder = %v, %v, %v", r, s, err)
	}
}

// TestGraphRefusesTwoSeries: one output folder holds one series.
func TestGraphRefusesTwoSeries(t *testing.T) {
	a := Release{Dir: "a", Series: "https://x/dataset", Catalog: "https://x/catalog", Date: "2026-01-01"}
	b := Release{Dir: "b", Series: "https://y/dataset", Catalog: "https://y/catalog", Date: "2026-02-01"}
	if _, err := Graph([]Release{a, b}); err == nil || !strings.Contains(err.Error(), "one output folder holds one series") {
		t.Errorf("err = %v", err)
	}
	if _, err := Graph(nil); err == nil {
		t.Error("a series of no release")
	}
}
