package hosting_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bordernet/bordernet/internal/judge"
	"github.com/bordernet/bordernet/pipeline/hosting"
	"github.com/bordernet/bordernet/pipeline/serve"
	"github.com/bordernet/bordernet/pipeline/serve/servetest"
	"github.com/bordernet/bordernet/pipeline/site"
	"github.com/bordernet/bordernet/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func TestGolden(t *testing.T) {
	rel := &schema.Release{Meta: schema.Metadata{BaseIRI: "https://w3id.org/bordernet/"}, Version: "2026-11-27", Date: "2026-11-27"}
	dir := t.TempDir()
	names, err := hosting.Write(context.Background(), dir, rel, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{hosting.HtaccessFile, hosting.NginxFile}; strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("Write wrote %v, want %v", names, want)
	}
	for _, name := range names {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", strings.TrimPrefix(name, ".")+".golden")
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (rerun with -update and read the diff)", name, golden)
		}
	}
}

// publicRelease publishes the seed release where a web server's workers,
// which drop root's rights, can read it.
func publicRelease(t *testing.T) string {
	dir := servetest.Publish(t, site.PagesAuto)
	for p := filepath.Dir(dir); strings.HasPrefix(p, os.TempDir()) && p != os.TempDir(); p = filepath.Dir(p) {
		os.Chmod(p, 0o755)
	}
	return dir
}

func freePort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startDaemon runs a web server in the foreground until the test ends, and
// waits until it answers.
func startDaemon(t *testing.T, base string, logFile string, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
	for {
		select {
		case <-exited:
			log, _ := os.ReadFile(logFile)
			t.Fatalf("%s exited: %s\n%s", name, out.String(), log)
		default:
		}
		if resp, err := http.Get(base + "/SHA256SUMS"); err == nil {
			resp.Body.Close()
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// checkCases sends the negotiation cases a static host can answer, to
// the release served at base + prefix ("" or "/sub").
func checkCases(t *testing.T, base, prefix, server string) {
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	checked := 0
	for _, tc := range servetest.Cases() {
		if tc.QValues {
			continue
		}
		checked++
		name := fmt.Sprintf("%s: %s%s Accept: %q", server, prefix, tc.Path, tc.Accept)
		req, _ := http.NewRequest("GET", base+prefix+tc.Path, nil)
		if tc.Accept != "" {
			req.Header.Set("Accept", tc.Accept)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		status := resp.StatusCode
		if tc.Status == 404 && status == 403 {
			status = 404 // a folder or a dot file: refused either way
		}
		if status != tc.Status {
			t.Errorf("%s: status %d, want %d", name, resp.StatusCode, tc.Status)
			continue
		}
		if tc.Location != "" {
			loc, err := url.Parse(resp.Header.Get("Location"))
			if err != nil || loc.Path != prefix+tc.Location {
				t.Errorf("%s: Location %q, want %q", name, resp.Header.Get("Location"), tc.Location)
			}
			if !strings.Contains(resp.Header.Get("Vary"), "Accept") {
				t.Errorf("%s: Vary %q", name, resp.Header.Get("Vary"))
			}
			if strings.HasPrefix(tc.Path, "/id/") && !strings.Contains(resp.Header.Get("Link"), `<`+prefix+tc.Path+`.ttl>; rel="alternate"; type="text/turtle"`) {
				t.Errorf("%s: Link %q", name, resp.Header.Get("Link"))
			}
		}
		if tc.Status == 200 {
			got, gotParams, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
			want, _, _ := mime.ParseMediaType(tc.ContentType)
			if got != want || !strings.EqualFold(gotParams["charset"], "utf-8") {
				t.Errorf("%s: Content-Type %q, want %q", name, resp.Header.Get("Content-Type"), tc.ContentType)
			}
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Content-Security-Policy") != serve.ContentSecurityPolicy {
			t.Errorf("%s: security headers missing: %v", name, resp.Header)
		}
	}
	if checked < 30 {
		t.Errorf("only %d cases checked", checked)
	}
}

// TestNginx serves the seed release with a real nginx and its nginx.conf.
func TestNginx(t *testing.T) {
	nginx := judge.Nginx(t)
	dir := publicRelease(t)
	tmp := t.TempDir()
	port := freePort(t)
	conf := fmt.Sprintf(`daemon off;
master_process off;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log warn;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    server {
        listen 127.0.0.1:%[2]d;
        server_name localhost;
        root %[3]s;
        include %[3]s/nginx.conf;
    }
}
`, tmp, port, dir)
	confFile := filepath.Join(tmp, "test.conf")
	if err := os.WriteFile(confFile, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(nginx, "-t", "-p", tmp, "-c", confFile).CombinedOutput(); err != nil {
		t.Fatalf("nginx -t: %v\n%s", err, out)
	}
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	startDaemon(t, base, filepath.Join(tmp, "error.log"), nginx, "-p", tmp, "-c", confFile)
	checkCases(t, base, "", "nginx")
}

// TestApache serves the seed release with a real Apache httpd and its
// .htaccess.
func TestApache(t *testing.T) {
	apache := judge.Apache(t)
	modules := "/usr/lib/apache2/modules"
	dir := publicRelease(t)
	tmp := t.TempDir()
	port := freePort(t)
	mimeTypes := "/etc/mime.types"
	if _, err := os.Stat(mimeTypes); err != nil {
		mimeTypes = os.DevNull
	}
	var load strings.Builder
	for _, m := range []string{"mpm_event", "authz_core", "dir", "mime", "rewrite", "headers", "env", "alias"} {
		fmt.Fprintf(&load, "LoadModule %s_module %s/mod_%s.so\n", m, modules, m)
	}
	conf := fmt.Sprintf(`ServerRoot %[1]s
%[4]sServerName localhost
Listen 127.0.0.1:%[2]d
PidFile %[1]s/httpd.pid
DefaultRuntimeDir %[1]s
ErrorLog %[1]s/error.log
LogLevel warn
User nobody
Group nogroup
TypesConfig %[5]s
DocumentRoot %[3]s
Alias /sub %[3]s
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory %[3]s>
    AllowOverride All
    Require all granted
</Directory>
`, tmp, port, dir, load.String(), mimeTypes)
	confFile := filepath.Join(tmp, "httpd.conf")
	if err := os.WriteFile(confFile, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(apache, "-t", "-f", confFile).CombinedOutput(); err != nil {
		t.Fatalf("apache2 -t: %v\n%s", err, out)
	}
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	startDaemon(t, base, filepath.Join(tmp, "error.log"), apache, "-X", "-f", confFile)
	checkCases(t, base, "", "apache")
	// The same rules below the root of the host.
	checkCases(t, base, "/sub", "apache under /sub")
}
