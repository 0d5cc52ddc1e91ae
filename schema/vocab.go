package schema

import (
	"path"
	"strconv"
	"strings"
	"unsafe"
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
	dctLicense           = NSDCT + "license"
	dctTitle             = NSDCT + "title"
	voidInDataset        = NSVOID + "inDataset"
	dcatDataset          = NSDCAT + "Dataset"
	cvHasLegalResource   = NSCV + "hasLegalResource"
	owlSameAs            = NSOWL + "sameAs"
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

	corporateBodies = NSEUAuthority + "corporate-body/"
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
func CorporateBodyIRI(code string) string { return corporateBodies + escapeSegment(code) }

// ProvenanceIRI returns the IRI of the provenance node of field f of a
// record: the record IRI with fragment "prov-" + f. A fragment of the
// record rather than a blank node, so the graph has no blank nodes (its
// serialisations compare line by line) and the node comes with the record
// when its IRI is dereferenced.
func ProvenanceIRI(base, id string, f Field) string {
	return RecordIRI(base, id) + "#prov-" + string(f)
}

// SourceIRI returns the IRI that locates pos in a release's copy of its
// sources: sourceBase (ReleaseSourceBase: DOWNLOAD_URL + VERSION +
// "/source/") + the file's path relative to the source folder, each
// segment escaped, then "#line=N" for a line of a text file (N counted
// from 1, as problem reports count), "#Sheet!D7" for a workbook cell, or
// "#Sheet!7:7" for a whole row. It returns "" for the zero Position.
//
// pos.File is expected relative already (pipeline/sourcecopy makes it
// so); an absolute path or one that climbs out with ".." is reduced to
// its base name rather than published.
func SourceIRI(sourceBase string, pos Position) string {
	if pos.IsZero() || pos.File == "" {
		return ""
	}
	return string(appendLocator(appendSourceFile(nil, sourceBase, pos.File), pos))
}

// ReleaseSourceBase returns the folder of a release's copy of its
// sources: DownloadURL + version + "/source/". Source locators are
// versioned, so that an IRI keeps naming the same line or cell after
// the sources are edited.
//
// Without a download URL (metadata that has not passed validation) the
// locators fall back to BaseIRI + "source/", unversioned.
func ReleaseSourceBase(m *Metadata, version string) string {
	if m.DownloadURL == "" || version == "" {
		return m.BaseIRI + SourceFolder + "/"
	}
	return DownloadURL(m, version, SourceFolder) + "/"
}

// SourceFolder is the folder of a release that holds its sources.
const SourceFolder = "source"

// appendSourceFile appends the IRI of a source file: sourceBase + its
// relative path, each segment escaped.
func appendSourceFile(b []byte, sourceBase, file string) []byte {
	b = append(b, sourceBase...)
	file = strings.ReplaceAll(file, "\\", "/")
	if clean := path.Clean(file); path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") || len(clean) > 1 && clean[1] == ':' {
		file = path.Base(clean)
	} else {
		file = clean
	}
	for i, seg := range strings.Split(file, "/") {
		if i > 0 {
			b = append(b, '/')
		}
		b = appendEscaped(b, seg)
	}
	return b
}

// appendLocator appends the fragment of SourceIRI that locates pos within
// its file, if any. It is SourceIRI's second half, shared with the graph
// mapper so that both mint the same locators.
func appendLocator(b []byte, pos Position) []byte {
	switch {
	case pos.InWorkbook():
		b = append(b, '#')
		b = appendEscaped(b, pos.Sheet)
		switch {
		case pos.Col >= 1 && pos.Line >= 1: // as Position.Cell
			b = append(b, '!')
			b = appendColumnName(b, pos.Col)
			b = strconv.AppendInt(b, int64(pos.Line), 10)
		case pos.Line > 0:
			b = append(b, '!')
			b = strconv.AppendInt(b, int64(pos.Line), 10)
			b = append(b, ':')
			b = strconv.AppendInt(b, int64(pos.Line), 10)
		}
	case pos.Line > 0:
		b = append(b, "#line="...)
		b = strconv.AppendInt(b, int64(pos.Line), 10)
	}
	return b
}

// appendColumnName appends ColumnName(col) without making a string.
func appendColumnName(b []byte, col int) []byte {
	var buf [8]byte
	i := len(buf)
	for col > 0 && i > 0 {
		col--
		i--
		buf[i] = byte('A' + col%26)
		col /= 26
	}
	return append(b, buf[i:]...)
}

// escapeSegment percent-encodes everything but RFC 3986's unreserved
// characters (ASCII letters, digits, '-', '.', '_', '~'), as a URI
// template's simple {var} expansion does, so that the CSVW metadata's
// templates and the RDF writers mint the same IRIs. It returns s itself,
// without allocating, when nothing needs encoding, which is the case of
// every valid id.
func escapeSegment(s string) string {
	if plainSegment(s) {
		return s
	}
	return string(appendEscaped(make([]byte, 0, len(s)+16), s))
}

func unreserved(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}

// plainSegment reports whether escapeSegment leaves s as it is.
func plainSegment(s string) bool {
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			return false
		}
	}
	return true
}

// appendEscaped appends escapeSegment(s).
func appendEscaped(b []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		if c := s[i]; unreserved(c) {
			b = append(b, c)
		} else {
			b = append(b, '%', hex[c>>4], hex[c&0xf])
		}
	}
	return b
}

// DateDatatype returns the XSD datatype of a partial date by its form:
// xsd:gYear for 2004, xsd:gYearMonth for 2004-10, xsd:date for
// 2004-10-26, and "" (a plain string) for anything else, so that a value
// that is not a date is never published as an ill-typed literal. It
// accepts exactly what IsPartialDate accepts, without time.Parse, which
// costs more than the rest of a record's mapping.
func DateDatatype(v string) string {
	digits := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return true
	}
	two := func(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }
	if len(v) != 4 && len(v) != 7 && len(v) != 10 || !digits(v[:4]) || v[0] == '0' {
		return ""
	}
	if len(v) == 4 {
		return XSDGYear
	}
	if v[4] != '-' || !digits(v[5:7]) {
		return ""
	}
	month := two(v[5:7])
	if month < 1 || month > 12 {
		return ""
	}
	if len(v) == 7 {
		return XSDGYearMonth
	}
	if v[7] != '-' || !digits(v[8:10]) {
		return ""
	}
	year, day := int(v[0]-'0')*1000+int(v[1]-'0')*100+two(v[2:4]), two(v[8:10])
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[month-1]
	if month == 2 && year%4 == 0 && (year%100 != 0 || year%400 == 0) {
		days = 29
	}
	if day < 1 || day > days {
		return ""
	}
	return XSDDate
}

// FieldPredicate returns the main property each field is published with,
// whether its values are IRIs (relations, web addresses, identifiers
// turned into IRIs, concepts), and the datatype of its literals:
//
//   - "" for a plain string;
//   - RDFLangString for text tagged with a language: for name, acronym
//     and alt_names the language written after the value ("… @fr", see
//     SplitLang), else the dataset's (an acronym: its name's);
//     description_lang for the description;
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
		{"dct", NSDCT}, {"prov", NSPROV}, {"cv", NSCV}, {"void", NSVOID}, {"dcat", NSDCAT},
		{"wd", NSWikidataEntity}, {"wdt", NSWikidataDirect}, {"corpbody", NSEUAuthority + "corporate-body/"},
		{"bn", base + "id/"}, {"bnv", base + "vocab/"},
		{"bnkind", base + "vocab/kind/"}, {"bnscope", base + "vocab/scope/"},
		{"bnstatus", base + "vocab/status/"},
	}
}

// recordProperties declares the predicates RecordGraph uses besides
// rdf:type (see Graph.Properties), as the mapping below makes their
// values: lang is the dataset's language tag, or "" when it has none.
// Descriptions are declared in the dataset's language too, as most are;
// those in another language are still written with their own tag.
func recordProperties(lang string) []Property {
	return []Property{
		{IRI: dctIdentifier},
		{IRI: voidInDataset, IRIValued: true},
		{IRI: dctTitle, Lang: lang},
		{IRI: dctLicense, IRIValued: true},
		{IRI: skosPrefLabel, Lang: lang},
		{IRI: schemaName, Lang: lang},
		{IRI: skosAltLabel, Lang: lang, Multi: true},
		{IRI: schemaAlternateName, Lang: lang, Multi: true},
		{IRI: schemaDescription, Lang: lang},
		{IRI: orgClassification, IRIValued: true, Multi: true},
		{IRI: schemaURL, IRIValued: true},
		{IRI: schemaFoundingDate},
		{IRI: schemaDissolution},
		{IRI: dctIsReplacedBy, IRIValued: true},
		{IRI: orgSubOrganizationOf, IRIValued: true},
		{IRI: orgMemberOf, IRIValued: true, Multi: true},
		{IRI: orgLinkedTo, IRIValued: true, Multi: true},
		{IRI: wdtMemberCount, Name: "memberCount", Datatype: XSDNonNegativeInteger},
		{IRI: schemaLocation},
		{IRI: cvHasLegalResource, IRIValued: true},
		{IRI: owlSameAs, IRIValued: true, Multi: true},
		{IRI: dctSource, IRIValued: true, Multi: true},
		{IRI: provWasDerivedFrom, IRIValued: true},
		{IRI: rdfSubject, IRIValued: true},
		{IRI: rdfPredicate, IRIValued: true},
		{IRI: rdfsLabel},
		{IRI: skosDefinition, Lang: "en"},
		{IRI: skosNotation},
		{IRI: skosInScheme, IRIValued: true},
		{IRI: skosTopConceptOf, IRIValued: true},
		{IRI: skosHasTopConcept, IRIValued: true, Multi: true},
	}
}

// RecordGraph returns the graph of a release's records: one block per
// record (the record's triples, type first, then its per-field provenance
// nodes), then one block with the concept schemes of kind, scope and
// status. Nothing is built ahead: each block is made when the writer asks
// for it, in a slice reused for the next one. The graph declares its
// properties (Graph.Properties), so JSON-LD is written in one pass.
//
// A record is prov:wasDerivedFrom its origin (title line or workbook
// row), which is the source of every field that does not say otherwise:
// a field gets a provenance node only when its value was read somewhere
// else (a description on a later line, kind and scope from the section
// heading, a workbook cell).
//
// The blocks are in N-Triples line order (see Graph). A record's
// provenance nodes (…/id/a#prov-name) sort before every id that extends
// its id ("a#" < "a-b" < "a>"), so when ids are prefixes of one another
// a record's provenance nodes and its own triples come in separate blocks
// with the extending records' blocks between them. Records are taken in
// that order (see graphOrder), reading the records once, in one pass
// with a short look-ahead.
func RecordGraph(rel *Release) Graph {
	lang := ""
	if ValidLangTag(rel.Meta.Language) {
		lang = rel.Meta.Language
	}
	return Graph{
		Prefixes:   RecordPrefixes(rel.Meta.BaseIRI),
		Properties: recordProperties(lang),
		Blocks: func(yield func([]Triple) bool) {
			m := newMapper(rel, lang)
			// The release's dataset first ("…/dataset/V" sorts before
			// "…/id/"): what the records belong to, and its licence.
			ds := m.dataset
			m.buf = append(m.buf[:0],
				Triple{S: ds, P: IRI(RDFType), O: IRI(dcatDataset)},
				Triple{S: ds, P: IRI(dctTitle), O: LangLiteral(ReleaseTitle(&rel.Meta, rel.Version), lang)},
			)
			if rel.Meta.License != "" {
				m.buf = append(m.buf, Triple{S: ds, P: IRI(dctLicense), O: IRI(rel.Meta.License)})
			}
			if !yield(m.buf) {
				return
			}
			parts := newGraphOrder(rel.RecordSet())
			defer parts.close()
			for part := range parts.parts() {
				m.buf = m.buf[:0]
				s := IRI(m.prefixed(m.idPrefix, part.id))
				if part.record {
					m.record(s, part.rec)
				}
				if part.prov {
					m.provenance(s, part.rec)
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

// mapper turns records into triples. What every record shares is made
// once (concept IRIs, source file IRIs, the record IRI prefix), and what
// each record needs of its own (its IRI, locators, provenance node IRIs)
// is minted into an arena rather than allocated string by string.
type mapper struct {
	base       string
	dataset    Term   // the release's dataset (ReleaseIRI)
	sourceBase string // ReleaseSourceBase
	idPrefix   string // base + "id/"
	nameLang   string
	buf        []Triple
	mint       arena
	concepts   []concept    // minted concept IRIs, few
	files      []sourceFile // source file IRIs, few
	// locs holds the last locators minted: the fields of a section's
	// records share the heading's, a record's fields often share a line.
	locs    [4]locator
	nextLoc int
}

type sourceFile struct{ file, iri string }

type locator struct {
	pos Position
	iri string
}

func newMapper(rel *Release, lang string) *mapper {
	m := &mapper{
		base:       rel.Meta.BaseIRI,
		sourceBase: ReleaseSourceBase(&rel.Meta, rel.Version),
		dataset:    IRI(ReleaseIRI(&rel.Meta, rel.Version)),
		idPrefix:   rel.Meta.BaseIRI + "id/",
		nameLang:   lang,
	}
	return m
}

// arena hands out strings built in place in large byte chunks, so that
// the IRIs minted for each record cost no allocation of their own. It
// only ever appends: the bytes behind a string handed out are never
// written again (a full chunk is left to the garbage collector, never
// reused), which is what makes the unsafe.String views immutable strings,
// as strings.Builder's are. A string keeps its whole chunk alive, so
// arenaChunk is small enough for a few retained strings to cost little.
type arena struct{ buf []byte }

const arenaChunk = 32 << 10

// start makes room for about n more bytes and returns where the next
// string starts. An underestimate is harmless: append then moves on to a
// new array and the strings handed out stay in the old one.
func (a *arena) start(n int) int {
	if cap(a.buf)-len(a.buf) < n {
		a.buf = make([]byte, 0, max(arenaChunk, n))
	}
	return len(a.buf)
}

// since returns the bytes appended since start as a string.
func (a *arena) since(start int) string {
	b := a.buf[start:]
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// prefixed returns prefix + s.
func (m *mapper) prefixed(prefix, s string) string {
	at := m.mint.start(len(prefix) + len(s))
	m.mint.buf = append(append(m.mint.buf, prefix...), s...)
	return m.mint.since(at)
}

// prefixedEscaped returns prefix + escapeSegment(s).
func (m *mapper) prefixedEscaped(prefix, s string) string {
	at := m.mint.start(len(prefix) + 3*len(s))
	m.mint.buf = appendEscaped(append(m.mint.buf, prefix...), s)
	return m.mint.since(at)
}

func (m *mapper) itoa(n int) string {
	at := m.mint.start(20)
	m.mint.buf = strconv.AppendInt(m.mint.buf, int64(n), 10)
	return m.mint.since(at)
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

// source returns SourceIRI(m.sourceBase, pos), made from cached parts.
func (m *mapper) source(pos Position) string {
	if pos.IsZero() || pos.File == "" {
		return ""
	}
	for _, l := range m.locs {
		if l.pos == pos && l.iri != "" {
			return l.iri
		}
	}
	file := ""
	for _, f := range m.files {
		if f.file == pos.File {
			file = f.iri
			break
		}
	}
	if file == "" {
		file = string(appendSourceFile(nil, m.sourceBase, pos.File))
		if len(m.files) < 64 {
			m.files = append(m.files, sourceFile{pos.File, file})
		}
	}
	at := m.mint.start(len(file) + 32 + 3*len(pos.Sheet))
	m.mint.buf = appendLocator(append(m.mint.buf, file...), pos)
	iri := m.mint.since(at)
	m.locs[m.nextLoc] = locator{pos, iri}
	m.nextLoc = (m.nextLoc + 1) % len(m.locs)
	return iri
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

// name returns a name as a literal in its own language (a "@fr" after
// it, see SplitLang), else in the dataset's.
func (m *mapper) name(v string) Term { return m.nameIn(v, "") }

// nameIn is name with the language of an untagged name fallback, or the
// dataset's when fallback is "".
func (m *mapper) nameIn(v, fallback string) Term {
	text, lang := SplitLang(v)
	switch {
	case lang != "":
	case fallback != "":
		lang = fallback
	default:
		lang = m.nameLang
	}
	return LangLiteral(text, lang)
}

// record appends the record's own triples, in the documented order.
func (m *mapper) record(s Term, r *Record) {
	m.add(s, IRI(RDFType), IRI(orgOrganization))
	switch r.Kind {
	case KindAgency:
		m.add(s, IRI(RDFType), IRI(orgFormal))
	case KindNetwork, KindForum:
		m.add(s, IRI(RDFType), IRI(orgCollaboration))
	}
	if r.ID != "" {
		m.add(s, IRI(dctIdentifier), Literal(r.ID))
	}
	m.add(s, IRI(voidInDataset), m.dataset)
	if r.Name != "" {
		name := m.name(r.Name)
		m.add(s, IRI(skosPrefLabel), name)
		m.add(s, IRI(schemaName), name)
	}
	// An acronym is in its name's language unless it says otherwise.
	var acronym Term
	if r.Acronym != "" {
		_, nameLang := SplitLang(r.Name)
		acronym = m.nameIn(r.Acronym, nameLang)
		m.add(s, IRI(skosAltLabel), acronym)
	}
	for _, v := range r.AltNames {
		m.add(s, IRI(skosAltLabel), m.name(v))
	}
	if r.Acronym != "" {
		m.add(s, IRI(schemaAlternateName), acronym)
	}
	for _, v := range r.AltNames {
		m.add(s, IRI(schemaAlternateName), m.name(v))
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
		m.add(s, IRI(dctIsReplacedBy), IRI(m.prefixedEscaped(m.idPrefix, r.Successor)))
	}
	if r.Parent != "" {
		m.add(s, IRI(orgSubOrganizationOf), IRI(m.prefixedEscaped(m.idPrefix, r.Parent)))
	}
	for _, id := range r.MemberOf {
		m.add(s, IRI(orgMemberOf), IRI(m.prefixedEscaped(m.idPrefix, id)))
	}
	for _, id := range r.PartnerOf {
		m.add(s, IRI(orgLinkedTo), IRI(m.prefixedEscaped(m.idPrefix, id)))
	}
	if r.Members != nil {
		dt := XSDNonNegativeInteger
		if *r.Members < 0 {
			dt = XSDInteger
		}
		m.add(s, IRI(wdtMemberCount), TypedLiteral(m.itoa(*r.Members), dt))
	}
	if r.Seat != "" {
		m.add(s, IRI(schemaLocation), Literal(r.Seat))
	}
	if r.LegalBasis != "" {
		m.add(s, IRI(cvHasLegalResource), IRI(r.LegalBasis))
	}
	if r.Wikidata != "" {
		m.add(s, IRI(owlSameAs), IRI(m.prefixedEscaped(NSWikidataEntity, r.Wikidata)))
	}
	if r.EUCorporateBody != "" {
		m.add(s, IRI(owlSameAs), IRI(m.prefixedEscaped(corporateBodies, r.EUCorporateBody)))
	}
	for _, u := range r.SourceURLs {
		m.add(s, IRI(dctSource), IRI(u))
	}
	if loc := m.source(r.Origin); loc != "" {
		m.add(s, IRI(provWasDerivedFrom), IRI(loc))
	}
}

// hasProvenance reports whether r has a provenance node to publish.
func hasProvenance(r *Record) bool {
	for _, src := range r.Sources {
		if provenanceField(r, src) {
			return true
		}
	}
	return false
}

// provenanceField reports whether src gets a provenance node: the field
// has a value, publishes a triple of its own (description_lang is the
// description's tag, and goes with it), and was read from a source other
// than the record's origin, which prov:wasDerivedFrom of the record
// already names.
func provenanceField(r *Record, src FieldSource) bool {
	return src.Pos.File != "" && src.Pos != r.Origin && src.Field != FieldDescriptionLang && hasValue(r, src.Field)
}

// hasValue reports whether len(r.Values(f)) > 0, without making the
// slice.
func hasValue(r *Record, f Field) bool {
	switch f {
	case FieldID:
		return r.ID != ""
	case FieldKind:
		return r.Kind != ""
	case FieldScope:
		return r.Scope != ""
	case FieldName:
		return r.Name != ""
	case FieldAcronym:
		return r.Acronym != ""
	case FieldAltNames:
		return len(r.AltNames) > 0
	case FieldDescription:
		return r.Description != ""
	case FieldDescriptionLang:
		return r.DescriptionLang != ""
	case FieldWebsite:
		return r.Website != ""
	case FieldFounded:
		return r.Founded != ""
	case FieldDissolved:
		return r.Dissolved != ""
	case FieldStatus:
		return r.Status != ""
	case FieldSuccessor:
		return r.Successor != ""
	case FieldParent:
		return r.Parent != ""
	case FieldMemberOf:
		return len(r.MemberOf) > 0
	case FieldPartnerOf:
		return len(r.PartnerOf) > 0
	case FieldMembers:
		return r.Members != nil
	case FieldSeat:
		return r.Seat != ""
	case FieldLegalBasis:
		return r.LegalBasis != ""
	case FieldWikidata:
		return r.Wikidata != ""
	case FieldEUCorporateBody:
		return r.EUCorporateBody != ""
	case FieldSourceURLs:
		return len(r.SourceURLs) > 0
	}
	return false
}

// provenance appends one node per field provenanceField selects, in
// field name order: the statements of the record with the field's main
// property (rdf:subject, rdf:predicate), the field's name (rdfs:label:
// kind, scope and status share a property), and the source locator
// (prov:wasDerivedFrom). No rdf:type prov:Entity: the domain of
// prov:wasDerivedFrom says as much, and it would be a fifth of the node.
func (m *mapper) provenance(rec Term, r *Record) {
	for _, src := range r.Sources {
		if !provenanceField(r, src) {
			continue
		}
		f := src.Field
		pred, _, _ := FieldPredicate(f)
		if pred == "" {
			continue // a field this version does not know
		}
		at := m.mint.start(len(rec.Value) + len("#prov-") + len(f))
		m.mint.buf = append(append(append(m.mint.buf, rec.Value...), "#prov-"...), f...)
		n := IRI(m.mint.since(at))
		m.add(n, IRI(rdfSubject), rec)
		m.add(n, IRI(rdfPredicate), IRI(pred))
		m.add(n, IRI(rdfsLabel), Literal(string(f)))
		m.add(n, IRI(provWasDerivedFrom), IRI(m.source(src.Pos)))
	}
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
