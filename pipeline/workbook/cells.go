package workbook

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/bordernet/bordernet/schema"
	"github.com/xuri/excelize/v2"
)

// cellText interprets a stored cell as the text a curator meant: shared
// and inline strings as they are, numbers without a spurious ".0", numbers
// in a date format as YYYY-MM-DD, booleans as TRUE/FALSE, formulas by their
// saved result, all trimmed of surrounding spaces (non-breaking ones too).
// problem is set when the cell holds no usable value (an error value, a
// formula never calculated).
func (r *reader) cellText(c rawCell) (text, problem string) {
	if c.hasF && !c.hasV {
		return "", "the formula has no saved result: open the workbook in a spreadsheet, recalculate (Ctrl+Shift+F9) and save it, or type the value instead of a formula"
	}
	switch c.typ {
	case "s":
		if !c.hasV {
			return "", ""
		}
		if c.sst < 0 || c.sst >= r.sst.len() {
			return "", "the cell refers to a shared string that the workbook does not have: the file is damaged; save it again from a spreadsheet"
		}
		return clean(r.sst.at(c.sst)), ""
	case "inlineStr", "str":
		return clean(c.text), ""
	case "b":
		switch strings.TrimSpace(c.text) {
		case "1", "true":
			return "TRUE", ""
		case "0", "false":
			return "FALSE", ""
		}
		return clean(c.text), ""
	case "e":
		return "", "the cell holds the spreadsheet error " + strings.TrimSpace(c.text) + ": fix the formula or type the value"
	case "d":
		// An ISO 8601 date cell (strict OOXML, rare): keep the date part.
		v := strings.TrimSpace(c.text)
		if len(v) >= 10 && schema.IsPartialDate(v[:10]) {
			return v[:10], ""
		}
		return v, ""
	}
	v := strings.TrimSpace(c.text)
	if v == "" {
		return "", ""
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return clean(v), ""
	}
	if c.style >= 0 && c.style < len(r.dateStyle) && r.dateStyle[c.style] {
		if d, ok := serialDate(f, r.book.date1904); ok {
			return d, ""
		}
	}
	return formatNumber(f), ""
}

// The serial numbers of 0001-01-01 and 9999-12-31 in the 1900 date system;
// outside them a "date" cell is shown as a number.
const maxSerial = 2958465

// serialDate turns an Excel serial date into YYYY-MM-DD. The time of day,
// if any, is dropped: bordernet's dates are days.
func serialDate(f float64, date1904 bool) (string, bool) {
	if f < 1 || f > maxSerial {
		return "", false
	}
	t, err := excelize.ExcelDateToTime(f, date1904)
	if err != nil {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

// formatNumber writes a number as a curator typed it: 2004 for 2004.0,
// 0.5 for 0.5, never with an exponent.
func formatNumber(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.FormatInt(int64(f), 10)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// clean trims white space (including non-breaking and zero-width spaces,
// which pasting from web pages brings) from both ends and decodes the
// _xHHHH_ escapes that OOXML uses for characters XML cannot hold.
func clean(s string) string {
	if strings.Contains(s, "_x") {
		s = unescapeOOXML(s)
	}
	return strings.TrimFunc(s, isSpace)
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

// unescapeOOXML decodes _xHHHH_ (ECMA-376 ST_Xstring). _x005F_ stands for a
// literal underscore, so "_x005F_x0041_" is the text "_x0041_".
func unescapeOOXML(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if n, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				b.WriteRune(rune(n))
				i += 7
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// HeaderField returns the field a header cell names. Case, spaces,
// underscores, hyphens and dots do not matter ("Alt names", "ALT_NAMES" and
// " alt-names " are all alt_names), and a few friendly names are accepted
// (docs/curation.md lists them).
func HeaderField(header string) (schema.Field, bool) {
	key := headerKey(header)
	for _, f := range schema.Fields() {
		if key == headerKey(string(f)) {
			return f, true
		}
	}
	// Keys of the aliases: letters and digits only, as headerKey leaves them.
	switch key {
	case "identifier":
		return schema.FieldID, true
	case "type":
		return schema.FieldKind, true
	case "officialname", "fullname":
		return schema.FieldName, true
	case "abbreviation", "shortname":
		return schema.FieldAcronym, true
	case "alternativenames", "altname", "othernames", "formernames":
		return schema.FieldAltNames, true
	case "language":
		return schema.FieldDescriptionLang, true
	case "url", "homepage", "websiteurl", "web":
		return schema.FieldWebsite, true
	case "foundingdate", "established", "yearfounded", "foundingyear":
		return schema.FieldFounded, true
	case "dissolutiondate", "enddate", "closed":
		return schema.FieldDissolved, true
	case "succeededby", "replacedby", "successororganisation", "successororganization":
		return schema.FieldSuccessor, true
	case "coordinatingbody", "coordinatedby", "runby", "operatedby", "parentbody", "parentorganisation", "parentorganization":
		return schema.FieldParent, true
	case "numberofmembers":
		return schema.FieldMembers, true
	case "headquarters", "hq", "location":
		return schema.FieldSeat, true
	case "legalact":
		return schema.FieldLegalBasis, true
	case "wikidataid", "qid":
		return schema.FieldWikidata, true
	case "corporatebody":
		return schema.FieldEUCorporateBody, true
	case "source", "sources", "sourceurl", "references", "reference":
		return schema.FieldSourceURLs, true
	}
	return "", false
}

// headerKey keeps only the letters and digits of a header, lower-cased.
func headerKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
