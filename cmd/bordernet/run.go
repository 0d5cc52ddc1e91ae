package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/bordernet/bordernet/schema"
)

// Exit codes, listed in the root help.
const (
	exitOK      = 0 // success; warnings may have been reported
	exitData    = 1 // the data has errors (nothing was published); diff: the two differ
	exitFailure = 2 // usage error, unreadable input, or a failure to write
)

// usageError is a mistake in how the command was called.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// differences means diff found the two sides differ, as diff(1) exits 1;
// the report has been printed.
type differences struct{}

func (*differences) Error() string { return "the two differ" }

// dataError means the sources were read but hold errors; the problems have
// been reported already.
type dataError struct{ errors int }

func (e *dataError) Error() string {
	if e.errors == 1 {
		return "the data has 1 error"
	}
	return fmt.Sprintf("the data has %d errors", e.errors)
}

// exitCode maps an error to the process exit code: the one place that does.
func exitCode(err error) int {
	var de *dataError
	var diff *differences
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &de), errors.As(err, &diff):
		return exitData
	}
	return exitFailure
}

// run is the whole command: it parses args (args[0] is the program name),
// runs the command and returns the exit code. Nothing in it calls os.Exit.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (code int) {
	// A panic is a bug, but a user should still get a message and an exit
	// code, not a stack dump in the middle of a report.
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "bordernet: internal error: %v\nPlease report it with the command you ran.\n", p)
			code = exitFailure
		}
	}()
	app := newApp(stdout, stderr)
	err := app.RunContext(ctx, permuteFlags(app, args))
	switch {
	case err == nil:
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "bordernet: interrupted; nothing was published")
	default:
		var de *dataError
		var diff *differences
		if !errors.As(err, &de) && !errors.As(err, &diff) { // printed already
			fmt.Fprintf(stderr, "bordernet: %v\n", err)
		}
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintln(stderr, "Run 'bordernet --help' or 'bordernet COMMAND --help' for usage.")
		}
	}
	return exitCode(err)
}

const rootHelp = `bordernet reads the listing of European border and migration cooperation
networks, forums and agencies (a hand-written text file) and the curators'
workbooks (XLSX), validates them, and publishes versioned releases: JSON-LD,
Turtle, N-Triples, CSV with CSV on the Web metadata, XLSX, a DCAT-AP catalogue
and checksums.

SOURCE is a file or a directory; the default is sources/. A directory
contributes its *.txt listings, *.xlsx workbooks and dataset.json.

Examples:
   bordernet validate
   bordernet validate --format json sources/
   bordernet records --format csv > records.csv
   bordernet release --date 2026-11-27
   bordernet template --out curation.xlsx
   bordernet diff out/2026-11-27 out/latest
   bordernet verify out/latest
   bordernet --version

Exit codes:
   0  success (warnings may have been reported)
   1  the data has errors: nothing was published (diff: the two differ)
   2  usage error, unreadable input, or output that could not be written`

func newApp(stdout, stderr io.Writer) *cli.App {
	onUsage := func(_ *cli.Context, err error, _ bool) error { return &usageError{msg: err.Error()} }
	app := &cli.App{
		Name:            "bordernet",
		Usage:           "validate and publish the European border and migration cooperation dataset",
		Description:     rootHelp,
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		HideVersion:     true, // --version is the flag below, printed as `version` prints
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "version", Usage: "print the version and the commit bordernet was built from"},
		},
		OnUsageError:   onUsage,
		ExitErrHandler: func(*cli.Context, error) {}, // exit codes are run's business
		Commands: []*cli.Command{
			validateCommand(),
			recordsCommand(),
			releaseCommand(),
			templateCommand(),
			serveCommand(),
			diffCommand(),
			verifyCommand(),
			catalogCheckCommand(),
			versionCommand(),
		},
		Action: func(c *cli.Context) error {
			if c.Bool("version") {
				return versionCommand().Action(c)
			}
			if c.Args().Present() {
				return usagef("unknown command %q (commands: validate, records, release, template, serve, diff, verify, catalog-check, version)", c.Args().First())
			}
			_ = cli.ShowAppHelp(c)
			return usagef("no command given")
		},
	}
	for _, cmd := range app.Commands {
		cmd.OnUsageError = onUsage
	}
	return app
}

// permuteFlags moves a command's flags in front of its arguments, so that
// "bordernet validate sources --format json" means what it says: urfave/cli
// v2 stops parsing flags at the first argument and would silently take
// "--format" as a SOURCE. Everything after "--" stays an argument.
func permuteFlags(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	var cmd *cli.Command
	at := 1
	for ; at < len(args); at++ {
		if !strings.HasPrefix(args[at], "-") {
			cmd = app.Command(args[at])
			break
		}
	}
	if cmd == nil {
		return args
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, name := range f.Names() {
			takesValue[name] = !isBool
		}
	}
	out := append([]string{}, args[:at+1]...)
	var positional []string
	rest := args[at+1:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		switch {
		case a == "--":
			positional = append(positional, rest[i:]...)
			i = len(rest)
		case len(a) > 1 && strings.HasPrefix(a, "-"):
			out = append(out, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && takesValue[name] && i+1 < len(rest) {
				i++
				out = append(out, rest[i])
			}
		default:
			positional = append(positional, a)
		}
	}
	if len(positional) > 0 && positional[0] != "--" {
		out = append(out, "--")
	}
	return append(out, positional...)
}

// sourcesOf returns the SOURCE arguments, or the default.
func sourcesOf(c *cli.Context) []string {
	if c.Args().Present() {
		return c.Args().Slice()
	}
	return []string{"sources"}
}

// summary is the last line of a report: "11 records, 0 errors, 2 warnings".
func summary(records int, ps schema.Problems) string {
	errs, warns := ps.Count()
	plural := func(n int, word string) string {
		if n == 1 {
			return fmt.Sprintf("%d %s", n, word)
		}
		return fmt.Sprintf("%d %ss", n, word)
	}
	return fmt.Sprintf("%s, %s, %s", plural(records, "record"), plural(errs, "error"), plural(warns, "warning"))
}
