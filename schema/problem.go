package schema

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a problem blocks a release.
type Severity int

// The severities. An error blocks a release; a warning is reported only.
const (
	SeverityError Severity = iota
	SeverityWarning
)

func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// MarshalText makes a Severity appear as "error" or "warning" in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Problem is one thing wrong with the data, at a position, in words a
// curator understands.
type Problem struct {
	Severity Severity
	Pos      Position
	Record   string // record id, if the problem belongs to one
	Field    Field  // field, if the problem belongs to one
	Message  string
	// Code names the kind of problem with a stable, documented word
	// ("fact-removed", "missing-description", ...; see Codes), so that a
	// curator can look it up, silence it or make it fatal.
	Code string
}

// String renders the problem as one report line:
// "FILE:LINE: RECORD: FIELD: message", with "warning: " before the message
// of a warning and empty parts left out.
func (p Problem) String() string {
	var b strings.Builder
	for _, part := range []string{p.Pos.String(), p.Record, string(p.Field)} {
		if part != "" {
			b.WriteString(part)
			b.WriteString(": ")
		}
	}
	if p.Severity == SeverityWarning {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Error makes a Problem usable as an error.
func (p Problem) Error() string { return p.String() }

// Problems is every problem found in a run, reported at once, in the manner
// of go/scanner's ErrorList.
type Problems []Problem

// Add appends a problem of the kind code (one of Codes).
func (ps *Problems) Add(sev Severity, code string, pos Position, record string, field Field, format string, args ...any) {
	*ps = append(*ps, Problem{Severity: sev, Code: code, Pos: pos, Record: record, Field: field, Message: fmt.Sprintf(format, args...)})
}

// Errorf appends an error of the kind code (one of Codes).
func (ps *Problems) Errorf(code string, pos Position, record string, field Field, format string, args ...any) {
	ps.Add(SeverityError, code, pos, record, field, format, args...)
}

// Warnf appends a warning of the kind code (one of Codes).
func (ps *Problems) Warnf(code string, pos Position, record string, field Field, format string, args ...any) {
	ps.Add(SeverityWarning, code, pos, record, field, format, args...)
}

// Sort orders problems by file, sheet, line, column, record, field and
// message, so reports are stable.
func (ps Problems) Sort() {
	// Field by field, stopping at the first difference: cmp.Or would
	// compare all seven, messages included, on every call (80 k
	// problems at a million records).
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if c := cmp.Compare(a.Pos.File, b.Pos.File); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Pos.Sheet, b.Pos.Sheet); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Pos.Line, b.Pos.Line); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Pos.Col, b.Pos.Col); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Record, b.Record); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Field, b.Field); c != 0 {
			return c
		}
		return cmp.Compare(a.Message, b.Message)
	})
}

// Count returns the number of errors and of warnings.
func (ps Problems) Count() (errs, warnings int) {
	for _, p := range ps {
		if p.Severity == SeverityWarning {
			warnings++
		} else {
			errs++
		}
	}
	return errs, warnings
}

// HasErrors reports whether any problem blocks a release.
func (ps Problems) HasErrors() bool {
	errs, _ := ps.Count()
	return errs > 0
}

// Err returns ps as an error if it holds any error, else nil.
func (ps Problems) Err() error {
	if ps.HasErrors() {
		return ps
	}
	return nil
}

// Error summarises the problems; callers that report to users print each
// problem instead.
func (ps Problems) Error() string {
	errs, warnings := ps.Count()
	switch len(ps) {
	case 0:
		return "no problems"
	case 1:
		return ps[0].String()
	}
	return fmt.Sprintf("%s (and %d more: %d errors, %d warnings)", ps[0], len(ps)-1, errs, warnings)
}
