package listing

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/pipeline/listing/internal/ref"
)

func diffOne(t *testing.T, data []byte) {
	t.Helper()
	r1, p1, e1 := ref.Read(bytes.NewReader(data), "d.txt")
	r2, p2, e2 := Read(bytes.NewReader(data), "d.txt")
	if (e1 == nil) != (e2 == nil) || e1 != nil && e1.Error() != e2.Error() {
		t.Fatalf("errors differ: %v / %v", e1, e2)
	}
	if !reflect.DeepEqual(p1, p2) {
		t.Fatalf("problems differ:\n%v\n%v", p1, p2)
	}
	if len(r1) != len(r2) {
		t.Fatalf("records: %d vs %d", len(r1), len(r2))
	}
	for i := range r1 {
		if !reflect.DeepEqual(r1[i], r2[i]) {
			t.Fatalf("record %d differs:\n%+v\n%+v", i, r1[i], r2[i])
		}
	}
}

func FuzzDiff(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join(testdata, "*.txt"))
	for _, n := range names {
		data, _ := os.ReadFile(n)
		f.Add(data)
	}
	if data, err := os.ReadFile("/tmp/s100k/listing.txt"); err == nil {
		f.Add(data[:20000])
	}
	f.Add(benchListing(30))
	for _, s := range []string{
		"", "\uFEFF", "T", "T\n\nH:\n\nA (B)\n\nc.", "T\r\n\r\nH\r\n\r\nX\r\n\r\nY\r\n\r\nd d d d.",
		"T\n\nAB, the Cd Ef, is g.\n\nH, the I J, is k.", "T\n\n(\n\n)\n\n((a)b)c", "T\n\n#\n\n## \n\n1. \n\n- x",
		"T\n\nX (formerly)\n\nY (until 2020)\n\nZ (a.k.a. Q).", "T\n\n\x00", "T\n\n\xff", "T\r\rA\rB\r",
		"T\n\nΔίκτυο\n\nΑ.", "T\n\nA, , b\n\nThe (X) is.", "T\n\nEU – \n\n – EU\n\n: x",
		"T\n\ne\u0301 a\u00a0\u2003b\x01c\u0085d´e\u200bf ﬁ\tg\r\nh\u0958",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { diffOne(t, data) })
}

func TestDiffSynth(t *testing.T) {
	for _, p := range []string{"/tmp/s100k/listing.txt", "/work/main/sources/listing.txt"} {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Skip(err)
		}
		diffOne(t, data)
	}
	diffOne(t, benchListing(2000))
	for _, in := range []string{
		"T\n\nX\n\n" + strings.Repeat("lower words here\n", 600),
		"T\n\nH:\n\nEMPACT\n\n" + strings.Repeat("Some (EMPACT) ", 700) + ".",
		"T\n\n" + strings.Repeat("A (B) (C (D) ((\n", 600),
		"T\n\nT\n\nAB, the " + strings.Repeat("Cd, ", 2500) + "is x.",
		"T\n\n" + strings.Repeat("Networks:\n\n", 900),
		"T\n\n" + strings.Repeat("Aa\n", 3000),
	} {
		diffOne(t, []byte(in))
	}
}
