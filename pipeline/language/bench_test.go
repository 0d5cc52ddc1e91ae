package language

import (
	"testing"

	"github.com/bordernet/bordernet/pipeline/export/tabulartest"
	"github.com/bordernet/bordernet/schema"
)

// BenchmarkApply gives the names of 100 k synthetic records (every field
// filled, a description each) their language. Each round works on a fresh
// copy of the names, as Apply tags them.
func BenchmarkApply(b *testing.B) {
	rel := tabulartest.Synthetic(100_000)
	records := make([]schema.Record, len(rel.Records))
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		for i := range rel.Records {
			records[i] = rel.Records[i]
			records[i].AltNames = append([]string(nil), rel.Records[i].AltNames...)
		}
		b.StartTimer()
		Stage{Lang: "en", Pos: schema.Position{File: "dataset.json"}}.Sources(records, nil)
	}
}
