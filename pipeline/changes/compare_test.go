package changes

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

// TestCompare is a table of small changes and what Compare makes of them.
func TestCompare(t *testing.T) {
	base := func() schema.Record {
		r := rec("a", "A Network", 3)
		r.AltNames = []string{"One", "Two"}
		return r
	}
	tests := []struct {
		name    string
		edit    func(r *schema.Record)
		summary string
		fields  []schema.Field // the fields of the one changed or retired record
		retired bool
	}{
		{"nothing", func(*schema.Record) {}, "no changes since old", nil, false},
		{"a line moved", func(r *schema.Record) {
			r.Origin = line(9)
			r.SetSource(schema.FieldName, line(9))
			r.SetSource(schema.FieldKind, line(2))
		}, "no changes since old", nil, false},
		{"a row re-sorted", func(r *schema.Record) { r.SetSource(schema.FieldName, cell("D", 40)) }, "no changes since old", nil, false},
		{"a list re-sorted", func(r *schema.Record) { r.AltNames = []string{"Two", "One"} }, "no changes since old", nil, false},
		{"a list grew", func(r *schema.Record) { r.AltNames = append(r.AltNames, "Three") },
			"changes since old: 1 changed", []schema.Field{schema.FieldAltNames}, false},
		{"a name changed", func(r *schema.Record) { r.Name = "A Renamed Network" },
			"changes since old: 1 changed", []schema.Field{schema.FieldName}, false},
		{"a list emptied", func(r *schema.Record) { r.AltNames = nil },
			"changes since old: 1 changed, 1 fact removed", []schema.Field{schema.FieldAltNames}, false},
		{"inactive", func(r *schema.Record) { r.Status = schema.StatusInactive },
			"changes since old: 1 retired", []schema.Field{schema.FieldStatus}, true},
		{"active stated", func(r *schema.Record) { r.Status = schema.StatusActive },
			"changes since old: 1 changed", []schema.Field{schema.FieldStatus}, false},
		{"dissolved", func(r *schema.Record) { r.Dissolved = "2020" },
			"changes since old: 1 retired", []schema.Field{schema.FieldDissolved}, true},
		{"members counted", func(r *schema.Record) { n := 0; r.Members = &n },
			"changes since old: 1 changed", []schema.Field{schema.FieldMembers}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			old := []schema.Record{base()}
			new := []schema.Record{base()}
			tc.edit(&new[0])
			rep, err := Compare(context.Background(), FromRecords("old", schema.RecordSlice(old)), FromRecords("new", schema.RecordSlice(new)))
			if err != nil {
				t.Fatal(err)
			}
			if got := rep.Summary(); got != tc.summary {
				t.Errorf("Summary() = %q, want %q", got, tc.summary)
			}
			if rep.Equal() != (tc.fields == nil) {
				t.Errorf("Equal() = %v with %d changed", rep.Equal(), len(rep.Changed)+len(rep.Retired))
			}
			list := rep.Changed
			if tc.retired {
				list = rep.Retired
			}
			var got []schema.Field
			if len(list) == 1 {
				for _, c := range list[0].Changes {
					got = append(got, c.Field)
				}
			}
			if strings.Join(fieldNames(got), ",") != strings.Join(fieldNames(tc.fields), ",") {
				t.Errorf("changed fields = %v, want %v (retired %v)", got, tc.fields, tc.retired)
			}
		})
	}
}

func fieldNames(fs []schema.Field) []string {
	var out []string
	for _, f := range fs {
		out = append(out, string(f))
	}
	return out
}

// TestCompareAddedRemoved checks the merge of ids in CompareIDs order,
// where "a-b" sorts before "a".
func TestCompareAddedRemoved(t *testing.T) {
	old := []schema.Record{rec("a-b", "X", 1), rec("a", "Y", 2), rec("c", "Z", 3)}
	new := []schema.Record{rec("a-a", "W", 1), rec("a", "Y", 2), rec("ab", "V", 3)}
	rep, err := Compare(context.Background(), FromRecords("old", schema.RecordSlice(old)), FromRecords("new", schema.RecordSlice(new)))
	if err != nil {
		t.Fatal(err)
	}
	ids := func(rs []Record) string {
		var s []string
		for _, r := range rs {
			s = append(s, r.ID)
		}
		return strings.Join(s, ",")
	}
	if ids(rep.Added) != "a-a,ab" || ids(rep.Removed) != "a-b,c" || len(rep.Changed) != 0 {
		t.Errorf("added %s, removed %s, changed %d; want a-a,ab and a-b,c and 0", ids(rep.Added), ids(rep.Removed), len(rep.Changed))
	}
	// Out of order is an error, not a wrong answer.
	bad := []schema.Record{rec("b", "X", 1), rec("a", "Y", 2)}
	if _, err := Compare(context.Background(), FromRecords("old", schema.RecordSlice(old)), FromRecords("bad", schema.RecordSlice(bad))); err == nil || !strings.Contains(err.Error(), "not in id order") {
		t.Errorf("Compare of unsorted records: %v, want an error about the order", err)
	}
}

// TestDroppedIDs: an id any release published must stay; the refusal
// names it, the releases, and how to retire it.
func TestDroppedIDs(t *testing.T) {
	out := t.TempDir()
	publish(t, out, "2026-11-27", oldRecords())
	publish(t, out, "2026-12-03", oldRecords())
	ps, err := DroppedIDs(context.Background(), out, schema.RecordSlice(newRecords()))
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 {
		t.Fatalf("DroppedIDs = %v, want one problem (gone)", ps)
	}
	p := ps[0]
	for _, want := range []string{`id "gone"`, "releases 2026-11-27, 2026-12-03", "status to inactive", "successor", "dissolved"} {
		if !strings.Contains(p.Message, want) {
			t.Errorf("message %q lacks %q", p.Message, want)
		}
	}
	if p.Code != CodeIDDropped || p.Severity != schema.SeverityError || p.Record != "gone" ||
		p.Pos.String() != filepath.ToSlash(out)+"/2026-11-27/bordernet.csv:3" {
		t.Errorf("problem = %+v (%s)", p, p.Pos)
	}
	// A retired record stays and passes.
	kept := newRecords()
	kept = append(kept, rec("gone", "Gone", 30))
	kept[len(kept)-1].Status = schema.StatusInactive
	sortRecords(kept)
	if ps, err := DroppedIDs(context.Background(), out, schema.RecordSlice(kept)); err != nil || len(ps) != 0 {
		t.Errorf("DroppedIDs with gone retired = %v, %v; want none", ps, err)
	}
	// No releases, no problems.
	if ps, err := DroppedIDs(context.Background(), filepath.Join(out, "nosuch"), schema.RecordSlice(nil)); err != nil || len(ps) != 0 {
		t.Errorf("DroppedIDs of no folder = %v, %v", ps, err)
	}
}

// TestPrevious: the release latest points at, unless it is the version
// being made again.
func TestPrevious(t *testing.T) {
	out := t.TempDir()
	if _, ok, err := Previous(out, "2026-11-27"); ok || err != nil {
		t.Errorf("Previous of an empty folder = %v, %v", ok, err)
	}
	publish(t, out, "2026-11-27", oldRecords())
	publish(t, out, "2026-12-03", newRecords())
	for version, want := range map[string]string{"2027-01-01": "2026-12-03", "2026-12-03": "2026-11-27", "": "2026-12-03"} {
		dir, ok, err := Previous(out, version)
		if err != nil || !ok || filepath.Base(dir) != want {
			t.Errorf("Previous(%q) = %s, %v, %v; want %s", version, dir, ok, err, want)
		}
	}
}

// TestGraphDiffRefuses an unsorted file and a blank node, naming the
// file and line.
func TestGraphDiffRefuses(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.nt", "<http://x/a> <http://x/p> \"1\" .\n<http://x/b> <http://x/p> \"2\" .\n")
	for name, tc := range map[string]struct{ text, want string }{
		"unsorted.nt": {"<http://x/b> <http://x/p> \"2\" .\n<http://x/a> <http://x/p> \"1\" .\n", "unsorted.nt:2: the statements are not sorted"},
		"blank.nt":    {"<http://x/a> <http://x/p> _:b0 .\n", "blank.nt:1: a blank node"},
		"broken.nt":   {"<http://x/a> <http://x/p> _:b0\n", "blank.nt:1"},
	} {
		bad := write(name, tc.text)
		_, err := WriteGraphDiff(context.Background(), good, bad, nil, nil, PatchIDs{}, "", dir)
		if name == "broken.nt" {
			if err == nil {
				t.Errorf("%s: no error", name)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
	// A repeated line is one triple.
	dup := write("dup.nt", "<http://x/a> <http://x/p> \"1\" .\n<http://x/a> <http://x/p> \"1\" .\n<http://x/b> <http://x/p> \"2\" .\n")
	d, err := WriteGraphDiff(context.Background(), good, dup, nil, nil, PatchIDs{}, "", dir)
	if err != nil || d != (GraphDiff{}) {
		t.Errorf("a repeated line: %+v, %v; want no difference", d, err)
	}
}

func sortRecords(rs []schema.Record) {
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && schema.CompareIDs(rs[j-1].ID, rs[j].ID) > 0; j-- {
			rs[j-1], rs[j] = rs[j], rs[j-1]
		}
	}
}

// TestCanceled: an interrupt stops a comparison, the ids check and the
// graph difference, with the context's error.
func TestCanceled(t *testing.T) {
	out := t.TempDir()
	publish(t, out, "2026-11-27", oldRecords())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	old, err := OpenRelease(filepath.Join(out, "2026-11-27"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Compare(ctx, old, FromRecords("new", schema.RecordSlice(newRecords()))); !errors.Is(err, context.Canceled) {
		t.Errorf("Compare: %v", err)
	}
	if _, err := DroppedIDs(ctx, out, schema.RecordSlice(newRecords())); err != nil && !errors.Is(err, context.Canceled) {
		t.Errorf("DroppedIDs: %v", err)
	}
	nt := filepath.Join(out, "2026-11-27", GraphFile)
	if _, err := WriteGraphDiff(ctx, nt, nt, nil, nil, PatchIDs{}, "", t.TempDir()); !errors.Is(err, context.Canceled) {
		t.Errorf("WriteGraphDiff: %v", err)
	}
}

// TestPublished: positions in a release's change files are relative to a
// release folder, whatever path the publisher's sources or releases had.
func TestPublished(t *testing.T) {
	for _, tc := range []struct {
		pos  schema.Position
		dir  string
		want string
	}{
		{schema.Position{File: "/home/ann/sources/listing.txt", Line: 3}, "", "source/listing.txt:3"},
		{schema.Position{File: `C:\data\sources\curation.xlsx`, Sheet: "Records", Line: 7, Col: 4}, "", "source/curation.xlsx Records!D7"},
		{schema.Position{File: "listing.txt", Line: 3}, "", "source/listing.txt:3"},
		{schema.Position{File: "a/curation.xlsx", Sheet: "Records", Line: 2, Col: 1}, "", "source/a/curation.xlsx Records!A2"},
		{schema.Position{File: "../elsewhere/listing.txt", Line: 3}, "", "source/listing.txt:3"},
		{schema.Position{File: "/srv/out/2026-11-27/source/listing.txt", Line: 9}, "/srv/out/2026-11-27", "source/listing.txt:9"},
		{schema.Position{}, "/srv/out/2026-11-27", ""},
	} {
		if got := published(tc.pos, tc.dir).String(); got != tc.want {
			t.Errorf("published(%v, %q) = %q, want %q", tc.pos, tc.dir, got, tc.want)
		}
	}
}
