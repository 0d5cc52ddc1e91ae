package schema

import (
	"slices"
	"strings"
)

// This file maps a release onto a DCAT-AP 3.0 catalogue (catalog.ttl,
// catalog.jsonld), the description open-data portals harvest.
//
// The catalogue must pass the official DCAT-AP 3.0.1 SHACL shapes without
// background knowledge: no shape engine a portal runs loads the EU
// vocabularies, so the catalogue states the class of every object it points
// at (a licence is a dct:LicenseDocument, a media type a dct:MediaType, ...)
// and labels every skos:Concept it uses.

// EU Publications Office authority tables the catalogue draws its codes
// from.
const (
	euAuthority       = "http://publications.europa.eu/resource/authority/"
	euDataTheme       = euAuthority + "data-theme/"
	euDataThemeScheme = euAuthority + "data-theme"
	euLanguage        = euAuthority + "language/"
	euFileType        = euAuthority + "file-type/"
	euFrequency       = euAuthority + "frequency/"
	euLicence         = euAuthority + "licence/"
	euAvailability    = euAuthority + "planned-availability/"
	euAvailScheme     = euAuthority + "planned-availability"
	ianaMediaTypes    = "http://www.iana.org/assignments/media-types/"
	admsLicenceType   = "http://purl.org/adms/licencetype/"
	admsLicenceScheme = "http://purl.org/adms/licencetype/1.0"
)

// dataThemes are the codes of the EU data-theme vocabulary with their
// English labels, as the authority table publishes them. Every dcat:theme is
// a skos:Concept, and the DCAT-AP shapes require a skos:prefLabel on each.
func dataThemes() map[string]string {
	return map[string]string{
		"AGRI":      "Agriculture, fisheries, forestry and food",
		"ECON":      "Economy and finance",
		"EDUC":      "Education, culture and sport",
		"ENER":      "Energy",
		"ENVI":      "Environment",
		"GOVE":      "Government and public sector",
		"HEAL":      "Health",
		"INTR":      "International issues",
		"JUST":      "Justice, legal system and public safety",
		"OP_DATPRO": "Provisional data",
		"REGI":      "Regions and cities",
		"SOCI":      "Population and society",
		"TECH":      "Science and technology",
		"TRAN":      "Transport",
	}
}

// DataThemeLabel returns the English label of an EU data-theme code, e.g.
// "JUST" → "Justice, legal system and public safety".
func DataThemeLabel(code string) (string, bool) {
	label, ok := dataThemes()[code]
	return label, ok
}

// euLanguageCode maps the primary subtag of a BCP 47 tag to the EU language
// authority's code (ISO 639-3 based), for the EU's official languages: the
// languages an EU portal expects a catalogue in.
func euLanguageCode(tag string) (string, bool) {
	primary, _, _ := strings.Cut(strings.ToLower(tag), "-")
	code, ok := map[string]string{
		"bg": "BUL", "cs": "CES", "da": "DAN", "de": "DEU", "el": "ELL", "en": "ENG",
		"es": "SPA", "et": "EST", "fi": "FIN", "fr": "FRA", "ga": "GLE", "hr": "HRV",
		"hu": "HUN", "it": "ITA", "lt": "LIT", "lv": "LAV", "mt": "MLT", "nl": "NLD",
		"pl": "POL", "pt": "POR", "ro": "RON", "sk": "SLK", "sl": "SLV", "sv": "SWE",
	}[primary]
	return code, ok
}

// licenceKind is what the catalogue says about a licence it knows: its ADMS
// licence types (dct:type, recommended by DCAT-AP) with their labels.
type licenceKind struct {
	types  []string // local names in the ADMS licence-type vocabulary
	labels []string // English labels, same order
}

// knownLicence describes the open licences a dataset like this one is
// likely to use, under both the EU authority IRI (which DCAT-AP prefers) and
// the Creative Commons IRI.
func knownLicence(iri string) (licenceKind, bool) {
	attribution := licenceKind{types: []string{"Attribution"}, labels: []string{"Attribution"}}
	shareAlike := licenceKind{types: []string{"Attribution", "ShareAlike"}, labels: []string{"Attribution", "Share-alike"}}
	publicDomain := licenceKind{types: []string{"PublicDomain"}, labels: []string{"Public domain"}}
	cc := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(iri, "https://"), "http://"), "/")
	switch {
	case iri == euLicence+"CC_BY_4_0" || cc == "creativecommons.org/licenses/by/4.0":
		return attribution, true
	case iri == euLicence+"CC_BYSA_4_0" || cc == "creativecommons.org/licenses/by-sa/4.0":
		return shareAlike, true
	case iri == euLicence+"CC0" || cc == "creativecommons.org/publicdomain/zero/1.0":
		return publicDomain, true
	}
	return licenceKind{}, false
}

// FileKind says what one file of a release is: its title and description for
// people, its IANA media type and its code in the EU file-type vocabulary.
type FileKind struct {
	Name        string // file name inside the release folder
	Title       string
	Description string
	MediaType   string // IANA media type
	FileType    string // EU file-type code
	// Distribution says whether the catalogue lists the file as a
	// dcat:Distribution of the dataset. The catalogue files and SHA256SUMS
	// are not: they describe the release rather than represent the data,
	// and a catalogue cannot hold its own checksum.
	Distribution bool
}

// FileKinds lists every file of a release in the order a release folder
// presents them.
func FileKinds() []FileKind {
	return []FileKind{
		{Name: "bordernet.ttl", Title: "bordernet as RDF (Turtle)", MediaType: "text/turtle", FileType: "RDF_TURTLE", Distribution: true,
			Description: "Every record as linked data (W3C ORG, schema.org, SKOS, DCTERMS, PROV), with the kind, scope and status concept schemes, in Turtle."},
		{Name: "bordernet.nt", Title: "bordernet as RDF (N-Triples)", MediaType: "application/n-triples", FileType: "RDF_N_TRIPLES", Distribution: true,
			Description: "The same graph as the Turtle file, one triple per line, sorted."},
		{Name: "bordernet.jsonld", Title: "bordernet as RDF (JSON-LD)", MediaType: "application/ld+json", FileType: "JSON_LD", Distribution: true,
			Description: "The same graph as the Turtle file, as JSON-LD 1.1 with an embedded context."},
		{Name: "bordernet.csv", Title: "bordernet as CSV", MediaType: "text/csv", FileType: "CSV", Distribution: true,
			Description: "One row per record, multi-valued fields joined with \" | \", relations as record ids (RFC 4180, UTF-8)."},
		{Name: "bordernet.csv-metadata.json", Title: "CSV on the Web metadata of bordernet.csv", MediaType: "application/csvm+json", FileType: "JSON", Distribution: true,
			Description: "W3C CSVW metadata describing each column of bordernet.csv, so a CSVW processor yields the same statements as the RDF files."},
		{Name: "bordernet.xlsx", Title: "bordernet as a spreadsheet (XLSX)", MediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileType: "XLSX", Distribution: true,
			Description: "The records in an Office Open XML workbook, with a sheet about the dataset and its columns."},
		{Name: "catalog.ttl", Title: "DCAT-AP catalogue (Turtle)", MediaType: "text/turtle", FileType: "RDF_TURTLE",
			Description: "The DCAT-AP 3.0 description of this release, for open-data portals."},
		{Name: "catalog.jsonld", Title: "DCAT-AP catalogue (JSON-LD)", MediaType: "application/ld+json", FileType: "JSON_LD",
			Description: "The DCAT-AP 3.0 description of this release, as JSON-LD."},
		{Name: "SHA256SUMS", Title: "SHA-256 checksums", MediaType: "text/plain", FileType: "TXT",
			Description: "The SHA-256 checksum of every other file of the release, in the format sha256sum -c reads."},
	}
}

// FileKindOf returns the kind of the release file called name.
func FileKindOf(name string) (FileKind, bool) {
	i := slices.IndexFunc(FileKinds(), func(k FileKind) bool { return k.Name == name })
	if i < 0 {
		return FileKind{}, false
	}
	return FileKinds()[i], true
}

// FileInfo fills a FileInfo for a file of this kind, for the release
// assembler that measured it.
func (k FileKind) FileInfo(size int64, sha256 string) FileInfo {
	return FileInfo{Name: k.Name, Title: k.Title, MediaType: k.MediaType, FileType: k.FileType, Size: size, SHA256: sha256}
}

// CatalogProblems checks what the catalogue needs of the metadata beyond
// Validator.Metadata's field rules: theme codes that exist in the EU
// data-theme vocabulary (an error: the catalogue would point at a concept
// that does not exist), and a language and licence the catalogue can
// describe fully (warnings: it leaves dct:language or the licence type out).
func CatalogProblems(m *Metadata, file string) Problems {
	var ps Problems
	pos := Position{File: file}
	themes := dataThemes()
	for _, code := range m.Themes {
		if _, ok := themes[code]; !ok {
			codes := make([]string, 0, len(themes))
			for c := range themes {
				codes = append(codes, c)
			}
			slices.Sort(codes)
			ps.Errorf(pos, "", "themes", "%q is not a code of the EU data-theme vocabulary: use one of %s", code, strings.Join(codes, ", "))
		}
	}
	if m.Language != "" {
		if _, ok := euLanguageCode(m.Language); !ok {
			ps.Warnf(pos, "", "language", "%q is not an official EU language: the catalogue leaves dct:language out", m.Language)
		}
	}
	if m.License != "" {
		if _, ok := knownLicence(m.License); !ok {
			ps.Warnf(pos, "", "license", "%s is not a licence the catalogue knows: it cannot say what type of licence it is (dct:type)", m.License)
		}
	}
	ps.Sort()
	return ps
}
