package schema_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

func TestClosest(t *testing.T) {
	ids := []string{"frontex", "euaa", "easo", "eu-lisa", "elena", "gdisc", "fran", "frontex-2", "euaaa", "gdisk"}
	tests := []struct {
		word  string
		limit int
		want  []string
	}{
		{"fronetx", 3, []string{"frontex"}}, // a swap is one edit; frontex-2 is 3 away
		{"frontx", 1, []string{"frontex"}},
		{"euaaa", 3, []string{"euaa"}},           // itself is never suggested
		{"eulisa", 3, []string{"eu-lisa"}},       // a missing hyphen
		{"gdsic", 3, []string{"gdisc", "gdisk"}}, // 5 bytes: two edits allowed
		{"fram", 3, []string{"fran"}},            // 4 bytes: one edit allowed
		{"xyz", 3, nil},                          // nothing near
		{"europol", 3, nil},                      // far from everything
		{"gdisx", 3, []string{"gdisc", "gdisk"}}, // equal distances: alphabetical
		{"gdisx", 1, []string{"gdisc"}},          // limit
		{"easa", 3, []string{"easo"}},
		{"", 3, nil},
	}
	for _, tt := range tests {
		got := schema.Closest(tt.word, slices.Values(ids), tt.limit)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Closest(%q, %d) = %q, want %q", tt.word, tt.limit, got, tt.want)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	tests := []struct {
		names []string
		want  string
	}{
		{nil, ""},
		{[]string{"frontex"}, "did you mean frontex?"},
		{[]string{"euaa", "easo"}, "did you mean euaa or easo?"},
		{[]string{"a", "b", "c"}, "did you mean a, b or c?"},
	}
	for _, tt := range tests {
		if got := schema.DidYouMean(tt.names); got != tt.want {
			t.Errorf("DidYouMean(%q) = %q, want %q", tt.names, got, tt.want)
		}
	}
}

func FuzzClosest(f *testing.F) {
	for _, s := range []string{"fronetx", "", "a", "euaaa", "é-ü"} {
		f.Add(s)
	}
	ids := []string{"frontex", "euaa", "eu-lisa", "a", "ab", "é-ü"}
	f.Fuzz(func(t *testing.T, word string) {
		got := schema.Closest(word, slices.Values(ids), 3)
		if len(got) > 3 || slices.Contains(got, word) {
			t.Fatalf("Closest(%q) = %q", word, got)
		}
	})
}

func TestWikidataFromURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.wikidata.org/wiki/Q123", "Q123"},
		{"https://www.wikidata.org/entity/Q123", "Q123"},
		{"http://www.wikidata.org/entity/Q123", "Q123"},
		{"https://wikidata.org/wiki/Q42/", "Q42"},
		{"https://m.wikidata.org/wiki/Q42#sitelinks", "Q42"},
		{"https://www.wikidata.org/wiki/Q42?uselang=de", "Q42"},
		{"Q42", "Q42"},
		{"https://www.wikidata.org/wiki/Property:P31", "https://www.wikidata.org/wiki/Property:P31"},
		{"https://www.wikidata.org/wiki/Q0", "https://www.wikidata.org/wiki/Q0"},
		{"https://example.org/wiki/Q42", "https://example.org/wiki/Q42"},
		{"ftp://www.wikidata.org/wiki/Q42", "ftp://www.wikidata.org/wiki/Q42"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := schema.WikidataFromURL(tt.in); got != tt.want {
			t.Errorf("WikidataFromURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzWikidataFromURL: the result is the input, or a valid Wikidata id
// taken from a Wikidata URL.
func FuzzWikidataFromURL(f *testing.F) {
	for _, s := range []string{"https://www.wikidata.org/wiki/Q42", "http://www.wikidata.org/entity/Q1/", "Q42", "https://wikidata.org/wiki/%zz", "https://www.wikidata.org/wiki/Q"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := schema.WikidataFromURL(s)
		if got != s && (!schema.IsWikidataID(got) || !strings.Contains(s, "wikidata.org") || !strings.Contains(s, got)) {
			t.Fatalf("WikidataFromURL(%q) = %q", s, got)
		}
	})
}

// BenchmarkClosest is one "did you mean" among a million ids, the cost
// that caps the hints at schema's maxHints per run.
func BenchmarkClosest(b *testing.B) {
	ids := make([]string, 1_000_000)
	for i := range ids {
		ids[i] = fmt.Sprintf("network-%d-of-borders", i)
	}
	b.ResetTimer()
	for b.Loop() {
		schema.Closest("network-12345-of-bordres", slices.Values(ids), 3)
	}
}

func TestHintBudget(t *testing.T) {
	for n, want := range map[int]int{0: 100, 13: 100, 20_000: 100, 100_000: 20, 1_000_000: 2, 5_000_000: 1} {
		if got := schema.HintBudget(n); got != want {
			t.Errorf("HintBudget(%d) = %d, want %d", n, got, want)
		}
	}
}
