package schema

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// This file holds the record rules in a form that can be enumerated: the
// custom validation tags (TextRules) and each field's rules read from
// Record's validate tags (FieldRules). The validator runs the tags; the
// SHACL shapes of a release are generated from these tables, so that the
// shapes and `bordernet validate` have one definition of each rule.

// TextRule is one of bordernet's own validation tags (slug, weburl, ...):
// the Go check the validator runs, and what a regular expression can say
// of the same rule, for the SHACL shapes.
type TextRule struct {
	Tag   string // the validate tag, e.g. "slug"
	Check func(string) bool
	// Pattern is a regular expression in the common subset of XPath
	// (SHACL's sh:pattern), JavaScript and Go (RE2) syntax, anchored with
	// ^ and $, that every value Check accepts matches; "" when no pattern
	// is worth stating.
	Pattern string
	// MaxLength is the most characters a value may have; 0 for no limit
	// beyond the pattern's.
	MaxLength int
	// Exact says Pattern and MaxLength accept exactly what Check accepts.
	// When false they are a necessary condition only: what the pattern
	// cannot say is listed in docs/rdf-mapping.md.
	Exact bool
	// Datatypes are the XSD datatypes a value is published with, when
	// the datatype depends on the value's form (see DateDatatype).
	Datatypes []string
}

// TextRules returns the custom validation tags, in the order the
// validator registers them. A function, so nobody can change them.
func TextRules() []TextRule {
	return []TextRule{
		{Tag: "slug", Check: IsSlug, Pattern: `^[a-z0-9]+(-[a-z0-9]+)*$`, MaxLength: 80, Exact: true},
		{Tag: "weburl", Check: IsWebURL, Pattern: `^[hH][tT][tT][pP][sS]?://[^/?#]+([/?#].*)?$`},
		{Tag: "partialdate", Check: IsPartialDate, Pattern: `^[1-9][0-9]{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$`,
			Datatypes: []string{XSDGYear, XSDGYearMonth, XSDDate}},
		{Tag: "wikidata", Check: IsWikidataID, Pattern: `^Q[1-9][0-9]{0,10}$`, Exact: true},
		{Tag: "corpbody", Check: isAuthorityCode, Pattern: `^[A-Z0-9_-]+$`, MaxLength: 40, Exact: true},
		{Tag: "langtag", Check: IsLangTag, Pattern: `^([a-zA-Z]{2,3}|[a-zA-Z]{5,8})(-[a-zA-Z0-9]{1,8})*$`, Exact: true},
		// Control characters and the UTF-16 length of a spreadsheet cell
		// are beyond what a portable pattern says.
		{Tag: "text", Check: IsSafeText},
	}
}

// TextRuleOf returns the custom tag called tag.
func TextRuleOf(tag string) (TextRule, bool) {
	for _, r := range TextRules() {
		if r.Tag == tag {
			return r, true
		}
	}
	return TextRule{}, false
}

// FieldRule is what Record's validate tag says of one field.
type FieldRule struct {
	Field    Field
	Required bool // the field must have a value ("required")
	// Multi says the field holds a list, each value checked by the rules
	// below ("dive").
	Multi bool
	// MaxLength is the most characters a value may have ("max=N"); 0 for
	// no limit.
	MaxLength int
	// Min is the least number allowed ("min=N"), for a number field.
	Min *int
	// OneOf lists the controlled values ("oneof=...").
	OneOf []string
	// Tags are the custom tags every value must pass, in order.
	Tags []TextRule
	// Unenumerated lists the tags of the field that are none of the above,
	// such as required_with: rules between fields.
	Unenumerated []string
}

// FieldRules returns the rules of every field that has a validate tag,
// in the order of Fields(), read from Record's struct tags: the same tags
// the validator runs.
func FieldRules() []FieldRule {
	byField := map[Field]FieldRule{}
	t := reflect.TypeFor[Record]()
	for i := range t.NumField() {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		tag := sf.Tag.Get("validate")
		if name == "" || name == "-" || tag == "" || tag == "-" {
			continue
		}
		byField[Field(name)] = parseFieldRule(Field(name), tag)
	}
	var rules []FieldRule
	for _, f := range Fields() {
		if r, ok := byField[f]; ok {
			rules = append(rules, r)
		}
	}
	return rules
}

// parseFieldRule reads one validate tag. Tags are comma-separated; after
// "dive" they apply to each value of a list.
func parseFieldRule(f Field, tag string) FieldRule {
	rule := FieldRule{Field: f}
	for part := range strings.SplitSeq(tag, ",") {
		name, param, _ := strings.Cut(part, "=")
		switch name {
		case "omitempty":
		case "dive":
			rule.Multi = true
		case "required":
			// In a list, "required" forbids empty values, which the
			// readers never make; of the field itself it means a value.
			if !rule.Multi {
				rule.Required = true
			}
		case "max":
			rule.MaxLength, _ = strconv.Atoi(param)
		case "min":
			n, err := strconv.Atoi(param)
			if err == nil {
				rule.Min = &n
			}
		case "oneof":
			rule.OneOf = strings.Fields(param)
		default:
			if tr, ok := TextRuleOf(name); ok {
				rule.Tags = append(rule.Tags, tr)
			} else {
				rule.Unenumerated = append(rule.Unenumerated, part)
			}
		}
	}
	return rule
}

// ValueIRIPrefix returns what a value of f is appended to (escaped as
// RecordIRI escapes ids) to make the IRI it is published as: the records'
// IRI prefix for relations, Wikidata's entity namespace for wikidata, the
// EU corporate-body table for eu_corporate_body, the concept scheme's for
// kind, scope and status. It returns "" for a field whose value is
// published as the IRI it is (website, legal_basis, source_urls) or as a
// literal.
func ValueIRIPrefix(base string, f Field) string {
	switch {
	case f.IsReference():
		return RecordIRI(base, "")
	case f == FieldWikidata:
		return WikidataIRI("")
	case f == FieldEUCorporateBody:
		return CorporateBodyIRI("")
	case f == FieldKind || f == FieldScope || f == FieldStatus:
		return ConceptIRI(base, string(f), "")
	}
	return ""
}

// FieldRequirement is a rule between two fields of one record: when field
// If has a value (one of IfValues, when given), field Then must have one
// (one of ThenValues, when given). An empty status is no value, though it
// means active. The validator reports a record that breaks it; the SHACL
// shapes state it as sh:or ( [sh:not If] Then ).
type FieldRequirement struct {
	Name       string // a stable name, "succeeded-successor"
	If         Field
	IfValues   []string
	Then       Field
	ThenValues []string
	// At is the field whose position the problem is reported at, Report
	// the field it names.
	At, Report Field
	// Message words the problem for a curator.
	Message func(r *Record) string
}

// FieldRequirements returns the rules between fields that say one field
// needs another. A function, so nobody can change them.
func FieldRequirements() []FieldRequirement {
	return []FieldRequirement{
		{Name: "succeeded-successor", If: FieldStatus, IfValues: []string{string(StatusSucceeded)}, Then: FieldSuccessor,
			At: FieldStatus, Report: FieldSuccessor,
			Message: func(*Record) string { return "is missing: a succeeded record must name its successor's id" }},
		{Name: "successor-succeeded", If: FieldSuccessor, Then: FieldStatus, ThenValues: []string{string(StatusSucceeded)},
			At: FieldSuccessor, Report: FieldStatus,
			Message: func(r *Record) string {
				return fmt.Sprintf("must be succeeded when a successor is given (it is %q)", cmp.Or(string(r.Status), "active"))
			}},
		{Name: "dissolved-not-active", If: FieldDissolved, Then: FieldStatus, ThenValues: []string{string(StatusInactive), string(StatusSucceeded)},
			At: FieldDissolved, Report: FieldStatus,
			Message: func(*Record) string {
				return "is active, but the record has a dissolution date: set the status to inactive or succeeded"
			}},
	}
}

// Applies reports whether r's If field has a value the rule is about.
func (q FieldRequirement) Applies(r *Record) bool { return hasValueIn(r, q.If, q.IfValues) }

// Holds reports whether r's Then field has a value the rule asks for.
func (q FieldRequirement) Holds(r *Record) bool { return hasValueIn(r, q.Then, q.ThenValues) }

// hasValueIn reports whether f has a value in r, one of values when
// values is not empty.
func hasValueIn(r *Record, f Field, values []string) bool {
	var buf [1]string
	for _, v := range fieldValues(r, f, &buf) {
		if len(values) == 0 || slices.Contains(values, v) {
			return true
		}
	}
	return false
}
