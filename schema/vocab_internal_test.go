package schema

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestHasValue checks the allocation-free hasValue against Values, for
// every field, empty and set (an empty list counts as no value).
func TestHasValue(t *testing.T) {
	n := 0
	full := Record{
		ID: "x", Kind: KindAgency, Scope: ScopeEU, Name: "N", Acronym: "A", AltNames: []string{"B"},
		Description: "D", DescriptionLang: "en", Website: "https://x.example/", Founded: "2004",
		Dissolved: "2005", Status: StatusInactive, Successor: "y", Parent: "p", MemberOf: []string{"m"},
		PartnerOf: []string{"q"}, Members: &n, Seat: "S", LegalBasis: "https://l.example/", Wikidata: "Q1",
		EUCorporateBody: "CB", SourceURLs: []string{"https://s.example/"},
	}
	emptyLists := Record{AltNames: []string{}, MemberOf: []string{}, PartnerOf: []string{}, SourceURLs: []string{}}
	for _, r := range []*Record{&full, {}, &emptyLists} {
		for _, f := range append(Fields(), "nonsense") {
			if got, want := hasValue(r, f), len(r.Values(f)) > 0; got != want {
				t.Errorf("hasValue(%s) = %v, Values says %v", f, got, want)
			}
		}
	}
}

// TestDateDatatypeAgreesWithIsPartialDate checks the hand-written date
// check against IsPartialDate (time.Parse) on every day of four years
// around leap rules and on malformed values; FuzzDateDatatype goes on.
func TestDateDatatypeAgreesWithIsPartialDate(t *testing.T) {
	values := []string{"", "2004", "0999", "999", "20041", "2004-", "2004-1", "2004-00", "2004-13", "2004-1-01",
		"2004-01-1", "2004/01/01", "2004-01-01T", "+004", "-004", "2o04", "2004-0a", "2004-01-0a", "2004-01-00"}
	for _, year := range []int{1900, 2000, 2004, 2023} {
		for month := 0; month <= 13; month++ {
			values = append(values, strconv.Itoa(year)+"-"+two(month))
			for day := 0; day <= 32; day++ {
				values = append(values, strconv.Itoa(year)+"-"+two(month)+"-"+two(day))
			}
		}
	}
	for _, v := range values {
		checkDateDatatype(t, v)
	}
}

func two(n int) string { return string([]byte{byte('0' + n/10), byte('0' + n%10)}) }

func checkDateDatatype(t *testing.T, v string) {
	t.Helper()
	got := DateDatatype(v)
	if (got != "") != IsPartialDate(v) {
		t.Fatalf("DateDatatype(%q) = %q, IsPartialDate says %v", v, got, IsPartialDate(v))
	}
	if want := map[int]string{4: XSDGYear, 7: XSDGYearMonth, 10: XSDDate}[len(v)]; got != "" && got != want {
		t.Fatalf("DateDatatype(%q) = %q, want %q", v, got, want)
	}
}

func FuzzDateDatatype(f *testing.F) {
	for _, v := range []string{"2004", "2004-10", "2004-02-29", "2100-02-29", "1999-13-01", "0000"} {
		f.Add(v)
	}
	f.Fuzz(checkDateDatatype)
}

// TestMintedStringsStay walks the graph of enough records to fill many
// arena chunks, keeping every triple, and checks each minted string
// still says what it said: the arena never writes over a string it
// handed out.
func TestMintedStringsStay(t *testing.T) {
	const n = 3000
	rel := &Release{Meta: Metadata{BaseIRI: "https://example.org/", Language: "en"}, Records: RecordSlice{}}
	for i := range n {
		id := "org-" + strconv.Itoa(i)
		members := i
		r := Record{ID: id, Name: "N", Members: &members, MemberOf: []string{"m-" + strconv.Itoa(i)},
			Wikidata: "Q" + strconv.Itoa(i+1), Origin: Position{File: "l.txt", Line: 2 * i}}
		r.SetSource(FieldName, Position{File: "l.txt", Line: 2*i + 1})
		r.SetSource(FieldMemberOf, Position{File: "c.xlsx", Sheet: "Records", Line: i + 2, Col: 3})
		rel.Records = append(rel.Records.(RecordSlice), r)
	}
	slices.SortFunc(rel.Records.(RecordSlice), func(a, b Record) int { return CompareIDs(a.ID, b.ID) })
	var kept []Triple
	for b := range RecordGraph(rel).Blocks {
		kept = append(kept, b...)
	}
	if len(kept) < 10*n {
		t.Fatalf("only %d triples", len(kept))
	}
	var again []Triple
	for b := range RecordGraph(rel).Blocks {
		again = append(again, b...)
	}
	if !slices.Equal(kept, again) {
		t.Fatal("triples kept from a first walk changed, or a second walk differs")
	}
	// And each is what the exported functions make, from scratch.
	byID := map[string]*Record{}
	for i := range rel.Records.(RecordSlice) {
		byID[RecordIRI(rel.Meta.BaseIRI, rel.Records.(RecordSlice)[i].ID)] = &rel.Records.(RecordSlice)[i]
	}
	checked := 0
	for _, tr := range kept {
		r := byID[tr.S.Value]
		if r == nil {
			continue
		}
		var want string
		switch tr.P.Value {
		case wdtMemberCount:
			want = strconv.Itoa(*r.Members)
		case orgMemberOf:
			want = RecordIRI(rel.Meta.BaseIRI, r.MemberOf[0])
		case owlSameAs:
			want = WikidataIRI(r.Wikidata)
		case provWasDerivedFrom:
			want = SourceIRI(ReleaseSourceBase(&rel.Meta, rel.Version), r.Origin)
		default:
			continue
		}
		checked++
		if tr.O.Value != want {
			t.Fatalf("%s %s: %q, want %q", tr.S.Value, tr.P.Value, tr.O.Value, want)
		}
	}
	if checked != 4*n {
		t.Errorf("checked %d minted objects, want %d", checked, 4*n)
	}
}

// TestByteClass derives the byte table of ValidIRI and AppendQuoted from
// its definition.
func TestByteClass(t *testing.T) {
	for c := range 256 {
		iri := c >= 0x21 && c <= 0x7e && !strings.ContainsRune("<>\"{}|\\^`#%", rune(c))
		lit := c >= 0x20 && c != '"' && c != '\\' && c != 0x7f
		if got := byteClass[c]&iriPlain != 0; got != iri {
			t.Errorf("byte %#x: iriPlain %v, want %v", c, got, iri)
		}
		if got := byteClass[c]&literalPlain != 0; got != lit {
			t.Errorf("byte %#x: literalPlain %v, want %v", c, got, lit)
		}
	}
}
