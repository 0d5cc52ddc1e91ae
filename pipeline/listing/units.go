package listing

import (
	"strings"
	"unicode"
)

// unit is one piece of a listing's structure: a short line (a section
// heading, an entry title or the listing title) or a paragraph of text
// (the intro, a description, a closing remark).
type unit struct {
	short  bool
	text   string // the short line without its marks, or the paragraph joined
	lines  []line // where it came from
	starts []int  // byte offset in text where each of lines starts
	blanks int    // blank lines before it
	marked bool   // marked as a heading: "# Heading", or underlined
}

func (u *unit) line() int { return u.lines[0].n }

// lineAt returns the file line that holds byte offset off of u.text.
func (u *unit) lineAt(off int) int {
	n := u.lines[0].n
	for k, s := range u.starts {
		if s <= off {
			n = u.lines[k].n
		}
	}
	return n
}

// units groups the lines after the listing title into units. Blank lines
// separate blocks; inside a block, a line is a short unit when it looks like
// a title and is not the middle of a wrapped sentence, so both "title, blank
// line, paragraph" and "title on the line above its paragraph" read alike,
// and a paragraph wrapped over several lines stays one paragraph.
func units(lines []line) []unit {
	var out []unit
	blanks := 0
	for i := 0; i < len(lines); {
		if lines[i].text == "" {
			blanks++
			i++
			continue
		}
		j := i
		for j < len(lines) && lines[j].text != "" {
			j++
		}
		first := len(out)
		out = splitBlock(out, lines[i:j])
		if first < len(out) {
			out[first].blanks = blanks
		}
		blanks = 0
		i = j
	}
	return out
}

func splitBlock(out []unit, block []line) []unit {
	var para *unit
	flush := func() {
		if para != nil {
			para.text, para.starts = joinLines(para.lines)
			out = append(out, *para)
			para = nil
		}
	}
	for j := 0; j < len(block); j++ {
		ln := block[j]
		t, marked := stripMarks(ln.text)
		marked = marked || ln.underlined
		canTitle := shortText(t) &&
			(len(block) == 1 || marked || strictTitle(t)) &&
			(j+1 == len(block) || !startsLowerWord(block[j+1].text))
		afterSentence := para != nil && endsSentence(para.lines[len(para.lines)-1].text)
		if para != nil && !(canTitle && afterSentence) {
			if afterSentence && leadName(ln.text).ok {
				// Paragraphs with no blank line between them: one that
				// leads with a name ("eu-LISA, the ..., is ...") starts here.
				flush()
				para = &unit{lines: []line{ln}}
				continue
			}
			para.lines = append(para.lines, ln)
			continue
		}
		if !canTitle {
			para = &unit{lines: []line{ln}}
			continue
		}
		flush()
		u := unit{short: true, text: t, lines: []line{ln}, marked: marked}
		// A title too long for one line ends with a word that cannot end it.
		for j+1 < len(block) && continuesTitle(u.text) && shortText(block[j+1].text) &&
			len(strings.Fields(u.text))+len(strings.Fields(block[j+1].text)) <= maxTitleWords {
			j++
			u.text += " " + block[j].text
			u.lines = append(u.lines, block[j])
		}
		out = append(out, u)
	}
	flush()
	return out
}

// joinLines joins the lines of a wrapped paragraph, with a space, or
// without one after a hyphen that splits a word ("cross-" + "border"), and
// returns where each line starts in the text.
func joinLines(lines []line) (string, []int) {
	var b strings.Builder
	starts := make([]int, len(lines))
	for k, ln := range lines {
		if k > 0 {
			prev := lines[k-1].text
			if !(strings.HasSuffix(prev, "-") && !strings.HasSuffix(prev, " -") && startsLowerWord(ln.text)) {
				b.WriteByte(' ')
			}
		}
		starts[k] = b.Len()
		b.WriteString(ln.text)
	}
	return b.String(), starts
}

// maxTitleWords bounds a title or heading: longer lines are text. The
// longest official names of the field (Frontex's, 20 words) fit.
const maxTitleWords = 30

// shortText reports whether a line can be a heading or an entry title: it
// has a letter, does not end like a sentence or a clause, is not an address
// and is not too long.
func shortText(t string) bool {
	if t == "" || !hasLetter(t) || endsSentence(t) || len(t) > 400 {
		return false
	}
	if r := lastRune(t); r == ',' || r == ';' {
		return false
	}
	// An address outside brackets makes a remark ("Write to ...@..."); in
	// brackets it is a title's web address.
	if out := outsideBrackets(t); strings.Contains(out, "@") || strings.Contains(out, "://") || strings.Contains(out, "www.") {
		return false
	}
	return len(strings.Fields(t)) <= maxTitleWords
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
