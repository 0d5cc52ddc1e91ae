package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/bordernet/bordernet/schema"
)

// download is a file of the release as the landing page lists it.
type download struct {
	Name, Title, MediaType string
	Size                   string // "" when the file is written after the site
	Bytes                  int64
	SHA256                 string
}

// recordRow is a record in the landing page's table.
type recordRow struct {
	Href, Name, Acronym, Kind, Scope, Status, Founded string
}

// landing is what the landing page shows.
type landing struct {
	head
	Description  []string
	Homepage     string
	Contact      string
	ContactEmail string
	Records      int
	Downloads    []download
	Citation     string
	Changes      *changesSummary
	Picture      template.HTML // the relations picture, inline so its links work
	Sentences    []sentence
	Omitted      int
	Rows         []recordRow
	RowsCut      bool // the table shows PageLimit rows of more
	Vocabularies []value
}

// writtenAfterSite reports whether the release assembler writes the file
// name after every addition, the site included: the catalogue and the
// checksums, listed before they exist.
func writtenAfterSite(name string) bool {
	return name == schema.CatalogTurtleFile || name == schema.CatalogJSONLDFile || name == schema.ChecksumFile
}

// newLanding gathers the landing page of rel, whose data files are in dir.
func newLanding(dir string, rel *schema.Release, info Info, pic *picture, files []schema.FileInfo) (*landing, error) {
	m := &rel.Meta
	l := &landing{
		head:     head{Lang: m.Language, Title: m.Title, Info: info, Script: true},
		Homepage: m.Homepage, Contact: m.Contact.Name, ContactEmail: m.Contact.Email,
		Records: rel.RecordSet().Len(), Omitted: pic.omitted,
	}
	if !schema.ValidLangTag(l.Lang) {
		l.Lang = "en"
	}
	for para := range strings.SplitSeq(m.Description, "\n\n") {
		if para = strings.TrimSpace(para); para != "" {
			l.Description = append(l.Description, para)
		}
	}
	for _, k := range schema.FileKinds() {
		d := download{Name: k.Name, Title: k.Title, MediaType: k.MediaType}
		size, sum, err := measured(dir, k.Name, files)
		switch {
		case err == nil:
			d.Size, d.Bytes, d.SHA256 = humanSize(size), size, sum
		case !errors.Is(err, fs.ErrNotExist):
			return nil, err
		case !writtenAfterSite(k.Name):
			// A file the release does not have (a first release has no
			// graph difference, changes.ru): no link to nothing.
			continue
		}
		l.Downloads = append(l.Downloads, d)
	}
	l.Citation = citation(rel)
	changes, err := readChanges(dir)
	if err != nil {
		return nil, err
	}
	l.Changes = changes
	var svg bytes.Buffer
	if err := pic.writeSVG(&svg, false); err != nil {
		return nil, err
	}
	l.Picture = template.HTML(svg.String()) // built by writeSVG, every value escaped
	l.Sentences = pic.sentences()
	for i, r := range rel.RecordSet().All() {
		if i == PageLimit {
			l.RowsCut = true
			break
		}
		status := string(r.Status)
		if status == "" {
			status = string(schema.StatusActive)
		}
		l.Rows = append(l.Rows, recordRow{
			Href: "id/" + url.PathEscape(r.ID) + ".html", Name: r.Name, Acronym: r.Acronym,
			Kind: string(r.Kind), Scope: string(r.Scope), Status: status, Founded: r.Founded,
		})
	}
	for _, scheme := range []string{"kind", "scope", "status"} {
		l.Vocabularies = append(l.Vocabularies, value{Text: scheme, Href: "vocab/" + scheme + ".html"})
	}
	ld, err := datasetJSONLD(rel, l.Downloads)
	if err != nil {
		return nil, err
	}
	l.JSONLD = template.JS(ld)
	return l, nil
}

func (l *landing) render(b *bytes.Buffer) error {
	return templates.ExecuteTemplate(b, "index.html", l)
}

// measured returns the size and SHA-256 of the release file name: as
// files give them, else measured on disk.
func measured(dir, name string, files []schema.FileInfo) (int64, string, error) {
	for _, f := range files {
		if f.Name == name && f.SHA256 != "" {
			return f.Size, f.SHA256, nil
		}
	}
	return measureFile(filepath.Join(dir, name))
}

// measureFile returns the size and SHA-256 of a file.
func measureFile(name string) (int64, string, error) {
	f, err := os.Open(name)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return 0, "", fmt.Errorf("reading %s: %w", filepath.Base(name), err)
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// humanSize writes a byte count for people: "980 bytes", "46.2 KiB".
func humanSize(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d bytes", n)
	}
	units := []string{"KiB", "MiB", "GiB", "TiB"}
	f := float64(n) / 1024
	u := 0
	for f >= 1024 && u < len(units)-1 {
		f /= 1024
		u++
	}
	return fmt.Sprintf("%.1f %s", f, units[u])
}

// releaseURL is where the release's files are published.
func releaseURL(m *schema.Metadata, version string) string {
	return m.DownloadURL + url.PathEscape(version) + "/"
}

// citation is how to cite the release, in the usual data-citation form:
// publisher (year), title, version, publisher, where.
func citation(rel *schema.Release) string {
	year, _, _ := strings.Cut(rel.Date, "-")
	return fmt.Sprintf("%s (%s). %s. Version %s [Data set]. %s",
		rel.Meta.Publisher.Name, year, strings.TrimSuffix(rel.Meta.Title, "."), rel.Version, releaseURL(&rel.Meta, rel.Version))
}

// Google Dataset Search wants a description of 50 to 5000 characters.
const (
	minDescription = 50
	maxDescription = 5000
)

// datasetDescription fits the dataset's description into what Google
// Dataset Search accepts: a long one is cut at a word, a short one says
// what the release holds after it.
func datasetDescription(rel *schema.Release) string {
	d := strings.Join(strings.Fields(rel.Meta.Description), " ")
	if utf8.RuneCountInString(d) > maxDescription {
		runes := []rune(d)[:maxDescription-1]
		cut := string(runes)
		if i := strings.LastIndexByte(cut, ' '); i > maxDescription/2 {
			cut = cut[:i]
		}
		d = cut + "…"
	}
	if utf8.RuneCountInString(d) < minDescription {
		d = strings.TrimSpace(d + fmt.Sprintf(" Release %s of this dataset describes %d networks, forums and agencies, with the source of every value.", rel.Version, rel.RecordSet().Len()))
	}
	return d
}

// The schema.org Dataset description of the landing page, as Google
// Dataset Search reads it.
type (
	sdoDataset struct {
		Context         string         `json:"@context"`
		Type            string         `json:"@type"`
		ID              string         `json:"@id"`
		Name            string         `json:"name"`
		Description     string         `json:"description"`
		URL             string         `json:"url"`
		Identifier      string         `json:"identifier"`
		Version         string         `json:"version"`
		DatePublished   string         `json:"datePublished"`
		DateModified    string         `json:"dateModified"`
		InLanguage      string         `json:"inLanguage,omitempty"`
		License         string         `json:"license"`
		Free            bool           `json:"isAccessibleForFree"`
		Creator         sdoOrg         `json:"creator"`
		Publisher       sdoOrg         `json:"publisher"`
		Keywords        []string       `json:"keywords,omitempty"`
		SpatialCoverage []sdoPlace     `json:"spatialCoverage,omitempty"`
		Distribution    []sdoDownload  `json:"distribution"`
		Catalog         *sdoDataCatalg `json:"includedInDataCatalog,omitempty"`
	}
	sdoOrg struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url,omitempty"`
	}
	sdoPlace struct {
		Type   string `json:"@type"`
		Name   string `json:"name"`
		SameAs string `json:"sameAs,omitempty"`
	}
	sdoDownload struct {
		Type           string `json:"@type"`
		Name           string `json:"name"`
		ContentURL     string `json:"contentUrl"`
		EncodingFormat string `json:"encodingFormat"`
		ContentSize    string `json:"contentSize,omitempty"`
		SHA256         string `json:"sha256,omitempty"`
	}
	sdoDataCatalg struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url"`
	}
)

// datasetJSONLD returns the landing page's schema.org Dataset, escaped
// for a script element.
func datasetJSONLD(rel *schema.Release, downloads []download) (string, error) {
	m := &rel.Meta
	publisher := sdoOrg{Type: "Organization", Name: m.Publisher.Name, URL: m.Publisher.IRI}
	ds := sdoDataset{
		Context: "https://schema.org/", Type: "Dataset", ID: schema.DatasetIRI(m),
		Name: m.Title, Description: datasetDescription(rel), URL: m.BaseIRI,
		Identifier: schema.DatasetIRI(m), Version: rel.Version,
		DatePublished: rel.Date, DateModified: rel.Date, InLanguage: m.Language,
		License: m.License, Free: true, Creator: publisher, Publisher: publisher,
		Keywords: m.Keywords,
	}
	if m.Homepage != "" {
		ds.Catalog = &sdoDataCatalg{Type: "DataCatalog", Name: m.Title, URL: m.Homepage}
	}
	for _, s := range m.Spatial {
		ds.SpatialCoverage = append(ds.SpatialCoverage, sdoPlace{Type: "Place", Name: placeName(s), SameAs: s})
	}
	for _, d := range downloads {
		k, ok := schema.FileKindOf(d.Name)
		if !ok || !k.Distribution || d.SHA256 == "" {
			continue
		}
		ds.Distribution = append(ds.Distribution, sdoDownload{
			Type: "DataDownload", Name: k.Title, ContentURL: schema.DownloadURL(m, rel.Version, d.Name),
			EncodingFormat: k.MediaType, ContentSize: fmt.Sprintf("%d B", d.Bytes), SHA256: d.SHA256,
		})
	}
	data, err := json.MarshalIndent(ds, "", "  ")
	if err != nil {
		return "", err
	}
	var escaped bytes.Buffer
	json.HTMLEscape(&escaped, data)
	return escaped.String(), nil
}

// placeName names a place by its IRI's last segment, as the EU
// authority tables spell their codes: ".../continent/EUROPE" is "Europe".
func placeName(iri string) string {
	seg := path.Base(strings.TrimRight(iri, "/#"))
	if i := strings.LastIndexAny(seg, "#"); i >= 0 {
		seg = seg[i+1:]
	}
	seg = strings.ReplaceAll(seg, "_", " ")
	if seg == strings.ToUpper(seg) && len(seg) > 1 {
		seg = seg[:1] + strings.ToLower(seg[1:])
	}
	return seg
}
