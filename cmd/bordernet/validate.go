package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/bordernet/bordernet/pipeline/annotate"
	"github.com/bordernet/bordernet/pipeline/changes"
	"github.com/bordernet/bordernet/pipeline/report"
)

type validateOptions struct {
	Sources  []string
	Format   string // "text" or "json"
	OutDir   string // releases to compare with ("" for none)
	Policy   report.Policy
	Annotate string // folder for annotated copies of the workbooks; "" for none
	Stdout   io.Writer
	Stderr   io.Writer
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

When --out holds a release, the records are also compared with the latest
one: a line says what changed ("changes since 2026-11-27: 1 added, 2
changed, 1 fact removed"), a field that lost its value is a warning
(fact-removed), and an id that any release in --out published and the
sources lack is an error (id-dropped): retire a record, never delete it.

Examples:
   bordernet validate
   bordernet validate sources/listing.txt sources/curation.xlsx
   bordernet validate --format json | jq .problems
   bordernet validate --quiet
   bordernet validate --strict --ignore missing-description
   bordernet validate --annotate annotated

With --annotate DIR, a copy of each workbook read is written into DIR (never
over the original, nor into a folder the sources are read from), with every
problem cell highlighted and commented and a first sheet Problems linking to
each problem (docs/curation.md).

Exit codes: 0 no errors, 1 the data has errors (or warnings, with --strict),
2 usage error or unreadable input.`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: "report format: text or json"},
			&cli.StringFlag{Name: "out", Value: "out", Usage: "folder of the releases to compare with (the latest one)"},
			&cli.StringFlag{Name: "annotate", Usage: "write a copy of each workbook into `DIR` with its problems marked on their cells"},
		}, policyFlags()...),
		Action: func(c *cli.Context) error {
			opts := validateOptions{Sources: sourcesOf(c), Format: c.String("format"), OutDir: c.String("out"),
				Annotate: c.String("annotate"), Stdout: c.App.Writer, Stderr: c.App.ErrWriter}
			if opts.Format != "text" && opts.Format != "json" {
				return usagef("--format must be text or json, not %q", opts.Format)
			}
			var err error
			if opts.Policy, err = policyOf(c); err != nil {
				return err
			}
			return runValidate(c.Context, opts)
		},
	}
}

func runValidate(ctx context.Context, opts validateOptions) error {
	// The records are kept in a store in a temporary folder of their
	// own: a million of them are checked in bounded memory, as a release
	// would hold them.
	scratch, err := os.MkdirTemp("", "bordernet-validate-")
	if err != nil {
		return fmt.Errorf("creating a temporary folder for the records: %w", err)
	}
	defer os.RemoveAll(scratch)
	ds, err := loadSources(ctx, opts.Sources, scratch)
	if err != nil {
		if opts.Format == "json" {
			// A script reading the report gets JSON whatever happened;
			// run still says it on standard error.
			_ = report.WriteJSONFailure(opts.Stdout, err)
		}
		return err
	}
	defer ds.Close()
	if opts.Annotate != "" {
		if err := annotate.Check(opts.Annotate, ds.Inputs.Workbooks); err != nil {
			return &usageError{msg: err.Error()}
		}
	}
	since := ""
	if opts.OutDir != "" {
		prevDir, _, err := changes.Previous(opts.OutDir, "")
		if err != nil {
			return err
		}
		rep, ps, err := history(ctx, opts.OutDir, prevDir, "the sources", ds.Records)
		if err != nil {
			return err
		}
		if rep != nil {
			since = rep.Summary()
		}
		ds.Problems = append(ds.Problems, ps...)
		ds.Problems.Sort()
	}
	// Every problem, the changes' too, through the one policy.
	res := opts.Policy.Apply(ds.Problems)
	res.Changes = since
	if opts.Format == "json" {
		err = res.WriteJSON(opts.Stdout, ds.Records.Len())
	} else {
		err = res.WriteText(opts.Stdout, ds.Records.Len())
	}
	if err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	if opts.Annotate != "" {
		copies, err := annotate.Write(opts.Annotate, ds.Inputs.Workbooks, res.Problems)
		if err != nil {
			return err
		}
		if len(copies) == 0 {
			fmt.Fprintln(opts.Stderr, "bordernet: no workbook was read: nothing to annotate")
		}
		for _, c := range copies {
			fmt.Fprintf(opts.Stderr, "bordernet: annotated %s as %s: %d cells marked\n", c.Original, filepath.ToSlash(c.Path), c.Marked)
		}
	}
	if n := res.Failed(); n > 0 {
		return &dataError{errors: n}
	}
	return nil
}
