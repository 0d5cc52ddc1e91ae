package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/bordernet/bordernet/pipeline/source"
	"github.com/bordernet/bordernet/pipeline/workbook"
)

type templateOptions struct {
	Sources []string
	Out     string
	Force   bool
	Stdout  io.Writer
}

func templateCommand() *cli.Command {
	return &cli.Command{
		Name:      "template",
		Usage:     "write a curator workbook pre-filled with the current records",
		ArgsUsage: "[SOURCE...]",
		Description: `Writes an XLSX workbook for curators: a Records sheet with one row per record
(id first), one column per field, a note on each header saying what it takes,
dropdowns for kind, scope and status, and an Instructions sheet. Edit it in
LibreOffice or Excel, put it in sources/, and run 'bordernet validate'.

An existing file is never overwritten without --force.

Examples:
   bordernet template
   bordernet template --out sources/new-curation.xlsx
   bordernet template --force --out curation-template.xlsx sources/listing.txt

Exit codes: 0 written, 2 usage error, unreadable input, existing file, or a
file that could not be written.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Value: "curation-template.xlsx", Usage: "workbook to write"},
			&cli.BoolFlag{Name: "force", Usage: "overwrite an existing file"},
		},
		Action: func(c *cli.Context) error {
			return runTemplate(c.Context, templateOptions{Sources: sourcesOf(c), Out: c.String("out"), Force: c.Bool("force"), Stdout: c.App.Writer})
		},
	}
}

func runTemplate(ctx context.Context, opts templateOptions) error {
	if _, err := os.Lstat(opts.Out); err == nil && !opts.Force {
		return usagef("%s exists (use --force to overwrite it)", opts.Out)
	}
	ds, err := source.Load(ctx, opts.Sources)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := workbook.WriteTemplate(&buf, ds.Records); err != nil {
		return fmt.Errorf("writing the template: %w", err)
	}
	if err := writeFileAtomic(opts.Out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(opts.Stdout, "wrote %s: %d records\n", opts.Out, len(ds.Records))
	return nil
}

// writeFileAtomic writes data to a temporary file beside path, syncs it and
// renames it over path, so path is never half-written.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
