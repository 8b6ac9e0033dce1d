// Package site holds the static pages of mapline (index.html, embed.html and
// the demo story under data/), the handler that serves a built site, and the
// browser tests that check it in headless Chromium.
package site

import (
	"fmt"
	"html"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"

	"mapline/internal/origin"
)

func init() {
	// Browsers stream-compile wasm only when it is served with this type.
	mime.AddExtensionType(".wasm", "application/wasm")
	mime.AddExtensionType(".geojson", "application/geo+json")
	mime.AddExtensionType(".pmtiles", "application/vnd.pmtiles")
}

// CSP is the Content-Security-Policy of the HTML pages: exactly what they
// need. Scripts only from files of the site ('wasm-unsafe-eval' lets them
// compile the wasm, it allows no eval of JavaScript); style attributes are
// allowed because the pages and the wasm set element styles; data: images,
// fetches of the wasm and the story from the site itself (the studio's
// preview too: its service worker serves it from the site's own origin,
// studio-preview.js); any page may frame the embed. Hosts should send the
// same header (README: Deploying).
//
// A build that lets the embed load stories from other origins (make build
// DATA_ORIGINS="…") lists them in its embed.html (see DataOriginsMeta), and
// the page's connect-src must name them too: that is CSPFor(origins).
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors *; base-uri 'none'; form-action 'none'"

// DataOriginsMeta is the name of the <meta> of embed.html whose content lists,
// separated by spaces, the origins other than its own that the embed may load
// a story from (data=URL). cmd/dist writes it; the wasm reads it; without it
// stories load only from the embed's own origin.
const DataOriginsMeta = "mapline-data-origins"

// CSPFor is CSP with origins (from ParseOrigins) added to connect-src.
func CSPFor(origins []string) string {
	if len(origins) == 0 {
		return CSP
	}
	return strings.Replace(CSP, "connect-src 'self'", "connect-src 'self' "+strings.Join(origins, " "), 1)
}

// ParseOrigins reads a list of origins separated by spaces or commas:
// "https://data.example.org http://localhost:9000". Each must be an http(s)
// scheme and a host with an optional port, nothing else; they come back in
// the form browsers compare (lower case, no default port, no trailing
// slash), without duplicates. The wasm reads the list cmd/dist writes by
// the same rules (internal/origin).
func ParseOrigins(list string) ([]string, error) {
	out, bad := origin.ParseList(list)
	if len(bad) > 0 {
		return nil, fmt.Errorf("%q is not an origin: write it as https://host or https://host:port, without a path", bad[0])
	}
	return out, nil
}

// metaOrigins matches the DataOriginsMeta element in the form cmd/dist writes.
var metaOrigins = regexp.MustCompile(`<meta name="` + DataOriginsMeta + `" content="([^"]*)">`)

// PageDataOrigins is the list of origins of a page's DataOriginsMeta, nil when
// it has none or the list cannot be read.
func PageDataOrigins(page []byte) []string {
	m := metaOrigins.FindSubmatch(page)
	if m == nil {
		return nil
	}
	o, err := ParseOrigins(html.UnescapeString(string(m[1])))
	if err != nil {
		return nil
	}
	return o
}

// Cache-Control values: content-hashed files never change under their name;
// everything else (the pages, data/) is revalidated on every use.
const (
	CacheImmutable  = "public, max-age=31536000, immutable"
	CacheRevalidate = "no-cache"
)

// hashedName is the form cmd/dist gives the wasm, the scripts and the styles:
// name.<first 10 hex digits of the SHA-256>.ext.
var hashedName = regexp.MustCompile(`\.[0-9a-f]{10}\.(?:wasm|js|css|bin|pmtiles)$`)

// ContentHashed reports whether the file name carries its content's hash
// (see cmd/dist), so that it can be cached as immutable.
func ContentHashed(name string) bool { return hashedName.MatchString(path.Base(name)) }

// precompressed lists the siblings the handler serves, in the order
// it prefers them at equal q-values.
var precompressed = []struct{ coding, suffix string }{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// Handler serves the built site in dir (see make build): GET and HEAD only,
// no directory listings, no dot files, nothing outside dir. HTML pages get
// the Content-Security-Policy CSPFor the data origins the page lists (see
// DataOriginsMeta). A file with a
// name.br or name.gz sibling is served from the sibling, with
// Content-Encoding, when the request's Accept-Encoding allows it. It answers
// oEmbed at OEmbedPath, with URLs built from the request (see Options).
func Handler(dir string) http.Handler {
	h, _ := NewHandler(dir, Options{}) // no Base: nothing to refuse
	return h
}

// NewHandler is Handler with options; its error is for an Options.Base that
// is not an http(s) address.
func NewHandler(dir string, o Options) (http.Handler, error) {
	oe, err := newOEmbed(dir, o)
	if err != nil {
		return nil, err
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", CacheRevalidate)
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := r.URL.Path
		name, code := siteName(p)
		if code == http.StatusBadRequest {
			http.Error(w, "invalid URL path", http.StatusBadRequest)
			return
		}
		if p == OEmbedPath {
			oe.serve(w, r)
			return
		}
		if code != 0 {
			http.NotFound(w, r)
			return
		}
		f, fi, err := openInDir(dir, name)
		if err == nil && fi.IsDir() {
			f.Close()
			if !strings.HasSuffix(p, "/") {
				// Relative pages need the slash; redirect like http.FileServer.
				target := path.Base(p) + "/"
				if r.URL.RawQuery != "" {
					target += "?" + r.URL.RawQuery
				}
				http.Redirect(w, r, target, http.StatusMovedPermanently)
				return
			}
			name = path.Join(name, "index.html")
			f, fi, err = openInDir(dir, name)
		}
		if err != nil || !fi.Mode().IsRegular() {
			if f != nil {
				f.Close()
			}
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		serveFile(w, r, dir, name, f, fi)
	}), nil
}

// siteName is the name under the site's directory of the URL path p (as the
// server decodes it), or a status for a path that is not served: 400 for
// what no browser sends ("..", a backslash, NUL, no leading slash), 404 for
// a dot file or a file in a dot folder. The file server and oEmbed follow
// it, and open names with openInDir.
func siteName(p string) (string, int) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") || hasDotDot(p) {
		return "", http.StatusBadRequest
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if name == "" {
		name = "."
	}
	for _, seg := range strings.Split(name, "/") {
		if seg != "." && strings.HasPrefix(seg, ".") {
			return "", http.StatusNotFound
		}
	}
	return name, 0
}

func serveFile(w http.ResponseWriter, r *http.Request, dir, name string, f *os.File, fi fs.FileInfo) {
	h := w.Header()
	if tooManyRanges(r.Header.Get("Range")) {
		r = r.Clone(r.Context())
		r.Header.Del("Range")
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype != "" {
		h.Set("Content-Type", ctype)
	}
	if ContentHashed(name) {
		h.Set("Cache-Control", CacheImmutable)
	}
	if strings.HasPrefix(ctype, "text/html") {
		h.Set("Content-Security-Policy", CSPFor(pageOrigins(f)))
	}

	// Which precompressed siblings exist, and which the client takes.
	var have []string
	siblings := map[string]*os.File{}
	sizes := map[string]int64{}
	for _, e := range precompressed {
		sf, sfi, err := openInDir(dir, name+e.suffix)
		if err != nil {
			continue
		}
		if !sfi.Mode().IsRegular() {
			sf.Close()
			continue
		}
		defer sf.Close()
		have = append(have, e.coding)
		siblings[e.coding] = sf
		sizes[e.coding] = sfi.Size()
	}
	if len(have) == 0 {
		http.ServeContent(w, r, name, fi.ModTime(), f)
		return
	}
	h.Add("Vary", "Accept-Encoding")
	coding := negotiateEncoding(r.Header.Get("Accept-Encoding"), have)
	if coding == "" {
		http.ServeContent(w, r, name, fi.ModTime(), f)
		return
	}
	if ctype == "" {
		h.Set("Content-Type", "application/octet-stream") // never sniff encoded bytes
	}
	h.Set("Content-Encoding", coding)
	// ServeContent leaves Content-Length to the caller once Content-Encoding is set.
	h.Set("Content-Length", strconv.FormatInt(sizes[coding], 10))
	// Byte ranges of an encoded response are not offered: the whole sibling
	// is sent, with a 200, whatever Range asks for.
	r2 := r.Clone(r.Context())
	r2.Header.Del("Range")
	r2.Header.Del("If-Range")
	http.ServeContent(noRanges{w}, r2, name, fi.ModTime(), siblings[coding])
}

// maxPageScan is how much of an HTML page pageOrigins reads for the meta.
const maxPageScan = 64 << 10

// pageOrigins reads the DataOriginsMeta of the HTML page f, and rewinds f.
func pageOrigins(f *os.File) []string {
	head, _ := io.ReadAll(io.LimitReader(f, maxPageScan))
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil
	}
	return PageDataOrigins(head)
}

// MaxRanges is how many byte ranges a request may ask for. With more, the
// Range header is ignored and the whole file is sent with a 200, as nginx
// does past its max_ranges (Apache's MaxRanges does the same): thousands of
// one-byte ranges would otherwise make a multipart answer many times the
// file's size. Readers of the site ask for one range at a time (PMTiles,
// media); 16 leaves room for any client that batches a few.
const MaxRanges = 16

// tooManyRanges reports whether the Range header asks for more than
// MaxRanges ranges (empty parts between commas do not count, as
// http.ServeContent skips them).
func tooManyRanges(h string) bool {
	n := 0
	for part := range strings.SplitSeq(h, ",") {
		if strings.TrimSpace(part) != "" {
			n++
		}
	}
	return n > MaxRanges
}

// noRanges replaces the "Accept-Ranges: bytes" of http.ServeContent with
// "none" on encoded responses.
type noRanges struct{ http.ResponseWriter }

func (w noRanges) WriteHeader(code int) {
	if w.Header().Get("Content-Encoding") != "" {
		w.Header().Set("Accept-Ranges", "none")
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w noRanges) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// openInDir opens name inside dir; symbolic links may not lead out of dir.
func openInDir(dir, name string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenInRoot(dir, name)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}

func hasDotDot(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return true
		}
	}
	return false
}

// negotiateEncoding picks the content coding to send from the ones available (in
// order of preference), following the Accept-Encoding header: the highest
// q-value wins, ties go to the earlier coding, q=0 refuses; identity, the
// fallback, wins only when the header ranks it above the others. It returns
// "" for identity.
func negotiateEncoding(header string, available []string) string {
	if strings.TrimSpace(header) == "" {
		return ""
	}
	qs := map[string]float64{}
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding == "" {
			continue
		}
		q := 1.0
		for _, param := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(param, "=")
			if !ok || !strings.EqualFold(strings.TrimSpace(k), "q") {
				continue
			}
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || f < 0 || f > 1 {
				f = 0 // a q-value we cannot read accepts nothing
			}
			q = f
		}
		if coding == "x-gzip" {
			coding = "gzip"
		}
		if old, ok := qs[coding]; !ok || q > old {
			qs[coding] = q
		}
	}
	qOf := func(coding string) (float64, bool) {
		if q, ok := qs[coding]; ok {
			return q, true
		}
		q, ok := qs["*"]
		return q, ok
	}
	best, bestQ := "", 0.0
	for _, c := range available {
		if q, ok := qOf(c); ok && q > bestQ {
			best, bestQ = c, q
		}
	}
	if best == "" {
		return ""
	}
	if q, ok := qs["identity"]; ok && q > bestQ {
		return ""
	}
	return best
}
