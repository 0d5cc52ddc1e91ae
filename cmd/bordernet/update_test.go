package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryPackageAcceptsUpdate: go test ./... -update rewrites every
// golden file at once only if every package with tests accepts -update
// (a test binary stops at a flag it does not define). A package without
// golden files defines it too (see pipeline/merge/update_test.go).
func TestEveryPackageAcceptsUpdate(t *testing.T) {
	root := "../.."
	defines := map[string]bool{} // package folder → a test file defines -update
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		dir := filepath.Dir(path)
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		defines[dir] = defines[dir] || strings.Contains(string(src), `flag.Bool("update"`)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(defines) < 10 {
		t.Fatalf("found only %d test packages under %s", len(defines), root)
	}
	for dir, ok := range defines {
		if !ok {
			t.Errorf("%s: no test file defines the -update flag, so go test ./... -update fails there; add an update_test.go like pipeline/merge's", dir)
		}
	}
}
