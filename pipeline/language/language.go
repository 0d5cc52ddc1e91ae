// Package language gives every name of the merged records its language and
// flags the names and descriptions whose language is not the one they
// would be published with. Its one entry point is Apply, run between
// merging and validating.
//
// A name's language is the tag a curator wrote after it ("Réseau juridique
// européen @fr", see schema.SplitLang), else the dataset's language
// (dataset.json). Apply looks at the names without a tag:
//
//   - a name in Greek script is Greek: Apply writes "@el" after it (unless
//     the dataset's language is Greek), as certain as a tag;
//   - a name in another script than the dataset language's (Cyrillic,
//     Arabic, ...) has a language Apply cannot tell (Cyrillic alone is
//     Bulgarian, Russian, Ukrainian, Serbian, ...): an error with code
//     "language-missing", so that it is never published as, say, English;
//   - a name in Latin script that looks like another language than the
//     dataset's (French, German, Polish, ... by their letters and small
//     words) gets that language written after it and a warning with code
//     "language-mismatch" saying so: the curator confirms by writing the
//     tag, or writes the right one.
//
// A tag-like ending that is not a tag ("@FR", "@french") is a warning with
// code "language-tag". A description without description_lang (the
// listing's) is in the dataset's language, which Apply writes in; a
// description is otherwise only checked: one that looks like another
// language than its description_lang is a "language-mismatch" warning.
package language

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/bordernet/bordernet/schema"
)

// Problem codes.
const (
	CodeMismatch = "language-mismatch"
	CodeMissing  = "language-missing"
	CodeTag      = "language-tag"
)

// Apply gives the untagged names of records the language Guess finds
// when it is not defaultLang, and returns the problems described in the
// package comment. defaultLang is the dataset's language, read at
// langPos ("" when there is no dataset metadata: then only scripts are
// looked at); a description's language that Apply fills in has langPos
// as its source.
func Apply(records []schema.Record, defaultLang string, langPos schema.Position) schema.Problems {
	def := ""
	if schema.IsLangTag(defaultLang) {
		def = primary(defaultLang)
	}
	// The records are taken in chunks by one worker per core, as the
	// validator takes them: guessing reads every name and description,
	// and at a million records that is seconds of work.
	const chunk = 4096
	chunks := (len(records) + chunk - 1) / chunk
	found := make([]schema.Problems, chunks)
	t := newTables()
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), chunks) {
		wg.Go(func() {
			g := t.guesser()
			for c := int(next.Add(1) - 1); c < chunks; c = int(next.Add(1) - 1) {
				for i := c * chunk; i < min((c+1)*chunk, len(records)); i++ {
					g.record(&records[i], def, defaultLang, langPos, &found[c])
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

// record gives r's names their language and checks its description's.
func (g *guesser) record(r *schema.Record, def, defaultLang string, langPos schema.Position, ps *schema.Problems) {
	r.Name = g.checkName(r, schema.FieldName, r.Name, def, ps)
	r.Acronym = g.checkName(r, schema.FieldAcronym, r.Acronym, def, ps)
	for k, v := range r.AltNames {
		r.AltNames[k] = g.checkName(r, schema.FieldAltNames, v, def, ps)
	}
	if r.Description == "" || def == "" {
		return
	}
	if r.DescriptionLang == "" {
		// The listing's descriptions are in the dataset's language;
		// stating it keeps it visible in every format, CSV included.
		r.DescriptionLang = defaultLang
		if !langPos.IsZero() {
			r.SetSource(schema.FieldDescriptionLang, langPos)
		}
	}
	lang := primary(r.DescriptionLang)
	if guessed := g.guess(r.Description); guessed.Lang != "" && guessed.Lang != Unknown && guessed.Lang != lang {
		*ps = append(*ps, problem(schema.SeverityWarning, CodeMismatch, r, schema.FieldDescription,
			"looks like %s, but its language is %s: give its language in description_lang (e.g. %s)", guessed.Name, lang, guessed.Lang))
	}
}

func problem(sev schema.Severity, code string, r *schema.Record, f schema.Field, format string, args ...any) schema.Problem {
	var ps schema.Problems
	ps.Add(sev, r.PositionOf(f), r.ID, f, format, args...)
	ps[0].Code = code
	return ps[0]
}

// checkName returns v with the language it is found to be in written
// after it, when that is not def.
func (gs *guesser) checkName(r *schema.Record, f schema.Field, v string, def string, ps *schema.Problems) string {
	if v == "" {
		return v
	}
	text, lang := schema.SplitLang(v)
	if lang != "" {
		return v
	}
	if at := strings.LastIndexByte(v, '@'); at >= 0 && looksLikeTag(v[at+1:]) {
		*ps = append(*ps, problem(schema.SeverityWarning, CodeTag, r, f,
			"ends in %q, which is not a language tag: write the language in lower case after @, e.g. @%s", v[at:], strings.ToLower(v[at+1:min(len(v), at+3)])))
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
		*ps = append(*ps, problem(schema.SeverityError, CodeMissing, r, f,
			"is written in %s script, which %s is not: write its language after it, e.g. %q", g.Script, def, text+" @"+g.Hint))
		return v
	case g.Certain:
		return schema.WithLang(text, g.Lang)
	case def == "" || f == schema.FieldAcronym:
		// Without a dataset language, or for an acronym, a guess from
		// letters and words is no ground to change anything.
		return v
	}
	*ps = append(*ps, problem(schema.SeverityWarning, CodeMismatch, r, f,
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
