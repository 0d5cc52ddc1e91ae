package workbook

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"testing"
)

// goodBytes is a small valid workbook to damage.
func goodBytes(t testing.TB) []byte {
	return records(hdr, row(2, str("A2", "frontex"), str("B2", "Frontex"))).bytes(t)
}

// bigSheet is a workbook whose sheet unzips to about n bytes of rows.
func bigSheet(t testing.TB, rows int) []byte {
	var b strings.Builder
	b.WriteString(hdr)
	for r := 2; r <= rows+1; r++ {
		b.WriteString(row(r, str("A"+itoa(r), "org-"+itoa(r)), str("B"+itoa(r), "A network with a long enough name to weigh something")))
	}
	return records(b.String()).bytes(t)
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestBadFiles: every file that is not a readable workbook gives an error
// of the right kind that names the file, and no patches.
func TestBadFiles(t *testing.T) {
	readFixture := func(name string) func(testing.TB) []byte {
		return func(t testing.TB) []byte {
			data, err := os.ReadFile(fixture(name))
			if err != nil {
				t.Fatal(err)
			}
			return data
		}
	}
	cases := []struct {
		name string
		data func(testing.TB) []byte
		opt  Options
		kind error
		msg  string
	}{
		{"csv renamed", func(testing.TB) []byte { return []byte("id,name\nfrontex,Frontex\n") }, Options{},
			ErrNotWorkbook, "bad.xlsx: not an XLSX workbook: it is a text file (CSV or plain text renamed .xlsx?); save it as .xlsx (Excel Workbook) from a spreadsheet"},
		{"empty", func(testing.TB) []byte { return nil }, Options{},
			ErrNotWorkbook, "bad.xlsx: not an XLSX workbook: the file is empty"},
		{"pdf", func(testing.TB) []byte { return []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n") }, Options{},
			ErrNotWorkbook, "bad.xlsx: not an XLSX workbook: it is a PDF file"},
		{"html", func(testing.TB) []byte {
			return []byte("<html><body><table><tr><td>id</td></tr></table></body></html>")
		}, Options{},
			ErrNotWorkbook, "bad.xlsx: not an XLSX workbook: it looks like an HTML or XML file"},
		{"binary", func(testing.TB) []byte { return []byte{0, 1, 2, 3, 4, 5, 6, 7, 8} }, Options{},
			ErrNotWorkbook, "bad.xlsx: not an XLSX workbook: it is neither a zip package nor text"},
		{"old xls", readFixture(xlsFixture), Options{},
			ErrOldExcel, "bad.xlsx: old Excel 97-2003 .xls format; open it in a spreadsheet and save it as .xlsx (Excel Workbook)"},
		{"encrypted", readFixture(encryptedFixture), Options{},
			ErrEncrypted, "bad.xlsx: password-protected workbook; save a copy without a password (File, Save As, no password) and read that"},
		{"ole2 garbage", func(testing.TB) []byte { return append([]byte(oleMagic), make([]byte, 600)...) }, Options{},
			ErrNotWorkbook, "bad.xlsx: not an XLSX workbook: an OLE2 file that cannot be read"},
		{"truncated to half", func(t testing.TB) []byte { d := goodBytes(t); return d[:len(d)/2] }, Options{},
			ErrDamaged, "bad.xlsx: damaged or truncated XLSX file (zip: not a valid zip file); save it again from a spreadsheet"},
		{"last bytes cut", func(t testing.TB) []byte { d := goodBytes(t); return d[:len(d)-5] }, Options{},
			ErrDamaged, "bad.xlsx: damaged or truncated XLSX file"},
		{"part data corrupted", func(t testing.TB) []byte {
			d := goodBytes(t)
			// Flip bytes of the sheet's compressed data, leaving every
			// zip header intact: inflating or the checksum fails.
			name := []byte("xl/worksheets/sheet1.xml")
			i := bytes.Index(d, name) + len(name)
			for j := i + 8; j < i+24; j++ {
				d[j] ^= 0xff
			}
			return d
		}, Options{}, ErrDamaged, "bad.xlsx: damaged or truncated XLSX file: part xl/worksheets/sheet1.xml: "},
		{"zip without workbook", func(t testing.TB) []byte { return zipParts(t, map[string]string{"word/document.xml": "<w/>"}) }, Options{},
			ErrNotWorkbook, "bad.xlsx: not an XLSX workbook: it is a zip file without a workbook part (xl/workbook.xml)"},
		{"opendocument", func(t testing.TB) []byte {
			return zipParts(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<office/>"})
		}, Options{}, ErrNotWorkbook, "bad.xlsx: not an XLSX workbook: it looks like an OpenDocument file (.ods); save it as .xlsx (Excel Workbook)"},
		{"broken sheet xml", func(t testing.TB) []byte {
			return records(hdr, `<row r="2"><c r="A2" t="inlineStr"><is><t>x</is></c></row>`).bytes(t)
		}, Options{},
			ErrDamaged, "bad.xlsx: damaged or truncated XLSX file: sheet part xl/worksheets/sheet1.xml: end tag </is> closes <t>"},
		{"bad cell reference", func(t testing.TB) []byte { return records(hdr, `<row r="2"><c r="2A"><v>1</v></c></row>`).bytes(t) }, Options{},
			ErrDamaged, `bad.xlsx: damaged or truncated XLSX file: sheet part xl/worksheets/sheet1.xml: bad cell reference "2A"`},
		{"bad row number", func(t testing.TB) []byte { return records(`<row r="0"></row>`).bytes(t) }, Options{},
			ErrDamaged, `bad.xlsx: damaged or truncated XLSX file: sheet part xl/worksheets/sheet1.xml: bad row number "0"`},
		{"missing sheet part", func(t testing.TB) []byte {
			b := records(hdr)
			b.omit = []string{"xl/workbook.xml"}
			return b.bytes(t)
		}, Options{}, ErrNotWorkbook, "bad.xlsx: not an XLSX workbook: it is a zip file without a workbook part (xl/workbook.xml)"},
		{"file larger than allowed", goodBytes, Options{MaxFileSize: 100},
			ErrTooLarge, "bad.xlsx: workbook too large: "},
		{"zip bomb", func(t testing.TB) []byte { return bigSheet(t, 20000) }, Options{MaxUnzipSize: 1 << 20},
			ErrTooLarge, "bad.xlsx: workbook too large: part xl/worksheets/sheet1.xml unzips to"},
		{"too many rows", func(t testing.TB) []byte { return bigSheet(t, 100) }, Options{MaxRows: 50},
			ErrTooLarge, "bad.xlsx: workbook too large: sheet \"Records\": more than 50 rows"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.data(t)
			t.Chdir(t.TempDir())
			writeFile(t, ".", "bad.xlsx", data)
			patches, ps, err := Read("bad.xlsx", tc.opt)
			if !errors.Is(err, tc.kind) {
				t.Fatalf("error %v, want %v", err, tc.kind)
			}
			if !strings.HasPrefix(err.Error(), tc.msg) {
				t.Errorf("error\n%q\nwant it to start\n%q", err, tc.msg)
			}
			if patches != nil || ps != nil {
				t.Errorf("patches %v and problems %v came with the error", patches, ps)
			}
		})
	}
}

func TestReadMissingAndDirectory(t *testing.T) {
	t.Chdir(t.TempDir())
	if _, _, err := Read("missing.xlsx", Options{}); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "missing.xlsx") {
		t.Errorf("missing file: %v", err)
	}
	if err := os.Mkdir("dir.xlsx", 0o755); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Read("dir.xlsx", Options{}); !errors.Is(err, ErrNotWorkbook) || !strings.HasPrefix(err.Error(), "dir.xlsx: ") {
		t.Errorf("directory: %v", err)
	}
}

// TestUnzipBudgetIsShared: parts that each fit the limit but together do
// not are refused too.
func TestUnzipBudgetIsShared(t *testing.T) {
	big := strings.Repeat("x", 300<<10)
	b := xbook{sst: []string{"id", big}, sheets: []xsheet{{name: "Records", rows: []string{
		row(1, `<c r="A1" t="s"><v>0</v></c>`),
		row(2, str("A2", "frontex"), str("B2", big)),
	}}}}
	t.Chdir(t.TempDir())
	writeFile(t, ".", "a.xlsx", b.bytes(t))
	if _, _, err := Read("a.xlsx", Options{MaxUnzipSize: 500 << 10}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("got %v, want ErrTooLarge", err)
	}
	if _, _, err := Read("a.xlsx", Options{MaxUnzipSize: 1 << 20}); err != nil {
		t.Errorf("within the limit: %v", err)
	}
}
