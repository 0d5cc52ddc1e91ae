// Command synth writes a synthetic bordernet dataset of any size, for the
// benchmarks: a listing in the style of sources/listing.txt, a curator
// workbook enriching about a tenth of its records (and adding some records
// of its own), and the dataset metadata the release reads. The same seed
// gives the same bytes. It is a developer tool, not part of the
// user-facing CLI.
//
//	go run ./cmd/synth -n 100000 -out /tmp/synth100k [-seed 1]
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole command, testable in-process: 0 on success, 1 when
// writing fails, 2 for a usage error.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: synth -n N -out DIR [-seed S]")
		fmt.Fprintln(stderr, "writes DIR/listing.txt, DIR/curation.xlsx and DIR/dataset.json: a valid synthetic dataset of N listing records")
		fs.PrintDefaults()
	}
	n := fs.Int("n", 0, "number of listing records (at least 1)")
	out := fs.String("out", "", "output directory (created if missing; its files are overwritten)")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same bytes")
	curated := fs.Float64("curated", 0.1, "share of listing records the workbook enriches (0 to 1)")
	wbOnly := fs.Float64("workbook-only", 0.01, "records only in the workbook, per listing record (0 to 1)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "synth: unexpected argument %q (flags go before arguments, and there are none)\n", fs.Arg(0))
		return 2
	case *n < 1:
		fmt.Fprintln(stderr, "synth: -n must be at least 1")
		return 2
	case *out == "":
		fmt.Fprintln(stderr, "synth: -out DIR is required")
		return 2
	case *curated < 0 || *curated > 1 || *wbOnly < 0 || *wbOnly > 1:
		fmt.Fprintln(stderr, "synth: -curated and -workbook-only are shares between 0 and 1")
		return 2
	}
	start := time.Now()
	sum, err := generate(*out, options{n: *n, seed: *seed, curated: *curated, wbOnly: *wbOnly})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "synth: %s: %d listing records (%d without description, %d bytes), %d workbook rows (%d enriching, %d new), in %.1fs\n",
		*out, sum.entries, sum.withoutDesc, sum.listingBytes, sum.enriched+sum.workbookOnly, sum.enriched, sum.workbookOnly, time.Since(start).Seconds())
	return 0
}
