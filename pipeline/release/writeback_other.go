//go:build !linux

package release

import "os"

// fileWriter writes to a file. Only Linux has the early writeback of
// writeback_linux.go; elsewhere the caller's fsync does all of it.
type fileWriter struct{ f *os.File }

func newFileWriter(f *os.File) *fileWriter { return &fileWriter{f: f} }

func (w *fileWriter) Write(p []byte) (int, error) { return w.f.Write(p) }
