package main

import (
	"bytes"
	"context"
	"fmt"
	"github.com/bordernet/bordernet/schema"
	"io"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/bordernet/bordernet/internal/atomicfile"
	"github.com/bordernet/bordernet/pipeline/report"
	"github.com/bordernet/bordernet/pipeline/source"
	"github.com/bordernet/bordernet/pipeline/workbook"
)

type templateOptions struct {
	Sources []string
	Out     string // "-" for standard output
	Force   bool
	Stdout  io.Writer
	Stderr  io.Writer
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

Every value is written as the sources have it, invalid ones included (a bad
date typed in a workbook too): each cell with a problem is highlighted and
commented, so that it can be fixed there. Such a template is still written,
and the exit code is 1.

An existing file is never overwritten without --force. A template is not
written beside a workbook that is read as a source (one among the SOURCEs,
or in a folder with a listing or dataset.json): edit that workbook instead,
since two workbooks that say the same thing disagree as soon as one of them
changes. --out - writes to standard output.

Examples:
   bordernet template
   bordernet template --out ~/curation-2026.xlsx
   bordernet template --out - sources/listing.txt > curation.xlsx

Exit codes: 0 written, 1 written, but the sources have errors (marked in
the workbook), 2 usage error, unreadable input, existing file, a folder that
holds a workbook already, or a file that could not be written.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Value: "curation-template.xlsx", Usage: "workbook to write; - for standard output"},
			&cli.BoolFlag{Name: "force", Usage: "overwrite an existing file"},
		},
		Action: func(c *cli.Context) error {
			return runTemplate(c.Context, templateOptions{Sources: sourcesOf(c), Out: c.String("out"), Force: c.Bool("force"),
				Stdout: c.App.Writer, Stderr: c.App.ErrWriter})
		},
	}
}

func runTemplate(ctx context.Context, opts templateOptions) error {
	toStdout := opts.Out == "-"
	if _, err := os.Lstat(opts.Out); err == nil && !opts.Force && !toStdout {
		return usagef("%s exists (use --force to overwrite it)", opts.Out)
	}
	// A template holds every record in memory anyway (a workbook is
	// built whole): the records are read into memory.
	ds, err := loadSources(ctx, opts.Sources, "")
	if err != nil {
		return err
	}
	defer ds.Close()
	records, err := schema.Collect(ds.Records)
	if err != nil {
		return err
	}
	if !toStdout {
		if wb := workbookBeside(opts.Out, ds.Inputs.Workbooks); wb != "" {
			return usagef("%s already holds the workbook %s, which bordernet reads: edit it rather than add a second workbook beside it (two workbooks that restate the same values disagree once one changes), or write the template elsewhere (--out curation-template.xlsx)", filepath.Dir(opts.Out), wb)
		}
	}
	var buf bytes.Buffer
	t := workbook.Template{Records: records, Rejected: ds.Rejected, Problems: ds.Problems}
	if err := t.Write(&buf); err != nil {
		return fmt.Errorf("writing the template: %w", err)
	}
	done := opts.Stdout
	if toStdout {
		if _, err := opts.Stdout.Write(buf.Bytes()); err != nil {
			return fmt.Errorf("writing the template: %w", err)
		}
		done = opts.Stderr
	} else if err := atomicfile.Write(opts.Out, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
		return err
	}
	fmt.Fprintf(done, "wrote %s: %d records\n", opts.Out, len(records))
	reported := report.Policy{}.Apply(ds.Problems)
	if n := reported.Failed(); n > 0 {
		fmt.Fprintf(opts.Stderr, "bordernet: %s; the cells with problems are marked in the template (run 'bordernet validate' to list them)\n", reported.Summary(len(records)))
		return &dataError{errors: n}
	}
	return nil
}

// workbookBeside returns a workbook in the folder out is to be written to,
// other than out itself, when that folder is a source folder (a listing
// or dataset.json is there too) or the workbook is among the workbooks
// read; else "".
func workbookBeside(out string, workbooks []string) string {
	dir := filepath.Dir(out)
	dirInfo, err := os.Stat(dir)
	if err != nil {
		return ""
	}
	target, targetErr := os.Stat(out)
	self := func(wb string) bool {
		info, err := os.Stat(wb)
		return err == nil && targetErr == nil && os.SameFile(info, target) // replacing it, with --force
	}
	for _, wb := range workbooks {
		if in, err := os.Stat(filepath.Dir(wb)); err == nil && os.SameFile(in, dirInfo) && !self(wb) {
			return wb
		}
	}
	if there, err := source.Find([]string{dir}); err == nil && (len(there.Listings) > 0 || there.Metadata != "") {
		for _, wb := range there.Workbooks {
			if !self(wb) {
				return wb
			}
		}
	}
	return ""
}
