package schema

import (
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/go-playground/validator/v10"
)

// Validator checks records and metadata against the rules of the dataset.
// It wraps a go-playground validator with bordernet's own tags registered
// and turns its errors into Problems worded for curators. A Validator is
// safe for concurrent use.
type Validator struct {
	v *validator.Validate
}

// NewValidator returns a Validator with the custom tags registered.
func NewValidator() *Validator {
	v := validator.New(validator.WithRequiredStructEnabled())
	// Report fields by the names users see (column headers, JSON keys).
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		return name
	})
	for _, rule := range TextRules() {
		check := rule.Check
		// RegisterValidation fails only for an empty tag or a nil func.
		_ = v.RegisterValidation(rule.Tag, func(fl validator.FieldLevel) bool { return check(fl.Field().String()) })
	}
	return &Validator{v: v}
}

// Validate checks records with a new Validator; see Validator.Records.
func Validate(records []Record) Problems { return NewValidator().Records(records) }

// Records checks every record on its own (field and cross-field rules) and
// the records as a dataset (unique ids, unique acronyms among active
// records, references that exist, no cycles), and returns every problem
// found, sorted.
func (v *Validator) Records(records []Record) Problems {
	// The records are checked in chunks taken in turn by one worker per
	// core, and the dataset rules, which need every record but nothing of
	// the per-record checks, run as one more task beside them rather than
	// after them: at a million records the dataset rules alone take a
	// fifth of the time.
	const chunk = 1024
	chunks := (len(records) + chunk - 1) / chunk
	found := make([]Problems, chunks)
	var dataset Problems
	task := func(t int) {
		if t == chunks {
			dataset = datasetProblems(records)
			return
		}
		for i := t * chunk; i < min((t+1)*chunk, len(records)); i++ {
			found[t] = append(found[t], v.Record(&records[i])...)
		}
	}
	if workers := min(runtime.GOMAXPROCS(0), 1+len(records)/1000); workers == 1 {
		for t := range chunks + 1 {
			task(t)
		}
	} else {
		// The dataset task is handed out first, as it is the longest.
		var next atomic.Int64
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for t := int(next.Add(1) - 1); t <= chunks; t = int(next.Add(1) - 1) {
					task((t + chunks) % (chunks + 1))
				}
			})
		}
		wg.Wait()
	}
	var ps Problems
	for _, f := range found {
		ps = append(ps, f...)
	}
	ps = append(ps, dataset...)
	ps.Sort()
	return ps
}

// Record checks one record's fields and the rules between them.
func (v *Validator) Record(r *Record) Problems {
	var ps Problems
	// The record goes to the validator as a value, not a pointer: the
	// validator asks every field for its interface value (to look for a
	// Valuer), and reflect copies an addressable field to the heap to do
	// so, where a field of a value it can share. One copy of the record
	// costs less than a copy of each of its fields, and of the whole record
	// again for required_with (measured: 3.8 M allocations per 100 k
	// records before, 1.6 M after).
	if err := v.v.Struct(*r); err != nil {
		var fieldErrs validator.ValidationErrors
		if !errors.As(err, &fieldErrs) {
			ps.Errorf(CodeUncheckedRecord, r.Origin, r.ID, "", "cannot check record: %v", err)
			return ps
		}
		for _, fe := range fieldErrs {
			f := Field(baseFieldName(fe.Field()))
			ps.Errorf(fieldCode(fe), r.PositionOf(f), r.ID, f, "%s", fieldMessage(f, fe))
		}
	}
	recordRules(r, &ps)
	return ps
}

// Metadata checks the dataset metadata read from file.
func (v *Validator) Metadata(m *Metadata, file string) Problems {
	var ps Problems
	pos := Position{File: file}
	if err := v.v.Struct(m); err != nil {
		var fieldErrs validator.ValidationErrors
		if !errors.As(err, &fieldErrs) {
			ps.Errorf(CodeUncheckedMetadata, pos, "", "", "cannot check dataset metadata: %v", err)
			return ps
		}
		for _, fe := range fieldErrs {
			// Namespace is "Metadata.publisher.iri": drop the type name.
			_, path, _ := strings.Cut(fe.Namespace(), ".")
			ps.Errorf(fieldCode(fe), pos, "", Field(path), "%s", fieldMessage(Field(path), fe))
		}
	}
	ps.Sort()
	return ps
}

// baseFieldName turns "alt_names[2]" into "alt_names".
func baseFieldName(name string) string {
	base, _, _ := strings.Cut(name, "[")
	return base
}

// fieldMessage words a validator error for a curator. No raw validator text
// ever reaches a user: an unexpected tag still gets a plain sentence.
func fieldMessage(f Field, fe validator.FieldError) string {
	value := fmt.Sprint(fe.Value())
	if ptr := reflect.ValueOf(fe.Value()); ptr.Kind() == reflect.Pointer && !ptr.IsNil() {
		value = fmt.Sprint(ptr.Elem().Interface())
	}
	quoted := strconv.Quote(value)
	switch fe.Tag() {
	case "required":
		if strings.Contains(fe.Field(), "[") {
			return "has an empty value in its list"
		}
		return "is missing: every record needs one"
	case "slug":
		return quoted + " is not a valid id: use lower-case letters, digits and single hyphens, e.g. eu-lisa"
	case "weburl":
		return quoted + " is not a valid web address: write a full URL starting with https:// (or http://), without spaces"
	case "partialdate":
		return quoted + " is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2004-10-26"
	case "wikidata":
		return quoted + " is not a Wikidata id: write Q followed by digits, e.g. Q42"
	case "corpbody":
		return quoted + " is not a code of the EU Publications Office vocabularies: use capital letters, digits and _ or -, e.g. FRONTEX"
	case "langtag":
		return quoted + " is not a language tag: use a code such as en, de or fr-BE"
	case "text":
		if c, ok := BidiControl(value); ok {
			return fmt.Sprintf("holds the invisible bidirectional-text control U+%04X, which can make the published text display reversed or reordered: remove it", c)
		}
		return "holds a control character or is longer than a spreadsheet cell can hold (32,767 characters): remove invisible characters and shorten it"
	case "email":
		return quoted + " is not an e-mail address"
	case "oneof":
		return fmt.Sprintf("%s is not an allowed %s: use one of %s", quoted, strings.ReplaceAll(string(f), "_", " "), strings.Join(strings.Fields(fe.Param()), ", "))
	case "max":
		return fmt.Sprintf("is too long: at most %s characters (it has %d)", fe.Param(), len([]rune(value)))
	case "min":
		return fmt.Sprintf("%s is too small: the least allowed is %s", quoted, fe.Param())
	}
	return fmt.Sprintf("%s is not allowed here (rule %q)", quoted, fe.Tag())
}

// fieldCode is the problem code of a validator error: one per rule.
func fieldCode(fe validator.FieldError) string {
	switch fe.Tag() {
	case "required":
		if strings.Contains(fe.Field(), "[") {
			return CodeEmptyListValue
		}
		return CodeMissingValue
	case "required_with":
		return CodeMissingDescriptionLang
	case "slug":
		return CodeInvalidID
	case "weburl":
		return CodeInvalidURL
	case "partialdate":
		return CodeInvalidDate
	case "wikidata":
		return CodeInvalidWikidata
	case "corpbody":
		return CodeInvalidCorporateBody
	case "langtag":
		return CodeInvalidLanguage
	case "text":
		return CodeInvalidText
	case "email":
		return CodeInvalidEmail
	case "oneof":
		return CodeNotAllowedValue
	case "max":
		return CodeTooLong
	case "min":
		return CodeTooSmall
	}
	return CodeInvalidValue
}

// recordRules are the rules between fields of one record.
func recordRules(r *Record, ps *Problems) {
	if r.Description == "" && r.Name != "" {
		ps.Warnf(CodeMissingDescription, r.PositionOf(FieldDescription), r.ID, FieldDescription, "has no description")
	}
	for _, q := range FieldRequirements() {
		if q.Applies(r) && !q.Holds(r) {
			ps.Errorf(q.Code, r.PositionOf(q.At), r.ID, q.Report, "%s", q.Message(r))
		}
	}
	if IsPartialDate(r.Founded) && IsPartialDate(r.Dissolved) && r.Dissolved < r.Founded[:min(len(r.Founded), len(r.Dissolved))] {
		ps.Errorf(CodeDissolvedBeforeFounded, r.PositionOf(FieldDissolved), r.ID, FieldDissolved, "%s is before the founding date %s", r.Dissolved, r.Founded)
	}
	var buf [1]string
	for _, f := range [...]Field{FieldName, FieldAcronym, FieldAltNames, FieldDescription, FieldSeat} {
		for _, v := range fieldValues(r, f, &buf) {
			switch {
			case v == ClearMarker:
				ps.Errorf(CodeClearMarkerValue, r.PositionOf(f), r.ID, f, "is %q, which in a curator workbook means \"no value\": write the value out, or leave the cell empty", v)
			case v != "" && strings.IndexByte("=+-@", v[0]) >= 0:
				ps.Warnf(CodeFormulaLikeText, r.PositionOf(f), r.ID, f, "starts with %q, which spreadsheets take for a formula: the CSV release shows it with a leading apostrophe", v[:1])
			}
		}
	}
	if acronym, _ := SplitLang(r.Acronym); acronym != "" && strings.EqualFold(acronym, textOf(r.Name)) {
		ps.Warnf(CodeAcronymIsName, r.PositionOf(FieldAcronym), r.ID, FieldAcronym, "is the same as the name")
	}
}

// textOf returns a name without the language tag written after it.
func textOf(name string) string {
	text, _ := SplitLang(name)
	return text
}

// fieldValues is r.Values(f) without the one-element slice Values
// allocates for a single-valued field: that value is returned in buf, which
// the caller keeps on its stack. The rules read a few fields of every
// record, and a million records made that millions of allocations.
func fieldValues(r *Record, f Field, buf *[1]string) []string {
	if v, ok := r.single(f); ok {
		if v == "" {
			return nil
		}
		buf[0] = v
		return buf[:]
	}
	return r.Values(f)
}

// datasetProblems are the rules across records, for records in memory.
func datasetProblems(records []Record) Problems {
	var d DatasetRules
	for i := range records {
		d.add(&records[i], records[i].ID, false)
	}
	return d.Problems(func(i int) Record { return records[i] })
}

// writeLower writes strings.ToLower(s) to b, without the string ToLower
// allocates for ASCII text with capitals, as acronyms are.
func writeLower(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			b.WriteString(strings.ToLower(s))
			return
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
}

// IsSlug reports whether s is a valid record id: lower-case ASCII letters
// and digits in groups joined by single hyphens, at most 80 bytes.
func IsSlug(s string) bool {
	if s == "" || len(s) > 80 || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// IsWebURL reports whether s is an absolute http or https URL with a host
// and only characters that are legal in an IRI, so it can be published as
// an RDF IRI unchanged. validator's own url tag accepts "foo:bar" and
// spaces, hence this rule.
func IsWebURL(s string) bool {
	if strings.ContainsAny(s, " <>\"{}|\\^`") {
		return false
	}
	// RFC 3987, 4.1: IRIs must not contain bidirectional formatting
	// characters, which make an address display other than it is.
	if _, bidi := BidiControl(s); bidi {
		return false
	}
	for _, c := range s {
		if c < 0x21 || c == 0x7f || c >= 0x80 && c < 0xa0 {
			return false
		}
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Opaque != "" {
		return false
	}
	host := u.Hostname()
	return host != "" && !strings.HasPrefix(host, ".") && !strings.HasSuffix(host, ".") && !strings.Contains(host, "..") &&
		ValidIRI(s)
}

// IsPartialDate reports whether s is a year (2004), a year and month
// (2004-10) or a full date (2004-10-26) that exists in the calendar.
func IsPartialDate(s string) bool {
	var layout string
	switch len(s) {
	case 4:
		layout = "2006"
	case 7:
		layout = "2006-01"
	case 10:
		layout = "2006-01-02"
	default:
		return false
	}
	if s[0] == '0' {
		return false
	}
	_, err := time.Parse(layout, s)
	return err == nil
}

// WikidataFromURL returns the item id of a Wikidata page or entity URL
// (https://www.wikidata.org/wiki/Q42, http://www.wikidata.org/entity/Q42,
// with or without www., a trailing slash, a query or a fragment), which
// curators paste from their browser; any other text is returned as it is.
func WikidataFromURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") ||
		(u.Host != "www.wikidata.org" && u.Host != "wikidata.org" && u.Host != "m.wikidata.org") {
		return s
	}
	for _, prefix := range []string{"/wiki/", "/entity/"} {
		if id, ok := strings.CutPrefix(u.Path, prefix); ok {
			id = strings.TrimSuffix(id, "/")
			if IsWikidataID(id) {
				return id
			}
		}
	}
	return s
}

// IsWikidataID reports whether s is a Wikidata item id such as Q42.
func IsWikidataID(s string) bool {
	if len(s) < 2 || len(s) > 12 || s[0] != 'Q' || s[1] == '0' {
		return false
	}
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// isAuthorityCode reports whether s looks like a code of an EU Publications
// Office authority table (corporate bodies, data themes, frequencies):
// capital letters, digits, '_' and '-'.
func isAuthorityCode(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, c := range s {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// IsSafeText reports whether s is text to publish: IsCellText, and free
// of the bidirectional-text controls (embeddings, overrides, isolates and
// the marks), which display a name reversed or reordered in any viewer
// that honours them, so that what a reader sees is not what was checked.
func IsSafeText(s string) bool {
	_, bidi := BidiControl(s)
	return !bidi && IsCellText(s)
}

// BidiControl returns the first bidirectional-text control in s: U+061C,
// U+200E, U+200F, U+202A to U+202E and U+2066 to U+2069.
func BidiControl(s string) (rune, bool) {
	// All of them are encoded as 0xD8 0x9C or 0xE2 0x80/0x81 ...: text
	// without those lead bytes, nearly all of it, is passed at once.
	if strings.IndexByte(s, 0xe2) < 0 && strings.IndexByte(s, 0xd8) < 0 {
		return 0, false
	}
	for _, c := range s {
		switch {
		case c == 0x061c, c == 0x200e, c == 0x200f, c >= 0x202a && c <= 0x202e, c >= 0x2066 && c <= 0x2069:
			return c, true
		}
	}
	return 0, false
}

// IsCellText reports whether s is text every output format can carry
// unchanged: valid UTF-8, no control characters other than tab, line feed
// and carriage return, and at most 32,767 UTF-16 code units, the most an
// XLSX cell holds.
func IsCellText(s string) bool {
	// One pass over the bytes: ASCII, most of any text here, needs no
	// decoding, and decoding the rest finds invalid UTF-8 on the way, so
	// the text is not also scanned by utf8.ValidString first. Every reader
	// already rejects invalid UTF-8, but records built by other code must
	// still be caught.
	units := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			units++
			i++
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 || c == 0xfffe || c == 0xffff {
			return false
		}
		units++
		if c >= 0x10000 {
			units++
		}
		i += size
	}
	return units <= 32767
}

// IsLangTag reports whether s is a well-formed BCP 47 language tag of the
// common shapes (en, de-AT, zh-Hant-TW, sr-Latn-RS): letters and digits in
// hyphen-separated subtags of 1 to 8 characters, starting with a 2-3 or 5-8
// letter language subtag.
func IsLangTag(s string) bool {
	if s == "" {
		return false
	}
	i := -1
	for sub := range strings.SplitSeq(s, "-") {
		i++
		if len(sub) < 1 || len(sub) > 8 {
			return false
		}
		for _, c := range sub {
			letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			if !letter && (i == 0 || c < '0' || c > '9') {
				return false
			}
		}
		if i == 0 && (len(sub) == 1 || len(sub) == 4) {
			return false
		}
	}
	return true
}
