package completion

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/internal/judge"
)

func commands() []Command {
	return []Command{
		{Name: "validate", Usage: "check the sources", Flags: []Flag{
			{Name: "format", Usage: "report format", TakesValue: true, Values: []string{"text", "json"}},
			{Name: "quiet", Usage: "errors only"},
			{Name: "ignore", Usage: "leave out the warnings of CODE", TakesValue: true, Values: []string{"missing-description", "unknown-column"}},
		}},
		{Name: "template", Usage: "write a workbook (it's new)", Flags: []Flag{
			{Name: "out", Usage: "workbook to write", TakesValue: true, Files: true},
			{Name: "date", Usage: "a date", TakesValue: true},
		}},
	}
}

// TestBash sources the script in bash and asks it to complete, as bash
// does on Tab.
func TestBash(t *testing.T) {
	bash := judge.Need(t, "bash")
	var script bytes.Buffer
	if err := Write(&script, "bash", "bn", commands()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		words []string // the command line, the word being completed last
		want  string   // COMPREPLY, space-separated
	}{
		{[]string{"bn", ""}, "validate template"},
		{[]string{"bn", "v"}, "validate"},
		{[]string{"bn", "validate", "--"}, "--format --quiet --ignore --help"},
		{[]string{"bn", "validate", "--format", ""}, "text json"},
		{[]string{"bn", "validate", "--ignore", "missing"}, "missing-description"},
		{[]string{"bn", "template", "--date", ""}, ""},
		{[]string{"bn", "template", "--out", "nosuch-"}, ""},
		{[]string{"bn", "template", "--o"}, "--out"},
	}
	for _, tt := range tests {
		words := make([]string, len(tt.words))
		for i, w := range tt.words {
			words[i] = quoteSh(w)
		}
		prog := script.String() + "\nCOMP_WORDS=(" + strings.Join(words, " ") + ")\nCOMP_CWORD=" +
			string(rune('0'+len(tt.words)-1)) + "\n_bn_complete\necho \"${COMPREPLY[*]}\"\n"
		cmd := exec.Command(bash, "--norc", "--noprofile", "-c", prog)
		cmd.Dir = t.TempDir()
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("bash: %v\n%s", err, out)
		}
		if got := strings.TrimSpace(string(out)); got != tt.want {
			t.Errorf("complete %q = %q, want %q", tt.words, got, tt.want)
		}
	}
}

func TestFish(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "fish", "bn", commands()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`complete -c bn -n '__fish_use_subcommand' -a 'template' -d 'write a workbook (it\'s new)'`,
		`complete -c bn -n '__fish_seen_subcommand_from validate' -l format -d 'report format' -x -a 'text json'`,
		`complete -c bn -n '__fish_seen_subcommand_from template' -l out -d 'workbook to write' -r -F`,
		`complete -c bn -n '__fish_seen_subcommand_from validate' -l quiet -d 'errors only'` + "\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("fish script lacks %q:\n%s", want, b.String())
		}
	}
	if fish, err := exec.LookPath("fish"); err == nil {
		if out, err := exec.Command(fish, "--no-execute", "-c", b.String()).CombinedOutput(); err != nil {
			t.Errorf("fish --no-execute: %v\n%s", err, out)
		}
	}
}

func TestZshAndUnknown(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "zsh", "bn", commands()); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "#compdef bn\n") || !strings.Contains(b.String(), "bashcompinit") || !strings.Contains(b.String(), "complete -o filenames -F _bn_complete bn") {
		t.Errorf("zsh script:\n%s", b.String())
	}
	if zsh, err := exec.LookPath("zsh"); err == nil {
		if out, err := exec.Command(zsh, "-n", "-c", b.String()).CombinedOutput(); err != nil {
			t.Errorf("zsh -n: %v\n%s", err, out)
		}
	}
	if err := Write(&b, "powershell", "bn", commands()); err == nil || !strings.Contains(err.Error(), `unknown shell "powershell": write one of bash, zsh, fish`) {
		t.Errorf("Write(powershell) = %v", err)
	}
}
