package schema

import (
	"fmt"
	"syscall"
	"testing"
	"time"
)

// benchRecords builds n records like the synthetic benchmark data (a tenth
// curated, with a parent each).
func benchRecords(n int) []Record {
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
	return records
}

// cpuTime is the CPU time (user + system) the process has used so far, or
// 0 where getrusage fails.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkValidate checks 100k records like the synthetic benchmark data
// (a tenth curated) and reports records per second of wall time and CPU
// seconds per run: the machine is shared, and CPU time is what other load
// disturbs least.
func BenchmarkValidate(b *testing.B) {
	const n = 100_000
	records := benchRecords(n)
	v := NewValidator()
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		if ps := v.Records(records); len(ps) != 0 {
			b.Fatalf("synthetic records have problems: %v", ps[0])
		}
	}
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "records/s")
}
