// Package schema owns what a bordernet record is: the Record type and its
// fields, the controlled vocabularies (kind, scope, status), where each value
// came from (Position), the problems found in the data (Problem, Problems),
// the validation rules that find them, the dataset metadata of a release, and
// the mapping of all of this onto RDF vocabularies.
//
// schema imports no other bordernet package; everything else imports it.
package schema
