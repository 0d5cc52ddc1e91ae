package schema

import "strings"

// Names (name, acronym, each alternative name) carry their language the
// way curators write it in a workbook cell: after the name, with "@" and a
// language tag, "Réseau juridique européen @fr". A name without one is in
// the dataset's language (dataset.json's "language"). The value keeps its
// tag in the record, so the CSV, the XLSX and a template written from the
// records show it and read it back unchanged; the RDF writers publish the
// text with the tag as its language.

// SplitLang splits a name into its text and its language tag:
// "Réseau juridique européen @fr" gives "Réseau juridique européen" and
// "fr". A value without a tag gives itself and "". Only a tag whose
// language subtag is two or three lower-case letters counts, so that
// "info@EU" or "user@example" stay text.
func SplitLang(v string) (text, lang string) {
	at := strings.LastIndexByte(v, '@')
	if at < 0 || !IsNameLangTag(v[at+1:]) {
		return v, ""
	}
	text = strings.TrimRight(v[:at], " \t")
	if text == "" {
		return v, ""
	}
	return text, v[at+1:]
}

// WithLang returns text as a name in language lang is written: "text @lang".
// An empty lang returns text alone.
func WithLang(text, lang string) string {
	if lang == "" {
		return text
	}
	return text + " @" + lang
}

// IsNameLangTag reports whether tag may follow "@" after a name: a BCP 47
// tag (IsLangTag) whose first subtag is two or three lower-case letters
// (fr, de-AT, sr-Latn).
func IsNameLangTag(tag string) bool {
	primary, _, _ := strings.Cut(tag, "-")
	if len(primary) < 2 || len(primary) > 3 {
		return false
	}
	for i := 0; i < len(primary); i++ {
		if primary[i] < 'a' || primary[i] > 'z' {
			return false
		}
	}
	return IsLangTag(tag)
}
