package schema

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// The rules were rewritten for speed (records by index, no maps of ids,
// one pass over text). These tests hold the new code to the problems the
// straightforward versions below report, on data made to hit the corners:
// duplicate and empty ids, cycles through duplicates, self references,
// empty list values, acronyms differing in case or with non-ASCII letters.

// ids are the records' ids, for the reference's "did you mean" hints.
func ids(records []Record) []string {
	var out []string
	for _, r := range records {
		if r.ID != "" {
			out = append(out, r.ID)
		}
	}
	return out
}

// plainDatasetProblems is datasetProblems as it was written first, keyed by
// id strings.
func plainDatasetProblems(records []Record) Problems {
	var ps Problems
	byID := make(map[string]*Record, len(records))
	for i := range records {
		r := &records[i]
		if r.ID == "" {
			continue
		}
		if first, dup := byID[r.ID]; dup {
			ps.Errorf(CodeDuplicateID, r.PositionOf(FieldID), r.ID, FieldID, "is used twice: also at %s; every record needs its own id", first.PositionOf(FieldID))
			continue
		}
		byID[r.ID] = r
	}
	activeAcronyms := make(map[string]*Record)
	for i := range records {
		r := &records[i]
		if r.Acronym == "" || !r.IsActive() || byID[r.ID] != r {
			continue
		}
		key := strings.ToLower(r.Acronym)
		if first, dup := activeAcronyms[key]; dup {
			ps.Errorf(CodeDuplicateAcronym, r.PositionOf(FieldAcronym), r.ID, FieldAcronym, "%q is also the acronym of active record %s (%s); acronyms must be unique among active records", r.Acronym, first.ID, first.PositionOf(FieldAcronym))
			continue
		}
		activeAcronyms[key] = r
	}
	hints := 0
	for i := range records {
		r := &records[i]
		for _, f := range []Field{FieldSuccessor, FieldParent, FieldMemberOf, FieldPartnerOf} {
			for _, ref := range r.Values(f) {
				switch {
				case ref == r.ID:
					ps.Errorf(CodeSelfReference, r.PositionOf(f), r.ID, f, "refers to the record itself")
				case !IsSlug(ref):
				case byID[ref] == nil:
					msg := fmt.Sprintf("refers to %q, but there is no record with that id", ref)
					if hints < HintBudget(len(byID)) {
						hints++
						if hint := DidYouMean(Closest(ref, slices.Values(ids(records)), 3)); hint != "" {
							msg += ": " + hint
						}
					}
					ps.Errorf(CodeUnknownReference, r.PositionOf(f), r.ID, f, "%s", msg)
				}
			}
		}
	}
	for _, f := range []Field{FieldParent, FieldSuccessor} {
		ps = append(ps, plainCycles(records, byID, f)...)
	}
	return ps
}

func plainCycles(records []Record, byID map[string]*Record, f Field) Problems {
	var ps Problems
	const (
		unvisited = iota
		visiting
		done
	)
	state := make(map[string]int, len(records))
	next := func(r *Record) *Record {
		if v := r.Values(f); len(v) == 1 && v[0] != r.ID {
			return byID[v[0]]
		}
		return nil
	}
	for i := range records {
		start := &records[i]
		var path []*Record
		for r := start; r != nil && state[r.ID] != done; r = next(r) {
			if state[r.ID] == visiting {
				at := slices.Index(path, r)
				loop := path[at:]
				first := slices.MinFunc(loop, func(a, b *Record) int { return strings.Compare(a.ID, b.ID) })
				ids := make([]string, 0, len(loop)+1)
				for k := range loop {
					ids = append(ids, loop[(k+slices.Index(loop, first))%len(loop)].ID)
				}
				ids = append(ids, first.ID)
				ps.Errorf(CodeReferenceCycle, first.PositionOf(f), first.ID, f, "makes the record its own ancestor: %s", strings.Join(ids, " → "))
				break
			}
			state[r.ID] = visiting
			path = append(path, r)
		}
		for _, r := range path {
			state[r.ID] = done
		}
	}
	return ps
}

// plainIsCellText is IsCellText as it was written first.
func plainIsCellText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	units := 0
	for _, c := range s {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xfffe || c == 0xffff {
			return false
		}
		units++
		if c >= 0x10000 {
			units++
		}
	}
	return units <= 32767
}

// cornerRecords makes n records whose ids, references and acronyms are
// drawn from small sets, so that duplicates, dangling references and
// cycles (through parent and successor, and through duplicated ids) are
// common.
func cornerRecords(rng *rand.Rand, n int) []Record {
	ids := []string{"", "a", "b", "c", "d", "e", "f", "g", "h", "a-b", "Bad Id", "x1", "x2"}
	pick := func() string { return ids[rng.IntN(len(ids))] }
	acronyms := []string{"", "", "EPN", "epn", "Epn", "ÉPN", "épn", "İST", "i̇st", "K", "\u212a", "k"}
	statuses := []Status{"", StatusActive, StatusInactive, StatusSucceeded}
	records := make([]Record, n)
	for i := range records {
		r := Record{ID: pick(), Acronym: acronyms[rng.IntN(len(acronyms))], Status: statuses[rng.IntN(len(statuses))]}
		r.Origin = Position{File: "listing.txt", Line: 1 + rng.IntN(5)}
		if rng.IntN(4) == 0 {
			r.SetSource(FieldParent, Position{File: "c.xlsx", Sheet: "Records", Line: 2 + i, Col: 14})
		}
		if rng.IntN(2) == 0 {
			r.Parent = pick()
		}
		if rng.IntN(3) == 0 {
			r.Successor = pick()
		}
		for range rng.IntN(3) {
			r.MemberOf = append(r.MemberOf, pick())
		}
		for range rng.IntN(2) {
			r.PartnerOf = append(r.PartnerOf, pick())
		}
		records[i] = r
	}
	return records
}

func problemLines(ps Problems) string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Severity.String() + " " + p.String()
	}
	return strings.Join(lines, "\n")
}

func TestDatasetProblemsAsPlainVersion(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	seen := map[string]int{}
	for round := range 3000 {
		records := cornerRecords(rng, 1+rng.IntN(12))
		got, want := datasetProblems(records), plainDatasetProblems(records)
		// Unsorted, the problems come in the same order too.
		if g, w := problemLines(got), problemLines(want); g != w {
			t.Fatalf("round %d, records %+v:\ngot:\n%s\nwant:\n%s", round, records, g, w)
		}
		for _, p := range got {
			for _, kind := range []string{"used twice", "also the acronym", "record itself", "no record with that id", "own ancestor"} {
				if strings.Contains(p.Message, kind) {
					seen[kind+" "+string(p.Field)]++
				}
			}
		}
	}
	for _, kind := range []string{"used twice id", "also the acronym acronym", "record itself parent", "record itself member_of",
		"no record with that id successor", "no record with that id partner_of", "own ancestor parent", "own ancestor successor"} {
		if seen[kind] == 0 {
			t.Errorf("the rounds never found %q: %v", kind, seen)
		}
	}
}

func TestIsCellTextAsPlainVersion(t *testing.T) {
	for _, s := range []string{
		"", "plain", "tab\tnew\nline\rreturn", "bell\x07", "\x00", "del\x7f", "nbsp\u00a0", "c1\u0085",
		"\ufffd", "\xff", "a\xc3", "\xc3\x28", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\uffff", "\ufffe", "\U0001F600",
		strings.Repeat("a", 32767), strings.Repeat("a", 32768), strings.Repeat("é", 32767), strings.Repeat("é", 32768),
		strings.Repeat("\U0001F600", 16383) + "a", strings.Repeat("\U0001F600", 16384),
	} {
		if got, want := IsCellText(s), plainIsCellText(s); got != want {
			t.Errorf("IsCellText(%.40q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzIsCellText(f *testing.F) {
	for _, s := range []string{"", "a\x07", "\xff", "\ufffd", "é\U0001F600", "\uffff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := IsCellText(s), plainIsCellText(s); got != want {
			t.Errorf("IsCellText(%q) = %v, want %v", s, got, want)
		}
	})
}

func TestFieldValuesAsValues(t *testing.T) {
	full := benchRecords(1)[0]
	full.Successor, full.Parent, full.Seat, full.Dissolved = "s", "p", "Brussels", "2020"
	full.MemberOf, full.PartnerOf = []string{"m", ""}, []string{"q"}
	members := 3
	full.Members = &members
	for _, r := range []Record{{}, full} {
		for _, f := range Fields() {
			var buf [1]string
			if got, want := fieldValues(&r, f, &buf), r.Values(f); !slices.Equal(got, want) || (got == nil) != (want == nil) {
				t.Errorf("%s: fieldValues = %q, Values = %q", f, got, want)
			}
		}
	}
}

// TestRecordsInChunks checks that checking records in parallel chunks,
// with the dataset rules beside them, reports what checking each record in
// turn and then the dataset reports.
func TestRecordsInChunks(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	records := make([]Record, 5000)
	for i := range records {
		r := validRecord(fmt.Sprintf("r-%d", i))
		r.Origin.Line = i + 1
		switch rng.IntN(50) {
		case 0:
			r.Name = ""
		case 1:
			r.Website = "ftp://x"
		case 2:
			r.Parent = fmt.Sprintf("r-%d", rng.IntN(len(records)+10))
		case 3:
			r.Acronym = "DUP"
		case 4:
			r.ID = fmt.Sprintf("r-%d", rng.IntN(i+1))
		case 5:
			r.Description = ""
		}
		records[i] = r
	}
	v := NewValidator()
	var want Problems
	for i := range records {
		want = append(want, v.Record(&records[i])...)
	}
	want = append(want, plainDatasetProblems(records)...)
	want.Sort()
	if len(want) < 100 {
		t.Fatalf("the test data has only %d problems", len(want))
	}
	for range 3 {
		if got := v.Records(records); problemLines(got) != problemLines(want) {
			t.Fatalf("got:\n%s\nwant:\n%s", problemLines(got), problemLines(want))
		}
	}
}
