package lookup

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/bordernet/bordernet/schema"
)

// WriteInbound writes dir/inbound.tsv, the index of the relations between
// records by the record they point at: one line "OBJECT<TAB>PREDICATE<TAB>
// SUBJECT" per triple of the release graph whose subject and object are
// both records (successor, parent, memberships, partners, ...), sorted by
// line. It has the signature of a release.Addition's Write.
//
// Why precomputed rather than found when asked: the relations pointing at
// a record are spread over the whole of bordernet.nt (it is sorted by
// subject), so answering them on demand means scanning gigabytes or
// holding an index in memory; at release time the records are in memory
// already and the index costs one walk of the graph and a small file.
func WriteInbound(ctx context.Context, dir string, rel *schema.Release) ([]string, error) {
	records := rel.Meta.BaseIRI + "id/"
	var lines []string
	n := 0
	for block := range schema.RecordGraph(rel).Blocks {
		if n++; n%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		for _, tr := range block {
			if tr.O.Kind != schema.TermIRI || !strings.HasPrefix(tr.O.Value, records) || strings.Contains(tr.O.Value, "#") ||
				!strings.HasPrefix(tr.S.Value, records) || strings.Contains(tr.S.Value, "#") {
				continue
			}
			lines = append(lines, tr.O.Value+"\t"+tr.P.Value+"\t"+tr.S.Value+"\n")
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	slices.Sort(lines)
	lines = slices.Compact(lines)
	f, err := os.OpenFile(filepath.Join(dir, InboundFile), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", InboundFile, err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 64<<10)
	for _, l := range lines {
		w.WriteString(l)
	}
	if err := w.Flush(); err != nil {
		return nil, fmt.Errorf("writing %s: %w", InboundFile, err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("writing %s: %w", InboundFile, err)
	}
	return []string{InboundFile}, nil
}
