package listing

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxSlug is the longest id Slug makes, the limit schema.IsSlug accepts.
const MaxSlug = 80

// translit spells the Latin letters that do not decompose into an ASCII
// letter and accents; ok is false for any other rune.
func translit(r rune) (string, bool) {
	switch r {
	case 'ß', 'ẞ':
		return "ss", true
	case 'æ', 'Æ':
		return "ae", true
	case 'œ', 'Œ':
		return "oe", true
	case 'ø', 'Ø':
		return "o", true
	case 'ł', 'Ł':
		return "l", true
	case 'đ', 'Đ', 'ð', 'Ð':
		return "d", true
	case 'þ', 'Þ':
		return "th", true
	case 'ı':
		return "i", true
	case 'ħ', 'Ħ':
		return "h", true
	case 'ŋ', 'Ŋ':
		return "n", true
	case 'ĸ':
		return "k", true
	case 'ſ':
		return "s", true
	}
	return "", false
}

// Slug turns a name or acronym into an id: lower-case ASCII letters and
// digits separated by single hyphens, at most MaxSlug bytes, cut at a
// hyphen when it must be shortened. Accented letters lose their accents
// (é → e, ü → u), a few letters are spelled out (ß → ss, æ → ae, ł → l),
// apostrophes vanish ("Directors'" → "directors") and everything else
// separates words. "eu-LISA" → "eu-lisa", "Eurint Network" →
// "eurint-network". It returns "" when s has no Latin letter or digit.
func Slug(s string) string {
	if isASCII(s) {
		return cutSlug(asciiSlug(s))
	}
	return cutSlug(unicodeSlug(s))
}

// unicodeSlug spells any text as Slug does, before the cut to MaxSlug.
func unicodeSlug(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\'' || isApostrophe(r) {
			return -1
		}
		return r
	}, s)
	var b strings.Builder
	hyphen := false
	put := func(t string) {
		if hyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		hyphen = false
		b.WriteString(t)
	}
	spell := func(r rune) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			put(string(r))
		case r >= 'A' && r <= 'Z':
			put(string(r + 'a' - 'A'))
		case unicode.Is(unicode.Mn, r):
			// A combining accent left by the decomposition.
		default:
			if t, ok := translit(r); ok {
				put(t)
			} else {
				hyphen = true
			}
		}
	}
	// The decomposition (NFKD), a segment at a time: norm.NFKD.String
	// would make the whole decomposed text first.
	var it norm.Iter
	it.InitString(norm.NFKD, s)
	for !it.Done() {
		for _, r := range string(it.Next()) {
			spell(r)
		}
	}
	return b.String()
}

// asciiSlug is unicodeSlug's spelling of ASCII text, which has no accents to take
// off and no letters to spell out: ids are mostly made of acronyms and
// English names.
func asciiSlug(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	writeASCIISlug(&b, s)
	return b.String()
}

// writeASCIISlug writes asciiSlug(s) to b.
func writeASCIISlug(b *strings.Builder, s string) {
	hyphen, wrote := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'' || c == '`':
			continue // an apostrophe vanishes
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		default:
			hyphen = true
			continue
		}
		if hyphen && wrote {
			b.WriteByte('-')
		}
		hyphen, wrote = false, true
		b.WriteByte(c)
	}
}

// cutSlug shortens a slug to MaxSlug bytes, at a hyphen when it can.
func cutSlug(out string) string {
	if len(out) > MaxSlug {
		cut := out[:MaxSlug]
		if out[MaxSlug] != '-' {
			if i := strings.LastIndexByte(cut, '-'); i > 0 {
				cut = cut[:i]
			}
		}
		out = strings.TrimRight(cut, "-")
	}
	return out
}
