package release

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestFullDisk publishes onto a real, small file system (a tmpfs, where
// the test may mount one) that fills up half-way through a release: the
// run fails with the system's message, leaves no temporary, and the
// release published before and latest are as they were.
func TestFullDisk(t *testing.T) {
	rel := seedRelease(t)
	out := t.TempDir()
	if err := syscall.Mount("tmpfs", out, "tmpfs", 0, "size=4m"); err != nil {
		t.Skipf("cannot mount a small file system here (needs root): %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(out, syscall.MNT_DETACH) })
	first, err := Publish(context.Background(), dated(rel, "v1", "2026-11-01"), Options{OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	before := readDir(t, first.Dir)
	// Leave less room than a release takes.
	var size int64
	for _, f := range first.Files {
		size += f.Size
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(out, &st); err != nil {
		t.Fatal(err)
	}
	free := int64(st.Bavail) * st.Bsize
	filler := make([]byte, free-size/2)
	if err := os.WriteFile(filepath.Join(out, "filler"), filler, 0o644); err != nil && !errors.Is(err, syscall.ENOSPC) {
		t.Fatal(err)
	}

	_, err = Publish(context.Background(), dated(rel, "v2", "2026-12-01"), Options{OutDir: out})
	if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("err = %v, want ENOSPC", err)
	}
	if _, err := os.Lstat(filepath.Join(out, "v2")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("v2 exists after the failure: %v", err)
	}
	after := readDir(t, first.Dir)
	for name, data := range before {
		if string(after[name]) != string(data) {
			t.Errorf("%s of the earlier release changed", name)
		}
	}
	if got := latestOf(t, out); got != "v1" {
		t.Errorf("latest -> %s, want v1", got)
	}
	assertNoTemporaries(t, out)

	// Room again: the release goes through.
	os.Remove(filepath.Join(out, "filler"))
	if _, err := Publish(context.Background(), dated(rel, "v2", "2026-12-01"), Options{OutDir: out}); err != nil {
		t.Fatal(err)
	}
	if got := latestOf(t, out); got != "v2" {
		t.Errorf("latest -> %s, want v2", got)
	}
}
