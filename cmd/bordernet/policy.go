package main

import (
	"github.com/urfave/cli/v2"

	"github.com/bordernet/bordernet/pipeline/report"
)

// policyFlags are the flags that choose which problems a command reports
// (validate, release): the same names and meaning on each.
func policyFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "report errors only, not warnings"},
		&cli.BoolFlag{Name: "strict", Usage: "let warnings fail the run (exit code 1), as errors do"},
		&cli.StringSliceFlag{Name: "ignore", Usage: "leave out the warnings of this `CODE` (repeatable; docs/problems.md lists the codes)"},
	}
}

// policyOf reads the policy flags.
func policyOf(c *cli.Context) (report.Policy, error) {
	p := report.Policy{Quiet: c.Bool("quiet"), Strict: c.Bool("strict"), Ignore: c.StringSlice("ignore")}
	if err := p.Check(); err != nil {
		return p, &usageError{msg: err.Error()}
	}
	return p, nil
}
