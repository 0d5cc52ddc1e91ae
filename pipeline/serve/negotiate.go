package serve

import (
	"strconv"
	"strings"
)

// A representation a resource can be answered in.
type format struct {
	ext       string // of the document: ".html"
	mediaType string // without parameters: "text/html"
}

// Content types, charset included: every document bordernet writes is
// UTF-8 (N-Triples and JSON-LD always are; saying so costs nothing and
// saves a client the guess).
func (f format) contentType() string { return f.mediaType + "; charset=utf-8" }

// The representations of records and concepts, in the server's order of
// preference, which breaks ties between equal q-values: a browser's
// "*/*;q=0.8" after text/html, curl's "*/*" and a missing Accept header
// all get HTML (the default), a client that names an RDF type gets it.
var (
	formatHTML     = format{".html", "text/html"}
	formatTurtle   = format{".ttl", "text/turtle"}
	formatJSONLD   = format{".jsonld", "application/ld+json"}
	formatNTriples = format{".nt", "application/n-triples"}
)

// docFormats are the representations of records and concepts, in order:
// a function, so that no caller can reorder the server's preference.
func docFormats() []format {
	return []format{formatHTML, formatTurtle, formatJSONLD, formatNTriples}
}

// alias returns the format's media type for a media type clients send
// for one of the formats, or mt itself.
func alias(mt string) string {
	switch mt {
	case "application/xhtml+xml":
		return "text/html"
	case "application/json":
		return "application/ld+json"
	}
	return mt
}

// acceptRange is one entry of an Accept header.
type acceptRange struct {
	typ, sub string  // "*" for a wildcard
	q        float64 // 0 to 1
}

// parseAccept reads an Accept header (RFC 9110, section 12.5.1). Entries
// it cannot read are skipped, as the RFC allows; an empty header accepts
// everything.
func parseAccept(header string) []acceptRange {
	if strings.TrimSpace(header) == "" {
		return []acceptRange{{"*", "*", 1}}
	}
	var out []acceptRange
	for entry := range strings.SplitSeq(header, ",") {
		params := strings.Split(entry, ";")
		mt := strings.ToLower(strings.TrimSpace(params[0]))
		mt = alias(mt)
		typ, sub, ok := strings.Cut(mt, "/")
		if !ok || typ == "" || sub == "" || typ == "*" && sub != "*" {
			continue
		}
		r := acceptRange{typ: typ, sub: sub, q: 1}
		for _, p := range params[1:] {
			k, v, _ := strings.Cut(p, "=")
			if strings.EqualFold(strings.TrimSpace(k), "q") {
				q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil || q < 0 || q > 1 {
					q = 0 // an unreadable weight is not a wish
				}
				r.q = q
			}
		}
		out = append(out, r)
	}
	return out
}

// quality returns the q-value ranges give mediaType: that of the most
// specific range that matches it (type/sub over type/* over */*), or 0.
func quality(ranges []acceptRange, mediaType string) float64 {
	typ, sub, _ := strings.Cut(mediaType, "/")
	best, q := -1, 0.0
	for _, r := range ranges {
		spec := -1
		switch {
		case r.typ == typ && r.sub == sub:
			spec = 2
		case r.typ == typ && r.sub == "*":
			spec = 1
		case r.typ == "*" && r.sub == "*":
			spec = 0
		}
		if spec > best || spec == best && r.q > q {
			best, q = spec, r.q
		}
	}
	if best < 0 {
		return 0
	}
	return q
}

// negotiate picks the offered format the Accept header wants most; ties
// go to the earlier offer. ok is false when the header accepts none.
func negotiate(header string, offers []format) (format, bool) {
	ranges := parseAccept(header)
	var best format
	bestQ := 0.0
	for _, f := range offers {
		if q := quality(ranges, f.mediaType); q > bestQ {
			best, bestQ = f, q
		}
	}
	return best, bestQ > 0
}

// prefersHTML reports whether a client that gets an error should get it
// as a page rather than as JSON: it accepts HTML at least as much as JSON.
func prefersHTML(header string) bool {
	ranges := parseAccept(header)
	h := quality(ranges, "text/html")
	return h > 0 && h >= quality(ranges, "application/ld+json") // application/json is its alias
}
