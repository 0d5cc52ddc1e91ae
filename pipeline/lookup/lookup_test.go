package lookup

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/pipeline/export/ntriples"
	"github.com/bordernet/bordernet/pipeline/export/ntriples/rdftest"
	"github.com/bordernet/bordernet/pipeline/release"
	"github.com/bordernet/bordernet/schema"
)

// published publishes rdftest's release (ids "a", "a-b", "ab", "zeta":
// prefixes of one another) with the inbound index, and returns its folder.
func published(t *testing.T) string {
	t.Helper()
	out := t.TempDir()
	meta, err := schema.LoadMetadata(filepath.Join("..", "..", "sources", "dataset.json"))
	if err != nil {
		t.Fatal(err)
	}
	rel := rdftest.Release()
	rel.Meta = meta
	rel.Meta.BaseIRI = rdftest.Base
	// The workbook cannot hold the bell the fixture tests the RDF
	// writers with.
	for i := range rel.Records.(schema.RecordSlice) {
		rel.Records.(schema.RecordSlice)[i].Description = strings.ReplaceAll(rel.Records.(schema.RecordSlice)[i].Description, "\a", "")
	}
	res, err := release.Publish(context.Background(), rel, release.Options{
		OutDir:    out,
		Additions: []release.Addition{{Name: "inbound index", Write: WriteInbound}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return res.Dir
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, maxLine)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines
}

// subjectOf returns the IRI a line is about: its subject without fragment.
func subjectOf(t *testing.T, line string) string {
	tr, err := ntriples.ParseLine([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	s, _, _ := strings.Cut(tr.S.Value, "#")
	return s
}

func TestSubjectsCoverTheGraph(t *testing.T) {
	dir := published(t)
	rel, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer rel.Close()
	if rel.Base() != rdftest.Base {
		t.Errorf("Base() = %q, want %q", rel.Base(), rdftest.Base)
	}
	all := readLines(t, filepath.Join(dir, NTriplesFile))
	bySubject := map[string][]string{}
	var subjects []string
	for _, l := range all {
		s := subjectOf(t, l)
		if _, ok := bySubject[s]; !ok {
			subjects = append(subjects, s)
		}
		bySubject[s] = append(bySubject[s], l)
	}
	var union []string
	for _, s := range subjects {
		triples, err := rel.Subject(s)
		if err != nil {
			t.Fatal(err)
		}
		got := linesOf(triples)
		if want := bySubject[s]; !slices.Equal(got, want) {
			t.Errorf("Subject(%s) =\n%s\nwant\n%s", s, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		union = append(union, got...)
		if has, err := rel.Has(s); err != nil || !has {
			t.Errorf("Has(%s) = %v, %v", s, has, err)
		}
	}
	slices.Sort(union)
	if !slices.Equal(union, all) {
		t.Errorf("the subjects' triples (%d) are not the graph (%d lines)", len(union), len(all))
	}
	for _, absent := range []string{rdftest.Base + "id/nobody", rdftest.Base + "id/", rdftest.Base + "id/a-", "<junk> x"} {
		if triples, err := rel.Subject(absent); err != nil || len(triples) != 0 {
			t.Errorf("Subject(%q) = %v, %v; want none", absent, triples, err)
		}
	}
	if label, err := rel.Label(rdftest.Base + "id/ab"); err != nil || label != "Forum AB" {
		t.Errorf("Label(ab) = %q, %v", label, err)
	}
}

func TestInbound(t *testing.T) {
	dir := published(t)
	rel, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer rel.Close()
	if !rel.HasInbound() {
		t.Fatal("HasInbound() = false")
	}
	// What the index must hold: every triple of the graph between two
	// records, found by reading the whole graph.
	records := rdftest.Base + "id/"
	want := map[string][]string{}
	for _, l := range readLines(t, filepath.Join(dir, NTriplesFile)) {
		tr, _ := ntriples.ParseLine([]byte(l))
		if tr.O.IsIRI() && strings.HasPrefix(tr.O.Value, records) && strings.HasPrefix(tr.S.Value, records) && !strings.Contains(tr.S.Value, "#") {
			want[tr.O.Value] = append(want[tr.O.Value], l)
		}
	}
	if len(want) < 3 {
		t.Fatalf("the fixture has relations to only %d records", len(want))
	}
	for _, id := range []string{"a", "a-b", "ab", "zeta", "nobody"} {
		iri := records + id
		got, err := rel.Inbound(iri)
		if err != nil {
			t.Fatal(err)
		}
		lines := linesOf(got)
		slices.Sort(lines)
		w := slices.Clone(want[iri])
		slices.Sort(w)
		if !slices.Equal(lines, w) {
			t.Errorf("Inbound(%s) = %q, want %q", id, lines, w)
		}
	}
}

func TestOpenFailures(t *testing.T) {
	dir := published(t)
	outside := filepath.Join(t.TempDir(), "elsewhere.nt")
	if err := os.WriteFile(outside, []byte("<http://x/s> <http://x/p> \"secret\" .\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	copyOf := func(t *testing.T) string {
		t.Helper()
		c := t.TempDir()
		for _, name := range []string{NTriplesFile, CatalogFile, InboundFile} {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(c, name), data, 0o644)
		}
		return c
	}
	for name, damage := range map[string]func(d string){
		"no catalogue":      func(d string) { os.Remove(filepath.Join(d, CatalogFile)) },
		"catalogue no JSON": func(d string) { os.WriteFile(filepath.Join(d, CatalogFile), []byte("{"), 0o644) },
		"no dcat:Catalog":   func(d string) { os.WriteFile(filepath.Join(d, CatalogFile), []byte(`{"@graph":[]}`), 0o644) },
		"no N-Triples":      func(d string) { os.Remove(filepath.Join(d, NTriplesFile)) },
		"N-Triples symlink out": func(d string) {
			os.Remove(filepath.Join(d, NTriplesFile))
			os.Symlink(outside, filepath.Join(d, NTriplesFile))
		},
	} {
		d := copyOf(t)
		damage(d)
		if rel, err := Open(d); err == nil {
			rel.Close()
			t.Errorf("%s: Open succeeded", name)
		}
	}
	// A release published before the inbound index opens without it.
	d := copyOf(t)
	os.Remove(filepath.Join(d, InboundFile))
	rel, err := Open(d)
	if err != nil {
		t.Fatal(err)
	}
	defer rel.Close()
	if got, err := rel.Inbound(rdftest.Base + "id/a"); rel.HasInbound() || err != nil || got != nil {
		t.Errorf("without inbound.tsv: HasInbound %v, Inbound = %v, %v", rel.HasInbound(), got, err)
	}
}

func TestWriteInboundStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := WriteInbound(ctx, t.TempDir(), rdftest.Release(), nil); err == nil {
		t.Error("WriteInbound on a cancelled context succeeded")
	}
}

// linesOf writes triples as N-Triples lines, in their order.
func linesOf(triples []schema.Triple) []string {
	var out []string
	for _, tr := range triples {
		out = append(out, strings.TrimSuffix(string(tr.AppendNTriples(nil)), "\n"))
	}
	return out
}
