package source

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/bordernet/bordernet/schema"
)

// randomSources writes a source folder whose data exercises every stage
// and most problems: a listing with headings, titles with and without
// acronyms, entries whose names repeat (duplicate ids), descriptions in
// other languages, paragraphs without a title; a workbook that enriches
// listing records, adds records, restates, changes, clears and
// contradicts values, repeats rows, names ids of no record, refers to
// records that do not exist and makes cycles; and the dataset's metadata.
func randomSources(t *testing.T, rng *rand.Rand, n int) string {
	t.Helper()
	dir := t.TempDir()
	words := []string{"European", "Border", "Migration", "Network", "Forum", "Agency", "Return", "Asylum", "Police", "Baltic", "Sea", "Cooperation", "Liaison", "Officers", "Coast", "Guard", "Réseau", "européen", "juridique", "für", "Grenzschutz", "Ελληνική"}
	name := func() (string, string) {
		k := 2 + rng.IntN(4)
		var ws, acr []string
		for range k {
			w := words[rng.IntN(len(words))]
			ws = append(ws, w)
			acr = append(acr, strings.ToUpper(w[:1]))
		}
		return strings.Join(ws, " "), strings.Join(acr, "")
	}
	sentences := []string{
		"It brings together the border authorities of the member states.",
		"The network was established to exchange best practices on return.",
		"Feedback is welcome!",
		"Le réseau rassemble les autorités des États membres.",
		"Its secretariat is hosted by the agency in Warsaw.",
		"It meets twice a year",
	}
	var b strings.Builder
	b.WriteString("Networks in the field of border and migration\n\nAn intro paragraph that says what the listing is about, in a sentence or two.\n\n")
	var ids []string
	for i := range n {
		if i%max(n/3, 1) == 0 {
			fmt.Fprintf(&b, "\n%s Networks:\n\n", []string{"EU-focused", "Other European", "Agencies and Forums"}[rng.IntN(3)])
		}
		nm, acr := name()
		switch rng.IntN(6) {
		case 0:
			fmt.Fprintf(&b, "%s\n\n", nm)
		case 1:
			fmt.Fprintf(&b, "%s (%s)\n\n", nm, acr)
			ids = append(ids, strings.ToLower(acr))
		case 2:
			// An untitled entry: a paragraph leading with the name.
			fmt.Fprintf(&b, "The %s (%s) is a forum of practitioners. %s\n\n", nm, acr, sentences[rng.IntN(len(sentences))])
			continue
		default:
			fmt.Fprintf(&b, "%s (%s)\n", nm, acr)
			ids = append(ids, strings.ToLower(acr))
		}
		for range rng.IntN(3) {
			for range 1 + rng.IntN(3) {
				b.WriteString(sentences[rng.IntN(len(sentences))] + " ")
			}
			b.WriteString("\n\n")
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "listing.txt"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	meta, err := os.ReadFile(filepath.Join("..", "..", "sources", "dataset.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "dataset.json"), meta, 0o644); err != nil {
		t.Fatal(err)
	}

	// Two workbooks, so that they can contradict each other.
	for _, book := range []string{"curation.xlsx", "more.xlsx"} {
		f := excelize.NewFile()
		if err := f.SetSheetName("Sheet1", "Records"); err != nil {
			t.Fatal(err)
		}
		header := []any{}
		for _, fl := range schema.Fields() {
			header = append(header, string(fl))
		}
		if err := f.SetSheetRow("Records", "A1", &header); err != nil {
			t.Fatal(err)
		}
		col := map[schema.Field]int{}
		for i, fl := range schema.Fields() {
			col[fl] = i
		}
		anyID := func() string {
			if len(ids) == 0 || rng.IntN(8) == 0 {
				return fmt.Sprintf("new-body-%d", rng.IntN(5))
			}
			return ids[rng.IntN(len(ids))]
		}
		rows := n / 2
		for r := range rows {
			row := make([]any, len(header))
			row[col[schema.FieldID]] = anyID()
			for range 1 + rng.IntN(4) {
				switch rng.IntN(12) {
				case 0:
					row[col[schema.FieldWebsite]] = fmt.Sprintf("https://example.org/%d", rng.IntN(3))
				case 1:
					row[col[schema.FieldFounded]] = fmt.Sprintf("%d", 1990+rng.IntN(30))
				case 2:
					row[col[schema.FieldParent]] = anyID()
				case 3:
					row[col[schema.FieldSuccessor]] = anyID()
					row[col[schema.FieldStatus]] = "succeeded"
				case 4:
					row[col[schema.FieldMemberOf]] = anyID() + " | " + anyID()
				case 5:
					nm, _ := name()
					row[col[schema.FieldName]] = nm
					row[col[schema.FieldKind]] = []string{"network", "forum", "agency", "club"}[rng.IntN(4)]
					row[col[schema.FieldScope]] = "eu-focused"
				case 6:
					row[col[schema.FieldDescription]] = sentences[rng.IntN(len(sentences))]
				case 7:
					row[col[schema.FieldMembers]] = []string{"12", "-3", "many"}[rng.IntN(3)]
				case 8:
					row[col[schema.FieldAcronym]] = "-" // cleared
				case 9:
					row[col[schema.FieldWikidata]] = fmt.Sprintf("Q%d", rng.IntN(1000))
				case 10:
					row[col[schema.FieldStatus]] = "inactive"
				default:
					row[col[schema.FieldSourceURLs]] = "https://example.org/source?id=" + fmt.Sprint(rng.IntN(9))
				}
			}
			if err := f.SetSheetRow("Records", fmt.Sprintf("A%d", r+2), &row); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.SaveAs(filepath.Join(dir, book)); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	return dir
}

// TestStoredAsInMemory holds the loader that keeps the records in stores
// on disk to the one that keeps them in memory, on random sources: the
// same records in the same order, with the same positions, and the same
// problems, metadata and rejected cells.
func TestStoredAsInMemory(t *testing.T) {
	ctx := context.Background()
	for seed := range uint64(40) {
		rng := rand.New(rand.NewPCG(seed, 13))
		n := 1 + rng.IntN(120)
		if seed%10 == 0 {
			n = 3000 // several chunks of the merge, on every core
		}
		dir := randomSources(t, rng, n)
		want, err := Load(ctx, []string{dir})
		if err != nil {
			t.Fatalf("seed %d: in memory: %v", seed, err)
		}
		got, err := LoadWith(ctx, []string{dir}, Options{StoreDir: t.TempDir()})
		if err != nil {
			t.Fatalf("seed %d: stored: %v", seed, err)
		}
		gotRecs, err := schema.Collect(got.Records)
		if err != nil {
			t.Fatal(err)
		}
		wantRecs := slice(want)
		if len(gotRecs) != len(wantRecs) {
			t.Fatalf("seed %d: %d records stored, %d in memory", seed, len(gotRecs), len(wantRecs))
		}
		for i := range wantRecs {
			if !reflect.DeepEqual(gotRecs[i], wantRecs[i]) {
				t.Fatalf("seed %d: record %d stored:\n%#v\nin memory:\n%#v", seed, i, gotRecs[i], wantRecs[i])
			}
		}
		if !reflect.DeepEqual(got.Problems, want.Problems) {
			t.Fatalf("seed %d: problems stored:\n%v\nin memory:\n%v", seed, got.Problems, want.Problems)
		}
		if !reflect.DeepEqual(got.Meta, want.Meta) || !reflect.DeepEqual(got.Rejected, want.Rejected) || !reflect.DeepEqual(got.Inputs, want.Inputs) {
			t.Fatalf("seed %d: metadata, rejected cells or inputs differ", seed)
		}
		if seed == 0 && len(want.Problems) == 0 {
			t.Fatal("the random sources have no problem: they test too little")
		}
		if err := got.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestStoredRepository: the repository's own sources load the same both
// ways.
func TestStoredRepository(t *testing.T) {
	ctx := context.Background()
	src := filepath.Join("..", "..", "sources")
	want, err := Load(ctx, []string{src})
	if err != nil {
		t.Fatal(err)
	}
	got, err := LoadWith(ctx, []string{src}, Options{StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	gotRecs, err := schema.Collect(got.Records)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual([]schema.Record(gotRecs), slice(want)) || !reflect.DeepEqual(got.Problems, want.Problems) {
		t.Fatalf("stored:\n%v\n%v\nin memory:\n%v\n%v", gotRecs, got.Problems, slice(want), want.Problems)
	}
}
