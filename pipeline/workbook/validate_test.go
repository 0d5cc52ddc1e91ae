package workbook

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/pipeline/merge"
	"github.com/bordernet/bordernet/schema"
)

// TestBrokenWorkbooks runs read, merge and validation, as a release does,
// over the listing and broken curator workbooks, and checks every problem
// reported at a workbook cell: its exact "file Sheet!Cell" position and
// message. Problems of the listing itself (say, a missing description)
// are not this test's business and are left out.
func TestBrokenWorkbooks(t *testing.T) {
	// The listing's ids: frontex, elena, easo, fran.
	h := headerRow(1, "id", "kind", "scope", "name", "website", "founded", "status", "successor", "parent", "members")
	cases := []struct {
		name  string
		books []xbook // written as a.xlsx, b.xlsx, ...
		want  []string
	}{
		{
			name:  "bad URL",
			books: []xbook{records(h, row(2, str("A2", "frontex"), str("E2", "htp://frontex.eu")))},
			want:  []string{`a.xlsx Records!E2: frontex: website: "htp://frontex.eu" is not a valid web address: write a full URL starting with https:// (or http://), without spaces`},
		},
		{
			name:  "unknown kind",
			books: []xbook{records(h, row(2, str("A2", "elena"), str("B2", "Netwerk")))},
			want:  []string{`a.xlsx Records!B2: elena: kind: "netwerk" is not an allowed kind: use one of network, forum, agency`},
		},
		{
			name:  "bad date",
			books: []xbook{records(h, row(2, str("A2", "frontex"), str("F2", "26/10/2004")))},
			want:  []string{`a.xlsx Records!F2: frontex: founded: "26/10/2004" is not a date: write dates as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2004-10-26`},
		},
		{
			name: "duplicate id",
			books: []xbook{records(h,
				row(2, str("A2", "frontex"), str("E2", "https://frontex.europa.eu")),
				row(7, str("A7", "frontex"), str("E7", "https://www.frontex.europa.eu")))},
			want: []string{`a.xlsx Records!A7: frontex: id: id "frontex" is on rows 2 and 7: give each record one row (this row is ignored)`},
		},
		{
			name: "conflicting workbooks",
			books: []xbook{
				records(h, row(7, str("A7", "frontex"), str("E7", "https://frontex.europa.eu"))),
				records(h, row(3, str("A3", "frontex"), str("E3", "https://www.frontex.europa.eu/"))),
			},
			want: []string{`b.xlsx Records!E3: frontex: website: set to "https://frontex.europa.eu" in a.xlsx Records!E7 and to "https://www.frontex.europa.eu/" in b.xlsx Records!E3: the workbooks disagree; correct one of them`},
		},
		{
			name: "succeeded without successor, successor that does not exist",
			books: []xbook{records(h,
				row(2, str("A2", "easo"), str("G2", "succeeded")),
				row(3, str("A3", "fran"), str("G3", "succeeded"), str("H3", "frontex-ran")))},
			want: []string{
				`a.xlsx Records!G2: easo: successor: is missing: a succeeded record must name its successor's id`,
				`a.xlsx Records!H3: fran: successor: refers to "frontex-ran", but there is no record with that id`,
			},
		},
		{
			name:  "new record without name, kind and scope",
			books: []xbook{records(h, row(4, str("A4", "ecre"), str("E4", "https://ecre.org")))},
			want: []string{
				`a.xlsx Records row 4: ecre: kind: is missing: every record needs one`,
				`a.xlsx Records row 4: ecre: name: is missing: every record needs one`,
				`a.xlsx Records row 4: ecre: scope: is missing: every record needs one`,
			},
		},
		{
			name:  "bad id",
			books: []xbook{records(h, row(2, str("A2", "ECRE council"), str("B2", "network"), str("C2", "other-european"), str("D2", "ECRE")))},
			want: []string{
				`a.xlsx Records row 2: ECRE council: description: warning: has no description`,
				`a.xlsx Records!A2: ECRE council: id: "ECRE council" is not a valid id: use lower-case letters, digits and single hyphens, e.g. eu-lisa`,
			},
		},
		{
			name:  "parent cycle through a workbook",
			books: []xbook{records(h, row(2, str("A2", "frontex"), str("I2", "fran")), row(3, str("A3", "fran"), str("I3", "frontex")))},
			want:  []string{`a.xlsx Records!I3: fran: parent: makes the record its own ancestor: fran → frontex → fran`},
		},
		{
			name:  "clearing a required field",
			books: []xbook{records(h, row(2, str("A2", "frontex"), str("D2", "-")))},
			want:  []string{`a.xlsx Records!D2: frontex: name: cannot be cleared: every record needs one`},
		},
		{
			name: "cells as spreadsheets leave them are fine",
			books: []xbook{records(h,
				row(2, str("A2", "\u00a0frontex "), num("F2", "2004", sGeneral), str("E2", " https://frontex.europa.eu\u00a0")),
				row(3, str("A3", "easo"), num("F3", "40179", sDate14), str("G3", "Inactive")),
				row(6, str("A6", "elena"), num("J6", "500", sGeneral), `<c r="D6" t="str"><f>"European Legal Network on "&amp;"Asylum"</f><v>European Legal Network on Asylum</v></c>`),
			)},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			var patches []schema.Patch
			var got []string
			for i, b := range tc.books {
				name := fmt.Sprintf("%c.xlsx", 'a'+i)
				writeFile(t, ".", name, b.bytes(t))
				ps, problems, err := Read(name, DefaultOptions())
				if err != nil {
					t.Fatal(err)
				}
				patches = append(patches, ps...)
				got = appendWorkbookProblems(got, problems)
			}
			merged, problems := merge.Merge(listing(), patches)
			got = appendWorkbookProblems(got, problems)
			got = appendWorkbookProblems(got, schema.Validate(merged))
			if !slices.Equal(got, tc.want) {
				t.Errorf("problems at workbook cells:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func appendWorkbookProblems(dst []string, ps schema.Problems) []string {
	for _, p := range ps {
		if p.Pos.InWorkbook() {
			dst = append(dst, p.String())
		}
	}
	return dst
}

// TestCellValuesReachRecords: what spreadsheets do to cells does not reach
// the merged records.
func TestCellValuesReachRecords(t *testing.T) {
	t.Chdir(t.TempDir())
	h := headerRow(1, "id", "founded", "website", "members", "status")
	writeFile(t, ".", "a.xlsx", records(h,
		row(2, str("A2", "\u00a0frontex "), num("B2", "2004", sGeneral), str("C2", " https://frontex.europa.eu\u00a0")),
		row(3, str("A3", "easo"), num("B3", "40179", sDate14), str("E3", "Inactive")),
		row(4, str("A4", "elena"), num("D4", "600.0", sGeneral)),
	).bytes(t))
	patches, ps, err := Read("a.xlsx", DefaultOptions())
	if err != nil || len(ps) > 0 {
		t.Fatal(err, ps)
	}
	merged, ps := merge.Merge(listing(), patches)
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	byID := map[string]schema.Record{}
	for _, r := range merged {
		byID[r.ID] = r
	}
	for _, tc := range []struct {
		id    string
		field schema.Field
		value string
		cell  string
	}{
		{"frontex", schema.FieldWebsite, "https://frontex.europa.eu", "C2"},
		{"easo", schema.FieldFounded, "2010-01-01", "B3"},
		{"easo", schema.FieldStatus, "inactive", "E3"},
		{"elena", schema.FieldMembers, "600", "D4"},
	} {
		r := byID[tc.id]
		pos := r.PositionOf(tc.field)
		if r.Cell(tc.field) != tc.value || pos.File != "a.xlsx" || pos.Cell() != tc.cell {
			t.Errorf("%s %s = %q from %s, want %q from a.xlsx %s", tc.id, tc.field, r.Cell(tc.field), pos, tc.value, tc.cell)
		}
	}
	// The founded year 2004, a number in B2, equals the listing's: the
	// listing stays its source.
	if r := byID["frontex"]; r.Founded != "2004" || r.PositionOf(schema.FieldFounded).File != "sources/listing.txt" {
		t.Errorf("frontex founded %q from %s, want 2004 from the listing", r.Founded, r.PositionOf(schema.FieldFounded))
	}
}
