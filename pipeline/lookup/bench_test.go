package lookup

import (
	"context"
	"os"
	"testing"

	"github.com/bordernet/bordernet/pipeline/export/ntriples/rdftest"
)

// BenchmarkWriteInbound: what the inbound index adds to a release of
// 100 k records (one walk of the graph, a sort, a small file).
func BenchmarkWriteInbound(b *testing.B) {
	rel := rdftest.Synthetic(100_000)
	b.ReportAllocs()
	for b.Loop() {
		dir := b.TempDir()
		if _, err := WriteInbound(context.Background(), dir, rel, nil); err != nil {
			b.Fatal(err)
		}
		os.RemoveAll(dir)
	}
}
