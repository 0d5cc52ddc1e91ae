package language

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bordernet/bordernet/schema"
)

func TestGuess(t *testing.T) {
	for _, tc := range []struct {
		text, lang string
		certain    bool
	}{
		// French, German, Polish and Greek names of bodies in the field.
		{"Réseau juridique européen", "fr", false},
		{"Direction générale des étrangers en France", "fr", false},
		{"Agence européenne de garde-frontières et de garde-côtes", "fr", false},
		{"Europäische Agentur für die Grenz- und Küstenwache", "de", false},
		{"Bundesamt für Migration und Flüchtlinge", "de", false},
		{"Straż Graniczna", "pl", false},
		{"Komenda Główna Straży Granicznej", "pl", false},
		{"Urząd do Spraw Cudzoziemców", "pl", false},
		// Romanian, which shares short words with French.
		{"Rețeaua de Cooperare la Frontieră", "ro", false},
		{"Inspectoratul General al Poliției de Frontieră", "ro", false},
		{"Ελληνική Αστυνομία", "el", true},
		{"Υπηρεσία Ασύλου", "el", true},
		{"Гранична полиция", Unknown, false},
		// English, and names that say nothing.
		{"European Legal Network on Asylum", "en", false},
		{"General Directors' Immigration Services Conference", "en", false},
		{"Frontex Risk Analysis Network", "", false},
		{"SIRENE Contact Persons", "", false},
		{"Eurint", "", false},
		{"FRAN", "", false},
		{"", "", false},
		{"2004", "", false},
	} {
		g := Guess(tc.text)
		if g.Lang != tc.lang || g.Certain != tc.certain {
			t.Errorf("Guess(%q) = %+v, want %q (certain %v)", tc.text, g, tc.lang, tc.certain)
		}
	}
}

func record(name string, alt ...string) schema.Record {
	return schema.Record{ID: "x", Name: name, AltNames: alt, Origin: schema.Position{File: "listing.txt", Line: 7}}
}

func TestApply(t *testing.T) {
	for _, tc := range []struct {
		name     string
		in       schema.Record
		def      string
		wantName string
		wantAlt  []string
		codes    []string // of the problems, in order
	}{
		{"English name, English dataset", record("European Legal Network on Asylum"), "en",
			"European Legal Network on Asylum", nil, nil},
		{"French name, untagged", record("Réseau juridique européen"), "en",
			"Réseau juridique européen @fr", nil, []string{CodeMismatch}},
		{"French name, tagged", record("Réseau juridique européen @fr"), "en",
			"Réseau juridique européen @fr", nil, nil},
		{"a tag overrides the guess", record("Réseau juridique européen @en"), "en",
			"Réseau juridique européen @en", nil, nil},
		{"French dataset, French name", record("Réseau juridique européen"), "fr",
			"Réseau juridique européen", nil, nil},
		{"German alternative name", record("European Border and Coast Guard Agency", "Frontex", "Europäische Agentur für die Grenz- und Küstenwache"), "en",
			"European Border and Coast Guard Agency", []string{"Frontex", "Europäische Agentur für die Grenz- und Küstenwache @de"}, []string{CodeMismatch}},
		{"Polish name", record("Straż Graniczna"), "en",
			"Straż Graniczna @pl", nil, []string{CodeMismatch}},
		{"Greek name is Greek, no question asked", record("Ελληνική Αστυνομία"), "en",
			"Ελληνική Αστυνομία @el", nil, nil},
		{"Greek name in a Greek dataset", record("Ελληνική Αστυνομία"), "el",
			"Ελληνική Αστυνομία", nil, nil},
		{"Cyrillic name: the language must be written", record("Гранична полиция"), "en",
			"Гранична полиция", nil, []string{CodeMissing}},
		{"Cyrillic name in a Bulgarian dataset", record("Гранична полиция"), "bg",
			"Гранична полиция", nil, nil},
		{"a tag in capitals", record("Réseau juridique européen @FR"), "en",
			"Réseau juridique européen @FR", nil, []string{CodeTag}},
		{"an e-mail address is no tag", record("Contact: info@frontex.europa.eu"), "en",
			"Contact: info@frontex.europa.eu", nil, nil},
		{"no dataset language: only scripts count", record("Réseau juridique européen", "Ελληνική Αστυνομία"), "",
			"Réseau juridique européen", []string{"Ελληνική Αστυνομία @el"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			recs := []schema.Record{tc.in}
			recs[0].AltNames = append([]string(nil), tc.in.AltNames...)
			ps := Stage{Lang: tc.def}.Sources(recs, nil)
			if recs[0].Name != tc.wantName {
				t.Errorf("name = %q, want %q", recs[0].Name, tc.wantName)
			}
			if strings.Join(recs[0].AltNames, "|") != strings.Join(tc.wantAlt, "|") {
				t.Errorf("alt_names = %q, want %q", recs[0].AltNames, tc.wantAlt)
			}
			var codes []string
			for _, p := range ps {
				codes = append(codes, p.Code)
				if p.Pos.File != "listing.txt" || p.Record != "x" || p.Message == "" {
					t.Errorf("problem without its place: %+v", p)
				}
			}
			if strings.Join(codes, ",") != strings.Join(tc.codes, ",") {
				t.Errorf("codes = %v, want %v\n%v", codes, tc.codes, ps)
			}
		})
	}
}

func TestApplyDescription(t *testing.T) {
	recs := []schema.Record{
		{ID: "a", Name: "A", Description: "Le réseau européen des services de police aux frontières pour la coopération.", DescriptionLang: "en"},
		{ID: "b", Name: "B", Description: "Le réseau européen des services de police aux frontières pour la coopération.", DescriptionLang: "fr"},
		{ID: "c", Name: "C", Description: "The network of the border police services of the European Union for cooperation."},
	}
	ps := Stage{Lang: "en", Pos: schema.Position{File: "dataset.json"}}.Sources(recs, nil)
	if len(ps) != 1 || ps[0].Record != "a" || ps[0].Field != schema.FieldDescription || ps[0].Code != CodeMismatch {
		t.Fatalf("problems = %v, want one language-mismatch on a's description", ps)
	}
	if recs[0].DescriptionLang != "en" || recs[1].DescriptionLang != "fr" {
		t.Error("a description's language is the curator's column: Apply must not change it")
	}
	// A description without a language is in the dataset's, read from
	// dataset.json.
	if pos, ok := recs[2].Source(schema.FieldDescriptionLang); recs[2].DescriptionLang != "en" || !ok || pos.File != "dataset.json" {
		t.Errorf("c's description_lang = %q from %v, want en from dataset.json", recs[2].DescriptionLang, pos)
	}
}

// FuzzGuess checks Guess and Apply never panic, Apply keeps every name's
// text, and a tag it writes is one SplitLang reads back.
func FuzzGuess(f *testing.F) {
	for _, s := range []string{"Réseau juridique européen", "Straż Graniczna", "Ελληνική Αστυνομία", "Гранична полиция", "x @fr", "@", "a@b", "Name @FR", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		Guess(s)
		if !utf8.ValidString(s) {
			return
		}
		recs := []schema.Record{{ID: "x", Name: s}}
		Stage{Lang: "en"}.Sources(recs, nil)
		text, _ := schema.SplitLang(s)
		gotText, gotLang := schema.SplitLang(recs[0].Name)
		if recs[0].Name != s && (gotText != strings.TrimRight(text, " \t") && gotText != text || gotLang == "") {
			t.Errorf("Apply turned %q into %q", s, recs[0].Name)
		}
	})
}

func TestSourcesWithPatches(t *testing.T) {
	cell := func(col int) schema.Position {
		return schema.Position{File: "c.xlsx", Sheet: "Records", Line: 2, Col: col}
	}
	records := []schema.Record{
		{ID: "sg", Name: "Straż Graniczna", Origin: schema.Position{File: "listing.txt", Line: 3}},
		{ID: "rje", Name: "Réseau juridique européen", Origin: schema.Position{File: "listing.txt", Line: 5}},
	}
	patches := []schema.Patch{
		// Confirms the Polish name, adds alternative names in French
		// (untagged) and German (tagged).
		{ID: "sg", Cells: []schema.PatchCell{
			{Field: schema.FieldName, Value: "Straż Graniczna @pl", Pos: cell(2)},
			{Field: schema.FieldAltNames, Value: "Garde-frontières polonais|Polnischer Grenzschutz @de", Pos: cell(3)},
		}},
		// A new record with a French description and no language.
		{ID: "new", Cells: []schema.PatchCell{
			{Field: schema.FieldName, Value: "New Network", Pos: cell(2)},
			{Field: schema.FieldDescription, Value: "Le réseau européen des services de police aux frontières pour la coopération.", Pos: cell(4)},
		}},
	}
	stage := Stage{Lang: "en", Pos: schema.Position{File: "dataset.json"}}
	ps := stage.Sources(records, patches)
	var got []string
	for _, p := range ps {
		got = append(got, p.Record+" "+string(p.Field)+" "+p.Pos.String()+" "+p.Code)
	}
	want := []string{
		"sg alt_names c.xlsx Records!C2 language-mismatch",
		"new description c.xlsx Records!D2 language-mismatch",
		"rje name listing.txt:5 language-mismatch",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if v := patches[0].Cells[1].Value; v != "Garde-frontières polonais @fr | Polnischer Grenzschutz @de" {
		t.Errorf("alt_names cell = %q", v)
	}
	if records[0].Name != "Straż Graniczna @pl" || records[1].Name != "Réseau juridique européen @fr" {
		t.Errorf("names = %q, %q", records[0].Name, records[1].Name)
	}

	merged := []schema.Record{{ID: "new", Name: "New Network", Description: "Le réseau."}}
	stage.Merged(merged)
	if pos, _ := merged[0].Source(schema.FieldDescriptionLang); merged[0].DescriptionLang != "en" || pos.File != "dataset.json" {
		t.Errorf("a workbook's description without a language: %q from %v", merged[0].DescriptionLang, pos)
	}
}
