package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
)

// bombZip is a workbook whose part name is made by fill, written through
// the compressor piece by piece: a bomb of hundreds of megabytes of XML
// is a few hundred kilobytes of zip and never a string in memory.
func bombZip(t testing.TB, name string, fill func(w io.Writer) error, sst bool) []byte {
	t.Helper()
	small := records(hdr)
	small.sst = []string{"x"}
	if !sst {
		small.sst = nil
	}
	var base bytes.Buffer
	base.Write(small.bytes(t))
	zr, err := zip.NewReader(bytes.NewReader(base.Bytes()), int64(base.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if f.Name == name {
			continue
		}
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := fill(w); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// repeat writes head, then unit n times, then tail.
func repeat(head, unit string, n int, tail string) func(io.Writer) error {
	return func(w io.Writer) error {
		if _, err := io.WriteString(w, head); err != nil {
			return err
		}
		chunk := strings.Repeat(unit, 1<<14)
		for left := n; left > 0; left -= 1 << 14 {
			if left < 1<<14 {
				chunk = chunk[:left*len(unit)]
			}
			if _, err := io.WriteString(w, chunk); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, tail)
		return err
	}
}

// allocated returns the bytes allocated while f runs.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestBombs: workbooks built to exhaust memory (26 M empty shared strings,
// 6 M cells in one row, millions of cells over many rows) are refused at
// their limit, with an error naming the file, the sheet or part and the
// limit, having allocated no more than a fixed budget: the bytes
// allocated are measured, not the time.
func TestBombs(t *testing.T) {
	if testing.Short() {
		t.Skip("writes bombs of hundreds of megabytes of XML")
	}
	const sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	const sheetTail = `</sheetData></worksheet>`
	cases := []struct {
		name   string
		part   string
		fill   func(io.Writer) error
		sst    bool
		opt    Options // DefaultOptions when zero
		budget uint64  // bytes Read may allocate
		msg    string
	}{
		{
			name: "shared strings bomb", part: "xl/sharedStrings.xml", sst: true,
			fill: repeat(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="26000000">`,
				`<si/>`, 26_000_000, `</sst>`),
			budget: 64 << 20,
			msg:    "bomb.xlsx: workbook too large: the shared string table (xl/sharedStrings.xml) holds more than 2097152 strings",
		},
		{
			name: "shared string bytes bomb", part: "xl/sharedStrings.xml", sst: true,
			fill: repeat(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`,
				`<si><t>`+strings.Repeat("x", 4000)+`</t></si>`, 10_000, `</sst>`),
			opt:    Options{MaxSharedStringBytes: 16 << 20},
			budget: 48 << 20,
			msg:    "bomb.xlsx: workbook too large: the shared strings (xl/sharedStrings.xml) hold more than 16777216 bytes of text",
		},
		{
			name: "cells bomb", part: "xl/worksheets/sheet1.xml",
			fill:   repeat(sheetHead+`<row r="1">`, `<c r="A1"/>`, 6_000_000, `</row>`+sheetTail),
			budget: 32 << 20,
			msg:    `bomb.xlsx: workbook too large: sheet "Records": row 1 has more than 16384 cells, the columns a sheet has`,
		},
		{
			name: "rows bomb", part: "xl/worksheets/sheet1.xml",
			fill:   repeat(sheetHead, `<row/>`, 1_100_000, sheetTail),
			budget: 32 << 20,
			msg:    `bomb.xlsx: workbook too large: sheet "Records": more than 1048576 rows, the most a sheet holds`,
		},
		{
			name: "total cells bomb", part: "xl/worksheets/sheet1.xml",
			fill:   repeat(sheetHead, `<row>`+strings.Repeat(`<c/>`, 16_000)+`</row>`, 100, sheetTail),
			opt:    Options{MaxCells: 1 << 20},
			budget: 16 << 20,
			msg:    `bomb.xlsx: workbook too large: sheet "Records": more than 1048576 cells, the most a curator workbook is allowed`,
		},
	}
	dir := t.TempDir()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, dir, "bomb.xlsx", bombZip(t, tc.part, tc.fill, tc.sst))
			var err error
			n := allocated(func() { _, _, err = Read(path, tc.opt) })
			if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "/"+tc.msg) {
				t.Errorf("error\n%v\nwant ErrTooLarge with\n%s", err, tc.msg)
			}
			if n > tc.budget {
				t.Errorf("Read allocated %d MiB, more than the budget of %d MiB", n>>20, tc.budget>>20)
			}
			t.Logf("%s: allocated %.1f MiB", tc.name, float64(n)/(1<<20))
		})
	}
}
