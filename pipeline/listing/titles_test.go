package listing

import (
	"slices"
	"strings"
	"testing"
)

// TestTitleShortBracket: "SHORT (LONG)" reads LONG as the name and SHORT
// as the acronym; every near miss keeps the reading of other brackets.
func TestTitleShortBracket(t *testing.T) {
	for _, c := range []struct {
		in            string
		name, acronym string
		alt           []string
	}{
		{"EUAA (European Union Agency for Asylum)", "European Union Agency for Asylum", "EUAA", nil},
		{"Europol (European Union Agency for Law Enforcement Cooperation)", "European Union Agency for Law Enforcement Cooperation", "Europol", nil},
		{"eu-LISA (European Agency for Large-Scale IT Systems)", "European Agency for Large-Scale IT Systems", "eu-LISA", nil},
		{"EUAA (European Union Agency for Asylum):", "European Union Agency for Asylum", "EUAA", nil},
		{"G5 (Group of Five Sahel)", "Group of Five Sahel", "G5", nil},
		// Another bracket: an alias stays an alternative name.
		{"EUAA (European Union Agency for Asylum) (formerly EASO)", "European Union Agency for Asylum", "EUAA", []string{"EASO"}},
		// Near misses: SHORT of two words or not a token.
		{"EU Agency (European Union Agency for Asylum)", "EU Agency", "", []string{"European Union Agency for Asylum"}},
		{"Salzburg Forum (Forum Salzburg)", "Salzburg Forum", "", []string{"Forum Salzburg"}},
		{"Europol. (European Union Agency for Law Enforcement Cooperation)", "Europol.", "", []string{"European Union Agency for Law Enforcement Cooperation"}},
		{"3M (Migration Management Monitoring)", "3M", "", []string{"Migration Management Monitoring"}},
		// Near misses: LONG of two words, in lower case, or not a name.
		{"Eurojust (Judicial Agency)", "Eurojust", "", []string{"Judicial Agency"}},
		{"Eurojust (agency for judicial cooperation)", "Eurojust (agency for judicial cooperation)", "", nil},
		{"Eurojust (The agency for judicial cooperation)", "Eurojust (The agency for judicial cooperation)", "", nil},
		{"Eurojust (2002)", "Eurojust (2002)", "", nil},
		{"Eurojust (informal)", "Eurojust (informal)", "", nil},
		// Near misses: aliases and several names keep today's meaning.
		{"EUAA (formerly EASO)", "EUAA", "", []string{"EASO"}},
		{"EUAA (formerly European Asylum Support Office)", "EUAA", "", []string{"European Asylum Support Office"}},
		{"EUAA (Formerly European Asylum Support Office)", "EUAA", "", []string{"European Asylum Support Office"}},
		{"EASO (Now European Union Agency for Asylum)", "EASO", "", []string{"Now European Union Agency for Asylum"}},
		{"EASO (Also European Asylum Support Office)", "EASO", "", []string{"Also European Asylum Support Office"}},
		{"EUAA (European Union Agency, formerly EASO)", "EUAA", "", []string{"European Union Agency", "EASO"}},
		{"EUAA (European Union Agency for Asylum / European Asylum Agency)", "EUAA", "", []string{"European Union Agency for Asylum", "European Asylum Agency"}},
		{"EUAA (European Union Agency for Asylum) (European Asylum Agency Office)", "EUAA", "", []string{"European Union Agency for Asylum", "European Asylum Agency Office"}},
		// Near miss: SHORT already has an acronym.
		{"Europol (EUROPOL) (European Union Agency for Law Enforcement Cooperation)", "Europol", "EUROPOL", []string{"European Union Agency for Law Enforcement Cooperation"}},
	} {
		got := titleParts(c.in)
		if got.name != c.name || got.acronym != c.acronym || !slices.Equal(got.altNames, c.alt) {
			t.Errorf("titleParts(%q) = %q, %q, %q; want %q, %q, %q", c.in, got.name, got.acronym, got.altNames, c.name, c.acronym, c.alt)
		}
	}
}

// TestTitleShortDash: "Short – Long" with a short name in mixed case is
// kept apart for the description to confirm, and the name stays whole.
func TestTitleShortDash(t *testing.T) {
	for _, c := range []struct{ in, short, long string }{
		{"Frontex – European Border and Coast Guard Agency", "Frontex", "European Border and Coast Guard Agency"},
		{"Frontex — European Border and Coast Guard Agency", "Frontex", "European Border and Coast Guard Agency"},
		{"Frontex - European Border and Coast Guard Agency", "Frontex", "European Border and Coast Guard Agency"},
		{"Frontex: European Border and Coast Guard Agency", "Frontex", "European Border and Coast Guard Agency"},
		{"eu-Lisa – European Agency for Large-Scale IT Systems", "eu-Lisa", "European Agency for Large-Scale IT Systems"},
		{"Frontex – Coast Guard", "Frontex", "Coast Guard"},
		{"Europe – Africa Dialogue on Migration", "Europe", "Africa Dialogue on Migration"},
		// Near misses: two words before the dash, one after it, a short
		// name in lower case, a phrase after the dash, no spaces around it.
		{"Salzburg Forum - Central Europe", "", ""},
		{"Frontex Agency – European Border and Coast Guard Agency", "", ""},
		{"Frontex – Warsaw", "", ""},
		{"frontex – European Border and Coast Guard Agency", "", ""},
		{"Frontex – the border agency of the union", "", ""},
		{"Frontex-European Border and Coast Guard Agency", "", ""},
	} {
		got := titleParts(c.in)
		if got.name != c.in || got.acronym != "" || got.short != c.short || got.long != c.long {
			t.Errorf("titleParts(%q) = name %q acronym %q short %q long %q; want the name whole, short %q long %q",
				c.in, got.name, got.acronym, got.short, got.long, c.short, c.long)
		}
	}
	// Titles in capitals keep splitting without a description.
	for _, in := range []string{"EMCDDA: European Monitoring Centre for Drugs and Drug Addiction", "ICMPD - International Centre for Migration Policy Development", "European Union Agency for Law Enforcement Training – CEPOL"} {
		if got := titleParts(in); got.acronym == "" || got.short != "" {
			t.Errorf("titleParts(%q) = %+v; want split at once", in, got)
		}
	}
}

// TestNamedIn: the evidence that a description uses a short name as the
// body's name.
func TestNamedIn(t *testing.T) {
	for _, c := range []struct {
		short, desc string
		want        bool
	}{
		{"Frontex", "Frontex supports EU Member States in managing the external borders.", true},
		{"Frontex", "The Frontex agency supports EU Member States.", true},
		{"Frontex", "It was set up in 2004. Frontex supports EU Member States.", true},
		{"Frontex", "\"Frontex\" is the agency's short name.", true},
		{"Frontex", "Frontex's seat is in Warsaw.", true},
		{"Frontex", "Frontex, the agency, supports the Member States.", true},
		{"Frontex", "Frontex, European Border and Coast Guard Agency, supports the States.", true},
		{"Frontex", "The European Border and Coast Guard Agency (Frontex) supports the States.", true},
		{"Frontex", "The agency (Frontex), set up in 2004, supports the States.", true},
		// A mention elsewhere, in another case, joined to another name.
		{"Frontex", "The agency supports EU Member States.", false},
		{"Frontex", "The agency works with Frontex and Europol.", false},
		{"Frontex", "FRONTEX supports EU Member States.", false},
		{"Frontex", "frontex supports EU Member States.", false},
		{"Frontex", "Frontexes support EU Member States.", false},
		{"Frontex", "The agency was set up in Frontex Street.", false},
		{"Frontex", "In 2004 the Frontex agency was set up.", false},
		{"Europe", "The dialogue brings together the countries of Europe and Africa.", false},
		{"Europe", "Europe and Africa meet in the dialogue every year.", false},
		{"Europe", "Europe – Africa relations are its subject.", false},
		{"Europe", "Europe, Africa and the Middle East take part.", false},
		{"Europe", "Launched in 2006, it gathers countries from Europe, North and West Africa.", false},
		{"Europe", "()", false},
	} {
		u := &unit{text: c.desc, lines: []line{{n: 1, text: c.desc}}}
		if got := namedIn(c.short, []*unit{u}); got != c.want {
			t.Errorf("namedIn(%q, %q) = %v; want %v", c.short, c.desc, got, c.want)
		}
	}
	if namedIn("Frontex", nil) {
		t.Error("namedIn without a description")
	}
}

// TestReadShortNames reads the title forms in a listing: the fields, their
// positions, and the near misses.
func TestReadShortNames(t *testing.T) {
	const intro = "Bodies of the field\n\nAn intro paragraph that is not a record. It ends with a full stop.\n\nAgencies:\n\n"
	type want struct {
		id, name, acronym string
		alt               []string
		line              int
	}
	for _, c := range []struct {
		name string
		in   string
		want []want
	}{
		{
			"short name and the name in brackets",
			intro + "EUAA (European Union Agency for Asylum)\n\nThe EUAA succeeded EASO in January 2022.\n\nEuropol (European Union Agency for Law Enforcement Cooperation)\n\nEuropol supports the Member States in fighting serious crime.\n",
			[]want{
				{"euaa", "European Union Agency for Asylum", "EUAA", nil, 7},
				{"europol", "European Union Agency for Law Enforcement Cooperation", "Europol", nil, 11},
			},
		},
		{
			"short name and the name in brackets, near misses",
			intro + "EU Agency (European Union Agency for Asylum)\n\nThe agency works.\n\nEurojust (Judicial Agency)\n\nThe agency works.\n\nEUAA (formerly European Asylum Support Office)\n\nThe agency works.\n\nEASO (European Asylum Agency, formerly European Asylum Office)\n\nThe office worked.\n",
			[]want{
				{"eu-agency", "EU Agency", "", []string{"European Union Agency for Asylum"}, 7},
				{"eurojust", "Eurojust", "", []string{"Judicial Agency"}, 11},
				{"euaa", "EUAA", "", []string{"European Asylum Support Office"}, 15},
				{"easo", "EASO", "", []string{"European Asylum Agency", "European Asylum Office"}, 19},
			},
		},
		{
			"short name and a dash, the description opening with it",
			intro + "Frontex – European Border and Coast Guard Agency\n\nFrontex supports EU Member States in managing the external borders.\n\nEurojust: European Union Agency for Criminal Justice Cooperation\n\nSet up in 2002. The Eurojust agency supports judicial cooperation.\n",
			[]want{
				{"frontex", "European Border and Coast Guard Agency", "Frontex", nil, 7},
				{"eurojust", "European Union Agency for Criminal Justice Cooperation", "Eurojust", nil, 11},
			},
		},
		{
			"short name and a dash, the description not naming it",
			intro + "Frontex – European Border and Coast Guard Agency\n\nThe agency supports EU Member States in managing the external borders.\n\nEurope – Africa Dialogue on Migration\n\nThe dialogue brings together the countries of Europe and Africa.\n\nEurope – Africa Dialogue on Migration and Development\n\nEurope and Africa meet in the dialogue every year.\n",
			[]want{
				{"frontex-european-border-and-coast-guard-agency", "Frontex – European Border and Coast Guard Agency", "", nil, 7},
				{"europe-africa-dialogue-on-migration", "Europe – Africa Dialogue on Migration", "", nil, 11},
				{"europe-africa-dialogue-on-migration-and-development", "Europe – Africa Dialogue on Migration and Development", "", nil, 15},
			},
		},
		{
			"short name and a dash, without a description",
			intro + "Frontex – European Border and Coast Guard Agency\n\nSalzburg Forum\n\nThe forum meets twice a year.\n",
			[]want{
				{"frontex-european-border-and-coast-guard-agency", "Frontex – European Border and Coast Guard Agency", "", nil, 7},
				{"salzburg-forum", "Salzburg Forum", "", nil, 9},
			},
		},
		{
			"a paragraph leading with the short name continues the description that made it the acronym",
			intro + "Frontex – European Border and Coast Guard Agency\n\nFrontex supports EU Member States.\n\nFrontex, the European Border and Coast Guard Agency, was set up in 2004 in Warsaw.\n",
			[]want{{"frontex", "European Border and Coast Guard Agency", "Frontex", nil, 7}},
		},
		{
			"a paragraph leading with the short name is an entry when the description did not make it the acronym",
			intro + "Frontex – European Border and Coast Guard Agency\n\nThe agency supports EU Member States.\n\nFrontex, the European Border and Coast Guard Agency, was set up in 2004 in Warsaw.\n",
			[]want{
				{"frontex-european-border-and-coast-guard-agency", "Frontex – European Border and Coast Guard Agency", "", nil, 7},
				{"frontex", "European Border and Coast Guard Agency", "Frontex", nil, 11},
			},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			recs, ps, err := Read(strings.NewReader(c.in), "l.txt")
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range ps {
				t.Errorf("problem: %v", p)
			}
			if len(recs) != len(c.want) {
				t.Fatalf("got %d records %v, want %d", len(recs), ids(recs), len(c.want))
			}
			for i, r := range recs {
				w := c.want[i]
				if r.ID != w.id || r.Name != w.name || r.Acronym != w.acronym || !slices.Equal(r.AltNames, w.alt) || r.Origin.Line != w.line {
					t.Errorf("record %d = %q %q %q %q line %d; want %+v", i, r.ID, r.Name, r.Acronym, r.AltNames, r.Origin.Line, w)
				}
				// Name and acronym are read at the title line.
				for _, s := range r.Sources {
					switch s.Field {
					case "name", "acronym", "id", "alt_names":
						if s.Pos.Line != w.line {
							t.Errorf("%s: %s at line %d, want the title line %d", r.ID, s.Field, s.Pos.Line, w.line)
						}
					}
				}
			}
		})
	}
}
