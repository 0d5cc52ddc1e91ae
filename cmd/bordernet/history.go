package main

import (
	"context"
	"fmt"

	"github.com/bordernet/bordernet/pipeline/changes"
	"github.com/bordernet/bordernet/schema"
)

// history compares records (about to be released as version, or being
// validated when version is "") with the releases in outDir: what changed
// since the release they follow (rep nil when there is none), and the
// problems that makes: a fact removed is a warning, an id an earlier
// release published and records lack is an error.
func history(ctx context.Context, outDir, version string, records []schema.Record) (rep *changes.Report, prevDir string, ps schema.Problems, err error) {
	prevDir, ok, err := changes.Previous(outDir, version)
	if err != nil {
		return nil, "", nil, err
	}
	if ok {
		old, err := changes.OpenRelease(prevDir)
		if err != nil {
			return nil, "", nil, err
		}
		name := version
		if name == "" {
			name = "the sources"
		}
		if rep, err = changes.Compare(ctx, old, changes.FromRecords(name, records)); err != nil {
			return nil, "", nil, fmt.Errorf("comparing with the release in %s: %w", prevDir, err)
		}
		ps = rep.Problems()
	}
	dropped, err := changes.DroppedIDs(ctx, outDir, records)
	if err != nil {
		return nil, "", nil, err
	}
	return rep, prevDir, append(ps, dropped...), nil
}
