//go:build !unix

package xlsx_test

import "time"

// cpuTime is not measured on this platform: the benchmarks report wall
// clock figures only.
func cpuTime() time.Duration { return 0 }
