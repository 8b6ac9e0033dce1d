package site

// The widget makes no request outside its own origin: no fonts, tiles or
// analytics from elsewhere; and a story from another origin loads only when
// the build lists that origin.

import (
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestNoForeignRequests loads the embed with the demo story and plays it to
// the end, recording every request of the tab.
func TestNoForeignRequests(t *testing.T) {
	s := demo(t)
	n := len(s.Events)
	ctx := tab(t, 800, 650, 1)
	w := watchTab(t, ctx)
	open(t, ctx, "/embed.html#event-"+s.Events[n-3].ID, "ready")
	click(t, ctx, "#play")
	waitLong(t, ctx, `document.getElementById("card-title").textContent`, s.Events[n-1].Title)
	if w.count() == 0 {
		t.Fatal("no request recorded: the recorder does not work")
	}
	if f := w.foreign(); len(f) > 0 {
		t.Errorf("requests outside the origin %s: %q", baseURL, f)
	}
	if d := w.opened(); len(d) > 0 {
		t.Errorf("dialogs: %q", d)
	}
}

// copyDist copies dist/ (without its compressed siblings) into a temporary
// directory, with embed.html listing origins as make build
// DATA_ORIGINS="…" would (cmd/dist writes the same element).
func copyDist(t *testing.T, origins string) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir(distDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(distDir, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		if strings.HasSuffix(p, ".br") || strings.HasSuffix(p, ".gz") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if rel == "embed.html" {
			meta := `<meta name="` + DataOriginsMeta + `" content="` + origins + `">` + "\n"
			data = []byte(strings.Replace(string(data), "</head>", meta+"</head>", 1))
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestDataOriginsInBrowser: an embed whose build lists a data origin loads a
// story from it (its CSP lets it); a story from an origin it does not list is
// refused with a message naming that origin, and never requested.
func TestDataOriginsInBrowser(t *testing.T) {
	if skipWhy != "" {
		t.Skip(skipWhy)
	}
	story, err := os.ReadFile("testdata/no-sites.geojson")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	asked := map[string]int{} // server → requests
	dataServer := func(name string) *httptest.Server {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			asked[name]++
			mu.Unlock()
			w.Header().Set("Access-Control-Allow-Origin", "*")
			w.Header().Set("Content-Type", "application/geo+json")
			_, _ = io.WriteString(w, string(story))
		}))
		t.Cleanup(srv.Close)
		return srv
	}
	listed, unlisted := dataServer("listed"), dataServer("unlisted")
	// A listed server with a story of 50 MB, which the embed refuses from
	// its Content-Length before reading it.
	big := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		const size = 50 << 20
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Content-Length", strconv.Itoa(size))
		chunk := []byte(strings.Repeat(" ", 1<<16))
		for n := 0; n < size; n += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return // the reader went away
			}
		}
	}))
	t.Cleanup(big.Close)
	// The unlisted server is on the same host, another port: another origin.
	embed := httptest.NewServer(Handler(copyDist(t, listed.URL+" "+big.URL)))
	t.Cleanup(embed.Close)

	resp, err := http.Get(embed.URL + "/embed.html")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got, want := resp.Header.Get("Content-Security-Policy"), CSPFor([]string{listed.URL, big.URL}); got != want {
		t.Errorf("CSP\n got %q\nwant %q", got, want)
	}

	for _, tc := range []struct {
		name, data, state, want string
	}{
		{"listed", listed.URL + "/story.geojson", "ready", ""},
		{"unlisted", unlisted.URL + "/story.geojson", "error",
			"is refused: stories load only from this site (" + embed.URL + ") and " + listed.URL + ", " + big.URL + ", not from " + unlisted.URL},
		{"too-large", big.URL + "/story.geojson", "error", "is 50.0 MB, larger than the 20 MB a story may be"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := tab(t, 800, 650, 1)
			w := watchTab(t, ctx)
			err := chromedp.Do(ctx,
				chromedp.Navigate(embed.URL+"/embed.html?data="+tc.data),
				chromedp.WaitReady(chromedp.CSS(`html[data-mapline="`+tc.state+`"]`)),
			)
			if err != nil {
				t.Fatalf("waiting for data-mapline=%q: %v", tc.state, err)
			}
			if tc.state == "ready" {
				if got := text(t, ctx, `document.getElementById("card-title").textContent`); got != "Talks in Muscat" {
					t.Errorf("the story from the listed origin is not shown: card title %q", got)
				}
				// Ready also means the CSP let the fetch through: with
				// connect-src 'self' alone the story would not load.
				return
			}
			note := text(t, ctx, `document.getElementById("map-note").innerText`)
			if !strings.Contains(note, tc.want) {
				t.Errorf("error note %q does not contain %q", note, tc.want)
			}
			screenshot(t, ctx, "data-origin-"+tc.name)
			for _, u := range w.foreign() {
				if strings.HasPrefix(u, unlisted.URL) {
					t.Errorf("the refused story was requested: %s", u)
				}
			}
		})
	}
	mu.Lock()
	defer mu.Unlock()
	if asked["listed"] == 0 || asked["unlisted"] != 0 {
		t.Errorf("requests to the data servers: %v, want some to the listed one and none to the other", asked)
	}
}
