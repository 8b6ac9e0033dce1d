package site

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"mapline/geo/synth"
)

// storyWithTitle is a story file of one site and one event, titled title.
func storyWithTitle(title string) []byte {
	return []byte(`{"type":"FeatureCollection","title":` + strings.TrimSpace(mustJSON(title)) + `,"features":[
{"type":"Feature","id":"s","geometry":{"type":"Point","coordinates":[44.4,33.3]},"properties":{"name":"S"}},
{"type":"Feature","id":"e","geometry":null,"properties":{"time":"2025-06-11","title":"E","sites":["s"]}}]}`)
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// oembedGet asks h for the oEmbed answer of query, with the request's Host
// and headers; it returns the status and the answer.
func oembedGet(t *testing.T, h http.Handler, host, query string, header map[string]string) (int, oEmbed) {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, "http://example.org/oembed.json?"+query, nil)
	r.Host = host
	for k, v := range header {
		r.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	var ans oEmbed
	if rec.Code == http.StatusOK {
		if err := json.Unmarshal(rec.Body.Bytes(), &ans); err != nil {
			t.Fatal(err)
		}
	}
	return rec.Code, ans
}

// TestOEmbedFileRules: oEmbed reads a story only where the file server
// would serve it: no symbolic link out of the site, no dot folder.
func TestOEmbedFileRules(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "site")
	for name, data := range map[string][]byte{
		"data/story.geojson":       storyWithTitle("The demo"),
		".private/story.geojson":   storyWithTitle("SECRET in a dot folder"),
		"data/.hidden.geojson":     storyWithTitle("SECRET in a dot file"),
		"../outside/story.geojson": storyWithTitle("SECRET outside the site"),
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(root, "outside", "story.geojson"), filepath.Join(dir, "data", "link.geojson")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "outside"), filepath.Join(dir, "linked-dir")); err != nil {
		t.Fatal(err)
	}
	h := Handler(dir)
	for _, tc := range []struct{ name, data, title string }{
		{"served", "data/story.geojson", "The demo"},
		{"symlink-out", "data/link.geojson", ""},
		{"symlinked-folder-out", "linked-dir/story.geojson", ""},
		{"dot-folder", ".private/story.geojson", ""},
		{"dot-file", "data/.hidden.geojson", ""},
		{"escaped-dot-folder", "%2Eprivate/story.geojson", ""},
		{"dot-dot", "data/../.private/story.geojson", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, ans := oembedGet(t, h, "example.org", "url=embed.html%3Fdata%3D"+strings.ReplaceAll(tc.data, "%", "%25"), nil)
			if code != http.StatusOK {
				t.Fatalf("status %d", code)
			}
			if ans.Title != tc.title {
				t.Errorf("title %q, want %q", ans.Title, tc.title)
			}
		})
	}
}

// TestOEmbedParsesOnce: 16 parallel requests for the same large story parse
// it once (the title is kept by path, modification time and size; stories
// are parsed one at a time), measured in bytes allocated; a new version of
// the file is read again.
func TestOEmbedParsesOnce(t *testing.T) {
	dir := t.TempDir()
	big := synth.Story(1, 500, 10000)
	p := filepath.Join(dir, "data", "story.geojson")
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, big, 0o644); err != nil {
		t.Fatal(err)
	}
	allocated := func(f func()) uint64 {
		var a, b runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&a)
		f()
		runtime.ReadMemStats(&b)
		return b.TotalAlloc - a.TotalAlloc
	}
	one := allocated(func() {
		if code, ans := oembedGet(t, Handler(dir), "example.org", "url=embed.html", nil); code != 200 || ans.Title == "" {
			t.Fatalf("status %d, title %q", code, ans.Title)
		}
	})
	h := Handler(dir)
	sixteen := allocated(func() {
		var wg sync.WaitGroup
		for range 16 {
			wg.Go(func() { oembedGet(t, h, "example.org", "url=embed.html", nil) })
		}
		wg.Wait()
	})
	t.Logf("one request: %d bytes allocated; 16 parallel requests: %d", one, sixteen)
	if sixteen > 3*one {
		t.Errorf("16 parallel requests allocated %d bytes, %.1f times one request: the story is parsed more than once", sixteen, float64(sixteen)/float64(one))
	}
	// A new version of the story (another size and time) is read again.
	if err := os.WriteFile(p, storyWithTitle("Updated"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(p, time.Now(), time.Now().Add(time.Minute))
	if _, ans := oembedGet(t, h, "example.org", "url=embed.html", nil); ans.Title != "Updated" {
		t.Errorf("title %q after the story changed, want Updated", ans.Title)
	}
}

// TestOEmbedURLs: the answer's URLs come from the configured base, or else
// from a Host that is a host name, with https when the request came over
// TLS, when a trusted proxy says so, or when the url asked for it; never
// from an unchecked Host or an untrusted header.
func TestOEmbedURLs(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "maps", "data"), 0o755)
	os.MkdirAll(filepath.Join(dir, "data"), 0o755)
	os.WriteFile(filepath.Join(dir, "data", "story.geojson"), storyWithTitle("At the root"), 0o644)
	plain := Handler(dir)
	based, err := NewHandler(dir, Options{Base: "https://Maps.Example.org/"})
	if err != nil {
		t.Fatal(err)
	}
	proxied, err := NewHandler(dir, Options{TrustProxy: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		h        http.Handler
		host     string
		query    string
		header   map[string]string
		code     int
		src      string // the iframe's src
		provider string
		title    string
	}{
		{name: "plain", h: plain, host: "example.org", query: "url=embed.html", code: 200,
			src: "http://example.org/embed.html", provider: "http://example.org/", title: "At the root"},
		{name: "https-url-stays-https", h: plain, host: "example.org", query: "url=https://example.org/embed.html", code: 200,
			src: "https://example.org/embed.html", provider: "https://example.org/", title: "At the root"},
		{name: "host-in-capitals", h: plain, host: "EXAMPLE.org", query: "url=https://example.ORG/embed.html", code: 200,
			src: "https://example.org/embed.html", provider: "https://example.org/"},
		{name: "forwarded-proto-ignored-untrusted", h: plain, host: "example.org", query: "url=embed.html",
			header: map[string]string{"X-Forwarded-Proto": "https"}, code: 200, src: "http://example.org/embed.html"},
		{name: "forwarded-proto-trusted", h: proxied, host: "example.org", query: "url=embed.html",
			header: map[string]string{"X-Forwarded-Proto": "https"}, code: 200, src: "https://example.org/embed.html", provider: "https://example.org/"},
		{name: "forwarded-proto-junk", h: proxied, host: "example.org", query: "url=embed.html",
			header: map[string]string{"X-Forwarded-Proto": "javascript"}, code: 200, src: "http://example.org/embed.html"},
		{name: "host-with-markup-refused", h: plain, host: `example.org"><script>alert(1)</script>`, query: "url=embed.html", code: 400},
		{name: "host-with-userinfo-refused", h: plain, host: "evil.example@example.org", query: "url=embed.html", code: 400},
		{name: "host-with-path-refused", h: plain, host: "example.org/x", query: "url=embed.html", code: 400},
		{name: "base-wins-over-host", h: based, host: "evil.example", query: "url=embed.html", code: 200,
			src: "https://maps.example.org/embed.html", provider: "https://maps.example.org/", title: "At the root"},
		{name: "base-other-host-refused", h: based, host: "evil.example", query: "url=https://evil.example/embed.html", code: 404},
		{name: "base-http-url-upgraded", h: based, host: "maps.example.org", query: "url=http://maps.example.org/embed.html", code: 200,
			src: "https://maps.example.org/embed.html"},
		{name: "base-host-bad-is-no-matter", h: based, host: "a b", query: "url=embed.html", code: 200, src: "https://maps.example.org/embed.html"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, ans := oembedGet(t, tc.h, tc.host, tc.query, tc.header)
			if code != tc.code {
				t.Fatalf("status %d, want %d", code, tc.code)
			}
			if code != 200 {
				return
			}
			if want := `src="` + tc.src + `"`; !strings.Contains(ans.HTML, want) {
				t.Errorf("html %s lacks %s", ans.HTML, want)
			}
			if tc.provider != "" && ans.ProviderURL != tc.provider {
				t.Errorf("provider_url %q, want %q", ans.ProviderURL, tc.provider)
			}
			if tc.title != "" && ans.Title != tc.title {
				t.Errorf("title %q, want %q", ans.Title, tc.title)
			}
		})
	}
}

// TestOEmbedBaseWithPath: a site served under a path finds its stories
// under that path, and refuses embed pages outside it.
func TestOEmbedBaseWithPath(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "data"), 0o755)
	os.WriteFile(filepath.Join(dir, "data", "story.geojson"), storyWithTitle("Under a path"), 0o644)
	h, err := NewHandler(dir, Options{Base: "https://news.example/maps"})
	if err != nil {
		t.Fatal(err)
	}
	code, ans := oembedGet(t, h, "news.example", "url=embed.html", nil)
	if code != 200 || !strings.Contains(ans.HTML, `src="https://news.example/maps/embed.html"`) || ans.Title != "Under a path" ||
		ans.ProviderURL != "https://news.example/maps/" {
		t.Errorf("status %d, answer %+v", code, ans)
	}
	if code, _ := oembedGet(t, h, "news.example", "url=https://news.example/other/embed.html", nil); code != 404 {
		t.Errorf("an embed page outside the base: status %d, want 404", code)
	}
}

func TestNewHandlerBase(t *testing.T) {
	for _, tc := range []struct {
		base string
		ok   bool
	}{
		{"https://maps.example.org", true},
		{"https://maps.example.org/", true},
		{"http://localhost:8080/maps/", true},
		{"maps.example.org", false},
		{"ftp://maps.example.org/", false},
		{"https://maps.example.org/?q=1", false},
		{"https://maps.example.org/#x", false},
		{"https://u@maps.example.org/", false},
		{`https://maps.example.org"/`, false},
	} {
		_, err := NewHandler(t.TempDir(), Options{Base: tc.base})
		if (err == nil) != tc.ok {
			t.Errorf("NewHandler base %q: error %v, want ok %v", tc.base, err, tc.ok)
		}
	}
}
