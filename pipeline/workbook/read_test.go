package workbook

import (
	"strings"
	"testing"
)

// records is a one-sheet workbook whose sheet is named Records.
func records(rows ...string) xbook {
	return xbook{sheets: []xsheet{{name: "Records", rows: rows}}}
}

// hdr is the header most cases use: A id, B name, C website, D founded,
// E members, F status.
var hdr = headerRow(1, "id", "name", "website", "founded", "members", "status")

// TestReadCells reads workbooks holding cells as curators and their
// spreadsheets really leave them, and checks every patch value and every
// problem, with its cell.
func TestReadCells(t *testing.T) {
	cases := []struct {
		name  string
		xbook xbook
		want  string
	}{
		{
			name: "numbers stored as numbers and as text",
			xbook: records(hdr,
				row(2, str("A2", "frontex"), num("D2", "2004", sGeneral), num("E2", "500.0", sGeneral)),
				row(3, num("A3", "123", sGeneral), str("D3", "2004-10"), str("E3", "42")),
				row(4, str("A4", "easo"), num("D4", "2004", sDecimal), num("E4", "1.5E+3", sGeneral)),
			),
			want: `patch frontex at A2
	D2 founded: "2004"
	E2 members: "500"
patch 123 at A3
	D3 founded: "2004-10"
	E3 members: "42"
patch easo at A4
	D4 founded: "2004"
	E4 members: "1500"
`,
		},
		{
			name: "serial dates in date formats",
			xbook: records(hdr,
				row(2, str("A2", "builtin"), num("D2", "38286", sDate14)),
				row(3, str("A3", "libreoffice"), num("D3", "38286", sDateLO)),
				row(4, str("A4", "with-time"), num("D4", "38286.75", sDate14)),
				row(5, str("A5", "time-only"), num("D5", "38286", sTimeOnly)),
				row(6, str("A6", "quoted-d"), num("D6", "38286", sDateQuote)),
				row(7, str("A7", "in-text-format"), num("D7", "38286", sText)),
				row(8, str("A8", "zero"), num("D8", "0", sDate14)),
			),
			want: `patch builtin at A2
	D2 founded: "2004-10-26"
patch libreoffice at A3
	D3 founded: "2004-10-26"
patch with-time at A4
	D4 founded: "2004-10-26"
patch time-only at A5
	D5 founded: "38286" (invalid)
patch quoted-d at A6
	D6 founded: "38286" (invalid)
patch in-text-format at A7
	D7 founded: "38286" (invalid)
patch zero at A8
	D8 founded: "0" (invalid)
problem: a.xlsx Records!D5: time-only: founded: "38286" is not a date: write dates as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2004-10-26
problem: a.xlsx Records!D6: quoted-d: founded: "38286" is not a date: write dates as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2004-10-26
problem: a.xlsx Records!D7: in-text-format: founded: "38286" is not a date: write dates as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2004-10-26
problem: a.xlsx Records!D8: zero: founded: "0" is not a date: write dates as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2004-10-26
`,
		},
		{
			name: "1904 date system",
			xbook: xbook{date1904: true, sheets: []xsheet{{name: "Records", rows: []string{hdr,
				row(2, str("A2", "frontex"), num("D2", "36824", sDate14)),
			}}}},
			want: `patch frontex at A2
	D2 founded: "2004-10-26"
`,
		},
		{
			name: "text dates",
			xbook: records(hdr,
				row(2, str("A2", "year"), str("D2", "2004")),
				row(3, str("A3", "month"), str("D3", "2004-10")),
				row(4, str("A4", "day"), str("D4", "2004-10-26")),
				row(5, str("A5", "european"), str("D5", "26/10/2004")),
				row(6, str("A6", "no-such-month"), str("D6", "2004-13")),
			),
			want: `patch year at A2
	D2 founded: "2004"
patch month at A3
	D3 founded: "2004-10"
patch day at A4
	D4 founded: "2004-10-26"
patch european at A5
	D5 founded: "26/10/2004" (invalid)
patch no-such-month at A6
	D6 founded: "2004-13" (invalid)
problem: a.xlsx Records!D5: european: founded: "26/10/2004" is not a date: write dates as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2004-10-26
problem: a.xlsx Records!D6: no-such-month: founded: "2004-13" is not a date: write dates as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2004-10-26
`,
		},
		{
			name: "formulas use the saved result",
			xbook: records(hdr,
				row(2, str("A2", "frontex"), `<c r="B2" t="str"><f>"Fron"&amp;"tex"</f><v>Frontex</v></c>`, `<c r="D2"><f>2000+4</f><v>2004</v></c>`),
				row(3, str("A3", "easo"), `<c r="B3" t="str"><f>A2</f></c>`, `<c r="E3" t="e"><f>1/0</f><v>#DIV/0!</v></c>`),
				row(4, `<c r="A4" t="str"><f>LOWER("ELENA")</f><v>elena</v></c>`, `<c r="D4"><f>YEAR(TODAY())</f></c>`),
			),
			want: `patch frontex at A2
	B2 name: "Frontex"
	D2 founded: "2004"
patch easo at A3
patch elena at A4
problem: a.xlsx Records!B3: easo: name: the formula has no saved result: recalculate and save in your spreadsheet (Ctrl+Shift+F9, then save), or type the value instead of a formula
problem: a.xlsx Records!E3: easo: members: the cell holds the spreadsheet error #DIV/0!: fix the formula or type the value
problem: a.xlsx Records!D4: elena: founded: the formula has no saved result: recalculate and save in your spreadsheet (Ctrl+Shift+F9, then save), or type the value instead of a formula
`,
		},
		{
			// openpyxl and other libraries write a formula with an empty
			// <v>: never calculated, not an empty value. A text formula
			// whose result is the empty string is empty.
			name: "formulas with an empty saved result",
			xbook: records(hdr,
				row(2, str("A2", "frontex"), `<c r="D2"><f>DATE(2004,10,26)</f><v></v></c>`, `<c r="E2"><f>1+1</f><v/></c>`),
				row(3, str("A3", "easo"), `<c r="B3" t="str"><f>IF(1,"","x")</f><v></v></c>`),
			),
			want: `patch frontex at A2
patch easo at A3
problem: a.xlsx Records!D2: frontex: founded: the formula has no saved result: recalculate and save in your spreadsheet (Ctrl+Shift+F9, then save), or type the value instead of a formula
problem: a.xlsx Records!E2: frontex: members: the formula has no saved result: recalculate and save in your spreadsheet (Ctrl+Shift+F9, then save), or type the value instead of a formula
`,
		},
		{
			name: "a Wikidata URL is read as its id",
			xbook: records(headerRow(1, "id", "wikidata"),
				row(2, str("A2", "frontex"), str("B2", "https://www.wikidata.org/wiki/Q1003036")),
				row(3, str("A3", "easo"), str("B3", "http://www.wikidata.org/entity/Q1136006")),
				row(4, str("A4", "elena"), str("B4", "https://example.org/Q1")),
			),
			want: `patch frontex at A2
	B2 wikidata: "Q1003036"
patch easo at A3
	B3 wikidata: "Q1136006"
patch elena at A4
	B4 wikidata: "https://example.org/Q1"
`,
		},
		{
			name: "spaces, non-breaking and zero-width, are trimmed",
			xbook: records(hdr,
				row(2, str("A2", "\u00a0frontex\u00a0"), str("B2", " \tEuropean Border and Coast Guard Agency\u00a0\u200b"), str("C2", "\ufeffhttps://frontex.europa.eu ")),
				row(3, str("A3", "\u00a0"), str("B3", " \u00a0 ")),
				row(4, str("A4", "elena"), str("B4", "Réseau\u00a0juridique")),
			),
			want: `patch frontex at A2
	B2 name: "European Border and Coast Guard Agency"
	C2 website: "https://frontex.europa.eu"
patch elena at A4
	B4 name: "Réseau\u00a0juridique"
`,
		},
		{
			name: "empty rows are skipped",
			xbook: records(hdr,
				row(2),
				row(3, `<c r="A3" s="3"/>`, str("B3", "")),
				row(5, str("A5", "frontex"), str("B5", "Frontex")),
				row(9, str("A9", "elena"), str("B9", "ELENA")),
				row(10, `<c r="A10" t="s"/>`),
			),
			want: `patch frontex at A5
	B5 name: "Frontex"
patch elena at A9
	B9 name: "ELENA"
`,
		},
		{
			name: "hidden columns and rows are read",
			xbook: xbook{sheets: []xsheet{{name: "Records",
				pre: `<cols><col min="3" max="3" width="0" hidden="1" customWidth="1"/></cols>`,
				rows: []string{hdr,
					row(2, str("A2", "frontex"), str("C2", "https://frontex.europa.eu")),
					`<row r="3" hidden="1">` + str("A3", "elena") + str("C3", "https://elena.example.org") + `</row>`,
				}}}},
			want: `patch frontex at A2
	C2 website: "https://frontex.europa.eu"
patch elena at A3
	C3 website: "https://elena.example.org"
`,
		},
		{
			name: "several sheets, none named Records",
			xbook: xbook{sheets: []xsheet{
				{name: "Notes", rows: []string{row(1, str("A1", "Work in progress"))}},
				{name: "Hidden", state: "hidden", rows: []string{headerRow(1, "id", "name"), row(2, str("A2", "hidden"))}},
				{name: "Old", rows: []string{headerRow(1, "id", "name"), row(2, str("A2", "frontex"), str("B2", "Frontex"))}},
				{name: "Current", rows: []string{headerRow(1, "id", "name"), row(2, str("A2", "easo"))}},
			}},
			want: `patch frontex at A2
	B2 name: "Frontex"
problem: a.xlsx Old row 1: warning: read sheet "Old", the first with an id column; sheet "Current" also has one and is ignored: name the records sheet Records to choose
`,
		},
		{
			name: "the sheet named Records wins, whatever its place and case",
			xbook: xbook{sheets: []xsheet{
				{name: "Sheet1", rows: []string{headerRow(1, "id", "name"), row(2, str("A2", "frontex"))}},
				{name: "RECORDS", rows: []string{headerRow(1, "id", "name"), row(2, str("A2", "easo"), str("B2", "EASO"))}},
			}},
			want: `patch easo at A2
	B2 name: "EASO"
`,
		},
		{
			name: "headers match whatever their case, spacing and order",
			xbook: records(
				row(1, str("A1", "Name"), str("B1", " ID "), str("C1", "Alt names"), str("D1", "SOURCE URL"), str("E1", "eu-corporate-body"), str("F1", "Notes"), str("G1", "Coordinating body")),
				row(2, str("A2", "Frontex"), str("B2", "frontex"), str("C2", "FRONTEX | Frontex agency"), str("D2", "https://a.example | https://b.example"), str("E2", "FRONTEX"), str("F2", "check later"), str("G2", "-")),
			),
			want: `patch frontex at B2
	A2 name: "Frontex"
	C2 alt_names: "FRONTEX | Frontex agency"
	D2 source_urls: "https://a.example | https://b.example"
	E2 eu_corporate_body: "FRONTEX"
	G2 parent: (clear)
problem: a.xlsx Records!F1: warning: unknown column "Notes" is ignored; the columns are the field names: id, kind, scope, name, acronym, alt_names, description, description_lang, website, founded, dissolved, status, successor, parent, member_of, partner_of, members, seat, legal_basis, wikidata, eu_corporate_body, source_urls
`,
		},
		{
			name:  "the header is the first non-empty row",
			xbook: records(row(2), row(3, str("A3", "id"), str("B3", "name")), row(4, str("A4", "frontex"), str("B4", "Frontex"))),
			want: `patch frontex at A4
	B4 name: "Frontex"
`,
		},
		{
			name: "a field given twice",
			xbook: records(
				row(1, str("A1", "id"), str("B1", "website"), str("C1", "URL")),
				row(2, str("A2", "frontex"), str("B2", "https://frontex.europa.eu"), str("C2", "https://other.example")),
			),
			want: `patch frontex at A2
	B2 website: "https://frontex.europa.eu"
problem: a.xlsx Records!C1: website: column "URL" is a second website column (the first is B1): keep one and delete or rename the other
`,
		},
		{
			name: "values under no header",
			xbook: records(headerRow(1, "id", "name"),
				row(2, str("A2", "frontex"), str("D2", "stray")),
				row(3, str("A3", "easo"), str("D3", "stray too")),
			),
			want: `patch frontex at A2
patch easo at A3
problem: a.xlsx Records!D2: warning: column D has values but no header; its values are ignored
`,
		},
		{
			name:  "no id column",
			xbook: records(headerRow(1, "name", "website"), row(2, str("A2", "Frontex"))),
			want: `problem: a.xlsx Records row 1: id: the header row has no id column: every record row needs its id (the template's first column)
`,
		},
		{
			name:  "no id column in any sheet",
			xbook: xbook{sheets: []xsheet{{name: "Sheet1", rows: []string{headerRow(1, "name")}}, {name: "Sheet2"}}},
			want: `problem: a.xlsx Sheet1 row 1: id: no sheet has an id column: name the records sheet Records and give it a header row with an id column (the template has one)
`,
		},
		{
			name:  "empty records sheet",
			xbook: records(),
			want: `problem: a.xlsx Records row 1: id: sheet "Records" is empty: it needs a header row with an id column (the template has one)
`,
		},
		{
			name: "rows without an id, and ids used twice",
			xbook: records(hdr,
				row(2, str("A2", "frontex"), str("B2", "Frontex")),
				row(3, str("B3", "A body without id")),
				row(4, str("A4", "frontex"), str("B4", "Frontex again")),
				row(5, str("A5", "-"), str("B5", "Cleared id")),
				row(6, str("A6", "frontex")),
			),
			want: `patch frontex at A2
	B2 name: "Frontex"
problem: a.xlsx Records!A3: id: row has values but no id: give the record's id, or delete the row
problem: a.xlsx Records!A4: frontex: id: id "frontex" is on rows 2 and 4: give each record one row (this row is ignored)
problem: a.xlsx Records!A5: id: an id cannot be cleared: ids are never removed; set status to inactive instead
problem: a.xlsx Records!A6: frontex: id: id "frontex" is on rows 2 and 6: give each record one row (this row is ignored)
`,
		},
		{
			name: "the clear marker",
			xbook: records(hdr,
				row(2, str("A2", "frontex"), str("C2", "-"), str("D2", " - "), str("F2", "--")),
			),
			want: `patch frontex at A2
	C2 website: (clear)
	D2 founded: (clear)
	F2 status: "--"
`,
		},
		{
			name: "shared strings: rich text, phonetic guides, escapes",
			xbook: xbook{
				sst: []string{"id", "name", "frontex", `<r><t>Fron</t></r><r><rPr><b/></rPr><t xml:space="preserve">tex </t></r><rPh sb="0" eb="1"><t>ふろん</t></rPh>`, "_x005F_x0041_ and _x0041_", "elena"},
				sheets: []xsheet{{name: "Records", rows: []string{
					row(1, `<c r="A1" t="s"><v>0</v></c>`, `<c r="B1" t="s"><v>1</v></c>`),
					row(2, `<c r="A2" t="s"><v>2</v></c>`, `<c r="B2" t="s"><v>3</v></c>`),
					row(3, `<c r="A3" t="s"><v>5</v></c>`, `<c r="B3" t="s"><v>4</v></c>`),
					row(4, `<c r="A4" t="s"><v>5</v></c>`, `<c r="B4" t="s"><v>99</v></c>`),
				}}},
			},
			want: `patch frontex at A2
	B2 name: "Frontex"
patch elena at A3
	B3 name: "_x0041_ and A"
problem: a.xlsx Records!A4: elena: id: id "elena" is on rows 3 and 4: give each record one row (this row is ignored)
problem: a.xlsx Records!B4: elena: name: the cell refers to a shared string that the workbook does not have: the file is damaged; save it again from a spreadsheet
`,
		},
		{
			name: "booleans and cells without references",
			xbook: records(hdr,
				`<row>`+`<c t="inlineStr"><is><t>frontex</t></is></c>`+`<c t="b"><v>1</v></c>`+`</row>`,
			),
			want: `patch frontex at A2
	B2 name: "TRUE"
`,
		},
		{
			name: "members that are not a whole number",
			xbook: records(hdr,
				row(2, str("A2", "elena"), str("E2", "about 500")),
				row(3, str("A3", "ecre"), num("E3", "12.5", sGeneral)),
				row(4, str("A4", "fran"), str("E4", "-3")),
			),
			want: `patch elena at A2
	E2 members: "about 500" (invalid)
patch ecre at A3
	E3 members: "12.5" (invalid)
patch fran at A4
	E4 members: "-3" (invalid)
problem: a.xlsx Records!E2: elena: members: "about 500" is not a number of members: write a whole number, e.g. 500
problem: a.xlsx Records!E3: ecre: members: "12.5" is not a number of members: write a whole number, e.g. 500
problem: a.xlsx Records!E4: fran: members: "-3" is not a number of members: write a whole number, e.g. 500
`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			writeFile(t, ".", "a.xlsx", tc.xbook.bytes(t))
			patches, ps, err := Read("a.xlsx", DefaultOptions())
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if got := dump(patches, ps); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
			for _, p := range patches {
				if p.Origin.File != "a.xlsx" || p.Origin.Sheet == "" {
					t.Errorf("patch %s origin %+v: want a cell of a.xlsx", p.ID, p.Origin)
				}
			}
		})
	}
}

func TestHeaderField(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   string
	}{
		{"id", "id"}, {"ID", "id"}, {" Id ", "id"}, {"Alt names", "alt_names"}, {"ALT_NAMES", "alt_names"},
		{" alt-names ", "alt_names"}, {"AltNames", "alt_names"}, {"description lang", "description_lang"},
		{"source url", "source_urls"}, {"Sources", "source_urls"}, {"Website", "website"}, {"URL", "website"},
		{"web site", "website"}, {"EU corporate body", "eu_corporate_body"}, {"Wikidata ID", "wikidata"},
		{"Member of", "member_of"}, {"members", "members"}, {"Number of members", "members"},
		{"Coordinating body", "parent"}, {"Succeeded by", "successor"},
		{"Official name", "name"}, {"Full name", "name"}, {"Abbreviation", "acronym"}, {"Short name", "acronym"},
		{"Former names", "alt_names"}, {"Website URL", "website"}, {"Year founded", "founded"},
		{"Founding year", "founded"}, {"End date", "dissolved"}, {"Replaced by", "successor"},
		{"Run by", "parent"}, {"Operated by", "parent"}, {"Parent organisation", "parent"},
		{"Parent organization", "parent"}, {"Headquarters", "seat"}, {"HQ", "seat"}, {"Location", "seat"},
		{"Legal act", "legal_basis"}, {"References", "source_urls"},
		{"Notes", ""}, {"", ""}, {"member", ""}, {"name2", ""},
	} {
		f, ok := HeaderField(tc.header)
		if string(f) != tc.want || ok != (tc.want != "") {
			t.Errorf("HeaderField(%q) = %q, %v; want %q", tc.header, f, ok, tc.want)
		}
	}
}

func TestIsDateFormat(t *testing.T) {
	for _, tc := range []struct {
		code string
		want bool
	}{
		{"m/d/yyyy", true}, {"MM/DD/YY", true}, {"[$-409]mmmm d, yyyy;@", true}, {"yyyy-mm-dd", true},
		{"mmm-yy", true}, {"d-mmm", true}, {"[Red]dd/mm/yyyy", true}, {"yyyy\\-mm", true},
		{"General", false}, {"0.00", false}, {"@", false}, {"h:mm", false}, {"[h]:mm:ss", false}, {"mm:ss", false},
		{`0" days"`, false}, {`"day "0`, false}, {"#,##0;[Red]-#,##0", false}, {"0.00E+00", false}, {`\d0`, false},
	} {
		if got := isDateFormat(tc.code); got != tc.want {
			t.Errorf("isDateFormat(%q) = %v, want %v", tc.code, got, tc.want)
		}
	}
}

func TestParseColumn(t *testing.T) {
	for _, tc := range []struct {
		ref  string
		want int
	}{
		{"A1", 1}, {"Z9", 26}, {"AA10", 27}, {"ab12", 28}, {"XFD1048576", 16384},
		{"XFE1", 0}, {"AAAA1", 0}, {"1", 0}, {"A", 0}, {"", 0}, {"A1B", 0}, {"A-1", 0},
	} {
		got, ok := parseColumn(tc.ref)
		if ok != (tc.want != 0) || ok && got != tc.want {
			t.Errorf("parseColumn(%q) = %d, %v; want %d", tc.ref, got, ok, tc.want)
		}
	}
}

func TestFormatNumberAndClean(t *testing.T) {
	for in, want := range map[float64]string{2004: "2004", 1e15 - 1: "999999999999999", 0.5: "0.5", -3: "-3", 1e20: "100000000000000000000", 123456789012.25: "123456789012.25"} {
		if got := formatNumber(in); got != want {
			t.Errorf("formatNumber(%v) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"  x ": "x", "\u00a0x\u00a0": "x", "a_x000D_b": "a\rb", "_x005F_x0041_": "_x0041_", "_xZZZZ_": "_xZZZZ_", "_x00": "_x00",
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
	if strings.Contains(clean("\u200bx"), "\u200b") {
		t.Error("clean kept a zero-width space")
	}
}
