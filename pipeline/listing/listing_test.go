package listing

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

var update = flag.Bool("update", false, "rewrite golden files")

// testdata is the shared fixture folder of this package (fixtures, goldens,
// fuzz seeds), at the repository's top level.
const testdata = "../../testdata/listing"

// dumpRecord is a record with everything the reader set, for golden files:
// the JSON fields plus section, origin and the position of every field.
type dumpRecord struct {
	schema.Record
	Section string            `json:"section"`
	Origin  string            `json:"origin"`
	Sources map[string]string `json:"sources"`
}

type dump struct {
	Records  []dumpRecord `json:"records"`
	Problems []string     `json:"problems"`
}

func dumpOf(recs []schema.Record, ps schema.Problems) dump {
	d := dump{Records: []dumpRecord{}, Problems: []string{}}
	for _, r := range recs {
		dr := dumpRecord{Record: r, Section: r.Section, Origin: r.Origin.String(), Sources: map[string]string{}}
		for _, s := range r.Sources {
			dr.Sources[string(s.Field)] = s.Pos.String()
		}
		d.Records = append(d.Records, dr)
	}
	for _, p := range ps {
		d.Problems = append(d.Problems, p.String())
	}
	return d
}

// readFixture reads a listing of testdata under the repository-relative
// name its positions should show.
func readFixture(t testing.TB, base string) ([]schema.Record, schema.Problems) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testdata, base))
	if err != nil {
		t.Fatal(err)
	}
	recs, ps, err := Read(bytes.NewReader(data), "testdata/listing/"+base)
	if err != nil {
		t.Fatalf("Read(%s): %v", base, err)
	}
	return recs, ps
}

func fixtures(t testing.TB) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(testdata, "*.txt"))
	if err != nil || len(names) < 4 {
		t.Fatalf("fixtures in %s: %v (%d found)", testdata, err, len(names))
	}
	for i, n := range names {
		names[i] = filepath.Base(n)
	}
	return names
}

// TestGolden compares every record (all fields, section, origin, field
// positions) and problem read from each listing of testdata/listing with
// its golden file. Run with -update to rewrite them after a deliberate
// change, and review the diff.
func TestGolden(t *testing.T) {
	for _, base := range fixtures(t) {
		t.Run(base, func(t *testing.T) {
			recs, ps := readFixture(t, base)
			got, err := json.MarshalIndent(dumpOf(recs, ps), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join(testdata, strings.TrimSuffix(base, ".txt")+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("records of %s differ from %s (go test -update rewrites it):\n%s", base, golden, lineDiff(string(want), string(got)))
			}
		})
	}
}

// lineDiff shows the first lines where two texts differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %s\n  got  %s\n", i+1, wl, gl)
			shown++
		}
	}
	return b.String()
}

// TestSeed checks what the issue asks of the real listing, independently of
// the golden file: 11 records in listing order, 6/2/3 per section, the ids,
// names and acronyms, no problems from reading, and, through
// schema.Validate, exactly the two warnings for the entries without a
// description, at their title lines.
func TestSeed(t *testing.T) {
	recs, ps := readFixture(t, "seed.txt")
	if len(ps) != 0 {
		t.Errorf("problems reading the seed: %v", ps)
	}
	type want struct {
		id, name, acronym, section string
		kind                       schema.Kind
		scope                      schema.Scope
		line                       int
		hasDescription             bool
	}
	const (
		eu, other = schema.ScopeEU, schema.ScopeEuropean
		net, ag   = schema.KindNetwork, schema.KindAgency
		s1, s2    = "EU-focused Networks", "Other Networks"
		s3        = "Actors & Agencies"
	)
	wants := []want{
		{"eurint-network", "Eurint Network", "", s1, net, eu, 8, true},
		{"elena", "European Legal Network on Asylum", "ELENA", s1, net, eu, 12, true},
		{"epn", "European Patrols Network", "EPN", s1, net, eu, 16, true},
		{"fran", "Frontex Risk Analysis Network", "FRAN", s1, net, eu, 20, true},
		{"sircop", "SIRENE Contact Persons", "SIRCOP", s1, net, eu, 24, false},
		{"ilo", "Immigration Liaison Officers' Network", "ILO", s1, net, eu, 26, false},
		{"bsrbcc", "Baltic Sea Region Border Control Cooperation", "BSRBCC", s2, net, other, 30, true},
		{"gdisc", "General Directors' Immigration Services Conference", "GDISC", s2, net, other, 34, true},
		{"frontex", "European Agency for the Management of Operational Cooperation at the External Borders of the Member States of the European Union", "Frontex", s3, ag, eu, 41, true},
		{"easo", "European Asylum Support Office", "EASO", s3, ag, eu, 45, true},
		{"eu-lisa", "European Agency for the Operational Management of Large-Scale IT Systems in the Area of Freedom, Security and Justice", "eu-LISA", s3, ag, eu, 50, true},
	}
	if len(recs) != len(wants) {
		t.Fatalf("got %d records, want %d: %v", len(recs), len(wants), ids(recs))
	}
	for i, w := range wants {
		r := recs[i]
		got := want{r.ID, r.Name, r.Acronym, r.Section, r.Kind, r.Scope, r.Origin.Line, r.Description != ""}
		if got != w {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, got, w)
		}
		if r.Origin.File != "testdata/listing/seed.txt" {
			t.Errorf("%s: origin file %q", r.ID, r.Origin.File)
		}
		if strings.ContainsAny(r.Description, "\u00a0´") || strings.Contains(r.Description, "  ") {
			t.Errorf("%s: description not normalised: %q", r.ID, r.Description)
		}
	}
	// The NBSP and "´" of the seed are gone from the text people read.
	if epn := recs[2]; !strings.Contains(epn.Description, "Member States' existing") {
		t.Errorf("EPN description keeps its odd apostrophe: %q", epn.Description)
	}
	if lisa := recs[10]; !strings.HasPrefix(lisa.Description, "eu-LISA, the European Agency") || !strings.HasSuffix(lisa.Description, "safer Europe.") {
		t.Errorf("eu-LISA description is not the whole paragraph: %q", lisa.Description)
	}

	vps := schema.Validate(recs)
	var got []string
	for _, p := range vps {
		got = append(got, p.String())
	}
	wantVal := []string{
		"testdata/listing/seed.txt:24: sircop: description: warning: has no description",
		"testdata/listing/seed.txt:26: ilo: description: warning: has no description",
	}
	if !slices.Equal(got, wantVal) {
		t.Errorf("schema.Validate of the seed's records:\n got %q\nwant %q", got, wantVal)
	}
}

// TestSourcesListing reads the dataset's real source, which curators edit:
// it must stay a listing whose records pass validation without errors.
func TestSourcesListing(t *testing.T) {
	recs, ps, err := ReadFile("../../sources/listing.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) == 0 {
		t.Fatal("no records in sources/listing.txt")
	}
	all := append(ps, schema.Validate(recs)...)
	if all.HasErrors() {
		t.Errorf("sources/listing.txt has errors: %v", all)
	}
}

// TestOwnListings checks, beyond their goldens, the points each of the
// hand-written listings is there to exercise.
func TestOwnListings(t *testing.T) {
	find := func(t *testing.T, recs []schema.Record, id string) schema.Record {
		t.Helper()
		for _, r := range recs {
			if r.ID == id {
				return r
			}
		}
		t.Fatalf("no record %q in %v", id, ids(recs))
		return schema.Record{}
	}
	t.Run("networks", func(t *testing.T) {
		recs, ps := readFixture(t, "networks.txt")
		wantIDs := []string{"emn", "empact", "errin", "enaro", "frontex-consultative-forum-on-fundamental-rights",
			"budapest-process", "prague-process", "salzburg-forum", "marri", "soderkoping-process", "igc",
			"europol", "euaa", "icmpd", "iom"}
		if got := ids(recs); !slices.Equal(got, wantIDs) {
			t.Errorf("ids\n got %v\nwant %v", got, wantIDs)
		}
		if len(ps) != 0 {
			t.Errorf("problems: %v", ps)
		}
		euaa := find(t, recs, "euaa")
		if euaa.Acronym != "EUAA" || !slices.Equal(euaa.AltNames, []string{"EASO"}) || euaa.Name != "European Union Agency for Asylum" {
			t.Errorf("euaa: %q %q %q", euaa.Name, euaa.Acronym, euaa.AltNames)
		}
		if p, _ := euaa.Source(schema.FieldAcronym); p.Line != 58 {
			t.Errorf("euaa acronym read at %v, want the description line 58", p)
		}
		// "(MS)" for Member States in Europol's description is no acronym.
		if europol := find(t, recs, "europol"); europol.Acronym != "Europol" {
			t.Errorf("europol acronym %q", europol.Acronym)
		}
		icmpd := find(t, recs, "icmpd")
		if icmpd.Name != "International Centre for Migration Policy Development" || icmpd.Kind != schema.KindAgency || icmpd.Scope != schema.ScopeEuropean || icmpd.Origin.Line != 63 {
			t.Errorf("icmpd (untitled after a heading): %+v", icmpd)
		}
		iom := find(t, recs, "iom")
		if iom.Name != "International Organization for Migration" || iom.Acronym != "IOM" || strings.Contains(iom.Description, "Feedback") {
			t.Errorf("iom (untitled, then the closing line): %q %q %q", iom.Name, iom.Acronym, iom.Description)
		}
		salzburg := find(t, recs, "salzburg-forum")
		if salzburg.Kind != schema.KindForum || salzburg.Scope != schema.ScopeEuropean || !strings.Contains(salzburg.Description, "Austria's initiative") {
			t.Errorf("salzburg-forum: %+v", salzburg)
		}
		if s := find(t, recs, "soderkoping-process"); s.Name != "Söderköping Process" {
			t.Errorf("non-ASCII name changed: %q", s.Name)
		}
	})
	t.Run("wrapped", func(t *testing.T) {
		recs, ps := readFixture(t, "wrapped.txt")
		wantIDs := []string{"eurint", "eurlo", "reg", "rabat-process", "khartoum-process", "mtm", "cepol", "bomca"}
		if got := ids(recs); !slices.Equal(got, wantIDs) {
			t.Errorf("ids\n got %v\nwant %v", got, wantIDs)
		}
		if len(ps) != 1 || ps[0].Pos.Line != 6 || !strings.Contains(ps[0].Message, "belongs to no entry") {
			t.Errorf("want one warning for the section intro at line 6, got %v", ps)
		}
		k := find(t, recs, "khartoum-process")
		if !strings.HasPrefix(k.Description, "The EU-Horn of Africa Migration Route Initiative, known as the Khartoum Process, started") || !strings.HasSuffix(k.Description, "Africa and Europe.") {
			t.Errorf("wrapped description not joined: %q", k.Description)
		}
		if p, _ := k.Source(schema.FieldDescription); p.Line != 32 {
			t.Errorf("description position %v, want line 32", p)
		}
		if c := find(t, recs, "cepol"); c.Section != "Agencies and programmes" || c.Kind != schema.KindAgency || c.Name != "European Union Agency for Law Enforcement Training" {
			t.Errorf("cepol (numbered title under an underlined heading): %+v", c)
		}
		if e := find(t, recs, "eurint"); e.Name != "European Integrated Approach on Return Towards Third Countries" || e.Acronym != "EURINT" {
			t.Errorf("eurint (ACR – Name title): %q %q", e.Name, e.Acronym)
		}
		if m := find(t, recs, "mtm"); m.Description != "" {
			t.Errorf("mtm took the rule or the next heading as description: %q", m.Description)
		}
		if b := find(t, recs, "bomca"); strings.Contains(b.Description, "editors") {
			t.Errorf("closing line with an address joined the description: %q", b.Description)
		}
	})
	t.Run("partners", func(t *testing.T) {
		// Saved with a BOM and CR LF line breaks, numbered headings and
		// entries, titles and descriptions on one line.
		recs, ps := readFixture(t, "partners.txt")
		wantIDs := []string{"ecre", "ens", "picum", "unhcr", "eastern-partnership-panel-on-migration-mobility-and-integrated-border-management", "council-of-europe"}
		if got := ids(recs); !slices.Equal(got, wantIDs) {
			t.Errorf("ids\n got %v\nwant %v", got, wantIDs)
		}
		if len(ps) != 0 {
			t.Errorf("problems: %v", ps)
		}
		if r := find(t, recs, "ecre"); r.Section != "Civil society networks" || r.Name != "European Council on Refugees and Exiles" {
			t.Errorf("ecre: section %q name %q", r.Section, r.Name)
		}
		if r := find(t, recs, "picum"); r.Name != "Platform for International Cooperation on Undocumented Migrants" || !strings.HasPrefix(r.Description, "A network of organisations") {
			t.Errorf("picum (title: description): %q %q", r.Name, r.Description)
		}
		if r := find(t, recs, "unhcr"); !slices.Equal(r.AltNames, []string{"UN Refugee Agency"}) || r.Kind != schema.KindAgency || r.Scope != schema.ScopeEuropean {
			t.Errorf("unhcr: %q %q %q", r.AltNames, r.Kind, r.Scope)
		}
		if r := find(t, recs, "council-of-europe"); r.Description != "" {
			t.Errorf("closing question read as description: %q", r.Description)
		}
	})
	t.Run("noheadings", func(t *testing.T) {
		recs, ps := readFixture(t, "noheadings.txt")
		if len(ps) != 0 {
			t.Errorf("problems: %v", ps)
		}
		type ks struct {
			id     string
			kind   schema.Kind
			source bool
		}
		var got []ks
		for _, r := range recs {
			_, src := r.Source(schema.FieldKind)
			got = append(got, ks{r.ID, r.Kind, src})
			if r.Section != "" || r.Scope != schema.ScopeEU {
				t.Errorf("%s: section %q scope %q", r.ID, r.Section, r.Scope)
			}
			if _, ok := r.Source(schema.FieldScope); ok {
				t.Errorf("%s: a default scope has a source position", r.ID)
			}
		}
		want := []ks{{"medcgff", schema.KindForum, true}, {"ecgff", schema.KindForum, true}, {"emsa", schema.KindAgency, true}, {"frontex", schema.KindNetwork, false}}
		if !slices.Equal(got, want) {
			t.Errorf("kinds from titles\n got %v\nwant %v", got, want)
		}
	})
}

func ids(recs []schema.Record) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r.ID)
	}
	return out
}

// variant is a rewriting of a listing that must not change what is read.
type variant struct {
	name string
	f    func(string) string
}

// variants are the irregularities of hand-written files.
func variants() []variant {
	return []variant{
		{"CRLF", func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }},
		{"CR", func(s string) string { return strings.ReplaceAll(s, "\n", "\r") }},
		{"BOM", func(s string) string { return "\uFEFF" + s }},
		{"BOM+CRLF", func(s string) string { return "\uFEFF" + strings.ReplaceAll(s, "\n", "\r\n") }},
		{"final newline", func(s string) string { return strings.TrimRight(s, "\n") + "\n" }},
		{"no final newline", func(s string) string { return strings.TrimRight(s, "\n") }},
		{"tabs", func(s string) string { return strings.ReplaceAll(s, " ", "\t") }},
		{"double spaces", func(s string) string { return strings.ReplaceAll(s, " ", "  ") }},
		{"trailing spaces", func(s string) string { return strings.ReplaceAll(s, "\n", " \t \n") }},
		{"leading spaces", func(s string) string { return strings.ReplaceAll(s, "\n", "\n  ") }},
		{"NBSP", func(s string) string { return strings.ReplaceAll(s, " ", "\u00a0") }},
		{"other spaces", func(s string) string {
			return strings.NewReplacer("a ", "a\u2009", "e ", "e\u202f", "s ", "s\u3000").Replace(s)
		}},
		{"spaces on blank lines", func(s string) string { return strings.ReplaceAll(s, "\n\n", "\n \t\u00a0\n") }},
		{"acute accent apostrophe", func(s string) string { return strings.ReplaceAll(s, "'", "´") }},
		{"typographic apostrophe", func(s string) string { return strings.ReplaceAll(s, "'", "\u2019") }},
		{"backtick apostrophe", func(s string) string { return strings.ReplaceAll(s, "'", "`") }},
		{"zero-width spaces", func(s string) string { return strings.ReplaceAll(s, "Network", "Net\u200bwork") }},
		{"decomposed accents", func(s string) string { return strings.ReplaceAll(s, "ö", "o\u0308") }},
	}
}

// TestIrregularitiesDoNotChangeRecords reads every fixture in every variant
// and requires exactly the records and problems of the plain file,
// positions included (no variant adds or removes a line).
func TestIrregularitiesDoNotChangeRecords(t *testing.T) {
	for _, base := range fixtures(t) {
		stored, err := os.ReadFile(filepath.Join(testdata, base))
		if err != nil {
			t.Fatal(err)
		}
		// Variants start from the file with LF line breaks and no BOM; the
		// stored bytes are one more variant.
		plain := strings.TrimPrefix(strings.ReplaceAll(string(stored), "\r\n", "\n"), "\uFEFF")
		want, wantPs, err := Read(strings.NewReader(plain), base)
		if err != nil {
			t.Fatal(err)
		}
		all := append([]variant{{"as stored", func(string) string { return string(stored) }}}, variants()...)
		for _, v := range all {
			t.Run(base+"/"+v.name, func(t *testing.T) {
				in := v.f(plain)
				if in == plain && v.name != "final newline" && v.name != "no final newline" && v.name != "as stored" {
					t.Skipf("%s does not change %s", v.name, base)
				}
				got, gotPs, err := Read(strings.NewReader(in), base)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(dumpOf(got, gotPs), dumpOf(want, wantPs)) {
					a, _ := json.MarshalIndent(dumpOf(want, wantPs), "", " ")
					b, _ := json.MarshalIndent(dumpOf(got, gotPs), "", " ")
					t.Errorf("%s changes what is read:\n%s", v.name, lineDiff(string(a), string(b)))
				}
			})
		}
	}
}

// rec is the part of a record a table case checks; empty strings are
// checked too (a field that must stay empty).
type rec struct {
	id, name, acronym, section string
	kind                       schema.Kind
	scope                      schema.Scope
	desc                       string // prefix of the description; "-" for none
	origin                     int
}

func TestReadCases(t *testing.T) {
	const (
		eu, other       = schema.ScopeEU, schema.ScopeEuropean
		net, fo, ag     = schema.KindNetwork, schema.KindForum, schema.KindAgency
		intro           = "Bodies of the field\n\nAn intro paragraph that is not a record. It ends with a full stop.\n\n"
		desc            = "It is a long enough description sentence about the body."
		descCRLF        = "Bodies\r\n\r\nIntro text here.\r\n\r\nNetworks:\r\n\r\nEurint Network\r\n\r\nThe Eurint network is a partnership.\r\n"
		noFinalNewline  = intro + "Networks:\n\nEurint Network\n\nThe Eurint network is a partnership."
		bomListing      = "\uFEFF" + intro + "Networks:\n\nEurint Network\n\n" + desc + "\n"
		tabsListing     = intro + "Networks:\n\n\tEurint\tNetwork \t\n\n" + desc + "\n"
		nbspListing     = intro + "Networks:\n\nEurint\u00a0Network\u00a0\n\nThe\u00a0network is\u00a0 a partnership.\n"
		apostropheTitle = intro + "Networks:\n\nGeneral Directors´ Immigration Services Conference\n\nGDISC is an informal network of Directors´ services.\n"
	)
	cases := []struct {
		name     string
		in       string
		want     []rec
		problems []string // substrings, one per problem, in order
	}{
		{"CRLF", descCRLF, []rec{{"eurint-network", "Eurint Network", "", "Networks", net, eu, "The Eurint network is a partnership.", 7}}, nil},
		{"BOM", bomListing, []rec{{"eurint-network", "Eurint Network", "", "Networks", net, eu, desc, 7}}, nil},
		{"tabs and trailing spaces", tabsListing, []rec{{"eurint-network", "Eurint Network", "", "Networks", net, eu, desc, 7}}, nil},
		{"NBSP", nbspListing, []rec{{"eurint-network", "Eurint Network", "", "Networks", net, eu, "The network is a partnership.", 7}}, nil},
		{"acute accent as apostrophe", apostropheTitle, []rec{{"gdisc", "General Directors' Immigration Services Conference", "GDISC", "Networks", net, eu, "GDISC is an informal network of Directors' services.", 7}}, nil},
		{"no final newline", noFinalNewline, []rec{{"eurint-network", "Eurint Network", "", "Networks", net, eu, "The Eurint network is a partnership.", 7}}, nil},
		{
			"entries without description, before a title and before a heading",
			intro + "Networks:\n\nSIRENE Contact Persons (SIRCOP)\n\nImmigration Liaison Officers' (ILO) Network\n\nOther Networks:\n\nBaltic Sea Region Border Control Cooperation (BSRBCC)\n\n" + desc + "\n",
			[]rec{
				{"sircop", "SIRENE Contact Persons", "SIRCOP", "Networks", net, eu, "-", 7},
				{"ilo", "Immigration Liaison Officers' Network", "ILO", "Networks", net, eu, "-", 9},
				{"bsrbcc", "Baltic Sea Region Border Control Cooperation", "BSRBCC", "Other Networks", net, other, desc, 13},
			}, nil,
		},
		{
			"sentence-case title without description is not a heading",
			intro + "EU-focused Networks:\n\nEuropean network of return experts\n\nNetwork for Return Counselling (NRC)\n\n" + desc + "\n",
			[]rec{
				{"european-network-of-return-experts", "European network of return experts", "", "EU-focused Networks", net, eu, "-", 7},
				{"nrc", "Network for Return Counselling", "NRC", "EU-focused Networks", net, eu, desc, 9},
			}, nil,
		},
		{
			"entry without description at the end",
			intro + "Forums:\n\nSalzburg Forum\n\n" + desc + "\n\nBudapest Process\n",
			[]rec{
				{"salzburg-forum", "Salzburg Forum", "", "Forums", fo, eu, desc, 7},
				{"budapest-process", "Budapest Process", "", "Forums", fo, eu, "-", 11},
			}, nil,
		},
		{
			"untitled paragraph after a description",
			intro + "Agencies:\n\nEuropean Asylum Support Office\n\nEASO was established to help. " + desc + "\n\n\neu-LISA, the European Agency for the Operational Management of Large-Scale IT Systems in the Area of Freedom, Security and Justice, is called to support the Member States (MS) in their efforts.",
			[]rec{
				{"easo", "European Asylum Support Office", "EASO", "Agencies", ag, eu, "EASO was established", 7},
				{"eu-lisa", "European Agency for the Operational Management of Large-Scale IT Systems in the Area of Freedom, Security and Justice", "eu-LISA", "Agencies", ag, eu, "eu-LISA, the European Agency", 12},
			}, nil,
		},
		{
			"untitled paragraph with a short name and with a bracketed acronym",
			intro + "Agencies:\n\nEuropol, the European Union Agency for Law Enforcement Cooperation, supports the Member States.\n\nThe International Organization for Migration (IOM) is an intergovernmental organisation.\n",
			[]rec{
				{"europol", "European Union Agency for Law Enforcement Cooperation", "Europol", "Agencies", ag, eu, "Europol, the", 7},
				{"iom", "International Organization for Migration", "IOM", "Agencies", ag, eu, "The International", 9},
			}, nil,
		},
		{
			"untitled paragraph after a title without description",
			intro + "Networks:\n\nSIRENE Contact Persons (SIRCOP)\n\neu-LISA, the European Agency for Large-Scale IT Systems, is called to help.\n\nEurint Network\n\nEURINT, the European Integrated Approach on Return Towards Third Countries, is a network.\n\nEuropean Asylum Support Office\n\nThe European Asylum Support Office (EASO) is an agency.\n",
			[]rec{
				{"sircop", "SIRENE Contact Persons", "SIRCOP", "Networks", net, eu, "-", 7},
				{"eu-lisa", "European Agency for Large-Scale IT Systems", "eu-LISA", "Networks", net, eu, "eu-LISA, the", 9},
				{"eurint-network", "Eurint Network", "", "Networks", net, eu, "EURINT, the", 11},
				{"easo", "European Asylum Support Office", "EASO", "Networks", net, eu, "The European Asylum", 15},
			}, nil,
		},
		{
			"second paragraph continues a description",
			intro + "Agencies:\n\nEuropean Asylum Support Office (EASO)\n\n" + desc + "\n\nHowever, the European Union Agency for Asylum, which replaced it, took over its tasks in 2022.\n\nEASO, as it was called, had its seat in Valletta.\n\nFrontex\n\n" + desc + "\n\nIt has its seat in Warsaw.\n\nMore on it later.\n",
			[]rec{
				{"easo", "European Asylum Support Office", "EASO", "Agencies", ag, eu, desc + "\n\nHowever, the European Union Agency for Asylum, which replaced it, took over its tasks in 2022.\n\nEASO, as it was called, had its seat in Valletta.", 7},
				{"frontex", "Frontex", "", "Agencies", ag, eu, desc + "\n\nIt has its seat in Warsaw.", 15},
			},
			nil,
		},
		{
			"acronym at the end, in the middle, short name",
			intro + "Networks:\n\nEuropean Legal Network on Asylum (ELENA)\n\n" + desc + "\n\nImmigration Liaison Officers' (ILO) Network\n\n" + desc + "\n\nEuropean Agency for the Management of Operational Cooperation at the External Borders (Frontex)\n\n" + desc + "\n",
			[]rec{
				{"elena", "European Legal Network on Asylum", "ELENA", "Networks", net, eu, desc, 7},
				{"ilo", "Immigration Liaison Officers' Network", "ILO", "Networks", net, eu, desc, 11},
				{"frontex", "European Agency for the Management of Operational Cooperation at the External Borders", "Frontex", "Networks", net, eu, desc, 15},
			}, nil,
		},
		{
			"acronym only in the description, matched against the initials",
			intro + "Networks:\n\nEuropean Patrols Network\n\nThe EPN is a concept of the Member States (MS).\n\nFrontex Risk Analysis Network\n\nFrontex runs the Frontex Risk Analysis Network (FRAN) with the EU.\n\nGeneral Directors' Immigration Services Conference\n\nGDISC is an informal network.\n\nEurint Network\n\nThe Eurint network works with the EU Agency of Frontex and the MS.\n",
			[]rec{
				{"epn", "European Patrols Network", "EPN", "Networks", net, eu, "The EPN", 7},
				{"fran", "Frontex Risk Analysis Network", "FRAN", "Networks", net, eu, "Frontex runs", 11},
				{"gdisc", "General Directors' Immigration Services Conference", "GDISC", "Networks", net, eu, "GDISC is", 15},
				{"eurint-network", "Eurint Network", "", "Networks", net, eu, "The Eurint", 19},
			}, nil,
		},
		{
			"title that is an acronym alone, spelled out in the description",
			intro + "Platforms:\n\nEMPACT\n\nThe European Multidisciplinary Platform Against Criminal Threats (EMPACT) is driven by the Member States.\n",
			[]rec{{"empact", "European Multidisciplinary Platform Against Criminal Threats", "EMPACT", "Platforms", net, eu, "The European", 7}},
			nil,
		},
		{
			"dash between acronym and name",
			intro + "Networks:\n\nEURINT – European Integrated Approach on Return Towards Third Countries\n\n" + desc + "\n\nSalzburg Forum - SF\n\n" + desc + "\n",
			[]rec{
				{"eurint", "European Integrated Approach on Return Towards Third Countries", "EURINT", "Networks", net, eu, desc, 7},
				{"sf", "Salzburg Forum", "SF", "Networks", net, eu, desc, 11},
			}, nil,
		},
		{
			"closing lines are not entries",
			intro + "Networks:\n\nEurint Network\n\n" + desc + "\n\nFeedback is welcome!\n",
			[]rec{{"eurint-network", "Eurint Network", "", "Networks", net, eu, desc, 7}}, nil,
		},
		{
			"closing line after an entry without description",
			intro + "Networks:\n\nEurint Network\n\nFeedback is welcome!",
			[]rec{{"eurint-network", "Eurint Network", "", "Networks", net, eu, "-", 7}}, nil,
		},
		{
			"closing sentence and address after the last description",
			intro + "Networks:\n\nEurint Network\n\n" + desc + "\n\nLast updated in March.\n\nWrite to editors@example.org",
			[]rec{{"eurint-network", "Eurint Network", "", "Networks", net, eu, desc, 7}}, nil,
		},
		{
			"headings with and without colon, any wording",
			intro + "EU-focused Networks:\n\nEurint Network\n\n" + desc + "\n\n\nActors & Agencies\n\nEuropean Asylum Support Office\n\n" + desc + "\n\nRegional cooperation\n\nSalzburg Forum\n\n" + desc + "\n\nNON-EU FORUMS\n\nBudapest Process\n\n" + desc + "\n\n## Wider Europe\n\nPrague Process\n\n" + desc + "\n",
			[]rec{
				{"eurint-network", "Eurint Network", "", "EU-focused Networks", net, eu, desc, 7},
				{"european-asylum-support-office", "European Asylum Support Office", "", "Actors & Agencies", ag, eu, desc, 14},
				{"salzburg-forum", "Salzburg Forum", "", "Regional cooperation", fo, other, desc, 20},
				{"budapest-process", "Budapest Process", "", "NON-EU FORUMS", fo, other, desc, 26},
				{"prague-process", "Prague Process", "", "Wider Europe", fo, other, desc, 32},
			}, nil,
		},
		{
			"heading naming two kinds lets the title choose",
			intro + "Networks and Forums\n\nSalzburg Forum\n\n" + desc + "\n\nEuropean Migration Network\n\n" + desc + "\n\nGeneral Directors' Immigration Services Conference\n\n" + desc + "\n",
			[]rec{
				{"salzburg-forum", "Salzburg Forum", "", "Networks and Forums", fo, eu, desc, 7},
				{"european-migration-network", "European Migration Network", "", "Networks and Forums", net, eu, desc, 11},
				{"general-directors-immigration-services-conference", "General Directors' Immigration Services Conference", "", "Networks and Forums", fo, eu, desc, 15},
			}, nil,
		},
		{
			"title with a colon and a description is an entry",
			intro + "Networks:\n\nEurint Network:\n\n" + desc + "\n\nFrontex:\n\n" + desc + "\n",
			[]rec{
				{"eurint-network", "Eurint Network", "", "Networks", net, eu, desc, 7},
				{"frontex", "Frontex", "", "Networks", net, eu, desc, 11},
			}, nil,
		},
		{
			"title directly above its wrapped description, no blank lines",
			"Bodies\nIntro text that is not a record.\n\nNetworks\nEuropean Patrols Network\nThe EPN is a permanent regional border security concept that\nenables the synchronization of national measures.\nFrontex Risk Analysis Network\nThe FRAN links the intelligence\nnetworks of European countries.\n",
			[]rec{
				{"epn", "European Patrols Network", "EPN", "Networks", net, eu, "The EPN is a permanent regional border security concept that enables the synchronization of national measures.", 5},
				{"fran", "Frontex Risk Analysis Network", "FRAN", "Networks", net, eu, "The FRAN links the intelligence networks of European countries.", 8},
			}, nil,
		},
		{
			"a list of titles under a heading",
			intro + "Other networks:\nSalzburg Forum\nBudapest Process\nPrague Process\n",
			[]rec{
				{"salzburg-forum", "Salzburg Forum", "", "Other networks", net, other, "-", 6},
				{"budapest-process", "Budapest Process", "", "Other networks", net, other, "-", 7},
				{"prague-process", "Prague Process", "", "Other networks", net, other, "-", 8},
			}, nil,
		},
		{
			"formerly in brackets is an alternative name",
			intro + "Agencies:\n\nEuropean Union Agency for Asylum (EUAA) (formerly EASO)\n\n" + desc + "\n",
			[]rec{{"euaa", "European Union Agency for Asylum", "EUAA", "Agencies", ag, eu, desc, 7}}, nil,
		},
		{
			"no sections",
			"Bodies\n\nEurint Network\n\n" + desc + "\n\nEuropean Asylum Support Office\n\n" + desc + "\n",
			[]rec{
				{"eurint-network", "Eurint Network", "", "", net, eu, desc, 3},
				{"european-asylum-support-office", "European Asylum Support Office", "", "", ag, eu, desc, 7},
			}, nil,
		},
		{
			"section intro paragraph belongs to no entry",
			intro + "Networks:\n\nThe networks below are all funded by the Union.\n\nEurint Network\n\n" + desc + "\n",
			[]rec{{"eurint-network", "Eurint Network", "", "Networks", net, eu, desc, 9}},
			[]string{`:7: warning: paragraph under "Networks" before its first entry belongs to no entry`},
		},
		{
			"empty section",
			intro + "Networks:\n\nForums:\n\nSalzburg Forum\n\n" + desc + "\n",
			[]rec{{"salzburg-forum", "Salzburg Forum", "", "Forums", fo, eu, desc, 9}},
			[]string{`:5: warning: section "Networks" has no entries`},
		},
		{
			"numbered headings and entries",
			intro + "I. EU-focused Networks\n\n1. Eurint Network\n\n" + desc + "\n\nII. Other Networks\n\na) Salzburg Forum\n\n" + desc + "\n",
			[]rec{
				{"eurint-network", "Eurint Network", "", "EU-focused Networks", net, eu, desc, 7},
				{"salzburg-forum", "Salzburg Forum", "", "Other Networks", net, other, desc, 13},
			}, nil,
		},
		{
			"short lines between the intro and the first heading are intro",
			intro + "Version 3, May 2024\n\nNetworks:\n\nEurint Network\n\n" + desc + "\n",
			[]rec{{"eurint-network", "Eurint Network", "", "Networks", net, eu, desc, 9}},
			[]string{`:5: warning: line "Version 3, May 2024" is read as part of the intro, not as an entry`},
		},
		{
			"subtitle in sentence case, more intro, no headings",
			"Bodies\n\nWork in progress\n\nAn intro paragraph that is not a record.\n\nEurint Network\n\n" + desc + "\n",
			[]rec{{"eurint-network", "Eurint Network", "", "", net, eu, desc, 7}},
			[]string{`:3: warning: line "Work in progress" is read as part of the intro, not as an entry`},
		},
		{
			"title and description on one line",
			intro + "Forums:\n\nSalzburg Forum: a Central European security partnership founded in 2000.\n\nEMN – The European Migration Network provides information.\n\nBudapest Process - a consultative forum of more than 50 governments.\n\nNote: these forums meet yearly.\n",
			[]rec{
				{"salzburg-forum", "Salzburg Forum", "", "Forums", fo, eu, "A Central European security partnership founded in 2000.", 7},
				{"emn", "EMN", "", "Forums", fo, eu, "The European Migration Network provides information.", 9},
				{"budapest-process", "Budapest Process", "", "Forums", fo, eu, "A consultative forum of more than 50 governments.", 11},
			}, nil,
		},
		{
			"title only",
			"Just a title\n",
			nil,
			[]string{":1: warning: the listing has no entries"},
		},
		{
			"control character",
			intro + "Networks:\n\nEurint\x01Network\n\n" + desc + "\n",
			[]rec{{"eurint-network", "Eurint Network", "", "Networks", net, eu, desc, 7}},
			[]string{":7: warning: control character U+0001 read as a space"},
		},
		{
			"name without Latin letters gets a line id and an error",
			intro + "Networks:\n\nΔίκτυο\n\n" + desc + "\n",
			[]rec{{"entry-7", "Δίκτυο", "", "Networks", net, eu, desc, 7}},
			[]string{`:7: entry-7: id: no id can be made from "Δίκτυο"`},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			recs, ps, err := Read(strings.NewReader(c.in), "l.txt")
			if err != nil {
				t.Fatal(err)
			}
			var got []rec
			for _, r := range recs {
				d := r.Description
				if d == "" {
					d = "-"
				}
				got = append(got, rec{r.ID, r.Name, r.Acronym, r.Section, r.Kind, r.Scope, d, r.Origin.Line})
				if r.Origin.File != "l.txt" {
					t.Errorf("%s: origin file %q", r.ID, r.Origin.File)
				}
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %d records, want %d:\n got %+v\nwant %+v", len(got), len(c.want), got, c.want)
			}
			for i := range got {
				g, w := got[i], c.want[i]
				if strings.HasPrefix(g.desc, w.desc) {
					g.desc = w.desc
				}
				if g != w {
					t.Errorf("record %d:\n got %+v\nwant %+v", i, got[i], w)
				}
			}
			if len(ps) != len(c.problems) {
				t.Fatalf("problems %v, want %d like %q", ps, len(c.problems), c.problems)
			}
			for i, p := range ps {
				if !strings.Contains(p.String(), c.problems[i]) {
					t.Errorf("problem %q, want it to contain %q", p, c.problems[i])
				}
			}
		})
	}
}

// TestPositions checks the position of each field kind on a small listing,
// including an acronym found on the second line of a wrapped description.
func TestPositions(t *testing.T) {
	in := "Bodies\n\nIntro.\n\nNetworks:\n\nEuropean Patrols Network\n\nA concept of the States, wrapped over\ntwo lines; the EPN is it.\n\nEuropean Legal Network on Asylum (ELENA) (formerly ELN) (https://ecre.org/elena)\n"
	recs, _, err := Read(strings.NewReader(in), "p.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 {
		t.Fatalf("records %v", ids(recs))
	}
	check := func(r schema.Record, want map[schema.Field]int) {
		t.Helper()
		for f, line := range want {
			p, ok := r.Source(f)
			if line == 0 {
				if ok {
					t.Errorf("%s %s: has source %v, want none", r.ID, f, p)
				}
				continue
			}
			if !ok || p != (schema.Position{File: "p.txt", Line: line}) {
				t.Errorf("%s %s: source %v (%v), want p.txt:%d", r.ID, f, p, ok, line)
			}
		}
	}
	check(recs[0], map[schema.Field]int{
		schema.FieldID: 7, schema.FieldName: 7, schema.FieldAcronym: 10, schema.FieldDescription: 9,
		schema.FieldDescriptionLang: 0, schema.FieldKind: 5, schema.FieldScope: 5, schema.FieldAltNames: 0,
	})
	check(recs[1], map[schema.Field]int{
		schema.FieldID: 12, schema.FieldName: 12, schema.FieldAcronym: 12, schema.FieldAltNames: 12,
		schema.FieldDescription: 0, schema.FieldDescriptionLang: 0, schema.FieldKind: 5,
		schema.FieldWebsite: 12,
	})
	if recs[1].Website != "https://ecre.org/elena" || recs[0].Website != "" {
		t.Errorf("websites %q %q", recs[0].Website, recs[1].Website)
	}
	if !slices.Equal(recs[1].AltNames, []string{"ELN"}) {
		t.Errorf("alt names %q", recs[1].AltNames)
	}
}

// errReader returns some text, then fails.
type errReader struct {
	text string
	err  error
}

func (r *errReader) Read(p []byte) (int, error) {
	if r.text == "" {
		return 0, r.err
	}
	n := copy(p, r.text)
	r.text = r.text[n:]
	return n, nil
}

func TestReadErrors(t *testing.T) {
	long := "Title\n" + strings.Repeat("x", 10<<20) + "\nmore\n"
	errDisk := errors.New("disk on fire")
	binaryLate := "Title\n" + strings.Repeat("text line\n", 1000) + "bad\x00line\n"
	cases := []struct {
		name string
		in   io.Reader
		want error
		msg  string // the whole message
	}{
		{"empty", strings.NewReader(""), ErrEmpty, "in.txt: " + ErrEmpty.Error()},
		{"blank lines only", strings.NewReader("\n \t\n\u00a0\r\n"), ErrEmpty, "in.txt: " + ErrEmpty.Error()},
		{"BOM only", strings.NewReader("\uFEFF"), ErrEmpty, "in.txt: " + ErrEmpty.Error()},
		{"decoration only", strings.NewReader("-----\n*****\n"), ErrEmpty, "in.txt: " + ErrEmpty.Error()},
		{"binary", bytes.NewReader([]byte("PK\x03\x04\x00\x00\x08")), ErrBinary, "in.txt:1:5: " + ErrBinary.Error()},
		{"binary after the sniffed start", strings.NewReader(binaryLate), ErrBinary, "in.txt:1002:4: " + ErrBinary.Error()},
		{"binary on line 3", strings.NewReader("a\r\nb\rc\x00"), ErrBinary, "in.txt:3:2: " + ErrBinary.Error()},
		{"invalid UTF-8", strings.NewReader("Title\n\nLatin-1 caf\xe9 text\n"), ErrInvalidUTF8, "in.txt:3:12: " + ErrInvalidUTF8.Error()},
		{"UTF-16", bytes.NewReader([]byte{0xFF, 0xFE, 'T', 0, 'i', 0}), ErrInvalidUTF8, "in.txt:1:1: " + ErrInvalidUTF8.Error() + " (the file is UTF-16)"},
		{"10 MB line", strings.NewReader(long), ErrLineTooLong, "in.txt:2: " + ErrLineTooLong.Error()},
		{"read failure", &errReader{"Title\nline two\n", errDisk}, errDisk, "in.txt:3: disk on fire"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			recs, ps, err := Read(c.in, "in.txt")
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			if err.Error() != c.msg {
				t.Errorf("message %q, want %q", err, c.msg)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != "in.txt" {
				t.Errorf("not a *ParseError naming the file: %#v", err)
			}
			if recs != nil || ps != nil {
				t.Errorf("records or problems with an error: %v %v", recs, ps)
			}
		})
	}

	// A line of exactly the limit is accepted; one byte more is not.
	exact := "Title\n\n" + strings.Repeat("y ", MaxLineBytes/2-1) + "y.\n"
	if _, _, err := Read(strings.NewReader(exact), "in.txt"); err != nil {
		t.Errorf("a line of %d bytes: %v", MaxLineBytes, err)
	}
	over := "Title\n\n" + strings.Repeat("y", MaxLineBytes+1) + "\r\n"
	if _, _, err := Read(strings.NewReader(over), "in.txt"); !errors.Is(err, ErrLineTooLong) || !strings.HasPrefix(err.Error(), "in.txt:3: ") {
		t.Errorf("a line of %d bytes: %v", MaxLineBytes+1, err)
	}
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	_, _, err := ReadFile(dir)
	if !errors.Is(err, ErrDirectory) || err.Error() != filepath.ToSlash(dir)+": "+ErrDirectory.Error() {
		t.Errorf("directory: %v", err)
	}
	missing := filepath.Join(dir, "nope.txt")
	_, _, err = ReadFile(missing)
	if !errors.Is(err, fs.ErrNotExist) || !strings.HasPrefix(err.Error(), filepath.ToSlash(missing)+": ") || strings.Count(err.Error(), "nope.txt") != 1 {
		t.Errorf("missing file: %v", err)
	}
	bin := filepath.Join(dir, "x.xlsx")
	if err := os.WriteFile(bin, []byte("PK\x03\x04\x14\x00\x00\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err = ReadFile(bin); !errors.Is(err, ErrBinary) || !strings.HasPrefix(err.Error(), filepath.ToSlash(bin)+":1:6: ") {
		t.Errorf("binary file: %v", err)
	}
	recs, _, err := ReadFile(filepath.Join(testdata, "seed.txt"))
	if err != nil || len(recs) != 11 || recs[0].Origin.File != filepath.ToSlash(filepath.Join(testdata, "seed.txt")) {
		t.Errorf("ReadFile(seed): %d records, origin %v, err %v", len(recs), recs[0].Origin, err)
	}
}

func TestParseErrorString(t *testing.T) {
	for _, c := range []struct {
		e    ParseError
		want string
	}{
		{ParseError{File: "a.txt", Line: 3, Column: 4, Err: ErrBinary}, "a.txt:3:4: " + ErrBinary.Error()},
		{ParseError{File: "a.txt", Line: 3, Err: ErrBinary}, "a.txt:3: " + ErrBinary.Error()},
		{ParseError{File: "a.txt", Err: ErrEmpty}, "a.txt: " + ErrEmpty.Error()},
		{ParseError{Line: 2, Err: ErrEmpty}, "line 2: " + ErrEmpty.Error()},
		{ParseError{File: "a.txt"}, "a.txt: cannot read listing"},
	} {
		if got := c.e.Error(); got != c.want {
			t.Errorf("%#v: %q, want %q", c.e, got, c.want)
		}
	}
}

// TestSeedRewritten reads the seed written in other ways people write
// listings: headings without colons, in sentence case, no double blank
// lines, no blank lines at all, Markdown headings. Each must give the same
// records (ids, names, acronyms, kinds, scopes, descriptions) under the
// same sections as written.
func TestSeedRewritten(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(testdata, "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	seed := string(data)
	want, _, err := Read(strings.NewReader(seed), "seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	collapse := func(s string) string {
		for strings.Contains(s, "\n\n\n") {
			s = strings.ReplaceAll(s, "\n\n\n", "\n\n")
		}
		return s
	}
	headings := strings.NewReplacer("EU-focused Networks:\n", "EU-focused networks\n", "Other Networks:\n", "Other networks\n", "Actors & Agencies\n", "Actors and agencies\n")
	for _, c := range []struct {
		name     string
		in       string
		sections []string
	}{
		{"no colons, single blank lines", collapse(strings.ReplaceAll(seed, "Networks:\n", "Networks\n")), nil},
		{"no blank lines", strings.ReplaceAll(collapse(seed), "\n\n", "\n"), nil},
		{"sentence case headings", headings.Replace(seed), []string{"EU-focused networks", "Other networks", "Actors and agencies"}},
		{"Markdown headings", strings.NewReplacer("EU-focused Networks:", "## EU-focused Networks", "Other Networks:", "## Other Networks", "Actors & Agencies", "## Actors & Agencies").Replace(seed), nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ps, err := Read(strings.NewReader(c.in), "seed.txt")
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) != 0 {
				t.Errorf("problems: %v", ps)
			}
			if len(got) != len(want) {
				t.Fatalf("%d records %v, want %v", len(got), ids(got), ids(want))
			}
			sectionOf := map[string]string{want[0].Section: want[0].Section, want[6].Section: want[6].Section, want[8].Section: want[8].Section}
			if c.sections != nil {
				sectionOf = map[string]string{want[0].Section: c.sections[0], want[6].Section: c.sections[1], want[8].Section: c.sections[2]}
			}
			for i := range got {
				g, w := got[i], want[i]
				if g.ID != w.ID || g.Name != w.Name || g.Acronym != w.Acronym || g.Kind != w.Kind || g.Scope != w.Scope || g.Description != w.Description || g.Section != sectionOf[w.Section] {
					t.Errorf("record %d:\n got %s %q %q %s %s [%s]\nwant %s %q %q %s %s [%s]", i,
						g.ID, g.Name, g.Acronym, g.Kind, g.Scope, g.Section, w.ID, w.Name, w.Acronym, w.Kind, w.Scope, sectionOf[w.Section])
				}
			}
		})
	}
}

// TestOverlongTitleIsNotSilent: an entry title with an acronym of
// thousands of letters cannot be read as a title; it goes into the
// previous entry's description, with a warning at its line.
func TestOverlongTitleIsNotSilent(t *testing.T) {
	acronym := strings.Repeat("A", 5000)
	text := "Networks\n\nNetworks:\n\nEuropean Patrols Network (EPN)\n\nThe EPN is a network of patrols.\n\n" +
		"Long Acronym Network (" + acronym + ")\n\nThe network has a long acronym.\n\nOther Network (ON)\n\nThe ON is another network.\n"
	recs, ps, err := Read(strings.NewReader(text), "listing.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 {
		t.Fatalf("%d records, want 2 (epn, on)", len(recs))
	}
	if len(ps) != 1 || ps[0].Pos.Line != 9 || ps[0].Code != "title-too-long" || !strings.Contains(ps[0].Message, "description of the entry on line 5") {
		t.Errorf("problems %v, want one title-too-long warning at line 9", ps)
	}
}
