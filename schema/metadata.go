package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"unicode/utf8"
)

// MaxMetadataSize is the largest dataset.json LoadMetadata reads. The file
// holds a title, a description and a few lists; anything bigger is not a
// metadata file.
const MaxMetadataSize = 1 << 20

// MetadataError is an input failure in a dataset metadata file, at a line
// and column when there is one, in the manner of encoding/csv's ParseError.
type MetadataError struct {
	File   string
	Line   int // 1-based; 0 when the failure has no position
	Column int // 1-based, in characters; 0 when the failure has no position
	Err    error
}

func (e *MetadataError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %v", e.File, e.Err)
	}
	return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Column, e.Err)
}

func (e *MetadataError) Unwrap() error { return e.Err }

// ErrUnknownField is wrapped by the error for a key that is not a field of
// Metadata (a typo such as "licence" for "license" would otherwise be
// silently dropped).
var ErrUnknownField = errors.New("unknown field")

// ErrDuplicateField is wrapped by the error for a key given twice in one
// object (encoding/json would silently keep the last).
var ErrDuplicateField = errors.New("field given twice")

// LoadMetadata reads the dataset metadata (sources/dataset.json) strictly:
// unknown keys, keys given twice, values of the wrong type, trailing data
// and invalid UTF-8 are all errors, each a *MetadataError naming the file
// and, where there is one, the line and column. It does not check the values
// themselves: Validator.Metadata and CatalogProblems do that.
func LoadMetadata(path string) (Metadata, error) {
	// A FIFO or a device would block the read or never end: only a
	// regular file is a metadata file.
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		return Metadata{}, &MetadataError{File: path, Err: fmt.Errorf("not a regular file (mode %s): a metadata file is a plain JSON file", info.Mode().Type())}
	}
	f, err := os.Open(path)
	if err != nil {
		return Metadata{}, fmt.Errorf("dataset metadata: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxMetadataSize+1))
	if err != nil {
		return Metadata{}, &MetadataError{File: path, Err: err}
	}
	if len(data) > MaxMetadataSize {
		return Metadata{}, &MetadataError{File: path, Err: fmt.Errorf("file is larger than %d bytes: not a dataset metadata file", MaxMetadataSize)}
	}
	return ParseMetadata(path, data)
}

// ParseMetadata is LoadMetadata on data already read; file names it in
// errors.
func ParseMetadata(file string, data []byte) (Metadata, error) {
	fail := func(offset int64, err error) (Metadata, error) {
		e := &MetadataError{File: file, Err: err}
		if offset >= 0 {
			e.Line, e.Column = lineColumn(data, offset)
		}
		return Metadata{}, e
	}
	// Editors on Windows write a byte-order mark; it is not content.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		return fail(int64(invalidUTF8At(data)), errors.New("invalid UTF-8: save the file as UTF-8"))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fail(-1, errors.New("file is empty: it must hold one JSON object"))
	}

	keys, err := scanKeys(data)
	if err != nil {
		return fail(err.offset, err.err)
	}
	for _, k := range keys {
		if k.duplicate {
			return fail(k.offset, fmt.Errorf("%w: %q", ErrDuplicateField, k.path))
		}
		parts := strings.Split(k.path, ".")
		parent, ok := structAt(reflect.TypeFor[Metadata](), parts[:len(parts)-1])
		if !ok {
			continue
		}
		if _, ok := jsonField(parent, parts[len(parts)-1]); !ok {
			return fail(k.offset, fmt.Errorf("%w %q: the fields are %s", ErrUnknownField, k.path, jsonFieldList(parent)))
		}
	}

	var m Metadata
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields() // scanKeys has reported these already; kept as a second guard
	if err := dec.Decode(&m); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			at := typeErr.Offset
			for _, k := range keys {
				if k.path == typeErr.Field {
					at = k.offset
				}
			}
			what := "the file"
			if typeErr.Field != "" {
				what = fmt.Sprintf("%q", typeErr.Field)
			}
			return fail(at, fmt.Errorf("%s must be %s, not a JSON %s", what, jsonKind(typeErr.Type), typeErr.Value))
		}
		return fail(dec.InputOffset(), err)
	}
	return m, nil
}

// jsonKey is one object key in a JSON document, with its dotted path from
// the top ("publisher.name") and the byte offset of the key.
type jsonKey struct {
	path      string
	offset    int64
	duplicate bool
}

type scanError struct {
	offset int64
	err    error
}

// scanKeys walks data as a stream of JSON tokens, recording every object key
// with its position, so errors that encoding/json reports without one
// (unknown and duplicate keys) can be pointed at. It also reports syntax
// errors and trailing data at their offsets. Array elements share their
// array's path: Metadata has no objects inside arrays.
func scanKeys(data []byte) ([]jsonKey, *scanError) {
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		object bool
		prefix string
		seen   map[string]bool
		key    bool // the next token in this object is a key
	}
	var stack []frame
	var keys []jsonKey
	var lastKey string
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err == io.EOF {
			if len(stack) > 0 {
				return nil, &scanError{int64(len(data)), errors.New("unexpected end of file: a closing bracket or brace is missing")}
			}
			return keys, nil
		}
		if err != nil {
			var syn *json.SyntaxError
			if errors.As(err, &syn) {
				// Decoder.Token's offsets lag behind the offending
				// character; Unmarshal's point just past it.
				if uerr := json.Unmarshal(data, new(any)); errors.As(uerr, &syn) {
					err = uerr
				}
				return nil, &scanError{syn.Offset - 1, fmt.Errorf("invalid JSON: %v", err)}
			}
			if errors.Is(err, io.ErrUnexpectedEOF) {
				return nil, &scanError{int64(len(data)), errors.New("unexpected end of file: the JSON object is not closed")}
			}
			return nil, &scanError{start, fmt.Errorf("invalid JSON: %w", err)}
		}
		if len(stack) == 0 && len(keys) == 0 && lastKey == "" && tok != json.Delim('{') {
			return nil, &scanError{skipSpace(data, start), errors.New("the file must hold one JSON object ({ ... })")}
		}
		top := len(stack) - 1
		if top >= 0 && stack[top].object && stack[top].key {
			if s, ok := tok.(string); ok {
				path := stack[top].prefix + s
				// Key offsets point at the key itself, after any separator.
				k := jsonKey{path: path, offset: skipSeparators(data, start)}
				lower := strings.ToLower(s)
				// encoding/json matches keys case-insensitively, so "Title"
				// and "title" are the same field given twice.
				k.duplicate = stack[top].seen[lower]
				stack[top].seen[lower] = true
				keys = append(keys, k)
				lastKey = path
				stack[top].key = false
				continue
			}
		}
		if top >= 0 && stack[top].object {
			stack[top].key = true // after this value comes a key or the end
		}
		switch tok {
		case json.Delim('{'):
			prefix := ""
			if top >= 0 {
				prefix = stack[top].prefix
				if stack[top].object {
					prefix = lastKey + "."
				}
			}
			stack = append(stack, frame{object: true, prefix: prefix, seen: map[string]bool{}, key: true})
		case json.Delim('['):
			prefix := ""
			if top >= 0 && stack[top].object {
				prefix = lastKey + "."
			} else if top >= 0 {
				prefix = stack[top].prefix
			}
			stack = append(stack, frame{prefix: prefix})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:top]
		}
		if len(stack) == 0 {
			if dec.More() {
				return nil, &scanError{skipSpace(data, dec.InputOffset()), errors.New("unexpected data after the JSON object")}
			}
		}
	}
}

// structAt resolves a dotted path of json names from t, looking through
// lists, and returns the struct type found there. It reports false when the
// path leads to no struct: then the value there has the wrong JSON type, and
// encoding/json reports that better than a key check can.
func structAt(t reflect.Type, path []string) (reflect.Type, bool) {
	for _, part := range path {
		t = elem(t)
		if t.Kind() != reflect.Struct {
			return nil, false
		}
		f, ok := jsonField(t, part)
		if !ok {
			return nil, false
		}
		t = f.Type
	}
	t = elem(t)
	return t, t.Kind() == reflect.Struct
}

func elem(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// jsonFieldList lists the json names of struct type t's fields.
func jsonFieldList(t reflect.Type) string {
	var names []string
	for f := range t.Fields() {
		if name := jsonName(f); name != "" {
			names = append(names, name)
		}
	}
	return strings.Join(names, ", ")
}

func jsonField(t reflect.Type, name string) (reflect.StructField, bool) {
	for f := range t.Fields() {
		if n := jsonName(f); n != "" && strings.EqualFold(n, name) {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "-" || !f.IsExported() {
		return ""
	}
	if name == "" {
		return f.Name
	}
	return name
}

// jsonKind names the JSON shape of a Go type for a curator.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string in quotes"
	case reflect.Slice, reflect.Array:
		return `a list ([ "...", "..." ])`
	case reflect.Struct, reflect.Map:
		return "an object ({ ... })"
	case reflect.Bool:
		return "true or false"
	default:
		return "a number"
	}
}

// lineColumn turns a byte offset into a 1-based line and a 1-based column
// counted in characters, as editors show them.
func lineColumn(data []byte, offset int64) (line, col int) {
	offset = max(0, min(offset, int64(len(data))))
	before := data[:offset]
	line = 1 + bytes.Count(before, []byte("\n"))
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, 1 + utf8.RuneCount(before[lineStart:])
}

func invalidUTF8At(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}

func skipSpace(data []byte, off int64) int64 {
	for off < int64(len(data)) && strings.IndexByte(" \t\r\n", data[off]) >= 0 {
		off++
	}
	return off
}

func skipSeparators(data []byte, off int64) int64 {
	for off < int64(len(data)) && strings.IndexByte(" \t\r\n,:{[", data[off]) >= 0 {
		off++
	}
	return off
}
