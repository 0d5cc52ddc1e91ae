package release

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bordernet/bordernet/pipeline/outlock"
	"github.com/bordernet/bordernet/schema"
)

// dated returns the seed release as version, dated date.
func dated(rel *schema.Release, version, date string) *schema.Release {
	c := *rel
	c.Version, c.Date = version, date
	return &c
}

func latestOf(t *testing.T, out string) string {
	t.Helper()
	target, err := os.Readlink(filepath.Join(out, LatestLink))
	if err != nil {
		t.Fatalf("latest: %v", err)
	}
	return target
}

func TestDate(t *testing.T) {
	rel := seedRelease(t)
	out := t.TempDir()
	if _, err := Publish(context.Background(), dated(rel, "v1", "2026-12-24"), Options{OutDir: out}); err != nil {
		t.Fatal(err)
	}
	if d, err := Date(filepath.Join(out, "v1")); err != nil || d != "2026-12-24" {
		t.Errorf("Date = %q, %v; want 2026-12-24", d, err)
	}
	if _, err := Date(t.TempDir()); err == nil {
		t.Error("Date of an empty folder succeeded")
	}
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, CatalogFile), []byte(`{"@graph": [{"@id": "x"}]}`), 0o644)
	if _, err := Date(bad); !errors.Is(err, ErrNoDate) {
		t.Errorf("Date of a catalogue without a dataset: %v, want ErrNoDate", err)
	}
}

// TestLatestNeverBackwards: latest follows the release date, not the order
// of the runs; of equal dates the last written wins; --latest=false and a
// back-dated release leave it alone (a release published with
// --latest=false does not become latest later either); a release that
// latest pointed at, replaced with an earlier date, gives way to the
// latest release by date.
func TestLatestNeverBackwards(t *testing.T) {
	rel := seedRelease(t)
	out := t.TempDir()
	steps := []struct {
		version, date string
		opt           Options
		force         bool
		want          string
	}{
		{"v2", "2026-12-01", Options{}, false, "v2"},
		{"v1", "2026-11-01", Options{}, false, "v2"},                  // back-dated: latest stays
		{"v3", "2026-12-15", Options{LeaveLatest: true}, false, "v2"}, // --latest=false
		{"v2b", "2026-12-01", Options{}, false, "v2b"},                // same date as v2, written last (v3 stays out of it)
		{"v4", "2026-12-15", Options{}, false, "v4"},                  // same date as v3, written last
		{"v4", "2026-10-01", Options{}, true, "v3"},                   // v4 replaced, back-dated: v3 is the latest
	}
	for i, s := range steps {
		opt := s.opt
		opt.OutDir, opt.Force = out, s.force
		if _, err := Publish(context.Background(), dated(rel, s.version, s.date), opt); err != nil {
			t.Fatalf("step %d (%s): %v", i, s.version, err)
		}
		if got := latestOf(t, out); got != s.want {
			t.Errorf("step %d (%s %s): latest -> %s, want %s", i, s.version, s.date, got, s.want)
		}
	}
	assertNoTemporaries(t, out)
}

// TestLatestOccupied: a folder, a file or a foreign link named latest is
// refused before anything is written, and left as it was.
func TestLatestOccupied(t *testing.T) {
	rel := seedRelease(t)
	for _, tc := range []struct {
		name string
		make func(path string) error
		kind string
	}{
		{"folder", func(p string) error { return os.Mkdir(p, 0o755) }, "a directory"},
		{"file", func(p string) error { return os.WriteFile(p, []byte("mine"), 0o644) }, "a regular file"},
		{"foreign link", func(p string) error { return os.Symlink("/etc", p) }, `points at "/etc"`},
		{"link upwards", func(p string) error { return os.Symlink("../elsewhere", p) }, `points at "../elsewhere"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			link := filepath.Join(out, LatestLink)
			if err := tc.make(link); err != nil {
				t.Fatal(err)
			}
			_, err := Publish(context.Background(), rel, Options{OutDir: out})
			if !errors.Is(err, ErrLatestOccupied) || !strings.Contains(err.Error(), tc.kind) || !strings.Contains(err.Error(), link) {
				t.Fatalf("err = %v, want ErrLatestOccupied naming %s and saying %s", err, link, tc.kind)
			}
			if left := leftovers(out); len(left) != 1 || left[0] != LatestLink {
				t.Errorf("the output folder holds %q, want only the occupied latest", left)
			}
			// With --latest=false latest is none of the run's business.
			if _, err := Publish(context.Background(), rel, Options{OutDir: out, LeaveLatest: true}); err != nil {
				t.Errorf("with LeaveLatest: %v", err)
			}
		})
	}
}

func TestEmptyReleaseRefused(t *testing.T) {
	rel := dated(seedRelease(t), "empty", "2026-12-01")
	rel.Records = nil
	out := t.TempDir()
	if _, err := Publish(context.Background(), rel, Options{OutDir: out}); !errors.Is(err, ErrNoRecords) {
		t.Fatalf("err = %v, want ErrNoRecords", err)
	}
	if left := leftovers(out); len(left) != 0 {
		t.Errorf("left %q", left)
	}
}

// TestConcurrentSameVersion: of runs publishing one version into one
// folder at once, exactly one succeeds; the others are told the version
// exists or is being written, and the published release is the winner's,
// whole.
func TestConcurrentSameVersion(t *testing.T) {
	rel := seedRelease(t)
	out := t.TempDir()
	const runs = 4
	errs := make([]error, runs)
	var wg sync.WaitGroup
	for i := range runs {
		wg.Go(func() {
			_, errs[i] = Publish(context.Background(), dated(rel, "v1", "2026-12-01"), Options{OutDir: out})
		})
	}
	wg.Wait()
	ok := 0
	for i, err := range errs {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, ErrExists) || errors.Is(err, ErrBusy):
		default:
			t.Errorf("run %d: %v, want ErrExists or ErrBusy", i, err)
		}
	}
	if ok != 1 {
		t.Errorf("%d runs succeeded, want exactly 1 (errors: %v)", ok, errs)
	}
	checkSums(t, filepath.Join(out, "v1"))
	assertNoTemporaries(t, out)
}

// TestConcurrentVersions: runs of different versions at once all publish,
// and latest ends at the one with the latest date, whatever the order in
// which they finished.
func TestConcurrentVersions(t *testing.T) {
	rel := seedRelease(t)
	out := t.TempDir()
	const runs = 6
	errs := make([]error, runs)
	var wg sync.WaitGroup
	for i := range runs {
		wg.Go(func() {
			_, errs[i] = Publish(context.Background(), dated(rel, fmt.Sprintf("v%d", i), fmt.Sprintf("2026-12-%02d", 10-i)), Options{OutDir: out})
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("run %d: %v", i, err)
		}
	}
	if got := latestOf(t, out); got != "v0" {
		t.Errorf("latest -> %s, want v0 (2026-12-10, the latest date)", got)
	}
	for i := range runs {
		checkSums(t, filepath.Join(out, fmt.Sprintf("v%d", i)))
	}
	assertNoTemporaries(t, out)
}

// checkSums checks that every file SHA256SUMS lists is there, whole.
func checkSums(t *testing.T, dir string) {
	t.Helper()
	sums, err := os.ReadFile(filepath.Join(dir, ChecksumFile))
	if err != nil {
		t.Fatal(err)
	}
	files := readDir(t, dir)
	for line := range strings.Lines(string(sums)) {
		sum, name, _ := strings.Cut(strings.TrimSpace(line), "  ")
		data, ok := files[name]
		if !ok {
			t.Errorf("%s: %s missing", dir, name)
			continue
		}
		if got := sha256Hex(data); got != sum {
			t.Errorf("%s: %s has SHA-256 %s, SHA256SUMS says %s", dir, name, got, sum)
		}
	}
}

// TestBusyOutputFolder: a run that cannot get the output folder's lock in
// time says which process holds it, and leaves nothing behind.
func TestBusyOutputFolder(t *testing.T) {
	rel := seedRelease(t)
	out := t.TempDir()
	held, err := outlock.Acquire(context.Background(), out, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Unlock()
	_, err = Publish(context.Background(), rel, Options{OutDir: out, Wait: 200 * time.Millisecond})
	var busy *outlock.BusyError
	if !errors.As(err, &busy) || busy.Holder.PID != os.Getpid() || !strings.Contains(err.Error(), fmt.Sprintf("process %d", os.Getpid())) {
		t.Fatalf("err = %v, want a BusyError naming process %d", err, os.Getpid())
	}
	if left := leftovers(out); len(left) != 0 {
		t.Errorf("left %q", left)
	}
	// Released, the folder is free again.
	held.Unlock()
	if _, err := Publish(context.Background(), rel, Options{OutDir: out}); err != nil {
		t.Fatal(err)
	}
}

// TestRemovesAbandonedTemporaries: what killed runs left (a temporary
// release, a moved-aside release, a latest link being made) is removed or
// put back by the next run, which says so in one line; a temporary
// folder that a live run holds is not touched, and its version is
// refused as being written.
func TestRemovesAbandonedTemporaries(t *testing.T) {
	rel := seedRelease(t)
	out := t.TempDir()
	mk := func(name string) string {
		p := filepath.Join(out, name)
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(p, "bordernet.nt"), bytes.Repeat([]byte("x"), 1<<20), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	mk(".tmp-4242-123456-2026-11-01")     // killed while writing
	mk(".old-4242-123457-v-aside")        // killed between the two renames of --force
	mk(".old-4242-123458-v-kept")         // killed after the second rename
	mk("v-kept")                          // ... so the new release is in place
	live := mk(".tmp-4343-123459-v-live") // a live run, writing v-live
	foreign := mk(".tmp-not-ours")        // not a name of ours
	os.Symlink("v-kept", filepath.Join(out, ".latest-4242-0-v-kept"))
	hold, err := outlock.Hold(live)
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Unlock()

	var log bytes.Buffer
	if _, err := Publish(context.Background(), dated(rel, "v-new", "2026-12-01"), Options{OutDir: out, Log: &log}); err != nil {
		t.Fatal(err)
	}
	want := []string{".tmp-not-ours", ".tmp-4343-123459-v-live", LatestLink, "v-aside", "v-kept", "v-new"}
	got := leftovers(out)
	if strings.Join(got, " ") != strings.Join(sorted(want), " ") {
		t.Errorf("after the run: %q, want %q", got, sorted(want))
	}
	if _, err := os.Stat(filepath.Join(out, "v-aside", "bordernet.nt")); err != nil {
		t.Errorf("the moved-aside release was not put back: %v", err)
	}
	if _, err := os.Stat(filepath.Join(foreign, "bordernet.nt")); err != nil {
		t.Errorf("a folder not of bordernet's naming was touched: %v", err)
	}
	msg := log.String()
	if strings.Count(msg, "\n") != 2 || !strings.Contains(msg, ".tmp-4242-123456-2026-11-01") || !strings.Contains(msg, ".old-4242-123458-v-kept") ||
		!strings.Contains(msg, ".latest-4242-0-v-kept") || !strings.Contains(msg, "restored the release v-aside") {
		t.Errorf("log:\n%s", msg)
	}

	// The live run's version is being written: refused at once.
	_, err = Publish(context.Background(), dated(rel, "v-live", "2026-12-01"), Options{OutDir: out})
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "process 4343") {
		t.Errorf("publishing a version being written: %v, want ErrBusy naming process 4343", err)
	}
	if _, err := os.Stat(filepath.Join(live, "bordernet.nt")); err != nil {
		t.Errorf("the live temporary was touched: %v", err)
	}
}

func sorted(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// TestParseTemp: the names of temporaries read back as the pid and
// version they were made with; other names are not taken for ours.
func TestParseTemp(t *testing.T) {
	for _, tc := range []struct {
		rest, pid, version string
		ok                 bool
	}{
		{"4242-123456-2026-11-01", "4242", "2026-11-01", true},
		{"1-2-v1.0_rc", "1", "v1.0_rc", true},
		{"not-ours", "", "", false},
		{"4242-123456-", "", "", false},
		{"4242-123456-../x", "", "", false},
		{"4242", "", "", false},
	} {
		pid, version, ok := parseTemp(tc.rest)
		if ok != tc.ok || ok && (pid != tc.pid || version != tc.version) {
			t.Errorf("parseTemp(%q) = %q, %q, %v", tc.rest, pid, version, ok)
		}
	}
}
