// Package outlock owns the locks of an output folder: the lock on the
// folder itself (OUT/.lock), which serialises the runs that change what
// the folder publishes, and the locks that mark a temporary folder as
// being written by a live run.
//
// Both are advisory flock(2) locks. The kernel drops them when their
// process ends, however it ends: a SIGKILL or a power cut never leaves a
// stale lock behind, and a temporary folder whose lock can be taken is
// provably abandoned. The lock file holds the pid and start time of the
// run holding it, so that a run that waits in vain can say who it waited
// for; the file itself is never removed (removing it would let two runs
// lock two different files of the same name).
package outlock

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// FileName is the lock file in an output folder.
const FileName = ".lock"

// ErrBusy is wrapped by the errors for a lock another live process holds.
var ErrBusy = errors.New("in use by another run")

// A Lock is a held flock. Unlock releases it; the kernel releases it when
// the process ends.
type Lock struct {
	f *os.File
}

// Unlock releases the lock. It is safe to call more than once.
func (l *Lock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close() // closing the last descriptor drops the flock
	l.f = nil
	return err
}

// Holder is what a lock file says about the run holding it.
type Holder struct {
	PID     int
	Started time.Time
}

func (h Holder) String() string {
	if h.PID == 0 {
		return "another run"
	}
	return fmt.Sprintf("process %d (started %s)", h.PID, h.Started.UTC().Format(time.RFC3339))
}

// BusyError is the error for an output folder locked by another run for
// longer than the caller would wait.
type BusyError struct {
	Dir    string
	Holder Holder
	Waited time.Duration
}

func (e *BusyError) Error() string {
	return fmt.Sprintf("output folder %s is %v: %s holds its lock (%s); waited %s: retry when it has finished, or use another --out",
		e.Dir, ErrBusy, e.Holder, filepath.Join(e.Dir, FileName), e.Waited)
}

func (e *BusyError) Unwrap() error { return ErrBusy }

// pollEvery is how often a waiting run tries the lock again.
const pollEvery = 50 * time.Millisecond

// Acquire locks the output folder dir (which must exist), waiting up to
// wait for a run that holds it, and writes this process's pid and start
// time into the lock file. It returns a *BusyError when the wait ends
// with the lock still held, and ctx's error when ctx is done first.
func Acquire(ctx context.Context, dir string, wait time.Duration) (*Lock, error) {
	path := filepath.Join(dir, FileName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("locking the output folder: %w", err)
	}
	deadline := time.Now().Add(wait)
	for {
		err := tryLock(f)
		if err == nil {
			break
		}
		if !errors.Is(err, errWouldBlock) {
			f.Close()
			return nil, fmt.Errorf("locking the output folder: %s: %w", path, err)
		}
		left := time.Until(deadline)
		if left <= 0 {
			h := readHolder(f)
			f.Close()
			return nil, &BusyError{Dir: dir, Holder: h, Waited: wait}
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(min(pollEvery, left)):
		}
	}
	if err := writeHolder(f, Holder{PID: os.Getpid(), Started: time.Now()}); err != nil {
		f.Close()
		return nil, fmt.Errorf("locking the output folder: writing %s: %w", path, err)
	}
	return &Lock{f: f}, nil
}

// writeHolder replaces the lock file's content with h.
func writeHolder(f *os.File, h Holder) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	_, err := f.WriteAt([]byte(fmt.Sprintf("pid %d\nstarted %s\n", h.PID, h.Started.UTC().Format(time.RFC3339Nano))), 0)
	return err
}

// readHolder reads what the lock file says; a zero Holder when it says
// nothing readable (the holder may be writing it right now).
func readHolder(f *os.File) Holder {
	buf := make([]byte, 256)
	n, _ := f.ReadAt(buf, 0)
	var h Holder
	for line := range strings.SplitSeq(string(buf[:n]), "\n") {
		key, value, _ := strings.Cut(line, " ")
		switch key {
		case "pid":
			h.PID, _ = strconv.Atoi(value)
		case "started":
			h.Started, _ = time.Parse(time.RFC3339Nano, value)
		}
	}
	return h
}

// Hold locks the existing file or folder at path without waiting: it
// marks a temporary folder as being written by this process. It returns
// an error wrapping ErrBusy when a live process holds it already; a lock
// that Hold can take proves that whoever held it has ended (where
// FoldersLock is false, a folder's lock proves nothing).
func Hold(path string) (*Lock, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if err := tryLock(f); err != nil {
		f.Close()
		if errors.Is(err, errWouldBlock) {
			return nil, fmt.Errorf("%s: %w", path, ErrBusy)
		}
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	return &Lock{f: f}, nil
}
