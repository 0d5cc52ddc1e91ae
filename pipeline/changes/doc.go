// Package changes owns a release's history: what changed between two
// snapshots of the dataset (two releases, a release and the working
// sources, or two source sets), the rule that an id once published stays,
// and the files a release carries about the change from its predecessor
// (CHANGES.md, changes.json, changes.ru, changes.rdfp).
//
// Its entry point is Compare, which takes two Snapshots and returns a
// Report: records added, retired (status set to inactive or succeeded, or
// a dissolution date set), changed field by field, and removed, each value
// with the position it was read from. Only values count: a value that
// moved to another line or row (a provenance move) is no change.
//
// # Reading a release back
//
// A release is read from its own data files, so any release bordernet
// wrote can be compared, whether or not its sources were kept:
//
//   - the values from bordernet.csv, which holds every field of every
//     record as the sources had it (lists joined with " | ", in their
//     order), where the RDF files cannot tell an acronym from an
//     alternative name;
//   - the positions from bordernet.nt: a record's prov:wasDerivedFrom is
//     where it was defined, and its provenance nodes (…/id/ID#prov-FIELD)
//     say where each other field was read.
//
// Both files list the records in id order (schema.CompareIDs), so they are
// read side by side, one record at a time: memory does not grow with the
// records, only with the changes found.
//
// The one value the CSV does not give back exactly is free text that
// starts with an apostrophe followed by '=', '+', '-', '@', a tab or a
// CR: the CSV writer adds an apostrophe before a value that starts with
// one of those, and reading strips it again (see csv.SafeCell).
//
// # The graph difference
//
// WriteGraphDiff compares two sorted N-Triples files line by line (a merge
// of two sorted streams, in constant memory) and writes the triples to
// delete and to insert as a SPARQL 1.1 Update (DELETE DATA, then INSERT
// DATA) and as an RDF Patch (https://afs.github.io/rdf-patch/). Both are
// exact: applied to the previous release's graph they give the new one,
// provenance included. bordernet's graphs have no blank nodes; a graph
// that has one is refused, since DELETE DATA cannot name a blank node.
package changes
