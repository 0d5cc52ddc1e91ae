package release

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/pipeline/export/ntriples"
	"github.com/bordernet/bordernet/schema"
	"github.com/bordernet/bordernet/schema/recordsettest"
)

// TestGoldenReleaseFromCopies publishes the seed's records from a set
// that is not a slice and copies each record as it is read (as a store
// on disk decodes it, wiping the last one), and requires the golden
// release byte for byte: no writer relies on the records being a slice
// or on a *Record outliving its turn.
func TestGoldenReleaseFromCopies(t *testing.T) {
	rel := seedRelease(t) // changes to the repository root
	set := recordsettest.NewCopies(rel.Records.(schema.RecordSlice))
	rel.Records = set
	res, err := Publish(context.Background(), rel, Options{OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	got := readDir(t, res.Dir)
	want := readDir(t, filepath.Join("testdata", "release", "2026-11-27"))
	if len(got) != len(want) {
		t.Errorf("%d files, the golden release has %d", len(got), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(data, got[name]) {
			t.Errorf("%s differs from the golden release when the records are read from copies", name)
		}
	}
	// Each reader walks the records a bounded number of times: the
	// graph (once, for three formats), CSV, CSVW, XLSX, the catalogue.
	reads, passes := set.Reads()
	if n := set.Len(); passes > 8 || reads > 8*n {
		t.Errorf("%d passes reading %d records of %d: a reader walks the records more often than it should", passes, reads, n)
	}
}

// TestUnreadableRecordsPublishNothing: a set whose reader fails half-way
// (a store whose file went bad) leaves no release folder, no temporary,
// an earlier release of the same version as it was, and an error that
// says the records could not be read, whichever reader met it first.
func TestUnreadableRecordsPublishNothing(t *testing.T) {
	seed := seedRelease(t)
	recs := seed.Records.(schema.RecordSlice)
	readsRecords := Addition{Name: "reader", Write: func(_ context.Context, dir string, rel *schema.Release, _ []schema.FileInfo) ([]string, error) {
		n := 0
		for range rel.RecordSet().All() {
			n++
		}
		return nil, os.WriteFile(filepath.Join(dir, "count.txt"), []byte(strings.Repeat("x", n)), 0o644)
	}}
	for _, tc := range []struct {
		name      string
		after     int
		force     bool
		additions []Addition
		specs     []fileSpec // the data files; all when nil
	}{
		{"half-way", len(recs) / 2, false, nil, nil},
		{"at the start", 0, false, nil, nil},
		{"at the last record", len(recs) - 1, false, nil, nil},
		{"over an earlier release", len(recs) / 2, true, nil, nil},
		{"with an addition", len(recs) / 2, false, []Addition{readsRecords}, nil},
		// A writer that does not ask the set for its error: the
		// assembler does.
		{"a writer that does not look", len(recs) / 2, false, nil, []fileSpec{{name: schema.NTriplesFile, graph: ntriples.Write}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			if tc.force {
				if _, err := Publish(context.Background(), seed, Options{OutDir: out}); err != nil {
					t.Fatal(err)
				}
			}
			before := readDirIfExists(t, filepath.Join(out, seed.Version))
			rel := *seed
			rel.Records = recordsettest.NewFailing(recs, tc.after)
			specs := tc.specs
			if specs == nil {
				specs = dataFiles()
			}
			res, err := publish(context.Background(), &rel, Options{OutDir: out, Force: tc.force, Additions: tc.additions}, specs)
			if !errors.Is(err, recordsettest.ErrRead) || !strings.Contains(err.Error(), "reading the records") {
				t.Fatalf("err = %v, want the reader's error, saying the records could not be read", err)
			}
			if res != nil {
				t.Errorf("a result for a release that failed: %+v", res)
			}
			after := readDirIfExists(t, filepath.Join(out, seed.Version))
			if len(before) != len(after) {
				t.Fatalf("the release folder changed: %d files before, %d after", len(before), len(after))
			}
			for name, data := range before {
				if !bytes.Equal(data, after[name]) {
					t.Errorf("%s of the earlier release changed", name)
				}
			}
			assertNoTemporaries(t, out)
			if _, err := os.Lstat(filepath.Join(out, LatestLink)); tc.force == errors.Is(err, os.ErrNotExist) {
				t.Errorf("latest: %v, want it only where an earlier release made it", err)
			}
		})
	}
}
