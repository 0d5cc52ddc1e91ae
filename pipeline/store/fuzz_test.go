package store

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/bordernet/bordernet/schema"
)

// bytesReader hands out a fuzzer's bytes as the values of a record; past
// the end it gives zeros.
type bytesReader struct{ b []byte }

func (r *bytesReader) byte() byte {
	if len(r.b) == 0 {
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *bytesReader) str() string {
	n := min(int(r.byte()), len(r.b))
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *bytesReader) int() int {
	var b [8]byte
	for i := range b {
		b[i] = r.byte()
	}
	return int(binary.LittleEndian.Uint64(b[:]))
}

func (r *bytesReader) list() []string {
	n := int(r.byte())
	if n == 0 {
		return nil
	}
	l := make([]string, n-1)
	for i := range l {
		l[i] = r.str()
	}
	return l
}

func (r *bytesReader) pos() schema.Position {
	return schema.Position{File: r.str(), Line: r.int(), Sheet: r.str(), Col: r.int()}
}

// recordFrom makes a record of any values from a fuzzer's bytes.
func recordFrom(data []byte) schema.Record {
	r := &bytesReader{b: data}
	rec := schema.Record{
		ID: r.str(), Kind: schema.Kind(r.str()), Scope: schema.Scope(r.str()), Name: r.str(), Acronym: r.str(),
		AltNames: r.list(), Description: r.str(), DescriptionLang: r.str(), Website: r.str(), Founded: r.str(),
		Dissolved: r.str(), Status: schema.Status(r.str()), Successor: r.str(), Parent: r.str(),
		MemberOf: r.list(), PartnerOf: r.list(), Seat: r.str(), LegalBasis: r.str(), Wikidata: r.str(),
		EUCorporateBody: r.str(), SourceURLs: r.list(), Section: r.str(), Origin: r.pos(),
	}
	if r.byte()&1 == 1 {
		m := r.int()
		rec.Members = &m
	}
	if n := int(r.byte()); n > 0 {
		rec.Sources = make([]schema.FieldSource, n-1)
		fields := schema.Fields()
		for i := range rec.Sources {
			code := int(r.byte())
			if code < len(fields) {
				rec.Sources[i].Field = fields[code]
			} else {
				rec.Sources[i].Field = schema.Field(r.str())
			}
			rec.Sources[i].Pos = r.pos()
		}
	}
	return rec
}

// FuzzRoundTrip: any record decodes to exactly itself.
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("\x02id\x07network\x0aeu-focused"))
	f.Add([]byte("\x01a\x01\x01\x00\x01\x00\x02\x01é\x01\x00\xff\xff\xff\xff\xff\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		want := recordFrom(data)
		enc := newEncoder(newNameTable())
		b := enc.Encode(&want)
		var got schema.Record
		v := newVocab()
		if err := v.decode(b, enc.names.snapshot(), nil, &got); err != nil {
			t.Fatalf("decode: %v", err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("decoded\n%#v\nwant\n%#v", got, want)
		}
	})
}

// FuzzDecode: any bytes decode without a panic, to an error or to a record
// that encodes and decodes to itself.
func FuzzDecode(f *testing.F) {
	enc := newEncoder(newNameTable())
	for _, r := range oddRecords() {
		f.Add(enc.Append(nil, &r))
	}
	names := enc.names.snapshot()
	f.Fuzz(func(t *testing.T, b []byte) {
		v := newVocab()
		var r schema.Record
		if err := v.decode(b, names, nil, &r); err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error %v is not ErrCorrupt", err)
			}
			if !reflect.DeepEqual(r, schema.Record{}) {
				t.Fatalf("a failed decode left %#v", r)
			}
			return
		}
		again := newEncoder(newNameTable())
		var r2 schema.Record
		if err := v.decode(again.Encode(&r), again.names.snapshot(), nil, &r2); err != nil || !reflect.DeepEqual(r, r2) {
			t.Fatalf("re-encoded: %v\n%#v\nwant\n%#v", err, r2, r)
		}
	})
}

// fixChecksum makes the checksum of a store's bytes agree with its
// trailer's offsets, where they are in the file, so that the fuzzer's
// changes reach Open's other checks and the decoder.
func fixChecksum(b []byte) {
	if len(b) < int(headerLen+trailerLen) {
		return
	}
	end := uint64(len(b)) - uint64(trailerLen)
	tr := b[end:]
	namesOff := binary.LittleEndian.Uint64(tr)
	if namesOff > end {
		return
	}
	crc := crc32Checksum(b[namesOff:end], tr[:24])
	binary.LittleEndian.PutUint32(tr[24:], crc)
}

// FuzzOpen: any file opens without a panic, to an ErrIncomplete or to a
// set whose every record reads, or fails to read, without a panic.
func FuzzOpen(f *testing.F) {
	whole := smallStore(f)
	f.Add(whole, false)
	f.Add(whole, true)
	f.Add(whole[:len(whole)-1], false)
	f.Add([]byte(headerMagic), false)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte, fix bool) {
		if fix {
			fixChecksum(b)
		}
		path := filepath.Join(dir, "fuzz.store")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		set, err := Open(path)
		if err != nil {
			if !errors.Is(err, ErrIncomplete) {
				t.Fatalf("Open: %v, want ErrIncomplete", err)
			}
			return
		}
		defer set.Close()
		n := 0
		for range set.All() {
			n++
		}
		if set.Err() == nil && n != set.Len() {
			t.Fatalf("All yielded %d of %d records and no error", n, set.Len())
		}
		for i := -1; i <= set.Len(); i++ {
			set.At(i)
		}
		if set.Err() == nil {
			t.Fatal("At out of range left no error")
		}
	})
}
