package xlsx

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/bordernet/bordernet/schema"
	"github.com/bordernet/bordernet/schema/recordsettest"
)

// TestGoldenFromCopies: the workbook is the same, byte for byte, when the
// records are read from copies, for the fixture and a synthetic release.
func TestGoldenFromCopies(t *testing.T) {
	for _, rel := range []*schema.Release{loadRelease(t), synthRelease(2000)} {
		if !bytes.Equal(write(t, rel), write(t, recordsettest.FromCopies(rel))) {
			t.Errorf("the workbook of %d records differs when they are read from copies", rel.Records.Len())
		}
	}
	golden(t, "bordernet.xlsx.txt", dump(t, write(t, recordsettest.FromCopies(loadRelease(t)))))
}

// TestUnreadableRecords: a set whose reader fails is an error of Write.
func TestUnreadableRecords(t *testing.T) {
	rel := *loadRelease(t)
	rel.Records = recordsettest.NewFailing(rel.Records.(schema.RecordSlice), 3)
	if err := Write(io.Discard, &rel); !errors.Is(err, recordsettest.ErrRead) {
		t.Fatalf("Write of records that could not be read: %v, want the reader's error", err)
	}
}
