package main

import (
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/bordernet/bordernet/internal/completion"
	"github.com/bordernet/bordernet/schema"
)

func completionCommand() *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print the shell completion script for bash, zsh or fish",
		ArgsUsage: "bash|zsh|fish",
		Description: `Prints a script that lets the shell complete bordernet's commands, flags,
the values of --format and file names.

Examples:
   source <(bordernet completion bash)          # in ~/.bashrc
   source <(bordernet completion zsh)           # in ~/.zshrc
   bordernet completion fish > ~/.config/fish/completions/bordernet.fish

Exit codes: 0 written, 2 usage error.`,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 || !slices.Contains(completion.Shells(), c.Args().First()) {
				return usagef("name one shell: %s", strings.Join(completion.Shells(), ", "))
			}
			return completion.Write(c.App.Writer, c.Args().First(), c.App.Name, completionModel(c.App))
		},
	}
}

// completionModel describes the app's commands and flags for completion.
func completionModel(app *cli.App) []completion.Command {
	var out []completion.Command
	for _, cmd := range app.Commands {
		cc := completion.Command{Name: cmd.Name, Usage: cmd.Usage}
		for _, f := range cmd.Flags {
			_, isBool := f.(*cli.BoolFlag)
			flag := completion.Flag{Name: f.Names()[0], TakesValue: !isBool}
			if df, ok := f.(cli.DocGenerationFlag); ok {
				flag.Usage = df.GetUsage()
			}
			switch flag.Name {
			case "format":
				flag.Values = formatValues(cmd.Name)
			case "ignore":
				for _, code := range schema.Codes() {
					if code.Severity == schema.SeverityWarning {
						flag.Values = append(flag.Values, code.Code)
					}
				}
			case "out", "annotate":
				flag.Files = true
			}
			cc.Flags = append(cc.Flags, flag)
		}
		out = append(out, cc)
	}
	return out
}

// formatValues are the values --format takes on a command.
func formatValues(command string) []string {
	if command == "records" {
		return []string{"json", "csv"}
	}
	return []string{"text", "json"}
}
