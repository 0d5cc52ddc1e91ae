package schema

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// patternSeeds are values on both sides of every text rule.
var patternSeeds = []string{
	"", "a", "eu-lisa", "-a", "a-", "a--b", "A", "frontex2", "é",
	"https://frontex.europa.eu", "http://x", "HTTPS://X.EU/a?b#c", "https://", "ftp://x", "https://user@host/p", "https://a b",
	"2004", "2004-10", "2004-10-26", "2004-02-30", "0999", "2004-13", "2004-1", "1999-12-31",
	"Q42", "Q0", "Q", "q42", "Q123456789012", "Q12345678901",
	"FRONTEX", "EUAA_1", "frontex", "A-", "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNO",
	"en", "de-AT", "zh-Hant-TW", "e", "english", "en-", "x-private", "123",
	"text\x01", "line\nbreak", "tab\tok",
}

// FuzzTextRulePatterns checks each rule's pattern against its Go check:
// an exact pattern accepts exactly what the check accepts, any other
// pattern at least everything it accepts. The shapes are generated from
// the patterns, so a value the validator passes is never a SHACL
// violation, and for exact rules never the reverse.
func FuzzTextRulePatterns(f *testing.F) {
	for _, s := range patternSeeds {
		f.Add(s)
	}
	type compiled struct {
		rule TextRule
		re   *regexp.Regexp
	}
	var rules []compiled
	for _, r := range TextRules() {
		if r.Pattern != "" {
			rules = append(rules, compiled{r, regexp.MustCompile(r.Pattern)})
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // RDF literals and IRIs are UTF-8: no shape ever sees it
		}
		for _, c := range rules {
			ok := c.re.MatchString(s) && (c.rule.MaxLength == 0 || utf8.RuneCountInString(s) <= c.rule.MaxLength)
			switch check := c.rule.Check(s); {
			case check && !ok:
				t.Errorf("%s: %q passes the check but not the pattern %s", c.rule.Tag, s, c.rule.Pattern)
			case c.rule.Exact && ok && !check:
				t.Errorf("%s: %q matches the exact pattern %s but fails the check", c.rule.Tag, s, c.rule.Pattern)
			}
		}
	})
}

func TestTextRulesCoverEveryCustomTag(t *testing.T) {
	// Every tag the struct tags use is either the validator's own or in
	// the table: a custom tag outside it would not be registered.
	builtin := []string{"omitempty", "dive", "required", "required_with", "max", "min", "oneof", "email"}
	for _, r := range FieldRules() {
		for _, u := range r.Unenumerated {
			name, _, _ := strings.Cut(u, "=")
			if !slices.Contains(builtin, name) {
				t.Errorf("%s: tag %q is neither a validator tag nor in TextRules", r.Field, u)
			}
		}
	}
}

func TestFieldRules(t *testing.T) {
	byField := map[Field]FieldRule{}
	for _, r := range FieldRules() {
		byField[r.Field] = r
	}
	tags := func(r FieldRule) []string {
		var out []string
		for _, t := range r.Tags {
			out = append(out, t.Tag)
		}
		return out
	}
	for _, tc := range []struct {
		f                 Field
		required, multi   bool
		max               int
		oneOf, tags, rest []string
	}{
		{f: FieldID, required: true, tags: []string{"slug"}},
		{f: FieldKind, required: true, oneOf: []string{"network", "forum", "agency"}},
		{f: FieldName, required: true, max: 500, tags: []string{"text"}},
		{f: FieldAcronym, max: 40, tags: []string{"text"}},
		{f: FieldAltNames, multi: true, max: 500, tags: []string{"text"}},
		{f: FieldDescriptionLang, tags: []string{"langtag"}},
		{f: FieldStatus, oneOf: []string{"active", "inactive", "succeeded"}},
		{f: FieldMemberOf, multi: true, tags: []string{"slug"}},
		{f: FieldWikidata, tags: []string{"wikidata"}},
		{f: FieldSourceURLs, multi: true, tags: []string{"weburl"}},
	} {
		r, ok := byField[tc.f]
		if !ok {
			t.Errorf("%s: no rule", tc.f)
			continue
		}
		if r.Required != tc.required || r.Multi != tc.multi || r.MaxLength != tc.max ||
			!slices.Equal(r.OneOf, tc.oneOf) || !slices.Equal(tags(r), tc.tags) || !slices.Equal(r.Unenumerated, tc.rest) {
			t.Errorf("%s: got %+v (tags %v)", tc.f, r, tags(r))
		}
	}
	if m := byField[FieldMembers].Min; m == nil || *m != 0 {
		t.Errorf("members: min %v, want 0", m)
	}
	// Every field of Fields() is a column of Record with a rule.
	if got := len(FieldRules()); got != len(Fields()) {
		t.Errorf("%d field rules for %d fields", got, len(Fields()))
	}
	// The controlled values of the tags are the vocabularies'.
	for f, want := range map[Field][]string{
		FieldKind:   {string(KindNetwork), string(KindForum), string(KindAgency)},
		FieldScope:  {string(ScopeEU), string(ScopeEuropean)},
		FieldStatus: {string(StatusActive), string(StatusInactive), string(StatusSucceeded)},
	} {
		if !slices.Equal(byField[f].OneOf, want) {
			t.Errorf("%s: oneof %v, the vocabulary has %v", f, byField[f].OneOf, want)
		}
	}
}
