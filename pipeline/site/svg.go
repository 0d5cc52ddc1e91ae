package site

import (
	"bytes"
	"cmp"
	"fmt"
	"html"
	"iter"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/bordernet/bordernet/schema"
)

// relKind is a relation the picture draws, each in its own colour and
// dash pattern, explained by the legend.
type relKind int

const (
	relRunBy relKind = iota
	relCoordinatedBy
	relMemberOf
	relPartnerOf
	relSucceededBy
	relKinds
)

// relStyle is how a relation is drawn and said.
type relStyle struct {
	id, verb, legend, colour, dash string
	upward                         bool // the target is drawn above the source
}

func relStyles() [relKinds]relStyle {
	return [relKinds]relStyle{
		relRunBy:         {"run-by", "is run by", "run by", "#1f5fa8", "", true},
		relCoordinatedBy: {"coordinated-by", "is coordinated by", "coordinated by", "#7a3fa0", "7 3", true},
		relMemberOf:      {"member-of", "is a member of", "member of", "#2b6e3a", "2 3", true},
		relPartnerOf:     {"partner-of", "is a partner of", "partner of", "#a14d00", "9 4 2 4", false},
		relSucceededBy:   {"succeeded-by", "is succeeded by", "succeeded by", "#b0102a", "12 4", true},
	}
}

// kindFills are the box colours of the kinds of body, all light enough
// for the dark label text (contrast is tested).
func kindFills() map[schema.Kind]string {
	return map[schema.Kind]string{
		schema.KindAgency:  "#dce8f7",
		schema.KindNetwork: "#e4f2df",
		schema.KindForum:   "#fbeedb",
	}
}

// Picture geometry, in SVG user units (px).
const (
	fontSize   = 13
	charWidth  = 7.5 // an upper bound of a sans-serif glyph's width at fontSize, for box sizes
	boxHeight  = 28
	boxPadding = 10
	boxGap     = 24 // between boxes of a row
	layerGap   = 72 // between layers, room for the arrows
	wrapGap    = 24 // between the rows of a wrapped layer
	margin     = 16
	maxWidth   = 960 // a layer wider than this wraps
	labelRunes = 24  // longer names are cut, the full name is in the box's title
	textColour = "#1b1f24"
)

// box is a body in the picture.
type box struct {
	id, label, title, href string
	kind                   schema.Kind
	x, y, w, h             float64
	layer                  int
}

// arrow is a relation in the picture, from box from to box to.
type arrow struct {
	from, to int
	kind     relKind
}

// picture is the relations between the bodies, laid out.
type picture struct {
	title         string
	boxes         []box
	arrows        []arrow
	width, height float64
	legendY       float64
	omitted       int // bodies with relations left out to stay readable
}

// drawRelations lays out the relations between rel's records: each body
// that takes part in one is a box, relations pointing up to the body
// that runs, coordinates, has as member or succeeds it (layers by the
// longest chain below a body), partners side by side. At most limit
// bodies are drawn, the most connected first.
//
// A release may hold a million records, read from a store on disk: the
// picture reads them three times in order and holds only the ids that
// relations point at (with how often, and their kind) and the bodies
// drawn, never a map of every record.
func drawRelations(rel *schema.Release, limit int) *picture {
	pic := &picture{title: rel.Meta.Title}
	records := rel.RecordSet()
	// The bodies relations point at: how many relations point at each
	// (from another body), and, once read, that it is a record and its
	// kind. A relation to an id no record has is not drawn.
	type target struct {
		in     int
		exists bool
		kind   schema.Kind
	}
	targets := map[string]*target{}
	for _, r := range records.All() {
		for to := range relationTargets(r) {
			if to == r.ID {
				continue
			}
			t := targets[to]
			if t == nil {
				t = &target{}
				targets[to] = t
			}
			t.in++
		}
	}
	for _, r := range records.All() {
		if t := targets[r.ID]; t != nil {
			t.exists, t.kind = true, r.Kind
		}
	}
	// links calls add for each relation of r that is drawn if both ends are.
	links := func(r *schema.Record, add func(to string, kind relKind)) {
		for to, kind := range relationTargets(r) {
			if to == r.ID {
				continue
			}
			t := targets[to]
			if t == nil || !t.exists {
				continue
			}
			if kind == relCoordinatedBy && t.kind == schema.KindAgency {
				kind = relRunBy
			}
			add(to, kind)
		}
	}
	// The most connected bodies, ties by id, kept as they come: the
	// candidates are cut back to limit whenever they reach twice as many.
	type candidate struct {
		degree int
		rec    schema.Record
	}
	var chosen []candidate
	connected := 0
	byDegree := func(a, b candidate) int {
		if c := cmp.Compare(b.degree, a.degree); c != 0 {
			return c
		}
		return schema.CompareIDs(a.rec.ID, b.rec.ID)
	}
	cut := func() {
		slices.SortFunc(chosen, byDegree)
		clear(chosen[min(limit, len(chosen)):])
		chosen = chosen[:min(limit, len(chosen))]
	}
	for _, r := range records.All() {
		degree := 0
		links(r, func(string, relKind) { degree++ })
		if t := targets[r.ID]; t != nil {
			degree += t.in
		}
		if degree == 0 {
			continue
		}
		connected++
		chosen = append(chosen, candidate{degree, *r})
		if len(chosen) >= 2*max(limit, 1) {
			cut()
		}
	}
	cut()
	if connected > limit {
		pic.omitted = connected - limit
	}
	slices.SortFunc(chosen, func(a, b candidate) int { return schema.CompareIDs(a.rec.ID, b.rec.ID) })
	boxOf := make(map[string]int, len(chosen))
	for i := range chosen {
		r := &chosen[i].rec
		boxOf[r.ID] = len(pic.boxes)
		title := r.Name
		if r.Acronym != "" && r.Acronym != r.Name {
			title += " (" + r.Acronym + ")"
		}
		pic.boxes = append(pic.boxes, box{id: r.ID, label: boxLabel(r), title: title, href: "id/" + r.ID + ".html", kind: r.Kind})
	}
	seen := map[arrow]bool{}
	for i := range chosen {
		a := boxOf[chosen[i].rec.ID]
		links(&chosen[i].rec, func(to string, kind relKind) {
			if b, ok := boxOf[to]; ok && !seen[arrow{a, b, kind}] {
				seen[arrow{a, b, kind}] = true
				pic.arrows = append(pic.arrows, arrow{a, b, kind})
			}
		})
	}
	pic.layout()
	return pic
}

// relationTargets yields the ids r's relations point at, with the
// relation (a parent is coordinated-by until its kind says run-by), in
// the order the picture takes them.
func relationTargets(r *schema.Record) iter.Seq2[string, relKind] {
	return func(yield func(string, relKind) bool) {
		if r.Parent != "" && !yield(r.Parent, relCoordinatedBy) {
			return
		}
		for _, id := range r.MemberOf {
			if !yield(id, relMemberOf) {
				return
			}
		}
		for _, id := range r.PartnerOf {
			if !yield(id, relPartnerOf) {
				return
			}
		}
		if r.Successor != "" {
			yield(r.Successor, relSucceededBy)
		}
	}
}

// boxLabel is what a body's box says: its acronym, else its name, cut.
func boxLabel(r *schema.Record) string {
	label := r.Name
	if r.Acronym != "" && utf8.RuneCountInString(r.Acronym) <= labelRunes {
		label = r.Acronym
	}
	if utf8.RuneCountInString(label) > labelRunes {
		runes := []rune(label)
		label = strings.TrimSpace(string(runes[:labelRunes-1])) + "…"
	}
	return label
}

// textWidth is the width a label is drawn with (its textLength).
func textWidth(s string) float64 { return float64(utf8.RuneCountInString(s)) * charWidth }

// layout gives each box its layer and position.
func (p *picture) layout() {
	styles := relStyles()
	up := make([][]int, len(p.boxes)) // the boxes each box points up to
	for _, a := range p.arrows {
		if styles[a.kind].upward {
			up[a.from] = append(up[a.from], a.to)
		}
	}
	// A body's layer is the longest upward chain above it; a relation
	// that closes a cycle is not followed.
	const unseen, visiting = -1, -2
	layer := make([]int, len(p.boxes))
	for i := range layer {
		layer[i] = unseen
	}
	var depth func(i int) int
	depth = func(i int) int {
		switch layer[i] {
		case visiting:
			return -1
		case unseen:
		default:
			return layer[i]
		}
		layer[i] = visiting
		d := 0
		for _, j := range up[i] {
			if dj := depth(j); dj >= 0 {
				d = max(d, dj+1)
			}
		}
		layer[i] = d
		return d
	}
	layers := 0
	for i := range p.boxes {
		p.boxes[i].layer = depth(i)
		layers = max(layers, p.boxes[i].layer+1)
	}
	for i := range p.boxes {
		p.boxes[i].w = textWidth(p.boxes[i].label) + 2*boxPadding
		p.boxes[i].h = boxHeight
	}
	// Order each layer by the mean position of the boxes it points up
	// to, so arrows cross less; the top layer by id.
	rank := make([]float64, len(p.boxes))
	y := float64(margin)
	width := 0.0
	type row struct {
		boxes []int
		width float64
	}
	var rows []row
	for l := range layers {
		var members []int
		for i := range p.boxes {
			if p.boxes[i].layer == l {
				members = append(members, i)
			}
		}
		key := func(i int) float64 {
			sum, n := 0.0, 0
			for _, j := range up[i] {
				if p.boxes[j].layer < l {
					sum += rank[j]
					n++
				}
			}
			if n == 0 {
				return -1
			}
			return sum / float64(n)
		}
		slices.SortStableFunc(members, func(a, b int) int { return cmp.Compare(key(a), key(b)) })
		// Wrap the layer into rows no wider than maxWidth.
		var cur row
		flush := func() {
			if len(cur.boxes) > 0 {
				rows = append(rows, cur)
				width = max(width, cur.width)
			}
			cur = row{}
		}
		for _, i := range members {
			w := p.boxes[i].w
			if len(cur.boxes) > 0 && cur.width+boxGap+w > maxWidth {
				flush()
			}
			if len(cur.boxes) > 0 {
				cur.width += boxGap
			}
			cur.width += w
			cur.boxes = append(cur.boxes, i)
		}
		flush()
		for k, i := range members {
			rank[i] = float64(k)
		}
	}
	width = max(width, legendWidth())
	lastLayer := -1
	for _, r := range rows {
		l := p.boxes[r.boxes[0]].layer
		switch {
		case lastLayer == -1:
		case l != lastLayer:
			y += boxHeight + layerGap
		default:
			y += boxHeight + wrapGap
		}
		lastLayer = l
		x := margin + (width-r.width)/2
		for _, i := range r.boxes {
			p.boxes[i].x, p.boxes[i].y = x, y
			x += p.boxes[i].w + boxGap
		}
	}
	if len(rows) > 0 {
		y += boxHeight
	}
	p.legendY = y + 40
	p.width = width + 2*margin
	p.height = p.legendY + legendHeight() + margin
}

// legend items: the relations, then the kinds of body.
type legendItem struct {
	label string
	rel   relKind // relKinds for a kind of body
	fill  string
}

func legendItems() []legendItem {
	var items []legendItem
	for k, s := range relStyles() {
		items = append(items, legendItem{label: s.legend, rel: relKind(k)})
	}
	fills := kindFills()
	for _, k := range schema.Kinds() {
		items = append(items, legendItem{label: string(k), rel: relKinds, fill: fills[k]})
	}
	return items
}

// legendLine is the length of a relation's sample line in the legend.
const legendLine = 40

func legendItemWidth(it legendItem) float64 {
	return legendLine + 8 + textWidth(it.label)
}

// The legend is laid out in rows of at most legendPerRow items.
const legendPerRow = 5

func legendWidth() float64 {
	items := legendItems()
	w := 0.0
	for start := 0; start < len(items); start += legendPerRow {
		rw := 0.0
		for _, it := range items[start:min(start+legendPerRow, len(items))] {
			rw += legendItemWidth(it) + boxGap
		}
		w = max(w, rw-boxGap)
	}
	return w
}

func legendHeight() float64 {
	rows := (len(legendItems()) + legendPerRow - 1) / legendPerRow
	return 20 + float64(rows)*26
}

// svgText escapes s for XML text and attribute values.
func svgText(s string) string { return html.EscapeString(s) }

func num(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.1f", f), "0"), ".")
}

// writeSVG writes the picture. standalone says it is the file
// relations.svg rather than the copy inside the landing page.
func (p *picture) writeSVG(b *bytes.Buffer, standalone bool) error {
	styles := relStyles()
	fills := kindFills()
	if standalone {
		b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	}
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s" aria-labelledby="relations-title" aria-describedby="relations-desc" font-family="sans-serif" font-size="%d">`+"\n",
		num(p.width), num(p.height), num(p.width), num(p.height), fontSize)
	fmt.Fprintf(b, "<title id=\"relations-title\">%s</title>\n", svgText("Relations between the bodies of "+p.title))
	fmt.Fprintf(b, "<desc id=\"relations-desc\">%s</desc>\n", svgText(p.description(standalone)))
	b.WriteString("<defs>\n")
	for _, s := range styles {
		fmt.Fprintf(b, `<marker id="arrow-%s" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="%s"/></marker>`+"\n", s.id, s.colour)
	}
	b.WriteString("</defs>\n")
	fmt.Fprintf(b, "<rect x=\"0\" y=\"0\" width=\"%s\" height=\"%s\" fill=\"#ffffff\"/>\n", num(p.width), num(p.height))
	if len(p.boxes) == 0 {
		fmt.Fprintf(b, "<text x=\"%d\" y=\"%d\" fill=\"%s\">No relations between the bodies yet.</text>\n", margin, margin+fontSize, textColour)
	}
	b.WriteString("<g class=\"arrows\" fill=\"none\" stroke-width=\"1.6\">\n")
	ends := p.anchors()
	for k, a := range p.arrows {
		s := styles[a.kind]
		from, to := p.boxes[a.from], p.boxes[a.to]
		fmt.Fprintf(b, "<path d=\"%s\" stroke=\"%s\"", p.route(a, ends[k][0], ends[k][1]), s.colour)
		if s.dash != "" {
			fmt.Fprintf(b, " stroke-dasharray=\"%s\"", s.dash)
		}
		fmt.Fprintf(b, " marker-end=\"url(#arrow-%s)\"><title>%s</title></path>\n", s.id, svgText(from.label+" "+s.verb+" "+to.label))
	}
	b.WriteString("</g>\n<g class=\"bodies\">\n")
	for _, bx := range p.boxes {
		fill := fills[bx.kind]
		if fill == "" {
			fill = "#ffffff"
		}
		fmt.Fprintf(b, "<a href=\"%s\"><title>%s</title>", svgText(bx.href), svgText(bx.title))
		fmt.Fprintf(b, "<rect class=\"node\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" rx=\"4\" fill=\"%s\" stroke=\"%s\"/>",
			num(bx.x), num(bx.y), num(bx.w), num(bx.h), fill, textColour)
		fmt.Fprintf(b, "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\" textLength=\"%s\" lengthAdjust=\"spacingAndGlyphs\" fill=\"%s\">%s</text></a>\n",
			num(bx.x+bx.w/2), num(bx.y+18), num(textWidth(bx.label)), textColour, svgText(bx.label))
	}
	b.WriteString("</g>\n")
	p.writeLegend(b)
	b.WriteString("</svg>\n")
	return nil
}

// description is the picture's text alternative in brief; the landing
// page lists every relation in words below it.
func (p *picture) description(standalone bool) string {
	var s strings.Builder
	fmt.Fprintf(&s, "%d bodies and %d relations between them. Arrows point from a body to the body that runs or coordinates it, that it is a member or partner of, or that succeeded it; the legend gives each relation's colour and line pattern. Each box links to the body's page.", len(p.boxes), len(p.arrows))
	if p.omitted > 0 {
		fmt.Fprintf(&s, " %d less connected bodies are left out to keep the picture readable.", p.omitted)
	}
	if standalone {
		s.WriteString(" The landing page, index.html, lists every relation in words.")
	} else {
		s.WriteString(" The relations are listed in words below the picture.")
	}
	return s.String()
}

// Which side of a box an arrow leaves or enters.
const (
	sideTop    = 0
	sideBottom = 1
)

// sides returns the side of its source box arrow a leaves from and the
// side of its target box it enters: up from the top into the bottom, down
// from the bottom into the top, and over the row from top to top.
func (p *picture) sides(a arrow) (from, to int) {
	src, dst := p.boxes[a.from], p.boxes[a.to]
	switch {
	case dst.y+dst.h <= src.y:
		return sideTop, sideBottom
	case dst.y >= src.y+src.h:
		return sideBottom, sideTop
	}
	return sideTop, sideTop
}

// anchors spreads the ends of the arrows along the side of each box they
// meet, in the order of the boxes at their other ends, so arrows into one
// box do not share a point: ends[k] is the x where arrow k leaves its
// source and where it enters its target.
func (p *picture) anchors() [][2]float64 {
	type end struct {
		arrow, which int     // which: 0 the source end, 1 the target end
		other        float64 // the centre of the box at the other end
	}
	groups := map[[2]int][]end{} // (box, side) → the ends there
	for k, a := range p.arrows {
		fs, ts := p.sides(a)
		src, dst := p.boxes[a.from], p.boxes[a.to]
		groups[[2]int{a.from, fs}] = append(groups[[2]int{a.from, fs}], end{k, 0, dst.x + dst.w/2})
		groups[[2]int{a.to, ts}] = append(groups[[2]int{a.to, ts}], end{k, 1, src.x + src.w/2})
	}
	ends := make([][2]float64, len(p.arrows))
	for key, g := range groups {
		slices.SortStableFunc(g, func(x, y end) int {
			if c := cmp.Compare(x.other, y.other); c != 0 {
				return c
			}
			return cmp.Compare(x.arrow, y.arrow)
		})
		bx := p.boxes[key[0]]
		for i, e := range g {
			ends[e.arrow][e.which] = bx.x + bx.w*float64(i+1)/float64(len(g)+1)
		}
	}
	return ends
}

// route is the path of an arrow whose ends are at x fx and tx: from the
// source box's top (or bottom) to the target box's bottom (or top), a
// curve over the row when both are in one row.
func (p *picture) route(a arrow, fx, tx float64) string {
	from, to := p.boxes[a.from], p.boxes[a.to]
	switch {
	case to.y+to.h <= from.y: // target above
		fy, ty := from.y, to.y+to.h
		mid := (fy - ty) / 2
		return fmt.Sprintf("M%s,%s C%s,%s %s,%s %s,%s", num(fx), num(fy), num(fx), num(fy-mid), num(tx), num(ty+mid), num(tx), num(ty))
	case to.y >= from.y+from.h: // target below
		fy, ty := from.y+from.h, to.y
		mid := (ty - fy) / 2
		return fmt.Sprintf("M%s,%s C%s,%s %s,%s %s,%s", num(fx), num(fy), num(fx), num(fy+mid), num(tx), num(ty-mid), num(tx), num(ty))
	}
	// Same row: an arc above it, higher the farther apart the boxes.
	fy := from.y
	lift := 18 + min(40, abs(tx-fx)/8)
	return fmt.Sprintf("M%s,%s C%s,%s %s,%s %s,%s", num(fx), num(fy), num(fx), num(fy-lift), num(tx), num(fy-lift), num(tx), num(fy))
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// writeLegend writes the legend below the bodies: a sample line with its
// arrow for each relation, a swatch for each kind of body.
func (p *picture) writeLegend(b *bytes.Buffer) {
	styles := relStyles()
	items := legendItems()
	fmt.Fprintf(b, "<g class=\"legend\" fill=\"%s\">\n<text x=\"%d\" y=\"%s\" font-weight=\"bold\" textLength=\"%s\" lengthAdjust=\"spacingAndGlyphs\">Legend</text>\n",
		textColour, margin, num(p.legendY), num(textWidth("Legend")))
	for start := 0; start < len(items); start += legendPerRow {
		y := p.legendY + 20 + float64(start/legendPerRow)*26
		x := float64(margin)
		for _, it := range items[start:min(start+legendPerRow, len(items))] {
			if it.rel < relKinds {
				s := styles[it.rel]
				fmt.Fprintf(b, "<path d=\"M%s,%s h%d\" stroke=\"%s\" stroke-width=\"1.6\"", num(x), num(y), legendLine-4, s.colour)
				if s.dash != "" {
					fmt.Fprintf(b, " stroke-dasharray=\"%s\"", s.dash)
				}
				fmt.Fprintf(b, " marker-end=\"url(#arrow-%s)\"/>\n", s.id)
			} else {
				fmt.Fprintf(b, "<rect x=\"%s\" y=\"%s\" width=\"%d\" height=\"16\" rx=\"3\" fill=\"%s\" stroke=\"%s\"/>\n", num(x), num(y-8), legendLine, it.fill, textColour)
			}
			fmt.Fprintf(b, "<text x=\"%s\" y=\"%s\" textLength=\"%s\" lengthAdjust=\"spacingAndGlyphs\">%s</text>\n",
				num(x+legendLine+8), num(y+4.5), num(textWidth(it.label)), svgText(it.label))
			x += legendItemWidth(it) + boxGap
		}
	}
	b.WriteString("</g>\n")
}

// sentence is one relation of the picture in words, for the landing
// page's text alternative.
type sentence struct {
	From, Verb, To value
}

// sentences says every relation drawn, in the order of the boxes.
func (p *picture) sentences() []sentence {
	styles := relStyles()
	out := make([]sentence, 0, len(p.arrows))
	for _, a := range p.arrows {
		from, to := p.boxes[a.from], p.boxes[a.to]
		out = append(out, sentence{
			From: value{Text: from.title, Href: from.href},
			Verb: value{Text: styles[a.kind].verb},
			To:   value{Text: to.title, Href: to.href},
		})
	}
	slices.SortStableFunc(out, func(x, y sentence) int { return strings.Compare(x.From.Href, y.From.Href) })
	return out
}
