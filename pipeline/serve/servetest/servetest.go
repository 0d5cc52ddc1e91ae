// Package servetest publishes the repository's seed release for the tests
// of serve, the CLI and the browser: the same files, additions included,
// that bordernet release writes. It is for tests only.
package servetest

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/bordernet/bordernet/pipeline/hosting"
	"github.com/bordernet/bordernet/pipeline/lookup"
	"github.com/bordernet/bordernet/pipeline/release"
	"github.com/bordernet/bordernet/pipeline/site"
	"github.com/bordernet/bordernet/pipeline/source"
	"github.com/bordernet/bordernet/schema"
)

// Date is the seed release's date and version.
const Date = "2026-11-27"

// SourcesDir returns the repository's sources/ folder.
func SourcesDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "sources")
}

// Additions are the release's additions as cmd/bordernet wires them.
func Additions(pages site.Pages) []release.Addition {
	return []release.Addition{
		{Name: "inbound index", Write: lookup.WriteInbound},
		{Name: "hosting rules", Write: hosting.Write},
		site.Addition(site.Options{Pages: pages}),
	}
}

// Publish publishes the seed sources into a new folder under t's temporary
// folder and returns the release folder. pages is the site's choice of
// per-record files: site.PagesNone makes a release served as a large one
// is, with every record's documents made on request.
func Publish(t testing.TB, pages site.Pages) string {
	t.Helper()
	ds, err := source.Load(context.Background(), []string{SourcesDir()})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Problems.HasErrors() {
		t.Fatalf("the seed sources have errors: %v", ds.Problems)
	}
	rel := &schema.Release{Meta: ds.Meta, Version: Date, Date: Date, Records: schema.RecordSlice(ds.Records)}
	res, err := release.Publish(context.Background(), rel, release.Options{OutDir: t.TempDir(), Additions: Additions(pages)})
	if err != nil {
		t.Fatal(err)
	}
	return res.Dir
}

// BrowserAccept is the Accept header Chromium sends for a page.
const BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8"

// A Case is a request to the seed release and the answer it must get,
// from bordernet serve and, unless QValues, from the static hosting rules.
type Case struct {
	Path, Accept string
	Status       int
	Location     string // the path a 303 points to
	ContentType  string // of a 200, or of serve's 404 and 406
	// QValues marks a case only a server that weighs q-values answers
	// right: the static rules look for the types by name.
	QValues bool
}

// Cases are the content negotiation cases of the seed release.
func Cases() []Case {
	const (
		turtle   = "text/turtle; charset=utf-8"
		ntriples = "application/n-triples; charset=utf-8"
		jsonld   = "application/ld+json; charset=utf-8"
		html     = "text/html; charset=utf-8"
		plain    = "text/plain; charset=utf-8"
		json     = "application/json; charset=utf-8"
	)
	return []Case{
		{Path: "/id/frontex", Accept: "text/turtle", Status: 303, Location: "/id/frontex.ttl"},
		{Path: "/id/frontex", Accept: "application/n-triples", Status: 303, Location: "/id/frontex.nt"},
		{Path: "/id/frontex", Accept: "application/ld+json", Status: 303, Location: "/id/frontex.jsonld"},
		{Path: "/id/frontex", Accept: "application/json", Status: 303, Location: "/id/frontex.jsonld"},
		{Path: "/id/frontex", Accept: "text/html", Status: 303, Location: "/id/frontex.html"},
		{Path: "/id/frontex", Accept: BrowserAccept, Status: 303, Location: "/id/frontex.html"},
		{Path: "/id/frontex", Accept: "*/*", Status: 303, Location: "/id/frontex.html"},
		{Path: "/id/frontex", Accept: "", Status: 303, Location: "/id/frontex.html"},
		{Path: "/id/frontex", Accept: "text/*", Status: 303, Location: "/id/frontex.html"},
		{Path: "/id/frontex", Accept: "application/*", Status: 303, Location: "/id/frontex.jsonld"},
		{Path: "/id/frontex", Accept: "text/turtle, application/rdf+xml;q=0.5", Status: 303, Location: "/id/frontex.ttl"},
		{Path: "/id/frontex", Accept: "TEXT/Turtle", Status: 303, Location: "/id/frontex.ttl"},
		{Path: "/id/frontex", Accept: "text/turtle;q=0.5, application/n-triples;q=0.9", Status: 303, Location: "/id/frontex.nt", QValues: true},
		{Path: "/id/frontex", Accept: "text/html;q=0.1, text/turtle", Status: 303, Location: "/id/frontex.ttl", QValues: true},
		{Path: "/id/frontex", Accept: "*/*;q=0.1, application/ld+json;q=0.2", Status: 303, Location: "/id/frontex.jsonld"},
		{Path: "/id/frontex", Accept: "text/html;q=0, */*", Status: 303, Location: "/id/frontex.ttl", QValues: true},
		{Path: "/id/frontex", Accept: "image/png", Status: 406, ContentType: plain},
		{Path: "/id/frontex", Accept: "text/turtle;q=0", Status: 406, ContentType: plain, QValues: true},
		{Path: "/id/eu-lisa", Accept: "text/turtle", Status: 303, Location: "/id/eu-lisa.ttl"},
		{Path: "/vocab/kind/agency", Accept: "text/turtle", Status: 303, Location: "/vocab/kind/agency.ttl"},
		{Path: "/vocab/kind", Accept: "application/ld+json", Status: 303, Location: "/vocab/kind.jsonld"},
		{Path: "/vocab/status/succeeded", Accept: BrowserAccept, Status: 303, Location: "/vocab/status/succeeded.html"},
		{Path: "/catalog", Accept: "text/turtle", Status: 303, Location: "/catalog.ttl"},
		{Path: "/catalog", Accept: "application/ld+json", Status: 303, Location: "/catalog.jsonld"},
		{Path: "/catalog", Accept: BrowserAccept, Status: 303, Location: "/"},
		{Path: "/dataset", Accept: "text/turtle", Status: 303, Location: "/catalog.ttl"},
		{Path: "/catalog", Accept: "application/n-triples", Status: 406, ContentType: plain, QValues: true},
		{Path: "/id/nobody", Accept: "text/turtle", Status: 404, ContentType: json},
		{Path: "/id/nobody", Accept: BrowserAccept, Status: 404, ContentType: html},
		{Path: "/id/nobody", Accept: "application/json", Status: 404, ContentType: json},
		{Path: "/id/nobody.ttl", Accept: "", Status: 404, ContentType: html},
		{Path: "/id/frontex.ttl", Accept: "", Status: 200, ContentType: turtle},
		{Path: "/id/frontex.nt", Accept: "", Status: 200, ContentType: ntriples},
		{Path: "/id/frontex.jsonld", Accept: "", Status: 200, ContentType: jsonld},
		{Path: "/id/frontex.html", Accept: "", Status: 200, ContentType: html},
		{Path: "/vocab/kind/agency.ttl", Accept: "", Status: 200, ContentType: turtle},
		{Path: "/", Accept: BrowserAccept, Status: 200, ContentType: html},
		{Path: "/bordernet.ttl", Accept: "", Status: 200, ContentType: turtle},
		{Path: "/bordernet.csv", Accept: "", Status: 200, ContentType: "text/csv; charset=utf-8; header=present"},
		{Path: "/relations.svg", Accept: "", Status: 200, ContentType: "image/svg+xml; charset=utf-8"},
		{Path: "/SHA256SUMS", Accept: "", Status: 200, ContentType: plain},
		{Path: "/.htaccess", Accept: "", Status: 404},
		{Path: "/id/", Accept: "", Status: 404},
	}
}
