package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/bordernet/bordernet/schema"
)

// checkPage holds one page to the site's rules: structure (doctype, lang,
// charset, viewport, one h1, headings in order, tables with a caption and
// scoped headers, the inline picture with a title and description),
// safety (no inline script but JSON-LD data, no inline event handler or
// style, no script or style from elsewhere) and links (every src and
// every href of a link element relative or under the base IRI; every
// relative link to a file of the site).
func checkPage(t *testing.T, name string, data []byte, base string, exists func(string) bool) {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("<!DOCTYPE html>\n")) {
		t.Errorf("%s: does not start with <!DOCTYPE html>", name)
	}
	doc := parseHTML(t, name, data)
	htmlEl := elements(doc, "html")[0]
	if lang, _ := attr(htmlEl, "lang"); !schema.ValidLangTag(lang) {
		t.Errorf("%s: <html lang=%q>", name, lang)
	}
	var charset, viewport bool
	for _, m := range elements(doc, "meta") {
		if v, ok := attr(m, "charset"); ok && strings.EqualFold(v, "utf-8") {
			charset = true
		}
		if v, _ := attr(m, "name"); v == "viewport" {
			viewport = true
		}
	}
	if !charset || !viewport {
		t.Errorf("%s: meta charset %v, viewport %v", name, charset, viewport)
	}
	if n := len(elements(doc, "title")); n < 1 || text(elements(doc, "title")[0]) == "" {
		t.Errorf("%s: no title", name)
	}
	// Headings: one h1, first; no level skipped on the way down.
	level := 0
	h1 := 0
	walk(doc, func(e *html.Node) {
		if len(e.Data) != 2 || e.Data[0] != 'h' || e.Data[1] < '1' || e.Data[1] > '6' {
			return
		}
		l := int(e.Data[1] - '0')
		if l == 1 {
			h1++
		}
		if l > level+1 {
			t.Errorf("%s: <%s> %q after h%d", name, e.Data, text(e), level)
		}
		level = l
	})
	if h1 != 1 {
		t.Errorf("%s: %d h1 elements", name, h1)
	}
	for _, table := range elements(doc, "table") {
		if caps := elements(table, "caption"); len(caps) != 1 || strings.TrimSpace(text(caps[0])) == "" {
			t.Errorf("%s: a table without a caption", name)
		}
		for _, th := range elements(table, "th") {
			if scope, _ := attr(th, "scope"); scope != "col" && scope != "row" {
				t.Errorf("%s: <th> %q without scope", name, text(th))
			}
		}
	}
	for _, svg := range elements(doc, "svg") {
		if len(elements(svg, "title")) == 0 || len(elements(svg, "desc")) == 0 {
			t.Errorf("%s: an svg without title or desc", name)
		}
	}
	for _, img := range elements(doc, "img") {
		if _, ok := attr(img, "alt"); !ok {
			t.Errorf("%s: an img without alt", name)
		}
	}
	ids := map[string]bool{}
	walk(doc, func(e *html.Node) {
		for _, a := range e.Attr {
			key := strings.ToLower(a.Key)
			switch {
			case strings.HasPrefix(key, "on"):
				t.Errorf("%s: <%s %s=…>: an inline event handler", name, e.Data, a.Key)
			case key == "style":
				t.Errorf("%s: <%s style=…>: inline style", name, e.Data)
			case key == "id":
				if ids[a.Val] {
					t.Errorf("%s: id %q twice", name, a.Val)
				}
				ids[a.Val] = true
			}
		}
		switch e.Data {
		case "style", "iframe", "object", "embed", "base", "form":
			t.Errorf("%s: a <%s> element", name, e.Data)
		case "script":
			typ, _ := attr(e, "type")
			src, hasSrc := attr(e, "src")
			switch {
			case typ == "application/ld+json":
				if hasSrc {
					t.Errorf("%s: JSON-LD with a src", name)
				}
				var v any
				if err := json.Unmarshal([]byte(text(e)), &v); err != nil {
					t.Errorf("%s: its JSON-LD is not JSON: %v", name, err)
				}
			case !hasSrc || strings.TrimSpace(text(e)) != "":
				t.Errorf("%s: an inline script", name)
			case !isLocal(src):
				t.Errorf("%s: a script from %s", name, src)
			}
		}
		for _, key := range []string{"src", "href"} {
			v, ok := attr(e, key)
			if !ok {
				continue
			}
			switch {
			case isLocal(v):
				target := strings.SplitN(path.Join(path.Dir(name), strings.SplitN(v, "#", 2)[0]), "?", 2)[0]
				if strings.HasPrefix(v, "#") {
					if !ids[v[1:]] && !strings.Contains(string(data), `id="`+v[1:]+`"`) {
						t.Errorf("%s: a link to #%s, which the page does not have", name, v[1:])
					}
				} else if exists != nil && !exists(target) {
					t.Errorf("%s: %s=%q: the site has no %s", name, key, v, target)
				}
			case strings.HasPrefix(v, base):
			case e.Data == "a" && (strings.HasPrefix(v, "https://") || strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "mailto:")):
				// A link a person may follow to another site; nothing
				// is requested from it.
			default:
				t.Errorf("%s: <%s %s=%q> points outside the site", name, e.Data, key, v)
			}
		}
	})
}

// isLocal reports whether a src or href stays on the site: a relative
// path without a scheme or host.
func isLocal(v string) bool {
	u, err := url.Parse(v)
	return err == nil && u.Scheme == "" && u.Host == "" && !strings.HasPrefix(v, "//")
}

// TestPages checks every page of the seed's site, and of a site with no
// record pages.
func TestPages(t *testing.T) {
	for _, opt := range []Options{{}, {Pages: PagesNone}} {
		dir := publish(t, seedRelease(t), opt)
		files := siteFiles(t, dir)
		exists := func(p string) bool {
			if _, ok := files[p]; ok {
				return true
			}
			if isDataFile(p) {
				return true
			}
			// Record pages a server renders when the release has none.
			return opt.Pages == PagesNone && strings.HasPrefix(p, "id/")
		}
		pages := htmlPages(files)
		if len(pages) < 10 {
			t.Fatalf("only %d pages", len(pages))
		}
		for _, name := range pages {
			checkPage(t, name, files[name], "https://w3id.org/bordernet/", exists)
		}
	}
}

// hostile are values that would run script or break out of an attribute
// if a page did not escape them.
var hostile = []string{
	`<script>alert("name")</script>`,
	`"><img src=x onerror=alert(1)>`,
	`</script><script>alert(2)</script>`,
	`<!-- comment --> & &amp; ' "`,
}

// TestEscaping: values holding markup show as text on every page, in
// the JSON-LD and in the picture; nothing they hold becomes an element.
func TestEscaping(t *testing.T) {
	rel := seedRelease(t)
	for i := range rel.Records.(schema.RecordSlice) {
		r := &rel.Records.(schema.RecordSlice)[i]
		switch r.ID {
		case "fran":
			r.Name = hostile[0]
			r.Description = hostile[1] + "\n" + hostile[2]
			r.Acronym = hostile[3]
		case "frontex":
			r.Seat = hostile[1]
			r.AltNames = append(r.AltNames, hostile[2])
		}
	}
	rel.Meta.Title = hostile[0]
	rel.Meta.Description = hostile[2] + " " + strings.Repeat("long enough ", 5)
	rel.Meta.Publisher.Name = hostile[1]
	dir := writeSite(t, rel)
	files := siteFiles(t, dir)
	for _, name := range []string{"index.html", "id/fran.html", "id/frontex.html", "vocab/kind.html"} {
		data := files[name]
		checkPage(t, name, data, "https://w3id.org/bordernet/", nil)
		doc := parseHTML(t, name, data)
		if n := len(elements(doc, "img")); n != 0 {
			t.Errorf("%s: %d img elements: a value became markup", name, n)
		}
		body := text(elements(doc, "body")[0])
		for _, s := range elements(doc, "script") {
			if src, ok := attr(s, "src"); ok && !strings.HasSuffix(src, "table.js") {
				t.Errorf("%s: a script from %s", name, src)
			}
		}
		if !strings.Contains(body, hostile[0]) {
			t.Errorf("%s: does not show %q as text", name, hostile[0])
		}
		if name != "vocab/kind.html" && !strings.Contains(body, hostile[1]) {
			t.Errorf("%s: does not show %q as text", name, hostile[1])
		}
	}
	// The JSON-LD of fran's page still says the description exactly.
	doc := parseHTML(t, "id/fran.html", files["id/fran.html"])
	found := false
	for _, s := range elements(doc, "script") {
		if typ, _ := attr(s, "type"); typ != "application/ld+json" {
			continue
		}
		if strings.Contains(text(s), "</") {
			t.Error("the JSON-LD holds </ unescaped")
		}
		var v struct {
			Graph []map[string]any `json:"@graph"`
		}
		if err := json.Unmarshal([]byte(text(s)), &v); err != nil {
			t.Fatal(err)
		}
		for _, n := range v.Graph {
			if n["description"] == hostile[1]+"\n"+hostile[2] {
				found = true
			}
		}
	}
	if !found {
		t.Error("fran's JSON-LD does not hold its description exactly")
	}
	if svg := string(files["relations.svg"]); strings.Contains(svg, "<script") || strings.Contains(svg, "<img") {
		t.Error("relations.svg holds markup from a value")
	}
	if _, err := parseSVG(files["relations.svg"]); err != nil {
		t.Errorf("relations.svg: %v", err)
	}
}

// cssColours reads the custom properties of site.css: --name: #rrggbb.
func cssColours(t *testing.T) map[string]string {
	t.Helper()
	css, err := assets.ReadFile("assets/site.css")
	if err != nil {
		t.Fatal(err)
	}
	colours := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z-]+):\s*(#[0-9a-fA-F]{6})\s*;`).FindAllStringSubmatch(string(css), -1) {
		colours[m[1]] = m[2]
	}
	if len(colours) < 6 {
		t.Fatalf("site.css declares only %d colours", len(colours))
	}
	return colours
}

// luminance is the WCAG relative luminance of #rrggbb.
func luminance(hex string) float64 {
	channel := func(i int) float64 {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.04045 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(0) + 0.7152*channel(1) + 0.0722*channel(2)
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// TestContrast: text colours on the backgrounds they are used on reach
// WCAG AA (4.5:1), the focus ring and the picture's lines 3:1.
func TestContrast(t *testing.T) {
	if got := contrast("#000000", "#ffffff"); math.Abs(got-21) > 0.01 {
		t.Fatalf("contrast of black on white: %.2f, want 21", got)
	}
	c := cssColours(t)
	for _, p := range []struct {
		fg, bg string
		min    float64
	}{
		{"text", "background", 4.5}, {"muted", "background", 4.5}, {"link", "background", 4.5},
		{"link-visited", "background", 4.5}, {"text", "panel", 4.5}, {"muted", "panel", 4.5},
		{"link", "panel", 4.5}, {"link-visited", "panel", 4.5}, {"focus", "background", 3}, {"rule", "background", 3},
	} {
		fg, bg := c[p.fg], c[p.bg]
		if fg == "" || bg == "" {
			t.Errorf("site.css has no --%s or --%s", p.fg, p.bg)
			continue
		}
		if r := contrast(fg, bg); r < p.min {
			t.Errorf("--%s %s on --%s %s: contrast %.2f, want ≥ %.1f", p.fg, fg, p.bg, bg, r, p.min)
		}
	}
	for kind, fill := range kindFills() {
		if r := contrast(textColour, fill); r < 4.5 {
			t.Errorf("picture: labels on %s boxes: contrast %.2f", kind, r)
		}
	}
	for _, s := range relStyles() {
		if r := contrast(s.colour, "#ffffff"); r < 3 {
			t.Errorf("picture: %s lines: contrast %.2f with the background", s.id, r)
		}
	}
}

func ExampleParsePages() {
	p, err := ParsePages("none")
	fmt.Println(p, err)
	// Output: none <nil>
}
