package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bordernet/bordernet/schema"
)

// The files the generator writes into its output directory, named as the
// release's source finder expects them.
const (
	listingFile  = "listing.txt"
	workbookFile = "curation.xlsx"
	metadataFile = "dataset.json"
	recordsSheet = "Records"
)

// fixedDate stamps the workbook's document properties, so that the same
// seed gives the same bytes whatever dates excelize would otherwise write.
const fixedDate = "2026-01-01T00:00:00Z"

// options control one generation run.
type options struct {
	n       int     // listing entries
	seed    uint64  // same seed, same bytes
	curated float64 // share of listing records the workbook enriches
	wbOnly  float64 // records only in the workbook, per listing record
	keepIDs bool    // fill summary.expected (tests only: costs memory)
}

// form is how one listing entry is written, after the irregularities of the
// seed listing.
type form int

const (
	formTitleAcronym   form = iota // "Name (ACR)" + description
	formDescAcronym                // "Name" + "The ACR is …"
	formPlain                      // "Name" + description without acronym
	formAcronymNoDesc              // "Name (ACR)", no description
	formPlainNoDesc                // "Name", no description
	formMidAcronym                 // "Liaison Officers' (ACR) Network 12" + description
	formCommunityAcron             // "Name" + "… called the Name (ACR) that …"
)

// expected is what the generator expects the listing reader to make of one
// entry or workbook row: the candidate ids (one when the entry's id cannot
// be read two ways, none when the reader's transliteration decides it) and
// the acronym.
type expected struct {
	ids     []string
	acronym string
	line    int // 1-based line of the title; 0 for records only in the workbook
	// What the listing says of the entry; empty for records only in the
	// workbook, whose values are in their row.
	title, name, desc string
	section           string
}

// summary reports what a run wrote.
type summary struct {
	entries      int // listing entries
	withoutDesc  int // listing entries with no description
	enriched     int // workbook rows for listing records
	workbookOnly int // workbook rows for records not in the listing
	listingBytes int64
	// What the reader should find, when keepIDs: one per listing entry,
	// and one per record only in the workbook.
	expected, workbookExpected []expected
}

// section is a heading of the listing and the kind its entries get.
type section struct {
	heading   string
	blanks    int // blank lines before the heading, as in the seed
	agencies  bool
	fromEntry int // first entry index of the section
}

// sections splits n entries over the seed's three headings: half EU-focused
// networks, three tenths other networks, a fifth agencies.
func sections(n int) []section {
	return []section{
		{heading: "EU-focused Networks:", blanks: 2, fromEntry: 0},
		{heading: "Other Networks:", blanks: 1, fromEntry: n * 5 / 10},
		{heading: "Actors & Agencies", blanks: 2, agencies: true, fromEntry: n * 8 / 10},
	}
}

// generator holds the state of one run. Its random source is the only one
// used, so output depends on the seed alone.
type generator struct {
	opt       options
	rng       *rand.Rand
	serialLen int // letters of the serial part of every acronym

	// targets are ids known exactly (read one way only) of records already
	// written: relations point backwards to them, so parent and successor
	// chains cannot loop.
	targets []string
	// acronyms are acronyms of listing records already written, for
	// workbook-only inactive records that reuse one.
	acronyms []string
	// owed counts entries picked for curation whose id could be read two
	// ways; the next entries with exact ids are curated in their place, so
	// the workbook enriches opt.curated of the listing whatever the forms.
	owed int
	// prevNoDesc says the last entry written has no description.
	prevNoDesc bool

	sum summary
	sb  strings.Builder
}

func newGenerator(opt options) *generator {
	g := &generator{
		opt: opt,
		rng: rand.New(rand.NewPCG(opt.seed, opt.seed^0x9e3779b97f4a7c15)),
	}
	// Fixed width, so that initials + serial never collide: "NR"+"FBQ"
	// would equal "NRF"+"BQ" with variable widths.
	g.serialLen = 1
	for capacity := 26; capacity < opt.n+1; capacity *= 26 {
		g.serialLen++
	}
	return g
}

// generate writes the listing, the workbook and the metadata into dir.
func generate(dir string, opt options) (summary, error) {
	if opt.n < 1 {
		return summary{}, fmt.Errorf("synth: -n must be at least 1 (it is %d)", opt.n)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return summary{}, fmt.Errorf("synth: %w", err)
	}
	g := newGenerator(opt)

	lf, err := os.Create(filepath.Join(dir, listingFile))
	if err != nil {
		return summary{}, fmt.Errorf("synth: %w", err)
	}
	defer lf.Close()
	lw := bufio.NewWriterSize(lf, 1<<20)

	wb, err := newXLSXWriter()
	if err != nil {
		return summary{}, err
	}
	defer wb.file.Close()

	if err := g.run(lw, wb); err != nil {
		return summary{}, err
	}
	if err := lw.Flush(); err != nil {
		return summary{}, fmt.Errorf("synth: %s: %w", lf.Name(), err)
	}
	if err := lf.Close(); err != nil {
		return summary{}, fmt.Errorf("synth: %s: %w", lf.Name(), err)
	}
	if info, err := os.Stat(lf.Name()); err == nil {
		g.sum.listingBytes = info.Size()
	}
	if err := wb.save(filepath.Join(dir, workbookFile)); err != nil {
		return summary{}, err
	}
	if err := writeMetadata(filepath.Join(dir, metadataFile), opt.n); err != nil {
		return summary{}, err
	}
	return g.sum, nil
}

// run writes every entry to the listing and every curated row to the
// workbook, in one pass.
func (g *generator) run(lw *bufio.Writer, wb *xlsxWriter) error {
	line := 1
	// A bufio.Writer keeps its first error and returns it from Flush,
	// which generate checks.
	write := func(s string) {
		lw.WriteString(s)
		line += strings.Count(s, "\n")
	}
	write("Networks in the field of border and migration\n\n")
	write("The following listing (work in progress) seeks to capture networks and forums in the area of European border and migration cooperation. " +
		"In light of the varied degree of formalisation and flexible range of participants, a distinction is made between networks that are associated to the EU and other European networks. " +
		"Individual descriptions, in so far as available, are derived from the self-presentation of the respective networks (webpage) or official documents. Feedback is welcome!")

	secs := sections(g.opt.n)
	for si, sec := range secs {
		end := g.opt.n
		if si+1 < len(secs) {
			end = secs[si+1].fromEntry
		}
		if end == sec.fromEntry {
			continue // an empty section has no heading
		}
		write(strings.Repeat("\n", sec.blanks+1) + "\n" + sec.heading)
		for i := sec.fromEntry; i < end; i++ {
			e := g.entry(i, sec.agencies)
			write("\n\n")
			e.exp.line = line
			e.exp.section = strings.TrimSuffix(sec.heading, ":")
			write(e.title)
			if e.desc != "" {
				write("\n\n" + e.desc)
			}
			g.sum.entries++
			if e.desc == "" {
				g.sum.withoutDesc++
			}
			if g.opt.keepIDs {
				g.sum.expected = append(g.sum.expected, e.exp)
			}
			if err := g.curate(e, wb); err != nil {
				return err
			}
			if g.rng.Float64() < g.opt.wbOnly {
				if err := g.workbookOnly(wb); err != nil {
					return err
				}
			}
			if len(e.exp.ids) == 1 {
				g.targets = append(g.targets, e.exp.ids[0])
			}
			if e.form == formTitleAcronym || e.form == formAcronymNoDesc {
				g.acronyms = append(g.acronyms, e.acronym)
			}
		}
	}
	return nil
}

// entry is one generated listing entry.
type entry struct {
	form     form
	agencies bool
	serial   int
	name     string // as the reader should read it
	nameType string // the last word group of an English name, "" otherwise
	acronym  string
	title    string
	desc     string
	exp      expected
}

// entry makes the i-th listing entry.
func (g *generator) entry(i int, agencies bool) entry {
	e := entry{serial: i + 1, agencies: agencies}
	r := g.rng.IntN(100)
	switch {
	case r < 35:
		e.form = formTitleAcronym
	case r < 45:
		e.form = formDescAcronym
	case r < 78:
		e.form = formPlain
	case r < 82:
		e.form = formAcronymNoDesc
	case r < 86:
		e.form = formPlainNoDesc
	case r < 93:
		e.form = formMidAcronym
	default:
		e.form = formCommunityAcron
	}
	if agencies && e.form == formMidAcronym {
		e.form = formTitleAcronym
	}
	region := pick(g.rng, regions)
	topic := pick(g.rng, topics)
	// Names in the bodies' own languages are in sentence case, like
	// headings ("Other networks"); a reader tells them apart from headings
	// by the description under them, and from a description's continuation
	// by the entry before them having one (see TestListingReader). So they
	// always have a description and never follow an entry without one.
	foreign := e.form == formPlain && !g.prevNoDesc && g.rng.IntN(4) == 0
	serial := strconv.Itoa(e.serial)

	var words string // what the acronym's initials come from
	switch {
	case foreign:
		e.name = pick(g.rng, foreignNames) + " " + serial
	case e.form == formMidAcronym:
		role := pick(g.rng, []string{"Liaison Officers'", "Return Experts'", "Document Advisers'", "Border Commanders'", "Asylum Judges'"})
		e.nameType = pick(g.rng, []string{"Network", "Forum", "Group"})
		words = region + " " + role + " " + e.nameType
		e.acronym = g.acronymOf(words, i)
		e.name = region + " " + role + " " + e.nameType + " " + serial
		e.title = region + " " + role + " (" + e.acronym + ") " + e.nameType + " " + serial
	case agencies:
		pattern := pick(g.rng, agencyPatterns)
		words = fitID(region, serial, func(region string) string { return fmt.Sprintf(pattern, region, topic) })
		e.name = words + " " + serial
	default:
		e.nameType = pick(g.rng, networkTypes)
		words = fitID(region, serial, func(region string) string { return region + " " + topic + " " + e.nameType })
		e.name = words + " " + serial
	}
	if e.acronym == "" && e.form != formPlain && e.form != formPlainNoDesc {
		e.acronym = g.acronymOf(words, i)
	}
	if e.title == "" {
		e.title = e.name
		if e.form == formTitleAcronym || e.form == formAcronymNoDesc {
			e.title += " (" + e.acronym + ")"
		}
	}

	nameID := slug(e.name)
	switch e.form {
	case formTitleAcronym, formAcronymNoDesc, formMidAcronym:
		e.exp.ids = []string{strings.ToLower(e.acronym)}
	case formDescAcronym, formCommunityAcron:
		// Whether the reader finds an acronym that only the description
		// gives is its own affair; either id is unique.
		e.exp.ids = []string{strings.ToLower(e.acronym), nameID}
	default:
		if foreign {
			// How a slug spells "Réseau" or "Δίκτυο" is the reader's
			// choice (no candidate); the serial keeps it unique either way.
			e.exp.ids = nil
		} else {
			e.exp.ids = []string{nameID}
		}
	}
	e.exp.acronym = e.acronym
	e.exp.title, e.exp.name = e.title, e.name

	if e.form != formAcronymNoDesc && e.form != formPlainNoDesc {
		e.desc = g.description(e)
		e.exp.desc = e.desc
	}
	g.prevNoDesc = e.desc == ""
	return e
}

// acronymOf builds a unique acronym: the initials of words (at most four)
// then the entry's serial as fixed-width letters. Letters only, so that any
// reader takes it as an acronym and its id is just its lower case.
func (g *generator) acronymOf(words string, i int) string {
	var b []byte
	for w := range strings.FieldsFuncSeq(words, func(r rune) bool { return r == ' ' || r == '-' }) {
		if smallWords[strings.ToLower(w)] || len(b) == 4 {
			continue
		}
		if c := w[0]; c >= 'A' && c <= 'Z' {
			b = append(b, c)
		}
	}
	if len(b) < 2 {
		b = append(b, 'N')
	}
	return string(b) + letters(i, g.serialLen)
}

// letters writes i in base 26 with capital letters, zero-padded to width.
func letters(i, width int) string {
	b := make([]byte, width)
	for k := width - 1; k >= 0; k-- {
		b[k] = byte('A' + i%26)
		i /= 26
	}
	return string(b)
}

// description writes 200 to 800 characters of English in the listing's
// register: an opener naming the body, then body sentences.
func (g *generator) description(e entry) string {
	sb := &g.sb
	sb.Reset()
	subject := "The network"
	switch {
	case e.agencies:
		subject = "The agency"
	case e.nameType == "Forum":
		subject = "The forum"
	}
	switch {
	case e.acronym == "":
	case e.form == formTitleAcronym || e.form == formMidAcronym:
		if g.rng.IntN(2) == 0 {
			subject = "The " + e.acronym
		}
	case e.form == formDescAcronym:
		subject = "The " + e.acronym
	}
	count := 3 + g.rng.IntN(40)
	if e.form == formDescAcronym && g.rng.IntN(3) == 0 {
		// The seed's "EASO was established …" shape.
		fmt.Fprintf(sb, "%s was established in %d with the aim of enhancing practical cooperation between %s.",
			e.acronym, 1960+g.rng.IntN(60), pick(g.rng, participants))
	} else if e.form == formCommunityAcron {
		fmt.Fprintf(sb, "%s authorities have established a community called the %s (%s) that links the %s of individual European countries.",
			pick(g.rng, regions), e.name, e.acronym, pick(g.rng, participants))
	} else {
		fmt.Fprintf(sb, pick(g.rng, openers), subject, pick(g.rng, participants), count)
	}
	target := 200 + g.rng.IntN(601)
	order := g.rng.Perm(len(bodySentences))
	n := utf8.RuneCountInString(sb.String()) // kept up to date below, not recounted
	for _, k := range order {
		if n >= target {
			break
		}
		c1, c2 := pick(g.rng, countries), pick(g.rng, countries)
		s := bodySentences[k]
		if strings.Contains(s, "%") {
			// Every verb is indexed, so unused arguments are not reported.
			s = fmt.Sprintf(s, strings.ToLower(pick(g.rng, topics)), pick(g.rng, places), c1, c2, 20+g.rng.IntN(500), 1960+g.rng.IntN(60), 2+g.rng.IntN(4))
		}
		sn := utf8.RuneCountInString(s)
		if n+1+sn > 800 {
			continue
		}
		sb.WriteByte(' ')
		sb.WriteString(s)
		n += 1 + sn
	}
	d := sb.String()
	if g.rng.IntN(5) == 0 {
		// A non-breaking space where an ordinary one was, as the seed has.
		spaces := strings.Count(d, " ")
		k := g.rng.IntN(spaces)
		idx := 0
		for j := 0; j <= k; j++ {
			idx += strings.IndexByte(d[idx:], ' ') + 1
		}
		d = d[:idx-1] + "\u00a0" + d[idx:]
	}
	return d
}

// maxID is the longest id schema.IsSlug accepts.
const maxID = 80

// fitID returns name(region), or name("") when the former with serial
// would make an id longer than maxID: the longest regions, topics and
// kinds with a seven-digit serial do.
func fitID(region, serial string, name func(region string) string) string {
	if n := name(region); len(slug(n))+1+len(serial) <= maxID {
		return n
	}
	return strings.TrimSpace(name(""))
}

// slug makes the id of an ASCII name: lower-case letters and digits, runs
// of anything else as one hyphen. Only names of ASCII letters are given an
// exact expected id, so transliteration never matters here.
func slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(c)
			continue
		}
		if c == '\'' || c == '´' || c == '’' {
			continue // "Officers'" is "officers"
		}
		hyphen = true
	}
	return b.String()
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

// writeMetadata writes a dataset.json for the synthetic dataset, marshalled
// from schema.Metadata so it always has the fields the release reads.
func writeMetadata(path string, n int) error {
	m := schema.Metadata{
		Title:       fmt.Sprintf("bordernet synthetic benchmark dataset (%d listing records)", n),
		Description: "Synthetic networks, forums and agencies of European border and migration cooperation, generated by cmd/synth to measure the bordernet pipeline. Not real data.",
		Language:    "en",
		Publisher:   schema.Agent{Name: "bordernet project", IRI: "https://bordernet.example.org/"},
		Contact:     schema.Contact{Name: "bordernet maintainers", Email: "data@bordernet.example.org"},
		License:     "https://creativecommons.org/licenses/by/4.0/",
		BaseIRI:     "https://bordernet.example.org/",
		DownloadURL: "https://bordernet.example.org/releases/",
		Homepage:    "https://bordernet.example.org/",
		Keywords:    []string{"border management", "migration", "asylum", "networks", "synthetic"},
		Themes:      []string{"JUST"},
		Spatial:     []string{"http://publications.europa.eu/resource/authority/continent/EUROPE"},

		AccrualPeriodicity: "IRREG",
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("synth: %s: %w", path, err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return nil
}
