package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

// TestFullFileSystem writes a store onto a real, small file system (a
// tmpfs, where the test may mount one) until it is full: the writer
// reports the system's ENOSPC, Commit refuses, and nothing is left on the
// file system, which takes a store again once there is room.
func TestFullFileSystem(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=2m"); err != nil {
		t.Skipf("cannot mount a small file system here (needs root): %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	path := filepath.Join(dir, "records.store")
	w, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	rec := &schema.Record{ID: "x", Description: strings.Repeat("d", 1000), Origin: schema.Position{File: "l.txt", Line: 1}}
	var addErr error
	for range 10000 { // 10 MB: five times the room
		if _, addErr = w.Add(rec); addErr != nil {
			break
		}
	}
	if !errors.Is(addErr, syscall.ENOSPC) || !strings.Contains(addErr.Error(), path+PartSuffix) {
		t.Fatalf("Add on a full disk: %v, want ENOSPC naming the file", addErr)
	}
	if set, err := w.Commit(); !errors.Is(err, syscall.ENOSPC) {
		if set != nil {
			set.Close()
		}
		t.Fatalf("Commit on a full disk: %v, want ENOSPC", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left on the file system: %v", left)
	}

	w, err = Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	for range 1000 {
		if _, err := w.Add(rec); err != nil {
			t.Fatal(err)
		}
	}
	set, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	if set.Len() != 1000 || set.At(999).Description != rec.Description || set.Err() != nil {
		t.Errorf("the store written with room: %d records, %v", set.Len(), set.Err())
	}
}
