//go:build unix

package regular

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOpen opens every kind of file a source path can name: only the
// regular file (directly or through a symbolic link) opens, and nothing
// blocks, the FIFO without a writer included.
func TestOpen(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "listing.txt")
	if err := os.WriteFile(file, []byte("text\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.txt")
	if err := os.Symlink(file, link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	sub := filepath.Join(dir, "dir.txt")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "s.txt")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()

	for _, tc := range []struct {
		path string
		kind string // "" when it opens
	}{
		{file, ""},
		{link, ""},
		{fifo, "a FIFO (named pipe)"},
		{sub, "a directory"},
		{sock, "a socket"},
		{"/dev/null", "a character device"},
	} {
		t.Run(filepath.Base(tc.path), func(t *testing.T) {
			f, err := Open(tc.path)
			if tc.kind == "" {
				if err != nil {
					t.Fatalf("Open: %v", err)
				}
				defer f.Close()
				buf := make([]byte, 5)
				if n, err := f.Read(buf); err != nil || string(buf[:n]) != "text\n" {
					t.Fatalf("read %q, %v", buf[:n], err)
				}
				return
			}
			if err == nil {
				f.Close()
				t.Fatalf("Open(%s) succeeded", tc.path)
			}
			if !errors.Is(err, ErrNotRegular) && tc.kind != "a socket" {
				t.Errorf("error %v does not wrap ErrNotRegular", err)
			}
			// A socket cannot even be opened: the open fails with its own error.
			if !strings.Contains(err.Error(), tc.path) {
				t.Errorf("error %q does not name %s", err, tc.path)
			}
			if tc.kind != "a socket" && !strings.Contains(err.Error(), tc.kind) {
				t.Errorf("error %q does not say it is %s", err, tc.kind)
			}
		})
	}
}
