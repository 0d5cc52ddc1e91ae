package jsonld_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/pipeline/export/jsonld"
	"github.com/bordernet/bordernet/pipeline/export/ntriples/rdftest"
	"github.com/bordernet/bordernet/pipeline/export/turtle"
	"github.com/bordernet/bordernet/schema"
)

var update = flag.Bool("update", false, "rewrite golden files")

const golden = "../../../testdata/export/rdf/release.jsonld"

func write(t testing.TB, g schema.Graph) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jsonld.Write(&buf, g); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	rdftest.Golden(t, golden, write(t, rdftest.Graph()), *update)
}

// TestSameGraphAsTurtle converts the JSON-LD to RDF with json-gold and
// compares it with the Turtle of the same graph read back by knakk/rdf:
// the graphs have no blank nodes, so isomorphic means equal canonical
// lines (language tags compared case-insensitively, as json-gold
// lower-cases them).
func TestSameGraphAsTurtle(t *testing.T) {
	for name, g := range map[string]func() schema.Graph{
		"fixture":           rdftest.Graph,
		"fixture, learnt":   learnt(rdftest.Graph),
		"synthetic":         func() schema.Graph { return schema.RecordGraph(rdftest.Synthetic(300)) },
		"synthetic, learnt": learnt(func() schema.Graph { return schema.RecordGraph(rdftest.Synthetic(300)) }),
	} {
		t.Run(name, func(t *testing.T) {
			fromJSONLD, err := rdftest.ReadJSONLD(bytes.NewReader(write(t, g())))
			if err != nil {
				t.Fatalf("json-gold cannot read the JSON-LD: %v", err)
			}
			var ttl bytes.Buffer
			if err := turtle.Write(&ttl, g()); err != nil {
				t.Fatal(err)
			}
			fromTurtle, err := rdftest.ReadTurtle(&ttl)
			if err != nil {
				t.Fatalf("knakk cannot read the Turtle: %v", err)
			}
			got, want := rdftest.Lines(fromJSONLD), rdftest.Lines(fromTurtle)
			for _, l := range want {
				if _, ok := slices.BinarySearch(got, l); !ok {
					t.Errorf("JSON-LD lacks: %s", l)
				}
			}
			for _, l := range got {
				if _, ok := slices.BinarySearch(want, l); !ok {
					t.Errorf("JSON-LD has more: %s", l)
				}
			}
		})
	}
}

// learnt returns g without its declared properties, so the writer
// learns them from the data.
func learnt(g func() schema.Graph) func() schema.Graph {
	return func() schema.Graph {
		gr := g()
		gr.Properties = nil
		return gr
	}
}

// TestContext checks the readable terms of the context, declared by the
// graph or learnt from the data: IRI-valued predicates coerce to @id,
// single-language ones get @language, typed ones their datatype,
// multi-valued ones @set; colliding local names and mixed values get no
// coercion, and predicates the declaration leaves out no term.
func TestContext(t *testing.T) {
	common := map[string]any{
		"@version":       1.1,
		"skos":           schema.NSSKOS,
		"url":            map[string]any{"@id": "schema:url", "@type": "@id"},
		"prefLabel":      map[string]any{"@id": "skos:prefLabel", "@language": "en"},
		"altLabel":       map[string]any{"@id": "skos:altLabel", "@language": "en", "@container": "@set"},
		"classification": map[string]any{"@id": "org:classification", "@type": "@id", "@container": "@set"},
		"identifier":     map[string]any{"@id": "dct:identifier"},
		"memberOf":       map[string]any{"@id": "org:memberOf", "@type": "@id", "@container": "@set"},
		"wasDerivedFrom": map[string]any{"@id": "prov:wasDerivedFrom", "@type": "@id"},
		"foundingDate":   map[string]any{"@id": "schema:foundingDate"},
		"hasTopConcept":  map[string]any{"@id": "skos:hasTopConcept", "@type": "@id", "@container": "@set"},
	}
	for _, tc := range []struct {
		name string
		g    func() schema.Graph
		want map[string]any // nil: no such term
	}{
		{"declared", rdftest.Graph, map[string]any{
			"memberCount":     map[string]any{"@id": "wdt:P2124", "@type": "xsd:nonNegativeInteger"},
			"description":     map[string]any{"@id": "schema:description", "@language": "en"},
			"dissolutionDate": map[string]any{"@id": "schema:dissolutionDate"},
			"source":          map[string]any{"@id": "dct:source", "@type": "@id", "@container": "@set"},
			"dot":             nil,
		}},
		{"learnt", learnt(rdftest.Graph), map[string]any{
			// Only a declaration names a property other than by its
			// local name.
			"P2124":           map[string]any{"@id": "wdt:P2124", "@type": "xsd:nonNegativeInteger"},
			"memberCount":     nil,
			"description":     map[string]any{"@id": "schema:description"},
			"dissolutionDate": map[string]any{"@id": "schema:dissolutionDate", "@type": "xsd:date"},
			"source":          map[string]any{"@id": "dct:source", "@type": "@id"},
			"dot":             map[string]any{"@id": "edge:dot", "@type": "@id", "@container": "@set"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var doc struct {
				Context map[string]any   `json:"@context"`
				Graph   []map[string]any `json:"@graph"`
			}
			if err := json.Unmarshal(write(t, tc.g()), &doc); err != nil {
				t.Fatalf("output is not JSON: %v", err)
			}
			want := maps.Clone(common)
			maps.Copy(want, tc.want)
			for k, v := range want {
				got, _ := json.Marshal(doc.Context[k])
				exp, _ := json.Marshal(v)
				if !bytes.Equal(got, exp) {
					t.Errorf("context %q = %s, want %s", k, got, exp)
				}
			}
			// rdf:type is @type, never a term; nothing makes relative
			// IRIs mean something.
			for _, absent := range []string{"type", "@vocab", "@base"} {
				if _, ok := doc.Context[absent]; ok {
					t.Errorf("context defines %q", absent)
				}
			}
			var ab, edge map[string]any
			for _, n := range doc.Graph {
				switch n["@id"] {
				case "bn:a-b":
					ab = n
				case "https://example.org/edge/thing":
					edge = n
				}
			}
			if ab == nil || edge == nil {
				t.Fatal("no node bn:a-b or edge:thing in @graph")
			}
			if got, _ := json.Marshal(ab["@type"]); string(got) != `["org:Organization","org:OrganizationalCollaboration"]` {
				t.Errorf("bn:a-b @type = %s", got)
			}
			if got, _ := json.Marshal(ab["url"]); string(got) != `"https://example.org/page.html?x=1\u0026y=2"` {
				t.Errorf("bn:a-b url = %s", got)
			}
			if got, _ := json.Marshal(ab["description"]); string(got) != `{"@language":"fr-BE","@value":"Line one\nLine two\r\nwith a tab\t, a bell \u0007 and a quote \" end"}` {
				t.Errorf("bn:a-b description = %s", got)
			}
			key := "dot"
			if tc.want["dot"] == nil {
				key = "edge:dot" // no term: keyed by its compact IRI
			}
			if got, _ := json.Marshal(edge[key]); !strings.Contains(string(got), "bn:mid.dle") {
				t.Errorf("edge:thing %s = %s", key, got)
			}
		})
	}
}

// TestDeclaredValuesThatDoNotFit declares properties whose values then
// do not fit (a literal for an IRI-valued one, another language, another
// datatype, several values for a single one, a predicate left out) and
// has json-gold read back exactly the triples written.
func TestDeclaredValuesThatDoNotFit(t *testing.T) {
	ex := "https://example.org/"
	s, p := schema.IRI(ex+"s"), func(l string) schema.Term { return schema.IRI(ex + "p/" + l) }
	triples := []schema.Triple{
		{S: s, P: p("iri"), O: schema.IRI(ex + "o")},
		{S: s, P: p("iri"), O: schema.Literal(ex + "o")},
		{S: s, P: p("lang"), O: schema.LangLiteral("x", "en")},
		{S: s, P: p("lang"), O: schema.LangLiteral("y", "de")},
		{S: s, P: p("lang"), O: schema.Literal("z")},
		{S: s, P: p("lang"), O: schema.IRI(ex + "l")},
		{S: s, P: p("int"), O: schema.TypedLiteral("1", schema.XSDInteger)},
		{S: s, P: p("int"), O: schema.TypedLiteral("1", schema.XSDDecimal)},
		{S: s, P: p("int"), O: schema.Literal("2")},
		{S: s, P: p("plain"), O: schema.Literal("a")},
		{S: s, P: p("plain"), O: schema.LangLiteral("b", "en")},
		{S: s, P: p("plain"), O: schema.IRI(ex + "c")},
		{S: s, P: p("undeclared"), O: schema.Literal("u")},
		{S: s, P: schema.IRI(schema.RDFType), O: schema.IRI(ex + "Class")},
		{S: schema.IRI(ex + "t"), P: p("set"), O: schema.Literal("one")},
	}
	g := schema.Graph{
		Prefixes: []schema.Prefix{{Name: "ex", IRI: ex}, {Name: "p", IRI: ex + "p/"}, {Name: "xsd", IRI: schema.NSXSD}},
		Properties: []schema.Property{
			{IRI: ex + "p/iri", IRIValued: true},
			{IRI: ex + "p/lang", Lang: "en"},
			{IRI: ex + "p/int", Datatype: schema.XSDInteger},
			{IRI: ex + "p/plain"},
			{IRI: ex + "p/set", Multi: true},
			{IRI: schema.RDFType, Multi: true},
		},
		Blocks: slices.Values([][]schema.Triple{triples[:len(triples)-1], triples[len(triples)-1:]}),
	}
	out := write(t, g)
	read, err := rdftest.ReadJSONLD(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("json-gold cannot read:\n%s\n%v", out, err)
	}
	if got, want := rdftest.Lines(read), rdftest.Lines(triples); !slices.Equal(got, want) {
		t.Errorf("read back\n%s\nwant\n%s\nfrom\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), out)
	}
	for _, want := range []string{`"set": ["one"]`, `"p:undeclared": "u"`, `"@type": "ex:Class"`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
}

// TestDeclaredSchemeClash: with declared properties the writer cannot
// look at every IRI before it starts, so an IRI whose scheme is a prefix
// or term name (JSON-LD would read it as a compact IRI) is an error when
// it comes, naming it.
func TestDeclaredSchemeClash(t *testing.T) {
	ex := "https://example.org/"
	for _, iri := range []string{"ex:foo", "name:x"} {
		g := schema.Graph{
			Prefixes:   []schema.Prefix{{Name: "ex", IRI: ex}},
			Properties: []schema.Property{{IRI: ex + "name", IRIValued: true}},
			Blocks: slices.Values([][]schema.Triple{
				{{S: schema.IRI(ex + "s"), P: schema.IRI(ex + "name"), O: schema.IRI("http://example.org/fine")}},
				{{S: schema.IRI(ex + "s2"), P: schema.IRI(ex + "name"), O: schema.IRI(iri)}},
			}),
		}
		err := jsonld.Write(io.Discard, g)
		if err == nil || !strings.Contains(err.Error(), "block 2") || !strings.Contains(err.Error(), iri) || !strings.Contains(err.Error(), "scheme") {
			t.Errorf("IRI %s: error = %v, want one naming it and its scheme in block 2", iri, err)
		}
	}
}

func TestBadDeclarations(t *testing.T) {
	ex := "https://example.org/"
	for _, p := range []schema.Property{
		{IRI: "relative"},
		{IRI: ex + "p", Name: "1bad"},
		{IRI: ex + "p", Lang: "e n"},
		{IRI: ex + "p", Datatype: "not an iri"},
		{IRI: ex + "p", IRIValued: true, Lang: "en"},
		{IRI: ex + "p", Lang: "en", Datatype: schema.XSDInteger},
	} {
		g := schema.Graph{Properties: []schema.Property{p}}
		if err := jsonld.Write(io.Discard, g); err == nil {
			t.Errorf("Write accepted the declaration %+v", p)
		}
	}
	g := schema.Graph{Properties: []schema.Property{{IRI: ex + "p"}, {IRI: ex + "p"}}}
	if err := jsonld.Write(io.Discard, g); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("a property declared twice: %v", err)
	}
}

// TestOneNodePerSubject checks every subject has exactly one node object.
func TestOneNodePerSubject(t *testing.T) {
	var doc struct {
		Graph []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal(write(t, rdftest.Graph()), &doc); err != nil {
		t.Fatal(err)
	}
	seen := map[any]bool{}
	for _, n := range doc.Graph {
		if seen[n["@id"]] {
			t.Errorf("two node objects for %v", n["@id"])
		}
		seen[n["@id"]] = true
	}
	if len(seen) < 20 {
		t.Errorf("only %d nodes", len(seen))
	}
}

func TestIRIThatLooksCompact(t *testing.T) {
	p := schema.IRI("https://example.org/p")
	g := schema.Graph{
		Prefixes: []schema.Prefix{{Name: "urn", IRI: "https://example.org/urn/"}},
		Blocks: slices.Values([][]schema.Triple{{
			{S: schema.IRI("https://example.org/s"), P: p, O: schema.IRI("urn:isbn:123")},
		}}),
	}
	var buf bytes.Buffer
	if err := jsonld.Write(&buf, g); err == nil || !strings.Contains(err.Error(), "scheme") {
		t.Errorf("Write() error = %v, want one about a prefix that is also a scheme", err)
	}
	// A predicate whose local name is an IRI scheme in the graph gets no
	// term, so its values stay full IRIs.
	g = schema.Graph{
		Prefixes: []schema.Prefix{{Name: "ex", IRI: "https://example.org/"}},
		Blocks: slices.Values([][]schema.Triple{{
			{S: schema.IRI("https://example.org/s"), P: schema.IRI("https://example.org/urn"), O: schema.IRI("urn:isbn:123")},
		}}),
	}
	out := string(write(t, g))
	if !strings.Contains(out, `"ex:urn": {"@id": "urn:isbn:123"}`) {
		t.Errorf("output:\n%s", out)
	}
	read, err := rdftest.ReadJSONLD(strings.NewReader(out))
	if err != nil || len(read) != 1 || read[0].O.Value != "urn:isbn:123" {
		t.Errorf("read back %v, %v", read, err)
	}
}

func TestEmptyGraph(t *testing.T) {
	out := write(t, schema.Graph{})
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if g, ok := doc["@graph"].([]any); !ok || len(g) != 0 {
		t.Errorf("@graph = %v", doc["@graph"])
	}
}

func TestInvalidTriple(t *testing.T) {
	s, p := schema.IRI("https://example.org/s"), schema.IRI("https://example.org/p")
	g := schema.Graph{Blocks: slices.Values([][]schema.Triple{{{S: s, P: p, O: schema.Literal("bad \xff")}}})}
	var buf bytes.Buffer
	if err := jsonld.Write(&buf, g); err == nil || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("Write() error = %v", err)
	}
}

type failWriter struct{ n int }

var errDiskFull = errors.New("disk full")

func (f *failWriter) Write(p []byte) (int, error) {
	if f.n -= len(p); f.n < 0 {
		return 0, errDiskFull
	}
	return len(p), nil
}

func TestWriteError(t *testing.T) {
	if err := jsonld.Write(&failWriter{n: 1 << 16}, schema.RecordGraph(rdftest.Synthetic(5000))); !errors.Is(err, errDiskFull) {
		t.Fatalf("Write() error = %v, want %v", err, errDiskFull)
	}
}

// FuzzJSONLDLiteral writes any string as a literal (plain, tagged, typed)
// and as an IRI, under a term learnt from it or declared to fit it or
// not, and has json-gold read it back: the writer either refuses the term
// or the document gives the same term.
func FuzzJSONLDLiteral(f *testing.F) {
	for _, tr := range rdftest.Triples(rdftest.Graph()) {
		f.Add(tr.O.Value, tr.O.Lang)
	}
	f.Fuzz(func(t *testing.T, value, lang string) {
		s, p := schema.IRI("https://example.org/s"), schema.IRI("https://example.org/p")
		// Learnt from the value, and declared every way the value
		// may or may not fit.
		declarations := [][]schema.Property{nil,
			{{IRI: p.Value, IRIValued: true}}, {{IRI: p.Value, Lang: "en"}},
			{{IRI: p.Value, Datatype: schema.XSDDate, Multi: true}}, {{IRI: p.Value}}}
		for i, o := range []schema.Term{schema.Literal(value), schema.LangLiteral(value, lang), schema.TypedLiteral(value, schema.XSDDate), schema.IRI(value)} {
			var buf bytes.Buffer
			g := schema.Graph{
				Prefixes:   []schema.Prefix{{Name: "ex", IRI: "https://example.org/"}, {Name: "xsd", IRI: schema.NSXSD}},
				Blocks:     slices.Values([][]schema.Triple{{{S: s, P: p, O: o}}}),
				Properties: declarations[(i+len(value))%len(declarations)],
			}
			err := jsonld.Write(&buf, g)
			if err != nil {
				if o.Check() == nil && !strings.Contains(err.Error(), "scheme") {
					t.Fatalf("Write refused a valid term %#v: %v", o, err)
				}
				continue
			}
			if o.Check() != nil {
				t.Fatalf("Write accepted an invalid term %#v", o)
			}
			read, err := rdftest.ReadJSONLD(&buf)
			if err != nil || len(read) != 1 {
				t.Fatalf("json-gold reads %d triples, error %v, from:\n%s", len(read), err, buf.String())
			}
			if got := read[0].O; got.Value != o.Value || !strings.EqualFold(got.Lang, o.Lang) || got.Datatype != o.Datatype || got.Kind != o.Kind {
				t.Fatalf("wrote %#v, read back %#v from:\n%s", o, got, buf.String())
			}
		}
	})
}

// BenchmarkWrite writes the graph of a 100k-record synthetic release,
// building its triples as it goes as a release does: see
// rdftest.BenchmarkWriter for what it reports.
func BenchmarkWrite(b *testing.B) { rdftest.BenchmarkWriter(b, jsonld.Write) }
