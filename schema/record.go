package schema

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Field names one curatable property of a Record. Its string form is the
// name users see everywhere: workbook column headers, CSV headers, JSON keys
// and problem reports.
type Field string

// The fields of a Record, in the order they are shown to users.
const (
	FieldID              Field = "id"
	FieldKind            Field = "kind"
	FieldScope           Field = "scope"
	FieldName            Field = "name"
	FieldAcronym         Field = "acronym"
	FieldAltNames        Field = "alt_names"
	FieldDescription     Field = "description"
	FieldDescriptionLang Field = "description_lang"
	FieldWebsite         Field = "website"
	FieldFounded         Field = "founded"
	FieldDissolved       Field = "dissolved"
	FieldStatus          Field = "status"
	FieldSuccessor       Field = "successor"
	FieldParent          Field = "parent"
	FieldMemberOf        Field = "member_of"
	FieldPartnerOf       Field = "partner_of"
	FieldMembers         Field = "members"
	FieldSeat            Field = "seat"
	FieldLegalBasis      Field = "legal_basis"
	FieldWikidata        Field = "wikidata"
	FieldEUCorporateBody Field = "eu_corporate_body"
	FieldSourceURLs      Field = "source_urls"
)

// Fields lists every Field in display order. It is a function, not a
// variable, so no caller can change it.
func Fields() []Field {
	return []Field{
		FieldID, FieldKind, FieldScope, FieldName, FieldAcronym, FieldAltNames,
		FieldDescription, FieldDescriptionLang, FieldWebsite, FieldFounded,
		FieldDissolved, FieldStatus, FieldSuccessor, FieldParent, FieldMemberOf,
		FieldPartnerOf, FieldMembers, FieldSeat, FieldLegalBasis, FieldWikidata,
		FieldEUCorporateBody, FieldSourceURLs,
	}
}

// MultiValued reports whether f holds a list. Lists are written in one CSV
// or workbook cell joined by ListSeparator.
func (f Field) MultiValued() bool {
	switch f {
	case FieldAltNames, FieldMemberOf, FieldPartnerOf, FieldSourceURLs:
		return true
	}
	return false
}

// IsReference reports whether f holds ids of other records.
func (f Field) IsReference() bool {
	switch f {
	case FieldSuccessor, FieldParent, FieldMemberOf, FieldPartnerOf:
		return true
	}
	return false
}

// ListSeparator joins the values of a multi-valued field in one cell. A
// vertical bar is used because it does not occur in names, URLs or ids.
const ListSeparator = " | "

// SplitList splits a cell holding a multi-valued field, trimming each value
// and dropping empty ones. It accepts "|" with or without spaces.
func SplitList(cell string) []string {
	var out []string
	for part := range strings.SplitSeq(cell, "|") {
		if v := strings.TrimSpace(part); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// Kind says what sort of body a record is.
type Kind string

// The kinds of record.
const (
	KindNetwork Kind = "network"
	KindForum   Kind = "forum"
	KindAgency  Kind = "agency"
)

// Kinds lists the controlled values of Kind.
func Kinds() []Kind { return []Kind{KindNetwork, KindForum, KindAgency} }

// Scope says where a body works.
type Scope string

// The scopes of record.
const (
	ScopeEU       Scope = "eu-focused"
	ScopeEuropean Scope = "other-european"
)

// Scopes lists the controlled values of Scope.
func Scopes() []Scope { return []Scope{ScopeEU, ScopeEuropean} }

// Status says whether a body still exists.
type Status string

// The statuses of a record. A record without a status is active.
const (
	StatusActive    Status = "active"
	StatusInactive  Status = "inactive"
	StatusSucceeded Status = "succeeded"
)

// Statuses lists the controlled values of Status.
func Statuses() []Status { return []Status{StatusActive, StatusInactive, StatusSucceeded} }

// Record is one organisation of the dataset: a network, forum or agency.
//
// The validate tags are go-playground/validator rules; the custom ones
// (slug, weburl, partialdate, wikidata, corpbody, langtag, text) are registered by
// NewValidator. Every value that was read from a source has its Position in
// Sources.
type Record struct {
	ID              string   `json:"id" validate:"required,slug"`
	Kind            Kind     `json:"kind" validate:"required,oneof=network forum agency"`
	Scope           Scope    `json:"scope" validate:"required,oneof=eu-focused other-european"`
	Name            string   `json:"name" validate:"required,max=500,text"`
	Acronym         string   `json:"acronym,omitempty" validate:"max=40,text"`
	AltNames        []string `json:"alt_names,omitempty" validate:"dive,required,max=500,text"`
	Description     string   `json:"description,omitempty" validate:"text"`
	DescriptionLang string   `json:"description_lang,omitempty" validate:"omitempty,langtag"`
	Website         string   `json:"website,omitempty" validate:"omitempty,weburl"`
	Founded         string   `json:"founded,omitempty" validate:"omitempty,partialdate"`
	Dissolved       string   `json:"dissolved,omitempty" validate:"omitempty,partialdate"`
	Status          Status   `json:"status,omitempty" validate:"omitempty,oneof=active inactive succeeded"`
	Successor       string   `json:"successor,omitempty" validate:"omitempty,slug"`
	Parent          string   `json:"parent,omitempty" validate:"omitempty,slug"`
	MemberOf        []string `json:"member_of,omitempty" validate:"dive,slug"`
	PartnerOf       []string `json:"partner_of,omitempty" validate:"dive,slug"`
	Members         *int     `json:"members,omitempty" validate:"omitempty,min=0"`
	Seat            string   `json:"seat,omitempty" validate:"max=200,text"`
	LegalBasis      string   `json:"legal_basis,omitempty" validate:"omitempty,weburl"`
	Wikidata        string   `json:"wikidata,omitempty" validate:"omitempty,wikidata"`
	EUCorporateBody string   `json:"eu_corporate_body,omitempty" validate:"omitempty,corpbody"`
	SourceURLs      []string `json:"source_urls,omitempty" validate:"dive,weburl"`

	// Section is the listing heading the record was read under, as written
	// minus a trailing colon; empty for records only in a workbook.
	Section string `json:"-" validate:"-"`
	// Origin is where the record was first defined: its title line in the
	// listing or its row in a workbook (Col 0).
	Origin Position `json:"-" validate:"-"`
	// Sources holds the position of every field value read from a source,
	// sorted by field. Use Source and SetSource rather than the slice.
	Sources []FieldSource `json:"-" validate:"-"`
}

// FieldSource is the position one field's value was read from.
type FieldSource struct {
	Field Field
	Pos   Position
}

// Source returns where f's value was read, if it was.
func (r *Record) Source(f Field) (Position, bool) {
	for _, s := range r.Sources {
		if s.Field == f {
			return s.Pos, true
		}
	}
	return Position{}, false
}

// SetSource records that f's value was read at pos, replacing an earlier
// position of f. A slice, not a map, because records have few sourced fields
// and a million maps cost far more memory than a million short slices.
func (r *Record) SetSource(f Field, pos Position) {
	i, found := slices.BinarySearchFunc(r.Sources, f, func(s FieldSource, f Field) int { return strings.Compare(string(s.Field), string(f)) })
	if found {
		r.Sources[i].Pos = pos
		return
	}
	r.Sources = slices.Insert(r.Sources, i, FieldSource{Field: f, Pos: pos})
}

// ClearSource forgets where f's value came from, for a value a curator
// cleared.
func (r *Record) ClearSource(f Field) {
	r.Sources = slices.DeleteFunc(r.Sources, func(s FieldSource) bool { return s.Field == f })
}

// PositionOf returns the best position to report a problem with field f: the
// field's own source if it has one, else the record's origin.
func (r *Record) PositionOf(f Field) Position {
	if p, ok := r.Source(f); ok {
		return p
	}
	return r.Origin
}

// IsActive reports whether the record is active; an empty status means
// active.
func (r *Record) IsActive() bool { return r.Status == "" || r.Status == StatusActive }

// Values returns the record's value of f as strings: one element for a
// single-valued field, none for an empty one. It is how tabular writers and
// readers see a record.
func (r *Record) Values(f Field) []string {
	switch f {
	case FieldAltNames:
		return r.AltNames
	case FieldMemberOf:
		return r.MemberOf
	case FieldPartnerOf:
		return r.PartnerOf
	case FieldSourceURLs:
		return r.SourceURLs
	case FieldMembers:
		if r.Members == nil {
			return nil
		}
		return []string{itoa(*r.Members)}
	}
	if v, ok := r.single(f); ok && v != "" {
		return []string{v}
	}
	return nil
}

// Cell returns the record's value of f as one cell of text, lists joined by
// ListSeparator.
func (r *Record) Cell(f Field) string {
	// A single value is returned as it is: Values would wrap it in a slice
	// of its own, an allocation per cell of every row a CSV or workbook
	// writer writes.
	if v, ok := r.single(f); ok {
		return v
	}
	return strings.Join(r.Values(f), ListSeparator)
}

// single returns the value of f when f is a single-valued text field
// (members, a number, is not one).
func (r *Record) single(f Field) (string, bool) {
	if p := r.stringField(f); p != nil {
		return *p, true
	}
	switch f {
	case FieldKind:
		return string(r.Kind), true
	case FieldScope:
		return string(r.Scope), true
	case FieldStatus:
		return string(r.Status), true
	}
	return "", false
}

// SetCell sets the record's value of f from one cell of text, the inverse
// of Cell: lists are split on "|", members must be a whole number. An empty
// cell clears the field. Values are stored as given; Validate judges them.
func (r *Record) SetCell(f Field, cell string) error {
	cell = strings.TrimSpace(cell)
	if p := r.stringField(f); p != nil {
		*p = cell
		return nil
	}
	switch f {
	case FieldKind:
		r.Kind = Kind(strings.ToLower(cell))
	case FieldScope:
		r.Scope = Scope(strings.ToLower(cell))
	case FieldStatus:
		r.Status = Status(strings.ToLower(cell))
	case FieldAltNames:
		r.AltNames = SplitList(cell)
	case FieldMemberOf:
		r.MemberOf = SplitList(cell)
	case FieldPartnerOf:
		r.PartnerOf = SplitList(cell)
	case FieldSourceURLs:
		r.SourceURLs = SplitList(cell)
	case FieldMembers:
		if cell == "" {
			r.Members = nil
			return nil
		}
		n, err := strconv.Atoi(strings.TrimSuffix(cell, ".0"))
		if err != nil {
			return fmt.Errorf("%q is not a whole number", cell)
		}
		r.Members = &n
	default:
		return fmt.Errorf("unknown field %q", f)
	}
	return nil
}

// stringField returns the address of f's value when f is a plain string
// field, else nil.
func (r *Record) stringField(f Field) *string {
	switch f {
	case FieldID:
		return &r.ID
	case FieldName:
		return &r.Name
	case FieldAcronym:
		return &r.Acronym
	case FieldDescription:
		return &r.Description
	case FieldDescriptionLang:
		return &r.DescriptionLang
	case FieldWebsite:
		return &r.Website
	case FieldFounded:
		return &r.Founded
	case FieldDissolved:
		return &r.Dissolved
	case FieldSuccessor:
		return &r.Successor
	case FieldParent:
		return &r.Parent
	case FieldSeat:
		return &r.Seat
	case FieldLegalBasis:
		return &r.LegalBasis
	case FieldWikidata:
		return &r.Wikidata
	case FieldEUCorporateBody:
		return &r.EUCorporateBody
	}
	return nil
}

func itoa(n int) string { return strconv.Itoa(n) }

// CompareIDs orders record ids as their IRIs order once serialized between
// angle brackets: an id that is a prefix of another sorts after it when the
// next byte is below '>' ("a-b" < "a" < "ab"). Releases list records in this
// order so that sorted N-Triples can be written while streaming.
func CompareIDs(a, b string) int {
	n := min(len(a), len(b))
	if c := strings.Compare(a[:n], b[:n]); c != 0 {
		return c
	}
	end := func(s string) int {
		if len(s) > n {
			return int(s[n])
		}
		return '>'
	}
	return end(a) - end(b)
}
