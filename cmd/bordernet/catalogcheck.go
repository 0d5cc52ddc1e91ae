package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/bordernet/bordernet/internal/regular"
	"github.com/bordernet/bordernet/pipeline/export/turtle"
	"github.com/bordernet/bordernet/pipeline/mqa"
	"github.com/bordernet/bordernet/schema"
)

func catalogCheckCommand() *cli.Command {
	return &cli.Command{
		Name:      "catalog-check",
		Usage:     "score a release's catalogue as data.europa.eu's metadata quality assessment would, offline",
		ArgsUsage: "[DIR]",
		Description: `Reads DIR/catalog.ttl (DIR is a release folder or the output folder of a
series; default out/latest) and, for each dataset in it, computes the points
of the data.europa.eu Metadata Quality Assessment (MQA) indicators that can be
computed offline, by dimension, then lists what is missing for the rest. The
indicators that need the network (URLs answering) or a SHACL engine (DCAT-AP
compliance) are named with their weights. docs/mqa.md has the rules.

Examples:
   bordernet catalog-check
   bordernet catalog-check out

Exit codes: 0 the catalogue was scored (what is missing is listed, not an
error: a release may publish an XLSX on purpose), 2 usage error or a
catalogue that cannot be read.`,
		Action: func(c *cli.Context) error {
			dir := filepath.Join("out", "latest")
			switch c.NArg() {
			case 0:
			case 1:
				dir = c.Args().First()
			default:
				return usagef("catalog-check takes one folder, not %d", c.NArg())
			}
			return runCatalogCheck(filepath.Join(dir, schema.CatalogTurtleFile), c.App.Writer)
		},
	}
}

// listSome joins the first n of items, saying how many more there are.
func listSome(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:n], ", "), len(items)-n)
}

func runCatalogCheck(path string, w io.Writer) error {
	f, err := regular.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	triples, err := turtle.Read(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	scores := mqa.Score(triples)
	if len(scores) == 0 {
		return fmt.Errorf("%s: no dcat:Dataset to score", path)
	}
	for _, s := range scores {
		fmt.Fprintf(w, "%s: %s\n", path, s.Dataset)
		dim := ""
		for _, r := range s.Results {
			if r.Indicator.Dimension != dim {
				dim = r.Indicator.Dimension
				fmt.Fprintf(w, "  %s\n", dim)
			}
			switch {
			case !r.Computed:
				fmt.Fprintf(w, "    %-38s   -/%-3d not computed offline: %s\n", r.Indicator.Name, r.Indicator.Weight, r.Indicator.Note)
			default:
				fmt.Fprintf(w, "    %-38s %3d/%-3d %s\n", r.Indicator.Name, r.Points, r.Indicator.Weight, r.Indicator.Property)
			}
		}
		offline := mqa.MaxPoints - s.Possible
		fmt.Fprintf(w, "  offline: %d of %d points; %d more need the network or a SHACL engine\n", s.Points, s.Possible, offline)
		fmt.Fprintf(w, "  if those pass: %d of %d, %s\n", s.Points+offline, mqa.MaxPoints, mqa.Rating(s.Points+offline))
		for _, r := range s.Results {
			if r.Computed && r.Points < r.Indicator.Weight {
				fmt.Fprintf(w, "  missing %s (%d points): %s on %s\n", r.Indicator.Name, r.Indicator.Weight-r.Points, strings.TrimSpace(r.Indicator.Property+" "+r.Indicator.Note), listSome(r.Missing, 5))
			}
		}
	}
	return nil
}
