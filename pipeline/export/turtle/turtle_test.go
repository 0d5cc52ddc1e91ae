package turtle_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/internal/judge"
	"github.com/bordernet/bordernet/pipeline/export/ntriples/rdftest"
	"github.com/bordernet/bordernet/pipeline/export/turtle"
	"github.com/bordernet/bordernet/schema"
)

var update = flag.Bool("update", false, "rewrite golden files")

const golden = "../../../testdata/export/rdf/release.ttl"

func write(t testing.TB, g schema.Graph) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := turtle.Write(&buf, g); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	rdftest.Golden(t, golden, write(t, rdftest.Graph()), *update)
}

// TestRoundTrip reads the Turtle back with knakk/rdf's decoder and
// compares the triples, as a set, with the graph written.
func TestRoundTrip(t *testing.T) {
	g := rdftest.Graph()
	read, err := rdftest.ReadTurtle(bytes.NewReader(write(t, g)))
	if err != nil {
		t.Fatalf("knakk cannot read the Turtle back: %v", err)
	}
	assertSameLines(t, rdftest.Lines(read), rdftest.Lines(rdftest.Triples(g)))
}

func assertSameLines(t *testing.T, got, want []string) {
	t.Helper()
	for _, l := range want {
		if _, found := slices.BinarySearch(got, l); !found {
			t.Errorf("missing after round trip: %s", l)
		}
	}
	for _, l := range got {
		if _, found := slices.BinarySearch(want, l); !found {
			t.Errorf("extra after round trip: %s", l)
		}
	}
}

// TestShape checks the layout promised to readers: prefixes first, one
// block per subject separated by blank lines, "a" only as a predicate,
// prefixed names only for plain local names, final newline.
func TestShape(t *testing.T) {
	out := string(write(t, rdftest.Graph()))
	if !strings.HasSuffix(out, " .\n") || strings.HasSuffix(out, "\n\n") {
		t.Errorf("output does not end with exactly one newline after the last statement")
	}
	head, body, ok := strings.Cut(out, "\n\n")
	if !ok {
		t.Fatal("no blank line after the prefixes")
	}
	for _, line := range strings.Split(head, "\n") {
		if !strings.HasPrefix(line, "@prefix ") {
			t.Errorf("prefix section holds %q", line)
		}
	}
	if strings.Contains(body, "@prefix") {
		t.Error("@prefix after the first statement")
	}
	for _, want := range []string{
		"<https://example.org/bordernet/id/ends.>",
		"bn:mid.dle",
		"<https://example.org/bordernet/id/-dash>",
		"<https://example.org/bordernet/id/per%20cent>",
		"bn:",
		"edge:type-object rdf:type",
		"\n    a schema:Thing ;\n",
		"\n    a \"a literal type\"",
		`"not a number"^^xsd:integer`,
		`"1.0"^^xsd:decimal`,
		"<https://example.org/page.html?x=1&y=2>",
		`"繁體"@zh-Hant-TW`,
		`"The \"Quoted\" \\ Network"@en`,
		`"Tab\there"@en`,
		`"Line one\nLine two\r\nwith a tab\t, a bell \u0007 and a quote \" end"@fr-BE`,
		`"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E`,
		"\n\n<https://example.org/edge/thing.>\n    edge:q ",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(body, `"plain"^^`) {
		t.Error("xsd:string written as a datatype")
	}
	for _, line := range strings.Split(body, "\n") {
		if line != "" && !strings.HasPrefix(line, "    ") && strings.Contains(line, " ") {
			t.Errorf("subject line %q holds more than the subject", line)
		}
	}
}

// TestStrictParsers has rapper and serdi, strict Turtle parsers not
// written in Go, read the output; serdi's N-Triples of it must hold the
// same triples.
func TestStrictParsers(t *testing.T) {
	g := rdftest.Graph()
	file := filepath.Join(t.TempDir(), "release.ttl")
	if err := os.WriteFile(file, write(t, g), 0o644); err != nil {
		t.Fatal(err)
	}
	want := rdftest.Lines(rdftest.Triples(g))
	t.Run("rapper", func(t *testing.T) {
		rapper := judge.Need(t, "rapper")
		out, err := exec.Command(rapper, "-i", "turtle", "-c", file).CombinedOutput()
		if err != nil {
			t.Fatalf("rapper rejects the Turtle: %v\n%s", err, out)
		}
		if !strings.Contains(string(out), "returned "+strconv.Itoa(len(want))+" triples") {
			t.Errorf("rapper counted other than %d triples:\n%s", len(want), out)
		}
		if strings.Contains(string(out), "rapper: Warning") || strings.Contains(string(out), "rapper: Error") {
			t.Errorf("rapper complains:\n%s", out)
		}
	})
	t.Run("serdi", func(t *testing.T) {
		serdi := judge.Need(t, "serdi")
		var stderr bytes.Buffer
		cmd := exec.Command(serdi, "-i", "turtle", "-o", "ntriples", file)
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil || stderr.Len() > 0 {
			t.Fatalf("serdi rejects the Turtle: %v\n%s", err, stderr.String())
		}
		read, err := rdftest.ReadNTriples(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("reading serdi's N-Triples: %v", err)
		}
		assertSameLines(t, rdftest.Lines(read), want)
	})
}

func tr(s, p, o schema.Term) schema.Triple { return schema.Triple{S: s, P: p, O: o} }

func TestInvalidGraphs(t *testing.T) {
	s, p := schema.IRI("https://example.org/s"), schema.IRI("https://example.org/p")
	for _, tc := range []struct {
		name     string
		prefixes []schema.Prefix
		triple   schema.Triple
		want     string
	}{
		{"relative IRI", nil, tr(s, p, schema.IRI("id/x")), "not an absolute IRI"},
		{"IRI with a space", nil, tr(s, p, schema.IRI("https://example.org/a b")), "not an absolute IRI"},
		{"IRI with a quote", nil, tr(s, p, schema.IRI(`https://example.org/a"b`)), "not an absolute IRI"},
		{"IRI with a newline", nil, tr(s, p, schema.IRI("https://example.org/a\nb")), "not an absolute IRI"},
		{"IRI with bad percent", nil, tr(s, p, schema.IRI("https://example.org/100%")), "not an absolute IRI"},
		{"invalid UTF-8", nil, tr(s, p, schema.Literal("a\xffb")), "not valid UTF-8"},
		{"bad language tag", nil, tr(s, p, schema.LangLiteral("x", "en_GB")), "not a language tag"},
		{"language and datatype", nil, tr(s, p, schema.Term{Kind: schema.TermLiteral, Value: "x", Lang: "en", Datatype: schema.XSDDate}), "both language"},
		{"relative datatype", nil, tr(s, p, schema.TypedLiteral("x", "date")), "datatype"},
		{"literal subject", nil, tr(schema.Literal("s"), p, s), "subject"},
		{"literal predicate", nil, tr(s, schema.Literal("p"), s), "predicate"},
		{"blank predicate", nil, tr(s, schema.Blank("b"), s), "predicate"},
		{"zero term", nil, tr(s, p, schema.Term{}), "no kind"},
		{"bad blank label", nil, tr(schema.Blank("a b"), p, s), "blank node label"},
		{"bad prefix name", []schema.Prefix{{Name: "1x", IRI: "https://example.org/"}}, tr(s, p, s), "prefix name"},
		{"relative prefix IRI", []schema.Prefix{{Name: "x", IRI: "example/"}}, tr(s, p, s), "not an absolute IRI"},
		{"prefix twice", []schema.Prefix{{Name: "x", IRI: "https://a.org/"}, {Name: "x", IRI: "https://b.org/"}}, tr(s, p, s), "declared twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			g := schema.Graph{Prefixes: tc.prefixes, Blocks: slices.Values([][]schema.Triple{{tc.triple}})}
			err := turtle.Write(&buf, g)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Write() error = %v, want one mentioning %q", err, tc.want)
			}
			if bytes.Contains(buf.Bytes(), []byte("https://example.org/s")) {
				t.Errorf("the invalid triple's subject was written:\n%s", buf.Bytes())
			}
		})
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

// TestWriteErrorStopsEarly checks that a failing destination ends the
// walk of the graph soon, with the error, instead of rendering every
// record into it.
func TestWriteErrorStopsEarly(t *testing.T) {
	rel := rdftest.Synthetic(20000)
	g := schema.RecordGraph(rel)
	blocks := 0
	inner := g.Blocks
	g.Blocks = func(yield func([]schema.Triple) bool) {
		for b := range inner {
			blocks++
			if !yield(b) {
				return
			}
		}
	}
	err := turtle.Write(&failWriter{n: 1 << 20}, g)
	if !errors.Is(err, errDiskFull) {
		t.Fatalf("Write() error = %v, want %v", err, errDiskFull)
	}
	if blocks > 10000 {
		t.Errorf("the writer went on for %d blocks after the destination failed", blocks)
	}
}

func TestEmptyGraph(t *testing.T) {
	if got := string(write(t, schema.Graph{})); got != "" {
		t.Errorf("empty graph gives %q", got)
	}
	got := string(write(t, schema.Graph{Prefixes: []schema.Prefix{{Name: "ex", IRI: "https://example.org/"}}}))
	if got != "@prefix ex: <https://example.org/> .\n\n" {
		t.Errorf("graph with only a prefix gives %q", got)
	}
}

func TestBlankNodes(t *testing.T) {
	p := schema.IRI("https://example.org/p")
	g := schema.Graph{Blocks: slices.Values([][]schema.Triple{{
		{S: schema.Blank("b0"), P: p, O: schema.Blank("b-1")},
		{S: schema.Blank("b-1"), P: p, O: schema.Literal("x")},
	}})}
	read, err := rdftest.ReadTurtle(bytes.NewReader(write(t, g)))
	if err != nil {
		t.Fatal(err)
	}
	if len(read) != 2 || read[0].S.Kind != schema.TermBlank || read[0].O != read[1].S {
		t.Errorf("blank nodes read back as %v", read)
	}
}

// seeds returns the literals and IRIs of the test graph, the fuzz seed
// corpus.
func seeds() (literals, iris []string) {
	for _, tr := range rdftest.Triples(rdftest.Graph()) {
		for _, term := range []schema.Term{tr.S, tr.O} {
			if term.Kind == schema.TermLiteral {
				literals = append(literals, term.Value)
			} else {
				iris = append(iris, term.Value)
			}
		}
	}
	return literals, iris
}

// FuzzTurtleLiteral writes any string as a literal (plain, with a
// language, with a datatype) and reads it back with knakk: the writer
// either refuses the term or writes Turtle that gives the same literal.
func FuzzTurtleLiteral(f *testing.F) {
	literals, _ := seeds()
	for _, l := range literals {
		f.Add(l, "")
		f.Add(l, "en-GB")
	}
	f.Add("\"\"\"", "")
	f.Add("x\\", "de")
	f.Fuzz(func(t *testing.T, value, lang string) {
		s, p := schema.IRI("https://example.org/s"), schema.IRI("https://example.org/p")
		for _, o := range []schema.Term{
			schema.Literal(value),
			schema.LangLiteral(value, lang),
			schema.TypedLiteral(value, schema.XSDDate),
		} {
			var buf bytes.Buffer
			g := schema.Graph{Prefixes: schema.CommonPrefixes(), Blocks: slices.Values([][]schema.Triple{{tr(s, p, o)}})}
			if err := turtle.Write(&buf, g); err != nil {
				if o.Check() == nil {
					t.Fatalf("Write refused a valid term %#v: %v", o, err)
				}
				continue
			}
			if o.Check() != nil {
				t.Fatalf("Write accepted an invalid term %#v", o)
			}
			read, err := rdftest.ReadTurtle(&buf)
			if err != nil || len(read) != 1 {
				t.Fatalf("knakk reads %d triples, error %v, from:\n%s", len(read), err, buf.String())
			}
			if got := read[0].O; got.Value != o.Value || !strings.EqualFold(got.Lang, o.Lang) || got.Datatype != o.Datatype {
				t.Fatalf("wrote %#v, read back %#v", o, got)
			}
		}
	})
}

// FuzzIRI writes any string as an IRI, in every position and with
// prefixes that may compact it: the writer either refuses it (exactly
// when schema.ValidIRI does) or knakk reads back the same IRI.
func FuzzIRI(f *testing.F) {
	_, iris := seeds()
	for _, s := range iris {
		f.Add(s)
	}
	for _, s := range []string{"urn:x", "https://example.org/a b", "http://x/%41", "http://x/%4", "https://example.org/id/a.", "https://example.org/id/a#b#c", "x:", ":x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, iri string) {
		prefixes := append(schema.CommonPrefixes(), schema.Prefix{Name: "ex", IRI: "https://example.org/"}, schema.Prefix{Name: "exid", IRI: "https://example.org/id/"})
		var buf bytes.Buffer
		x := schema.IRI(iri)
		g := schema.Graph{Prefixes: prefixes, Blocks: slices.Values([][]schema.Triple{{tr(x, x, x)}})}
		err := turtle.Write(&buf, g)
		if valid := schema.ValidIRI(iri); (err == nil) != valid {
			t.Fatalf("ValidIRI(%q) = %v but Write error = %v", iri, valid, err)
		}
		if err != nil {
			return
		}
		read, err := rdftest.ReadTurtle(&buf)
		if err != nil || len(read) != 1 {
			t.Fatalf("knakk reads %d triples, error %v, from:\n%s", len(read), err, buf.String())
		}
		if read[0].S != x || read[0].P != x || read[0].O != x {
			t.Fatalf("wrote %q, read back %v", iri, read[0])
		}
	})
}

// BenchmarkWrite writes the graph of a 100k-record synthetic release,
// building its triples as it goes as a release does: see
// rdftest.BenchmarkWriter for what it reports.
func BenchmarkWrite(b *testing.B) { rdftest.BenchmarkWriter(b, turtle.Write) }
