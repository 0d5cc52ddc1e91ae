package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestExitCode(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{nil, 0},
		{&dataError{errors: 3}, 1},
		{fmt.Errorf("wrapped: %w", &dataError{errors: 1}), 1},
		{usagef("bad flag"), 2},
		{errors.New("cannot read"), 2},
		{context.Canceled, 130},
		{fmt.Errorf("publishing: %w", context.Canceled), 130},
	}
	for _, tt := range tests {
		if got := exitCode(tt.err); got != tt.want {
			t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

// TestInterrupt: a release interrupted (its context cancelled, as Ctrl+C
// does through signal.NotifyContext) exits 130 and publishes nothing.
func TestInterrupt(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(t.TempDir(), "out")
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"bordernet", "release", "--out", out, "--date", "2026-11-27", "../../sources"}, &stdout, &stderr)
	if code != 130 || stderr.String() != "bordernet: interrupted; nothing was published\n" {
		t.Errorf("exit %d, stderr %q; want 130 and the interruption said", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(out, "2026-11-27")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an interrupted release left %s/2026-11-27: %v", out, err)
	}
	// Loading stops too: validate and template end with 130, the
	// template unwritten.
	tmpl := filepath.Join(t.TempDir(), "t.xlsx")
	for _, args := range [][]string{
		{"bordernet", "validate", "../../sources"},
		{"bordernet", "template", "--out", tmpl, "../../sources"},
	} {
		stdout.Reset()
		stderr.Reset()
		if code := run(ctx, args, &stdout, &stderr); code != 130 || stdout.Len() > 0 {
			t.Errorf("%q: exit %d, stdout %q; want 130 and no report", args, code, stdout.String())
		}
	}
	if _, err := os.Stat(tmpl); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an interrupted template was written: %v", err)
	}
}
