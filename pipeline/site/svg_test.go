package site

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/pipeline/export/ntriples/rdftest"
	"github.com/bordernet/bordernet/schema"
)

// rect is an axis-aligned box of the picture.
type rect struct{ x0, y0, x1, y1 float64 }

func (a rect) overlaps(b rect) bool {
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

func (a rect) contains(b rect) bool {
	return a.x0 <= b.x0 && b.x1 <= a.x1 && a.y0 <= b.y0 && b.y1 <= a.y1
}

func (a rect) String() string { return fmt.Sprintf("[%g,%g %g,%g]", a.x0, a.y0, a.x1, a.y1) }

// svgNode is a body as the SVG draws it.
type svgNode struct {
	href, title, label string
	box, text          rect
}

// svgDrawing is what a test reads back from an SVG document.
type svgDrawing struct {
	width, height float64
	title, desc   string
	nodes         []svgNode
	texts         []rect // every label's box, node and legend
	arrows        int
}

// parseSVG reads the picture as an SVG reader would: the boxes, the
// labels (with the width textLength forces), the links and titles.
func parseSVG(data []byte) (*svgDrawing, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	d := &svgDrawing{}
	var stack []string
	var cur *svgNode
	var textBox *rect
	var textBuf strings.Builder
	f := func(e xml.StartElement, name string) float64 {
		for _, a := range e.Attr {
			if a.Name.Local == name {
				v, _ := strconv.ParseFloat(a.Value, 64)
				return v
			}
		}
		return 0
	}
	s := func(e xml.StartElement, name string) string {
		for _, a := range e.Attr {
			if a.Name.Local == name {
				return a.Value
			}
		}
		return ""
	}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			stack = append(stack, e.Name.Local)
			switch e.Name.Local {
			case "svg":
				d.width, d.height = f(e, "width"), f(e, "height")
			case "a":
				cur = &svgNode{href: s(e, "href")}
			case "rect":
				if cur != nil && s(e, "class") == "node" {
					cur.box = rect{f(e, "x"), f(e, "y"), f(e, "x") + f(e, "width"), f(e, "y") + f(e, "height")}
				}
			case "path":
				if s(e, "marker-end") != "" && len(stack) > 1 && stack[len(stack)-2] == "g" && strings.Contains(s(e, "d"), "C") {
					d.arrows++
				}
			case "text":
				x, y, tl := f(e, "x"), f(e, "y"), f(e, "textLength")
				if tl == 0 {
					return nil, fmt.Errorf("a text at %g,%g has no textLength: its width is unknown", x, y)
				}
				x0 := x
				if s(e, "text-anchor") == "middle" {
					x0 = x - tl/2
				}
				textBox = &rect{x0, y - fontSize*0.8, x0 + tl, y + fontSize*0.25}
				textBuf.Reset()
			}
		case xml.CharData:
			if textBox != nil {
				textBuf.Write(e)
			}
			if len(stack) > 0 && stack[len(stack)-1] == "title" {
				switch {
				case cur != nil && len(stack) >= 2 && stack[len(stack)-2] == "a":
					cur.title = string(e)
				case len(stack) == 2:
					d.title = string(e)
				}
			}
			if len(stack) == 2 && stack[1] == "desc" {
				d.desc = string(e)
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			switch e.Name.Local {
			case "text":
				d.texts = append(d.texts, *textBox)
				if cur != nil {
					cur.text, cur.label = *textBox, textBuf.String()
				}
				textBox = nil
			case "a":
				d.nodes = append(d.nodes, *cur)
				cur = nil
			}
		}
	}
	return d, nil
}

// checkDrawing: no two boxes or labels overlap, every label is inside its
// box, everything is inside the picture, every box links to a record page.
func checkDrawing(t *testing.T, name string, d *svgDrawing, ids map[string]bool) {
	t.Helper()
	if d.title == "" || d.desc == "" {
		t.Errorf("%s: title %q, desc %q", name, d.title, d.desc)
	}
	frame := rect{0, 0, d.width, d.height}
	for i, a := range d.nodes {
		if !a.box.contains(a.text) {
			t.Errorf("%s: label %q %v sticks out of its box %v", name, a.label, a.text, a.box)
		}
		if !frame.contains(a.box) {
			t.Errorf("%s: box %q %v outside the picture %v", name, a.label, a.box, frame)
		}
		id, ok := strings.CutPrefix(strings.TrimSuffix(a.href, ".html"), "id/")
		if !ok || !ids[id] {
			t.Errorf("%s: box %q links to %q, not a record page", name, a.label, a.href)
		}
		if a.title == "" {
			t.Errorf("%s: box %q has no title", name, a.label)
		}
		for _, b := range d.nodes[i+1:] {
			if a.box.overlaps(b.box) {
				t.Errorf("%s: boxes %q %v and %q %v overlap", name, a.label, a.box, b.label, b.box)
			}
		}
	}
	for i, a := range d.texts {
		if !frame.contains(a) {
			t.Errorf("%s: a label %v outside the picture", name, a)
		}
		for _, b := range d.texts[i+1:] {
			if a.overlaps(b) {
				t.Errorf("%s: labels %v and %v overlap", name, a, b)
			}
		}
	}
}

// relatedRelease makes n records with every kind of relation, cycles and
// long names included.
func relatedRelease(n int) *schema.Release {
	rel := rdftest.Synthetic(n)
	for i := range rel.Records.(schema.RecordSlice) {
		r := &rel.Records.(schema.RecordSlice)[i]
		r.Kind = schema.Kinds()[i%3]
		r.Parent = rel.Records.(schema.RecordSlice)[(i*7+3)%n].ID
		r.MemberOf = []string{rel.Records.(schema.RecordSlice)[(i+1)%n].ID}
		r.PartnerOf = []string{rel.Records.(schema.RecordSlice)[(i*5+2)%n].ID}
		if i%4 == 0 {
			r.Successor = rel.Records.(schema.RecordSlice)[(i+n/2)%n].ID
		}
		if i%3 == 0 {
			r.Acronym = ""
			r.Name = strings.Repeat("Very Long Name ", 1+i%5)
		}
	}
	return rel
}

// TestPicture: the seed's picture and larger ones (with cycles, every
// relation, long names, more bodies than the picture shows) have no
// overlapping boxes or labels.
func TestPicture(t *testing.T) {
	for _, tc := range []struct {
		name        string
		rel         *schema.Release
		boxes, rels int
	}{
		{"seed", seedRelease(t), 6, 3},
		{"12 related", relatedRelease(12), 12, -1},
		{"40 related", relatedRelease(40), 40, -1},
		{"400 related", relatedRelease(400), PictureLimit, -1},
		{"none related", rdftest.Release(), -1, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ids := map[string]bool{}
			for _, r := range tc.rel.Records.(schema.RecordSlice) {
				ids[r.ID] = true
			}
			pic := drawRelations(tc.rel, PictureLimit)
			for _, standalone := range []bool{true, false} {
				var b bytes.Buffer
				if err := pic.writeSVG(&b, standalone); err != nil {
					t.Fatal(err)
				}
				d, err := parseSVG(b.Bytes())
				if err != nil {
					t.Fatal(err)
				}
				checkDrawing(t, tc.name, d, ids)
				if tc.boxes >= 0 && len(d.nodes) != tc.boxes {
					t.Errorf("%d boxes, want %d", len(d.nodes), tc.boxes)
				}
				if tc.rels >= 0 && d.arrows != tc.rels {
					t.Errorf("%d arrows, want %d", d.arrows, tc.rels)
				}
				if len(d.nodes) > 0 && d.arrows == 0 {
					t.Error("boxes without arrows")
				}
			}
			if len(pic.sentences()) != len(pic.arrows) {
				t.Errorf("%d sentences for %d arrows", len(pic.sentences()), len(pic.arrows))
			}
		})
	}
}

// TestPictureLayers: a body is drawn above the bodies that are run by,
// members of or succeeded by it.
func TestPictureLayers(t *testing.T) {
	pic := drawRelations(seedRelease(t), PictureLimit)
	at := map[string]box{}
	for _, b := range pic.boxes {
		at[b.id] = b
	}
	for _, pair := range [][2]string{{"frontex", "fran"}, {"ecre", "elena"}, {"euaa", "easo"}} {
		if up, down := at[pair[0]], at[pair[1]]; up.y+up.h > down.y {
			t.Errorf("%s (y %g) is not above %s (y %g)", pair[0], up.y, pair[1], down.y)
		}
	}
	var verbs []string
	for _, s := range pic.sentences() {
		verbs = append(verbs, s.From.Text+" "+s.Verb.Text+" "+s.To.Text)
	}
	want := "Frontex Risk Analysis Network (FRAN) is run by European Border and Coast Guard Agency (Frontex)"
	if !strings.Contains(strings.Join(verbs, "\n"), want) {
		t.Errorf("the sentences lack %q:\n%s", want, strings.Join(verbs, "\n"))
	}
}
