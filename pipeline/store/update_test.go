package store

import "flag"

// -update rewrites the golden files of the packages that have them; this
// package has none, but accepts the flag so that go test ./... -update
// runs every package.
var _ = flag.Bool("update", false, "rewrite golden files (none in this package)")
