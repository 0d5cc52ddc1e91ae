package xlsx

import (
	"flag"
	"testing"

	"github.com/bordernet/bordernet/pipeline/export/tabulartest"
	"github.com/bordernet/bordernet/schema"
)

var update = flag.Bool("update", false, "rewrite golden files")

// dataDir holds the fixture and goldens shared with the other tabular writer.
const dataDir = tabulartest.DataDir

func loadRelease(t testing.TB) *schema.Release { return tabulartest.Release(t) }

func synthRelease(n int) *schema.Release { return tabulartest.Synthetic(n) }
