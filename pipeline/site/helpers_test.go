package site

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/bordernet/bordernet/pipeline/release"
	"github.com/bordernet/bordernet/pipeline/source"
	"github.com/bordernet/bordernet/schema"
)

var update = flag.Bool("update", false, "rewrite the golden site under testdata/site")

// seedRelease reads the repository's sources as `make release` does.
func seedRelease(t testing.TB) *schema.Release {
	t.Helper()
	ds, err := source.Load(context.Background(), []string{filepath.Join("..", "..", "sources")})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Problems.HasErrors() {
		t.Fatalf("the repository's sources have errors: %v", ds.Problems)
	}
	return &schema.Release{Meta: ds.Meta, Version: "2026-11-27", Date: "2026-11-27", Records: schema.RecordSlice(ds.Records)}
}

// publish publishes rel with its site into a temporary folder and returns
// the release folder.
func publish(t testing.TB, rel *schema.Release, opt Options) string {
	t.Helper()
	res, err := release.Publish(context.Background(), rel, release.Options{OutDir: t.TempDir(), Additions: []release.Addition{Addition(opt)}})
	if err != nil {
		t.Fatal(err)
	}
	return res.Dir
}

// dataFiles are the files of a release that are not the site's.
func isDataFile(name string) bool {
	_, known := schema.FileKindOf(name)
	_, site := schema.SiteFileKind(name)
	return known && !site
}

// siteFiles reads every file of the site in dir (the release's files
// other than the data files, catalogue and SHA256SUMS), by slash path.
func siteFiles(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		if isDataFile(rel) {
			return nil
		}
		data, err := os.ReadFile(path)
		files[rel] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// parseHTML parses a page, failing the test on error.
func parseHTML(t testing.TB, name string, data []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

// walk calls fn on every element under n, in document order.
func walk(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

// elements returns the elements named tag under n.
func elements(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	walk(n, func(e *html.Node) {
		if e.Data == tag {
			out = append(out, e)
		}
	})
	return out
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// text returns the text content of n.
func text(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return b.String()
}

// htmlPages returns the names of the .html files among files, sorted.
func htmlPages(files map[string][]byte) []string {
	var names []string
	for name := range files {
		if strings.HasSuffix(name, ".html") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}
