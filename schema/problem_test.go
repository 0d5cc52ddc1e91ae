package schema_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

// TestProblemsSort shuffles problems given in report order and checks Sort
// puts them back: by file, sheet, line, column, record, field, message,
// and in their given order when all of those are equal.
func TestProblemsSort(t *testing.T) {
	text := func(file string, line int) schema.Position { return schema.Position{File: file, Line: line} }
	cell := func(sheet string, row, col int) schema.Position {
		return schema.Position{File: "b.xlsx", Sheet: sheet, Line: row, Col: col}
	}
	want := schema.Problems{
		{Pos: text("a.txt", 2), Record: "x", Message: "m"},
		{Pos: text("a.txt", 10), Message: "m"},
		{Pos: text("a.txt", 10), Record: "a", Message: "m"},
		{Pos: text("a.txt", 10), Record: "b", Field: schema.FieldName, Message: "m"},
		{Pos: text("a.txt", 10), Record: "b", Field: schema.FieldWebsite, Message: "a"},
		{Pos: text("a.txt", 10), Record: "b", Field: schema.FieldWebsite, Message: "b"},
		{Pos: text("a.txt", 10), Record: "b", Field: schema.FieldWebsite, Message: "b", Severity: schema.SeverityWarning},
		{Pos: cell("Records", 3, 2), Message: "m"},
		{Pos: cell("Records", 3, 10), Message: "m"},
		{Pos: cell("Records", 12, 1), Message: "m"},
		{Pos: cell("Sources", 1, 1), Message: "m"},
		{Pos: text("c.txt", 1), Message: "m"},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		got := slices.Clone(want)
		rng.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		// Equal but for severity: the stable sort keeps their order.
		i := slices.IndexFunc(got, func(p schema.Problem) bool { return p.Message == "b" && p.Severity == schema.SeverityError })
		j := slices.IndexFunc(got, func(p schema.Problem) bool { return p.Message == "b" && p.Severity == schema.SeverityWarning })
		if i > j {
			got[i], got[j] = got[j], got[i]
		}
		got.Sort()
		if !slices.Equal(got, want) {
			t.Fatalf("sorted:\n%v\nwant:\n%v", got, want)
		}
	}
}
