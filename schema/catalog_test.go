package schema

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// sampleRelease is the seed's metadata with a fixed version and date, and
// the data files of a release with made-up sizes and checksums.
func sampleRelease(t testing.TB) (*Release, []FileInfo) {
	t.Helper()
	m, err := LoadMetadata(sourcesMetadata)
	if err != nil {
		t.Fatal(err)
	}
	rel := &Release{Meta: m, Version: "2026-11-27", Date: "2026-11-27"}
	var files []FileInfo
	for i, k := range FileKinds() {
		sum := sha256.Sum256([]byte(k.Name))
		files = append(files, k.FileInfo(int64(1000*(i+1)+i), hex.EncodeToString(sum[:])))
	}
	return rel, files
}

func collect(g Graph) []Triple {
	var out []Triple
	for block := range g.Blocks {
		out = append(out, block...)
	}
	return out
}

func ntriples(triples []Triple) []byte {
	lines := make([]string, 0, len(triples))
	for _, tr := range triples {
		lines = append(lines, string(tr.AppendNTriples(nil)))
	}
	slices.Sort(lines)
	return []byte(strings.Join(lines, ""))
}

// TestCatalogGraphGolden pins the whole catalogue of the sample release, as
// sorted N-Triples. Rewrite with -update after a deliberate change and read
// the diff.
func TestCatalogGraphGolden(t *testing.T) {
	rel, files := sampleRelease(t)
	got := ntriples(collect(CatalogGraph(rel, files)))
	golden := filepath.Join("testdata", "catalog", "sample.nt")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("catalogue differs from %s (run go test -update and review the diff):\n%s", golden, lineDiff(string(want), string(got)))
	}
}

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for _, l := range w {
		if !slices.Contains(g, l) {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range g {
		if !slices.Contains(w, l) {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}

// TestCatalogGraphContent checks the statements DCAT-AP and the issue ask
// for, one by one, so a failure names what is missing.
func TestCatalogGraphContent(t *testing.T) {
	rel, files := sampleRelease(t)
	rel.Previous, rel.VersionNotes, rel.Tool = "2026-10-01", "2 records added.", "bordernet v1.0.0 (commit abc)"
	rel.Records = RecordSlice([]Record{{ID: "a", Founded: "2004-10"}, {ID: "b", Founded: "1999"}, {ID: "c", Founded: "not a date"}})
	triples := collect(CatalogGraph(rel, files))
	has := func(s, p string, o Term) bool {
		return slices.Contains(triples, Triple{S: IRI(s), P: IRI(p), O: o})
	}
	const (
		base    = "https://w3id.org/bordernet/"
		dist    = base + "distribution/2026-11-27/bordernet.ttl"
		dl      = "https://bordernet.example.org/releases/2026-11-27/bordernet.ttl"
		licence = "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"
		ds      = base + "dataset/2026-11-27"
	)
	ttlSum := sha256.Sum256([]byte("bordernet.ttl"))
	date := TypedLiteral("2026-11-27", XSDDate)
	tests := []struct {
		s, p string
		o    Term
	}{
		{base + "catalog", RDFType, IRI(NSDCAT + "Catalog")},
		{base + "catalog", NSDCAT + "dataset", IRI(ds)},
		{base + "catalog", NSDCT + "publisher", IRI(base + "publisher")},
		{base + "catalog", NSDCT + "language", IRI(NSEUAuthority + "language/ENG")},
		{base + "catalog", NSDCAT + "themeTaxonomy", IRI(NSEUAuthority + "data-theme")},
		{base + "catalog", NSFOAF + "homepage", IRI("https://bordernet.example.org/")},
		{base + "catalog", NSDCT + "modified", date},
		// The series, and the release's dataset in it.
		{base + "dataset", RDFType, IRI(NSDCAT + "DatasetSeries")},
		{ds, NSDCT + "publisher", IRI(base + "publisher")},
		{ds, NSDCAT + "contactPoint", IRI(base + "contact")},
		{ds, RDFType, IRI(NSDCAT + "Dataset")},
		{ds, NSDCT + "title", LangLiteral(rel.Meta.Title+" (release 2026-11-27)", "en")},
		{ds, NSDCT + "description", LangLiteral(rel.Meta.Description, "en")},
		{ds, NSDCT + "identifier", Literal(ds)},
		{ds, NSDCAT + "version", Literal("2026-11-27")},
		{ds, NSDCT + "issued", date},
		{ds, NSDCT + "modified", date},
		{ds, NSDCAT + "inSeries", IRI(base + "dataset")},
		{ds, NSDCAT + "prev", IRI(base + "dataset/2026-10-01")},
		{ds, NSDCAT + "previousVersion", IRI(base + "dataset/2026-10-01")},
		{ds, NSADMS + "versionNotes", LangLiteral("2 records added.", "en")},
		{ds, NSPROV + "wasGeneratedBy", IRI(ds + "#making")},
		{ds + "#making", NSRDFS + "label", LangLiteral("release 2026-11-27 made by bordernet v1.0.0 (commit abc)", "en")},
		// What the MQA scores: access rights, temporal coverage, rights.
		{ds, NSDCT + "accessRights", IRI(NSEUAuthority + "access-right/PUBLIC")},
		{NSEUAuthority + "access-right/PUBLIC", RDFType, IRI(NSDCT + "RightsStatement")},
		{ds, NSDCT + "temporal", IRI(ds + "#temporal")},
		{ds + "#temporal", RDFType, IRI(NSDCT + "PeriodOfTime")},
		{ds + "#temporal", NSDCAT + "startDate", TypedLiteral("1999-01-01", XSDDate)},
		{ds + "#temporal", NSDCAT + "endDate", date},
		{dist, NSDCT + "rights", IRI(base + "rights")},
		{base + "rights", RDFType, IRI(NSDCT + "RightsStatement")},
		{ds, NSDCT + "license", IRI(licence)},
		{ds, NSDCAT + "contactPoint", IRI(base + "contact")},
		{ds, NSDCAT + "keyword", LangLiteral("migration", "en")},
		{ds, NSDCAT + "theme", IRI(NSEUAuthority + "data-theme/JUST")},
		{ds, NSDCAT + "theme", IRI(NSEUAuthority + "data-theme/GOVE")},
		{ds, NSDCAT + "theme", IRI(NSEUAuthority + "data-theme/INTR")},
		{ds, NSDCT + "spatial", IRI(NSEUAuthority + "continent/EUROPE")},
		{ds, NSDCT + "accrualPeriodicity", IRI(NSEUAuthority + "frequency/IRREG")},
		{ds, NSDCAT + "distribution", IRI(dist)},
		{dist, RDFType, IRI(NSDCAT + "Distribution")},
		{dist, NSDCT + "title", LangLiteral("bordernet as RDF (Turtle)", "en")},
		{dist, NSDCAT + "accessURL", IRI(dl)},
		{dist, NSDCAT + "downloadURL", IRI(dl)},
		{dist, NSDCAT + "mediaType", IRI(NSIANAMedia + "text/turtle")},
		{dist, NSDCT + "format", IRI(NSEUAuthority + "file-type/RDF_TURTLE")},
		{dist, NSDCAT + "byteSize", TypedLiteral("1000", XSDNonNegativeInteger)},
		{dist, NSDCT + "license", IRI(licence)},
		{dist, NSSPDX + "checksum", IRI(dist + "#sha256")},
		{dist + "#sha256", RDFType, IRI(NSSPDX + "Checksum")},
		{dist + "#sha256", NSSPDX + "algorithm", IRI(NSSPDX + "checksumAlgorithm_sha256")},
		{dist + "#sha256", NSSPDX + "checksumValue", TypedLiteral(hex.EncodeToString(ttlSum[:]), XSDHexBinary)},
		{base + "publisher", RDFType, IRI(NSFOAF + "Agent")},
		{base + "publisher", NSFOAF + "name", Literal("bordernet project")},
		{base + "contact", RDFType, IRI(NSVCard + "Kind")},
		{base + "contact", NSVCard + "fn", Literal("bordernet curators")},
		{base + "contact", NSVCard + "hasEmail", IRI("mailto:bordernet@example.org")},
		{licence, RDFType, IRI(NSDCT + "LicenseDocument")},
		{licence, NSDCT + "type", IRI("http://purl.org/adms/licencetype/Attribution")},
		{NSEUAuthority + "data-theme/JUST", RDFType, IRI(NSSKOS + "Concept")},
		{NSEUAuthority + "data-theme/JUST", NSSKOS + "prefLabel", LangLiteral("Justice, legal system and public safety", "en")},
		{NSEUAuthority + "data-theme", RDFType, IRI(NSSKOS + "ConceptScheme")},
		{NSEUAuthority + "continent/EUROPE", RDFType, IRI(NSDCT + "Location")},
		{NSEUAuthority + "frequency/IRREG", RDFType, IRI(NSDCT + "Frequency")},
		{NSEUAuthority + "language/ENG", RDFType, IRI(NSDCT + "LinguisticSystem")},
		{NSIANAMedia + "text/turtle", RDFType, IRI(NSDCT + "MediaType")},
		{NSEUAuthority + "file-type/RDF_TURTLE", RDFType, IRI(NSDCT + "MediaTypeOrExtent")},
		{"https://bordernet.example.org/", RDFType, IRI(NSFOAF + "Document")},
		// The data conforms to the release's shapes, a standard.
		{ds, NSDCT + "conformsTo", IRI(base + "distribution/2026-11-27/" + ShapesFile)},
		{base + "distribution/2026-11-27/" + ShapesFile, RDFType, IRI(NSDCT + "Standard")},
	}
	for _, tc := range tests {
		if !has(tc.s, tc.p, tc.o) {
			t.Errorf("missing <%s> <%s> %s", tc.s, tc.p, tc.o)
		}
	}

	// Every data file is a distribution; the catalogue files and the
	// checksum list are not.
	var dists []string
	for _, tr := range triples {
		if tr.P.Value == RDFType && tr.O.Value == NSDCAT+"Distribution" {
			dists = append(dists, tr.S.Value[strings.LastIndex(tr.S.Value, "/")+1:])
		}
	}
	want := []string{"bordernet.csv", "bordernet.csv-metadata.json", "bordernet.jsonld", "bordernet.nt", "bordernet.shapes.ttl", "bordernet.ttl", "bordernet.xlsx"}
	slices.Sort(dists)
	if !slices.Equal(dists, want) {
		t.Errorf("distributions %v, want %v", dists, want)
	}

	for i, tr := range triples {
		if err := tr.Check(); err != nil {
			t.Errorf("triple %d cannot be written: %v", i, err)
		}
		if slices.Contains(triples[:i], tr) {
			t.Errorf("triple %s given twice", tr.AppendNTriples(nil))
		}
	}
}

// TestCatalogGraphBlocks checks the shape writers rely on: one block per
// subject, each starting with its rdf:type, catalogue first, and the graph
// iterable twice with the same result.
func TestCatalogGraphBlocks(t *testing.T) {
	rel, files := sampleRelease(t)
	g := CatalogGraph(rel, files)
	subjects := map[Term]bool{}
	n := 0
	for block := range g.Blocks {
		n++
		if len(block) == 0 {
			t.Fatalf("block %d is empty", n)
		}
		s := block[0].S
		if subjects[s] {
			t.Errorf("subject %s has two blocks", s)
		}
		subjects[s] = true
		if block[0].P.Value != RDFType {
			t.Errorf("block of %s starts with %s, not rdf:type", s, block[0].P)
		}
		for _, tr := range block {
			if tr.S != s {
				t.Errorf("block of %s holds a triple of %s", s, tr.S)
			}
		}
		if n == 1 && s.Value != CatalogIRI(&rel.Meta) {
			t.Errorf("first block is %s, want the catalogue", s)
		}
	}
	if a, b := ntriples(collect(g)), ntriples(collect(g)); !bytes.Equal(a, b) {
		t.Error("iterating the graph twice gives different triples")
	}
	// Early stop must not panic.
	for range g.Blocks {
		break
	}
}

// TestCatalogGraphOptional checks what the catalogue leaves out when the
// metadata lacks it, and that it never yields an unwritable triple.
func TestCatalogGraphOptional(t *testing.T) {
	rel, files := sampleRelease(t)
	rel.Meta.Homepage = ""
	rel.Meta.AccrualPeriodicity = ""
	rel.Meta.Themes = []string{"NOPE"}
	rel.Meta.Language = "is"
	rel.Meta.License = "https://example.org/my-licence"
	rel.Meta.Contact.Email = "a b+\"x\"@example.org"
	files[0].SHA256 = ""
	files[1].MediaType, files[1].FileType = "", ""
	files = append(files, FileInfo{Name: "extra file?.txt", Title: "Something else", Size: 0})
	triples := collect(CatalogGraph(rel, files))
	for _, tr := range triples {
		if err := tr.Check(); err != nil {
			t.Errorf("unwritable triple %s: %v", tr.AppendNTriples(nil), err)
		}
		for _, bad := range []string{NSFOAF + "homepage", NSDCAT + "landingPage", NSDCT + "accrualPeriodicity", NSDCAT + "theme", NSDCAT + "themeTaxonomy", NSDCT + "language"} {
			if tr.P.Value == bad {
				t.Errorf("unexpected %s", tr.AppendNTriples(nil))
			}
		}
		if tr.S.Value == "https://example.org/my-licence" && tr.P.Value == NSDCT+"type" {
			t.Errorf("unknown licence given a type: %s", tr.AppendNTriples(nil))
		}
		if tr.S.Value == DistributionIRI(&rel.Meta, rel.Version, "bordernet.ttl") && tr.P.Value == NSSPDX+"checksum" {
			t.Errorf("checksum without a hash: %s", tr.AppendNTriples(nil))
		}
		if tr.S.Value == DistributionIRI(&rel.Meta, rel.Version, "bordernet.nt") && (tr.P.Value == NSDCAT+"mediaType" || tr.P.Value == NSDCT+"format") {
			t.Errorf("media type without one given: %s", tr.AppendNTriples(nil))
		}
	}
	extra := Triple{S: IRI(DistributionIRI(&rel.Meta, rel.Version, "extra file?.txt")), P: IRI(NSDCT + "title"), O: Literal("Something else")}
	if !slices.Contains(triples, extra) {
		t.Errorf("unknown file not described as given: want %s", extra.AppendNTriples(nil))
	}
	if !strings.HasSuffix(extra.S.Value, "/extra%20file%3F.txt") {
		t.Errorf("file name not escaped in %s", extra.S.Value)
	}
}

func TestMailto(t *testing.T) {
	tests := map[string]string{
		"bordernet@example.org": "mailto:bordernet@example.org",
		"first.last+tag@ex.org": "mailto:first.last+tag@ex.org",
		"a b@ex.org":            "mailto:a%20b@ex.org",
		`"q"@ex.org`:            "mailto:%22q%22@ex.org",
		"x<y>{z}|^`\\#%@ex.org": "mailto:x%3Cy%3E%7Bz%7D%7C%5E%60%5C%23%25@ex.org",
		"ü@ex.org":              "mailto:%C3%BC@ex.org",
	}
	for in, want := range tests {
		got := mailto(in)
		if got != want {
			t.Errorf("mailto(%q) = %q, want %q", in, got, want)
		}
		if !ValidIRI(got) {
			t.Errorf("mailto(%q) = %q is not a valid IRI", in, got)
		}
	}
}

func TestCatalogProblems(t *testing.T) {
	m, err := LoadMetadata(sourcesMetadata)
	if err != nil {
		t.Fatal(err)
	}
	m.Themes = []string{"JUST", "BORDERS"}
	m.Language = "uk"
	m.License = "https://example.org/licence"
	ps := CatalogProblems(&m, "sources/dataset.json")
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	want := []string{
		`sources/dataset.json: language: warning: "uk" is not an official EU language: the catalogue leaves dct:language out`,
		`sources/dataset.json: license: warning: https://example.org/licence is not a licence the catalogue knows: it cannot say what type of licence it is (dct:type)`,
		`sources/dataset.json: themes: "BORDERS" is not a code of the EU data-theme vocabulary: use one of AGRI, ECON, EDUC, ENER, ENVI, GOVE, HEAL, INTR, JUST, OP_DATPRO, REGI, SOCI, TECH, TRAN`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !ps.HasErrors() {
		t.Error("an unknown theme must be an error")
	}
}

func TestKnownLicences(t *testing.T) {
	tests := []struct {
		iri   string
		types []string
	}{
		{"http://publications.europa.eu/resource/authority/licence/CC_BY_4_0", []string{"Attribution"}},
		{"http://creativecommons.org/licenses/by/4.0/", []string{"Attribution"}},
		{"https://creativecommons.org/licenses/by/4.0", []string{"Attribution"}},
		{"https://creativecommons.org/licenses/by-sa/4.0/", []string{"Attribution", "ShareAlike"}},
		{"http://publications.europa.eu/resource/authority/licence/CC0", []string{"PublicDomain"}},
		{"https://creativecommons.org/licenses/by/3.0/", nil},
		{"https://example.org/", nil},
	}
	for _, tc := range tests {
		lk, ok := knownLicence(tc.iri)
		if ok != (tc.types != nil) || !slices.Equal(lk.types, tc.types) || len(lk.labels) != len(lk.types) {
			t.Errorf("knownLicence(%s) = %v, %v; want %v", tc.iri, lk, ok, tc.types)
		}
	}
}

func TestFileKinds(t *testing.T) {
	names := map[string]bool{}
	for _, k := range FileKinds() {
		if names[k.Name] {
			t.Errorf("%s listed twice", k.Name)
		}
		names[k.Name] = true
		if k.Title == "" || k.Description == "" || k.MediaType == "" || k.FileType == "" {
			t.Errorf("%s is incomplete: %+v", k.Name, k)
		}
		if !ValidIRI(NSIANAMedia+k.MediaType) || !ValidIRI(euFileType+k.FileType) {
			t.Errorf("%s: media type or file type makes no IRI", k.Name)
		}
		got, ok := FileKindOf(k.Name)
		if !ok || got != k {
			t.Errorf("FileKindOf(%s) = %+v, %v", k.Name, got, ok)
		}
		fi := k.FileInfo(42, "ab")
		if fi.Name != k.Name || fi.MediaType != k.MediaType || fi.FileType != k.FileType || fi.Title != k.Title || fi.Size != 42 || fi.SHA256 != "ab" {
			t.Errorf("FileInfo of %s = %+v", k.Name, fi)
		}
	}
	// The file list, exactly.
	for _, n := range []string{"bordernet.ttl", "bordernet.nt", "bordernet.jsonld", "bordernet.csv", "bordernet.csv-metadata.json", "bordernet.xlsx", "bordernet.shapes.ttl", "catalog.ttl", "catalog.jsonld", "SHA256SUMS",
		"CHANGES.md", "changes.json", "changes.ru", "changes.rdfp"} { // issue 9's changes
		if !names[n] {
			t.Errorf("FileKinds lacks %s", n)
		}
	}
	if len(names) != 14 {
		t.Errorf("FileKinds has %d files, want 14", len(names))
	}
	if _, ok := FileKindOf("other.txt"); ok {
		t.Error("FileKindOf found an unknown file")
	}
}

func TestDataThemeLabel(t *testing.T) {
	if l, ok := DataThemeLabel("GOVE"); !ok || l != "Government and public sector" {
		t.Errorf("GOVE = %q, %v", l, ok)
	}
	if _, ok := DataThemeLabel("gove"); ok {
		t.Error("codes are upper-case; gove must not be found")
	}
	if n := len(dataThemes()); n != 14 {
		t.Errorf("%d data themes, want the vocabulary's 14", n)
	}
}

func BenchmarkCatalogGraph(b *testing.B) {
	rel, files := sampleRelease(b)
	for b.Loop() {
		for block := range CatalogGraph(rel, files).Blocks {
			_ = block
		}
	}
}

// TestFileKindOfReleaseFiles: the data files and the copies of the
// sources are distributions; the web site's files (pages per resource in
// subfolders, the landing page and its assets) are known and are not; a
// file an addition writes at the top that nothing knows stays a
// distribution, so that the catalogue does not drop it.
func TestFileKindOfReleaseFiles(t *testing.T) {
	for name, want := range map[string]struct{ known, dist bool }{
		"bordernet.nt":           {true, true},
		"source/listing.txt":     {true, true},
		"source/x/curation.xlsx": {true, true},
		"source/notes.md":        {false, false},
		"catalog.ttl":            {true, false},
		"index.html":             {true, false},
		"relations.svg":          {true, false},
		".htaccess":              {true, false},
		"id/frontex.html":        {true, false},
		"vocab/kind/agency.ttl":  {true, false},
		"dataset/2026-11-27.nt":  {true, false},
		"changes.json":           {true, false}, // issue 9's changes: about the release, no distribution
		"changes.ru":             {true, false},
		"notes.txt":              {false, false},
	} {
		k, known := FileKindOf(name)
		if known != want.known || known && k.Distribution != want.dist {
			t.Errorf("%s: known %v, distribution %v; want %v, %v", name, known, k.Distribution, want.known, want.dist)
		}
		if known && k.Name != name {
			t.Errorf("%s: kind named %q", name, k.Name)
		}
	}
}
