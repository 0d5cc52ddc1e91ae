package listing

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The reader's word tests have fast paths for ASCII, eight-byte scans and
// lazy shortcuts. FuzzFastPaths holds each to its plain definition, written
// here the straightforward way, on any text.

func bareRef(w string) string {
	w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	w = strings.TrimSuffix(w, "'s")
	return strings.TrimSuffix(w, "'")
}

func capitalisedRef(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.IndexFunc(w, unicode.IsUpper) >= 0
}

func capsTokenRef(s string) bool {
	n := utf8.RuneCountInString(s)
	first, _ := utf8.DecodeRuneInString(s)
	if n < 2 || n > 12 || !unicode.IsLetter(first) {
		return false
	}
	upper, lower := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		case unicode.IsDigit(r), r == '-':
		default:
			return false
		}
	}
	return upper >= 2 && upper > lower && upper+lower <= 10
}

func acronymLikeRef(s string) bool {
	n := utf8.RuneCountInString(s)
	first, _ := utf8.DecodeRuneInString(s)
	if n < 2 || n > 20 || !unicode.IsLetter(first) {
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

func startsLowerWordRef(s string) bool {
	f, _, _ := strings.Cut(s, " ")
	r, _ := utf8.DecodeRuneInString(f)
	return unicode.IsLower(r) && strings.IndexFunc(f, unicode.IsUpper) < 0
}

func endsSentenceRef(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool { return strings.ContainsRune(`)]}"'”»`, r) })
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '…'
}

func significantRef(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		if w := bareRef(f); w != "" && !smallWord(w) && strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			out = append(out, w)
		}
	}
	return out
}

// normaliseRef is normalise rune by rune.
func normaliseRef(s string) (string, rune) {
	var b strings.Builder
	var ctrl rune
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case isInvisible(r):
			continue
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
			ctrl, space = r, true
			continue
		case isApostrophe(r):
			r = '\''
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String()), ctrl
}

// slugRef is Slug decomposing the whole text at once.
func slugRef(s string) string {
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
	for _, r := range norm.NFKD.String(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			put(string(r))
		case r >= 'A' && r <= 'Z':
			put(string(r + 'a' - 'A'))
		case unicode.Is(unicode.Mn, r):
		default:
			if t, ok := translit(r); ok {
				put(t)
			} else {
				hyphen = true
			}
		}
	}
	return cutSlug(b.String())
}

// capsInitialsRef is capsInitials word by word.
func capsInitialsRef(text, name string) (string, bool) {
	for _, f := range strings.Fields(text) {
		if w := bare(f); capsToken(w) && initialsMatch(w, name) {
			return w, true
		}
	}
	return "", false
}

func FuzzFastPaths(f *testing.F) {
	for _, s := range []string{
		"", " ", "The European Patrols Network (EPN) is", "eu-LISA, the Agency", "Directors' Europe's (ELENA),",
		"ÉLÉNA Ωmega Straße", "a  b\tc\u00a0d\u2003e", "K\u212Aelvin İstanbul", "x´y`z\u2019", "cafe\u0301 \u0958",
		"NETWORKS Forums fora", "“Quoted.” (end)", "\xff\xfe bad", "A-B-C EU-LISA G7", "https://Example.org/(x)",
		"aaaaaaaaAAAAAAAAaaaaaaaa", "Mr. Smith , ; : . ! ?", "12345678901234567890123456789",
	} {
		f.Add(s, "European Patrols Network")
	}
	f.Fuzz(func(t *testing.T, s, name string) {
		words := strings.Fields(s)
		var got []string
		for w, i := nextField(s, 0); w != ""; w, i = nextField(s, i) {
			got = append(got, w)
		}
		if !slices.Equal(got, words) {
			t.Fatalf("nextField(%q): %q, strings.Fields: %q", s, got, words)
		}
		last, first := "", ""
		if len(words) > 0 {
			first, last = words[0], words[len(words)-1]
		}
		if fieldCount(s) != len(words) || firstField(s) != first || lastField(s) != last {
			t.Fatalf("fieldCount/firstField/lastField(%q)", s)
		}
		for n := range 4 {
			if atLeastFields(s, n) != (len(words) >= n) {
				t.Fatalf("atLeastFields(%q, %d)", s, n)
			}
		}
		if got, want := collapse(s), strings.Join(words, " "); got != want {
			t.Fatalf("collapse(%q) = %q, want %q", s, got, want)
		}
		if upperOnly(s) != (strings.ToUpper(s) == s) && utf8.ValidString(s) {
			t.Fatalf("upperOnly(%q)", s)
		}
		if hasLetter(s) != (strings.IndexFunc(s, unicode.IsLetter) >= 0) {
			t.Fatalf("hasLetter(%q)", s)
		}
		if startsLowerWord(s) != startsLowerWordRef(s) || endsSentence(s) != endsSentenceRef(s) {
			t.Fatalf("startsLowerWord/endsSentence(%q)", s)
		}
		sig := significantRef(s)
		caps := 0
		for _, w := range sig {
			if capitalisedRef(w) {
				caps++
			}
		}
		n, c, fst := sigStats(s)
		if !slices.Equal(significant(s), sig) || n != len(sig) || c != caps || len(sig) > 0 && fst != sig[0] {
			t.Fatalf("significant/sigStats(%q)", s)
		}
		for _, w := range append(words, s) {
			if bare(w) != bareRef(w) || capitalised(w) != capitalisedRef(w) || capsToken(w) != capsTokenRef(w) || acronymLike(w) != acronymLikeRef(w) {
				t.Fatalf("bare/capitalised/capsToken/acronymLike(%q)", w)
			}
			var buf [wordBuf]byte
			if string(lowerWord(w, buf[:])) != strings.ToLower(w) {
				t.Fatalf("lowerWord(%q)", w)
			}
			for _, p := range []string{"https://", "formerly known as ", "aka "} {
				if hasPrefixLower(w, p) != strings.HasPrefix(strings.ToLower(w), p) {
					t.Fatalf("hasPrefixLower(%q, %q)", w, p)
				}
			}
		}
		for _, sep := range []string{" – ", " - ", " (", ": ", ", "} {
			if indexSep(s, sep) != strings.Index(s, sep) {
				t.Fatalf("indexSep(%q, %q)", s, sep)
			}
		}
		spaced := false
		for _, p := range ",;:.!?" {
			spaced = spaced || strings.Contains(s, " "+string(p))
		}
		if spaceBeforePunct(s) != spaced {
			t.Fatalf("spaceBeforePunct(%q)", s)
		}
		if got, want := Slug(s), slugRef(s); got != want {
			t.Fatalf("Slug(%q) = %q, decomposed at once %q", s, got, want)
		}
		gw, gok := capsInitials(s, name)
		ww, wok := capsInitialsRef(s, name)
		if gw != ww || gok != wok {
			t.Fatalf("capsInitials(%q, %q) = %q %v, word by word %q %v", s, name, gw, gok, ww, wok)
		}
		if utf8.ValidString(s) {
			gotN, gotC := normalise(s)
			wantN, wantC := normaliseRef(s)
			if gotN != wantN || gotC != wantC {
				t.Fatalf("normalise(%q) = %q %U, rune by rune %q %U", s, gotN, gotC, wantN, wantC)
			}
		}
		run := 0
		for run < len(s) && s[run] >= 0x20 && s[run] < 0x7f && s[run] != '`' {
			run++
		}
		if printableRun([]byte(s)) != run {
			t.Fatalf("printableRun(%q)", s)
		}
	})
}
