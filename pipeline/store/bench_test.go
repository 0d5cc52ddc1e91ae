package store

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

// The benchmarks use records shaped like cmd/synth's (synthLike) and
// report, beside the time and allocations per record, the bytes a record
// takes on disk (file/rec).
//
//	go test ./pipeline/store -run XXX -bench . -benchmem

const benchRecords = 20000

func synthRecords(n int) []schema.Record {
	rng := rand.New(rand.NewPCG(1, 1))
	recs := make([]schema.Record, n)
	for i := range recs {
		recs[i] = synthLike(i, rng)
	}
	return recs
}

func BenchmarkEncode(b *testing.B) {
	recs := synthRecords(1000)
	enc := newEncoder(newNameTable())
	var size int
	b.ResetTimer()
	for i := range b.N {
		size += len(enc.Encode(&recs[i%len(recs)]))
	}
	b.ReportMetric(float64(size)/float64(b.N), "bytes/rec")
}

func BenchmarkDecode(b *testing.B) {
	recs := synthRecords(1000)
	enc := newEncoder(newNameTable())
	encoded := make([][]byte, len(recs))
	for i := range recs {
		encoded[i] = enc.Append(nil, &recs[i])
	}
	names := enc.names.snapshot()
	v := newVocab()
	var r schema.Record
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if err := v.decode(encoded[i%len(encoded)], names, nil, &r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWrite: Add every record and Commit; one op is one record.
func BenchmarkWrite(b *testing.B) {
	recs := synthRecords(benchRecords)
	dir := b.TempDir()
	b.ReportAllocs()
	b.ResetTimer()
	w, err := Create(filepath.Join(dir, "s"))
	if err != nil {
		b.Fatal(err)
	}
	for i := range b.N {
		if _, err := w.Add(&recs[i%len(recs)]); err != nil {
			b.Fatal(err)
		}
	}
	set, err := w.Commit()
	if err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	info, _ := os.Stat(set.Path())
	b.ReportMetric(float64(info.Size())/float64(b.N), "file/rec")
	set.Close()
}

// BenchmarkAll reads every record of a store in order; one op is one
// record.
func BenchmarkAll(b *testing.B) {
	set := writeStore(b, synthRecords(benchRecords))
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for n < b.N {
		for range set.All() {
			n++
			if n == b.N {
				break
			}
		}
	}
	if err := set.Err(); err != nil {
		b.Fatal(err)
	}
	info, _ := os.Stat(set.Path())
	b.ReportMetric(float64(info.Size())/float64(set.Len()), "file/rec")
}

// BenchmarkAt reads records in a random order, one pread each.
func BenchmarkAt(b *testing.B) {
	set := writeStore(b, synthRecords(benchRecords))
	order := rand.New(rand.NewPCG(2, 2)).Perm(set.Len())
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if r := set.At(order[i%len(order)]); r.ID == "" {
			b.Fatal(set.Err())
		}
	}
}
