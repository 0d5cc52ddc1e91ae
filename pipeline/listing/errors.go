package listing

import (
	"errors"
	"strconv"
	"strings"
)

// The sentinel errors of input that is not a listing at all. Read returns
// them inside a *ParseError that names the file and line; test for them with
// errors.Is.
var (
	ErrEmpty       = errors.New("empty file: there is no text to read as a listing")
	ErrBinary      = errors.New("binary data (NUL byte): not a text listing")
	ErrInvalidUTF8 = errors.New("invalid UTF-8: save the listing as UTF-8 text")
	ErrLineTooLong = errors.New("line longer than 1 MiB: not a text listing")
	ErrDirectory   = errors.New("is a directory, not a listing file")
)

// MaxLineBytes is the longest line Read accepts, without its line break.
// Hand-written paragraphs are far shorter; a longer line means the file is
// not a listing, and the bound keeps memory use proportional to real text.
const MaxLineBytes = 1 << 20

// ParseError is input that cannot be read as a listing, at a position, in
// the manner of encoding/csv's ParseError.
type ParseError struct {
	File   string // file name as given to Read
	Line   int    // 1-based line; 0 when the error concerns the whole file
	Column int    // 1-based byte column in the line; 0 when not known
	Err    error  // the actual error, often one of the Err* sentinels
}

// Error renders the error as "FILE:LINE:COLUMN: message", leaving out the
// parts that are not known.
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		if b.Len() > 0 {
			b.WriteByte(':')
		} else {
			b.WriteString("line ")
		}
		b.WriteString(strconv.Itoa(e.Line))
		if e.Column > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(e.Column))
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Err == nil {
		b.WriteString("cannot read listing")
	} else {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying error, so errors.Is(err, ErrBinary) and
// errors.Is(err, fs.ErrNotExist) work.
func (e *ParseError) Unwrap() error { return e.Err }
