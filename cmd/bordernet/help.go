package main

import (
	"github.com/urfave/cli/v2"
)

// helpCommand replaces urfave/cli's own, so that a mistyped command name
// is a usage error with the closest names, as it is everywhere else.
func helpCommand() *cli.Command {
	return &cli.Command{
		Name:      "help",
		Usage:     "show the help of bordernet or of one command",
		ArgsUsage: "[COMMAND]",
		Action: func(c *cli.Context) error {
			switch {
			case c.NArg() == 0:
				return cli.ShowAppHelp(c)
			case c.NArg() > 1:
				return usagef("help takes one command name")
			case c.App.Command(c.Args().First()) == nil:
				return unknownCommand(c.App, c.Args().First())
			}
			// The app's context, whose commands the name is among.
			return cli.ShowCommandHelp(c.Lineage()[1], c.Args().First())
		},
	}
}
