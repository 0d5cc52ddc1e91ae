package schema

import (
	"fmt"
	"testing"
)

// BenchmarkValidate checks 100k records like the synthetic benchmark data
// (a tenth curated) and reports records per second.
func BenchmarkValidate(b *testing.B) {
	const n = 100_000
	records := make([]Record, n)
	for i := range records {
		r := validRecord(fmt.Sprintf("network-%d", i))
		r.Acronym = fmt.Sprintf("NW%d", i)
		r.AltNames = []string{"Réseau " + r.ID}
		r.Description = "A network of border authorities that cooperate on return, with members in twenty countries and a secretariat."
		if i%10 == 0 {
			r.Website = fmt.Sprintf("https://network-%d.example.eu/about", i)
			r.Founded = "2004-10-26"
			r.SourceURLs = []string{"https://eur-lex.europa.eu/eli/reg/2019/1896/oj"}
			if i > 0 {
				r.Parent = fmt.Sprintf("network-%d", i-10)
			}
		}
		records[i] = r
	}
	v := NewValidator()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if ps := v.Records(records); len(ps) != 0 {
			b.Fatalf("synthetic records have problems: %v", ps[0])
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "records/s")
}
