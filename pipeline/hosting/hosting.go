// Package hosting owns the rewrite rules that make a release folder on a
// static web host answer as bordernet serve does (see pipeline/serve):
// an .htaccess for Apache httpd, as w3id.org uses, and a snippet for
// nginx. Write, a release addition, puts both into every release.
//
// The host serves the release folder as the web root of the base IRI's
// path (or of the path w3id.org redirects the base IRI to). A record or
// concept IRI (id/ID, vocab/SCHEME, vocab/SCHEME/VALUE) is answered 303
// See Other to its .html, .ttl, .nt or .jsonld document by the Accept
// header; /catalog and /dataset to the landing page or catalog.ttl and
// catalog.jsonld. Unlike serve, the rules cannot weigh q-values: they
// look for the types by name, HTML first (a browser names text/html),
// then Turtle, JSON-LD, N-Triples, then the wildcards; a header naming
// none of them gets 406. A resource the release has no page for gets 404,
// so a release without per-record files (more than site.PageLimit records)
// needs bordernet serve behind the web server instead.
package hosting

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/bordernet/bordernet/schema"
)

// The files Write adds to a release.
const (
	HtaccessFile = ".htaccess"
	NginxFile    = "nginx.conf"
)

// csp is the Content-Security-Policy the rules send, as serve does.
const csp = "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// Write writes the release's .htaccess and nginx.conf into dir, the
// release folder being written. It has the signature of a
// release.Addition's Write.
func Write(ctx context.Context, dir string, rel *schema.Release, _ []schema.FileInfo) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for name, text := range map[string]string{HtaccessFile: Htaccess(rel), NginxFile: Nginx(rel)} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return nil, fmt.Errorf("writing %s: %w", name, err)
		}
	}
	return []string{HtaccessFile, NginxFile}, nil
}

// header is the opening comment of both files.
func header(rel *schema.Release, what string) string {
	return fmt.Sprintf(`# %s for the bordernet release %s (%s): the record and
# vocabulary IRIs under %s answer by content negotiation,
# as "bordernet serve" does. Written by bordernet release; see README.md,
# "Publishing on the web".
`, what, rel.Version, rel.Date, rel.Meta.BaseIRI)
}

// Htaccess returns the .htaccess of rel (mod_rewrite, mod_headers,
// mod_mime). It works at the web root or below it: redirects are made
// from the request's own path.
func Htaccess(rel *schema.Release) string {
	var b strings.Builder
	b.WriteString(header(rel, "Apache httpd rules (.htaccess)"))
	b.WriteString(`#
# Put this folder where the host serves the base IRI's path, with
# AllowOverride FileInfo Indexes Options (or copy these lines into the
# <Directory> block). Needs mod_rewrite, mod_headers and mod_mime.

Options -MultiViews -Indexes
DirectoryIndex index.html

AddType text/turtle .ttl
AddType application/n-triples .nt
AddType application/ld+json .jsonld
AddType text/csv .csv
AddType text/tab-separated-values .tsv
AddType image/svg+xml .svg
AddCharset utf-8 .html .ttl .nt .jsonld .json .csv .tsv .svg .css .js .conf
<Files "SHA256SUMS">
	ForceType "text/plain; charset=utf-8"
</Files>

<IfModule mod_headers.c>
	Header always set Content-Security-Policy "` + csp + `"
	Header always set X-Content-Type-Options "nosniff"
	Header always set Referrer-Policy "no-referrer"
</IfModule>

RewriteEngine On

# Dot files (this one) are not published.
RewriteRule (^|/)\. - [R=404,L]

# A record or concept: BN_DOC is its path, for the Link header below;
# BN_NEG marks the answers that depend on the Accept header.
RewriteRule ^((id|vocab)/[^./]+(/[^./]+)?)$ - [E=BN_DOC:%{REQUEST_URI},E=BN_NEG:1]
RewriteRule ^(catalog|dataset)$ - [E=BN_NEG:1]
`)
	// The rules in order of preference: the first match redirects.
	for _, r := range []struct{ cond, ext string }{
		{`^$`, ".html"},
		{`(^|,)\s*(text/html|application/xhtml\+xml)`, ".html"},
		{`(^|,)\s*text/turtle`, ".ttl"},
		{`(^|,)\s*application/(ld\+)?json`, ".jsonld"},
		{`(^|,)\s*application/n-triples`, ".nt"},
		{`(^|,)\s*(\*/\*|text/\*)`, ".html"},
		{`(^|,)\s*application/\*`, ".jsonld"},
	} {
		fmt.Fprintf(&b, `
RewriteCond %%{ENV:BN_DOC} .
RewriteCond %%{REQUEST_FILENAME}.html -f
RewriteCond %%{HTTP_ACCEPT} "%s" [NC]
RewriteRule ^ %%{REQUEST_URI}%s [R=303,L]
`, r.cond, r.ext)
	}
	b.WriteString(`
# A resource the release has, in no type the client takes: 406.
RewriteCond %{ENV:BN_DOC} .
RewriteCond %{REQUEST_FILENAME}.html -f
RewriteRule ^ - [R=406,L]

# The catalogue and the dataset: the landing page or the catalogue files.
RewriteCond %{HTTP_ACCEPT} "(^|,)\s*text/turtle" [NC]
RewriteCond %{REQUEST_URI} ^(.*/)(catalog|dataset)$
RewriteRule ^(catalog|dataset)$ %1catalog.ttl [R=303,L]
RewriteCond %{HTTP_ACCEPT} "(^|,)\s*application/(ld\+)?json" [NC]
RewriteCond %{HTTP_ACCEPT} !(^|,)\s*(text/html|application/xhtml\+xml) [NC]
RewriteCond %{REQUEST_URI} ^(.*/)(catalog|dataset)$
RewriteRule ^(catalog|dataset)$ %1catalog.jsonld [R=303,L]
RewriteCond %{REQUEST_URI} ^(.*/)(catalog|dataset)$
RewriteRule ^(catalog|dataset)$ %1 [R=303,L]

<IfModule mod_headers.c>
	Header always merge Vary Accept env=BN_NEG
	Header always set Link "<%{BN_DOC}e.html>; rel=\"alternate\"; type=\"text/html\", <%{BN_DOC}e.ttl>; rel=\"alternate\"; type=\"text/turtle\", <%{BN_DOC}e.jsonld>; rel=\"alternate\"; type=\"application/ld+json\", <%{BN_DOC}e.nt>; rel=\"alternate\"; type=\"application/n-triples\"" env=BN_DOC
</IfModule>
`)
	return b.String()
}

// Nginx returns the nginx snippet of rel: to be included in the server
// block whose root is the release folder.
func Nginx(rel *schema.Release) string {
	var b strings.Builder
	b.WriteString(header(rel, "nginx rules"))
	b.WriteString(`#
# Include it in the server {} block that serves this folder as its root:
#
#     server {
#         listen 443 ssl;
#         server_name bordernet.example.org;
#         root /srv/bordernet/latest;
#         include /srv/bordernet/latest/nginx.conf;
#     }

index index.html;
autoindex off;
charset utf-8;
charset_types text/html text/css text/csv text/plain text/turtle text/tab-separated-values text/javascript application/javascript application/n-triples application/ld+json application/json image/svg+xml;
types {
    text/html html;
    text/css css;
    text/javascript js;
    text/csv csv;
    text/tab-separated-values tsv;
    text/plain conf txt;
    text/turtle ttl;
    application/n-triples nt;
    application/ld+json jsonld;
    application/json json;
    image/svg+xml svg;
    image/png png;
    application/vnd.openxmlformats-officedocument.spreadsheetml.sheet xlsx;
}
add_header Content-Security-Policy "` + csp + `" always;
add_header X-Content-Type-Options nosniff always;
add_header Referrer-Policy no-referrer always;

# Dot files (the .htaccess) are not published.
location ~ /\. {
    return 404;
}

location = /SHA256SUMS {
    default_type "text/plain; charset=utf-8";
}

# Records and concepts: 303 to the document the Accept header names.
# Each "if" that matches overrides those before it, so the last is the
# most preferred.
location ~ "^(?<bn_doc>/(id|vocab)/[^./]+(/[^./]+)?)$" {
    set $bn_ext "";
    if ($http_accept ~* "(^|,)\s*application/\*") { set $bn_ext .jsonld; }
    if ($http_accept ~* "(^|,)\s*(\*/\*|text/\*)") { set $bn_ext .html; }
    if ($http_accept ~* "(^|,)\s*application/n-triples") { set $bn_ext .nt; }
    if ($http_accept ~* "(^|,)\s*application/(ld\+)?json") { set $bn_ext .jsonld; }
    if ($http_accept ~* "(^|,)\s*text/turtle") { set $bn_ext .ttl; }
    if ($http_accept ~* "(^|,)\s*(text/html|application/xhtml\+xml)") { set $bn_ext .html; }
    if ($http_accept = "") { set $bn_ext .html; }
    if (!-f $document_root$bn_doc.html) { set $bn_ext 404; }
    add_header Vary Accept always;
    add_header Link "<$bn_doc.html>; rel=\"alternate\"; type=\"text/html\", <$bn_doc.ttl>; rel=\"alternate\"; type=\"text/turtle\", <$bn_doc.jsonld>; rel=\"alternate\"; type=\"application/ld+json\", <$bn_doc.nt>; rel=\"alternate\"; type=\"application/n-triples\"" always;
    add_header Content-Security-Policy "` + csp + `" always;
    add_header X-Content-Type-Options nosniff always;
    add_header Referrer-Policy no-referrer always;
    if ($bn_ext = 404) { return 404; }
    if ($bn_ext = "") { return 406; }
    return 303 $bn_doc$bn_ext;
}

# The catalogue and the dataset: the landing page or the catalogue files.
location ~ "^/(catalog|dataset)$" {
    set $bn_target /;
    if ($http_accept ~* "(^|,)\s*application/(ld\+)?json") { set $bn_target /catalog.jsonld; }
    if ($http_accept ~* "(^|,)\s*text/turtle") { set $bn_target /catalog.ttl; }
    if ($http_accept ~* "(^|,)\s*(text/html|application/xhtml\+xml)") { set $bn_target /; }
    add_header Vary Accept always;
    add_header Content-Security-Policy "` + csp + `" always;
    add_header X-Content-Type-Options nosniff always;
    add_header Referrer-Policy no-referrer always;
    return 303 $bn_target;
}
`)
	return b.String()
}
