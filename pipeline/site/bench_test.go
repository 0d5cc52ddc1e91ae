package site

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/bordernet/bordernet/pipeline/export/ntriples/rdftest"
)

// BenchmarkWrite writes the site of a synthetic release of 1000 records
// with a page per record (no data files beside it).
func BenchmarkWrite(b *testing.B) {
	rel := rdftest.Synthetic(1000)
	rel.Version, rel.Date = "2026-11-27", "2026-11-27"
	for b.Loop() {
		dir := b.TempDir()
		if _, err := Write(context.Background(), dir, rel, Options{Pages: PagesAll}); err != nil {
			b.Fatal(err)
		}
		os.RemoveAll(filepath.Join(dir, "id"))
	}
}
