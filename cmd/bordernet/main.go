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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first interrupt cancels ctx, and the command stops at its next
	// check, cleaning up; a second one, the signal's default again, ends
	// the process at once.
	go func() {
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
