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
	records := make([]schema.Record, rel.Records.Len())
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		for i := range rel.Records.(schema.RecordSlice) {
			records[i] = rel.Records.(schema.RecordSlice)[i]
			records[i].AltNames = append([]string(nil), rel.Records.(schema.RecordSlice)[i].AltNames...)
		}
		b.StartTimer()
		Stage{Lang: "en", Pos: schema.Position{File: "dataset.json"}}.Sources(records, nil)
	}
}
