//go:build !unix

package merge

import "time"

// processCPU is not measured here: benchmarks report no CPU rate.
func processCPU() time.Duration { return 0 }
