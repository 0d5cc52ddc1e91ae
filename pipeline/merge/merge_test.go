package merge

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

func lpos(line int) schema.Position { return schema.Position{File: "listing.txt", Line: line} }

func cell(file, ref string) schema.Position {
	col := 0
	i := 0
	for ; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		col = col*26 + int(ref[i]-'A') + 1
	}
	line := 0
	fmt.Sscan(ref[i:], &line)
	return schema.Position{File: file, Sheet: "Records", Line: line, Col: col}
}

// listing is two listing records with every value sourced.
func listing() []schema.Record {
	frontex := schema.Record{ID: "frontex", Kind: schema.KindAgency, Scope: schema.ScopeEU, Name: "Frontex agency",
		Website: "https://frontex.europa.eu", AltNames: []string{"A", "B"}, Origin: lpos(10)}
	frontex.SetSource(schema.FieldID, lpos(10))
	frontex.SetSource(schema.FieldName, lpos(10))
	frontex.SetSource(schema.FieldKind, lpos(8))
	frontex.SetSource(schema.FieldScope, lpos(8))
	frontex.SetSource(schema.FieldWebsite, lpos(12))
	frontex.SetSource(schema.FieldAltNames, lpos(10))
	elena := schema.Record{ID: "elena", Kind: schema.KindNetwork, Scope: schema.ScopeEU, Name: "ELENA", Origin: lpos(20)}
	elena.SetSource(schema.FieldID, lpos(20))
	elena.SetSource(schema.FieldName, lpos(20))
	return []schema.Record{frontex, elena}
}

func patch(file, ref, id string, cells ...schema.PatchCell) schema.Patch {
	return schema.Patch{ID: id, Origin: cell(file, ref), Cells: cells}
}

func set(file, ref string, f schema.Field, v string) schema.PatchCell {
	return schema.PatchCell{Field: f, Value: v, Pos: cell(file, ref)}
}

func clear(file, ref string, f schema.Field) schema.PatchCell {
	return schema.PatchCell{Field: f, Clear: true, Pos: cell(file, ref)}
}

// show renders records as "id field=value@source" lines, only fields that
// have a value or a source, for compact expectations.
func show(recs []schema.Record) string {
	var b strings.Builder
	for _, r := range recs {
		fmt.Fprintf(&b, "%s (%s)\n", r.ID, r.Origin)
		for _, f := range schema.Fields() {
			src, ok := r.Source(f)
			if r.Cell(f) == "" && !ok {
				continue
			}
			fmt.Fprintf(&b, "\t%s=%q @ %s\n", f, r.Cell(f), src)
		}
	}
	return b.String()
}

// mergeCase is a table test of merging listing() with patches.
type mergeCase struct {
	name     string
	patches  []schema.Patch
	want     string
	problems []string
}

func mergeCases() []mergeCase {
	return []mergeCase{
		{
			name: "no patches: the listing, sorted",
			want: `elena (listing.txt:20)
	id="elena" @ listing.txt:20
	kind="network" @ 
	scope="eu-focused" @ 
	name="ELENA" @ listing.txt:20
frontex (listing.txt:10)
	id="frontex" @ listing.txt:10
	kind="agency" @ listing.txt:8
	scope="eu-focused" @ listing.txt:8
	name="Frontex agency" @ listing.txt:10
	alt_names="A | B" @ listing.txt:10
	website="https://frontex.europa.eu" @ listing.txt:12
`,
		},
		{
			name: "override, add, clear; restating changes nothing",
			patches: []schema.Patch{patch("a.xlsx", "A2", "frontex",
				set("a.xlsx", "B2", schema.FieldKind, "AGENCY"),  // same value, other case
				set("a.xlsx", "C2", schema.FieldAltNames, "A|B"), // same list, other spacing
				set("a.xlsx", "D2", schema.FieldName, "European Border and Coast Guard Agency"),
				set("a.xlsx", "E2", schema.FieldFounded, "2004-10-26"),
				clear("a.xlsx", "F2", schema.FieldWebsite),
				clear("a.xlsx", "G2", schema.FieldSeat), // nothing to clear
			)},
			want: `elena (listing.txt:20)
	id="elena" @ listing.txt:20
	kind="network" @ 
	scope="eu-focused" @ 
	name="ELENA" @ listing.txt:20
frontex (listing.txt:10)
	id="frontex" @ listing.txt:10
	kind="agency" @ listing.txt:8
	scope="eu-focused" @ listing.txt:8
	name="European Border and Coast Guard Agency" @ a.xlsx Records!D2
	alt_names="A | B" @ listing.txt:10
	founded="2004-10-26" @ a.xlsx Records!E2
`,
		},
		{
			name: "a new record from a workbook row, sorted in",
			patches: []schema.Patch{patch("a.xlsx", "A3", "ecre",
				set("a.xlsx", "B3", schema.FieldName, "European Council on Refugees and Exiles"),
				set("a.xlsx", "C3", schema.FieldMembers, "100"),
			), patch("a.xlsx", "A4", "elena", set("a.xlsx", "D4", schema.FieldParent, "ecre"))},
			want: `ecre (a.xlsx Records row 3)
	id="ecre" @ a.xlsx Records!A3
	name="European Council on Refugees and Exiles" @ a.xlsx Records!B3
	members="100" @ a.xlsx Records!C3
elena (listing.txt:20)
	id="elena" @ listing.txt:20
	kind="network" @ 
	scope="eu-focused" @ 
	name="ELENA" @ listing.txt:20
	parent="ecre" @ a.xlsx Records!D4
frontex (listing.txt:10)
	id="frontex" @ listing.txt:10
	kind="agency" @ listing.txt:8
	scope="eu-focused" @ listing.txt:8
	name="Frontex agency" @ listing.txt:10
	alt_names="A | B" @ listing.txt:10
	website="https://frontex.europa.eu" @ listing.txt:12
`,
		},
		{
			name: "two workbooks disagree: the first wins, both cells named",
			patches: []schema.Patch{
				patch("a.xlsx", "A7", "frontex", set("a.xlsx", "D7", schema.FieldWebsite, "https://a.example")),
				patch("b.xlsx", "A3", "frontex", set("b.xlsx", "D3", schema.FieldWebsite, "https://b.example"),
					clear("b.xlsx", "E3", schema.FieldAltNames)),
				patch("c.xlsx", "A2", "frontex", set("c.xlsx", "F2", schema.FieldAltNames, "C"),
					set("c.xlsx", "D2", schema.FieldWebsite, "https://frontex.europa.eu")), // restates the listing: no conflict
			},
			problems: []string{
				`b.xlsx Records!D3: frontex: website: set to "https://a.example" in a.xlsx Records!D7 and to "https://b.example" in b.xlsx Records!D3: the workbooks disagree; correct one of them`,
				`c.xlsx Records!F2: frontex: alt_names: cleared in b.xlsx Records!E3 and set to "C" in c.xlsx Records!F2: the workbooks disagree; correct one of them`,
			},
		},
		{
			name: "two workbooks agree: no problem, the first cell is the source",
			patches: []schema.Patch{
				patch("a.xlsx", "A7", "frontex", set("a.xlsx", "D7", schema.FieldSeat, "Warsaw")),
				patch("b.xlsx", "A3", "frontex", set("b.xlsx", "D3", schema.FieldSeat, "Warsaw")),
				patch("a.xlsx", "A9", "new", set("a.xlsx", "B9", schema.FieldName, "New")),
				patch("b.xlsx", "A9", "new", set("b.xlsx", "B9", schema.FieldName, "New"), set("b.xlsx", "C9", schema.FieldName, "Newer")),
			},
			problems: []string{
				`b.xlsx Records!C9: new: name: set to "New" in a.xlsx Records!B9 and to "Newer" in b.xlsx Records!C9: the workbooks disagree; correct one of them`,
			},
		},
		{
			name: "required fields cannot be cleared; bad values are not applied",
			patches: []schema.Patch{patch("a.xlsx", "A2", "frontex",
				clear("a.xlsx", "B2", schema.FieldKind),
				clear("a.xlsx", "C2", schema.FieldName),
				set("a.xlsx", "D2", schema.FieldMembers, "many"),
			)},
			problems: []string{
				`a.xlsx Records!B2: frontex: kind: cannot be cleared: every record needs one`,
				`a.xlsx Records!C2: frontex: name: cannot be cleared: every record needs one`,
				`a.xlsx Records!D2: frontex: members: "many" is not a whole number`,
			},
		},
		{
			name: "mistyped ids: did you mean, unless the row is a whole new record",
			patches: []schema.Patch{
				patch("a.xlsx", "A2", "fronetx", set("a.xlsx", "D2", schema.FieldSeat, "Warsaw")),
				patch("a.xlsx", "A3", "elenaa", set("a.xlsx", "B3", schema.FieldName, "ELENA"), clear("a.xlsx", "C3", schema.FieldKind)),
				patch("a.xlsx", "A4", "elenb", set("a.xlsx", "B4", schema.FieldName, "Elenb"),
					set("a.xlsx", "C4", schema.FieldKind, "network"), set("a.xlsx", "D4", schema.FieldScope, "eu-focused")),
				patch("a.xlsx", "A5", "unrelated", set("a.xlsx", "D5", schema.FieldSeat, "Rome")),
			},
			problems: []string{
				`a.xlsx Records!A2: fronetx: id: "fronetx" is the id of no record, and the row is not a new record (it needs name, kind and scope): did you mean frontex?`,
				`a.xlsx Records!A3: elenaa: id: "elenaa" is the id of no record, and the row is not a new record (it needs name, kind and scope): did you mean elena?`,
				`a.xlsx Records!C3: elenaa: kind: cannot be cleared: every record needs one`,
			},
		},
		{
			name: "the same id twice in one workbook",
			patches: []schema.Patch{
				patch("a.xlsx", "A2", "frontex", set("a.xlsx", "D2", schema.FieldSeat, "Warsaw")),
				patch("a.xlsx", "A5", "frontex", set("a.xlsx", "D5", schema.FieldSeat, "Brussels")),
			},
			problems: []string{
				`a.xlsx Records!A5: frontex: id: id "frontex" is on rows 2 and 5 of the same workbook: give each record one row (this row is ignored)`,
			},
		},
	}
}

func TestMerge(t *testing.T) {
	for _, tc := range mergeCases() {
		t.Run(tc.name, func(t *testing.T) {
			in := listing()
			before := show(in)
			got, ps := Merge(in, tc.patches)
			if show(in) != before {
				t.Errorf("Merge changed its input:\n%s", show(in))
			}
			if tc.want != "" && show(got) != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", show(got), tc.want)
			}
			var msgs []string
			for _, p := range ps {
				msgs = append(msgs, p.String())
			}
			if !slices.Equal(msgs, tc.problems) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(tc.problems, "\n"))
			}
		})
	}
}

// TestMergeConflictKeepsFirst: after a conflict the first workbook's value
// stands, so output does not depend on map order.
func TestMergeConflictKeepsFirst(t *testing.T) {
	got, _ := Merge(listing(), []schema.Patch{
		patch("a.xlsx", "A2", "frontex", set("a.xlsx", "D2", schema.FieldWebsite, "https://a.example")),
		patch("b.xlsx", "A2", "frontex", set("b.xlsx", "D2", schema.FieldWebsite, "https://b.example")),
	})
	i := slices.IndexFunc(got, func(r schema.Record) bool { return r.ID == "frontex" })
	if got[i].Website != "https://a.example" || got[i].PositionOf(schema.FieldWebsite) != cell("a.xlsx", "D2") {
		t.Errorf("website %q from %s", got[i].Website, got[i].PositionOf(schema.FieldWebsite))
	}
}

// TestMergeOrder: output is sorted with CompareIDs ("a-b" before "a").
func TestMergeOrder(t *testing.T) {
	recs := []schema.Record{{ID: "ab"}, {ID: "a"}, {ID: "a-b"}}
	got, _ := Merge(recs, []schema.Patch{patch("x.xlsx", "A2", "a-a", set("x.xlsx", "B2", schema.FieldName, "n"))})
	var ids []string
	for _, r := range got {
		ids = append(ids, r.ID)
	}
	if want := []string{"a-a", "a-b", "a", "ab"}; !slices.Equal(ids, want) {
		t.Errorf("order %q, want %q", ids, want)
	}
}
