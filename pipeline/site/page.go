package site

import (
	"bytes"
	"embed"
	"encoding/json"
	"html/template"
	"io"
	"path"
	"slices"
	"strings"

	"github.com/bordernet/bordernet/schema"
)

//go:embed assets templates
var assets embed.FS

// templates are the page templates, parsed once; html/template escapes
// every value by its context (text, attribute, URL), and refuses URLs of
// schemes other than http, https and mailto.
var templates = template.Must(template.New("site").ParseFS(assets, "templates/*.html"))

// alternate is one of a page's other representations.
type alternate struct {
	Href, Type, Label string
}

// alternates are the RDF documents beside every page, in the order pages
// list them.
func alternates(base string) []alternate {
	return []alternate{
		{base + ".ttl", "text/turtle", "Turtle"},
		{base + ".nt", "application/n-triples", "N-Triples"},
		{base + ".jsonld", "application/ld+json", "JSON-LD"},
	}
}

// head is what the shared head and footer of every page need.
type head struct {
	Lang, Title string
	Root        string // from the page back to the site root: "", "../"
	Info        Info
	Alternates  []alternate
	JSONLD      template.JS // the page's facts, escaped for a script element
	Script      bool        // the page uses table.js
}

// value is one value shown on a page.
type value struct {
	Text string
	Href string // a link, when the value is an IRI
	Lang string // the literal's language, when it differs from the page's
	Note string // the datatype or the IRI, in small print
}

// row is a field of a record page (or a property of a concept's page)
// with its values and where they were read.
type row struct {
	Label      string
	Properties []string // compact IRIs of the properties
	Values     []value
	Sources    []string
}

// relGroup is a relation of a record with the others, one direction.
type relGroup struct {
	Label   string
	Members []value
}

// pageView is what a resource's page shows.
type pageView struct {
	head
	Heading     string
	IRI         string
	IsRecord    bool
	Description []value
	Rows        []row
	Outbound    []relGroup
	Inbound     []relGroup
	Origin      string
	Extra       []row // statements about fragment nodes the page does not know
}

// RenderPage writes the HTML page of d: for a record (BASE/id/ID) every
// field with its values and sources, its relations in both directions,
// links to its RDF documents and its facts as JSON-LD; for a concept or
// concept scheme its statements. labels names the resources it links to;
// it may be nil.
func RenderPage(w io.Writer, info Info, d Doc, labels Labels) error {
	if labels == nil {
		labels = func(string) string { return "" }
	}
	p, ok := info.DocPath(d.IRI)
	if !ok {
		return &pathError{iri: d.IRI, base: info.BaseIRI}
	}
	var ld bytes.Buffer
	if err := WriteJSONLD(&ld, info, d); err != nil {
		return err
	}
	var escaped bytes.Buffer
	// HTMLEscape turns <, > and & inside JSON strings into \u003c, ...:
	// no value can close the script element or open a comment.
	json.HTMLEscape(&escaped, ld.Bytes())
	v := newPageBuilder(info, p, labels).build(d)
	v.JSONLD = template.JS(escaped.String())
	v.Alternates = alternates(path.Base(p))
	return templates.ExecuteTemplate(w, "page.html", v)
}

type pathError struct{ iri, base string }

func (e *pathError) Error() string {
	return e.iri + " is not a resource of the site under " + e.base
}

// pageBuilder turns a Doc's triples into a pageView.
type pageBuilder struct {
	info   Info
	path   string
	labels Labels
	ns     *schema.Namespaces
}

func newPageBuilder(info Info, p string, labels Labels) *pageBuilder {
	return &pageBuilder{info: info, path: p, labels: labels, ns: schema.NewNamespaces(schema.RecordPrefixes(info.BaseIRI))}
}

// compact returns the compact form of iri (skos:prefLabel), or iri.
func (b *pageBuilder) compact(iri string) string {
	if prefix, local, ok := b.ns.Compact(iri); ok {
		return prefix + ":" + local
	}
	return iri
}

// valueOf shows a term: a literal as its text, an IRI as a link named by
// its label.
func (b *pageBuilder) valueOf(t schema.Term) value {
	switch t.Kind {
	case schema.TermLiteral:
		v := value{Text: t.Value}
		if t.Lang != "" && !strings.EqualFold(t.Lang, b.info.Language) {
			v.Lang, v.Note = t.Lang, "language "+t.Lang
		}
		if t.Datatype != "" && t.Datatype != schema.RDFLangString {
			v.Note = b.compact(t.Datatype)
		}
		return v
	case schema.TermIRI:
		href := b.info.href(b.path, t.Value)
		if label := b.labels(t.Value); label != "" {
			return value{Text: label, Href: href, Note: b.compact(t.Value)}
		}
		if _, local := b.info.DocPath(docIRI(t.Value)); local {
			return value{Text: path.Base(docIRI(t.Value)), Href: href, Note: b.compact(t.Value)}
		}
		return value{Text: b.compact(t.Value), Href: href}
	}
	return value{Text: t.String()}
}

func (b *pageBuilder) build(d Doc) pageView {
	triples := sortedTriples(d)
	v := pageView{
		head:     head{Lang: b.info.Language, Root: relativeTo(b.path), Info: b.info},
		IRI:      d.IRI,
		IsRecord: strings.HasPrefix(b.path, "id/"),
	}
	if v.Lang == "" || !schema.ValidLangTag(v.Lang) {
		v.Lang = "en"
	}
	var own, other []schema.Triple
	for _, t := range triples {
		if t.S.Value == d.IRI {
			own = append(own, t)
		} else {
			other = append(other, t)
		}
	}
	v.Heading = b.labels(d.IRI)
	if v.IsRecord {
		b.recordRows(&v, own, other)
		v.Inbound = b.inbound(d)
	} else {
		v.Rows = b.genericRows(own)
		v.Extra = b.genericRows(other)
		for _, t := range own {
			if t.P.Value == schema.NSSKOS+"definition" {
				v.Description = append(v.Description, b.valueOf(t.O))
			}
		}
	}
	if v.Heading == "" {
		v.Heading = path.Base(d.IRI)
	}
	v.Title = v.Heading + " – " + b.info.Title
	return v
}

// fieldOf says which field of a record a triple of its own publishes, by
// the mapping in schema.FieldPredicate, or "" for a statement the mapping
// does not make (shown as it is, under its property).
func (b *pageBuilder) fieldOf(t schema.Triple) string {
	p := t.P.Value
	switch p {
	case schema.RDFType:
		return "type"
	case schema.NSSchema + "name":
		return string(schema.FieldName)
	case schema.NSSchema + "alternateName":
		return altNamesRow
	case schema.NSPROV + "wasDerivedFrom":
		return originRow
	}
	for _, f := range schema.Fields() {
		pred, _, _ := schema.FieldPredicate(f)
		if pred != p {
			continue
		}
		switch f {
		case schema.FieldAcronym, schema.FieldAltNames:
			return altNamesRow
		case schema.FieldKind, schema.FieldScope, schema.FieldStatus:
			if strings.HasPrefix(t.O.Value, b.info.BaseIRI+"vocab/"+string(f)+"/") {
				return string(f)
			}
			continue
		case schema.FieldWikidata:
			if !strings.HasPrefix(t.O.Value, schema.NSWikidataEntity) {
				continue
			}
		case schema.FieldEUCorporateBody:
			if !strings.HasPrefix(t.O.Value, schema.CorporateBodyIRI("")) {
				continue
			}
		}
		return string(f)
	}
	return ""
}

// Rows of a record page that are not one field.
const (
	altNamesRow = "acronym and other names"
	originRow   = "defined at"
)

// rowOrder lists a record page's rows: the fields in display order, the
// acronym and alternative names sharing one row (the graph states both
// with skos:altLabel and cannot tell them apart).
func rowOrder() []string {
	var order []string
	for _, f := range schema.Fields() {
		switch f {
		case schema.FieldAcronym:
			order = append(order, altNamesRow)
		case schema.FieldAltNames, schema.FieldDescriptionLang:
		default:
			order = append(order, string(f))
		}
	}
	return append(order, "type", originRow)
}

// recordRows fills a record page's rows, description, relations and
// sources from its own triples and its provenance nodes.
func (b *pageBuilder) recordRows(v *pageView, own, prov []schema.Triple) {
	sources, extra := b.provenance(prov)
	byRow := map[string]*row{}
	var unknown []schema.Triple
	for _, t := range own {
		name := b.fieldOf(t)
		if name == "" {
			unknown = append(unknown, t)
			continue
		}
		r := byRow[name]
		if r == nil {
			r = &row{Label: strings.ReplaceAll(name, "_", " ")}
			byRow[name] = r
		}
		if c := b.compact(t.P.Value); !slices.Contains(r.Properties, c) {
			r.Properties = append(r.Properties, c)
		}
		val := b.valueOf(t.O)
		if name == originRow {
			// A source locator is shown as problem reports show it; the
			// site has no page at its IRI.
			val = value{Text: describeSource(b.info.SourceBase, t.O.Value)}
		}
		if !slices.Contains(r.Values, val) {
			r.Values = append(r.Values, val)
		}
		if name == string(schema.FieldDescription) {
			v.Description = append(v.Description, val)
		}
		if name == originRow {
			v.Origin = describeSource(b.info.SourceBase, t.O.Value)
		}
	}
	for _, name := range rowOrder() {
		r := byRow[name]
		if r == nil {
			continue
		}
		switch name {
		case altNamesRow:
			r.Sources = append(sources[string(schema.FieldAcronym)], sources[string(schema.FieldAltNames)]...)
		case originRow, "type":
		default:
			r.Sources = sources[name]
		}
		if len(r.Sources) == 0 && name != originRow && v.Origin != "" {
			r.Sources = []string{v.Origin}
		}
		v.Rows = append(v.Rows, *r)
	}
	if len(unknown) > 0 {
		v.Rows = append(v.Rows, b.genericRows(unknown)...)
	}
	v.Extra = b.genericRows(extra)
	relations := relationPredicates()
	for _, f := range []schema.Field{schema.FieldParent, schema.FieldMemberOf, schema.FieldPartnerOf, schema.FieldSuccessor} {
		var g relGroup
		for _, t := range own {
			if relations[t.P.Value] == f {
				g.Members = append(g.Members, b.valueOf(t.O))
			}
		}
		if len(g.Members) > 0 {
			g.Label = relationLabel(f, false)
			v.Outbound = append(v.Outbound, g)
		}
	}
}

// provenance reads a record's provenance nodes: for each field name
// (rdfs:label), where its value was read. Statements it does not
// understand are returned, to be shown as they are.
func (b *pageBuilder) provenance(prov []schema.Triple) (map[string][]string, []schema.Triple) {
	type node struct {
		field, from string
		triples     []schema.Triple
	}
	var nodes []*node
	byIRI := map[string]*node{}
	for _, t := range prov {
		n := byIRI[t.S.Value]
		if n == nil {
			n = &node{}
			byIRI[t.S.Value] = n
			nodes = append(nodes, n)
		}
		n.triples = append(n.triples, t)
		switch t.P.Value {
		case schema.NSRDFS + "label":
			n.field = t.O.Value
		case schema.NSPROV + "wasDerivedFrom":
			n.from = describeSource(b.info.SourceBase, t.O.Value)
		}
	}
	sources := map[string][]string{}
	var extra []schema.Triple
	for _, n := range nodes {
		if n.field == "" || n.from == "" {
			extra = append(extra, n.triples...)
			continue
		}
		sources[n.field] = append(sources[n.field], n.from)
	}
	return sources, extra
}

// inbound groups the statements of other records that point at d.
func (b *pageBuilder) inbound(d Doc) []relGroup {
	relations := relationPredicates()
	var groups []relGroup
	for _, f := range []schema.Field{schema.FieldParent, schema.FieldMemberOf, schema.FieldPartnerOf, schema.FieldSuccessor} {
		var g relGroup
		for _, t := range d.Inbound {
			if relations[t.P.Value] == f && t.O.Value == d.IRI {
				if val := b.valueOf(t.S); !slices.Contains(g.Members, val) {
					g.Members = append(g.Members, val)
				}
			}
		}
		if len(g.Members) > 0 {
			slices.SortStableFunc(g.Members, func(x, y value) int { return strings.Compare(x.Href, y.Href) })
			g.Label = relationLabel(f, true)
			groups = append(groups, g)
		}
	}
	return groups
}

// relationLabel says what a relation field means, read from the record
// that states it or, inverse, from the record it points at.
func relationLabel(f schema.Field, inverse bool) string {
	labels := map[schema.Field][2]string{
		schema.FieldParent:    {"Run or coordinated by", "Runs or coordinates"},
		schema.FieldMemberOf:  {"Member of", "Has as members"},
		schema.FieldPartnerOf: {"Partner of", "Named as partner by"},
		schema.FieldSuccessor: {"Succeeded by", "Succeeds"},
	}
	if inverse {
		return labels[f][1]
	}
	return labels[f][0]
}

// genericRows shows statements as property and values, one row per
// subject and property, for concepts and for whatever a record page does
// not know.
func (b *pageBuilder) genericRows(ts []schema.Triple) []row {
	var rows []row
	for _, t := range ts {
		label := propertyLabel(t.P.Value)
		if label == "" {
			label = b.compact(t.P.Value)
		}
		if t.S.Value != docIRI(t.S.Value) {
			label = b.compact(t.S.Value) + " " + label
		}
		if n := len(rows); n > 0 && rows[n-1].Label == label {
			rows[n-1].Values = append(rows[n-1].Values, b.valueOf(t.O))
			continue
		}
		rows = append(rows, row{Label: label, Properties: []string{b.compact(t.P.Value)}, Values: []value{b.valueOf(t.O)}})
	}
	return rows
}

// propertyLabel names the properties of concepts and concept schemes for
// people, or returns "".
func propertyLabel(iri string) string {
	switch iri {
	case schema.RDFType:
		return "type"
	case schema.NSSKOS + "prefLabel":
		return "label"
	case schema.NSSKOS + "definition":
		return "definition"
	case schema.NSSKOS + "notation":
		return "notation"
	case schema.NSSKOS + "inScheme":
		return "in scheme"
	case schema.NSSKOS + "topConceptOf":
		return "top concept of"
	case schema.NSSKOS + "hasTopConcept":
		return "concepts"
	}
	return ""
}
