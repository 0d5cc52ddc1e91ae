package schema_test

import (
	"io"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/pipeline/export/ntriples/rdftest"
	"github.com/bordernet/bordernet/schema"
)

const base = "https://example.org/bn/"

func release(recs ...schema.Record) *schema.Release {
	return &schema.Release{Meta: schema.Metadata{BaseIRI: base, Language: "en"}, Records: schema.RecordSlice(recs)}
}

func triples(g schema.Graph) []schema.Triple {
	var all []schema.Triple
	for b := range g.Blocks {
		all = append(all, b...)
	}
	return all
}

func has(all []schema.Triple, s, p string, o schema.Term) bool {
	return slices.Contains(all, schema.Triple{S: schema.IRI(s), P: schema.IRI(p), O: o})
}

func TestIRIs(t *testing.T) {
	src := "https://example.org/dl/2026-11-27/source/"
	for _, tc := range []struct{ got, want string }{
		{schema.RecordIRI(base, "eu-lisa"), base + "id/eu-lisa"},
		{schema.RecordIRI(base, "a b/é#?"), base + "id/a%20b%2F%C3%A9%23%3F"},
		{schema.ConceptIRI(base, "kind", "network"), base + "vocab/kind/network"},
		{schema.ConceptIRI(base, "status", "odd value"), base + "vocab/status/odd%20value"},
		{schema.WikidataIRI("Q42"), "http://www.wikidata.org/entity/Q42"},
		{schema.CorporateBodyIRI("FRONTEX"), "http://publications.europa.eu/resource/authority/corporate-body/FRONTEX"},
		{schema.ProvenanceIRI(base, "frontex", schema.FieldAltNames), base + "id/frontex#prov-alt_names"},
		{schema.SourceIRI(src, schema.Position{File: "listing.txt", Line: 14}), src + "listing.txt#line=14"},
		{schema.SourceIRI(src, schema.Position{File: "sources/listing.txt", Line: 14}), src + "sources/listing.txt#line=14"},
		{schema.SourceIRI(src, schema.Position{File: "a/curation.xlsx", Sheet: "Records", Line: 7, Col: 4}), src + "a/curation.xlsx#Records!D7"},
		{schema.SourceIRI(src, schema.Position{File: "b/curation.xlsx", Sheet: "Records", Line: 7, Col: 4}), src + "b/curation.xlsx#Records!D7"},
		{schema.SourceIRI(src, schema.Position{File: "my folder/list ing.txt", Line: 2}), src + "my%20folder/list%20ing.txt#line=2"},
		// Paths that would leak the publisher's folders or climb out of
		// the release are reduced to their base names.
		{schema.SourceIRI(src, schema.Position{File: `C:\data\list ing.txt`, Line: 2}), src + "list%20ing.txt#line=2"},
		{schema.SourceIRI(src, schema.Position{File: "/home/me/sources/listing.txt", Line: 2}), src + "listing.txt#line=2"},
		{schema.SourceIRI(src, schema.Position{File: "../listing.txt", Line: 2}), src + "listing.txt#line=2"},
		{schema.SourceIRI(src, schema.Position{File: "c.xlsx", Sheet: "My Sheet!", Line: 7}), src + "c.xlsx#My%20Sheet%21!7:7"},
		{schema.SourceIRI(src, schema.Position{File: "c.xlsx", Sheet: "Records"}), src + "c.xlsx#Records"},
		{schema.SourceIRI(src, schema.Position{File: "listing.txt"}), src + "listing.txt"},
		{schema.ReleaseSourceBase(&schema.Metadata{BaseIRI: base, DownloadURL: "https://example.org/dl/"}, "2026-11-27"), "https://example.org/dl/2026-11-27/source/"},
		{schema.ReleaseSourceBase(&schema.Metadata{BaseIRI: base}, "2026-11-27"), base + "source/"},
		{schema.ReleaseIRI(&schema.Metadata{BaseIRI: base}, "2026-11-27"), base + "dataset/2026-11-27"},
		{schema.DistributionIRI(&schema.Metadata{BaseIRI: base}, "1.0", "source/x y/c.xlsx"), base + "distribution/1.0/source/x%20y/c.xlsx"},
		{schema.DownloadURL(&schema.Metadata{DownloadURL: "https://example.org/dl/"}, "1.0", "source/x y/c.xlsx"), "https://example.org/dl/1.0/source/x%20y/c.xlsx"},
		{schema.SourceIRI(src, schema.Position{}), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("got %s, want %s", tc.got, tc.want)
		}
		if tc.want != "" && !schema.ValidIRI(tc.got) {
			t.Errorf("%s is not a valid IRI", tc.got)
		}
	}
}

func TestDateDatatype(t *testing.T) {
	for v, want := range map[string]string{
		"2004": schema.XSDGYear, "2004-10": schema.XSDGYearMonth, "2004-10-26": schema.XSDDate,
		"2004-13": "", "2004-02-30": "", "26/10/2004": "", "": "", "0999": "", "20041": "",
	} {
		if got := schema.DateDatatype(v); got != want {
			t.Errorf("DateDatatype(%q) = %q, want %q", v, got, want)
		}
	}
}

// TestFieldPredicate checks, for every field, that a record with a value
// in that field is published with the triple FieldPredicate announces:
// the property, an IRI or a literal, and the datatype. The CSVW metadata
// is built from FieldPredicate, so this keeps it saying what the RDF says.
func TestFieldPredicate(t *testing.T) {
	members := 12
	full := schema.Record{
		ID: "x", Kind: schema.KindAgency, Scope: schema.ScopeEU, Name: "Name", Acronym: "ACR",
		AltNames: []string{"Alt"}, Description: "Desc", DescriptionLang: "de",
		Website: "https://x.example/", Founded: "2004-10", Dissolved: "2020", Status: schema.StatusSucceeded,
		Successor: "y", Parent: "p", MemberOf: []string{"m"}, PartnerOf: []string{"q"}, Members: &members,
		Seat: "Warsaw", LegalBasis: "https://eur-lex.europa.eu/x", Wikidata: "Q1", EUCorporateBody: "CB",
		SourceURLs: []string{"https://src.example/1"},
	}
	all := triples(schema.RecordGraph(release(full)))
	rec := schema.RecordIRI(base, "x")
	for _, f := range schema.Fields() {
		pred, isIRI, dt := schema.FieldPredicate(f)
		if f == schema.FieldDescriptionLang {
			if pred != "" {
				t.Errorf("description_lang has predicate %s, want none", pred)
			}
			continue
		}
		if !schema.ValidIRI(pred) {
			t.Errorf("%s: predicate %q is not an IRI", f, pred)
			continue
		}
		for _, v := range full.Values(f) {
			var o schema.Term
			switch {
			case isIRI:
				o = schema.IRI(fieldIRI(f, v))
			case dt == schema.RDFLangString:
				lang := "en"
				if f == schema.FieldDescription {
					lang = "de"
				}
				o = schema.LangLiteral(v, lang)
			case f == schema.FieldFounded || f == schema.FieldDissolved:
				if dt != "" {
					t.Errorf("%s: datatype %s, want \"\" (it depends on the value)", f, dt)
				}
				o = schema.TypedLiteral(v, schema.DateDatatype(v))
			default:
				o = schema.TypedLiteral(v, dt)
			}
			if !has(all, rec, pred, o) {
				t.Errorf("%s = %q: no triple %s %s %s", f, v, rec, pred, o)
			}
		}
	}
	if p, _, _ := schema.FieldPredicate("nonsense"); p != "" {
		t.Errorf("unknown field has predicate %q", p)
	}
}

// TestPropertiesDeclared checks RecordGraph declares every predicate it
// uses (so JSON-LD names them all in one pass) as its values are: every
// value of an IRI-valued property an IRI, of a tagged one a literal.
func TestPropertiesDeclared(t *testing.T) {
	g := schema.RecordGraph(rdftest.Release())
	declared := map[string]schema.Property{}
	for _, p := range g.Properties {
		if _, dup := declared[p.IRI]; dup {
			t.Errorf("%s declared twice", p.IRI)
		}
		declared[p.IRI] = p
	}
	used := map[string]bool{}
	for _, tr := range triples(g) {
		if tr.P.Value == schema.RDFType {
			continue
		}
		used[tr.P.Value] = true
		p, ok := declared[tr.P.Value]
		switch {
		case !ok:
			t.Errorf("%s used but not declared", tr.P.Value)
		case p.IRIValued != tr.O.IsIRI():
			t.Errorf("%s declared IRI-valued %v, has %v", tr.P.Value, p.IRIValued, tr.O)
		case p.Lang != "" && !tr.O.IsLiteral():
			t.Errorf("%s declared tagged, has %v", tr.P.Value, tr.O)
		}
	}
	for _, f := range schema.Fields() {
		if pred, isIRI, _ := schema.FieldPredicate(f); pred != "" && declared[pred].IRIValued != isIRI {
			t.Errorf("%s: FieldPredicate says IRI-valued %v, the declaration %v", f, isIRI, declared[pred].IRIValued)
		}
	}
	if len(used) < len(declared)-2 {
		t.Errorf("the fixture uses %d of %d declared properties: the test sees too little", len(used), len(declared))
	}
}

// fieldIRI is the IRI a value of an IRI-valued field becomes.
func fieldIRI(f schema.Field, v string) string {
	switch f {
	case schema.FieldKind:
		return schema.ConceptIRI(base, "kind", v)
	case schema.FieldScope:
		return schema.ConceptIRI(base, "scope", v)
	case schema.FieldStatus:
		return schema.ConceptIRI(base, "status", v)
	case schema.FieldSuccessor, schema.FieldParent, schema.FieldMemberOf, schema.FieldPartnerOf:
		return schema.RecordIRI(base, v)
	case schema.FieldWikidata:
		return schema.WikidataIRI(v)
	case schema.FieldEUCorporateBody:
		return schema.CorporateBodyIRI(v)
	}
	return v
}

func TestRecordTypes(t *testing.T) {
	org := schema.NSORG
	for kind, want := range map[schema.Kind]string{
		schema.KindAgency: org + "FormalOrganization", schema.KindNetwork: org + "OrganizationalCollaboration",
		schema.KindForum: org + "OrganizationalCollaboration", "": "",
	} {
		all := triples(schema.RecordGraph(release(schema.Record{ID: "x", Kind: kind, Name: "N"})))
		rec := schema.RecordIRI(base, "x")
		all = slices.DeleteFunc(all, func(tr schema.Triple) bool { return tr.S.Value != rec })
		if all[0] != (schema.Triple{S: schema.IRI(rec), P: schema.IRI(schema.RDFType), O: schema.IRI(org + "Organization")}) {
			t.Errorf("kind %q: first triple is %v, want the org:Organization type", kind, all[0])
		}
		var types []string
		for _, tr := range all {
			if tr.S.Value == rec && tr.P.Value == schema.RDFType {
				types = append(types, tr.O.Value)
			}
		}
		wantTypes := []string{org + "Organization"}
		if want != "" {
			wantTypes = append(wantTypes, want)
		}
		if !slices.Equal(types, wantTypes) {
			t.Errorf("kind %q: types %v, want %v", kind, types, wantTypes)
		}
	}
}

func TestLanguages(t *testing.T) {
	rec := schema.RecordIRI(base, "x")
	r := schema.Record{ID: "x", Name: "Name", Description: "Beschreibung", DescriptionLang: "de-AT"}
	rel := release(r)
	all := triples(schema.RecordGraph(rel))
	if !has(all, rec, schema.NSSKOS+"prefLabel", schema.LangLiteral("Name", "en")) {
		t.Error("name not tagged with the dataset language")
	}
	if !has(all, rec, schema.NSSchema+"description", schema.LangLiteral("Beschreibung", "de-AT")) {
		t.Error("description not tagged with description_lang")
	}
	// Without a usable language, text is published untagged rather than
	// with a tag no parser accepts.
	rel.Meta.Language = "not a tag"
	rel.Records.(schema.RecordSlice)[0].DescriptionLang = ""
	all = triples(schema.RecordGraph(rel))
	if !has(all, rec, schema.NSSKOS+"prefLabel", schema.Literal("Name")) || !has(all, rec, schema.NSSchema+"description", schema.Literal("Beschreibung")) {
		t.Errorf("untagged text missing: %v", all)
	}
}

// TestNameLanguages: each name is published with its own language (a
// curator's "@tag" after it), an acronym with its name's unless it has
// its own, and the tag never stays in the text.
func TestNameLanguages(t *testing.T) {
	rec := schema.RecordIRI(base, "x")
	for _, tc := range []struct {
		name, acronym string
		alt           []string
		want          []schema.Triple
	}{
		{"Straż Graniczna @pl", "SG", []string{"Polish Border Guard", "Grenzschutz Polen @de", "Ελληνική @el"}, []schema.Triple{
			{P: schema.IRI(schema.NSSKOS + "prefLabel"), O: schema.LangLiteral("Straż Graniczna", "pl")},
			{P: schema.IRI(schema.NSSchema + "name"), O: schema.LangLiteral("Straż Graniczna", "pl")},
			{P: schema.IRI(schema.NSSKOS + "altLabel"), O: schema.LangLiteral("SG", "pl")},
			{P: schema.IRI(schema.NSSKOS + "altLabel"), O: schema.LangLiteral("Polish Border Guard", "en")},
			{P: schema.IRI(schema.NSSKOS + "altLabel"), O: schema.LangLiteral("Grenzschutz Polen", "de")},
			{P: schema.IRI(schema.NSSchema + "alternateName"), O: schema.LangLiteral("Ελληνική", "el")},
		}},
		{"Réseau juridique européen @fr", "ELENA @en", nil, []schema.Triple{
			{P: schema.IRI(schema.NSSKOS + "prefLabel"), O: schema.LangLiteral("Réseau juridique européen", "fr")},
			{P: schema.IRI(schema.NSSKOS + "altLabel"), O: schema.LangLiteral("ELENA", "en")},
		}},
		{"European Legal Network on Asylum", "ELENA", nil, []schema.Triple{
			{P: schema.IRI(schema.NSSKOS + "prefLabel"), O: schema.LangLiteral("European Legal Network on Asylum", "en")},
			{P: schema.IRI(schema.NSSKOS + "altLabel"), O: schema.LangLiteral("ELENA", "en")},
		}},
	} {
		r := schema.Record{ID: "x", Name: tc.name, Acronym: tc.acronym, AltNames: tc.alt}
		all := triples(schema.RecordGraph(release(r)))
		for _, w := range tc.want {
			if !has(all, rec, w.P.Value, w.O) {
				t.Errorf("%s: missing %s %s", tc.name, w.P.Value, w.O)
			}
		}
		for _, tr := range all {
			if tr.O.IsLiteral() && strings.Contains(tr.O.Value, " @") {
				t.Errorf("%s: a tag left in the text: %v", tc.name, tr)
			}
		}
	}
}

func TestDuplicateValuesOnce(t *testing.T) {
	r := schema.Record{ID: "x", Name: "N", Acronym: "ABC", AltNames: []string{"ABC", "Other", "Other"}, MemberOf: []string{"y", "y"}}
	all := triples(schema.RecordGraph(release(r)))
	count := map[schema.Triple]int{}
	for _, tr := range all {
		count[tr]++
		if count[tr] > 1 {
			t.Errorf("triple twice: %v", tr)
		}
	}
	if !has(all, schema.RecordIRI(base, "x"), schema.NSSKOS+"altLabel", schema.LangLiteral("Other", "en")) {
		t.Error("alt name lost")
	}
}

func TestUnusableValuesStayValid(t *testing.T) {
	r := schema.Record{ID: "x", Name: "N", Founded: "26/10/2004", Dissolved: "2004-13"}
	all := triples(schema.RecordGraph(release(r)))
	rec := schema.RecordIRI(base, "x")
	if !has(all, rec, schema.NSSchema+"foundingDate", schema.Literal("26/10/2004")) {
		t.Error("a founding date that is not a date must be a plain string, never an ill-typed xsd:date")
	}
	if !has(all, rec, schema.NSSchema+"dissolutionDate", schema.Literal("2004-13")) {
		t.Error("a dissolution date that is not a date must be a plain string")
	}
}

// TestProvenance checks the shape of a provenance node: the statements
// it is about (rdf:subject, rdf:predicate), the field (rdfs:label) and the
// locator, and no rdf:type.
func TestProvenance(t *testing.T) {
	r := schema.Record{ID: "x", Name: "N", Website: "https://x.example/", Origin: schema.Position{File: "sources/listing.txt", Line: 3}}
	r.SetSource(schema.FieldWebsite, schema.Position{File: "sources/curation.xlsx", Sheet: "Records", Line: 5, Col: 9})
	all := triples(schema.RecordGraph(release(r)))
	rec := schema.RecordIRI(base, "x")
	node := rec + "#prov-website"
	want := []schema.Triple{
		{S: schema.IRI(node), P: schema.IRI(schema.NSRDF + "subject"), O: schema.IRI(rec)},
		{S: schema.IRI(node), P: schema.IRI(schema.NSRDF + "predicate"), O: schema.IRI(schema.NSSchema + "url")},
		{S: schema.IRI(node), P: schema.IRI(schema.NSRDFS + "label"), O: schema.Literal("website")},
		{S: schema.IRI(node), P: schema.IRI(schema.NSPROV + "wasDerivedFrom"), O: schema.IRI(base + "source/sources/curation.xlsx#Records!I5")},
	}
	var got []schema.Triple
	for _, tr := range all {
		if tr.S.Value == node {
			got = append(got, tr)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("provenance of website:\n got %v\nwant %v", got, want)
	}
	if !has(all, rec, schema.NSPROV+"wasDerivedFrom", schema.IRI(base+"source/sources/listing.txt#line=3")) {
		t.Error("record not derived from its origin line")
	}
}

// TestProvenanceNodes checks which fields get a provenance node: those
// with a value, a triple of their own, and a source other than the
// record's origin (which the record's own prov:wasDerivedFrom names).
func TestProvenanceNodes(t *testing.T) {
	listing := func(line int) schema.Position { return schema.Position{File: "sources/listing.txt", Line: line} }
	cell := func(row, col int) schema.Position {
		return schema.Position{File: "sources/curation.xlsx", Sheet: "Records", Line: row, Col: col}
	}
	full := func() schema.Record {
		return schema.Record{
			ID: "x", Kind: schema.KindNetwork, Scope: schema.ScopeEU, Name: "N", Acronym: "ACR",
			Description: "D", DescriptionLang: "en", Website: "https://x.example/",
		}
	}
	type src struct {
		f   schema.Field
		pos schema.Position
	}
	for _, tc := range []struct {
		name    string
		origin  schema.Position
		sources []src
		clear   func(*schema.Record)
		want    map[schema.Field]string // field → locator of its node
	}{
		{
			name:   "listing entry",
			origin: listing(10),
			sources: []src{
				{schema.FieldID, listing(10)}, {schema.FieldName, listing(10)}, {schema.FieldAcronym, listing(10)},
				{schema.FieldWebsite, listing(10)}, {schema.FieldDescription, listing(12)},
				{schema.FieldDescriptionLang, listing(12)}, {schema.FieldKind, listing(4)}, {schema.FieldScope, listing(4)},
			},
			want: map[schema.Field]string{
				schema.FieldDescription: "listing.txt#line=12",
				schema.FieldKind:        "listing.txt#line=4",
				schema.FieldScope:       "listing.txt#line=4",
			},
		},
		{
			name:    "everything on the title line",
			origin:  listing(10),
			sources: []src{{schema.FieldID, listing(10)}, {schema.FieldName, listing(10)}, {schema.FieldKind, listing(10)}},
			want:    map[schema.Field]string{},
		},
		{
			name:    "a name on the next line",
			origin:  listing(10),
			sources: []src{{schema.FieldID, listing(10)}, {schema.FieldName, listing(11)}},
			want:    map[schema.Field]string{schema.FieldName: "listing.txt#line=11"},
		},
		{
			name:    "same line of another file",
			origin:  listing(10),
			sources: []src{{schema.FieldName, schema.Position{File: "sources/other.txt", Line: 10}}},
			want:    map[schema.Field]string{schema.FieldName: "other.txt#line=10"},
		},
		{
			name:    "workbook cells of a listing record",
			origin:  listing(10),
			sources: []src{{schema.FieldID, listing(10)}, {schema.FieldWebsite, cell(7, 9)}, {schema.FieldAcronym, cell(7, 5)}},
			want: map[schema.Field]string{
				schema.FieldWebsite: "curation.xlsx#Records!I7",
				schema.FieldAcronym: "curation.xlsx#Records!E7",
			},
		},
		{
			name:    "record only in a workbook: every cell differs from the row",
			origin:  schema.Position{File: "sources/curation.xlsx", Sheet: "Records", Line: 7},
			sources: []src{{schema.FieldID, cell(7, 1)}, {schema.FieldName, cell(7, 4)}},
			want: map[schema.Field]string{
				schema.FieldID:   "curation.xlsx#Records!A7",
				schema.FieldName: "curation.xlsx#Records!D7",
			},
		},
		{
			name:    "description_lang elsewhere than the description: no node of its own",
			origin:  listing(10),
			sources: []src{{schema.FieldDescription, listing(10)}, {schema.FieldDescriptionLang, cell(7, 8)}},
			want:    map[schema.Field]string{},
		},
		{
			name:    "no value, no node",
			origin:  listing(10),
			sources: []src{{schema.FieldSeat, cell(7, 18)}, {schema.FieldWebsite, cell(7, 9)}},
			clear:   func(r *schema.Record) { r.Website = "" },
			want:    map[schema.Field]string{},
		},
		{
			name:    "no origin: every source is a node",
			sources: []src{{schema.FieldID, listing(10)}, {schema.FieldName, listing(10)}},
			want: map[schema.Field]string{
				schema.FieldID:   "listing.txt#line=10",
				schema.FieldName: "listing.txt#line=10",
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := full()
			r.Origin = tc.origin
			for _, s := range tc.sources {
				r.SetSource(s.f, s.pos)
			}
			if tc.clear != nil {
				tc.clear(&r)
			}
			all := triples(schema.RecordGraph(release(r)))
			rec := schema.RecordIRI(base, "x")
			got := map[schema.Field]string{}
			nodes := map[string]int{}
			for _, tr := range all {
				field, ok := strings.CutPrefix(tr.S.Value, rec+"#prov-")
				if !ok {
					continue
				}
				nodes[field]++
				if tr.P.Value == schema.NSPROV+"wasDerivedFrom" {
					got[schema.Field(field)] = strings.TrimPrefix(tr.O.Value, base+"source/sources/")
				}
			}
			if !maps.Equal(got, tc.want) {
				t.Errorf("provenance nodes %v, want %v", got, tc.want)
			}
			for field, n := range nodes {
				if n != 4 {
					t.Errorf("node of %s has %d triples, want 4", field, n)
				}
			}
			origin := schema.SourceIRI(base+"source/", tc.origin)
			if derived := has(all, rec, schema.NSPROV+"wasDerivedFrom", schema.IRI(origin)); derived != (origin != "") {
				t.Errorf("record derived from its origin %q: %v", origin, derived)
			}
		})
	}
}

func TestConceptSchemes(t *testing.T) {
	all := triples(schema.RecordGraph(release()))
	check := func(scheme string, values []string) {
		s := base + "vocab/" + scheme
		if !has(all, s, schema.RDFType, schema.IRI(schema.NSSKOS+"ConceptScheme")) {
			t.Errorf("no concept scheme %s", s)
		}
		for _, v := range values {
			c := schema.ConceptIRI(base, scheme, v)
			for _, tr := range []struct {
				p string
				o schema.Term
			}{
				{schema.RDFType, schema.IRI(schema.NSSKOS + "Concept")},
				{schema.NSSKOS + "prefLabel", schema.LangLiteral(v, "en")},
				{schema.NSSKOS + "notation", schema.Literal(v)},
				{schema.NSSKOS + "inScheme", schema.IRI(s)},
				{schema.NSSKOS + "topConceptOf", schema.IRI(s)},
			} {
				if !has(all, c, tr.p, tr.o) {
					t.Errorf("concept %s lacks %s %s", c, tr.p, tr.o)
				}
			}
			if !has(all, s, schema.NSSKOS+"hasTopConcept", schema.IRI(c)) {
				t.Errorf("scheme %s lacks top concept %s", s, c)
			}
			def := false
			for _, tr := range all {
				def = def || tr.S.Value == c && tr.P.Value == schema.NSSKOS+"definition" && tr.O.Lang == "en" && len(tr.O.Value) > 20
			}
			if !def {
				t.Errorf("concept %s has no English definition", c)
			}
		}
	}
	var kinds, scopes, statuses []string
	for _, k := range schema.Kinds() {
		kinds = append(kinds, string(k))
	}
	for _, s := range schema.Scopes() {
		scopes = append(scopes, string(s))
	}
	for _, s := range schema.Statuses() {
		statuses = append(statuses, string(s))
	}
	check("kind", kinds)
	check("scope", scopes)
	check("status", statuses)
}

// TestGraphValid checks every triple of the fixture release passes
// Check (so no writer can refuse the graph of valid records) and that
// there is no blank node.
func TestGraphValid(t *testing.T) {
	for _, tr := range triples(schema.RecordGraph(rdftest.Release())) {
		if err := tr.Check(); err != nil {
			t.Errorf("%v: %v", tr, err)
		}
		if tr.S.Kind == schema.TermBlank || tr.O.Kind == schema.TermBlank {
			t.Errorf("blank node in %v", tr)
		}
	}
}

// TestBlocksInLineOrder checks the promise sorted N-Triples rests on: each
// block, its lines sorted, sorts after the blocks before it, for ids that
// are prefixes of one another in random order, with and without
// provenance nodes (no source, a source at the origin, a source
// elsewhere), and publishes each record once.
func TestBlocksInLineOrder(t *testing.T) {
	ids := []string{"a", "a-b", "ab", "a0", "a-b-c", "a-0", "b", "a-bc", "a9", "z", "a-b0", "0", "0-a", "a-b-c-d"}
	rng := rand.New(rand.NewPCG(7, 9))
	for round := range 100 {
		rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
		var recs []schema.Record
		wantNode := map[string]bool{}
		for i, id := range ids {
			r := schema.Record{ID: id, Name: "N"}
			pos := schema.Position{File: "l.txt", Line: 2*i + 1}
			switch rng.IntN(4) {
			case 1: // no origin: a node
				r.SetSource(schema.FieldName, pos)
				wantNode[id] = true
			case 2: // read at the origin: no node
				r.Origin = pos
				r.SetSource(schema.FieldName, pos)
			case 3: // read elsewhere: a node
				r.Origin = pos
				r.SetSource(schema.FieldName, schema.Position{File: "l.txt", Line: 2*i + 2})
				wantNode[id] = true
			}
			recs = append(recs, r)
		}
		if round%2 == 0 {
			slices.SortFunc(recs, func(a, b schema.Record) int { return schema.CompareIDs(a.ID, b.ID) })
		}
		var last string
		records, nodes := map[string]int{}, map[string]int{}
		for b := range schema.RecordGraph(release(recs...)).Blocks {
			var lines []string
			for _, tr := range b {
				lines = append(lines, string(tr.AppendNTriples(nil)))
				if tr.P.Value == schema.NSDCT+"identifier" {
					records[tr.O.Value]++
				}
				if tr.P.Value == schema.NSRDF+"subject" {
					nodes[strings.TrimPrefix(tr.O.Value, base+"id/")]++
				}
			}
			slices.Sort(lines)
			if lines[0] < last {
				t.Fatalf("round %d, ids %v: block starting %q comes after %q", round, ids, lines[0], last)
			}
			last = lines[len(lines)-1]
		}
		for _, id := range ids {
			if records[id] != 1 {
				t.Fatalf("round %d: record %s published %d times", round, id, records[id])
			}
			if want := map[bool]int{true: 1}[wantNode[id]]; nodes[id] != want {
				t.Fatalf("round %d: record %s has %d provenance nodes, want %d", round, id, nodes[id], want)
			}
		}
	}
}

// TestBlocksInLineOrderRandomIDs checks the same promise on random
// distinct ids made of letters and the bytes around '#' and '>' that ids
// can hold ("-", ".", digits, "_", "~"), so that ids extend one another
// in every way, in random order, half of them with a provenance node.
func TestBlocksInLineOrderRandomIDs(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const alphabet = "ab-0._~"
	for round := range 1000 {
		seen := map[string]bool{}
		var recs []schema.Record
		for range 2 + rng.IntN(12) {
			b := make([]byte, 1+rng.IntN(4))
			for k := range b {
				b[k] = alphabet[rng.IntN(len(alphabet))]
			}
			if seen[string(b)] {
				continue
			}
			seen[string(b)] = true
			r := schema.Record{ID: string(b), Name: "N"}
			if rng.IntN(2) == 0 {
				r.SetSource(schema.FieldName, schema.Position{File: "l.txt", Line: 1})
			}
			recs = append(recs, r)
		}
		var last string
		records := 0
		for b := range schema.RecordGraph(release(recs...)).Blocks {
			var lines []string
			for _, tr := range b {
				lines = append(lines, string(tr.AppendNTriples(nil)))
				if tr.P.Value == schema.NSDCT+"identifier" {
					records++
				}
			}
			slices.Sort(lines)
			if lines[0] < last {
				t.Fatalf("round %d: block starting %q comes after %q", round, lines[0], last)
			}
			last = lines[len(lines)-1]
		}
		if records != len(recs) {
			t.Fatalf("round %d: %d records published, want %d", round, records, len(recs))
		}
	}
}

func TestGraphReiterableAndStoppable(t *testing.T) {
	g := schema.RecordGraph(rdftest.Release())
	first, second := triples(g), triples(g)
	if !slices.Equal(first, second) {
		t.Error("two walks of the graph differ")
	}
	n := 0
	for range g.Blocks {
		n++
		break
	}
	if n != 1 {
		t.Errorf("stopping after one block gave %d", n)
	}
}

// BenchmarkRecordGraph makes the triples of a 100k-record synthetic
// release without writing them: the share of every RDF writer's time
// that is the mapping, and its allocations per run.
func BenchmarkRecordGraph(b *testing.B) {
	rdftest.BenchmarkWriter(b, func(_ io.Writer, g schema.Graph) error {
		for range g.Blocks {
		}
		return nil
	})
}
