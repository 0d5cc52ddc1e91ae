package csv

import (
	"bytes"
	stdcsv "encoding/csv"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

func writeMetadata(t testing.TB, rel *schema.Release) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteMetadata(&buf, rel, FileName); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestMetadataGolden(t *testing.T) {
	golden(t, MetadataFileName, writeMetadata(t, loadRelease(t)))
}

// TestMetadataRoundTrip checks the document is JSON that decodes, with no
// property left over, into what was encoded.
func TestMetadataRoundTrip(t *testing.T) {
	rel := loadRelease(t)
	data := writeMetadata(t, rel)
	if !json.Valid(data) {
		t.Fatal("not valid JSON")
	}
	var back metadataDoc
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&back); err != nil {
		t.Fatal(err)
	}
	// Datatypes decode as maps; compare through JSON once more.
	again, err := json.Marshal(back)
	if err != nil {
		t.Fatal(err)
	}
	first, _ := json.Marshal(buildMetadata(rel, FileName))
	if !bytes.Equal(again, first) {
		t.Errorf("decoded and re-encoded metadata differs:\n%s\n%s", again, first)
	}
}

// builtinTypes are the CSVW built-in datatype names the metadata may use.
var builtinTypes = []string{"string", "anyURI", "language", "nonNegativeInteger", "date", "gYear", "gYearMonth"}

// TestMetadataRules checks the rules of the CSVW metadata vocabulary that
// a validator would: columns match the CSV header in order, names are
// legal, virtual columns come last, templates expand to absolute IRIs,
// datatypes are built-in, formats compile.
func TestMetadataRules(t *testing.T) {
	rel := loadRelease(t)
	var doc map[string]any
	if err := json.Unmarshal(writeMetadata(t, rel), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["url"] != FileName {
		t.Errorf("url = %v", doc["url"])
	}
	ctx, _ := doc["@context"].([]any)
	if len(ctx) == 0 || ctx[0] != "http://www.w3.org/ns/csvw" {
		t.Errorf("@context = %v, want the CSVW context first", doc["@context"])
	}
	ts := doc["tableSchema"].(map[string]any)
	cols := ts["columns"].([]any)
	header := schema.Fields()
	name := regexp.MustCompile(`^([A-Za-z0-9]|%[0-9A-Fa-f]{2})([A-Za-z0-9._]|%[0-9A-Fa-f]{2})*$`)
	seenVirtual := false
	for i, c := range cols {
		col := c.(map[string]any)
		n, _ := col["name"].(string)
		if !name.MatchString(n) {
			t.Errorf("column %d: name %q is not a CSVW name", i+1, n)
		}
		virtual, _ := col["virtual"].(bool)
		if virtual {
			seenVirtual = true
		} else {
			if seenVirtual {
				t.Errorf("column %s comes after a virtual column", n)
			}
			if i >= len(header) || n != string(header[i]) || col["titles"] != string(header[i]) {
				t.Errorf("column %d is %q titled %v, want the CSV header %q", i+1, n, col["titles"], header[min(i, len(header)-1)])
			}
		}
		switch dt := col["datatype"].(type) {
		case string:
			if !slices.Contains(builtinTypes, dt) {
				t.Errorf("column %s: datatype %q", n, dt)
			}
		case map[string]any:
			if !slices.Contains(builtinTypes, dt["base"].(string)) {
				t.Errorf("column %s: base %v", n, dt["base"])
			}
			if f, ok := dt["format"].(string); ok {
				if _, err := regexp.Compile(f); err != nil {
					t.Errorf("column %s: format %q: %v", n, f, err)
				}
			}
		case nil:
			if !virtual {
				t.Errorf("column %s has no datatype", n)
			}
		}
		for _, key := range []string{"propertyUrl", "valueUrl"} {
			if tmpl, ok := col[key].(string); ok {
				vars := map[string][]string{n: {"x-1"}, "id": {"a"}}
				if strings.HasPrefix(tmpl, "{+") {
					vars[n] = []string{"https://example.org/x?y=1"}
				}
				if iri := expand(tmpl, vars); !schema.ValidIRI(iri) {
					t.Errorf("column %s: %s %q expands to %q, not an absolute IRI", n, key, tmpl, iri)
				}
			}
		}
		if sep, ok := col["separator"].(string); ok && sep != schema.ListSeparator {
			t.Errorf("column %s: separator %q, want %q", n, sep, schema.ListSeparator)
		}
	}
	if len(cols) < len(header) {
		t.Errorf("%d columns for %d CSV columns", len(cols), len(header))
	}
	if d := doc["dialect"].(map[string]any); d["trim"] != false || d["header"] != true {
		t.Errorf("dialect = %v, want header and no trimming", d)
	}
}

// TestCSVWStatements runs a CSVW processor, in minimal mode, over the CSV
// and its metadata and compares its statements with the release's RDF
// graph (schema.RecordGraph), less what the metadata documents CSVW cannot
// say. The processor is csv2rdf, below, written from the W3C
// recommendations and driven only by the metadata's JSON.
func TestCSVWStatements(t *testing.T) {
	mixed := loadRelease(t)
	mixed.Records.(schema.RecordSlice)[1].Founded = "2010"                                                  // easo: a year among dates
	mixed.Records.(schema.RecordSlice)[3].DescriptionLang = "en-GB"                                         // elena
	mixed.Records.(schema.RecordSlice)[8].SourceURLs = mixed.Records.(schema.RecordSlice)[8].SourceURLs[:1] // frontex: no list of two
	mixed.Records.(schema.RecordSlice)[7].PartnerOf = []string{"frontex", "easo"}                           // eurint: a list of two
	lists := loadRelease(t)
	lists.Records.(schema.RecordSlice)[8].SourceURLs = lists.Records.(schema.RecordSlice)[8].SourceURLs[:1]
	lists.Records.(schema.RecordSlice)[2].MemberOf = []string{"gdisc"} // ecre
	odd := loadRelease(t)
	odd.Records.(schema.RecordSlice)[0].Name = "=1+1 & <b>\"quoted\"</b>, with\nline"
	odd.Records.(schema.RecordSlice)[0].Seat = "  spaced  "
	odd.Records.(schema.RecordSlice)[0].Website = "https://example.org/a?b=c&d=e#f"
	odd.Meta.Language = "de-AT"

	tests := []struct {
		name string
		rel  *schema.Release
		gaps gaps
	}{
		{"fixture", loadRelease(t), gaps{drop: []schema.Field{schema.FieldSourceURLs}}},
		{"single-valued lists", lists, gaps{}},
		{"mixed dates, languages, lists", mixed, gaps{drop: []schema.Field{schema.FieldPartnerOf}, untypedFounded: true, untaggedDescription: true}},
		{"odd values", odd, gaps{drop: []schema.Field{schema.FieldSourceURLs}, apostrophe: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := csv2rdf(t, write(t, tc.rel), writeMetadata(t, tc.rel))
			want := expected(tc.rel, tc.gaps)
			if len(want) < 5*tc.rel.Records.Len() {
				t.Fatalf("only %d statements expected: the test is broken", len(want))
			}
			for _, tr := range want {
				if !slices.Contains(got, tr) {
					t.Errorf("CSVW lacks %s", show(tr))
				}
			}
			for _, tr := range got {
				if !slices.Contains(want, tr) {
					t.Errorf("CSVW says %s, which the RDF does not", show(tr))
				}
			}
		})
	}
}

// gaps are what CSVW cannot say, as the metadata documents.
type gaps struct {
	drop                []schema.Field // list columns suppressed
	untypedFounded      bool           // founded mixes forms
	untaggedDescription bool           // descriptions in several languages
	apostrophe          bool           // formula-like free text keeps the CSV's apostrophe
}

// expected returns the statements of RecordGraph about records that CSVW
// can make, adjusted for g.
func expected(rel *schema.Release, g gaps) []schema.Triple {
	records := map[string]bool{}
	for _, r := range rel.Records.(schema.RecordSlice) {
		records[schema.RecordIRI(rel.Meta.BaseIRI, r.ID)] = true
	}
	never := map[string]bool{
		schema.NSSchema + "name":          true, // second property of name
		schema.NSSchema + "alternateName": true, // second property of acronym, alt_names
		schema.NSPROV + "wasDerivedFrom":  true, // the CSV has no provenance
	}
	for _, f := range g.drop {
		p, _, _ := schema.FieldPredicate(f)
		never[p] = true
	}
	var out []schema.Triple
	for block := range schema.RecordGraph(rel).Blocks {
		for _, tr := range block {
			if !records[tr.S.Value] || never[tr.P.Value] {
				continue
			}
			if tr.P.Value == schema.RDFType && tr.O.Value != schema.NSORG+"Organization" {
				continue // the kind-dependent class
			}
			switch tr.P.Value {
			case schema.NSSchema + "foundingDate":
				if g.untypedFounded {
					tr.O.Datatype = ""
				}
			case schema.NSSchema + "description":
				if g.untaggedDescription {
					tr.O.Lang = ""
				}
			}
			if g.apostrophe && tr.O.IsLiteral() && NeedsEscape(tr.O.Value) && tr.O.Datatype == "" {
				tr.O.Value = "'" + tr.O.Value
			}
			out = append(out, tr)
		}
	}
	return out
}

func show(tr schema.Triple) string {
	term := func(t schema.Term) string {
		if t.IsIRI() {
			return "<" + t.Value + ">"
		}
		s := fmt.Sprintf("%q", t.Value)
		if t.Lang != "" {
			return s + "@" + t.Lang
		}
		if t.Datatype != "" {
			return s + "^^<" + t.Datatype + ">"
		}
		return s
	}
	return term(tr.S) + " " + term(tr.P) + " " + term(tr.O)
}

// csv2rdf is a CSVW processor for the features the metadata uses, after
// "Model for Tabular Data and Metadata on the Web" §6.4 (parsing cells)
// and "Generating RDF from Tabular Data on the Web" §4.6 in minimal mode:
// aboutUrl, propertyUrl, valueUrl (RFC 6570 simple and reserved
// expansion), null, separator, lang, datatype, virtual and suppressOutput
// columns, the dialect's header and trim.
func csv2rdf(t *testing.T, csvData, metaData []byte) []schema.Triple {
	t.Helper()
	var meta struct {
		Dialect struct {
			Trim   bool `json:"trim"`
			Header bool `json:"header"`
		} `json:"dialect"`
		TableSchema struct {
			AboutURL string `json:"aboutUrl"`
			Null     string `json:"null"`
			Columns  []struct {
				Name           string          `json:"name"`
				Virtual        bool            `json:"virtual"`
				Datatype       json.RawMessage `json:"datatype"`
				Lang           string          `json:"lang"`
				Separator      string          `json:"separator"`
				PropertyURL    string          `json:"propertyUrl"`
				ValueURL       string          `json:"valueUrl"`
				SuppressOutput bool            `json:"suppressOutput"`
			} `json:"columns"`
		} `json:"tableSchema"`
	}
	if err := json.Unmarshal(metaData, &meta); err != nil {
		t.Fatal(err)
	}
	rows, err := stdcsv.NewReader(bytes.NewReader(csvData)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if meta.Dialect.Header {
		rows = rows[1:]
	}
	var out []schema.Triple
	for _, row := range rows {
		// Cell values first: templates may refer to any column.
		vars := map[string][]string{}
		values := make([][]string, len(meta.TableSchema.Columns))
		nulls := make([]bool, len(meta.TableSchema.Columns))
		bases := make([]string, len(meta.TableSchema.Columns))
		for i, col := range meta.TableSchema.Columns {
			if col.Virtual {
				nulls[i] = true
				continue
			}
			base := "string"
			if len(col.Datatype) > 0 {
				var name string
				if json.Unmarshal(col.Datatype, &name) != nil {
					var dt struct{ Base string }
					if err := json.Unmarshal(col.Datatype, &dt); err != nil {
						t.Fatal(err)
					}
					name = dt.Base
				}
				base = name
			}
			bases[i] = base
			s := row[i]
			if meta.Dialect.Trim {
				s = strings.TrimSpace(s)
			}
			keepsSpace := slices.Contains([]string{"string", "json", "xml", "html", "anyAtomicType"}, base)
			if !keepsSpace {
				s = strings.Join(strings.Fields(strings.NewReplacer("\r", " ", "\n", " ", "\t", " ").Replace(s)), " ")
			}
			switch {
			case col.Separator != "" && s == "":
				nulls[i] = true // an empty list
			case s == meta.TableSchema.Null:
				nulls[i] = true
			case col.Separator != "":
				for _, item := range strings.Split(s, col.Separator) {
					if base != "string" && base != "anyAtomicType" {
						item = strings.TrimSpace(item)
					}
					if item != meta.TableSchema.Null {
						values[i] = append(values[i], item)
					}
				}
			default:
				values[i] = []string{s}
			}
			vars[col.Name] = values[i]
		}
		subject := schema.IRI(expand(meta.TableSchema.AboutURL, vars))
		for i, col := range meta.TableSchema.Columns {
			if col.SuppressOutput || (nulls[i] && !col.Virtual) {
				continue
			}
			pred := schema.IRI(expand(col.PropertyURL, vars))
			if col.ValueURL != "" {
				out = append(out, schema.Triple{S: subject, P: pred, O: schema.IRI(expand(col.ValueURL, vars))})
				continue
			}
			base := bases[i]
			for _, v := range values[i] {
				var o schema.Term
				switch {
				case col.Lang != "" && base == "string":
					o = schema.LangLiteral(v, col.Lang)
				default:
					o = schema.TypedLiteral(v, schema.NSXSD+base)
				}
				out = append(out, schema.Triple{S: subject, P: pred, O: o})
			}
		}
	}
	return out
}

// expand expands an RFC 6570 URI template with simple {var} and reserved
// {+var} expressions; a list value is joined with commas, an undefined or
// empty one is dropped.
func expand(tmpl string, vars map[string][]string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(tmpl, '{')
		if open < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		end := strings.IndexByte(tmpl[open:], '}') + open
		b.WriteString(tmpl[:open])
		expr := tmpl[open+1 : end]
		reserved := strings.HasPrefix(expr, "+")
		expr = strings.TrimPrefix(expr, "+")
		for k, v := range vars[expr] {
			if k > 0 {
				b.WriteByte(',')
			}
			b.WriteString(pctEncode(v, reserved))
		}
		tmpl = tmpl[end+1:]
	}
}

func pctEncode(s string, reserved bool) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		unreserved := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0
		if unreserved || reserved && strings.IndexByte(":/?#[]@!$&'()*+,;=", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		if reserved && c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func TestDateType(t *testing.T) {
	tests := []struct {
		founded []string
		want    any
	}{
		{[]string{"2004-10-26", "", "2011-10-25"}, "date"},
		{[]string{"2004", "2011"}, "gYear"},
		{[]string{"2004-10", ""}, "gYearMonth"},
		{[]string{"2004", "2004-10-26"}, "string"},
		{[]string{"", ""}, "string"},
	}
	for _, tc := range tests {
		var recs schema.RecordSlice
		for _, v := range tc.founded {
			recs = append(recs, schema.Record{Founded: v})
		}
		got := gatherFacts(&schema.Release{Records: recs}, "").columnDateType(schema.FieldFounded)
		if dt, ok := got.(*datatype); ok {
			got = dt.Base
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("founded %q: datatype %v, want %v", tc.founded, got, tc.want)
		}
	}
}

// TestMetadataNamesInOtherLanguages: a names column holding a name with
// its own language tag says so in its comment, since CSVW cannot split
// the tag off; a column without one has no such comment.
func TestMetadataNamesInOtherLanguages(t *testing.T) {
	rel := loadRelease(t)
	comment := func(rel *schema.Release, col string) string {
		var md struct {
			TableSchema struct {
				Columns []struct {
					Name    string `json:"name"`
					Comment string `json:"rdfs:comment"`
				} `json:"columns"`
			} `json:"tableSchema"`
		}
		if err := json.Unmarshal(writeMetadata(t, rel), &md); err != nil {
			t.Fatal(err)
		}
		for _, c := range md.TableSchema.Columns {
			if c.Name == col {
				return c.Comment
			}
		}
		t.Fatalf("no column %s", col)
		return ""
	}
	if c := comment(rel, "alt_names"); c != "" {
		t.Errorf("alt_names without tags has a comment: %q", c)
	}
	rel.Records.(schema.RecordSlice)[0].AltNames = append(rel.Records.(schema.RecordSlice)[0].AltNames, "Réseau juridique européen @fr")
	if c := comment(rel, "alt_names"); !strings.Contains(c, "language tag") {
		t.Errorf("alt_names with a tagged name: comment %q", c)
	}
	if c := comment(rel, "name"); c != "" {
		t.Errorf("name without tags has a comment: %q", c)
	}
}
