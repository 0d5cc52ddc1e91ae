package schema

// Patch is one workbook row: the values a curator gave for one record.
// Merging applies it to the listing record with the same ID, or creates a
// new record when no listing record has that ID.
type Patch struct {
	ID     string
	Origin Position // the id cell
	Cells  []PatchCell
}

// PatchCell is one non-empty cell of a Patch. An empty cell is not a
// PatchCell: it leaves the field as the listing has it.
type PatchCell struct {
	Field Field
	Value string   // normalised text, as Record.SetCell takes it; "" when Clear
	Clear bool     // the cell held the explicit clear marker: the field has no value
	Pos   Position // the cell
	// Invalid marks a value that cannot be stored in its field (a problem
	// at Pos says why): merging leaves it out, and it is kept only so
	// that a template made from the sources shows what the curator wrote.
	Invalid bool
}

// ClearMarker is what a curator writes in a cell to say "this field has no
// value", overriding a value the listing gives. An empty cell means "no
// change" instead, so emptiness alone cannot clear anything.
const ClearMarker = "-"
