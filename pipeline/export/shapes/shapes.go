// Package shapes owns bordernet.shapes.ttl, the SHACL Core shapes a
// release's records graph conforms to. Its one entry point, Graph, makes
// them from schema's own rules rather than from a second, hand-written copy:
// the fields' rules from Record's validate tags (schema.FieldRules), the
// patterns of the custom tags (schema.TextRules), the properties, IRIs and
// datatypes from the RDF mapping (schema.FieldPredicate,
// schema.ValueIRIPrefix, schema.ConceptIRI). A rule changed in schema
// changes the shapes with it.
//
// What the shapes say, for each record (every org:Organization):
//
//   - each field's property with sh:minCount 1 when the field is required
//     and sh:maxCount 1 when it holds one value;
//   - the kind of value: an IRI (sh:nodeKind) or a literal of a datatype
//     (sh:datatype; dates one of xsd:gYear, xsd:gYearMonth, xsd:date);
//   - patterns and lengths (ids, dates, Wikidata ids, EU corporate-body
//     codes, web addresses) from the custom tags, anchored to the IRI a
//     value becomes where it becomes one;
//   - controlled values (sh:in over the concept IRIs of kind, scope and
//     status);
//   - relation targets (sh:class org:Organization: a reference to an id no
//     record has points at a node with no type);
//   - the rules between fields that say one needs another
//     (schema.FieldRequirements: a succeeded record names its successor,
//     ...), each a node shape of its own.
//
// The per-field provenance nodes have a shape too (BASE shapes#Provenance):
// one record, the main property and the name of one field
// (schema.FieldPredicate, schema.Fields), one locator in the sources.
//
// Fields that share a property (kind, scope and status share
// org:classification; wikidata and eu_corporate_body owl:sameAs) get
// qualified value shapes, one per field, so each keeps its own counts.
// Where values cannot be told apart (acronym and alt_names are both
// skos:altLabel), the shape holds what is true of all of them. The rules
// SHACL Core cannot state are listed in docs/rdf-mapping.md.
package shapes

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/bordernet/bordernet/schema"
)

// FileName is the name of the shapes file in a release folder.
const FileName = schema.ShapesFile

const (
	nsSH       = "http://www.w3.org/ns/shacl#"
	orgOrg     = schema.NSORG + "Organization"
	rdfFirst   = schema.NSRDF + "first"
	rdfRest    = schema.NSRDF + "rest"
	rdfNil     = schema.NSRDF + "nil"
	rdfsLabel  = schema.NSRDFS + "label"
	owlOnto    = schema.NSOWL + "Ontology"
	owlVersion = schema.NSOWL + "versionInfo"
)

// ShapesIRI returns the IRI of the shapes of a dataset with base IRI
// base, the same in every release: BASE + "shapes". Each shape is a
// fragment of it (BASE shapes#Record, BASE shapes#name).
func ShapesIRI(base string) string { return base + "shapes" }

// Graph returns the SHACL shapes of rel's records graph: an owl:Ontology
// naming them, one sh:NodeShape for the records, then one property shape
// per field (or per property shared by fields), each in a block of its
// own with the blank nodes of its lists and value shapes. The same
// release gives the same graph.
func Graph(rel *schema.Release) schema.Graph {
	base := rel.Meta.BaseIRI
	g := &generator{
		base:    base,
		sources: schema.ReleaseSourceBase(&rel.Meta, rel.Version),
		shape:   ShapesIRI(base) + "#",
		lang:    schema.ValidLangTag(rel.Meta.Language),
	}
	g.build(rel.Version)
	return schema.Graph{
		Prefixes: append(schema.RecordPrefixes(base), schema.Prefix{Name: "sh", IRI: nsSH}, schema.Prefix{Name: "bnsh", IRI: g.shape}),
		Blocks: func(yield func([]schema.Triple) bool) {
			for _, b := range g.blocks {
				if !yield(b) {
					return
				}
			}
		},
	}
}

// generator collects the shapes' triples, block by block.
type generator struct {
	base    string
	sources string // where the release's sources are: the locators' prefix (schema.ReleaseSourceBase)
	shape   string // namespace of the shapes' IRIs: BASE shapes#
	lang    bool   // names and descriptions are tagged (the dataset has a valid language)
	blocks  [][]schema.Triple
	cur     []schema.Triple
	// aux holds the nodes of the lists and datatype alternatives the
	// current block's shapes point at, written after them so that each
	// shape's triples stay together.
	aux []schema.Triple
}

func (g *generator) add(s schema.Term, p string, o schema.Term) {
	g.cur = append(g.cur, schema.Triple{S: s, P: schema.IRI(p), O: o})
}

func (g *generator) addAux(s schema.Term, p string, o schema.Term) {
	g.aux = append(g.aux, schema.Triple{S: s, P: schema.IRI(p), O: o})
}

func (g *generator) flush() {
	if b := append(g.cur, g.aux...); len(b) > 0 {
		g.blocks = append(g.blocks, b)
	}
	g.cur, g.aux = nil, nil
}

func sh(local string) string { return nsSH + local }

func integer(n int) schema.Term { return schema.TypedLiteral(strconv.Itoa(n), schema.XSDInteger) }

// group is the fields published with one property, in field order.
type group struct {
	predicate string
	rules     []schema.FieldRule
}

func (g *generator) build(version string) {
	onto := schema.IRI(ShapesIRI(g.base))
	g.add(onto, schema.RDFType, schema.IRI(owlOnto))
	g.add(onto, rdfsLabel, schema.LangLiteral("SHACL shapes of the bordernet records graph", "en"))
	if version != "" {
		g.add(onto, owlVersion, schema.Literal(version))
	}
	g.flush()

	var groups []group
	for _, r := range schema.FieldRules() {
		pred, _, _ := schema.FieldPredicate(r.Field)
		if pred == "" {
			continue // description_lang: the description's tag, no property
		}
		i := 0
		for i < len(groups) && groups[i].predicate != pred {
			i++
		}
		if i == len(groups) {
			groups = append(groups, group{predicate: pred})
		}
		groups[i].rules = append(groups[i].rules, r)
	}

	record := schema.IRI(g.shape + "Record")
	g.add(record, schema.RDFType, schema.IRI(sh("NodeShape")))
	g.add(record, rdfsLabel, schema.LangLiteral("A record: a network, forum or agency", "en"))
	g.add(record, sh("targetClass"), schema.IRI(orgOrg))
	var props []schema.Term
	for _, gr := range groups {
		for _, name := range g.propertyNames(gr) {
			props = append(props, schema.IRI(g.shape+name))
		}
	}
	for _, p := range props {
		g.add(record, sh("property"), p)
	}
	g.flush()

	for _, gr := range groups {
		g.property(gr)
	}
	for _, q := range schema.FieldRequirements() {
		g.requirement(q)
	}
	g.provenance()
}

// provenance writes the shape of the per-field provenance nodes
// (BASE id/ID#prov-FIELD): about one record, with the main property of
// one field (schema.FieldPredicate) and that field's name, derived from
// one source locator (DOWNLOAD/VERSION/source/..., the release's copy).
func (g *generator) provenance() {
	node := schema.IRI(g.shape + "Provenance")
	g.add(node, schema.RDFType, schema.IRI(sh("NodeShape")))
	g.add(node, rdfsLabel, schema.LangLiteral("Where the value of one field of a record was read", "en"))
	g.add(node, sh("targetSubjectsOf"), schema.IRI(schema.NSRDF+"subject"))
	var predicates, names []schema.Term
	for _, f := range schema.Fields() {
		pred, _, _ := schema.FieldPredicate(f)
		if pred == "" {
			continue
		}
		names = append(names, schema.Literal(string(f)))
		if !slices.ContainsFunc(predicates, func(t schema.Term) bool { return t.Value == pred }) {
			predicates = append(predicates, schema.IRI(pred))
		}
	}
	// Where sources are published: the release's own copy of them.
	sources := g.sources
	props := []struct {
		name, path string
		values     func() []constraint // made in the property's own block
	}{
		{"prov-subject", schema.NSRDF + "subject", func() []constraint {
			return []constraint{{sh("nodeKind"), schema.IRI(sh("IRI"))}, {sh("class"), schema.IRI(orgOrg)}}
		}},
		{"prov-predicate", schema.NSRDF + "predicate", func() []constraint {
			return []constraint{{sh("in"), g.list("prov-predicate-in", predicates)}}
		}},
		{"prov-field", rdfsLabel, func() []constraint {
			return []constraint{{sh("in"), g.list("prov-field-in", names)}}
		}},
		{"prov-source", schema.NSPROV + "wasDerivedFrom", func() []constraint {
			return []constraint{{sh("nodeKind"), schema.IRI(sh("IRI"))}, {sh("pattern"), schema.Literal("^" + regexp.QuoteMeta(sources))}}
		}},
	}
	for _, p := range props {
		g.add(node, sh("property"), schema.IRI(g.shape+p.name))
	}
	g.flush()
	for _, p := range props {
		s := g.propertyShape(p.name, schema.IRI(p.path), p.name)
		g.add(s, sh("minCount"), integer(1))
		g.add(s, sh("maxCount"), integer(1))
		for _, c := range p.values() {
			g.add(s, c.p, c.o)
		}
		g.flush()
	}
}

// requirement writes a node shape for a rule between two fields: every
// record either does not have the If value or has the Then value.
func (g *generator) requirement(q schema.FieldRequirement) {
	s := schema.IRI(g.shape + q.Name)
	g.add(s, schema.RDFType, schema.IRI(sh("NodeShape")))
	g.add(s, sh("targetClass"), schema.IRI(orgOrg))
	g.add(s, sh("name"), schema.Literal(q.Name))
	unless := schema.Blank(q.Name + "-unless")
	g.addAux(unless, sh("not"), g.hasValue(q.Name+"-if", q.If, q.IfValues))
	g.add(s, sh("or"), g.list(q.Name+"-or", []schema.Term{unless, g.hasValue(q.Name+"-then", q.Then, q.ThenValues)}))
	g.flush()
}

// hasValue returns a node shape, labelled name, that a record satisfies
// when field f has a value, one of values when values is not empty.
func (g *generator) hasValue(name string, f schema.Field, values []string) schema.Term {
	pred, _, _ := schema.FieldPredicate(f)
	node, prop := schema.Blank(name), schema.Blank(name+"-path")
	if len(values) == 0 {
		var rule schema.FieldRule
		for _, r := range schema.FieldRules() {
			if r.Field == f {
				rule = r
			}
		}
		values = rule.OneOf
	}
	if len(values) == 0 {
		g.addAux(node, sh("property"), prop)
		g.addAux(prop, sh("path"), schema.IRI(pred))
		g.addAux(prop, sh("minCount"), integer(1))
		return node
	}
	// A controlled value shares its property with other fields: only
	// its own concepts count.
	var concepts []schema.Term
	for _, v := range values {
		concepts = append(concepts, schema.IRI(schema.ConceptIRI(g.base, string(f), v)))
	}
	in := schema.Blank(name + "-values")
	list := g.list(name+"-in", concepts)
	g.addAux(node, sh("property"), prop)
	g.addAux(prop, sh("path"), schema.IRI(pred))
	g.addAux(prop, sh("qualifiedValueShape"), in)
	g.addAux(prop, sh("qualifiedMinCount"), integer(1))
	g.addAux(in, sh("in"), list)
	return node
}

// qualified reports whether the fields of gr share their property but
// each field's values can be told from the others' (controlled values,
// or IRIs in a namespace of their own), so that each gets a qualified
// value shape with its own counts.
func (g *generator) qualified(gr group) bool {
	if len(gr.rules) < 2 {
		return false
	}
	for _, r := range gr.rules {
		if len(r.OneOf) == 0 && schema.ValueIRIPrefix(g.base, r.Field) == "" {
			return false
		}
	}
	return true
}

// groupName names the property shape of a property several fields share:
// the property's local name (classification, sameAs, altLabel).
func groupName(gr group) string {
	p := gr.predicate
	return p[max(strings.LastIndexAny(p, "#/"), 0)+1:]
}

// propertyNames returns the local names of the property shapes of gr.
func (g *generator) propertyNames(gr group) []string {
	switch {
	case len(gr.rules) == 1:
		return []string{string(gr.rules[0].Field)}
	case g.qualified(gr):
		names := []string{groupName(gr)}
		for _, r := range gr.rules {
			names = append(names, string(r.Field))
		}
		return names
	}
	return []string{groupName(gr)}
}

// property writes the property shapes of one group.
func (g *generator) property(gr group) {
	path := schema.IRI(gr.predicate)
	switch {
	case len(gr.rules) == 1:
		r := gr.rules[0]
		s := g.propertyShape(string(r.Field), path, string(r.Field))
		g.counts(s, r, "")
		for _, c := range g.valueConstraints(r) {
			g.add(s, c.p, c.o)
		}
		g.flush()
	case g.qualified(gr):
		// Every value is one field's, and each field has its counts.
		var names []string
		for _, r := range gr.rules {
			names = append(names, string(r.Field))
		}
		s := g.propertyShape(groupName(gr), path, strings.Join(names, ", "))
		var alternatives []schema.Term
		for _, r := range gr.rules {
			alternatives = append(alternatives, schema.Blank(string(r.Field)+"-value"))
		}
		g.add(s, sh("or"), g.list(groupName(gr)+"-or", alternatives))
		g.flush()
		for _, r := range gr.rules {
			value := schema.Blank(string(r.Field) + "-value")
			fs := g.propertyShape(string(r.Field), path, string(r.Field))
			g.add(fs, sh("qualifiedValueShape"), value)
			g.counts(fs, r, "qualified")
			for _, c := range g.valueConstraints(r) {
				g.add(value, c.p, c.o)
			}
			g.flush()
		}
	default:
		// The values cannot be told apart: state what holds of all.
		var names []string
		for _, r := range gr.rules {
			names = append(names, string(r.Field))
		}
		s := g.propertyShape(groupName(gr), path, strings.Join(names, ", "))
		common := g.valueConstraints(gr.rules[0])
		for _, r := range gr.rules[1:] {
			common = loosest(common, g.valueConstraints(r))
		}
		for _, c := range common {
			g.add(s, c.p, c.o)
		}
		g.flush()
	}
}

func (g *generator) propertyShape(name string, path schema.Term, fields string) schema.Term {
	s := schema.IRI(g.shape + name)
	g.add(s, schema.RDFType, schema.IRI(sh("PropertyShape")))
	g.add(s, sh("path"), path)
	g.add(s, sh("name"), schema.Literal(fields))
	return s
}

// counts states how many values a field has: at least one when it is
// required, at most one when it is not a list. qualified prefixes the
// count properties for a qualified value shape.
func (g *generator) counts(s schema.Term, r schema.FieldRule, qualified string) {
	name := func(local string) string {
		if qualified == "" {
			return sh(local)
		}
		return sh(qualified + strings.ToUpper(local[:1]) + local[1:])
	}
	if r.Required {
		g.add(s, name("minCount"), integer(1))
	}
	if !r.Multi {
		g.add(s, name("maxCount"), integer(1))
	}
}

// constraint is one predicate and object of a shape.
type constraint struct {
	p string
	o schema.Term
}

// valueConstraints returns what every value of r's field is, as the
// mapping publishes it. Lists (sh:in, sh:or) are written as they are
// made.
func (g *generator) valueConstraints(r schema.FieldRule) []constraint {
	f := r.Field
	_, isIRI, datatype := schema.FieldPredicate(f)
	var cs []constraint
	add := func(p string, o schema.Term) { cs = append(cs, constraint{sh(p), o}) }
	prefix := schema.ValueIRIPrefix(g.base, f)
	if isIRI {
		add("nodeKind", schema.IRI(sh("IRI")))
		if len(r.OneOf) > 0 {
			var concepts []schema.Term
			for _, v := range r.OneOf {
				concepts = append(concepts, schema.IRI(schema.ConceptIRI(g.base, string(f), v)))
			}
			add("in", g.list(string(f)+"-in", concepts))
		}
		if f.IsReference() {
			add("class", schema.IRI(orgOrg))
		}
	} else {
		add("nodeKind", schema.IRI(sh("Literal")))
	}
	var datatypes []string
	for _, t := range r.Tags {
		if len(t.Datatypes) > 0 {
			datatypes = t.Datatypes
		}
	}
	switch {
	case isIRI:
	case len(datatypes) > 0:
		var alternatives []schema.Term
		for _, dt := range datatypes {
			n := schema.Blank(string(f) + "-" + dt[strings.LastIndexByte(dt, '#')+1:])
			g.addAux(n, sh("datatype"), schema.IRI(dt))
			alternatives = append(alternatives, n)
		}
		add("or", g.list(string(f)+"-datatype", alternatives))
	case datatype == schema.RDFLangString:
		if g.lang {
			add("datatype", schema.IRI(schema.RDFLangString))
		}
	case datatype != "":
		add("datatype", schema.IRI(datatype))
	default:
		add("datatype", schema.IRI(schema.XSDString))
	}
	maxLength := r.MaxLength
	for _, t := range r.Tags {
		if t.Pattern == "" {
			continue
		}
		pattern := t.Pattern
		if prefix != "" {
			// The value follows the namespace in the IRI.
			pattern = "^" + regexp.QuoteMeta(prefix) + strings.TrimPrefix(pattern, "^")
		}
		add("pattern", schema.Literal(pattern))
		if t.MaxLength > 0 && (maxLength == 0 || t.MaxLength < maxLength) {
			maxLength = t.MaxLength
		}
	}
	if maxLength > 0 {
		add("maxLength", integer(len([]rune(prefix))+maxLength))
	}
	if r.Min != nil {
		add("minInclusive", integer(*r.Min))
	}
	return cs
}

// loosest keeps the constraints of a that b has too, and the larger of two
// maximum lengths: what holds of the values of both fields.
func loosest(a, b []constraint) []constraint {
	var out []constraint
	for _, c := range a {
		for _, d := range b {
			switch {
			case c == d:
				out = append(out, c)
			case c.p == sh("maxLength") && d.p == sh("maxLength"):
				ca, _ := strconv.Atoi(c.o.Value)
				cb, _ := strconv.Atoi(d.o.Value)
				out = append(out, constraint{c.p, integer(max(ca, cb))})
			default:
				continue
			}
			break
		}
	}
	return out
}

// list writes an RDF list of items with blank nodes labelled name-1,
// name-2, ... and returns its head.
func (g *generator) list(name string, items []schema.Term) schema.Term {
	if len(items) == 0 {
		return schema.IRI(rdfNil)
	}
	head := schema.Blank(name + "-1")
	for i, item := range items {
		node := schema.Blank(name + "-" + strconv.Itoa(i+1))
		g.addAux(node, rdfFirst, item)
		next := schema.IRI(rdfNil)
		if i+1 < len(items) {
			next = schema.Blank(name + "-" + strconv.Itoa(i+2))
		}
		g.addAux(node, rdfRest, next)
	}
	return head
}
