package listing

import (
	"bytes"
	"encoding/binary"
	"slices"
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
	var buf [wordBuf]byte
	switch string(lowerWord(w, buf[:])) {
	case "of", "for", "on", "in", "at", "to", "against", "between", "within", "with":
		return true
	}
	return false
}

// bare strips the punctuation around a word and a possessive ending:
// "(ELENA)," → "ELENA", "Directors'" → "Directors", "Europe's" → "Europe".
func bare(w string) string {
	// ASCII punctuation is trimmed here; a non-ASCII rune at either end
	// goes to strings.TrimFunc.
	i, j := 0, len(w)
	for i < j && w[i] < utf8.RuneSelf && !isAlnum(w[i]) {
		i++
	}
	for j > i && w[j-1] < utf8.RuneSelf && !isAlnum(w[j-1]) {
		j--
	}
	w = w[i:j]
	if w != "" && (w[0] >= utf8.RuneSelf || w[len(w)-1] >= utf8.RuneSelf) {
		w = strings.TrimFunc(w, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		})
	}
	if n := len(w); n == 0 || w[n-1] != 's' && w[n-1] != '\'' {
		return w
	}
	w = strings.TrimSuffix(w, "'s")
	return strings.TrimSuffix(w, "'")
}

// isAlnum reports whether an ASCII byte is a letter or a digit.
func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// wordBuf is the room lowerWord has for a word: longer than any word the
// word lists below hold.
const wordBuf = 24

// lowerWord returns strings.ToLower(w) as bytes, written into buf when w is
// ASCII and fits. The word tests below run for every word read, and
// switch string(b) compares without allocating.
func lowerWord(w string, buf []byte) []byte {
	if len(w) <= len(buf) {
		// Eight bytes at a time: stop at a byte outside ASCII, set the
		// 0x20 bit of the capitals.
		n := 0
		for ; n+8 <= len(w); n += 8 {
			x := load64(w, n)
			if x&highs != 0 {
				return []byte(strings.ToLower(w))
			}
			atLeastA := (x + (0x80-'A')*ones) & highs
			beyondZ := (x + (0x80-'Z'-1)*ones) & highs
			binary.LittleEndian.PutUint64(buf[n:], x|(atLeastA&^beyondZ)>>2)
		}
		for ; n < len(w); n++ {
			c := w[n]
			if c >= utf8.RuneSelf {
				return []byte(strings.ToLower(w))
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[n] = c
		}
		return buf[:len(w)]
	}
	return []byte(strings.ToLower(w))
}

// capitalised reports whether a bare word counts as written with a capital:
// it starts with an upper-case letter or a digit, or has any upper-case
// letter at all ("eu-LISA", "iBorderCtrl").
func capitalised(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return capitalisedRunes(w)
		}
		if 'A' <= c && c <= 'Z' || i == 0 && '0' <= c && c <= '9' {
			return true
		}
	}
	return false
}

// capitalisedRunes is capitalised for any text.
func capitalisedRunes(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) || unicode.IsDigit(r) {
		return true
	}
	return strings.IndexFunc(w, unicode.IsUpper) >= 0
}

// hasLetter reports whether s has a letter.
func hasLetter(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) {
			return true
		}
		i += size
	}
	return false
}

// significant returns the bare words of s that carry meaning: not small
// words, not numbers, not punctuation.
func significant(s string) []string {
	var out []string
	for f, i := nextField(s, 0); f != ""; f, i = nextField(s, i) {
		if w := bare(f); isSignificant(w) {
			out = append(out, w)
		}
	}
	return out
}

// isSignificant reports whether a bare word carries meaning.
func isSignificant(w string) bool { return w != "" && !smallWord(w) && hasLetter(w) }

// sigStats counts the significant words of s and those of them written
// with a capital, and returns the first: what most tests of a line ask of
// significant(s), without making the slice.
func sigStats(s string) (n, caps int, first string) {
	for f, i := nextField(s, 0); f != ""; f, i = nextField(s, i) {
		w := bare(f)
		if !isSignificant(w) {
			continue
		}
		if n == 0 {
			first = w
		}
		n++
		if capitalised(w) {
			caps++
		}
	}
	return n, caps, first
}

// capsRatio is the share of significant words written with a capital, the
// mark of a name or a title; -1 when s has no significant word.
func capsRatio(s string) float64 {
	n, caps, _ := sigStats(s)
	if n == 0 {
		return -1
	}
	return float64(caps) / float64(n)
}

// endsSentence reports whether s ends like a sentence: with ".", "!", "?"
// or "…", possibly inside closing quotes or brackets.
func endsSentence(s string) bool {
	if n := len(s); n > 0 {
		switch c := s[n-1]; {
		case c == '.' || c == '!' || c == '?':
			return true
		case c < utf8.RuneSelf && strings.IndexByte(`)]}"'`, c) < 0:
			return false
		}
	}
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
	if s != "" && s[0] < utf8.RuneSelf {
		if s[0] < 'a' || s[0] > 'z' {
			return false
		}
		i := 1
		for ; i < len(s) && s[i] != ' ' && s[i] < utf8.RuneSelf; i++ {
			if 'A' <= s[i] && s[i] <= 'Z' {
				return false
			}
		}
		if i == len(s) || s[i] == ' ' {
			return true
		}
	}
	f, _, _ := strings.Cut(s, " ")
	r, _ := utf8.DecodeRuneInString(f)
	return unicode.IsLower(r) && strings.IndexFunc(f, unicode.IsUpper) < 0
}

// connective reports whether a capitalised word is one that opens a
// sentence ("However, ...", "Currently, ...") rather than a name.
func connective(w string) bool {
	var buf [wordBuf]byte
	lw := lowerWord(w, buf[:])
	if bytes.HasSuffix(lw, []byte("ly")) {
		return true
	}
	switch string(lw) {
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
	var buf [wordBuf]byte
	switch string(lowerWord(bare(w), buf[:])) {
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
func groupPlural(w string) bool { return groupPluralBare(bare(w)) }

// groupPluralBare is groupPlural of a bare word.
func groupPluralBare(w string) bool {
	// Every such word ends with s or a: a quick no for most words.
	if n := len(w); n == 0 || w[n-1] < utf8.RuneSelf && w[n-1]|0x20 != 's' && w[n-1]|0x20 != 'a' {
		return false
	}
	var buf [wordBuf]byte
	switch string(lowerWord(w, buf[:])) {
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
	var buf [wordBuf]byte
	switch string(lowerWord(bare(w), buf[:])) {
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
	if n := len(s); n >= 2 && n <= 20 && isASCII(s) {
		if !('a' <= s[0] && s[0] <= 'z' || 'A' <= s[0] && s[0] <= 'Z') {
			return false
		}
		upper := 0
		for i := 0; i < n; i++ {
			switch c := s[i]; {
			case 'A' <= c && c <= 'Z':
				upper++
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '.', c == '&':
			default:
				return false
			}
		}
		return upper >= 2 || 'A' <= s[0] && s[0] <= 'Z'
	}
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
	if n := len(s); n >= 2 && n <= 12 && isASCII(s) {
		if !('a' <= s[0] && s[0] <= 'z' || 'A' <= s[0] && s[0] <= 'Z') {
			return false
		}
		upper, lower := 0, 0
		for i := 0; i < n; i++ {
			switch c := s[i]; {
			case 'A' <= c && c <= 'Z':
				upper++
			case 'a' <= c && c <= 'z':
				lower++
			case '0' <= c && c <= '9', c == '-':
			default:
				return false
			}
		}
		return upper >= 2 && upper > lower && upper+lower <= 10
	}
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
	var wordBuf [maxInitialsWords + 1]string
	words := wordBuf[:0]
	for f, i := nextField(name, 0); f != ""; f, i = nextField(name, i) {
		if w := bare(f); w != "" {
			if len(words) == maxInitialsWords {
				return false // too long a name for any acronym
			}
			words = append(words, w)
		}
	}
	var letterBuf [24]rune
	return matchInitials(appendAcronymLetters(letterBuf[:0], acr), words)
}

// maxInitialsWords is the most words a name spelled by an acronym has.
const maxInitialsWords = 40

// acronymLetters returns the letters and digits of acr in upper case.
func acronymLetters(acr string) []rune { return appendAcronymLetters(nil, acr) }

func appendAcronymLetters(letters []rune, acr string) []rune {
	for _, r := range acr {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			letters = append(letters, unicode.ToUpper(r))
		}
	}
	return letters
}

// matchInitials is initialsMatch on upper-case letters and bare words.
func matchInitials(letters []rune, words []string) bool {
	if len(letters) < 2 || len(words) < 2 || len(words) > maxInitialsWords {
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
	m := initials{letters: letters, words: words, width: len(letters) + 1}
	var seen [1024]int8 // room for the usual names and acronyms
	if n := (len(words) + 1) * m.width; n <= len(seen) {
		m.seen = seen[:n]
	} else {
		m.seen = make([]int8, n)
	}
	return m.match(0, 0)
}

// initials is the state of matchInitials' search.
type initials struct {
	letters []rune
	words   []string
	width   int // len(letters) + 1
	// seen[i*width+j]: words[i:] can spell letters[j:] (memoised; 0
	// unknown, 1 yes, -1 no).
	seen []int8
}

func (m *initials) match(i, j int) bool {
	if i == len(m.words) {
		return j == len(m.letters)
	}
	if s := m.seen[i*m.width+j]; s != 0 {
		return s > 0
	}
	w := m.words[i]
	optional := smallWord(w) || i == len(m.words)-1 && bodyNoun(w) && j == len(m.letters) && i > 0
	ok := optional && m.match(i+1, j) || m.contributes(w, i, j)
	m.seen[i*m.width+j] = -1
	if ok {
		m.seen[i*m.width+j] = 1
	}
	return ok
}

// contributes reports whether word i can spell letters[j:] with the rest:
// by one of the upper-case letter runs a word may add to an acronym, its
// initial, the initials of its hyphenated parts, or its capitals when it
// is itself an acronym ("EU", "IT").
func (m *initials) contributes(w string, i, j int) bool {
	spells := func(run []rune) bool {
		return j+len(run) <= len(m.letters) && slices.Equal(m.letters[j:j+len(run)], run) && m.match(i+1, j+len(run))
	}
	first, _ := utf8.DecodeRuneInString(w)
	var buf [16]rune
	if spells(append(buf[:0], unicode.ToUpper(first))) {
		return true
	}
	if strings.Contains(w, "-") {
		parts := buf[:0]
		for p := range strings.SplitSeq(w, "-") {
			if r, _ := utf8.DecodeRuneInString(p); p != "" {
				parts = append(parts, unicode.ToUpper(r))
			}
		}
		if len(parts) > 1 && spells(parts) {
			return true
		}
	}
	caps := buf[:0]
	for _, r := range w {
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			caps = append(caps, r)
		}
	}
	return len(caps) > 1 && spells(caps)
}

// fieldCount is len(strings.Fields(s)) without making the slice.
func fieldCount(s string) int {
	n := 0
	for f, i := nextField(s, 0); f != ""; f, i = nextField(s, i) {
		n++
	}
	return n
}

// isASCII reports whether s is ASCII only.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isSpaceByte reports whether an ASCII byte is a space to unicode.IsSpace.
func isSpaceByte(c byte) bool { return c == ' ' || '\t' <= c && c <= '\r' }

// nextField returns the first field of s at or after byte i, splitting as
// strings.Fields does, and the offset just after it; "" when there is no
// more. It walks the words of a line without making a slice of them:
//
//	for f, i := nextField(s, 0); f != ""; f, i = nextField(s, i) { ... }
func nextField(s string, i int) (string, int) {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !isSpaceByte(c) {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	start := i
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if isSpaceByte(c) {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return s[start:i], i
}

// lastField returns the last of strings.Fields(s), or "".
func lastField(s string) string {
	var last string
	for f, i := nextField(s, 0); f != ""; f, i = nextField(s, i) {
		last = f
	}
	return last
}

// collapse is strings.Join(strings.Fields(s), " "): single spaces between
// words and none at the ends. Normalised text is so already, and comes
// back as it is, without a copy.
func collapse(s string) string {
	s = strings.Trim(s, " ")
	space := true // a space here would lead or repeat one
	for i := 0; i < len(s); {
		// Eight bytes at a time while they hold no byte below 0x20 (where
		// the other ASCII spaces are) nor above 0x7f, and no two spaces
		// in a row.
		if i+8 <= len(s) && !space {
			x := load64(s, i)
			spaces := zeroBytes(x ^ ' '*ones)
			if (x-0x20*ones)&^x&highs == 0 && x&highs == 0 && spaces&(spaces<<8) == 0 {
				space = spaces>>63 != 0 // the last of the eight is a space
				i += 8
				continue
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' && space || c != ' ' && isSpaceByte(c) {
				return strings.Join(strings.Fields(s), " ")
			}
			space = c == ' '
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return strings.Join(strings.Fields(s), " ")
		}
		space = false
		i += size
	}
	if space && s != "" {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

// firstField returns the first of strings.Fields(s), or "".
func firstField(s string) string {
	f, _ := nextField(s, 0)
	return f
}

// atLeastFields reports whether s has n words or more.
func atLeastFields(s string, n int) bool {
	for f, i := nextField(s, 0); f != ""; f, i = nextField(s, i) {
		if n--; n <= 0 {
			return true
		}
	}
	return n <= 0
}

// sigCount is len(significant(s)).
func sigCount(s string) int {
	n, _, _ := sigStats(s)
	return n
}

// zeroBytes marks the zero bytes of x with their high bit, exactly.
func zeroBytes(x uint64) uint64 {
	const lows = ^uint64(highs)
	return ^((x&lows + lows) | x | lows)
}
