package schema

// Metadata describes the dataset as a whole: what open-data portals show
// about it. Curators edit it in sources/dataset.json.
type Metadata struct {
	Title       string   `json:"title" validate:"required,text"`
	Description string   `json:"description" validate:"required,text"`
	Language    string   `json:"language" validate:"required,langtag"` // BCP 47 tag of the text, e.g. "en"
	Publisher   Agent    `json:"publisher" validate:"required"`
	Contact     Contact  `json:"contact" validate:"required"`
	License     string   `json:"license" validate:"required,weburl"`      // licence IRI, e.g. CC BY 4.0
	BaseIRI     string   `json:"base_iri" validate:"required,weburl"`     // records are BaseIRI + "id/" + id
	DownloadURL string   `json:"download_url" validate:"required,weburl"` // releases are DownloadURL + version + "/" + file
	Homepage    string   `json:"homepage,omitempty" validate:"omitempty,weburl"`
	Keywords    []string `json:"keywords" validate:"dive,required,text"`
	// Themes are codes of the EU data-theme vocabulary
	// (http://publications.europa.eu/resource/authority/data-theme/), e.g. "JUST".
	Themes []string `json:"themes" validate:"dive,corpbody"`
	// Spatial are IRIs of places the dataset covers, e.g. the EU continent
	// authority's EUROPE.
	Spatial []string `json:"spatial" validate:"dive,weburl"`
	// AccrualPeriodicity is a code of the EU frequency vocabulary, e.g. "IRREG".
	AccrualPeriodicity string `json:"accrual_periodicity" validate:"omitempty,corpbody"`
}

// Agent is an organisation or person named in the metadata.
type Agent struct {
	Name string `json:"name" validate:"required,text"`
	IRI  string `json:"iri" validate:"required,weburl"`
}

// Contact is the dataset's contact point.
type Contact struct {
	Name  string `json:"name" validate:"required,text"`
	Email string `json:"email" validate:"required,email"`
}

// Release is what every format writer writes: the dataset metadata, the
// version and date of the release, and the merged, validated records sorted
// by id.
type Release struct {
	Meta    Metadata
	Version string // safe file name, e.g. "2026-11-27"
	Date    string // release date, YYYY-MM-DD
	// Records are the records sorted by id, in memory or in a store on
	// disk; read them with RecordSet, which treats nil as no records.
	Records RecordSet
	// Previous is the version of the release before this one in its
	// series ("" for the first): the catalogue links the two
	// (dcat:prev, dcat:previousVersion).
	Previous string
	// VersionNotes say how this release differs from the previous one
	// (adms:versionNotes), e.g. a summary of its changes; when empty the
	// catalogue says how many records the release has.
	VersionNotes string
	// Tool names the program that made the release, e.g. "bordernet
	// v1.2.0 (commit 1a2b3c4d5e6f)"; "" leaves it unsaid. It must not
	// hold anything that changes from run to run (a build time, a host),
	// or releases of the same sources would differ.
	Tool string
}

// RecordSet returns the release's records: Records, or an empty set
// when Records is nil.
func (rel *Release) RecordSet() RecordSet {
	if rel.Records == nil {
		return RecordSlice(nil)
	}
	return rel.Records
}

// FileInfo describes one file of a release, for the catalogue and the
// checksum list.
type FileInfo struct {
	Name      string // file name inside the release folder
	Title     string // what the file is, for people
	MediaType string // IANA media type, e.g. "text/turtle"
	// FileType is a code of the EU file-type vocabulary
	// (http://publications.europa.eu/resource/authority/file-type/), e.g. "RDF_TURTLE".
	FileType string
	Size     int64
	SHA256   string // lower-case hex
}
