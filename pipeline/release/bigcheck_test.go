package release

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/internal/judge"
	"github.com/bordernet/bordernet/pipeline/export/ntriples/rdftest"
	"github.com/bordernet/bordernet/schema"
)

// bigSampleTarget is about how many records TestBigRelease compares
// between the JSON-LD, the N-Triples and the Turtle: between this and
// twice this many are kept, whatever the release's size.
const bigSampleTarget = 500

// TestBigRelease runs the release checks on a published release folder of
// any size, named by BORDERNET_CHECK_RELEASE (scripts/check-release.sh):
// rapper accepts the Turtle and the N-Triples with as many triples as
// bordernet.nt has lines, bordernet.nt is sorted, a sample of records reads
// as the same triples from the JSON-LD (json-gold), the N-Triples and the
// Turtle (as rapper re-serialises it), the catalogue passes the DCAT-AP
// shapes, and SHA256SUMS matches. Every file is streamed: a 1 M-record
// release has 4 GB of N-Triples.
func TestBigRelease(t *testing.T) {
	dir := os.Getenv("BORDERNET_CHECK_RELEASE")
	if dir == "" {
		t.Skip("opt-in check of a published release: set BORDERNET_CHECK_RELEASE=DIR (scripts/check-release.sh)")
	}
	if _, err := os.Stat(filepath.Join(dir, "bordernet.nt")); err != nil {
		t.Fatalf("BORDERNET_CHECK_RELEASE=%s is not a release folder: %v", dir, err)
	}
	checkRelease(t, dir, bigSampleTarget)
}

// TestBigReleaseChecksOnSeed runs TestBigRelease's checks on the seed's
// release with a sample target of 3 records, so that the sampling's
// thinning, the streaming scans and the comparisons run in every test run.
func TestBigReleaseChecksOnSeed(t *testing.T) {
	dir, _ := publishSeed(t)
	checkRelease(t, dir, 3)
}

// checkRelease is TestBigRelease on dir, sampling about target records.
func checkRelease(t *testing.T, dir string, target int) {
	var sample *jsonldSample
	t.Run("jsonld-sample", func(t *testing.T) {
		s, err := sampleJSONLD(filepath.Join(dir, "bordernet.jsonld"), target)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("sampled %d of %d node groups (a record and its #… nodes; every %d), %d nodes, %d triples, %d subjects",
			s.records, s.groups, s.every, s.nodes, len(s.lines), len(s.subjects))
		sample = s
	})
	if sample == nil {
		t.FailNow()
	}

	var (
		ntScan, ttlScan     scanResult
		ntRapper, ttlRapper = -1, -1
	)
	// The parallel subtests run at most GOMAXPROCS at a time, which keeps
	// this heavy check from taking more than its share of a shared machine.
	t.Run("checks", func(t *testing.T) {
		t.Run("ntriples-sorted-sample", func(t *testing.T) {
			t.Parallel()
			f, err := os.Open(filepath.Join(dir, "bordernet.nt"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			ntScan, err = scanNTriples(f, sample.subjects, true)
			if err != nil {
				t.Fatalf("bordernet.nt: %v", err)
			}
			t.Logf("bordernet.nt: %d lines, %d duplicate lines", ntScan.lines, ntScan.duplicates)
			if ntScan.unsorted != 0 {
				t.Errorf("bordernet.nt is not sorted: line %d sorts before line %d, %d such lines", ntScan.firstUnsorted, ntScan.firstUnsorted-1, ntScan.unsorted)
			}
			compareSample(t, "bordernet.nt", sample, ntScan.sample)
		})
		t.Run("rapper-ntriples", func(t *testing.T) {
			t.Parallel()
			rapper := judge.Need(t, "rapper")
			n, err := rapperCount(rapper, "ntriples", filepath.Join(dir, "bordernet.nt"))
			if err != nil {
				t.Fatal(err)
			}
			ntRapper = n
			t.Logf("rapper reads %d triples from bordernet.nt", n)
		})
		t.Run("rapper-turtle-sample", func(t *testing.T) {
			t.Parallel()
			rapper := judge.Need(t, "rapper")
			// rapper re-serialises the Turtle as N-Triples: its line count is
			// rapper -c's triple count, and the sampled subjects' lines
			// compare the Turtle's content, not just its size.
			cmd := exec.Command(rapper, "-q", "-i", "turtle", "-o", "ntriples", filepath.Join(dir, "bordernet.ttl"))
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			ttlScan, err = scanNTriples(out, sample.subjects, false)
			if err != nil {
				// Drain so that rapper is not blocked writing to a closed pipe.
				_, _ = io.Copy(io.Discard, out)
			}
			if werr := cmd.Wait(); werr != nil {
				t.Fatalf("rapper rejects bordernet.ttl: %v\n%s", werr, tail(stderr.Bytes(), 2000))
			}
			if err != nil {
				t.Fatalf("rapper's N-Triples of bordernet.ttl: %v", err)
			}
			ttlRapper = ttlScan.lines
			t.Logf("rapper reads %d triples from bordernet.ttl", ttlScan.lines)
			compareSample(t, "bordernet.ttl", sample, ttlScan.sample)
		})
		t.Run("checksums", func(t *testing.T) {
			t.Parallel()
			sha := judge.Need(t, "sha256sum")
			cmd := exec.Command(sha, "--strict", "-c", "SHA256SUMS")
			cmd.Dir = dir
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("sha256sum -c SHA256SUMS fails in %s: %v\n%s", dir, err, out)
			}
		})
		t.Run("dcat-ap", func(t *testing.T) {
			t.Parallel()
			shapes := judge.DCATAPShapes(t)
			for _, name := range []string{"catalog.ttl", "catalog.jsonld"} {
				if report, conforms := judge.SHACL(t, filepath.Join(dir, name), shapes...); !conforms {
					t.Errorf("%s violates the DCAT-AP shapes:\n%s", name, report)
				}
			}
		})
	})

	t.Run("triple-counts", func(t *testing.T) {
		if ntScan.lines == 0 || ntRapper < 0 || ttlRapper < 0 {
			t.Skip("a count is missing: see the failed or skipped checks above")
		}
		if ntRapper != ntScan.lines || ttlRapper != ntScan.lines {
			t.Errorf("triples: rapper reads %d from bordernet.ttl and %d from bordernet.nt, which has %d lines",
				ttlRapper, ntRapper, ntScan.lines)
		}
	})
}

// jsonldSample is a systematic sample of a release's JSON-LD records: the
// canonical lines json-gold makes of them and their subjects as
// N-Triples terms ("<iri>").
type jsonldSample struct {
	lines    []string // sorted, distinct, language tags in lower case
	subjects map[string]bool
	groups   int // records (a node and its "#…" nodes) in the file
	records  int // records sampled
	nodes    int // nodes sampled
	every    int // one record in every is sampled
}

// sampleJSONLD streams a JSON-LD release, keeps its @context and every
// Kth record of its @graph, a record being a node followed by the nodes
// whose @id extends its own with "#" (its provenance nodes). K starts at 1
// and doubles, dropping every other kept record, whenever more than twice
// target records are kept, so one pass keeps between target and 2×target
// records spread over the whole file (fewer when the file has fewer).
func sampleJSONLD(path string, target int) (*jsonldSample, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	fail := func(err error) (*jsonldSample, error) {
		return nil, fmt.Errorf("%s: offset %d: %w", path, dec.InputOffset(), err)
	}
	if err := expectDelim(dec, '{'); err != nil {
		return fail(err)
	}
	type group struct {
		index int
		nodes []json.RawMessage
	}
	var (
		ctx      json.RawMessage
		kept     []group
		every    = 1
		groups   int
		headID   string
		sawGraph bool
	)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fail(err)
		}
		key, _ := tok.(string)
		switch key {
		case "@context":
			if err := dec.Decode(&ctx); err != nil {
				return fail(err)
			}
		case "@graph":
			sawGraph = true
			if err := expectDelim(dec, '['); err != nil {
				return fail(err)
			}
			for dec.More() {
				var node json.RawMessage
				if err := dec.Decode(&node); err != nil {
					return fail(err)
				}
				var id struct {
					ID string `json:"@id"`
				}
				if err := json.Unmarshal(node, &id); err != nil {
					return fail(err)
				}
				if headID == "" || !strings.HasPrefix(id.ID, headID+"#") {
					headID = id.ID
					groups++
					if (groups-1)%every == 0 {
						kept = append(kept, group{index: groups - 1})
					}
					if len(kept) > 2*target {
						every *= 2
						kept = slices.DeleteFunc(kept, func(g group) bool { return g.index%every != 0 })
					}
				}
				if n := len(kept); n > 0 && kept[n-1].index == groups-1 {
					kept[n-1].nodes = append(kept[n-1].nodes, node)
				}
			}
			if err := expectDelim(dec, ']'); err != nil {
				return fail(err)
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return fail(err)
			}
		}
	}
	if !sawGraph {
		return fail(errors.New("no @graph"))
	}
	if ctx == nil {
		return fail(errors.New("no @context"))
	}
	s := &jsonldSample{groups: groups, records: len(kept), every: every, subjects: map[string]bool{}}
	var nodes []json.RawMessage
	for _, g := range kept {
		nodes = append(nodes, g.nodes...)
	}
	s.nodes = len(nodes)
	doc, err := json.Marshal(map[string]any{"@context": ctx, "@graph": nodes})
	if err != nil {
		return nil, err
	}
	triples, err := rdftest.ReadJSONLD(bytes.NewReader(doc))
	if err != nil {
		return nil, fmt.Errorf("%s: json-gold on the sample of %d nodes: %w", path, len(nodes), err)
	}
	for _, tr := range triples {
		s.subjects[tr.S.String()] = true
	}
	s.lines = canonical(triples)
	return s, nil
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("want %q, found %v", want, tok)
	}
	return nil
}

// canonical returns the sorted distinct canonical lines of triples, with
// language tags in lower case: tags are case-insensitive (BCP 47) and
// json-gold, knakk and rapper do not all keep their case.
func canonical(triples []schema.Triple) []string {
	for i := range triples {
		triples[i].O.Lang = strings.ToLower(triples[i].O.Lang)
	}
	lines := rdftest.Lines(triples)
	slices.Sort(lines)
	return slices.Compact(lines)
}

// scanResult is what one streaming pass over N-Triples found.
type scanResult struct {
	lines         int
	duplicates    int
	unsorted      int      // lines that sort before the previous one
	firstUnsorted int      // 1-based line number of the first of them
	sample        []string // the sampled subjects' lines, as read
}

// scanNTriples reads N-Triples line by line, counting lines, checking the
// order when sorted is set, and keeping the lines whose subject is in
// subjects. It never holds more than one line besides the kept ones.
func scanNTriples(r io.Reader, subjects map[string]bool, sorted bool) (scanResult, error) {
	var (
		res  scanResult
		prev []byte
		long []byte
	)
	br := bufio.NewReaderSize(r, 1<<20)
	for {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			long = append(long[:0], line...)
			for errors.Is(err, bufio.ErrBufferFull) {
				line, err = br.ReadSlice('\n')
				long = append(long, line...)
			}
			line = long
		}
		if len(line) > 0 {
			if line[len(line)-1] != '\n' {
				return res, fmt.Errorf("line %d: no newline at the end of the file", res.lines+1)
			}
			res.lines++
			if sorted {
				switch c := bytes.Compare(prev, line); {
				case res.lines == 1:
				case c == 0:
					res.duplicates++
				case c > 0:
					if res.unsorted == 0 {
						res.firstUnsorted = res.lines
					}
					res.unsorted++
				}
				prev = append(prev[:0], line...)
			}
			if sp := bytes.IndexByte(line, ' '); sp > 0 && subjects[string(line[:sp])] {
				res.sample = append(res.sample, string(line))
			}
		}
		if errors.Is(err, io.EOF) {
			return res, nil
		}
		if err != nil {
			return res, fmt.Errorf("line %d: %w", res.lines+1, err)
		}
	}
}

// compareSample parses the N-Triples lines found for the sampled subjects
// and requires them to be the sample's triples exactly.
func compareSample(t *testing.T, name string, want *jsonldSample, lines []string) {
	t.Helper()
	triples, err := rdftest.ReadNTriples(strings.NewReader(strings.Join(lines, "")))
	if err != nil {
		t.Errorf("%s: the sampled subjects' lines do not parse: %v", name, err)
		return
	}
	got := canonical(triples)
	if !slices.Equal(got, want.lines) {
		missing, extra := diff(want.lines, got)
		t.Errorf("%s and bordernet.jsonld differ on %d sampled records: %d triples missing from %s, %d extra; first missing %q, first extra %q",
			name, want.records, len(missing), name, len(extra), first(missing), first(extra))
		return
	}
	t.Logf("%s: the %d triples of the %d sampled records equal bordernet.jsonld's", name, len(got), want.records)
}

var rapperReturned = regexp.MustCompile(`Parsing returned (\d+) triples`)

// rapperCount runs rapper -c (parse and count, strict) on path.
func rapperCount(rapper, syntax, path string) (int, error) {
	out, err := exec.Command(rapper, "-i", syntax, "-c", path).CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("rapper rejects %s: %w\n%s", path, err, tail(out, 2000))
	}
	m := rapperReturned.FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("rapper -c %s: no triple count in its output:\n%s", path, tail(out, 2000))
	}
	return strconv.Atoi(string(m[1]))
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

// TestScanNTriples checks the streaming scan's count, order check and
// subject selection, including lines longer than its buffer.
func TestScanNTriples(t *testing.T) {
	long := "<s:b> <p:p> \"" + strings.Repeat("x", 3<<20) + "\" .\n"
	for _, tc := range []struct {
		name, in                                string
		lines, dups, unsorted, firstUnsorted, n int
		wantErr                                 bool
	}{
		{name: "sorted", in: "<s:a> <p:p> <o:o> .\n<s:b> <p:p> <o:o> .\n", lines: 2, n: 1},
		{name: "duplicate", in: "<s:a> <p:p> <o:o> .\n<s:a> <p:p> <o:o> .\n", lines: 2, dups: 1},
		{name: "unsorted", in: "<s:b> <p:p> <o:o> .\n<s:a> <p:p> <o:o> .\n<s:c> <p:p> <o:o> .\n", lines: 3, unsorted: 1, firstUnsorted: 2, n: 1},
		{name: "long line", in: "<s:a> <p:p> <o:o> .\n" + long + "<s:c> <p:p> <o:o> .\n", lines: 3, n: 1},
		{name: "no final newline", in: "<s:a> <p:p> <o:o> .", wantErr: true},
		{name: "empty", in: ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := scanNTriples(strings.NewReader(tc.in), map[string]bool{"<s:b>": true}, true)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if tc.wantErr {
				return
			}
			if res.lines != tc.lines || res.duplicates != tc.dups || res.unsorted != tc.unsorted || res.firstUnsorted != tc.firstUnsorted || len(res.sample) != tc.n {
				t.Errorf("got %d lines, %d duplicates, %d unsorted from line %d, %d sampled; want %d, %d, %d from %d, %d",
					res.lines, res.duplicates, res.unsorted, res.firstUnsorted, len(res.sample), tc.lines, tc.dups, tc.unsorted, tc.firstUnsorted, tc.n)
			}
			for _, l := range res.sample {
				if !strings.HasPrefix(l, "<s:b> ") || !strings.HasSuffix(l, " .\n") {
					t.Errorf("sampled line %.40q is not a whole line of <s:b>", l)
				}
			}
		})
	}
}

// TestSampleJSONLDGroups checks that a record's "#" nodes are sampled
// with it and that thinning keeps every Kth record, spread over the file.
func TestSampleJSONLDGroups(t *testing.T) {
	var nodes []string
	for i := range 20 {
		id := fmt.Sprintf("ex:r%d", i)
		nodes = append(nodes, fmt.Sprintf(`{"@id": %q, "ex:n": %d}`, id, i), fmt.Sprintf(`{"@id": "%s#prov", "ex:of": {"@id": %q}}`, id, id))
	}
	path := filepath.Join(t.TempDir(), "g.jsonld")
	doc := `{"@context": {"ex": "https://example.org/"}, "@graph": [` + strings.Join(nodes, ",") + `]}`
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := sampleJSONLD(path, 3)
	if err != nil {
		t.Fatal(err)
	}
	// 20 records, target 3: K doubles to 4 once 7 are kept, leaving r0, r4, …, r16.
	if s.groups != 20 || s.every != 4 || s.records != 5 || s.nodes != 10 {
		t.Errorf("groups %d, every %d, records %d, nodes %d; want 20, 4, 5, 10", s.groups, s.every, s.records, s.nodes)
	}
	for _, i := range []int{0, 4, 8, 12, 16} {
		for _, subj := range []string{fmt.Sprintf("<https://example.org/r%d>", i), fmt.Sprintf("<https://example.org/r%d#prov>", i)} {
			if !s.subjects[subj] {
				t.Errorf("%s is not sampled; sampled %v", subj, s.subjects)
			}
		}
	}
	if len(s.lines) != 10 {
		t.Errorf("%d triples, want 10: %q", len(s.lines), s.lines)
	}
	if _, err := sampleJSONLD(path+"-missing", 3); err == nil {
		t.Error("no error for a missing file")
	}
	bad := filepath.Join(t.TempDir(), "bad.jsonld")
	if err := os.WriteFile(bad, []byte(`{"@context": {}, "@graph": [{"@id": 1}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := sampleJSONLD(bad, 3); err == nil || !strings.Contains(err.Error(), "offset") {
		t.Errorf("err = %v, want a positioned error for a non-string @id", err)
	}
}
