// Package language gives every name its language and flags the names and
// descriptions whose language is not the one they would be published
// with. It is one stage, Stage, run on the sources as read (the listing's
// records and the curators' workbook rows) just before they are merged,
// and on the merged records just after.
//
// A name's language is the tag a curator wrote after it ("Réseau juridique
// européen @fr", see schema.SplitLang), else the dataset's language
// (dataset.json). The stage looks at the names without a tag:
//
//   - a name in Greek script is Greek: "@el" is written after it (unless
//     the dataset's language is Greek), as certain as a tag;
//   - a name in another script than the dataset language's (Cyrillic,
//     Arabic, ...) has a language the stage cannot tell (Cyrillic alone
//     is Bulgarian, Russian, Ukrainian, Serbian, ...): an error with code
//     "language-missing", so that it is never published as, say, English;
//   - a name in Latin script that looks like another language than the
//     dataset's (French, German, Polish, ... by their letters and small
//     words) gets that language written after it and a warning with code
//     "language-mismatch" saying so: the curator confirms by writing the
//     tag, or writes the right one.
//
// A tag-like ending that is not a tag ("@FR", "@french") is a warning with
// code "language-tag". A description without description_lang is in the
// dataset's language, which the stage writes in (with dataset.json as its
// source); a description is otherwise only checked: one that looks like
// another language than its description_lang is a "language-mismatch"
// warning.
//
// Names are tagged before merging, so that a curator template written from
// the records, which shows the tags, reads back as no change.
package language

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/bordernet/bordernet/schema"
)

// Problem codes, in schema.Codes with every other.
const (
	CodeMismatch = schema.CodeLanguageMismatch
	CodeMissing  = schema.CodeLanguageMissing
	CodeTag      = schema.CodeLanguageTag
)

// Stage is the language stage of one run: the dataset's language and
// where it was read.
type Stage struct {
	// Lang is the dataset's language ("" when there is no dataset
	// metadata: then only scripts are looked at).
	Lang string
	// Pos is where Lang was read (dataset.json): the source of the
	// description languages the stage fills in.
	Pos schema.Position
}

// def returns the primary subtag of the dataset's language, "" when it
// has none or it is not a language tag.
func (s Stage) def() string {
	if !schema.IsLangTag(s.Lang) {
		return ""
	}
	return primary(s.Lang)
}

// Sources gives the names of the listing's records and of the curators'
// patches their language, fills in the language of the listing's
// descriptions, and returns the problems described in the package
// comment. Run it before merging.
func (s Stage) Sources(records []schema.Record, patches []schema.Patch) schema.Problems {
	l, ps := s.Patches(patches)
	return append(ps, l.Records(records)...)
}

// Listing is the stage's work on a listing's records once the workbook
// rows are done: the names the rows give again, whose listing values are
// the curator's to confirm.
type Listing struct {
	stage  Stage
	def    string
	tables *tables
	over   overrides
}

// Patches does the stage's work on the workbook rows (Sources is Patches
// then Records) and returns what the listing's records need, for a caller
// that reads them in batches, and the rows' problems. The patches are
// changed in place.
func (s Stage) Patches(patches []schema.Patch) (*Listing, schema.Problems) {
	def := s.def()
	// The workbook rows first: a listing name a row gives again, with
	// its tag (confirmed) or another value (replaced), is not flagged.
	t := newTables()
	var ps schema.Problems
	g := t.guesser()
	over := overrides{}
	for i := range patches {
		g.patch(&patches[i], def, &ps)
		over.add(&patches[i])
	}
	return &Listing{stage: s, def: def, tables: t, over: over}, ps
}

// Records does the stage's work on listing records, changed in place,
// and returns their problems. It may be called for one batch after
// another, not at once.
func (l *Listing) Records(records []schema.Record) schema.Problems {
	// The records are taken in chunks by one worker per core, as the
	// validator takes them: guessing reads every name and description,
	// and at a million records that is seconds of work.
	const chunk = 4096
	chunks := (len(records) + chunk - 1) / chunk
	found := make([]schema.Problems, chunks)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), chunks) {
		wg.Go(func() {
			g := l.tables.guesser()
			for c := int(next.Add(1) - 1); c < chunks; c = int(next.Add(1) - 1) {
				for i := c * chunk; i < min((c+1)*chunk, len(records)); i++ {
					g.record(&records[i], l.def, l.stage, l.over, &found[c])
				}
			}
		})
	}
	wg.Wait()
	var ps schema.Problems
	for _, f := range found {
		ps = append(ps, f...)
	}
	return ps
}

// overrides are the names and descriptions the workbook rows give, by
// record and field.
type overrides map[overrideKey]bool

type overrideKey struct {
	id    string
	field schema.Field
}

func (o overrides) add(p *schema.Patch) {
	for _, c := range p.Cells {
		switch c.Field {
		case schema.FieldName, schema.FieldAcronym, schema.FieldAltNames, schema.FieldDescription:
			o[overrideKey{p.ID, c.Field}] = true
		case schema.FieldDescriptionLang:
			// The row's description_lang is checked with its description.
			o[overrideKey{p.ID, schema.FieldDescription}] = true
		}
	}
}

// gives reports whether a workbook row gives field f of record id a
// value: the listing's value is then the curator's to confirm (the same
// name, tagged) or to replace, and its own problems are moot.
func (o overrides) gives(id string, f schema.Field) bool {
	return len(o) > 0 && o[overrideKey{id, f}]
}

// Merged fills in the dataset's language for the descriptions that have
// none after merging: those of records only in a workbook, or that a
// workbook gave a description without its language. Run it after
// merging.
func (s Stage) Merged(records []schema.Record) {
	if s.def() == "" {
		return
	}
	for i := range records {
		s.describe(&records[i])
	}
}

// describe gives r's description the dataset's language if it has none.
func (s Stage) describe(r *schema.Record) {
	if r.Description == "" || r.DescriptionLang != "" {
		return
	}
	// Stating the language keeps it visible in every format, CSV
	// included.
	r.DescriptionLang = s.Lang
	if !s.Pos.IsZero() {
		r.SetSource(schema.FieldDescriptionLang, s.Pos)
	}
}

// where is what a problem is reported with: the record's id and the
// position of its field's value.
type where struct {
	id  string
	pos schema.Position
}

// record gives r's names their language and checks its description's.
// The problems of a name a workbook row gives again are dropped.
func (g *guesser) record(r *schema.Record, def string, s Stage, over overrides, ps *schema.Problems) {
	name := func(f schema.Field, v string) string {
		n := len(*ps)
		v = g.checkName(where{r.ID, r.PositionOf(f)}, f, v, def, ps)
		if over.gives(r.ID, f) {
			*ps = (*ps)[:n]
		}
		return v
	}
	r.Name = name(schema.FieldName, r.Name)
	r.Acronym = name(schema.FieldAcronym, r.Acronym)
	for k, v := range r.AltNames {
		r.AltNames[k] = name(schema.FieldAltNames, v)
	}
	at := func(f schema.Field) where { return where{r.ID, r.PositionOf(f)} }
	if r.Description == "" || def == "" {
		return
	}
	s.describe(r)
	if !over.gives(r.ID, schema.FieldDescription) {
		g.checkDescription(at(schema.FieldDescription), r.Description, r.DescriptionLang, ps)
	}
}

// patch gives the names of a workbook row their language and checks its
// description's against the row's description_lang, or the dataset's.
func (g *guesser) patch(p *schema.Patch, def string, ps *schema.Problems) {
	descLang := def
	for _, c := range p.Cells {
		if c.Field == schema.FieldDescriptionLang && !c.Clear && c.Value != "" {
			descLang = primary(c.Value)
		}
	}
	for i := range p.Cells {
		c := &p.Cells[i]
		if c.Clear || c.Value == "" {
			continue
		}
		at := where{p.ID, c.Pos}
		switch c.Field {
		case schema.FieldName, schema.FieldAcronym:
			c.Value = g.checkName(at, c.Field, c.Value, def, ps)
		case schema.FieldAltNames:
			names := schema.SplitList(c.Value)
			for k, v := range names {
				names[k] = g.checkName(at, c.Field, v, def, ps)
			}
			c.Value = strings.Join(names, schema.ListSeparator)
		case schema.FieldDescription:
			if def != "" {
				g.checkDescription(at, c.Value, descLang, ps)
			}
		}
	}
}

// checkDescription reports a description that looks like another
// language than lang.
func (g *guesser) checkDescription(at where, text, lang string, ps *schema.Problems) {
	lang = primary(lang)
	if guessed := g.guess(text); guessed.Lang != "" && guessed.Lang != Unknown && guessed.Lang != lang {
		*ps = append(*ps, problem(schema.SeverityWarning, CodeMismatch, at, schema.FieldDescription,
			"looks like %s, but its language is %s: give its language in description_lang (e.g. %s)", guessed.Name, lang, guessed.Lang))
	}
}

func problem(sev schema.Severity, code string, at where, f schema.Field, format string, args ...any) schema.Problem {
	var ps schema.Problems
	ps.Add(sev, code, at.pos, at.id, f, format, args...)
	return ps[0]
}

// checkName returns v with the language it is found to be in written
// after it, when that is not def.
func (gs *guesser) checkName(at where, f schema.Field, v string, def string, ps *schema.Problems) string {
	if v == "" {
		return v
	}
	text, lang := schema.SplitLang(v)
	if lang != "" {
		return v
	}
	if i := strings.LastIndexByte(v, '@'); i >= 0 && looksLikeTag(v[i+1:]) {
		*ps = append(*ps, problem(schema.SeverityWarning, CodeTag, at, f,
			"ends in %q, which is not a language tag: write the language in lower case after @, e.g. @%s", v[i:], strings.ToLower(v[i+1:min(len(v), i+3)])))
		return v
	}
	g := gs.guess(text)
	switch {
	case g.Lang == "" || g.Lang == def:
		return v
	case g.Lang == Unknown:
		if def == "" || scriptOf(def) == g.Script {
			return v
		}
		*ps = append(*ps, problem(schema.SeverityError, CodeMissing, at, f,
			"is written in %s script, which %s is not: write its language after it, e.g. %q", g.Script, def, text+" @"+g.Hint))
		return v
	case g.Certain:
		return schema.WithLang(text, g.Lang)
	case def == "" || f == schema.FieldAcronym:
		// Without a dataset language, or for an acronym, a guess from
		// letters and words is no ground to change anything.
		return v
	}
	*ps = append(*ps, problem(schema.SeverityWarning, CodeMismatch, at, f,
		"looks like %s, so it is published in %s (%s): write %q to confirm, or %q if it is not", g.Name, g.Name, g.Lang, text+" @"+g.Lang, text+" @"+def))
	return schema.WithLang(text, g.Lang)
}

// looksLikeTag reports whether s, found after the last "@" of a name, was
// meant as a language tag: letters (and hyphens) only, at most 8, so
// "@FR", "@Fr" or "@french", but not the domain of an e-mail address.
func looksLikeTag(s string) bool {
	if s == "" || len(s) > 8 {
		return false
	}
	for _, c := range s {
		if !unicode.IsLetter(c) && c != '-' {
			return false
		}
	}
	return true
}

// primary returns the language subtag of tag, lower-cased: "de" for
// "de-AT".
func primary(tag string) string {
	p, _, _ := strings.Cut(tag, "-")
	return strings.ToLower(p)
}
