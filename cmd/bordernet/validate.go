package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/bordernet/bordernet/pipeline/changes"
	"github.com/bordernet/bordernet/pipeline/source"
	"github.com/bordernet/bordernet/schema"
)

type validateOptions struct {
	Sources []string
	Format  string // "text" or "json"
	OutDir  string // releases to compare with ("" for none)
	Stdout  io.Writer
}

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "check the sources and report every problem at once",
		ArgsUsage: "[SOURCE...]",
		Description: `Reads the listing and the curator workbooks, merges them and checks every
record. Every problem is printed at once, one per line, as
   FILE:LINE: RECORD-ID: FIELD: message
or, for a workbook cell,
   FILE Sheet!CELL: RECORD-ID: FIELD: message
then a summary. Warnings do not block a release; errors do.

When --out holds a release, the records are also compared with the latest
one: a line says what changed ("changes since 2026-11-27: 1 added, 2
changed, 1 fact removed"), a field that lost its value is a warning
(fact-removed), and an id that any release in --out published and the
sources lack is an error (id-dropped): retire a record, never delete it.

Examples:
   bordernet validate
   bordernet validate sources/listing.txt sources/curation.xlsx
   bordernet validate --format json | jq .problems

Exit codes: 0 no errors, 1 the data has errors, 2 usage error or unreadable input.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: "report format: text or json"},
			&cli.StringFlag{Name: "out", Value: "out", Usage: "folder of the releases to compare with (the latest one)"},
		},
		Action: func(c *cli.Context) error {
			opts := validateOptions{Sources: sourcesOf(c), Format: c.String("format"), OutDir: c.String("out"), Stdout: c.App.Writer}
			if opts.Format != "text" && opts.Format != "json" {
				return usagef("--format must be text or json, not %q", opts.Format)
			}
			return runValidate(c.Context, opts)
		},
	}
}

func runValidate(ctx context.Context, opts validateOptions) error {
	ds, err := source.Load(ctx, opts.Sources)
	if err != nil {
		return err
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
	if opts.Format == "json" {
		err = writeProblemsJSON(opts.Stdout, len(ds.Records), ds.Problems, since)
	} else {
		err = writeProblemsText(opts.Stdout, len(ds.Records), ds.Problems, since)
	}
	if err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	if errs, _ := ds.Problems.Count(); errs > 0 {
		return &dataError{errors: errs}
	}
	return nil
}

// writeProblemsText prints every problem, the changes line (since, when
// there is a release to compare with) and the summary.
func writeProblemsText(w io.Writer, records int, ps schema.Problems, since string) error {
	for _, p := range ps {
		if _, err := fmt.Fprintln(w, p); err != nil {
			return err
		}
	}
	if since != "" {
		if _, err := fmt.Fprintln(w, since); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w, summary(records, ps))
	return err
}

// problemJSON is one problem in the JSON report. Text positions have file
// and line; cell positions have file, sheet, cell (and line = row).
type problemJSON struct {
	Severity string `json:"severity"`
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Sheet    string `json:"sheet,omitempty"`
	Cell     string `json:"cell,omitempty"`
	Record   string `json:"record,omitempty"`
	Field    string `json:"field,omitempty"`
	Message  string `json:"message"`
}

func writeProblemsJSON(w io.Writer, records int, ps schema.Problems, since string) error {
	errs, warns := ps.Count()
	report := struct {
		Records  int           `json:"records"`
		Errors   int           `json:"errors"`
		Warnings int           `json:"warnings"`
		Changes  string        `json:"changes,omitempty"` // the changes line, with a release to compare with
		Problems []problemJSON `json:"problems"`
	}{Records: records, Errors: errs, Warnings: warns, Changes: since, Problems: []problemJSON{}}
	for _, p := range ps {
		report.Problems = append(report.Problems, problemJSON{
			Severity: p.Severity.String(), File: p.Pos.File, Line: p.Pos.Line,
			Sheet: p.Pos.Sheet, Cell: p.Pos.Cell(),
			Record: p.Record, Field: string(p.Field), Message: p.Message,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(report)
}
