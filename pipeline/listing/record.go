package listing

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bordernet/bordernet/schema"
)

// descriptionLang is the language of the listing's text.
const descriptionLang = "en"

// record turns an entry into a schema.Record with the position of every
// value it read.
func (p *parser) record(e *entry) schema.Record {
	r := schema.Record{Name: e.name, Acronym: e.acronym, AltNames: e.altNames, Origin: p.pos(e.origin)}
	var paras []string
	for k, u := range e.desc {
		if k == 0 && e.descFrom > 0 {
			// "Name: a network of ..." → "A network of ...".
			d := u.text[e.descFrom:]
			if startsLowerWord(d) {
				r, size := utf8.DecodeRuneInString(d)
				d = string(unicode.ToUpper(r)) + d[size:]
			}
			paras = append(paras, d)
			continue
		}
		paras = append(paras, u.text)
	}
	r.Description = strings.Join(paras, "\n\n")

	nameLine := e.nameLine
	if e.acronym == "" && len(e.desc) > 0 {
		if capsToken(e.name) {
			// The title is an acronym alone: the description may spell it out.
			if full, line, ok := expansion(e.name, e.desc); ok {
				r.Acronym, r.Name = e.name, full
				e.acronymLine, nameLine = e.origin, line
			}
		} else if acr, line, ok := descriptionAcronym(e.name, e.desc); ok {
			r.Acronym, e.acronymLine = acr, line
		}
	}

	r.ID = Slug(r.Acronym)
	if r.ID == "" {
		r.ID = Slug(r.Name)
	}
	if r.ID == "" {
		r.ID = "entry-" + strconv.Itoa(e.origin)
		p.ps.Errorf(r.Origin, r.ID, schema.FieldID, "no id can be made from %q: give the entry a name or acronym in Latin letters", r.Name)
	}
	r.SetSource(schema.FieldID, r.Origin)
	r.SetSource(schema.FieldName, p.pos(nameLine))
	if r.Acronym != "" {
		r.SetSource(schema.FieldAcronym, p.pos(e.acronymLine))
	}
	if len(r.AltNames) > 0 {
		r.SetSource(schema.FieldAltNames, r.Origin)
	}
	if e.website != "" {
		r.Website = e.website
		r.SetSource(schema.FieldWebsite, r.Origin)
	}
	if len(e.desc) > 0 {
		r.DescriptionLang = descriptionLang
		r.SetSource(schema.FieldDescription, p.pos(e.desc[0].line()))
		r.SetSource(schema.FieldDescriptionLang, p.pos(e.desc[0].line()))
	}

	r.Kind, r.Scope = schema.KindNetwork, schema.ScopeEU
	tk := titleKind(r.Name)
	if sec := e.sec; sec != nil {
		r.Section = sec.text
		r.Scope = sec.scope
		r.SetSource(schema.FieldScope, p.pos(sec.line))
		switch {
		case len(sec.kinds) == 1:
			r.Kind = sec.kinds[0]
			r.SetSource(schema.FieldKind, p.pos(sec.line))
		case len(sec.kinds) > 1:
			// "Networks and Forums": the title chooses between them.
			r.Kind = sec.kinds[0]
			if contains(sec.kinds, tk) {
				r.Kind = tk
			}
			r.SetSource(schema.FieldKind, p.pos(sec.line))
		case tk != "":
			r.Kind = tk
			r.SetSource(schema.FieldKind, r.Origin)
		}
	} else if tk != "" {
		r.Kind = tk
		r.SetSource(schema.FieldKind, r.Origin)
	}
	return r
}

// descriptionAcronym finds the entry's acronym in its description: the
// first word in capitals ("The EPN is", "(FRAN)", "GDISC is") whose letters
// are the initials of the name. Capitals that are not ("MS" for Member
// States, "EU") are other bodies' and are left alone.
func descriptionAcronym(name string, desc []*unit) (string, int, bool) {
	if len(significant(name)) < 2 {
		return "", 0, false
	}
	for _, u := range desc {
		for _, ln := range u.lines {
			for _, f := range strings.Fields(ln.text) {
				w := bare(f)
				if capsToken(w) && initialsMatch(w, name) {
					return w, ln.n, true
				}
			}
		}
	}
	return "", 0, false
}

// expansionWindow bounds how far before "(ACR)" expansion looks for the
// name, so that a text repeating the acronym is read in linear time.
const expansionWindow = 400

// expansion finds what an acronym stands for in a description: "European
// Multidisciplinary Platform Against Criminal Threats (EMPACT)" or "EMPACT
// (European Multidisciplinary ...)", checked against the initials.
func expansion(acr string, desc []*unit) (string, int, bool) {
	letters := acronymLetters(acr)
	for _, u := range desc {
		text := u.text
		for off := 0; off < len(text); {
			k := strings.Index(text[off:], acr)
			if k < 0 {
				break
			}
			k += off
			off = k + len(acr)
			// "Name (ACR)"
			if k > 0 && text[k-1] == '(' && strings.HasPrefix(text[off:], ")") {
				// The name is at most 15 words: look no further back.
				fields := strings.Fields(text[max(0, k-1-expansionWindow) : k-1])
				words := make([]string, len(fields))
				for n, f := range fields {
					words[n] = bare(f)
				}
				for n := 2; n <= 15 && n <= len(words); n++ {
					cand := words[len(words)-n:]
					if r, _ := utf8.DecodeRuneInString(cand[0]); unicode.ToUpper(r) != letters[0] {
						continue // a name starts with its acronym's first letter
					}
					if matchInitials(letters, cand) && allWords(significantOf(cand), capitalised) {
						name := tidy(strings.Join(fields[len(fields)-n:], " "))
						name = trimArticle(strings.TrimLeft(name, `"'“(`))
						return name, u.lineAt(k), true
					}
				}
			}
			// "ACR (Name)"
			if strings.HasPrefix(text[off:], " (") {
				if end := strings.IndexByte(text[off+2:], ')'); end > 0 {
					cand := tidy(text[off+2 : off+2+end])
					if initialsMatch(acr, cand) && allWords(significant(cand), capitalised) {
						return cand, u.lineAt(off), true
					}
				}
			}
		}
	}
	return "", 0, false
}

// significantOf is significant for words already bare.
func significantOf(words []string) []string {
	var out []string
	for _, w := range words {
		if w != "" && !smallWord(w) && hasLetter(w) {
			out = append(out, w)
		}
	}
	return out
}
