//go:build unix

package verify

import (
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

// TestFIFOsDoNotBlock: a FIFO in a release's place of its CSVW metadata,
// catalogue or checksum list is reported, never opened to block forever.
func TestFIFOsDoNotBlock(t *testing.T) {
	dir := publishSeed(t)
	for _, name := range []string{"bordernet.csv-metadata.json", CatalogFile} {
		c := clone(t, dir)
		p := filepath.Join(c, name)
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skipf("no FIFO: %v", err)
		}
		if got := codes(check(t, c), name); !slices.Contains(got, "file-not-regular") {
			t.Errorf("%s as a FIFO: problems %v, want file-not-regular", name, got)
		}
	}
	c := clone(t, dir)
	p := filepath.Join(c, ChecksumFile)
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("no FIFO: %v", err)
	}
	if _, err := Release(t.Context(), c); err == nil {
		t.Error("a FIFO as SHA256SUMS: no error")
	}
}
