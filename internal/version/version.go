// Package version says which bordernet is running: its module version and
// the commit it was built from, read from the Go build information, for
// `bordernet --version` and for the releases it makes to record.
package version

import (
	"runtime/debug"
	"strings"
)

// Info is what the build information says about this program.
type Info struct {
	Version  string // module version, e.g. "v1.2.0"; "(devel)" for a build from a work tree
	Commit   string // VCS revision, "" when the build has none (go run, go test)
	Modified bool   // the work tree had changes not committed
	Go       string // the Go version it was built with
}

// Get reads the build information of the running program.
func Get() Info {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return Info{Version: "(unknown)"}
	}
	return fromBuildInfo(bi)
}

func fromBuildInfo(bi *debug.BuildInfo) Info {
	info := Info{Version: bi.Main.Version, Go: bi.GoVersion}
	if info.Version == "" {
		info.Version = "(devel)"
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			info.Commit = s.Value
		case "vcs.modified":
			info.Modified = s.Value == "true"
		}
	}
	return info
}

// String says what made a release, e.g. "bordernet v1.2.0 (commit
// 1a2b3c4d5e6f)" or "bordernet (devel) (commit 1a2b3c4d5e6f, modified)".
// It holds nothing that changes between two builds of the same commit
// (no build time, no path, no Go version), so two releases of the same
// sources and date made by the same tool are byte-identical.
func (i Info) String() string {
	var b strings.Builder
	b.WriteString("bordernet ")
	b.WriteString(i.Version)
	if i.Commit != "" {
		b.WriteString(" (commit ")
		b.WriteString(i.Commit)
		if i.Modified {
			b.WriteString(", modified")
		}
		b.WriteString(")")
	}
	return b.String()
}
