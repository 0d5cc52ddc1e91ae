package workbook

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"html"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

var update = flag.Bool("update", false, "rewrite golden files and regenerate fixtures")

// listing returns listing records as the listing reader gives them: each
// value with its line in listing.txt.
func listing() []schema.Record {
	members := 500
	recs := []schema.Record{
		{ID: "frontex", Kind: schema.KindAgency, Scope: schema.ScopeEU, Name: "European Agency for the Management of Operational Cooperation at the External Borders",
			Acronym: "Frontex", Description: "Frontex promotes, coordinates and develops European border management.", DescriptionLang: "en",
			Founded: "2004", Seat: "Warsaw, Poland", Section: "Actors & Agencies"},
		{ID: "elena", Kind: schema.KindNetwork, Scope: schema.ScopeEU, Name: "European Legal Network on Asylum", Acronym: "ELENA",
			AltNames: []string{"ELENA network", "Réseau juridique européen"}, Members: &members, Section: "EU-focused Networks"},
		{ID: "easo", Kind: schema.KindAgency, Scope: schema.ScopeEU, Name: "European Asylum Support Office", Acronym: "EASO", Section: "Actors & Agencies"},
		{ID: "fran", Kind: schema.KindNetwork, Scope: schema.ScopeEU, Name: "Frontex Risk Analysis Network", Acronym: "FRAN",
			PartnerOf: []string{"frontex"}, Section: "EU-focused Networks"},
	}
	for i := range recs {
		line := 10 * (i + 1)
		recs[i].Origin = schema.Position{File: "sources/listing.txt", Line: line}
		for _, f := range schema.Fields() {
			if len(recs[i].Values(f)) > 0 {
				line++
				recs[i].SetSource(f, schema.Position{File: "sources/listing.txt", Line: line})
			}
		}
	}
	return recs
}

// xbook is a hand-written XLSX package, for cells no spreadsheet program
// can be made to write on demand (a formula without a saved result, an
// error value, a dangling shared string).
type xbook struct {
	sheets   []xsheet
	sst      []string
	date1904 bool
	extra    map[string]string // more parts, or replacements, by name
	omit     []string          // parts to leave out
}

type xsheet struct {
	name  string
	state string // "", "hidden", "veryHidden"
	pre   string // XML before sheetData, e.g. <cols> hiding a column
	rows  []string
}

// The cell formats of xbook's styles part, by index.
const (
	sGeneral   = 0
	sDate14    = 1 // built-in m/d/yyyy
	sDateLO    = 2 // custom MM/DD/YYYY, as LibreOffice writes it
	sText      = 3 // "@"
	sDecimal   = 4 // custom 0.00
	sTimeOnly  = 5 // built-in h:mm
	sDateQuote = 6 // custom with a quoted "d" and no date token
)

const stylesXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="3"><numFmt numFmtId="164" formatCode="MM/DD/YYYY"/><numFmt numFmtId="165" formatCode="0.00"/><numFmt numFmtId="166" formatCode="0&quot; days&quot;"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="49"/><xf numFmtId="165"/><xf numFmtId="20"/><xf numFmtId="166"/></cellXfs>
</styleSheet>`

// row writes a <row> element.
func row(r int, cells ...string) string {
	return fmt.Sprintf(`<row r="%d">%s</row>`, r, strings.Join(cells, ""))
}

// str is an inline-string cell.
func str(ref, text string) string {
	return fmt.Sprintf(`<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, ref, html.EscapeString(text))
}

// num is a number cell with a style.
func num(ref, v string, style int) string {
	return fmt.Sprintf(`<c r="%s" s="%d"><v>%s</v></c>`, ref, style, v)
}

// headerRow is a header row of field names from column A.
func headerRow(r int, names ...string) string {
	var cells []string
	for i, n := range names {
		cells = append(cells, str(fmt.Sprintf("%s%d", schema.ColumnName(i+1), r), n))
	}
	return row(r, cells...)
}

func (b xbook) bytes(t testing.TB) []byte {
	t.Helper()
	parts := map[string]string{}
	var ctSheets, wbSheets, wbRels strings.Builder
	for i, s := range b.sheets {
		n := i + 1
		fmt.Fprintf(&ctSheets, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, n)
		state := ""
		if s.state != "" {
			state = fmt.Sprintf(` state="%s"`, s.state)
		}
		fmt.Fprintf(&wbSheets, `<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>`, html.EscapeString(s.name), n, state, n)
		fmt.Fprintf(&wbRels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, n, n)
		parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", n)] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` + s.pre + `<sheetData>` +
			strings.Join(s.rows, "") + `</sheetData></worksheet>`
	}
	fmt.Fprintf(&wbRels, `<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`)
	if b.sst != nil {
		fmt.Fprintf(&wbRels, `<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/>`)
		var sst strings.Builder
		fmt.Fprintf(&sst, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(b.sst), len(b.sst))
		for _, s := range b.sst {
			if strings.HasPrefix(s, "<") { // already markup: rich text
				sst.WriteString("<si>" + s + "</si>")
				continue
			}
			sst.WriteString(`<si><t xml:space="preserve">` + html.EscapeString(s) + `</t></si>`)
		}
		sst.WriteString("</sst>")
		parts["xl/sharedStrings.xml"] = sst.String()
	}
	date1904 := ""
	if b.date1904 {
		date1904 = ` date1904="1"`
	}
	parts["[Content_Types].xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` + ctSheets.String() + `</Types>`
	parts["_rels/.rels"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	parts["xl/workbook.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr` + date1904 + `/><sheets>` + wbSheets.String() + `</sheets></workbook>`
	parts["xl/_rels/workbook.xml.rels"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + wbRels.String() + `</Relationships>`
	parts["xl/styles.xml"] = stylesXML
	for name, body := range b.extra {
		parts[name] = body
	}
	for _, name := range b.omit {
		delete(parts, name)
	}
	return zipParts(t, parts)
}

// zipParts writes parts into a zip, in name order so the bytes are stable.
func zipParts(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range slices.Sorted(maps.Keys(parts)) {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(parts[n])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// writeFile writes data to dir/name and returns the path.
func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// dump renders patches and problems as text, for golden files and
// failure messages.
func dump(patches []schema.Patch, ps schema.Problems) string {
	var b strings.Builder
	for _, p := range patches {
		fmt.Fprintf(&b, "patch %s at %s\n", p.ID, p.Origin.Cell())
		for _, c := range p.Cells {
			if c.Clear {
				fmt.Fprintf(&b, "\t%s %s: (clear)\n", c.Pos.Cell(), c.Field)
				continue
			}
			if c.Invalid {
				fmt.Fprintf(&b, "\t%s %s: %q (invalid)\n", c.Pos.Cell(), c.Field, c.Value)
				continue
			}
			fmt.Fprintf(&b, "\t%s %s: %q\n", c.Pos.Cell(), c.Field, c.Value)
		}
	}
	for _, p := range ps {
		fmt.Fprintf(&b, "problem: %s\n", p)
	}
	return b.String()
}

// checkGolden compares got with the golden file at path, or rewrites it
// under -update.
func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	name := filepath.Base(path)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}
