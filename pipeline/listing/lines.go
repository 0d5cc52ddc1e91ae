package listing

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/bordernet/bordernet/schema"
)

// line is one physical line of the listing with text, after normalisation.
// Blank lines (and decoration lines, which count as blank) are not kept:
// the line after them counts them.
type line struct {
	text string // normalised text, never ""
	n    int    // 1-based line number in the file
	// blanks is the number of blank lines right before this one.
	blanks int32
	// chunk and off locate text in the reader's text arena, so that the
	// lines of a wrapped paragraph join without copying (see joinLines).
	chunk, off int32
	// underlined is set when the next line is a rule of "=" or "-" under
	// this one: a heading by its mark, as in Markdown's setext headings.
	underlined bool
}

// sniffBytes is how much of the start of a file is checked for NUL bytes
// before lines are split, so that a binary file is called binary rather
// than "line too long". Git uses the same amount for the same test.
const sniffBytes = 8000

// The text arena's chunk sizes: small for the small listings tests and
// fuzzing read by the thousand, growing to a size where the space left
// unused at the end of each chunk is negligible.
const (
	firstChunk = 4 << 10
	maxChunk   = 1 << 20
)

// textArena holds the normalised text of every line, back to back in a few
// large chunks, each line followed by a space. Lines are substrings of the
// chunks: a listing of a million entries makes a few hundred allocations
// for its text instead of millions, records share the text as their
// values, and the lines of a wrapped paragraph, being adjacent with a
// space between them, are already their paragraph.
type textArena struct {
	done []string        // the full text of each finished chunk
	cur  strings.Builder // the chunk being written; never reallocated
	size int             // capacity of the current chunk
}

// add copies text into the arena and returns the copy and where it is.
func (a *textArena) add(text []byte) (s string, chunk, off int32) {
	need := len(text) + 1
	if a.cur.Cap()-a.cur.Len() < need {
		if a.size > 0 {
			a.done = append(a.done, a.cur.String())
		}
		a.size = min(max(2*a.size, firstChunk), maxChunk)
		a.cur = strings.Builder{}
		a.cur.Grow(max(a.size, need))
	}
	start := a.cur.Len()
	a.cur.Write(text)
	a.cur.WriteByte(' ')
	return a.cur.String()[start : start+len(text)], int32(len(a.done)), int32(start)
}

// chunks returns the text of every chunk, once writing is over.
func (a *textArena) chunks() []string {
	if a.size == 0 {
		return a.done
	}
	return append(a.done, a.cur.String())
}

// current returns the number of the chunk being written.
func (a *textArena) current() int32 { return int32(len(a.done)) }

// release lets the chunks before chunk go, for a reader that has done
// with their lines: what its units and records took from them stays, and
// the rest is the garbage collector's. Chunk numbers stay as they are.
func (a *textArena) release(chunk int32) {
	clear(a.done[:min(int(chunk), len(a.done))])
}

// part is what reading a stretch of a listing gives: the whole file, or
// one of the parts ReadFile reads at once, which begin with a blank line
// (see splitPoints). Line numbers count from the stretch's start.
type part struct {
	lines  []line   // the lines with text
	chunks []string // the text arena they are in
	count  int      // physical lines read
	trail  int32    // blank lines after the last line with text (all, if none)
	ps     schema.Problems
	err    error // a *ParseError; an empty stretch is no error here
}

// readPart reads r into its normalised lines with text. Lines that are
// only decoration (rules of dashes, stars, equals signs) count as blank.
// head says r starts the file: its start is checked for binary data and
// UTF-16, and its first line loses a byte order mark.
func readPart(r io.Reader, file string, head bool) *part {
	pt := &part{}
	lr, err := newLineReader(r, file, head)
	if err != nil {
		pt.err = err
		return pt
	}
	if sized, ok := r.(interface{ Size() int64 }); ok {
		// Room for the lines of a text of this size, so that the slice
		// does not grow by copying itself (at a million entries, twice
		// its 80 MB): one line with text per 128 bytes is more than
		// prose has; capacity not used costs no memory, as untouched
		// pages are not mapped.
		pt.lines = make([]line, 0, min(sized.Size()/128, 1<<22)+16)
	}
	pt.lines, _, err = lr.appendLines(pt.lines, -1)
	if err != nil {
		pt.err = err
		pt.lines = nil
		return pt
	}
	if cap(pt.lines)-len(pt.lines) > len(pt.lines)/4 {
		// The room made above is about twice what a listing of prose
		// uses, and the lines stay live until the records are made, when
		// memory is at its fullest: moved now into a slice of their own
		// size, when little else is live, they take half as much then.
		pt.lines = slices.Clone(pt.lines)
	}
	pt.chunks, pt.count, pt.trail, pt.ps = lr.arena.chunks(), lr.n, lr.blanks, lr.ps
	return pt
}

// lineReader reads a listing's normalised lines with text, as many at a
// time as its caller wants: all of them (readPart), or a window after
// another (Stream).
type lineReader struct {
	sc      *bufio.Scanner
	file    string
	head    bool
	arena   textArena
	scratch []byte          // one line's normalised text, reused
	n       int             // physical lines read
	blanks  int32           // blank lines since the last line with text
	ps      schema.Problems // control characters met
}

// newLineReader starts reading r; head says r starts the file, whose
// start is checked first (see sniff).
func newLineReader(r io.Reader, file string, head bool) (*lineReader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if head {
		start, err := br.Peek(sniffBytes)
		if err := sniff(start, err, file); err != nil {
			return nil, err
		}
	}
	sc := bufio.NewScanner(br)
	// Room for the longest accepted line plus a CR LF.
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineBytes+2)
	sc.Split(splitLines)
	return &lineReader{sc: sc, file: file, head: head}, nil
}

// appendLines appends the next lines with text to lines, up to most of
// them (every one when most < 0), and returns lines and whether the end was
// reached. A rule right under the last line of lines underlines it: a
// caller reading a window at a time keeps the last line read last. The
// error is a *ParseError; lines are then not to be used.
func (lr *lineReader) appendLines(lines []line, most int) ([]line, bool, error) {
	for added := 0; most < 0 || added < most; {
		if !lr.sc.Scan() {
			if err := lr.sc.Err(); err != nil {
				if errors.Is(err, bufio.ErrTooLong) {
					err = ErrLineTooLong
				}
				return lines, true, &ParseError{File: lr.file, Line: lr.n + 1, Err: err}
			}
			return lines, true, nil
		}
		raw := lr.sc.Bytes()
		lr.n++
		n := lr.n
		if len(raw) > MaxLineBytes {
			return lines, true, &ParseError{File: lr.file, Line: n, Err: ErrLineTooLong}
		}
		if i := bytes.IndexByte(raw, 0); i >= 0 {
			return lines, true, &ParseError{File: lr.file, Line: n, Column: i + 1, Err: ErrBinary}
		}
		if lr.head && n == 1 {
			raw = bytes.TrimPrefix(raw, []byte("\uFEFF"))
		}
		if !utf8.Valid(raw) {
			return lines, true, &ParseError{File: lr.file, Line: n, Column: firstInvalid(raw) + 1, Err: ErrInvalidUTF8}
		}
		var ctrl rune
		lr.scratch, ctrl = appendNormal(lr.scratch[:0], raw)
		if ctrl != 0 {
			lr.ps.Warnf(schema.CodeControlCharacter, schema.Position{File: lr.file, Line: n}, "", "", "control character U+%04X read as a space", ctrl)
		}
		if len(lr.scratch) == 0 {
			lr.blanks++
			continue
		}
		if isRule(lr.scratch) {
			if lr.blanks == 0 && len(lines) > 0 && (lr.scratch[0] == '=' || lr.scratch[0] == '-') {
				lines[len(lines)-1].underlined = true
			}
			lr.blanks++
			continue
		}
		text, chunk, off := lr.arena.add(lr.scratch)
		lines = append(lines, line{text: text, n: n, blanks: lr.blanks, chunk: chunk, off: off})
		lr.blanks = 0
		added++
	}
	return lines, false, nil
}

// sniff checks the start of a file, as read with the error reading it
// gave: a file that is UTF-16 or has a NUL byte there is not a text
// listing, whatever error its lines hold.
func sniff(start []byte, readErr error, file string) error {
	if readErr != nil && !errors.Is(readErr, io.EOF) && !errors.Is(readErr, bufio.ErrBufferFull) {
		ln, _ := positionOf(start, len(start))
		return &ParseError{File: file, Line: ln, Err: readErr}
	}
	if bytes.HasPrefix(start, []byte{0xFF, 0xFE}) || bytes.HasPrefix(start, []byte{0xFE, 0xFF}) {
		return &ParseError{File: file, Line: 1, Column: 1, Err: fmt.Errorf("%w (the file is UTF-16)", ErrInvalidUTF8)}
	}
	if i := bytes.IndexByte(start, 0); i >= 0 {
		ln, col := positionOf(start, i)
		return &ParseError{File: file, Line: ln, Column: col, Err: ErrBinary}
	}
	return nil
}

// splitLines is a bufio.SplitFunc for every line break people's editors
// write: LF, CR LF, and a lone CR (old Mac files). The last line needs no
// break.
func splitLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	// The first break is the first LF, unless a CR comes before it.
	i := bytes.IndexByte(data, '\n')
	cr := -1
	if i >= 0 {
		cr = bytes.IndexByte(data[:i], '\r')
	} else {
		cr = bytes.IndexByte(data, '\r')
	}
	switch {
	case cr >= 0:
		if cr+1 < len(data) {
			if data[cr+1] == '\n' {
				return cr + 2, data[:cr], nil
			}
			return cr + 1, data[:cr], nil
		}
		if !atEOF {
			// A CR at the end of the buffer may be the first half of CR LF.
			return 0, nil, nil
		}
		return cr + 1, data[:cr], nil
	case i >= 0:
		return i + 1, data[:i], nil
	case atEOF:
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
	out, ctrl := appendNormal(nil, []byte(s))
	return string(out), ctrl
}

// plainByte reports the bytes a run of unchanged text is made of:
// printable ASCII but the space and the backtick.
func plainByte(c byte) bool { return c-0x21 < 0x7f-0x21 && c != '`' }

// printableRun returns the length of the run of printable ASCII but the
// backtick (spaces included) that b starts with, looking at eight bytes at
// a time.
func printableRun(b []byte) int {
	n := 0
	for ; n+8 <= len(b); n += 8 {
		x := binary.LittleEndian.Uint64(b[n:])
		below := (x - 0x20*ones) &^ x & highs  // a byte < 0x20
		above := ((x + 0x01*ones) | x) & highs // a byte > 0x7e
		tick := x ^ '`'*ones                   // a zero byte where x has '`'
		if below|above|(tick-ones)&^tick&highs != 0 {
			break
		}
	}
	for n < len(b) && (plainByte(b[n]) || b[n] == ' ') {
		n++
	}
	return n
}

// appendNormal appends normalise(raw) to dst, which must be empty or end a
// previous line (it is not looked at). Runs of printable ASCII with single
// spaces, most of any listing, are copied in one go; the rest goes rune by
// rune.
func appendNormal(dst, raw []byte) ([]byte, rune) {
	start := len(dst)
	var ctrl rune
	space := false // a space is due before the next character written
	check := false // a rune that NFC may change was written
	for i := 0; i < len(raw); {
		c := raw[i]
		if plainByte(c) {
			// A run of plain bytes and single spaces between them.
			j := i + 1 + printableRun(raw[i+1:])
			if k := bytes.Index(raw[i:j], []byte("  ")); k >= 0 {
				j = i + k
			}
			for raw[j-1] == ' ' {
				j-- // trailing spaces are the loop's to see
			}
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = append(dst, raw[i:j]...)
			i = j
			continue
		}
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ' || '\t' <= c && c <= '\r': // unicode.IsSpace's ASCII
				space = true
				continue
			case c < 0x20 || c == 0x7f:
				ctrl, space = rune(c), true
				continue
			}
			// The backtick, typed as an apostrophe.
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = append(dst, '\'')
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		enc := raw[i : i+size]
		i += size
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case isInvisible(r):
			continue
		case r >= 0x80 && r < 0xa0:
			ctrl, space = r, true
			continue
		case isApostrophe(r):
			r, enc = '\'', nil
		case r == utf8.RuneError && size == 1:
			enc = nil
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		if enc != nil {
			dst = append(dst, enc...)
		} else {
			dst = utf8.AppendRune(dst, r)
		}
		// Every rune below U+0300 is a starter that composes with nothing
		// before it, so text made of them alone is NFC already.
		check = check || r >= 0x300
	}
	if check && !norm.NFC.IsNormal(dst[start:]) {
		composed := norm.NFC.Bytes(dst[start:])
		dst = append(dst[:start], composed...)
	}
	return dst, ctrl
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
func isRule(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
		i += size
	}
	return true
}
