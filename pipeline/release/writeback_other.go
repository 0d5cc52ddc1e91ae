//go:build !linux

package release

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/bordernet/bordernet/schema"
)

// fileWriter writes to a file. Only Linux has the early writeback of
// writeback_linux.go; elsewhere the caller's fsync does all of it.
type fileWriter struct{ f *os.File }

func newFileWriter(f *os.File) *fileWriter { return &fileWriter{f: f} }

func (w *fileWriter) Write(p []byte) (int, error) { return w.f.Write(p) }

// syncAdded flushes the files the additions wrote into dir, and the
// folders that hold them, one by one.
func syncAdded(dir string, files []schema.FileInfo) error {
	dirs := map[string]bool{dir: true}
	for _, f := range files {
		path := filepath.Join(dir, filepath.FromSlash(f.Name))
		dirs[filepath.Dir(path)] = true
		if err := syncPath(path); err != nil {
			return err
		}
	}
	for d := range dirs {
		if err := syncPath(d); err != nil {
			return err
		}
	}
	return nil
}

func syncPath(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("syncing %s: %w", path, err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("syncing %s: %w", path, err)
	}
	return nil
}
