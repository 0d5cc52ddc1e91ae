package main

import (
	"context"
	"fmt"

	"github.com/bordernet/bordernet/pipeline/changes"
	"github.com/bordernet/bordernet/schema"
)

// history compares records (called newName: the version about to be
// released, or "the sources") with the release in prevDir (none when it is
// ""): what changed since (rep nil without a release to compare with),
// and the problems that makes: a fact removed is a warning, an id any
// release in outDir published and records lack is an error.
func history(ctx context.Context, outDir, prevDir, newName string, records schema.RecordSet) (rep *changes.Report, ps schema.Problems, err error) {
	if prevDir != "" {
		old, err := changes.OpenRelease(prevDir)
		if err != nil {
			return nil, nil, err
		}
		if rep, err = changes.Compare(ctx, old, changes.FromRecords(newName, records)); err != nil {
			return nil, nil, fmt.Errorf("comparing with the release in %s: %w", prevDir, err)
		}
		ps = rep.Problems()
	}
	dropped, err := changes.DroppedIDs(ctx, outDir, records)
	if err != nil {
		return nil, nil, err
	}
	return rep, append(ps, dropped...), nil
}
