// Package jsonld owns bordernet's JSON-LD writer: it streams a
// schema.Graph as a JSON-LD 1.1 document with an embedded @context and a
// @graph of one node object per subject, indented and deterministic.
//
// The context holds the graph's prefixes and one readable term per
// predicate (its local name: "prefLabel" for skos:prefLabel) with the
// coercion its values allow: "@type": "@id" when every value is an IRI, a
// datatype or a language when every value has the same one, and
// "@container": "@set" when some node has several values. To know that
// before the @graph starts, Write walks the graph twice: once to look at
// the predicates, once to write. A value that does not fit its term's
// coercion is written in full ({"@id": …} or {"@value": …}), so the
// document always denotes exactly the graph given, whatever the
// coercions say.
//
// No JSON-LD library is used for writing: one node is encoded at a time
// into a reused buffer.
package jsonld

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/bordernet/bordernet/schema"
)

// Write writes g to w as JSON-LD. g.Blocks is iterated twice, so it must
// yield the same triples each time (schema.RecordGraph's does). It returns
// the first triple that cannot be written or the first write error.
func Write(w io.Writer, g schema.Graph) error {
	ctx, err := buildContext(g)
	if err != nil {
		return fmt.Errorf("jsonld: %w", err)
	}
	ew := &errWriter{w: w}
	bw := bufio.NewWriterSize(ew, 64<<10)
	jw := &writer{bw: bw, ctx: ctx}
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

type context struct {
	prefixes []schema.Prefix
	ns       *schema.Namespaces
	byLength []schema.Prefix  // prefixes, longest namespace first
	terms    map[string]*term // predicate IRI → term
	names    map[string]bool  // every prefix and term name
	sorted   []*term          // defined terms by name
}

// buildContext walks the graph once to choose the terms.
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
	for _, p := range ctx.prefixes {
		if schemes[p.Name] {
			return nil, fmt.Errorf("prefix %q is also the scheme of an IRI in the graph: JSON-LD would read that IRI as a compact IRI", p.Name)
		}
	}

	// Name each predicate by its local name, unless two predicates share
	// it or it is a prefix name or an IRI scheme; those keep their compact
	// IRI as key.
	preds := make([]*stats, 0, len(byPred))
	for _, st := range byPred {
		preds = append(preds, st)
	}
	slices.SortFunc(preds, func(a, b *stats) int { return cmp.Compare(a.iri, b.iri) })
	count := map[string]int{}
	given := map[string]string{}
	for _, t := range g.Terms {
		if err := t.Check(); err != nil || t.Name == "" {
			return nil, fmt.Errorf("term %q: %w", t.Name, cmp.Or(err, errors.New("no name")))
		}
		given[t.IRI] = t.Name
	}
	local := func(iri string) string {
		if name, ok := given[iri]; ok {
			return name
		}
		if _, l, ok := ctx.ns.Compact(iri); ok && l != "" {
			return l
		}
		return ""
	}
	for _, st := range preds {
		count[local(st.iri)]++
	}
	for _, st := range preds {
		t := &term{iri: st.iri}
		name := local(st.iri)
		if name != "" && count[name] == 1 && !ctx.names[name] && !schemes[name] {
			t.name, t.key, t.defined = name, name, true
			ctx.names[name] = true
			switch {
			case !st.nonIRI:
				t.isID = true
			case !st.nonLiteral && st.langs == 1 && st.datatypes == 0 && !st.plain:
				t.lang = st.lang
			case !st.nonLiteral && st.datatypes == 1 && st.langs == 0 && !st.plain:
				t.typ = st.datatype
			}
			t.set = st.multi
			ctx.sorted = append(ctx.sorted, t)
		} else {
			t.key = ctx.compactIRI(st.iri)
		}
		ctx.terms[st.iri] = t
	}
	slices.SortFunc(ctx.sorted, func(a, b *term) int { return cmp.Compare(a.name, b.name) })
	return ctx, nil
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
	if p, l, ok := c.ns.Compact(iri); ok {
		b = append(b, p...)
		b = append(b, ':')
		return append(b, l...)
	}
	for _, p := range c.byLength {
		if strings.HasPrefix(iri, p.IRI) && !strings.HasPrefix(iri[len(p.IRI):], "//") {
			b = append(b, p.Name...)
			b = append(b, ':')
			return append(b, iri[len(p.IRI):]...)
		}
	}
	return append(b, iri...)
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
	bw    *bufio.Writer
	ctx   *context
	set   nodeSet
	check schema.Checker
	buf   []byte
	nodes int
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
		if err := w.check.Check(tr); err != nil {
			return fmt.Errorf("triple %d: %w", i+1, err)
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
		var types []schema.Term
		for _, v := range pv.values {
			if v.Kind != schema.TermLiteral {
				types = append(types, v)
			}
		}
		if len(types) > 0 {
			b = append(b, ",\n      \"@type\": "...)
			if len(types) > 1 {
				b = append(b, '[')
			}
			for i, t := range types {
				if i > 0 {
					b = append(b, ", "...)
				}
				b = w.appendID(b, t)
			}
			if len(types) > 1 {
				b = append(b, ']')
			}
		}
	}
	for _, pv := range n.props {
		values := pv.values
		t := w.ctx.terms[pv.pred]
		if pv.pred == schema.RDFType {
			values = slices.DeleteFunc(slices.Clone(values), func(v schema.Term) bool { return v.Kind != schema.TermLiteral })
			if len(values) == 0 {
				continue
			}
			t = &term{key: w.ctx.compactIRI(schema.RDFType)}
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
		b = append(b, ", \"@type\": "...)
		b = appendString(b, w.ctx.compactIRI(dt))
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

// appendString appends s as a JSON string. Unlike encoding/json it leaves
// <, > and & alone (nothing here is embedded in HTML), so IRIs with
// queries stay readable. s is valid UTF-8 (Term.Check).
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		start = i + 1
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

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
