package xlsx

import (
	"strings"

	"github.com/bordernet/bordernet/schema"
)

// describeField returns what a column means and which values it allows,
// for the About sheet's column dictionary, in words for people who open
// the workbook without having read the code.
func describeField(f schema.Field) (meaning, allowed string) {
	const (
		date = "year (2004), year and month (2004-10) or full date (2004-10-26)"
		url  = "web address starting with http:// or https://"
		id   = "id of another record"
	)
	list := func(s string) string {
		return s + "; several are separated by \"" + strings.TrimSpace(schema.ListSeparator) + "\""
	}
	join := func(vs ...string) string { return strings.Join(vs, ", ") }
	switch f {
	case schema.FieldID:
		return "Stable identifier of the record; the record's IRI is the base IRI + \"id/\" + id. Never renamed or reused.",
			"lower-case letters and digits in groups joined by single hyphens, at most 80 characters"
	case schema.FieldKind:
		var ks []string
		for _, k := range schema.Kinds() {
			ks = append(ks, string(k))
		}
		return "What sort of body the record is.", join(ks...)
	case schema.FieldScope:
		var ss []string
		for _, s := range schema.Scopes() {
			ss = append(ss, string(s))
		}
		return "Where the body works: in the EU's frame, or elsewhere in Europe.", join(ss...)
	case schema.FieldName:
		return "Name of the body, in full. A name in another language than the dataset's ends in @ and its language.", "text, at most 500 characters, e.g. Straż Graniczna @pl"
	case schema.FieldAcronym:
		return "Acronym or short name.", "text, at most 40 characters; no two active records share one"
	case schema.FieldAltNames:
		return "Other names: earlier names, names in other languages (each ending in @ and its language).", list("text, e.g. Réseau juridique européen @fr")
	case schema.FieldDescription:
		return "What the body does.", "text"
	case schema.FieldDescriptionLang:
		return "Language of the description.", "BCP 47 language tag, e.g. en, de, fr-BE; required with a description"
	case schema.FieldWebsite:
		return "Official website.", url
	case schema.FieldFounded:
		return "When the body was set up.", date
	case schema.FieldDissolved:
		return "When the body ceased to exist.", date + "; not before founded"
	case schema.FieldStatus:
		var ss []string
		for _, s := range schema.Statuses() {
			ss = append(ss, string(s))
		}
		return "Whether the body still exists; empty means active.", join(ss...)
	case schema.FieldSuccessor:
		return "The record of the body that took this one's place.", id + "; the status is then succeeded"
	case schema.FieldParent:
		return "The body that coordinates or hosts this one.", id
	case schema.FieldMemberOf:
		return "Bodies this one is a member of.", list("ids of other records")
	case schema.FieldPartnerOf:
		return "Bodies this one works with as a partner.", list("ids of other records")
	case schema.FieldMembers:
		return "Number of members.", "whole number, 0 or more"
	case schema.FieldSeat:
		return "Where the body has its seat.", "text, at most 200 characters"
	case schema.FieldLegalBasis:
		return "The legal act that set the body up.", url
	case schema.FieldWikidata:
		return "The body's Wikidata item.", "Wikidata id: Q followed by digits, e.g. Q1339795"
	case schema.FieldEUCorporateBody:
		return "The body's code in the EU Publications Office corporate-body table.", "capital letters, digits, _ and -"
	case schema.FieldSourceURLs:
		return "Public sources of the record's facts.", list(url)
	}
	return "", ""
}
