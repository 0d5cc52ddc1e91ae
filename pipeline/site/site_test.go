package site

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/pipeline/export/ntriples"
	"github.com/bordernet/bordernet/pipeline/export/ntriples/rdftest"
	"github.com/bordernet/bordernet/schema"
)

const goldenDir = "../../testdata/site/2026-11-27"

// TestGoldenSite compares every file of the seed release's site, byte for
// byte, with testdata/site/2026-11-27 (go test -update rewrites it).
func TestGoldenSite(t *testing.T) {
	got := siteFiles(t, publish(t, seedRelease(t), Options{}))
	if *update {
		if err := os.RemoveAll(goldenDir); err != nil {
			t.Fatal(err)
		}
		for name, data := range got {
			p := filepath.Join(goldenDir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := siteFiles(t, goldenDir)
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("%s is in the golden site but was not written", name)
		}
	}
	for name, data := range got {
		if !bytes.Equal(data, want[name]) {
			t.Errorf("%s differs from %s/%s (run go test ./pipeline/site -update and review the diff)", name, goldenDir, name)
		}
	}
	for _, name := range []string{"index.html", "relations.svg", "site.css", "table.js", InfoFile, "id/frontex.html", "id/frontex.ttl", "id/frontex.nt", "id/frontex.jsonld", "vocab/kind.html", "vocab/kind/agency.ttl"} {
		if _, ok := got[name]; !ok {
			t.Errorf("the site has no %s", name)
		}
	}
}

// TestSameBytes publishes the seed twice: the sites are byte-identical.
func TestSameBytes(t *testing.T) {
	a := siteFiles(t, publish(t, seedRelease(t), Options{}))
	b := siteFiles(t, publish(t, seedRelease(t), Options{}))
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two releases of the same sources", name)
		}
	}
}

// ntLines returns the lines of an N-Triples document.
func ntLines(data []byte) []string {
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

// TestUnionIsTheReleaseGraph: the per-resource N-Triples documents, put
// together, are exactly the release's bordernet.nt, each line in one
// document only; and each document's Turtle and JSON-LD, read back by
// third-party parsers, say the same as its N-Triples.
func TestUnionIsTheReleaseGraph(t *testing.T) {
	for _, tc := range []struct {
		name string
		rel  *schema.Release
	}{
		{"seed", seedRelease(t)},
		{"synthetic", rdftest.Synthetic(60)},
		{"edge cases", rdftest.Release()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeSite(t, tc.rel)
			whole, err := os.ReadFile(filepath.Join(dir, "bordernet.nt"))
			if err != nil {
				t.Fatal(err)
			}
			files := siteFiles(t, dir)
			seen := map[string]string{}
			for name, data := range files {
				if !strings.HasSuffix(name, ".nt") {
					continue
				}
				for _, line := range ntLines(data) {
					if other, dup := seen[line]; dup {
						t.Errorf("%s and %s both hold %s", other, name, line)
					}
					seen[line] = name
				}
				checkRoundTrip(t, name, files)
			}
			for _, line := range ntLines(whole) {
				if _, ok := seen[line]; !ok {
					t.Errorf("no document holds %s", line)
				}
				delete(seen, line)
			}
			for line, name := range seen {
				t.Errorf("%s holds %s, which bordernet.nt does not", name, line)
			}
		})
	}
}

// writeSite writes rel's bordernet.nt and its site into a temporary
// folder, without the other files of a release (whose writers refuse some
// of the edge cases).
func writeSite(t *testing.T, rel *schema.Release) string {
	t.Helper()
	if rel.Version == "" {
		rel.Version, rel.Date = "2026-11-27", "2026-11-27"
	}
	dir := t.TempDir()
	var nt bytes.Buffer
	if err := ntriples.Write(&nt, schema.RecordGraph(rel)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bordernet.nt"), nt.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(context.Background(), dir, rel, Options{}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// checkRoundTrip reads a resource's Turtle (knakk/rdf) and JSON-LD
// (json-gold) and compares them with its N-Triples.
func checkRoundTrip(t *testing.T, ntName string, files map[string][]byte) {
	t.Helper()
	base := strings.TrimSuffix(ntName, ".nt")
	nt, err := rdftest.ReadNTriples(bytes.NewReader(files[ntName]))
	if err != nil {
		t.Fatalf("%s: %v", ntName, err)
	}
	want := rdftest.Lines(nt)
	for _, f := range []struct {
		ext  string
		read func(r *bytes.Reader) ([]schema.Triple, error)
	}{
		{".ttl", func(r *bytes.Reader) ([]schema.Triple, error) { return rdftest.ReadTurtle(r) }},
		{".jsonld", func(r *bytes.Reader) ([]schema.Triple, error) { return rdftest.ReadJSONLD(r) }},
	} {
		got, err := f.read(bytes.NewReader(files[base+f.ext]))
		if err != nil {
			t.Fatalf("%s%s: %v", base, f.ext, err)
		}
		if !slices.Equal(rdftest.Lines(got), want) {
			t.Errorf("%s%s does not say what %s says:\n%s\nwant\n%s", base, f.ext, ntName, strings.Join(rdftest.Lines(got), ""), strings.Join(want, ""))
		}
	}
}

// TestServedPageEqualsWritten renders frontex's page as bordernet serve
// does, from its lines of the release's sorted bordernet.nt (and the
// lines pointing at it, and labels read there), and requires the page and
// RDF documents the release wrote.
func TestServedPageEqualsWritten(t *testing.T) {
	dir := publish(t, seedRelease(t), Options{})
	info, err := ReadInfo(dir)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "bordernet.nt"))
	if err != nil {
		t.Fatal(err)
	}
	all, err := rdftest.ReadNTriples(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	labels := map[string]string{}
	for _, tr := range all {
		if tr.P.Value == schema.NSSKOS+"prefLabel" {
			labels[tr.S.Value] = tr.O.Value
		}
	}
	for _, id := range []string{"frontex", "fran", "euaa", "easo"} {
		iri := schema.RecordIRI(info.BaseIRI, id)
		d := Doc{IRI: iri}
		for _, tr := range all {
			if docIRI(tr.S.Value) == iri {
				d.Triples = append(d.Triples, tr)
			} else if tr.O.Value == iri && relationPredicates()[tr.P.Value] != "" {
				d.Inbound = append(d.Inbound, tr)
			}
		}
		for _, f := range []struct {
			ext   string
			write func(*bytes.Buffer) error
		}{
			{".html", func(b *bytes.Buffer) error {
				return RenderPage(b, info, d, func(iri string) string { return labels[iri] })
			}},
			{".ttl", func(b *bytes.Buffer) error { return WriteTurtle(b, info, d) }},
			{".nt", func(b *bytes.Buffer) error { return WriteNTriples(b, info, d) }},
			{".jsonld", func(b *bytes.Buffer) error { return WriteJSONLD(b, info, d) }},
		} {
			var got bytes.Buffer
			if err := f.write(&got); err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(dir, "id", id+f.ext))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("id/%s%s rendered from bordernet.nt differs from the one the release wrote", id, f.ext)
			}
		}
	}
}

// TestRelationsBothWays: a record page lists what it points at and what
// points at it.
func TestRelationsBothWays(t *testing.T) {
	files := siteFiles(t, publish(t, seedRelease(t), Options{}))
	for _, tc := range []struct {
		page, section, want string
	}{
		{"id/fran.html", "Run or coordinated by", "European Border and Coast Guard Agency"},
		{"id/frontex.html", "Runs or coordinates", "Frontex Risk Analysis Network"},
		{"id/easo.html", "Succeeded by", "European Union Agency for Asylum"},
		{"id/euaa.html", "Succeeds", "European Asylum Support Office"},
		{"id/elena.html", "Run or coordinated by", "European Council on Refugees and Exiles"},
		{"id/ecre.html", "Runs or coordinates", "European Legal Network on Asylum"},
	} {
		doc := parseHTML(t, tc.page, files[tc.page])
		found := false
		for _, dt := range elements(doc, "dt") {
			if text(dt) != tc.section {
				continue
			}
			for dd := dt.NextSibling; dd != nil; dd = dd.NextSibling {
				if dd.Data == "dt" {
					break
				}
				if dd.Data == "dd" && strings.Contains(text(dd), tc.want) {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("%s: no %q under %q", tc.page, tc.want, tc.section)
		}
	}
}

// TestSources: a record page names where each value was read.
func TestSources(t *testing.T) {
	files := siteFiles(t, publish(t, seedRelease(t), Options{}))
	doc := parseHTML(t, "id/frontex.html", files["id/frontex.html"])
	sources := map[string]string{}
	for _, tr := range elements(doc, "tr") {
		ths, tds := elements(tr, "th"), elements(tr, "td")
		if len(ths) == 1 && len(tds) == 3 {
			sources[text(ths[0])] = text(tds[2])
		}
	}
	for field, want := range map[string]string{
		"website": "curation.xlsx Records!I10",
		"founded": "curation.xlsx Records!J10",
		"kind":    "listing.txt:39",
		"id":      "listing.txt:41",
	} {
		if got := sources[field]; got != want {
			t.Errorf("frontex %s: source %q, want %q", field, got, want)
		}
	}
	if !strings.Contains(string(files["id/frontex.html"]), "https://frontex.europa.eu/") {
		t.Error("frontex's page does not show its website")
	}
}

// TestPagesRule: without record pages (a large release, or --site-pages
// none) the landing page, the picture and the vocabulary are written, no
// file under id/, and site.json says so.
func TestPagesRule(t *testing.T) {
	for _, tc := range []struct {
		pages Pages
		n     int
		want  bool
	}{
		{PagesAuto, 13, true}, {PagesAuto, PageLimit, true}, {PagesAuto, PageLimit + 1, false},
		{"", PageLimit + 1, false}, {PagesAll, 1_000_000, true}, {PagesNone, 1, false},
	} {
		if got := (Options{Pages: tc.pages}).writesRecordPages(tc.n); got != tc.want {
			t.Errorf("pages %q, %d records: record pages %v, want %v", tc.pages, tc.n, got, tc.want)
		}
	}
	files := siteFiles(t, publish(t, seedRelease(t), Options{Pages: PagesNone}))
	for name := range files {
		if strings.HasPrefix(name, "id/") {
			t.Errorf("--site-pages none wrote %s", name)
		}
	}
	for _, name := range []string{"index.html", "relations.svg", "vocab/kind.html", "vocab/status/succeeded.jsonld"} {
		if _, ok := files[name]; !ok {
			t.Errorf("--site-pages none did not write %s", name)
		}
	}
	info, err := ParseInfo(files[InfoFile])
	if err != nil {
		t.Fatal(err)
	}
	if info.RecordPages || info.Records != 13 {
		t.Errorf("site.json: record_pages %v, records %d; want false, 13", info.RecordPages, info.Records)
	}
	for _, p := range []string{"all", "auto", "none"} {
		if _, err := ParsePages(p); err != nil {
			t.Errorf("ParsePages(%q): %v", p, err)
		}
	}
	if _, err := ParsePages("some"); err == nil {
		t.Error(`ParsePages("some") accepted it`)
	}
}

// TestLandingTableIsCut: a release larger than PageLimit lists the first
// PageLimit records and says where the rest are.
func TestLandingTableIsCut(t *testing.T) {
	rel := rdftest.Synthetic(PageLimit + 3)
	dir := t.TempDir()
	l, err := newLanding(dir, rel, InfoOf(rel, false), drawRelations(rel, PictureLimit), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Rows) != PageLimit || !l.RowsCut {
		t.Fatalf("%d rows (cut %v), want %d, cut", len(l.Rows), l.RowsCut, PageLimit)
	}
	var b bytes.Buffer
	if err := l.render(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "The first 10000 of 10003 records") {
		t.Error("the landing page does not say the table is cut")
	}
}

// TestChanges: the landing page shows a changes.json written before the
// site, and says there is none without it.
func TestChanges(t *testing.T) {
	rel := seedRelease(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ChangesJSON), []byte(`{"from": "2026-11-01", "to": "2026-11-27", "summary": {"added": 2, "changed": 4, "facts_removed": 1}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ChangesMarkdown), []byte("# Changes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(context.Background(), dir, rel, Options{Pages: PagesNone}); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<p>Changes since 2026-11-01: 2 added, 4 changed, 1 fact removed.</p>", `href="CHANGES.md"`, `href="changes.json"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the landing page lacks %s", want)
		}
	}
	dir = t.TempDir()
	if _, err := Write(context.Background(), dir, rel, Options{Pages: PagesNone}); err != nil {
		t.Fatal(err)
	}
	page, _ = os.ReadFile(filepath.Join(dir, "index.html"))
	if !strings.Contains(string(page), "does not say what changed") {
		t.Error("without changes.json the landing page does not say so")
	}
	if err := os.WriteFile(filepath.Join(dir, ChangesJSON), []byte(`{"added": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(context.Background(), dir, rel, Options{Pages: PagesNone}); err == nil || !strings.Contains(err.Error(), "changes.json") {
		t.Errorf("a broken changes.json: error %v, want one naming it", err)
	}
}

// TestDatasetJSONLD: the landing page's schema.org Dataset has what
// Google Dataset Search requires and recommends.
func TestDatasetJSONLD(t *testing.T) {
	files := siteFiles(t, publish(t, seedRelease(t), Options{}))
	doc := parseHTML(t, "index.html", files["index.html"])
	var ds map[string]any
	for _, s := range elements(doc, "script") {
		if typ, _ := attr(s, "type"); typ == "application/ld+json" {
			if err := json.Unmarshal([]byte(text(s)), &ds); err != nil {
				t.Fatal(err)
			}
		}
	}
	if ds == nil {
		t.Fatal("index.html has no JSON-LD")
	}
	for _, key := range []string{"@context", "name", "description", "license", "creator", "publisher", "distribution", "dateModified", "version", "identifier", "spatialCoverage", "keywords", "url"} {
		if ds[key] == nil || ds[key] == "" {
			t.Errorf("the Dataset has no %s", key)
		}
	}
	if ds["@type"] != "Dataset" {
		t.Errorf("@type %v", ds["@type"])
	}
	if n := len([]rune(ds["description"].(string))); n < minDescription || n > maxDescription {
		t.Errorf("description of %d characters", n)
	}
	dists, _ := ds["distribution"].([]any)
	if len(dists) != 7 {
		t.Errorf("%d distributions, want the 7 data files (shapes included)", len(dists))
	}
	for _, d := range dists {
		d := d.(map[string]any)
		if d["@type"] != "DataDownload" || !strings.HasPrefix(d["contentUrl"].(string), "https://bordernet.example.org/releases/2026-11-27/") || d["encodingFormat"] == "" {
			t.Errorf("distribution %v", d)
		}
	}
	for _, tc := range []struct{ in string }{{"Short."}, {strings.Repeat("word ", 2000)}, {""}} {
		rel := seedRelease(t)
		rel.Meta.Description = tc.in
		if n := len([]rune(datasetDescription(rel))); n < minDescription || n > maxDescription {
			t.Errorf("description %.20q…: %d characters", tc.in, n)
		}
	}
}

// TestDocPath: only resources under the base IRI's id/ and vocab/ get a
// path, and no path leaves the site.
func TestDocPath(t *testing.T) {
	info := Info{BaseIRI: "https://w3id.org/bordernet/"}
	for iri, want := range map[string]string{
		"https://w3id.org/bordernet/id/frontex":             "id/frontex",
		"https://w3id.org/bordernet/vocab/kind":             "vocab/kind",
		"https://w3id.org/bordernet/vocab/kind/network":     "vocab/kind/network",
		"https://w3id.org/bordernet/id/frontex#prov-name":   "",
		"https://w3id.org/bordernet/id/../../etc/passwd":    "",
		"https://w3id.org/bordernet/id/.hidden":             "",
		"https://w3id.org/bordernet/dataset":                "",
		"https://w3id.org/bordernet/source/listing.txt":     "",
		"https://example.org/id/frontex":                    "",
		"https://w3id.org/bordernet/id/":                    "",
		"https://w3id.org/bordernet/id//x":                  "",
		"https://w3id.org/bordernet/id/a?b":                 "",
		"https://w3id.org/bordernet/id/a\\..\\..\\b":        "",
		"https://w3id.org/bordernet/vocab/kind/network.ttl": "vocab/kind/network.ttl",
	} {
		got, ok := info.DocPath(iri)
		if got != want || ok != (want != "") {
			t.Errorf("DocPath(%q) = %q, %v; want %q", iri, got, ok, want)
		}
	}
	if h := info.href("id/fran", "https://w3id.org/bordernet/id/frontex"); h != "../id/frontex.html" {
		t.Errorf("href from id/fran to frontex: %q", h)
	}
	if h := info.href("index", "https://frontex.europa.eu/"); h != "https://frontex.europa.eu/" {
		t.Errorf("href to a website: %q", h)
	}
	if p := path.Clean("id/" + "x"); p != "id/x" {
		t.Fatal(p)
	}
}

// TestDescribeSource: locators read back as problem reports write them.
func TestDescribeSource(t *testing.T) {
	const src = "https://example.org/releases/2026-11-27/source/"
	for _, tc := range []struct {
		pos  schema.Position
		want string
	}{
		{schema.Position{File: "listing.txt", Line: 14}, "listing.txt:14"},
		{schema.Position{File: "x/curation.xlsx", Sheet: "Records", Line: 7, Col: 4}, "x/curation.xlsx Records!D7"},
		{schema.Position{File: "curation.xlsx", Sheet: "My Sheet!", Line: 7}, "curation.xlsx My Sheet! row 7"},
		{schema.Position{File: "a b.txt"}, "a b.txt"},
	} {
		if got := describeSource(src, schema.SourceIRI(src, tc.pos)); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.pos, got, tc.want)
		}
	}
	for _, iri := range []string{"https://example.org/x", src, src + "a.txt#line=0", src + "a.txt#line=x", src + "a.xlsx#S!7:8", src + "a.xlsx#S!d7", src + "%zz", src + "a//b.txt", src + "../b.txt"} {
		if got := describeSource(src, iri); got != iri {
			t.Errorf("describeSource(%q) = %q, want it as it is", iri, got)
		}
	}
}

// TestLandingUsesMeasuredFiles: the downloads table takes a file's size
// and SHA-256 from the files the assembler measured, and measures on disk
// only a file not among them.
func TestLandingUsesMeasuredFiles(t *testing.T) {
	rel := rdftest.Synthetic(3)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, schema.CSVFile), []byte("id\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := strings.Repeat("ab", 32)
	files := []schema.FileInfo{{Name: schema.NTriplesFile, Size: 123456, SHA256: sum}}
	l, err := newLanding(dir, rel, InfoOf(rel, false), drawRelations(rel, PictureLimit), files)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]download{}
	for _, d := range l.Downloads {
		got[d.Name] = d
	}
	if d := got[schema.NTriplesFile]; d.Bytes != 123456 || d.SHA256 != sum {
		t.Errorf("%s: %d bytes, %s; want the measured 123456, %s", schema.NTriplesFile, d.Bytes, d.SHA256, sum)
	}
	if d := got[schema.CSVFile]; d.Bytes != 3 {
		t.Errorf("%s (not measured): %d bytes, want 3 read from disk", schema.CSVFile, d.Bytes)
	}
}
