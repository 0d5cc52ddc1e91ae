package store

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"iter"
	"os"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/bordernet/bordernet/schema"
)

// Reading buffers: All reads ahead this much; At keeps buffers up to
// pooledMax for the next call.
const (
	readBuffer = 1 << 20
	pooledMax  = 64 << 10
)

// Set is an open store: a schema.RecordSet whose records are read from the
// file on demand. It is safe for concurrent use: each All reads with its
// own buffer through its own section of the file, and At reads with
// pread.
type Set struct {
	path  string
	file  *os.File
	names []string
	// files are the names with RenameFiles applied, for the files of
	// positions only (a section may be spelt as a file is); nil until then.
	files atomic.Pointer[[]string]
	off   offsets
	vocab vocab
	bufs  sync.Pool // *[]byte for At

	mu  sync.Mutex
	err error
}

var _ schema.RecordSet = (*Set)(nil)

// offsets holds where each record starts, relative to the first record,
// in 4 bytes a record: the low 32 bits, and the records at which the high
// bits grow by one (none for a store under 4 GiB).
type offsets struct {
	low   []uint32 // one per record, and the end of the last record
	wraps []int    // record i's offset has one more 2³² per wraps[k] ≤ i
	end   uint64   // the end of the last record added
}

// add appends the end of a record of n bytes.
func (o *offsets) add(n uint64) {
	next := o.end + n
	for k := o.end>>32 + 1; k <= next>>32; k++ {
		o.wraps = append(o.wraps, len(o.low))
	}
	o.low = append(o.low, uint32(next))
	o.end = next
}

func (o *offsets) at(i int) int64 {
	hi := 0
	if len(o.wraps) > 0 {
		hi = sort.Search(len(o.wraps), func(k int) bool { return o.wraps[k] > i })
	}
	return int64(hi)<<32 | int64(o.low[i])
}

// Open opens a committed store. A file that is not a complete, consistent
// store (a crash before Commit, a truncated or overwritten file) is refused
// with an error wrapping ErrIncomplete: Open never returns part of a set.
func Open(path string) (*Set, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	s, err := open(path, f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return s, nil
}

func open(path string, f *os.File) (*Set, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	size := info.Size()
	incomplete := func(format string, args ...any) error {
		return fmt.Errorf("store: %s: %w: "+format, append([]any{path, ErrIncomplete}, args...)...)
	}
	if size < headerLen+trailerLen {
		return nil, incomplete("%d bytes, shorter than a header and a trailer", size)
	}
	head := make([]byte, headerLen)
	if _, err := f.ReadAt(head, 0); err != nil {
		return nil, fmt.Errorf("store: %s: header: %w", path, err)
	}
	if string(head) != headerMagic {
		return nil, incomplete("no store header")
	}
	trailer := make([]byte, trailerLen)
	if _, err := f.ReadAt(trailer, size-trailerLen); err != nil {
		return nil, fmt.Errorf("store: %s: trailer: %w", path, err)
	}
	if string(trailer[28:]) != trailerMagic {
		return nil, incomplete("no trailer: the store was not committed, or was cut short")
	}
	namesOff := binary.LittleEndian.Uint64(trailer[0:])
	indexOff := binary.LittleEndian.Uint64(trailer[8:])
	count := binary.LittleEndian.Uint64(trailer[16:])
	sum := binary.LittleEndian.Uint32(trailer[24:])
	metaEnd := uint64(size - trailerLen)
	if namesOff < uint64(headerLen) || namesOff > indexOff || indexOff > metaEnd {
		return nil, incomplete("the trailer's offsets (%d, %d) are outside the file of %d bytes", namesOff, indexOff, size)
	}
	// Each record takes at least one byte of the index: a count beyond
	// that is refused before anything is allocated for it.
	if count > metaEnd-indexOff {
		return nil, incomplete("the trailer says %d records, the index has room for %d", count, metaEnd-indexOff)
	}
	crc := crc32.New(castagnoli())
	meta := &metaReader{r: bufio.NewReaderSize(io.TeeReader(io.NewSectionReader(f, int64(namesOff), int64(metaEnd-namesOff)), crc), 64<<10)}
	s := &Set{path: path, file: f, vocab: newVocab()}
	s.bufs.New = func() any { return new([]byte) }

	nNames := meta.uvarint()
	if meta.err == nil && nNames > indexOff-namesOff {
		return nil, incomplete("the name table says %d names in %d bytes", nNames, indexOff-namesOff)
	}
	s.names = make([]string, 0, nNames)
	for range nNames {
		n := meta.uvarint()
		if meta.err != nil || n > indexOff-namesOff {
			break
		}
		buf := make([]byte, n)
		meta.full(buf)
		s.names = append(s.names, string(buf))
	}
	if meta.err == nil && meta.n != indexOff-namesOff {
		return nil, incomplete("the name table ends at byte %d, the index starts at %d", namesOff+meta.n, indexOff)
	}
	s.off.low = make([]uint32, 1, count+1)
	records := namesOff - uint64(headerLen)
	for i := range count {
		n := meta.uvarint()
		if meta.err != nil {
			break
		}
		if n == 0 || n > records-s.off.end {
			return nil, incomplete("record %d of %d bytes runs past the records' %d bytes", i, n, records)
		}
		s.off.add(n)
	}
	var readErr *os.PathError
	switch {
	case errors.As(meta.err, &readErr): // the file, not its contents
		return nil, fmt.Errorf("store: %s: reading the index: %w", path, meta.err)
	case meta.err != nil: // cut short, or a malformed number
		return nil, incomplete("reading the index: %v", meta.err)
	}
	if meta.n != metaEnd-namesOff {
		return nil, incomplete("the index of %d records ends at byte %d, the trailer starts at %d", count, namesOff+meta.n, metaEnd)
	}
	if s.off.end != records {
		return nil, incomplete("the index of %d records covers %d bytes of records, the file holds %d", count, s.off.end, records)
	}
	crc.Write(trailer[:24])
	if crc.Sum32() != sum {
		return nil, incomplete("checksum %08x, the trailer says %08x", crc.Sum32(), sum)
	}
	return s, nil
}

// metaReader reads the names and the index, counting bytes; the first
// error sticks.
type metaReader struct {
	r   *bufio.Reader
	n   uint64
	err error
}

func (m *metaReader) uvarint() uint64 {
	if m.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(countingByteReader{m})
	if err != nil {
		m.err = err
		return 0
	}
	return v
}

func (m *metaReader) full(buf []byte) {
	if m.err != nil {
		return
	}
	n, err := io.ReadFull(m.r, buf)
	m.n += uint64(n)
	m.err = err
}

type countingByteReader struct{ m *metaReader }

func (c countingByteReader) ReadByte() (byte, error) {
	b, err := c.m.r.ReadByte()
	if err == nil {
		c.m.n++
	}
	return b, err
}

// Path returns the store's file.
func (s *Set) Path() string { return s.path }

// Len returns the number of records.
func (s *Set) Len() int { return len(s.off.low) - 1 }

// Close closes the file. Readers after Close fail (Err says so).
func (s *Set) Close() error {
	if err := s.file.Close(); err != nil {
		return fmt.Errorf("store: %s: %w", s.path, err)
	}
	return nil
}

// Err returns the first error a reader met.
func (s *Set) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// fail records err unless an earlier error was recorded.
func (s *Set) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = err
	}
}

func (s *Set) recordError(i int, err error) error {
	return fmt.Errorf("store: %s: record %d at offset %d: %w", s.path, i, headerLen+s.off.at(i), err)
}

// All yields the records in order, read sequentially through a buffer of
// its own. The *Record is reused for the next record; its strings and
// slices are not. A read or decode error stops it and is recorded for
// Err.
func (s *Set) All() iter.Seq2[int, *schema.Record] {
	return func(yield func(int, *schema.Record) bool) {
		n := s.Len()
		if n == 0 {
			return
		}
		data := s.off.at(n)
		br := bufio.NewReaderSize(io.NewSectionReader(s.file, headerLen, data), int(min(data, readBuffer)))
		var r schema.Record
		var big []byte
		for i := range n {
			size := int(s.off.at(i+1) - s.off.at(i))
			var b []byte
			var err error
			if size <= br.Size() {
				b, err = br.Peek(size)
			} else {
				if cap(big) < size {
					big = make([]byte, size)
				}
				b = big[:size]
				_, err = io.ReadFull(br, b)
			}
			if err != nil {
				if errors.Is(err, io.EOF) {
					err = io.ErrUnexpectedEOF
				}
				s.fail(s.recordError(i, err))
				return
			}
			if err := s.vocab.decode(b, s.names, s.fileNames(), &r); err != nil {
				s.fail(s.recordError(i, err))
				return
			}
			if size <= br.Size() {
				br.Discard(size)
			}
			if !yield(i, &r) {
				return
			}
		}
	}
}

// At returns record i, read with one pread. On an error (recorded for Err)
// it returns a zero Record; an index out of range is an error too.
func (s *Set) At(i int) schema.Record {
	if i < 0 || i >= s.Len() {
		s.fail(fmt.Errorf("store: %s: record %d of %d: index out of range", s.path, i, s.Len()))
		return schema.Record{}
	}
	start, end := s.off.at(i), s.off.at(i+1)
	bp := s.bufs.Get().(*[]byte)
	if int64(cap(*bp)) < end-start {
		*bp = make([]byte, end-start)
	}
	b := (*bp)[:end-start]
	defer func() {
		if cap(b) <= pooledMax {
			s.bufs.Put(bp)
		}
	}()
	if _, err := s.file.ReadAt(b, headerLen+start); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		s.fail(s.recordError(i, err))
		return schema.Record{}
	}
	var r schema.Record
	if err := s.vocab.decode(b, s.names, s.fileNames(), &r); err != nil {
		s.fail(s.recordError(i, err))
		return schema.Record{}
	}
	return r
}

// RenameFiles renames the file of every position of the records (their
// origins and field sources) as they are read from now on: rename is given
// each file name the store holds and returns the new one. Only the names
// table changes, whatever the number of records (sourcecopy.Relocate
// names a release's copies of its sources so).
func (s *Set) RenameFiles(rename func(string) string) {
	files := make([]string, len(s.names))
	for i, n := range s.names {
		files[i] = rename(n)
	}
	s.files.Store(&files)
}

func (s *Set) fileNames() []string {
	if f := s.files.Load(); f != nil {
		return *f
	}
	return nil
}
