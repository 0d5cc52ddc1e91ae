//go:build benchsources

// This benchmark loads its release with pipeline/source, so it builds only
// with -tags benchsources: the package's tests must not depend on the
// readers (and their work in progress) to build.

package xlsx_test

import (
	"context"
	"flag"
	"testing"

	"github.com/bordernet/bordernet/pipeline/source"
	"github.com/bordernet/bordernet/schema"
)

var benchSources = flag.String("bench.sources", "", "a cmd/synth output folder that BenchmarkWriteSources loads and writes")

// BenchmarkWriteSources writes the release of a cmd/synth dataset, whose
// text is longer and whose records have more sourced fields than
// SynthRelease's:
//
//	go run ./cmd/synth -n 100000 -out /tmp/s100k
//	go test -tags benchsources -run '^$' -bench WriteSources -benchtime 1x ./pipeline/export/xlsx -bench.sources /tmp/s100k
func BenchmarkWriteSources(b *testing.B) {
	if *benchSources == "" {
		b.Skip("no -bench.sources folder")
	}
	ds, err := source.Load(context.Background(), []string{*benchSources})
	if err != nil {
		b.Fatal(err)
	}
	benchWrite(b, &schema.Release{Meta: ds.Meta, Version: "2026-01-15", Date: "2026-01-15", Records: ds.Records})
}
