package listing

import (
	"errors"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bordernet/bordernet/internal/regular"
	"github.com/bordernet/bordernet/schema"
)

// Read reads a listing from r; file is the name used in positions and errors.
// Records come in listing order, each with Origin (its title line, or first line
// of an untitled paragraph), Section (heading as written, minus trailing colon,
// whitespace normalised), and SetSource for every field it fills (name, acronym,
// description, description_lang, kind, scope, alt_names...).
// Problems are data problems found while reading (warnings: a paragraph that
// cannot be attached to an entry, a section without entries, ...); an entry
// with no description is left to schema.Validator, which warns about it at the
// entry's title line.
// error is for input that is not a listing at all: empty file, binary (NUL bytes),
// invalid UTF-8 (with line), a line over 1 MiB, read failures: a *ParseError
// wrapping ErrEmpty, ErrBinary, ErrInvalidUTF8, ErrLineTooLong or the reader's
// error.
func Read(r io.Reader, file string) ([]schema.Record, schema.Problems, error) {
	return read(r, file, defaultOptions())
}

func read(r io.Reader, file string, o options) ([]schema.Record, schema.Problems, error) {
	pt := readPart(r, file, true)
	if pt.err != nil {
		return nil, nil, pt.err
	}
	if len(pt.lines) == 0 {
		return nil, nil, &ParseError{File: file, Err: ErrEmpty}
	}
	ps := pt.ps
	// The first line with text is the listing's title.
	p := &parser{file: file, ps: &ps, opts: o, units: units(pt.lines[1:], pt.chunks)}
	recs := p.parse(pt.lines[0].n)
	ps.Sort()
	return recs, ps, nil
}

// ReadFile reads the listing at path; see Read. Positions name the file as
// path, with forward slashes. A directory or a missing file is an error
// naming it.
func ReadFile(path string) ([]schema.Record, schema.Problems, error) {
	return readFile(path, 0)
}

// ReadFileRoom is ReadFile with room for room more records after the
// listing's in the returned slice, for a caller that appends records to
// them (merge.Apply appends those only in workbooks). Without it, appending
// a few records to a million copies them all into a new slice while the old
// one is still live: a gigabyte more at the peak. Room not used is never
// touched and takes no memory.
func ReadFileRoom(path string, room int) ([]schema.Record, schema.Problems, error) {
	return readFile(path, max(room, 0))
}

func readFile(path string, room int) ([]schema.Record, schema.Problems, error) {
	f, name, err := openListing(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	o := defaultOptions()
	o.room = room
	if err == nil && info.Mode().IsRegular() && o.workers > 1 && info.Size() >= 2*o.minPart {
		return readSplit(f, info.Size(), name, o)
	}
	return read(f, name, o)
}

// openListing opens the listing at path, and returns it and its name in
// positions: path with forward slashes. The error is a *ParseError naming
// it.
func openListing(path string) (*os.File, string, error) {
	name := filepath.ToSlash(path)
	// A FIFO, a device or a socket is refused at once: reading one would
	// wait for a writer, or never end.
	f, err := regular.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is in the ParseError already
		}
		if info, serr := os.Stat(path); serr == nil && info.IsDir() {
			err = ErrDirectory
		}
		return nil, name, &ParseError{File: name, Err: err}
	}
	return f, name, nil
}

// section is a heading and what it says about the entries under it.
type section struct {
	text    string
	line    int
	kinds   []schema.Kind // kinds the heading names, in order
	scope   schema.Scope
	entries int
}

// entry is one record being read: from a title line and the paragraphs
// after it, or from a paragraph that leads with the name.
type entry struct {
	origin   int // title line, or first line of an untitled paragraph
	untitled bool
	title    string     // the title line
	read     *titleInfo // what the title or the leading name says; nil until needed
	desc     []*unit
	desc1    [1]*unit // room for desc's first, the usual all: no allocation
	descFrom int      // where the description starts in desc[0].text: after "Name: "
	sec      *section
}

type parser struct {
	file string
	ps   *schema.Problems
	opts options
	// units are the units read now: every one of the listing (Read), or
	// a window of them (Stream). Unit i of the listing is units[i-base].
	units []unit
	base  int
	n     int    // the listing's units
	leads []bool // per unit of units: a paragraph that leads with a name (see leadName)
	// heading is per unit of units: a section heading.
	heading []bool
	// closingFrom is the first unit with nothing but paragraphs that lead
	// with no name after it: from it on, a paragraph may be a closing remark.
	closingFrom  int
	firstHeading int // the first section heading; -1 if there is none
	modal        int // the usual number of blank lines between units
	intro        bool
	sec          *section
	last         *entry // the last entry of the current section
	entries      []*entry
	read         int     // entries read, those let go included
	block        []entry // where new entries are made, a thousand at a time
}

// newEntry returns a new entry, zero but for its room for a description.
// Entries are made in blocks, and stay where they are made.
func (p *parser) newEntry() *entry {
	if len(p.block) == cap(p.block) {
		p.block = make([]entry, 0, 1024)
	}
	p.block = p.block[:len(p.block)+1]
	e := &p.block[len(p.block)-1]
	e.desc = e.desc1[:0]
	return e
}

func (p *parser) pos(line int) schema.Position { return schema.Position{File: p.file, Line: line} }

// parse reads the units after the listing's title, on line titleLine,
// into records.
func (p *parser) parse(titleLine int) []schema.Record {
	p.prepare()
	for i := range p.units {
		p.step(i)
	}
	p.finish(titleLine)
	// Each entry makes its record on its own; problems go to the worker's
	// list, all sorted in the end (see recordMaker). An entry is let go
	// once its record is made: memory is at its fullest now, and a block
	// of entries (see newEntry) whose records are all made can be
	// collected while the other records are being made.
	p.block, p.last = nil, nil
	recs := make([]schema.Record, len(p.entries), len(p.entries)+p.opts.room)
	makers := make([]recordMaker, p.opts.workers)
	p.records(recs, makers)
	for i := range makers {
		*p.ps = append(*p.ps, makers[i].ps...)
	}
	return recs
}

// records makes the records of the first len(recs) entries into recs,
// zero records, and lets the entries go; makers has one maker per worker.
func (p *parser) records(recs []schema.Record, makers []recordMaker) {
	p.opts.inParallel(len(recs), func(w, from, to int) {
		for i := from; i < to; i++ {
			p.record(&recs[i], p.entries[i], &makers[w])
			p.entries[i] = nil
		}
	})
}

// step reads unit i: a section heading, an entry's title or a paragraph,
// or, before the first heading or entry, a part of the intro.
func (p *parser) step(i int) {
	u := p.unit(i)
	heading := p.heading[i-p.base]
	if p.intro && !heading {
		if !u.short {
			return
		}
		// A subtitle in sentence case ("Work in progress"), or a line
		// no paragraph follows before the first heading ("Version 3,
		// May 2024"): a listing has no such titles there.
		if sentenceLike(u.text) || i < p.firstHeading && !p.described(i) {
			p.ps.Warnf(schema.CodeIntroLine, p.pos(u.line()), "", "", "line %q is read as part of the intro, not as an entry", u.text)
			return
		}
	}
	p.intro = false
	switch {
	case heading:
		p.openSection(u)
	case u.short && p.awaitsDescription() && descriptionLike(u.text):
		// A description without a final full stop.
		p.paragraph(i)
	case u.short && p.closing(i) && i == p.n-1 && p.last != nil && len(p.last.desc) > 0 && sentenceLike(u.text):
		// A closing remark without punctuation ("Work in progress").
	case u.short:
		// The title is read into names when they are needed: most
		// entries need them only for their record, made later.
		e := p.newEntry()
		e.origin, e.sec, e.title = u.line(), p.sec, u.text
		p.add(e)
	default:
		p.paragraph(i)
	}
}

// finish ends the listing, whose title is on line titleLine, once every
// unit has been read.
func (p *parser) finish(titleLine int) {
	p.closeSection()
	if p.read == 0 {
		p.ps.Warnf(schema.CodeNoEntries, p.pos(titleLine), "", "", "the listing has no entries and gives no records: write each as a title line followed by a description paragraph; a text file that is not a listing does not belong in a source folder (notes can be *.md)")
	}
}

// prepare works out what each unit needs to know about the rest of the
// listing: whether it is a heading, whether a paragraph leads with a name,
// whether only closing text follows, and the usual spacing.
func (p *parser) prepare() {
	p.n = len(p.units)
	var spacing blankTally
	for i := 1; i < p.n; i++ {
		spacing.add(p.units[i].blanks)
	}
	p.modal = spacing.modal()
	p.heading, p.leads = make([]bool, p.n), make([]bool, p.n)
	p.classify(0, p.n)
	p.closingFrom = -1
	for i := p.n - 1; i >= 0; i-- {
		if p.units[i].short || p.leads[i] {
			p.closingFrom = i
			break
		}
	}
	p.firstHeading = slices.Index(p.heading, true)
	p.intro = true
}

// classify works out, for units from to to, whether a short one is a
// section heading and whether a paragraph leads with a name: each only
// reads the unit and the two after it, so ranges of them are worked out
// at once.
func (p *parser) classify(from, to int) {
	p.opts.inParallel(to-from, func(_, a, b int) {
		for i := from + a; i < from+b; i++ {
			if u := p.unit(i); u.short {
				p.heading[i-p.base] = p.isHeading(i)
			} else {
				p.leads[i-p.base] = leadName(u.text).ok
			}
		}
	})
}

// closing reports whether nothing but paragraphs that lead with no name
// follow unit i.
func (p *parser) closing(i int) bool { return i >= p.closingFrom }

// blankTally counts the blank lines before units, for modal.
type blankTally struct {
	small [16]int     // counts of the usual numbers
	big   map[int]int // counts of the others
}

func (t *blankTally) add(blanks int32) {
	if b := int(blanks); b >= 0 && b < len(t.small) {
		t.small[b]++
		return
	}
	if t.big == nil {
		t.big = map[int]int{}
	}
	t.big[int(blanks)]++
}

// merge adds the counts of u to t's.
func (t *blankTally) merge(u *blankTally) {
	for b, c := range u.small {
		t.small[b] += c
	}
	for b, c := range u.big {
		if t.big == nil {
			t.big = map[int]int{}
		}
		t.big[b] += c
	}
}

// modal returns the most common number of blank lines counted, the
// smallest of equally common ones; 1 when there are none.
func (t *blankTally) modal() int {
	count := func(b int) int {
		if b >= 0 && b < len(t.small) {
			return t.small[b]
		}
		return t.big[b]
	}
	modal := 1
	better := func(b, c int) {
		if c > count(modal) || c == count(modal) && b < modal {
			modal = b
		}
	}
	for b, c := range t.small {
		if c > 0 {
			better(b, c)
		}
	}
	for b, c := range t.big {
		better(b, c)
	}
	return modal
}

func (p *parser) openSection(u *unit) {
	p.closeSection()
	text := strings.TrimSpace(strings.TrimSuffix(u.text, ":"))
	p.sec = &section{text: text, line: u.line(), kinds: headingKinds(text), scope: headingScope(text)}
	p.last = nil
}

func (p *parser) closeSection() {
	if p.sec != nil && p.sec.entries == 0 {
		p.ps.Warnf(schema.CodeEmptySection, p.pos(p.sec.line), "", "", "section %q has no entries", p.sec.text)
	}
}

func (p *parser) add(e *entry) {
	p.entries = append(p.entries, e)
	p.read++
	p.last = e
	if p.sec != nil {
		p.sec.entries++
	}
}

// paragraph places paragraph i: the description of the entry above it, an
// entry of its own when it leads with a new name, a closing remark, more
// description, or, after a heading, text that belongs to no entry.
func (p *parser) paragraph(i int) {
	u := p.unit(i)
	last := p.last
	var lead leadInfo // the name the paragraph leads with; a short line leads with none
	if p.leads[i-p.base] {
		lead = leadName(u.text)
	}
	if p.awaitsDescription() && !(lead.ok && !last.related(lead, u.text)) {
		if !(p.closing(i) && closingRemark(u.text, false)) {
			p.addDescription(last, u)
		}
		return
	}
	if l := lead; l.ok && !last.same(l) {
		e := p.newEntry()
		e.origin, e.untitled, e.sec, e.desc, e.descFrom = u.line(), true, p.sec, append(e.desc, u), l.descFrom
		e.read = &titleInfo{name: l.name, acronym: l.acronym, altNames: l.altNames}
		p.add(e)
		return
	}
	if p.closing(i) && closingRemark(u.text, last != nil && i == p.n-1) {
		return
	}
	if last != nil {
		p.addDescription(last, u)
		return
	}
	where := "before the first entry"
	if p.sec != nil {
		where = "under " + strconv.Quote(p.sec.text) + " before its first entry"
	}
	p.ps.Warnf(schema.CodeOrphanParagraph, p.pos(u.line()), "", "", "paragraph %s belongs to no entry and is left out: give it a title line", where)
}

// addDescription adds paragraph u to e's description. A one-line
// paragraph that would be an entry title but for its length (a name with
// an acronym of thousands of letters) is said to have been read so, with
// a warning at its line: a title is never folded into another entry's
// description in silence.
func (p *parser) addDescription(e *entry, u *unit) {
	e.desc = append(e.desc, u)
	if len(u.lines) == 1 && len(u.text) > maxTitleBytes && hasLetter(u.text) && !endsSentence(u.text) &&
		fieldCount(u.text) <= maxTitleWords {
		p.ps.Warnf(schema.CodeTitleTooLong, p.pos(u.line()), "", "", "this line of %d characters is read as part of the description of the entry on line %d: it may be an entry title, but a title has at most %d characters (an acronym at most 40); shorten it if it is one",
			len(u.text), e.origin, maxTitleBytes)
	}
}

// described reports whether short unit i is followed by a paragraph that
// would be its description.
func (p *parser) described(i int) bool {
	next := p.unitAt(i + 1)
	return next != nil && !next.short && !(p.closing(i+1) && closingRemark(next.text, false))
}

// awaitsDescription reports whether the last entry read is a title with
// nothing under it yet.
func (p *parser) awaitsDescription() bool {
	return p.last != nil && !p.last.untitled && len(p.last.desc) == 0
}

// descriptionLike reports whether a short line reads as a phrase rather than
// a name: five significant words or more, most not capitalised.
func descriptionLike(t string) bool {
	n, caps, _ := sigStats(t)
	return n >= 5 && float64(caps)/float64(n) < 0.5 && !strings.Contains(t, "(")
}

// sentenceLike reports whether a short line is written in sentence case
// ("Work in progress"), as remarks are and names are not.
func sentenceLike(t string) bool {
	n, caps, _ := sigStats(t)
	return n >= 2 && float64(caps)/float64(n) <= 0.5 && !strings.Contains(t, "(")
}

// names returns what e's title says (name, acronym, alternative names,
// website), or its leading name. Most entries need it only once, for their
// record, and it is not kept: an entry is small without it, and a million
// entries stay in memory until the records are made.
func (e *entry) names() titleInfo {
	if e.read != nil {
		return *e.read
	}
	return titleParts(e.title)
}

// keptNames is names, kept for the next time: for the few entries that
// paragraphs leading with a name are compared with, perhaps many times.
func (e *entry) keptNames() *titleInfo {
	if e.read == nil {
		ti := titleParts(e.title)
		e.read = &ti
	}
	return e.read
}

// same reports whether a paragraph's leading name is e's own, so the
// paragraph continues e's description rather than starting an entry.
func (e *entry) same(l leadInfo) bool {
	if e == nil {
		return false
	}
	n := e.keptNames()
	for _, a := range []string{l.name, l.acronym} {
		if a == "" {
			continue
		}
		if strings.EqualFold(a, n.name) || strings.EqualFold(a, n.acronym) || Slug(a) == Slug(n.acronym) && n.acronym != "" {
			return true
		}
	}
	// "Frontex, the European Border and Coast Guard Agency, ..." under
	// "Frontex – European Border and Coast Guard Agency" whose description
	// has made "Frontex" its acronym (see namedIn) would be a second
	// "frontex".
	return n.short != "" && l.acronym == n.short && namedIn(n.short, e.desc)
}

// related reports whether paragraph text, which leads with name l, is
// about e: it names e ("..., known as the Khartoum Process, ..."), or l can
// be another name of e: the same name or acronym, an acronym that is a word
// of e's name or its initials ("EURINT, the European Integrated Approach
// ..." under "Eurint Network"), or a name sharing at least half of its
// significant words with e's. A paragraph after a title without
// description that leads with an unrelated name is an entry of its own.
func (e *entry) related(l leadInfo, text string) bool {
	n := e.keptNames()
	if e.same(l) || strings.Contains(strings.ToLower(text), strings.ToLower(n.name)) {
		return true
	}
	if n.acronym != "" && slices.ContainsFunc(strings.Fields(text), func(w string) bool { return bare(w) == n.acronym }) {
		return true
	}
	if l.acronym != "" {
		for _, w := range strings.Fields(n.name) {
			if strings.EqualFold(bare(w), l.acronym) {
				return true
			}
		}
		if initialsMatch(l.acronym, n.name) {
			return true
		}
	}
	mine := significant(strings.ToLower(n.name))
	theirs := significant(strings.ToLower(l.name))
	shared := 0
	for _, w := range theirs {
		if slices.Contains(mine, w) {
			shared++
		}
	}
	return shared > 0 && 2*shared >= min(len(mine), len(theirs))
}

// closingRemark reports whether a paragraph with nothing after it but more
// of the same is a closing remark rather than description: it exclaims or
// asks ("Feedback is welcome!", "Suggestions? Write to us."), which
// descriptions do not, gives an address, or, as the very last paragraph
// after a description (lastAfterDescription), is one short sentence.
func closingRemark(t string, lastAfterDescription bool) bool {
	if r := lastRune(t); r == '!' || r == '?' || strings.Contains(t, "! ") || strings.Contains(t, "? ") {
		return true
	}
	if strings.Contains(t, "@") || strings.Contains(t, "://") || strings.Contains(t, "www.") {
		return true
	}
	if !lastAfterDescription {
		return false
	}
	body := strings.TrimRight(t, ".!?… ")
	return fieldCount(t) <= 20 && !strings.Contains(body, ". ") && !strings.Contains(body, "! ") && !strings.Contains(body, "? ")
}

// isHeading decides whether short unit i is a section heading or an entry
// title. Each sign adds or takes away weight; two or more is a heading.
// The signs: a trailing colon or a heading mark; a group word in the plural
// at the end ("Other Networks", "Actors & Agencies") or anywhere; sentence
// case or capitals; more blank lines before it than usual; and what follows
// (a title line and then a paragraph is a heading's shape, a paragraph
// straight after is a title's). Against: an acronym in brackets, a body
// noun at the end ("... Network", "... Office"), many words, nothing after
// it.
func (p *parser) isHeading(i int) bool {
	score := p.headingScore(i)
	if u := p.unit(i); int(u.blanks) > p.modal && u.blanks >= 2 {
		score += spacingSign
	}
	return score >= 2
}

// spacingSign is what more blank lines before a short line than usual
// add to its weight as a heading: the only sign that needs the whole
// listing read (for the usual spacing) to be weighed.
const spacingSign = 0.5

// headingScore weighs the signs of short unit i being a heading, all but
// its spacing (see isHeading). Every sign weighs a multiple of a half, so
// the sums are exact.
func (p *parser) headingScore(i int) float64 {
	u := p.unit(i)
	t, acr := unbracket(strings.TrimSpace(strings.TrimSuffix(u.text, ":")))
	// One pass over the words: the last, the significant ones, and
	// whether any is a group word in the plural.
	var lw, first string
	nsig, caps, plural, bodyInside := 0, 0, false, false
	for f, k := nextField(t, 0); f != ""; f, k = nextField(t, k) {
		// A singular body noun before the last word ("European network of
		// return experts") names one body, as a title does.
		bodyInside = bodyInside || lw != "" && bodyNoun(lw)
		lw = f
		w := bare(f)
		plural = plural || groupPluralBare(w)
		if !isSignificant(w) {
			continue
		}
		if nsig == 0 {
			first = w
		}
		nsig++
		if capitalised(w) {
			caps++
		}
	}
	if lw == "" {
		return math.Inf(-1) // no word: no heading, whatever the spacing
	}
	score := 0.0
	if u.marked {
		score += 3
	}
	if lastRune(u.text) == ':' {
		score += 2.5
	}
	if acr {
		score -= 2
	}
	switch {
	case groupPlural(lw):
		score += 3
	case plural:
		score++
	}
	if bodyNoun(lw) && capitalised(bare(lw)) {
		score-- // "... Network"; but "Regional cooperation" is a heading's wording
	}
	if bodyInside && !plural {
		score--
	}
	switch {
	case nsig <= 2:
		score += 0.5
	case nsig >= 8:
		score--
	}
	if nsig >= 2 && capitalised(first) && caps < nsig {
		score++ // sentence case: "Other networks", "Regional cooperation"
	}
	if nsig >= 2 && upperOnly(t) {
		score += 1.5
	}
	next, next2 := p.unitAt(i+1), p.unitAt(i+2)
	switch {
	case next == nil:
		score -= 3
	case !next.short:
		score -= 1.5
	case next.marked || lastRune(next.text) == ':':
		score--
	case next2 != nil && !next2.short:
		score++
	}
	return score
}

// unbracket removes bracketed parts from t, and reports whether one of
// them was an acronym or short name ("(ELENA)", "(Frontex)"), the mark of
// an entry title; "(non-EU)" in a heading is not.
func unbracket(t string) (string, bool) {
	if strings.IndexByte(t, '(') < 0 {
		return collapse(t), false
	}
	var kept pieces
	acr := false
	for {
		i := strings.IndexByte(t, '(')
		if i < 0 {
			break
		}
		j := strings.IndexByte(t[i:], ')')
		if j < 0 {
			break
		}
		inner := strings.TrimSpace(t[i+1 : i+j])
		if r, _ := utf8.DecodeRuneInString(inner); capsToken(inner) || acronymLike(inner) && unicode.IsUpper(r) {
			acr = true
		}
		kept.add(t[:i])
		t = t[i+j+1:]
	}
	kept.add(t)
	return collapse(kept.String()), acr
}

// unit returns unit i of the listing, which must be among those read now.
func (p *parser) unit(i int) *unit { return &p.units[i-p.base] }

// unitAt returns unit i of the listing, or nil past its end; i must not
// be before the units read now.
func (p *parser) unitAt(i int) *unit {
	if k := i - p.base; k < len(p.units) {
		return &p.units[k]
	}
	return nil
}

// anyField reports whether f holds for a word of s.
func anyField(s string, f func(string) bool) bool {
	for w, i := nextField(s, 0); w != ""; w, i = nextField(s, i) {
		if f(w) {
			return true
		}
	}
	return false
}

// upperOnly reports whether strings.ToUpper(s) == s: s has no letter
// that upper case changes.
func upperOnly(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.ToUpper(r) != r {
			return false
		}
		i += size
	}
	return true
}

func allWords(words []string, f func(string) bool) bool {
	for _, w := range words {
		if !f(w) {
			return false
		}
	}
	return true
}

// headingKinds returns the kinds a heading's words name, in order, without
// repeats: "Actors & Agencies" → agency; "Networks and Forums" → network,
// forum.
func headingKinds(t string) []schema.Kind {
	var kinds []schema.Kind
	for w, i := nextField(t, 0); w != ""; w, i = nextField(t, i) {
		if k := kindOf(w); k != "" && !contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	return kinds
}

func contains(kinds []schema.Kind, k schema.Kind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// titleKind returns the kind a name's head noun says: the last kind word
// before the name's first preposition ("European *Agency* for the
// Management of ..."), else the last kind word at all; "" if none.
func titleKind(name string) schema.Kind {
	var head, any schema.Kind
	inHead := true
	for w, i := nextField(name, 0); w != ""; w, i = nextField(name, i) {
		if inHead && preposition(w) {
			inHead = false
		}
		if k := kindOf(w); k != "" {
			any = k
			if inHead {
				head = k
			}
		}
	}
	if head != "" {
		return head
	}
	return any
}

// headingScope reads a heading's scope: non-EU, wider, regional,
// international or intergovernmental bodies are other-european; a heading
// that names the EU is eu-focused; "other" or "European" without the EU is
// other-european; anything else is eu-focused.
func headingScope(t string) schema.Scope {
	words := strings.FieldsFunc(strings.ToLower(t), func(r rune) bool {
		return !('a' <= r && r <= 'z') && r < 0x80
	})
	var eu, other bool
	for i, w := range words {
		switch w {
		case "eu":
			if i > 0 && words[i-1] == "non" {
				return schema.ScopeEuropean
			}
			eu = true
		case "union":
			if i > 0 && words[i-1] == "european" {
				eu = true
			}
		case "wider", "regional", "international", "intergovernmental":
			return schema.ScopeEuropean
		case "other", "others", "european", "europe":
			other = true
		}
	}
	if !eu && other {
		return schema.ScopeEuropean
	}
	return schema.ScopeEU
}
