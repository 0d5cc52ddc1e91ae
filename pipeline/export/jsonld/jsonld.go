// Package jsonld owns bordernet's JSON-LD writer: it streams a
// schema.Graph as a JSON-LD 1.1 document with an embedded @context and a
// @graph of one node object per subject, indented and deterministic.
//
// The context holds the graph's prefixes and one readable term per
// predicate (its local name: "prefLabel" for skos:prefLabel) with the
// coercion its values allow: "@type": "@id" for IRIs, a datatype or a
// language when the values have one, and "@container": "@set" when a
// node may have several values. The graph may declare its predicates
// ahead (schema.Graph.Properties, as schema.RecordGraph does); otherwise
// Write walks the graph twice, once to learn them from the data and once
// to write. A value that does not fit its term's coercion is written in
// full ({"@id": …} or {"@value": …}), and a predicate without a term is
// keyed by its compact IRI, so the document always denotes exactly the
// graph given, whatever the coercions say.
//
// No JSON-LD library is used for writing: one node is encoded at a time
// into a reused buffer.
package jsonld

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/bordernet/bordernet/schema"
)

// Write writes g to w as JSON-LD. Unless g declares its properties,
// g.Blocks is iterated twice, so it must yield the same triples each time
// (schema.RecordGraph's does). It returns the first triple that cannot be
// written or the first write error.
func Write(w io.Writer, g schema.Graph) error {
	ctx, err := buildContext(g)
	if err != nil {
		return fmt.Errorf("jsonld: %w", err)
	}
	ew := &errWriter{w: w}
	bw := bufio.NewWriterSize(ew, 64<<10)
	jw := &writer{bw: bw, ctx: ctx, checked: g.Checked}
	jw.header()
	if g.Blocks != nil {
		block := 0
		for triples := range g.Blocks {
			block++
			if err := jw.block(triples); err != nil {
				return fmt.Errorf("jsonld: block %d: %w", block, err)
			}
			if ew.err != nil {
				return fmt.Errorf("jsonld: %w", ew.err)
			}
		}
	}
	if jw.nodes > 0 {
		bw.WriteString("\n  ]\n}\n")
	} else {
		bw.WriteString("]\n}\n")
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("jsonld: %w", err)
	}
	return nil
}

// term is how the context abbreviates one predicate.
type term struct {
	iri     string // the predicate
	name    string // "" when the predicate has no term of its own
	key     string // the JSON key the predicate is written under
	isID    bool   // "@type": "@id": bare strings are IRIs
	typ     string // "@type": datatype IRI: bare strings have it
	lang    string // "@language": bare strings have it
	set     bool   // "@container": "@set": values always in an array
	defined bool
}

// stats is what the first pass learns about one predicate.
type stats struct {
	iri                string
	nonIRI, nonLiteral bool
	plain              bool // a literal without language or datatype
	lang, datatype     string
	langs, datatypes   int // 0, 1, or 2 meaning "more than one"
	multi              bool
}

// note records one more language or datatype, counting up to "more than
// one" without a map: a predicate has one, or it gets no coercion.
func note(seen *string, count *int, v string) {
	switch {
	case *count == 0:
		*seen, *count = v, 1
	case *seen != v:
		*count = 2
	}
}

// termLimit bounds the terms of predicates met while writing that the
// context did not name, so a graph of millions of distinct predicates
// cannot grow the map without end.
const termLimit = 4096

type context struct {
	prefixes []schema.Prefix
	ns       *schema.Namespaces
	byLength []schema.Prefix  // prefixes, longest namespace first
	terms    map[string]*term // predicate IRI → term
	names    map[string]bool  // every prefix and term name
	sorted   []*term          // defined terms by name
	// checkSchemes is set when the terms were declared rather than
	// learnt from the data, so IRI schemes that clash with a name of
	// the context are caught while writing; okScheme is the last
	// scheme found clear of them.
	checkSchemes bool
	okScheme     string
	httpOK       bool // neither prefix nor term is named http
	httpsOK      bool // nor https
	// recent is a fast path in front of terms, and compacted in front
	// of appendCompact: the predicates and most objects repeat.
	recent    schema.IRICache[*term]
	compacted schema.IRICache[compactForm]
}

// compactForm is how appendCompact writes an IRI: prefix + ":" +
// iri[split:], or the IRI in full.
type compactForm struct {
	prefix string
	split  int
	full   bool
}

// buildContext chooses the prefixes and terms: from the graph's
// declaration when it has one, else by walking the graph once.
func buildContext(g schema.Graph) (*context, error) {
	ctx := &context{terms: map[string]*term{}, names: map[string]bool{}}
	// Only namespaces ending in a gen-delim may be JSON-LD prefixes
	// (JSON-LD 1.1, Create Term Definition); the others are left out of
	// compaction and declared as plain terms would be pointless.
	for _, p := range g.Prefixes {
		if err := p.Check(); err != nil {
			return nil, err
		}
		if p.Name == "" {
			return nil, fmt.Errorf("prefix %q: JSON-LD has no empty prefix", p.IRI)
		}
		if ctx.names[p.Name] {
			return nil, fmt.Errorf("prefix %q declared twice", p.Name)
		}
		if !strings.ContainsAny(p.IRI[len(p.IRI)-1:], ":/?#[]@") {
			continue
		}
		ctx.names[p.Name] = true
		ctx.prefixes = append(ctx.prefixes, p)
	}
	ctx.ns = schema.NewNamespaces(ctx.prefixes)
	ctx.byLength = slices.Clone(ctx.prefixes)
	slices.SortStableFunc(ctx.byLength, func(a, b schema.Prefix) int { return cmp.Compare(len(b.IRI), len(a.IRI)) })

	var (
		props   []schema.Property
		schemes map[string]bool
		err     error
	)
	if g.Properties != nil {
		props, err = declared(g.Properties)
		ctx.checkSchemes = true
	} else {
		props, schemes, err = learn(g)
	}
	if err != nil {
		return nil, err
	}
	for _, p := range ctx.prefixes {
		if schemes[p.Name] {
			return nil, fmt.Errorf("prefix %q is also the scheme of an IRI in the graph: JSON-LD would read that IRI as a compact IRI", p.Name)
		}
	}

	// Name each predicate by its given name or local name, unless two
	// predicates share it or it is a prefix name or an IRI scheme; those
	// keep their compact IRI as key.
	slices.SortFunc(props, func(a, b schema.Property) int { return cmp.Compare(a.IRI, b.IRI) })
	name := func(p schema.Property) string {
		if p.Name != "" {
			return p.Name
		}
		if _, l, ok := ctx.ns.Compact(p.IRI); ok && l != "" {
			return l
		}
		return ""
	}
	count := map[string]int{}
	for _, p := range props {
		count[name(p)]++
	}
	for _, p := range props {
		t := &term{iri: p.IRI}
		if n := name(p); n != "" && count[n] == 1 && !ctx.names[n] && !schemes[n] {
			t.name, t.key, t.defined = n, n, true
			ctx.names[n] = true
			switch {
			case p.IRIValued:
				t.isID = true
			case p.Lang != "":
				t.lang = p.Lang
			case p.Datatype != "" && p.Datatype != schema.XSDString:
				t.typ = p.Datatype
			}
			t.set = p.Multi
			ctx.sorted = append(ctx.sorted, t)
		} else {
			t.key = ctx.compactIRI(p.IRI)
		}
		ctx.terms[p.IRI] = t
	}
	slices.SortFunc(ctx.sorted, func(a, b *term) int { return cmp.Compare(a.name, b.name) })
	ctx.httpOK, ctx.httpsOK = !ctx.names["http"], !ctx.names["https"]
	return ctx, nil
}

// declared checks a graph's declared properties and returns those that
// get a term (rdf:type is @type).
func declared(in []schema.Property) ([]schema.Property, error) {
	seen := make(map[string]bool, len(in))
	out := make([]schema.Property, 0, len(in))
	for _, p := range in {
		if p.Name != "" {
			if err := (schema.Prefix{Name: p.Name, IRI: p.IRI}).Check(); err != nil {
				return nil, fmt.Errorf("property term %q: %w", p.Name, err)
			}
		}
		switch {
		case !schema.ValidIRI(p.IRI):
			return nil, fmt.Errorf("property %q is not an absolute IRI", p.IRI)
		case seen[p.IRI]:
			return nil, fmt.Errorf("property %s declared twice", p.IRI)
		case p.Lang != "" && !schema.ValidLangTag(p.Lang):
			return nil, fmt.Errorf("property %s: %q is not a language tag", p.IRI, p.Lang)
		case p.Datatype != "" && !schema.ValidIRI(p.Datatype):
			return nil, fmt.Errorf("property %s: datatype %q is not an absolute IRI", p.IRI, p.Datatype)
		case p.IRIValued && (p.Lang != "" || p.Datatype != ""), p.Lang != "" && p.Datatype != "":
			return nil, fmt.Errorf("property %s: values declared of two forms", p.IRI)
		}
		seen[p.IRI] = true
		if p.IRI != schema.RDFType {
			out = append(out, p)
		}
	}
	return out, nil
}

// learn walks the graph once and describes each predicate by its values:
// IRI-valued when every value is an IRI, a language or datatype when
// every value has the same one, multi when some node has several. It
// also returns the IRI schemes the graph uses.
func learn(g schema.Graph) ([]schema.Property, map[string]bool, error) {
	byPred := map[string]*stats{}
	schemes := map[string]bool{}
	lastScheme := ""
	var nodes nodeSet
	if g.Blocks != nil {
		for triples := range g.Blocks {
			for _, tr := range triples {
				for _, t := range [...]schema.Term{tr.S, tr.P, tr.O} {
					if t.Kind != schema.TermIRI {
						continue
					}
					// Nearly every IRI is http(s): skip the map then.
					if i := strings.IndexByte(t.Value, ':'); i > 0 && t.Value[:i] != lastScheme {
						lastScheme = t.Value[:i]
						schemes[lastScheme] = true
					}
				}
			}
			nodes.build(triples)
			for _, n := range nodes.nodes[:nodes.used] {
				for _, pv := range n.props {
					if pv.pred == schema.RDFType {
						continue
					}
					st := byPred[pv.pred]
					if st == nil {
						st = &stats{iri: pv.pred}
						byPred[pv.pred] = st
					}
					if len(pv.values) > 1 {
						st.multi = true
					}
					for _, v := range pv.values {
						if v.Kind != schema.TermIRI {
							st.nonIRI = true
						}
						if v.Kind != schema.TermLiteral {
							st.nonLiteral = true
							continue
						}
						switch {
						case v.Lang != "":
							note(&st.lang, &st.langs, v.Lang)
						case v.Datatype != "" && v.Datatype != schema.XSDString:
							note(&st.datatype, &st.datatypes, v.Datatype)
						default:
							st.plain = true
						}
					}
				}
			}
		}
	}
	props := make([]schema.Property, 0, len(byPred))
	for _, st := range byPred {
		p := schema.Property{IRI: st.iri, Multi: st.multi}
		switch {
		case !st.nonIRI:
			p.IRIValued = true
		case !st.nonLiteral && st.langs == 1 && st.datatypes == 0 && !st.plain:
			p.Lang = st.lang
		case !st.nonLiteral && st.datatypes == 1 && st.langs == 0 && !st.plain:
			p.Datatype = st.datatype
		}
		props = append(props, p)
	}
	return props, schemes, nil
}

// term returns the term of pred, keyed by its compact IRI when the
// context has none.
func (c *context) term(pred string) *term {
	if t, ok := c.recent.Get(pred); ok {
		return t
	}
	t, ok := c.terms[pred]
	if !ok {
		t = &term{iri: pred, key: c.compactIRI(pred)}
		if len(c.terms) < termLimit {
			c.terms[pred] = t
		}
	}
	c.recent.Put(pred, t)
	return t
}

// checkScheme reports an IRI whose scheme is a prefix or term name: JSON-LD
// would read it as a compact IRI, and there is no escaping it.
func (c *context) checkScheme(t *schema.Term) error {
	switch {
	case t.Kind != schema.TermIRI,
		c.httpsOK && strings.HasPrefix(t.Value, "https:"),
		c.httpOK && strings.HasPrefix(t.Value, "http:"):
		return nil
	}
	i := strings.IndexByte(t.Value, ':')
	if i <= 0 || t.Value[:i] == c.okScheme {
		return nil
	}
	if scheme := t.Value[:i]; c.names[scheme] {
		return fmt.Errorf("IRI %q: its scheme %q is also a name in the @context, so JSON-LD would read it as a compact IRI", t.Value, scheme)
	}
	c.okScheme = t.Value[:i]
	return nil
}

// compactIRI returns iri as "prefix:suffix" when a prefix allows, else in
// full. JSON-LD, unlike Turtle, takes any suffix that does not start with
// "//" (which would read as an absolute IRI), so fragment IRIs such as
// bn:a#prov-name are compacted too: the longest matching namespace wins.
func (c *context) compactIRI(iri string) string {
	return string(c.appendCompact(nil, iri))
}

// appendCompact appends compactIRI(iri) without building the string.
func (c *context) appendCompact(b []byte, iri string) []byte {
	ci, ok := c.compacted.Get(iri)
	if !ok {
		ci = c.compact(iri)
		c.compacted.Put(iri, ci)
	}
	if ci.full {
		return append(b, iri...)
	}
	b = append(b, ci.prefix...)
	b = append(b, ':')
	return append(b, iri[ci.split:]...)
}

func (c *context) compact(iri string) compactForm {
	if p, l, ok := c.ns.Compact(iri); ok {
		return compactForm{prefix: p, split: len(iri) - len(l)}
	}
	for _, p := range c.byLength {
		if strings.HasPrefix(iri, p.IRI) && !strings.HasPrefix(iri[len(p.IRI):], "//") {
			return compactForm{prefix: p.Name, split: len(p.IRI)}
		}
	}
	return compactForm{full: true}
}

// nodeSet groups a block's triples by subject, keeping first-appearance
// order of subjects, of predicates within a subject and of values.
type nodeSet struct {
	nodes []node
	used  int
}

type node struct {
	subject schema.Term
	props   []propValues
}

type propValues struct {
	pred   string
	values []schema.Term
}

func (s *nodeSet) build(triples []schema.Triple) {
	// Nodes, their property lists and value lists keep their capacity
	// from block to block; only the first s.used nodes are live.
	s.used = 0
	for _, tr := range triples {
		var n *node
		// Subjects in a block are few and usually contiguous: look at the
		// last one first.
		for i := s.used - 1; i >= 0; i-- {
			if s.nodes[i].subject == tr.S {
				n = &s.nodes[i]
				break
			}
		}
		if n == nil {
			if s.used == len(s.nodes) {
				s.nodes = append(s.nodes, node{})
			}
			n = &s.nodes[s.used]
			s.used++
			n.subject = tr.S
			n.props = n.props[:0]
		}
		var pv *propValues
		for j := range n.props {
			if n.props[j].pred == tr.P.Value {
				pv = &n.props[j]
				break
			}
		}
		if pv == nil {
			if len(n.props) < cap(n.props) {
				n.props = n.props[:len(n.props)+1]
			} else {
				n.props = append(n.props, propValues{})
			}
			pv = &n.props[len(n.props)-1]
			pv.pred = tr.P.Value
			pv.values = pv.values[:0]
		}
		if !slices.Contains(pv.values, tr.O) {
			pv.values = append(pv.values, tr.O)
		}
	}
}

type writer struct {
	bw      *bufio.Writer
	ctx     *context
	set     nodeSet
	check   schema.Checker
	checked bool // the graph's triples are checked already (Graph.Checked)
	buf     []byte
	nodes   int
}

func (w *writer) header() {
	b := w.buf[:0]
	b = append(b, "{\n  \"@context\": {\n    \"@version\": 1.1"...)
	for _, p := range w.ctx.prefixes {
		b = append(b, ",\n    "...)
		b = appendString(b, p.Name)
		b = append(b, ": "...)
		b = appendString(b, p.IRI)
	}
	for _, t := range w.ctx.sorted {
		b = append(b, ",\n    "...)
		b = appendString(b, t.name)
		b = append(b, ": {\"@id\": "...)
		b = appendString(b, w.ctx.compactIRI(t.iri))
		switch {
		case t.isID:
			b = append(b, ", \"@type\": \"@id\""...)
		case t.typ != "":
			b = append(b, ", \"@type\": "...)
			b = appendString(b, w.ctx.compactIRI(t.typ))
		case t.lang != "":
			b = append(b, ", \"@language\": "...)
			b = appendString(b, t.lang)
		}
		if t.set {
			b = append(b, ", \"@container\": \"@set\""...)
		}
		b = append(b, '}')
	}
	b = append(b, "\n  },\n  \"@graph\": ["...)
	w.buf = b
	w.bw.Write(b)
}

func (w *writer) block(triples []schema.Triple) error {
	for i, tr := range triples {
		if !w.checked {
			if err := w.check.Check(tr); err != nil {
				return fmt.Errorf("triple %d: %w", i+1, err)
			}
		}
		if w.ctx.checkSchemes {
			if err := cmp.Or(w.ctx.checkScheme(&tr.S), w.ctx.checkScheme(&tr.P), w.ctx.checkScheme(&tr.O)); err != nil {
				return fmt.Errorf("triple %d: %w", i+1, err)
			}
		}
	}
	w.set.build(triples)
	for i := range w.set.nodes[:w.set.used] {
		b := w.buf[:0]
		if w.nodes > 0 {
			b = append(b, ',')
		}
		w.nodes++
		b = w.node(b, &w.set.nodes[i])
		w.buf = b
		if _, err := w.bw.Write(b); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) node(b []byte, n *node) []byte {
	b = append(b, "\n    {\n      \"@id\": "...)
	b = w.appendID(b, n.subject)
	// rdf:type IRIs go under @type; anything else typed by rdf:type (a
	// literal) keeps the property.
	for _, pv := range n.props {
		if pv.pred != schema.RDFType {
			continue
		}
		types, literals := 0, 0
		for _, v := range pv.values {
			if v.Kind == schema.TermLiteral {
				literals++
			}
		}
		types = len(pv.values) - literals
		if types == 0 {
			continue
		}
		b = append(b, ",\n      \"@type\": "...)
		if types > 1 {
			b = append(b, '[')
		}
		i := 0
		for _, v := range pv.values {
			if v.Kind == schema.TermLiteral {
				continue
			}
			if i > 0 {
				b = append(b, ", "...)
			}
			i++
			b = w.appendID(b, v)
		}
		if types > 1 {
			b = append(b, ']')
		}
	}
	for _, pv := range n.props {
		values := pv.values
		var t *term
		if pv.pred == schema.RDFType {
			// Only literal "types" are left for the property (they
			// are rare enough for a copy).
			if !slices.ContainsFunc(values, schema.Term.IsLiteral) {
				continue
			}
			values = slices.DeleteFunc(slices.Clone(values), func(v schema.Term) bool { return v.Kind != schema.TermLiteral })
			t = &term{key: w.ctx.compactIRI(schema.RDFType)}
		} else {
			t = w.ctx.term(pv.pred)
		}
		b = append(b, ",\n      "...)
		b = appendString(b, t.key)
		b = append(b, ": "...)
		array := t.set || len(values) > 1
		if array {
			b = append(b, '[')
		}
		for i, v := range values {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = w.value(b, t, v)
		}
		if array {
			b = append(b, ']')
		}
	}
	return append(b, "\n    }"...)
}

// value writes v in the shortest form the term's coercion reads back as v.
func (w *writer) value(b []byte, t *term, v schema.Term) []byte {
	switch v.Kind {
	case schema.TermIRI, schema.TermBlank:
		if t.isID {
			return w.appendID(b, v)
		}
		b = append(b, "{\"@id\": "...)
		b = w.appendID(b, v)
		return append(b, '}')
	}
	dt := v.Datatype
	if dt == schema.XSDString || v.Lang != "" {
		dt = ""
	}
	plainTerm := !t.isID && t.typ == "" && t.lang == ""
	switch {
	case v.Lang == "" && dt == "" && plainTerm,
		v.Lang != "" && v.Lang == t.lang,
		dt != "" && dt == t.typ:
		return appendString(b, v.Value)
	}
	b = append(b, "{\"@value\": "...)
	b = appendString(b, v.Value)
	switch {
	case v.Lang != "":
		b = append(b, ", \"@language\": "...)
		b = appendString(b, v.Lang)
	case dt != "":
		// A checked datatype IRI needs no JSON escaping (see appendID).
		b = append(b, ", \"@type\": \""...)
		b = w.ctx.appendCompact(b, dt)
		b = append(b, '"')
	}
	return append(b, '}')
}

// appendID writes an IRI compacted when a prefix allows, a blank node as
// "_:label".
func (w *writer) appendID(b []byte, t schema.Term) []byte {
	b = append(b, '"')
	if t.Kind == schema.TermBlank {
		b = append(b, '_', ':')
		b = append(b, t.Value...)
	} else {
		// A checked IRI holds no quote, backslash or control character,
		// so it needs no JSON escaping; nor do blank labels and prefix
		// names.
		b = w.ctx.appendCompact(b, t.Value)
	}
	return append(b, '"')
}

// appendString appends s as a JSON string. The canonical N-Triples
// escaping of schema.AppendQuoted is also valid JSON (its escapes are a
// subset of JSON's) and, unlike encoding/json, leaves <, > and & alone, so
// IRIs with queries stay readable. s is valid UTF-8 (Term.Check).
func appendString(b []byte, s string) []byte { return schema.AppendQuoted(b, s) }

// errWriter remembers the first write error, so the writer stops iterating
// the graph at the next block.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	e.err = err
	return n, err
}
