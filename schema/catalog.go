package schema

import (
	"iter"
	"net/url"
	"path"
	"slices"
	"strconv"
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

// Namespaces and authority tables the catalogue draws its terms from,
// beyond those in rdf.go.
const (
	euDataTheme       = NSEUAuthority + "data-theme/"
	euDataThemeScheme = NSEUAuthority + "data-theme"
	euLanguage        = NSEUAuthority + "language/"
	euFileType        = NSEUAuthority + "file-type/"
	euFrequency       = NSEUAuthority + "frequency/"
	euLicence         = NSEUAuthority + "licence/"
	euAvailability    = NSEUAuthority + "planned-availability/"
	euAvailScheme     = NSEUAuthority + "planned-availability"
	euAccessRight     = NSEUAuthority + "access-right/"
	euAccessScheme    = NSEUAuthority + "access-right"
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

// The names of a release's files: one definition for the assembler that
// writes them and every package that reads a release back (verify, diff,
// serve, the series), so a renamed file cannot leave a reader behind.
const (
	TurtleFile        = "bordernet.ttl"
	NTriplesFile      = "bordernet.nt"
	JSONLDFile        = "bordernet.jsonld"
	CSVFile           = "bordernet.csv"
	CSVMetadataFile   = "bordernet.csv-metadata.json"
	XLSXFile          = "bordernet.xlsx"
	CatalogTurtleFile = "catalog.ttl"
	CatalogJSONLDFile = "catalog.jsonld"
	ChecksumFile      = "SHA256SUMS"
	// ShapesFile holds the SHACL shapes the records' graph conforms to;
	// the dataset's dct:conformsTo points at it.
	ShapesFile = "bordernet.shapes.ttl"
)

// FileKinds lists every file of a release in the order a release folder
// presents them.
func FileKinds() []FileKind {
	return []FileKind{
		{Name: TurtleFile, Title: "bordernet as RDF (Turtle)", MediaType: "text/turtle", FileType: "RDF_TURTLE", Distribution: true,
			Description: "Every record as linked data (W3C ORG, schema.org, SKOS, DCTERMS, PROV), with the kind, scope and status concept schemes, in Turtle."},
		{Name: NTriplesFile, Title: "bordernet as RDF (N-Triples)", MediaType: "application/n-triples", FileType: "RDF_N_TRIPLES", Distribution: true,
			Description: "The same graph as the Turtle file, one triple per line, sorted."},
		{Name: JSONLDFile, Title: "bordernet as RDF (JSON-LD)", MediaType: "application/ld+json", FileType: "JSON_LD", Distribution: true,
			Description: "The same graph as the Turtle file, as JSON-LD 1.1 with an embedded context."},
		{Name: CSVFile, Title: "bordernet as CSV", MediaType: "text/csv", FileType: "CSV", Distribution: true,
			Description: "One row per record, multi-valued fields joined with \"" + ListSeparator + "\", relations as record ids (RFC 4180, UTF-8)."},
		{Name: CSVMetadataFile, Title: "CSV on the Web metadata of bordernet.csv", MediaType: "application/csvm+json", FileType: "JSON", Distribution: true,
			Description: "W3C CSVW metadata describing each column of bordernet.csv, so a CSVW processor yields the same statements as the RDF files."},
		{Name: XLSXFile, Title: "bordernet as a spreadsheet (XLSX)", MediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileType: "XLSX", Distribution: true,
			Description: "The records in an Office Open XML workbook, with a sheet about the dataset and its columns."},
		{Name: ShapesFile, Title: "SHACL shapes of bordernet", MediaType: "text/turtle", FileType: "RDF_TURTLE", Distribution: true,
			Description: "SHACL Core shapes generated from the rules bordernet validates records with: the RDF files of this release conform to them."},
		{Name: CatalogTurtleFile, Title: "DCAT-AP catalogue (Turtle)", MediaType: "text/turtle", FileType: "RDF_TURTLE",
			Description: "The DCAT-AP 3.0 description of this release, for open-data portals."},
		{Name: CatalogJSONLDFile, Title: "DCAT-AP catalogue (JSON-LD)", MediaType: "application/ld+json", FileType: "JSON_LD",
			Description: "The DCAT-AP 3.0 description of this release, as JSON-LD."},
		{Name: "CHANGES.md", Title: "What changed since the previous release", MediaType: "text/markdown", FileType: "TXT",
			Description: "Records added, retired, changed field by field and removed since the previous release, with where each value was read (Markdown)."},
		{Name: "changes.json", Title: "What changed since the previous release (JSON)", MediaType: "application/json", FileType: "JSON",
			Description: "The changes of CHANGES.md for programs."},
		{Name: "changes.ru", Title: "The graph difference as SPARQL 1.1 Update", MediaType: "application/sparql-update", FileType: "TXT",
			Description: "DELETE DATA and INSERT DATA that turn the previous release's graph into this one's."},
		{Name: "changes.rdfp", Title: "The graph difference as an RDF Patch", MediaType: "text/plain", FileType: "TXT",
			Description: "The same difference as changes.ru in the RDF Patch format (https://afs.github.io/rdf-patch/)."},
		{Name: ChecksumFile, Title: "SHA-256 checksums", MediaType: "text/plain", FileType: "TXT",
			Description: "The SHA-256 checksum of every other file of the release, in the format sha256sum -c reads."},
	}
}

// FileKindOf returns the kind of the release file called name: one of
// FileKinds, a copy of a source in SourceFolder (see SourceFileKind), or
// a file of the release's web site (see SiteFileKind).
func FileKindOf(name string) (FileKind, bool) {
	i := slices.IndexFunc(FileKinds(), func(k FileKind) bool { return k.Name == name })
	if i >= 0 {
		return FileKinds()[i], true
	}
	if k, ok := SourceFileKind(name); ok {
		return k, true
	}
	return SiteFileKind(name)
}

// SiteFileKind describes the files of a release's web site (pipeline/site,
// lookup, hosting): its landing page and assets at the top, and the pages
// and documents of each resource in subfolders (id/, vocab/, dataset/).
// They are the base IRI's web site, not distributions of the dataset: a
// catalogue listing a page per record would list tens of thousands of
// distributions without a format, which no portal wants. Any other file
// in a subfolder but SourceFolder is the site's too. It reports false for
// a file at the top that it does not know: that one an addition wrote as
// data, and the catalogue lists it.
func SiteFileKind(name string) (FileKind, bool) {
	site := func(title, media, fileType string) (FileKind, bool) {
		return FileKind{Name: name, Title: title, MediaType: media, FileType: fileType}, true
	}
	switch name {
	case "index.html":
		return site("Landing page of the release", "text/html", "HTML")
	case "relations.svg":
		return site("Picture of the relations between the records", "image/svg+xml", "SVG")
	case "site.css", "table.js", "site.json":
		return site("Asset of the release's web site", "", "")
	case "inbound.tsv":
		return site("Index of the relations by target record, for the server", "text/tab-separated-values", "TSV")
	case ".htaccess", "nginx.conf":
		return site("Rewrite rules for a static web host", "text/plain", "TXT")
	}
	if strings.Contains(name, "/") && !strings.HasPrefix(name, SourceFolder+"/") {
		return site("", "", "")
	}
	return FileKind{}, false
}

// SourceFileKind describes a release's copy of one of its sources,
// SourceFolder + "/" + its path relative to the source folder: a listing
// (.txt), a curator workbook (.xlsx) or the dataset metadata (.json). It
// reports false for any other name.
func SourceFileKind(name string) (FileKind, bool) {
	rel, ok := strings.CutPrefix(name, SourceFolder+"/")
	if !ok || rel == "" {
		return FileKind{}, false
	}
	k := FileKind{Name: name, Distribution: true}
	switch strings.ToLower(path.Ext(rel)) {
	case ".txt":
		k.Title, k.MediaType, k.FileType = "Source listing "+rel, "text/plain", "TXT"
		k.Description = "The hand-written listing this release was read from, byte for byte; the data files' provenance IRIs point at its lines (#line=N)."
	case ".xlsx":
		k.Title, k.MediaType, k.FileType = "Source workbook "+rel, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"
		k.Description = "A curator workbook this release was read from, byte for byte; the data files' provenance IRIs point at its cells (#Sheet!D7)."
	case ".json":
		k.Title, k.MediaType, k.FileType = "Source metadata "+rel, "application/json", "JSON"
		k.Description = "The dataset metadata this release was made with, byte for byte."
	default:
		return FileKind{}, false
	}
	return k, true
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
			ps.Errorf(CodeUnknownTheme, pos, "", "themes", "%q is not a code of the EU data-theme vocabulary: use one of %s", code, strings.Join(codes, ", "))
		}
	}
	if m.Language != "" {
		if _, ok := euLanguageCode(m.Language); !ok {
			ps.Warnf(CodeNonEULanguage, pos, "", "language", "%q is not an official EU language: the catalogue leaves dct:language out", m.Language)
		}
	}
	if m.License != "" {
		if _, ok := knownLicence(m.License); !ok {
			ps.Warnf(CodeUnknownLicense, pos, "", "license", "%s is not a licence the catalogue knows: it cannot say what type of licence it is (dct:type)", m.License)
		}
	}
	ps.Sort()
	return ps
}

// IRIs of the catalogue's own resources, minted from the base IRI like the
// records' IRIs, so they stay the same from one release to the next; the
// release's dataset and its distributions are per release.

// CatalogIRI returns the IRI of the catalogue: BASE + "catalog".
func CatalogIRI(m *Metadata) string { return m.BaseIRI + "catalog" }

// DatasetIRI returns the IRI of the dataset as a whole, the same in every
// release: BASE + "dataset", a dcat:DatasetSeries whose members are the
// releases (ReleaseIRI).
func DatasetIRI(m *Metadata) string { return m.BaseIRI + "dataset" }

// ReleaseIRI returns the IRI of one release of the dataset, a dcat:Dataset
// of its own: BASE + "dataset/" + version. The records of the release's
// graph are void:inDataset it.
func ReleaseIRI(m *Metadata, version string) string {
	return m.BaseIRI + "dataset/" + url.PathEscape(version)
}

// DistributionIRI returns the IRI of one file of one release:
// BASE + "distribution/" + version + "/" + name.
func DistributionIRI(m *Metadata, version, name string) string {
	return m.BaseIRI + "distribution/" + url.PathEscape(version) + "/" + escapePath(name)
}

// escapePath escapes each segment of a slash-separated path inside a
// release (source/listing.txt), keeping the slashes.
func escapePath(name string) string {
	segs := strings.Split(name, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// DownloadURL returns where a file of a release is published:
// DownloadURL + version + "/" + name.
func DownloadURL(m *Metadata, version, name string) string {
	return m.DownloadURL + url.PathEscape(version) + "/" + escapePath(name)
}

// CatalogGraph maps a release onto a DCAT-AP 3.0 catalogue: the
// dcat:Catalog, the dcat:DatasetSeries of all releases (DatasetIRI), the
// release's own dcat:Dataset (ReleaseIRI: its version, its date, its
// version notes, the release before it, its temporal coverage, access
// rights and the tool that made it), one dcat:Distribution per file in
// files, and every node they point at, typed and labelled as the DCAT-AP
// 3.0.1 shapes require without background knowledge. Files whose kind says
// they are no distribution (the catalogue files, SHA256SUMS) are left out,
// so the release assembler may pass the whole folder's list.
//
// rel.Meta must have passed Validator.Metadata and CatalogProblems: theme
// codes the EU vocabulary lacks and languages it cannot name are left out
// here, and empty required values give triples the writers reject.
//
// The graph has one block per subject, in reading order (catalogue,
// dataset, distributions with their checksums, then the agents, concepts
// and other nodes in order of first mention). That order suits Turtle and
// JSON-LD; it is not N-Triples line order.
func CatalogGraph(rel *Release, files []FileInfo) Graph {
	m := &rel.Meta
	b := newGraphBuilder()
	lang := m.Language
	text := func(s string) Term { return LangLiteral(s, lang) }
	date := TypedLiteral(rel.Date, XSDDate)
	typ := IRI(RDFType)

	catalog, dataset := IRI(CatalogIRI(m)), IRI(ReleaseIRI(m, rel.Version))
	publisher, licence := IRI(m.Publisher.IRI), IRI(m.License)
	contact := IRI(m.BaseIRI + "contact")
	var language Term
	if code, ok := euLanguageCode(lang); ok {
		language = IRI(euLanguage + code)
	}
	var themes []Term
	for _, code := range m.Themes {
		if _, ok := DataThemeLabel(code); ok {
			themes = append(themes, IRI(euDataTheme+code))
		}
	}

	// The catalogue.
	b.add(catalog, typ, IRI(NSDCAT+"Catalog"))
	b.add(catalog, IRI(NSDCT+"title"), text("Catalogue: "+m.Title))
	b.add(catalog, IRI(NSDCT+"description"), text("The releases of the dataset "+m.Title+"."))
	b.add(catalog, IRI(NSDCT+"publisher"), publisher)
	if language.Kind != 0 {
		b.add(catalog, IRI(NSDCT+"language"), language)
	}
	b.add(catalog, IRI(NSDCT+"license"), licence)
	for _, s := range m.Spatial {
		b.add(catalog, IRI(NSDCT+"spatial"), IRI(s))
	}
	if m.Homepage != "" {
		b.add(catalog, IRI(NSFOAF+"homepage"), IRI(m.Homepage))
	}
	if len(themes) > 0 {
		b.add(catalog, IRI(NSDCAT+"themeTaxonomy"), IRI(euDataThemeScheme))
	}
	b.add(catalog, IRI(NSDCT+"issued"), date)
	b.add(catalog, IRI(NSDCT+"modified"), date)
	b.add(catalog, IRI(NSDCAT+"dataset"), dataset)

	// The series: the dataset across its releases. The release's own
	// catalogue names it so that dcat:inSeries points at a typed node; the
	// series catalogue (pipeline/series) adds its first and last release.
	series := IRI(DatasetIRI(m))
	b.add(series, typ, IRI(NSDCAT+"DatasetSeries"))
	b.add(series, IRI(NSDCT+"title"), text(m.Title))
	b.add(series, IRI(NSDCT+"description"), text(m.Description))
	b.add(series, IRI(NSDCT+"publisher"), publisher)
	b.add(series, IRI(NSDCAT+"contactPoint"), contact)

	// The release's dataset, complete on its own (a portal that knows no
	// series, or converts to DCAT-AP 2, still has all it needs), with
	// issued and modified its own date, never reset by a later release.
	b.add(dataset, typ, IRI(NSDCAT+"Dataset"))
	b.add(dataset, IRI(NSDCT+"title"), text(ReleaseTitle(m, rel.Version)))
	b.add(dataset, IRI(NSDCT+"description"), text(m.Description))
	b.add(dataset, IRI(NSDCT+"identifier"), Literal(dataset.Value))
	b.add(dataset, IRI(NSDCT+"publisher"), publisher)
	b.add(dataset, IRI(NSDCAT+"contactPoint"), contact)
	b.add(dataset, IRI(NSDCT+"license"), licence)
	b.add(dataset, IRI(NSDCT+"accessRights"), IRI(euAccessRight+"PUBLIC"))
	b.add(dataset, IRI(NSDCT+"issued"), date)
	b.add(dataset, IRI(NSDCT+"modified"), date)
	b.add(dataset, IRI(NSDCAT+"version"), Literal(rel.Version))
	b.add(dataset, IRI(NSADMS+"versionNotes"), text(versionNotes(rel)))
	b.add(dataset, IRI(NSDCAT+"inSeries"), series)
	if rel.Previous != "" {
		prev := IRI(ReleaseIRI(m, rel.Previous))
		b.add(dataset, IRI(NSDCAT+"prev"), prev)
		b.add(dataset, IRI(NSDCAT+"previousVersion"), prev)
	}
	if language.Kind != 0 {
		b.add(dataset, IRI(NSDCT+"language"), language)
	}
	for _, k := range m.Keywords {
		b.add(dataset, IRI(NSDCAT+"keyword"), text(k))
	}
	for _, t := range themes {
		b.add(dataset, IRI(NSDCAT+"theme"), t)
	}
	for _, s := range m.Spatial {
		b.add(dataset, IRI(NSDCT+"spatial"), IRI(s))
	}
	var period Term
	// One pass over the records (a store reads them from disk).
	start, hasStart := earliestFounding(rel.RecordSet())
	if hasStart && start <= rel.Date {
		period = IRI(dataset.Value + "#temporal")
		b.add(dataset, IRI(NSDCT+"temporal"), period)
	}
	if m.AccrualPeriodicity != "" {
		b.add(dataset, IRI(NSDCT+"accrualPeriodicity"), IRI(euFrequency+m.AccrualPeriodicity))
	}
	if m.Homepage != "" {
		b.add(dataset, IRI(NSDCAT+"landingPage"), IRI(m.Homepage))
	}
	var making Term
	if rel.Tool != "" {
		making = IRI(dataset.Value + "#making")
		b.add(dataset, IRI(NSPROV+"wasGeneratedBy"), making)
	}
	rights := IRI(m.BaseIRI + "rights")

	// The distributions, each followed by its checksum.
	for _, f := range files {
		if !isDistribution(f) {
			continue
		}
		kind, known := FileKindOf(f.Name)
		dist := IRI(DistributionIRI(m, rel.Version, f.Name))
		b.add(dataset, IRI(NSDCAT+"distribution"), dist)
		if f.Name == ShapesFile {
			// The data conforms to the shapes, which are a standard of
			// their own as well as a file of the release.
			b.add(dataset, IRI(NSDCT+"conformsTo"), dist)
			b.add(dist, typ, IRI(NSDCT+"Standard"))
		}
		b.add(dist, typ, IRI(NSDCAT+"Distribution"))
		// FileKinds' titles and descriptions are English; a title the
		// assembler made up itself carries no language tag.
		title := Literal(f.Title)
		if known && f.Title == kind.Title {
			title = LangLiteral(f.Title, "en")
		}
		if f.Title != "" {
			b.add(dist, IRI(NSDCT+"title"), title)
		}
		if known {
			b.add(dist, IRI(NSDCT+"description"), LangLiteral(kind.Description, "en"))
		}
		download := IRI(DownloadURL(m, rel.Version, f.Name))
		b.add(dist, IRI(NSDCAT+"accessURL"), download)
		b.add(dist, IRI(NSDCAT+"downloadURL"), download)
		if f.MediaType != "" {
			b.add(dist, IRI(NSDCAT+"mediaType"), IRI(NSIANAMedia+f.MediaType))
		}
		if f.FileType != "" {
			b.add(dist, IRI(NSDCT+"format"), IRI(euFileType+f.FileType))
		}
		b.add(dist, IRI(NSDCAT+"byteSize"), TypedLiteral(strconv.FormatInt(f.Size, 10), XSDNonNegativeInteger))
		b.add(dist, IRI(NSDCT+"license"), licence)
		b.add(dist, IRI(NSDCT+"rights"), rights)
		b.add(dist, IRI(NSDCT+"issued"), date)
		b.add(dist, IRI(NSDCATAP+"availability"), IRI(euAvailability+"STABLE"))
		if f.SHA256 != "" {
			// A fragment of the distribution's IRI rather than a blank
			// node, so the catalogue is the same bytes every time.
			sum := IRI(dist.Value + "#sha256")
			b.add(dist, IRI(NSSPDX+"checksum"), sum)
			b.add(sum, typ, IRI(NSSPDX+"Checksum"))
			b.add(sum, IRI(NSSPDX+"algorithm"), IRI(NSSPDX+"checksumAlgorithm_sha256"))
			b.add(sum, IRI(NSSPDX+"checksumValue"), TypedLiteral(strings.ToLower(f.SHA256), XSDHexBinary))
		}
	}

	// What the catalogue points at, typed as the DCAT-AP range shapes
	// require (a harvester's SHACL engine loads no EU vocabulary), and
	// every skos:Concept labelled, as the base shapes require.
	public := IRI(euAccessRight + "PUBLIC")
	b.add(public, typ, IRI(NSDCT+"RightsStatement"))
	b.add(public, typ, IRI(NSSKOS+"Concept"))
	b.add(public, IRI(NSSKOS+"prefLabel"), LangLiteral("public", "en"))
	b.add(public, IRI(NSSKOS+"inScheme"), IRI(euAccessScheme))
	if period.Kind != 0 {
		b.add(period, typ, IRI(NSDCT+"PeriodOfTime"))
		b.add(period, IRI(NSDCAT+"startDate"), TypedLiteral(start, XSDDate))
		b.add(period, IRI(NSDCAT+"endDate"), date)
	}
	if making.Kind != 0 {
		b.add(making, typ, IRI(NSPROV+"Activity"))
		b.add(making, IRI(NSRDFS+"label"), LangLiteral("release "+rel.Version+" made by "+rel.Tool, "en"))
	}
	if hasDistribution(files) {
		b.add(rights, typ, IRI(NSDCT+"RightsStatement"))
		b.add(rights, IRI(NSRDFS+"label"), LangLiteral(rightsStatement(m), "en"))
	}
	b.add(publisher, typ, IRI(NSFOAF+"Agent"))
	b.add(publisher, IRI(NSFOAF+"name"), Literal(m.Publisher.Name))
	b.add(contact, typ, IRI(NSVCard+"Kind"))
	b.add(contact, IRI(NSVCard+"fn"), Literal(m.Contact.Name))
	b.add(contact, IRI(NSVCard+"hasEmail"), IRI(mailto(m.Contact.Email)))
	b.add(licence, typ, IRI(NSDCT+"LicenseDocument"))
	if lk, ok := knownLicence(m.License); ok {
		for i, t := range lk.types {
			concept := IRI(admsLicenceType + t)
			b.add(licence, IRI(NSDCT+"type"), concept)
			b.add(concept, typ, IRI(NSSKOS+"Concept"))
			b.add(concept, IRI(NSSKOS+"prefLabel"), LangLiteral(lk.labels[i], "en"))
			b.add(concept, IRI(NSSKOS+"inScheme"), IRI(admsLicenceScheme))
		}
	}
	if language.Kind != 0 {
		b.add(language, typ, IRI(NSDCT+"LinguisticSystem"))
	}
	for _, s := range m.Spatial {
		b.add(IRI(s), typ, IRI(NSDCT+"Location"))
	}
	if m.Homepage != "" {
		b.add(IRI(m.Homepage), typ, IRI(NSFOAF+"Document"))
	}
	if m.AccrualPeriodicity != "" {
		b.add(IRI(euFrequency+m.AccrualPeriodicity), typ, IRI(NSDCT+"Frequency"))
	}
	if len(themes) > 0 {
		scheme := IRI(euDataThemeScheme)
		b.add(scheme, typ, IRI(NSSKOS+"ConceptScheme"))
		b.add(scheme, IRI(NSDCT+"title"), LangLiteral("Data theme", "en"))
		for _, t := range themes {
			label, _ := DataThemeLabel(strings.TrimPrefix(t.Value, euDataTheme))
			b.add(t, typ, IRI(NSSKOS+"Concept"))
			b.add(t, IRI(NSSKOS+"prefLabel"), LangLiteral(label, "en"))
			b.add(t, IRI(NSSKOS+"inScheme"), scheme)
		}
	}
	for _, f := range files {
		if !isDistribution(f) {
			continue
		}
		if f.MediaType != "" {
			b.add(IRI(NSIANAMedia+f.MediaType), typ, IRI(NSDCT+"MediaType"))
		}
		if f.FileType != "" {
			b.add(IRI(euFileType+f.FileType), typ, IRI(NSDCT+"MediaTypeOrExtent"))
		}
	}
	if hasDistribution(files) {
		stable := IRI(euAvailability + "STABLE")
		b.add(stable, typ, IRI(NSSKOS+"Concept"))
		b.add(stable, IRI(NSSKOS+"prefLabel"), LangLiteral("stable", "en"))
		b.add(stable, IRI(NSSKOS+"inScheme"), IRI(euAvailScheme))
	}

	return Graph{Prefixes: CommonPrefixes(), Blocks: b.seq()}
}

// ReleaseTitle is the title of one release's dataset: the dataset's title
// and the version, so that the releases listed side by side in a series
// catalogue or a portal can be told apart.
func ReleaseTitle(m *Metadata, version string) string {
	return m.Title + " (release " + version + ")"
}

// versionNotes returns rel.VersionNotes, or a sentence of its own.
func versionNotes(rel *Release) string {
	if rel.VersionNotes != "" {
		return rel.VersionNotes
	}
	if rel.Previous == "" {
		return "First release: " + strconv.Itoa(rel.RecordSet().Len()) + " records."
	}
	return "Release " + rel.Version + ": " + strconv.Itoa(rel.RecordSet().Len()) + " records; the previous release is " + rel.Previous + "."
}

// rightsStatement says, for people, what a user of a distribution may do.
func rightsStatement(m *Metadata) string {
	return "Open data: anyone may use, share and adapt it under the licence " + m.License + ", naming " + m.Publisher.Name + " as the source."
}

// earliestFounding returns the earliest founding date of the records as
// an xsd:date (a year counts from its first day), the start of the
// period the dataset covers.
func earliestFounding(records RecordSet) (string, bool) {
	best := ""
	for _, r := range records.All() {
		v := r.Founded
		switch DateDatatype(v) {
		case XSDGYear:
			v += "-01-01"
		case XSDGYearMonth:
			v += "-01"
		case XSDDate:
		default:
			continue
		}
		if best == "" || v < best {
			best = v
		}
	}
	return best, best != ""
}

// isDistribution says whether the catalogue lists f as a distribution:
// the files of the FileKinds table that are, and other files described
// with a title. What an addition writes without one (the site's pages,
// the hosting rules) is part of the release and its checksums, not a
// download of the data, and would swell the catalogue by a node a page.
func isDistribution(f FileInfo) bool {
	if kind, known := FileKindOf(f.Name); known {
		return kind.Distribution
	}
	return f.Title != ""
}

func hasDistribution(files []FileInfo) bool {
	for _, f := range files {
		if isDistribution(f) {
			return true
		}
	}
	return false
}

// mailto turns an e-mail address into a mailto: IRI, percent-encoding
// every byte an IRI cannot carry as it is.
func mailto(addr string) string {
	const hex = "0123456789ABCDEF"
	var sb strings.Builder
	sb.WriteString("mailto:")
	for i := 0; i < len(addr); i++ {
		c := addr[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(".!$&'*+=_~@-", c) >= 0 {
			sb.WriteByte(c)
			continue
		}
		sb.WriteByte('%')
		sb.WriteByte(hex[c>>4])
		sb.WriteByte(hex[c&0xf])
	}
	return sb.String()
}

// graphBuilder collects triples grouped by subject, in order of each
// subject's first mention, dropping repeated triples.
type graphBuilder struct {
	index  map[Term]int
	blocks [][]Triple
	seen   map[Triple]bool
}

func newGraphBuilder() *graphBuilder {
	return &graphBuilder{index: map[Term]int{}, seen: map[Triple]bool{}}
}

func (b *graphBuilder) add(s, p, o Term) {
	tr := Triple{S: s, P: p, O: o}
	if b.seen[tr] {
		return
	}
	b.seen[tr] = true
	i, ok := b.index[s]
	if !ok {
		i = len(b.blocks)
		b.index[s] = i
		b.blocks = append(b.blocks, nil)
	}
	b.blocks[i] = append(b.blocks[i], tr)
}

// seq yields the blocks; they are the builder's own slices, which nothing
// changes after CatalogGraph returns, so the Graph may be iterated again.
func (b *graphBuilder) seq() iter.Seq[[]Triple] {
	blocks := b.blocks
	return func(yield func([]Triple) bool) {
		for _, bl := range blocks {
			if !yield(bl) {
				return
			}
		}
	}
}
