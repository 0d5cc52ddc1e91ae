package listing

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

// lineCount counts a file's lines as an editor does: LF, CR LF and CR end
// a line, and a last line without a break still counts.
func lineCount(data []byte) int {
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	n := strings.Count(s, "\n")
	if s != "" && !strings.HasSuffix(s, "\n") {
		n++
	}
	return n
}

// FuzzRead feeds the reader arbitrary bytes, starting from the listings of
// testdata. It must never panic, and what it returns must hold together:
// an error is a *ParseError naming the file with no records; otherwise every
// record has a valid id, a name, a controlled kind and scope, normalised
// text, and positions inside the file. Reading is deterministic, and LF or
// CR LF line breaks make no difference.
//
// Every record also passes schema.Validator.Record without errors, but for
// a malformed web address taken from a title.
func FuzzRead(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join(testdata, "*.txt"))
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"", "\uFEFF", "T", "T\n\nH:\n\nA (B)\n\nc.", "T\r\n\r\nH\r\n\r\nX\r\n\r\nY\r\n\r\nd d d d.",
		"T\n\nAB, the Cd Ef, is g.\n\nH, the I J, is k.", "T\n\n(\n\n)\n\n((a)b)c", "T\n\n#\n\n## \n\n1. \n\n- x",
		"T\n\nX (formerly)\n\nY (until 2020)\n\nZ (a.k.a. Q).", "T\n\n\x00", "T\n\n\xff", "T\r\rA\rB\r",
		"T\n\nΔίκτυο\n\nΑ.", "T\n\nA, , b\n\nThe (X) is.", "T\n\nEU – \n\n – EU\n\n: x",
		"T\n\nA (B C D)\n\nB.\n\nAb – Cd Ef\n\nAb, Cd Ef, is.\n\nAb, the x, is.", "T\n\nAb: Cd Ef\n\n(Ab) is. The Ab.",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "fuzz.txt"
		recs, ps, err := Read(bytes.NewReader(data), name)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != name || !strings.HasPrefix(err.Error(), name) {
				t.Fatalf("error does not name the file: %#v", err)
			}
			if recs != nil || ps != nil {
				t.Fatalf("records or problems with an error")
			}
			if pe.Line < 0 || pe.Line > lineCount(data)+1 {
				t.Fatalf("error line %d outside the file's %d lines", pe.Line, lineCount(data))
			}
			return
		}
		lines := lineCount(data)
		v := schema.NewValidator()
		inside := func(what string, p schema.Position) {
			t.Helper()
			if p.File != name || p.Line < 1 || p.Line > lines || p.Sheet != "" || p.Col != 0 {
				t.Fatalf("%s at %+v, outside %s's %d lines", what, p, name, lines)
			}
		}
		for _, r := range recs {
			if r.ID == "" || r.Name == "" {
				t.Fatalf("record without id or name: %+v", r)
			}
			if !schema.IsSlug(r.ID) {
				t.Fatalf("id %q is not a valid id", r.ID)
			}
			if !slices.Contains(schema.Kinds(), r.Kind) || !slices.Contains(schema.Scopes(), r.Scope) {
				t.Fatalf("%s: kind %q scope %q", r.ID, r.Kind, r.Scope)
			}
			inside(r.ID+" origin", r.Origin)
			for _, s := range r.Sources {
				inside(r.ID+" "+string(s.Field), s.Pos)
				if len(r.Values(s.Field)) == 0 {
					t.Fatalf("%s: %s has a position but no value", r.ID, s.Field)
				}
			}
			for _, v := range append([]string{r.Name, r.Acronym, r.Section}, r.AltNames...) {
				if v != strings.Join(strings.Fields(v), " ") || strings.ContainsAny(v, "\u00a0\t´\u2019") {
					t.Fatalf("%s: value not normalised: %q", r.ID, v)
				}
			}
			for para := range strings.SplitSeq(r.Description, "\n\n") {
				if para != strings.Join(strings.Fields(para), " ") {
					t.Fatalf("%s: description not normalised: %q", r.ID, r.Description)
				}
			}
			if r.DescriptionLang != "" {
				t.Fatalf("%s: description language %q: the listing's is the dataset's", r.ID, r.DescriptionLang)
			}
			// Whatever a listing says, the reader makes records the
			// validator accepts one by one (duplicates are the dataset's),
			// except a web address as the curator wrote it, which the
			// validator is there to judge.
			for _, vp := range v.Record(&r) {
				if vp.Severity == schema.SeverityError && vp.Field != schema.FieldWebsite {
					t.Fatalf("%s: record fails validation: %v", r.ID, vp)
				}
			}
		}
		for _, p := range ps {
			if p.Pos.Line != 0 {
				inside("problem", p.Pos)
			}
		}

		again, psAgain, err := Read(bytes.NewReader(data), name)
		if err != nil || !reflect.DeepEqual(again, recs) || !reflect.DeepEqual(psAgain, ps) {
			t.Fatalf("second read differs (err %v)", err)
		}
		if !bytes.ContainsRune(data, '\r') {
			crlf := bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
			got, gotPs, err := Read(bytes.NewReader(crlf), name)
			if err != nil {
				t.Fatalf("CR LF version fails: %v", err)
			}
			if !reflect.DeepEqual(dumpOf(got, gotPs), dumpOf(recs, ps)) {
				t.Fatalf("CR LF line breaks change what is read")
			}
		}
	})
}

// benchListing writes a listing of n entries in the seed's style, with
// every form of entry: bracketed acronyms, acronyms in the description,
// entries without description and untitled paragraphs, under sections of
// 100 entries.
func benchListing(n int) []byte {
	var b strings.Builder
	b.WriteString("Networks in the field of border and migration\n\nA generated listing for benchmarks. Feedback is welcome!\n\n")
	headings := []string{"EU-focused Networks:", "Other Networks:", "Actors & Agencies", "Regional Forums"}
	for i := 0; i < n; i++ {
		if i%100 == 0 {
			fmt.Fprintf(&b, "\n%s\n\n", headings[(i/100)%len(headings)])
		}
		w := fmt.Sprintf("W%c%c", 'a'+i%26, 'a'+(i/26)%26)
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "European Legal %s Network on Asylum %d (EL%d)\n\nThe European Legal Network (EL%d) is a forum of legal practitioners who aim to promote the highest human rights standards for the treatment of refugees.\n\n", w, i, i, i)
		case 1:
			fmt.Fprintf(&b, "Frontex Risk %s Analysis Network\n\nFrontex has established a community called the Frontex Risk Analysis Network (FR%sAN) that links the intelligence networks of individual European countries.\n\n", w, strings.ToUpper(w))
		case 2:
			fmt.Fprintf(&b, "SIRENE Contact Persons %d (SIRCOP%d)\n\n", i, i)
		case 3:
			fmt.Fprintf(&b, "\neu-LISA%d, the European Agency for the Operational Management of Large-Scale IT Systems in the Area of Freedom, Security and Justice %d, is called to increase the added value of ICT technology to the citizens of the EU.\n\n", i, i)
		}
	}
	b.WriteString("Feedback is welcome!")
	return []byte(b.String())
}

func TestBenchListing(t *testing.T) {
	recs, ps, err := Read(bytes.NewReader(benchListing(400)), "bench.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 400 || len(ps) != 0 {
		t.Fatalf("generated listing: %d records, problems %v", len(recs), ps)
	}
	seen := map[string]bool{}
	for _, r := range recs {
		if seen[r.ID] {
			t.Fatalf("duplicate id %s", r.ID)
		}
		seen[r.ID] = true
	}
}

func BenchmarkRead(b *testing.B) {
	const n = 10_000
	data := benchListing(n)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		recs, _, err := Read(bytes.NewReader(data), "bench.txt")
		if err != nil || len(recs) != n {
			b.Fatalf("%d records, err %v", len(recs), err)
		}
	}
	reportRates(b, n, cpu)
}

// BenchmarkReadAdversarial reads inputs of about 1 MiB shaped to find
// super-linear work: one paragraph of many short lines, an acronym title
// whose description repeats "(ACR)", many brackets and commas, many
// headings. Compare its per-byte cost with BenchmarkRead's.
func BenchmarkReadAdversarial(b *testing.B) {
	inputs := map[string]string{
		"wrapped lines":    "T\n\nX\n\n" + strings.Repeat("lower words here\n", 60_000),
		"repeated acronym": "T\n\nH:\n\nEMPACT\n\n" + strings.Repeat("Some (EMPACT) ", 70_000) + ".",
		"brackets":         "T\n\n" + strings.Repeat("A (B) (C (D) ((\n", 60_000),
		"commas":           "T\n\nT\n\nAB, the " + strings.Repeat("Cd, ", 250_000) + "is x.",
		"headings":         "T\n\n" + strings.Repeat("Networks:\n\n", 90_000),
		"one-word lines":   "T\n\n" + strings.Repeat("Aa\n", 300_000),
	}
	for name, in := range inputs {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				if _, _, err := Read(strings.NewReader(in), "adv.txt"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
