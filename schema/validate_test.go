package schema

import (
	"fmt"
	"strings"
	"testing"
)

func validRecord(id string) Record {
	r := Record{
		ID: id, Kind: KindNetwork, Scope: ScopeEU, Name: "Network " + id,
		Description: "A network.", DescriptionLang: "en",
		Origin: Position{File: "listing.txt", Line: 3},
	}
	r.SetSource(FieldName, Position{File: "listing.txt", Line: 3})
	return r
}

func TestValidateRecordFields(t *testing.T) {
	cell := Position{File: "curation.xlsx", Sheet: "Records", Line: 7, Col: 4}
	tests := []struct {
		name   string
		edit   func(r *Record)
		want   string // the one problem's full report line
		severe bool
	}{
		{"valid", func(r *Record) {}, "", false},
		{"missing name", func(r *Record) { r.Name = "" },
			"listing.txt:3: x: name: is missing: every record needs one", true},
		{"bad website at its cell", func(r *Record) { r.Website = "htp://frontex.eu"; r.SetSource(FieldWebsite, cell) },
			`curation.xlsx Records!D7: x: website: "htp://frontex.eu" is not a valid web address: write a full URL starting with https:// (or http://), without spaces`, true},
		{"website with space", func(r *Record) { r.Website = "https://example.org/a b" },
			`listing.txt:3: x: website: "https://example.org/a b" is not a valid web address: write a full URL starting with https:// (or http://), without spaces`, true},
		{"javascript url", func(r *Record) { r.Website = "javascript:alert(1)" },
			`listing.txt:3: x: website: "javascript:alert(1)" is not a valid web address: write a full URL starting with https:// (or http://), without spaces`, true},
		{"day-first date", func(r *Record) { r.Founded = "26/10/2004" },
			`listing.txt:3: x: founded: "26/10/2004" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2004-10-26`, true},
		{"impossible date", func(r *Record) { r.Founded = "2004-02-30" },
			`listing.txt:3: x: founded: "2004-02-30" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2004-10-26`, true},
		{"unknown kind", func(r *Record) { r.Kind = "club" },
			`listing.txt:3: x: kind: "club" is not an allowed kind: use one of network, forum, agency`, true},
		{"bad id", func(r *Record) { r.ID = "EU LISA" },
			`listing.txt:3: EU LISA: id: "EU LISA" is not a valid id: use lower-case letters, digits and single hyphens, e.g. eu-lisa`, true},
		{"bad wikidata", func(r *Record) { r.Wikidata = "1479020" },
			`listing.txt:3: x: wikidata: "1479020" is not a Wikidata id: write Q followed by digits, e.g. Q42`, true},
		{"empty alt name", func(r *Record) { r.AltNames = []string{"A", ""} },
			`listing.txt:3: x: alt_names: has an empty value in its list`, true},
		{"bad source url in list", func(r *Record) { r.SourceURLs = []string{"https://ok.example", "ftp://x"} },
			`listing.txt:3: x: source_urls: "ftp://x" is not a valid web address: write a full URL starting with https:// (or http://), without spaces`, true},
		{"negative members", func(r *Record) { n := -3; r.Members = &n },
			`listing.txt:3: x: members: "-3" is too small: the least allowed is 0`, true},
		{"no description is a warning", func(r *Record) { r.Description, r.DescriptionLang = "", "" },
			`listing.txt:3: x: description: warning: has no description`, false},
		{"succeeded without successor", func(r *Record) { r.Status = StatusSucceeded },
			`listing.txt:3: x: successor: is missing: a succeeded record must name its successor's id`, true},
		{"dissolved but active", func(r *Record) { r.Dissolved = "2022" },
			`listing.txt:3: x: status: is active, but the record has a dissolution date: set the status to inactive or succeeded`, true},
		{"dissolved before founded", func(r *Record) { r.Status = StatusInactive; r.Founded = "2010-05"; r.Dissolved = "2009" },
			`listing.txt:3: x: dissolved: 2009 is before the founding date 2010-05`, true},
		{"control character", func(r *Record) { r.Name = "Net\x07work" },
			`listing.txt:3: x: name: holds a control character or is longer than a spreadsheet cell can hold (32,767 characters): remove invisible characters and shorten it`, true},
		{"description longer than a cell", func(r *Record) { r.Description = strings.Repeat("é", 32768) },
			`listing.txt:3: x: description: holds a control character or is longer than a spreadsheet cell can hold (32,767 characters): remove invisible characters and shorten it`, true},
		{"formula-like name", func(r *Record) { r.Name = "=HYPERLINK(\"x\")" },
			`listing.txt:3: x: name: warning: starts with "=", which spreadsheets take for a formula: the CSV release shows it with a leading apostrophe`, false},
		{"clear marker as a value", func(r *Record) { r.Seat = "-" },
			`listing.txt:3: x: seat: is "-", which in a curator workbook means "no value": write the value out, or leave the cell empty`, true},
		{"acronym equal to a name in another language", func(r *Record) { r.Name, r.Acronym = "Frontex @pl", "FRONTEX" },
			`listing.txt:3: x: acronym: warning: is the same as the name`, false},
		{"successor but inactive", func(r *Record) { r.Status, r.Successor, r.Dissolved = StatusInactive, "y", "2020" },
			`listing.txt:3: x: status: must be succeeded when a successor is given (it is "inactive")`, true},
		{"language tag", func(r *Record) { r.DescriptionLang = "english!" },
			`listing.txt:3: x: description_lang: "english!" is not a language tag: use a code such as en, de or fr-BE`, true},
	}
	v := NewValidator()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validRecord("x")
			tt.edit(&r)
			ps := v.Record(&r)
			if tt.want == "" {
				if len(ps) != 0 {
					t.Fatalf("want no problem, got %v", ps)
				}
				return
			}
			if len(ps) != 1 {
				t.Fatalf("want 1 problem, got %d: %v", len(ps), ps)
			}
			if got := ps[0].String(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if ps.HasErrors() != tt.severe {
				t.Errorf("HasErrors = %v, want %v", ps.HasErrors(), tt.severe)
			}
			if strings.Contains(ps[0].Message, "Error:Field validation") {
				t.Errorf("raw validator text reached the user: %s", ps[0].Message)
			}
		})
	}
}

func TestValidateDataset(t *testing.T) {
	rec := func(id string, edit func(r *Record)) Record {
		r := validRecord(id)
		edit(&r)
		return r
	}
	tests := []struct {
		name    string
		records []Record
		want    []string
	}{
		{"duplicate id", []Record{
			rec("a", func(r *Record) {}),
			rec("a", func(r *Record) { r.Origin.Line = 9; r.SetSource(FieldID, Position{File: "listing.txt", Line: 9}) }),
		}, []string{"listing.txt:9: a: id: is used twice: also at listing.txt:3; every record needs its own id"}},
		{"duplicate active acronym, case-insensitive", []Record{
			rec("a", func(r *Record) { r.Acronym = "EPN" }),
			rec("b", func(r *Record) { r.Acronym = "epn" }),
		}, []string{`listing.txt:3: b: acronym: "epn" is also the acronym of active record a (listing.txt:3); acronyms must be unique among active records`}},
		{"duplicate acronym of inactive record is fine", []Record{
			rec("a", func(r *Record) { r.Acronym = "EPN" }),
			rec("b", func(r *Record) { r.Acronym = "EPN"; r.Status = StatusInactive }),
		}, nil},
		{"unknown reference", []Record{
			rec("a", func(r *Record) { r.Parent = "nobody"; r.PartnerOf = []string{"b", "ghost"} }),
			rec("b", func(r *Record) {}),
		}, []string{
			`listing.txt:3: a: parent: refers to "nobody", but there is no record with that id`,
			`listing.txt:3: a: partner_of: refers to "ghost", but there is no record with that id`,
		}},
		{"self reference", []Record{rec("a", func(r *Record) { r.Parent = "a" })},
			[]string{"listing.txt:3: a: parent: refers to the record itself"}},
		{"parent cycle", []Record{
			rec("c", func(r *Record) { r.Parent = "a" }),
			rec("a", func(r *Record) { r.Parent = "b" }),
			rec("b", func(r *Record) { r.Parent = "c" }),
			rec("d", func(r *Record) { r.Parent = "a" }),
		}, []string{"listing.txt:3: a: parent: makes the record its own ancestor: a → b → c → a"}},
		{"successor chain", []Record{
			rec("old", func(r *Record) { r.Status = StatusSucceeded; r.Successor = "new"; r.Dissolved = "2022-01-19" }),
			rec("new", func(r *Record) {}),
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := Validate(tt.records)
			var got []string
			for _, p := range ps {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestRuleFunctions(t *testing.T) {
	for _, tt := range []struct {
		check func(string) bool
		in    string
		want  bool
	}{
		{IsSlug, "eu-lisa", true}, {IsSlug, "a--b", false}, {IsSlug, "-a", false}, {IsSlug, "Ab", false}, {IsSlug, "", false},
		{IsPartialDate, "2004", true}, {IsPartialDate, "2004-10", true}, {IsPartialDate, "2004-13", false},
		{IsPartialDate, "0999", false}, {IsPartialDate, "2024-02-29", true}, {IsPartialDate, "2023-02-29", false},
		{IsWebURL, "https://frontex.europa.eu/", true}, {IsWebURL, "https://x.org/page.html?x=1&y=2", true},
		{IsWebURL, "foo:bar", false}, {IsWebURL, "https://", false}, {IsWebURL, "https://a..b/", false},
		{IsWebURL, "https://x.org/\u0085", false}, {IsWebURL, "https://münchen.de/straße", true}, {IsWebURL, "https://x.org/#a#b", false},
		{IsLangTag, "en", true}, {IsLangTag, "zh-Hant-TW", true}, {IsLangTag, "sr-Latn-RS", true}, {IsLangTag, "e", false}, {IsLangTag, "en-", false},
		{IsWikidataID, "Q42", true}, {IsWikidataID, "Q0", false}, {IsWikidataID, "q42", false},
	} {
		if got := tt.check(tt.in); got != tt.want {
			t.Errorf("%q: got %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestSetSourceKeepsFieldsSortedAndUnique(t *testing.T) {
	var r Record
	for i, f := range []Field{FieldWebsite, FieldName, FieldAcronym, FieldName, FieldID} {
		r.SetSource(f, Position{File: "f", Line: i + 1})
	}
	var got []string
	for _, s := range r.Sources {
		got = append(got, fmt.Sprintf("%s@%d", s.Field, s.Pos.Line))
	}
	if want := "acronym@3 id@5 name@4 website@1"; strings.Join(got, " ") != want {
		t.Errorf("Sources = %s, want %s", strings.Join(got, " "), want)
	}
	r.ClearSource(FieldName)
	if _, ok := r.Source(FieldName); ok || len(r.Sources) != 3 {
		t.Errorf("ClearSource left %v", r.Sources)
	}
}

func TestCompareIDsMatchesSerializedOrder(t *testing.T) {
	ids := []string{"a", "a-b", "ab", "a1", "b", "a-b-c", "a0"}
	for _, x := range ids {
		for _, y := range ids {
			want := strings.Compare("<"+x+">", "<"+y+">")
			got := CompareIDs(x, y)
			if (got < 0) != (want < 0) || (got == 0) != (want == 0) {
				t.Errorf("CompareIDs(%q, %q) = %d, serialized order %d", x, y, got, want)
			}
		}
	}
}

func TestPositionString(t *testing.T) {
	for _, tt := range []struct {
		pos  Position
		want string
	}{
		{Position{File: "sources/listing.txt", Line: 14}, "sources/listing.txt:14"},
		{Position{File: "sources/curation.xlsx", Sheet: "Records", Line: 7, Col: 4}, "sources/curation.xlsx Records!D7"},
		{Position{File: "c.xlsx", Sheet: "Records", Line: 2, Col: 28}, "c.xlsx Records!AB2"},
		{Position{File: "c.xlsx", Sheet: "Records", Line: 2}, "c.xlsx Records row 2"},
		{Position{}, ""},
	} {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}
