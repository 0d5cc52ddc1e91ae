package release

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

// TestFileLeftOut: a data file that cannot hold the release (the XLSX
// of more records than a sheet has rows) is left out and said so: the
// release is published without it, and neither SHA256SUMS nor the
// catalogue names it.
func TestFileLeftOut(t *testing.T) {
	rel := seedRelease(t)
	specs := dataFiles()
	for i := range specs {
		if specs[i].name == schema.XLSXFile {
			// The real rule, made to bite on the seed release.
			rule := specs[i].leftOut
			if rule(rel) != "" {
				t.Fatalf("the seed release's XLSX is left out: %s", rule(rel))
			}
			specs[i].leftOut = func(*schema.Release) string { return "too many records for a sheet" }
		}
	}
	var log bytes.Buffer
	res, err := publish(context.Background(), rel, Options{OutDir: t.TempDir(), Log: &log}, specs)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "warning: bordernet.xlsx is left out of the release: too many records for a sheet") {
		t.Errorf("no warning: %q", log.String())
	}
	if _, err := os.Stat(filepath.Join(res.Dir, schema.XLSXFile)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s written: %v", schema.XLSXFile, err)
	}
	for _, name := range []string{ChecksumFile, schema.CatalogTurtleFile} {
		b, err := os.ReadFile(filepath.Join(res.Dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(schema.XLSXFile)) {
			t.Errorf("%s names %s", name, schema.XLSXFile)
		}
		if !bytes.Contains(b, []byte(schema.CSVFile)) {
			t.Errorf("%s does not name %s", name, schema.CSVFile)
		}
	}
}
