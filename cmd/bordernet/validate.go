package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/bordernet/bordernet/pipeline/report"
	"github.com/bordernet/bordernet/pipeline/source"
)

type validateOptions struct {
	Sources []string
	Format  string // "text" or "json"
	Policy  report.Policy
	Stdout  io.Writer
}

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "check the sources and report every problem at once",
		ArgsUsage: "[SOURCE...]",
		Description: `Reads the listing and the curator workbooks, merges them and checks every
record. Every problem is printed at once, one per line, as
   FILE:LINE: RECORD-ID: FIELD: error[CODE]: message
or, for a workbook cell,
   FILE Sheet!CELL: RECORD-ID: FIELD: warning[CODE]: message
then a summary. Warnings do not block a release (unless --strict); errors
do. Each CODE is explained in docs/problems.md.

Examples:
   bordernet validate
   bordernet validate sources/listing.txt sources/curation.xlsx
   bordernet validate --format json | jq .problems
   bordernet validate --quiet
   bordernet validate --strict --ignore missing-description

Exit codes: 0 no errors, 1 the data has errors (or warnings, with --strict),
2 usage error or unreadable input.`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: "report format: text or json"},
		}, policyFlags()...),
		Action: func(c *cli.Context) error {
			opts := validateOptions{Sources: sourcesOf(c), Format: c.String("format"), Stdout: c.App.Writer}
			if opts.Format != "text" && opts.Format != "json" {
				return usagef("--format must be text or json, not %q", opts.Format)
			}
			var err error
			if opts.Policy, err = policyOf(c); err != nil {
				return err
			}
			return runValidate(opts)
		},
	}
}

func runValidate(opts validateOptions) error {
	ds, err := source.Load(opts.Sources)
	if err != nil {
		if opts.Format == "json" {
			// A script reading the report gets JSON whatever happened;
			// run still says it on standard error.
			_ = report.WriteJSONFailure(opts.Stdout, err)
		}
		return err
	}
	res := opts.Policy.Apply(ds.Problems)
	if opts.Format == "json" {
		err = res.WriteJSON(opts.Stdout, len(ds.Records))
	} else {
		err = res.WriteText(opts.Stdout, len(ds.Records))
	}
	if err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	if n := res.Failed(); n > 0 {
		return &dataError{errors: n}
	}
	return nil
}
