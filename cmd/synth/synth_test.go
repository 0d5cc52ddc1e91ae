package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bordernet/bordernet/schema"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite golden files")

// gen writes a dataset of n records into a new temporary directory.
func gen(t *testing.T, n int, seed uint64) (string, summary) {
	t.Helper()
	dir := t.TempDir()
	sum, err := generate(dir, options{n: n, seed: seed, curated: 0.1, wbOnly: 0.01, keepIDs: true})
	if err != nil {
		t.Fatal(err)
	}
	return dir, sum
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSameSeedSameBytes(t *testing.T) {
	a, _ := gen(t, 700, 7)
	b, _ := gen(t, 700, 7)
	c, _ := gen(t, 700, 8)
	for _, name := range []string{listingFile, workbookFile, metadataFile} {
		if !bytes.Equal(readFile(t, filepath.Join(a, name)), readFile(t, filepath.Join(b, name))) {
			t.Errorf("%s differs between two runs with seed 7", name)
		}
	}
	for _, name := range []string{listingFile, workbookFile} {
		if bytes.Equal(readFile(t, filepath.Join(a, name)), readFile(t, filepath.Join(c, name))) {
			t.Errorf("%s is the same for seeds 7 and 8: the seed is not used", name)
		}
	}
}

// paragraph is a run of non-blank lines of the listing (here always one).
type paragraph struct {
	text string
	line int
}

func paragraphs(text string) []paragraph {
	var ps []paragraph
	for i, l := range strings.Split(text, "\n") {
		if l != "" {
			ps = append(ps, paragraph{l, i + 1})
		}
	}
	return ps
}

// TestListingShape reads the listing back with a reader of its own,
// independent of the generator: paragraphs after the intro are headings,
// titles (no final full stop) or descriptions (one after each described
// title).
func TestListingShape(t *testing.T) {
	for _, n := range []int{1, 2, 3, 10, 2000} {
		dir, sum := gen(t, n, 1)
		text := string(readFile(t, filepath.Join(dir, listingFile)))
		if !utf8.ValidString(text) {
			t.Fatalf("n=%d: listing is not UTF-8", n)
		}
		if strings.HasSuffix(text, "\n") {
			t.Errorf("n=%d: listing ends with a newline; the seed does not", n)
		}
		ps := paragraphs(text)
		headings := map[string]bool{"EU-focused Networks:": true, "Other Networks:": true, "Actors & Agencies": true}
		var titles []paragraph
		descs := 0
		for i, p := range ps[2:] {
			prev := ps[i+1]
			switch {
			case headings[p.text]:
			case strings.HasSuffix(p.text, "."):
				descs++
				if headings[prev.text] || strings.HasSuffix(prev.text, ".") {
					t.Errorf("n=%d: line %d: a description that follows no title", n, p.line)
				}
				if c := utf8.RuneCountInString(p.text); c < 200 || c > 800 {
					t.Errorf("n=%d: line %d: description of %d characters, want 200 to 800", n, p.line, c)
				}
			default:
				titles = append(titles, p)
				if c := utf8.RuneCountInString(p.text); c > 120 {
					t.Errorf("n=%d: line %d: title of %d characters", n, p.line, c)
				}
			}
		}
		if len(titles) != n || sum.entries != n {
			t.Fatalf("n=%d: %d title lines, summary says %d entries", n, len(titles), sum.entries)
		}
		if descs != n-sum.withoutDesc {
			t.Errorf("n=%d: %d descriptions, want %d", n, descs, n-sum.withoutDesc)
		}
		for i, e := range sum.expected {
			if titles[i].line != e.line || titles[i].text != e.title {
				t.Fatalf("n=%d: entry %d expected at line %d %q, title found at line %d %q", n, i, e.line, e.title, titles[i].line, titles[i].text)
			}
		}
		if n < 2000 {
			continue
		}
		// The irregularities of the seed, in a listing big enough to hold
		// them all.
		for _, want := range []string{"\u00a0", "´", "é", "Ö", "ł", "Δ", "İ", " (", ") ", "The ", " was established in "} {
			if !strings.Contains(text, want) {
				t.Errorf("n=%d: listing has no %q", n, want)
			}
		}
		if sum.withoutDesc == 0 {
			t.Errorf("n=%d: every entry has a description; the seed has some without", n)
		}
	}
}

// TestIDsUnique checks the ids and acronyms the generator means the reader
// to find: all distinct, valid slugs, unique acronyms.
func TestIDsUnique(t *testing.T) {
	_, sum := gen(t, 5000, 3)
	seen := map[string]int{}
	acronyms := map[string]int{}
	for i, e := range slices.Concat(sum.expected, sum.workbookExpected) {
		for _, id := range e.ids {
			if !schema.IsSlug(id) {
				t.Errorf("record %d: id %q is not a slug", i, id)
			}
			if j, dup := seen[id]; dup && j != i {
				t.Errorf("records %d and %d may both get id %q", j, i, id)
			}
			seen[id] = i
		}
		if e.line > 0 && e.acronym != "" {
			if j, dup := acronyms[e.acronym]; dup {
				t.Errorf("listing records %d and %d share acronym %q", j, i, e.acronym)
			}
			acronyms[e.acronym] = i
		}
	}
}

// workbookRows reads the generated workbook as cells by field, checking
// the header and that every cell is text.
func workbookRows(t *testing.T, path string) []map[schema.Field]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{recordsSheet}) {
		t.Fatalf("sheets %q, want [%s]", got, recordsSheet)
	}
	rows, err := f.GetRows(recordsSheet)
	if err != nil {
		t.Fatal(err)
	}
	var header []string
	for _, fl := range schema.Fields() {
		header = append(header, string(fl))
	}
	if len(rows) == 0 || !slices.Equal(rows[0], header) {
		t.Fatalf("header %q, want %q", rows[0], header)
	}
	var out []map[schema.Field]string
	for r, row := range rows[1:] {
		cells := map[schema.Field]string{}
		for c, v := range row {
			if v == "" {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, r+2)
			if typ, err := f.GetCellType(recordsSheet, ref); err != nil || (typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString) {
				t.Errorf("%s: cell type %v (%v), want text", ref, typ, err)
			}
			cells[schema.Fields()[c]] = v
		}
		out = append(out, cells)
	}
	return out
}

// TestDatasetValid merges the workbook into the listing as the pipeline
// does (a workbook cell overrides, a row with a new id adds a record) from
// what the generator says it wrote, and validates the result with the
// schema's rules: no error may be found.
func TestDatasetValid(t *testing.T) {
	const n = 20000
	dir, sum := gen(t, n, 5)
	byID := map[string]*schema.Record{}
	var order []string
	for _, e := range sum.expected {
		// The reader's transliteration of a foreign name is its own: any
		// unique slug stands in for it.
		id := slug("entry " + e.title)
		if len(e.ids) > 0 {
			id = e.ids[0]
		}
		r := &schema.Record{ID: id, Name: e.name, Acronym: e.acronym, Description: e.desc, Kind: schema.KindNetwork, Scope: schema.ScopeEU}
		if e.desc != "" {
			r.DescriptionLang = "en"
		}
		switch e.section {
		case "Other Networks":
			r.Scope = schema.ScopeEuropean
		case "Actors & Agencies":
			r.Kind = schema.KindAgency
		}
		byID[id] = r
		order = append(order, id)
	}
	rows := workbookRows(t, filepath.Join(dir, workbookFile))
	if len(rows) != sum.enriched+sum.workbookOnly {
		t.Fatalf("%d workbook rows, summary says %d", len(rows), sum.enriched+sum.workbookOnly)
	}
	if share := float64(sum.enriched) / n; share < 0.08 || share > 0.12 {
		t.Errorf("workbook enriches %.3f of the listing, want about a tenth", share)
	}
	if sum.workbookOnly < n/200 {
		t.Errorf("only %d records only in the workbook", sum.workbookOnly)
	}
	fields := map[schema.Field]int{}
	inactiveDup := 0
	for i, cells := range rows {
		id := cells[schema.FieldID]
		r, ok := byID[id]
		if !ok {
			if cells[schema.FieldName] == "" || cells[schema.FieldKind] == "" || cells[schema.FieldScope] == "" {
				t.Errorf("row %d: new record %q without name, kind or scope", i+2, id)
			}
			r = &schema.Record{ID: id}
			byID[id] = r
			order = append(order, id)
		}
		for f, v := range cells {
			fields[f]++
			if err := r.SetCell(f, v); err != nil {
				t.Errorf("row %d: %s: %v", i+2, f, err)
			}
		}
		if !ok && r.Acronym != "" {
			inactiveDup++
		}
	}
	for _, f := range schema.Fields() {
		if fields[f] == 0 {
			t.Errorf("no workbook row fills %s", f)
		}
	}
	if inactiveDup == 0 {
		t.Error("no inactive record reuses an active record's acronym")
	}
	records := make([]schema.Record, 0, len(order))
	for _, id := range order {
		records = append(records, *byID[id])
	}
	ps := schema.Validate(records)
	errs, warnings := ps.Count()
	for _, p := range ps {
		if p.Severity == schema.SeverityError && errs <= 10 {
			t.Errorf("%v", p)
		}
	}
	if warnings != sum.withoutDesc {
		t.Errorf("%d warnings, want one per entry without description (%d)", warnings, sum.withoutDesc)
	}
	if errs > 0 {
		t.Fatalf("%d validation errors in %d records", errs, len(records))
	}
}

func TestMetadataValid(t *testing.T) {
	dir, _ := gen(t, 1, 1)
	path := filepath.Join(dir, metadataFile)
	var m schema.Metadata
	dec := json.NewDecoder(bytes.NewReader(readFile(t, path)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	if ps := schema.NewValidator().Metadata(&m, path); len(ps) > 0 {
		t.Errorf("metadata problems: %v", ps)
	}
}

// TestGolden pins a small dataset, so that a change to the generator (and
// so to what the benchmarks measure) is a visible diff. The workbook is
// pinned by its cells, not its bytes, which belong to excelize.
func TestGolden(t *testing.T) {
	dir, _ := gen(t, 40, 1)
	var wb strings.Builder
	for _, cells := range workbookRows(t, filepath.Join(dir, workbookFile)) {
		for _, f := range schema.Fields() {
			if v, ok := cells[f]; ok {
				wb.WriteString(string(f) + "\t" + v + "\n")
			}
		}
		wb.WriteString("\n")
	}
	for name, got := range map[string][]byte{
		"listing40.txt":  readFile(t, filepath.Join(dir, listingFile)),
		"curation40.txt": []byte(wb.String()),
		"dataset40.json": readFile(t, filepath.Join(dir, metadataFile)),
	} {
		golden := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the generated file; if the change is meant, run go test ./cmd/synth -update", golden)
		}
	}
}

func TestRunUsage(t *testing.T) {
	out := t.TempDir()
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"-n", "0", "-out", out}, 2, "-n must be at least 1"},
		{[]string{"-n", "5"}, 2, "-out DIR is required"},
		{[]string{"-n", "5", "-out", out, "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"-n", "x", "-out", out}, 2, "invalid value"},
		{[]string{"-n", "5", "-out", out, "-curated", "2"}, 2, "between 0 and 1"},
		{[]string{"-h"}, 0, "usage: synth"},
		{[]string{"-n", "5", "-out", filepath.Join(out, "d")}, 0, "5 listing records"},
		{[]string{"-n", "5", "-out", filepath.Join(readOnlyFile(t), "d")}, 1, "synth:"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(tc.args, &stdout, &stderr)
		if code != tc.code || !strings.Contains(stdout.String()+stderr.String(), tc.msg) {
			t.Errorf("synth %q: exit %d, output %q; want exit %d and %q", tc.args, code, stdout.String()+stderr.String(), tc.code, tc.msg)
		}
	}
}

// readOnlyFile is a regular file, under which no directory can be made.
func readOnlyFile(t *testing.T) string {
	p := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestLongestIDs builds every English name the generator can make, with
// serials as long as a 10-million-record run gives, and checks the ids
// stay valid (at most 80 bytes).
func TestLongestIDs(t *testing.T) {
	serial := "10000000"
	check := func(name string) {
		t.Helper()
		if id := slug(name); !schema.IsSlug(id) {
			t.Errorf("%q gives id %q (%d bytes), not a valid id", name, id, len(id))
		}
	}
	for _, region := range regions {
		for _, topic := range topics {
			for _, kind := range networkTypes {
				check(fitID(region, serial, func(r string) string { return r + " " + topic + " " + kind }) + " " + serial)
				check(fitID(region, serial, func(r string) string {
					return strings.Join(strings.Fields("Former "+r+" "+topic+" "+kind), " ")
				}) + " " + serial)
			}
			for _, pattern := range agencyPatterns {
				check(fitID(region, serial, func(r string) string { return fmt.Sprintf(pattern, r, topic) }) + " " + serial)
			}
		}
	}
	for _, name := range foreignNames {
		check(name + " " + serial)
	}
}

func TestLetters(t *testing.T) {
	for _, tc := range []struct {
		i, width int
		want     string
	}{{0, 1, "A"}, {25, 1, "Z"}, {26, 2, "BA"}, {27, 3, "ABB"}, {26*26*26 - 1, 3, "ZZZ"}} {
		if got := letters(tc.i, tc.width); got != tc.want {
			t.Errorf("letters(%d, %d) = %q, want %q", tc.i, tc.width, got, tc.want)
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Nordic Return Forum 4711":                "nordic-return-forum-4711",
		"Baltic Sea Liaison Officers' Network 12": "baltic-sea-liaison-officers-network-12",
		"Pan-European Border Security Agency 3":   "pan-european-border-security-agency-3",
		"Former Alpine Asylum Expert Group 10001": "former-alpine-asylum-expert-group-10001",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}
