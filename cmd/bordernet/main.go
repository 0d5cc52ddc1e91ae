// Command bordernet reads the listing of European border and migration
// cooperation bodies and the curators' workbooks, validates them, and
// publishes versioned linked-data releases.
//
// The command is thin: it parses flags, wires the pipeline packages
// together and turns errors into exit codes. main only calls run, so the
// whole command is testable in-process.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	os.Exit(runWithSignals())
}

// runWithSignals runs the command with SIGINT and SIGTERM cancelling its
// context: a release stops and leaves nothing, serve finishes the requests
// in flight and stops. The first interrupt cancels the context, and the
// command stops at its next check, cleaning up; a second one, the signal's
// default again, ends the process at once. The tests' bordernet runs it
// too.
func runWithSignals() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()
	defer startProfiles(os.Getenv, os.Stderr)()
	return run(ctx, os.Args, os.Stdout, os.Stderr)
}
