//go:build windows

package outlock

import (
	"os"

	"golang.org/x/sys/windows"
)

// errWouldBlock is tryLock's error for a lock another process holds.
var errWouldBlock = windows.ERROR_LOCK_VIOLATION

// FoldersLock is false here: Windows cannot lock a folder, so a temporary
// folder cannot be proved abandoned, and Hold of a folder holds nothing.
const FoldersLock = false

// tryLock takes an exclusive lock on f's first byte without waiting.
func tryLock(f *os.File) error {
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return nil
	}
	var ol windows.Overlapped
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
}
