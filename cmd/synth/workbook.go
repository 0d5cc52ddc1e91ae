package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/bordernet/bordernet/schema"
	"github.com/xuri/excelize/v2"
)

// xlsxWriter streams the curator workbook: sheet Records, a header
// row of schema.Fields() names, then one row per curated record, every cell
// text.
type xlsxWriter struct {
	file   *excelize.File
	sw     *excelize.StreamWriter
	row    int
	column map[schema.Field]int // 0-based column of each field
	cells  []any                // reused row buffer; nil cells are left out
}

func newXLSXWriter() (*xlsxWriter, error) {
	f := excelize.NewFile()
	wrap := func(err error) (*xlsxWriter, error) {
		f.Close()
		return nil, fmt.Errorf("synth: workbook: %w", err)
	}
	if err := f.SetSheetName("Sheet1", recordsSheet); err != nil {
		return wrap(err)
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator:        "bordernet synth",
		LastModifiedBy: "bordernet synth",
		Title:          "bordernet synthetic curation",
		Created:        fixedDate,
		Modified:       fixedDate,
	}); err != nil {
		return wrap(err)
	}
	sw, err := f.NewStreamWriter(recordsSheet)
	if err != nil {
		return wrap(err)
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return wrap(err)
	}
	fields := schema.Fields()
	wb := &xlsxWriter{file: f, sw: sw, column: make(map[schema.Field]int, len(fields)), cells: make([]any, len(fields))}
	header := make([]any, len(fields))
	for i, fl := range fields {
		wb.column[fl] = i
		header[i] = string(fl)
	}
	if err := wb.emit(header); err != nil {
		f.Close()
		return nil, err
	}
	return wb, nil
}

// set puts a value in the pending row; an empty value leaves the cell out.
func (wb *xlsxWriter) set(f schema.Field, value string) {
	if value != "" {
		wb.cells[wb.column[f]] = value
	}
}

// setList puts a list in the pending row, joined as curators write it.
func (wb *xlsxWriter) setList(f schema.Field, values []string) {
	wb.set(f, strings.Join(values, schema.ListSeparator))
}

// flushRow writes the pending row and clears it.
func (wb *xlsxWriter) flushRow() error {
	err := wb.emit(wb.cells)
	clear(wb.cells)
	return err
}

func (wb *xlsxWriter) emit(cells []any) error {
	wb.row++
	if err := wb.sw.SetRow("A"+strconv.Itoa(wb.row), cells); err != nil {
		return fmt.Errorf("synth: workbook row %d: %w", wb.row, err)
	}
	return nil
}

// save finishes the sheet and writes the file.
func (wb *xlsxWriter) save(path string) error {
	if err := wb.sw.Flush(); err != nil {
		return fmt.Errorf("synth: %s: %w", path, err)
	}
	out, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	bw := bufio.NewWriterSize(out, 1<<20)
	if _, err := wb.file.WriteTo(bw); err != nil {
		out.Close()
		return fmt.Errorf("synth: %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		out.Close()
		return fmt.Errorf("synth: %s: %w", path, err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("synth: %s: %w", path, err)
	}
	return nil
}

// curate writes a workbook row enriching listing entry e, for about
// opt.curated of the entries; only entries whose id is known exactly are
// enriched.
func (g *generator) curate(e entry, wb *xlsxWriter) error {
	if g.rng.Float64() < g.opt.curated {
		g.owed++
	}
	if len(e.exp.ids) != 1 || g.owed == 0 {
		return nil
	}
	g.owed--
	id := e.exp.ids[0]
	wb.set(schema.FieldID, id)
	if e.nameType == "Forum" {
		// The curator corrects the kind the section gave.
		wb.set(schema.FieldKind, string(schema.KindForum))
	}
	if g.rng.IntN(100) < 70 {
		wb.set(schema.FieldWebsite, "https://www."+id+pick(g.rng, webDomains)+"/")
	}
	founded := ""
	if g.rng.IntN(100) < 60 {
		founded = g.date(1952, 2022)
		wb.set(schema.FieldFounded, founded)
	}
	switch r := g.rng.IntN(100); {
	case r < 8:
		wb.set(schema.FieldStatus, string(schema.StatusInactive))
		wb.set(schema.FieldDissolved, g.dissolved(founded))
	case r < 13 && len(g.targets) > 0:
		wb.set(schema.FieldStatus, string(schema.StatusSucceeded))
		wb.set(schema.FieldSuccessor, pick(g.rng, g.targets))
		if g.rng.IntN(2) == 0 {
			wb.set(schema.FieldDissolved, g.dissolved(founded))
		}
	}
	if g.rng.IntN(100) < 20 && len(g.targets) > 0 {
		wb.set(schema.FieldParent, pick(g.rng, g.targets))
	}
	if g.rng.IntN(100) < 10 && len(g.targets) > 0 {
		wb.setList(schema.FieldMemberOf, g.someTargets())
	}
	if g.rng.IntN(100) < 10 && len(g.targets) > 0 {
		wb.setList(schema.FieldPartnerOf, g.someTargets())
	}
	if g.rng.IntN(100) < 30 {
		wb.set(schema.FieldMembers, strconv.Itoa(3+g.rng.IntN(600)))
	}
	if g.rng.IntN(100) < 30 {
		wb.set(schema.FieldSeat, pick(g.rng, seats))
	}
	if g.rng.IntN(100) < 15 {
		wb.setList(schema.FieldAltNames, []string{pick(g.rng, foreignNames) + " " + strconv.Itoa(e.serial)})
	}
	if g.rng.IntN(100) < 30 {
		wb.set(schema.FieldWikidata, "Q"+strconv.Itoa(100000+g.rng.IntN(90_000_000)))
	}
	if e.agencies {
		if g.rng.IntN(100) < 30 {
			wb.set(schema.FieldLegalBasis, fmt.Sprintf("https://eur-lex.europa.eu/eli/reg/%d/%d/oj", 1990+g.rng.IntN(35), 1+g.rng.IntN(2500)))
		}
		if e.acronym != "" && g.rng.IntN(100) < 30 {
			wb.set(schema.FieldEUCorporateBody, e.acronym)
		}
	}
	wb.setList(schema.FieldSourceURLs, g.sources())
	g.sum.enriched++
	return wb.flushRow()
}

// workbookOnly writes a row for a record the listing does not have: a body
// that went away, inactive or succeeded, sometimes with the acronym of an
// active listing record (acronyms need be unique among active records
// only).
func (g *generator) workbookOnly(wb *xlsxWriter) error {
	serial := g.opt.n + g.sum.workbookOnly + 1
	region, topic := pick(g.rng, regions), pick(g.rng, topics)
	// No listing name starts with "Former", so the id is new.
	kind := pick(g.rng, networkTypes)
	name := fitID(region, strconv.Itoa(serial), func(region string) string {
		return strings.Join(strings.Fields("Former "+region+" "+topic+" "+kind), " ")
	}) + " " + strconv.Itoa(serial)
	id := slug(name)
	kinds, scopes := schema.Kinds(), schema.Scopes()
	wb.set(schema.FieldID, id)
	wb.set(schema.FieldKind, string(pick(g.rng, kinds)))
	wb.set(schema.FieldScope, string(pick(g.rng, scopes)))
	wb.set(schema.FieldName, name)
	acronym := ""
	if len(g.acronyms) > 0 && g.rng.IntN(2) == 0 {
		acronym = pick(g.rng, g.acronyms)
		wb.set(schema.FieldAcronym, acronym)
	}
	if g.rng.IntN(100) < 30 {
		d := pick(g.rng, foreignDescriptions)
		wb.set(schema.FieldDescription, d.text)
		wb.set(schema.FieldDescriptionLang, d.lang)
	} else {
		wb.set(schema.FieldDescription, g.description(entry{name: name, nameType: "Network"}))
		wb.set(schema.FieldDescriptionLang, "en")
	}
	founded := g.date(1952, 2015)
	wb.set(schema.FieldFounded, founded)
	if len(g.targets) > 0 && g.rng.IntN(100) < 40 {
		wb.set(schema.FieldStatus, string(schema.StatusSucceeded))
		wb.set(schema.FieldSuccessor, pick(g.rng, g.targets))
	} else {
		wb.set(schema.FieldStatus, string(schema.StatusInactive))
	}
	wb.set(schema.FieldDissolved, g.dissolved(founded))
	wb.setList(schema.FieldSourceURLs, g.sources())
	g.sum.workbookOnly++
	if g.opt.keepIDs {
		g.sum.workbookExpected = append(g.sum.workbookExpected, expected{ids: []string{id}, acronym: acronym})
	}
	g.targets = append(g.targets, id)
	return wb.flushRow()
}

// date is a founding date between the years from and to, as a year, a
// year-month or a full date.
func (g *generator) date(from, to int) string {
	y := from + g.rng.IntN(to-from+1)
	switch g.rng.IntN(4) {
	case 0:
		return fmt.Sprintf("%d-%02d", y, 1+g.rng.IntN(12))
	case 1:
		return fmt.Sprintf("%d-%02d-%02d", y, 1+g.rng.IntN(12), 1+g.rng.IntN(28))
	}
	return strconv.Itoa(y)
}

// dissolved is a year after the founding year (if any), at latest 2025.
func (g *generator) dissolved(founded string) string {
	from := 1990
	if founded != "" {
		y, _ := strconv.Atoi(founded[:4])
		from = y + 1
	}
	return strconv.Itoa(from + g.rng.IntN(2025-from+1))
}

// someTargets picks one or two distinct earlier ids.
func (g *generator) someTargets() []string {
	a := pick(g.rng, g.targets)
	if b := pick(g.rng, g.targets); b != a && g.rng.IntN(2) == 0 {
		return []string{a, b}
	}
	return []string{a}
}

// sources picks one or two distinct source pages.
func (g *generator) sources() []string {
	a := pick(g.rng, sourcePages)
	if b := pick(g.rng, sourcePages); b != a && g.rng.IntN(2) == 0 {
		return []string{a, b}
	}
	return []string{a}
}
