//go:build unix

package outlock

import (
	"os"

	"golang.org/x/sys/unix"
)

// FoldersLock says whether Hold can lock a folder, so that a temporary
// folder whose lock is free is proved abandoned.
const FoldersLock = true

// errWouldBlock is tryLock's error for a lock another process holds.
var errWouldBlock = unix.EWOULDBLOCK

// tryLock takes an exclusive flock on f without waiting. flock works on
// folders too, which is how a temporary folder is marked as in use.
func tryLock(f *os.File) error {
	return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
}
