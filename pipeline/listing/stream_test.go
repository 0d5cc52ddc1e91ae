package listing

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/bordernet/bordernet/schema"
)

// streamWindows are the windows a stream is read with in tests: tiny ones,
// whose edges fall everywhere (a unit's two next ones in the next window,
// an entry's description in a later one), and the default.
func streamWindows() map[string]streamOptions {
	ways := map[string]streamOptions{"default": defaultStreamOptions()}
	for _, w := range []int{1, 2, 3, 7} {
		o := streamOptions{options: options{workers: 1, minWork: 1 << 30}, window: w, windowBytes: 1 << 20, lineBuffer: w}
		ways[fmt.Sprintf("window %d", w)] = o
		// Every stage shared among workers, windows ended by their text.
		o.options = options{workers: 3, minWork: 1}
		o.windowBytes, o.lineBuffer = 40*w, 5
		ways[fmt.Sprintf("window %d at once", w)] = o
		// Surveyed in parts, at once.
		o.options = forced(w + 1)
		ways[fmt.Sprintf("window %d in %d parts", w, w+1)] = o
	}
	return ways
}

// sameFacts fails unless surveying data in parts gives the facts of
// surveying it whole, or is not done.
func sameFacts(t *testing.T, data []byte) {
	t.Helper()
	const name = "in.txt"
	whole := streamOptions{options: options{workers: 1, minWork: 1 << 30}, window: 5, windowBytes: 1 << 20, lineBuffer: 5}
	want, wantErr := survey(context.Background(), bytes.NewReader(data), int64(len(data)), name, whole)
	var splits [][]int64
	for _, parts := range []int{2, 3, 7} {
		splits = append(splits, splitPoints(bytes.NewReader(data), int64(len(data)), parts, 1))
	}
	if len(data) < 4096 {
		// Two parts, split at every line break followed by a line break
		// (as splitPoints splits): in blank lines, before and after
		// headings, titles and paragraphs.
		for b := 1; b < len(data); b++ {
			if data[b-1] == '\n' && (data[b] == '\n' || data[b] == '\r' && b+1 < len(data) && data[b+1] == '\n') {
				splits = append(splits, []int64{0, int64(b), int64(len(data))})
			}
		}
	}
	for _, bounds := range splits {
		if len(bounds) < 3 {
			continue
		}
		got, ok, err := surveyParts(context.Background(), bytes.NewReader(data), bounds, name, whole)
		if err == nil && !ok {
			continue // read whole
		}
		if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
			t.Fatalf("split at %v: error %v, whole %v", bounds, err, wantErr)
		}
		if err == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("split at %v: facts %+v, whole %+v", bounds, got, want)
		}
	}
}

// TestSurveyInParts: a listing is surveyed in parts at once, not read
// whole, when its parts are long enough.
func TestSurveyInParts(t *testing.T) {
	data := proseListing(300)
	bounds := splitPoints(bytes.NewReader(data), int64(len(data)), 3, 1)
	facts, ok, err := surveyParts(context.Background(), bytes.NewReader(data), bounds, "in.txt", defaultStreamOptions())
	if len(bounds) != 4 || !ok || err != nil || facts.units < 500 {
		t.Errorf("in parts %v: %v, %d units, err %v", bounds, ok, facts.units, err)
	}
}

// streamAll streams the listing at path with o and returns all the
// records of the batches, and how many batches there were.
func streamAll(path string, o streamOptions) ([]schema.Record, schema.Problems, int, error) {
	var all []schema.Record
	batches := 0
	ps, err := streamFile(context.Background(), path, func(batch []schema.Record) error {
		if len(batch) == 0 {
			return errors.New("an empty batch")
		}
		batches++
		all = append(all, batch...)
		return nil
	}, o)
	return all, ps, batches, err
}

// sameAsReadFile fails unless streaming data, written to a file, in every
// window, gives what ReadFile gives: the same records in the same order,
// the same problems, the same error.
func sameAsReadFile(t *testing.T, data []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "listing.txt")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	want, wantPs, wantErr := ReadFile(path)
	sameFacts(t, data)
	for how, o := range streamWindows() {
		got, ps, _, err := streamAll(path, o)
		if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
			t.Fatalf("%s: error %v, ReadFile's %v", how, err, wantErr)
		}
		if err != nil {
			var pe, wantPe *ParseError
			if !errors.As(err, &pe) || !errors.As(wantErr, &wantPe) || pe.File != wantPe.File || pe.Line != wantPe.Line ||
				pe.Column != wantPe.Column || pe.Err.Error() != wantPe.Err.Error() || errors.Unwrap(pe.Err) != errors.Unwrap(wantPe.Err) {
				t.Fatalf("%s: error %#v, ReadFile's %#v", how, err, wantErr)
			}
			if got != nil || ps != nil {
				t.Fatalf("%s: records or problems with an error", how)
			}
			continue
		}
		if len(got) != len(want) || len(got) > 0 && !reflect.DeepEqual(got, want) ||
			len(ps) != len(wantPs) || len(ps) > 0 && !reflect.DeepEqual(ps, wantPs) {
			t.Fatalf("%s: streaming differs from ReadFile:\n%+v\nwant\n%+v", how, dumpOf(got, ps), dumpOf(want, wantPs))
		}
	}
}

func TestStreamAsReadFile(t *testing.T) {
	inputs := map[string][]byte{
		"bench":                         benchListing(300),
		"prose":                         proseListing(400),
		"title only":                    []byte("Title\n\n\n\n"),
		"blank start, title underlined": []byte("\n\n\n\nTitle\n=====\nA (B)\n\nThe B is here.\n\nC (D)\n"),
		"blank parts":                   []byte("Title\n\nThe intro.\n\n" + strings.Repeat("\n", 300) + "Regional cooperation\n\nA (B)\n\nThe B is.\n" + strings.Repeat("\n", 200) + "C (D)\n"),
		"rules":                         []byte("Title\n\n" + strings.Repeat("Heading\n=====\n\nA (B)\n-----\n\ntext of it.\n\n", 40)),
		"one huge paragraph":            []byte("Title\n\n" + strings.Repeat("lower words of one long paragraph wrapped over many lines\n", 3000) + "\nEnd (E)\n"),
		"one huge entry":                []byte("Title\n\nNetworks:\n\nA Network (AN)\n\n" + strings.Repeat("The AN goes on, and on.\n\n", 2000) + "Feedback is welcome!\n"),
		"sources":                       mustRead(t, "../../sources/listing.txt"),
		// A remark before the last paragraph that leads with a name is
		// description, not a closing remark.
		"remark, then an untitled entry": []byte("T\n\nNetworks:\n\nA Network (AN)\n\nThe AN is a body.\n\nSuggestions? Write to us.\n\neu-LISA, the European Agency for IT, is called to help.\n\nThanks to all.\n"),
		// The blank lines before the first unit are not counted in the
		// usual spacing: here they would make it 3, and the heading a title.
		"spacing after the title": []byte("Title\n\n\n\nIntro para.\n\n\n\nRegional cooperation\n\nA Body\n\n\nB Body\n"),
		// The first heading is one by its spacing alone: the short line
		// before it is intro.
		"heading by spacing after intro": []byte("Title\n\nIntro one.\n\nIntro two.\n\nVersion 3, May 2024\n\n\n\nRegional cooperation\n\nA Body\n\nB Body\n\nThe B is.\n\nC Body\n\nThe C is.\n"),
		"heading by spacing":             []byte("Title\n\nVersion 3, May 2024\n\n\n\nRegional cooperation\n\nA Body\n\nB Body\n\nThe B is.\n\nC Body\n\nThe C is.\n"),
	}
	names, _ := filepath.Glob(filepath.Join(testdata, "*.txt"))
	for _, n := range names {
		inputs[filepath.Base(n)] = mustRead(t, n)
		for _, v := range variants() {
			inputs[filepath.Base(n)+"/"+v.name] = []byte(v.f(string(mustRead(t, n))))
		}
	}
	for _, s := range fuzzSeeds() {
		inputs[fmt.Sprintf("seed %q", s)] = []byte(s)
	}
	for name, data := range inputs {
		t.Run(name, func(t *testing.T) { sameAsReadFile(t, data) })
	}
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestStreamRandomListings holds streaming to ReadFile on listings made of
// every part a listing has, in random order and spacing.
func TestStreamRandomListings(t *testing.T) {
	n := 150
	if testing.Short() {
		n = 40
	}
	for seed := range n {
		data := randomListing(rand.New(rand.NewPCG(uint64(seed), 13)))
		t.Run(fmt.Sprint(seed), func(t *testing.T) { sameAsReadFile(t, data) })
	}
}

// randomListing writes a listing of the parts hand-written listings have,
// each often enough that windows end before, in and after all of them.
func randomListing(rng *rand.Rand) []byte {
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	var b strings.Builder
	// The usual spacing, which headings are weighed against: one, two or
	// three blank lines between units.
	usual := 1 + rng.IntN(3)
	blanks := func(n int) {
		switch rng.IntN(12) {
		case 0:
			b.WriteString("\n \t") // spaces count as blank
		case 1:
			if n > 0 {
				b.WriteString("\n-----") // so does decoration
				n--
			}
		}
		b.WriteString(strings.Repeat("\n", n+1))
	}
	gap := func() {
		switch r := rng.IntN(20); {
		case r == 0:
			blanks(0) // no blank line
		case r < 3:
			blanks(usual + 1 + rng.IntN(2))
		case r < 4:
			blanks(max(usual-1, 1))
		default:
			blanks(usual)
		}
	}
	if rng.IntN(5) == 0 {
		b.WriteString("\n\n")
	}
	b.WriteString(pick("Networks in the field of border and migration", "# Bodies", "Bodies\n======", "Cooperation bodies"))
	gap()
	for range rng.IntN(3) {
		b.WriteString(pick(
			"The following listing seeks to capture networks and forums in the area. Feedback is welcome!",
			"Work in progress", "Version 3, May 2024", "An intro paragraph that is not a record. It ends with a full stop.",
			"Compiled by the secretariat", "Last Updated In Spring",
		))
		gap()
	}
	headings := rng.IntN(4) > 0
	huge := rng.IntN(25) == 0
	entries := 1 + rng.IntN(40)
	for i := range entries {
		if headings && (i == 0 || rng.IntN(6) == 0) {
			if rng.IntN(2) == 0 {
				blanks(usual + 1) // more space before a heading
			}
			b.WriteString(pick("Regional cooperation", "Further bodies", "Border cooperation", "EU-focused Networks:", "## Other Networks", "Regional cooperation\n====================", "ACTORS & AGENCIES",
				"Networks and Forums", "Other networks:", "Intergovernmental Fora", "Actors & Agencies", "Empty Section:"))
			gap()
		}
		acr := fmt.Sprintf("%c%c%c", 'A'+rng.IntN(26), 'A'+rng.IntN(26), 'A'+i%26)
		name := pick("European Legal Network on Asylum", "Frontex Risk Analysis Network", "Salzburg Forum",
			"Budapest Process", "Immigration Liaison Officers' Network", "General Directors´ Immigration Services Conference",
			"Eurint Network", "European Migration Network", "Söderköping Process", "Nordic Return Platform")
		desc := pick(
			"The "+acr+" is a forum of legal practitioners who aim to promote the highest human rights standards.",
			"It is based on Member States´ existing activities and on strengthening of cooperation.",
			"A concept of the States, wrapped over\ntwo lines; it is cross-\nborder work.",
			"Frontex has established a community called the "+name+" ("+acr+") that links the networks of countries.",
			"Working groups meet twice a year and report to the annual conference of directors.",
		)
		switch rng.IntN(10) {
		case 0, 1, 2:
			b.WriteString(name + " (" + acr + ")")
			gap()
			b.WriteString(desc)
		case 3:
			b.WriteString(name) // no description
			if rng.IntN(3) == 0 {
				gap()
				b.WriteString(pick("Feedback is welcome!", "Write to info@example.org.", "Suggestions? Write to us."))
			}
		case 4:
			b.WriteString(pick("eu-LISA"+acr, acr, "The Prague Process "+acr) + ", the " + name + ", is called to increase the value of ICT for the citizens.")
		case 5:
			b.WriteString(acr + ": a Central European security partnership of " + name + ".")
		case 6:
			b.WriteString(name + "\n" + desc) // title on the line above
		case 7:
			b.WriteString(acr + " – " + name)
			gap()
			b.WriteString(acr + " supports the states. " + desc)
		case 8:
			b.WriteString("- " + name + " (formerly " + acr + "X)")
			gap()
			b.WriteString(desc)
			gap()
			b.WriteString(pick(acr+", the agency, goes on.", "It also meets in Vienna.", desc))
		default:
			b.WriteString(pick("1. ", "IV. ", "* ", "") + name + " " + fmt.Sprint(i))
			gap()
			b.WriteString(desc)
		}
		gap()
		if huge && i == entries/2 {
			b.WriteString(strings.Repeat("lower words of a long paragraph\n", 500+rng.IntN(500)))
			gap()
		}
	}
	for range rng.IntN(3) {
		b.WriteString(pick("eu-LISA, the European Agency for IT, is called to help.", "Feedback is welcome!", "Write to info@example.org.", "Work in progress", "Thanks to all contributors.", "Suggestions? Write to us."))
		gap()
	}
	s := b.String()
	switch rng.IntN(8) {
	case 0:
		s = strings.ReplaceAll(s, "\n", "\r\n")
	case 1:
		s = "\uFEFF" + s
	case 2:
		s = strings.ReplaceAll(s, "\n", "\r")
	case 3:
		s = strings.Replace(s, "the ", "the \x07", 2)
	case 4:
		s = strings.ReplaceAll(s, " ", "\u00a0")
	case 5:
		s = strings.TrimRight(s, "\n")
	}
	return []byte(s)
}

// TestStreamErrors: input that is not a listing is the error ReadFile
// gives, before any batch.
func TestStreamErrors(t *testing.T) {
	inputs := map[string]string{
		"empty":             "",
		"blank":             "\n \t\n\u00a0\r\n",
		"BOM only":          "\uFEFF",
		"binary":            "PK\x03\x04\x00\x00\x08",
		"binary late":       "Title\n" + strings.Repeat("text line\n", 1000) + "bad\x00line\n",
		"binary after text": string(benchListing(200)) + "\n\nx\x00y\n",
		"invalid UTF-8":     string(proseListing(50)) + "\n\nLatin-1 caf\xe9\n",
		"UTF-16":            "\xFF\xFET\x00i\x00",
		"long line":         "Title\n\nA (B)\n\n" + strings.Repeat("x", MaxLineBytes+1) + "\n",
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) { sameAsReadFile(t, []byte(in)) })
	}

	dir := t.TempDir()
	for _, path := range []string{dir, filepath.Join(dir, "missing.txt")} {
		_, _, want := ReadFile(path)
		_, err := Stream(path, func([]schema.Record) error { t.Fatal("a batch"); return nil })
		if err == nil || err.Error() != want.Error() {
			t.Errorf("Stream(%s): %v, ReadFile's %v", path, err, want)
		}
	}
}

// TestStreamStops: an error from each, or ctx done, stops the reading and
// is the error; no batch follows.
func TestStreamStops(t *testing.T) {
	path := filepath.Join(t.TempDir(), "listing.txt")
	if err := os.WriteFile(path, benchListing(2000), 0o644); err != nil {
		t.Fatal(err)
	}
	o := defaultStreamOptions()
	o.window = 50
	stop := errors.New("enough")
	batches := 0
	_, err := streamFile(context.Background(), path, func([]schema.Record) error {
		batches++
		if batches == 3 {
			return stop
		}
		return nil
	}, o)
	if !errors.Is(err, stop) || batches != 3 {
		t.Errorf("each's error: %v after %d batches", err, batches)
	}

	ctx, cancel := context.WithCancel(context.Background())
	batches = 0
	_, err = streamFile(ctx, path, func([]schema.Record) error {
		batches++
		cancel()
		return nil
	}, o)
	if !errors.Is(err, context.Canceled) || batches != 1 {
		t.Errorf("cancelled: %v after %d batches", err, batches)
	}
	cancel()
	if _, err := StreamContext(ctx, path, func([]schema.Record) error { t.Fatal("a batch"); return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before: %v", err)
	}
}

// TestStreamChanged: a listing written to between the two readings is an
// error, not records of two different files.
func TestStreamChanged(t *testing.T) {
	for _, more := range []string{"\n\nNew Entry (NE)\n\nThe NE is new.\n", ""} {
		path := filepath.Join(t.TempDir(), "listing.txt")
		if err := os.WriteFile(path, benchListing(400), 0o644); err != nil {
			t.Fatal(err)
		}
		o := defaultStreamOptions()
		o.window = 20
		first := true
		_, err := streamFile(context.Background(), path, func([]schema.Record) error {
			if first {
				first = false
				if more == "" {
					return os.Truncate(path, 1000)
				}
				f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					return err
				}
				defer f.Close()
				_, err = f.WriteString(more)
				return err
			}
			return nil
		}, o)
		var pe *ParseError
		if !errors.Is(err, ErrChanged) || !errors.As(err, &pe) || pe.File != filepath.ToSlash(path) {
			t.Errorf("written to while streamed (%q): %v", more, err)
		}
	}
}

// TestStreamBatches: records come in batches of complete entries as the
// file is read, not all at the end.
func TestStreamBatches(t *testing.T) {
	path := filepath.Join(t.TempDir(), "listing.txt")
	if err := os.WriteFile(path, proseListing(3000), 0o644); err != nil {
		t.Fatal(err)
	}
	o := defaultStreamOptions()
	o.window = 100
	recs, _, batches, err := streamAll(path, o)
	if err != nil || len(recs) != 3000 {
		t.Fatalf("%d records, err %v", len(recs), err)
	}
	// About 2 units an entry, a window of 100: a batch per 50 entries.
	if batches < 40 {
		t.Errorf("%d batches for 3000 entries in windows of 100 units", batches)
	}
}

// fuzzSeeds are the small inputs FuzzRead and FuzzStream start from.
func fuzzSeeds() []string {
	return []string{
		"", "\n\n", "\uFEFF", "T", "T\n\nH:\n\nA (B)\n\nc.", "T\r\n\r\nH\r\n\r\nX\r\n\r\nY\r\n\r\nd d d d.",
		"T\n\nAB, the Cd Ef, is g.\n\nH, the I J, is k.", "T\n\n(\n\n)\n\n((a)b)c", "T\n\n#\n\n## \n\n1. \n\n- x",
		"T\n\nX (formerly)\n\nY (until 2020)\n\nZ (a.k.a. Q).", "T\n\n\x00", "T\n\n\xff", "T\r\rA\rB\r",
		"T\n\nΔίκτυο\n\nΑ.", "T\n\nA, , b\n\nThe (X) is.", "T\n\nEU – \n\n – EU\n\n: x",
		"T\n\nA (B C D)\n\nB.\n\nAb – Cd Ef\n\nAb, Cd Ef, is.\n\nAb, the x, is.", "T\n\nAb: Cd Ef\n\n(Ab) is. The Ab.",
		"\n\n\nT\n\n\n\nA\n\n\n", "T\n\nA\n===\n\nB\n---\n\nc.\n\n\n\nD (E)\n\nf.",
		"T\n\nWork in progress\n\nVersion 3\n\n\n\nOther Networks\n\nA (B)\n\nThe B is.\n\nThanks",
	}
}

// FuzzStream holds streaming, in tiny windows and the default, to
// ReadFile on any input.
func FuzzStream(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join(testdata, "*.txt"))
	for _, n := range names {
		f.Add(mustRead(f, n))
	}
	for _, s := range fuzzSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { sameAsReadFile(t, data) })
}

// TestStreamListingFile holds streaming the listing named by -listing
// (see BenchmarkStreamFile) to ReadFile, record by record.
func TestStreamListingFile(t *testing.T) {
	if *benchListingFile == "" {
		t.Skip("no -listing file given")
	}
	want, wantPs, err := ReadFile(*benchListingFile)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	ps, err := Stream(*benchListingFile, func(batch []schema.Record) error {
		for i := range batch {
			if n >= len(want) || !reflect.DeepEqual(batch[i], want[n]) {
				return fmt.Errorf("record %d differs from ReadFile's", n)
			}
			n++
		}
		return nil
	})
	if err != nil || n != len(want) || !reflect.DeepEqual(ps, wantPs) {
		t.Fatalf("%d of %d records, %d problems of %d, err %v", n, len(want), len(ps), len(wantPs), err)
	}
}

// BenchmarkStreamFile streams the listing named by -listing and lets the
// records go, reporting the peak of the heap in use (sampled) and of the
// process's resident memory besides the rates:
//
//	go run ./cmd/synth -n 1000000 -out /tmp/s1m
//	go test -run - -bench 'StreamFile|ReadFile' -benchtime 1x ./pipeline/listing -listing /tmp/s1m/listing.txt
func BenchmarkStreamFile(b *testing.B) {
	if *benchListingFile == "" {
		b.Skip("no -listing file given")
	}
	stopSampling := sampleHeap(b)
	cpu := processCPU()
	n := 0
	for b.Loop() {
		n = 0
		if _, err := Stream(*benchListingFile, func(batch []schema.Record) error {
			n += len(batch)
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
	reportRates(b, n, cpu)
	stopSampling()
}

// sampleHeap samples the heap in use every few milliseconds until the
// function it returns is called, which reports the peak, and the peak
// resident memory of the process where the system tells it.
func sampleHeap(b *testing.B) func() {
	b.Helper()
	done := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var most uint64
		var ms runtime.MemStats
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			most = max(most, ms.HeapInuse)
			select {
			case <-done:
				peak <- most
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		close(done)
		b.ReportMetric(float64(<-peak), "peak-heap-B")
		if rss := peakRSS(); rss > 0 {
			b.ReportMetric(float64(rss), "peak-rss-B")
		}
	}
}
