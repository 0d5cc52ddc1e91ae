// Package servetest publishes the repository's seed release for the tests
// of serve, the CLI and the browser: the same files, additions included,
// that bordernet release writes. It is for tests only.
package servetest

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"

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
		site.Addition(site.Options{Pages: pages}),
	}
}

// Publish publishes the seed sources into a new folder under t's temporary
// folder and returns the release folder. pages is the site's choice of
// per-record files: site.PagesNone makes a release served as a large one
// is, with every record's documents made on request.
func Publish(t testing.TB, pages site.Pages) string {
	t.Helper()
	ds, err := source.Load([]string{SourcesDir()})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Problems.HasErrors() {
		t.Fatalf("the seed sources have errors: %v", ds.Problems)
	}
	rel := &schema.Release{Meta: ds.Meta, Version: Date, Date: Date, Records: ds.Records}
	res, err := release.Publish(context.Background(), rel, release.Options{OutDir: t.TempDir(), Additions: Additions(pages)})
	if err != nil {
		t.Fatal(err)
	}
	return res.Dir
}
