package store

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

// TestOddRecords: every odd record comes back exactly, through All and At,
// alone in a store and among the others.
func TestOddRecords(t *testing.T) {
	odd := oddRecords()
	names := make([]string, 0, len(odd))
	for name := range odd {
		names = append(names, name)
	}
	sort.Strings(names)
	var all []schema.Record
	for _, name := range names {
		want := odd[name]
		all = append(all, want)
		t.Run(name, func(t *testing.T) {
			set := writeStore(t, []schema.Record{want})
			if got := set.At(0); !reflect.DeepEqual(got, want) {
				t.Errorf("At(0) =\n%#v\nwant\n%#v", got, want)
			}
			for _, got := range set.All() {
				if !reflect.DeepEqual(*got, want) {
					t.Errorf("All =\n%#v\nwant\n%#v", *got, want)
				}
			}
			if err := set.Err(); err != nil {
				t.Error(err)
			}
		})
	}
	set := writeStore(t, all)
	assertSame(t, set, all)
}

// assertSame checks that set holds want, in order, by All and by At in a
// random order, and that no reader met an error.
func assertSame(t *testing.T, set *Set, want []schema.Record) {
	t.Helper()
	if set.Len() != len(want) {
		t.Fatalf("Len = %d, want %d", set.Len(), len(want))
	}
	got, err := schema.Collect(set)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("All: record %d =\n%#v\nwant\n%#v", i, got[i], want[i])
		}
	}
	for _, i := range rand.New(rand.NewPCG(1, 2)).Perm(len(want)) {
		if got := set.At(i); !reflect.DeepEqual(got, want[i]) {
			t.Fatalf("At(%d) =\n%#v\nwant\n%#v", i, got, want[i])
		}
	}
	if err := set.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestRandomRecords: a few thousand random records come back the same,
// also while several All and At readers run at once (run with -race).
func TestRandomRecords(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 13))
	want := make([]schema.Record, 3000)
	for i := range want {
		want[i] = randomRecord(rng)
	}
	set := writeStore(t, want)
	assertSame(t, set, want)

	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 4 {
		wg.Go(func() {
			for i, r := range set.All() {
				if !reflect.DeepEqual(*r, want[i]) {
					errs <- "All: record differs"
					return
				}
			}
		})
		wg.Go(func() {
			for i := g; i < len(want); i += 7 {
				if r := set.At(i); !reflect.DeepEqual(r, want[i]) {
					errs <- "At: record differs"
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if err := set.Err(); err != nil {
		t.Error(err)
	}
}

// TestEncoders: records encoded by several goroutines, each with its own
// Encoder sharing the writer's names, and added in order, read back the
// same; AddEncoded returns the indexes in order.
func TestEncoders(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	want := make([]schema.Record, 2000)
	for i := range want {
		want[i] = randomRecord(rng)
		if i%3 == 0 {
			want[i].Origin.File = "only-here-" + string(rune('a'+i%26)) + ".txt"
		}
	}
	w, err := Create(filepath.Join(t.TempDir(), "s"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	encoded := make([][]byte, len(want))
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			enc := w.NewEncoder()
			for i := g; i < len(want); i += 4 {
				encoded[i] = enc.Append(nil, &want[i])
			}
		})
	}
	wg.Wait()
	for i, b := range encoded {
		if n, err := w.AddEncoded(b); err != nil || n != i {
			t.Fatalf("AddEncoded %d = %d, %v", i, n, err)
		}
	}
	set, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	assertSame(t, set, want)
}

// TestListsDoNotOverlap: the lists of a decoded record share one array,
// capped, so appending to one leaves the next as it was.
func TestListsDoNotOverlap(t *testing.T) {
	set := writeStore(t, []schema.Record{{AltNames: []string{"a"}, MemberOf: []string{"b"}, PartnerOf: []string{"c"}}})
	r := set.At(0)
	r.AltNames = append(r.AltNames, "x")
	if r.MemberOf[0] != "b" {
		t.Errorf("appending to AltNames overwrote MemberOf: %q", r.MemberOf)
	}
}

func TestEmpty(t *testing.T) {
	set := writeStore(t, nil)
	if set.Len() != 0 {
		t.Errorf("Len = %d", set.Len())
	}
	for range set.All() {
		t.Error("All yielded a record of an empty store")
	}
	if err := set.Err(); err != nil {
		t.Error(err)
	}
}

// TestAllStops: a reader that stops early stops All, which then reads no
// further.
func TestAllStops(t *testing.T) {
	set := writeStore(t, []schema.Record{{ID: "a"}, {ID: "b"}, {ID: "c"}})
	var ids []string
	for _, r := range set.All() {
		ids = append(ids, r.ID)
		if r.ID == "b" {
			break
		}
	}
	if !slices.Equal(ids, []string{"a", "b"}) {
		t.Errorf("ids = %q", ids)
	}
}

// smallStore writes three records and returns the committed file's bytes.
func smallStore(t testing.TB) []byte {
	t.Helper()
	set := writeStore(t, []schema.Record{
		{ID: "a", Name: "Alpha", Origin: schema.Position{File: "l.txt", Line: 3}, Section: "S"},
		{ID: "b", Members: intp(3), Sources: []schema.FieldSource{{Field: schema.FieldMembers, Pos: schema.Position{File: "w.xlsx", Sheet: "Records", Line: 2, Col: 4}}}},
		{ID: "c", AltNames: []string{"Gamma"}},
	})
	b, err := os.ReadFile(set.Path())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCrashBeforeCommit: a writer that never commits (the process died)
// leaves no store at the path, and its partial file is no store either,
// whatever it holds; Abort removes it.
func TestCrashBeforeCommit(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "records.store")
	w, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5000 { // more than the write buffer: some reaches the file
		if _, err := w.Add(&schema.Record{ID: strings.Repeat("x", 300), Members: intp(i)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Open(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open(path) before Commit: %v, want not exist", err)
	}
	if info, err := os.Stat(path + PartSuffix); err != nil || info.Size() == 0 {
		t.Fatalf("the partial file: %v (want some records written)", err)
	}
	if _, err := Open(path + PartSuffix); !errors.Is(err, ErrIncomplete) {
		t.Errorf("Open(partial) = %v, want ErrIncomplete", err)
	}
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left after Abort: %v", left)
	}
	if _, err := w.Add(&schema.Record{}); err == nil {
		t.Error("Add after Abort succeeded")
	}
	if _, err := w.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
}

// TestTruncated: a store cut at any length is refused, and so is one with
// bytes added after its trailer.
func TestTruncated(t *testing.T) {
	whole := smallStore(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "cut")
	for n := range len(whole) {
		if err := os.WriteFile(path, whole[:n], 0o600); err != nil {
			t.Fatal(err)
		}
		if set, err := Open(path); !errors.Is(err, ErrIncomplete) {
			if set != nil {
				set.Close()
			}
			t.Fatalf("Open of the first %d of %d bytes: %v, want ErrIncomplete", n, len(whole), err)
		}
	}
	os.WriteFile(path, append(slices.Clone(whole), 0), 0o600)
	if _, err := Open(path); !errors.Is(err, ErrIncomplete) {
		t.Errorf("Open with a byte after the trailer: %v, want ErrIncomplete", err)
	}
	os.WriteFile(path, whole, 0o600)
	set, err := Open(path)
	if err != nil {
		t.Fatalf("the whole store: %v", err)
	}
	set.Close()
}

// patchTrailer rewrites the trailer of a store's bytes through edit and
// makes its checksum right again, so that Open's other checks are what
// refuse it.
func patchTrailer(b []byte, edit func(namesOff, indexOff, count *uint64)) []byte {
	b = slices.Clone(b)
	tr := b[len(b)-int(trailerLen):]
	namesOff, indexOff, count := binary.LittleEndian.Uint64(tr), binary.LittleEndian.Uint64(tr[8:]), binary.LittleEndian.Uint64(tr[16:])
	edit(&namesOff, &indexOff, &count)
	binary.LittleEndian.PutUint64(tr, namesOff)
	binary.LittleEndian.PutUint64(tr[8:], indexOff)
	binary.LittleEndian.PutUint64(tr[16:], count)
	end := uint64(len(b)) - uint64(trailerLen)
	var names []byte
	if namesOff <= end {
		names = b[namesOff:end]
	}
	binary.LittleEndian.PutUint32(tr[24:], crc32Checksum(names, tr[:24]))
	return b
}

// TestTrailerLies: a trailer that disagrees with the file is refused, by
// the checksum or, with the checksum made right, by the index.
func TestTrailerLies(t *testing.T) {
	whole := smallStore(t)
	path := filepath.Join(t.TempDir(), "s")
	for name, b := range map[string][]byte{
		"more records":     patchTrailer(whole, func(_, _, c *uint64) { *c++ }),
		"fewer records":    patchTrailer(whole, func(_, _, c *uint64) { *c-- }),
		"huge count":       patchTrailer(whole, func(_, _, c *uint64) { *c = 1 << 62 }),
		"names moved":      patchTrailer(whole, func(n, _, _ *uint64) { *n-- }),
		"index moved":      patchTrailer(whole, func(_, i, _ *uint64) { *i++ }),
		"offsets reversed": patchTrailer(whole, func(n, i, _ *uint64) { *n, *i = *i, *n }),
		"offset past end":  patchTrailer(whole, func(_, i, _ *uint64) { *i = 1 << 40 }),
		"checksum wrong":   append(slices.Clone(whole[:len(whole)-8]), 0, 0, 0, 0, 'b', 'n', 's', 'e'),
		"index byte flipped": func() []byte {
			b := slices.Clone(whole)
			b[len(b)-int(trailerLen)-1] ^= 1
			return b
		}(),
		"not a store": append([]byte("BNSTORE\x01"), whole[8:]...),
	} {
		t.Run(name, func(t *testing.T) {
			os.WriteFile(path, b, 0o600)
			set, err := Open(path)
			if !errors.Is(err, ErrIncomplete) || !strings.Contains(err.Error(), path) {
				t.Errorf("Open = %v, want ErrIncomplete naming the file", err)
			}
			if set != nil {
				set.Close()
			}
		})
	}
}

// TestCorruptRecord: a record whose bytes were changed on disk (records
// are not under the checksum; their encoding is checked as they are
// read) stops All and makes At return a zero record, and Err names the
// file, the record and its offset; the first error is kept.
func TestCorruptRecord(t *testing.T) {
	set := writeStore(t, []schema.Record{{ID: "a"}, {ID: "b", Name: "Beta"}, {ID: "c"}})
	f, err := os.OpenFile(set.Path(), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Record 1 starts after the header and record 0; its first byte is
	// its text's length: make it longer than the record.
	start := headerLen + set.off.at(1)
	f.WriteAt([]byte{0x7f}, start)
	f.Close()

	var ids []string
	for _, r := range set.All() {
		ids = append(ids, r.ID)
	}
	if !slices.Equal(ids, []string{"a"}) {
		t.Errorf("All read %q, want only the record before the corrupt one", ids)
	}
	err = set.Err()
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Err = %v, want ErrCorrupt", err)
	}
	for _, want := range []string{set.Path(), "record 1", "offset " + itoa(start)} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Err = %q, want it to say %q", err, want)
		}
	}
	if r := set.At(1); !reflect.DeepEqual(r, schema.Record{}) {
		t.Errorf("At(1) of a corrupt record = %#v, want zero", r)
	}
	if r := set.At(2); r.ID != "c" {
		t.Errorf("At(2) = %q, want c: the other records are still readable", r.ID)
	}
	set.At(7)
	if set.Err() != err {
		t.Errorf("Err changed from %v to %v: the first error wins", err, set.Err())
	}
}

// TestAtOutOfRange and after Close: errors, no panic.
func TestReadErrors(t *testing.T) {
	set := writeStore(t, []schema.Record{{ID: "a"}})
	if r := set.At(1); r.ID != "" || set.Err() == nil || !strings.Contains(set.Err().Error(), "out of range") {
		t.Errorf("At(1) of 1: %#v, %v", r, set.Err())
	}
	closed := writeStore(t, []schema.Record{{ID: "a"}})
	closed.Close()
	for range closed.All() {
		t.Error("All yielded from a closed store")
	}
	if !errors.Is(closed.Err(), os.ErrClosed) || !strings.Contains(closed.Err().Error(), "record 0") {
		t.Errorf("Err after Close = %v", closed.Err())
	}
}

// fullAfter is a writer that takes room bytes and then fails as a full
// disk does.
type fullAfter struct {
	w    io.Writer
	room int
}

func (f *fullAfter) Write(p []byte) (int, error) {
	if len(p) > f.room {
		n, _ := f.w.Write(p[:f.room])
		f.room = 0
		return n, &os.PathError{Op: "write", Path: "records.store.part", Err: syscall.ENOSPC}
	}
	f.room -= len(p)
	return f.w.Write(p)
}

// TestDiskFull: a disk that fills up while records are added, or while
// the index is written at Commit, fails the writer with the system's
// error, and leaves nothing behind.
func TestDiskFull(t *testing.T) {
	rec := &schema.Record{ID: "x", Description: strings.Repeat("d", 1000)}
	const adds = 2500
	recs := make([]schema.Record, adds)
	for i := range recs {
		recs[i] = *rec
	}
	info, err := os.Stat(writeStore(t, recs).Path())
	if err != nil {
		t.Fatal(err)
	}
	size := int(info.Size())
	for _, tc := range []struct {
		name string
		room int
	}{
		{"while adding", size / 2},
		{"in the index", size - int(trailerLen) - 100},
		{"at the last byte", size - 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			w, err := create(filepath.Join(dir, "records.store"), func(f io.Writer) io.Writer { return &fullAfter{w: f, room: tc.room} })
			if err != nil {
				t.Fatal(err)
			}
			var addErr error
			for range adds {
				if _, addErr = w.Add(rec); addErr != nil {
					break
				}
			}
			if (addErr != nil) != (tc.room < size/2+1) {
				t.Errorf("Add: %v", addErr)
			}
			set, err := w.Commit()
			if set != nil {
				set.Close()
			}
			if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "no space left on device") {
				t.Fatalf("Commit = %v (Add: %v), want ENOSPC", err, addErr)
			}
			if addErr != nil && addErr != err {
				t.Errorf("Commit = %v, want the error Add met: %v", err, addErr)
			}
			if left, _ := os.ReadDir(dir); len(left) != 0 {
				t.Errorf("left after the failure: %v", left)
			}
		})
	}
}

// TestAbortAfterCommit does nothing to the committed store.
func TestAbortAfterCommit(t *testing.T) {
	w, err := Create(filepath.Join(t.TempDir(), "s"))
	if err != nil {
		t.Fatal(err)
	}
	w.Add(&schema.Record{ID: "a"})
	set, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	if err := w.Abort(); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(set.Path()); err != nil {
		t.Errorf("the store after Abort: %v", err)
	}
	if set.At(0).ID != "a" || set.Err() != nil {
		t.Errorf("At(0) after Abort: %v", set.Err())
	}
}

// TestOffsetsWrap: offsets beyond 4 GiB, which the index holds in 4 bytes
// a record, come back whole, also after a record that spans several 4 GiB.
func TestOffsetsWrap(t *testing.T) {
	lengths := []uint64{10, 1<<32 - 10, 5, 3 << 32, 7, 1}
	o := offsets{low: []uint32{0}}
	want := []int64{0}
	for _, n := range lengths {
		o.add(n)
		want = append(want, want[len(want)-1]+int64(n))
	}
	for i, w := range want {
		if got := o.at(i); got != w {
			t.Errorf("at(%d) = %d, want %d", i, got, w)
		}
	}
	if len(o.low) != len(lengths)+1 {
		t.Errorf("%d offsets for %d records", len(o.low), len(lengths))
	}
}

// crc32Checksum is the checksum a trailer holds: of the names and the
// index, then of the trailer's offsets and count.
func crc32Checksum(meta, trailer []byte) uint32 {
	return crc32.Update(crc32.Checksum(meta, castagnoli()), castagnoli(), trailer)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestRenameFiles: renaming the files of a store renames every position's
// file, read by All and At, as schema.RecordSlice's RenameFiles renames
// the same records in memory; sheets and sections spelt like a file are
// left alone.
func TestRenameFiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 17))
	recs := make([]schema.Record, 500)
	for i := range recs {
		recs[i] = randomRecord(rng)
	}
	// A section and a sheet named as a file is.
	recs[0].Origin = schema.Position{File: "a.txt", Line: 3}
	recs[0].Section = "a.txt"
	recs[1].Origin = schema.Position{File: "b.xlsx", Sheet: "a.txt", Line: 2}
	set := writeStore(t, recs)
	rename := func(s string) string { return "renamed/" + s }
	set.RenameFiles(rename)
	want := make([]schema.Record, len(recs))
	for i := range recs {
		want[i] = recs[i]
		want[i].Sources = slices.Clone(recs[i].Sources)
	}
	schema.RecordSlice(want).RenameFiles(rename)
	if want[0].Section != "a.txt" || want[1].Origin.Sheet != "a.txt" || want[0].Origin.File != "renamed/a.txt" {
		t.Fatalf("RecordSlice.RenameFiles: %+v %+v", want[0].Origin, want[1].Origin)
	}
	assertSame(t, set, want)
}
