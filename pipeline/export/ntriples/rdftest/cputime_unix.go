//go:build unix

package rdftest

import (
	"syscall"
	"time"
)

// CPUTime returns the user and system CPU time the process has used so
// far. Benchmarks report throughput per CPU second besides per wall
// second, because on a machine shared with other work the wall clock
// measures the neighbours as much as the code.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
