package changes

import (
	"iter"

	"github.com/bordernet/bordernet/schema"
)

// iterPull2 is iter.Pull2 over a snapshot's records.
func iterPull2(s *Snapshot) (func() (*schema.Record, error, bool), func()) {
	var seq iter.Seq2[*schema.Record, error] = s.Records()
	return iter.Pull2(seq)
}
