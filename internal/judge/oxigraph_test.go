package judge

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSPARQLUpdate: the Oxigraph judge really applies an update (a triple
// deleted, one inserted, an escaped literal kept exact), and a broken
// update fails the test that asked for it rather than passing unnoticed.
func TestSPARQLUpdate(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	graph := write("g.nt", "<http://x/a> <http://x/p> \"old\" .\n<http://x/a> <http://x/q> \"tab\\there \\\"q\\\" é\"@en .\n")
	update := write("u.ru", "DELETE DATA {\n<http://x/a> <http://x/p> \"old\" .\n} ;\nINSERT DATA {\n<http://x/a> <http://x/p> \"new\" .\n}\n")
	got := string(SPARQLUpdate(t, graph, update))
	want := "<http://x/a> <http://x/p> \"new\" .\n<http://x/a> <http://x/q> \"tab\\there \\\"q\\\" é\"@en .\n"
	if got != want {
		t.Errorf("Oxigraph gave\n%s\nwant\n%s", got, want)
	}

	broken := write("broken.ru", "DELETE DATA { <http://x/a> <http://x/p> _:b . }")
	rec := run(t, func(tb testing.TB) { SPARQLUpdate(tb, graph, broken) })
	if !rec.failed || !strings.Contains(rec.msg, "broken.ru") {
		t.Errorf("a broken update: failed=%v %q, want a failure naming it", rec.failed, rec.msg)
	}
}
