package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/bordernet/bordernet/pipeline/series"
)

// buildTools builds bordernet and writes a synthetic dataset of n records,
// for the tests that run the command as a process of its own (to kill it).
func buildTools(t *testing.T, n int) (bin, sources string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the command and a synthetic dataset")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build bordernet with")
	}
	dir := t.TempDir()
	bin = filepath.Join(dir, "bordernet")
	if out, err := exec.Command(goCmd, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	sources = filepath.Join(dir, "sources")
	if out, err := exec.Command(goCmd, "run", "../synth", "-n", fmt.Sprint(n), "-out", sources).CombinedOutput(); err != nil {
		t.Fatalf("synth: %v\n%s", err, out)
	}
	return bin, sources
}

// checkRelease checks that every file SHA256SUMS lists in dir is whole.
func checkRelease(t *testing.T, dir string) {
	t.Helper()
	sums, err := os.ReadFile(filepath.Join(dir, "SHA256SUMS"))
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	files := 0
	for line := range strings.Lines(string(sums)) {
		want, name, _ := strings.Cut(strings.TrimSpace(line), "  ")
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", dir, err)
			continue
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != want {
			t.Errorf("%s/%s does not match SHA256SUMS", dir, name)
		}
		files++
	}
	if files < 8 {
		t.Errorf("%s: SHA256SUMS lists %d files", dir, files)
	}
}

// hidden lists the entries of out that are temporaries of a run (every
// hidden entry but the lock file).
func hidden(out string) []string {
	entries, _ := os.ReadDir(out)
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") && e.Name() != ".lock" {
			names = append(names, e.Name())
		}
	}
	return names
}

// TestKillAndRestart kills releases with SIGKILL at random moments, then
// runs one more: it removes every temporary the killed runs left, says so,
// and every release that was published is whole, latest included.
func TestKillAndRestart(t *testing.T) {
	bin, sources := buildTools(t, 10000)
	out := filepath.Join(t.TempDir(), "out")
	release := func(version string) *exec.Cmd {
		cmd := exec.Command(bin, "release", "--out", out, "--version", version, "--date", "2026-12-01", sources)
		cmd.Stdout, cmd.Stderr = nil, nil
		return cmd
	}
	start := time.Now()
	if err := release("v0").Run(); err != nil {
		t.Fatalf("first release: %v", err)
	}
	took := time.Since(start)

	rng := rand.New(rand.NewPCG(1, 2))
	killed := 0
	for i := 1; i <= 8; i++ {
		cmd := release(fmt.Sprintf("v%d", i))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill it while it writes: once its temporary folder is there,
		// at a random moment of the writing.
		writing := func() bool {
			return slices.ContainsFunc(hidden(out), func(name string) bool { return strings.HasSuffix(name, fmt.Sprintf("-v%d", i)) })
		}
		for deadline := time.Now().Add(time.Minute); !writing() && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(took / 2))))
		cmd.Process.Signal(syscall.SIGKILL)
		if err := cmd.Wait(); err != nil {
			killed++
		}
	}
	left := hidden(out)
	t.Logf("%d of 8 runs killed before they finished; they left %q", killed, left)
	if len(left) == 0 {
		t.Fatal("the killed runs left nothing to clean up: the test proves nothing")
	}

	var stderr bytes.Buffer
	last := release("final")
	last.Stderr = &stderr
	if err := last.Run(); err != nil {
		t.Fatalf("release after the kills: %v\n%s", err, stderr.String())
	}
	if rest := hidden(out); len(rest) != 0 {
		t.Errorf("temporaries left after a successful run: %q", rest)
	}
	if len(left) > 0 && !strings.Contains(stderr.String(), "removed what killed or crashed runs left in") {
		t.Errorf("the run removed %q without a word:\n%s", left, stderr.String())
	}
	if strings.Count(stderr.String(), "removed what killed") > 1 {
		t.Errorf("more than one line about the cleanup:\n%s", stderr.String())
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		// Beside the releases: latest and the series catalogue.
		if !strings.HasPrefix(e.Name(), ".") && e.Name() != "latest" && e.Name() != series.TurtleFile && e.Name() != series.JSONLDFile {
			checkRelease(t, filepath.Join(out, e.Name()))
		}
	}
	checkRelease(t, filepath.Join(out, "latest"))
}

// TestConcurrentProcesses runs releases as processes at once: of one
// version exactly one succeeds and the other exits 2 saying why; of two
// versions both succeed, and latest is the one with the later date.
func TestConcurrentProcesses(t *testing.T) {
	bin, sources := buildTools(t, 5000)
	run2 := func(out string, args ...[]string) ([2]int, [2]string) {
		var codes [2]int
		var msgs [2]string
		var wg sync.WaitGroup
		for i := range 2 {
			wg.Go(func() {
				cmd := exec.Command(bin, append([]string{"release", "--out", out}, append(args[i], sources)...)...)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				err := cmd.Run()
				var exit *exec.ExitError
				if errors.As(err, &exit) {
					codes[i] = exit.ExitCode()
				} else if err != nil {
					codes[i] = -1
				}
				msgs[i] = stderr.String()
			})
		}
		wg.Wait()
		return codes, msgs
	}

	out := filepath.Join(t.TempDir(), "same")
	codes, msgs := run2(out, []string{"--date", "2026-12-01"}, []string{"--date", "2026-12-01"})
	ok, refused := 0, 0
	for i, c := range codes {
		switch {
		case c == 0:
			ok++
		case c == 2 && (strings.Contains(msgs[i], "release exists") || strings.Contains(msgs[i], "is being written by another run")):
			refused++
		default:
			t.Errorf("run %d: exit %d\n%s", i, c, msgs[i])
		}
	}
	if ok != 1 || refused != 1 {
		t.Errorf("same version: %d succeeded, %d refused; want 1 and 1 (%v)", ok, refused, msgs)
	}
	checkRelease(t, filepath.Join(out, "2026-12-01"))

	out = filepath.Join(t.TempDir(), "two")
	codes, msgs = run2(out, []string{"--date", "2026-12-01"}, []string{"--date", "2026-12-02"})
	if codes != [2]int{0, 0} {
		t.Errorf("two versions: exit codes %v\n%s", codes, strings.Join(msgs[:], "\n"))
	}
	if target, err := os.Readlink(filepath.Join(out, "latest")); err != nil || target != "2026-12-02" {
		t.Errorf("latest -> %q (%v), want 2026-12-02", target, err)
	}
	if rest := hidden(out); len(rest) != 0 {
		t.Errorf("temporaries left: %q", rest)
	}
}

// TestNonRegularSources: a FIFO, a socket, a device or a folder where a
// source is expected is refused at once (exit 2, naming it), whether named
// directly or found in a source folder; nothing waits for a writer.
func TestNonRegularSources(t *testing.T) {
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	copyFile := func(from, to string) {
		data, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name string // the source, in its own folder
		make func(path string) error
		kind string
	}{
		{"listing.txt", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "a FIFO"},
		{"curation.xlsx", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "a FIFO"},
		{"dataset.json", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "a FIFO"},
		{"listing.txt", func(p string) error { return os.Mkdir(p, 0o755) }, "a directory"},
		{"curation.xlsx", func(p string) error { return os.Symlink("/dev/null", p) }, "a character device"},
		{"listing.txt", func(p string) error {
			l, err := net.Listen("unix", p)
			if err == nil {
				t.Cleanup(func() { l.Close() })
			}
			return err
		}, "a socket"},
	} {
		t.Run(tc.name+" "+tc.kind, func(t *testing.T) {
			src := filepath.Join(dir, fmt.Sprintf("%s-%s", strings.ReplaceAll(tc.kind, " ", "-"), tc.name))
			if err := os.Mkdir(src, 0o755); err != nil {
				t.Fatal(err)
			}
			for _, f := range []string{"listing.txt", "curation.xlsx", "dataset.json"} {
				if f != tc.name {
					copyFile(filepath.Join(repo, "sources", f), filepath.Join(src, f))
				}
			}
			path := filepath.Join(src, tc.name)
			if err := tc.make(path); err != nil {
				t.Skipf("cannot make %s here: %v", tc.kind, err)
			}
			calls := [][]string{{src}}
			if tc.kind != "a directory" { // a folder named directly is a source folder
				calls = append(calls, []string{filepath.Join(src, "listing.txt"), path})
			}
			for _, args := range calls {
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				var stdout, stderr bytes.Buffer
				code := run(ctx, append([]string{"bordernet", "validate"}, args...), &stdout, &stderr)
				cancel()
				if code != 2 || !strings.Contains(stderr.String(), tc.name) || !strings.Contains(stderr.String(), tc.kind) {
					t.Errorf("validate %q: exit %d, stderr %q; want 2 naming %s as %s", args, code, stderr.String(), tc.name, tc.kind)
				}
			}
		})
	}
}
