package csv

import (
	"bytes"
	stdcsv "encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bordernet/bordernet/internal/judge"
	"github.com/bordernet/bordernet/schema"
)

func write(t testing.TB, rel *schema.Release) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, rel); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// golden compares got with the golden file name, or rewrites it under
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(dataDir, name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n got: %q\nwant: %q", name, firstDiff(got, want), firstDiff(want, got))
	}
}

// firstDiff returns a stretch of a around where it first differs from b.
func firstDiff(a, b []byte) []byte {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return a[max(0, i-40):min(len(a), i+40)]
}

func TestGolden(t *testing.T) {
	golden(t, "bordernet.csv", write(t, loadRelease(t)))
}

func TestFormat(t *testing.T) {
	got := write(t, loadRelease(t))
	if bytes.HasPrefix(got, []byte("\xEF\xBB\xBF")) {
		t.Error("the file starts with a byte order mark")
	}
	header, _, _ := bytes.Cut(got, []byte("\r\n"))
	var names []string
	for _, f := range schema.Fields() {
		names = append(names, string(f))
	}
	if string(header) != strings.Join(names, ",") {
		t.Errorf("header = %q, want the field names", header)
	}
	if !bytes.HasSuffix(got, []byte("\r\n")) {
		t.Error("the last record does not end in CRLF")
	}
	// Every line break outside a value is CRLF: the values of the fixture
	// hold no line break, so no LF may stand alone.
	if n, m := bytes.Count(got, []byte("\n")), bytes.Count(got, []byte("\r\n")); n != m {
		t.Errorf("%d LF but %d CRLF", n, m)
	}
}

// TestRoundTrip reads the CSV back with encoding/csv and rebuilds the
// records with Record.SetCell: they must equal the input but for
// provenance, which the CSV does not carry.
func TestRoundTrip(t *testing.T) {
	rel := loadRelease(t)
	rows, err := stdcsv.NewReader(bytes.NewReader(write(t, rel))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != rel.Records.Len()+1 {
		t.Fatalf("%d rows, want %d", len(rows), rel.Records.Len()+1)
	}
	fields := schema.Fields()
	for i, row := range rows[1:] {
		var got schema.Record
		for j, cell := range row {
			if err := got.SetCell(fields[j], cell); err != nil {
				t.Fatalf("row %d: %s: %v", i+2, fields[j], err)
			}
		}
		want := rel.Records.(schema.RecordSlice)[i]
		want.Origin, want.Sources, want.Section = schema.Position{}, nil, ""
		if !recordsEqual(got, want) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i+2, got, want)
		}
	}
}

func recordsEqual(a, b schema.Record) bool {
	for _, f := range schema.Fields() {
		if !slices.Equal(a.Values(f), b.Values(f)) {
			return false
		}
	}
	return a.Section == b.Section && a.Origin == b.Origin && slices.Equal(a.Sources, b.Sources)
}

// trickyCases are values that break naive CSV writers, with the exact
// cell each must become in the file.
var trickyCases = []struct {
	name  string
	field schema.Field
	value string
	cell  string // as written between the commas
}{
	{"plain", schema.FieldName, "Frontex", "Frontex"},
	{"quote", schema.FieldName, `The "Eurint" network`, `"The ""Eurint"" network"`},
	{"quote only", schema.FieldName, `"`, `""""`},
	{"comma", schema.FieldSeat, "Warsaw, Poland", `"Warsaw, Poland"`},
	{"LF", schema.FieldDescription, "one\ntwo", "\"one\ntwo\""},
	{"CRLF", schema.FieldDescription, "one\r\ntwo", "\"one\r\ntwo\""},
	{"CR", schema.FieldDescription, "one\rtwo", "\"one\rtwo\""},
	{"equals", schema.FieldName, "=HYPERLINK(\"http://x\")", `"'=HYPERLINK(""http://x"")"`},
	{"plus", schema.FieldName, "+1+1", "'+1+1"},
	{"minus", schema.FieldName, "-1+1", "'-1+1"},
	{"at", schema.FieldName, "@SUM(A1)", "'@SUM(A1)"},
	{"tab first", schema.FieldName, "\t=1", "'\t=1"},
	{"CR first", schema.FieldDescription, "\r=1", "\"'\r=1\""},
	{"equals inside", schema.FieldName, "a=b", "a=b"},
	{"hyphen inside", schema.FieldAcronym, "eu-LISA", "eu-LISA"},
	{"apostrophe first", schema.FieldName, "'t Hooft network", "'t Hooft network"},
	{"non-ASCII", schema.FieldName, "Agence européenne – Ευρωπαϊκός οργανισμός – 欧洲", "Agence européenne – Ευρωπαϊκός οργανισμός – 欧洲"},
	{"emoji", schema.FieldName, "net 🛂", "net 🛂"},
	{"leading space", schema.FieldName, " spaced ", " spaced "},
	{"control", schema.FieldDescription, "bell\a and nul\x00", "bell\a and nul\x00"},
	{"list", schema.FieldAltNames, "one | two, three | four", `"one | two, three | four"`},
	{"long", schema.FieldDescription, strings.Repeat("x", 40000), strings.Repeat("x", 40000)},
}

func TestTrickyValues(t *testing.T) {
	for _, tc := range trickyCases {
		t.Run(tc.name, func(t *testing.T) {
			r := schema.Record{ID: "x", Kind: schema.KindNetwork, Scope: schema.ScopeEU, Name: "n"}
			setRaw(&r, tc.field, tc.value)
			got := write(t, &schema.Release{Records: schema.RecordSlice([]schema.Record{r})})
			_, row, _ := bytes.Cut(got, []byte("\r\n"))
			var want []string
			for _, f := range schema.Fields() {
				v := r.Cell(f)
				if f == tc.field {
					v = tc.cell
				}
				want = append(want, v)
			}
			if string(row) != strings.Join(want, ",")+"\r\n" {
				t.Errorf("row = %q\nwant %q", row, strings.Join(want, ",")+"\r\n")
			}
		})
	}
}

// setRaw stores v in f without SetCell's trimming, so the writer sees
// values exactly as the tricky cases give them.
func setRaw(r *schema.Record, f schema.Field, v string) {
	switch f {
	case schema.FieldName:
		r.Name = v
	case schema.FieldAcronym:
		r.Acronym = v
	case schema.FieldDescription:
		r.Description = v
	case schema.FieldSeat:
		r.Seat = v
	case schema.FieldAltNames:
		r.AltNames = strings.Split(v, schema.ListSeparator)
	default:
		panic("setRaw: no case for " + f)
	}
}

// TestPythonReadsBack has Python's csv module, a reader that keeps line
// breaks inside values byte for byte, read the tricky rows: each value
// must come back exactly, with the apostrophe on formula-like ones.
func TestPythonReadsBack(t *testing.T) {
	python := judge.Need(t, "python3")
	rel := &schema.Release{Records: schema.RecordSlice{}}
	for _, tc := range trickyCases {
		r := schema.Record{ID: "x", Kind: schema.KindNetwork, Scope: schema.ScopeEU, Name: "n"}
		setRaw(&r, tc.field, tc.value)
		rel.Records = append(rel.Records.(schema.RecordSlice), r)
	}
	path := filepath.Join(t.TempDir(), "t.csv")
	if err := os.WriteFile(path, write(t, rel), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `import csv, json, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    json.dump(list(csv.reader(f, strict=True)), sys.stdout)`
	out, err := exec.Command(python, "-c", script, path).Output()
	if err != nil {
		t.Fatalf("python csv: %v", err)
	}
	var rows [][]string
	if err := json.Unmarshal(out, &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != rel.Records.Len()+1 {
		t.Fatalf("python read %d rows, want %d", len(rows), rel.Records.Len()+1)
	}
	for i, r := range rel.Records.(schema.RecordSlice) {
		for j, f := range schema.Fields() {
			if want := SafeCell(r.Cell(f)); rows[i+1][j] != want {
				t.Errorf("%s: %s = %q, want %q", trickyCases[i].name, f, rows[i+1][j], want)
			}
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	rel := loadRelease(t)
	rel.Records.(schema.RecordSlice)[3].Name = "bad \xff byte"
	var buf bytes.Buffer
	err := Write(&buf, rel)
	if !errors.Is(err, ErrNotUTF8) {
		t.Fatalf("err = %v, want ErrNotUTF8", err)
	}
	want := "bordernet.csv row 5: sources/listing.txt:12: elena: name: is not valid UTF-8"
	if err.Error() != want {
		t.Errorf("err = %q\nwant %q", err, want)
	}
}

type failWriter struct{ n int }

var errDiskFull = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n < len(p) {
		return 0, errDiskFull
	}
	w.n -= len(p)
	return len(p), nil
}

func TestWriterFails(t *testing.T) {
	for _, n := range []int{0, 100 << 10} {
		err := Write(&failWriter{n: n}, synthRelease(2000))
		if !errors.Is(err, errDiskFull) || !strings.Contains(err.Error(), "bordernet.csv") {
			t.Errorf("after %d bytes: err = %v, want errDiskFull naming the file", n, err)
		}
	}
}

func TestReproducible(t *testing.T) {
	rel := synthRelease(500)
	if !bytes.Equal(write(t, rel), write(t, rel)) {
		t.Error("two writes of the same release differ")
	}
}

func TestEmptyRelease(t *testing.T) {
	got := write(t, &schema.Release{})
	if bytes.Count(got, []byte("\r\n")) != 1 || !bytes.HasPrefix(got, []byte("id,kind,")) {
		t.Errorf("empty release = %q, want the header row alone", got)
	}
}

// FuzzWrite checks that any values give a file that encoding/csv reads
// back as one header and one row of len(Fields()) cells holding each value
// (with its apostrophe when formula-like), or an ErrNotUTF8 error.
func FuzzWrite(f *testing.F) {
	for _, tc := range trickyCases {
		if len(tc.value) < 1000 {
			f.Add(tc.value, "Warsaw, Poland", "a | b")
		}
	}
	for _, r := range loadRelease(f).Records.(schema.RecordSlice) {
		f.Add(r.Name, r.Description, r.Cell(schema.FieldAltNames))
	}
	f.Fuzz(func(t *testing.T, name, desc, alt string) {
		r := schema.Record{ID: "x", Name: name, Description: desc, AltNames: []string{alt}}
		var buf bytes.Buffer
		err := Write(&buf, &schema.Release{Records: schema.RecordSlice([]schema.Record{r})})
		valid := utf8Valid(name, desc, alt)
		if !valid {
			if !errors.Is(err, ErrNotUTF8) {
				t.Fatalf("invalid UTF-8 gave err = %v", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		rows, err := stdcsv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatalf("encoding/csv cannot read %q: %v", buf.String(), err)
		}
		if len(rows) != 2 || len(rows[1]) != len(schema.Fields()) {
			t.Fatalf("read %d rows of %d cells from %q", len(rows), len(rows[len(rows)-1]), buf.String())
		}
		for j, f := range schema.Fields() {
			// encoding/csv drops a CR before an LF in a quoted value.
			want := strings.ReplaceAll(SafeCell(r.Cell(f)), "\r\n", "\n")
			if rows[1][j] != want {
				t.Fatalf("%s = %q, want %q", f, rows[1][j], want)
			}
		}
	})
}

func utf8Valid(ss ...string) bool {
	for _, s := range ss {
		if !utf8.ValidString(s) {
			return false
		}
	}
	return true
}

func BenchmarkWrite(b *testing.B) {
	rel := synthRelease(100_000)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := Write(&buf, rel); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportMetric(float64(rel.Records.Len())*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
