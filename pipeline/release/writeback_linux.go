package release

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"

	"github.com/bordernet/bordernet/schema"
)

// fileWriter writes to a file, and once a window of bytes is written,
// starts its writeback (sync_file_range), waits for the window before it
// to reach the disk and drops that one from the page cache. At
// most two windows per file are dirty, so the kernel never throttles the
// writers, and gigabytes of release do not push other data out of the
// cache. A file system that refuses any of it only loses the speed-up:
// durability comes from the caller's fsync either way.
type fileWriter struct {
	f        *os.File
	window   int64 // writebackWindow; smaller in tests
	written  int64 // bytes written so far
	started  int64 // bytes whose writeback has been started
	disabled bool
}

// newFileWriter returns the writer a release file's bytes go to. The final
// fsync stays the caller's: early writeback only spreads the disk's work
// over the time the file is written.
func newFileWriter(f *os.File) *fileWriter {
	return &fileWriter{f: f, window: writebackWindow}
}

func (w *fileWriter) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.written += int64(n)
	if !w.disabled && w.written-w.started >= w.window {
		w.writeback()
	}
	return n, err
}

// writeback starts writing out the bytes since the last window and
// finishes the window before it.
func (w *fileWriter) writeback() {
	raw, err := w.f.SyscallConn()
	if err != nil {
		w.disabled = true
		return
	}
	from, to := w.started, w.written
	prev := max(from-w.window, 0)
	ctlErr := raw.Control(func(fd uintptr) {
		if err = unix.SyncFileRange(int(fd), from, to-from, unix.SYNC_FILE_RANGE_WRITE); err != nil {
			return
		}
		if prev < from {
			const wait = unix.SYNC_FILE_RANGE_WAIT_BEFORE | unix.SYNC_FILE_RANGE_WRITE | unix.SYNC_FILE_RANGE_WAIT_AFTER
			if err = unix.SyncFileRange(int(fd), prev, from-prev, wait); err != nil {
				return
			}
			// Advice only: its failure changes nothing written.
			_ = unix.Fadvise(int(fd), prev, from-prev, unix.FADV_DONTNEED)
		}
	})
	if ctlErr != nil || err != nil {
		w.disabled = true
		return
	}
	w.started = to
}

// syncAdded flushes the files the additions wrote into dir, and the
// folders that hold them, with one syncfs(2) of dir's file system.
func syncAdded(dir string, _ []schema.FileInfo) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	defer d.Close()
	if err := unix.Syncfs(int(d.Fd())); err != nil {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	return nil
}
