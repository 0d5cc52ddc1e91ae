package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bordernet/bordernet/pipeline/source"
)

// TestStoreDiskFull releases into an output folder on a real, small file
// system (a tmpfs) with room for less than the store of the records the
// release keeps in its temporary folder: the run exits 2 naming the store
// and the system's reason, and leaves no release, no temporary and no
// latest behind; with room again, the same command publishes.
func TestStoreDiskFull(t *testing.T) {
	bin, sources := buildTools(t, 20000)
	out := t.TempDir()
	if err := syscall.Mount("tmpfs", out, "tmpfs", 0, "size=6m"); err != nil {
		t.Skipf("cannot mount a small file system here (needs root): %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(out, syscall.MNT_DETACH) })
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, "release", "--out", out, "--version", "v1", "--date", "2026-12-01", sources)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Fatalf("err = %v, want exit status 2\n%s", err, &stderr)
	}
	msg := stderr.String()
	if !strings.Contains(msg, "no space left on device") || !strings.Contains(msg, source.SpillFile) && !strings.Contains(msg, source.RecordsFile) {
		t.Errorf("stderr does not name the store and the full disk:\n%s", msg)
	}
	if strings.Contains(stdout.String(), "published") {
		t.Errorf("stdout says something was published:\n%s", &stdout)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != ".lock" {
			t.Errorf("%s is left in the output folder", e.Name())
		}
	}

	// The same release on a disk with room goes through.
	roomy := filepath.Join(t.TempDir(), "out")
	cmd = exec.Command(bin, "release", "--out", roomy, "--version", "v1", "--date", "2026-12-01", sources)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("release with room: %v\n%s", err, b)
	}
	checkRelease(t, filepath.Join(roomy, "v1"))
}

// TestKillWhileStoring kills a release with SIGKILL while it writes the
// store of its records (its scratch folder is there and the release's
// files are not), then runs it again: the next run removes the killed
// run's temporary, store and all, and publishes a whole release. No store
// is left anywhere to be taken for a complete one.
func TestKillWhileStoring(t *testing.T) {
	bin, sources := buildTools(t, 30000)
	out := filepath.Join(t.TempDir(), "out")
	cmd := exec.Command(bin, "release", "--out", out, "--version", "v1", "--date", "2026-12-01", sources)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	storing := func() bool {
		for _, h := range hidden(out) {
			matches, _ := filepath.Glob(filepath.Join(out, h, ".scratch", "*"))
			if len(matches) > 0 {
				return true
			}
		}
		return false
	}
	for deadline := time.Now().Add(time.Minute); !storing() && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	if err := cmd.Wait(); err == nil {
		t.Skip("the release finished before it could be killed while storing")
	}
	left := hidden(out)
	if len(left) == 0 {
		t.Fatal("the killed run left no temporary: the test proves nothing")
	}
	var stderr bytes.Buffer
	again := exec.Command(bin, "release", "--out", out, "--version", "v1", "--date", "2026-12-01", sources)
	again.Stderr = &stderr
	if err := again.Run(); err != nil {
		t.Fatalf("release after the kill: %v\n%s", err, &stderr)
	}
	if !strings.Contains(stderr.String(), "removed what killed or crashed runs left in") {
		t.Errorf("the killed run's temporary %q was removed without a word:\n%s", left, &stderr)
	}
	if rest := hidden(out); len(rest) != 0 {
		t.Errorf("temporaries left: %q", rest)
	}
	checkRelease(t, filepath.Join(out, "v1"))
	if _, err := os.Stat(filepath.Join(out, "v1", ".scratch")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the published release holds the scratch folder: %v", err)
	}
}
