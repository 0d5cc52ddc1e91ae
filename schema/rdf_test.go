package schema_test

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bordernet/bordernet/schema"
)

func TestValidIRI(t *testing.T) {
	for _, tc := range []struct {
		iri  string
		want bool
	}{
		{"https://example.org/", true},
		{"https://example.org/page.html?x=1&y=2", true},
		{"https://example.org/a#frag", true},
		{"https://example.org/a%20b", true},
		{"https://example.org/ünï/ç", true},
		{"urn:isbn:0451450523", true},
		{"http://www.wikidata.org/entity/Q42", true},
		{"x-y+z.w:rest", true},
		{"", false},
		{"relative/path", false},
		{"/absolute/path", false},
		{":nothing", false},
		{"1http://x", false},
		{"https:", false},
		{"https://example.org/a b", false},
		{"https://example.org/a\tb", false},
		{"https://example.org/a\nb", false},
		{"https://example.org/<a>", false},
		{`https://example.org/"a"`, false},
		{"https://example.org/{a}", false},
		{"https://example.org/a|b", false},
		{`https://example.org/a\b`, false},
		{"https://example.org/a^b", false},
		{"https://example.org/a`b", false},
		{"https://example.org/a\x7fb", false},
		{"https://example.org/a\u0085b", false}, // C1 control
		{"https://example.org/a#b#c", false},
		{"https://example.org/100%", false},
		{"https://example.org/%zz", false},
		{"https://example.org/%4", false},
		{"https://example.org/\xff", false},
	} {
		if got := schema.ValidIRI(tc.iri); got != tc.want {
			t.Errorf("ValidIRI(%q) = %v, want %v", tc.iri, got, tc.want)
		}
	}
}

// FuzzValidIRI checks that whatever ValidIRI accepts is an absolute URI
// reference net/url parses with the same scheme, valid UTF-8 without
// spaces: what the writers may put between angle brackets unescaped.
func FuzzValidIRI(f *testing.F) {
	for _, s := range []string{"https://example.org/a?b=c#d", "urn:x", "https://ü.example/%41", "a:b#c#d", "http://x/%", "A://["} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !schema.ValidIRI(s) {
			return
		}
		if !utf8.ValidString(s) || strings.ContainsAny(s, " <>\"{}|\\^`\n\r\t") {
			t.Fatalf("ValidIRI(%q) but it holds a character no IRI may hold", s)
		}
		u, err := url.Parse(s)
		if err != nil {
			// net/url rejects some IRIs RFC 3987 allows (a colon in the
			// first path segment of a relative reference cannot happen
			// here: s has a scheme), and parses the authority, which
			// ValidIRI does not ("A://[": an unclosed IP literal); it
			// must at least see the scheme.
			if msg := err.Error(); !strings.Contains(msg, "invalid") && !strings.Contains(msg, "in host") {
				t.Fatalf("url.Parse(%q): %v", s, err)
			}
			return
		}
		if u.Scheme == "" || !strings.EqualFold(u.Scheme, s[:strings.IndexByte(s, ':')]) {
			t.Fatalf("url.Parse(%q) finds scheme %q", s, u.Scheme)
		}
	})
}

func TestValidLangTag(t *testing.T) {
	for tag, want := range map[string]bool{
		"en": true, "de-AT": true, "zh-Hant-TW": true, "sr-Latn-RS": true, "EN": true, "x-private1": true,
		"": false, "en_GB": false, "-en": false, "en-": false, "en--GB": false, "1en": false, "en GB": false, "é": false,
	} {
		if got := schema.ValidLangTag(tag); got != want {
			t.Errorf("ValidLangTag(%q) = %v, want %v", tag, got, want)
		}
	}
}

func TestValidLocalName(t *testing.T) {
	for local, want := range map[string]bool{
		"": true, "prefLabel": true, "a-b": true, "a.b": true, "Q42": true, "_x": true, "1a": true,
		"a.": false, "-a": false, ".a": false, "a/b": false, "a#b": false, "a%20": false, "é": false, "a:b": false, "a?x=1": false,
	} {
		if got := schema.ValidLocalName(local); got != want {
			t.Errorf("ValidLocalName(%q) = %v, want %v", local, got, want)
		}
	}
}

func TestNamespacesCompact(t *testing.T) {
	ns := schema.NewNamespaces([]schema.Prefix{
		{Name: "ex", IRI: "https://example.org/"},
		{Name: "exid", IRI: "https://example.org/id/"},
		{Name: "odd", IRI: "https://odd.example/ns-"},
		{Name: "odder", IRI: "https://odd.example/ns-x"},
		{Name: "dup", IRI: "https://example.org/"},
	})
	for _, tc := range []struct{ iri, prefix, local string }{
		{"https://example.org/a", "ex", "a"},
		{"https://example.org/id/a-b", "exid", "a-b"},
		{"https://example.org/id/", "exid", ""},
		{"https://odd.example/ns-foo", "odd", "foo"},
		{"https://odd.example/ns-xfoo", "odder", "foo"},
		{"https://example.org/id/a.", "", ""},
		{"https://example.org/id/a/b", "", ""},
		{"https://example.org/id/a#b", "", ""},
		{"https://other.example/a", "", ""},
	} {
		p, l, ok := ns.Compact(tc.iri)
		if ok != (tc.prefix != "") || p != tc.prefix || l != tc.local {
			t.Errorf("Compact(%q) = %q, %q, %v; want %q, %q", tc.iri, p, l, ok, tc.prefix, tc.local)
		}
	}
}

func TestTermCheck(t *testing.T) {
	for _, tc := range []struct {
		term schema.Term
		want string // "" for valid
	}{
		{schema.IRI("https://example.org/"), ""},
		{schema.Literal(""), ""},
		{schema.LangLiteral("x", ""), ""},
		{schema.LangLiteral("x", "zh-Hant-TW"), ""},
		{schema.TypedLiteral("2004", schema.XSDGYear), ""},
		{schema.Term{Kind: schema.TermLiteral, Value: "x", Lang: "en", Datatype: schema.RDFLangString}, ""},
		{schema.Blank("b0"), ""},
		{schema.IRI("rel"), "not an absolute IRI"},
		{schema.Blank(""), "blank node label"},
		{schema.Blank("-b"), "blank node label"},
		{schema.Literal("\xff"), "UTF-8"},
		{schema.LangLiteral("x", "e n"), "language tag"},
		{schema.Term{Kind: schema.TermLiteral, Value: "x", Datatype: schema.RDFLangString}, "no language"},
		{schema.Term{Kind: schema.TermLiteral, Value: "x", Lang: "en", Datatype: schema.XSDString}, "both"},
		{schema.TypedLiteral("x", "not an iri"), "datatype"},
		{schema.Term{}, "no kind"},
		{schema.Term{Kind: 9, Value: "x"}, "no kind"},
	} {
		err := tc.term.Check()
		if (err == nil) != (tc.want == "") || err != nil && !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%#v.Check() = %v, want %q", tc.term, err, tc.want)
		}
	}
}

func TestTypedLiteralNormalisesXSDString(t *testing.T) {
	if schema.TypedLiteral("x", schema.XSDString) != schema.Literal("x") {
		t.Error("xsd:string literal differs from the plain literal")
	}
}

// TestCheckerAgreesWithCheck feeds the same triples to Triple.Check and
// to one Checker (which skips what it has seen) and wants the same
// verdicts, including for a bad object after a good subject and a bad
// subject after good ones.
func TestCheckerAgreesWithCheck(t *testing.T) {
	s, p := schema.IRI("https://example.org/s"), schema.IRI("https://example.org/p")
	triples := []schema.Triple{
		{S: s, P: p, O: schema.Literal("ok")},
		{S: s, P: p, O: schema.IRI("bad iri")},
		{S: s, P: p, O: schema.Literal("ok")},
		{S: schema.IRI("bad"), P: p, O: schema.Literal("x")},
		{S: s, P: schema.IRI("bad"), O: schema.Literal("x")},
		{S: schema.Literal("lit"), P: p, O: s},
		{S: s, P: schema.Literal("lit"), O: s},
		{S: s, P: p, O: schema.Term{}},
		// What the Checker remembers must not let a different term pass:
		// the same string as another kind, a remembered tag or datatype
		// with a value or combination that is not valid.
		{S: s, P: p, O: schema.LangLiteral("x", "en")},
		{S: s, P: p, O: schema.LangLiteral("\xff", "en")},
		{S: s, P: p, O: schema.Term{Kind: schema.TermLiteral, Value: "x", Lang: "en", Datatype: schema.XSDInteger}},
		{S: s, P: p, O: schema.Term{Kind: schema.TermLiteral, Value: "x", Datatype: schema.RDFLangString}},
		{S: s, P: p, O: schema.Term{Kind: schema.TermLiteral, Value: "x", Lang: "en", Datatype: schema.RDFLangString}},
		{S: s, P: p, O: schema.TypedLiteral("1", schema.XSDInteger)},
		{S: s, P: p, O: schema.TypedLiteral("\xff", schema.XSDInteger)},
		{S: s, P: p, O: schema.Term{Kind: schema.TermLiteral, Value: "1", Datatype: schema.XSDInteger, Lang: "e n"}},
		{S: s, P: p, O: schema.Term{Kind: schema.TermLiteral, Value: "1", Datatype: schema.XSDInteger, Lang: "en"}},
		{S: s, P: p, O: schema.Term{Kind: schema.TermBlank, Value: p.Value}},
		{S: schema.Term{Kind: schema.TermBlank, Value: s.Value}, P: p, O: s},
		{S: schema.Literal(s.Value), P: p, O: s},
		{S: s, P: schema.Term{Kind: schema.TermLiteral, Value: p.Value}, O: s},
		{S: s, P: schema.Term{Kind: schema.TermBlank, Value: "b"}, O: s},
		{S: s, P: p, O: schema.Literal(p.Value)},
		{S: s, P: p, O: schema.Term{Kind: 9, Value: p.Value}},
		{S: s, P: p, O: schema.IRI("")},
	}
	// Many IRIs, to make the cache evict and refill.
	for i := range 2000 {
		iri := schema.IRI("https://example.org/" + strings.Repeat("x", i%37) + string(rune('a'+i%26)))
		bad := schema.IRI("https://example.org/ " + strings.Repeat("x", i%37) + string(rune('a'+i%26)))
		triples = append(triples, schema.Triple{S: iri, P: p, O: bad}, schema.Triple{S: s, P: iri, O: iri}, schema.Triple{S: bad, P: p, O: iri})
	}
	var c schema.Checker
	for i, tr := range triples {
		want, got := tr.Check(), c.Check(tr)
		if (want == nil) != (got == nil) || want != nil && want.Error() != got.Error() {
			t.Errorf("triple %d: Checker says %v, Check says %v", i, got, want)
		}
	}
}

func TestAppendQuoted(t *testing.T) {
	for in, want := range map[string]string{
		"":                    `""`,
		"plain":               `"plain"`,
		`"quoted"`:            `"\"quoted\""`,
		`back\slash`:          `"back\\slash"`,
		"a\nb\rc\td\be\ff":    `"a\nb\rc\td\be\ff"`,
		"\x00\x01\x1f\x7f":    `"\u0000\u0001\u001F\u007F"`,
		"ünï 𝄞 \u0085 \u00a0": "\"ünï 𝄞 \u0085 \u00a0\"",
		"\v":                  `"\u000B"`,
	} {
		if got := string(schema.AppendQuoted(nil, in)); got != want {
			t.Errorf("AppendQuoted(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestTermString(t *testing.T) {
	for term, want := range map[schema.Term]string{
		schema.IRI("https://example.org/a"):          "<https://example.org/a>",
		schema.Blank("b1"):                           "_:b1",
		schema.Literal("x"):                          `"x"`,
		schema.LangLiteral("x", "en-GB"):             `"x"@en-GB`,
		schema.TypedLiteral("2004", schema.XSDGYear): `"2004"^^<http://www.w3.org/2001/XMLSchema#gYear>`,
		schema.TypedLiteral("x", schema.XSDString):   `"x"`,
	} {
		if got := term.String(); got != want {
			t.Errorf("String() = %s, want %s", got, want)
		}
	}
}

func TestPrefixCheck(t *testing.T) {
	for _, tc := range []struct {
		p    schema.Prefix
		want bool
	}{
		{schema.Prefix{Name: "skos", IRI: schema.NSSKOS}, true},
		{schema.Prefix{Name: "", IRI: "https://example.org/"}, true},
		{schema.Prefix{Name: "a-b_1", IRI: "https://example.org/"}, true},
		{schema.Prefix{Name: "1a", IRI: "https://example.org/"}, false},
		{schema.Prefix{Name: "a.b", IRI: "https://example.org/"}, false},
		{schema.Prefix{Name: "a", IRI: "example/"}, false},
	} {
		if got := tc.p.Check() == nil; got != tc.want {
			t.Errorf("%+v.Check() ok = %v, want %v", tc.p, got, tc.want)
		}
	}
	for _, p := range schema.CommonPrefixes() {
		if err := p.Check(); err != nil {
			t.Errorf("common prefix: %v", err)
		}
	}
}
