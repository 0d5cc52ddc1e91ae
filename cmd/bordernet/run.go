package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/bordernet/bordernet/pipeline/source"
	"github.com/bordernet/bordernet/schema"
)

// Exit codes, listed in the root help.
const (
	exitOK      = 0 // success; warnings may have been reported
	exitData    = 1 // the data has errors (nothing was published); diff: the two differ
	exitFailure = 2 // usage error, unreadable input, or a failure to write
	// exitInterrupted is 128 + SIGINT, what shells report for a command
	// stopped by Ctrl+C.
	exitInterrupted = 130
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
	case errors.Is(err, context.Canceled):
		return exitInterrupted
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
	case defaultSourcesMissing(app, err):
		fmt.Fprintf(stderr, "bordernet: there is no %s/ folder here: run from the project folder or name a SOURCE (e.g. bordernet validate path/to/sources)\n", defaultSources)
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
   0    success (warnings may have been reported)
   1    the data has errors: nothing was published (diff: the two differ)
   2    usage error, unreadable input, or output that could not be written
   130  interrupted (Ctrl+C): nothing was published or written

'bordernet help COMMAND' or 'bordernet COMMAND --help' shows a command's
help; 'bordernet completion bash|zsh|fish' prints shell completion.`

func newApp(stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:        "bordernet",
		Usage:       "validate and publish the European border and migration cooperation dataset",
		Description: rootHelp,
		Writer:      stdout,
		ErrWriter:   stderr,
		HideVersion: true, // --version is the flag below, printed as `version` prints
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "version", Usage: "print the version and the commit bordernet was built from"},
		},
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
			completionCommand(),
			helpCommand(),
		},
	}
	app.OnUsageError = onUsage(app.Flags)
	app.Action = func(c *cli.Context) error {
		if c.Bool("version") {
			return versionCommand().Action(c)
		}
		if c.Args().Present() {
			return unknownCommand(c.App, c.Args().First())
		}
		_ = cli.ShowAppHelp(c)
		return usagef("no command given")
	}
	for _, cmd := range app.Commands {
		cmd.OnUsageError = onUsage(cmd.Flags)
	}
	return app
}

// commandNames are the app's commands, in order, the help command left out.
func commandNames(app *cli.App) []string {
	var names []string
	for _, cmd := range app.Commands {
		if cmd.Name != "help" {
			names = append(names, cmd.Name)
		}
	}
	return names
}

// unknownCommand is the usage error for a command name that is none, with
// the closest names.
func unknownCommand(app *cli.App, name string) error {
	names := commandNames(app)
	msg := fmt.Sprintf("unknown command %q (commands: %s)", name, strings.Join(names, ", "))
	if hint := schema.DidYouMean(schema.Closest(name, slices.Values(names), 2)); hint != "" {
		msg += "; " + hint
	}
	return usagef("%s", msg)
}

// onUsage makes a parse error a usage error, and adds the closest names
// to an unknown flag: "flag provided but not defined: -formt; did you mean
// --format?".
func onUsage(flags []cli.Flag) cli.OnUsageErrorFunc {
	return func(_ *cli.Context, err error, _ bool) error {
		msg := err.Error()
		if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
			var names []string
			for _, f := range flags {
				names = append(names, f.Names()...)
			}
			names = append(names, "help")
			if near := schema.Closest(strings.TrimPrefix(name, "-"), slices.Values(names), 2); len(near) > 0 {
				for i, n := range near {
					near[i] = "--" + n
				}
				msg += "; " + schema.DidYouMean(near)
			}
		}
		return &usageError{msg: msg}
	}
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
	if helpAsked(args[at+1:]) {
		// "bordernet validate sources --help": the help of the command,
		// not of a "help topic" named sources.
		return append(slices.Clone(args[:at+1]), "--help")
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

// loadSources reads the sources, standard input for the SOURCE "-",
// stopping early when ctx is done (an interrupt). With storeDir, the
// records are kept in stores on disk there (a release's scratch folder,
// or a temporary folder of validate's), which holds a million records in
// a few dozen megabytes of memory; without, in memory. The caller closes
// the Dataset.
func loadSources(ctx context.Context, paths []string, storeDir string) (*source.Dataset, error) {
	return source.LoadWith(ctx, paths, source.Options{Stdin: os.Stdin, StoreDir: storeDir})
}

// defaultSources is the SOURCE of a command given none.
const defaultSources = "sources"

// helpAsked reports whether -h or --help is among a command's arguments,
// before any "--".
func helpAsked(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "--help", "-help":
			return true
		}
	}
	return false
}

// sourcesOf returns the SOURCE arguments, or the default, noting in the
// app's metadata that the default was taken, so that run can say what to
// do when it is missing.
func sourcesOf(c *cli.Context) []string {
	if c.Args().Present() {
		return c.Args().Slice()
	}
	if c.App.Metadata == nil {
		c.App.Metadata = map[string]any{}
	}
	c.App.Metadata[defaultSources] = true
	return []string{defaultSources}
}

// defaultSourcesMissing reports whether err is the default SOURCE, taken
// because none was named, not being there.
func defaultSourcesMissing(app *cli.App, err error) bool {
	if app.Metadata[defaultSources] != true || !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	_, statErr := os.Stat(defaultSources)
	return errors.Is(statErr, fs.ErrNotExist)
}
