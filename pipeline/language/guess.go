package language

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Unknown is Guessed.Lang for text in a script that several languages
// share, such as Cyrillic: the script is known, the language is not.
const Unknown = "?"

// Guessed is what Guess finds of a text's language.
type Guessed struct {
	// Lang is the language subtag found (fr), Unknown, or "" when the
	// text gives no ground for a guess (a short name, an acronym, words
	// of no language in particular).
	Lang   string
	Name   string // the language's English name, "French"
	Script string // the script of most of its letters, "Latin", "Greek", ...
	// Certain says the script alone decides the language (Greek is
	// Greek), as against a guess from letters and words.
	Certain bool
	// Hint is a tag to suggest when Lang is Unknown ("bg" for Cyrillic).
	Hint string
}

// script is a script Guess tells apart, with what it says of the
// language.
type script struct {
	table   *unicode.RangeTable
	name    string
	lang    string // "" when the script names no one language
	langNm  string
	hint    string
	certain bool
}

// scripts are the scripts other than Latin that Guess tells apart. Latin
// is the guess from words, below. A function, so nobody can change them.
func scripts() []script {
	return []script{
		{unicode.Greek, "Greek", "el", "Greek", "", true},
		{unicode.Cyrillic, "Cyrillic", "", "", "bg", false},
		{unicode.Armenian, "Armenian", "hy", "Armenian", "", true},
		{unicode.Georgian, "Georgian", "ka", "Georgian", "", true},
		{unicode.Hebrew, "Hebrew", "", "", "he", false},
		{unicode.Arabic, "Arabic", "", "", "ar", false},
		{unicode.Han, "Han", "", "", "zh", false},
	}
}

// language is a language Guess knows in Latin script.
type language struct {
	lang, name   string
	strong, weak string
	words        string
}

// languages hold, for each language Guess knows in Latin script, letters
// that mark it strongly (found in few other languages), letters that mark
// it weakly, and short common words of names and descriptions. The words
// are where a guess mostly comes from: letters alone are shared.
func languages() []language {
	return []language{
		{lang: "en", name: "English", words: "the of and for on in to with by at european network agency office conference service services border police union international management cooperation group association council committee centre center national authority forum"},
		{lang: "fr", name: "French", strong: "œçèêëîôûùÿ", weak: "éàâ",
			words: "le la les de du des et pour sur au aux en dans réseau européen européenne européens agence office direction générale général frontières frontière police garde côtes côtière conférence coopération centre nationale national sécurité intérieure ministère juridique asile"},
		{lang: "de", name: "German", strong: "ß", weak: "äöü",
			words: "der die das und für von zur zum des den dem im mit europäische europäischer europäisches europäischen agentur netzwerk bundespolizei polizei grenzschutz grenze grenzen küstenwache konferenz zusammenarbeit amt bundesamt behörde dienst"},
		{lang: "pl", name: "Polish", strong: "ąćęłńśźż", weak: "ó",
			words: "i w z na do dla oraz się europejska europejski europejskie agencja sieć straż graniczna granicznej komenda główna urząd współpracy współpraca policja ds"},
		{lang: "es", name: "Spanish", strong: "ñ¿¡", weak: "áíóú",
			words: "el los las del y para por con en red europea europeo agencia oficina guardia civil policía nacional fronteras cooperación"},
		{lang: "it", name: "Italian", weak: "àèìòù",
			words: "il lo gli della delle dei degli e per con rete europea europeo agenzia ufficio guardia finanza polizia di stato frontiere cooperazione"},
		{lang: "nl", name: "Dutch", weak: "ëï",
			words: "het een van en voor met op netwerk europees europese agentschap dienst marechaussee politie grenzen samenwerking"},
		// Romanian shares "de" and "la" with French: its own letters (ă,
		// ș and ț, in their comma and cedilla forms) must outweigh them.
		{lang: "ro", name: "Romanian", strong: "ășțşţ", weak: "âî",
			words: "și de la din pentru cu în pe rețeaua rețea reţeaua european europeană agenția agenţia poliția poliţia frontieră frontiera cooperare inspectoratul general imigrări azil"},
		{lang: "pt", name: "Portuguese", strong: "ãõ", weak: "çáâêóô",
			words: "o os as da do das dos e para com em rede europeia europeu agência serviço estrangeiros fronteiras cooperação"},
	}
}

// tables hold the scripts, and the languages' words and letters as
// look-up tables, made once for all the records of a run and only read
// after, so that workers share them.
type tables struct {
	scripts   []script
	languages []language
	words     map[string]uint16 // bit i: languages[i] has the word
	strong    map[rune]uint16   // bit i: the letter marks languages[i] strongly
	weak      map[rune]uint16
}

func newTables() *tables {
	t := &tables{scripts: scripts(), languages: languages(), words: map[string]uint16{}, strong: map[rune]uint16{}, weak: map[rune]uint16{}}
	for i, l := range t.languages {
		bit := uint16(1) << i
		for _, w := range strings.Fields(l.words) {
			t.words[w] |= bit
		}
		for _, c := range l.strong {
			t.strong[c] |= bit
		}
		for _, c := range l.weak {
			t.weak[c] |= bit
		}
	}
	return t
}

// guesser guesses languages with the tables; each worker has its own, for
// the scores it keeps.
type guesser struct {
	*tables
	scores []int
}

func (t *tables) guesser() *guesser {
	return &guesser{tables: t, scores: make([]int, len(t.languages))}
}

// Guess guesses the language of text: from its script when that is not
// Latin, else from its letters and words against the languages above. A
// guess needs a clear lead: at least two common words, or a word and a
// strong letter, and two points more than any other language.
func Guess(text string) Guessed { return newTables().guesser().guess(text) }

// maxWords bounds the words of a text that are looked at: a
// description's first sentence says its language as well as the whole.
const maxWords = 24

func (g *guesser) guess(text string) Guessed {
	var counts [16]int // per script, as g.scripts (fewer than 16)
	latin := 0
	for _, c := range text {
		if c < 0x80 {
			if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
				latin++
			}
			continue
		}
		if !unicode.IsLetter(c) {
			continue
		}
		if unicode.Is(unicode.Latin, c) {
			latin++
			continue
		}
		for i, s := range g.scripts {
			if unicode.Is(s.table, c) {
				counts[i]++
				break
			}
		}
	}
	best := -1
	for i := range g.scripts {
		if counts[i] > latin && (best < 0 || counts[i] > counts[best]) {
			best = i
		}
	}
	if best >= 0 {
		s := g.scripts[best]
		if s.lang == "" {
			return Guessed{Lang: Unknown, Script: s.name, Hint: s.hint}
		}
		return Guessed{Lang: s.lang, Name: s.langNm, Script: s.name, Certain: s.certain}
	}
	if latin == 0 {
		return Guessed{}
	}

	clear(g.scores)
	// The words are read byte by byte and lower-cased into buf, which
	// a map look-up with string(buf) does not copy: a release guesses
	// the language of millions of names.
	var buf [maxWordLen]byte
	words := 0
	for i := 0; i < len(text) && words < maxWords; {
		c, size := decode(text[i:])
		if !isLetter(c) {
			i += size
			continue
		}
		w := buf[:0]
		var strong, weak uint16
		for i < len(text) {
			c, size = decode(text[i:])
			if !isLetter(c) {
				break
			}
			i += size
			if c < utf8.RuneSelf {
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
			} else {
				c = unicode.ToLower(c)
				strong |= g.strong[c]
				weak |= g.weak[c]
			}
			if len(w)+utf8.UTFMax <= len(buf) {
				w = utf8.AppendRune(w, c)
			} else {
				w = buf[:len(buf)] // too long to be a common word
			}
		}
		words++
		if len(w) < len(buf) {
			if bits := g.words[string(w)]; bits != 0 {
				g.add(bits, 2)
			}
		}
		g.add(strong, 2)
		g.add(weak&^strong, 1)
	}
	top, second := 0, 1
	if g.scores[second] > g.scores[top] {
		top, second = second, top
	}
	for i := 2; i < len(g.scores); i++ {
		switch {
		case g.scores[i] > g.scores[top]:
			top, second = i, top
		case g.scores[i] > g.scores[second]:
			second = i
		}
	}
	if g.scores[top] < 4 || g.scores[top]-g.scores[second] < 2 {
		return Guessed{Script: "Latin"}
	}
	return Guessed{Lang: g.languages[top].lang, Name: g.languages[top].name, Script: "Latin"}
}

func (g *guesser) add(bits uint16, points int) {
	for i := range g.scores {
		if bits&(1<<i) != 0 {
			g.scores[i] += points
		}
	}
}

// maxWordLen bounds the bytes of a word looked up: the common words are
// far shorter.
const maxWordLen = 40

func decode(s string) (rune, int) {
	if s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	}
	return utf8.DecodeRuneInString(s)
}

func isLetter(c rune) bool {
	if c < utf8.RuneSelf {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	return unicode.IsLetter(c)
}

// scriptOf returns the script language lang is written in, for the
// languages Guess can tell by script or that are written in Cyrillic;
// "Latin" for the rest.
func scriptOf(lang string) string {
	switch primary(lang) {
	case "el":
		return "Greek"
	case "bg", "ru", "uk", "sr", "mk", "be":
		return "Cyrillic"
	case "hy":
		return "Armenian"
	case "ka":
		return "Georgian"
	case "he", "yi":
		return "Hebrew"
	case "ar", "fa", "ur":
		return "Arabic"
	case "zh", "ja":
		return "Han"
	}
	return "Latin"
}
