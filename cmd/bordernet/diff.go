package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/bordernet/bordernet/pipeline/changes"
	"github.com/bordernet/bordernet/pipeline/source"
	"github.com/bordernet/bordernet/schema"
)

type diffOptions struct {
	Old, New string
	Format   string // "text", "json" or "markdown"
	Stdout   io.Writer
	Stderr   io.Writer
}

func diffCommand() *cli.Command {
	return &cli.Command{
		Name:      "diff",
		Usage:     "say what changed between two releases, or a release and the sources",
		ArgsUsage: "OLD NEW",
		Description: `OLD and NEW are each a release folder (out/2026-11-27, or out/latest) or a
source (a folder such as sources/, or one listing or workbook). Prints the
records added, retired (status set to inactive or succeeded, or a
dissolution date set), changed and removed; for each changed record, field
by field, the old and the new value and where each was read. A value that
only moved (a shifted line, a re-sorted row) is no change.

A release is read from its own bordernet.csv (the values) and bordernet.nt
(where each was read), so any release can be compared.

Examples:
   bordernet diff out/2026-11-27 out/latest
   bordernet diff out/latest sources
   bordernet diff --format markdown out/2026-11-27 out/2026-12-03 > CHANGES.md

Exit codes: 0 no differences, 1 differences, 2 usage error or unreadable input.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: "report format: text, json or markdown"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 2 {
				return usagef("diff takes two arguments, OLD and NEW, not %d", c.NArg())
			}
			opts := diffOptions{Old: c.Args().Get(0), New: c.Args().Get(1), Format: c.String("format"), Stdout: c.App.Writer, Stderr: c.App.ErrWriter}
			switch opts.Format {
			case "text", "json", "markdown":
			default:
				return usagef("--format must be text, json or markdown, not %q", opts.Format)
			}
			return runDiff(c.Context, opts)
		},
	}
}

func runDiff(ctx context.Context, opts diffOptions) error {
	old, err := openSnapshot(ctx, opts.Old, opts.Stderr)
	if err != nil {
		return err
	}
	new, err := openSnapshot(ctx, opts.New, opts.Stderr)
	if err != nil {
		return err
	}
	rep, err := changes.Compare(ctx, old, new)
	if err != nil {
		return err
	}
	switch opts.Format {
	case "json":
		err = rep.WriteJSON(opts.Stdout, changes.View{})
	case "markdown":
		err = rep.WriteMarkdown(opts.Stdout, changes.View{})
	default:
		err = rep.WriteText(opts.Stdout, changes.View{})
	}
	if err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	if !rep.Equal() {
		return &differences{}
	}
	return nil
}

// openSnapshot opens path as a release when it is one, else reads it as
// a source. Sources with errors are compared all the same (the records
// are what they are), with a word on stderr.
func openSnapshot(ctx context.Context, path string, stderr io.Writer) (*changes.Snapshot, error) {
	if changes.IsRelease(path) {
		return changes.OpenRelease(path)
	}
	if releases, err := changes.Releases(path); err == nil && len(releases) > 0 {
		return nil, usagef("%s is a folder of releases, not one release: name one, e.g. %s", path, filepath.Join(path, "latest"))
	}
	ds, err := source.Load(ctx, []string{path})
	if err != nil {
		return nil, err
	}
	if errs, _ := ds.Problems.Count(); errs > 0 {
		fmt.Fprintf(stderr, "bordernet: %s has %d errors (bordernet validate %s lists them); comparing its records as they are\n", path, errs, path)
	}
	return changes.FromRecords(path, schema.RecordSlice(ds.Records)), nil
}
