package site

// Browser tests: the built site (dist/, from make build) served on localhost
// and driven in Debian's headless Chromium through chromedp. They check real
// pixels and the real DOM. make test sets MAPLINE_DIST and MAPLINE_CHROMIUM;
// screenshots go to out/screenshots/ for a person to look at.

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/paulmach/orb"

	"mapline/geo"
	"mapline/geo/synth"
	"mapline/internal/browser"
)

var (
	browserCtx context.Context // one browser for all tests; each test opens a tab
	baseURL    string
	distDir    string
	// publishedDir is served at /published/: where a test puts what a
	// newsroom would publish beside the site (the studio's story, a host page).
	publishedDir string
	skipWhy      string
)

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	distDir = os.Getenv("MAPLINE_DIST")
	ci := os.Getenv("CI") == "true"
	if distDir == "" {
		if ci {
			fmt.Fprintln(os.Stderr, "site: MAPLINE_DIST is not set: run the browser tests with make test")
			return 1
		}
		skipWhy = "browser tests run from make test (it builds dist/ and sets MAPLINE_DIST)"
		return m.Run()
	}
	mux := http.NewServeMux()
	testMux = mux // tests may add routes (basemap_test.go)
	mux.Handle("/testdata/", http.StripPrefix("/testdata/", http.FileServer(http.Dir("testdata"))))
	// Generated stories (geo/synth, seed 1): /synth/N.geojson has N events.
	mux.HandleFunc("/synth/", func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/synth/"), ".geojson"))
		if err != nil || n < 1 || n > 200000 {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/geo+json")
		w.Write(synth.Story(1, max(1, n/20), n))
	})
	mux.HandleFunc("/csp/host.html", func(w http.ResponseWriter, r *http.Request) {
		// A host page as strict as a careful newsroom's: no inline script at all.
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; frame-src 'self'; img-src 'self'")
		http.ServeFile(w, r, "testdata/csp-host.html")
	})
	var err error
	if publishedDir, err = os.MkdirTemp("", "mapline-published-"); err != nil {
		fmt.Fprintf(os.Stderr, "site: %v\n", err)
		return 1
	}
	defer os.RemoveAll(publishedDir)
	mux.Handle("/published/", http.StripPrefix("/published/", http.FileServer(http.Dir(publishedDir))))
	mux.Handle("/", Handler(distDir))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	baseURL = srv.URL

	b, err := browser.Start(browser.Exe())
	if err != nil {
		fmt.Fprintf(os.Stderr, "site: %v\n", err)
		return 1
	}
	defer b.Close()
	browserCtx = b.Ctx
	code := m.Run()
	if testing.Verbose() {
		printLoads()
	}
	return code
}

// tab opens a new tab of the given CSS size and device pixel ratio.
func tab(t *testing.T, w, h int64, ratio float64) context.Context {
	t.Helper()
	if skipWhy != "" {
		t.Skip(skipWhy)
	}
	ctx, cancel, err := browser.Tab(browserCtx, w, h, ratio, 60*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cancel)
	countLoads(t, ctx)
	return ctx
}

// open loads a page and waits until the root element's data-mapline is state.
func open(t *testing.T, ctx context.Context, path, state string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(baseURL+path),
		chromedp.WaitReady(chromedp.CSS(fmt.Sprintf(`html[data-mapline=%q]`, state))),
	)
	if err != nil {
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		got, _ := chromedp.Run(dctx, chromedp.Evaluate[string](`document.documentElement.dataset.mapline + " (" + document.visibilityState + "): " + document.body.innerText`))
		t.Fatalf("%s: waiting for data-mapline=%q: %v (page: %.300q)", path, state, err, got)
	}
}

type rect = browser.Rect

func canvasRect(t *testing.T, ctx context.Context) rect {
	t.Helper()
	r, err := browser.CanvasRect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// screenshot captures the viewport and saves it under out/screenshots/name.png.
func screenshot(t *testing.T, ctx context.Context, name string) image.Image {
	t.Helper()
	img, err := browser.Screenshot(ctx, filepath.Join("..", "out", "screenshots"), name)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func text(t *testing.T, ctx context.Context, js string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return s
}

// demo is the demo story as served.
func demo(t *testing.T) *geo.Story {
	t.Helper()
	s, err := browser.Demo(distDir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// pixel is the colour at CSS point p of a screenshot taken at the given ratio.
func pixel(img image.Image, p orb.Point, ratio float64) color.NRGBA {
	c := color.NRGBAModel.Convert(img.At(int(math.Round(p[0]*ratio)), int(math.Round(p[1]*ratio))))
	return c.(color.NRGBA)
}

func dist(a, b color.NRGBA) float64 {
	dr, dg, db := float64(a.R)-float64(b.R), float64(a.G)-float64(b.G), float64(a.B)-float64(b.B)
	return math.Sqrt(dr*dr + dg*dg + db*db)
}

// markerTolerance is how far (RGB distance) a marker's centre pixel may be
// from its fill colour: antialiasing and colour management move it a little.
const markerTolerance = 30

// TestMarkersAtProjectedPositions loads the demo with a fixed view and checks
// that Baghdad, Erbil and Al-Asad are drawn where the view projects them, in
// their marker colour, and that a story without them has no marker there.
func TestMarkersAtProjectedPositions(t *testing.T) {
	t.Parallel()
	const ratio = 2
	const q = "?view=34.5,43.5,6&t=2025-06-11"
	s := demo(t)
	// One tab at a time: a tab in the background gets no animation frames.
	ctx := tab(t, 900, 700, ratio)
	open(t, ctx, "/embed.html"+q, "ready")
	with := screenshot(t, ctx, "markers-with-sites")
	r := canvasRect(t, ctx)
	v := geo.View{Center: orb.Point{43.5, 34.5}, Zoom: 6, Width: r.W, Height: r.H, Ratio: ratio}
	open(t, ctx, "/embed.html"+q+"&data=testdata/no-sites.geojson", "ready")
	without := screenshot(t, ctx, "markers-without-sites")

	for _, id := range []string{"embassy-baghdad", "consulate-erbil", "al-asad"} {
		site, ok := s.Site(id)
		if !ok {
			t.Fatalf("the demo has no site %q", id)
		}
		p := v.Screen(site.LonLat)
		p = orb.Point{p[0] + r.X, p[1] + r.Y}
		want := geo.Light.Kinds[site.Kind]
		got := pixel(with, p, ratio)
		if d := dist(got, want); d > markerTolerance {
			t.Errorf("%s at CSS %.1f,%.1f: pixel %v, want the %s marker colour %v (distance %.0f)", id, p[0], p[1], got, site.Kind, want, d)
		}
		if bg := pixel(without, p, ratio); dist(bg, want) < 100 {
			t.Errorf("%s: without the site the pixel %v is still close to the marker colour %v", id, bg, want)
		}
		// Markers are at least MinMarkerRadius: a point 4 CSS px from the
		// centre is still inside.
		if got := pixel(with, orb.Point{p[0] + 4, p[1]}, ratio); dist(got, want) > markerTolerance {
			t.Errorf("%s: 4 px right of the centre the pixel is %v, want %v", id, got, want)
		}
	}
}

// TestSliderMovesTheStory moves the timeline with the keyboard and checks the
// card, the live region, the slider's value text and the highlighted site.
func TestSliderMovesTheStory(t *testing.T) {
	s := demo(t)
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html", "ready")
	screenshot(t, ctx, "embed-desktop-light")
	first := s.Events[0]
	if got := text(t, ctx, `document.getElementById("card-title").textContent`); got != first.Title {
		t.Errorf("card title %q, want the first event %q", got, first.Title)
	}
	if got := text(t, ctx, `document.querySelector(".label.current")?.textContent ?? ""`); got != "Al-Asad air base" {
		t.Errorf("highlighted label %q, want Al-Asad air base", got)
	}

	// The range input's own keyboard: → moves one event.
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#timeline")), chromedp.KeyEvent(kb.ArrowRight)); err != nil {
		t.Fatal(err)
	}
	second := s.Events[1]
	waitText(t, ctx, `document.getElementById("live").textContent`, second.Title)
	if got := text(t, ctx, `document.getElementById("timeline").getAttribute("aria-valuetext")`); !strings.Contains(got, "12 April 2025") {
		t.Errorf("aria-valuetext %q, want the date in words", got)
	}
	waitText(t, ctx, `document.querySelector(".label.current")?.textContent ?? ""`, "Muscat")
	// The Muscat marker now has a halo: the pixel just outside its
	// outline is the halo's tint, not land.
	r := canvasRect(t, ctx)
	img := screenshot(t, ctx, "embed-second-event")
	muscat, _ := s.Site("muscat")
	cur := currentView(t, ctx, r)
	p := cur.Screen(muscat.LonLat)
	ring := pixel(img, orb.Point{p[0] + r.X + 8 + 3.5, p[1] + r.Y}, 1)
	if dist(ring, geo.Light.StoryLand) < 10 || dist(ring, geo.Light.Land) < 10 {
		t.Errorf("no halo around the current site Muscat: pixel %v", ring)
	}

	// The End key jumps to the last event; the card shows its source.
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.End)); err != nil {
		t.Fatal(err)
	}
	last := s.Events[len(s.Events)-1]
	waitText(t, ctx, `document.getElementById("card-title").textContent`, last.Title)
	if got := text(t, ctx, `document.getElementById("card-source").textContent`); got != last.Source {
		t.Errorf("source %q, want %q", got, last.Source)
	}
}

// currentView reads the view the map shows from the root's data-view
// ("LAT,LON,ZOOM"): the map fits the story on load.
func currentView(t *testing.T, ctx context.Context, r rect) geo.View {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[struct{ Lat, Lon, Zoom float64 }](`(() => { const v = document.documentElement.dataset.view.split(",").map(Number); return {Lat: v[0], Lon: v[1], Zoom: v[2]}; })()`))
	if err != nil {
		t.Fatalf("reading data-view: %v", err)
	}
	return geo.View{Center: orb.Point{v.Lon, v.Lat}, Zoom: v.Zoom, Width: r.W, Height: r.H}
}

// waitText polls a JS expression until it contains want, for up to 15 s:
// under SwiftShader on a loaded machine a frame can take half a second.
func waitText(t *testing.T, ctx context.Context, js, want string) {
	t.Helper()
	waitContains(t, ctx, js, want, 15*time.Second)
}

// waitContains polls a JS expression every 50 ms until it contains want.
func waitContains(t *testing.T, ctx context.Context, js, want string, limit time.Duration) {
	t.Helper()
	var got string
	for end := time.Now().Add(limit); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if got = text(t, ctx, js); strings.Contains(got, want) {
			return
		}
	}
	t.Fatalf("%s = %q, want it to contain %q", js, got, want)
}

// dragSlowly drags the map by (dx, dy) from (x, y) and holds still before
// letting go, so the drag ends without inertia (TestDragInertia has the flick).
func dragSlowly(t *testing.T, ctx context.Context, x, y, dx, dy float64) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.MouseEvent(chromedp.MousePressed, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.MouseEvent(chromedp.MouseMoved, x+dx/2, y+dy/2, chromedp.ButtonLeft),
		chromedp.MouseEvent(chromedp.MouseMoved, x+dx, y+dy, chromedp.ButtonLeft),
	)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseReleased, x+dx, y+dy, chromedp.ButtonLeft, chromedp.ClickCount(1))); err != nil {
		t.Fatal(err)
	}
}

// TestBrokenStory loads a story with mistakes: the page says what is wrong,
// naming feature and field, and shows the valid rest on the basemap.
func TestBrokenStory(t *testing.T) {
	t.Parallel()
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html?data=testdata/broken.geojson", "error")
	img := screenshot(t, ctx, "broken-story")
	note := text(t, ctx, `document.getElementById("map-note").innerText`)
	for _, want := range []string{
		`feature 1 ("erbil"): properties.name: is required`,
		`feature 2 ("bad-date"): properties.time: "2025-02-30" is not an ISO 8601 date`,
	} {
		if !strings.Contains(note, want) {
			t.Errorf("error note %q does not contain %q", note, want)
		}
	}
	if got := text(t, ctx, `document.getElementById("card-title").textContent`); got != "A valid event" {
		t.Errorf("the valid event is not shown: card title %q", got)
	}
	// The basemap still draws: the bottom of the map (away from the legend
	// on the left) is not blank.
	r := canvasRect(t, ctx)
	c := pixel(img, orb.Point{r.X + r.W/2, r.Y + r.H - 30}, 1)
	if dist(c, color.NRGBA{0, 0, 0, 255}) < 20 || dist(c, color.NRGBA{255, 255, 255, 255}) < 5 {
		t.Errorf("the map looks blank under the error: pixel %v", c)
	}
}

func TestUnreadableStories(t *testing.T) {
	for _, tc := range []struct{ name, query, want string }{
		{"not-json", "?data=testdata/not-json.geojson", "not valid JSON"},
		{"missing", "?data=testdata/nothing-here.geojson", "HTTP 404"},
		{"other-origin", "?data=https://evil.example/story.geojson", "refused"},
		{"bad-view", "?view=99,0,3", "view="},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := tab(t, 600, 500, 1)
			open(t, ctx, "/embed.html"+tc.query, "error")
			if note := text(t, ctx, `document.getElementById("map-note").innerText`); !strings.Contains(note, tc.want) {
				t.Errorf("error note %q does not contain %q", note, tc.want)
			}
			// The title says what became of the story (the demo's, with a bad view).
			want := "The story could not be loaded"
			if tc.name == "bad-view" {
				want = "U.S. orders diplomats"
			}
			if got := text(t, ctx, `document.getElementById("story-title").textContent`); !strings.Contains(got, want) {
				t.Errorf("title %q, want %q", got, want)
			}
		})
	}
}

// TestDragAndWheel pans by dragging and zooms with the wheel about the cursor,
// checked through the current site (Al-Asad), where the view puts it, and its
// label, which follows it.
func TestDragAndWheel(t *testing.T) {
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html?view=33,45,5", "ready")
	r := canvasRect(t, ctx)
	asad, _ := demo(t).Site("al-asad")
	// label is the centre of the current site's marker, on the page; its
	// label is placed beside it (on any side that is free).
	label := func() orb.Point {
		p := currentView(t, ctx, r).Screen(asad.LonLat)
		p = orb.Point{p[0] + r.X, p[1] + r.Y}
		b, err := chromedp.Run(ctx, chromedp.Evaluate[struct{ X, Y, W, H float64 }](`(() => { const b = document.querySelector(".label.current").getBoundingClientRect(); return {X: b.left, Y: b.top, W: b.width, H: b.height}; })()`))
		if err != nil {
			t.Fatal(err)
		}
		dx := max(b.X-p[0], 0, p[0]-b.X-b.W)
		dy := max(b.Y-p[1], 0, p[1]-b.Y-b.H)
		if math.Hypot(dx, dy) > 24 {
			t.Errorf("the label of the current site %+v is not beside its marker at %v", b, p)
		}
		return p
	}
	before := label()
	cx, cy := r.X+r.W/2, r.Y+r.H/2
	dragSlowly(t, ctx, cx, cy, 120, 40)
	// Where the map rests: while the mouse holds it the frame drawn moves
	// on the compositor, and data-view follows only the frames drawn (one
	// when the pan passes the margin, one when it is let go).
	settledView(t, ctx, "document", r)
	after := label()
	if math.Abs(after[0]-before[0]-120) > 1 || math.Abs(after[1]-before[1]-40) > 1 {
		t.Fatalf("after a drag of (120, 40) the label moved from %v to %v", before, after)
	}

	// 150 px of wheel up at the site's marker zooms in half a level about
	// it: the marker stays where it is (within a pixel). Labels may move to
	// the other side of their marker at a new zoom, so the check uses the
	// view (data-view) once the animated zoom has ended.
	v0 := currentView(t, ctx, r)
	anchor := v0.Screen(asad.LonLat)
	if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseWheel, r.X+anchor[0], r.Y+anchor[1], func(p *input.DispatchMouseEventParams) { p.DeltaX, p.DeltaY = 1e-9, -150 })); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, `document.documentElement.dataset.view`, ",5.500")
	if p := currentView(t, ctx, r).Screen(asad.LonLat); math.Abs(p[0]-anchor[0]) > 1 || math.Abs(p[1]-anchor[1]) > 1 {
		t.Errorf("zooming about a site moved its marker from %v to %v", anchor, p)
	}
}

// TestTabLeavesTheMap: Ebitengine cancels every key on its canvas; the page
// must let Tab move the focus on.
func TestTabLeavesTheMap(t *testing.T) {
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html", "ready")
	err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("canvas")), chromedp.KeyEvent(kb.Tab))
	if err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, `document.activeElement.tagName + "#" + document.activeElement.id`); strings.HasPrefix(got, "CANVAS") {
		t.Errorf("Tab did not leave the map: focus is on %s", got)
	}
	if got := text(t, ctx, `document.querySelector("canvas").getAttribute("aria-label") ?? ""`); got == "" {
		t.Errorf("the map canvas has no accessible name: %s", text(t, ctx, `document.querySelector("canvas").outerHTML`))
	}
}

// TestArticlePage: the mock article embeds the widget in an iframe and shows
// the snippet; screenshots at phone and desktop width, light and dark.
func TestArticlePage(t *testing.T) {
	for _, tc := range []struct {
		name  string
		w, h  int64
		ratio float64
		query string
	}{
		{"phone-light", 375, 740, 2, ""},
		{"phone-dark", 375, 740, 2, "?dark=true"},
		{"desktop-dark", 1000, 700, 1, "?dark=true"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := tab(t, tc.w, tc.h, tc.ratio)
			open(t, ctx, "/embed.html"+tc.query, "ready")
			screenshot(t, ctx, "embed-"+tc.name)
			// Nothing sticks out sideways at phone width.
			if got := text(t, ctx, `String(document.documentElement.scrollWidth <= window.innerWidth)`); got != "true" {
				t.Errorf("the embed scrolls sideways at %d px", tc.w)
			}
		})
	}
	ctx := tab(t, 1000, 1400, 1)
	if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+"/index.html")); err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, `document.getElementById("snippet").textContent`); !strings.Contains(got, `<iframe src=`) {
		t.Errorf("the embed snippet is missing: %q", got)
	}
	// Wait until the widget in the iframe is ready.
	var state string
	for i := 0; i < 600 && state != "ready"; i++ {
		state = text(t, ctx, `document.querySelector("iframe").contentDocument?.documentElement?.dataset.mapline ?? ""`)
		time.Sleep(100 * time.Millisecond)
	}
	if state != "ready" {
		t.Fatalf("the embedded widget did not become ready: %q", state)
	}
	screenshot(t, ctx, "article-desktop")
}

// axeViolations runs axe-core (testdata/axe) on the page in ctx and returns
// each violation as "id (impact): target: summary | …".
func axeViolations(t *testing.T, ctx context.Context) []string {
	t.Helper()
	src, err := os.ReadFile("testdata/axe/axe.min.js")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](string(src)+";true")); err != nil {
		t.Fatalf("injecting axe: %v", err)
	}
	out, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => v.id + " (" + v.impact + "): " + v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary).join(" | ")))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe.run: %v", err)
	}
	return out
}
