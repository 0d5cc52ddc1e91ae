package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

// fullRecord has a value in every field, lists of several values and
// text that needs escaping.
func fullRecord() schema.Record {
	members := 42
	return schema.Record{
		ID: "full", Kind: schema.KindAgency, Scope: schema.ScopeEU,
		Name: "Full & <Complete> _x0041_ agency", Acronym: "FULL",
		AltNames:    []string{"Réseau", "Netz 🛂"},
		Description: "one\r\ntwo", DescriptionLang: "en",
		Website: "https://example.org/", Founded: "2004", Dissolved: "2020-01",
		Status: schema.StatusSucceeded, Successor: "next", Parent: "parent",
		MemberOf: []string{"a", "b", "c"}, PartnerOf: []string{"d"},
		Members: &members, Seat: "Warsaw, Poland",
		LegalBasis: "https://eur-lex.europa.eu/eli/reg/2019/1896/oj", Wikidata: "Q42",
		EUCorporateBody: "FRONTEX", SourceURLs: []string{"https://a.example/", "https://b.example/"},
	}
}

// TestCellFuncs checks that the cells the writer builds are Record.Cell's,
// field by field, on records with every field filled, none, and the
// fixture's and the synthetic release's.
func TestCellFuncs(t *testing.T) {
	full, zero := fullRecord(), 0
	recs := []schema.Record{full, {}, {Members: &zero}}
	recs = append(recs, loadRelease(t).Records.(schema.RecordSlice)...)
	recs = append(recs, synthRelease(20).Records.(schema.RecordSlice)...)
	for _, f := range schema.Fields() {
		if full.Cell(f) == "" {
			t.Errorf("fullRecord has no %s: the test misses it", f)
		}
		get := cellFuncOf(f)
		for _, r := range recs {
			v := get(&r)
			got := v.appendTo([]byte("prefix "))
			if want := "prefix " + r.Cell(f); string(got) != want {
				t.Errorf("%s of %q: %q, want %q", f, r.ID, got, want)
			}
			if v.size() != len(r.Cell(f)) {
				t.Errorf("%s of %q: size %d, want %d", f, r.ID, v.size(), len(r.Cell(f)))
			}
			if got, want := v.values([]string{"x"}), append([]string{"x"}, r.Values(f)...); !slices.Equal(got, want) {
				t.Errorf("%s of %q: values %q, want %q", f, r.ID, got, want)
			}
		}
	}
	// Lists that are empty but not nil, and a field schema may add later.
	empty := schema.Record{AltNames: []string{}, MemberOf: []string{}}
	for _, f := range append(schema.Fields(), "no-such-field") {
		if v := cellFuncOf(f)(&empty); v.size() != len(empty.Cell(f)) || string(v.appendTo(nil)) != empty.Cell(f) {
			t.Errorf("%s of an empty record: %q (size %d), want %q", f, v.appendTo(nil), v.size(), empty.Cell(f))
		}
	}
}

func TestAppendPosition(t *testing.T) {
	positions := []schema.Position{
		{},
		{File: "sources/listing.txt", Line: 14},
		{File: "sources/listing.txt"},
		{File: "sources/curation.xlsx", Sheet: "Records", Line: 7, Col: 4},
		{File: "sources/curation.xlsx", Sheet: "My Sheet", Line: 1048576, Col: 16384},
		{File: "sources/curation.xlsx", Sheet: "Records", Line: 7},
		{File: "sources/curation.xlsx", Sheet: "Records"},
		{File: "sources/curation.xlsx", Sheet: "Records", Col: 3},
		{File: "dir with space/ü.xlsx", Sheet: "Records", Line: 2, Col: 27},
		{Line: 3},
	}
	for _, r := range loadRelease(t).Records.(schema.RecordSlice) {
		for _, s := range r.Sources {
			positions = append(positions, s.Pos)
		}
	}
	for _, p := range positions {
		if got := appendPosition([]byte("x"), p); string(got) != "x"+p.String() {
			t.Errorf("%#v: %q, want %q", p, got, "x"+p.String())
		}
	}
}

func TestAppendColumn(t *testing.T) {
	cols := []int{-1, 0, 1 << 40}
	for c := 1; c <= 20000; c++ {
		cols = append(cols, c)
	}
	for _, c := range cols {
		if got, want := string(appendColumn(nil, c)), schema.ColumnName(c); got != want {
			t.Errorf("column %d: %q, want %q", c, got, want)
		}
	}
}

func TestAppendText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain text", "plain text"},
		{"a & b < c > d", "a &amp; b &lt; c &gt; d"},
		{`"quoted" 'single'`, `"quoted" 'single'`},
		{"line\nbreak\ttab", "line\nbreak\ttab"},
		{"cr\r\nlf", "cr&#xD;\nlf"},
		{"]]>", "]]&gt;"},
		{"_x0041_", "_x005F_x0041_"},
		{"_x005F_", "_x005F_x005F_"},
		{"_x005F_x0041_", "_x005F_x005F_x005F_x0041_"}, // both underscores start an escape
		{"__x0041_", "__x005F_x0041_"},
		{"a_xABcd_b", "a_x005F_xABcd_b"},
		{"_xD800_", "_x005F_xD800_"}, // not a character, but readers decode it
		{"_x00G1_ _x041_ _X0041_ _x0041", "_x00G1_ _x041_ _X0041_ _x0041"},
		{"snake_case_name", "snake_case_name"},
		{"non-ASCII é – 欧洲 🛂", "non-ASCII é – 欧洲 🛂"},
	}
	for _, tc := range tests {
		got, err := appendText([]byte("<t>"), []byte(tc.in))
		if err != nil || string(got) != "<t>"+tc.want {
			t.Errorf("appendText(%q) = %q, %v, want %q", tc.in, got[3:], err, tc.want)
		}
	}
}

// TestAppendTextChecks checks that appendText refuses what checkCell
// refuses, with the same error, and writes nothing then.
func TestAppendTextChecks(t *testing.T) {
	values := []string{"\x7f DEL is allowed", "\uFFFD", "\uFFFD\uFFFE", "\uFFEF", "\uEFBF", "a\xef\xbf", "\xef\xbf\xbe", "\U0010FFFF"}
	for _, tc := range trickyCases {
		values = append(values, tc.value)
	}
	for _, v := range values {
		want := checkCell([]byte(v))
		got, err := appendText([]byte("<t>"), []byte(v))
		if err != want {
			t.Errorf("%q: appendText says %v, checkCell %v", short(v), err, want)
		}
		if err != nil && string(got) != "<t>" {
			t.Errorf("%q: appendText wrote %q with an error", short(v), got)
		}
	}
}

func TestWidths(t *testing.T) {
	w := newWidths([]schema.Field{"id", "description", "x"})
	w.fit(0, []byte("a-long-identifier")) // 17
	w.fit(0, []byte("short"))
	w.fit(1, []byte("two\nlines"))
	w.fit(1, []byte("ééééééééééééé\nx")) // 13 characters, 26 bytes
	w.fit(2, []byte(strings.Repeat("x", 100)))
	got := fmt.Sprint(w.widths())
	if want := "[19 15 60]"; got != want {
		t.Errorf("widths %s, want %s", got, want)
	}
}

// TestTooManyRecords lowers the row limit to three rows: two records fit
// below the header, three are refused before anything is written.
func TestTooManyRecords(t *testing.T) {
	lim := limits{links: MaxLinks, rows: 3}
	rel := synthRelease(2)
	var buf bytes.Buffer
	if err := writeWith(&buf, rel, lim); err != nil {
		t.Fatalf("2 records: %v", err)
	}
	if n := len(rows(t, open(t, buf.Bytes()), SheetRecords)); n != 3 {
		t.Errorf("%d rows, want 3", n)
	}
	buf.Reset()
	err := writeWith(&buf, synthRelease(3), lim)
	if !errors.Is(err, ErrTooManyRecords) || !strings.Contains(err.Error(), "3 records") {
		t.Errorf("3 records: err = %v, want ErrTooManyRecords naming the count", err)
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written before the error", buf.Len())
	}
}

// TestSourceChecked gives a value a source whose file name a cell cannot
// hold: the error names the Provenance row, the record and the field, and
// nothing is written.
func TestSourceChecked(t *testing.T) {
	r := schema.Record{ID: "x", Name: "n"}
	r.SetSource(schema.FieldName, schema.Position{File: "bad\x01name.txt", Line: 3})
	var buf bytes.Buffer
	err := Write(&buf, &schema.Release{Records: schema.RecordSlice([]schema.Record{r})})
	if !errors.Is(err, ErrControlChar) || !strings.Contains(err.Error(), "Provenance row 2: x: name:") {
		t.Errorf("err = %v, want ErrControlChar naming Provenance row 2, x and name", err)
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written before the error", buf.Len())
	}
	// A source of an empty value is not written, so not checked either.
	r.Name = ""
	if err := Write(&buf, &schema.Release{Records: schema.RecordSlice([]schema.Record{r})}); err != nil {
		t.Errorf("a bad source of an empty value: %v", err)
	}
}

// TestBoundedMemory writes 5,000 and then 25,000 records without links (the
// hyperlinks are kept in memory, up to MaxLinks): the rows are streamed,
// so the extra records, about 20 MB of sheet XML, must not cost more than
// a small fraction of that in allocations.
func TestBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 30,000 records")
	}
	noLinks := func(n int) *schema.Release {
		rel := synthRelease(n)
		for i := range rel.Records.(schema.RecordSlice) {
			r := &rel.Records.(schema.RecordSlice)[i]
			r.Website, r.LegalBasis, r.Wikidata, r.SourceURLs = "", "", "", nil
		}
		return rel
	}
	allocated := func(rel *schema.Release) (uint64, int64) {
		var c countWriter
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		if err := Write(&c, rel); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc, int64(c)
	}
	small, big := noLinks(5_000), noLinks(25_000)
	allocated(small) // warm up
	a, _ := allocated(small)
	b, size := allocated(big)
	t.Logf("5,000 records: %d bytes allocated; 25,000: %d bytes allocated, %d bytes written", a, b, size)
	if b > a+2<<20 {
		t.Errorf("20,000 more records cost %d more bytes of allocation: the rows are not streamed", b-a)
	}
}

// countWriter counts the bytes written to it.
type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

func TestCRC32Concat(t *testing.T) {
	data := make([]byte, 100_000)
	for i := range data {
		data[i] = byte(i*7 + i/251)
	}
	for _, cut := range []int{0, 1, 1000, 50_000, 99_999, 100_000} {
		for _, end := range []int{cut, cut + (len(data)-cut)/3, len(data)} {
			a, b := data[:cut], data[cut:end]
			want := crc32.ChecksumIEEE(data[:end])
			if got := crc32Concat(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(len(b))); got != want {
				t.Errorf("%d+%d bytes: %08x, want %08x", len(a), len(b), got, want)
			}
		}
	}
}

// TestSpoolsRemoved checks that the temporary files that hold the rows are
// gone once Write returns, whether it succeeded or not.
func TestSpoolsRemoved(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	if got := os.TempDir(); got != dir {
		t.Skipf("os.TempDir() is %s, not TMPDIR", got)
	}
	bad := loadRelease(t)
	bad.Records.(schema.RecordSlice)[3].Seat = "a\x00b"
	for _, rel := range []*schema.Release{loadRelease(t), bad} {
		err := Write(io.Discard, rel)
		entries, _ := os.ReadDir(dir)
		if len(entries) != 0 {
			t.Errorf("Write (err = %v) left %d files in the temporary folder, the first %s", err, len(entries), entries[0].Name())
		}
	}
}

// failWriter fails once it has taken limit bytes.
type failWriter struct{ limit int }

var errFull = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.limit {
		n := w.limit
		w.limit = 0
		return n, errFull
	}
	w.limit -= len(p)
	return len(p), nil
}

// TestWriteError has w fail at several points of the package: Write must
// return the error, wrapped.
func TestWriteError(t *testing.T) {
	rel := synthRelease(3000)
	var full countWriter
	if err := Write(&full, rel); err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int{0, 100, 10_000, int(full) / 2, int(full) - 1} {
		err := Write(&failWriter{limit: limit}, rel)
		if !errors.Is(err, errFull) || !strings.HasPrefix(err.Error(), "writing bordernet.xlsx: ") {
			t.Errorf("failing after %d of %d bytes: err = %v", limit, full, err)
		}
	}
}

// TestSourceColumns checks the matching of sources with columns against a
// plain lookup, with sources in field name order (as SetSource keeps
// them), out of it, of unknown fields and repeated.
func TestSourceColumns(t *testing.T) {
	src := func(f schema.Field, line int) schema.FieldSource {
		return schema.FieldSource{Field: f, Pos: schema.Position{File: "f.txt", Line: line}}
	}
	recs := loadRelease(t).Records
	recs = append(recs.(schema.RecordSlice),
		schema.Record{Sources: []schema.FieldSource{
			src(schema.FieldWebsite, 1), src(schema.FieldID, 2), src("no-such-field", 3),
			src(schema.FieldAcronym, 4), src("zzz", 5), src(schema.FieldName, 6),
		}},
		schema.Record{Sources: []schema.FieldSource{
			src("", 1), src(schema.FieldAcronym, 2), src(schema.FieldAcronym, 3), src(schema.FieldWikidata, 4),
		}},
		schema.Record{},
	)
	b := newBook(&schema.Release{}, limits{})
	got := make([]int, len(b.fields))
	for _, r := range recs.(schema.RecordSlice) {
		want := make([]int, len(b.fields))
		for k, s := range r.Sources {
			for j, f := range b.fields {
				if f == s.Field {
					want[j] = k + 1
				}
			}
		}
		b.sourceColumns(&r, got)
		if !slices.Equal(got, want) {
			t.Errorf("sources %v: columns %v, want %v", r.Sources, got, want)
		}
	}
}

// TestZipIntegrity reads every entry of a workbook whose sheets span many
// deflate blocks with archive/zip, which checks each entry's CRC-32 and
// size: the spooled rows are joined to their sheet's head and tail, and
// their CRC-32 computed from the parts'.
func TestZipIntegrity(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, synthRelease(5000)); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	sheets := 0
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if uint64(len(data)) != f.UncompressedSize64 {
			t.Errorf("%s: %d bytes, header says %d", f.Name, len(data), f.UncompressedSize64)
		}
		if f.Name == recordsPart || f.Name == provenancePart {
			sheets++
			if f.UncompressedSize64 < 1<<20 {
				t.Errorf("%s: %d bytes, too few to span many blocks", f.Name, f.UncompressedSize64)
			}
			if !bytes.HasSuffix(data, []byte("</worksheet>")) || !bytes.Contains(data, []byte(`<row r="5001">`)) {
				t.Errorf("%s does not hold the last row and end the worksheet", f.Name)
			}
		}
	}
	if sheets != 2 {
		t.Errorf("%d spooled sheets found, want 2", sheets)
	}
}
