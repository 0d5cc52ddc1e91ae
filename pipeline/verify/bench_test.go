package verify

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/bordernet/bordernet/pipeline/export/turtle"
)

// BenchmarkCheckers measures each format checker's throughput on the
// golden release's files, repeated to about 8 MB (the statements repeat,
// which changes nothing for a syntax check).
func BenchmarkCheckers(b *testing.B) {
	golden := filepath.Join("..", "..", "testdata", "release", "2026-11-27")
	for _, tc := range []struct {
		name  string
		check func(r *bytes.Reader) error
	}{
		{"bordernet.nt", func(r *bytes.Reader) error { return checkNTriples(r) }},
		{"bordernet.ttl", func(r *bytes.Reader) error { return turtle.Check(r) }},
		{"bordernet.jsonld", nil},
	} {
		data, err := os.ReadFile(filepath.Join(golden, tc.name))
		if err != nil {
			b.Fatal(err)
		}
		doc := bytes.Repeat(data, max(1, (8<<20)/len(data)))
		check := tc.check
		if check == nil {
			// A JSON-LD document does not repeat; check its nodes as
			// one JSON array of documents instead.
			doc = append(append([]byte("["), bytes.Repeat(append(data, ','), max(1, (8<<20)/len(data)))...), []byte("{}]")...)
			check = func(r *bytes.Reader) error { return checkJSON(r) }
		}
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			for b.Loop() {
				if err := check(bytes.NewReader(doc)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
