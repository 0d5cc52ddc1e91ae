package report

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

var update = flag.Bool("update", false, "rewrite the table of codes in docs/problems.md")

func problems() schema.Problems {
	at := func(line int) schema.Position { return schema.Position{File: "l.txt", Line: line} }
	cell := schema.Position{File: "c.xlsx", Sheet: "Records", Line: 3, Col: 5}
	return schema.Problems{
		{Severity: schema.SeverityError, Code: schema.CodeInvalidURL, Pos: cell, Record: "frontex", Field: schema.FieldWebsite, Message: `"x" is not a valid web address`},
		{Severity: schema.SeverityWarning, Code: schema.CodeMissingDescription, Pos: at(24), Record: "sircop", Field: schema.FieldDescription, Message: "has no description"},
		{Severity: schema.SeverityWarning, Code: schema.CodeIntroLine, Pos: at(2), Message: `line "x" is read as part of the intro`},
	}
}

func TestApply(t *testing.T) {
	tests := []struct {
		name   string
		policy Policy
		codes  []string // of the problems reported, in order
		hidden int
		failed int
		sum    string
	}{
		{"everything", Policy{}, []string{"invalid-url", "missing-description", "intro-line"}, 0, 1,
			"4 records, 1 error, 2 warnings"},
		{"quiet", Policy{Quiet: true}, []string{"invalid-url"}, 2, 1,
			"4 records, 1 error, 0 warnings (2 warnings not shown)"},
		{"ignore one", Policy{Ignore: []string{"intro-line"}}, []string{"invalid-url", "missing-description"}, 1, 1,
			"4 records, 1 error, 1 warning (1 warning not shown)"},
		{"strict", Policy{Strict: true}, []string{"invalid-url", "missing-description", "intro-line"}, 0, 3,
			"4 records, 1 error, 2 warnings (--strict: warnings fail)"},
		{"strict, the warnings ignored", Policy{Strict: true, Ignore: []string{"intro-line", "missing-description"}}, []string{"invalid-url"}, 2, 1,
			"4 records, 1 error, 0 warnings (2 warnings not shown)"},
		// An error's code never hides it, whatever a caller that skipped
		// Check passes.
		{"errors stay", Policy{Quiet: true, Ignore: []string{"invalid-url"}}, []string{"invalid-url"}, 2, 1,
			"4 records, 1 error, 0 warnings (2 warnings not shown)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := tt.policy.Apply(problems())
			var codes []string
			for _, p := range res.Problems {
				codes = append(codes, p.Code)
			}
			if strings.Join(codes, ",") != strings.Join(tt.codes, ",") || res.Hidden != tt.hidden || res.Failed() != tt.failed {
				t.Errorf("Apply = %q, hidden %d, failed %d; want %q, %d, %d", codes, res.Hidden, res.Failed(), tt.codes, tt.hidden, tt.failed)
			}
			if got := res.Summary(4); got != tt.sum {
				t.Errorf("Summary = %q, want %q", got, tt.sum)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		ignore []string
		want   string // "" for no error
	}{
		{nil, ""},
		{[]string{"missing-description", "unknown-column"}, ""},
		{[]string{"missing-descripton"}, `--ignore "missing-descripton": no problem has that code (docs/problems.md lists them); did you mean missing-description?`},
		{[]string{"nonsense-words-here"}, `--ignore "nonsense-words-here": no problem has that code (docs/problems.md lists them)`},
		{[]string{"invalid-url"}, "--ignore invalid-url: invalid-url is an error, and errors cannot be ignored: they block a release until the data is fixed"},
	}
	for _, tt := range tests {
		err := Policy{Ignore: tt.ignore}.Check()
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("Check(%q) = %q, want %q", tt.ignore, got, tt.want)
		}
	}
}

func TestLine(t *testing.T) {
	ps := problems()
	want := []string{
		`c.xlsx Records!E3: frontex: website: error[invalid-url]: "x" is not a valid web address`,
		`l.txt:24: sircop: description: warning[missing-description]: has no description`,
		`l.txt:2: warning[intro-line]: line "x" is read as part of the intro`,
	}
	for i, p := range ps {
		if got := Line(p); got != want[i] {
			t.Errorf("Line = %q, want %q", got, want[i])
		}
	}
}

func TestWriteJSON(t *testing.T) {
	var b bytes.Buffer
	if err := (Policy{Quiet: true}).Apply(problems()).WriteJSON(&b, 4); err != nil {
		t.Fatal(err)
	}
	want := `{
  "records": 4,
  "errors": 1,
  "warnings": 0,
  "hidden": 2,
  "problems": [
    {
      "severity": "error",
      "code": "invalid-url",
      "file": "c.xlsx",
      "line": 3,
      "sheet": "Records",
      "cell": "E3",
      "record": "frontex",
      "field": "website",
      "message": "\"x\" is not a valid web address"
    }
  ]
}
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	if err := WriteJSONFailure(&b, errors.New(`sources/a.xlsx: not an XLSX workbook`)); err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"failure\": \"sources/a.xlsx: not an XLSX workbook\"\n}\n"; b.String() != want {
		t.Errorf("failure: got %q, want %q", b.String(), want)
	}
}

// TestProblemsDoc holds docs/problems.md's table of codes to schema.Codes,
// and checks each code is kebab-case and given once.
func TestProblemsDoc(t *testing.T) {
	const path = "../../docs/problems.md"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var table strings.Builder
	table.WriteString("| code | severity | what it means |\n|---|---|---|\n")
	seen := map[string]bool{}
	for _, c := range schema.Codes() {
		if seen[c.Code] || !kebab(c.Code) {
			t.Errorf("code %q is given twice or is not kebab-case", c.Code)
		}
		seen[c.Code] = true
		table.WriteString("| `" + c.Code + "` | " + c.Severity.String() + " | " + c.Meaning + " |\n")
	}
	const begin, end = "<!-- codes:begin -->\n", "<!-- codes:end -->"
	before, rest, ok1 := strings.Cut(string(doc), begin)
	_, after, ok2 := strings.Cut(rest, end)
	if !ok1 || !ok2 {
		t.Fatalf("%s has no %q ... %q markers", path, begin, end)
	}
	want := before + begin + table.String() + end + after
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if string(doc) != want {
		t.Errorf("%s's table of codes differs from schema.Codes; run go test ./pipeline/report -run TestProblemsDoc -update", path)
	}
}

func kebab(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c == '-') {
			return false
		}
	}
	return true
}
