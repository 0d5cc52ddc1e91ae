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

// Python returns the path of the system's Python 3 (Debian's
// /usr/bin/python3, where apt installs modules such as python3-openpyxl)
// after checking it can import module. When it cannot, the test is
// skipped, or failed under CI.
func Python(t testing.TB, module string) string {
	t.Helper()
	python := "/usr/bin/python3"
	if _, err := os.Stat(python); err != nil {
		Missing(t, python+" (bash .ci/run installs it)")
		return ""
	}
	if out, err := exec.Command(python, "-c", "import "+module).CombinedOutput(); err != nil {
		Missing(t, "Python module "+module+" ("+string(out)+"; bash .ci/run installs python3-"+module+")")
		return ""
	}
	return python
}
