package workbook

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The committed fixtures under testdata/workbook, remade with -update
// (LibreOffice ones only where soffice is installed):
//
//   - curator.xlsx: a curator workbook as excelize writes one, with the
//     cells curators leave (numbers, a date, a formula, spaces, a hidden
//     column, empty rows, a notes sheet);
//   - curator-libreoffice.xlsx: the same saved again by LibreOffice Calc;
//   - template-libreoffice.xlsx: a template saved again by LibreOffice
//     (TestLibreOfficeFixture);
//   - old.xls: curator.xlsx saved by LibreOffice as Excel 97-2003;
//   - encrypted.xlsx: curator.xlsx with the password "bordernet".
const (
	curatorFixture   = "curator.xlsx"
	curatorLOFixture = "curator-libreoffice.xlsx"
	xlsFixture       = "old.xls"
	encryptedFixture = "encrypted.xlsx"
)

// makeCurator builds curator.xlsx with excelize.
func makeCurator(t *testing.T) *excelize.File {
	t.Helper()
	f := excelize.NewFile()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Records"))
	_, err := f.NewSheet("Notes")
	must(err)
	must(f.SetSheetRow("Notes", "A1", &[]any{"id", "note"}))
	must(f.SetSheetRow("Notes", "A2", &[]any{"frontex", "ask the agency about its seat"}))
	must(f.SetSheetRow("Records", "A1", &[]any{"ID", "Name", "Web site", "Founded", "Members", "status", "Alt names", "Notes", "Dissolved"}))

	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	// Row 2: numbers where text is meant, a date cell, NBSP around a URL.
	must(f.SetCellStr("Records", "A2", "frontex"))
	must(f.SetCellStr("Records", "C2", "\u00a0https://www.frontex.europa.eu\u00a0"))
	must(f.SetCellInt("Records", "D2", 2004))
	must(f.SetCellFloat("Records", "E2", 500, -1, 64))
	must(f.SetCellStr("Records", "H2", "checked 2024"))
	// Row 3: a serial date in a date format, a clear marker, a list.
	must(f.SetCellStr("Records", "A3", "easo"))
	must(f.SetCellFloat("Records", "I3", 44580, -1, 64)) // 2022-01-19
	must(f.SetCellStyle("Records", "I3", "I3", date))
	must(f.SetCellStr("Records", "F3", "Succeeded"))
	must(f.SetCellStr("Records", "G3", "EASO |  Bureau européen d'appui en matière d'asile|"))
	// Rows 4-5 empty. Row 6: a formula, a European date, a boolean.
	must(f.SetCellStr("Records", "A6", "elena"))
	must(f.SetCellFormula("Records", "B6", `"European Legal Network"&" on Asylum"`))
	must(f.SetCellStr("Records", "D6", "26/10/2004"))
	must(f.SetCellBool("Records", "H6", true))
	// Row 7: a number id, a rich-text name, a clear marker.
	must(f.SetCellInt("Records", "A7", 123))
	must(f.SetCellRichText("Records", "B7", []excelize.RichTextRun{{Text: "Network "}, {Text: "123", Font: &excelize.Font{Bold: true}}}))
	must(f.SetCellStr("Records", "C7", "-"))
	// Row 8: values but no id.
	must(f.SetCellStr("Records", "B8", "A network nobody gave an id"))
	// The website column hidden, row 7 hidden: both still read.
	must(f.SetColVisible("Records", "C", false))
	must(f.SetRowVisible("Records", 7, false))
	return f
}

func fixture(name string) string { return filepath.Join(fixturesDir, name) }

// TestFixtures reads each committed fixture and compares what it gives,
// patches and problems, with its golden file. curator.golden and
// curator-libreoffice.golden differ where LibreOffice changed the workbook:
// it calculated the formula excelize left without a result.
func TestFixtures(t *testing.T) {
	if *update {
		regenerateFixtures(t)
	}
	for _, name := range []string{curatorFixture, curatorLOFixture, loFixture} {
		t.Run(name, func(t *testing.T) {
			golden, err := filepath.Abs(fixture(strings.TrimSuffix(name, ".xlsx") + ".golden"))
			if err != nil {
				t.Fatal(err)
			}
			// Positions name the file as given: run where the name is short.
			t.Chdir(fixturesDir)
			patches, ps, err := Read(name, DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, golden, dump(patches, ps))
		})
	}
}

func regenerateFixtures(t *testing.T) {
	t.Helper()
	f := makeCurator(t)
	defer f.Close()
	if err := f.SaveAs(fixture(curatorFixture)); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(fixture(encryptedFixture), excelize.Options{Password: "bordernet"}); err != nil {
		t.Fatal(err)
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Logf("soffice missing: %s and %s not remade", curatorLOFixture, xlsFixture)
		return
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "curator-libreoffice.xlsx")
	data, err := os.ReadFile(fixture(curatorFixture))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, filepath.Base(src), data)
	out := libreOffice(t, soffice, src, filepath.Join(dir, "out"))
	if data, err = os.ReadFile(out); err != nil {
		t.Fatal(err)
	}
	writeFile(t, fixturesDir, curatorLOFixture, data)

	xlsDir := filepath.Join(dir, "xls")
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.ToSlash(t.TempDir()), "--headless", "--convert-to", "xls", "--outdir", xlsDir, fixture(curatorFixture))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	if data, err = os.ReadFile(filepath.Join(xlsDir, "curator.xls")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, fixturesDir, xlsFixture, data)
}
