package source

import (
	"bufio"
	"context"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

// The repository's own dataset is what the project publishes, and
// docs/curation-sources.md says where each of its curated values comes from,
// what was searched and left empty, and how complete it is. These tests hold
// the workbook and that page to each other, so that neither can change
// without the other.

const curationSourcesDoc = "../../docs/curation-sources.md"

// docRow is one row of a table of docs/curation-sources.md, with the line it
// is on.
type docRow struct {
	line  int
	cells []string
}

// curationDoc is docs/curation-sources.md read as its three tables.
type curationDoc struct {
	values   []docRow // record, field, value, source URL, note
	empty    []docRow // record, field, why, source URL
	coverage []docRow // field, records with a value
}

// splitRow returns the cells of a Markdown table row, `\|` unescaped.
func splitRow(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	line = strings.TrimSuffix(line, "|")
	var cells []string
	start := 0
	for i := 0; i < len(line); i++ {
		if line[i] == '\\' && i+1 < len(line) && line[i+1] == '|' {
			i++
			continue
		}
		if line[i] == '|' {
			cells = append(cells, line[start:i])
			start = i + 1
		}
	}
	cells = append(cells, line[start:])
	for i, c := range cells {
		cells[i] = strings.ReplaceAll(strings.TrimSpace(c), `\|`, "|")
	}
	return cells
}

func readCurationDoc(t *testing.T, path string) curationDoc {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var doc curationDoc
	var table *[]docRow
	header := false
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "## Values"):
			table, header = &doc.values, true
		case strings.HasPrefix(line, "## Checked and left empty"):
			table, header = &doc.empty, true
		case strings.HasPrefix(line, "## Coverage"):
			table, header = &doc.coverage, true
		case strings.HasPrefix(line, "## "):
			table = nil
		case table != nil && strings.HasPrefix(line, "|"):
			if header || strings.HasPrefix(line, "|---") {
				header = false
				continue
			}
			*table = append(*table, docRow{line: n, cells: splitRow(line)})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(doc.values) == 0 || len(doc.empty) == 0 || len(doc.coverage) == 0 {
		t.Fatalf("%s: want the tables under ## Values, ## Checked and left empty and ## Coverage, got %d, %d and %d rows", path, len(doc.values), len(doc.empty), len(doc.coverage))
	}
	return doc
}

// docURLs returns the <https://…> addresses in a source URL cell.
func docURLs(cell string) []string {
	var urls []string
	for _, m := range docURL.FindAllStringSubmatch(cell, -1) {
		urls = append(urls, m[1])
	}
	return urls
}

// curatedFields returns the fields of r read from a workbook cell, in
// display order.
func curatedFields(r *schema.Record) []schema.Field {
	var fields []schema.Field
	for _, f := range schema.Fields() {
		if pos, ok := r.Source(f); ok && pos.InWorkbook() && f != schema.FieldID {
			fields = append(fields, f)
		}
	}
	return fields
}

// The forms of docs/curation-sources.md the tests read.
var (
	sourceURLsNote = regexp.MustCompile(`^\(the (\d+) sources? above\)$`)
	docURL         = regexp.MustCompile(`<(https?://[^>]+)>`)
)

// TestRepositoryDatasetSourcesEveryFact: every record names a public source,
// every curated fact comes with the sources of its own workbook row, a
// website is a site's home page (an article about a body is a source, not
// its website), Wikidata ids have their form, and each identifier belongs
// to one record (the validator checks the codes' form; two records with one
// id would be one body in the published graph).
func TestRepositoryDatasetSourcesEveryFact(t *testing.T) {
	ds, err := Load(context.Background(), []string{"../../sources"})
	if err != nil {
		t.Fatal(err)
	}
	wikidata := map[string]string{}
	corporate := map[string]string{}
	for i := range slice(ds) {
		r := &slice(ds)[i]
		if len(r.SourceURLs) == 0 {
			t.Errorf("%s: no source URL", r.ID)
		}
		urls, _ := r.Source(schema.FieldSourceURLs)
		for _, f := range curatedFields(r) {
			pos, _ := r.Source(f)
			if !urls.InWorkbook() || urls.File != pos.File || urls.Line != pos.Line {
				t.Errorf("%s: %s is curated at %v but the sources are at %v: give the row's sources", r.ID, f, pos, urls)
			}
		}
		if r.Website != "" {
			u, err := url.Parse(r.Website)
			if err != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
				t.Errorf("%s: website %q is not a site's home page", r.ID, r.Website)
			}
			if pos, _ := r.Source(schema.FieldWebsite); !pos.InWorkbook() {
				t.Errorf("%s: website %q is not curated", r.ID, r.Website)
			}
		}
		if r.Wikidata != "" {
			if !schema.IsWikidataID(r.Wikidata) {
				t.Errorf("%s: Wikidata id %q is not of the form Q123", r.ID, r.Wikidata)
			}
			if other, ok := wikidata[r.Wikidata]; ok {
				t.Errorf("%s and %s share the Wikidata id %s: owl:sameAs would make them one", other, r.ID, r.Wikidata)
			}
			wikidata[r.Wikidata] = r.ID
		}
		if r.EUCorporateBody != "" {
			if other, ok := corporate[r.EUCorporateBody]; ok {
				t.Errorf("%s and %s share the corporate-body code %s", other, r.ID, r.EUCorporateBody)
			}
			corporate[r.EUCorporateBody] = r.ID
		}
	}
}

// TestRepositoryDatasetMatchesItsSourcesPage: docs/curation-sources.md has
// a row for each curated value, with that value, and no row with a value the
// record does not have; each record's sources are exactly the addresses
// its rows give; what the page says was left empty is empty; and its
// coverage figures are the dataset's.
func TestRepositoryDatasetMatchesItsSourcesPage(t *testing.T) {
	ds, err := Load(context.Background(), []string{"../../sources"})
	if err != nil {
		t.Fatal(err)
	}
	doc := readCurationDoc(t, curationSourcesDoc)
	byID := map[string]*schema.Record{}
	for i := range slice(ds) {
		byID[slice(ds)[i].ID] = &slice(ds)[i]
	}
	known := func(f string) bool { return slices.Contains(schema.Fields(), schema.Field(f)) }

	type key struct{ id, field string }
	rows := map[key]docRow{}
	docSources := map[string][]string{}
	for _, row := range doc.values {
		if len(row.cells) != 5 {
			t.Errorf("%s:%d: %d cells, want record, field, value, source URL, note", curationSourcesDoc, row.line, len(row.cells))
			continue
		}
		id, field, value := row.cells[0], row.cells[1], row.cells[2]
		r, ok := byID[id]
		if !ok || !known(field) {
			t.Errorf("%s:%d: no record %q or field %q", curationSourcesDoc, row.line, id, field)
			continue
		}
		if _, dup := rows[key{id, field}]; dup {
			t.Errorf("%s:%d: a second row for %s %s", curationSourcesDoc, row.line, id, field)
		}
		rows[key{id, field}] = row
		// A row may confirm a value the listing already has (the workbook
		// repeats it, so the listing stays its source): only the value must
		// match.
		if schema.Field(field) == schema.FieldSourceURLs {
			m := sourceURLsNote.FindStringSubmatch(value)
			if m == nil {
				t.Errorf("%s:%d: %s source_urls: %q, want \"(the N sources above)\"", curationSourcesDoc, row.line, id, value)
			} else if n, _ := strconv.Atoi(m[1]); n != len(r.SourceURLs) {
				t.Errorf("%s:%d: %s has %d sources, the page says %d", curationSourcesDoc, row.line, id, len(r.SourceURLs), n)
			}
			continue
		}
		if got := r.Cell(schema.Field(field)); got != value {
			t.Errorf("%s:%d: %s %s is %q in the page and %q in the workbook", curationSourcesDoc, row.line, id, field, value, got)
		}
		for _, u := range docURLs(row.cells[3]) {
			if !slices.Contains(docSources[id], u) {
				docSources[id] = append(docSources[id], u)
			}
		}
	}
	for _, r := range slice(ds) {
		for _, f := range curatedFields(&r) {
			if _, ok := rows[key{r.ID, string(f)}]; !ok {
				t.Errorf("%s: %s %s = %q is curated but has no row in the page", curationSourcesDoc, r.ID, f, r.Cell(f))
			}
		}
		if pos, ok := r.Source(schema.FieldSourceURLs); ok && pos.InWorkbook() {
			got, want := slices.Sorted(slices.Values(r.SourceURLs)), slices.Sorted(slices.Values(docSources[r.ID]))
			if !slices.Equal(got, want) {
				t.Errorf("%s: sources in the workbook\n\t%q\nare not those the page gives\n\t%q", r.ID, got, want)
			}
		}
	}

	for _, row := range doc.empty {
		if len(row.cells) != 4 {
			t.Errorf("%s:%d: %d cells, want record, field, why, source URL", curationSourcesDoc, row.line, len(row.cells))
			continue
		}
		id, field := row.cells[0], row.cells[1]
		if !known(field) {
			t.Errorf("%s:%d: no field %q", curationSourcesDoc, row.line, field)
			continue
		}
		if id == "*" {
			continue
		}
		r, ok := byID[id]
		if !ok {
			t.Errorf("%s:%d: no record %q", curationSourcesDoc, row.line, id)
			continue
		}
		if v := r.Cell(schema.Field(field)); v != "" {
			t.Errorf("%s:%d: %s %s is said to be left empty but is %q", curationSourcesDoc, row.line, id, field, v)
		}
	}

	for _, row := range doc.coverage {
		if len(row.cells) < 2 || !known(row.cells[0]) {
			t.Errorf("%s:%d: want a field and its count, got %q", curationSourcesDoc, row.line, row.cells)
			continue
		}
		n := 0
		for _, r := range slice(ds) {
			if len(r.Values(schema.Field(row.cells[0]))) > 0 {
				n++
			}
		}
		if want := fmt.Sprintf("%d of %d", n, len(slice(ds))); row.cells[1] != want {
			t.Errorf("%s:%d: %s: the page says %q, the dataset has %q", curationSourcesDoc, row.line, row.cells[0], row.cells[1], want)
		}
	}
}

func TestSplitRow(t *testing.T) {
	for _, tc := range []struct {
		line string
		want []string
	}{
		{"| a | b |", []string{"a", "b"}},
		{"| a \\| b | c |", []string{"a | b", "c"}},
		{"| x |  |", []string{"x", ""}},
		{"|a|b|c|", []string{"a", "b", "c"}},
	} {
		if got := splitRow(tc.line); !slices.Equal(got, tc.want) {
			t.Errorf("splitRow(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
}
