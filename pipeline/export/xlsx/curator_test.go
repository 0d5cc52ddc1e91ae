package xlsx_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/bordernet/bordernet/internal/judge"
	"github.com/bordernet/bordernet/pipeline/export/xlsx"
	"github.com/bordernet/bordernet/pipeline/merge"
	"github.com/bordernet/bordernet/pipeline/workbook"
	"github.com/bordernet/bordernet/schema"
)

// readRecords reads the workbook at path as a curator workbook and merges
// its rows into nothing, failing on any problem.
func readRecords(t *testing.T, path string) []schema.Record {
	t.Helper()
	patches, ps, err := workbook.Read(path, workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		t.Errorf("reading: %s", p)
	}
	got, ps := merge.Merge(nil, patches)
	for _, p := range ps {
		t.Errorf("merging: %s", p)
	}
	return got
}

// TestLibreOfficeSavedReadsBack has LibreOffice open the release workbook
// and save it as XLSX again, as a curator would: read back as a curator
// workbook, it must still give the release's records.
func TestLibreOfficeSavedReadsBack(t *testing.T) {
	soffice := judge.Need(t, "soffice")
	rel := xlsx.LoadRelease(t)
	rel.Records.(schema.RecordSlice)[0].Seat = "0123"
	rel.Records.(schema.RecordSlice)[0].Acronym = "2004"
	rel.Records.(schema.RecordSlice)[1].Name = "=1+1 network"
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, rel); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "bordernet.xlsx")
	if err := os.MkdirAll(filepath.Dir(in), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", dir, in).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v: %s", err, out)
	}
	got := readRecords(t, filepath.Join(dir, "bordernet.xlsx"))
	if len(got) != rel.Records.Len() {
		t.Fatalf("%d records, want %d", len(got), rel.Records.Len())
	}
	for i, want := range rel.Records.(schema.RecordSlice) {
		for _, f := range schema.Fields() {
			if !slices.Equal(got[i].Values(f), want.Values(f)) {
				t.Errorf("%s %s = %q, want %q", want.ID, f, got[i].Values(f), want.Values(f))
			}
		}
	}
}

// TestReadsBackAsCuratorWorkbook reads the release workbook with the
// curator workbook reader and merges its rows into nothing: the records
// must be the release's, every value positioned at its Records cell, with
// no problem reported (issue 4's round trip).
func TestReadsBackAsCuratorWorkbook(t *testing.T) {
	rel := xlsx.LoadRelease(t)
	// Values a curator workbook could misread: a formula-like name, a
	// number-like and a date-like text.
	rel.Records.(schema.RecordSlice)[0].Name = "=1+1 network"
	rel.Records.(schema.RecordSlice)[0].Seat = "0123"
	rel.Records.(schema.RecordSlice)[0].Acronym = "2004"
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, rel); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "bordernet.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got := readRecords(t, path)
	if len(got) != rel.Records.Len() {
		t.Fatalf("%d records, want %d", len(got), rel.Records.Len())
	}
	for i, want := range rel.Records.(schema.RecordSlice) {
		for j, f := range schema.Fields() {
			if !slices.Equal(got[i].Values(f), want.Values(f)) {
				t.Errorf("%s %s = %q, want %q", want.ID, f, got[i].Values(f), want.Values(f))
			}
			if len(want.Values(f)) == 0 {
				continue
			}
			wantPos := schema.Position{File: filepath.ToSlash(path), Sheet: xlsx.SheetRecords, Line: i + 2, Col: j + 1}
			if pos, _ := got[i].Source(f); pos != wantPos {
				t.Errorf("%s %s read at %s, want %s", want.ID, f, pos, wantPos)
			}
		}
	}
}
