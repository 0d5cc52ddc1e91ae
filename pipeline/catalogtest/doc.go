// Package catalogtest owns the end-to-end tests of the DCAT-AP catalogue
// (schema.CatalogGraph): written as Turtle by pipeline/export/turtle, then
// judged by the official DCAT-AP 3.0.1 SHACL shapes on an independent SHACL
// engine (internal/judge.SHACL), by rapper, and by knakk/rdf's decoder. It
// has no code of its own: the tests live here because schema's tests may
// not import the pipeline.
package catalogtest
