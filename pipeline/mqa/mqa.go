// Package mqa scores a DCAT-AP catalogue the way data.europa.eu's
// Metadata Quality Assessment (MQA) does, as far as that can be done
// offline: for each dcat:Dataset, the points of every indicator whose
// metric is a property of the metadata (keywords, themes, spatial and
// temporal coverage, formats and media types from the EU vocabularies,
// licence, access rights, contact point, publisher, rights, byte size,
// dates), and what is missing to earn the rest. The indicators that need
// the network (access and download URLs answering) or a SHACL engine
// (DCAT-AP compliance) are listed as not computed, with their weights.
//
// The entry point is Score. The weights and rules are in Indicators and
// docs/mqa.md.
package mqa

import (
	"slices"
	"strings"

	"github.com/bordernet/bordernet/schema"
)

// Dimensions of the MQA, from the FAIR principles plus context.
const (
	Findability      = "Findability"
	Accessibility    = "Accessibility"
	Interoperability = "Interoperability"
	Reusability      = "Reusability"
	Contextuality    = "Contextuality"
)

// An Indicator is one MQA indicator: its dimension, name, weight in
// points, the property it looks at, and whether it can be computed
// offline.
type Indicator struct {
	Dimension string
	Name      string
	Weight    int
	Property  string // as the methodology names it, e.g. "dcat:keyword"
	// Level is "dataset" or "distribution": a distribution indicator
	// earns its weight times the share of the dataset's distributions
	// that meet it.
	Level   string
	Offline bool
	// why the indicator cannot be computed offline, or what it asks
	Note string
	met  func(c *catalog, node string) bool
}

// Rating is the MQA's verdict for a total of points (out of 405).
func Rating(points int) string {
	switch {
	case points >= 351:
		return "Excellent"
	case points >= 221:
		return "Good"
	case points >= 121:
		return "Sufficient"
	}
	return "Bad"
}

// MaxPoints is the MQA's total of all weights.
const MaxPoints = 405

// Indicators lists the MQA indicators with their weights, in the
// methodology's order.
func Indicators() []Indicator {
	has := func(p string) func(*catalog, string) bool {
		return func(c *catalog, n string) bool { return len(c.values(n, p)) > 0 }
	}
	inVocab := func(p, prefix string) func(*catalog, string) bool {
		return func(c *catalog, n string) bool {
			vs := c.values(n, p)
			return len(vs) > 0 && !slices.ContainsFunc(vs, func(v string) bool { return !strings.HasPrefix(v, prefix) })
		}
	}
	formatIn := func(set map[string]bool) func(*catalog, string) bool {
		return func(c *catalog, n string) bool {
			for _, v := range c.values(n, schema.NSDCT+"format") {
				if set[strings.TrimPrefix(v, fileType)] {
					return true
				}
			}
			return false
		}
	}
	return []Indicator{
		{Findability, "Keyword usage", 30, "dcat:keyword", "dataset", true, "", has(schema.NSDCAT + "keyword")},
		{Findability, "Categories", 30, "dcat:theme", "dataset", true, "", has(schema.NSDCAT + "theme")},
		{Findability, "Geo search", 20, "dct:spatial", "dataset", true, "", has(schema.NSDCT + "spatial")},
		{Findability, "Time based search", 20, "dct:temporal", "dataset", true, "", has(schema.NSDCT + "temporal")},
		{Accessibility, "AccessURL accessibility", 50, "dcat:accessURL", "distribution", false, "needs the URLs to answer (HTTP status 2xx/3xx): checked by the portal online", nil},
		{Accessibility, "DownloadURL", 20, "dcat:downloadURL", "distribution", true, "", has(schema.NSDCAT + "downloadURL")},
		{Accessibility, "DownloadURL accessibility", 30, "dcat:downloadURL", "distribution", false, "needs the URLs to answer (HTTP status 2xx/3xx): checked by the portal online", nil},
		{Interoperability, "Format", 20, "dct:format", "distribution", true, "", has(schema.NSDCT + "format")},
		{Interoperability, "Media type", 10, "dcat:mediaType", "distribution", true, "", has(schema.NSDCAT + "mediaType")},
		{Interoperability, "Format / Media type from vocabulary", 10, "dct:format, dcat:mediaType", "distribution", true,
			"format from the EU file-type vocabulary, media type from IANA's", func(c *catalog, n string) bool {
				return inVocab(schema.NSDCT+"format", fileType)(c, n) && inVocab(schema.NSDCAT+"mediaType", schema.NSIANAMedia)(c, n)
			}},
		{Interoperability, "Non-proprietary", 20, "dct:format", "distribution", true, "format in the MQA's list of non-proprietary formats", formatIn(nonProprietary())},
		{Interoperability, "Machine readable", 20, "dct:format", "distribution", true, "format in the MQA's list of machine-readable formats", formatIn(machineReadable())},
		{Interoperability, "DCAT-AP compliance", 30, "SHACL validation", "dataset", false, "needs a SHACL engine and the DCAT-AP shapes: bordernet's tests run them (internal/judge), the portal runs its own", nil},
		{Reusability, "Licence information", 20, "dct:license", "distribution", true, "", has(schema.NSDCT + "license")},
		{Reusability, "Licence vocabulary", 10, "dct:license", "distribution", true, "licence from the EU licence vocabulary", inVocab(schema.NSDCT+"license", schema.NSEUAuthority+"licence/")},
		{Reusability, "Access restrictions", 10, "dct:accessRights", "dataset", true, "", has(schema.NSDCT + "accessRights")},
		{Reusability, "Access restrictions vocabulary", 5, "dct:accessRights", "dataset", true, "access rights from the EU access-right vocabulary", inVocab(schema.NSDCT+"accessRights", schema.NSEUAuthority+"access-right/")},
		{Reusability, "Contact point", 20, "dcat:contactPoint", "dataset", true, "", has(schema.NSDCAT + "contactPoint")},
		{Reusability, "Publisher", 10, "dct:publisher", "dataset", true, "", has(schema.NSDCT + "publisher")},
		{Contextuality, "Rights", 5, "dct:rights", "distribution", true, "", has(schema.NSDCT + "rights")},
		{Contextuality, "File size", 5, "dcat:byteSize", "distribution", true, "", has(schema.NSDCAT + "byteSize")},
		{Contextuality, "Date of issue", 5, "dct:issued", "dataset", true, "", has(schema.NSDCT + "issued")},
		{Contextuality, "Modification date", 5, "dct:modified", "dataset", true, "", has(schema.NSDCT + "modified")},
	}
}

const fileType = schema.NSEUAuthority + "file-type/"

// nonProprietary are the EU file-type codes of open, non-proprietary
// formats among those a dataset like this one publishes.
func nonProprietary() map[string]bool {
	return map[string]bool{
		"CSV": true, "JSON": true, "JSON_LD": true, "RDF_TURTLE": true, "RDF_N_TRIPLES": true, "RDF_XML": true,
		"RDF": true, "N3": true, "XML": true, "TXT": true, "HTML": true, "ODS": true, "GEOJSON": true, "TSV": true,
	}
}

// machineReadable are the EU file-type codes of machine-readable formats
// among those: the non-proprietary ones and the spreadsheet formats.
func machineReadable() map[string]bool {
	m := nonProprietary()
	delete(m, "TXT")
	delete(m, "HTML")
	m["XLSX"], m["XLS"] = true, true
	return m
}

// Result is one indicator's outcome for one dataset.
type Result struct {
	Indicator Indicator
	Points    int
	Computed  bool
	// Missing names what lacks the property, when not every node has it:
	// the dataset, or the distributions that do not meet it.
	Missing []string
}

// DatasetScore is the offline MQA score of one dataset.
type DatasetScore struct {
	Dataset  string
	Results  []Result
	Points   int // earned by the computed indicators
	Possible int // the weights of the computed indicators
}

// Score scores every dcat:Dataset of the catalogue's triples, in the
// order they first appear.
func Score(triples []schema.Triple) []DatasetScore {
	c := newCatalog(triples)
	var out []DatasetScore
	for _, ds := range c.ofType(schema.NSDCAT + "Dataset") {
		dists := c.values(ds, schema.NSDCAT+"distribution")
		s := DatasetScore{Dataset: ds}
		for _, ind := range Indicators() {
			r := Result{Indicator: ind, Computed: ind.Offline}
			if ind.Offline {
				s.Possible += ind.Weight
				switch ind.Level {
				case "dataset":
					if ind.met(c, ds) {
						r.Points = ind.Weight
					} else {
						r.Missing = []string{ds}
					}
				default:
					met := 0
					for _, d := range dists {
						if ind.met(c, d) {
							met++
						} else {
							r.Missing = append(r.Missing, d)
						}
					}
					if len(dists) > 0 {
						r.Points = ind.Weight * met / len(dists)
					} else {
						r.Missing = []string{ds + " (no distribution)"}
					}
				}
				s.Points += r.Points
			}
			s.Results = append(s.Results, r)
		}
		out = append(out, s)
	}
	return out
}

// catalog indexes triples by subject and predicate.
type catalog struct {
	order []string
	props map[string]map[string][]string
	types map[string][]string
}

func newCatalog(triples []schema.Triple) *catalog {
	c := &catalog{props: map[string]map[string][]string{}, types: map[string][]string{}}
	for _, tr := range triples {
		s := tr.S.Value
		if c.props[s] == nil {
			c.props[s] = map[string][]string{}
			c.order = append(c.order, s)
		}
		c.props[s][tr.P.Value] = append(c.props[s][tr.P.Value], tr.O.Value)
		if tr.P.Value == schema.RDFType {
			c.types[tr.O.Value] = append(c.types[tr.O.Value], s)
		}
	}
	return c
}

func (c *catalog) values(node, pred string) []string { return c.props[node][pred] }

func (c *catalog) ofType(class string) []string {
	var out []string
	for _, s := range c.order {
		if slices.Contains(c.types[class], s) {
			out = append(out, s)
		}
	}
	return out
}
