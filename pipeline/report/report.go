// Package report owns how problems reach the user: which are shown
// (Policy: --quiet leaves warnings out, --ignore CODE leaves a code out),
// whether the problems shown fail the run (errors always, warnings under
// --strict), and the text and JSON forms of a report.
//
// Every command that reports problems passes them all through one
// Policy.Apply before printing, annotating or deciding an exit code, so
// that the flags mean the same everywhere and for every problem, whoever
// found it.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/bordernet/bordernet/schema"
)

// Policy says which problems a run reports and whether warnings fail it.
type Policy struct {
	Quiet  bool     // report errors only
	Strict bool     // warnings fail the run, as errors do
	Ignore []string // codes (schema.Codes) of warnings not to report
}

// Check refuses a policy that names an unknown code, with the closest
// known ones, or an error's code: errors block a release because the
// data cannot be published as it is, and no flag makes it publishable.
func (p Policy) Check() error {
	known := map[string]schema.CodeInfo{}
	var codes []string
	for _, c := range schema.Codes() {
		known[c.Code] = c
		codes = append(codes, c.Code)
	}
	for _, code := range p.Ignore {
		info, ok := known[code]
		switch {
		case !ok:
			msg := fmt.Sprintf("--ignore %q: no problem has that code (docs/problems.md lists them)", code)
			if hint := schema.DidYouMean(schema.Closest(code, slices.Values(codes), 3)); hint != "" {
				msg += "; " + hint
			}
			return fmt.Errorf("%s", msg)
		case info.Severity == schema.SeverityError:
			return fmt.Errorf("--ignore %s: %s is an error, and errors cannot be ignored: they block a release until the data is fixed", code, code)
		}
	}
	return nil
}

// Result is the problems a policy lets through, and what it left out.
type Result struct {
	Problems schema.Problems // to report, in their order
	Hidden   int             // warnings left out (--quiet or --ignore)
	Strict   bool            // warnings fail the run
	// Changes is the line saying what changed since the latest release
	// ("changes since 2026-11-27: ..."), when there is one to compare
	// with: printed before the summary, and as "changes" in JSON.
	Changes string
}

// Apply returns the problems to report under p. It is the one place
// problems are filtered: callers report what it returns.
func (p Policy) Apply(ps schema.Problems) Result {
	res := Result{Strict: p.Strict, Problems: make(schema.Problems, 0, len(ps))}
	for _, prob := range ps {
		if prob.Severity == schema.SeverityWarning && (p.Quiet || slices.Contains(p.Ignore, prob.Code)) {
			res.Hidden++
			continue
		}
		res.Problems = append(res.Problems, prob)
	}
	return res
}

// Failed returns the number of problems that fail the run: the errors,
// and under --strict the warnings too.
func (r Result) Failed() int {
	errs, warnings := r.Problems.Count()
	if r.Strict {
		return errs + warnings
	}
	return errs
}

// Line renders one problem for a text report:
// "FILE:LINE: RECORD: FIELD: error[code]: message", or
// "warning[code]: ..." for a warning; empty parts are left out.
func Line(p schema.Problem) string {
	var b strings.Builder
	for _, part := range []string{p.Pos.String(), p.Record, string(p.Field)} {
		if part != "" {
			b.WriteString(part)
			b.WriteString(": ")
		}
	}
	b.WriteString(p.Severity.String())
	if p.Code != "" {
		b.WriteString("[" + p.Code + "]")
	}
	b.WriteString(": ")
	b.WriteString(p.Message)
	return b.String()
}

// Summary is the last line of a report: "11 records, 0 errors, 2
// warnings", with what was left out and whether warnings fail.
func (r Result) Summary(records int) string {
	errs, warnings := r.Problems.Count()
	s := fmt.Sprintf("%s, %s, %s", plural(records, "record"), plural(errs, "error"), plural(warnings, "warning"))
	var notes []string
	if r.Hidden > 0 {
		notes = append(notes, plural(r.Hidden, "warning")+" not shown")
	}
	if r.Strict && warnings > 0 {
		notes = append(notes, "--strict: warnings fail")
	}
	if len(notes) > 0 {
		s += " (" + strings.Join(notes, "; ") + ")"
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// WriteText writes one line per problem, then the summary.
func (r Result) WriteText(w io.Writer, records int) error {
	for _, p := range r.Problems {
		if _, err := fmt.Fprintln(w, Line(p)); err != nil {
			return err
		}
	}
	if r.Changes != "" {
		if _, err := fmt.Fprintln(w, r.Changes); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w, r.Summary(records))
	return err
}

// problemJSON is one problem in the JSON report. Text positions have file
// and line; cell positions have file, sheet, cell (and line = row).
type problemJSON struct {
	Severity string `json:"severity"`
	Code     string `json:"code"`
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Sheet    string `json:"sheet,omitempty"`
	Cell     string `json:"cell,omitempty"`
	Record   string `json:"record,omitempty"`
	Field    string `json:"field,omitempty"`
	Message  string `json:"message"`
}

// WriteJSON writes the report as one JSON object: records, errors,
// warnings, hidden (warnings left out), strict, changes, and problems.
func (r Result) WriteJSON(w io.Writer, records int) error {
	errs, warns := r.Problems.Count()
	report := struct {
		Records  int           `json:"records"`
		Errors   int           `json:"errors"`
		Warnings int           `json:"warnings"`
		Hidden   int           `json:"hidden,omitempty"`
		Strict   bool          `json:"strict,omitempty"`
		Changes  string        `json:"changes,omitempty"` // the changes line, with a release to compare with
		Problems []problemJSON `json:"problems"`
	}{Records: records, Errors: errs, Warnings: warns, Hidden: r.Hidden, Strict: r.Strict, Changes: r.Changes, Problems: []problemJSON{}}
	for _, p := range r.Problems {
		report.Problems = append(report.Problems, problemJSON{
			Severity: p.Severity.String(), Code: p.Code, File: p.Pos.File, Line: p.Pos.Line,
			Sheet: p.Pos.Sheet, Cell: p.Pos.Cell(),
			Record: p.Record, Field: string(p.Field), Message: p.Message,
		})
	}
	return encode(w, report)
}

// WriteJSONFailure writes an input that could not be read at all (exit
// code 2) as the JSON report's one field "failure", so that a script
// reading the report gets JSON whatever happened.
func WriteJSONFailure(w io.Writer, err error) error {
	return encode(w, struct {
		Failure string `json:"failure"`
	}{err.Error()})
}

func encode(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
