package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/bordernet/bordernet/pipeline/changes"
)

// The files in which a release says what changed since the one before it
// (written by the release's changes addition, when it has run before the
// site's).
const (
	ChangesJSON     = changes.JSONFile
	ChangesMarkdown = changes.MarkdownFile
)

// changesSummary is what the landing page says of the changes.
type changesSummary struct {
	Headline string // "changes since 2026-11-01: 2 added, 4 changed"
	JSON     bool   // changes.json is in the release
	Markdown bool   // CHANGES.md is in the release
}

// readChanges reads the headline of the release's changes.json, if it has
// one, or returns nil when it has neither it nor CHANGES.md.
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
	line, err := changes.ReadHeadline(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ChangesJSON, err)
	}
	// The headline starts a sentence on the page ("Changes since ...").
	sum.Headline = strings.ToUpper(line[:1]) + line[1:]
	return &sum, nil
}
