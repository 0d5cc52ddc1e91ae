// Package serve answers a published release over HTTP the way its IRIs
// are meant to answer: BASE/id/ID and the vocabulary's concepts in HTML
// for people and in Turtle, N-Triples or JSON-LD for programs, by content
// negotiation; the landing page, the downloads and the catalogue as
// files. New is the entry point (a handler for one release folder);
// NewServer and Run put it on a listener with timeouts and a graceful
// shutdown.
//
// Negotiation answers 303 See Other: GET /id/frontex with Accept:
// text/turtle is sent to /id/frontex.ttl, the document about the body
// (the IRI names the body itself, not a document: the httpRange-14
// answer), with Vary: Accept and a Link header to every alternate. The
// same rules work on a static host (see pipeline/hosting), so a release
// behaves the same behind Apache, nginx or bordernet serve. The preferred
// type is the one with the highest q-value; ties, "*/*", a browser's
// Accept and no Accept at all get HTML. A type the resource does not have
// gets 406 with the list of those it has; an unknown resource gets 404,
// as a page or as JSON by the Accept header.
//
// Documents come from the release's files when it holds them (a release
// of up to site.PageLimit records has a page and three RDF documents per
// record). A larger release has none: its documents are made on request
// from the record's lines in the sorted bordernet.nt and the relations
// pointing at it in inbound.tsv, both found by binary search
// (pipeline/lookup), and rendered with pipeline/site's renderers, so the
// server starts at once and its memory does not grow with the release.
//
// Every file is opened through an os.Root: no path, encoded or not, and
// no symbolic link leaves the release folder. Dot files (.htaccess) and
// folder listings are not served.
package serve

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/bordernet/bordernet/pipeline/lookup"
	"github.com/bordernet/bordernet/pipeline/site"
	"github.com/bordernet/bordernet/schema"
)

// ContentSecurityPolicy is sent with every response: the site's pages use
// their own style sheet and script only, and nothing else may load.
const ContentSecurityPolicy = "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// downloadTimeout is how long a file of the release may take to send,
// beyond the server's write timeout: a release's N-Triples may be
// gigabytes.
const downloadTimeout = time.Hour

// Options tune a Handler.
type Options struct {
	// ErrorLog receives what the handler cannot tell a client: a damaged
	// release file. nil discards it.
	ErrorLog *log.Logger
}

// Handler serves one release folder. It is safe for concurrent use.
type Handler struct {
	root *os.Root
	rel  *lookup.Release
	info site.Info
	sums map[string]string // SHA256SUMS: file name to hex SHA-256
	log  *log.Logger
}

// New opens the release folder dir (a folder written by bordernet
// release, or the latest link to one) for serving. It reads the
// catalogue, site.json and SHA256SUMS, and nothing of the graph.
func New(dir string, opt Options) (*Handler, error) {
	// The release is pinned at start: a new release published to the
	// latest link meanwhile is served after a restart, never half of
	// one and half of the other.
	if resolved, err := filepath.EvalSymlinks(dir); err == nil {
		dir = resolved
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("opening the release %s: %w", dir, err)
	}
	h := &Handler{root: root, log: opt.ErrorLog}
	if h.log == nil {
		h.log = log.New(io.Discard, "", 0)
	}
	if h.rel, err = lookup.Open(dir); err != nil {
		root.Close()
		return nil, err
	}
	if err := h.readInfo(dir); err != nil {
		h.Close()
		return nil, err
	}
	if err := h.readSums(dir); err != nil {
		h.Close()
		return nil, err
	}
	return h, nil
}

// readInfo reads site.json, or makes do with the base IRI for a release
// published without a site.
func (h *Handler) readInfo(dir string) error {
	data, err := h.root.ReadFile(site.InfoFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		h.info = site.Info{BaseIRI: h.rel.Base(), Title: h.rel.Base()}
		return nil
	case err != nil:
		return fmt.Errorf("opening the release %s: %w", dir, err)
	}
	if h.info, err = site.ParseInfo(data); err != nil {
		return fmt.Errorf("%s/%s: %w", dir, site.InfoFile, err)
	}
	if h.info.BaseIRI != h.rel.Base() {
		return fmt.Errorf("%s/%s: base_iri %s is not the catalogue's %s", dir, site.InfoFile, h.info.BaseIRI, h.rel.Base())
	}
	return nil
}

// readSums reads SHA256SUMS, whose sums are the files' ETags.
func (h *Handler) readSums(dir string) error {
	h.sums = map[string]string{}
	f, err := h.root.Open(schema.ChecksumFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("opening the release %s: %w", dir, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok || len(sum) != 64 {
			return fmt.Errorf("%s/SHA256SUMS:%d: not \"SHA256  NAME\"", dir, line)
		}
		h.sums[name] = sum
	}
	return sc.Err()
}

// Close closes the release's files.
func (h *Handler) Close() error {
	var errs []error
	if h.rel != nil {
		errs = append(errs, h.rel.Close())
	}
	return errors.Join(append(errs, h.root.Close())...)
}

// Info returns what the release's site.json says (or the base IRI alone).
func (h *Handler) Info() site.Info { return h.info }

// ServeHTTP answers one request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Content-Security-Policy", ContentSecurityPolicy)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "no-referrer")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hdr.Set("Allow", "GET, HEAD")
		h.plain(w, http.StatusMethodNotAllowed, "405 method not allowed: only GET and HEAD\n")
		return
	}
	p, ok := cleanPath(r.URL.Path)
	switch {
	case !ok:
		h.notFound(w, r)
	case p == "":
		h.file(w, r, "index.html")
	case p == "favicon.ico" && !h.hasFile(p):
		// Browsers ask for an icon the site does not have; an empty
		// answer keeps a 404 out of every visitor's console.
		w.WriteHeader(http.StatusNoContent)
	case p == "catalog" || p == "dataset":
		h.catalog(w, r, p)
	default:
		if rp, f, ok := documentOf(p); ok {
			h.document(w, r, rp, f)
		} else if isResource(p) {
			h.resource(w, r, p)
		} else {
			h.file(w, r, p)
		}
	}
}

// cleanPath turns a request path into a path inside the release ("" for
// the root), or false for any path that is not plainly one: "." and ".."
// segments (encoded or not: the path is decoded by now), empty segments,
// backslashes, NUL, dot files, and folders.
func cleanPath(urlPath string) (string, bool) {
	p, ok := strings.CutPrefix(urlPath, "/")
	if !ok || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	if p == "" {
		return "", true
	}
	for seg := range strings.SplitSeq(p, "/") {
		if seg == "" || strings.HasPrefix(seg, ".") {
			return "", false
		}
	}
	return p, true
}

// isResource reports whether p names a record or a concept (id/frontex,
// vocab/kind/agency, vocab/kind) rather than a file.
func isResource(p string) bool {
	return (strings.HasPrefix(p, "id/") || strings.HasPrefix(p, "vocab/")) &&
		!strings.Contains(p[strings.LastIndexByte(p, '/')+1:], ".")
}

// documentOf splits a document path (id/frontex.ttl) into the resource
// path and the format.
func documentOf(p string) (string, format, bool) {
	for _, f := range docFormats() {
		if rp, ok := strings.CutSuffix(p, f.ext); ok && isResource(rp) {
			return rp, f, true
		}
	}
	return "", format{}, false
}

// alternates returns the Link header value naming the documents target
// gives for each offer.
func alternates(offers []format, target func(format) string) string {
	var links []string
	for _, f := range offers {
		links = append(links, fmt.Sprintf(`<%s>; rel="alternate"; type="%s"`, target(f), f.mediaType))
	}
	return strings.Join(links, ", ")
}

// resource answers a record or concept IRI: 303 to the document the
// client wants.
func (h *Handler) resource(w http.ResponseWriter, r *http.Request, p string) {
	if !h.exists(p) {
		w.Header().Set("Vary", "Accept")
		h.notFound(w, r)
		return
	}
	h.redirectByAccept(w, r, p, docFormats(), func(f format) string { return "/" + p + f.ext })
}

// redirectByAccept answers 303 to the target of the offer the Accept
// header prefers, or 406; either way with Vary and the alternates in Link.
func (h *Handler) redirectByAccept(w http.ResponseWriter, r *http.Request, p string, offers []format, target func(format) string) {
	w.Header().Set("Vary", "Accept")
	w.Header().Set("Link", alternates(offers, target))
	f, ok := negotiate(r.Header.Get("Accept"), offers)
	if !ok {
		h.notAcceptable(w, "/"+p, offers)
		return
	}
	h.seeOther(w, target(f))
}

// hasFile reports whether the release has the regular file p.
func (h *Handler) hasFile(p string) bool {
	st, err := h.root.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// exists reports whether the release describes the resource at p.
func (h *Handler) exists(p string) bool {
	if h.hasFile(p + ".html") {
		return true
	}
	has, err := h.rel.Has(h.info.BaseIRI + p)
	if err != nil {
		h.log.Printf("looking up %s: %v", p, err)
	}
	return has
}

// catalog answers the catalogue's and the dataset's IRIs: the landing
// page for people, the catalogue files for programs.
func (h *Handler) catalog(w http.ResponseWriter, r *http.Request, p string) {
	h.redirectByAccept(w, r, p, []format{formatHTML, formatTurtle, formatJSONLD}, func(f format) string {
		if f == formatHTML {
			return "/"
		}
		return "/catalog" + f.ext
	})
}

func (h *Handler) seeOther(w http.ResponseWriter, location string) {
	w.Header().Set("Location", location)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusSeeOther)
	io.WriteString(w, "303 see other: "+location+"\n")
}

// document answers a resource's document: the release's file, or one
// made from the release's sorted N-Triples.
func (h *Handler) document(w http.ResponseWriter, r *http.Request, p string, f format) {
	target := func(f format) string { return "/" + p + f.ext }
	if h.hasFile(p + f.ext) {
		w.Header().Set("Link", alternates(docFormats(), target))
		h.file(w, r, p+f.ext)
		return
	}
	iri := h.info.BaseIRI + p
	triples, err := h.rel.Subject(iri)
	if err != nil {
		h.failed(w, fmt.Errorf("reading %s: %w", p, err))
		return
	}
	if len(triples) == 0 {
		h.notFound(w, r)
		return
	}
	d := site.Doc{IRI: iri, Triples: triples}
	var buf bytes.Buffer
	switch f {
	case formatHTML:
		if d.Inbound, err = h.rel.Inbound(iri); err == nil {
			err = site.RenderPage(&buf, h.info, d, h.label)
		}
	case formatTurtle:
		err = site.WriteTurtle(&buf, h.info, d)
	case formatNTriples:
		err = site.WriteNTriples(&buf, h.info, d)
	case formatJSONLD:
		err = site.WriteJSONLD(&buf, h.info, d)
	}
	if err != nil {
		h.failed(w, fmt.Errorf("rendering %s%s: %w", p, f.ext, err))
		return
	}
	sum := sha256.Sum256(buf.Bytes())
	hdr := w.Header()
	hdr.Set("Link", alternates(docFormats(), target))
	hdr.Set("Content-Type", f.contentType())
	hdr.Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(buf.Bytes()))
}

// label names a resource a page links to.
func (h *Handler) label(iri string) string {
	l, err := h.rel.Label(iri)
	if err != nil {
		h.log.Printf("labelling %s: %v", iri, err)
	}
	return l
}

// file serves the release's file p (slash-separated), with Range,
// conditional requests and HEAD (http.ServeContent). Its ETag is its
// SHA-256 from SHA256SUMS: a release never changes.
func (h *Handler) file(w http.ResponseWriter, r *http.Request, p string) {
	f, err := h.root.Open(p)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			// A symbolic link out of the release, a permission: the
			// client learns only that there is no such file.
			h.log.Printf("opening %s: %v", p, err)
		}
		h.notFound(w, r)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		h.notFound(w, r) // folders are not listed
		return
	}
	hdr := w.Header()
	hdr.Set("Content-Type", contentTypeOf(p))
	if sum, ok := h.sums[p]; ok {
		hdr.Set("ETag", `"`+sum[:32]+`"`)
	} else {
		hdr.Set("ETag", fmt.Sprintf(`W/"%x-%x"`, st.Size(), st.ModTime().UnixNano()))
	}
	if st.Size() > 1<<20 {
		// Errors only mean the writer has no deadline to move.
		_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(downloadTimeout))
	}
	http.ServeContent(w, r, p, st.ModTime(), f)
}

// contentTypeOf returns the media type of a release file by its name:
// a fixed table, not the system's MIME database, so every machine answers
// the same.
func contentTypeOf(name string) string {
	ext := name[strings.LastIndexByte(name, '.')+1:]
	if strings.HasSuffix(name, ".csv-metadata.json") {
		return "application/csvm+json; charset=utf-8"
	}
	switch ext {
	case "html":
		return "text/html; charset=utf-8"
	case "ttl":
		return formatTurtle.contentType()
	case "nt":
		return formatNTriples.contentType()
	case "jsonld":
		return formatJSONLD.contentType()
	case "json":
		return "application/json; charset=utf-8"
	case "csv":
		return "text/csv; charset=utf-8; header=present"
	case "tsv":
		return "text/tab-separated-values; charset=utf-8"
	case "xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case "svg":
		return "image/svg+xml; charset=utf-8"
	case "css":
		return "text/css; charset=utf-8"
	case "js":
		return "text/javascript; charset=utf-8"
	case "png":
		return "image/png"
	case "txt", "SHA256SUMS", "conf":
		return "text/plain; charset=utf-8"
	}
	return "application/octet-stream"
}

// notFound answers 404, as a page for a client that prefers HTML and as
// JSON for one that does not.
func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	h.problem(w, r, http.StatusNotFound, "Not found", "Nothing in this release answers "+r.URL.Path+".")
}

func (h *Handler) failed(w http.ResponseWriter, err error) {
	h.log.Print(err)
	h.plain(w, http.StatusInternalServerError, "500 the release could not be read; the server's log says why\n")
}

// problem answers an error status as a page or as JSON.
func (h *Handler) problem(w http.ResponseWriter, r *http.Request, status int, title, detail string) {
	hdr := w.Header()
	hdr.Set("Vary", "Accept")
	hdr.Del("ETag")
	hdr.Del("Link")
	if prefersHTML(r.Header.Get("Accept")) {
		hdr.Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		lang := h.info.Language
		if lang == "" {
			lang = "en"
		}
		fmt.Fprintf(w, `<!DOCTYPE html>
<html lang="%s">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s</title>
<link rel="stylesheet" href="/site.css">
</head>
<body>
<main id="main">
<h1>%s</h1>
<p>%s</p>
<p><a href="/">All records and downloads</a></p>
</main>
</body>
</html>
`, html.EscapeString(lang), html.EscapeString(title), html.EscapeString(title), html.EscapeString(detail))
		return
	}
	hdr.Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(struct {
		Status int    `json:"status"`
		Title  string `json:"title"`
		Detail string `json:"detail"`
	}{status, title, detail})
}

// notAcceptable answers 406 with the types the resource has.
func (h *Handler) notAcceptable(w http.ResponseWriter, p string, offers []format) {
	var b strings.Builder
	fmt.Fprintf(&b, "406 not acceptable: %s is available as\n", p)
	for _, f := range offers {
		fmt.Fprintf(&b, "%s\n", f.mediaType)
	}
	h.plain(w, http.StatusNotAcceptable, b.String())
}

func (h *Handler) plain(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	io.WriteString(w, body)
}
