package main

import (
	"fmt"
	"io"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// The environment variables that make a run write Go profiles, for
// scripts/bench.sh to say where the time and memory of a large release
// go. They are not flags: profiling is for people measuring bordernet,
// not part of what a command does.
const (
	cpuProfileEnv = "BORDERNET_CPUPROFILE"
	// The heap profile is written each time the live heap (as of the
	// last collection) has grown by a tenth since the last one written,
	// so the file left at the end shows what was live at the peak,
	// not at the end, when little is.
	memProfileEnv = "BORDERNET_MEMPROFILE"
)

// startProfiles starts the profiles the environment asks for and returns
// the function that ends them. A profile that cannot be written is a
// warning on stderr: the run itself goes on.
func startProfiles(getenv func(string) string, stderr io.Writer) (stop func()) {
	warn := func(env string, err error) { fmt.Fprintf(stderr, "bordernet: warning: %s: %v\n", env, err) }
	var cpu *os.File
	if path := getenv(cpuProfileEnv); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			warn(cpuProfileEnv, err)
		} else {
			cpu = f
		}
	}
	done := make(chan struct{})
	watched := make(chan struct{})
	if path := getenv(memProfileEnv); path != "" {
		go func() {
			defer close(watched)
			sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
			var written uint64
			tick := time.NewTicker(100 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-done:
					return
				case <-tick.C:
				}
				metrics.Read(sample)
				if live := sample[0].Value.Uint64(); live > written+written/10 {
					if err := writeHeapProfile(path); err != nil {
						warn(memProfileEnv, err)
						return
					}
					written = live
				}
			}
		}()
	} else {
		close(watched)
	}
	return func() {
		close(done)
		<-watched
		if cpu != nil {
			pprof.StopCPUProfile()
			if err := cpu.Close(); err != nil {
				warn(cpuProfileEnv, err)
			}
		}
	}
}

// writeHeapProfile writes the heap profile to path, whole or not at all.
func writeHeapProfile(path string) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	err = pprof.Lookup("heap").WriteTo(f, 0)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	return err
}
