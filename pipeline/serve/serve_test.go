package serve

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/bordernet/bordernet/pipeline/serve/servetest"
	"github.com/bordernet/bordernet/pipeline/site"
)

// The seed release, published once per test binary: with a page and
// documents per record (as a small release is), and without (as a large
// one is, every document made on request).
var (
	fixtureOnce          sync.Once
	withPages, onRequest string
)

func releases(t *testing.T) (static, dynamic string) {
	fixtureOnce.Do(func() {
		tmp, err := os.MkdirTemp("", "serve-test-")
		if err != nil {
			t.Fatal(err)
		}
		// Not t.TempDir: the fixture outlives the first test.
		withPages = publishInto(t, tmp, "pages", site.PagesAll)
		onRequest = publishInto(t, tmp, "none", site.PagesNone)
	})
	if withPages == "" {
		t.Fatal("the fixture releases could not be published")
	}
	return withPages, onRequest
}

func publishInto(t *testing.T, tmp, name string, pages site.Pages) string {
	dir := servetest.Publish(t, pages)
	target := filepath.Join(tmp, name)
	if err := os.Rename(dir, target); err != nil {
		t.Fatal(err)
	}
	return target
}

// startServer runs a real server for dir on 127.0.0.1 and returns its
// base URL; it stops when the test ends.
func startServer(t *testing.T, dir string) string {
	t.Helper()
	h, err := New(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, ln, NewServer(h, nil)) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
		h.Close()
	})
	return "http://" + ln.Addr().String()
}

// client does not follow redirects: the tests look at them.
var client = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func do(t *testing.T, method, url string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

const browserAccept = servetest.BrowserAccept

func TestNegotiation(t *testing.T) {
	static, _ := releases(t)
	base := startServer(t, static)
	links := `</id/frontex.html>; rel="alternate"; type="text/html", </id/frontex.ttl>; rel="alternate"; type="text/turtle", </id/frontex.jsonld>; rel="alternate"; type="application/ld+json", </id/frontex.nt>; rel="alternate"; type="application/n-triples"`
	for _, tc := range servetest.Cases() {
		name := tc.Path + " Accept: " + tc.Accept
		resp, body := do(t, "GET", base+tc.Path, map[string]string{"Accept": tc.Accept})
		if resp.StatusCode != tc.Status {
			t.Errorf("%s: status %d, want %d\n%s", name, resp.StatusCode, tc.Status, body)
			continue
		}
		if got := resp.Header.Get("Location"); got != tc.Location {
			t.Errorf("%s: Location %q, want %q", name, got, tc.Location)
		}
		if tc.ContentType != "" && resp.Header.Get("Content-Type") != tc.ContentType {
			t.Errorf("%s: Content-Type %q, want %q", name, resp.Header.Get("Content-Type"), tc.ContentType)
		}
		negotiated := tc.Status == 303 || tc.Status == 406 || tc.Status == 404
		if got := resp.Header.Get("Vary"); negotiated != (got == "Accept") {
			t.Errorf("%s: Vary %q", name, got)
		}
		if strings.HasPrefix(tc.Path, "/id/frontex") && tc.Status != 404 && resp.Header.Get("Link") != links {
			t.Errorf("%s: Link %q, want %q", name, resp.Header.Get("Link"), links)
		}
		if tc.Status == 406 {
			for _, mt := range []string{"text/html", "text/turtle", "application/ld+json"} {
				if !strings.Contains(body, mt) {
					t.Errorf("%s: the 406 body does not list %s:\n%s", name, mt, body)
				}
			}
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Content-Security-Policy") != ContentSecurityPolicy {
			t.Errorf("%s: security headers missing: %v", name, resp.Header)
		}
	}
}

func TestConditionalRangeHead(t *testing.T) {
	static, dynamic := releases(t)
	for _, dir := range []string{static, dynamic} {
		base := startServer(t, dir)
		for _, path := range []string{"/bordernet.nt", "/id/frontex.ttl", "/id/frontex.html", "/vocab/kind/agency.jsonld"} {
			name := filepath.Base(dir) + path
			resp, full := do(t, "GET", base+path, nil)
			etag := resp.Header.Get("ETag")
			if resp.StatusCode != 200 || !strings.HasPrefix(etag, `"`) || len(full) < 100 {
				t.Fatalf("%s: status %d, ETag %q, %d bytes", name, resp.StatusCode, etag, len(full))
			}
			resp, body := do(t, "GET", base+path, map[string]string{"If-None-Match": etag})
			if resp.StatusCode != 304 || body != "" {
				t.Errorf("%s: If-None-Match: status %d, %d bytes", name, resp.StatusCode, len(body))
			}
			resp, _ = do(t, "GET", base+path, map[string]string{"If-None-Match": `"other"`})
			if resp.StatusCode != 200 {
				t.Errorf("%s: If-None-Match other: status %d", name, resp.StatusCode)
			}
			resp, body = do(t, "GET", base+path, map[string]string{"Range": "bytes=10-49"})
			if resp.StatusCode != 206 || body != full[10:50] || resp.Header.Get("Content-Range") != fmt.Sprintf("bytes 10-49/%d", len(full)) {
				t.Errorf("%s: Range: status %d, Content-Range %q, body %q", name, resp.StatusCode, resp.Header.Get("Content-Range"), body)
			}
			resp, body = do(t, "HEAD", base+path, nil)
			if resp.StatusCode != 200 || body != "" || resp.ContentLength != int64(len(full)) || resp.Header.Get("ETag") != etag {
				t.Errorf("%s: HEAD: status %d, %d bytes, Content-Length %d, ETag %q", name, resp.StatusCode, len(body), resp.ContentLength, resp.Header.Get("ETag"))
			}
		}
		for _, path := range []string{"/id/frontex", "/id/nobody", "/catalog"} {
			get, _ := do(t, "GET", base+path, map[string]string{"Accept": "text/turtle"})
			head, body := do(t, "HEAD", base+path, map[string]string{"Accept": "text/turtle"})
			if head.StatusCode != get.StatusCode || body != "" || head.Header.Get("Location") != get.Header.Get("Location") {
				t.Errorf("HEAD %s: %d %q, GET: %d %q", path, head.StatusCode, head.Header.Get("Location"), get.StatusCode, get.Header.Get("Location"))
			}
		}
		resp, _ := do(t, "POST", base+"/id/frontex", nil)
		if resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("POST: status %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
		}
	}
}

// TestDocumentsOnRequest: a release without per-record files answers
// every record's documents, made from bordernet.nt, with the bytes the
// release with files holds.
func TestDocumentsOnRequest(t *testing.T) {
	static, dynamic := releases(t)
	if _, err := os.Stat(filepath.Join(dynamic, "id")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the on-request fixture has per-record files: %v", err)
	}
	base := startServer(t, dynamic)
	pages, err := filepath.Glob(filepath.Join(static, "id", "*"))
	if err != nil || len(pages) < 40 {
		t.Fatalf("%d record documents in the fixture: %v", len(pages), err)
	}
	for _, file := range pages {
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		path := "/id/" + filepath.Base(file)
		resp, got := do(t, "GET", base+path, nil)
		if resp.StatusCode != 200 {
			t.Errorf("%s: status %d", path, resp.StatusCode)
			continue
		}
		if got != string(want) {
			t.Errorf("%s made on request differs from the release's file:\n%s", path, firstDifference(got, string(want)))
		}
	}
}

func firstDifference(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(la), len(lb))
}

// rawGet sends path exactly as given, which net/http's client would clean.
func rawGet(t *testing.T, base, path string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: localhost\r\nAccept: text/plain\r\nConnection: close\r\n\r\n", path)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestNoEscape(t *testing.T) {
	static, _ := releases(t)
	// A copy of the release with symbolic links out of it.
	dir := t.TempDir()
	copyTree(t, static, dir)
	secretDir := t.TempDir()
	secret := filepath.Join(secretDir, "secret.txt")
	if err := os.WriteFile(secret, []byte("TOP SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	must(t, os.Symlink(secret, filepath.Join(dir, "leak.txt")))
	must(t, os.Symlink(secretDir, filepath.Join(dir, "leakdir")))
	must(t, os.Symlink("../../"+filepath.Base(secretDir), filepath.Join(dir, "id", "rel")))
	must(t, os.Symlink(secret, filepath.Join(dir, "id", "leak.html")))
	must(t, os.WriteFile(filepath.Join(dir, ".htaccess"), []byte("RewriteEngine On\n"), 0o644))
	base := startServer(t, dir)
	for _, path := range []string{
		"/../" + filepath.Base(secretDir) + "/secret.txt",
		"/id/../../" + filepath.Base(secretDir) + "/secret.txt",
		"/%2e%2e/%2e%2e/etc/passwd",
		"/%2E%2E%2Fetc%2Fpasswd",
		"/id/..%2f..%2f..%2fetc%2fpasswd",
		"/id/%2e%2e",
		"/..%5c..%5cetc%5cpasswd",
		"/leak.txt",
		"/leakdir/secret.txt",
		"/id/rel/secret.txt",
		"/id/leak.html",
		"/id/leak",
		"/.htaccess",
		"/id/",
		"/vocab/",
		"//etc/passwd",
		"/etc/passwd",
		"/id/frontex.html%00.txt",
	} {
		status, body := rawGet(t, base, path)
		if status == 200 || strings.Contains(body, "TOP SECRET") || strings.Contains(body, "root:") || strings.Contains(body, "RewriteEngine") {
			t.Errorf("GET %s: status %d, body %.80q", path, status, body)
		}
	}
	// The same server answers what is in the release.
	if status, _ := rawGet(t, base, "/id/frontex.ttl"); status != 200 {
		t.Errorf("GET /id/frontex.ttl: status %d", status)
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	must(t, os.CopyFS(to, os.DirFS(from)))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestReleaseWithoutSiteOrIndex: a release published before the site and
// the inbound index still answers every record, in every format.
func TestReleaseWithoutSiteOrIndex(t *testing.T) {
	_, dynamic := releases(t)
	dir := t.TempDir()
	copyTree(t, dynamic, dir)
	for _, name := range []string{"site.json", "inbound.tsv", "index.html"} {
		must(t, os.Remove(filepath.Join(dir, name)))
	}
	base := startServer(t, dir)
	for _, ext := range []string{".html", ".ttl", ".nt", ".jsonld"} {
		resp, body := do(t, "GET", base+"/id/frontex"+ext, nil)
		if resp.StatusCode != 200 || !strings.Contains(body, "Frontex") {
			t.Errorf("/id/frontex%s: status %d, %.200q", ext, resp.StatusCode, body)
		}
	}
	resp, _ := do(t, "GET", base+"/id/frontex", map[string]string{"Accept": "text/turtle"})
	if resp.StatusCode != 303 {
		t.Errorf("/id/frontex: status %d", resp.StatusCode)
	}
}

// TestLatestIsPinned: serving the latest link serves the release it
// pointed at when the server started.
func TestLatestIsPinned(t *testing.T) {
	static, dynamic := releases(t)
	out := t.TempDir()
	must(t, os.Symlink(static, filepath.Join(out, "latest")))
	base := startServer(t, filepath.Join(out, "latest"))
	must(t, os.Remove(filepath.Join(out, "latest")))
	must(t, os.Symlink(dynamic, filepath.Join(out, "latest")))
	// The per-record file exists only in the release served at start.
	if resp, _ := do(t, "GET", base+"/id/frontex.ttl", nil); resp.StatusCode != 200 || resp.Header.Get("ETag") == "" {
		t.Fatalf("status %d", resp.StatusCode)
	}
	resp, body := do(t, "GET", base+"/site.json", nil)
	if resp.StatusCode != 200 || !strings.Contains(body, `"record_pages": true`) {
		t.Errorf("after the link moved, serve answers from another release: %s", body)
	}
}
