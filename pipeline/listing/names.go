package listing

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleInfo is what a title line says about an entry.
type titleInfo struct {
	name     string
	acronym  string
	altNames []string
	website  string
	// short and long are "Frontex – European Border and Coast Guard
	// Agency" read apart, kept while the title's name stays whole: the
	// short name in mixed case becomes the acronym only when the
	// description uses it as the body's name (see namedIn).
	short, long string
}

// titleParts splits an entry title into name, acronym and alternative
// names. A bracketed acronym or short name, at the end ("European Legal
// Network on Asylum (ELENA)", "... (Frontex)") or in the middle
// ("Immigration Liaison Officers' (ILO) Network"), is the acronym and leaves
// the name; "(formerly EASO)" and other bracketed names are alternative
// names; other brackets stay in the name. A short name alone before a
// bracketed name ("EUAA (European Union Agency for Asylum)") is the acronym
// of that name. Without brackets, "ACR – Name" and "Name – ACR" (any dash,
// or a colon) split too; "Short – Name" with a short name in mixed case is
// kept apart in short and long for the description to confirm.
func titleParts(t string) titleInfo {
	t = strings.TrimSpace(strings.TrimSuffix(t, ":"))
	var ti titleInfo
	var kept pieces // the title without the brackets taken
	var long string // a bracketed name the title's short name may stand for
	longs := 0
	rest := t
	for {
		i := strings.IndexByte(rest, '(')
		if i < 0 {
			kept.add(rest)
			break
		}
		j := strings.IndexByte(rest[i:], ')')
		if j < 0 {
			kept.add(rest) // an unclosed bracket is kept as written
			break
		}
		inner := strings.TrimSpace(rest[i+1 : i+j])
		kept.add(rest[:i])
		rest = rest[i+j+1:]
		if !ti.bracket(inner) {
			if inner != "" {
				kept.add("(" + inner + ")")
			}
		} else if bracketName(inner) {
			long = inner
			longs++
		}
	}
	ti.name = tidy(kept.String())
	if ti.acronym == "" && longs == 1 && shortName(ti.name) {
		// "Europol (European Union Agency for Law Enforcement
		// Cooperation)": the long name leaves the alternative names below,
		// as it now repeats the name.
		ti.name, ti.acronym = long, ti.name
	}
	if ti.acronym == "" {
		ti.name, ti.acronym = splitDashed(ti.name)
	}
	if ti.acronym == "" {
		ti.short, ti.long = splitShort(ti.name)
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
	if (hasPrefixLower(inner, "https://") || hasPrefixLower(inner, "http://")) && !strings.Contains(inner, " ") {
		if ti.website != "" {
			return false
		}
		ti.website = inner
		return true
	}
	acronym, alt := ti.acronym, slices.Clone(ti.altNames)
	parts := 0
	for part := range strings.FieldsFuncSeq(inner, isPartSeparator) {
		parts++
		part = strings.TrimSpace(part)
		if former, ok := formerName(part); ok {
			alt = append(alt, former)
			continue
		}
		switch {
		case acronymLike(part) && acronym == "":
			acronym = part
		case capsRatio(part) >= 0.75: // -1 without significant words
			alt = append(alt, part)
		default:
			return false
		}
	}
	if parts > 0 {
		ti.acronym, ti.altNames = acronym, alt
	}
	return true
}

// isPartSeparator reports whether r separates the names in a bracket.
func isPartSeparator(r rune) bool { return r == ',' || r == ';' || r == '/' }

// formerName recognises "formerly EASO", "previously known as X", "also
// known as X", "aka X" and returns the other name.
func formerName(s string) (string, bool) {
	for _, p := range []string{"formerly known as ", "previously known as ", "also known as ",
		"formerly ", "previously ", "former ", "aka ", "a.k.a. ", "until "} {
		if hasPrefixLower(s, p) {
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
		k := indexSep(name, sep)
		if k < 0 {
			continue
		}
		left, right := name[:k], name[k+len(sep):]
		left, right = strings.TrimSpace(left), strings.TrimSpace(right)
		switch {
		case capsToken(left) && sigCount(right) >= 2:
			return right, left
		case capsToken(right) && sigCount(left) >= 2:
			return left, right
		}
	}
	return name, ""
}

// splitShort splits "Frontex – European Border and Coast Guard Agency" or
// "eu-LISA: European Agency for ..." where the left side is a short name of
// one token with a capital (not in capitals: splitDashed takes those) and
// the right a capitalised name of two words or more. Whether the title
// splits is the description's to say: "Europe – Africa Dialogue on
// Migration" has the same shape.
func splitShort(name string) (short, long string) {
	for _, sep := range []string{" – ", " — ", " - ", ": "} {
		k := indexSep(name, sep)
		if k < 0 {
			continue
		}
		left, right := strings.TrimSpace(name[:k]), strings.TrimSpace(name[k+len(sep):])
		if shortName(left) && hasUpper(left) && sigCount(right) >= 2 && capitalised(firstField(right)) {
			return left, right
		}
	}
	return "", ""
}

// shortName reports whether s is one token that can be a body's short
// name: letters, digits and hyphens, starting with a letter ("EUAA",
// "Europol", "eu-LISA").
func shortName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r):
		case i > 0 && (unicode.IsDigit(r) || r == '-'):
		default:
			return false
		}
	}
	return true
}

// hasUpper reports whether s has a letter in upper case.
func hasUpper(s string) bool { return strings.IndexFunc(s, unicode.IsUpper) >= 0 }

// bracketName reports whether what a bracket holds can be the name a short
// title stands for: one name (no ",", ";" or "/" between several) of three
// words or more, starting with a capital, written with capitals as names
// are, and not an alias ("formerly ...", "now ...", "also known as ...").
func bracketName(inner string) bool {
	if strings.IndexFunc(inner, isPartSeparator) >= 0 || !atLeastFields(inner, 3) {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(inner); !unicode.IsUpper(r) {
		return false
	}
	if _, ok := formerName(inner); ok || aliasWord(firstField(inner)) {
		return false
	}
	return capsRatio(inner) >= 0.75
}

// aliasWord reports whether a bracket opening with w gives another name
// of the body, or says when it held it, rather than its name: "(Now
// European Union Agency for Asylum)", "(Also European Border Agency)".
func aliasWord(w string) bool {
	var buf [wordBuf]byte
	switch string(lowerWord(bare(w), buf[:])) {
	case "formerly", "previously", "former", "also", "now", "aka", "a.k.a", "until", "since",
		"later", "known", "renamed", "today", "currently", "ex", "see", "or", "then", "originally":
		return true
	}
	return false
}

// tidy collapses spaces and removes those left before punctuation or at
// the ends when a bracket was cut out of a name.
func tidy(s string) string {
	s = collapse(s)
	if spaceBeforePunct(s) {
		for _, p := range []string{",", ";", ":", ".", "!", "?"} {
			s = strings.ReplaceAll(s, " "+p, p)
		}
	}
	return strings.Trim(s, " ,;:-–—/")
}

// spaceBeforePunct reports whether s has a space before one of ,;:.!?
func spaceBeforePunct(s string) bool {
	for i := strings.IndexByte(s, ' '); i >= 0 && i+1 < len(s); {
		if strings.IndexByte(",;:.!?", s[i+1]) >= 0 {
			return true
		}
		k := strings.IndexByte(s[i+1:], ' ')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
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
	// Only the first ", " counts, and only within the first 250 bytes.
	comma := strings.Index(text[:min(len(text), 252)], ", ")
	if comma <= 0 || comma > 250 {
		return leadInfo{}
	}
	lead := trimArticle(strings.TrimSpace(text[:comma]))
	nwords := fieldCount(lead)
	if nwords == 0 || nwords > 10 || endsSentence(lead) || strings.ContainsAny(lead, ";:") {
		return leadInfo{}
	}
	word0 := firstField(lead)
	// The appositive is looked for only when the lead could take it.
	if nwords == 1 {
		w := bare(word0)
		if acronymLike(w) && !connective(w) && (w == word0 || strings.Trim(word0, `"'“”`) == w) {
			if appos := appositive(text[comma+2:]); appos != "" {
				return leadInfo{ok: true, name: appos, acronym: w}
			}
		}
		return leadInfo{}
	}
	nsig, caps, _ := sigStats(lead)
	if nsig < 2 || caps < nsig || !capitalised(bare(word0)) {
		return leadInfo{}
	}
	if connective(bare(word0)) {
		return leadInfo{}
	}
	ti := titleParts(lead)
	if ti.acronym == "" && !namesBody(lead) {
		return leadInfo{}
	}
	if ti.acronym == "" {
		if appos := appositive(text[comma+2:]); appos != "" && capsToken(appos) {
			ti.acronym = appos
		}
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
		// Only a first separator within the first 200 bytes counts.
		if k := indexSep(text[:min(len(text), 200+len(s))], s); k > 0 && k <= 200 && (best < 0 || k < best) {
			best, sep = k, s
		}
	}
	if best < 0 {
		return leadInfo{}
	}
	title := strings.TrimSpace(text[:best])
	rest := strings.TrimSpace(text[best+len(sep):])
	if !shortText(title) || clause(title) || !atLeastFields(rest, 3) || !hasLetter(rest[:1]) {
		return leadInfo{}
	}
	nsig, caps, _ := sigStats(title)
	first, last := bare(firstField(title)), lastField(title)
	switch {
	case fieldCount(title) == 1 && capsToken(first):
	case nsig >= 2 && caps == nsig && capitalised(first) && !connective(first) &&
		!groupPlural(last) && (strings.HasSuffix(last, ")") || capitalised(bare(last))) &&
		(namesBody(title) || titleParts(title).acronym != ""):
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
func namesBody(name string) bool {
	for w, i := nextField(name, 0); w != ""; w, i = nextField(name, i) {
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
	// Only the first " (" counts, and only within the first 250 bytes.
	i := indexSep(text[:min(len(text), 252)], " (")
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
	if !acronymLike(inner) {
		return leadInfo{}
	}
	nsig, caps, _ := sigStats(before)
	if nsig < 2 || fieldCount(before) > 15 || caps < nsig || !capitalised(bare(firstField(before))) {
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
	if fieldCount(cand) > maxTitleWords || endsSentence(cand) || strings.ContainsAny(cand, ";:()") {
		return ""
	}
	nsig, caps, first := sigStats(cand)
	if nsig == 0 || float64(caps)/float64(nsig) < 0.75 || !capitalised(bare(firstField(cand))) {
		return ""
	}
	if nsig == 1 && !capsToken(first) {
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

// pieces joins strings, copying only when there are two or more: a title
// with one bracket at its end keeps the part before it as it is.
type pieces struct {
	first string
	n     int
	b     strings.Builder
}

func (p *pieces) add(s string) {
	if s == "" {
		return
	}
	switch p.n {
	case 0:
		p.first = s
	case 1:
		p.b.WriteString(p.first)
		fallthrough
	default:
		p.b.WriteString(s)
	}
	p.n++
}

func (p *pieces) String() string {
	if p.n <= 1 {
		return p.first
	}
	return p.b.String()
}

// hasPrefixLower reports whether strings.ToLower(s) starts with prefix,
// which is ASCII in lower case, without lower-casing all of s.
func hasPrefixLower(s, prefix string) bool {
	if head := s[:min(len(s), len(prefix))]; !isASCII(head) {
		// Upper case letters outside ASCII may lower to ASCII (K, the
		// Kelvin sign, to k): the exact test.
		return strings.HasPrefix(strings.ToLower(s), prefix)
	}
	if len(s) < len(prefix) {
		return false // ASCII keeps its length in lower case
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// indexSep is strings.Index(s, sep) for a separator such as " – " or
// " (". One that starts with a space is looked for by the rest of it, which
// is rarer in text than spaces are.
func indexSep(s, sep string) int {
	if len(sep) < 2 || sep[0] != ' ' {
		return strings.Index(s, sep)
	}
	for off := 1; off < len(s); {
		k := strings.Index(s[off:], sep[1:])
		if k < 0 {
			return -1
		}
		if k += off; s[k-1] == ' ' {
			return k - 1
		}
		off = k + 1
	}
	return -1
}
