package site

// Tests of Handler on the host (httptest, a small site in a temp dir), and
// one browser test: the pages of dist/ run under CSP without a violation.

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// serveFixture writes a small built site: pages, a hashed script and wasm
// with both siblings, a story with only a .gz sibling, files without
// siblings, a dot file, and a secret next to (outside) the site with a
// symbolic link to it. It returns the site's directory and its files.
func serveFixture(t *testing.T) (string, map[string][]byte) {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "site")
	wasm := make([]byte, 5000)
	copy(wasm, "\x00asm\x01\x00\x00\x00")
	for i := 8; i < len(wasm); i++ {
		wasm[i] = byte(i % 7)
	}
	files := map[string][]byte{
		"index.html":                 []byte(strings.Repeat("<p>An article with the map.</p>\n", 20)),
		"embed.html":                 []byte(strings.Repeat("<p>The map.</p>\n", 20)),
		"embed.0123456789.js":        []byte(strings.Repeat("console.log('mapline');\n", 20)),
		"mapline.abcdef0123.wasm":    wasm,
		"data/story.geojson":         []byte(`{"type":"FeatureCollection","features":[` + strings.Repeat(`{"type":"Feature"},`, 30) + `{}]}`),
		"plain.js":                   []byte("var unhashed = true;\n"),
		"notes.txt":                  []byte("no siblings"),
		".hidden":                    []byte("a dot file"),
		"data/.git/config":           []byte("a dot directory"),
		"embed.0123456789.js.br":     nil, // filled in below
		"embed.0123456789.js.gz":     nil,
		"mapline.abcdef0123.wasm.br": nil,
		"mapline.abcdef0123.wasm.gz": nil,
		"index.html.br":              nil,
		"index.html.gz":              nil,
		"embed.html.br":              nil,
		"embed.html.gz":              nil,
		"data/story.geojson.gz":      nil,
	}
	for name, data := range files {
		switch {
		case strings.HasSuffix(name, ".br"):
			files[name] = brotliBytes(t, files[strings.TrimSuffix(name, ".br")])
		case strings.HasSuffix(name, ".gz"):
			files[name] = gzipBytes(t, files[strings.TrimSuffix(name, ".gz")])
		default:
			files[name] = data
		}
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "secret.txt"), []byte("SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "secret.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	return dir, files
}

func brotliBytes(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := brotli.NewWriterLevel(&b, brotli.BestCompression)
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gzipBytes(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// serveGet runs one request through h.
func serveGet(h http.Handler, method, target string, header map[string]string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, "http://mapline.test/", nil)
	r.URL.Path = target // as the server decodes it: may hold "..", "\" and the like
	r.RequestURI = target
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// decoded undoes the response's Content-Encoding.
func decoded(t *testing.T, w *httptest.ResponseRecorder) []byte {
	t.Helper()
	body := w.Body.Bytes()
	var r io.Reader
	switch enc := w.Header().Get("Content-Encoding"); enc {
	case "":
		return body
	case "br":
		r = brotli.NewReader(bytes.NewReader(body))
	case "gzip":
		z, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("gzip body: %v", err)
		}
		r = z
	default:
		t.Fatalf("unexpected Content-Encoding %q", enc)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decoding the %s body: %v", w.Header().Get("Content-Encoding"), err)
	}
	return out
}

func TestServeEncodingNegotiation(t *testing.T) {
	dir, files := serveFixture(t)
	h := Handler(dir)
	const both, gzOnly, none = "/embed.0123456789.js", "/data/story.geojson", "/plain.js"
	for _, tc := range []struct {
		path, accept, want string // want: the Content-Encoding, "" for identity
	}{
		{both, "", ""},
		{both, "gzip, deflate, br, zstd", "br"}, // what Chromium sends
		{both, "gzip, deflate", "gzip"},
		{both, "br", "br"},
		{both, "BR", "br"},
		{both, "x-gzip", "gzip"},
		{both, "identity", ""},
		{both, "br;q=0, gzip", "gzip"},
		{both, "br;q=0, gzip;q=0", ""},
		{both, "gzip;q=0.8, br;q=0.5", "gzip"},
		{both, "gzip;q=0.5, br;q=0.5", "br"}, // a tie goes to br
		{both, "gzip ; q=1.0, br ; q=0.9", "gzip"},
		{both, "br;q=nonsense, gzip", "gzip"},
		{both, "*", "br"},
		{both, "*;q=0.1, gzip;q=0.2", "gzip"},
		{both, "*;q=0", ""},
		{both, "*;q=0, br", "br"},
		{both, "gzip;q=0.5, identity", ""}, // identity asked for above gzip
		{both, "zstd, deflate", ""},
		{"/mapline.abcdef0123.wasm", "gzip, deflate, br, zstd", "br"},
		{"/mapline.abcdef0123.wasm", "gzip", "gzip"},
		{"/", "br, gzip", "br"}, // index.html
		{gzOnly, "br", ""},      // no .br sibling
		{gzOnly, "br, gzip", "gzip"},
		{gzOnly, "br;q=1, gzip;q=0.1", "gzip"},
		{none, "br, gzip", ""},
	} {
		t.Run(tc.path+" "+tc.accept, func(t *testing.T) {
			w := serveGet(h, "GET", tc.path, map[string]string{"Accept-Encoding": tc.accept})
			if w.Code != http.StatusOK {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			if got := w.Header().Get("Content-Encoding"); got != tc.want {
				t.Errorf("Content-Encoding %q, want %q", got, tc.want)
			}
			if got, want := w.Header().Get("Content-Length"), strconv.Itoa(w.Body.Len()); got != want {
				t.Errorf("Content-Length %s, body %s bytes", got, want)
			}
			name := strings.TrimPrefix(tc.path, "/")
			if name == "" {
				name = "index.html"
			}
			if got := decoded(t, w); !bytes.Equal(got, files[name]) {
				t.Errorf("the body decodes to %d bytes that are not %s (%d bytes)", len(got), name, len(files[name]))
			}
			_, hasBr := files[name+".br"]
			_, hasGz := files[name+".gz"]
			if got, want := w.Header().Get("Vary"), map[bool]string{true: "Accept-Encoding", false: ""}[hasBr || hasGz]; got != want {
				t.Errorf("Vary %q, want %q", got, want)
			}
		})
	}
}

func TestServeHeaders(t *testing.T) {
	dir, files := serveFixture(t)
	h := Handler(dir)
	const html, js = "text/html; charset=utf-8", "text/javascript; charset=utf-8"
	for _, tc := range []struct {
		path, accept, ctype, cache string
		csp                        bool
	}{
		{"/", "br", html, CacheRevalidate, true},
		{"/index.html", "", html, CacheRevalidate, true},
		{"/embed.html", "gzip", html, CacheRevalidate, true},
		{"/embed.0123456789.js", "br", js, CacheImmutable, false},
		{"/embed.0123456789.js", "", js, CacheImmutable, false},
		{"/mapline.abcdef0123.wasm", "br", "application/wasm", CacheImmutable, false},
		{"/mapline.abcdef0123.wasm", "gzip", "application/wasm", CacheImmutable, false},
		{"/mapline.abcdef0123.wasm", "", "application/wasm", CacheImmutable, false},
		{"/data/story.geojson", "gzip", "application/geo+json", CacheRevalidate, false},
		{"/plain.js", "br", js, CacheRevalidate, false},
	} {
		t.Run(tc.path+" "+tc.accept, func(t *testing.T) {
			w := serveGet(h, "GET", tc.path, map[string]string{"Accept-Encoding": tc.accept})
			if w.Code != http.StatusOK {
				t.Fatalf("status %d", w.Code)
			}
			hd := w.Header()
			ctype := hd.Get("Content-Type")
			if tc.ctype == js && ctype == "application/javascript" { // the system's mime.types may say so
				ctype = js
			}
			if ctype != tc.ctype {
				t.Errorf("Content-Type %q, want %q", hd.Get("Content-Type"), tc.ctype)
			}
			if got := hd.Get("Cache-Control"); got != tc.cache {
				t.Errorf("Cache-Control %q, want %q", got, tc.cache)
			}
			if got := hd.Get("Content-Security-Policy"); (got == CSP) != tc.csp || (!tc.csp && got != "") {
				t.Errorf("Content-Security-Policy %q (want it: %v)", got, tc.csp)
			}
			if got := hd.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options %q", got)
			}
		})
	}
	// A HEAD tells the encoded length and sends nothing.
	w := serveGet(h, "HEAD", "/mapline.abcdef0123.wasm", map[string]string{"Accept-Encoding": "br"})
	brLen := strconv.Itoa(len(files["mapline.abcdef0123.wasm.br"]))
	if w.Code != 200 || w.Header().Get("Content-Encoding") != "br" || w.Header().Get("Content-Length") != brLen || w.Body.Len() != 0 {
		t.Errorf("HEAD: %d, Content-Encoding %q, Content-Length %q (want %s), %d body bytes",
			w.Code, w.Header().Get("Content-Encoding"), w.Header().Get("Content-Length"), brLen, w.Body.Len())
	}
	// Revalidation: a 304 carries no body and no encoding.
	w = serveGet(h, "GET", "/embed.html", map[string]string{"Accept-Encoding": "br", "If-Modified-Since": time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)})
	if w.Code != http.StatusNotModified || w.Body.Len() != 0 || w.Header().Get("Content-Encoding") != "" {
		t.Errorf("If-Modified-Since: %d, Content-Encoding %q, %d body bytes", w.Code, w.Header().Get("Content-Encoding"), w.Body.Len())
	}
}

// TestServeRange: byte ranges work on the identity response; an encoded
// response ignores Range and sends the whole sibling, never a slice of it.
func TestServeRange(t *testing.T) {
	dir, files := serveFixture(t)
	h := Handler(dir)
	w := serveGet(h, "GET", "/embed.html", map[string]string{"Range": "bytes=0-9"})
	if w.Code != http.StatusPartialContent || w.Body.String() != string(files["embed.html"][:10]) {
		t.Errorf("identity range: %d %q", w.Code, w.Body)
	}
	for _, enc := range []string{"br", "gzip"} {
		w = serveGet(h, "GET", "/embed.html", map[string]string{"Range": "bytes=0-9", "Accept-Encoding": enc})
		if w.Code != http.StatusOK || w.Header().Get("Content-Encoding") != enc || w.Header().Get("Content-Range") != "" {
			t.Fatalf("%s range: %d, Content-Encoding %q, Content-Range %q", enc, w.Code, w.Header().Get("Content-Encoding"), w.Header().Get("Content-Range"))
		}
		if got := w.Header().Get("Accept-Ranges"); got != "none" {
			t.Errorf("%s: Accept-Ranges %q, want none", enc, got)
		}
		if !bytes.Equal(decoded(t, w), files["embed.html"]) {
			t.Errorf("%s range: the body does not decode to embed.html", enc)
		}
	}
}

func TestServeRefused(t *testing.T) {
	dir, _ := serveFixture(t)
	h := Handler(dir)
	for _, tc := range []struct {
		method, path string
		code         int
	}{
		{"GET", "/nothing.html", 404},
		{"GET", "/embed.9999999999.js", 404},
		{"GET", "/data/", 404}, // no listing
		{"GET", "/data", 301},  // to data/, like http.FileServer
		{"GET", "/.hidden", 404},
		{"GET", "/data/.git/config", 404},
		{"GET", "/link.txt", 404}, // a symbolic link out of the site
		{"GET", "/../secret.txt", 400},
		{"GET", "/data/../../secret.txt", 400},
		{"GET", "/..", 400},
		{"GET", `/..\secret.txt`, 400},
		{"GET", "/embed.html\x00", 400},
		{"GET", "secret.txt", 400},
		{"POST", "/embed.html", 405},
		{"PUT", "/x.html", 405},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			w := serveGet(h, tc.method, tc.path, map[string]string{"Accept-Encoding": "br, gzip"})
			if w.Code != tc.code {
				t.Errorf("status %d, want %d", w.Code, tc.code)
			}
			if strings.Contains(w.Body.String(), "SECRET") || strings.Contains(w.Body.String(), "dot") {
				t.Errorf("the body leaks a file: %q", w.Body)
			}
			if got := w.Header().Get("Cache-Control"); got == CacheImmutable {
				t.Errorf("an error is cached for good: %q", got)
			}
			if w.Header().Get("Content-Encoding") != "" {
				t.Errorf("an error with Content-Encoding %q", w.Header().Get("Content-Encoding"))
			}
		})
	}
	// Through a real server and client too: the path arrives percent-encoded.
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, p := range []string{"/%2e%2e/secret.txt", "/data/%2e%2e/%2e%2e/secret.txt", "/%2e%2e%2fsecret.txt", "/..%5csecret.txt"} {
		req, _ := http.NewRequest("GET", srv.URL+p, nil)
		req.URL.Opaque = p // sent as is
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == 200 || strings.Contains(string(body), "SECRET") {
			t.Errorf("%s: %d %q", p, resp.StatusCode, body)
		}
	}
}

func TestContentHashed(t *testing.T) {
	for name, want := range map[string]bool{
		"mapline.0123456789.wasm":      true,
		"embed.abcdef0123.js":          true,
		"embed.abcdef0123.css":         true,
		"/sub/wasm_exec.0c949f4996.js": true,
		"embed.js":                     false,
		"embed.ABCDEF0123.js":          false, // cmd/dist writes lower case
		"embed.abcdef012.js":           false,
		"embed.abcdef01234.js":         false,
		"embed.html":                   false,
		"story.0123456789.geojson":     false, // data/ keeps its names
		"mapline.0123456789.wasm.br":   false, // served through the original's name
	} {
		if got := ContentHashed(name); got != want {
			t.Errorf("ContentHashed(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestCSPInReadme: the README quotes the header hosts should send.
func TestCSPInReadme(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), CSP) {
		t.Errorf("README.md does not quote site.CSP:\n%s", CSP)
	}
}

// TestCSPInBrowser opens the pages of dist/ under the handler's CSP and
// wants the map ready and no violation reported, in the page or the iframe.
func TestCSPInBrowser(t *testing.T) {
	const listen = `window.__csp = []; document.addEventListener("securitypolicyviolation",
		e => window.__csp.push(e.effectiveDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber));`
	inject := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: listen})
		return err
	})
	violations := func(t *testing.T, ctx context.Context, win string) []string {
		t.Helper()
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](win+`.__csp || ["no listener"]`))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	t.Run("embed", func(t *testing.T) {
		ctx := tab(t, 900, 700, 1)
		if err := chromedp.Do(ctx, inject); err != nil {
			t.Fatal(err)
		}
		open(t, ctx, "/embed.html?dark=true", "ready")
		if v := violations(t, ctx, "window"); len(v) > 0 {
			t.Errorf("CSP violations: %q", v)
		}
	})
	t.Run("article", func(t *testing.T) {
		ctx := tab(t, 1000, 1400, 1)
		if err := chromedp.Do(ctx, inject, chromedp.Navigate(baseURL+"/index.html")); err != nil {
			t.Fatal(err)
		}
		frame := `document.querySelector("iframe").contentWindow`
		deadline := time.Now().Add(40 * time.Second)
		for {
			state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](frame+`.document.documentElement?.dataset.mapline ?? ""`))
			if state == "ready" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the embed in the article is %q", state)
			}
			time.Sleep(100 * time.Millisecond)
		}
		if v := append(violations(t, ctx, "window"), violations(t, ctx, frame)...); len(v) > 0 {
			t.Errorf("CSP violations: %q", v)
		}
	})
}
