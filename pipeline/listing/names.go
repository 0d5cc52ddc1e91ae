package listing

import (
	"slices"
	"strings"
)

// titleInfo is what a title line says about an entry.
type titleInfo struct {
	name     string
	acronym  string
	altNames []string
	website  string
}

// titleParts splits an entry title into name, acronym and alternative
// names. A bracketed acronym or short name, at the end ("European Legal
// Network on Asylum (ELENA)", "... (Frontex)") or in the middle
// ("Immigration Liaison Officers' (ILO) Network"), is the acronym and leaves
// the name; "(formerly EASO)" and other bracketed names are alternative
// names; other brackets stay in the name. Without brackets, "ACR – Name" and
// "Name – ACR" (any dash, or a colon) split too.
func titleParts(t string) titleInfo {
	t = strings.TrimSpace(strings.TrimSuffix(t, ":"))
	var ti titleInfo
	var b strings.Builder
	rest := t
	for {
		i := strings.IndexByte(rest, '(')
		if i < 0 {
			b.WriteString(rest)
			break
		}
		j := strings.IndexByte(rest[i:], ')')
		if j < 0 {
			b.WriteString(rest) // an unclosed bracket is kept as written
			break
		}
		inner := strings.TrimSpace(rest[i+1 : i+j])
		b.WriteString(rest[:i])
		rest = rest[i+j+1:]
		if !ti.bracket(inner) && inner != "" {
			b.WriteString("(" + inner + ")")
		}
	}
	ti.name = tidy(b.String())
	if ti.acronym == "" {
		ti.name, ti.acronym = splitDashed(ti.name)
	}
	if ti.name == "" {
		ti.name, ti.acronym = ti.acronym, ""
	}
	if ti.name == "" {
		ti.name = tidy(t)
	}
	// An alternative name that repeats the name, the acronym or another
	// alternative says nothing.
	var alt []string
	for _, a := range ti.altNames {
		if !strings.EqualFold(a, ti.name) && !strings.EqualFold(a, ti.acronym) &&
			!slices.ContainsFunc(alt, func(x string) bool { return strings.EqualFold(x, a) }) {
			alt = append(alt, a)
		}
	}
	ti.altNames = alt
	return ti
}

// bracket takes what a title's brackets hold: an acronym or short name,
// former or other names, several of them separated by ",", ";" or "/"
// ("(EUAA, formerly EASO)"), or the body's web address ("(https://...)").
// It reports false, taking nothing, when a part is none of these
// ("(informal)", "(2004)"), so the brackets stay in the name.
func (ti *titleInfo) bracket(inner string) bool {
	if lower := strings.ToLower(inner); (strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://")) && !strings.Contains(inner, " ") {
		if ti.website != "" {
			return false
		}
		ti.website = inner
		return true
	}
	parts := strings.FieldsFunc(inner, func(r rune) bool { return r == ',' || r == ';' || r == '/' })
	if len(parts) == 0 {
		return true
	}
	acronym, alt := ti.acronym, slices.Clone(ti.altNames)
	for _, part := range parts {
		part = strings.TrimSpace(part)
		if former, ok := formerName(part); ok {
			alt = append(alt, former)
			continue
		}
		switch {
		case acronymLike(part) && acronym == "":
			acronym = part
		case len(significant(part)) > 0 && capsRatio(part) >= 0.75:
			alt = append(alt, part)
		default:
			return false
		}
	}
	ti.acronym, ti.altNames = acronym, alt
	return true
}

// formerName recognises "formerly EASO", "previously known as X", "also
// known as X", "aka X" and returns the other name.
func formerName(s string) (string, bool) {
	lower := strings.ToLower(s)
	for _, p := range []string{"formerly known as ", "previously known as ", "also known as ",
		"formerly ", "previously ", "former ", "aka ", "a.k.a. ", "until "} {
		if strings.HasPrefix(lower, p) {
			name := strings.TrimSpace(s[len(p):])
			if p == "until " {
				// "until 2024 EASO", "until 2024: EASO"
				_, after, ok := strings.Cut(name, " ")
				if !ok {
					return "", false
				}
				name = strings.TrimLeft(after, ": ")
			}
			name = trimArticle(strings.TrimRight(name, ".,;: "))
			return name, name != "" && hasLetter(name)
		}
	}
	return "", false
}

// splitDashed splits "EMPACT – European Multidisciplinary Platform Against
// Criminal Threats" or "Salzburg Forum - SF" where one side is a single
// acronym and the other a name of two words or more.
func splitDashed(name string) (string, string) {
	for _, sep := range []string{" – ", " — ", " - ", ": "} {
		left, right, ok := strings.Cut(name, sep)
		if !ok {
			continue
		}
		left, right = strings.TrimSpace(left), strings.TrimSpace(right)
		switch {
		case capsToken(left) && len(significant(right)) >= 2:
			return right, left
		case capsToken(right) && len(significant(left)) >= 2:
			return left, right
		}
	}
	return name, ""
}

// tidy collapses spaces and removes those left before punctuation or at
// the ends when a bracket was cut out of a name.
func tidy(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for _, p := range []string{",", ";", ":", ".", "!", "?"} {
		s = strings.ReplaceAll(s, " "+p, p)
	}
	return strings.Trim(s, " ,;:-–—/")
}

// leadInfo is the name a paragraph without a title line leads with.
type leadInfo struct {
	ok       bool
	name     string
	acronym  string
	altNames []string
	descFrom int // where the description starts: 0, or after "Name: "
}

// leadName finds the name a paragraph leads with, when it does:
//
//   - "eu-LISA, the European Agency for ... Freedom, Security and Justice,
//     is called to ...": an acronym or short name, then an appositive name
//     between commas (the appositive ends at the first comma followed by a
//     lower-case word);
//   - "The European Migration Network, established in 2008, ...": a
//     capitalised name of two words or more that names a body (see
//     namesBody) or holds a bracketed acronym;
//   - "The Prague Process (PP) is ...": a capitalised name with its acronym
//     in brackets, then the sentence goes on.
func leadName(text string) leadInfo {
	if l := leadInline(text); l.ok {
		return l
	}
	if l := leadBracket(text); l.ok {
		return l
	}
	comma := strings.Index(text, ", ")
	if comma <= 0 || comma > 250 {
		return leadInfo{}
	}
	lead := trimArticle(strings.TrimSpace(text[:comma]))
	words := strings.Fields(lead)
	if len(words) == 0 || len(words) > 10 || endsSentence(lead) || strings.ContainsAny(lead, ";:") {
		return leadInfo{}
	}
	appos := appositive(text[comma+2:])
	if len(words) == 1 {
		w := bare(words[0])
		if appos != "" && acronymLike(w) && !connective(w) && (w == words[0] || strings.Trim(words[0], `"'“”`) == w) {
			return leadInfo{ok: true, name: appos, acronym: w}
		}
		return leadInfo{}
	}
	sig := significant(lead)
	if len(sig) < 2 || !allWords(sig, capitalised) || !capitalised(bare(words[0])) {
		return leadInfo{}
	}
	if connective(bare(words[0])) {
		return leadInfo{}
	}
	ti := titleParts(lead)
	if ti.acronym == "" && !namesBody(words) {
		return leadInfo{}
	}
	if ti.acronym == "" && appos != "" && capsToken(appos) {
		ti.acronym = appos
	}
	return leadInfo{ok: true, name: ti.name, acronym: ti.acronym}
}

// leadInline reads a title and its description on one line: "Salzburg
// Forum: a Central European security partnership ...", "EMN – The
// European Migration Network provides ...". The title must be an acronym,
// or a name of two capitalised words or more that names a body (see
// namesBody) or holds a bracketed acronym, not a heading's plural; and the
// description must go on for a few words.
func leadInline(text string) leadInfo {
	best := -1
	var sep string
	for _, s := range []string{": ", " – ", " — ", " - "} {
		if k := strings.Index(text, s); k > 0 && k <= 200 && (best < 0 || k < best) {
			best, sep = k, s
		}
	}
	if best < 0 {
		return leadInfo{}
	}
	title := strings.TrimSpace(text[:best])
	rest := strings.TrimSpace(text[best+len(sep):])
	if !shortText(title) || clause(title) || len(strings.Fields(rest)) < 3 || !hasLetter(rest[:1]) {
		return leadInfo{}
	}
	words := strings.Fields(title)
	sig := significant(title)
	first, last := bare(words[0]), words[len(words)-1]
	switch {
	case len(words) == 1 && capsToken(first):
	case len(sig) >= 2 && allWords(sig, capitalised) && capitalised(first) && !connective(first) &&
		!groupPlural(last) && (strings.HasSuffix(last, ")") || capitalised(bare(last))) &&
		(namesBody(words) || titleParts(title).acronym != ""):
	default:
		return leadInfo{}
	}
	ti := titleParts(trimArticle(title))
	return leadInfo{ok: true, name: ti.name, acronym: ti.acronym, altNames: ti.altNames, descFrom: strings.Index(text, rest)}
}

// namesBody reports whether a capitalised phrase names a body: it has a
// body noun before its first preposition ("Eastern Partnership *Panel* on
// Migration ...", "*Council* of Europe", "European Migration *Network*"),
// which "Member States" or "Further Reading" do not.
func namesBody(words []string) bool {
	for _, w := range words {
		if preposition(w) {
			return false
		}
		if bodyNoun(w) {
			return true
		}
	}
	return false
}

// leadBracket reads "[The] Capitalised Name (ACR) is ...".
func leadBracket(text string) leadInfo {
	i := strings.Index(text, " (")
	if i <= 0 || i > 250 {
		return leadInfo{}
	}
	j := strings.IndexByte(text[i:], ')')
	if j < 0 {
		return leadInfo{}
	}
	before := trimArticle(text[:i])
	inner := strings.TrimSpace(text[i+2 : i+j])
	after := text[i+j+1:]
	sig := significant(before)
	if !acronymLike(inner) || len(sig) < 2 || len(strings.Fields(before)) > 15 ||
		!allWords(sig, capitalised) || !capitalised(bare(strings.Fields(before)[0])) {
		return leadInfo{}
	}
	if !strings.HasPrefix(after, ",") && !(strings.HasPrefix(after, " ") && startsLowerWord(strings.TrimSpace(after))) {
		return leadInfo{}
	}
	return leadInfo{ok: true, name: tidy(before), acronym: inner}
}

// appositive returns the name between the commas after a paragraph's
// leading name ("the European Agency for ..., Security and Justice"), minus
// its article, or "" when there is none: it must be capitalised like a name
// and be closed by a comma followed by a lower-case word.
func appositive(rest string) string {
	rest = trimArticle(rest)
	end := -1
	for off := 0; ; {
		k := strings.Index(rest[off:], ", ")
		if k < 0 {
			break
		}
		k += off
		next, _, _ := strings.Cut(rest[k+2:], " ")
		if startsLowerWord(next) && !smallWord(next) {
			end = k
			break
		}
		off = k + 2
	}
	if end <= 0 {
		return ""
	}
	cand := strings.TrimSpace(rest[:end])
	if len(strings.Fields(cand)) > maxTitleWords || endsSentence(cand) || strings.ContainsAny(cand, ";:()") {
		return ""
	}
	sig := significant(cand)
	if len(sig) == 0 || capsRatio(cand) < 0.75 || !capitalised(bare(strings.Fields(cand)[0])) {
		return ""
	}
	if len(sig) == 1 && !capsToken(sig[0]) {
		return ""
	}
	return cand
}

// trimArticle removes a leading "the", "a" or "an".
func trimArticle(s string) string {
	for _, a := range []string{"the ", "The ", "a ", "an ", "An "} {
		if strings.HasPrefix(s, a) {
			return strings.TrimSpace(s[len(a):])
		}
	}
	return s
}
