package ntriples_test

import (
	"bytes"
	"errors"
	"flag"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/internal/judge"
	"github.com/bordernet/bordernet/pipeline/export/ntriples"
	"github.com/bordernet/bordernet/pipeline/export/ntriples/rdftest"
	"github.com/bordernet/bordernet/schema"
)

var update = flag.Bool("update", false, "rewrite golden files")

const golden = "../../../testdata/export/rdf/release.nt"

func write(t testing.TB, g schema.Graph) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := ntriples.Write(&buf, g); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	rdftest.Golden(t, golden, write(t, rdftest.Graph()), *update)
}

// TestCanonical reads the output back with knakk/rdf and checks it is
// byte for byte the canonical N-Triples of the triples read: sorted,
// without duplicates, each line in canonical form.
func TestCanonical(t *testing.T) {
	g := rdftest.Graph()
	out := write(t, g)
	read, err := rdftest.ReadNTriples(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("knakk cannot read the N-Triples back: %v", err)
	}
	lines := rdftest.Lines(read)
	if want := rdftest.Lines(rdftest.Triples(g)); !slices.Equal(lines, want) {
		t.Errorf("round trip changed the graph:\n got %d lines\nwant %d lines", len(lines), len(want))
	}
	// Lines lower-cases language tags; the graph's tags are lower-case
	// except zh-Hant-TW, sr-Latn-RS and fr-BE, so compare with those
	// restored.
	canon := strings.Join(lines, "\n") + "\n"
	for _, tag := range []string{"zh-Hant-TW", "sr-Latn-RS", "fr-BE"} {
		canon = strings.ReplaceAll(canon, "@"+strings.ToLower(tag)+" .", "@"+tag+" .")
	}
	if string(out) != canon {
		t.Errorf("output is not canonical sorted N-Triples:\n%s", out)
	}
}

// TestSortedWhileStreaming writes releases whose ids are prefixes of one
// another in every way ids can be ("a", "a-b", "ab", "a0", "a-b-c"), in
// random order, with and without provenance, and checks the output is
// sorted by line.
func TestSortedWhileStreaming(t *testing.T) {
	ids := []string{"a", "a-b", "ab", "a0", "a-b-c", "a-0", "b", "a-bc", "a9", "z", "a-b0", "0", "0-a"}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 50 {
		rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
		rel := &schema.Release{Meta: schema.Metadata{BaseIRI: rdftest.Base, Language: "en"}, Records: schema.RecordSlice{}}
		for i, id := range ids {
			r := schema.Record{ID: id, Kind: schema.KindNetwork, Scope: schema.ScopeEU, Name: "N " + id}
			if (i+round)%3 != 0 {
				r.SetSource(schema.FieldName, schema.Position{File: "l.txt", Line: i + 1})
			}
			if (i+round)%4 == 0 {
				r.Origin = schema.Position{File: "l.txt", Line: i + 1}
			}
			rel.Records = append(rel.Records.(schema.RecordSlice), r)
		}
		if round%2 == 0 {
			slices.SortFunc(rel.Records.(schema.RecordSlice), func(a, b schema.Record) int { return schema.CompareIDs(a.ID, b.ID) })
		}
		out := write(t, schema.RecordGraph(rel))
		lines := strings.SplitAfter(strings.TrimSuffix(string(out), "\n"), "\n")
		if !slices.IsSorted(lines) {
			for i := 1; i < len(lines); i++ {
				if lines[i] < lines[i-1] {
					t.Fatalf("round %d (ids %v): line %d out of order:\n%s%s", round, ids, i, lines[i-1], lines[i])
				}
			}
		}
		if n := strings.Count(string(out), "<"+rdftest.Base+"id/a-b> <"+schema.RDFType+">"); n != 2 {
			t.Fatalf("record a-b has %d type lines, want 2", n)
		}
	}
}

func TestOutOfOrderBlocks(t *testing.T) {
	p := schema.IRI("https://example.org/p")
	g := schema.Graph{Blocks: slices.Values([][]schema.Triple{
		{{S: schema.IRI("https://example.org/b"), P: p, O: schema.Literal("x")}},
		{{S: schema.IRI("https://example.org/a"), P: p, O: schema.Literal("x")}},
	})}
	var buf bytes.Buffer
	err := ntriples.Write(&buf, g)
	if err == nil || !strings.Contains(err.Error(), "block 2 is out of line order") {
		t.Fatalf("Write() error = %v, want an out-of-order error for block 2", err)
	}
}

func TestDuplicatesDropped(t *testing.T) {
	s, p := schema.IRI("https://example.org/s"), schema.IRI("https://example.org/p")
	tr := schema.Triple{S: s, P: p, O: schema.Literal("x")}
	g := schema.Graph{Blocks: slices.Values([][]schema.Triple{{tr, tr}, {tr}})}
	if got, want := string(write(t, g)), "<https://example.org/s> <https://example.org/p> \"x\" .\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestStrictParsers has rapper and serdi read the output; serdi, asked to
// write N-Triples again, must give the same triples.
func TestStrictParsers(t *testing.T) {
	g := rdftest.Graph()
	out := write(t, g)
	file := filepath.Join(t.TempDir(), "release.nt")
	if err := os.WriteFile(file, out, 0o644); err != nil {
		t.Fatal(err)
	}
	want := rdftest.Lines(rdftest.Triples(g))
	t.Run("rapper", func(t *testing.T) {
		rapper := judge.Need(t, "rapper")
		res, err := exec.Command(rapper, "-i", "ntriples", "-c", file).CombinedOutput()
		if err != nil {
			t.Fatalf("rapper rejects the N-Triples: %v\n%s", err, res)
		}
		if !strings.Contains(string(res), "returned "+strconv.Itoa(len(want))+" triples") {
			t.Errorf("rapper counted other than %d triples:\n%s", len(want), res)
		}
	})
	t.Run("serdi", func(t *testing.T) {
		serdi := judge.Need(t, "serdi")
		var stderr bytes.Buffer
		cmd := exec.Command(serdi, "-i", "ntriples", "-o", "ntriples", file)
		cmd.Stderr = &stderr
		res, err := cmd.Output()
		if err != nil || stderr.Len() > 0 {
			t.Fatalf("serdi rejects the N-Triples: %v\n%s", err, stderr.String())
		}
		read, err := rdftest.ReadNTriples(bytes.NewReader(res))
		if err != nil {
			t.Fatalf("reading serdi's output: %v", err)
		}
		if got := rdftest.Lines(read); !slices.Equal(got, want) {
			t.Errorf("serdi read other triples: got %d lines, want %d", len(got), len(want))
		}
	})
}

func TestInvalidTriple(t *testing.T) {
	s, p := schema.IRI("https://example.org/s"), schema.IRI("https://example.org/p")
	for _, bad := range []schema.Term{
		schema.IRI("relative"), schema.Literal("\xff"), schema.LangLiteral("x", "-en"), {},
	} {
		var buf bytes.Buffer
		g := schema.Graph{Blocks: slices.Values([][]schema.Triple{{{S: s, P: p, O: schema.Literal("ok")}, {S: s, P: p, O: bad}}})}
		if err := ntriples.Write(&buf, g); err == nil || !strings.Contains(err.Error(), "triple 2") {
			t.Errorf("Write(object %#v) error = %v, want one naming triple 2", bad, err)
		}
		if buf.Len() > 0 {
			t.Errorf("Write(object %#v) wrote %q before failing", bad, buf.String())
		}
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

func TestWriteErrorStopsEarly(t *testing.T) {
	g := schema.RecordGraph(rdftest.Synthetic(20000))
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
	if err := ntriples.Write(&failWriter{n: 1 << 20}, g); !errors.Is(err, errDiskFull) {
		t.Fatalf("Write() error = %v, want %v", err, errDiskFull)
	}
	if blocks > 10000 {
		t.Errorf("the writer went on for %d blocks after the destination failed", blocks)
	}
}

// FuzzNTriplesLiteral writes any string as a literal and an IRI and reads
// them back with knakk: the writer either refuses the term or writes a
// line that gives the same term.
func FuzzNTriplesLiteral(f *testing.F) {
	for _, tr := range rdftest.Triples(rdftest.Graph()) {
		f.Add(tr.O.Value, tr.O.Lang)
	}
	f.Fuzz(func(t *testing.T, value, lang string) {
		s, p := schema.IRI("https://example.org/s"), schema.IRI("https://example.org/p")
		for _, o := range []schema.Term{schema.Literal(value), schema.LangLiteral(value, lang), schema.TypedLiteral(value, "https://example.org/dt"), schema.IRI(value)} {
			var buf bytes.Buffer
			err := ntriples.Write(&buf, schema.Graph{Blocks: slices.Values([][]schema.Triple{{{S: s, P: p, O: o}}})})
			if (err == nil) != (o.Check() == nil) {
				t.Fatalf("Write(%#v) error = %v, but Check says %v", o, err, o.Check())
			}
			if err != nil {
				continue
			}
			read, err := rdftest.ReadNTriples(&buf)
			if err != nil || len(read) != 1 {
				t.Fatalf("knakk reads %d triples, error %v, from %q", len(read), err, buf.String())
			}
			if got := read[0].O; got.Value != o.Value || !strings.EqualFold(got.Lang, o.Lang) || got.Datatype != o.Datatype || got.Kind != o.Kind {
				t.Fatalf("wrote %#v, read back %#v", o, got)
			}
		}
	})
}

// BenchmarkWrite writes the graph of a 100k-record synthetic release,
// building its triples as it goes as a release does: see
// rdftest.BenchmarkWriter for what it reports.
func BenchmarkWrite(b *testing.B) { rdftest.BenchmarkWriter(b, ntriples.Write) }
