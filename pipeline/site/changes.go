package site

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// The files in which a release says what changed since the one before it
// (written by the release's changes addition, when it has run before the
// site's).
const (
	ChangesJSON     = "changes.json"
	ChangesMarkdown = "CHANGES.md"
)

// changesSummary is what the landing page says of the changes.
type changesSummary struct {
	Lines    []string // "added: 3", "previous: 2026-11-01"
	JSON     bool     // changes.json is in the release
	Markdown bool     // CHANGES.md is in the release
}

// readChanges summarises the release's changes.json, if it has one, or
// returns nil when it has neither it nor CHANGES.md.
func readChanges(dir string) (*changesSummary, error) {
	var sum changesSummary
	if _, err := os.Stat(filepath.Join(dir, ChangesMarkdown)); err == nil {
		sum.Markdown = true
	}
	data, err := os.ReadFile(filepath.Join(dir, ChangesJSON))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if !sum.Markdown {
			return nil, nil
		}
		return &sum, nil
	case err != nil:
		return nil, err
	}
	sum.JSON = true
	lines, err := summariseChanges(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ChangesJSON, err)
	}
	sum.Lines = lines
	return &sum, nil
}

// summariseChanges says in a few lines what a changes document holds,
// without depending on its exact form: each top-level member as its
// value when it is a string, number or boolean, as a count when it is a
// list, and an object's members the same way one level down ("added: 3",
// "summary changed: 5"). A list at the top is counted as changes.
func summariseChanges(data []byte) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("more than one JSON value")
	}
	var lines []string
	var walk func(prefix string, v any, depth int)
	walk = func(prefix string, v any, depth int) {
		switch v := v.(type) {
		case map[string]any:
			if depth > 1 {
				lines = append(lines, fmt.Sprintf("%s: %d entries", prefix, len(v)))
				return
			}
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				walk(strings.TrimSpace(prefix+" "+strings.ReplaceAll(k, "_", " ")), v[k], depth+1)
			}
		case []any:
			if prefix == "" {
				prefix = "changes"
			}
			lines = append(lines, prefix+": "+strconv.Itoa(len(v)))
		case nil:
			lines = append(lines, prefix+": none")
		default:
			s := fmt.Sprint(v)
			if r := []rune(s); len(r) > 200 {
				s = string(r[:200]) + "…"
			}
			lines = append(lines, prefix+": "+s)
		}
	}
	walk("", doc, 0)
	return lines, nil
}
