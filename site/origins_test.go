package site

import (
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestParseOrigins(t *testing.T) {
	for _, tc := range []struct {
		name, list string
		want       []string
		err        string
	}{
		{name: "empty", list: "  "},
		{name: "one", list: "https://data.example.org", want: []string{"https://data.example.org"}},
		{name: "spaces-and-commas", list: "https://a.example, http://localhost:9000\thttps://b.example/",
			want: []string{"https://a.example", "http://localhost:9000", "https://b.example"}},
		{name: "lower-cased-deduplicated", list: "HTTPS://A.Example https://a.example", want: []string{"https://a.example"}},
		{name: "default-port-left-out", list: "https://a.example:443 http://b.example:80", want: []string{"https://a.example", "http://b.example"}},
		{name: "path", list: "https://a.example/data", err: `"https://a.example/data" is not an origin`},
		{name: "no-scheme", list: "a.example", err: `"a.example" is not an origin`},
		{name: "ftp", list: "ftp://a.example", err: `"ftp://a.example" is not an origin`},
		{name: "wildcard", list: "https://*.example", err: `"https://*.example" is not an origin`},
		{name: "csp-injection", list: "https://a.example;script-src", err: `is not an origin`},
		{name: "quote", list: `https://a.example"`, err: `is not an origin`},
		{name: "query", list: "https://a.example?x", err: `is not an origin`},
		{name: "userinfo", list: "https://u@a.example", err: `is not an origin`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseOrigins(tc.list)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("error %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil || !slices.Equal(got, tc.want) {
				t.Errorf("ParseOrigins = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestCSPFor(t *testing.T) {
	if got := CSPFor(nil); got != CSP {
		t.Errorf("CSPFor(nil) = %q, want CSP", got)
	}
	got := CSPFor([]string{"https://a.example", "http://localhost:9000"})
	if !strings.Contains(got, "; connect-src 'self' https://a.example http://localhost:9000; ") {
		t.Errorf("CSPFor: connect-src does not list the origins: %q", got)
	}
	if strings.Replace(got, " https://a.example http://localhost:9000", "", 1) != CSP {
		t.Errorf("CSPFor changed more than connect-src: %q", got)
	}
}

// TestServeDataOriginsCSP: the handler's CSP for a page lists the origins of
// the page's mapline-data-origins meta, as cmd/dist writes it; a page
// without one, or with a meta that is not a list of origins, gets CSP.
func TestServeDataOriginsCSP(t *testing.T) {
	dir := t.TempDir()
	pages := map[string]string{
		"embed.html": "<!doctype html><html><head><title>x</title>\n" +
			`<meta name="mapline-data-origins" content="https://data.example.org http://localhost:9000">` + "\n</head><body></body></html>",
		"plain.html":  "<!doctype html><html><head></head><body></body></html>",
		"forged.html": `<html><head><meta name="mapline-data-origins" content="https://a.example; script-src *"></head></html>`,
	}
	for name, data := range pages {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	h := Handler(dir)
	for _, tc := range []struct{ path, want string }{
		{"/embed.html", CSPFor([]string{"https://data.example.org", "http://localhost:9000"})},
		{"/plain.html", CSP},
		{"/forged.html", CSP},
	} {
		w := serveGet(h, "GET", tc.path, nil)
		if w.Code != http.StatusOK {
			t.Fatalf("%s: status %d", tc.path, w.Code)
		}
		if got := w.Header().Get("Content-Security-Policy"); got != tc.want {
			t.Errorf("%s: Content-Security-Policy\n got %q\nwant %q", tc.path, got, tc.want)
		}
		if w.Body.String() != pages[strings.TrimPrefix(tc.path, "/")] {
			t.Errorf("%s: the body is not the page (the handler must rewind after reading the meta)", tc.path)
		}
	}
}
