package lookup

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// linear is what prefixed must find: every line with the prefix.
func linear(lines []string, prefix string) []string {
	var out []string
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return out
}

func fileOf(lines []string) *sortedFile {
	data := strings.Join(lines, "\n")
	if len(lines) > 0 {
		data += "\n"
	}
	return &sortedFile{name: "test.nt", r: strings.NewReader(data), size: int64(len(data))}
}

func found(t *testing.T, f *sortedFile, prefix string) []string {
	t.Helper()
	var out []string
	if err := f.prefixed([]byte(prefix), func(_ int64, line []byte) error {
		out = append(out, string(line))
		return nil
	}); err != nil {
		t.Fatalf("prefixed(%q): %v", prefix, err)
	}
	return out
}

func TestPrefixedIDsThatArePrefixes(t *testing.T) {
	// The order bordernet.nt has when ids are prefixes of one another:
	// "eu#" < "eu-lisa" < "eu>" < "euaa".
	lines := []string{
		"<b/id/eu#prov-name> <p> \"x\" .",
		"<b/id/eu-lisa#prov-name> <p> \"x\" .",
		"<b/id/eu-lisa> <p> \"lisa\" .",
		"<b/id/eu> <p> \"eu 1\" .",
		"<b/id/eu> <q> \"eu 2\" .",
		"<b/id/euaa> <p> \"euaa\" .",
		"<b/vocab/kind> <p> \"k\" .",
	}
	f := fileOf(lines)
	for _, prefix := range []string{"<b/id/eu> ", "<b/id/eu#", "<b/id/eu-lisa> ", "<b/id/euaa> ", "<b/id/e", "<a", "<c", "<b/vocab/kind> ", "", "<b/id/eu> <q> "} {
		if got, want := found(t, f, prefix), linear(lines, prefix); !slices.Equal(got, want) {
			t.Errorf("prefixed(%q) = %q, want %q", prefix, got, want)
		}
	}
}

func TestPrefixedRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		var lines []string
		n := rng.IntN(40)
		for range n {
			// Short alphabet so prefixes collide; some lines longer than
			// a read chunk, so lines cross chunk boundaries.
			var b strings.Builder
			for range 1 + rng.IntN(6) {
				b.WriteByte("ab#-> "[rng.IntN(6)])
			}
			if rng.IntN(10) == 0 {
				b.WriteString(strings.Repeat("x", chunk+rng.IntN(chunk)))
			}
			lines = append(lines, b.String())
		}
		slices.Sort(lines)
		f := fileOf(lines)
		for range 20 {
			var p strings.Builder
			for range rng.IntN(4) {
				p.WriteByte("ab#-> "[rng.IntN(6)])
			}
			prefix := p.String()
			if got, want := found(t, f, prefix), linear(lines, prefix); !slices.Equal(got, want) {
				t.Fatalf("round %d: prefixed(%q) = %d lines, want %d\nlines: %q", round, prefix, len(got), len(want), lines)
			}
		}
	}
}

func TestSearchDamagedFile(t *testing.T) {
	for name, data := range map[string]string{
		"no final newline": "<a> <p> \"x\" .\n<b> <p> \"y\" .",
		"overlong line":    "<a> <p> \"" + strings.Repeat("x", maxLine+10) + "\" .\n",
	} {
		f := &sortedFile{name: "bad.nt", r: strings.NewReader(data), size: int64(len(data))}
		err := f.prefixed([]byte("<b"), func(int64, []byte) error { return nil })
		if name == "overlong line" {
			err = f.prefixed([]byte("<a"), func(int64, []byte) error { return nil })
		}
		if err == nil || !strings.Contains(err.Error(), "bad.nt") {
			t.Errorf("%s: err = %v, want an error naming bad.nt", name, err)
		}
	}
}

func BenchmarkSearch(b *testing.B) {
	var buf bytes.Buffer
	const n = 200_000
	for i := range n {
		fmt.Fprintf(&buf, "<https://example.org/id/r%07d> <p> \"record %d\" .\n", i, i)
	}
	f := &sortedFile{name: "bench.nt", r: bytes.NewReader(buf.Bytes()), size: int64(buf.Len())}
	b.ResetTimer()
	for i := range b.N {
		key := fmt.Sprintf("<https://example.org/id/r%07d> ", i%n)
		if _, err := f.search([]byte(key)); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzPrefixed: on any file, sorted or not, the search ends without a
// panic; on a sorted file it finds exactly the lines with the prefix.
func FuzzPrefixed(f *testing.F) {
	f.Add("<a> 1\n<a-b> 2\n<a> 3\n<b> 4\n", "<a>")
	f.Add("x\n\n\ny", "")
	f.Fuzz(func(t *testing.T, data, prefix string) {
		raw := &sortedFile{name: "fuzz", r: strings.NewReader(data), size: int64(len(data))}
		_ = raw.prefixed([]byte(prefix), func(int64, []byte) error { return nil })

		lines := strings.Split(strings.TrimSuffix(data, "\n"), "\n")
		if data == "" {
			lines = nil
		}
		slices.Sort(lines)
		sorted := fileOf(lines)
		var got []string
		if err := sorted.prefixed([]byte(prefix), func(_ int64, line []byte) error {
			got = append(got, string(line))
			return nil
		}); err != nil {
			if len(data) > maxLine {
				return
			}
			t.Fatal(err)
		}
		if want := linear(lines, prefix); !slices.Equal(got, want) {
			t.Fatalf("prefixed(%q) = %q, want %q", prefix, got, want)
		}
	})
}

// TestLineLongerThanAListingLine: a description is a listing paragraph of
// any number of lines, so a record's line in bordernet.nt may be longer
// than the listing's longest line (1 MiB); serve still finds it.
func TestLineLongerThanAListingLine(t *testing.T) {
	long := "<b> <p> \"" + strings.Repeat("x", 2<<20) + "\" .\n"
	data := "<a> <p> \"x\" .\n" + long + "<c> <p> \"z\" .\n"
	f := &sortedFile{name: "long.nt", r: strings.NewReader(data), size: int64(len(data))}
	var got []string
	if err := f.prefixed([]byte("<b>"), func(_ int64, line []byte) error {
		got = append(got, string(line))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0]+"\n" != long {
		t.Fatalf("found %d lines, want the 2 MiB one", len(got))
	}
}
