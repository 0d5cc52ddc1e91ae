package version

import (
	"runtime/debug"
	"testing"
)

func TestString(t *testing.T) {
	for _, tc := range []struct {
		bi   debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "1a2b3c"}, {Key: "vcs.time", Value: "2026-11-27T10:00:00Z"}, {Key: "vcs.modified", Value: "false"},
		}}, "bordernet v1.2.0 (commit 1a2b3c)"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "1a2b3c"}, {Key: "vcs.modified", Value: "true"},
		}}, "bordernet (devel) (commit 1a2b3c, modified)"},
		{debug.BuildInfo{}, "bordernet (devel)"},
	} {
		if got := fromBuildInfo(&tc.bi).String(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.bi, got, tc.want)
		}
	}
}

// TestGet reads the test binary's own build information: it has a Go
// version and a module version, whatever the VCS says.
func TestGet(t *testing.T) {
	info := Get()
	if info.Go == "" || info.Version == "" {
		t.Errorf("Get() = %+v, want a Go version and a module version", info)
	}
}
