package site

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/bordernet/bordernet/schema"
)

// Doc is one resource of the site as its page and RDF documents show it:
// the resource's IRI, its triples (those whose subject is the IRI or the
// IRI with a fragment, as a record's provenance nodes IRI#prov-name are),
// and, for its page only, the triples of other resources that point at it
// (what coordinates it is in its own triples, what it coordinates in
// Inbound).
type Doc struct {
	IRI     string
	Triples []schema.Triple
	Inbound []schema.Triple
}

// Labels names the resources a page links to: the record's name, the
// concept's label, or "" when it does not know the IRI (the page then
// shows the IRI's last segment).
type Labels func(iri string) string

// docSet is the resources of a release's graph, in IRI order.
type docSet struct {
	list []Doc
}

// collectDocs splits rel's graph into one Doc per resource: the records
// (when withRecords) and the concept schemes and concepts. Each triple of
// the graph lands in exactly one Doc, so the documents' union is the
// graph; a subject outside the site is an error rather than a triple
// silently left out.
func collectDocs(ctx context.Context, rel *schema.Release, withRecords bool) (docSet, error) {
	info := Info{BaseIRI: rel.Meta.BaseIRI}
	idPrefix := rel.Meta.BaseIRI + "id/"
	relations := relationPredicates()
	index := map[string]int{}
	var docs []Doc
	inbound := map[string][]schema.Triple{}
	graph := schema.RecordGraph(rel)
	if !withRecords {
		// Only the concept schemes: the graph of a release without
		// records, rather than mapping every record to skip it.
		graph = schema.RecordGraph(&schema.Release{Meta: rel.Meta, Version: rel.Version, Date: rel.Date})
	}
	n := 0
	for block := range graph.Blocks {
		if n++; n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return docSet{}, err
			}
		}
		for _, t := range block {
			if t.S.Kind != schema.TermIRI {
				return docSet{}, fmt.Errorf("the graph has a subject %s that is not an IRI: the site has no page for it", t.S)
			}
			iri := docIRI(t.S.Value)
			isRecord := strings.HasPrefix(iri, idPrefix)
			if isRecord && !withRecords {
				continue
			}
			if _, ok := info.DocPath(iri); !ok {
				return docSet{}, fmt.Errorf("the graph has a subject %s outside %s: the site has no page for it", t.S, info.BaseIRI)
			}
			i, ok := index[iri]
			if !ok {
				i = len(docs)
				index[iri] = i
				docs = append(docs, Doc{IRI: iri})
			}
			docs[i].Triples = append(docs[i].Triples, t)
			if isRecord && relations[t.P.Value] != "" && t.O.Kind == schema.TermIRI && t.O.Value != iri {
				inbound[t.O.Value] = append(inbound[t.O.Value], t)
			}
		}
	}
	for i := range docs {
		docs[i].Inbound = inbound[docs[i].IRI]
	}
	slices.SortFunc(docs, func(a, b Doc) int { return strings.Compare(a.IRI, b.IRI) })
	return docSet{list: docs}, nil
}

// labelsOf names the records by their names and the other resources by
// their skos:prefLabel. Only the IRIs the documents mention are named:
// a release of a million records, without a page each, does not hold a
// million names for the few pages it writes.
func labelsOf(rel *schema.Release, docs docSet) Labels {
	mentioned := map[string]bool{}
	for _, d := range docs.list {
		mentioned[d.IRI] = true
		for _, ts := range [][]schema.Triple{d.Triples, d.Inbound} {
			for _, t := range ts {
				for _, term := range []schema.Term{t.S, t.P, t.O} {
					if term.Kind == schema.TermIRI {
						mentioned[term.Value] = true
					}
				}
			}
		}
	}
	names := map[string]string{}
	for _, r := range rel.RecordSet().All() {
		if iri := schema.RecordIRI(rel.Meta.BaseIRI, r.ID); mentioned[iri] {
			names[iri] = r.Name
		}
	}
	prefLabel, _, _ := schema.FieldPredicate(schema.FieldName)
	for _, d := range docs.list {
		if _, ok := names[d.IRI]; ok {
			continue
		}
		for _, t := range d.Triples {
			if t.S.Value == d.IRI && t.P.Value == prefLabel {
				names[d.IRI] = t.O.Value
				break
			}
		}
	}
	return func(iri string) string { return names[iri] }
}

// relationPredicates maps the predicates of relations between records to
// the field that holds them.
func relationPredicates() map[string]schema.Field {
	m := map[string]schema.Field{}
	for _, f := range schema.Fields() {
		if f.IsReference() {
			p, _, _ := schema.FieldPredicate(f)
			m[p] = f
		}
	}
	return m
}

// sortedTriples returns d's triples in the order its documents list them,
// whatever order they were found in (a release's graph or the sorted
// N-Triples a server reads): the resource's own triples first, then each
// fragment node's in IRI order; within a subject rdf:type first, then by
// predicate and object. Duplicates are dropped: a graph is a set.
func sortedTriples(d Doc) []schema.Triple {
	ts := slices.Clone(d.Triples)
	rank := func(t schema.Triple) int {
		if t.S.Value == d.IRI {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(ts, func(a, b schema.Triple) int {
		if c := cmp.Compare(rank(a), rank(b)); c != 0 {
			return c
		}
		if c := strings.Compare(a.S.Value, b.S.Value); c != 0 {
			return c
		}
		ta, tb := a.P.Value == schema.RDFType, b.P.Value == schema.RDFType
		switch {
		case ta && !tb:
			return -1
		case tb && !ta:
			return 1
		}
		if c := strings.Compare(a.P.Value, b.P.Value); c != 0 {
			return c
		}
		return strings.Compare(a.O.String(), b.O.String())
	})
	return slices.CompactFunc(ts, func(a, b schema.Triple) bool { return a == b })
}
