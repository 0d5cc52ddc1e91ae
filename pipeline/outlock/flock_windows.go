//go:build windows

package outlock

import (
	"os"

	"golang.org/x/sys/windows"
)

// errWouldBlock is tryLock's error for a lock another process holds.
var errWouldBlock = windows.ERROR_LOCK_VIOLATION

// tryLock takes an exclusive lock on f's first byte without waiting.
// Windows cannot lock a folder: a temporary folder then always counts as
// in use, and is never removed as abandoned.
func tryLock(f *os.File) error {
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return errWouldBlock
	}
	var ol windows.Overlapped
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
}
