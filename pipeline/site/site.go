// Package site owns the release's web site: the pages people read and the
// per-record RDF documents that make every record IRI answer, written into
// the release folder, which is the web root of the base IRI (BASE/id/frontex
// is OUT/VERSION/id/frontex.html, .ttl, .nt and .jsonld).
//
// Write (wrapped for the release assembler by Addition) is the one entry
// point at release time. It writes index.html (the landing page, with the
// downloads, how to cite, the changes, the table of records and the
// picture), relations.svg, site.css, table.js, site.json (what a server
// needs to render pages: see Info), a page and three RDF documents per
// record (unless the release is larger than Options say), and the same for
// the vocabulary concepts under vocab/.
//
// The renderers are exported for bordernet serve, which answers record
// pages of large releases on the fly from the record's triples in the
// release's sorted bordernet.nt: RenderPage, WriteTurtle, WriteNTriples,
// WriteJSONLD, each from a Doc (a resource's triples, plus the triples
// pointing at it).
package site

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/bordernet/bordernet/pipeline/release"
	"github.com/bordernet/bordernet/schema"
)

// Pages says whether a release gets a page and RDF documents per record.
type Pages string

// The choices of --site-pages.
const (
	// PagesAuto writes them when the release has at most PageLimit
	// records: beyond that, a million records would be four million
	// small files, and bordernet serve renders the pages on the fly.
	PagesAuto Pages = "auto"
	PagesAll  Pages = "all"  // always
	PagesNone Pages = "none" // never
)

// PageLimit is the number of records up to which PagesAuto writes a page
// per record, and the number of rows the landing page's table shows at
// most (the whole list is in bordernet.csv).
const PageLimit = 10000

// PictureLimit is the number of bodies the relations picture shows at
// most: beyond a few hundred boxes a picture is no longer readable.
const PictureLimit = 150

// ParsePages reads a --site-pages value.
func ParsePages(s string) (Pages, error) {
	switch p := Pages(s); p {
	case PagesAuto, PagesAll, PagesNone:
		return p, nil
	}
	return "", fmt.Errorf("%q is not one of auto, all, none", s)
}

// Options say what Write writes.
type Options struct {
	Pages Pages // "" means PagesAuto
	// Files are the release's files written before the site, with their
	// sizes and SHA-256 (release.Addition's files): the downloads table
	// reads them from here rather than read gigabytes back from disk. A
	// data file not among them is measured on disk.
	Files []schema.FileInfo
}

// writesRecordPages reports whether a release of n records gets a page per
// record.
func (o Options) writesRecordPages(n int) bool {
	switch o.Pages {
	case PagesAll:
		return true
	case PagesNone:
		return false
	}
	return n <= PageLimit
}

// Addition returns the site as a release addition, for the release
// assembler to run after the data files (it reads their sizes, sums and
// bordernet.nt's absence or presence) and before the catalogue.
func Addition(opt Options) release.Addition {
	return release.Addition{
		Name: "site",
		Write: func(ctx context.Context, dir string, rel *schema.Release, files []schema.FileInfo) ([]string, error) {
			opt := opt
			opt.Files = files
			return Write(ctx, dir, rel, opt)
		},
	}
}

// Write writes the site of rel into dir, the release folder being
// written, and returns the paths it wrote, slash-separated and relative
// to dir. The same release gives the same bytes.
func Write(ctx context.Context, dir string, rel *schema.Release, opt Options) ([]string, error) {
	info := InfoOf(rel, opt.writesRecordPages(rel.RecordSet().Len()))
	w := &writer{ctx: ctx, dir: dir}
	docs, err := collectDocs(ctx, rel, info.RecordPages)
	if err != nil {
		return nil, err
	}
	labels := labelsOf(rel, docs)
	for _, d := range docs.list {
		if err := w.doc(info, d, labels); err != nil {
			return nil, err
		}
	}
	if err := w.assets(info); err != nil {
		return nil, err
	}
	pic := drawRelations(rel, PictureLimit)
	if err := w.file("relations.svg", func(b *bytes.Buffer) error { return pic.writeSVG(b, true) }); err != nil {
		return nil, err
	}
	land, err := newLanding(dir, rel, info, pic, opt.Files)
	if err != nil {
		return nil, err
	}
	if err := w.file("index.html", land.render); err != nil {
		return nil, err
	}
	slices.Sort(w.written)
	return w.written, nil
}

// writer writes the site's files into dir, remembering their names.
type writer struct {
	ctx     context.Context
	dir     string
	written []string
	buf     bytes.Buffer
}

// file writes the file name (slash-separated) with what fill puts into a
// buffer: pages are small, and a page is either written whole or not.
func (w *writer) file(name string, fill func(*bytes.Buffer) error) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	w.buf.Reset()
	if err := fill(&w.buf); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	path := filepath.Join(w.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := os.WriteFile(path, w.buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	w.written = append(w.written, name)
	return nil
}

// doc writes a resource's page and RDF documents.
func (w *writer) doc(info Info, d Doc, labels Labels) error {
	p, ok := info.DocPath(d.IRI)
	if !ok {
		return fmt.Errorf("%s is not a resource under %s", d.IRI, info.BaseIRI)
	}
	for _, f := range []struct {
		ext   string
		write func(*bytes.Buffer) error
	}{
		{".html", func(b *bytes.Buffer) error { return RenderPage(b, info, d, labels) }},
		{".ttl", func(b *bytes.Buffer) error { return WriteTurtle(b, info, d) }},
		{".nt", func(b *bytes.Buffer) error { return WriteNTriples(b, info, d) }},
		{".jsonld", func(b *bytes.Buffer) error { return WriteJSONLD(b, info, d) }},
	} {
		if err := w.file(p+f.ext, f.write); err != nil {
			return err
		}
	}
	return nil
}

// assets writes the style sheet, the table script and site.json.
func (w *writer) assets(info Info) error {
	for _, name := range []string{"site.css", "table.js"} {
		data, err := assets.ReadFile("assets/" + name)
		if err != nil {
			return err
		}
		if err := w.file(name, func(b *bytes.Buffer) error { _, err := b.Write(data); return err }); err != nil {
			return err
		}
	}
	return w.file(InfoFile, func(b *bytes.Buffer) error { return info.write(b) })
}

// relativeTo returns the prefix that leads from the page at path p
// (slash-separated, relative to the site root) back to the root: "" for
// "index", "../" for "id/frontex".
func relativeTo(p string) string {
	return strings.Repeat("../", strings.Count(p, "/"))
}
