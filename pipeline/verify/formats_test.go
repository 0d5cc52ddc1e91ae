package verify

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// TestNTriplesLines: the lines of a document, with their end of line;
// which lines are triples is ntriples.ParseLine's, tested there.
func TestNTriplesLines(t *testing.T) {
	for _, tc := range []struct {
		line string
		ok   bool
	}{
		{`<http://a/s> <http://a/p> <http://a/o> .` + "\n", true},
		{`<http://a/s> <http://a/p> "x" .`, true},
		{"\n", true},
		{"# only a comment\n", true},
		{`<http://a/s> <http://a/p> "x" .` + "\r\n", true},
		{"", true},
		{" \t # a comment\r\n", true},
		{"# \xff\n", false}, // not UTF-8
		{`<http://a/s> <http://a/p> "x" .` + "\r", false},        // a CR without its LF
		{`<http://a/s> <http://a/p> "x" .` + "\r\r\n", false},    // a CR more
		{`<http://a/s> <http://a/p> <http://a/o>` + "\n", false}, // no dot
	} {
		err := checkNTriplesLine([]byte(tc.line))
		if (err == nil) != tc.ok {
			t.Errorf("%q: err = %v, want ok=%v", tc.line, err, tc.ok)
		}
	}
}

func TestNTriplesFile(t *testing.T) {
	good := "<http://a/s> <http://a/p> \"1\" .\n<http://a/s> <http://a/p> \"2\" .\n"
	if err := checkNTriples(strings.NewReader(good)); err != nil {
		t.Errorf("good file: %v", err)
	}
	var le *lineError
	if err := checkNTriples(strings.NewReader(good + "<http://a/s> <http://a/p> \"3")); !errors.As(err, &le) || le.Line != 3 {
		t.Errorf("cut file: err = %v, want line 3", err)
	}
	if err := checkNTriples(strings.NewReader(good + "<http://a/s> <http://a/p> \"3\" .")); !errors.As(err, &le) || le.Line != 3 {
		t.Errorf("no final newline: err = %v, want line 3", err)
	}
	long := "<http://a/s> <http://a/p> \"" + strings.Repeat("x", 3<<20) + "\" .\n"
	if err := checkNTriples(strings.NewReader(good + long + good)); err != nil {
		t.Errorf("a 3 MiB line: %v", err)
	}
}

func TestJSONLD(t *testing.T) {
	for _, tc := range []struct {
		doc string
		ok  bool
	}{
		{`{"@context": {"a": "http://a/"}, "@graph": [{"@id": "x"}, {"@id": "y"}]}`, true},
		{`{"@context": {}, "@graph": []}` + "\n", true},
		{`{"@context": {}, "@graph": [{"@id": "x"}`, false}, // cut short
		{`{"@context": {}, "@graph": [1]}`, false},          // not a node
		{`{"@graph": []}`, false},                           // no context
		{`{"@context": {}, "@graph": []} {}`, false},        // trailing data
		{`{"@context": {}, "@graph\u0000x": []}`, false},    // not the keyword
		{`[]`, false},
	} {
		err := checkJSONLD(strings.NewReader(tc.doc))
		if (err == nil) != tc.ok {
			t.Errorf("%s: err = %v, want ok=%v", tc.doc, err, tc.ok)
		}
	}
}

func TestCSV(t *testing.T) {
	cols := []string{"id", "name"}
	for _, tc := range []struct {
		csv       string
		described bool
		ok        bool
	}{
		{"id,name\r\na,A\r\nb,\"B, with comma\"\r\n", true, true},
		{"id,name\r\na,A\r\n", false, false},         // no metadata
		{"id,title\r\na,A\r\n", true, false},         // header not the columns
		{"id,name\r\na,A,extra\r\n", true, false},    // row too wide
		{"id,name\r\na,\"unclosed\r\n", true, false}, // cut inside a quote
	} {
		err := checkCSV(strings.NewReader(tc.csv), cols, tc.described)
		if (err == nil) != tc.ok {
			t.Errorf("%q: err = %v, want ok=%v", tc.csv, err, tc.ok)
		}
	}
}

// FuzzParseSums: any SHA256SUMS is read without panic, and a list written
// as sha256sum writes it reads back as the same names and hashes.
func FuzzParseSums(f *testing.F) {
	f.Add([]byte(strings.Repeat("a", 64)+"  bordernet.nt\n"), "source/listing.txt")
	f.Add([]byte("garbage\n\n  \n"), "x")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		parseSums(data)
		if strings.ContainsAny(name, "\n\r") {
			return // sha256sum escapes such names; a release has none
		}
		sum := strings.Repeat("0123456789abcdef", 4)
		listed, order, problems := parseSums([]byte(sum + "  " + name + "\n"))
		if len(problems) == 0 {
			if len(order) != 1 || order[0] != name || listed[name] != sum {
				t.Errorf("%q read back as %v %v", name, order, listed)
			}
		}
	})
}

// FuzzJSONLD: the streaming JSON-LD check never panics, and accepts a
// document with a context and a graph of node objects whatever strings
// they hold.
func FuzzJSONLD(f *testing.F) {
	f.Add([]byte(`{"@context": {}, "@graph": [{"@id": "x"}]}`), "value")
	f.Add([]byte(`{"@graph": [`), "\"\\\x00")
	f.Fuzz(func(t *testing.T, data []byte, value string) {
		_ = checkJSONLD(strings.NewReader(string(data)))
		doc, err := json.Marshal(map[string]any{
			"@context": map[string]string{"v": "http://a/" + value},
			"@graph":   []map[string]string{{"@id": value, "v": value}},
		})
		if err != nil {
			return
		}
		if err := checkJSONLD(strings.NewReader(string(doc))); err != nil {
			t.Errorf("%s: %v", doc, err)
		}
	})
}

// FuzzJSON: the JSON checker agrees with encoding/json's Valid on any
// input (short of nesting deeper than it allows).
func FuzzJSON(f *testing.F) {
	for _, seed := range []string{`{"a": [1, -2.5e+3, true, false, null, "x\u00e9\n"]}`, `[`, `{"a" 1}`, `01`, `"\x01"`, ` {} `, `{} {}`, `1.`, `-`, `"\ud800"`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if strings.Count(string(data), "[")+strings.Count(string(data), "{") > maxNesting-10 {
			return
		}
		got := checkJSON(strings.NewReader(string(data))) == nil
		if want := json.Valid(data); got != want {
			t.Errorf("%q: checker says valid=%v, encoding/json %v", data, got, want)
		}
	})
}
