package release

import (
	"context"
	"io"
	"strconv"
	"sync"
	"testing"

	"github.com/bordernet/bordernet/pipeline/export/jsonld"
	"github.com/bordernet/bordernet/pipeline/export/ntriples"
	"github.com/bordernet/bordernet/pipeline/export/ntriples/rdftest"
	"github.com/bordernet/bordernet/pipeline/export/turtle"
	"github.com/bordernet/bordernet/schema"
)

// BenchmarkPublish publishes a synthetic release of 100 k records, every
// file to disk with checksums, fsync and rename, and reports records and
// megabytes per wall and per CPU second.
func BenchmarkPublish(b *testing.B) {
	out := b.TempDir() // before seedRelease changes the working folder
	rel := rdftest.Synthetic(100_000)
	seed := seedRelease(b)
	rel.Meta, rel.Version, rel.Date = seed.Meta, seed.Version, seed.Date
	var bytes int64
	b.ReportAllocs()
	cpu := rdftest.CPUTime()
	for b.Loop() {
		res, err := Publish(context.Background(), rel, Options{OutDir: out, Force: true})
		if err != nil {
			b.Fatal(err)
		}
		bytes = 0
		for _, f := range res.Files {
			bytes += f.Size
		}
	}
	cpu = rdftest.CPUTime() - cpu
	runs := float64(b.N)
	b.ReportMetric(float64(rel.Records.Len())*runs/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(float64(bytes)*runs/1e6/b.Elapsed().Seconds(), "MB/s")
	if cpu > 0 {
		b.ReportMetric(float64(rel.Records.Len())*runs/cpu.Seconds(), "records/cpu-s")
	}
}

// BenchmarkRDFWriters writes the Turtle, N-Triples and JSON-LD of 100 k
// records at once, to io.Discard: each writer making and checking the
// graph on its own ("separate"), and all three fed by one graphTee
// ("tee"), as Publish does.
func BenchmarkRDFWriters(b *testing.B) {
	rel := rdftest.Synthetic(100_000)
	writers := []func(io.Writer, schema.Graph) error{turtle.Write, ntriples.Write, jsonld.Write}
	for _, mode := range []string{"separate", "tee"} {
		b.Run(mode, func(b *testing.B) {
			b.ReportAllocs()
			cpu := rdftest.CPUTime()
			for b.Loop() {
				var tee *graphTee
				if mode == "tee" {
					tee = newGraphTee(context.Background(), schema.RecordGraph(rel), len(writers))
				}
				errs := make([]error, len(writers))
				var wg sync.WaitGroup
				for i, write := range writers {
					wg.Go(func() {
						if tee == nil {
							errs[i] = write(io.Discard, schema.RecordGraph(rel))
							return
						}
						defer tee.leave(i)
						errs[i] = write(io.Discard, tee.reader(i))
					})
				}
				wg.Wait()
				if tee != nil {
					errs = append(errs, tee.wait())
				}
				for i, err := range errs {
					if err != nil {
						b.Fatal(strconv.Itoa(i), err)
					}
				}
			}
			cpu = rdftest.CPUTime() - cpu
			if cpu > 0 {
				b.ReportMetric(float64(rel.Records.Len())*float64(b.N)/cpu.Seconds(), "records/cpu-s")
			}
		})
	}
}
