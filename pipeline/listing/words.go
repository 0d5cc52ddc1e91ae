package listing

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bordernet/bordernet/schema"
)

// smallWord reports whether w (any case) is a function word that names
// leave in lower case and acronyms usually skip.
func smallWord(w string) bool {
	// Lower-case into a small array: this runs for every word read, and
	// strings.ToLower would allocate.
	var buf [7]byte
	if len(w) > len(buf) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	switch string(buf[:len(w)]) {
	case "a", "an", "and", "the", "of", "for", "in", "on", "at", "to", "by",
		"with", "from", "into", "against", "between", "within", "&", "+",
		"de", "du", "des", "la", "le", "les", "et", "und", "der", "die", "das",
		"van", "von", "y", "e", "del":
		return true
	}
	return false
}

// preposition reports whether w starts the complement of a name ("Network
// *of* ...", "Agency *for* ..."), after which the head noun has been said.
func preposition(w string) bool {
	switch strings.ToLower(w) {
	case "of", "for", "on", "in", "at", "to", "against", "between", "within", "with":
		return true
	}
	return false
}

// bare strips the punctuation around a word and a possessive ending:
// "(ELENA)," → "ELENA", "Directors'" → "Directors", "Europe's" → "Europe".
func bare(w string) string {
	w = strings.TrimFunc(w, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	w = strings.TrimSuffix(w, "'s")
	return strings.TrimSuffix(w, "'")
}

// capitalised reports whether a bare word counts as written with a capital:
// it starts with an upper-case letter or a digit, or has any upper-case
// letter at all ("eu-LISA", "iBorderCtrl").
func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) || unicode.IsDigit(r) {
		return true
	}
	return strings.IndexFunc(w, unicode.IsUpper) >= 0
}

// hasLetter reports whether s has a letter.
func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

// significant returns the bare words of s that carry meaning: not small
// words, not numbers, not punctuation.
func significant(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		w := bare(f)
		if w == "" || smallWord(w) || !hasLetter(w) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// capsRatio is the share of significant words written with a capital, the
// mark of a name or a title; -1 when s has no significant word.
func capsRatio(s string) float64 {
	words := significant(s)
	if len(words) == 0 {
		return -1
	}
	caps := 0
	for _, w := range words {
		if capitalised(w) {
			caps++
		}
	}
	return float64(caps) / float64(len(words))
}

// endsSentence reports whether s ends like a sentence: with ".", "!", "?"
// or "…", possibly inside closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return strings.ContainsRune(`)]}"'”»`, r)
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '…'
}

// lastRune returns the last rune of s, or 0.
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	if r == utf8.RuneError {
		return 0
	}
	return r
}

// startsLowerWord reports whether s starts with a word in lower case only
// (a sentence continued from the line before), not a name like "eu-LISA".
func startsLowerWord(s string) bool {
	f, _, _ := strings.Cut(s, " ")
	r, _ := utf8.DecodeRuneInString(f)
	return unicode.IsLower(r) && strings.IndexFunc(f, unicode.IsUpper) < 0
}

// connective reports whether a capitalised word is one that opens a
// sentence ("However, ...", "Currently, ...") rather than a name.
func connective(w string) bool {
	lw := strings.ToLower(w)
	if strings.HasSuffix(lw, "ly") {
		return true
	}
	switch lw {
	case "however", "moreover", "furthermore", "therefore", "thus", "hence",
		"meanwhile", "nevertheless", "nonetheless", "today", "now", "also",
		"besides", "indeed", "instead", "overall", "since", "later", "then",
		"still", "yet", "so", "but", "and", "or", "here", "there", "again",
		"likewise", "accordingly", "consequently", "altogether", "together",
		"first", "second", "third", "finally", "lastly", "in", "at", "on",
		"for", "from", "with", "without", "after", "before", "during", "as",
		"it", "its", "this", "these", "those", "they", "we", "our", "their":
		return true
	}
	return false
}

// kindOf returns the kind a word names, or "": the words that say what
// sort of body something is. Headings use the plural, titles the singular.
func kindOf(w string) schema.Kind {
	switch strings.ToLower(bare(w)) {
	case "network", "networks":
		return schema.KindNetwork
	case "forum", "forums", "fora", "conference", "conferences", "process", "processes",
		"dialogue", "dialogues", "panel", "panels":
		return schema.KindForum
	case "agency", "agencies", "actor", "actors", "office", "offices", "body", "bodies",
		"institution", "institutions", "authority", "authorities", "organisation",
		"organisations", "organization", "organizations":
		return schema.KindAgency
	}
	return ""
}

// groupPlurals are plural nouns that name a group of bodies, the words of
// section headings ("Other Networks", "Actors & Agencies").
func groupPlural(w string) bool {
	switch strings.ToLower(bare(w)) {
	case "networks", "forums", "fora", "conferences", "processes", "dialogues",
		"agencies", "actors", "offices", "bodies", "institutions", "authorities",
		"organisations", "organizations", "platforms", "initiatives", "groups",
		"partnerships", "programmes", "programs", "mechanisms", "arrangements",
		"frameworks", "structures", "entities", "stakeholders", "players",
		"others":
		return true
	}
	return false
}

// bodyNoun reports whether w is the singular head noun of a body's name
// ("... Network", "... Conference"): entry titles end with one, headings
// rarely do.
func bodyNoun(w string) bool {
	switch strings.ToLower(bare(w)) {
	case "network", "forum", "agency", "office", "conference", "process",
		"platform", "initiative", "group", "partnership", "programme", "program",
		"mechanism", "centre", "center", "service", "body", "organisation",
		"organization", "dialogue", "committee", "council", "association",
		"board", "unit", "project", "cooperation", "system", "institute",
		"authority", "secretariat", "college", "academy", "foundation",
		"alliance", "coalition", "consortium", "club", "panel", "force",
		"commission", "observatory", "meeting":
		return true
	}
	return false
}

// acronymLike reports whether s (one token, no spaces) can be an acronym or
// short name: 2 to 20 letters, digits, hyphens, dots or "&", starting with
// a letter, with either two upper-case letters ("ELENA", "eu-LISA",
// "EU-LISA") or a capital start ("Frontex", "Europol").
func acronymLike(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 20 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(first) {
		return false
	}
	upper := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLetter(r), unicode.IsDigit(r), r == '-', r == '.', r == '&':
		default:
			return false
		}
	}
	return upper >= 2 || unicode.IsUpper(first)
}

// capsToken reports whether s is an acronym written in capitals, as found
// in running text: 2 to 10 letters and digits (hyphens allowed), at least
// two capitals and more capitals than small letters ("EPN", "FRAN",
// "eu-LISA", "G7" does not count).
func capsToken(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 12 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(first) {
		return false
	}
	upper, lower, letters := 0, 0, 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
			letters++
		case unicode.IsLower(r):
			lower++
			letters++
		case unicode.IsDigit(r), r == '-':
		default:
			return false
		}
	}
	return upper >= 2 && upper > lower && letters <= 10
}

// initialsMatch reports whether acr is made of the initials of name's
// words: each word gives its first letter (a small word may give nothing, a
// hyphenated word may give the first letter of each part, a word in
// capitals like "EU" may give itself), and a trailing body noun may be left
// out ("ILO" for "Immigration Liaison Officers' Network"). Case is ignored.
func initialsMatch(acr, name string) bool {
	var words []string
	for _, f := range strings.Fields(name) {
		if w := bare(f); w != "" {
			words = append(words, w)
		}
	}
	return matchInitials(acronymLetters(acr), words)
}

// acronymLetters returns the letters and digits of acr in upper case.
func acronymLetters(acr string) []rune {
	var letters []rune
	for _, r := range acr {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			letters = append(letters, unicode.ToUpper(r))
		}
	}
	return letters
}

// matchInitials is initialsMatch on upper-case letters and bare words.
func matchInitials(letters []rune, words []string) bool {
	if len(letters) < 2 || len(words) < 2 || len(words) > 40 {
		return false
	}
	// Strip leading small words: "The European Patrols Network" is EPN.
	for len(words) > 0 && smallWord(words[0]) {
		words = words[1:]
	}
	// The first word always gives the first letter: a cheap rejection.
	if len(words) < 2 {
		return false
	}
	if first, _ := utf8.DecodeRuneInString(words[0]); unicode.ToUpper(first) != letters[0] {
		return false
	}
	// seen[i*(len(letters)+1)+j]: words[i:] can spell letters[j:]
	// (memoised; 0 unknown, 1 yes, -1 no).
	width := len(letters) + 1
	seen := make([]int8, (len(words)+1)*width)
	var match func(i, j int) bool
	match = func(i, j int) bool {
		if i == len(words) {
			return j == len(letters)
		}
		if s := seen[i*width+j]; s != 0 {
			return s > 0
		}
		ok := false
		w := words[i]
		optional := smallWord(w) || i == len(words)-1 && bodyNoun(w) && j == len(letters) && i > 0
		if optional && match(i+1, j) {
			ok = true
		}
		for _, c := range contributions(w) {
			if ok {
				break
			}
			if j+len(c) <= len(letters) && string(letters[j:j+len(c)]) == string(c) && match(i+1, j+len(c)) {
				ok = true
			}
		}
		seen[i*width+j] = -1
		if ok {
			seen[i*width+j] = 1
		}
		return ok
	}
	return match(0, 0)
}

// contributions are the upper-case letter runs a word may add to an
// acronym: its initial, the initials of its hyphenated parts, and its
// capitals when it is itself an acronym ("EU", "IT").
func contributions(w string) [][]rune {
	var out [][]rune
	first, _ := utf8.DecodeRuneInString(w)
	out = append(out, []rune{unicode.ToUpper(first)})
	if strings.Contains(w, "-") {
		var parts []rune
		for p := range strings.SplitSeq(w, "-") {
			if r, _ := utf8.DecodeRuneInString(p); p != "" {
				parts = append(parts, unicode.ToUpper(r))
			}
		}
		if len(parts) > 1 {
			out = append(out, parts)
		}
	}
	var caps []rune
	for _, r := range w {
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			caps = append(caps, r)
		}
	}
	if len(caps) > 1 {
		out = append(out, caps)
	}
	return out
}
