// Package judge finds the third-party programs that tests use as
// independent judges of bordernet's output (rapper, serdi, soffice, node
// with rdf-validate-shacl, ...). Locally a missing judge skips the test that
// needs it; under CI (CI=true) a missing judge fails it, so a green CI run
// always means every judge was consulted.
package judge

import (
	"os"
	"os/exec"
	"testing"
)

// Need returns the path of the program name, looked up on PATH. When it is
// missing the test is skipped, or failed when the CI environment variable
// is "true".
func Need(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	Missing(t, name+" (not on PATH; bash .ci/run installs it)")
	return ""
}

// Missing skips t, or fails it under CI, because the judge what is not
// available.
func Missing(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("judge missing under CI: %s", what)
	}
	t.Skipf("judge missing: %s", what)
}
