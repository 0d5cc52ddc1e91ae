// Package completion writes shell completion scripts (bash, zsh, fish) for
// a command line described as commands and their flags. The scripts are
// static: they hold the names and complete file names for arguments, so
// they neither run the program on each Tab nor depend on a library's
// hidden flags.
package completion

import (
	"fmt"
	"io"
	"strings"
)

// Command is one command of the program, as completion sees it.
type Command struct {
	Name  string
	Usage string
	Flags []Flag
}

// Flag is one flag of a command. TakesValue says whether it takes a
// value; Values lists them when they are few and known (--format
// text|json), and Files says the value is a file or folder name.
type Flag struct {
	Name       string // without dashes
	Usage      string
	TakesValue bool
	Values     []string
	Files      bool
}

// Shells are the shells Write knows.
func Shells() []string { return []string{"bash", "zsh", "fish"} }

// Write writes the completion script for shell: "bash", "zsh" or "fish".
func Write(w io.Writer, shell, program string, commands []Command) error {
	var s string
	switch shell {
	case "bash":
		s = bash(program, commands)
	case "zsh":
		// zsh runs bash completion functions through bashcompinit, the
		// documented way of sharing one script.
		s = "#compdef " + program + "\n# zsh completion for " + program + ": add to your .zshrc:\n#   source <(" + program + " completion zsh)\n" +
			"autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + bash(program, commands)
	case "fish":
		s = fish(program, commands)
	default:
		return fmt.Errorf("unknown shell %q: write one of %s", shell, strings.Join(Shells(), ", "))
	}
	_, err := io.WriteString(w, s)
	return err
}

// quoteSh quotes s for a POSIX shell word.
func quoteSh(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// ident makes a program name usable in a shell function name.
func ident(program string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' {
			return r
		}
		return '_'
	}, program)
}

func bash(program string, commands []Command) string {
	var b strings.Builder
	fn := "_" + ident(program) + "_complete"
	var names []string
	for _, c := range commands {
		names = append(names, c.Name)
	}
	fmt.Fprintf(&b, "# bash completion for %s: add to your .bashrc:\n#   source <(%s completion bash)\n", program, program)
	fmt.Fprintf(&b, "%s() {\n", fn)
	b.WriteString("\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} flags=\n")
	b.WriteString("\tif [ \"$COMP_CWORD\" -eq 1 ]; then\n")
	fmt.Fprintf(&b, "\t\tCOMPREPLY=($(compgen -W %s -- \"$cur\"))\n\t\treturn\n\tfi\n", quoteSh(strings.Join(names, " ")))
	b.WriteString("\tcase ${COMP_WORDS[1]} in\n")
	for _, c := range commands {
		var flags []string
		for _, f := range c.Flags {
			flags = append(flags, "--"+f.Name)
		}
		flags = append(flags, "--help")
		fmt.Fprintf(&b, "\t%s)\n\t\tflags=%s\n", quoteSh(c.Name), quoteSh(strings.Join(flags, " ")))
		b.WriteString("\t\tcase $prev in\n")
		for _, f := range c.Flags {
			switch {
			case len(f.Values) > 0:
				fmt.Fprintf(&b, "\t\t%s) COMPREPLY=($(compgen -W %s -- \"$cur\")); return ;;\n", quoteSh("--"+f.Name), quoteSh(strings.Join(f.Values, " ")))
			case f.Files:
				fmt.Fprintf(&b, "\t\t%s) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n", quoteSh("--"+f.Name))
			case f.TakesValue:
				fmt.Fprintf(&b, "\t\t%s) COMPREPLY=(); return ;;\n", quoteSh("--"+f.Name))
			}
		}
		b.WriteString("\t\tesac\n\t\t;;\n")
	}
	b.WriteString("\tesac\n")
	b.WriteString("\tif [[ $cur == -* ]]; then\n\t\tCOMPREPLY=($(compgen -W \"$flags\" -- \"$cur\"))\n\telse\n\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n\tfi\n}\n")
	fmt.Fprintf(&b, "complete -o filenames -F %s %s\n", fn, program)
	return b.String()
}

// quoteFish quotes s for fish.
func quoteFish(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func fish(program string, commands []Command) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# fish completion for %s: save as ~/.config/fish/completions/%s.fish:\n#   %s completion fish > ~/.config/fish/completions/%s.fish\n", program, program, program, program)
	var names []string
	for _, c := range commands {
		names = append(names, c.Name)
	}
	fmt.Fprintf(&b, "complete -c %s -f\n", program)
	for _, c := range commands {
		fmt.Fprintf(&b, "complete -c %s -n '__fish_use_subcommand' -a %s -d %s\n", program, quoteFish(c.Name), quoteFish(c.Usage))
	}
	for _, c := range commands {
		cond := quoteFish("__fish_seen_subcommand_from " + c.Name)
		fmt.Fprintf(&b, "complete -c %s -n %s -F\n", program, cond)
		for _, f := range c.Flags {
			fmt.Fprintf(&b, "complete -c %s -n %s -l %s -d %s", program, cond, f.Name, quoteFish(f.Usage))
			switch {
			case len(f.Values) > 0:
				fmt.Fprintf(&b, " -x -a %s", quoteFish(strings.Join(f.Values, " ")))
			case f.Files:
				b.WriteString(" -r -F")
			case f.TakesValue:
				b.WriteString(" -x")
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}
