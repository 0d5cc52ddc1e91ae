package release

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestFileWriterWritesBack checks that early writeback follows the windows
// written and leaves the file's bytes exactly as written, including those
// of windows dropped from the page cache.
func TestFileWriterWritesBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := newFileWriter(f)
	w.window = 4096
	var want bytes.Buffer
	chunk := bytes.Repeat([]byte("0123456789abcdef\n"), 100) // 1700 bytes: windows end mid-write
	for i := range 20 {
		chunk[0] = byte('A' + i)
		if _, err := w.Write(chunk); err != nil {
			t.Fatal(err)
		}
		want.Write(chunk)
	}
	if w.disabled {
		t.Fatal("writeback was disabled on a regular file")
	}
	if w.written != int64(want.Len()) || w.started == 0 || w.written-w.started >= w.window {
		t.Errorf("written %d, writeback started up to %d: want every full window started", w.written, w.started)
	}
	if err := f.Sync(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("file holds %d bytes that differ from the %d written", len(got), want.Len())
	}
}

// TestFileWriterWithoutWriteback checks that a file the kernel cannot
// write back early (a pipe) still gets every byte.
func TestFileWriterWithoutWriteback(t *testing.T) {
	r, wf, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	got := make(chan []byte)
	go func() {
		b, _ := io.ReadAll(r)
		got <- b
	}()
	w := newFileWriter(wf)
	w.window = 100
	want := bytes.Repeat([]byte("x"), 1000)
	for i := 0; i < len(want); i += 250 {
		if _, err := w.Write(want[i : i+250]); err != nil {
			t.Fatal(err)
		}
	}
	wf.Close()
	if !w.disabled {
		t.Error("writeback on a pipe was not given up")
	}
	if b := <-got; !bytes.Equal(b, want) {
		t.Errorf("read %d bytes back, want the %d written", len(b), len(want))
	}
}
