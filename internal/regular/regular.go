// Package regular opens input files that must be regular files. A FIFO,
// a device, a socket or a directory named where a listing, a workbook or
// dataset.json is expected is refused at once, naming it, instead of
// blocking the run on a FIFO with no writer or reading a device forever.
package regular

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// ErrNotRegular is wrapped by the error for a path that is not a regular
// file (a directory, a FIFO, a device, a socket).
var ErrNotRegular = errors.New("not a regular file")

// Open opens path for reading if it is a regular file (or a symbolic link
// to one). The check is made on the opened file, so a file swapped for a
// FIFO between a check and the open cannot block the caller.
func Open(path string) (*os.File, error) {
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if err := Check(info); err != nil {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	if err := blocking(f); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// Check returns nil when info describes a regular file, else an error
// wrapping ErrNotRegular that says what the file is.
func Check(info fs.FileInfo) error {
	if info.Mode().IsRegular() {
		return nil
	}
	return fmt.Errorf("%w: it is %s", ErrNotRegular, Kind(info.Mode()))
}

// Kind names the type of a file for a message: "a directory", "a FIFO
// (named pipe)", ...
func Kind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "a regular file"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO (named pipe)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}
