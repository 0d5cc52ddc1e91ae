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

// oxigraphTimeout bounds one run of the Oxigraph judge: a safety net
// against a hung node process, not a performance assertion.
const oxigraphTimeout = 5 * time.Minute

// SPARQLUpdate loads the N-Triples graph at graphPath into Oxigraph (a
// real RDF store; tools/oxigraph/apply.mjs, Node.js) as its default
// graph, runs the SPARQL 1.1 Update file at updatePath against it, and
// returns the resulting graph as N-Triples, one triple per line, sorted.
// When node or the judge's node_modules are missing, t is skipped (failed
// under CI). A graph or update Oxigraph refuses fails t, with its message.
func SPARQLUpdate(t testing.TB, graphPath, updatePath string) []byte {
	t.Helper()
	node := Need(t, "node")
	dir := filepath.Join(RepoRoot(t), "tools", "oxigraph")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "oxigraph", "package.json")); err != nil {
		Missing(t, "oxigraph in "+dir+"/node_modules (run: cd tools/oxigraph && npm ci)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), oxigraphTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join(dir, "apply.mjs"), graphPath, updatePath)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("Oxigraph judge on %s + %s: %v\n%s", graphPath, updatePath, err, stderr.String())
	}
	return stdout.Bytes()
}
