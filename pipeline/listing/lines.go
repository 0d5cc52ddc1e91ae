package listing

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/bordernet/bordernet/schema"
)

// line is one physical line of the listing after normalisation.
type line struct {
	n    int    // 1-based line number in the file
	text string // normalised text; "" for a blank line
	// underlined is set when the next line is a rule of "=" or "-" under
	// this one: a heading by its mark, as in Markdown's setext headings.
	underlined bool
}

// sniffBytes is how much of the start of a file is checked for NUL bytes
// before lines are split, so that a binary file is called binary rather
// than "line too long". Git uses the same amount for the same test.
const sniffBytes = 8000

// readLines reads r into normalised lines, one per physical line of the
// file. Lines that are only decoration (rules of dashes, stars, equals
// signs) come back blank.
func readLines(r io.Reader, file string, ps *schema.Problems) ([]line, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(sniffBytes)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		ln, _ := positionOf(head, len(head))
		return nil, &ParseError{File: file, Line: ln, Err: err}
	}
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return nil, &ParseError{File: file, Line: 1, Column: 1, Err: fmt.Errorf("%w (the file is UTF-16)", ErrInvalidUTF8)}
	}
	if i := bytes.IndexByte(head, 0); i >= 0 {
		ln, col := positionOf(head, i)
		return nil, &ParseError{File: file, Line: ln, Column: col, Err: ErrBinary}
	}

	sc := bufio.NewScanner(br)
	// Room for the longest accepted line plus a CR LF.
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineBytes+2)
	sc.Split(splitLines)
	var lines []line
	nonBlank := false
	for sc.Scan() {
		raw := sc.Bytes()
		n := len(lines) + 1
		if len(raw) > MaxLineBytes {
			return nil, &ParseError{File: file, Line: n, Err: ErrLineTooLong}
		}
		if i := bytes.IndexByte(raw, 0); i >= 0 {
			return nil, &ParseError{File: file, Line: n, Column: i + 1, Err: ErrBinary}
		}
		if n == 1 {
			raw = bytes.TrimPrefix(raw, []byte("\uFEFF"))
		}
		if !utf8.Valid(raw) {
			return nil, &ParseError{File: file, Line: n, Column: firstInvalid(raw) + 1, Err: ErrInvalidUTF8}
		}
		text, ctrl := normalise(string(raw))
		if ctrl != 0 {
			ps.Warnf(schema.Position{File: file, Line: n}, "", "", "control character U+%04X read as a space", ctrl)
		}
		if isRule(text) {
			if len(lines) > 0 && lines[len(lines)-1].text != "" && (text[0] == '=' || text[0] == '-') {
				lines[len(lines)-1].underlined = true
			}
			text = ""
		}
		if text != "" {
			nonBlank = true
		}
		lines = append(lines, line{n: n, text: text})
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = ErrLineTooLong
		}
		return nil, &ParseError{File: file, Line: len(lines) + 1, Err: err}
	}
	if !nonBlank {
		return nil, &ParseError{File: file, Err: ErrEmpty}
	}
	return lines, nil
}

// splitLines is a bufio.SplitFunc for every line break people's editors
// write: LF, CR LF, and a lone CR (old Mac files). The last line needs no
// break.
func splitLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
		if data[i] == '\n' {
			return i + 1, data[:i], nil
		}
		if i+1 < len(data) {
			if data[i+1] == '\n' {
				return i + 2, data[:i], nil
			}
			return i + 1, data[:i], nil
		}
		if !atEOF {
			// A CR at the end of the buffer may be the first half of CR LF.
			return 0, nil, nil
		}
		return i + 1, data[:i], nil
	}
	if atEOF {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// positionOf returns the 1-based line and byte column of data[i], counting
// line breaks as splitLines does.
func positionOf(data []byte, i int) (ln, col int) {
	ln, start := 1, 0
	for j := 0; j < i; j++ {
		switch data[j] {
		case '\n':
			ln, start = ln+1, j+1
		case '\r':
			if j+1 < len(data) && data[j+1] == '\n' {
				continue
			}
			ln, start = ln+1, j+1
		}
	}
	return ln, i - start + 1
}

// firstInvalid returns the byte offset of the first invalid UTF-8 sequence.
func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// normalise makes one line canonical: every kind of space (tab, NBSP, the
// typographic spaces) becomes one ASCII space, runs collapse, the ends are
// trimmed, invisible characters (zero-width space, soft hyphen, a stray BOM)
// go, and the marks people type as an apostrophe (´ ’ ‘ ` ʼ ′) become the
// ASCII apostrophe the published text uses. Other non-ASCII letters stay as
// they are, composed (NFC). It also returns the last C0/C1 control
// character met, which is read as a space.
func normalise(s string) (string, rune) {
	var b strings.Builder
	b.Grow(len(s))
	var ctrl rune
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case isInvisible(r):
			continue
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
			ctrl, space = r, true
			continue
		case isApostrophe(r):
			r = '\''
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	out := b.String()
	if !norm.NFC.IsNormalString(out) {
		out = norm.NFC.String(out)
	}
	return out, ctrl
}

func isInvisible(r rune) bool {
	switch r {
	case '\u00AD', '\u200B', '\u2060', '\uFEFF':
		return true
	}
	return false
}

func isApostrophe(r rune) bool {
	switch r {
	case '\u00B4', '\u2019', '\u2018', '`', '\u02BC', '\u2032':
		return true
	}
	return false
}

// isRule reports whether a normalised line is decoration only: no letter
// or digit, such as "-----", "* * *" or "=====".
func isRule(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}
