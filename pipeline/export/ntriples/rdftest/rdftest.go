// Package rdftest holds what the tests of the RDF writers (turtle,
// ntriples, jsonld) share: a small hand-built release that covers the
// mapping and the escaping cases, a block of hand-made edge-case triples,
// a synthetic release of any size for benchmarks, and readers that turn
// Turtle, N-Triples and JSON-LD back into canonical N-Triples lines with
// third-party parsers (knakk/rdf, json-gold), so the writers are judged by
// code that is not theirs.
//
// It is for tests only; no production package imports it.
package rdftest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/schema"
	"github.com/knakk/rdf"
	"github.com/piprate/json-gold/ld"
)

// Base is the base IRI of the test releases.
const Base = "https://example.org/bordernet/"

// EdgeBase is where the edge-case triples live: after Base in line order,
// so Graph stays in N-Triples order.
const EdgeBase = "https://example.org/edge/"

// Release returns a small release whose records exercise every field,
// ids that are prefixes of one another ("a", "a-b", "ab"), sources in a
// listing and in workbook cells, and strings that need escaping: quotes,
// backslashes, newlines, tabs, control characters and non-ASCII text.
// Records are in schema.CompareIDs order, as releases are.
func Release() *schema.Release {
	members := 500
	zero := 0
	listing := func(line int) schema.Position { return schema.Position{File: "sources/listing.txt", Line: line} }
	cell := func(sheet string, row, col int) schema.Position {
		return schema.Position{File: "sources/curation.xlsx", Sheet: sheet, Line: row, Col: col}
	}
	recs := []schema.Record{
		{
			ID: "a-b", Kind: schema.KindNetwork, Scope: schema.ScopeEU,
			Name:            `The "Quoted" \ Network`,
			Acronym:         "QN",
			AltNames:        []string{"QN", "Réseau « cité » – Ünïcödé 𝄞", "Tab\there"},
			Description:     "Line one\nLine two\r\nwith a tab\t, a bell \a and a quote \" end",
			DescriptionLang: "fr-BE",
			Website:         "https://example.org/page.html?x=1&y=2",
			Founded:         "2004",
			MemberOf:        []string{"ab", "a"},
			SourceURLs:      []string{"https://example.org/sources/report.pdf#page=3"},
			Origin:          listing(10),
		},
		{
			ID: "a", Kind: schema.KindAgency, Scope: schema.ScopeEU,
			Name:            "Agency A",
			Description:     "An agency.",
			DescriptionLang: "en",
			Founded:         "2004-10",
			Dissolved:       "2022-01-19",
			Status:          schema.StatusSucceeded,
			Successor:       "ab",
			Members:         &members,
			Seat:            "Warsaw, Poland",
			LegalBasis:      "https://eur-lex.europa.eu/eli/reg/2019/1896/oj",
			Wikidata:        "Q123",
			EUCorporateBody: "FRONTEX",
			Origin:          listing(20),
		},
		{
			ID: "ab", Kind: schema.KindForum, Scope: schema.ScopeEuropean,
			Name:      "Forum AB",
			Acronym:   "FAB",
			Status:    schema.StatusActive,
			Parent:    "a",
			PartnerOf: []string{"a-b"},
			Members:   &zero,
			Origin:    cell("Records", 4, 0),
		},
		{
			ID: "zeta", Kind: schema.KindNetwork, Scope: schema.ScopeEuropean,
			Name:   "Zeta, without sources",
			Status: schema.StatusInactive,
		},
	}
	recs[0].SetSource(schema.FieldID, listing(10))
	recs[0].SetSource(schema.FieldName, listing(10))
	recs[0].SetSource(schema.FieldAcronym, listing(10))
	recs[0].SetSource(schema.FieldDescription, listing(12))
	recs[0].SetSource(schema.FieldWebsite, cell("Records", 2, 9))
	recs[0].SetSource(schema.FieldMemberOf, cell("My Sheet", 2, 15))
	recs[1].SetSource(schema.FieldID, listing(20))
	recs[1].SetSource(schema.FieldName, cell("Records", 3, 4))
	recs[1].SetSource(schema.FieldStatus, cell("Records", 3, 12))
	recs[1].SetSource(schema.FieldMembers, cell("Records", 3, 17))
	recs[2].SetSource(schema.FieldID, cell("Records", 4, 1))
	recs[2].SetSource(schema.FieldKind, cell("Records", 4, 2))
	// A source for a field without a value publishes nothing.
	recs[2].SetSource(schema.FieldSeat, cell("Records", 4, 18))
	return &schema.Release{
		Meta:    schema.Metadata{BaseIRI: Base, Language: "en", Title: "test"},
		Version: "2026-01-01",
		Date:    "2026-01-01",
		Records: schema.RecordSlice(recs),
	}
}

// EdgeTriples returns triples no record produces but a writer must still
// get right: local names that must not be prefixed (ending in '.',
// starting with '-', holding '%'), an IRI that is exactly a namespace,
// non-core datatypes, a multi-hyphen language tag, the empty string,
// every C0 control character, rdf:type with a literal object and as an
// object. No blank nodes: the formats are compared line by line.
func EdgeTriples() []schema.Triple {
	s := schema.IRI(EdgeBase + "thing")
	p := func(local string) schema.Term { return schema.IRI(EdgeBase + "p/" + local) }
	var controls strings.Builder
	for c := rune(0); c < 0x20; c++ {
		controls.WriteRune(c)
	}
	controls.WriteString("\x7f\u0085\u00a0\u2028\ufeff")
	tr := func(s, p, o schema.Term) schema.Triple { return schema.Triple{S: s, P: p, O: o} }
	return []schema.Triple{
		tr(s, schema.IRI(schema.RDFType), schema.IRI(schema.NSSchema+"Thing")),
		tr(s, p("dot"), schema.IRI(Base+"id/ends.")),
		tr(s, p("dot"), schema.IRI(Base+"id/mid.dle")),
		tr(s, p("dot"), schema.IRI(Base+"id/-dash")),
		tr(s, p("dot"), schema.IRI(Base+"id/per%20cent")),
		tr(s, p("dot"), schema.IRI(Base+"id/")),
		tr(s, p("query"), schema.IRI("https://example.org/search?q=a+b&lang=fr#frag")),
		tr(s, p("nonascii"), schema.IRI("https://example.org/ünï/ç")),
		tr(s, p("empty"), schema.Literal("")),
		tr(s, p("controls"), schema.Literal(controls.String())),
		tr(s, p("lang"), schema.LangLiteral("繁體", "zh-Hant-TW")),
		tr(s, p("lang"), schema.LangLiteral("Serbian", "sr-Latn-RS")),
		tr(s, p("typed"), schema.TypedLiteral("not a number", schema.XSDInteger)),
		tr(s, p("typed"), schema.TypedLiteral("1.0", schema.XSDDecimal)),
		tr(s, p("typed"), schema.TypedLiteral("x\"y", EdgeBase+"dt/custom")),
		tr(s, p("typed"), schema.TypedLiteral("plain", schema.XSDString)),
		tr(s, p("type-object"), schema.IRI(schema.RDFType)),
		tr(s, schema.IRI(schema.RDFType), schema.Literal("a literal type")),
		tr(s, p("long"), schema.Literal(`"""x"""`+"\n"+strings.Repeat("long ", 200))),
		tr(schema.IRI(EdgeBase+"thing."), p("q"), schema.Literal("subject ends with a dot")),
	}
}

// Graph returns the graph of Release followed by one block of
// EdgeTriples, with the record prefixes plus one for the edge namespace.
func Graph() schema.Graph {
	g := schema.RecordGraph(Release())
	records := g.Blocks
	g.Prefixes = append(g.Prefixes, schema.Prefix{Name: "edge", IRI: EdgeBase + "p/"})
	g.Blocks = func(yield func([]schema.Triple) bool) {
		for b := range records {
			if !yield(b) {
				return
			}
		}
		yield(EdgeTriples())
	}
	return g
}

// Triples returns a copy of every triple of g, in order.
func Triples(g schema.Graph) []schema.Triple {
	var all []schema.Triple
	for b := range g.Blocks {
		all = append(all, b...)
	}
	return all
}

// Lines returns the triples as sorted, de-duplicated canonical N-Triples
// lines (without newline), with language tags lower-cased: RDF compares
// them case-insensitively and JSON-LD processors lower-case them. Graphs
// without blank nodes are isomorphic exactly when their Lines are equal.
func Lines(triples []schema.Triple) []string {
	out := make([]string, 0, len(triples))
	for _, t := range triples {
		t.S.Lang, t.O.Lang = strings.ToLower(t.S.Lang), strings.ToLower(t.O.Lang)
		if t.O.Datatype == schema.XSDString {
			t.O.Datatype = ""
		}
		if t.O.Lang != "" && t.O.Datatype == schema.RDFLangString {
			t.O.Datatype = ""
		}
		out = append(out, strings.TrimSuffix(string(t.AppendNTriples(nil)), "\n"))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// ReadTurtle parses Turtle with knakk/rdf and returns its triples.
func ReadTurtle(r io.Reader) ([]schema.Triple, error) { return read(r, rdf.Turtle) }

// ReadNTriples parses N-Triples with knakk/rdf and returns its triples.
func ReadNTriples(r io.Reader) ([]schema.Triple, error) { return read(r, rdf.NTriples) }

// read decodes to the end even after an error: knakk's lexer runs in a
// goroutine that leaks when its decoder is abandoned early.
func read(r io.Reader, f rdf.Format) ([]schema.Triple, error) {
	dec := rdf.NewTripleDecoder(r, f)
	var (
		out      []schema.Triple
		firstErr error
	)
	for errs := 0; errs < 1_000_000; {
		t, err := dec.Decode()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			errs++
			continue
		}
		out = append(out, schema.Triple{S: fromKnakk(t.Subj), P: fromKnakk(t.Pred), O: fromKnakk(t.Obj)})
	}
	return out, firstErr
}

func fromKnakk(t rdf.Term) schema.Term {
	switch v := t.(type) {
	case rdf.IRI:
		return schema.IRI(v.String())
	case rdf.Blank:
		return schema.Blank(v.String())
	case rdf.Literal:
		if v.Lang() != "" {
			return schema.LangLiteral(v.String(), v.Lang())
		}
		return schema.TypedLiteral(v.String(), v.DataType.String())
	}
	return schema.Term{Value: fmt.Sprint(t)}
}

// ReadJSONLD expands and converts a JSON-LD document to RDF with
// json-gold, offline (the document's context must be inline), and returns
// the default graph's triples.
func ReadJSONLD(r io.Reader) ([]schema.Triple, error) {
	doc, err := ld.DocumentFromReader(r)
	if err != nil {
		return nil, err
	}
	opts := ld.NewJsonLdOptions("")
	opts.ProcessingMode = ld.JsonLd_1_1
	// Any attempt to fetch a remote context fails instead of going to the
	// network.
	opts.DocumentLoader = offlineLoader{}
	res, err := ld.NewJsonLdProcessor().ToRDF(doc, opts)
	if err != nil {
		return nil, err
	}
	ds, ok := res.(*ld.RDFDataset)
	if !ok {
		return nil, fmt.Errorf("json-gold returned %T", res)
	}
	var out []schema.Triple
	for name, quads := range ds.Graphs {
		if name != "@default" {
			return nil, fmt.Errorf("unexpected named graph %q", name)
		}
		for _, q := range quads {
			out = append(out, schema.Triple{S: fromGold(q.Subject), P: fromGold(q.Predicate), O: fromGold(q.Object)})
		}
	}
	return out, nil
}

type offlineLoader struct{}

func (offlineLoader) LoadDocument(u string) (*ld.RemoteDocument, error) {
	return nil, fmt.Errorf("offline: refusing to load %s", u)
}

func fromGold(n ld.Node) schema.Term {
	switch v := n.(type) {
	case ld.IRI:
		return schema.IRI(v.Value)
	case ld.BlankNode:
		return schema.Blank(strings.TrimPrefix(v.Attribute, "_:"))
	case ld.Literal:
		if v.Language != "" {
			return schema.LangLiteral(v.Value, v.Language)
		}
		return schema.TypedLiteral(v.Value, v.Datatype)
	}
	return schema.Term{Value: fmt.Sprint(n)}
}

// Synthetic returns a release of n records with every field filled in
// the proportions a real registry might have, non-ASCII names and
// descriptions of realistic length, relations between records and
// per-field sources placed as the listing reader and the workbook merge
// place them: id, name, acronym, alternative names and website on the
// title line (the origin), the description on a line below it, kind and
// scope on the section heading (a new one every 500 records), and a
// tenth of the records enriched from workbook cells. Ids are "org-1" …
// in schema.CompareIDs order.
func Synthetic(n int) *schema.Release {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = "org-" + strconv.Itoa(i+1)
	}
	slices.SortFunc(ids, schema.CompareIDs)
	kinds := schema.Kinds()
	scopes := schema.Scopes()
	recs := make([]schema.Record, n)
	desc := "Die Einrichtung fördert die Zusammenarbeit der Grenzbehörden Europas – coopération « opérationnelle » – and shares risk analyses, training and best practice between its members. "
	for i, id := range ids {
		r := &recs[i]
		line := 10 * (i + 1)
		pos := schema.Position{File: "sources/listing.txt", Line: line}
		*r = schema.Record{
			ID:              id,
			Kind:            kinds[i%len(kinds)],
			Scope:           scopes[i%len(scopes)],
			Name:            "Europäisches Netzwerk Nummer " + strconv.Itoa(i) + " für Grenzfragen",
			Acronym:         "EN" + strconv.Itoa(i),
			AltNames:        []string{"European Network " + strconv.Itoa(i)},
			Description:     desc,
			DescriptionLang: "de",
			Website:         "https://network-" + strconv.Itoa(i) + ".example.eu/",
			Founded:         strconv.Itoa(1950 + i%70),
			Origin:          pos,
		}
		if i%3 == 0 {
			r.MemberOf = []string{ids[(i+1)%n]}
			r.SourceURLs = []string{"https://example.eu/sources/" + strconv.Itoa(i)}
		}
		if i%10 == 0 {
			m := i % 400
			r.Members = &m
			r.Wikidata = "Q" + strconv.Itoa(100000+i)
			r.Status = schema.StatusInactive
			r.Dissolved = "2020-01-02"
		}
		for _, f := range []schema.Field{schema.FieldID, schema.FieldName, schema.FieldAcronym, schema.FieldAltNames, schema.FieldWebsite} {
			r.SetSource(f, pos)
		}
		below := schema.Position{File: pos.File, Line: line + 2}
		r.SetSource(schema.FieldDescription, below)
		r.SetSource(schema.FieldDescriptionLang, below)
		heading := schema.Position{File: pos.File, Line: 10*(i-i%500) + 5}
		r.SetSource(schema.FieldKind, heading)
		r.SetSource(schema.FieldScope, heading)
		if i%10 == 0 {
			for col, f := range []schema.Field{schema.FieldStatus, schema.FieldDissolved, schema.FieldMembers, schema.FieldWikidata} {
				r.SetSource(f, schema.Position{File: "sources/curation.xlsx", Sheet: "Records", Line: i/10 + 2, Col: 12 + col})
			}
		}
	}
	return &schema.Release{Meta: schema.Metadata{BaseIRI: Base, Language: "en"}, Records: schema.RecordSlice(recs)}
}

// BenchmarkWriter has write write the graph of a 100k-record Synthetic
// release to io.Discard, the graph's triples made as it goes as in a
// release, and reports triples and records per wall and per CPU second
// (process CPU, garbage collection included) and triples per record, with
// allocations. CPU seconds are the figure to compare on a busy machine.
func BenchmarkWriter(b *testing.B, write func(io.Writer, schema.Graph) error) {
	rel := Synthetic(100_000)
	triples := 0
	for blk := range schema.RecordGraph(rel).Blocks {
		triples += len(blk)
	}
	b.ReportAllocs()
	cpu := CPUTime()
	for b.Loop() {
		if err := write(io.Discard, schema.RecordGraph(rel)); err != nil {
			b.Fatal(err)
		}
	}
	cpu = CPUTime() - cpu
	runs := float64(b.N)
	b.ReportMetric(float64(triples)*runs/b.Elapsed().Seconds(), "triples/s")
	if cpu > 0 {
		b.ReportMetric(float64(triples)*runs/cpu.Seconds(), "triples/cpu-s")
		b.ReportMetric(float64(rel.Records.Len())*runs/cpu.Seconds(), "records/cpu-s")
	}
	b.ReportMetric(float64(triples)/float64(rel.Records.Len()), "triples/record")
}

// Golden compares got with the golden file at path, rewriting the file
// first when update is set (go test -update), as every RDF writer's
// golden test does.
func Golden(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update and review the diff):\n%s", path, got)
	}
}
