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

// find returns the path of the program name, or skips (fails under CI)
// saying how to install it.
func find(t testing.TB, name, install string) string {
	t.Helper()
	if p, ok := lookPath(name, "/usr/bin", "/usr/sbin"); ok {
		return p
	}
	Missing(t, name+" ("+install+"; bash .ci/run installs it)")
	return ""
}

// Chromium returns the path of Debian's chromium, which the browser tests
// drive; nothing may download a browser of its own.
func Chromium(t testing.TB) string {
	t.Helper()
	return find(t, "chromium", "apt-get install chromium")
}

// Nginx returns the path of nginx, which judges the release's nginx
// rules.
func Nginx(t testing.TB) string {
	t.Helper()
	return find(t, "nginx", "apt-get install nginx")
}

// Apache returns the path of Apache httpd, which judges the release's
// .htaccess.
func Apache(t testing.TB) string {
	t.Helper()
	return find(t, "apache2", "apt-get install apache2-bin")
}
