package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/bordernet/bordernet/pipeline/verify"
)

type verifyOptions struct {
	Dir    string
	Format string // "text" or "json"
	Stdout io.Writer
}

func verifyCommand() *cli.Command {
	return &cli.Command{
		Name:      "verify",
		Usage:     "check a downloaded release: checksums, catalogue, and every file readable",
		ArgsUsage: "[DIR]",
		Description: `Checks the release folder DIR (default out/latest): every file listed in
SHA256SUMS is there with that checksum, no file is there that SHA256SUMS does
not list (subfolders included), the catalogue's byte sizes and checksums are
the files', and each file reads as its format (N-Triples, Turtle and JSON-LD
parse, the CSV matches its CSV on the Web metadata, the XLSX opens). One line
per problem, as FILE: message or FILE:LINE: message, then a summary.

Examples:
   bordernet verify
   bordernet verify out/2026-11-27
   bordernet verify --format json downloads/bordernet-2026-11-27 | jq .problems

Exit codes: 0 the release is intact, 1 it has problems, 2 usage error or a
folder that is no release (no SHA256SUMS) or cannot be read.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: "report format: text or json"},
		},
		Action: func(c *cli.Context) error {
			opts := verifyOptions{Dir: filepath.Join("out", "latest"), Format: c.String("format"), Stdout: c.App.Writer}
			switch c.NArg() {
			case 0:
			case 1:
				opts.Dir = c.Args().First()
			default:
				return usagef("verify takes one release folder, not %d", c.NArg())
			}
			if opts.Format != "text" && opts.Format != "json" {
				return usagef("--format must be text or json, not %q", opts.Format)
			}
			return runVerify(c.Context, opts)
		},
	}
}

func runVerify(ctx context.Context, opts verifyOptions) error {
	rep, err := verify.Release(ctx, opts.Dir)
	if err != nil {
		return err
	}
	if opts.Format == "json" {
		if rep.Problems == nil {
			rep.Problems = []verify.Problem{}
		}
		enc := json.NewEncoder(opts.Stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(rep)
	} else {
		for _, p := range rep.Problems {
			fmt.Fprintln(opts.Stdout, p)
		}
		verdict := "intact"
		if !rep.OK() {
			verdict = fmt.Sprintf("%d problems", len(rep.Problems))
			if len(rep.Problems) == 1 {
				verdict = "1 problem"
			}
		}
		_, err = fmt.Fprintf(opts.Stdout, "%s: %d files, %d bytes, %s\n", rep.Dir, rep.Files, rep.Bytes, verdict)
	}
	if err != nil {
		return err
	}
	if !rep.OK() {
		return &dataError{errors: len(rep.Problems)}
	}
	return nil
}
