//go:build !unix

package rdftest

import "time"

// CPUTime is not measured on this platform: it returns 0, and benchmarks
// report wall-clock throughput only.
func CPUTime() time.Duration { return 0 }
