package main

import (
	"flag"
	"io"
	"slices"
	"testing"
)

var updateScripts = flag.Bool("update", false, "rewrite the expected output in testdata/script")

func TestPermuteFlags(t *testing.T) {
	app := newApp(io.Discard, io.Discard)
	tests := []struct{ in, want []string }{
		{[]string{"bn", "validate", "sources", "--format", "json"}, []string{"bn", "validate", "--format", "json", "--", "sources"}},
		{[]string{"bn", "validate", "--format=json", "a", "b"}, []string{"bn", "validate", "--format=json", "--", "a", "b"}},
		{[]string{"bn", "release", "src", "--force", "--out", "o"}, []string{"bn", "release", "--force", "--out", "o", "--", "src"}},
		{[]string{"bn", "validate", "--", "-odd-name.txt"}, []string{"bn", "validate", "--", "-odd-name.txt"}},
		{[]string{"bn", "validate"}, []string{"bn", "validate"}},
		{[]string{"bn", "nosuch", "x", "--y"}, []string{"bn", "nosuch", "x", "--y"}},
		{[]string{"bn", "validate", "sources", "--help"}, []string{"bn", "validate", "--help"}},
		{[]string{"bn", "template", "--out", "x.xlsx", "src", "-h"}, []string{"bn", "template", "--help"}},
		{[]string{"bn", "validate", "--", "--help"}, []string{"bn", "validate", "--", "--help"}},
		{[]string{"bn", "validate", "-"}, []string{"bn", "validate", "--", "-"}},
	}
	for _, tt := range tests {
		if got := permuteFlags(app, tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("permuteFlags(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
