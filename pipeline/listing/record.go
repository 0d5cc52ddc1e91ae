package listing

import (
	"math/bits"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bordernet/bordernet/schema"
)

// recordMaker is what one worker making records keeps: the problems it
// found, and the blocks its records' sources and ids are taken from. A
// million records would otherwise be two million small allocations for
// the garbage collector to track, which cost more than reading them.
type recordMaker struct {
	ps      schema.Problems
	sources []schema.FieldSource // the rest of the current block
	ids     strings.Builder      // the current block of ids; never reallocated
}

// sourceSlice returns an empty slice with room for n sources. Its capacity
// ends there, so a source added beyond reallocates rather than overwrite
// the next record's.
func (m *recordMaker) sourceSlice(n int) []schema.FieldSource {
	if len(m.sources) < n {
		m.sources = make([]schema.FieldSource, max(n, 1024))
	}
	s := m.sources[:0:n]
	m.sources = m.sources[n:]
	return s
}

// slug returns Slug(s), written into the current block of ids when s is
// ASCII, as names and acronyms mostly are.
func (m *recordMaker) slug(s string) string {
	if !isASCII(s) {
		return Slug(s)
	}
	if m.ids.Cap()-m.ids.Len() < len(s) {
		m.ids = strings.Builder{}
		m.ids.Grow(max(len(s), 16<<10))
	}
	start := m.ids.Len()
	writeASCIISlug(&m.ids, s)
	return cutSlug(m.ids.String()[start:])
}

// record fills r, a zero Record, from an entry, with the position of every
// value it read. It fills rather than returns: a Record is large, and a
// million copies cost time. Entries make their records at once: record
// changes nothing but r and m.
func (p *parser) record(r *schema.Record, e *entry, m *recordMaker) {
	names := e.names()
	if names.short != "" && namedIn(names.short, e.desc) {
		// "Frontex – European Border and Coast Guard Agency" under
		// "Frontex supports ...": both are read at the title line.
		names.name, names.acronym = names.long, names.short
	}
	r.Name, r.Acronym, r.AltNames, r.Origin = names.name, names.acronym, names.altNames, p.pos(e.origin)
	para := func(k int) string {
		d := e.desc[k].text
		if k == 0 && e.descFrom > 0 {
			// "Name: a network of ..." → "A network of ...".
			d = d[e.descFrom:]
			if startsLowerWord(d) {
				r, size := utf8.DecodeRuneInString(d)
				d = string(unicode.ToUpper(r)) + d[size:]
			}
		}
		return d
	}
	switch len(e.desc) {
	case 0:
	case 1:
		r.Description = para(0) // the text as read, not a copy
	default:
		paras := make([]string, len(e.desc))
		for k := range e.desc {
			paras[k] = para(k)
		}
		r.Description = strings.Join(paras, "\n\n")
	}

	nameLine, acronymLine := e.origin, e.origin
	if names.acronym == "" && len(e.desc) > 0 {
		if capsToken(names.name) {
			// The title is an acronym alone: the description may spell it out.
			if full, line, ok := expansion(names.name, e.desc); ok {
				r.Acronym, r.Name = names.name, full
				acronymLine, nameLine = e.origin, line
			}
		} else if acr, line, ok := descriptionAcronym(names.name, e.desc); ok {
			r.Acronym, acronymLine = acr, line
		}
	}

	r.ID = m.slug(r.Acronym)
	if r.ID == "" {
		r.ID = m.slug(r.Name)
	}
	if r.ID == "" {
		r.ID = "entry-" + strconv.Itoa(e.origin)
		m.ps.Errorf(r.Origin, r.ID, schema.FieldID, "no id can be made from %q: give the entry a name or acronym in Latin letters", r.Name)
	}
	r.Website = names.website

	// Kind and scope: the heading's, or the title's head noun's, which is
	// only looked for when the heading does not settle the kind alone.
	r.Kind, r.Scope = schema.KindNetwork, schema.ScopeEU
	var kindPos schema.Position
	kindRead := true // the kind has a source
	sec := e.sec
	if sec != nil {
		r.Section, r.Scope = sec.text, sec.scope
	}
	switch {
	case sec != nil && len(sec.kinds) == 1:
		r.Kind, kindPos = sec.kinds[0], p.pos(sec.line)
	case sec != nil && len(sec.kinds) > 1:
		// "Networks and Forums": the title chooses between them.
		r.Kind, kindPos = sec.kinds[0], p.pos(sec.line)
		if tk := titleKind(r.Name); contains(sec.kinds, tk) {
			r.Kind = tk
		}
	default:
		tk := titleKind(r.Name)
		kindRead = tk != ""
		if kindRead {
			r.Kind, kindPos = tk, r.Origin
		}
	}

	// The sources, in the order of their field names, so that each goes
	// at the end of the sorted slice; room for all of them, counted first:
	// the slice is the largest part of a record.
	n := 2 // id, name
	if r.Acronym != "" {
		n++
	}
	if len(r.AltNames) > 0 {
		n++
	}
	if len(e.desc) > 0 {
		// description, and description_lang, which the language stage
		// sets from dataset.json: room for it here saves a copy of the
		// slice per record then.
		n += 2
	}
	if kindRead {
		n++
	}
	if sec != nil {
		n++ // scope
	}
	if r.Website != "" {
		n++
	}
	r.Sources = m.sourceSlice(n)
	if r.Acronym != "" {
		r.SetSource(schema.FieldAcronym, p.pos(acronymLine))
	}
	if len(r.AltNames) > 0 {
		r.SetSource(schema.FieldAltNames, r.Origin)
	}
	if len(e.desc) > 0 {
		r.SetSource(schema.FieldDescription, p.pos(e.desc[0].line()))
	}
	r.SetSource(schema.FieldID, r.Origin)
	if kindRead {
		r.SetSource(schema.FieldKind, kindPos)
	}
	r.SetSource(schema.FieldName, p.pos(nameLine))
	if sec != nil {
		r.SetSource(schema.FieldScope, p.pos(sec.line))
	}
	if r.Website != "" {
		r.SetSource(schema.FieldWebsite, r.Origin)
	}
}

// namedIn reports whether a description uses short, as written, as the
// name of the body it describes: a sentence opens with it, after "The" or
// not ("Frontex supports ...", "eu-LISA, the agency, ..."), and no other
// name is joined to it ("Europe and Africa ...", "Europe, Africa and
// ..."); or it stands in brackets ("... Coast Guard Agency (Frontex) ...").
// A word met anywhere else is not enough: "Europe – Africa Dialogue on
// Migration" is described with "countries of Europe and Africa".
func namedIn(short string, desc []*unit) bool {
	for _, u := range desc {
		text := u.text
		opens := true // the word read opens a sentence
		for f, i := nextField(text, 0); f != ""; f, i = nextField(text, i) {
			if len(f) > len(short)+1 && f[0] == '(' && f[1+len(short)] == ')' && f[1:1+len(short)] == short {
				return true
			}
			if opens && bare(f) == short && !joins(f, text[i:]) {
				return true
			}
			opens = endsSentence(f) || opens && f == "The"
		}
	}
	return false
}

// joins reports whether word w and the text after it join w to another
// name: "Europe and ...", "Europe – ...", "Europe, Africa and ...", but not
// an appositive name ("eu-LISA, European Agency for ..., is ...").
func joins(w, rest string) bool {
	next, _ := nextField(rest, 0)
	switch next {
	case "and", "or", "nor", "&", "–", "—", "-", "/", "+":
		return true
	}
	return strings.HasSuffix(w, ",") && capitalised(bare(next)) && appositive(strings.TrimLeft(rest, " ")) == ""
}

// descriptionAcronym finds the entry's acronym in its description: the
// first word in capitals ("The EPN is", "(FRAN)", "GDISC is") whose letters
// are the initials of the name. Capitals that are not ("MS" for Member
// States, "EU") are other bodies' and are left alone.
func descriptionAcronym(name string, desc []*unit) (string, int, bool) {
	if sigCount(name) < 2 {
		return "", 0, false
	}
	for _, u := range desc {
		for _, ln := range u.lines {
			if w, ok := capsInitials(ln.text, name); ok {
				return w, ln.n, true
			}
		}
	}
	return "", 0, false
}

// capsInitials returns the first word of text in capitals (capsToken,
// once bare) whose letters are the initials of name.
//
// Most words of a description have one capital or none and cannot be such
// a word. The bytes that are capitals or part of a letter outside ASCII
// are found eight at a time, and only a word holding two of them is looked
// at: a non-ASCII letter has two bytes, so such words are all looked at.
func capsInitials(text, name string) (string, bool) {
	last := -1 // the last such byte, alone in its word so far
	done := 0  // the text before this offset has been looked at
	for k := 0; k < len(text); k += 8 {
		for m := capsMask(load64(text, k)); m != 0; m &= m - 1 {
			at := k + bits.TrailingZeros64(m)>>3
			if at < done {
				continue
			}
			if last < 0 || hasSpaceByte(text[last+1:at]) {
				last = at
				continue
			}
			// Two in one word, from the last space before last to the
			// first after at. strings.Fields splits it as it would split
			// the whole text, should it hold spaces outside ASCII.
			start, end := last, at
			for start > done && !isSpaceByte(text[start-1]) {
				start--
			}
			for end < len(text) && !isSpaceByte(text[end]) {
				end++
			}
			word := text[start:end]
			for f, i := nextField(word, 0); f != ""; f, i = nextField(word, i) {
				if w := bare(f); capsToken(w) && initialsMatch(w, name) {
					return w, true
				}
			}
			last, done = -1, end
		}
	}
	return "", false
}

// load64 returns the eight bytes of s from k, little-endian, padded with
// zeros past the end.
func load64(s string, k int) uint64 {
	if k+8 <= len(s) {
		return uint64(s[k]) | uint64(s[k+1])<<8 | uint64(s[k+2])<<16 | uint64(s[k+3])<<24 |
			uint64(s[k+4])<<32 | uint64(s[k+5])<<40 | uint64(s[k+6])<<48 | uint64(s[k+7])<<56
	}
	var x uint64
	for i := len(s) - 1; i >= k; i-- {
		x = x<<8 | uint64(s[i])
	}
	return x
}

// Byte-parallel masks: one bit per byte, the high bit.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// capsMask marks the bytes of x that are 'A' to 'Z' or not ASCII, with
// their high bit. No byte's sum carries into the next: it is exact.
func capsMask(x uint64) uint64 {
	low := x &^ highs                           // each byte below 0x80
	atLeastA := (low + (0x80-'A')*ones) & highs // byte >= 'A'
	beyondZ := (low + (0x80-'Z'-1)*ones) & highs
	return x&highs | atLeastA&^beyondZ
}

// hasSpaceByte reports whether s has an ASCII space of any kind.
func hasSpaceByte(s string) bool {
	for i := 0; i < len(s); i++ {
		if isSpaceByte(s[i]) {
			return true
		}
	}
	return false
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
