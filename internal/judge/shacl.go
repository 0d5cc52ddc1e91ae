package judge

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// shaclTimeout bounds one run of the SHACL judge. It is a safety net against
// a hung node process, not a performance assertion: a catalogue validates in
// about a second.
const shaclTimeout = 5 * time.Minute

// SHACL validates the Turtle file at dataPath (N-Triples by the .nt
// extension, JSON-LD by .jsonld, with its @context embedded) against the SHACL shape files with tools/shacl/validate.mjs, a
// Node.js program built on rdf-validate-shacl, and returns its report: one
// line per validation result, then a summary line such as
// "0 violations, 7 warnings, 0 infos (...)".
//
// conforms is true when the report holds no sh:Violation; warnings and infos
// do not count, as in the EU's own DCAT-AP validator. When node or the
// judge's node_modules are missing, t is skipped (failed under CI). An
// unreadable or unparsable input file fails t: that is a broken test, not a
// verdict.
func SHACL(t testing.TB, dataPath string, shapePaths ...string) (report string, conforms bool) {
	t.Helper()
	if len(shapePaths) == 0 {
		t.Fatalf("judge.SHACL(%s): no shape files given", dataPath)
	}
	node := Need(t, "node")
	script := shaclScript(t)

	ctx, cancel := context.WithTimeout(context.Background(), shaclTimeout)
	defer cancel()
	args := append([]string{script, dataPath}, shapePaths...)
	cmd := exec.CommandContext(ctx, node, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	report = stdout.String()

	var exit *exec.ExitError
	switch {
	case err == nil:
		return report, true
	case errors.As(err, &exit) && exit.ExitCode() == 1:
		return report, false
	default:
		t.Fatalf("SHACL judge on %s failed to run: %v\n%s%s", dataPath, err, stderr.String(), report)
		return report, false
	}
}

// shaclScript returns the path of tools/shacl/validate.mjs after checking
// that `npm ci` has installed its dependencies.
func shaclScript(t testing.TB) string {
	t.Helper()
	root := RepoRoot(t)
	dir := filepath.Join(root, "tools", "shacl")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "rdf-validate-shacl", "package.json")); err != nil {
		Missing(t, "rdf-validate-shacl in "+dir+"/node_modules (run: cd tools/shacl && npm ci)")
	}
	return filepath.Join(dir, "validate.mjs")
}

// RepoRoot returns the root of the bordernet module: the nearest directory
// at or above the test's working directory that holds go.mod.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatalf("judge: working directory: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("judge: no go.mod at or above the working directory")
		}
		dir = parent
	}
}

// Testdata returns the path of rel inside the repository's testdata/
// folder, e.g. Testdata(t, "shapes/dcat-ap/3.0.1/html-shacl/shapes.ttl").
// The judges' inputs are committed there, so a clean clone has them; a
// missing file skips t, or fails it under CI.
func Testdata(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(RepoRoot(t), "testdata", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		Missing(t, "test data file "+p)
	}
	return p
}

// DCATAPShapes returns the official DCAT-AP 3.0.1 shape files that bordernet's
// catalogue must pass with no violation: the base shapes, the class ranges
// (no background knowledge, so the catalogue states every type itself), the
// recommended properties and the deprecated-URI checks. The controlled
// vocabulary shapes are left out: they need the EU vocabularies loaded.
// The files are copied unmodified from the SEMICeu/DCAT-AP repository
// (testdata/shapes/dcat-ap/SOURCE.md says from where).
func DCATAPShapes(t testing.TB) []string {
	t.Helper()
	var paths []string
	for _, name := range []string{"shapes.ttl", "range.ttl", "shapes_recommended.ttl", "deprecateduris.ttl"} {
		paths = append(paths, Testdata(t, "shapes/dcat-ap/3.0.1/html-shacl/"+name))
	}
	return paths
}

// DCATAP2Shapes returns the official DCAT-AP 2.1.1 shape files (base,
// ranges, recommended, deprecated URIs), unmodified, for the tests that
// check a release's dataset still makes sense once a portal converts it
// to DCAT-AP 2.1.1 (as data.europa.eu does).
func DCATAP2Shapes(t testing.TB) []string {
	t.Helper()
	var paths []string
	for _, name := range []string{"shapes", "range", "shapes_recommended", "deprecateduris"} {
		paths = append(paths, Testdata(t, "shapes/dcat-ap/2.1.1/dcat-ap_2.1.1_shacl_"+name+".ttl"))
	}
	return paths
}
