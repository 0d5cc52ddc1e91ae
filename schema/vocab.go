package schema

import (
	"iter"
	"path"
	"slices"
	"strconv"
	"strings"
)

// This file maps records onto RDF: which vocabulary property each field is
// published with, the IRIs bordernet mints (records, concepts, source
// locators, provenance nodes) and the graph of a release. The mapping is
// documented for users in docs/rdf-mapping.md; keep the two in step.

// Predicates of the record mapping that are not in a namespace constant's
// name already.
const (
	orgOrganization      = NSORG + "Organization"
	orgFormal            = NSORG + "FormalOrganization"
	orgCollaboration     = NSORG + "OrganizationalCollaboration"
	orgClassification    = NSORG + "classification"
	orgSubOrganizationOf = NSORG + "subOrganizationOf"
	orgMemberOf          = NSORG + "memberOf"
	orgLinkedTo          = NSORG + "linkedTo"
	skosPrefLabel        = NSSKOS + "prefLabel"
	skosAltLabel         = NSSKOS + "altLabel"
	skosDefinition       = NSSKOS + "definition"
	skosNotation         = NSSKOS + "notation"
	skosInScheme         = NSSKOS + "inScheme"
	skosTopConceptOf     = NSSKOS + "topConceptOf"
	skosHasTopConcept    = NSSKOS + "hasTopConcept"
	skosConcept          = NSSKOS + "Concept"
	skosConceptScheme    = NSSKOS + "ConceptScheme"
	schemaName           = NSSchema + "name"
	schemaAlternateName  = NSSchema + "alternateName"
	schemaDescription    = NSSchema + "description"
	schemaURL            = NSSchema + "url"
	schemaFoundingDate   = NSSchema + "foundingDate"
	schemaDissolution    = NSSchema + "dissolutionDate"
	schemaLocation       = NSSchema + "location"
	dctIdentifier        = NSDCT + "identifier"
	dctIsReplacedBy      = NSDCT + "isReplacedBy"
	dctSource            = NSDCT + "source"
	cvHasLegalResource   = NSCV + "hasLegalResource"
	owlSameAs            = NSOWL + "sameAs"
	provEntity           = NSPROV + "Entity"
	provWasDerivedFrom   = NSPROV + "wasDerivedFrom"
	rdfSubject           = NSRDF + "subject"
	rdfPredicate         = NSRDF + "predicate"
	rdfsLabel            = NSRDFS + "label"

	// wdtMemberCount is Wikidata's "member count" (P2124) as a direct
	// property. No W3C or schema.org term counts the members of an
	// organisation (schema:numberOfEmployees counts staff), and Wikidata's
	// is the established one, so members are published with it rather
	// than with a property of bordernet's own.
	wdtMemberCount = NSWikidataDirect + "P2124"
)

// RecordIRI returns the IRI of the record id: base + "id/" + id. Ids are
// slugs and pass unchanged; anything else is percent-encoded as a URI
// template's {id} would be, so the result is an IRI whenever base is.
func RecordIRI(base, id string) string { return base + "id/" + escapeSegment(id) }

// ConceptIRI returns the IRI of a controlled value: base + "vocab/kind/"
// + "network", for scheme "kind", "scope" or "status".
func ConceptIRI(base, scheme, value string) string {
	return base + "vocab/" + scheme + "/" + escapeSegment(value)
}

// WikidataIRI returns the linked-data IRI of a Wikidata item id (Q42).
func WikidataIRI(q string) string { return NSWikidataEntity + escapeSegment(q) }

// CorporateBodyIRI returns the IRI of an EU Publications Office
// corporate-body code (FRONTEX).
func CorporateBodyIRI(code string) string {
	return NSEUAuthority + "corporate-body/" + escapeSegment(code)
}

// ProvenanceIRI returns the IRI of the provenance node of field f of a
// record: the record IRI with fragment "prov-" + f. A fragment of the
// record rather than a blank node, so the graph has no blank nodes (its
// serialisations compare line by line) and the node comes with the record
// when its IRI is dereferenced.
func ProvenanceIRI(base, id string, f Field) string {
	return RecordIRI(base, id) + "#prov-" + string(f)
}

// SourceIRI returns the IRI that locates pos in the published sources:
// base + "source/" + the file's base name, then "#line=N" for a line of a
// text file (N counted from 1, as problem reports count), "#Sheet!D7" for
// a workbook cell, or "#Sheet!7:7" for a whole row. It returns "" for the
// zero Position.
func SourceIRI(base string, pos Position) string {
	if pos.IsZero() || pos.File == "" {
		return ""
	}
	iri := base + "source/" + escapeSegment(path.Base(strings.ReplaceAll(pos.File, "\\", "/")))
	switch {
	case pos.InWorkbook():
		ref := pos.Cell()
		if ref == "" && pos.Line > 0 {
			ref = strconv.Itoa(pos.Line) + ":" + strconv.Itoa(pos.Line)
		}
		iri += "#" + escapeSegment(pos.Sheet)
		if ref != "" {
			iri += "!" + ref
		}
	case pos.Line > 0:
		iri += "#line=" + strconv.Itoa(pos.Line)
	}
	return iri
}

// escapeSegment percent-encodes everything but RFC 3986's unreserved
// characters (ASCII letters, digits, '-', '.', '_', '~'), as a URI
// template's simple {var} expansion does, so that the CSVW metadata's
// templates and the RDF writers mint the same IRIs. It returns s itself,
// without allocating, when nothing needs encoding, which is the case of
// every valid id.
func escapeSegment(s string) string {
	const hex = "0123456789ABCDEF"
	unreserved := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
	}
	i := 0
	for i < len(s) && unreserved(s[i]) {
		i++
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, 0, len(s)+16)
	b = append(b, s[:i]...)
	for ; i < len(s); i++ {
		if c := s[i]; unreserved(c) {
			b = append(b, c)
		} else {
			b = append(b, '%', hex[c>>4], hex[c&0xf])
		}
	}
	return string(b)
}

// DateDatatype returns the XSD datatype of a partial date by its form:
// xsd:gYear for 2004, xsd:gYearMonth for 2004-10, xsd:date for
// 2004-10-26, and "" (a plain string) for anything else, so that a value
// that is not a date is never published as an ill-typed literal.
func DateDatatype(v string) string {
	if !IsPartialDate(v) {
		return ""
	}
	switch len(v) {
	case 4:
		return XSDGYear
	case 7:
		return XSDGYearMonth
	}
	return XSDDate
}

// FieldPredicate returns the main property each field is published with,
// whether its values are IRIs (relations, web addresses, identifiers
// turned into IRIs, concepts), and the datatype of its literals:
//
//   - "" for a plain string;
//   - RDFLangString for text tagged with a language: the dataset's
//     language for name, acronym and alt_names, description_lang for the
//     description;
//   - "" as well for founded and dissolved, whose datatype depends on the
//     value's form: see DateDatatype;
//   - XSDNonNegativeInteger for members.
//
// Some fields are published with a second property besides the main one
// (name also as schema:name, acronym and alt_names also as
// schema:alternateName, kind also as an rdf:type); RecordGraph has them
// all. description_lang has no property of its own: it is the language tag
// of the description, so FieldPredicate returns "" for it, and for any
// unknown field.
func FieldPredicate(f Field) (predicateIRI string, valueIsIRI bool, datatypeIRI string) {
	switch f {
	case FieldID:
		return dctIdentifier, false, ""
	case FieldKind, FieldScope, FieldStatus:
		return orgClassification, true, ""
	case FieldName:
		return skosPrefLabel, false, RDFLangString
	case FieldAcronym, FieldAltNames:
		return skosAltLabel, false, RDFLangString
	case FieldDescription:
		return schemaDescription, false, RDFLangString
	case FieldWebsite:
		return schemaURL, true, ""
	case FieldFounded:
		return schemaFoundingDate, false, ""
	case FieldDissolved:
		return schemaDissolution, false, ""
	case FieldSuccessor:
		return dctIsReplacedBy, true, ""
	case FieldParent:
		return orgSubOrganizationOf, true, ""
	case FieldMemberOf:
		return orgMemberOf, true, ""
	case FieldPartnerOf:
		return orgLinkedTo, true, ""
	case FieldMembers:
		return wdtMemberCount, false, XSDNonNegativeInteger
	case FieldSeat:
		return schemaLocation, false, ""
	case FieldLegalBasis:
		return cvHasLegalResource, true, ""
	case FieldWikidata, FieldEUCorporateBody:
		return owlSameAs, true, ""
	case FieldSourceURLs:
		return dctSource, true, ""
	}
	return "", false, ""
}

// RecordPrefixes returns the prefixes the record graph of a release with
// base IRI base is written with.
func RecordPrefixes(base string) []Prefix {
	return []Prefix{
		{"rdf", NSRDF}, {"rdfs", NSRDFS}, {"xsd", NSXSD}, {"owl", NSOWL},
		{"org", NSORG}, {"schema", NSSchema}, {"skos", NSSKOS},
		{"dct", NSDCT}, {"prov", NSPROV}, {"cv", NSCV},
		{"wd", NSWikidataEntity}, {"wdt", NSWikidataDirect}, {"corpbody", NSEUAuthority + "corporate-body/"},
		{"bn", base + "id/"}, {"bnv", base + "vocab/"},
		{"bnkind", base + "vocab/kind/"}, {"bnscope", base + "vocab/scope/"},
		{"bnstatus", base + "vocab/status/"},
	}
}

// RecordGraph returns the graph of a release's records: one block per
// record (the record's triples, type first, then its per-field provenance
// nodes), then one block with the concept schemes of kind, scope and
// status. Nothing is
// built ahead: each block is made when the writer asks for it, in a slice
// reused for the next one.
//
// The blocks are in N-Triples line order (see Graph). A record's
// provenance nodes (…/id/a#prov-name) sort before every id that extends
// its id ("a#" < "a-b" < "a>"), so when ids are prefixes of one another
// a record's provenance nodes and its own triples come in separate blocks
// with the extending records' blocks between them. Records are taken in
// that order whatever order rel.Records is in.
func RecordGraph(rel *Release) Graph {
	base := rel.Meta.BaseIRI
	return Graph{
		Prefixes: RecordPrefixes(base),
		Terms:    []Prefix{{Name: "memberCount", IRI: wdtMemberCount}},
		Blocks: func(yield func([]Triple) bool) {
			m := newMapper(rel)
			for part := range m.order() {
				m.buf = m.buf[:0]
				r := &rel.Records[part.index]
				s := IRI(RecordIRI(base, r.ID))
				if part.record {
					m.record(s, r)
				}
				if part.prov {
					m.provenance(s, r)
				}
				if len(m.buf) > 0 && !yield(m.buf) {
					return
				}
			}
			m.buf = m.buf[:0]
			m.vocabulary()
			yield(m.buf)
		},
	}
}

// mapper turns records into triples, with the IRIs every record shares
// made once.
type mapper struct {
	base     string
	nameLang string
	records  []Record
	escaped  []string // escapeSegment of each id, filled lazily by order
	buf      []Triple
	classOrg Term
	formal   Term
	collab   Term
	concepts []concept         // minted concept IRIs, few
	sources  map[string]string // file → its source IRI without fragment
}

func newMapper(rel *Release) *mapper {
	m := &mapper{
		base:     rel.Meta.BaseIRI,
		records:  rel.Records,
		classOrg: IRI(orgOrganization),
		formal:   IRI(orgFormal),
		collab:   IRI(orgCollaboration),
		sources:  make(map[string]string, 4),
	}
	if ValidLangTag(rel.Meta.Language) {
		m.nameLang = rel.Meta.Language
	}
	return m
}

type concept struct {
	scheme, value string
	iri           Term
}

func (m *mapper) concept(scheme, value string) Term {
	for _, c := range m.concepts {
		if c.value == value && c.scheme == scheme {
			return c.iri
		}
	}
	t := IRI(ConceptIRI(m.base, scheme, value))
	if len(m.concepts) < 64 { // unvalidated data could hold any values
		m.concepts = append(m.concepts, concept{scheme, value, t})
	}
	return t
}

// source is SourceIRI with the per-file part made once per file.
func (m *mapper) source(pos Position) string {
	if pos.InWorkbook() || pos.Line <= 0 || pos.File == "" {
		return SourceIRI(m.base, pos)
	}
	prefix, ok := m.sources[pos.File]
	if !ok {
		prefix = SourceIRI(m.base, Position{File: pos.File})
		if len(m.sources) < 64 {
			m.sources[pos.File] = prefix
		}
	}
	b := make([]byte, 0, len(prefix)+16)
	b = append(b, prefix...)
	b = append(b, "#line="...)
	return string(strconv.AppendInt(b, int64(pos.Line), 10))
}

func (m *mapper) add(s, p, o Term) {
	// A graph is a set: the acronym may also be among the alt names, and
	// a list may repeat a value. A subject's triples with one predicate
	// are added one after another, so only those need a look.
	for i := len(m.buf) - 1; i >= 0 && m.buf[i].P == p && m.buf[i].S == s; i-- {
		if m.buf[i].O == o {
			return
		}
	}
	m.buf = append(m.buf, Triple{S: s, P: p, O: o})
}

// record appends the record's own triples, in the documented order.
func (m *mapper) record(s Term, r *Record) {
	m.add(s, IRI(RDFType), m.classOrg)
	switch r.Kind {
	case KindAgency:
		m.add(s, IRI(RDFType), m.formal)
	case KindNetwork, KindForum:
		m.add(s, IRI(RDFType), m.collab)
	}
	if r.ID != "" {
		m.add(s, IRI(dctIdentifier), Literal(r.ID))
	}
	if r.Name != "" {
		name := LangLiteral(r.Name, m.nameLang)
		m.add(s, IRI(skosPrefLabel), name)
		m.add(s, IRI(schemaName), name)
	}
	if r.Acronym != "" {
		m.add(s, IRI(skosAltLabel), LangLiteral(r.Acronym, m.nameLang))
	}
	for _, v := range r.AltNames {
		m.add(s, IRI(skosAltLabel), LangLiteral(v, m.nameLang))
	}
	if r.Acronym != "" {
		m.add(s, IRI(schemaAlternateName), LangLiteral(r.Acronym, m.nameLang))
	}
	for _, v := range r.AltNames {
		m.add(s, IRI(schemaAlternateName), LangLiteral(v, m.nameLang))
	}
	if r.Description != "" {
		lang := m.nameLang
		if ValidLangTag(r.DescriptionLang) {
			lang = r.DescriptionLang
		}
		m.add(s, IRI(schemaDescription), LangLiteral(r.Description, lang))
	}
	if r.Kind != "" {
		m.add(s, IRI(orgClassification), m.concept("kind", string(r.Kind)))
	}
	if r.Scope != "" {
		m.add(s, IRI(orgClassification), m.concept("scope", string(r.Scope)))
	}
	if r.Status != "" {
		m.add(s, IRI(orgClassification), m.concept("status", string(r.Status)))
	}
	if r.Website != "" {
		m.add(s, IRI(schemaURL), IRI(r.Website))
	}
	if r.Founded != "" {
		m.add(s, IRI(schemaFoundingDate), TypedLiteral(r.Founded, DateDatatype(r.Founded)))
	}
	if r.Dissolved != "" {
		m.add(s, IRI(schemaDissolution), TypedLiteral(r.Dissolved, DateDatatype(r.Dissolved)))
	}
	if r.Successor != "" {
		m.add(s, IRI(dctIsReplacedBy), IRI(RecordIRI(m.base, r.Successor)))
	}
	if r.Parent != "" {
		m.add(s, IRI(orgSubOrganizationOf), IRI(RecordIRI(m.base, r.Parent)))
	}
	for _, id := range r.MemberOf {
		m.add(s, IRI(orgMemberOf), IRI(RecordIRI(m.base, id)))
	}
	for _, id := range r.PartnerOf {
		m.add(s, IRI(orgLinkedTo), IRI(RecordIRI(m.base, id)))
	}
	if r.Members != nil {
		dt := XSDNonNegativeInteger
		if *r.Members < 0 {
			dt = XSDInteger
		}
		m.add(s, IRI(wdtMemberCount), TypedLiteral(strconv.Itoa(*r.Members), dt))
	}
	if r.Seat != "" {
		m.add(s, IRI(schemaLocation), Literal(r.Seat))
	}
	if r.LegalBasis != "" {
		m.add(s, IRI(cvHasLegalResource), IRI(r.LegalBasis))
	}
	if r.Wikidata != "" {
		m.add(s, IRI(owlSameAs), IRI(WikidataIRI(r.Wikidata)))
	}
	if r.EUCorporateBody != "" {
		m.add(s, IRI(owlSameAs), IRI(CorporateBodyIRI(r.EUCorporateBody)))
	}
	for _, u := range r.SourceURLs {
		m.add(s, IRI(dctSource), IRI(u))
	}
	if loc := m.source(r.Origin); loc != "" {
		m.add(s, IRI(provWasDerivedFrom), IRI(loc))
	}
}

// hasProvenance reports whether r has a provenance node to publish: a
// field with a value and a known source.
func hasProvenance(r *Record) bool {
	for _, src := range r.Sources {
		if provenanceField(r, src) {
			return true
		}
	}
	return false
}

func provenanceField(r *Record, src FieldSource) bool {
	return !src.Pos.IsZero() && src.Pos.File != "" && len(r.Values(src.Field)) > 0
}

// provenance appends one node per sourced field with a value, in field
// name order: the statements of the record with the field's main property
// (rdf:subject, rdf:predicate), the field's name (rdfs:label: kind, scope
// and status share a property), and the source locator
// (prov:wasDerivedFrom).
func (m *mapper) provenance(rec Term, r *Record) {
	for _, src := range r.Sources {
		if !provenanceField(r, src) {
			continue
		}
		f := src.Field
		pred, _, _ := FieldPredicate(f)
		switch f {
		case FieldDescriptionLang:
			pred = schemaDescription
		}
		n := IRI(rec.Value + "#prov-" + string(f))
		m.add(n, IRI(RDFType), IRI(provEntity))
		m.add(n, IRI(rdfSubject), rec)
		if pred != "" {
			m.add(n, IRI(rdfPredicate), IRI(pred))
		}
		m.add(n, IRI(rdfsLabel), Literal(string(f)))
		m.add(n, IRI(provWasDerivedFrom), IRI(m.source(src.Pos)))
	}
}

// A part is what one block holds: a record's own triples, its provenance
// nodes, or both.
type part struct {
	index        int
	record, prov bool
}

// order yields the records' parts in N-Triples line order. A record's own
// lines start with "<…/id/ID>", its provenance lines with "<…/id/ID#", so
// the record parts sort by ID+">" and the provenance parts by ID+"#"; the
// two sorted streams are merged, and a record's two parts share a block
// when nothing sorts between them (always, unless an id extends another
// with '-' or a digit).
func (m *mapper) order() iter.Seq[part] {
	return func(yield func(part) bool) {
		n := len(m.records)
		m.escaped = make([]string, n)
		for i := range m.records {
			m.escaped[i] = escapeSegment(m.records[i].ID)
		}
		recOrder := sortedBy(n, func(a, b int) int { return compareKeys(m.escaped[a], '>', m.escaped[b], '>') })
		provOrder := sortedBy(n, func(a, b int) int { return compareKeys(m.escaped[a], '#', m.escaped[b], '#') })
		at := func(order []int, k int) int {
			if order == nil {
				return k
			}
			return order[k]
		}
		i, j := 0, 0
		for i < n || j < n {
			// Skip records without provenance nodes in the provenance
			// stream: they have no lines there.
			for j < n && !hasProvenance(&m.records[at(provOrder, j)]) {
				j++
			}
			if j >= n {
				if i >= n {
					return
				}
				if !yield(part{index: at(recOrder, i), record: true}) {
					return
				}
				i++
				continue
			}
			p := at(provOrder, j)
			if i < n {
				r := at(recOrder, i)
				if compareKeys(m.escaped[r], '>', m.escaped[p], '#') < 0 {
					if !yield(part{index: r, record: true}) {
						return
					}
					i++
					continue
				}
				if r == p && m.nothingBetween(provOrder, j, r) {
					if !yield(part{index: r, record: true, prov: true}) {
						return
					}
					i++
					j++
					continue
				}
			}
			if !yield(part{index: p, prov: true}) {
				return
			}
			j++
		}
	}
}

// nothingBetween reports whether record r's provenance part (at j in the
// provenance stream) and its record part are adjacent in line order: no
// later provenance part sorts before r's record part. Record parts are
// taken in order anyway, so only the provenance stream needs looking at.
func (m *mapper) nothingBetween(provOrder []int, j, r int) bool {
	for k := j + 1; k < len(m.records); k++ {
		q := k
		if provOrder != nil {
			q = provOrder[k]
		}
		if !hasProvenance(&m.records[q]) {
			continue
		}
		return compareKeys(m.escaped[q], '#', m.escaped[r], '>') > 0
	}
	return true
}

// compareKeys compares a+ta with b+tb without building them.
func compareKeys(a string, ta byte, b string, tb byte) int {
	n := min(len(a), len(b))
	if c := strings.Compare(a[:n], b[:n]); c != 0 {
		return c
	}
	next := func(s string, t byte) int {
		if len(s) > n {
			return int(s[n])
		}
		return int(t)
	}
	return next(a, ta) - next(b, tb)
}

// sortedBy returns the indices 0..n-1 sorted by cmp, or nil when they are
// in order already (the usual case: releases list records sorted), which
// costs one pass and no allocation.
func sortedBy(n int, cmp func(a, b int) int) []int {
	sorted := true
	for k := 1; k < n; k++ {
		if cmp(k-1, k) > 0 {
			sorted = false
			break
		}
	}
	if sorted {
		return nil
	}
	order := make([]int, n)
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, cmp)
	return order
}

// conceptScheme is a controlled vocabulary published with the records.
type conceptScheme struct {
	scheme, label, definition string
	concepts                  [][2]string // value, definition
}

// conceptSchemes returns kind, scope and status with the definitions
// curators apply. A function, so nothing can change them.
func conceptSchemes() []conceptScheme {
	return []conceptScheme{
		{"kind", "Kinds of body", "What sort of body a record describes.", [][2]string{
			{string(KindNetwork), "A network: a standing cooperation of organisations or national authorities around a shared task, with members but usually no legal personality of its own."},
			{string(KindForum), "A forum: a regular meeting or conference of organisations or officials for exchange and coordination, without operational tasks of its own."},
			{string(KindAgency), "An agency: a body with legal personality, its own staff and budget, such as an EU agency."},
		}},
		{"scope", "Scopes", "Where a body works, and whether it is tied to the European Union.", [][2]string{
			{string(ScopeEU), "EU-focused: set up, funded or coordinated within the framework of the European Union."},
			{string(ScopeEuropean), "Other European: European cooperation outside the EU framework, or with participants beyond the EU."},
		}},
		{"status", "Statuses", "Whether a body still exists. A record without a status is active.", [][2]string{
			{string(StatusActive), "Active: the body exists and works."},
			{string(StatusInactive), "Inactive: the body has been dissolved or has stopped working, without a successor."},
			{string(StatusSucceeded), "Succeeded: the body was replaced by another body, named with dct:isReplacedBy."},
		}},
	}
}

// vocabulary appends the concept schemes. Their labels and definitions
// are bordernet's own English text, tagged "en" whatever the dataset's
// language.
func (m *mapper) vocabulary() {
	en := func(s string) Term { return LangLiteral(s, "en") }
	for _, cs := range conceptSchemes() {
		scheme := IRI(m.base + "vocab/" + cs.scheme)
		m.add(scheme, IRI(RDFType), IRI(skosConceptScheme))
		m.add(scheme, IRI(skosPrefLabel), en(cs.label))
		m.add(scheme, IRI(skosDefinition), en(cs.definition))
		for _, c := range cs.concepts {
			m.add(scheme, IRI(skosHasTopConcept), m.concept(cs.scheme, c[0]))
		}
		for _, c := range cs.concepts {
			concept := m.concept(cs.scheme, c[0])
			m.add(concept, IRI(RDFType), IRI(skosConcept))
			m.add(concept, IRI(skosPrefLabel), en(c[0]))
			m.add(concept, IRI(skosDefinition), en(c[1]))
			m.add(concept, IRI(skosNotation), Literal(c[0]))
			m.add(concept, IRI(skosInScheme), scheme)
			m.add(concept, IRI(skosTopConceptOf), scheme)
		}
	}
}
