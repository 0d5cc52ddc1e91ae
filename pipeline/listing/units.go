package listing

import (
	"strings"
	"unicode"
)

// unit is one piece of a listing's structure: a short line (a section
// heading, an entry title or the listing title) or a paragraph of text
// (the intro, a description, a closing remark).
//
// A listing has a unit per line or so, all of them live until the records
// are made: the fields are ordered, and blanks is an int32 as a line's is,
// so that a unit takes 48 bytes rather than 64.
type unit struct {
	text   string // the short line without its marks, or the paragraph joined
	lines  []line // where it came from: a part of the listing's lines
	blanks int32  // blank lines before it
	short  bool
	marked bool // marked as a heading: "# Heading", or underlined
}

func (u *unit) line() int { return u.lines[0].n }

// lineAt returns the file line that holds byte offset off of u.text: the
// first line for a short unit, whose lines are not joined as a
// paragraph's are.
func (u *unit) lineAt(off int) int {
	n := u.lines[0].n
	if u.short {
		return n
	}
	start := 0 // where line k starts in the text, as joinLines joins
	for k := 1; k < len(u.lines); k++ {
		start += len(u.lines[k-1].text)
		if joinsWithSpace(u.lines[k-1].text, u.lines[k].text) {
			start++
		}
		if start <= off {
			n = u.lines[k].n
		}
	}
	return n
}

// units groups the lines after the listing title into units. Blank lines
// separate blocks; inside a block, a line is a short unit when it looks like
// a title and is not the middle of a wrapped sentence, so both "title, blank
// line, paragraph" and "title on the line above its paragraph" read alike,
// and a paragraph wrapped over several lines stays one paragraph. chunks is
// the text arena the lines are in.
func units(lines []line, chunks []string) []unit {
	// A block is a unit or more: room for one each, the usual case.
	blocks := 0
	for k := range lines {
		if k == 0 || lines[k].blanks > 0 {
			blocks++
		}
	}
	return appendUnits(make([]unit, 0, blocks), lines, chunks)
}

// appendUnits appends the units of lines to out. There are never more
// units than lines.
func appendUnits(out []unit, lines []line, chunks []string) []unit {
	for i := 0; i < len(lines); {
		j := i + 1
		for j < len(lines) && lines[j].blanks == 0 {
			j++
		}
		first := len(out)
		out = splitBlock(out, lines[i:j], chunks)
		if first < len(out) {
			out[first].blanks = lines[i].blanks
		}
		i = j
	}
	return out
}

// splitBlock appends the units of one block of lines to out. A unit's
// lines are a part of block, not a copy.
func splitBlock(out []unit, block []line, chunks []string) []unit {
	para := -1 // the first line of the paragraph being read, if one is
	flush := func(end int) {
		if para >= 0 {
			u := unit{lines: block[para:end:end]}
			u.text = joinLines(u.lines, chunks)
			out = append(out, u)
			para = -1
		}
	}
	for j := 0; j < len(block); j++ {
		ln := block[j]
		t, marked := stripMarks(ln.text)
		marked = marked || ln.underlined
		canTitle := shortText(t) &&
			(len(block) == 1 || marked || strictTitle(t)) &&
			(j+1 == len(block) || !startsLowerWord(block[j+1].text))
		afterSentence := para >= 0 && endsSentence(block[j-1].text)
		if para >= 0 && !(canTitle && afterSentence) {
			if afterSentence && leadName(ln.text).ok {
				// Paragraphs with no blank line between them: one that
				// leads with a name ("eu-LISA, the ..., is ...") starts here.
				flush(j)
				para = j
			}
			continue
		}
		if !canTitle {
			para = j
			continue
		}
		flush(j)
		u := unit{short: true, text: t, marked: marked}
		// A title too long for one line ends with a word that cannot end it.
		first := j
		for j+1 < len(block) && continuesTitle(u.text) && shortText(block[j+1].text) &&
			fieldCount(u.text)+fieldCount(block[j+1].text) <= maxTitleWords {
			j++
			u.text += " " + block[j].text
		}
		u.lines = block[first : j+1 : j+1]
		out = append(out, u)
	}
	flush(len(block))
	return out
}

// joinLines joins the lines of a wrapped paragraph, with a space, or
// without one after a hyphen that splits a word ("cross-" + "border").
// Lines joined with spaces are the paragraph as the text arena holds them
// already, each line followed by a space, so most paragraphs are a
// substring of the arena rather than a copy.
func joinLines(lines []line, chunks []string) string {
	if len(lines) == 1 {
		return lines[0].text
	}
	size := len(lines[0].text)
	adjacent := true
	for k := 1; k < len(lines); k++ {
		prev, ln := &lines[k-1], &lines[k]
		size += len(ln.text)
		if joinsWithSpace(prev.text, ln.text) {
			size++
		} else {
			adjacent = false
		}
		adjacent = adjacent && ln.chunk == prev.chunk && int(ln.off) == int(prev.off)+len(prev.text)+1
	}
	if adjacent {
		last := &lines[len(lines)-1]
		return chunks[lines[0].chunk][lines[0].off : int(last.off)+len(last.text)]
	}
	var b strings.Builder
	b.Grow(size)
	for k, ln := range lines {
		if k > 0 && joinsWithSpace(lines[k-1].text, ln.text) {
			b.WriteByte(' ')
		}
		b.WriteString(ln.text)
	}
	return b.String()
}

// joinsWithSpace reports whether a wrapped paragraph's line next goes on
// after line prev with a space, rather than right after a hyphen that splits
// a word.
func joinsWithSpace(prev, next string) bool {
	return !(strings.HasSuffix(prev, "-") && !strings.HasSuffix(prev, " -") && startsLowerWord(next))
}

// maxTitleWords bounds a title or heading: longer lines are text. The
// longest official names of the field (Frontex's, 20 words) fit.
const maxTitleWords = 30

// maxTitleBytes bounds a title or heading in bytes.
const maxTitleBytes = 400

// shortText reports whether a line can be a heading or an entry title: it
// has a letter, does not end like a sentence or a clause, is not an address
// and is not too long.
func shortText(t string) bool {
	if t == "" || !hasLetter(t) || endsSentence(t) || len(t) > maxTitleBytes {
		return false
	}
	if r := lastRune(t); r == ',' || r == ';' {
		return false
	}
	// An address outside brackets makes a remark ("Write to ...@..."); in
	// brackets it is a title's web address.
	// Each mark needs one of these bytes, which most titles lack.
	if strings.ContainsAny(t, "@:.") {
		if out := outsideBrackets(t); strings.Contains(out, "@") || strings.Contains(out, "://") || strings.Contains(out, "www.") {
			return false
		}
	}
	return fieldCount(t) <= maxTitleWords
}

// outsideBrackets returns t without its bracketed parts.
func outsideBrackets(t string) string {
	if !strings.Contains(t, "(") {
		return t
	}
	var b strings.Builder
	depth := 0
	for _, r := range t {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// strictTitle is the test for a line that shares its block with other
// lines: besides being short it must read as a name (mostly capitalised
// words, the last one capitalised or a closing bracket) or end with ":". A
// wrapped sentence's line seldom does.
func strictTitle(t string) bool {
	if lastRune(t) == ':' {
		return true
	}
	if capsRatio(t) < 0.6 || clause(t) {
		return false
	}
	f := strings.Fields(t)
	last := f[len(f)-1]
	return strings.HasSuffix(last, ")") || capitalised(bare(last))
}

// clause reports whether t has a comma followed by a lower-case word that
// is not a small word (", known as", ", is called"): a sentence, not a name
// ("Migration, Asylum, Refugees Regional Initiative").
func clause(t string) bool {
	for off := 0; ; {
		k := strings.Index(t[off:], ", ")
		if k < 0 {
			return false
		}
		off += k + 2
		next, _, _ := strings.Cut(t[off:], " ")
		if startsLowerWord(next) && !smallWord(next) {
			return true
		}
	}
}

// continuesTitle reports whether a title line breaks off mid-name: it ends
// with a small word ("of", "the"), a comma, "&", "/" or a hyphen.
func continuesTitle(t string) bool {
	switch lastRune(t) {
	case ',', '&', '/', '-', '–', '—':
		return true
	}
	f := strings.Fields(t)
	last := f[len(f)-1]
	return smallWord(last) && strings.ToLower(last) == last
}

// stripMarks removes what only marks a line's role: Markdown heading marks
// ("## Networks", which make it a heading), list bullets ("- ", "• ") and
// numbering ("1. ", "2) ").
func stripMarks(t string) (string, bool) {
	marked := false
	if strings.HasPrefix(t, "#") {
		s := strings.TrimLeft(t, "#")
		if s == "" || s[0] == ' ' {
			t, marked = strings.TrimSpace(s), true
		}
	}
	for _, b := range []string{"- ", "* ", "• ", "· ", "– ", "— ", "> "} {
		if strings.HasPrefix(t, b) {
			return strings.TrimSpace(t[len(b):]), marked
		}
	}
	// "1. ", "12) ", "IV. ", "b) ": numbering of headings and entries.
	num, after, ok := strings.Cut(t, " ")
	if ok && len(num) >= 2 && (num[len(num)-1] == '.' || num[len(num)-1] == ')') && after != "" {
		n := num[:len(num)-1]
		digits := strings.IndexFunc(n, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
		roman := strings.Trim(n, "IVX") == "" && n != ""
		letter := len(n) == 1 && num[len(num)-1] == ')' && unicode.IsLetter(rune(n[0]))
		if digits && len(n) <= 3 || roman && len(n) <= 5 || letter {
			return strings.TrimSpace(after), marked
		}
	}
	return t, marked
}
