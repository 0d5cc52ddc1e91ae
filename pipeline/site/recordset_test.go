package site

import (
	"bytes"
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/bordernet/bordernet/schema"
	"github.com/bordernet/bordernet/schema/recordsettest"
)

// referenceRelations is the picture as it was drawn while a release's
// records were a slice, with a map of every id: the judge of the
// three-pass drawRelations.
func referenceRelations(title string, records []schema.Record, limit int) *picture {
	pic := &picture{title: title}
	byID := make(map[string]int, len(records))
	for i := range records {
		byID[records[i].ID] = i
	}
	type link struct {
		from, to int // record indices
		kind     relKind
	}
	var links []link
	add := func(from int, to string, kind relKind) {
		if j, ok := byID[to]; ok && j != from {
			links = append(links, link{from, j, kind})
		}
	}
	for i := range records {
		r := &records[i]
		if r.Parent != "" {
			kind := relCoordinatedBy
			if j, ok := byID[r.Parent]; ok && records[j].Kind == schema.KindAgency {
				kind = relRunBy
			}
			add(i, r.Parent, kind)
		}
		for _, id := range r.MemberOf {
			add(i, id, relMemberOf)
		}
		for _, id := range r.PartnerOf {
			add(i, id, relPartnerOf)
		}
		if r.Successor != "" {
			add(i, r.Successor, relSucceededBy)
		}
	}
	degree := map[int]int{}
	for _, l := range links {
		degree[l.from]++
		degree[l.to]++
	}
	chosen := make([]int, 0, len(degree))
	for i := range degree {
		chosen = append(chosen, i)
	}
	slices.SortFunc(chosen, func(a, b int) int {
		if c := cmp.Compare(degree[b], degree[a]); c != 0 {
			return c
		}
		return schema.CompareIDs(records[a].ID, records[b].ID)
	})
	if len(chosen) > limit {
		pic.omitted = len(chosen) - limit
		chosen = chosen[:limit]
	}
	slices.SortFunc(chosen, func(a, b int) int { return schema.CompareIDs(records[a].ID, records[b].ID) })
	boxOf := make(map[int]int, len(chosen))
	for _, i := range chosen {
		r := &records[i]
		boxOf[i] = len(pic.boxes)
		title := r.Name
		if r.Acronym != "" && r.Acronym != r.Name {
			title += " (" + r.Acronym + ")"
		}
		pic.boxes = append(pic.boxes, box{id: r.ID, label: boxLabel(r), title: title, href: "id/" + r.ID + ".html", kind: r.Kind})
	}
	seen := map[arrow]bool{}
	for _, l := range links {
		a, okA := boxOf[l.from]
		b, okB := boxOf[l.to]
		if okA && okB && !seen[arrow{a, b, l.kind}] {
			seen[arrow{a, b, l.kind}] = true
			pic.arrows = append(pic.arrows, arrow{a, b, l.kind})
		}
	}
	pic.layout()
	return pic
}

// TestPictureSameAsBefore: random relations (to bodies that exist and do
// not, to the body itself, repeated), random kinds, limits below and
// above the bodies related: the picture drawn from copies is the one the
// map of every id drew.
func TestPictureSameAsBefore(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 13))
	for round := range 300 {
		n := 1 + rng.IntN(60)
		recs := make([]schema.Record, n)
		id := func() string { return fmt.Sprintf("org-%02d", rng.IntN(n+5)) } // some do not exist
		for i := range recs {
			recs[i] = schema.Record{ID: fmt.Sprintf("org-%02d", i), Name: fmt.Sprintf("Body %d", i), Kind: schema.Kinds()[rng.IntN(3)]}
			if rng.IntN(3) == 0 {
				recs[i].Acronym = fmt.Sprintf("B%d", i)
			}
			if rng.IntN(3) == 0 {
				recs[i].Parent = id()
			}
			for range rng.IntN(3) {
				recs[i].MemberOf = append(recs[i].MemberOf, id())
			}
			for range rng.IntN(2) {
				recs[i].PartnerOf = append(recs[i].PartnerOf, id())
			}
			if rng.IntN(5) == 0 {
				recs[i].Successor = id()
			}
		}
		slices.SortFunc(recs, func(a, b schema.Record) int { return cmp.Compare(a.ID, b.ID) })
		limit := []int{1, 3, 10, PictureLimit}[round%4]
		want := referenceRelations("t", recs, limit)
		got := drawRelations(&schema.Release{Meta: schema.Metadata{Title: "t"}, Records: recordsettest.NewCopies(recs)}, limit)
		var a, b bytes.Buffer
		if err := want.writeSVG(&a, true); err != nil {
			t.Fatal(err)
		}
		if err := got.writeSVG(&b, true); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) || got.omitted != want.omitted {
			t.Fatalf("round %d (%d records, limit %d): the picture differs from the reference (%d omitted, want %d)\n got: %s\nwant: %s", round, n, limit, got.omitted, want.omitted, b.Bytes(), a.Bytes())
		}
	}
}

// TestGoldenSiteFromCopies: the seed's site is the golden one when the
// records are read from a set that is not a slice and copies each
// record, wiping it after its turn, as a store on disk does.
func TestGoldenSiteFromCopies(t *testing.T) {
	rel := seedRelease(t)
	rel.Records = recordsettest.NewCopies(rel.Records.(schema.RecordSlice))
	got := siteFiles(t, publish(t, rel, Options{}))
	want := siteFiles(t, goldenDir)
	if len(got) != len(want) {
		t.Errorf("%d files, the golden site has %d", len(got), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(data, got[name]) {
			t.Errorf("%s differs from the golden site when the records are read from copies", name)
		}
	}
}
