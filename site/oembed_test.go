package site

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOEmbed(t *testing.T) {
	dir := t.TempDir()
	story, err := os.ReadFile("data/story.geojson")
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "data"), 0o755)
	os.WriteFile(filepath.Join(dir, "data", "story.geojson"), story, 0o644)
	h := Handler(dir)
	for _, tc := range []struct {
		name, query string
		code        int
		want        []string // in the html of the answer
	}{
		{"the demo", "url=http://example.org/embed.html", 200, []string{`src="http://example.org/embed.html"`, `title="Interactive map: U.S. orders diplomats out of Iraq amid nuclear talks with Iran"`, `height="600"`}},
		{"relative, with options", "url=embed.html%3Fmode%3Dpoint%26dark%3Dtrue&maxwidth=400&maxheight=300", 200, []string{`src="http://example.org/embed.html?dark=true&amp;mode=point"`, `width="400"`, `height="300"`}},
		{"another site", "url=http://evil.example/embed.html", 404, nil},
		{"not an embed", "url=http://example.org/index.html", 404, nil},
		{"no url", "", 404, nil},
		{"xml", "url=embed.html&format=xml", 501, nil},
		{"markup in the address stays text", `url=embed.html%3Fx%3D%22%3E%3Cscript%3E`, 200, []string{`%22%3E%3Cscript%3E`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://example.org/oembed.json?"+tc.query, nil))
			if rec.Code != tc.code {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.code, rec.Body)
			}
			if tc.code != 200 {
				return
			}
			var ans oEmbed
			if err := json.Unmarshal(rec.Body.Bytes(), &ans); err != nil {
				t.Fatal(err)
			}
			if ans.Version != "1.0" || ans.Type != "rich" || ans.Width <= 0 || ans.Height <= 0 {
				t.Errorf("answer %+v is not a valid oEmbed rich answer", ans)
			}
			for _, w := range tc.want {
				if !strings.Contains(ans.HTML, w) {
					t.Errorf("html %s lacks %s", ans.HTML, w)
				}
			}
			if strings.Contains(ans.HTML, "<script") {
				t.Errorf("html carries markup from the request: %s", ans.HTML)
			}
		})
	}
}
