package changes

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/internal/judge"
	"github.com/bordernet/bordernet/pipeline/export/ntriples/rdftest"
	"github.com/bordernet/bordernet/pipeline/release"
	"github.com/bordernet/bordernet/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/changes")

// The curated change set: positions as the sources give them, relative
// to the source folder.
func line(n int) schema.Position { return schema.Position{File: "listing.txt", Line: n} }
func cell(col string, row int) schema.Position {
	c := 0
	for _, ch := range col {
		c = c*26 + int(ch-'A'+1)
	}
	return schema.Position{File: "curation.xlsx", Sheet: "Records", Line: row, Col: c}
}

// rec makes a listing record defined at line n with kind and scope from
// the section heading at line 1.
func rec(id, name string, n int) schema.Record {
	r := schema.Record{ID: id, Kind: schema.KindNetwork, Scope: schema.ScopeEU, Name: name, Origin: line(n)}
	r.SetSource(schema.FieldID, line(n))
	r.SetSource(schema.FieldName, line(n))
	r.SetSource(schema.FieldKind, line(1))
	r.SetSource(schema.FieldScope, line(1))
	return r
}

// oldRecords are the first release: frontex, gone, ilo, sircop.
func oldRecords() []schema.Record {
	frontex := rec("frontex", "Frontex", 3)
	frontex.Kind = schema.KindAgency
	frontex.Website = "https://frontex.europa.eu"
	frontex.SetSource(schema.FieldWebsite, line(3))
	frontex.Seat = "Warsaw, Poland"
	frontex.SetSource(schema.FieldSeat, cell("R", 2))
	frontex.Founded = "2004"
	frontex.SetSource(schema.FieldFounded, cell("J", 2))

	gone := rec("gone", "A Body Deleted | By Mistake", 7)

	ilo := rec("ilo", "Immigration Liaison Officers' Network", 10)
	ilo.Description = "The *ILO* network links [liaison officers]."
	ilo.DescriptionLang = "en"
	ilo.SetSource(schema.FieldDescription, line(12))
	ilo.SetSource(schema.FieldDescriptionLang, line(12)) // as the listing reader does
	ilo.AltNames = []string{"ILO Network", "EU ILO"}
	ilo.SetSource(schema.FieldAltNames, cell("F", 3))

	sircop := rec("sircop", "SIRENE Contact Persons", 15)
	records := []schema.Record{frontex, gone, ilo, sircop}
	slices.SortFunc(records, func(a, b schema.Record) int { return schema.CompareIDs(a.ID, b.ID) })
	return records
}

// newRecords are the second: every line moved down by two (a provenance
// move, no change), frontex's website changed, its seat deleted (a fact
// removed) and a description with Markdown in it added, ilo's alternative names re-sorted (no change), sircop
// succeeded by frontex (retired), gone removed, newbie added.
func newRecords() []schema.Record {
	frontex := rec("frontex", "Frontex", 5)
	frontex.Kind = schema.KindAgency
	frontex.Website = "https://www.frontex.europa.eu/"
	frontex.SetSource(schema.FieldWebsite, cell("I", 2))
	frontex.Founded = "2004"
	frontex.SetSource(schema.FieldFounded, cell("J", 2))
	frontex.Description = "Europe's *border* agency: <b>[EBCGA]</b> | & `co`_.\nAgence européenne \"Frontex\" \\ Warszawa\t."
	frontex.DescriptionLang = "en"
	frontex.SetSource(schema.FieldDescription, cell("G", 2))
	frontex.SetSource(schema.FieldDescriptionLang, cell("G", 2))

	ilo := rec("ilo", "Immigration Liaison Officers' Network", 12)
	ilo.Description = "The *ILO* network links [liaison officers]."
	ilo.DescriptionLang = "en"
	ilo.SetSource(schema.FieldDescription, line(14))
	ilo.SetSource(schema.FieldDescriptionLang, line(14))
	ilo.AltNames = []string{"EU ILO", "ILO Network"}
	ilo.SetSource(schema.FieldAltNames, cell("F", 4))

	newbie := rec("newbie", "A New Network", 20)

	sircop := rec("sircop", "SIRENE Contact Persons", 17)
	sircop.Status = schema.StatusSucceeded
	sircop.SetSource(schema.FieldStatus, cell("L", 5))
	sircop.Successor = "frontex"
	sircop.SetSource(schema.FieldSuccessor, cell("M", 5))
	sircop.Dissolved = "2025-06"
	sircop.SetSource(schema.FieldDissolved, cell("K", 5))

	records := []schema.Record{frontex, ilo, newbie, sircop}
	slices.SortFunc(records, func(a, b schema.Record) int { return schema.CompareIDs(a.ID, b.ID) })
	return records
}

func metadata(t testing.TB) schema.Metadata {
	t.Helper()
	m, err := schema.LoadMetadata(filepath.Join(judge.RepoRoot(t), "sources", "dataset.json"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// publish writes a release of records into out, with the changes
// addition as the release command wires it.
func publish(t testing.TB, out, version string, records []schema.Record) *release.Result {
	t.Helper()
	ctx := context.Background()
	prev, ok, err := Previous(out, version)
	if err != nil {
		t.Fatal(err)
	}
	var rep *Report
	if ok {
		old, err := OpenRelease(prev)
		if err != nil {
			t.Fatal(err)
		}
		if rep, err = Compare(ctx, old, FromRecords(version, schema.RecordSlice(records))); err != nil {
			t.Fatal(err)
		}
	}
	rel := &schema.Release{Meta: metadata(t), Version: version, Date: version, Records: schema.RecordSlice(records)}
	res, err := release.Publish(ctx, rel, release.Options{OutDir: out, Additions: []release.Addition{Addition(rep, prev)}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	rdftest.Golden(t, filepath.Join(judge.RepoRoot(t), "testdata", "changes", name), got, *update)
}

// TestCuratedChangeSet pins CHANGES.md, changes.json and the text report
// of the curated change set: added, retired, changed, a fact removed, and
// provenance moves and a re-sorted list that must not show.
func TestCuratedChangeSet(t *testing.T) {
	out := t.TempDir()
	publish(t, out, "2026-11-27", oldRecords())
	res := publish(t, out, "2026-12-03", newRecords())

	// Every file of the release is checksummed; no temporary file stays.
	entries, err := os.ReadDir(res.Dir)
	if err != nil {
		t.Fatal(err)
	}
	sums, _ := os.ReadFile(filepath.Join(res.Dir, release.ChecksumFile))
	for _, e := range entries {
		if e.Name() != release.ChecksumFile && !bytes.Contains(sums, []byte("  "+e.Name()+"\n")) {
			t.Errorf("%s is in the release but not in SHA256SUMS", e.Name())
		}
	}
	for _, name := range []string{MarkdownFile, JSONFile, UpdateFile, PatchFile} {
		if !bytes.Contains(sums, []byte("  "+name+"\n")) {
			t.Errorf("SHA256SUMS lacks %s", name)
		}
	}
	for _, name := range []string{MarkdownFile, JSONFile} {
		got, err := os.ReadFile(filepath.Join(res.Dir, name))
		if err != nil {
			t.Fatal(err)
		}
		golden(t, name, got)
	}
	old, err := OpenRelease(filepath.Join(out, "2026-11-27"))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Compare(context.Background(), old, FromRecords("sources", schema.RecordSlice(newRecords())))
	if err != nil {
		t.Fatal(err)
	}
	var text bytes.Buffer
	if err := rep.WriteText(&text, View{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "diff.txt", bytes.ReplaceAll(text.Bytes(), []byte(filepath.ToSlash(out)), []byte("OUT")))

	if got, want := rep.Summary(), "changes since 2026-11-27: 1 added, 1 retired, 1 changed, 1 removed, 1 fact removed"; got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}
	ps := rep.Problems()
	if len(ps) != 1 || ps[0].Code != CodeFactRemoved || ps[0].Record != "frontex" || ps[0].Field != schema.FieldSeat ||
		ps[0].Severity != schema.SeverityWarning || !strings.Contains(ps[0].Message, `"Warsaw, Poland"`) ||
		ps[0].Pos.String() != filepath.ToSlash(out)+"/2026-11-27/source/curation.xlsx Records!R2" {
		t.Errorf("Problems() = %v, want one fact-removed warning for frontex's seat at its old cell", ps)
	}
	// The release's change files say where, without the publisher's folders.
	md, _ := os.ReadFile(filepath.Join(res.Dir, MarkdownFile))
	if bytes.Contains(md, []byte(out)) {
		t.Errorf("CHANGES.md names the publisher's folders:\n%s", md)
	}
	for _, hidden := range []string{"`ilo`", "`gone`\n\n|"} {
		if bytes.Contains(md, []byte(hidden)) {
			t.Errorf("CHANGES.md shows %s, which only moved or was re-sorted", hidden)
		}
	}
}

// TestSPARQLUpdateInOxigraph applies changes.ru to the previous release's
// graph in a real store and compares the result with the new release's
// graph, as sets of triples.
func TestSPARQLUpdateInOxigraph(t *testing.T) {
	out := t.TempDir()
	publish(t, out, "2026-11-27", oldRecords())
	res := publish(t, out, "2026-12-03", newRecords())
	oldNT := filepath.Join(out, "2026-11-27", GraphFile)
	for _, path := range []string{oldNT, filepath.Join(res.Dir, GraphFile)} {
		if data, _ := os.ReadFile(path); bytes.Contains(data, []byte("_:")) {
			t.Fatalf("%s has blank nodes: compare them by isomorphism, not as lines", path)
		}
	}
	got := judge.SPARQLUpdate(t, oldNT, filepath.Join(res.Dir, UpdateFile))
	want := readLines(t, filepath.Join(res.Dir, GraphFile))
	if g := sortedTriples(t, got); !slices.Equal(g, want) {
		t.Errorf("Oxigraph: old graph + changes.ru has %d triples, the new graph %d; they differ", len(g), len(want))
	}
	old := readLines(t, oldNT)
	if slices.Equal(old, want) {
		t.Fatal("the two graphs are equal: the test proves nothing")
	}
}

// TestRDFPatch applies changes.rdfp to the previous graph with the
// applier below (no RDF Patch engine is packaged for Debian or npm) and
// compares with the new graph.
func TestRDFPatch(t *testing.T) {
	out := t.TempDir()
	publish(t, out, "2026-11-27", oldRecords())
	res := publish(t, out, "2026-12-03", newRecords())
	old := readLines(t, filepath.Join(out, "2026-11-27", GraphFile))
	patch, err := os.ReadFile(filepath.Join(res.Dir, PatchFile))
	if err != nil {
		t.Fatal(err)
	}
	got, err := applyPatch(old, string(patch))
	if err != nil {
		t.Fatal(err)
	}
	if want := readLines(t, filepath.Join(res.Dir, GraphFile)); !slices.Equal(got, want) {
		t.Errorf("old graph + changes.rdfp differs from the new graph")
	}
	if !strings.HasPrefix(string(patch), "H id <https://") || !strings.HasSuffix(string(patch), "TC .\n") {
		t.Errorf("changes.rdfp has no id header or no commit:\n%.300s", patch)
	}
}

// applyPatch applies an RDF Patch of one transaction of A and D rows.
func applyPatch(graph []string, patch string) ([]string, error) {
	set := map[string]bool{}
	for _, l := range graph {
		set[l] = true
	}
	inTX := false
	for i, row := range strings.Split(strings.TrimSuffix(patch, "\n"), "\n") {
		op, rest, _ := strings.Cut(row, " ")
		switch op {
		case "H":
			if inTX {
				return nil, errors.New("header inside a transaction")
			}
		case "TX":
			inTX = true
		case "TC":
			inTX = false
		case "A", "D":
			if !inTX {
				return nil, errors.New("change outside a transaction")
			}
			if (op == "D") != set[rest] {
				return nil, errors.New("row " + row + ": adds a triple there or deletes one not there")
			}
			set[rest] = op == "A"
		default:
			return nil, errors.New("unknown row " + strings.TrimSpace(row) + " at " + string(rune('0'+i)))
		}
	}
	var out []string
	for l, in := range set {
		if in {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out, nil
}

func readLines(t testing.TB, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sortedTriples(t, data)
}

// sortedTriples parses N-Triples with knakk/rdf and returns the triples as
// canonical lines, sorted: a set comparison independent of how a writer
// escapes.
func sortedTriples(t testing.TB, data []byte) []string {
	t.Helper()
	triples, err := rdftest.ReadNTriples(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	lines := rdftest.Lines(triples)
	slices.Sort(lines)
	return slices.Compact(lines)
}

// TestReleaseRoundTrip reads a release back: the same values as the
// records it was made of, each at the position it was read from, in the
// release's copy of the sources.
func TestReleaseRoundTrip(t *testing.T) {
	out := t.TempDir()
	records := newRecords()
	res := publish(t, out, "2026-12-03", records)
	snap, err := OpenRelease(filepath.Join(out, "latest"))
	if err != nil {
		t.Fatal(err)
	}
	if snap.Name != "2026-12-03" {
		t.Errorf("the release behind latest is called %q", snap.Name)
	}
	i := 0
	for r, err := range snap.Records() {
		if err != nil {
			t.Fatal(err)
		}
		want := &records[i]
		i++
		if r.ID != want.ID || len(compareRecords(want, r)) != 0 {
			t.Errorf("%s read back as %+v, want %+v", want.ID, r, want)
		}
		for _, f := range schema.Fields() {
			if len(want.Values(f)) == 0 {
				continue
			}
			got, exp := r.PositionOf(f), want.PositionOf(f)
			exp.File = filepath.ToSlash(filepath.Join(out, "latest")) + "/source/" + filepath.Base(exp.File)
			if got != exp {
				t.Errorf("%s %s: read back at %v, want %v", want.ID, f, got, exp)
			}
		}
	}
	if i != len(records) {
		t.Errorf("read %d records back, want %d", i, len(records))
	}
	// A retired record is still published.
	nt, _ := os.ReadFile(filepath.Join(res.Dir, GraphFile))
	if !bytes.Contains(nt, []byte("/id/sircop> <http://www.w3.org/ns/org#classification> <https://w3id.org/bordernet/vocab/status/succeeded> .")) {
		t.Error("the retired record sircop is not published with its status")
	}
}

// FuzzReadRelease: whatever bordernet.csv and bordernet.nt hold, reading
// the release ends in records or an error, never a panic.
func FuzzReadRelease(f *testing.F) {
	f.Add("id,kind,name\r\na,network,A\r\n", "<http://x/id/a> <http://purl.org/dc/terms/identifier> \"a\" .\n<http://x/id/a> <http://www.w3.org/ns/prov#wasDerivedFrom> <http://x/source/l.txt#line=3> .\n")
	f.Add("id\r\nb\r\na\r\n", "")
	f.Add("name,id\r\n\"x\r\n", "<http://x/id/a#prov-name> <http://www.w3.org/2000/01/rdf-schema#label> \"name\" .\n")
	f.Add("id,members\r\na,many\r\n", "garbage")
	f.Fuzz(func(t *testing.T, csvText, ntText string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, CSVFile), []byte(csvText), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, GraphFile), []byte(ntText), 0o644); err != nil {
			t.Fatal(err)
		}
		snap, err := OpenRelease(dir)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := Compare(context.Background(), snap, FromRecords("none", nil))
		if err == nil && len(rep.Removed) != rep.OldRecords {
			t.Errorf("%d records read, %d removed", rep.OldRecords, len(rep.Removed))
		}
	})
}
