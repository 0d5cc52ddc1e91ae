package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/pipeline/listing"
	"github.com/bordernet/bordernet/pipeline/merge"
	"github.com/bordernet/bordernet/pipeline/workbook"
	"github.com/bordernet/bordernet/schema"
)

// asRead is a description as the listing reader publishes it: every kind
// of space one ASCII space, "´" the ASCII apostrophe.
func asRead(s string) string {
	return strings.NewReplacer("\u00a0", " ", "´", "'").Replace(s)
}

// TestListingReader reads a generated listing with the project's reader:
// every entry must come back, at its line, with the name, acronym, section
// and description written, and an id among those the generator expects.
func TestListingReader(t *testing.T) {
	const n = 6000
	dir, sum := gen(t, n, 11)
	recs, ps, err := listing.ReadFile(filepath.Join(dir, listingFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) > 0 {
		t.Errorf("%d reading problems, first: %v", len(ps), ps[0])
	}
	if len(recs) != n {
		t.Fatalf("read %d records, want %d", len(recs), n)
	}
	ids := map[string]int{}
	bad := 0
	for i, r := range recs {
		e := sum.expected[i]
		if j, dup := ids[r.ID]; dup {
			t.Errorf("records %d and %d both have id %q", j, i, r.ID)
		}
		ids[r.ID] = i
		okID := len(e.ids) == 0 && r.ID != ""
		for _, id := range e.ids {
			okID = okID || r.ID == id
		}
		acronymOK := r.Acronym == e.acronym || r.Acronym == "" && len(e.ids) == 2
		if r.Origin.Line != e.line || !okID || r.Name != e.name || !acronymOK ||
			r.Section != e.section || r.Description != asRead(e.desc) {
			bad++
			if bad <= 5 {
				t.Errorf("line %d: read id %q name %q acronym %q section %q description %.40q…\n"+
					"  want line %d, id in %q, name %q, acronym %q, section %q description %.40q…",
					r.Origin.Line, r.ID, r.Name, r.Acronym, r.Section, r.Description,
					e.line, e.ids, e.name, e.acronym, e.section, asRead(e.desc))
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d records not read as written", bad, n)
	}
}

// TestPipeline runs the first half of a release on a generated dataset,
// as pipeline/source does: read the listing and the workbook, merge,
// validate. No step may find an error; the only warnings are the entries
// without description.
func TestPipeline(t *testing.T) {
	const n = 6000
	dir, sum := gen(t, n, 12)
	recs, ps, err := listing.ReadFile(filepath.Join(dir, listingFile))
	if err != nil {
		t.Fatal(err)
	}
	patches, wps, err := workbook.Read(filepath.Join(dir, workbookFile), workbook.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(patches) != sum.enriched+sum.workbookOnly {
		t.Errorf("read %d workbook rows, wrote %d", len(patches), sum.enriched+sum.workbookOnly)
	}
	merged, mps := merge.Merge(recs, patches)
	vps := schema.Validate(merged)
	all := slices.Concat(ps, wps, mps, vps)
	errs, warnings := all.Count()
	for _, p := range all {
		if p.Severity == schema.SeverityError {
			t.Error(p)
		}
	}
	if errs > 0 || warnings != sum.withoutDesc {
		t.Errorf("%d errors and %d warnings; want none and %d (the entries without description)", errs, warnings, sum.withoutDesc)
	}
	if len(merged) != n+sum.workbookOnly {
		t.Errorf("%d merged records, want %d listing + %d workbook-only", len(merged), n, sum.workbookOnly)
	}
	// The workbook's values reached the records: count what a curator's
	// rows set, and check the relations and statuses came through.
	var succeeded, inactive, withParent, fromWorkbook int
	for i := range merged {
		r := &merged[i]
		if r.Status == schema.StatusSucceeded && r.Successor != "" {
			succeeded++
		}
		if r.Status == schema.StatusInactive {
			inactive++
		}
		if r.Parent != "" {
			withParent++
		}
		if p, ok := r.Source(schema.FieldSourceURLs); ok && p.InWorkbook() {
			fromWorkbook++
		}
	}
	if fromWorkbook != sum.enriched+sum.workbookOnly || succeeded == 0 || inactive == 0 || withParent == 0 {
		t.Errorf("from the workbook: %d records with source_urls (want %d), %d succeeded, %d inactive, %d with a parent",
			fromWorkbook, sum.enriched+sum.workbookOnly, succeeded, inactive, withParent)
	}
}
