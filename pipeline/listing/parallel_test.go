package listing

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

// forced are options that split even the smallest listing: every
// parallel path runs.
func forced(parts int) options {
	return options{workers: 3, minWork: 1, minPart: 1, maxParts: parts}
}

// sameAsSequential fails unless reading data in parts and stages at once,
// in every way, gives what reading it in order gives: the same records,
// problems and error.
func sameAsSequential(t *testing.T, data []byte) {
	t.Helper()
	const name = "in.txt"
	sequential := options{workers: 1, minWork: 1 << 30, minPart: 1 << 40, maxParts: 1}
	want, wantPs, wantErr := read(bytes.NewReader(data), name, sequential)
	check := func(how string, got []schema.Record, gotPs schema.Problems, err error) {
		t.Helper()
		if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
			t.Fatalf("%s: error %v, in order %v", how, err, wantErr)
		}
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("%s: %T is no *ParseError", how, err)
			}
			return
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotPs, wantPs) {
			t.Fatalf("%s differs from reading in order:\n%+v\n%v\nwant\n%+v\n%v", how, dumpOf(got, gotPs), gotPs, dumpOf(want, wantPs), wantPs)
		}
	}
	// The units themselves, blank lines before each included, which
	// decide headings only at the margin.
	if pt := readPart(bytes.NewReader(data), name, true); pt.err == nil && len(pt.lines) > 0 {
		wantUnits := units(pt.lines[1:], pt.chunks)
		for _, parts := range []int{2, 3, 7} {
			got, _, _, err := splitUnits(bytes.NewReader(data), int64(len(data)), name, forced(parts))
			if err != nil || got == nil {
				continue // an error (checked below), or read whole
			}
			if !reflect.DeepEqual(stripChunks(got), stripChunks(wantUnits)) {
				t.Fatalf("units in %d parts differ from reading in order", parts)
			}
		}
	}
	for _, parts := range []int{2, 3, 7} {
		recs, ps, err := readSplit(bytes.NewReader(data), int64(len(data)), name, forced(parts))
		check("in parts", recs, ps, err)
	}
	recs, ps, err := read(bytes.NewReader(data), name, forced(1))
	check("in stages at once", recs, ps, err)
}

func TestParallelAsSequential(t *testing.T) {
	inputs := map[string][]byte{
		"bench":       benchListing(500),
		"prose":       proseListing(700),
		"prose CR LF": bytes.ReplaceAll(proseListing(300), []byte("\n"), []byte("\r\n")),
		"title only":  []byte("Title\n\n\n\n"),
		"blank start": []byte("\n\n\n\nTitle\n\nA (B)\n\nThe B is here.\n\nC (D)\n"),
		"binary late": append(proseListing(50), "\n\nx\x00y\n"...),
		// A NUL byte within the file's first 8000 bytes is reported before
		// any line's fault, though the part holding it starts later.
		"binary early, invalid before": []byte("0\n\n\x8a\r\x00"),
		"invalid late":                 append(proseListing(50), "\n\nLatin-1 caf\xe9\n"...),
		"control late":                 append(proseListing(50), "\n\nA \x07 B (AB)\n\nThe AB is.\n"...),
		"blank only":                   []byte(strings.Repeat("\n", 100)),
		"blank parts":                  []byte("Title\n\nThe intro.\n\n" + strings.Repeat("\n", 300) + "Regional cooperation\n\nA (B)\n\nThe B is.\n" + strings.Repeat("\n", 200) + "C (D)\n"),
		"rules":                        []byte("Title\n\n" + strings.Repeat("Heading\n=====\n\nA (B)\n-----\n\ntext of it.\n\n", 40)),
	}
	names, _ := filepath.Glob(filepath.Join(testdata, "*.txt"))
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		inputs[filepath.Base(n)] = data
	}
	for name, data := range inputs {
		t.Run(name, func(t *testing.T) { sameAsSequential(t, data) })
	}
}

// TestSplitPoints: parts start with a blank line, in order, within the
// file; no blank line near a fraction, no split there.
func TestSplitPoints(t *testing.T) {
	data := []byte(strings.Repeat("line one\nline two\r\n\r\nthree\n\n", 50))
	bounds := splitPoints(bytes.NewReader(data), int64(len(data)), 4, 10)
	if len(bounds) != 5 || bounds[0] != 0 || bounds[4] != int64(len(data)) {
		t.Fatalf("bounds %v", bounds)
	}
	for _, b := range bounds[1:4] {
		if rest := data[b:]; !bytes.HasPrefix(rest, []byte("\n")) && !bytes.HasPrefix(rest, []byte("\r\n")) || data[b-1] != '\n' {
			t.Errorf("split at %d: %q|%q", b, data[b-5:b], data[b:b+5])
		}
	}
	if got := splitPoints(bytes.NewReader([]byte(strings.Repeat("x\n", 100))), 200, 4, 10); len(got) != 2 {
		t.Errorf("no blank line, yet split: %v", got)
	}
}

// stripChunks copies units without where their lines' text is in the text
// arena, which is per part.
func stripChunks(us []unit) []unit {
	out := make([]unit, len(us))
	for i, u := range us {
		u.lines = append([]line(nil), u.lines...)
		for k := range u.lines {
			u.lines[k].chunk, u.lines[k].off = 0, 0
		}
		out[i] = u
	}
	return out
}

// FuzzReadParallel holds reading in parts and stages at once to reading in
// order, on the seeds of FuzzRead and what the fuzzer makes of them.
func FuzzReadParallel(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join(testdata, "*.txt"))
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"T\n\nH:\n\nA (B)\n\nc.", "T\r\n\r\nH\r\n\r\nX\r\n\r\nY\r\n\r\nd d d d.", "\n\n\nT\n\n\n\nA\n\n\n",
		"T\n\nA\n===\n\nB\n---\n\nc.\n\n\n\nD (E)\n\nf.", "T\n\n\x00", "T\n\nx\n\n\xff", "T\r\rA\r\rB\r",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { sameAsSequential(t, data) })
}

// TestReadFileRoom: room for more records after the listing's changes
// nothing read, whole or in parts, and is there.
func TestReadFileRoom(t *testing.T) {
	path := filepath.Join(testdata, "seed.txt")
	want, wantPs, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, room := range []int{0, 1, 1000, -1} {
		got, ps, err := ReadFileRoom(path, room)
		if err != nil || !reflect.DeepEqual(got, want) || !reflect.DeepEqual(ps, wantPs) {
			t.Fatalf("ReadFileRoom(%d) differs from ReadFile: %v", room, err)
		}
		if cap(got) < len(got)+room {
			t.Errorf("ReadFileRoom(%d): %d records in a slice of capacity %d", room, len(got), cap(got))
		}
		o := forced(3)
		o.room = max(room, 0)
		got, ps, err = readSplit(bytes.NewReader(data), int64(len(data)), filepath.ToSlash(path), o)
		if err != nil || !reflect.DeepEqual(got, want) || !reflect.DeepEqual(ps, wantPs) {
			t.Fatalf("in parts with room %d: differs from ReadFile: %v", room, err)
		}
		if cap(got) < len(got)+room {
			t.Errorf("in parts with room %d: %d records in a slice of capacity %d", room, len(got), cap(got))
		}
	}
}
