package sourcecopy

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/pipeline/source"
	"github.com/bordernet/bordernet/schema"
)

// tree makes files (slash-separated paths) under a new temporary folder,
// each holding its own name, and returns the folder.
func tree(t *testing.T, files ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("contents of "+f+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestPlanNames(t *testing.T) {
	root := tree(t, "sources/listing.txt", "sources/curation.xlsx", "sources/dataset.json",
		"a/curation.xlsx", "b/curation.xlsx", "b/deep/extra.xlsx")
	t.Chdir(root)
	for _, tc := range []struct {
		name string
		in   source.Inputs
		want map[string]string
	}{
		{"one folder, as typed", source.Inputs{Listings: []string{"sources/listing.txt"}, Workbooks: []string{"sources/curation.xlsx"}, Metadata: "sources/dataset.json"},
			map[string]string{"sources/listing.txt": "listing.txt", "sources/curation.xlsx": "curation.xlsx", "sources/dataset.json": "dataset.json"}},
		{"one folder, dotted", source.Inputs{Listings: []string{"./sources/listing.txt"}, Workbooks: []string{"./sources/curation.xlsx"}},
			map[string]string{"./sources/listing.txt": "listing.txt", "./sources/curation.xlsx": "curation.xlsx"}},
		{"one folder, absolute", source.Inputs{Listings: []string{filepath.ToSlash(filepath.Join(root, "sources", "listing.txt"))}},
			map[string]string{filepath.ToSlash(filepath.Join(root, "sources", "listing.txt")): "listing.txt"}},
		{"same name in two folders", source.Inputs{Listings: []string{"sources/listing.txt"}, Workbooks: []string{"a/curation.xlsx", "b/curation.xlsx"}},
			map[string]string{"sources/listing.txt": "sources/listing.txt", "a/curation.xlsx": "a/curation.xlsx", "b/curation.xlsx": "b/curation.xlsx"}},
		{"a deeper folder", source.Inputs{Workbooks: []string{"b/curation.xlsx", "b/deep/extra.xlsx"}},
			map[string]string{"b/curation.xlsx": "curation.xlsx", "b/deep/extra.xlsx": "deep/extra.xlsx"}},
		{"from inside the folder", source.Inputs{Listings: []string{"../sources/listing.txt"}},
			map[string]string{"../sources/listing.txt": "listing.txt"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "from inside the folder" {
				t.Chdir(filepath.Join(root, "a"))
			}
			plan, err := Plan(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			for given, want := range tc.want {
				if got, ok := plan.Published(given); !ok || got != want {
					t.Errorf("Published(%q) = %q, %v; want %q", given, got, ok, want)
				}
			}
			names := plan.Names()
			if !slices.IsSorted(names) || len(slices.Compact(slices.Clone(names))) != len(names) {
				t.Errorf("names %v: not sorted and distinct", names)
			}
		})
	}
}

func TestRelocate(t *testing.T) {
	root := tree(t, "s/listing.txt", "s/curation.xlsx")
	t.Chdir(root)
	plan, err := Plan(source.Inputs{Listings: []string{"s/listing.txt"}, Workbooks: []string{"s/curation.xlsx"}})
	if err != nil {
		t.Fatal(err)
	}
	r := schema.Record{ID: "x", Origin: schema.Position{File: "s/listing.txt", Line: 3}}
	r.SetSource(schema.FieldName, schema.Position{File: "s/curation.xlsx", Sheet: "Records", Line: 2, Col: 4})
	r.SetSource(schema.FieldKind, schema.Position{File: "s/listing.txt", Line: 1})
	r.SetSource(schema.FieldScope, schema.Position{File: "elsewhere.txt", Line: 1})
	records := []schema.Record{r}
	if err := plan.Relocate(schema.RecordSlice(records)); err != nil {
		t.Fatal(err)
	}
	got := records[0]
	if got.Origin.File != "listing.txt" || got.Origin.Line != 3 {
		t.Errorf("origin %+v", got.Origin)
	}
	for f, want := range map[schema.Field]string{schema.FieldName: "curation.xlsx", schema.FieldKind: "listing.txt", schema.FieldScope: "elsewhere.txt"} {
		if pos, _ := got.Source(f); pos.File != want {
			t.Errorf("%s: %q, want %q", f, pos.File, want)
		}
	}
	if pos, _ := got.Source(schema.FieldName); pos.Cell() != "D2" || pos.Sheet != "Records" {
		t.Errorf("the cell moved: %+v", pos)
	}
}

// TestAdditionCopiesByteForByte copies two same-named workbooks of two
// folders and the listing, and reads them back.
func TestAdditionCopiesByteForByte(t *testing.T) {
	root := tree(t, "in/a/curation.xlsx", "in/b/curation.xlsx", "in/listing.txt")
	t.Chdir(root)
	plan, err := Plan(source.Inputs{Listings: []string{"in/listing.txt"}, Workbooks: []string{"in/a/curation.xlsx", "in/b/curation.xlsx"}})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	wrote, err := plan.Write(context.Background(), dir, &schema.Release{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"source/a/curation.xlsx", "source/b/curation.xlsx", "source/listing.txt"}
	if !slices.Equal(wrote, want) {
		t.Fatalf("wrote %v, want %v", wrote, want)
	}
	for i, from := range []string{"in/a/curation.xlsx", "in/b/curation.xlsx", "in/listing.txt"} {
		a, _ := os.ReadFile(from)
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(wrote[i])))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s: copy differs (%v)", wrote[i], err)
		}
	}
}

func TestAdditionFailsOnAVanishedSource(t *testing.T) {
	root := tree(t, "in/listing.txt")
	t.Chdir(root)
	plan, err := Plan(source.Inputs{Listings: []string{"in/listing.txt"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove("in/listing.txt"); err != nil {
		t.Fatal(err)
	}
	if _, err := plan.Write(context.Background(), t.TempDir(), &schema.Release{}, nil); err == nil {
		t.Error("copied a source that is gone")
	}
}

// TestWriteRefusesAChangedSource: a source edited after the plan (while
// the release was being read) is not published as the one it was read
// from.
func TestWriteRefusesAChangedSource(t *testing.T) {
	root := tree(t, "in/listing.txt")
	t.Chdir(root)
	plan, err := Plan(source.Inputs{Listings: []string{"in/listing.txt"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("in/listing.txt", []byte("edited meanwhile, and longer\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := plan.Write(context.Background(), t.TempDir(), &schema.Release{}, nil); !errors.Is(err, ErrChanged) {
		t.Errorf("err = %v, want ErrChanged", err)
	}
}

// TestPlanRefusesStandardInput: a release of standard input is refused
// with what to do, not with the error of a file named "-".
func TestPlanRefusesStandardInput(t *testing.T) {
	_, err := Plan(source.Inputs{Listings: []string{source.Stdin}})
	if err == nil || !strings.Contains(err.Error(), "standard input is not a file: save the listing to a file") {
		t.Fatalf("err = %v", err)
	}
}
