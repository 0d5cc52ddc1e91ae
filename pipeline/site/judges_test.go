package site

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/internal/judge"
)

// TestStrictParsers has rapper read every Turtle and N-Triples document of
// the seed's site and serdi check them strictly.
func TestStrictParsers(t *testing.T) {
	dir := publish(t, seedRelease(t), Options{})
	var docs []string
	for name := range siteFiles(t, dir) {
		if strings.HasSuffix(name, ".ttl") || strings.HasSuffix(name, ".nt") {
			docs = append(docs, filepath.Join(dir, filepath.FromSlash(name)))
		}
	}
	if len(docs) < 40 {
		t.Fatalf("only %d RDF documents", len(docs))
	}
	rapper := judge.Need(t, "rapper")
	serdi := judge.Need(t, "serdi")
	for _, doc := range docs {
		syntax, serdiSyntax := "turtle", "turtle"
		if strings.HasSuffix(doc, ".nt") {
			syntax, serdiSyntax = "ntriples", "ntriples"
		}
		if out, err := exec.Command(rapper, "-q", "-i", syntax, "-c", doc).CombinedOutput(); err != nil {
			t.Errorf("rapper rejects %s: %v\n%s", doc, err, out)
		}
		if out, err := exec.Command(serdi, "-i", serdiSyntax, "-o", "ntriples", doc).CombinedOutput(); err != nil {
			t.Errorf("serdi rejects %s: %v\n%s", doc, err, out)
		}
	}
}

// TestHTMLChecker has the W3C's Nu Html Checker validate every page of
// the seed's site as HTML5 and the picture as SVG, warnings included; and
// makes sure it would notice a broken page.
func TestHTMLChecker(t *testing.T) {
	dir := publish(t, seedRelease(t), Options{})
	var pages []string
	for _, name := range htmlPages(siteFiles(t, dir)) {
		pages = append(pages, filepath.Join(dir, filepath.FromSlash(name)))
	}
	bad := filepath.Join(t.TempDir(), "bad.html")
	if err := os.WriteFile(bad, []byte("<!DOCTYPE html>\n<html lang=en><title>x</title><p>a<div></p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if report, valid := judge.HTMLCheck(t, false, bad); valid {
		t.Fatalf("the checker passes a broken page:\n%s", report)
	}
	if report, valid := judge.HTMLCheck(t, false, pages...); !valid {
		t.Errorf("the checker rejects the site's pages:\n%s", report)
	}
	if report, valid := judge.HTMLCheck(t, true, filepath.Join(dir, "relations.svg")); !valid {
		t.Errorf("the checker rejects relations.svg:\n%s", report)
	}
}

// TestTableScriptParses has node check table.js's syntax (the browser
// tests of bordernet serve run it).
func TestTableScriptParses(t *testing.T) {
	node := judge.Need(t, "node")
	if out, err := exec.Command(node, "--check", filepath.Join("assets", "table.js")).CombinedOutput(); err != nil {
		t.Errorf("node rejects table.js: %v\n%s", err, out)
	}
}
