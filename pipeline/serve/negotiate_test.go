package serve

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestNegotiate(t *testing.T) {
	for _, tc := range []struct {
		accept string
		want   string // media type, "" for none acceptable
	}{
		{"", "text/html"},
		{"*/*", "text/html"},
		{browserAccept, "text/html"},
		{"text/turtle", "text/turtle"},
		{"text/turtle; charset=utf-8", "text/turtle"},
		{"application/n-triples, text/turtle;q=0.9", "application/n-triples"},
		{"application/n-triples;q=0.3, text/turtle;q=0.9", "text/turtle"},
		{"application/*;q=0.5, text/turtle;q=0.4", "application/ld+json"},
		{"text/*, text/html;q=0", "text/turtle"},
		{"*/*, text/html;q=0, text/turtle;q=0", "application/ld+json"},
		{"application/xhtml+xml", "text/html"},
		{"application/json", "application/ld+json"},
		{"text/turtle;q=2", ""}, // an impossible weight counts as no wish
		{"text/turtle;q=abc, */*;q=0.1", "text/html"},
		{"image/png", ""},
		{"*/*;q=0", ""},
		{"garbage, ,;, /, */turtle", ""},
		{"text/turtle;level=1;q=0.7, text/html;q=0.6", "text/turtle"},
	} {
		f, ok := negotiate(tc.accept, docFormats())
		got := ""
		if ok {
			got = f.mediaType
		}
		if got != tc.want {
			t.Errorf("negotiate(%q) = %q, want %q", tc.accept, got, tc.want)
		}
	}
}

func TestPrefersHTML(t *testing.T) {
	for accept, want := range map[string]bool{
		"":                                     true,
		browserAccept:                          true,
		"application/json":                     false,
		"text/turtle":                          false,
		"application/ld+json, text/html;q=0.5": false,
		"text/html, application/json":          true,
	} {
		if got := prefersHTML(accept); got != want {
			t.Errorf("prefersHTML(%q) = %v", accept, got)
		}
	}
}

// FuzzNegotiate: any header gives an answer without a panic, and the
// answer is one of the offers with a positive weight.
func FuzzNegotiate(f *testing.F) {
	for _, s := range []string{"", "*/*", browserAccept, "text/turtle;q=0.5, application/*;q=0.1", "a/b;q=;;,", "*/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, accept string) {
		fm, ok := negotiate(accept, docFormats())
		if !ok {
			return
		}
		if q := quality(parseAccept(accept), fm.mediaType); q <= 0 || q > 1 {
			t.Fatalf("negotiate(%q) = %s with weight %v", accept, fm.mediaType, q)
		}
		for _, other := range docFormats() {
			if quality(parseAccept(accept), other.mediaType) > quality(parseAccept(accept), fm.mediaType) {
				t.Fatalf("negotiate(%q) = %s, but %s weighs more", accept, fm.mediaType, other.mediaType)
			}
		}
	})
}

func TestCheckLoopback(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:8080": "127.0.0.1:8080",
		"localhost:0":    "127.0.0.1:0",
		"[::1]:9000":     "[::1]:9000",
		"127.0.0.2:80":   "127.0.0.2:80",
		"0.0.0.0:8080":   "",
		":8080":          "",
		"192.168.1.5:80": "",
		"example.org:80": "",
		"127.0.0.1":      "",
	} {
		got, err := CheckLoopback(addr)
		if got != want || (err == nil) != (want != "") {
			t.Errorf("CheckLoopback(%q) = %q, %v; want %q", addr, got, err, want)
		}
	}
}

// FuzzCleanPath: whatever the request path, what cleanPath lets through
// is a local path of plain segments, which os.Root then opens inside the
// release.
func FuzzCleanPath(f *testing.F) {
	for _, s := range []string{"/", "/id/frontex", "/../etc/passwd", "/id/..", "/a//b", "/.htaccess", "/a\\b", "/a\x00b", "/vocab/kind/agency.ttl"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, urlPath string) {
		p, ok := cleanPath(urlPath)
		if !ok || p == "" {
			return
		}
		if !filepath.IsLocal(p) || strings.Contains(p, "..") && slices.Contains(strings.Split(p, "/"), "..") {
			t.Fatalf("cleanPath(%q) = %q, not local", urlPath, p)
		}
		for _, seg := range strings.Split(p, "/") {
			if seg == "" || strings.HasPrefix(seg, ".") {
				t.Fatalf("cleanPath(%q) = %q: segment %q", urlPath, p, seg)
			}
		}
	})
}
