package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestProfiles: the environment variables make a run write a CPU profile
// and a heap profile (gzip-compressed protocol buffers, as go tool pprof
// reads).
func TestProfiles(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{
		cpuProfileEnv: filepath.Join(dir, "cpu.pprof"),
		memProfileEnv: filepath.Join(dir, "heap.pprof"),
	}
	var stderr bytes.Buffer
	stop := startProfiles(func(k string) string { return env[k] }, &stderr)
	hold := make([][]byte, 0, 64)
	for range 64 {
		hold = append(hold, make([]byte, 1<<20)) // a heap that grows
		time.Sleep(5 * time.Millisecond)
	}
	stop()
	_ = hold
	if stderr.Len() > 0 {
		t.Fatalf("warnings: %s", &stderr)
	}
	for _, path := range env {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
			t.Errorf("%s is not a gzip-compressed profile", path)
		}
	}

	// A profile that cannot be written is a warning, not a failed run.
	env[cpuProfileEnv] = filepath.Join(dir, "no-such-folder", "cpu.pprof")
	delete(env, memProfileEnv)
	startProfiles(func(k string) string { return env[k] }, &stderr)()
	if !bytes.Contains(stderr.Bytes(), []byte("warning: "+cpuProfileEnv)) {
		t.Errorf("an unwritable profile: stderr %q", &stderr)
	}
}
