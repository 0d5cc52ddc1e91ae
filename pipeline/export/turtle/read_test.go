package turtle

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

// TestReadRoundTrip writes a catalogue-like graph, with every kind of
// literal, and reads it back as the same triples.
func TestReadRoundTrip(t *testing.T) {
	s := schema.IRI("https://example.org/d")
	want := []schema.Triple{
		{S: s, P: schema.IRI(schema.RDFType), O: schema.IRI(schema.NSDCAT + "Dataset")},
		{S: s, P: schema.IRI(schema.NSDCT + "title"), O: schema.LangLiteral("Titre « x » \"q\"\n", "fr")},
		{S: s, P: schema.IRI(schema.NSDCT + "identifier"), O: schema.Literal("plain")},
		{S: s, P: schema.IRI(schema.NSDCT + "issued"), O: schema.TypedLiteral("2026-11-27", schema.XSDDate)},
		{S: s, P: schema.IRI(schema.NSDCAT + "byteSize"), O: schema.TypedLiteral("123", schema.XSDNonNegativeInteger)},
	}
	var buf bytes.Buffer
	g := schema.Graph{Prefixes: schema.CommonPrefixes(), Blocks: func(yield func([]schema.Triple) bool) { yield(want) }}
	if err := Write(&buf, g); err != nil {
		t.Fatal(err)
	}
	got, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("read back\n%v\nwant\n%v", got, want)
	}
	if _, err := Read(strings.NewReader("<https://a> <https://b> .")); err == nil {
		t.Error("a broken document read without error")
	}
}
