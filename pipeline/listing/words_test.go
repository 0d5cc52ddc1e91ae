package listing

import (
	"slices"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Frontex":                        "frontex",
		"eu-LISA":                        "eu-lisa",
		"EU-LISA":                        "eu-lisa",
		"Eurint Network":                 "eurint-network",
		"Immigration Liaison Officers' ": "immigration-liaison-officers",
		"General Directors´ Conference":  "general-directors-conference",
		"Söderköping Process":            "soderkoping-process",
		"Ærø Straße Łódź Œuvre":          "aero-strasse-lodz-oeuvre",
		"Café  --  Crème & Co.":          "cafe-creme-co",
		"  --Leading and trailing--  ":   "leading-and-trailing",
		"G7 / G20":                       "g7-g20",
		"ﬁnance ＡＢＣ":                     "finance-abc",
		"Δίκτυο":                         "",
		"":                               "",
		"---":                            "",
	} {
		got := Slug(in)
		if got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
		if got != "" && !schema.IsSlug(got) {
			t.Errorf("Slug(%q) = %q is not a valid id", in, got)
		}
	}
	long := "European Agency for the Management of Operational Cooperation at the External Borders of the Member States of the European Union"
	got := Slug(long)
	if len(got) > MaxSlug || !schema.IsSlug(got) || got != "european-agency-for-the-management-of-operational-cooperation-at-the-external" {
		t.Errorf("Slug(long) = %q (%d bytes)", got, len(got))
	}
	if got := Slug(string(make([]byte, 0)) + "a" + string(slices.Repeat([]byte("b"), 100))); len(got) != MaxSlug || !schema.IsSlug(got) {
		t.Errorf("one long word: %q", got)
	}
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{"eu-LISA", "Söderköping", "a--b", "Δ", "ﬁ", "x'y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if got != "" && !schema.IsSlug(got) {
			t.Fatalf("Slug(%q) = %q is not a valid id", s, got)
		}
		if Slug(got) != got {
			t.Fatalf("Slug is not idempotent: %q → %q → %q", s, got, Slug(got))
		}
	})
}

func TestInitialsMatch(t *testing.T) {
	for _, c := range []struct {
		acr, name string
		want      bool
	}{
		{"EPN", "European Patrols Network", true},
		{"FRAN", "Frontex Risk Analysis Network", true},
		{"GDISC", "General Directors' Immigration Services Conference", true},
		{"EASO", "European Asylum Support Office", true},
		{"BSRBCC", "Baltic Sea Region Border Control Cooperation", true},
		{"EUAA", "European Union Agency for Asylum", true},
		{"ICMPD", "International Centre for Migration Policy Development", true},
		{"ENARO", "European Network of Asylum Reception Organisations", true},
		{"EMPACT", "European Multidisciplinary Platform Against Criminal Threats", true},
		{"ILO", "Immigration Liaison Officers' Network", true},      // trailing body noun left out
		{"EULISA", "EU Large-Scale IT Systems Agency", true},        // EU + L + I + S + A
		{"EUITSA", "EU Large-Scale IT Systems Agency", false},       // a significant word cannot be skipped
		{"EULSITSA", "EU Large-Scale IT Systems Agency", true},      // EU + L-S + IT + S + A
		{"MS", "European Patrols Network", false},                   // Member States
		{"EU", "Eurint Network", false},                             //
		{"EN", "Eurint", false},                                     // one word is no acronym's source
		{"TEPN", "The European Patrols Network", false},             // a leading article gives nothing
		{"NE", "European Network", false},                           // order matters
		{"ELENA", "European Legal Network on Asylum", false},        // "LE" is no initial: only titles give such acronyms
		{"ELNOA", "European Legal Network on Asylum", true},         // or used
		{"EP", "European Patrols Network Office Conference", false}, // only one trailing noun may go
	} {
		if got := initialsMatch(c.acr, c.name); got != c.want {
			t.Errorf("initialsMatch(%q, %q) = %v, want %v", c.acr, c.name, got, c.want)
		}
	}
}

func TestTitleParts(t *testing.T) {
	for _, c := range []struct {
		in            string
		name, acronym string
		alt           []string
	}{
		{"European Legal Network on Asylum (ELENA)", "European Legal Network on Asylum", "ELENA", nil},
		{"Immigration Liaison Officers' (ILO) Network", "Immigration Liaison Officers' Network", "ILO", nil},
		{"European Agency for the Management (Frontex)", "European Agency for the Management", "Frontex", nil},
		{"European Union Agency for Asylum (formerly EASO)", "European Union Agency for Asylum", "", []string{"EASO"}},
		{"European Union Agency for Asylum (EUAA, formerly EASO)", "European Union Agency for Asylum", "EUAA", []string{"EASO"}},
		{"European Return Network (ERN / ERIN)", "European Return Network", "ERN", []string{"ERIN"}},
		{"Hague Programme (EU, 2004)", "Hague Programme (EU, 2004)", "", nil},
		{"European Union Agency for Asylum (EUAA) (EUAA; formerly EASO) (Easo)", "European Union Agency for Asylum", "EUAA", []string{"EASO"}},
		{"Salzburg Forum (Forum Salzburg)", "Salzburg Forum", "", []string{"Forum Salzburg"}},
		{"Salzburg Forum (informal)", "Salzburg Forum (informal)", "", nil},
		{"Network (until 2019: ERIN)", "Network", "", []string{"ERIN"}},
		{"EMPACT – European Multidisciplinary Platform Against Criminal Threats", "European Multidisciplinary Platform Against Criminal Threats", "EMPACT", nil},
		{"Border Management Programme in Central Asia - BOMCA", "Border Management Programme in Central Asia", "BOMCA", nil},
		{"Salzburg Forum - Central Europe", "Salzburg Forum - Central Europe", "", nil},
		{"Eurint Network:", "Eurint Network", "", nil},
		{"(ELENA)", "ELENA", "", nil},
		{"Unclosed (bracket", "Unclosed (bracket", "", nil},
		{"Empty () brackets", "Empty brackets", "", nil},
		{"EMPACT", "EMPACT", "", nil},
	} {
		got := titleParts(c.in)
		if got.website != "" {
			t.Errorf("titleParts(%q): website %q", c.in, got.website)
		}
		if got.name != c.name || got.acronym != c.acronym || !slices.Equal(got.altNames, c.alt) {
			t.Errorf("titleParts(%q) = %q, %q, %q; want %q, %q, %q", c.in, got.name, got.acronym, got.altNames, c.name, c.acronym, c.alt)
		}
	}
}

func TestTitleWebsite(t *testing.T) {
	got := titleParts("European Migration Network (EMN) (https://home-affairs.ec.europa.eu/networks/emn_en)")
	if got.name != "European Migration Network" || got.acronym != "EMN" || got.website != "https://home-affairs.ec.europa.eu/networks/emn_en" {
		t.Errorf("titleParts with a URL: %+v", got)
	}
	got = titleParts("Salzburg Forum (see http://a.example and http://b.example)")
	if got.website != "" || got.name != "Salzburg Forum (see http://a.example and http://b.example)" {
		t.Errorf("text with URLs in brackets: %+v", got)
	}
}

func TestLeadName(t *testing.T) {
	for _, c := range []struct {
		in            string
		ok            bool
		name, acronym string
	}{
		{"eu-LISA, the European Agency for the Operational Management of Large-Scale IT Systems in the Area of Freedom, Security and Justice, is called to increase the value.", true, "European Agency for the Operational Management of Large-Scale IT Systems in the Area of Freedom, Security and Justice", "eu-LISA"},
		{"Europol, the European Union Agency for Law Enforcement Cooperation, supports the States.", true, "European Union Agency for Law Enforcement Cooperation", "Europol"},
		{"ICMPD, the International Centre for Migration Policy Development, is an organisation.", true, "International Centre for Migration Policy Development", "ICMPD"},
		{"The European Migration Network, established in 2008, provides information.", true, "European Migration Network", ""},
		{"The Prague Process (PP) is a targeted migration dialogue.", true, "Prague Process", "PP"},
		{"The International Organization for Migration (IOM), founded in 1951, is the leading body.", true, "International Organization for Migration", "IOM"},
		{"However, the European Union Agency for Asylum, which replaced it, took over.", false, "", ""},
		{"Frontex, the agency, helps border authorities.", false, "", ""},
		{"Member States, however, keep their powers.", false, "", ""},
		{"Together with Frontex, the European Union Agency for Asylum, which replaced it, works.", false, "", ""},
		{"In 2004, the European Agency, which exists, was set up.", false, "", ""},
		{"Frontex promotes, coordinates and develops European border management.", false, "", ""},
		{"The agency (Frontex) was set up in 2004.", false, "", ""},
		{"EASO, as it was called, had its seat in Valletta.", false, "", ""},
		{"Currently, the European Union Agency for Asylum, which replaced it, works.", false, "", ""},
		{"Salzburg Forum: a Central European security partnership founded in 2000.", true, "Salzburg Forum", ""},
		{"Council of Europe – an international organisation founded in 1949.", true, "Council of Europe", ""},
		{"EMN: The European Migration Network provides information.", true, "EMN", ""},
		{"Member States: Austria, Bulgaria and Croatia take part.", false, "", ""},
		{"Further Reading: the annual reports of the network.", false, "", ""},
		{"Regional Forums: these meet yearly in spring.", false, "", ""},
		{"Note: these forums meet yearly.", false, "", ""},
	} {
		got := leadName(c.in)
		if got.ok != c.ok || got.name != c.name || got.acronym != c.acronym {
			t.Errorf("leadName(%q) = %+v; want ok=%v %q %q", c.in, got, c.ok, c.name, c.acronym)
		}
	}
}

func TestHeadingScopeAndKinds(t *testing.T) {
	for _, c := range []struct {
		heading string
		scope   schema.Scope
		kinds   []schema.Kind
	}{
		{"EU-focused Networks", schema.ScopeEU, []schema.Kind{schema.KindNetwork}},
		{"Other Networks", schema.ScopeEuropean, []schema.Kind{schema.KindNetwork}},
		{"Actors & Agencies", schema.ScopeEU, []schema.Kind{schema.KindAgency}},
		{"Non-EU forums", schema.ScopeEuropean, []schema.Kind{schema.KindForum}},
		{"European networks", schema.ScopeEuropean, []schema.Kind{schema.KindNetwork}},
		{"European Union networks", schema.ScopeEU, []schema.Kind{schema.KindNetwork}},
		{"Other EU bodies", schema.ScopeEU, []schema.Kind{schema.KindAgency}},
		{"Wider Europe", schema.ScopeEuropean, nil},
		{"Regional Processes & Forums", schema.ScopeEuropean, []schema.Kind{schema.KindForum}},
		{"International Organisations", schema.ScopeEuropean, []schema.Kind{schema.KindAgency}},
		{"Networks and Conferences", schema.ScopeEU, []schema.Kind{schema.KindNetwork, schema.KindForum}},
		{"Miscellaneous", schema.ScopeEU, nil},
	} {
		if got := headingScope(c.heading); got != c.scope {
			t.Errorf("headingScope(%q) = %q, want %q", c.heading, got, c.scope)
		}
		if got := headingKinds(c.heading); !slices.Equal(got, c.kinds) {
			t.Errorf("headingKinds(%q) = %q, want %q", c.heading, got, c.kinds)
		}
	}
	for name, want := range map[string]schema.Kind{
		"European Agency for the Management of Operational Cooperation": schema.KindAgency,
		"Network of Heads of Agencies":                                  schema.KindNetwork,
		"Heads of Asylum Agencies":                                      schema.KindAgency,
		"General Directors' Immigration Services Conference":            schema.KindForum,
		"European Asylum Support Office":                                schema.KindAgency,
		"Budapest Process":                                              schema.KindForum,
		"Eurint":                                                        "",
	} {
		if got := titleKind(name); got != want {
			t.Errorf("titleKind(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestNormalise(t *testing.T) {
	for in, want := range map[string]string{
		"  a\t\tb  ":                   "a b",
		"a\u00a0\u2009\u3000b":         "a b",
		"Directors´ ‘x’ `y` ʼz":        "Directors' 'x' 'y' 'z",
		"zero\u200bwidth soft\u00adhy": "zerowidth softhy",
		"cafe\u0301":                   "café",
		"“quoted” é ü":                 "“quoted” é ü",
	} {
		if got, _ := normalise(in); got != want {
			t.Errorf("normalise(%q) = %q, want %q", in, got, want)
		}
	}
	if _, ctrl := normalise("a\x07b"); ctrl != 7 {
		t.Errorf("control character not reported: %U", ctrl)
	}
}
