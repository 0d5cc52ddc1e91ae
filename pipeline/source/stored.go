package source

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/bordernet/bordernet/pipeline/language"
	"github.com/bordernet/bordernet/pipeline/listing"
	"github.com/bordernet/bordernet/pipeline/merge"
	"github.com/bordernet/bordernet/pipeline/store"
	"github.com/bordernet/bordernet/schema"
)

// The names of the store files loadStored writes in Options.StoreDir.
const (
	// SpillFile holds the listing's records as they are read, in listing
	// order; it is removed once the records are merged.
	SpillFile = "listing.store"
	// RecordsFile holds the merged records, sorted by id: the Dataset's
	// Records.
	RecordsFile = "records.store"
)

// loadStored is load for a million records: the same stages, with the
// same records, order and problems, but the records never all in memory.
//
//  1. The workbooks are read whole (their rows are a tenth of the
//     records and the merge needs them all), and the language stage
//     does their names.
//  2. The listing is read as a stream (listing.Stream); each batch of
//     records gets its names' languages and goes to a spill store in
//     listing order, keeping only its ids in memory.
//  3. The merge is planned on the ids alone (merge.Plan), which gives the
//     output order.
//  4. In that order, in chunks on every core, each record is read back
//     from the spill, merged with its patches, given its description's
//     language and checked on its own; the chunks are written in order
//     to the records store, and the dataset rules keep what they need of
//     each record (schema.DatasetRules).
//  5. The dataset rules run; the few records a problem is found in are
//     read back for their positions.
//
// What stays in memory is a few dozen bytes a record (ids, the plan's
// keys, the rules' keys), the workbooks' patches and the problems.
func loadStored(ctx context.Context, paths []string, opt Options) (_ *Dataset, err error) {
	ds, err := newDataset(paths)
	if err != nil {
		return nil, err
	}
	in := ds.Inputs
	patches, workbookProblems, workbookErr := readWorkbooks(ctx, in.Workbooks, ds)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// The language stage needs the dataset's language for each batch of
	// the listing, so the metadata is read before it; its error waits, so
	// that inputs fail in load's order: the listing, the workbooks, the
	// metadata.
	v := schema.NewValidator()
	var lang language.Stage
	var metaErr error
	if in.Metadata != "" {
		meta, err := schema.LoadMetadata(in.Metadata)
		if err != nil {
			metaErr = err
		} else {
			ds.Meta = meta
			lang = language.Stage{Lang: meta.Language, Pos: schema.Position{File: in.Metadata}}
		}
	}
	names, langProblems := lang.Patches(patches)

	spill, err := store.Create(filepath.Join(opt.StoreDir, SpillFile))
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			spill.Abort()
		}
	}()
	// The listing's batches are given their languages and spilled on a
	// goroutine of their own, while the reader makes the next ones: two
	// stages, one per core.
	var ids []string
	batches := make(chan []schema.Record, 4)
	spilled := make(chan error, 1)
	go func() {
		var failed error
		for batch := range batches {
			if failed != nil {
				continue // drained, so that the reader is never left blocked
			}
			langProblems = append(langProblems, names.Records(batch)...)
			for i := range batch {
				if _, err := spill.Add(&batch[i]); err != nil {
					failed = err
					break
				}
				// The id alone, not the batch's text it shares memory with.
				ids = append(ids, strings.Clone(batch[i].ID))
			}
		}
		spilled <- failed
	}()
	keep := func(batch []schema.Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		// The reader reuses its batch: a copy of the records (not of
		// their text) goes on.
		select {
		case batches <- slices.Clone(batch):
			return nil
		case err := <-spilled:
			spilled <- err
			return err
		}
	}
	var listingErr error
	for _, path := range in.Listings {
		if listingErr = ctx.Err(); listingErr != nil {
			break
		}
		var ps schema.Problems
		if ps, listingErr = streamListing(ctx, path, opt, keep); listingErr != nil {
			break
		}
		ds.Problems = append(ds.Problems, ps...)
	}
	close(batches)
	if err := <-spilled; err != nil && listingErr == nil {
		listingErr = err
	}
	if listingErr != nil {
		return nil, listingErr
	}
	if workbookErr != nil {
		return nil, workbookErr
	}
	if metaErr != nil {
		return nil, metaErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ds.Problems = append(ds.Problems, workbookProblems...)
	if in.Metadata != "" {
		ds.Problems = append(ds.Problems, v.Metadata(&ds.Meta, in.Metadata)...)
		ds.Problems = append(ds.Problems, schema.CatalogProblems(&ds.Meta, in.Metadata)...)
	}
	ds.Problems = append(ds.Problems, langProblems...)
	listed, err := spill.Commit()
	if err != nil {
		return nil, err
	}
	defer func() {
		listed.Close()
		os.Remove(listed.Path())
	}()

	plan := merge.NewPlan(ids, patches)
	ids = nil
	ds.Problems = append(ds.Problems, plan.Problems()...)
	if plan.Len() == 0 {
		ds.noRecords()
	}
	records, rules, ps, err := mergeStored(ctx, plan, listed, lang, v, filepath.Join(opt.StoreDir, RecordsFile))
	if err != nil {
		return nil, err
	}
	ds.Records = records
	ds.Problems = append(ds.Problems, ps...)
	if err := ctx.Err(); err != nil {
		records.Close()
		return nil, err
	}
	ds.Problems = append(ds.Problems, rules.Problems(records.At)...)
	if err := records.Err(); err != nil {
		records.Close()
		return nil, err
	}
	ds.Problems.Sort()
	return ds, nil
}

// streamListing reads the listing at path, or standard input for Stdin,
// handing its records to keep in batches.
func streamListing(ctx context.Context, path string, opt Options, keep func([]schema.Record) error) (schema.Problems, error) {
	if path != Stdin {
		return listing.StreamContext(ctx, path, keep)
	}
	// Standard input cannot be read twice, as the streaming reader reads
	// a file: it is read whole (a listing piped in is a small one).
	recs, ps, err := readListing(path, 0, opt)
	if err != nil {
		return nil, err
	}
	return ps, keep(recs)
}

// mergeChunk is how many records a worker merges and checks at a time:
// enough to make a chunk's overhead small, few enough that the chunks in
// flight (a few per core) stay a few megabytes.
const mergeChunk = 512

// merged is a chunk of records merged, checked and encoded, in output
// order.
type merged struct {
	from    int // the output place of the first record
	records []schema.Record
	encoded []byte
	ends    []int // where each record's encoding ends in encoded
	ps      schema.Problems
}

// mergeStored merges the records of listed with the plan, in output
// order, checks each on its own, and writes them to a records store at
// path; it returns the store, open, the dataset rules' keys, and the
// problems found. The chunks are merged on every core and written in
// order; a few chunks are in flight at once.
func mergeStored(ctx context.Context, plan *merge.Plan, listed *store.Set, lang language.Stage, v *schema.Validator, path string) (*store.Set, *schema.DatasetRules, schema.Problems, error) {
	out, err := store.Create(path)
	if err != nil {
		return nil, nil, nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	n := plan.Len()
	chunks := (n + mergeChunk - 1) / mergeChunk
	encoders := sync.Pool{New: func() any { return out.NewEncoder() }}
	work := func(c int) merged {
		from, to := c*mergeChunk, min((c+1)*mergeChunk, n)
		m := merged{from: from, records: make([]schema.Record, to-from), ends: make([]int, to-from)}
		for k := from; k < to; k++ {
			rec := &m.records[k-from]
			if src := plan.Listed(k); src >= 0 {
				*rec = listed.At(src)
			}
			m.ps = append(m.ps, plan.Merge(k, rec)...)
		}
		lang.Merged(m.records)
		enc := encoders.Get().(*store.Encoder)
		for i := range m.records {
			found := len(m.ps)
			m.ps = append(m.ps, v.Record(&m.records[i])...)
			for p := found; p < len(m.ps); p++ {
				// The id alone: a problem kept to the end must not keep
				// the record's text (one string, decoded from the spill).
				m.ps[p].Record = strings.Clone(m.ps[p].Record)
			}
			m.encoded = enc.Append(m.encoded, &m.records[i])
			m.ends[i] = len(m.encoded)
		}
		encoders.Put(enc)
		return m
	}
	// Each chunk's result comes through a channel of its own, queued in
	// order: the queue's length bounds the chunks in memory.
	queue := make(chan chan merged, runtime.GOMAXPROCS(0))
	go func() {
		defer close(queue)
		for c := range chunks {
			if ctx.Err() != nil {
				return
			}
			done := make(chan merged, 1)
			select {
			case queue <- done:
			case <-ctx.Done():
				return
			}
			go func() { done <- work(c) }()
		}
	}()
	rules := &schema.DatasetRules{}
	var ps schema.Problems
	var failed error
	for done := range queue {
		m := <-done
		if failed != nil {
			continue // drain, so that no worker is left blocked
		}
		ps = append(ps, m.ps...)
		start := 0
		for i := range m.records {
			if _, err := out.AddEncoded(m.encoded[start:m.ends[i]]); err != nil {
				failed = err
				cancel()
				break
			}
			// The plan's id, shared, not a third copy of it.
			rules.AddWithID(plan.ID(m.from+i), &m.records[i])
			start = m.ends[i]
		}
	}
	if failed == nil {
		failed = ctx.Err()
	}
	if failed == nil {
		failed = listed.Err()
	}
	if failed == nil && rules.Len() != n {
		failed = fmt.Errorf("merging the records into %s: %d of %d written", path, rules.Len(), n)
	}
	if failed != nil {
		return nil, nil, nil, errors.Join(failed, out.Abort())
	}
	set, err := out.Commit()
	if err != nil {
		return nil, nil, nil, err
	}
	return set, rules, ps, nil
}
