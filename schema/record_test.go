package schema

import (
	"strings"
	"testing"
)

// TestCellIsValuesJoined checks Cell against its definition, the field's
// Values joined by ListSeparator, for every field of a record with every
// field set (lists of one and of several values) and of an empty one.
func TestCellIsValuesJoined(t *testing.T) {
	members := 27
	full := Record{
		ID: "frontex", Kind: KindAgency, Scope: ScopeEU, Name: "European Border and Coast Guard Agency",
		Acronym: "Frontex", AltNames: []string{"EBCGA", "Frontex agency"}, Description: "An agency.",
		DescriptionLang: "en", Website: "https://frontex.europa.eu", Founded: "2004-10-26", Dissolved: "2030",
		Status: StatusSucceeded, Successor: "ebcga", Parent: "eu", MemberOf: []string{"jha-agencies"},
		PartnerOf: []string{"easo", "eu-lisa"}, Members: &members, Seat: "Warsaw",
		LegalBasis: "https://eur-lex.europa.eu/eli/reg/2019/1896/oj", Wikidata: "Q1140", EUCorporateBody: "FRONTEX",
		SourceURLs: []string{"https://frontex.europa.eu/about"},
	}
	for _, r := range []Record{full, {}} {
		for _, f := range Fields() {
			if got, want := r.Cell(f), strings.Join(r.Values(f), ListSeparator); got != want {
				t.Errorf("record %q: Cell(%s) = %q, want %q", r.ID, f, got, want)
			}
			if r.ID != "" && r.Cell(f) == "" {
				t.Errorf("record %q: Cell(%s) is empty: the test record should set every field", r.ID, f)
			}
		}
	}
}
