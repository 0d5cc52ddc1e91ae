package changes

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/bordernet/bordernet/pipeline/export/ntriples/rdftest"
	"github.com/bordernet/bordernet/pipeline/release"
	"github.com/bordernet/bordernet/schema"
)

// BenchmarkCompare reads a 100k-record release back (bordernet.csv and
// bordernet.nt side by side) and compares it with the same records, one in
// a hundred changed, as release and validate do.
func BenchmarkCompare(b *testing.B) {
	const n = 100_000
	rel := rdftest.Synthetic(n)
	rel.Meta = metadata(b)
	rel.Version, rel.Date = "2026-11-27", "2026-11-27"
	out := b.TempDir()
	res, err := release.Publish(context.Background(), rel, release.Options{OutDir: out})
	if err != nil {
		b.Fatal(err)
	}
	changed := make([]schema.Record, rel.Records.Len())
	copy(changed, rel.Records.(schema.RecordSlice))
	for i := 0; i < len(changed); i += 100 {
		changed[i].Name += " (renamed)"
	}
	b.ResetTimer()
	for b.Loop() {
		old, err := OpenRelease(res.Dir)
		if err != nil {
			b.Fatal(err)
		}
		rep, err := Compare(context.Background(), old, FromRecords("new", schema.RecordSlice(changed)))
		if err != nil {
			b.Fatal(err)
		}
		if len(rep.Changed)+len(rep.Retired) != n/100 {
			b.Fatalf("%d changed, want %d", len(rep.Changed)+len(rep.Retired), n/100)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkGraphDiff compares the N-Triples of two 100k-record releases,
// one record in a hundred renamed, into a SPARQL Update and an RDF Patch.
func BenchmarkGraphDiff(b *testing.B) {
	const n = 100_000
	out := b.TempDir()
	rel := rdftest.Synthetic(n)
	rel.Meta = metadata(b)
	rel.Version, rel.Date = "2026-11-27", "2026-11-27"
	old, err := release.Publish(context.Background(), rel, release.Options{OutDir: out})
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < rel.Records.Len(); i += 100 {
		rel.Records.(schema.RecordSlice)[i].Name += " (renamed)"
	}
	rel.Version, rel.Date = "2026-12-03", "2026-12-03"
	new, err := release.Publish(context.Background(), rel, release.Options{OutDir: out})
	if err != nil {
		b.Fatal(err)
	}
	oldNT, newNT := filepath.Join(old.Dir, GraphFile), filepath.Join(new.Dir, GraphFile)
	info, err := os.Stat(newNT)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(2 * info.Size())
	b.ResetTimer()
	for b.Loop() {
		d, err := WriteGraphDiff(context.Background(), oldNT, newNT, io.Discard, io.Discard, PatchIDs{}, "", b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		if d.Deleted != 2*n/100 || d.Inserted != 2*n/100 {
			b.Fatalf("%+v, want %d each (name as skos:prefLabel and schema:name)", d, 2*n/100)
		}
	}
}
