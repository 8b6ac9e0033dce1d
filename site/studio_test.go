package site

// Browser tests of studio.html, driven as a reporter would: open a sheet,
// read the problems, fix a cell, watch the preview, copy the embed code and
// publish it.

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mapline/internal/browser"
)

// studioSheet has one bad date, on row 4 (row 3 is empty).
const studioSheet = "date,headline,source,place,lat,lon\n" +
	"2025-06-11,Embassy staff ordered out,https://example.org/a,Baghdad,33.31,44.36\n" +
	"\n" +
	"2025-02-30,Talks in Muscat,https://example.org/b,Muscat,23.61,58.54\n" +
	"2025-06-13,Drone over Erbil,https://example.org/c,Erbil,36.19,44.01\n"

// studioTab is tab with time for a whole session in the studio (the
// preview reloads its embed after each change).
func studioTab(t *testing.T, w, h int64) context.Context {
	t.Helper()
	if skipWhy != "" {
		t.Skip(skipWhy)
	}
	ctx, cancel, err := browser.Tab(browserCtx, w, h, 1, 4*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cancel)
	return ctx
}

// openStudio opens studio.html with nothing kept from an earlier test and
// gives it file, written under name.
func openStudio(t *testing.T, ctx context.Context, name, data string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	// Tabs share the origin's storage: forget another test's work before
	// the page's script reads it.
	if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+"/embed.js")); err != nil {
		t.Fatal(err)
	}
	text(t, ctx, `localStorage.clear(), ""`)
	err := chromedp.Do(ctx,
		chromedp.Navigate(baseURL+"/studio.html"),
		chromedp.WaitReady(chromedp.CSS(`#file`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{path})); err != nil {
		t.Fatal(err)
	}
}

func studioState(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	waitContains(t, ctx, `document.documentElement.dataset.studio + ""`, want, 60*time.Second)
}

// previewText is the text of the preview's embed once it is ready (the
// preview is of this origin: the test may look inside).
const previewText = `(function () { var d = document.getElementById("preview").contentDocument; return d && d.documentElement && d.body && d.documentElement.dataset.mapline === "ready" ? d.body.textContent : ""; })()`

// TestStudioAsAReporter: a sheet with one bad date shows the problem with its
// row in the command line's words; the problem's link selects the row's date;
// fixing it inline clears the problem and brings the event to the preview;
// the embed code, published with the story, shows the story in a host page.
func TestStudioAsAReporter(t *testing.T) {
	ctx := studioTab(t, 1280, 1000)
	openStudio(t, ctx, "events.csv", studioSheet)
	studioState(t, ctx, "ready")

	problems := text(t, ctx, `[...document.querySelectorAll("#problems li.error")].map(li => li.textContent).join("\n")`)
	if !strings.HasPrefix(problems, "events.csv: row 4: column date: ") || strings.Contains(problems, "\n") {
		t.Fatalf("errors listed:\n%s\nwant one, events.csv: row 4: column date: …", problems)
	}
	waitContains(t, ctx, previewText, "Drone over Erbil", 60*time.Second)
	if got := text(t, ctx, previewText); strings.Contains(got, "Talks in Muscat") {
		t.Errorf("the preview shows the row with the bad date")
	}
	screenshot(t, ctx, "studio-problem")

	// The problem is a button: Enter on it selects row 4's date.
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(`#problems li.error button`)), chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, `(function () { var a = document.activeElement; return a.closest("tr").querySelector("th").textContent + " " + a.dataset.field + " " + a.value; })()`); got != "row 4 date 2025-02-30" {
		t.Fatalf("after the problem's link, the focus is on %q, want row 4 date 2025-02-30", got)
	}
	checks := text(t, ctx, `document.documentElement.dataset.checks`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\b\b")); err != nil { // 2025-02-30 → 2025-02-
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("28")); err != nil {
		t.Fatal(err)
	}
	waitContains(t, ctx, `document.documentElement.dataset.checks !== `+jsString(checks)+` ? document.getElementById("problems-count").textContent : ""`, "No problems", 30*time.Second)
	waitContains(t, ctx, previewText, "Talks in Muscat", 60*time.Second)
	screenshot(t, ctx, "studio-fixed")

	// "Use this view" takes the preview's view into the code.
	waitContains(t, ctx, `document.getElementById("view-now").textContent`, "The preview is at ", 30*time.Second)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#use-view`))); err != nil {
		t.Fatal(err)
	}
	view := text(t, ctx, `document.getElementById("opt-view").value`)
	if strings.Count(view, ",") != 2 {
		t.Fatalf("after Use this view, the view is %q, want LAT,LON,ZOOM", view)
	}
	waitContains(t, ctx, `document.getElementById("code-iframe").value`, "view="+strings.ReplaceAll(view, ",", "%2C"), 10*time.Second)

	// The poster, drawn by the studio's wasm.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#poster-svg`))); err != nil {
		t.Fatal(err)
	}
	waitContains(t, ctx, `document.getElementById("status").textContent`, "The poster is downloaded (SVG", 60*time.Second)

	// Where the story will be published, then the code, copied.
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`#opt-data`), "published/events.geojson"),
		chromedp.SetValue(chromedp.CSS(`#opt-title`), "Talks & departures"),
	); err != nil {
		t.Fatal(err)
	}
	text(t, ctx, `["opt-data", "opt-title"].forEach(id => document.getElementById(id).dispatchEvent(new Event(id === "opt-title" ? "input" : "change"))), ""`)
	waitContains(t, ctx, `document.getElementById("code-host").value`, "data=published%2Fevents.geojson", 10*time.Second)
	waitContains(t, ctx, `document.getElementById("code-iframe").value`, `title="Talks &amp; departures"`, 10*time.Second)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#copy-host`))); err != nil {
		t.Fatal(err)
	}
	waitContains(t, ctx, `document.getElementById("status").textContent`, "Copied", 10*time.Second)
	code := text(t, ctx, `document.getElementById("code-host").value`)
	// The story as the download button gives it: the preview's story, once
	// it has the title.
	waitContains(t, ctx, previewText, "Talks & departures", 60*time.Second)
	// The preview is an ordinary embed of this site, under studio-preview/
	// (site/studio-preview.js), with a same-origin data= URL: the reader's
	// embed has no code for the studio.
	if got := text(t, ctx, `(() => { const f = document.getElementById("preview"), u = new URL(f.src), d = new URL(u.searchParams.get("data"), u); return [u.pathname, d.origin === location.origin, /^story-[a-z0-9-]+\.geojson$/.test(u.searchParams.get("data")), !!navigator.serviceWorker && f.contentWindow.navigator.serviceWorker.controller !== null].join(" ") })()`); got != "/studio-preview/embed.html true true true" {
		t.Errorf("the preview (path, same-origin story, story name, served by the worker): %q", got)
	}
	story, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const f = document.getElementById("preview"); return f.contentWindow.fetch(new URL(new URL(f.src).searchParams.get("data"), f.src)).then(r => r.text()) })()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(story, `"Talks & departures"`) || !strings.Contains(story, "Talks in Muscat") {
		t.Fatalf("the story lacks its title or the fixed row:\n%.400s", story)
	}

	// Published: the story under published/, the code in a host page.
	if err := os.WriteFile(filepath.Join(publishedDir, "events.geojson"), []byte(story), 0o644); err != nil {
		t.Fatal(err)
	}
	host := "<!doctype html><html lang=en><head><title>Host</title></head><body><h1>An article</h1>\n" + code + "</body></html>\n"
	if err := os.WriteFile(filepath.Join(publishedDir, "host.html"), []byte(host), 0o644); err != nil {
		t.Fatal(err)
	}
	hctx := tab(t, 1000, 900, 1)
	if err := chromedp.Do(hctx, chromedp.Navigate(baseURL+"/published/host.html")); err != nil {
		t.Fatal(err)
	}
	inner := `(function () { var f = document.querySelector("iframe"); var d = f && f.contentDocument; return d && d.documentElement && d.body && d.documentElement.dataset.mapline === "ready" ? f.title + " | " + d.getElementById("story-title").textContent + " | " + d.body.textContent : ""; })()`
	waitContains(t, hctx, inner, "Talks & departures | Talks & departures", 90*time.Second)
	if got := text(t, hctx, inner); !strings.Contains(got, "Talks in Muscat") {
		t.Errorf("the published embed lacks the fixed event: %.300q", got)
	}
	screenshot(t, hctx, "studio-published")
}

// TestStudioRefusesBadFiles: a file that is not a sheet nor a story gets the
// command line's message, and hostile text in a sheet stays text.
func TestStudioRefusesBadFiles(t *testing.T) {
	for _, tc := range []struct {
		name, file, data, want string
	}{
		{"not-a-story", "x.geojson", `{"type": "Feature"}`, "not a story"},
		{"not-windows-1252", "x.csv", "date,title\n2025-01-01,\x81\xff\n", "not UTF-8, nor Windows-1252"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := studioTab(t, 1000, 800)
			openStudio(t, ctx, tc.file, tc.data)
			waitContains(t, ctx, `document.getElementById("error").textContent`, tc.want, 60*time.Second)
		})
	}
	t.Run("hostile-text", func(t *testing.T) {
		ctx := studioTab(t, 1000, 800)
		openStudio(t, ctx, "h.csv", "date,headline,lat,lon\n2025-13-01,\"<img src=x onerror=\"\"document.title='owned'\"\">\",1,2\n")
		studioState(t, ctx, "ready")
		if got := text(t, ctx, `document.querySelectorAll("#problems img, #rows img").length + " " + document.title`); strings.Contains(got, "owned") || !strings.HasPrefix(got, "0 ") {
			t.Errorf("hostile text became markup: %s", got)
		}
		if got := text(t, ctx, `document.querySelector('#rows input[data-field="title"]').value`); !strings.HasPrefix(got, "<img") {
			t.Errorf("the title cell is %q, want the text as written", got)
		}
	})
}

// TestStudioPreviewRefusesForeignBlobs: a page of another origin that makes
// a blob: story and points the embed at it gets a refusal, not a map of its
// story: only the embed's own origin can hand it a story so.
func TestStudioPreviewRefusesForeignBlobs(t *testing.T) {
	if skipWhy != "" {
		t.Skip(skipWhy)
	}
	foreign := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, `<!doctype html><title>foreign</title><body><script>
var u = URL.createObjectURL(new Blob(['{"type":"FeatureCollection","title":"Forged","features":[]}'], {type: "application/geo+json"}));
window.addEventListener("message", function (e) { if (e.data && e.data.type === "error") document.body.setAttribute("data-heard", "error: " + e.data.message); if (e.data && e.data.type === "ready") document.body.setAttribute("data-heard", "ready"); });
var f = document.createElement("iframe"); f.src = %q + "/embed.html?lazy=false&data=" + encodeURIComponent(u); document.body.appendChild(f);
</script></body>`, baseURL)
	}))
	t.Cleanup(foreign.Close)
	ctx := studioTab(t, 1000, 800)
	if err := chromedp.Do(ctx, chromedp.Navigate(foreign.URL+"/")); err != nil {
		t.Fatal(err)
	}
	waitContains(t, ctx, `document.body.getAttribute("data-heard") || ""`, "refused", 60*time.Second)
}

// TestStudioKeepsWork: an edit survives a reload; "Start over" forgets it.
func TestStudioKeepsWork(t *testing.T) {
	ctx := studioTab(t, 1000, 900)
	openStudio(t, ctx, "events.csv", studioSheet)
	studioState(t, ctx, "ready")
	sel := `#rows tr[data-row="1"] input[data-field="date"]`
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(sel)), chromedp.KeyEvent("\b\b28")); err != nil {
		t.Fatal(err)
	}
	waitContains(t, ctx, `document.getElementById("problems-count").textContent`, "No problems", 30*time.Second)
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	studioState(t, ctx, "ready")
	if got := text(t, ctx, `document.querySelector('`+sel+`').value + " " + document.getElementById("problems-count").textContent`); !strings.HasPrefix(got, "2025-02-28 No problems") {
		t.Errorf("after a reload: %q, want the fixed date and no problems", got)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#start-over`))); err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, `document.documentElement.dataset.studio + " " + (localStorage.getItem("mapline-studio") === null) + " " + document.getElementById("work").hidden`); got != "empty true true" {
		t.Errorf("after Start over: %q, want empty true true", got)
	}
}

// TestStudioAxe runs axe-core on the studio with a file open, light and
// dark, and wants no violations; it saves the screenshots a person looks at.
func TestStudioAxe(t *testing.T) {
	for _, c := range []struct {
		name   string
		w, h   int64
		scheme string
	}{{"desktop-light", 1280, 1000, "light"}, {"desktop-dark", 1280, 1000, "dark"}, {"phone-light", 375, 800, "light"}, {"phone-dark", 375, 800, "dark"}} {
		t.Run(c.name, func(t *testing.T) {
			ctx := studioTab(t, c.w, c.h)
			colorScheme(t, ctx, c.scheme)
			openStudio(t, ctx, "events.csv", studioSheet)
			studioState(t, ctx, "ready")
			waitContains(t, ctx, `document.documentElement.dataset.preview || ""`, "ready", 60*time.Second)
			// With Pick on map pressed: the pressed toggle is checked too.
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#pick`))); err != nil {
				t.Fatal(err)
			}
			screenshot(t, ctx, "studio-"+c.name)
			for _, v := range axeViolations(t, ctx) {
				t.Errorf("axe %s: %s", c.name, v)
			}
		})
	}
}

// TestStudioPickOnMap: with "Pick on map" pressed, a click on the preview's
// map sets the selected row's lat and lon (the place under the click, from
// the preview's view), and the problems are checked again: the row's bad
// latitude is gone and the event comes onto the map.
func TestStudioPickOnMap(t *testing.T) {
	const sheet = "date,headline,source,place,lat,lon\n" +
		"2025-06-11,Embassy staff ordered out,https://example.org/a,Baghdad,33.31,44.36\n" +
		"2025-06-13,Drone over Erbil,https://example.org/c,Erbil,north,44.01\n"
	ctx := studioTab(t, 1280, 1000)
	openStudio(t, ctx, "pick.csv", sheet)
	studioState(t, ctx, "ready")
	waitContains(t, ctx, `[...document.querySelectorAll("#problems li.error")].map(li => li.textContent).join("\n")`, "row 3: column lat", 30*time.Second)
	waitContains(t, ctx, previewText, "Embassy staff ordered out", 60*time.Second)
	// The problem's link selects row 3; the toggle is pressed.
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(`#problems li.error button`)), chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#pick`))); err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, `document.getElementById("pick").getAttribute("aria-pressed")`); got != "true" {
		t.Fatalf("Pick on map: aria-pressed=%s", got)
	}
	// The preview's view once it rests, and the page point at the centre
	// of its map.
	const previewView = `document.getElementById("preview").contentDocument.documentElement.dataset.view || ""`
	view := ""
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(500 * time.Millisecond) {
		v := text(t, ctx, previewView)
		if v != "" && v == view {
			break
		}
		view = v
	}
	var lat, lon, zoom float64
	if _, err := fmt.Sscanf(view, "%g,%g,%g", &lat, &lon, &zoom); err != nil {
		t.Fatalf("the preview's view %q: %v", view, err)
	}
	at := text(t, ctx, `(() => { const f = document.getElementById("preview"), fr = f.getBoundingClientRect(), c = f.contentDocument.querySelector("canvas").getBoundingClientRect(); return [fr.left + f.clientLeft + c.left + c.width / 2, fr.top + f.clientTop + c.top + c.height / 2].join(",") })()`)
	var x, y float64
	if _, err := fmt.Sscanf(at, "%g,%g", &x, &y); err != nil {
		t.Fatalf("the map's centre %q: %v", at, err)
	}
	checks := text(t, ctx, `document.documentElement.dataset.checks`)
	if err := chromedp.Do(ctx,
		chromedp.MouseEvent(chromedp.MousePressed, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.MouseEvent(chromedp.MouseReleased, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
	); err != nil {
		t.Fatal(err)
	}
	waitContains(t, ctx, `document.documentElement.dataset.checks !== `+jsString(checks)+` ? document.getElementById("problems-count").textContent : ""`, "No problems", 30*time.Second)
	cells := text(t, ctx, `[...document.querySelectorAll('#rows tr[data-row="1"] input[data-field="lat"], #rows tr[data-row="1"] input[data-field="lon"]')].map(i => i.value).join(",")`)
	var gotLat, gotLon float64
	if _, err := fmt.Sscanf(cells, "%g,%g", &gotLat, &gotLon); err != nil {
		t.Fatalf("row 3's lat,lon = %q: %v", cells, err)
	}
	// The centre of the map, within a pixel or so at the preview's zoom.
	tol := 360 / (256 * math.Pow(2, zoom)) * 2
	if math.Abs(gotLat-lat) > tol || math.Abs(gotLon-lon) > tol {
		t.Errorf("row 3 is at %g,%g; the click was at the preview's centre %g,%g (±%g)", gotLat, gotLon, lat, lon, tol)
	}
	waitContains(t, ctx, previewText, "Drone over Erbil", 60*time.Second)
	screenshot(t, ctx, "studio-pick")
}
