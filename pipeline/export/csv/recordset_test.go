package csv

import (
	"bytes"
	"testing"

	"github.com/bordernet/bordernet/schema"
	"github.com/bordernet/bordernet/schema/recordsettest"
)

// fromCopies returns rel with its records behind a set that is not a
// slice and hands out a fresh copy of each record, wiped after its turn,
// as a store on disk does.
func fromCopies(rel *schema.Release) *schema.Release {
	out := *rel
	out.Records = recordsettest.NewCopies(rel.Records.(schema.RecordSlice))
	return &out
}

// TestGoldenFromCopies: the CSV and its metadata are the golden files
// when the records are read from copies, and the same bytes as from the
// slice for a synthetic release with every field filled.
func TestGoldenFromCopies(t *testing.T) {
	golden(t, "bordernet.csv", write(t, fromCopies(loadRelease(t))))
	golden(t, MetadataFileName, writeMetadata(t, fromCopies(loadRelease(t))))
	rel := synthRelease(3000)
	if !bytes.Equal(write(t, rel), write(t, fromCopies(rel))) {
		t.Error("the CSV of the synthetic release differs when its records are read from copies")
	}
	if !bytes.Equal(writeMetadata(t, rel), writeMetadata(t, fromCopies(rel))) {
		t.Error("the CSVW metadata of the synthetic release differs when its records are read from copies")
	}
}

// TestUnreadableRecords: a set whose reader fails is an error of Write,
// not a short file passed off as whole.
func TestUnreadableRecords(t *testing.T) {
	rel := *loadRelease(t)
	rel.Records = recordsettest.NewFailing(rel.Records.(schema.RecordSlice), 3)
	var buf bytes.Buffer
	if err := Write(&buf, &rel); err == nil {
		t.Fatal("Write of records that could not be read: no error")
	}
}
