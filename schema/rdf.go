package schema

import (
	"fmt"
	"iter"
	"strings"
	"unicode/utf8"
)

// This file is bordernet's RDF term model. It is deliberately not
// knakk/rdf's: knakk's constructors reject valid language tags, panic on
// empty ones and accept relative IRIs, and they validate and allocate on
// every call, which the writers cannot afford at millions of triples per
// second. Here a Term is a plain value; validity is checked once, by the
// writer that serialises it (Triple.Check).

// Namespaces of the vocabularies bordernet publishes with.
const (
	NSRDF     = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	NSRDFS    = "http://www.w3.org/2000/01/rdf-schema#"
	NSXSD     = "http://www.w3.org/2001/XMLSchema#"
	NSOWL     = "http://www.w3.org/2002/07/owl#"
	NSORG     = "http://www.w3.org/ns/org#"
	NSSchema  = "https://schema.org/"
	NSSKOS    = "http://www.w3.org/2004/02/skos/core#"
	NSDCT     = "http://purl.org/dc/terms/"
	NSDCTType = "http://purl.org/dc/dcmitype/"
	NSPROV    = "http://www.w3.org/ns/prov#"
	NSDCAT    = "http://www.w3.org/ns/dcat#"
	NSDCATAP  = "http://data.europa.eu/r5r/"
	NSFOAF    = "http://xmlns.com/foaf/0.1/"
	NSVCard   = "http://www.w3.org/2006/vcard/ns#"
	NSSPDX    = "http://spdx.org/rdf/terms#"
	NSADMS    = "http://www.w3.org/ns/adms#"
	NSLOCN    = "http://www.w3.org/ns/locn#"
	NSVOID    = "http://rdfs.org/ns/void#"
	// NSCV is the SEMIC Core Vocabularies namespace (cv:hasLegalResource).
	NSCV = "http://data.europa.eu/m8g/"
	// NSEUAuthority is the root of the EU Publications Office authority
	// tables (corporate bodies, file types, data themes, frequencies...).
	NSEUAuthority = "http://publications.europa.eu/resource/authority/"
	// NSWikidataEntity is where Wikidata items live as linked data.
	NSWikidataEntity = "http://www.wikidata.org/entity/"
	// NSWikidataDirect holds Wikidata's properties as direct (truthy)
	// statements use them: wdt:P2124, member count.
	NSWikidataDirect = "http://www.wikidata.org/prop/direct/"
	// NSIANAMedia is the IANA media-type registry, as DCAT-AP wants media
	// types: NSIANAMedia + "text/turtle".
	NSIANAMedia = "http://www.iana.org/assignments/media-types/"
)

// IRIs used often enough to name.
const (
	RDFType       = NSRDF + "type"
	RDFLangString = NSRDF + "langString"

	XSDString             = NSXSD + "string"
	XSDBoolean            = NSXSD + "boolean"
	XSDInteger            = NSXSD + "integer"
	XSDNonNegativeInteger = NSXSD + "nonNegativeInteger"
	XSDDecimal            = NSXSD + "decimal"
	XSDDate               = NSXSD + "date"
	XSDDateTime           = NSXSD + "dateTime"
	XSDGYear              = NSXSD + "gYear"
	XSDGYearMonth         = NSXSD + "gYearMonth"
	XSDAnyURI             = NSXSD + "anyURI"
	XSDHexBinary          = NSXSD + "hexBinary"
)

// CommonPrefixes returns the conventional prefix names of the namespaces
// above, for Turtle @prefix lines and the JSON-LD @context. A new slice on
// every call, so callers may append to it.
func CommonPrefixes() []Prefix {
	return []Prefix{
		{"rdf", NSRDF}, {"rdfs", NSRDFS}, {"xsd", NSXSD}, {"owl", NSOWL},
		{"org", NSORG}, {"schema", NSSchema}, {"skos", NSSKOS},
		{"dct", NSDCT}, {"dctype", NSDCTType}, {"prov", NSPROV},
		{"dcat", NSDCAT}, {"dcatap", NSDCATAP}, {"foaf", NSFOAF},
		{"vcard", NSVCard}, {"spdx", NSSPDX}, {"adms", NSADMS},
		{"locn", NSLOCN}, {"cv", NSCV},
	}
}

// TermKind says what an RDF term is. The zero TermKind is no term at all,
// so a forgotten Term{} is caught by Check instead of written.
type TermKind uint8

// The kinds of term.
const (
	TermIRI TermKind = iota + 1
	TermBlank
	TermLiteral
)

func (k TermKind) String() string {
	switch k {
	case TermIRI:
		return "IRI"
	case TermBlank:
		return "blank node"
	case TermLiteral:
		return "literal"
	}
	return fmt.Sprintf("TermKind(%d)", uint8(k))
}

// Term is an RDF term: an IRI, a blank node or a literal.
type Term struct {
	Kind TermKind
	// Value is the IRI, the blank node label (without "_:") or the
	// literal's lexical form.
	Value string
	// Datatype is the literal's datatype IRI; "" means xsd:string (or
	// rdf:langString when Lang is set).
	Datatype string
	// Lang is the literal's language tag; "" for none.
	Lang string
}

// IRI returns the IRI term s. s must be an absolute IRI (see ValidIRI).
func IRI(s string) Term { return Term{Kind: TermIRI, Value: s} }

// Blank returns the blank node labelled label. bordernet's own graphs use
// none (fragment IRIs keep them deterministic); the kind exists so that
// writers handle graphs that do.
func Blank(label string) Term { return Term{Kind: TermBlank, Value: label} }

// Literal returns the plain string literal s.
func Literal(s string) Term { return Term{Kind: TermLiteral, Value: s} }

// LangLiteral returns s tagged with language lang. An empty lang gives a
// plain string literal, because an untagged name is better published than
// dropped.
func LangLiteral(s, lang string) Term { return Term{Kind: TermLiteral, Value: s, Lang: lang} }

// TypedLiteral returns s with datatype datatypeIRI. xsd:string is
// normalised to "" so that equal literals are equal Terms.
func TypedLiteral(s, datatypeIRI string) Term {
	if datatypeIRI == XSDString {
		datatypeIRI = ""
	}
	return Term{Kind: TermLiteral, Value: s, Datatype: datatypeIRI}
}

// IsIRI reports whether t is an IRI.
func (t Term) IsIRI() bool { return t.Kind == TermIRI }

// IsLiteral reports whether t is a literal.
func (t Term) IsLiteral() bool { return t.Kind == TermLiteral }

// Check reports why t cannot be written as RDF, or nil: an IRI that is not
// absolute or holds characters no IRI may hold, a blank node label outside
// the Turtle/N-Triples grammar, a literal that is not valid UTF-8, a
// malformed language tag or datatype IRI.
func (t Term) Check() error {
	switch t.Kind {
	case TermIRI:
		if !ValidIRI(t.Value) {
			return fmt.Errorf("%q is not an absolute IRI", t.Value)
		}
	case TermBlank:
		if !validBlankLabel(t.Value) {
			return fmt.Errorf("%q is not a blank node label", t.Value)
		}
	case TermLiteral:
		if !utf8.ValidString(t.Value) {
			return fmt.Errorf("literal %q is not valid UTF-8", t.Value)
		}
		if t.Lang != "" {
			if !ValidLangTag(t.Lang) {
				return fmt.Errorf("literal %q: %q is not a language tag", t.Value, t.Lang)
			}
			if t.Datatype != "" && t.Datatype != RDFLangString {
				return fmt.Errorf("literal %q has both language %q and datatype %s", t.Value, t.Lang, t.Datatype)
			}
		} else if t.Datatype == RDFLangString {
			return fmt.Errorf("literal %q has datatype rdf:langString but no language", t.Value)
		}
		if t.Datatype != "" && !ValidIRI(t.Datatype) {
			return fmt.Errorf("literal %q: datatype %q is not an absolute IRI", t.Value, t.Datatype)
		}
	default:
		return fmt.Errorf("term %q has no kind (%v)", t.Value, t.Kind)
	}
	return nil
}

// Triple is one RDF statement.
type Triple struct {
	S, P, O Term
}

// Check reports why tr cannot be written as RDF, or nil: besides each
// term's own rules, the subject must be an IRI or blank node and the
// predicate an IRI.
func (tr Triple) Check() error {
	if tr.S.Kind == TermLiteral {
		return fmt.Errorf("subject %q is a literal", tr.S.Value)
	}
	if tr.P.Kind != TermIRI {
		return fmt.Errorf("predicate %q is a %v, not an IRI", tr.P.Value, tr.P.Kind)
	}
	if err := tr.S.Check(); err != nil {
		return fmt.Errorf("subject: %w", err)
	}
	if err := tr.P.Check(); err != nil {
		return fmt.Errorf("predicate: %w", err)
	}
	if err := tr.O.Check(); err != nil {
		return fmt.Errorf("object: %w", err)
	}
	return nil
}

// Checker checks triples as Triple.Check does, remembering the IRIs and
// language tags it has passed, so that a writer checking millions of
// triples checks each predicate, class, concept and datatype once rather
// than on every record: the subject of a record's statements, the node a
// section's provenance points to. The zero Checker is ready to use; it is
// not safe for concurrent use.
type Checker struct {
	known IRICache[struct{}] // IRIs found valid
	lang  string             // the last language tag found valid
}

// Check reports why tr cannot be written as RDF, or nil.
func (c *Checker) Check(tr Triple) error {
	if tr.S.Kind == TermLiteral || tr.P.Kind != TermIRI {
		return tr.Check()
	}
	// Only the terms not seen before are checked; when one fails, the
	// whole triple is, for the error Triple.Check gives.
	for _, t := range [...]Term{tr.S, tr.P, tr.O} {
		if c.checked(t) {
			continue
		}
		if t.Check() != nil {
			return tr.Check()
		}
		if t.Kind == TermIRI {
			c.known.Put(t.Value, struct{}{})
		}
	}
	if tr.O.Kind == TermLiteral {
		if tr.O.Datatype != "" {
			c.known.Put(tr.O.Datatype, struct{}{})
		}
		if tr.O.Lang != "" {
			c.lang = tr.O.Lang
		}
	}
	return nil
}

// checked reports whether t passes Term.Check as far as the Checker can
// tell from what it has seen: an IRI it has passed, or a literal with
// valid UTF-8 and a language tag and datatype it has passed. False means
// "look properly", not "invalid".
func (c *Checker) checked(t Term) bool {
	switch t.Kind {
	case TermIRI:
		_, ok := c.known.Get(t.Value)
		return ok
	case TermLiteral:
		if t.Lang != "" {
			if t.Lang != c.lang || t.Datatype != "" && t.Datatype != RDFLangString {
				return false
			}
		} else if t.Datatype == RDFLangString {
			return false
		}
		if t.Datatype != "" {
			if _, ok := c.known.Get(t.Datatype); !ok {
				return false
			}
		}
		return utf8.ValidString(t.Value)
	}
	return false
}

// IRICache is a small fixed-size map from IRIs to values, for the
// writers' hot paths: a slot per IRI chosen from its length and last
// bytes, where the IRI found evicts the one before. The IRIs that repeat
// (predicates, classes, concepts, namespaces) are found again after being
// evicted by the ones that do not (record IRIs, locators), at the cost of
// a few compares and no hashing of the whole string; a hit on the very
// string stored is one pointer compare. Its size is fixed, so it cannot
// grow with the graph. The zero IRICache is empty and ready to use.
type IRICache[V any] struct {
	slots [iriCacheSize]struct {
		iri string
		v   V
	}
}

const iriCacheSize = 256 // a power of two

func iriSlot(iri string) uint {
	n := uint(len(iri))
	if n < 2 {
		return n
	}
	return (n*131 + uint(iri[n-1])*31 + uint(iri[n-2])*7 + uint(iri[n/2])) & (iriCacheSize - 1)
}

// Get returns the value stored for iri, if it is still there.
func (c *IRICache[V]) Get(iri string) (V, bool) {
	s := &c.slots[iriSlot(iri)]
	if s.iri == iri && iri != "" {
		return s.v, true
	}
	var zero V
	return zero, false
}

// Put stores v for iri, evicting whatever shared its slot.
func (c *IRICache[V]) Put(iri string, v V) {
	s := &c.slots[iriSlot(iri)]
	s.iri, s.v = iri, v
}

// Prefix binds a short name to a namespace IRI, for Turtle's @prefix and
// the JSON-LD @context.
type Prefix struct {
	Name string // e.g. "skos"; may be empty for Turtle's default prefix
	IRI  string // e.g. NSSKOS
}

// Check reports why p cannot be declared, or nil. Names are held to a
// conservative subset of Turtle's PN_PREFIX (ASCII letters, digits, '_'
// and '-', starting with a letter) that is also a valid JSON-LD term.
func (p Prefix) Check() error {
	for i := 0; i < len(p.Name); i++ {
		c := p.Name[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '_' || c == '-')) {
			return fmt.Errorf("prefix name %q: use ASCII letters, digits, _ and -, starting with a letter", p.Name)
		}
	}
	if !ValidIRI(p.IRI) {
		return fmt.Errorf("prefix %s: %q is not an absolute IRI", p.Name, p.IRI)
	}
	return nil
}

// Graph is an RDF graph as the writers stream it: the prefixes to declare
// and an iterator over blocks of triples.
//
// Blocks come in a fixed order, and each block's triples in a fixed order,
// so every writer's output is deterministic. RecordGraph yields the
// records' triples (a record's own triples with type first, its provenance
// nodes beside them) and then the concept schemes. A yielded slice is only
// valid until the next iteration: the producer may reuse it (the strings
// of its terms stay valid).
//
// For sorted N-Triples the producer also guarantees that the blocks, each
// sorted by its N-Triples lines, are in line order: every line of a block
// sorts after every line of the blocks before it. The N-Triples writer
// sorts within a block and reports a violation as an error.
type Graph struct {
	Prefixes []Prefix
	Blocks   iter.Seq[[]Triple]
	// Properties, when not nil, declares ahead the predicates the blocks
	// use, with the form of their values, for JSON-LD, which names
	// properties and their coercions in its @context before the first
	// node. Without it the JSON-LD writer walks the graph twice, once to
	// learn them. The declaration shapes the output, never its meaning: a
	// predicate left out and a value that does not fit its declaration
	// are still written exactly, only longer. Other syntaxes ignore it.
	Properties []Property
	// Checked says every triple Blocks yields passes Triple.Check, so a
	// writer need not check them again. Only a producer that has checked
	// them sets it: the release checks its graph once for its three
	// writers.
	Checked bool
}

// Property declares a predicate of a graph for JSON-LD: the term that
// names it and what its values are expected to be.
type Property struct {
	IRI string
	// Name is its JSON-LD term ("memberCount" for wdt:P2124); "" for its
	// local name, as for undeclared ones.
	Name string
	// IRIValued says the values are IRIs ("@type": "@id").
	IRIValued bool
	// Lang is the language tag of the values ("@language"), Datatype
	// their datatype ("@type"); "" for none.
	Lang, Datatype string
	// Multi says a subject may have several values ("@container":
	// "@set", so readers always find an array).
	Multi bool
}

// ValidIRI reports whether s is an absolute IRI that every RDF syntax can
// carry unchanged: a scheme (a letter, then letters, digits, '+', '-' or
// '.') and ':', then a non-empty rest that is valid UTF-8 without spaces,
// control characters (C0, DEL, C1), any of <>"{}|\^` or a second '#', and
// with every '%' followed by two hex digits. It is stricter than Turtle's
// IRIREF production (which allows C1 controls, '%' anywhere and many '#')
// because RFC 3987 is: what passes here is a valid IRI and a valid
// xsd:anyURI, except that the authority is not parsed (an unclosed IP
// literal such as "https://[" passes, as it does Turtle's IRIREF). The
// validator uses it for every value published as an IRI.
func ValidIRI(s string) bool {
	colon := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ':' {
			colon = i
			break
		}
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	if colon < 1 || colon == len(s)-1 {
		return false
	}
	fragment := false
	for i := colon + 1; i < len(s); {
		// Most bytes are plain ASCII that needs no further look: a
		// table says which, and a loop of its own runs through them,
		// over twice as fast as a switch per byte on the hot path of
		// every writer.
		for i < len(s) && byteClass[s[i]]&iriPlain != 0 {
			i++
		}
		if i == len(s) {
			break
		}
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 || r < 0xa0 {
				return false
			}
			i += size
			continue
		case c == '#':
			if fragment {
				return false
			}
			fragment = true
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return false
			}
		default:
			// Controls, space, DEL and <>"{}|\^`.
			return false
		}
		i++
	}
	return true
}

// byteClass holds, for each byte, whether it may stand as itself in an
// IRI (iriPlain: the printable ASCII characters other than <>"{}|\^` and
// the two that need a look around, '#' and '%') and in a quoted literal
// (literalPlain: all but the C0 controls, DEL, '"' and '\\'). A string
// constant, so nobody can change it; TestByteClass derives it again.
const byteClass = "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x02\x03\x00\x02\x03\x02\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03" +
	"\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x02\x03\x02\x03" +
	"\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03" +
	"\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x00\x03\x02\x03" +
	"\x02\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03" +
	"\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x02\x02\x02\x03\x00" +
	"\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02" +
	"\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02" +
	"\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02" +
	"\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02" +
	"\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02" +
	"\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02" +
	"\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02" +
	"\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02"

// The flags of byteClass.
const (
	iriPlain     = 1
	literalPlain = 2
)

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// ValidLangTag reports whether s is a language tag as RDF syntaxes accept
// it: letters, then hyphen-separated runs of letters and digits (Turtle's
// LANGTAG, also what JSON-LD processors keep). IsLangTag is the stricter
// BCP 47 rule curators are held to; this one decides only what can be
// written.
func ValidLangTag(s string) bool {
	if s == "" {
		return false
	}
	first, run := true, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			run++
		case c >= '0' && c <= '9' && !first:
			run++
		case c == '-' && run > 0:
			first, run = false, 0
		default:
			return false
		}
	}
	return run > 0
}

// validBlankLabel holds labels to [A-Za-z0-9_] then [A-Za-z0-9_-]*, a
// subset of BLANK_NODE_LABEL that every syntax and JSON-LD ("_:b0") share.
func validBlankLabel(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' && i > 0
		if !ok {
			return false
		}
	}
	return true
}

// ValidLocalName reports whether local may follow "prefix:" in Turtle and
// JSON-LD unescaped. Turtle's PN_LOCAL allows far more (with backslash
// escapes); this subset is ASCII letters, digits, '_' and '-', with '.'
// allowed inside but not first or last, and '-' not first. The empty
// local name is allowed ("skos:" is the namespace itself).
func ValidLocalName(local string) bool {
	for i := 0; i < len(local); i++ {
		c := local[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_':
		case c == '-' && i > 0:
		case c == '.' && i > 0 && i < len(local)-1:
		default:
			return false
		}
	}
	return true
}

// Namespaces finds the prefix of an IRI quickly: most IRIs end in a local
// name after the namespace's last '/' or '#', so one map lookup usually
// decides; namespaces ending otherwise are tried in turn, longest first.
type Namespaces struct {
	bySlash map[string]string // namespace IRI ending in '/' or '#' → name
	other   []Prefix          // the rest, longest IRI first
}

// NewNamespaces indexes prefixes. When two names share a namespace IRI the
// first wins.
func NewNamespaces(prefixes []Prefix) *Namespaces {
	ns := &Namespaces{bySlash: make(map[string]string, len(prefixes))}
	for _, p := range prefixes {
		if strings.HasSuffix(p.IRI, "/") || strings.HasSuffix(p.IRI, "#") {
			if _, dup := ns.bySlash[p.IRI]; !dup {
				ns.bySlash[p.IRI] = p.Name
			}
			continue
		}
		ns.other = append(ns.other, p)
	}
	// Longest first, so the most specific namespace wins.
	for i := 1; i < len(ns.other); i++ {
		for j := i; j > 0 && len(ns.other[j].IRI) > len(ns.other[j-1].IRI); j-- {
			ns.other[j], ns.other[j-1] = ns.other[j-1], ns.other[j]
		}
	}
	return ns
}

// Compact splits iri into a declared prefix name and a local name that
// ValidLocalName accepts, or reports false when the IRI must be written in
// full.
func (ns *Namespaces) Compact(iri string) (prefix, local string, ok bool) {
	// By hand rather than strings.LastIndexAny, which costs more than
	// the map lookup on these short local names.
	i := len(iri) - 1
	for i >= 0 && iri[i] != '/' && iri[i] != '#' {
		i--
	}
	if i >= 0 {
		if name, found := ns.bySlash[iri[:i+1]]; found && ValidLocalName(iri[i+1:]) {
			return name, iri[i+1:], true
		}
	}
	for _, p := range ns.other {
		if strings.HasPrefix(iri, p.IRI) && ValidLocalName(iri[len(p.IRI):]) {
			return p.Name, iri[len(p.IRI):], true
		}
	}
	return "", "", false
}

// AppendQuoted appends s as an RDF short string literal, quotes included,
// escaped as canonical N-Triples (RDF 1.2, RDFC-1.0) escapes it: \b \t \n
// \f \r \" and \\ as ECHAR; the other C0 controls and DEL as \u00XX with
// upper-case hex; everything else, non-ASCII included, as itself. The same
// form is valid in Turtle's STRING_LITERAL_QUOTE. s must be valid UTF-8
// (Term.Check).
func AppendQuoted(dst []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if byteClass[c]&literalPlain != 0 {
			continue
		}
		dst = append(dst, s[start:i]...)
		start = i + 1
		switch c {
		case '\b':
			dst = append(dst, '\\', 'b')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\f':
			dst = append(dst, '\\', 'f')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '"':
			dst = append(dst, '\\', '"')
		case '\\':
			dst = append(dst, '\\', '\\')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// AppendNTriples appends t as N-Triples writes it: <IRI>, _:label, or a
// quoted literal with @lang or ^^<datatype> (none for xsd:string). t must
// pass Check; IRIs that do need no escaping.
func (t Term) AppendNTriples(dst []byte) []byte {
	switch t.Kind {
	case TermIRI:
		dst = append(dst, '<')
		dst = append(dst, t.Value...)
		return append(dst, '>')
	case TermBlank:
		dst = append(dst, '_', ':')
		return append(dst, t.Value...)
	}
	dst = AppendQuoted(dst, t.Value)
	switch {
	case t.Lang != "":
		dst = append(dst, '@')
		dst = append(dst, t.Lang...)
	case t.Datatype != "" && t.Datatype != XSDString:
		dst = append(dst, '^', '^', '<')
		dst = append(dst, t.Datatype...)
		dst = append(dst, '>')
	}
	return dst
}

// String renders t in N-Triples syntax, for messages and tests.
func (t Term) String() string { return string(t.AppendNTriples(nil)) }

// AppendNTriples appends tr as one N-Triples line, newline included.
func (tr Triple) AppendNTriples(dst []byte) []byte {
	dst = tr.S.AppendNTriples(dst)
	dst = append(dst, ' ')
	dst = tr.P.AppendNTriples(dst)
	dst = append(dst, ' ')
	dst = tr.O.AppendNTriples(dst)
	return append(dst, ' ', '.', '\n')
}
