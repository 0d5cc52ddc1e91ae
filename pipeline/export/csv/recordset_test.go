package csv

import (
	"bytes"
	"testing"

	"github.com/bordernet/bordernet/schema"
	"github.com/bordernet/bordernet/schema/recordsettest"
)

// TestGoldenFromCopies: the CSV and its metadata are the golden files
// when the records are read from copies, and the same bytes as from the
// slice for a synthetic release with every field filled.
func TestGoldenFromCopies(t *testing.T) {
	golden(t, "bordernet.csv", write(t, recordsettest.FromCopies(loadRelease(t))))
	golden(t, MetadataFileName, writeMetadata(t, recordsettest.FromCopies(loadRelease(t))))
	rel := synthRelease(3000)
	if !bytes.Equal(write(t, rel), write(t, recordsettest.FromCopies(rel))) {
		t.Error("the CSV of the synthetic release differs when its records are read from copies")
	}
	if !bytes.Equal(writeMetadata(t, rel), writeMetadata(t, recordsettest.FromCopies(rel))) {
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
