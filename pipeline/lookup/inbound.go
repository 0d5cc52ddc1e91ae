package lookup

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"

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
// holding an index in memory; at release time the index costs one walk
// of the records and a small file. The lines are sorted in runs of at
// most 16 MiB on disk, in a temporary folder inside dir, removed before
// it returns.
func WriteInbound(ctx context.Context, dir string, rel *schema.Release, _ []schema.FileInfo) ([]string, error) {
	return writeInbound(ctx, dir, rel, sortBudget)
}

// writeInbound is WriteInbound holding at most budget bytes of lines.
func writeInbound(ctx context.Context, dir string, rel *schema.Release, budget int) (_ []string, err error) {
	// The relations are the records' reference fields (successor, parent,
	// member_of, partner_of), each stated with its field's predicate, as
	// schema.RecordGraph states them; TestInbound checks the two agree.
	type reference struct {
		field     schema.Field
		predicate string
	}
	var refs []reference
	for _, f := range schema.Fields() {
		if f.IsReference() {
			p, _, _ := schema.FieldPredicate(f)
			refs = append(refs, reference{f, p})
		}
	}
	base := rel.Meta.BaseIRI
	lines := newLineSorter(dir, budget)
	defer func() {
		if cerr := lines.close(); cerr != nil && err == nil {
			err = fmt.Errorf("writing %s: removing the sorted runs: %w", InboundFile, cerr)
		}
	}()
	records := rel.RecordSet()
	for i, r := range records.All() {
		if i%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var subject string
		for _, ref := range refs {
			for _, target := range r.Values(ref.field) {
				if subject == "" {
					subject = schema.RecordIRI(base, r.ID)
				}
				if err := lines.add(schema.RecordIRI(base, target) + "\t" + ref.predicate + "\t" + subject + "\n"); err != nil {
					return nil, err
				}
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := records.Err(); err != nil {
		return nil, fmt.Errorf("writing %s: reading the records: %w", InboundFile, err)
	}
	f, err := os.OpenFile(filepath.Join(dir, InboundFile), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", InboundFile, err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 64<<10)
	if err := lines.write(w); err != nil {
		return nil, fmt.Errorf("writing %s: %w", InboundFile, err)
	}
	if err := w.Flush(); err != nil {
		return nil, fmt.Errorf("writing %s: %w", InboundFile, err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("writing %s: %w", InboundFile, err)
	}
	return []string{InboundFile}, nil
}
