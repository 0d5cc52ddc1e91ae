//go:build unix

package regular

import (
	"os"
	"syscall"
)

// openNonBlocking opens path without waiting: opening a FIFO for reading
// otherwise blocks until a writer opens it.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// blocking clears O_NONBLOCK again, so reads of the regular file behave as
// usual (a regular file ignores the flag, but say what is meant).
func blocking(f *os.File) error {
	return syscall.SetNonblock(int(f.Fd()), false)
}
