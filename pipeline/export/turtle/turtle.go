// Package turtle owns bordernet's Turtle writer: it streams a schema.Graph
// as Turtle 1.1 with @prefix lines at the top, one subject block per
// subject ("a" for rdf:type, ";" between predicates, "," between objects),
// a blank line between subjects and a final newline.
//
// The output is meant to be accepted by every strict parser (serdi,
// rapper), so the writer is conservative: prefixed names only when the
// local part is plain ASCII (schema.ValidLocalName), otherwise <IRI>;
// literals always as short quoted strings with canonical N-Triples escapes,
// never bare numbers or long strings. Terms are checked before they are
// written; a graph holding something Turtle cannot carry gives an error,
// never invalid output.
package turtle

import (
	"bufio"
	"fmt"
	"io"

	"github.com/bordernet/bordernet/schema"
)

// Write writes g to w as Turtle. It stops at the first triple that cannot
// be written or the first write error, and returns it wrapped with the
// block and triple number. Nothing is buffered beyond one block's output.
func Write(w io.Writer, g schema.Graph) error {
	ew := &errWriter{w: w}
	bw := bufio.NewWriterSize(ew, 64<<10)
	tw := &writer{bw: bw, ns: schema.NewNamespaces(g.Prefixes), checked: g.Checked}
	seen := make(map[string]bool, len(g.Prefixes))
	for _, p := range g.Prefixes {
		if err := p.Check(); err != nil {
			return fmt.Errorf("turtle: %w", err)
		}
		if seen[p.Name] {
			return fmt.Errorf("turtle: prefix %q declared twice", p.Name)
		}
		seen[p.Name] = true
		tw.buf = append(tw.buf[:0], "@prefix "...)
		tw.buf = append(tw.buf, p.Name...)
		tw.buf = append(tw.buf, ": <"...)
		tw.buf = append(tw.buf, p.IRI...)
		tw.buf = append(tw.buf, "> .\n"...)
		bw.Write(tw.buf)
	}
	if len(g.Prefixes) > 0 {
		bw.WriteByte('\n')
	}
	if g.Blocks != nil {
		block := 0
		for triples := range g.Blocks {
			block++
			for i, tr := range triples {
				if err := tw.triple(tr); err != nil {
					return fmt.Errorf("turtle: block %d, triple %d: %w", block, i+1, err)
				}
			}
			if ew.err != nil {
				return fmt.Errorf("turtle: %w", ew.err)
			}
		}
	}
	if tw.open {
		bw.WriteString(" .\n")
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("turtle: %w", err)
	}
	return nil
}

// errWriter remembers the first write error, so the writer can stop the
// graph's iteration at the next block instead of rendering the rest of a
// million records into a broken pipe.
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

type writer struct {
	bw *bufio.Writer
	ns *schema.Namespaces
	// compact remembers how IRIs are written: predicates, classes,
	// concepts and datatypes repeat on every record, and looking them up
	// costs less than compacting them again. It holds the parts of the
	// prefixed name rather than the name, so storing one allocates
	// nothing.
	compact schema.IRICache[compacted]
	check   schema.Checker
	checked bool // the graph's triples are checked already (Graph.Checked)
	buf     []byte

	open     bool // a subject's statement is unterminated
	subject  schema.Term
	predOpen bool
	pred     string
}

// triple writes tr, continuing the current subject (";") and predicate
// (",") when they repeat.
func (w *writer) triple(tr schema.Triple) error {
	if !w.checked {
		if err := w.check.Check(tr); err != nil {
			return err
		}
	}
	b := w.buf[:0]
	// A checked subject is an IRI or a blank node: its kind and value
	// are all there is to compare.
	same := w.open && tr.S.Value == w.subject.Value && tr.S.Kind == w.subject.Kind
	switch {
	case same && tr.P.Value == w.pred:
		b = append(b, ", "...)
	case same:
		b = append(b, " ;\n    "...)
		b = w.appendPredicate(b, tr.P.Value)
		b = append(b, ' ')
	default:
		if w.open {
			b = append(b, " .\n\n"...)
		}
		b = w.appendTerm(b, tr.S)
		b = append(b, "\n    "...)
		b = w.appendPredicate(b, tr.P.Value)
		b = append(b, ' ')
		w.open, w.subject = true, tr.S
	}
	w.pred = tr.P.Value
	b = w.appendTerm(b, tr.O)
	w.buf = b
	_, err := w.bw.Write(b)
	return err
}

func (w *writer) appendPredicate(b []byte, iri string) []byte {
	if iri == schema.RDFType {
		return append(b, 'a')
	}
	return w.appendIRI(b, iri)
}

func (w *writer) appendTerm(b []byte, t schema.Term) []byte {
	switch t.Kind {
	case schema.TermIRI:
		return w.appendIRI(b, t.Value)
	case schema.TermBlank:
		b = append(b, '_', ':')
		return append(b, t.Value...)
	}
	b = schema.AppendQuoted(b, t.Value)
	switch {
	case t.Lang != "":
		b = append(b, '@')
		b = append(b, t.Lang...)
	case t.Datatype != "" && t.Datatype != schema.XSDString:
		b = append(b, '^', '^')
		b = w.appendIRI(b, t.Datatype)
	}
	return b
}

// compacted is how an IRI is written: prefix + ":" + iri[split:], or in
// full when prefix is "" and split 0 (the empty prefix name is written as
// ":local", so full is its own flag).
type compacted struct {
	prefix string
	split  int
	full   bool
}

// appendIRI writes iri as a prefixed name when a declared namespace and a
// plain local part allow it, else as <iri>. Check has made sure iri holds
// nothing IRIREF forbids, so it needs no escaping.
func (w *writer) appendIRI(b []byte, iri string) []byte {
	c, ok := w.compact.Get(iri)
	if !ok {
		c.full = true
		if prefix, local, found := w.ns.Compact(iri); found {
			c = compacted{prefix: prefix, split: len(iri) - len(local)}
		}
		w.compact.Put(iri, c)
	}
	if c.full {
		b = append(b, '<')
		b = append(b, iri...)
		return append(b, '>')
	}
	b = append(b, c.prefix...)
	b = append(b, ':')
	return append(b, iri[c.split:]...)
}
