package listing

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

var benchListingFile = flag.String("listing", "", "listing file BenchmarkReadFile reads (e.g. one written by go run ./cmd/synth)")

// reportRates reports records per wall second and per CPU second of the
// whole process (garbage collection included): on a shared machine the
// latter is the steadier figure.
func reportRates(b *testing.B, records int, cpuStart time.Duration) {
	b.Helper()
	total := float64(records) * float64(b.N)
	b.ReportMetric(total/b.Elapsed().Seconds(), "records/s")
	if cpu := processCPU() - cpuStart; cpu > 0 {
		b.ReportMetric(total/cpu.Seconds(), "records/cpu-s")
	}
}

// proseListing writes a listing of n entries like those cmd/synth writes
// for the scale benchmarks: titles with and without acronyms (at the end,
// in the middle, none), descriptions of 200 to 800 bytes of prose with the
// seed's "´" apostrophes, some no-break spaces and place names outside
// ASCII, acronyms found only in the description, entries without
// description; under sections of 1000 entries.
func proseListing(n int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	regions := []string{"Nordic", "Baltic Sea", "Mediterranean", "Danube Region", "Alpine", "Western Balkans", "Iberian", "Eastern Partnership"}
	topics := []string{"Return", "Border Control", "Asylum", "Coast Guard", "Document Fraud", "Reception", "Risk Analysis", "Visa Policy"}
	types := []string{"Network", "Forum", "Platform", "Working Group", "Cooperation", "Initiative"}
	places := []string{"Kraków", "Łódź", "Thessaloníki", "Malmö", "Vienna", "Tallinn", "Bucureşti", "Göteborg"}
	sentences := []string{
		"It is based on Member States´ existing activities and on strengthening of cooperation and coordination at national and European levels.",
		"The network aims to develop and share best practices in the field of %s, from the moment of identification to the actual outcome of each procedure.",
		"Its secretariat rotates between member authorities every few years, and plenary meetings take place in %s.",
		"It provides the framework for sharing knowledge and producing analytical and strategic reports on the current state of play.",
		"Its members´ joint activities cover training, the exchange of liaison officers and common operations with partners in Spain.",
		"Some 120 practitioners take part in its work across most European states.",
		"Working groups meet twice a year, usually in %s, and report to the annual conference of directors.",
	}
	// letters spells i in capitals, so every acronym is unique.
	letters := func(i int) string {
		b := []byte("AAAA")
		for k := 3; k >= 0; k-- {
			b[k] = byte('A' + i%26)
			i /= 26
		}
		return string(b)
	}
	var b strings.Builder
	b.WriteString("Networks in the field of border and migration\n\nThe following listing seeks to capture networks and forums in the area of European border and migration cooperation. Feedback is welcome!\n\n")
	headings := []string{"EU-focused Networks:", "Other Networks:", "Actors & Agencies"}
	for i := range n {
		if i%1000 == 0 {
			fmt.Fprintf(&b, "\n\n%s\n\n", headings[(i/1000)%len(headings)])
		}
		region, topic, typ := pick(regions), pick(topics), pick(types)
		name := fmt.Sprintf("%s %s %s %d", region, topic, typ, i+1)
		var initials strings.Builder
		for w := range strings.FieldsSeq(region + " " + topic + " " + typ) {
			initials.WriteByte(w[0])
		}
		acr := initials.String() + letters(i)
		desc := ""
		switch r := rng.IntN(100); {
		case r < 35: // "Name (ACR)"
			fmt.Fprintf(&b, "%s (%s)\n\n", name, acr)
			desc = "The " + acr + " is a flexible regional tool for daily inter-agency interaction between liaison officers."
		case r < 45: // the acronym only in the description, spelled by the title
			fmt.Fprintf(&b, "%s\n\n", name)
			desc = fmt.Sprintf("The %s%d brings together return officers and escort leaders to exchange information and good practice.", initials.String(), i+1)
		case r < 78: // no acronym
			fmt.Fprintf(&b, "%s\n\n", name)
			desc = "The network is a forum of legal practitioners who aim to promote the highest human rights standards in their daily work."
		case r < 86: // no description
			fmt.Fprintf(&b, "%s\n\n", name)
			continue
		case r < 93: // the acronym in the middle
			fmt.Fprintf(&b, "%s Liaison Officers' (%s) %s %d\n\n", region, acr, typ, i+1)
			desc = "The network promotes, coordinates and develops cooperation between immigration services and asylum authorities."
		default: // "... called the Name (ACR) that ..."
			fmt.Fprintf(&b, "%s\n\n", name)
			desc = fmt.Sprintf("Nordic authorities have established a community called the %s (%s) that links the document experts of individual European countries.", name, acr)
		}
		b.WriteString(desc)
		for size := len(desc); size < 200+rng.IntN(600); {
			s := pick(sentences)
			if strings.Contains(s, "%s") {
				s = fmt.Sprintf(s, pick(places))
			}
			if rng.IntN(10) == 0 {
				s = strings.Replace(s, " ", "\u00a0", 1)
			}
			b.WriteString(" " + s)
			size += 1 + len(s)
		}
		b.WriteString("\n\n")
	}
	return []byte(b.String())
}

func TestProseListing(t *testing.T) {
	const n = 3000
	recs, ps, err := Read(bytes.NewReader(proseListing(n)), "prose.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != n || len(ps) != 0 {
		t.Fatalf("generated listing: %d records, problems %v", len(recs), ps)
	}
	seen := map[string]bool{}
	acronyms := 0
	for _, r := range recs {
		if seen[r.ID] {
			t.Fatalf("duplicate id %s", r.ID)
		}
		seen[r.ID] = true
		if r.Acronym != "" {
			acronyms++
		}
	}
	// Entries with the acronym in the title, in its middle, or only in the
	// description spelled by the title's initials: about 52%. A
	// community's acronym ends in letters the title does not spell.
	if acronyms < n*45/100 || acronyms > n*60/100 {
		t.Errorf("%d of %d records with an acronym", acronyms, n)
	}
}

// BenchmarkReadProse reads 20,000 entries in the style of the synthetic
// scale data, about 560 bytes each.
func BenchmarkReadProse(b *testing.B) {
	const n = 20_000
	data := proseListing(n)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		recs, _, err := Read(bytes.NewReader(data), "prose.txt")
		if err != nil || len(recs) != n {
			b.Fatalf("%d records, err %v", len(recs), err)
		}
	}
	reportRates(b, n, cpu)
}

// BenchmarkReadFile reads the listing named by -listing, such as the 100k
// or 1M record listings of cmd/synth, which are too large for testdata:
//
//	go run ./cmd/synth -n 100000 -out /tmp/s100k
//	go test -run - -bench ReadFile -benchtime 3x ./pipeline/listing -listing /tmp/s100k/listing.txt
func BenchmarkReadFile(b *testing.B) {
	if *benchListingFile == "" {
		b.Skip("no -listing file given")
	}
	b.ReportAllocs()
	cpu := processCPU()
	n := 0
	for b.Loop() {
		recs, _, err := ReadFile(*benchListingFile)
		if err != nil {
			b.Fatal(err)
		}
		n = len(recs)
	}
	reportRates(b, n, cpu)
}
