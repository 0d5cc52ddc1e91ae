package verify

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/bordernet/bordernet/internal/regular"
	"github.com/bordernet/bordernet/pipeline/export/turtle"
	"github.com/bordernet/bordernet/schema"
)

// CatalogFile is the release's own catalogue that verify compares with
// the files.
const CatalogFile = schema.CatalogTurtleFile

// distribution is what the catalogue says of one file.
type distribution struct {
	iri, download string
	size          string // dcat:byteSize, as written
	sha256        string // spdx:checksumValue
}

// checkCatalog compares the catalogue's distributions with the files
// SHA256SUMS lists (names): each one a listed file, with the catalogue's
// byte size and SHA-256 when it could be read, and every listed file that
// is a distribution (all but the catalogue files and SHA256SUMS) in the
// catalogue.
func checkCatalog(dir string, names []string, measured map[string]fileResult) []Problem {
	if _, ok := measured[CatalogFile]; !ok {
		return []Problem{{File: CatalogFile, Code: "catalog-missing", Message: "the release has no catalogue to compare its files with"}}
	}
	dists, err := readDistributions(filepath.Join(dir, CatalogFile))
	if err != nil {
		return nil // reported as a format problem of catalog.ttl already
	}
	var problems []Problem
	found := map[string]bool{}
	for _, d := range dists {
		name := ""
		for _, n := range names {
			if strings.HasSuffix(d.download, "/"+escapePath(n)) && len(n) > len(name) {
				name = n
			}
		}
		if name == "" {
			problems = append(problems, Problem{File: CatalogFile, Code: "catalog-file-missing",
				Message: fmt.Sprintf("the distribution %s (%s) is no file of %s", d.iri, d.download, ChecksumFile)})
			continue
		}
		found[name] = true
		res, ok := measured[name]
		if !ok || res.sha256 == "" {
			continue // missing or unreadable: reported already
		}
		if d.size != strconv.FormatInt(res.size, 10) {
			problems = append(problems, Problem{File: name, Code: "catalog-size-mismatch",
				Message: fmt.Sprintf("the catalogue says %s bytes, the file has %d", orNone(d.size), res.size)})
		}
		if !strings.EqualFold(d.sha256, res.sha256) {
			problems = append(problems, Problem{File: name, Code: "catalog-checksum-mismatch",
				Message: fmt.Sprintf("the catalogue's SHA-256 is %s, the file's %s", orNone(d.sha256), res.sha256)})
		}
	}
	for _, n := range names {
		if !found[n] && knownDistribution(n) {
			problems = append(problems, Problem{File: n, Code: "catalog-not-listed",
				Message: "not described in " + CatalogFile + " as a distribution of the release"})
		}
	}
	return problems
}

func orNone(s string) string {
	if s == "" {
		return "nothing"
	}
	return s
}

// escapePath escapes each segment of a path inside the release as the
// catalogue's download URLs do.
func escapePath(name string) string {
	segs := strings.Split(name, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// readDistributions reads the distributions of a catalogue.
func readDistributions(p string) ([]distribution, error) {
	f, err := regular.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	triples, err := turtle.Read(bufferedReader(f))
	if err != nil {
		return nil, err
	}
	byS := map[string]map[string]string{}
	var dists []string
	for _, tr := range triples {
		s, p := tr.S.Value, tr.P.Value
		if byS[s] == nil {
			byS[s] = map[string]string{}
		}
		byS[s][p] = tr.O.Value
		if p == schema.RDFType && tr.O.Value == schema.NSDCAT+"Distribution" {
			dists = append(dists, s)
		}
	}
	out := make([]distribution, 0, len(dists))
	for _, d := range dists {
		props := byS[d]
		dist := distribution{iri: d, download: props[schema.NSDCAT+"downloadURL"], size: props[schema.NSDCAT+"byteSize"]}
		if sum := props[schema.NSSPDX+"checksum"]; sum != "" {
			dist.sha256 = byS[sum][schema.NSSPDX+"checksumValue"]
		}
		out = append(out, dist)
	}
	return out, nil
}
