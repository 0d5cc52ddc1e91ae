package xlsx_test

import (
	"flag"
	"math/rand/v2"
	"testing"

	"github.com/bordernet/bordernet/pipeline/export/xlsx"
	"github.com/bordernet/bordernet/schema"
)

var benchRecords = flag.Int("bench.records", 100_000, "records of BenchmarkWrite's synthetic release (1000000 for the issue 5 figure)")

// BenchmarkWrite writes a synthetic release with every field filled, its
// records shuffled: in a loaded release the records are sorted by id, not
// in the order their strings were allocated in, and the cache misses of
// reading them scattered over the heap are a large part of the cost.
func BenchmarkWrite(b *testing.B) {
	rel := xlsx.SynthRelease(*benchRecords)
	rand.New(rand.NewPCG(1, 2)).Shuffle(rel.Records.Len(), func(i, j int) {
		rel.Records.(schema.RecordSlice)[i], rel.Records.(schema.RecordSlice)[j] = rel.Records.(schema.RecordSlice)[j], rel.Records.(schema.RecordSlice)[i]
	})
	benchWrite(b, rel)
}

// counter is an io.Writer that keeps only the count of bytes, so that the
// benchmark measures the writer and not a growing buffer.
type counter int64

func (c *counter) Write(p []byte) (int, error) {
	*c += counter(len(p))
	return len(p), nil
}

func benchWrite(b *testing.B, rel *schema.Release) {
	var out counter
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		out = 0
		if err := xlsx.Write(&out, rel); err != nil {
			b.Fatal(err)
		}
	}
	cpu = cpuTime() - cpu
	n := float64(rel.Records.Len()) * float64(b.N)
	b.ReportMetric(n/b.Elapsed().Seconds(), "records/s")
	if cpu > 0 {
		b.ReportMetric(n/cpu.Seconds(), "records/cpu-s")
		b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	}
	b.ReportMetric(float64(out), "file-bytes")
}
