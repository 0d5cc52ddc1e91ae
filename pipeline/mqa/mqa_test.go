package mqa

import (
	"testing"

	"github.com/bordernet/bordernet/schema"
)

// TestWeights pins the methodology's weights: 405 points, by dimension
// 100, 100, 110, 75 and 20.
func TestWeights(t *testing.T) {
	total := 0
	byDim := map[string]int{}
	for _, ind := range Indicators() {
		total += ind.Weight
		byDim[ind.Dimension] += ind.Weight
		if ind.Offline != (ind.met != nil) {
			t.Errorf("%s: offline %v but rule %v", ind.Name, ind.Offline, ind.met != nil)
		}
	}
	if total != MaxPoints {
		t.Errorf("weights add up to %d, want %d", total, MaxPoints)
	}
	for dim, want := range map[string]int{Findability: 100, Accessibility: 100, Interoperability: 110, Reusability: 75, Contextuality: 20} {
		if byDim[dim] != want {
			t.Errorf("%s: %d points, want %d", dim, byDim[dim], want)
		}
	}
	for points, want := range map[int]string{405: "Excellent", 351: "Excellent", 350: "Good", 221: "Good", 220: "Sufficient", 121: "Sufficient", 120: "Bad", 0: "Bad"} {
		if got := Rating(points); got != want {
			t.Errorf("Rating(%d) = %s, want %s", points, got, want)
		}
	}
}

func TestScore(t *testing.T) {
	ds, csv, xlsx := schema.IRI("https://x/ds"), schema.IRI("https://x/csv"), schema.IRI("https://x/xlsx")
	iri := schema.IRI
	triples := []schema.Triple{
		{S: ds, P: iri(schema.RDFType), O: iri(schema.NSDCAT + "Dataset")},
		{S: ds, P: iri(schema.NSDCAT + "keyword"), O: schema.Literal("k")},
		{S: ds, P: iri(schema.NSDCT + "accessRights"), O: iri("https://example.org/my-rights")},
		{S: ds, P: iri(schema.NSDCAT + "distribution"), O: csv},
		{S: ds, P: iri(schema.NSDCAT + "distribution"), O: xlsx},
		{S: csv, P: iri(schema.NSDCT + "format"), O: iri(fileType + "CSV")},
		{S: csv, P: iri(schema.NSDCAT + "mediaType"), O: iri(schema.NSIANAMedia + "text/csv")},
		{S: xlsx, P: iri(schema.NSDCT + "format"), O: iri(fileType + "XLSX")},
	}
	scores := Score(triples)
	if len(scores) != 1 {
		t.Fatalf("%d datasets scored, want 1", len(scores))
	}
	got := map[string]int{}
	for _, r := range scores[0].Results {
		got[r.Indicator.Name] = r.Points
	}
	for name, want := range map[string]int{
		"Keyword usage": 30, "Categories": 0, // dataset level: all or nothing
		"Access restrictions": 10, "Access restrictions vocabulary": 0, // not the EU vocabulary
		"Format": 20, "Media type": 5, // one distribution of two
		"Non-proprietary": 10, "Machine readable": 20,
		"Format / Media type from vocabulary": 5,
		"AccessURL accessibility":             0, // not computed
	} {
		if got[name] != want {
			t.Errorf("%s: %d points, want %d", name, got[name], want)
		}
	}
	if s := scores[0]; s.Possible != MaxPoints-110 {
		t.Errorf("possible offline %d, want %d", s.Possible, MaxPoints-110)
	}
}
