package serve

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
)

// BenchmarkDocumentOnRequest measures the handler alone making a record's
// documents from bordernet.nt: the seed release without per-record files,
// or the release in $BORDERNET_BENCH_RELEASE (e.g. a synthetic one of a
// million records) with ids $BORDERNET_BENCH_IDS (comma-separated).
func BenchmarkDocumentOnRequest(b *testing.B) {
	dir := os.Getenv("BORDERNET_BENCH_RELEASE")
	ids := []string{"frontex", "eu-lisa", "elena", "fran"}
	if dir == "" {
		t := &testing.T{}
		_, dir = releases(t)
	}
	if s := os.Getenv("BORDERNET_BENCH_IDS"); s != "" {
		ids = splitComma(s)
	}
	h, err := New(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer h.Close()
	for _, ext := range []string{".html", ".ttl", ".nt", ".jsonld"} {
		b.Run(ext, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				req := httptest.NewRequest("GET", "/id/"+ids[i%len(ids)]+ext, nil)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: status %d", req.URL, rec.Code)
				}
			}
		})
	}
}

func splitComma(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			if i > start {
				out = append(out, s[start:i])
			}
			start = i + 1
		}
	}
	if len(out) == 0 {
		panic(fmt.Sprintf("no ids in %q", s))
	}
	return out
}
