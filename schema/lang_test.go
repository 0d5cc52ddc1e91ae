package schema

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSplitLang(t *testing.T) {
	for _, tc := range []struct{ in, text, lang string }{
		{"Réseau juridique européen @fr", "Réseau juridique européen", "fr"},
		{"Réseau juridique européen@fr", "Réseau juridique européen", "fr"},
		{"Straż Graniczna @pl", "Straż Graniczna", "pl"},
		{"Bundespolizei @de-AT", "Bundespolizei", "de-AT"},
		{"Ελληνική Αστυνομία @el", "Ελληνική Αστυνομία", "el"},
		{"Granična policija @sr-Latn", "Granična policija", "sr-Latn"},
		{"European Legal Network on Asylum", "European Legal Network on Asylum", ""},
		// Not tags: left as they are.
		{"Contact info@EU", "Contact info@EU", ""},
		{"write to info@example", "write to info@example", ""},
		{"@fr", "@fr", ""},
		{" @fr", " @fr", ""},
		{"Name @f", "Name @f", ""},
		{"Name @fr-", "Name @fr-", ""},
		{"Name @fr ", "Name @fr ", ""},
		{"a@b@de", "a@b", "de"},
		{"", "", ""},
	} {
		text, lang := SplitLang(tc.in)
		if text != tc.text || lang != tc.lang {
			t.Errorf("SplitLang(%q) = %q, %q; want %q, %q", tc.in, text, lang, tc.text, tc.lang)
		}
	}
}

// FuzzSplitLang: a tag SplitLang finds is a valid name tag and WithLang
// writes the value back so that SplitLang reads the same text and tag.
func FuzzSplitLang(f *testing.F) {
	for _, s := range []string{"Réseau @fr", "x@de-AT", "@", "a@", "a @EN", "a@b@c", " @fr"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text, lang := SplitLang(s)
		if lang == "" {
			if text != s {
				t.Fatalf("SplitLang(%q) changed an untagged value to %q", s, text)
			}
			return
		}
		if !IsNameLangTag(lang) || !ValidLangTag(lang) || text == "" || !strings.HasPrefix(s, text) {
			t.Fatalf("SplitLang(%q) = %q, %q", s, text, lang)
		}
		if utf8.ValidString(s) {
			if t2, l2 := SplitLang(WithLang(text, lang)); t2 != text || l2 != lang {
				t.Fatalf("WithLang(%q, %q) reads back as %q, %q", text, lang, t2, l2)
			}
		}
	})
}
