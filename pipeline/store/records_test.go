package store

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

// Records for the tests: odd ones chosen by hand, random ones, and ones
// shaped like cmd/synth's (what a release of a million holds).

func intp(n int) *int { return &n }

// oddRecords are the values a careless encoding would lose: nil against
// empty, zero against absent, extremes, text that is not UTF-8, names that
// are not schema's.
func oddRecords() map[string]schema.Record {
	long := strings.Repeat("Ωμέγα & \"quotes\" <tags> ", 5000)
	many := make([]schema.FieldSource, 0, 300)
	for i := range 300 {
		many = append(many, schema.FieldSource{Field: schema.Fields()[i%len(schema.Fields())], Pos: schema.Position{File: fmt.Sprintf("f%d.xlsx", i%7), Sheet: "S" + fmt.Sprint(i%3), Line: i * 1000, Col: i}})
	}
	return map[string]schema.Record{
		"zero":                   {},
		"empty slices":           {AltNames: []string{}, MemberOf: []string{}, PartnerOf: []string{}, SourceURLs: []string{}, Sources: []schema.FieldSource{}},
		"empty strings in lists": {AltNames: []string{"", ""}, SourceURLs: []string{""}},
		"members zero":           {Members: intp(0)},
		"members extremes":       {ID: "a", Members: intp(math.MinInt)},
		"members max":            {Members: intp(math.MaxInt)},
		"unicode": {ID: "réseau-ελλάδα", Name: "Δίκτυο Συνοριακής Συνεργασίας 🛂", Acronym: "ΔΣΣ", Description: "naïve ‘quotes’ \u2028 line sep", Seat: "København",
			AltNames: []string{"Réseau", "网络", "\x00nul"}, Section: "Actors & Agencies"},
		"invalid utf-8": {ID: "\xff\xfe", Name: "a\xc3", Section: "\x80", Origin: schema.Position{File: "\xff.txt", Line: 1}},
		"long strings":  {ID: "long", Name: long, Description: long + long, AltNames: []string{long}},
		"unknown values": {Kind: "council", Scope: "global", Status: "dormant",
			Sources: []schema.FieldSource{{Field: "colour", Pos: schema.Position{File: "x.txt", Line: 3}}, {Field: "", Pos: schema.Position{}}}},
		"known values": {Kind: schema.KindAgency, Scope: schema.ScopeEuropean, Status: schema.StatusSucceeded, Successor: "next"},
		"huge lines": {Origin: schema.Position{File: "l.txt", Line: math.MaxInt, Col: math.MinInt},
			Sources: []schema.FieldSource{
				{Field: schema.FieldName, Pos: schema.Position{File: "l.txt", Line: math.MinInt, Col: math.MaxInt}},
				{Field: schema.FieldID, Pos: schema.Position{File: "l.txt", Line: -1, Col: -1}},
			}},
		"sheet without file": {Origin: schema.Position{Sheet: "Records", Line: 7, Col: 2}},
		"many sources":       {ID: "many", Origin: schema.Position{File: "w.xlsx", Sheet: "Records", Line: 5}, Sources: many},
		"every field": {
			ID: "frontex", Kind: schema.KindAgency, Scope: schema.ScopeEU, Name: "European Border and Coast Guard Agency", Acronym: "Frontex",
			AltNames: []string{"EBCGA"}, Description: "The agency.", DescriptionLang: "en", Website: "https://frontex.europa.eu/",
			Founded: "2004-10", Dissolved: "2099", Status: schema.StatusActive, Successor: "s", Parent: "p",
			MemberOf: []string{"a", "b"}, PartnerOf: []string{"c"}, Members: intp(27), Seat: "Warsaw",
			LegalBasis: "https://eur-lex.europa.eu/eli/reg/2019/1896/oj", Wikidata: "Q1", EUCorporateBody: "FRONTEX",
			SourceURLs: []string{"https://a.example/", "https://b.example/"}, Section: "Actors & Agencies",
			Origin: schema.Position{File: "sources/listing.txt", Line: 14},
			Sources: []schema.FieldSource{
				{Field: schema.FieldAcronym, Pos: schema.Position{File: "sources/listing.txt", Line: 14}},
				{Field: schema.FieldMembers, Pos: schema.Position{File: "sources/curation.xlsx", Sheet: "Records", Line: 3, Col: 17}},
				{Field: schema.FieldWebsite, Pos: schema.Position{File: "sources/curation.xlsx", Sheet: "Records", Line: 3, Col: 9}},
			},
		},
	}
}

// randomRecord makes a record of random values, each field absent, empty
// or set, lists nil, empty or not, from a small alphabet so that names
// repeat.
func randomRecord(rng *rand.Rand) schema.Record {
	str := func() string {
		switch rng.IntN(4) {
		case 0:
			return ""
		case 1:
			return []string{"a", "é", "Δ", "🛂", "\xff", " | "}[rng.IntN(6)]
		}
		var sb strings.Builder
		for range rng.IntN(40) {
			sb.WriteRune([]rune("abc xyzéΔ🛂-\n\t")[rng.IntN(13)])
		}
		return sb.String()
	}
	list := func() []string {
		switch rng.IntN(3) {
		case 0:
			return nil
		case 1:
			return []string{}
		}
		l := make([]string, 1+rng.IntN(4))
		for i := range l {
			l[i] = str()
		}
		return l
	}
	anInt := func() int {
		switch rng.IntN(4) {
		case 0:
			return 0
		case 1:
			return []int{math.MaxInt, math.MinInt, -1}[rng.IntN(3)]
		}
		return rng.IntN(1 << uint(rng.IntN(40)))
	}
	pos := func() schema.Position {
		if rng.IntN(5) == 0 {
			return schema.Position{}
		}
		p := schema.Position{File: []string{"sources/listing.txt", "sources/curation.xlsx", "b.xlsx", ""}[rng.IntN(4)], Line: anInt()}
		if rng.IntN(2) == 0 {
			p.Sheet, p.Col = []string{"Records", "Άλλο", ""}[rng.IntN(3)], anInt()
		}
		return p
	}
	pick := func(known ...string) string {
		if rng.IntN(4) == 0 {
			return str()
		}
		return known[rng.IntN(len(known))]
	}
	r := schema.Record{
		ID: str(), Kind: schema.Kind(pick("network", "forum", "agency", "")), Scope: schema.Scope(pick("eu-focused", "other-european")),
		Name: str(), Acronym: str(), AltNames: list(), Description: str(), DescriptionLang: str(), Website: str(),
		Founded: str(), Dissolved: str(), Status: schema.Status(pick("", "active", "inactive", "succeeded")), Successor: str(), Parent: str(),
		MemberOf: list(), PartnerOf: list(), Seat: str(), LegalBasis: str(), Wikidata: str(), EUCorporateBody: str(),
		SourceURLs: list(), Section: pick("EU-focused Networks", "Other Networks", ""), Origin: pos(),
	}
	if rng.IntN(2) == 0 {
		r.Members = intp(anInt())
	}
	switch rng.IntN(4) {
	case 0:
	case 1:
		r.Sources = []schema.FieldSource{}
	default:
		fields := schema.Fields()
		for range rng.IntN(10) {
			f := fields[rng.IntN(len(fields))]
			if rng.IntN(10) == 0 {
				f = schema.Field(str())
			}
			r.Sources = append(r.Sources, schema.FieldSource{Field: f, Pos: pos()})
		}
	}
	return r
}

// synthLike makes a record shaped like those of a cmd/synth release: a
// listing title and a description of four to seven sentences, positions
// in the listing (kind and scope at the section's heading), and for one
// record in ten a workbook's website, founding year, member count and
// source URLs with their cells.
func synthLike(i int, rng *rand.Rand) schema.Record {
	const listing, workbook = "/tmp/synth1m/listing.txt", "/tmp/synth1m/curation.xlsx"
	sentences := []string{
		"The network is a flexible regional tool for daily inter-agency interaction between liaison officers posted in third countries.",
		"Working groups meet twice a year, usually in Kraków, and report to the annual conference of directors.",
		"Some 143 practitioners take part in its work across most European states.",
		"Individual descriptions of its activities are derived from its own self-presentation and from official documents.",
		"It maintains a secure platform through which participants exchange statistics and alerts on integration.",
		"The cooperation was set up in 1974 to reinforce and streamline the exchange of information between national authorities.",
		"Its secretariat rotates between member authorities every 5 years, and plenary meetings take place in Brno.",
	}
	words := []string{"Nordic", "Adriatic", "Western Balkans", "Immigration", "Liaison", "Border", "Coast Guard", "Contact Group", "Support Office", "Network", "Forum"}
	name := fmt.Sprintf("%s %s %s %d", words[rng.IntN(3)], words[3+rng.IntN(4)], words[7+rng.IntN(4)], i)
	id := strings.ToLower(strings.ReplaceAll(name, " ", "-"))
	line := 10 + i*38
	var desc strings.Builder
	for range 4 + rng.IntN(4) {
		desc.WriteString(sentences[rng.IntN(len(sentences))])
		desc.WriteByte(' ')
	}
	sec, heading := "EU-focused Networks", 7
	if i%10 >= 5 {
		sec, heading = "Other Networks", 19194
	}
	at := func(l int) schema.Position { return schema.Position{File: listing, Line: l} }
	r := schema.Record{
		ID: id, Kind: schema.KindNetwork, Scope: schema.ScopeEU, Name: name, Description: strings.TrimSpace(desc.String()), DescriptionLang: "en",
		Section: sec, Origin: at(line),
		Sources: []schema.FieldSource{
			{Field: schema.FieldDescription, Pos: at(line + 2)},
			{Field: schema.FieldDescriptionLang, Pos: schema.Position{File: "/tmp/synth1m/dataset.json"}},
			{Field: schema.FieldID, Pos: at(line)},
			{Field: schema.FieldKind, Pos: at(heading)},
			{Field: schema.FieldName, Pos: at(line)},
			{Field: schema.FieldScope, Pos: at(heading)},
		},
	}
	if i%10 == 3 {
		row := 2 + i/10
		cell := func(col int) schema.Position {
			return schema.Position{File: workbook, Sheet: "Records", Line: row, Col: col}
		}
		r.Website = "https://" + id + ".example.eu/"
		r.Founded = fmt.Sprint(1950 + rng.IntN(70))
		r.Members = intp(rng.IntN(400))
		r.SourceURLs = []string{"https://eur-lex.europa.eu/" + id}
		r.SetSource(schema.FieldWebsite, cell(9))
		r.SetSource(schema.FieldFounded, cell(10))
		r.SetSource(schema.FieldMembers, cell(17))
		r.SetSource(schema.FieldSourceURLs, cell(22))
	}
	return r
}

// writeStore writes recs into a new store in a temporary folder and
// returns it opened, closed when the test ends.
func writeStore(t testing.TB, recs []schema.Record) *Set {
	t.Helper()
	w, err := Create(filepath.Join(t.TempDir(), "records.store"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	for i := range recs {
		if n, err := w.Add(&recs[i]); err != nil || n != i {
			t.Fatalf("Add %d = %d, %v", i, n, err)
		}
	}
	set, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { set.Close() })
	return set
}
