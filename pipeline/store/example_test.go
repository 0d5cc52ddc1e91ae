package store_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/bordernet/bordernet/pipeline/store"
	"github.com/bordernet/bordernet/schema"
)

// A store is written once, committed, and read through schema.RecordSet.
func Example() {
	dir, err := os.MkdirTemp("", "store")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	w, err := store.Create(filepath.Join(dir, "records.store"))
	if err != nil {
		log.Fatal(err)
	}
	defer w.Abort() // removes the partial file on every way out before Commit
	for _, r := range []schema.Record{
		{ID: "frontex", Name: "European Border and Coast Guard Agency", Origin: schema.Position{File: "sources/listing.txt", Line: 14}},
		{ID: "emn", Name: "European Migration Network", Origin: schema.Position{File: "sources/listing.txt", Line: 3}},
	} {
		if _, err := w.Add(&r); err != nil {
			log.Fatal(err) // a full disk: the error wraps syscall.ENOSPC
		}
	}
	set, err := w.Commit()
	if err != nil {
		log.Fatal(err)
	}
	defer set.Close()

	var records schema.RecordSet = set
	for i, r := range records.All() {
		fmt.Println(i, r.ID, r.Origin)
	}
	fmt.Println(records.At(1).Name)
	if err := records.Err(); err != nil {
		log.Fatal(err)
	}
	// Output:
	// 0 frontex sources/listing.txt:14
	// 1 emn sources/listing.txt:3
	// European Migration Network
}
