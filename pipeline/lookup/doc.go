// Package lookup answers questions about one published release without
// loading its graph: the triples of a subject (a record with its
// provenance nodes, a concept, a scheme), the relations that point at a
// record, and a record's label. It owns the release's inbound index
// (inbound.tsv), written at release time by Addition, and the binary
// search over sorted files that both bordernet.nt and inbound.tsv allow.
//
// bordernet.nt is sorted by line (see pipeline/export/ntriples), so the
// lines of one subject are one contiguous run, found in O(log n) reads of
// the file, and read back into triples by ntriples.ParseLine, the reader
// beside the writer that wrote them. inbound.tsv holds, for each relation between two records, the
// line "OBJECT-IRI<TAB>PREDICATE-IRI<TAB>SUBJECT-IRI", sorted the same way,
// so the relations pointing at a record are found the same way. Opening a
// release reads nothing but the catalogue's base IRI: a million-record
// release is ready at once, and each question costs a few page reads.
package lookup
