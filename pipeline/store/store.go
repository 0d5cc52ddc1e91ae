// Package store owns the compact on-disk form of a release's records, so
// that a million records are not held in the heap: a Writer appends
// records to a scratch file in any order, Commit makes it a store, and the
// opened store (a Set) is a schema.RecordSet that reads the records back
// from the file with pread, never mmap (mapped pages count in the RSS).
//
// What stays in the heap of an open Set is the offset of each record (4
// bytes a record) and the table of interned names: the files and sheets of
// the records' positions and the listing's section headings. Everything
// else is on disk until a reader asks for it.
//
// # The file
//
//	header   "bnstore\x01"
//	records  each an encoding (see Encoder), back to back, in Add order
//	names    uvarint count, then per name its uvarint length and bytes
//	index    per record its uvarint length in bytes
//	trailer  names offset, index offset, record count (uint64 each,
//	         little-endian), CRC-32C of names + index + those three
//	         (uint32), "bnse"
//
// The trailer is written last, and the file is written as PATH.part and
// renamed to PATH only by Commit: a writer that dies half-way leaves at
// most a .part file, and Open refuses any file whose trailer is missing,
// whose checksum does not match, or whose index does not add up to the
// records written (ErrIncomplete), so half a store is never taken for a
// whole one. The file is scratch (it lives in a release's temporary
// folder): nothing is synced.
//
// # Names
//
// File and sheet names and sections repeat in every record, so an encoded
// record holds a number for each, from one table the Writer and all its
// Encoders share behind a mutex. Each Encoder keeps its own copy of the
// numbers it has met, so several goroutines encode at once and take the
// mutex only for a name they have not met before (a handful per run).
// Writing the names inline instead, once per record, would cost 83 bytes
// more a record of a cmd/synth release of 100k records (668 bytes a
// record): the listing's and dataset.json's paths and the section heading.
//
// # Decoded records
//
// A decoded record's strings are slices of one string holding all its
// text, and its lists share one []string: a record costs two allocations
// (its text and its Sources), one more with lists, one more with Members. A string kept from a record (an id for an index) keeps the
// record's whole text alive; clone what you keep beyond the record
// (strings.Clone) when the rest is not wanted.
package store

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"sync"

	"github.com/bordernet/bordernet/schema"
)

// The framing of a store file.
const (
	headerMagic  = "bnstore\x01"
	headerLen    = int64(len(headerMagic))
	trailerMagic = "bnse"
	trailerLen   = 8 + 8 + 8 + 4 + int64(len(trailerMagic))
	// writeBuffer is the Writer's buffer: big writes, few system calls,
	// but not over 256 KiB: on this project's Linux machines a write of
	// 1 MiB into the page cache cost ten times the system time of four of
	// 256 KiB (dd of 1.5 GB: 3.9 s with bs=1M, 0.35 s with bs=256k), as the
	// release's writers found.
	writeBuffer = 256 << 10
)

// PartSuffix is added to a store's path while it is written.
const PartSuffix = ".part"

// ErrIncomplete means a file is not a complete store: it was never
// committed (a writer died or was aborted), it was cut short, or its
// trailer does not agree with its contents.
var ErrIncomplete = errors.New("not a complete record store")

// ErrCorrupt means a record of a complete store could not be decoded.
var ErrCorrupt = errors.New("corrupt record")

// castagnoli is the CRC-32C table; CRC-32C has hardware support on the
// machines we run on. A function, so that no caller can change it.
func castagnoli() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) }

// Writer writes a store. Add and AddEncoded are called from one goroutine;
// Encoders made by NewEncoder may encode on others.
type Writer struct {
	path, part string
	file       *os.File
	bw         *bufio.Writer
	names      *nameTable
	enc        *Encoder
	size       int64  // bytes of records written
	count      int    // records written
	index      []byte // uvarint length of each record
	err        error  // the first write error: every later call returns it
	done       bool   // committed or aborted
}

// Create starts a store file at path: it is written as path+PartSuffix and
// renamed to path only by Commit. A .part left by an earlier run is
// overwritten.
func Create(path string) (*Writer, error) {
	return create(path, nil)
}

// create is Create with the file's writer wrapped by wrap, which tests use
// to make the disk fill up.
func create(path string, wrap func(io.Writer) io.Writer) (*Writer, error) {
	part := path + PartSuffix
	f, err := os.OpenFile(part, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	var out io.Writer = f
	if wrap != nil {
		out = wrap(f)
	}
	w := &Writer{path: path, part: part, file: f, bw: bufio.NewWriterSize(out, writeBuffer), names: newNameTable()}
	w.enc = w.NewEncoder()
	if _, err := w.bw.WriteString(headerMagic); err != nil {
		w.err = fmt.Errorf("store: %s: header: %w", part, err)
	}
	return w, nil
}

// NewEncoder returns an Encoder for this writer's records, for a goroutine
// that encodes while others do (AddEncoded writes what it encodes). It
// must not be used after Commit.
func (w *Writer) NewEncoder() *Encoder { return newEncoder(w.names) }

// Add appends r and returns its index: 0 for the first record added, 1 for
// the next, and so on. A write error (a full disk) is returned, wrapping
// the system's error, and by every later call and Commit.
func (w *Writer) Add(r *schema.Record) (int, error) {
	return w.AddEncoded(w.enc.Encode(r))
}

// AddEncoded appends a record that an Encoder of this writer encoded, and
// returns its index as Add does. It lets callers encode on several cores
// and write in the order they choose.
func (w *Writer) AddEncoded(b []byte) (int, error) {
	switch {
	case w.err != nil:
		return 0, w.err
	case w.done:
		return 0, fmt.Errorf("store: %s: add after Commit or Abort", w.part)
	case len(b) == 0:
		return 0, fmt.Errorf("store: %s: record %d: empty encoding", w.part, w.count)
	}
	if _, err := w.bw.Write(b); err != nil {
		w.err = fmt.Errorf("store: %s: writing record %d: %w", w.part, w.count, err)
		return 0, w.err
	}
	w.size += int64(len(b))
	w.index = binary.AppendUvarint(w.index, uint64(len(b)))
	w.count++
	return w.count - 1, nil
}

// Len returns the number of records added so far.
func (w *Writer) Len() int { return w.count }

// Commit writes the names, the index and the trailer, closes the file,
// renames it into place and opens it for reading. It syncs nothing: a
// store is scratch, rebuilt by the next run. On an error the partial file
// is removed.
func (w *Writer) Commit() (*Set, error) {
	if w.done {
		return nil, fmt.Errorf("store: %s: Commit after Commit or Abort", w.part)
	}
	if w.err != nil {
		err := w.err
		w.Abort()
		return nil, err
	}
	namesOff := headerLen + w.size
	table := w.names.snapshot()
	var meta []byte
	meta = binary.AppendUvarint(meta, uint64(len(table)))
	for _, name := range table {
		meta = binary.AppendUvarint(meta, uint64(len(name)))
		meta = append(meta, name...)
	}
	indexOff := namesOff + int64(len(meta))
	crc := crc32.Update(crc32.Checksum(meta, castagnoli()), castagnoli(), w.index)
	trailer := binary.LittleEndian.AppendUint64(nil, uint64(namesOff))
	trailer = binary.LittleEndian.AppendUint64(trailer, uint64(indexOff))
	trailer = binary.LittleEndian.AppendUint64(trailer, uint64(w.count))
	crc = crc32.Update(crc, castagnoli(), trailer)
	trailer = binary.LittleEndian.AppendUint32(trailer, crc)
	trailer = append(trailer, trailerMagic...)
	for _, b := range [][]byte{meta, w.index, trailer} {
		if _, err := w.bw.Write(b); err != nil {
			w.err = fmt.Errorf("store: %s: writing the index: %w", w.part, err)
			w.Abort()
			return nil, w.err
		}
	}
	if err := w.bw.Flush(); err != nil {
		w.err = fmt.Errorf("store: %s: writing the index: %w", w.part, err)
		w.Abort()
		return nil, w.err
	}
	w.done = true
	w.index = nil
	if err := w.file.Close(); err != nil {
		os.Remove(w.part)
		return nil, fmt.Errorf("store: %s: %w", w.part, err)
	}
	if err := os.Rename(w.part, w.path); err != nil {
		os.Remove(w.part)
		return nil, fmt.Errorf("store: %w", err)
	}
	set, err := Open(w.path)
	if err != nil {
		os.Remove(w.path)
		return nil, err
	}
	return set, nil
}

// Abort closes and removes the partial file. After Commit it does
// nothing, so `defer w.Abort()` cleans up every way out of a function.
func (w *Writer) Abort() error {
	if w.done {
		return nil
	}
	w.done = true
	w.index = nil
	cerr := w.file.Close()
	rerr := os.Remove(w.part)
	if rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
		return fmt.Errorf("store: %w", rerr)
	}
	if cerr != nil && !errors.Is(cerr, os.ErrClosed) {
		return fmt.Errorf("store: %s: %w", w.part, cerr)
	}
	return nil
}

// nameTable numbers the names (files, sheets, sections) of a writer's
// records: name i is written as i+1, and 0 is the empty name.
type nameTable struct {
	mu    sync.Mutex
	ids   map[string]uint64
	names []string
}

func newNameTable() *nameTable { return &nameTable{ids: map[string]uint64{}} }

// id returns name's number, giving it the next one if it has none.
func (t *nameTable) id(name string) uint64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	if id, ok := t.ids[name]; ok {
		return id
	}
	t.names = append(t.names, name)
	id := uint64(len(t.names))
	t.ids[name] = id
	return id
}

// snapshot returns the names so far, in number order.
func (t *nameTable) snapshot() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]string(nil), t.names...)
}
