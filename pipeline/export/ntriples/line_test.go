package ntriples

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"testing"
)

// TestReadLine: lines shorter and longer than the reader's buffer come
// back whole, the last one without its '\n' with io.EOF, and a line over
// the bound is an error rather than memory.
func TestReadLine(t *testing.T) {
	long := strings.Repeat("x", 100) + "\n"
	in := "a\n" + long + "b\n" + "tail"
	br := bufio.NewReaderSize(strings.NewReader(in), 16)
	var got []string
	for {
		line, err := ReadLine(br, 1000)
		got = append(got, string(line))
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"a\n", long, "b\n", "tail"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q, want %q", got, want)
	}
	br = bufio.NewReaderSize(strings.NewReader(strings.Repeat("y", 5000)), 16)
	if _, err := ReadLine(br, 1000); !errors.Is(err, ErrLineTooLong) {
		t.Fatalf("a line over the bound: %v", err)
	}
}
