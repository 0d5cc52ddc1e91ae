package schema

import "testing"

// TestBidiControls: a bidirectional-text control in any published text
// is an error at the value's position, for every control there is;
// ordinary right-to-left text is not.
func TestBidiControls(t *testing.T) {
	cell := Position{File: "curation.xlsx", Sheet: "Records", Line: 7, Col: 4}
	v := NewValidator()
	for _, c := range []rune{0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069} {
		r := validRecord("x")
		r.Seat = "Warsaw" + string(c) + ", Poland"
		r.SetSource(FieldSeat, cell)
		ps := v.Record(&r)
		if len(ps) != 1 || ps[0].Pos != cell || ps[0].Field != FieldSeat || ps[0].Severity != SeverityError {
			t.Errorf("U+%04X: problems %v, want one error at %s", c, ps, cell.Cell())
			continue
		}
		if want := "curation.xlsx Records!D7: x: seat: holds the invisible bidirectional-text control U+" + formatRune(c) +
			", which can make the published text display reversed or reordered: remove it"; ps[0].String() != want {
			t.Errorf("got  %s\nwant %s", ps[0], want)
		}
	}
	r := validRecord("x")
	r.Name = "المنتدى الأوروبي עברית"
	if ps := v.Record(&r); ps.HasErrors() {
		t.Errorf("right-to-left text refused: %v", ps)
	}
	m := Metadata{Title: "T\u202e"}
	for _, p := range v.Metadata(&m, "dataset.json") {
		if p.Field == "title" {
			return
		}
	}
	t.Error("a bidi control in dataset.json's title is not reported")
}

func formatRune(c rune) string {
	const hex = "0123456789ABCDEF"
	return string([]byte{hex[c>>12&15], hex[c>>8&15], hex[c>>4&15], hex[c&15]})
}

// TestBidiControlsInAddresses: RFC 3987 forbids bidirectional formatting
// characters in IRIs; a web address holding one is not valid.
func TestBidiControlsInAddresses(t *testing.T) {
	for _, s := range []string{"https://example.org/\u202egpj.exe", "https://exa\u200fmple.org/"} {
		if IsWebURL(s) {
			t.Errorf("IsWebURL(%q) = true", s)
		}
	}
	if !IsWebURL("https://example.org/caf\u00e9") {
		t.Error("an IRI with ordinary non-ASCII text is refused")
	}
}
