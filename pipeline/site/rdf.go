package site

import (
	"io"
	"slices"

	"github.com/bordernet/bordernet/pipeline/export/jsonld"
	"github.com/bordernet/bordernet/pipeline/export/ntriples"
	"github.com/bordernet/bordernet/pipeline/export/turtle"
	"github.com/bordernet/bordernet/schema"
)

// docGraph is d's triples as a graph for the release's own writers, with
// the prefixes and JSON-LD properties of the release graph, so a record's
// documents read like the release files.
func docGraph(info Info, d Doc) schema.Graph {
	whole := schema.RecordGraph(&schema.Release{Meta: schema.Metadata{BaseIRI: info.BaseIRI, Language: info.Language}})
	triples := sortedTriples(d)
	return schema.Graph{
		Prefixes:   whole.Prefixes,
		Properties: whole.Properties,
		Blocks: func(yield func([]schema.Triple) bool) {
			if len(triples) > 0 {
				yield(slices.Clone(triples))
			}
		},
	}
}

// WriteTurtle writes d's triples (not Inbound) as Turtle.
func WriteTurtle(w io.Writer, info Info, d Doc) error { return turtle.Write(w, docGraph(info, d)) }

// WriteNTriples writes d's triples (not Inbound) as sorted N-Triples, the
// lines they have in the release's bordernet.nt.
func WriteNTriples(w io.Writer, info Info, d Doc) error { return ntriples.Write(w, docGraph(info, d)) }

// WriteJSONLD writes d's triples (not Inbound) as JSON-LD with the
// release's context.
func WriteJSONLD(w io.Writer, info Info, d Doc) error { return jsonld.Write(w, docGraph(info, d)) }
