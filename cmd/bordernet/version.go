package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/bordernet/bordernet/internal/version"
)

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print bordernet's version and the commit it was built from",
		Description: `Prints the version and commit of this bordernet, from the Go build
information, as releases record it (catalogue and XLSX About sheet), then
the Go version it was built with. Same as bordernet --version.

Exit codes: 0.`,
		Action: func(c *cli.Context) error {
			info := version.Get()
			_, err := fmt.Fprintf(c.App.Writer, "%s\nbuilt with %s\n", info, info.Go)
			return err
		},
	}
}
