package judge

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// vnuTimeout bounds one run of the HTML checker: a safety net against a
// hung JVM, not a performance assertion (a run over a site takes seconds).
const vnuTimeout = 5 * time.Minute

// HTMLCheck runs the Nu Html Checker (vnu.jar, the W3C's HTML5 validator,
// installed by `npm ci` in tools/vnu and run with java) over files, as
// HTML, or as SVG when svg is set, with warnings counted as errors. It
// returns the checker's report and whether every file passed. When java
// or the jar is missing, t is skipped (failed under CI).
func HTMLCheck(t testing.TB, svg bool, files ...string) (report string, valid bool) {
	t.Helper()
	java := Need(t, "java")
	jar := filepath.Join(RepoRoot(t), "tools", "vnu", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	if _, err := os.Stat(jar); err != nil {
		Missing(t, jar+" (run: cd tools/vnu && npm ci)")
	}
	args := []string{"-jar", jar, "--Werror"}
	if svg {
		args = append(args, "--svg")
	}
	ctx, cancel := context.WithTimeout(context.Background(), vnuTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, java, append(args, files...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok || ctx.Err() != nil {
			t.Fatalf("the HTML checker failed to run: %v\n%s", err, out.String())
		}
	}
	return out.String(), err == nil
}
