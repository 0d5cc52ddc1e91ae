package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/bordernet/bordernet/pipeline/serve/servetest"
	"github.com/bordernet/bordernet/pipeline/site"
)

var servingLine = regexp.MustCompile(`^serving .* at (http://127\.0\.0\.1:\d+)/$`)

// TestServeCommand runs bordernet serve in-process on a release made by
// bordernet release, asks it a record in Turtle, and stops it.
func TestServeCommand(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr strings.Builder
	if code := run(context.Background(), []string{"bordernet", "release", "--out", out, "--date", servetest.Date, servetest.SourcesDir()}, &stdout, &stderr); code != 0 {
		t.Fatalf("release: exit %d\n%s", code, stderr.String())
	}
	for _, name := range []string{".htaccess", "nginx.conf", "inbound.tsv", "index.html", "id/frontex.html"} {
		if _, err := os.Stat(filepath.Join(out, "latest", name)); err != nil {
			t.Errorf("the release lacks %s: %v", name, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		code := run(ctx, []string{"bordernet", "serve", "--addr", "127.0.0.1:0", filepath.Join(out, "latest")}, pw, &stderr)
		pw.Close()
		done <- code
	}()
	lines := bufio.NewScanner(pr)
	if !lines.Scan() {
		t.Fatalf("serve printed nothing; stderr: %s", stderr.String())
	}
	m := servingLine.FindStringSubmatch(lines.Text())
	if m == nil {
		t.Fatalf("serve printed %q", lines.Text())
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, _ := http.NewRequest("GET", m[1]+"/id/frontex", nil)
	req.Header.Set("Accept", "text/turtle")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/id/frontex.ttl" {
		t.Errorf("GET /id/frontex: %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	cancel()
	var rest []string
	for lines.Scan() {
		rest = append(rest, lines.Text())
	}
	if code := <-done; code != 0 || strings.Join(rest, "\n") != "stopped" {
		t.Errorf("serve: exit %d, then %q; stderr: %s", code, rest, stderr.String())
	}
}

// TestServeSIGTERM: the bordernet program, sent SIGTERM in the middle of
// a download, stops listening, finishes the download and exits 0.
func TestServeSIGTERM(t *testing.T) {
	bin, err := exec.LookPath("bordernet") // the test binary, as testscript.Main installs it
	if err != nil {
		t.Skip("no bordernet on PATH:", err)
	}
	dir := servetest.Publish(t, site.PagesAuto)
	const size = 64 << 20 // far more than the sockets buffer
	big, err := os.Create(filepath.Join(dir, "big.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(size); err != nil {
		t.Fatal(err)
	}
	big.Close()

	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", dir)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() {
		t.Fatalf("serve printed nothing; stderr: %s", stderr.String())
	}
	m := servingLine.FindStringSubmatch(lines.Text())
	if m == nil {
		t.Fatalf("serve printed %q", lines.Text())
	}
	resp, err := http.Get(m[1] + "/big.bin")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, err := io.ReadFull(resp.Body, make([]byte, 1<<20))
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// The listener closes; the download is still in flight.
	addr := strings.TrimPrefix(m[1], "http://")
	for {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			break
		}
		c.Close()
	}
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil || int64(got)+n != size {
		t.Errorf("the download in flight got %d bytes of %d: %v", int64(got)+n, size, err)
	}
	var rest []string
	for lines.Scan() {
		rest = append(rest, lines.Text())
	}
	if err := cmd.Wait(); err != nil || strings.Join(rest, "\n") != "stopped" {
		t.Errorf("serve after SIGTERM: %v, printed %q; stderr: %s", err, rest, stderr.String())
	}
}
