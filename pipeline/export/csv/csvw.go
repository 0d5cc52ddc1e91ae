package csv

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/bordernet/bordernet/schema"
)

// MetadataFileName is the name of the CSVW metadata file in a release
// folder: the CSV file's name + "-metadata.json", where CSVW processors look
// for it.
const MetadataFileName = "bordernet.csv-metadata.json"

// WriteMetadata writes bordernet.csv-metadata.json: W3C "Metadata
// Vocabulary for Tabular Data" describing the CSV file at csvURL (relative
// to the metadata file, normally "bordernet.csv").
//
// A CSVW processor in minimal mode turns each row into statements about
// the record's IRI (base IRI + "id/" + id) with the properties of
// schema.FieldPredicate, the same IRIs, datatypes and language tags as the
// release's RDF files. CSVW cannot say everything those files say; what it
// cannot say it leaves out rather than say differently, and the metadata
// notes each gap (rdfs:comment):
//
//   - the second properties (schema:name, schema:alternateName), the
//     kind-dependent class (org:FormalOrganization or
//     org:OrganizationalCollaboration; org:Organization is there, from a
//     virtual column), prov:wasDerivedFrom and the provenance nodes, which
//     the CSV does not carry;
//   - a list of record ids or URLs: a CSVW value URL template turns a list
//     into one IRI with the values joined by commas, so member_of,
//     partner_of and source_urls are suppressed when any record has two or
//     more values, and published when none has;
//   - founded and dissolved are typed xsd:gYear, xsd:gYearMonth or
//     xsd:date by the form of each value; one column has one datatype, so
//     it is that type when every value has the same form, else a string
//     with a pattern;
//   - description is tagged with each record's description_lang; one
//     column has one language, so it is tagged when all descriptions share
//     a language, else left untagged;
//   - a URL holding non-ASCII characters comes out percent-encoded (URI
//     template expansion), and a free-text value that starts with a
//     formula character comes out with the CSV file's leading apostrophe.
//
// Lists are split on schema.ListSeparator exactly (" | "): CSVW trims the
// items of a string list on no side, and its dialect trim applies to the
// whole cell, so separator "|" with trimming would leave spaces on the
// items.
func WriteMetadata(w io.Writer, rel *schema.Release, csvURL string) error {
	doc := buildMetadata(rel, csvURL)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing %s: %w", MetadataFileName, err)
	}
	return nil
}

// The JSON shapes of the metadata document, in the order its properties
// are written.
type (
	metadataDoc struct {
		Context     []any       `json:"@context"`
		URL         string      `json:"url"`
		Title       string      `json:"dc:title,omitempty"`
		Description string      `json:"dc:description,omitempty"`
		License     *idRef      `json:"dc:license,omitempty"`
		Publisher   *idRef      `json:"dc:publisher,omitempty"`
		Issued      *typedValue `json:"dc:issued,omitempty"`
		Version     string      `json:"dcat:version,omitempty"`
		Keywords    []string    `json:"dcat:keyword,omitempty"`
		Comment     string      `json:"rdfs:comment,omitempty"`
		Dialect     dialect     `json:"dialect"`
		TableSchema tableSchema `json:"tableSchema"`
	}
	idRef struct {
		ID string `json:"@id"`
	}
	typedValue struct {
		Value string `json:"@value"`
		Type  string `json:"@type"`
	}
	dialect struct {
		Encoding        string   `json:"encoding"`
		LineTerminators []string `json:"lineTerminators"`
		Delimiter       string   `json:"delimiter"`
		QuoteChar       string   `json:"quoteChar"`
		DoubleQuote     bool     `json:"doubleQuote"`
		Header          bool     `json:"header"`
		HeaderRowCount  int      `json:"headerRowCount"`
		Trim            bool     `json:"trim"`
	}
	tableSchema struct {
		AboutURL    string       `json:"aboutUrl"`
		PrimaryKey  string       `json:"primaryKey"`
		Null        string       `json:"null"`
		Columns     []column     `json:"columns"`
		ForeignKeys []foreignKey `json:"foreignKeys,omitempty"`
	}
	column struct {
		Name           string `json:"name"`
		Titles         string `json:"titles,omitempty"`
		Virtual        bool   `json:"virtual,omitempty"`
		Required       bool   `json:"required,omitempty"`
		Datatype       any    `json:"datatype,omitempty"`
		Lang           string `json:"lang,omitempty"`
		Separator      string `json:"separator,omitempty"`
		PropertyURL    string `json:"propertyUrl,omitempty"`
		ValueURL       string `json:"valueUrl,omitempty"`
		SuppressOutput bool   `json:"suppressOutput,omitempty"`
		Comment        string `json:"rdfs:comment,omitempty"`
	}
	datatype struct {
		Base      string `json:"base"`
		Format    string `json:"format,omitempty"`
		MaxLength int    `json:"maxLength,omitempty"`
	}
	foreignKey struct {
		ColumnReference string    `json:"columnReference"`
		Reference       reference `json:"reference"`
	}
	reference struct {
		Resource        string `json:"resource"`
		ColumnReference string `json:"columnReference"`
	}
)

// slugPattern is schema.IsSlug as a CSVW format.
const slugPattern = "^[a-z0-9]+(-[a-z0-9]+)*$"

func buildMetadata(rel *schema.Release, csvURL string) *metadataDoc {
	m := &rel.Meta
	base := m.BaseIRI
	nameLang := ""
	if schema.ValidLangTag(m.Language) {
		nameLang = m.Language
	}
	ctx := []any{"http://www.w3.org/ns/csvw"}
	if nameLang != "" {
		ctx = append(ctx, map[string]string{"@language": nameLang})
	}
	doc := &metadataDoc{
		Context:     ctx,
		URL:         csvURL,
		Title:       m.Title,
		Description: m.Description,
		Version:     rel.Version,
		Keywords:    m.Keywords,
		Comment: "Each row is one record, about base IRI + \"id/\" + id. Several values in one cell are separated by \"" + schema.ListSeparator + "\". " +
			"A free-text value that starts with =, +, -, @, a tab or a carriage return is written with a leading apostrophe so that spreadsheets do not run it as a formula; remove it to get the value. " +
			"The release's RDF files (bordernet.ttl, bordernet.nt, bordernet.jsonld) carry every statement; columns with an rdfs:comment say what CSVW cannot express.",
		Dialect: dialect{
			Encoding: "utf-8", LineTerminators: []string{"\r\n", "\n"}, Delimiter: ",",
			QuoteChar: "\"", DoubleQuote: true, Header: true, HeaderRowCount: 1,
			// Values are published exactly, leading and trailing spaces
			// included; CSVW's default would trim them.
			Trim: false,
		},
	}
	if m.License != "" {
		doc.License = &idRef{m.License}
	}
	if m.Publisher.IRI != "" {
		doc.Publisher = &idRef{m.Publisher.IRI}
	}
	if rel.Date != "" {
		doc.Issued = &typedValue{Value: rel.Date, Type: "xsd:date"}
	}

	ts := &doc.TableSchema
	ts.AboutURL = base + "id/{id}"
	ts.PrimaryKey = string(schema.FieldID)
	fx := gatherFacts(rel, nameLang)
	for _, f := range schema.Fields() {
		ts.Columns = append(ts.Columns, describeColumn(fx, f, base, nameLang))
	}
	ts.Columns = append(ts.Columns, column{
		Name: "type", Virtual: true,
		PropertyURL: schema.RDFType, ValueURL: schema.NSORG + "Organization",
	})
	// Each record is void:inDataset the release, as in the RDF files.
	// Versions are safe folder names, with nothing a URI template expands.
	ts.Columns = append(ts.Columns, column{
		Name: "dataset", Virtual: true,
		PropertyURL: schema.NSVOID + "inDataset", ValueURL: schema.ReleaseIRI(&rel.Meta, rel.Version),
	})
	for _, f := range []schema.Field{schema.FieldSuccessor, schema.FieldParent} {
		ts.ForeignKeys = append(ts.ForeignKeys, foreignKey{
			ColumnReference: string(f),
			Reference:       reference{Resource: csvURL, ColumnReference: string(schema.FieldID)},
		})
	}
	return doc
}

// describeColumn describes field f's column for the records of rel.
func describeColumn(fx *recordFacts, f schema.Field, base, nameLang string) column {
	pred, isIRI, _ := schema.FieldPredicate(f)
	c := column{Name: string(f), Titles: string(f), PropertyURL: pred, Datatype: "string"}
	if f.MultiValued() {
		c.Separator = schema.ListSeparator
	}
	str := func(format string, maxLength int) *datatype {
		return &datatype{Base: "string", Format: format, MaxLength: maxLength}
	}
	oneOf := func(values []string) *datatype {
		for i, v := range values {
			values[i] = regexp.QuoteMeta(v)
		}
		return str("^("+strings.Join(values, "|")+")$", 0)
	}
	switch f {
	case schema.FieldID:
		c.Required, c.Datatype = true, str(slugPattern, 80)
	case schema.FieldKind:
		c.Required, c.Datatype = true, oneOf(strs(schema.Kinds()))
	case schema.FieldScope:
		c.Required, c.Datatype = true, oneOf(strs(schema.Scopes()))
	case schema.FieldStatus:
		c.Datatype = oneOf(strs(schema.Statuses()))
	case schema.FieldName:
		c.Required, c.Datatype, c.Lang = true, str("", 500), nameLang
		c.Comment = fx.taggedNames(f)
	case schema.FieldAcronym:
		c.Datatype, c.Lang = str("", 40), nameLang
		c.Comment = fx.taggedNames(f)
	case schema.FieldAltNames:
		c.Lang = nameLang
		c.Comment = fx.taggedNames(f)
	case schema.FieldDescription:
		if fx.descOneLang {
			c.Lang = fx.descLang
		} else {
			c.Comment = "The descriptions are in several languages (see description_lang); one CSVW column has one language, so they come out untagged."
		}
	case schema.FieldDescriptionLang:
		c.Datatype = "language"
		c.SuppressOutput = true
		c.Comment = "The language of description; it has no property of its own."
	case schema.FieldWebsite, schema.FieldLegalBasis, schema.FieldSourceURLs:
		c.Datatype = "anyURI"
	case schema.FieldFounded, schema.FieldDissolved:
		c.Datatype = fx.columnDateType(f)
		if dt, ok := c.Datatype.(*datatype); ok && dt.Base == "string" {
			c.Comment = "The values mix years, year-months and dates; the RDF files type each as xsd:gYear, xsd:gYearMonth or xsd:date, but one CSVW column has one datatype."
		}
	case schema.FieldSuccessor, schema.FieldParent, schema.FieldMemberOf, schema.FieldPartnerOf:
		c.Datatype = str(slugPattern, 80)
	case schema.FieldMembers:
		c.Datatype = "nonNegativeInteger"
	case schema.FieldSeat:
		c.Datatype = str("", 200)
	case schema.FieldWikidata:
		c.Datatype = str("^Q[1-9][0-9]*$", 0)
	case schema.FieldEUCorporateBody:
		c.Datatype = str("^[A-Z0-9_-]+$", 40)
	}
	if !isIRI {
		return c
	}
	switch f {
	case schema.FieldKind, schema.FieldScope, schema.FieldStatus:
		c.ValueURL = base + "vocab/" + string(f) + "/{" + string(f) + "}"
	case schema.FieldSuccessor, schema.FieldParent, schema.FieldMemberOf, schema.FieldPartnerOf:
		c.ValueURL = base + "id/{" + string(f) + "}"
	case schema.FieldWikidata:
		c.ValueURL = schema.NSWikidataEntity + "{" + string(f) + "}"
	case schema.FieldEUCorporateBody:
		c.ValueURL = schema.NSEUAuthority + "corporate-body/{" + string(f) + "}"
	default: // a URL, kept as it is: reserved expansion
		c.ValueURL = "{+" + string(f) + "}"
	}
	if f.MultiValued() && fx.maxValues[f] > 1 {
		c.ValueURL = ""
		c.SuppressOutput = true
		c.Comment = "Some records have several values here; a CSVW value URL would join them into one IRI, so the column is not turned into statements."
	}
	return c
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// recordFacts is what the column descriptions say about the records'
// values, gathered in one pass over them (a store reads them from disk).
type recordFacts struct {
	// tagged: some value of a names field ends in its own language tag
	// ("Straż Graniczna @pl"), which the RDF files publish as the value's
	// language and CSVW cannot split off.
	tagged map[schema.Field]bool
	// descLang is the one language all descriptions are published in,
	// as the RDF files tag them (description_lang, else the dataset's
	// language); descOneLang is false when they differ. No descriptions
	// at all count as one language: the dataset's.
	descLang    string
	descOneLang bool
	// dateType is the XSD type all values of a date field share (see
	// schema.DateDatatype), "" when they differ; dated says it has any.
	dateType map[schema.Field]string
	dated    map[schema.Field]bool
	// maxValues is the most values any record has in a multi-valued field.
	maxValues map[schema.Field]int
}

func gatherFacts(rel *schema.Release, nameLang string) *recordFacts {
	fx := &recordFacts{
		tagged: map[schema.Field]bool{}, descLang: nameLang, descOneLang: true,
		dateType: map[schema.Field]string{}, dated: map[schema.Field]bool{},
		maxValues: map[schema.Field]int{},
	}
	names := []schema.Field{schema.FieldName, schema.FieldAcronym, schema.FieldAltNames}
	dates := []schema.Field{schema.FieldFounded, schema.FieldDissolved}
	var multi []schema.Field
	for _, f := range schema.Fields() {
		if f.MultiValued() {
			multi = append(multi, f)
		}
	}
	descSeen := false
	for _, r := range rel.RecordSet().All() {
		for _, f := range names {
			if fx.tagged[f] {
				continue
			}
			for _, v := range r.Values(f) {
				if _, lang := schema.SplitLang(v); lang != "" {
					fx.tagged[f] = true
					break
				}
			}
		}
		if r.Description != "" && fx.descOneLang {
			l := nameLang
			if schema.ValidLangTag(r.DescriptionLang) {
				l = r.DescriptionLang
			}
			switch {
			case !descSeen:
				fx.descLang, descSeen = l, true
			case l != fx.descLang:
				fx.descLang, fx.descOneLang = "", false
			}
		}
		for _, f := range dates {
			v := r.Values(f)
			if len(v) == 0 {
				continue
			}
			dt := schema.DateDatatype(v[0])
			switch {
			case !fx.dated[f]:
				fx.dateType[f], fx.dated[f] = dt, true
			case dt != fx.dateType[f]:
				fx.dateType[f] = ""
			}
		}
		for _, f := range multi {
			fx.maxValues[f] = max(fx.maxValues[f], len(r.Values(f)))
		}
	}
	return fx
}

// taggedNames returns a comment for a names column when some of its
// values end in their own language tag, "" when none does.
func (fx *recordFacts) taggedNames(f schema.Field) string {
	if fx.tagged[f] {
		return "A value ending in \" @\" and a language tag (\"Straż Graniczna @pl\") is a name in that language: the RDF files publish the text before it with that tag. One CSVW column has one language, so such values come out with the tag in their text."
	}
	return ""
}

// columnDateType returns the CSVW datatype of a date column: the XSD type
// all its values share, else a string with the pattern of a partial date.
func (fx *recordFacts) columnDateType(f schema.Field) any {
	if local, ok := strings.CutPrefix(fx.dateType[f], schema.NSXSD); ok && fx.dated[f] {
		return local
	}
	return &datatype{Base: "string", Format: "^[1-9][0-9]{3}(-[0-9]{2}(-[0-9]{2})?)?$"}
}
