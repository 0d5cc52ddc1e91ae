package judge

import (
	"os"
	"os/exec"
	"testing"
)

// lookPath finds name on PATH or in the sbin folders where Debian puts
// servers (a user's PATH often lacks them).
func lookPath(name string, dirs ...string) (string, bool) {
	if p, err := exec.LookPath(name); err == nil {
		return p, true
	}
	for _, d := range dirs {
		p := d + "/" + name
		if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return p, true
		}
	}
	return "", false
}

// Chromium returns the path of Debian's chromium, which the browser tests
// drive; nothing may download a browser of its own.
func Chromium(t testing.TB) string {
	t.Helper()
	if p, ok := lookPath("chromium", "/usr/bin"); ok {
		return p
	}
	Missing(t, "chromium (apt-get install chromium; bash .ci/run installs it)")
	return ""
}

// Nginx returns the path of nginx, which judges the release's nginx
// rules.
func Nginx(t testing.TB) string {
	t.Helper()
	if p, ok := lookPath("nginx", "/usr/sbin"); ok {
		return p
	}
	Missing(t, "nginx (apt-get install nginx-light; bash .ci/run installs it)")
	return ""
}

// Apache returns the path of Apache httpd, which judges the release's
// .htaccess.
func Apache(t testing.TB) string {
	t.Helper()
	if p, ok := lookPath("apache2", "/usr/sbin"); ok {
		return p
	}
	Missing(t, "apache2 (apt-get install apache2-bin; bash .ci/run installs it)")
	return ""
}
