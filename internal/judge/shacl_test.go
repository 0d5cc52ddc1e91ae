package judge

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// TestSHACL checks the judge itself on tiny hand-written graphs, so that a
// judge that always says "conforms" (or never does) is caught here rather
// than trusted by the catalogue tests.
func TestSHACL(t *testing.T) {
	shapes := filepath.Join("testdata", "shacl", "shapes.ttl")
	tests := []struct {
		data     string
		conforms bool
		want     []string // substrings of the report
		notWant  []string
	}{
		{
			data:     "good.ttl",
			conforms: true,
			want:     []string{"0 violations, 0 warnings, 0 infos (3 data triples,"},
			notWant:  []string{"Violation:", "Warning:"},
		},
		{
			data:     "warning.ttl",
			conforms: true,
			want: []string{
				"Warning: <http://example.org/ada> path <http://example.org/ns#email> (MinCountConstraintComponent in <http://example.org/ns#PersonShape> property)",
				"0 violations, 1 warnings",
			},
			notWant: []string{"Violation:"},
		},
		{
			data:     "violation.ttl",
			conforms: false,
			want: []string{
				"Violation: <http://example.org/ada> path <http://example.org/ns#name> (MaxCountConstraintComponent",
				"Violation: <http://example.org/bob> path <http://example.org/ns#name> (MinCountConstraintComponent",
				"2 violations, 0 warnings",
			},
		},
		{
			// JSON-LD by extension, through the reference processor.
			data:     "violation.jsonld",
			conforms: false,
			want: []string{
				"Violation: <http://example.org/bob> path <http://example.org/ns#name> (MinCountConstraintComponent",
				"1 violations, 0 warnings, 0 infos (5 data triples,",
			},
		},
		{
			// N-Triples by extension; no target class, so nothing to report.
			data:     "good.nt",
			conforms: true,
			want:     []string{"0 violations, 0 warnings, 0 infos (1 data triples,"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.data, func(t *testing.T) {
			report, conforms := SHACL(t, filepath.Join("testdata", "shacl", tc.data), shapes)
			if conforms != tc.conforms {
				t.Errorf("conforms = %v, want %v; report:\n%s", conforms, tc.conforms, report)
			}
			for _, w := range tc.want {
				if !strings.Contains(report, w) {
					t.Errorf("report lacks %q; report:\n%s", w, report)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(report, w) {
					t.Errorf("report has %q; report:\n%s", w, report)
				}
			}
		})
	}
}

// TestSHACLBrokenInputFails checks that a file the judge cannot parse fails
// the test instead of being reported as a verdict either way.
func TestSHACLBrokenInputFails(t *testing.T) {
	shapes := filepath.Join("testdata", "shacl", "shapes.ttl")
	// A remote @context is refused (tests run offline), and JSON-LD that
	// would silently drop a value (an invalid language tag) is refused too.
	for _, data := range []string{"malformed.ttl", "does-not-exist.ttl", "remote-context.jsonld", "lossy.jsonld"} {
		t.Run(data, func(t *testing.T) {
			Need(t, "node")
			shaclScript(t) // skip, like SHACL, when npm ci has not run
			rec := run(t, func(tb testing.TB) {
				SHACL(tb, filepath.Join("testdata", "shacl", data), shapes)
			})
			if !rec.failed || !strings.Contains(rec.msg, "failed to run") || !strings.Contains(rec.msg, data) {
				t.Errorf("SHACL on %s: failed=%v msg=%q; want a failure naming the file", data, rec.failed, rec.msg)
			}
		})
	}
}

// TestMissingUnderCI checks the rule every judge relies on: skip locally,
// fail under CI.
func TestMissingUnderCI(t *testing.T) {
	for _, ci := range []string{"true", ""} {
		t.Run(fmt.Sprintf("CI=%q", ci), func(t *testing.T) {
			t.Setenv("CI", ci)
			rec := run(t, func(tb testing.TB) { Need(tb, "no-such-judge-program-bordernet") })
			if ci == "true" && (!rec.failed || rec.skipped) {
				t.Errorf("under CI: failed=%v skipped=%v, want a failure", rec.failed, rec.skipped)
			}
			if ci == "" && (rec.failed || !rec.skipped) {
				t.Errorf("locally: failed=%v skipped=%v, want a skip", rec.failed, rec.skipped)
			}
			if !strings.Contains(rec.msg, "no-such-judge-program-bordernet") {
				t.Errorf("message %q does not name the missing judge", rec.msg)
			}
		})
	}
}

// recorder is a testing.TB that records a fatal failure or a skip instead of
// ending the real test, so the judge's own failure paths can be tested.
type recorder struct {
	testing.TB
	mu              sync.Mutex
	failed, skipped bool
	msg             string
}

func (r *recorder) Helper() {}

func (r *recorder) Fatalf(format string, args ...any) {
	r.mu.Lock()
	r.failed, r.msg = true, fmt.Sprintf(format, args...)
	r.mu.Unlock()
	runtime.Goexit()
}

func (r *recorder) Skipf(format string, args ...any) {
	r.mu.Lock()
	r.skipped, r.msg = true, fmt.Sprintf(format, args...)
	r.mu.Unlock()
	runtime.Goexit()
}

// run calls f with a recorder on its own goroutine, since Fatalf and Skipf
// end the calling goroutine as the real ones do.
func run(t *testing.T, f func(testing.TB)) *recorder {
	rec := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(rec)
	}()
	<-done
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec
}
