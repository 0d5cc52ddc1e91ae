package schema

// The problem codes: one stable, kebab-case word per kind of problem, so
// that a curator can look a problem up in docs/problems.md, silence it
// (--ignore CODE) or let warnings fail a run (--strict). A code, once
// published, keeps its meaning; a new kind of problem gets a new code.
//
// Every problem is made with one (Problems.Errorf and Warnf take it
// first), and every code is in Codes, which docs/problems.md lists: a test
// checks the two agree.
const (
	// Values of one field (the validator's rules and the workbook's cells).
	CodeMissingValue           = "missing-value"
	CodeMissingDescriptionLang = "missing-description-lang"
	CodeEmptyListValue         = "empty-list-value"
	CodeInvalidID              = "invalid-id"
	CodeInvalidURL             = "invalid-url"
	CodeInvalidDate            = "invalid-date"
	CodeInvalidWikidata        = "invalid-wikidata"
	CodeInvalidCorporateBody   = "invalid-corporate-body"
	CodeInvalidLanguage        = "invalid-language"
	CodeInvalidText            = "invalid-text"
	CodeInvalidEmail           = "invalid-email"
	CodeInvalidNumber          = "invalid-number"
	CodeNotAllowedValue        = "not-allowed-value"
	CodeTooLong                = "too-long"
	CodeTooSmall               = "too-small"
	CodeInvalidValue           = "invalid-value"

	// Rules between the fields of one record.
	CodeMissingDescription     = "missing-description"
	CodeMissingSuccessor       = "missing-successor"
	CodeSuccessorNotSucceeded  = "successor-not-succeeded"
	CodeDissolvedButActive     = "dissolved-but-active"
	CodeDissolvedBeforeFounded = "dissolved-before-founded"
	CodeClearMarkerValue       = "clear-marker-value"
	CodeFormulaLikeText        = "formula-like-text"
	CodeAcronymIsName          = "acronym-is-name"
	CodeUncheckedRecord        = "unchecked-record"
	CodeUncheckedMetadata      = "unchecked-metadata"
	CodeDuplicateID            = "duplicate-id"
	CodeDuplicateAcronym       = "duplicate-acronym"
	CodeSelfReference          = "self-reference"
	CodeUnknownReference       = "unknown-reference"
	CodeReferenceCycle         = "reference-cycle"
	CodeUnknownTheme           = "unknown-theme"
	CodeNonEULanguage          = "non-eu-language"
	CodeUnknownLicense         = "unknown-license"
	CodeControlCharacter       = "control-character"
	CodeIntroLine              = "intro-line"
	CodeNoEntries              = "no-entries"
	CodeEmptySection           = "empty-section"
	CodeOrphanParagraph        = "orphan-paragraph"
	CodeNoIDPossible           = "no-id-possible"
	CodeNoWorksheet            = "no-worksheet"
	CodeNoRecordsSheet         = "no-records-sheet"
	CodeAmbiguousRecordsSheet  = "ambiguous-records-sheet"
	CodeEmptySheet             = "empty-sheet"
	CodeNoIDColumn             = "no-id-column"
	CodeUnknownColumn          = "unknown-column"
	CodeDuplicateColumn        = "duplicate-column"
	CodeHeadlessColumn         = "headless-column"
	CodeDuplicateRow           = "duplicate-row"
	CodeMissingID              = "missing-id"
	CodeClearedID              = "cleared-id"
	CodeUnknownID              = "unknown-id"
	CodeUncalculatedFormula    = "uncalculated-formula"
	CodeFormulaError           = "formula-error"
	CodeDamagedCell            = "damaged-cell"
	CodeClearedRequired        = "cleared-required"
	CodeWorkbookConflict       = "workbook-conflict"
	CodeUnreadFile             = "unread-file"
	CodeNoRecords              = "no-records"
	CodeTitleTooLong           = "title-too-long"
	CodeLanguageMismatch       = "language-mismatch"
	CodeLanguageMissing        = "language-missing"
	CodeLanguageTag            = "language-tag"
	CodeFactRemoved            = "fact-removed"
	CodeIDDropped              = "id-dropped"
)

// CodeInfo says what a problem code means.
type CodeInfo struct {
	Code     string
	Severity Severity // the severity problems of this code have
	Meaning  string   // one sentence, as docs/problems.md has it
}

// Codes lists every problem code, in the order docs/problems.md has them.
func Codes() []CodeInfo {
	e, w := SeverityError, SeverityWarning
	return []CodeInfo{
		{CodeMissingValue, e, "a field every record (or the metadata) needs has no value"},
		{CodeMissingDescriptionLang, e, "a description is given without its language"},
		{CodeEmptyListValue, e, "a list (alt_names, member_of, ...) has an empty value"},
		{CodeInvalidID, e, "an id is not lower-case letters, digits and single hyphens"},
		{CodeInvalidURL, e, "a web address is not a full http(s) URL"},
		{CodeInvalidDate, e, "a date is not YYYY, YYYY-MM or YYYY-MM-DD"},
		{CodeInvalidWikidata, e, "a Wikidata id is not Q followed by digits (or a Wikidata URL)"},
		{CodeInvalidCorporateBody, e, "an EU corporate-body code is not capital letters, digits, _ and -"},
		{CodeInvalidLanguage, e, "a language tag is not a BCP 47 tag such as en or fr-BE"},
		{CodeInvalidText, e, "a text holds control characters or is longer than a spreadsheet cell"},
		{CodeInvalidEmail, e, "an e-mail address of the metadata is not one"},
		{CodeInvalidNumber, e, "a number of members is not a whole number"},
		{CodeNotAllowedValue, e, "a controlled value (kind, scope, status, ...) is not one of the allowed ones"},
		{CodeTooLong, e, "a value is longer than its field allows"},
		{CodeTooSmall, e, "a number is smaller than its field allows"},
		{CodeInvalidValue, e, "a value its field cannot hold, for another reason the message gives"},
		{CodeMissingDescription, w, "a record has a name but no description"},
		{CodeMissingSuccessor, e, "a succeeded record names no successor"},
		{CodeSuccessorNotSucceeded, e, "a record names a successor but its status is not succeeded"},
		{CodeDissolvedButActive, e, "an active record has a dissolution date"},
		{CodeDissolvedBeforeFounded, e, "a dissolution date is before the founding date"},
		{CodeClearMarkerValue, e, "a value is the clear marker (-), which only means something in a workbook cell"},
		{CodeFormulaLikeText, w, "a text starts with =, +, - or @, which spreadsheets take for a formula"},
		{CodeAcronymIsName, w, "an acronym is the same as the name"},
		{CodeUncheckedRecord, e, "a record could not be checked at all (a bug: please report it)"},
		{CodeUncheckedMetadata, e, "the dataset metadata could not be checked at all (a bug: please report it)"},
		{CodeDuplicateID, e, "two records have the same id"},
		{CodeDuplicateAcronym, e, "two active records have the same acronym"},
		{CodeSelfReference, e, "a relation names the record itself"},
		{CodeUnknownReference, e, "a relation names an id no record has (the message suggests the closest ids)"},
		{CodeReferenceCycle, e, "parents or successors go round in a circle"},
		{CodeUnknownTheme, e, "a theme of the metadata is not a code of the EU data-theme vocabulary"},
		{CodeNonEULanguage, w, "the metadata's language is not an official EU language: the catalogue leaves it out"},
		{CodeUnknownLicense, w, "the metadata's licence is not one the catalogue knows the type of"},
		{CodeControlCharacter, w, "a listing line holds a control character, read as a space"},
		{CodeIntroLine, w, "a listing line before the first section is read as introduction, not as an entry"},
		{CodeNoEntries, w, "a listing (.txt) holds no entries and gives no records"},
		{CodeEmptySection, w, "a listing section has no entries"},
		{CodeOrphanParagraph, w, "a listing paragraph belongs to no entry and is left out"},
		{CodeNoIDPossible, e, "no id can be made from a listing entry's name"},
		{CodeNoWorksheet, e, "a workbook has no worksheet"},
		{CodeNoRecordsSheet, e, "no sheet of a workbook has an id column"},
		{CodeAmbiguousRecordsSheet, w, "several sheets have an id column and none is named Records: the first is read"},
		{CodeEmptySheet, e, "the records sheet is empty"},
		{CodeNoIDColumn, e, "the records sheet's header row has no id column"},
		{CodeUnknownColumn, w, "a column header is no field name: the column is ignored"},
		{CodeDuplicateColumn, e, "two columns are the same field"},
		{CodeHeadlessColumn, w, "a column has values but no header: its values are ignored"},
		{CodeDuplicateRow, e, "an id is on two rows of one workbook: the second is ignored"},
		{CodeMissingID, e, "a row has values but no id"},
		{CodeClearedID, e, "an id cell holds the clear marker"},
		{CodeUnknownID, e, "a workbook row's id is in no record, and the row is not a complete new record (the message suggests the closest ids)"},
		{CodeUncalculatedFormula, e, "a formula has no saved result: recalculate and save in your spreadsheet"},
		{CodeFormulaError, e, "a cell holds a spreadsheet error such as #REF!"},
		{CodeDamagedCell, e, "a cell refers to something the workbook does not have (a damaged file)"},
		{CodeClearedRequired, e, "kind, scope or name is cleared (-): every record needs them"},
		{CodeWorkbookConflict, e, "two workbooks set the same field of the same record to different values"},
		{CodeUnreadFile, w, "a file in a source folder is not read: not a listing (.txt), workbook (.xlsx) or dataset.json"},
		{CodeNoRecords, e, "the sources hold no record at all: a release of nothing is refused"},
		{CodeTitleTooLong, w, "a listing line that looks like an entry title is too long for one and is read as description"},
		{CodeLanguageMismatch, w, "a name or description looks like another language than the one it is given: its tag is written after it"},
		{CodeLanguageMissing, e, "a name is in a script several languages share: give its language with @tag"},
		{CodeLanguageTag, w, "a name ends in @ and something that is not a language tag"},
		{CodeFactRemoved, w, "a field that had a value in the latest release has none now"},
		{CodeIDDropped, e, "an id that a release published is missing from the sources: retire a record (status inactive), never delete it"},
	}
}

// KnownCode reports whether code is one of Codes.
func KnownCode(code string) bool {
	for _, c := range Codes() {
		if c.Code == code {
			return true
		}
	}
	return false
}
