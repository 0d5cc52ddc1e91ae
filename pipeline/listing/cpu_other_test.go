//go:build !unix

package listing

import "time"

// processCPU is not measured here: benchmarks report no CPU rate.
func processCPU() time.Duration { return 0 }

// peakRSS is not measured here.
func peakRSS() int64 { return 0 }
