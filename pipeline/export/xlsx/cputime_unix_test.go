//go:build unix

package xlsx_test

import (
	"syscall"
	"time"
)

// cpuTime returns the user and system CPU time the process has used so
// far, garbage collection included. The benchmarks report it besides the
// wall clock, which on a shared machine measures the neighbours too.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
