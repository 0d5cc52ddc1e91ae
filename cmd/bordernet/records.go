package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	bncsv "github.com/bordernet/bordernet/pipeline/export/csv"
	"github.com/bordernet/bordernet/pipeline/report"
	"github.com/bordernet/bordernet/schema"
)

type recordsOptions struct {
	Sources []string
	Format  string // "json" or "csv"
	Stdout  io.Writer
	Stderr  io.Writer
}

func recordsCommand() *cli.Command {
	return &cli.Command{
		Name:      "records",
		Usage:     "print the merged records (for curators and scripts)",
		ArgsUsage: "[SOURCE...]",
		Description: `Prints every record as read from the sources and merged, with every field
(curated ones included) and where each value came from.

The JSON form is an array of objects with the record's fields, "source" (the
file, line and listing section the record was first read from) and
"provenance" (for each field, the position its value was read from). The CSV
form has one row per record, the columns of the release's bordernet.csv.

Examples:
   bordernet records
   bordernet records --format csv sources/ > records.csv
   bordernet records | jq '.[] | {id, name, acronym}'

Exit codes: 0 success, 1 the data has errors (the records are still
printed; run 'bordernet validate' to see them), 2 usage error or unreadable input.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "json", Usage: "output format: json or csv"},
		},
		Action: func(c *cli.Context) error {
			opts := recordsOptions{Sources: sourcesOf(c), Format: c.String("format"), Stdout: c.App.Writer, Stderr: c.App.ErrWriter}
			if opts.Format != "json" && opts.Format != "csv" {
				return usagef("--format must be json or csv, not %q", opts.Format)
			}
			return runRecords(c.Context, opts)
		},
	}
}

// recordJSON is a record as `records --format json` prints it.
type recordJSON struct {
	*schema.Record
	Source     originJSON        `json:"source"`
	Provenance map[string]string `json:"provenance"`
}

type originJSON struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Sheet   string `json:"sheet,omitempty"`
	Cell    string `json:"cell,omitempty"`
	Section string `json:"section,omitempty"`
}

func runRecords(ctx context.Context, opts recordsOptions) error {
	ds, err := loadSources(ctx, opts.Sources, "")
	if err != nil {
		if opts.Format == "json" {
			_ = report.WriteJSONFailure(opts.Stdout, err)
		}
		return err
	}
	defer ds.Close()
	switch opts.Format {
	case "csv":
		err = bncsv.Write(opts.Stdout, &schema.Release{Meta: ds.Meta, Records: ds.Records})
	default:
		out := make([]recordJSON, ds.Records.Len())
		for i, r := range ds.Records.All() {
			r := *r // kept past the walk
			prov := make(map[string]string, len(r.Sources))
			for _, s := range r.Sources {
				prov[string(s.Field)] = s.Pos.String()
			}
			out[i] = recordJSON{Record: &r, Provenance: prov, Source: originJSON{
				File: r.Origin.File, Line: r.Origin.Line, Sheet: r.Origin.Sheet,
				Cell: r.Origin.Cell(), Section: r.Section,
			}}
		}
		enc := json.NewEncoder(opts.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(out)
	}
	if err != nil {
		return fmt.Errorf("writing the records: %w", err)
	}
	if errs, _ := ds.Problems.Count(); errs > 0 {
		res := report.Policy{}.Apply(ds.Problems)
		fmt.Fprintf(opts.Stderr, "bordernet: %s; run 'bordernet validate' to see the problems\n", res.Summary(ds.Records.Len()))
		return &dataError{errors: errs}
	}
	return nil
}
