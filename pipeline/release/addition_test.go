package release

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

// noteAddition writes notes/hello.txt with the release's version.
func noteAddition() Addition {
	return Addition{Name: "notes", Write: func(_ context.Context, dir string, rel *schema.Release, _ []schema.FileInfo) ([]string, error) {
		if err := os.MkdirAll(filepath.Join(dir, "notes"), 0o755); err != nil {
			return nil, err
		}
		return []string{"notes/hello.txt"}, os.WriteFile(filepath.Join(dir, "notes", "hello.txt"), []byte("release "+rel.Version+"\n"), 0o644)
	}}
}

func TestAdditionIsChecksummed(t *testing.T) {
	out := t.TempDir()
	rel := seedRelease(t)
	if _, err := Publish(context.Background(), rel, Options{OutDir: out, Additions: []Addition{noteAddition()}}); err != nil {
		t.Fatal(err)
	}
	sums, err := os.ReadFile(filepath.Join(out, rel.Version, ChecksumFile))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte("release " + rel.Version + "\n"))
	if want := hex.EncodeToString(sum[:]) + "  notes/hello.txt\n"; !strings.Contains(string(sums), want) {
		t.Errorf("SHA256SUMS lacks %q:\n%s", want, sums)
	}
}

func TestAdditionFailureLeavesNothing(t *testing.T) {
	out := t.TempDir()
	broken := Addition{Name: "site", Write: func(context.Context, string, *schema.Release, []schema.FileInfo) ([]string, error) {
		return nil, errors.New("disk on fire")
	}}
	_, err := Publish(context.Background(), seedRelease(t), Options{OutDir: out, Additions: []Addition{broken}})
	if err == nil || !strings.Contains(err.Error(), "writing the release's site: disk on fire") {
		t.Fatalf("err = %v", err)
	}
	if left := leftovers(out); len(left) != 0 {
		t.Errorf("left behind: %q", left)
	}
}

func TestAdditionPathsStayInside(t *testing.T) {
	rel := seedRelease(t) // changes the working directory once
	for _, bad := range []string{"../escape.txt", "/etc/passwd", ""} {
		out := t.TempDir()
		a := Addition{Name: "evil", Write: func(context.Context, string, *schema.Release, []schema.FileInfo) ([]string, error) {
			return []string{bad}, nil
		}}
		if _, err := Publish(context.Background(), rel, Options{OutDir: out, Additions: []Addition{a}}); err == nil {
			t.Errorf("%q: published", bad)
		}
	}
}
