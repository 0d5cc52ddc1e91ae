package changes

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/bordernet/bordernet/schema"
)

// View says how a report is rendered.
type View struct {
	// Published renders positions as they read inside a release folder
	// (source/listing.txt:14) rather than as they were read: for the
	// files a release carries, which must not depend on the publisher's
	// folders.
	Published bool
	// Title heads the Markdown rendering; "" for "Changes from OLD to NEW".
	Title string
}

func (v View) oldPos(r *Report, pos schema.Position) schema.Position {
	if v.Published {
		return published(pos, r.OldDir)
	}
	return pos
}

func (v View) newPos(r *Report, pos schema.Position) schema.Position {
	if v.Published {
		return published(pos, r.NewDir)
	}
	return pos
}

// WriteText writes the report for a terminal: a line per added, retired,
// changed and removed record, a line per changed field, and the summary.
func (r *Report) WriteText(w io.Writer, v View) error {
	var b strings.Builder
	fmt.Fprintf(&b, "--- %s (%d records)\n+++ %s (%d records)\n", r.Old, r.OldRecords, r.New, r.NewRecords)
	for _, rec := range r.Added {
		fmt.Fprintf(&b, "added: %s%s\n", rec.ID, at(v.newPos(r, rec.Pos)))
	}
	for _, group := range []struct {
		what string
		recs []Record
	}{{"retired", r.Retired}, {"changed", r.Changed}} {
		for _, rec := range group.recs {
			fmt.Fprintf(&b, "%s: %s%s\n", group.what, rec.ID, at(v.newPos(r, rec.Pos)))
			for _, c := range rec.Changes {
				fmt.Fprintf(&b, "  %s: %s%s -> %s%s\n", c.Field,
					textValue(c.Old), at(v.oldPos(r, c.OldPos)), textValue(c.New), at(v.newPos(r, c.NewPos)))
			}
		}
	}
	for _, rec := range r.Removed {
		fmt.Fprintf(&b, "removed: %s%s\n", rec.ID, at(v.oldPos(r, rec.Pos)))
	}
	b.WriteString(r.Summary())
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

func at(pos schema.Position) string {
	if pos.IsZero() {
		return ""
	}
	return " (" + pos.String() + ")"
}

func textValue(v string) string {
	if v == "" {
		return "(none)"
	}
	return strconv.Quote(v)
}

// WriteMarkdown writes the report for people, as CHANGES.md.
func (r *Report) WriteMarkdown(w io.Writer, v View) error {
	var b strings.Builder
	title := v.Title
	if title == "" {
		title = "Changes from " + r.Old + " to " + r.New
	}
	fmt.Fprintf(&b, "# %s\n\n", mdEscape(title))
	summary := r.Summary()
	fmt.Fprintf(&b, "%s%s (%d records before, %d after).\n", strings.ToUpper(summary[:1]), mdEscape(summary[1:]), r.OldRecords, r.NewRecords)
	if len(r.Added) > 0 {
		fmt.Fprintf(&b, "\n## Added (%d)\n\n", len(r.Added))
		for _, rec := range r.Added {
			fmt.Fprintf(&b, "- `%s`%s\n", rec.ID, mdAt(v.newPos(r, rec.Pos)))
		}
	}
	for _, group := range []struct {
		what string
		recs []Record
	}{{"Retired", r.Retired}, {"Changed", r.Changed}} {
		if len(group.recs) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n## %s (%d)\n", group.what, len(group.recs))
		for _, rec := range group.recs {
			fmt.Fprintf(&b, "\n### `%s`\n\n| field | in %s | in %s |\n|---|---|---|\n", rec.ID, mdEscape(r.Old), mdEscape(r.New))
			for _, c := range rec.Changes {
				fmt.Fprintf(&b, "| %s | %s%s | %s%s |\n", c.Field,
					mdValue(c.Old), mdAt(v.oldPos(r, c.OldPos)), mdValue(c.New), mdAt(v.newPos(r, c.NewPos)))
			}
		}
	}
	if len(r.Removed) > 0 {
		fmt.Fprintf(&b, "\n## Removed (%d)\n\n", len(r.Removed))
		for _, rec := range r.Removed {
			fmt.Fprintf(&b, "- `%s`%s\n", rec.ID, mdAt(v.oldPos(r, rec.Pos)))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteFirstMarkdown writes CHANGES.md for a release with no predecessor.
func WriteFirstMarkdown(w io.Writer, title string, records int) error {
	_, err := fmt.Fprintf(w, "# %s\n\nFirst release: %d records. There is no earlier release to compare it with.\n", mdEscape(title), records)
	return err
}

func mdAt(pos schema.Position) string {
	if pos.IsZero() {
		return ""
	}
	return " <br>(" + mdEscape(pos.String()) + ")"
}

func mdValue(v string) string {
	if v == "" {
		return "—"
	}
	return mdEscape(v)
}

// mdEscape makes text safe in a Markdown table cell or list item: the
// characters that make emphasis, code, links, strike-through or a cell
// boundary are escaped, '<' and '&' become entities (no HTML gets
// through), line breaks become <br>. Characters that are markup only at
// the start of a line ('#', '-', '>') never start one here.
func mdEscape(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch c {
		case '\\', '`', '*', '_', '[', ']', '|', '~':
			b.WriteByte('\\')
			b.WriteRune(c)
		case '<':
			b.WriteString("&lt;")
		case '&':
			b.WriteString("&amp;")
		case '\r':
		case '\n':
			b.WriteString("<br>")
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// jsonPos is a position in changes.json, as in validate's JSON report.
type jsonPos struct {
	File  string `json:"file"`
	Line  int    `json:"line,omitempty"`
	Sheet string `json:"sheet,omitempty"`
	Cell  string `json:"cell,omitempty"`
}

func toJSONPos(p schema.Position) *jsonPos {
	if p.IsZero() {
		return nil
	}
	return &jsonPos{File: p.File, Line: p.Line, Sheet: p.Sheet, Cell: p.Cell()}
}

type jsonChange struct {
	Field  string   `json:"field"`
	Old    *string  `json:"old"` // null for no value
	New    *string  `json:"new"`
	OldPos *jsonPos `json:"old_position"`
	NewPos *jsonPos `json:"new_position"`
}

type jsonRecord struct {
	ID      string       `json:"id"`
	Pos     *jsonPos     `json:"position"`
	Changes []jsonChange `json:"changes,omitempty"`
}

type jsonReport struct {
	From         *string      `json:"from"` // null for a first release
	To           string       `json:"to"`
	FirstRelease bool         `json:"first_release"`
	Before       int          `json:"records_before"`
	After        int          `json:"records_after"`
	Summary      jsonSummary  `json:"summary"`
	Added        []jsonRecord `json:"added"`
	Retired      []jsonRecord `json:"retired"`
	Changed      []jsonRecord `json:"changed"`
	Removed      []jsonRecord `json:"removed"`
}

type jsonSummary struct {
	Added        int `json:"added"`
	Retired      int `json:"retired"`
	Changed      int `json:"changed"`
	Removed      int `json:"removed"`
	FactsRemoved int `json:"facts_removed"`
}

func optional(v string) *string {
	if v == "" {
		return nil
	}
	return &v
}

// WriteJSON writes the report for programs, as changes.json: every
// record with its changes, values null where there is none.
func (r *Report) WriteJSON(w io.Writer, v View) error {
	out := jsonReport{
		From: &r.Old, To: r.New, Before: r.OldRecords, After: r.NewRecords,
		Summary: jsonSummary{len(r.Added), len(r.Retired), len(r.Changed), len(r.Removed), r.FactsRemoved()},
		Added:   []jsonRecord{}, Retired: []jsonRecord{}, Changed: []jsonRecord{}, Removed: []jsonRecord{},
	}
	for _, rec := range r.Added {
		out.Added = append(out.Added, jsonRecord{ID: rec.ID, Pos: toJSONPos(v.newPos(r, rec.Pos))})
	}
	for _, rec := range r.Removed {
		out.Removed = append(out.Removed, jsonRecord{ID: rec.ID, Pos: toJSONPos(v.oldPos(r, rec.Pos))})
	}
	for _, group := range []struct {
		recs []Record
		into *[]jsonRecord
	}{{r.Retired, &out.Retired}, {r.Changed, &out.Changed}} {
		for _, rec := range group.recs {
			jr := jsonRecord{ID: rec.ID, Pos: toJSONPos(v.newPos(r, rec.Pos))}
			for _, c := range rec.Changes {
				jr.Changes = append(jr.Changes, jsonChange{
					Field: string(c.Field), Old: optional(c.Old), New: optional(c.New),
					OldPos: toJSONPos(v.oldPos(r, c.OldPos)), NewPos: toJSONPos(v.newPos(r, c.NewPos)),
				})
			}
			*group.into = append(*group.into, jr)
		}
	}
	return encodeJSON(w, out)
}

// WriteFirstJSON writes changes.json for a release with no predecessor.
func WriteFirstJSON(w io.Writer, version string, records int) error {
	return encodeJSON(w, jsonReport{
		To: version, FirstRelease: true, After: records,
		Added: []jsonRecord{}, Retired: []jsonRecord{}, Changed: []jsonRecord{}, Removed: []jsonRecord{},
	})
}

// ReadHeadline reads a changes.json back (as WriteJSON or WriteFirstJSON
// wrote it) into the line Summary gives, for pages that show a release's
// history: "changes since 2026-11-27: 1 added, 2 changed", or "first
// release: 13 records".
func ReadHeadline(data []byte) (string, error) {
	var doc jsonReport
	if err := json.Unmarshal(data, &doc); err != nil {
		return "", err
	}
	switch {
	case doc.FirstRelease:
		return fmt.Sprintf("first release: %d records", doc.After), nil
	case doc.From == nil || *doc.From == "":
		return "", errors.New(`neither "from" nor "first_release": not a changes.json of bordernet`)
	}
	return headline(*doc.From, doc.Summary), nil
}

func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
