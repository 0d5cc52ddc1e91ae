package shapes

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/internal/judge"
	"github.com/bordernet/bordernet/pipeline/export/turtle"
	"github.com/bordernet/bordernet/schema"
)

const base = "https://w3id.org/bordernet/"

// fullRecord is a valid record with every field set, whose relations point
// at the record "target".
func fullRecord(id string) schema.Record {
	members := 12
	return schema.Record{
		ID: id, Kind: schema.KindNetwork, Scope: schema.ScopeEU, Name: "European Example Network",
		Acronym: "EEN", AltNames: []string{"Example Network"}, Description: "A network.", DescriptionLang: "en",
		Website: "https://example.org/", Founded: "2004-10-26", Dissolved: "2020",
		Status: schema.StatusSucceeded, Successor: "target", Parent: "target",
		MemberOf: []string{"target"}, PartnerOf: []string{"target"}, Members: &members,
		Seat: "Warsaw, Poland", LegalBasis: "https://eur-lex.europa.eu/eli/reg/2004/2007/oj",
		Wikidata: "Q42", EUCorporateBody: "FRONTEX", SourceURLs: []string{"https://example.org/about"},
		Origin: schema.Position{File: "listing.txt", Line: 3},
	}
}

func targetRecord() schema.Record {
	return schema.Record{ID: "target", Kind: schema.KindAgency, Scope: schema.ScopeEuropean, Name: "Target Agency",
		Description: "An agency.", DescriptionLang: "en", Origin: schema.Position{File: "listing.txt", Line: 1}}
}

func release(records ...schema.Record) *schema.Release {
	return &schema.Release{
		Meta:    schema.Metadata{BaseIRI: base, Language: "en", Title: "t"},
		Version: "2026-11-27", Date: "2026-11-27", Records: schema.RecordSlice(records),
	}
}

func writeTurtle(t *testing.T, name string, g schema.Graph) string {
	t.Helper()
	var buf bytes.Buffer
	if err := turtle.Write(&buf, g); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestShapesCoverEveryPublishedField checks, without a SHACL engine, that
// every field with a property has a property shape on it, and that the
// shapes are valid RDF and the same every time.
func TestShapesCoverEveryPublishedField(t *testing.T) {
	rel := release()
	var a, b bytes.Buffer
	if err := turtle.Write(&a, Graph(rel)); err != nil {
		t.Fatal(err)
	}
	if err := turtle.Write(&b, Graph(rel)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two runs give different shapes")
	}
	paths := map[string]bool{}
	names := map[string]bool{}
	for block := range Graph(rel).Blocks {
		for _, tr := range block {
			if tr.P.Value == nsSH+"path" {
				paths[tr.O.Value] = true
			}
			if tr.P.Value == nsSH+"name" {
				for n := range strings.SplitSeq(tr.O.Value, ", ") {
					names[n] = true
				}
			}
		}
	}
	for _, f := range schema.Fields() {
		pred, _, _ := schema.FieldPredicate(f)
		if pred == "" {
			continue
		}
		if !paths[pred] || !names[string(f)] {
			t.Errorf("%s (%s) has no property shape", f, pred)
		}
	}
}

// A parity row breaks one rule in one record: validate must report an
// error on field, and the shapes a violation of shape (a fragment of
// BASE shapes#) on that record.
type parityRow struct {
	rule   string
	break_ func(r *schema.Record)
	field  schema.Field
	shape  string
}

// parityRows has one row per rule SHACL Core can express. The rules it
// cannot (listed in docs/rdf-mapping.md) have none.
func parityRows() []parityRow {
	long := func(n int) string { return strings.Repeat("a", n) }
	return []parityRow{
		{"id is required", func(r *schema.Record) { r.ID = "" }, schema.FieldID, "id"},
		{"id is a slug", func(r *schema.Record) { r.ID = "Bad_Id" }, schema.FieldID, "id"},
		{"id is at most 80 characters", func(r *schema.Record) { r.ID = long(81) }, schema.FieldID, "id"},
		{"kind is required", func(r *schema.Record) { r.Kind = "" }, schema.FieldKind, "kind"},
		{"kind is a controlled value", func(r *schema.Record) { r.Kind = "bureau" }, schema.FieldKind, "kind"},
		{"scope is required", func(r *schema.Record) { r.Scope = "" }, schema.FieldScope, "scope"},
		{"scope is a controlled value", func(r *schema.Record) { r.Scope = "global" }, schema.FieldScope, "scope"},
		{"status is a controlled value", func(r *schema.Record) { r.Status = "closed"; r.Successor = ""; r.Dissolved = "" }, schema.FieldStatus, "classification"},
		{"name is required", func(r *schema.Record) { r.Name = "" }, schema.FieldName, "name"},
		{"name is at most 500 characters", func(r *schema.Record) { r.Name = long(501) }, schema.FieldName, "name"},
		{"an alternative name is at most 500 characters", func(r *schema.Record) { r.AltNames = []string{long(501)} }, schema.FieldAltNames, "altLabel"},
		{"website is a web address", func(r *schema.Record) { r.Website = "htp://example.org" }, schema.FieldWebsite, "website"},
		{"website has a host", func(r *schema.Record) { r.Website = "https:///path" }, schema.FieldWebsite, "website"},
		{"founded is a date", func(r *schema.Record) { r.Founded = "26/10/2004" }, schema.FieldFounded, "founded"},
		{"founded is a day of the calendar", func(r *schema.Record) { r.Founded = "2004-02-30" }, schema.FieldFounded, "founded"},
		{"dissolved is a date", func(r *schema.Record) { r.Dissolved = "2021-13" }, schema.FieldDissolved, "dissolved"},
		{"successor is an id", func(r *schema.Record) { r.Successor = "Not_An_Id" }, schema.FieldSuccessor, "successor"},
		{"successor is a record", func(r *schema.Record) { r.Successor = "nobody" }, schema.FieldSuccessor, "successor"},
		{"parent is a record", func(r *schema.Record) { r.Parent = "nobody" }, schema.FieldParent, "parent"},
		{"member_of are records", func(r *schema.Record) { r.MemberOf = []string{"target", "nobody"} }, schema.FieldMemberOf, "member_of"},
		{"member_of are ids", func(r *schema.Record) { r.MemberOf = []string{"Not_An_Id"} }, schema.FieldMemberOf, "member_of"},
		{"partner_of are records", func(r *schema.Record) { r.PartnerOf = []string{"nobody"} }, schema.FieldPartnerOf, "partner_of"},
		{"members is not negative", func(r *schema.Record) { n := -1; r.Members = &n }, schema.FieldMembers, "members"},
		{"seat is at most 200 characters", func(r *schema.Record) { r.Seat = long(201) }, schema.FieldSeat, "seat"},
		{"legal_basis is a web address", func(r *schema.Record) { r.LegalBasis = "urn:celex:32004R2007" }, schema.FieldLegalBasis, "legal_basis"},
		{"wikidata is a Q-id", func(r *schema.Record) { r.Wikidata = "Q0" }, schema.FieldWikidata, "sameAs"},
		{"eu_corporate_body is an authority code", func(r *schema.Record) { r.EUCorporateBody = "frontex" }, schema.FieldEUCorporateBody, "sameAs"},
		{"a succeeded record names its successor", func(r *schema.Record) { r.Successor = "" }, schema.FieldSuccessor, "succeeded-successor"},
		{"a successor makes the status succeeded", func(r *schema.Record) { r.Status = schema.StatusInactive }, schema.FieldStatus, "successor-succeeded"},
		{"a dissolved record is not active", func(r *schema.Record) { r.Status, r.Successor = "", "" }, schema.FieldStatus, "dissolved-not-active"},
		{"source_urls are web addresses", func(r *schema.Record) { r.SourceURLs = []string{"mailto:curators@example.org"} }, schema.FieldSourceURLs, "source_urls"},
	}
}

// violation is one line of the SHACL judge's report.
var violation = regexp.MustCompile(`^Violation: <([^>]*)> .*\(\w+ in <` + regexp.QuoteMeta(base) + `shapes#([^>]*)>`)

// TestShapesReportWhatValidateReports is the parity test: each row breaks
// one rule in a copy of a valid record, then `validate` (schema's
// validator) and the release's shapes (under rdf-validate-shacl, on the
// graph the release would publish) must both report it, on that record.
// The valid records themselves must pass both.
func TestShapesReportWhatValidateReports(t *testing.T) {
	rows := parityRows()
	records := []schema.Record{targetRecord(), fullRecord("valid")}
	ids := make([]string, len(rows))
	for i, row := range rows {
		r := fullRecord("row-" + string(rune('a'+i/26)) + string(rune('a'+i%26)))
		row.break_(&r)
		ids[i] = r.ID
		records = append(records, r)
	}
	for i, id := range ids {
		if slices.Contains(ids[:i], id) {
			t.Fatalf("two rows make records with id %q", id)
		}
	}
	rel := release(records...)

	// validate
	problems := schema.Validate(rel.Records.(schema.RecordSlice))
	for i, row := range rows {
		found := slices.ContainsFunc(problems, func(p schema.Problem) bool {
			return p.Severity == schema.SeverityError && p.Record == ids[i] && p.Field == row.field
		})
		if !found {
			t.Errorf("%s: validate reports no error on %s of %s", row.rule, row.field, ids[i])
		}
	}
	for _, p := range problems {
		if p.Severity == schema.SeverityError && (p.Record == "valid" || p.Record == "target") {
			t.Errorf("the valid records have an error: %s", p)
		}
	}

	// the shapes
	slices.SortFunc(rel.Records.(schema.RecordSlice), func(a, b schema.Record) int { return schema.CompareIDs(a.ID, b.ID) })
	data := writeTurtle(t, "data.ttl", schema.RecordGraph(rel))
	shapes := writeTurtle(t, FileName, Graph(rel))
	report, conforms := judge.SHACL(t, data, shapes)
	if conforms {
		t.Fatalf("the broken records conform to the shapes:\n%s", report)
	}
	reported := map[[2]string]bool{} // focus node, shape
	for line := range strings.SplitSeq(report, "\n") {
		if m := violation.FindStringSubmatch(line); m != nil {
			reported[[2]string{m[1], m[2]}] = true
			if id := strings.TrimPrefix(m[1], base+"id/"); id == "valid" || id == "target" {
				t.Errorf("a valid record violates the shapes: %s", line)
			}
		}
	}
	for i, row := range rows {
		if !reported[[2]string{schema.RecordIRI(base, ids[i]), row.shape}] {
			t.Errorf("%s: the shapes report no violation of shapes#%s on %s", row.rule, row.shape, ids[i])
		}
	}
	if t.Failed() {
		t.Logf("SHACL report:\n%s", report)
	}
}

// TestProvenanceShape: a provenance node naming a field that does not
// exist, or pointing nowhere in the sources, violates the shapes; the
// node as the mapping makes it does not.
func TestProvenanceShape(t *testing.T) {
	r := fullRecord("valid")
	r.SetSource(schema.FieldWebsite, schema.Position{File: "curation.xlsx", Sheet: "Records", Line: 4, Col: 9})
	rel := release(targetRecord(), r)
	var buf bytes.Buffer
	if err := turtle.Write(&buf, schema.RecordGraph(rel)); err != nil {
		t.Fatal(err)
	}
	shapes := writeTurtle(t, FileName, Graph(rel))
	good := filepath.Join(t.TempDir(), "good.ttl")
	if err := os.WriteFile(good, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if report, conforms := judge.SHACL(t, good, shapes); !conforms {
		t.Fatalf("the mapping's provenance violates the shapes:\n%s", report)
	}
	for _, tc := range []struct{ old, new, shape string }{
		{`rdfs:label "website"`, `rdfs:label "homepage"`, "prov-field"},
		{`<https://w3id.org/bordernet/source/curation.xlsx#Records!I4>`, `<https://example.org/elsewhere>`, "prov-source"},
	} {
		broken := bytes.Replace(buf.Bytes(), []byte(tc.old), []byte(tc.new), 1)
		if bytes.Equal(broken, buf.Bytes()) {
			t.Fatalf("%s is not in the graph", tc.old)
		}
		path := filepath.Join(t.TempDir(), "broken.ttl")
		if err := os.WriteFile(path, broken, 0o644); err != nil {
			t.Fatal(err)
		}
		if report, conforms := judge.SHACL(t, path, shapes); conforms || !strings.Contains(report, "shapes#"+tc.shape+">") {
			t.Errorf("%s → %s: no violation of shapes#%s:\n%s", tc.old, tc.new, tc.shape, report)
		}
	}
}
