package release

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

// FuzzDate: whatever a catalog.jsonld holds (a release folder is only a
// folder, and anyone may have written into it), Date returns a date of
// the form YYYY-MM-DD or an error, and never panics.
func FuzzDate(f *testing.F) {
	golden, err := os.ReadFile(filepath.Join("..", "..", "testdata", "release", "2026-11-27", CatalogFile))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(golden)
	for _, s := range []string{
		"", "{}", `{"@graph": 1}`, `{"@graph": [{"@type": "dcat:Dataset", "issued": "2026-02-30"}]}`,
		`{"@graph": [{"@type": ["x", "dcat:Dataset"], "issued": {"@value": "2026-01-01"}}]}`,
		`{"@graph": [{"@type": "dcat:Dataset", "issued": [[[[["2026-01-01"]]]]]}]}`, ".2%&28", `{"@graph": [null]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := filepath.Join(t.TempDir(), "v1")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, CatalogFile), data, 0o644); err != nil {
			t.Fatal(err)
		}
		d, err := Date(dir)
		if err == nil && (len(d) != 10 || !schema.IsPartialDate(d)) {
			t.Errorf("Date = %q, not a date", d)
		}
	})
}
