package site

// Browser tests of the embedding: the first paint before the wasm, lazy
// loading, the host script (embed.js) with its height fitting and API, the
// postMessage protocol's guard, a host page under a strict CSP, and three
// embeds on one page.

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/paulmach/orb"
)

// navigate starts loading a page without waiting for it to load (a held
// request may keep its load event from firing).
func navigate(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: baseURL + path}); err != nil {
		t.Fatal(err)
	}
}

// holdWasm pauses every request for a .wasm file in the tab until release is
// called; held reports how many requests it has held so far.
func holdWasm(t *testing.T, ctx context.Context) (held func() int, release func()) {
	t.Helper()
	var mu sync.Mutex
	var ids []fetch.RequestID
	released := false
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			mu.Lock()
			ids = append(ids, e.RequestID)
			r := released
			mu.Unlock()
			if r {
				go chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: e.RequestID})
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*.wasm"}}}); err != nil {
		t.Fatal(err)
	}
	held = func() int { mu.Lock(); defer mu.Unlock(); return len(ids) }
	release = func() {
		mu.Lock()
		released = true
		todo := ids
		mu.Unlock()
		for _, id := range todo {
			if _, err := chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: id}); err != nil {
				t.Errorf("releasing the wasm: %v", err)
			}
		}
	}
	return held, release
}

// TestFirstPaint holds the wasm request: meanwhile the page shows the story
// (title, the opening event's card, the list) and the poster, with a
// progress bar; when the wasm arrives the map takes over and the text the
// reader saw stays the same.
func TestFirstPaint(t *testing.T) {
	for _, tc := range []struct {
		name   string
		w, h   int64
		dark   string
		poster string // the one that fits best
	}{
		{"desktop-light", 1100, 700, "false", "poster-wide"},
		{"phone-dark", 375, 640, "true", "poster-square"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := tab(t, tc.w, tc.h, 1)
			held, release := holdWasm(t, ctx)
			navigate(t, ctx, "/embed.html?dark="+tc.dark)
			for end := time.Now().Add(15 * time.Second); held() == 0; time.Sleep(50 * time.Millisecond) {
				if time.Now().After(end) {
					t.Fatal("the wasm was never requested")
				}
			}
			// The wasm is asked for from the page's head, before the body is
			// parsed: wait for the page script to have started the map.
			waitText(t, ctx, `String(document.readyState !== "loading" && ["", "waiting"].indexOf(document.documentElement.dataset.load || "") < 0)`, "true")
			// The wasm is on its way and held: what does the reader see?
			s := demo(t)
			if got := text(t, ctx, `document.getElementById("story-title").textContent`); got != s.Title {
				t.Errorf("title before the wasm: %q, want %q", got, s.Title)
			}
			if got := text(t, ctx, `document.getElementById("card-title").textContent`); got != s.Events[0].Title {
				t.Errorf("card before the wasm: %q, want the first event %q", got, s.Events[0].Title)
			}
			if got := text(t, ctx, `String(document.querySelectorAll("#events li").length)`); got != strconv.Itoa(len(s.Events)) {
				t.Errorf("the list before the wasm has %s events, want %d", got, len(s.Events))
			}
			if got := text(t, ctx, `getComputedStyle(document.getElementById("loader")).display`); got == "none" {
				t.Error("no progress bar while the wasm loads")
			}
			// The poster on show is the one for this width, and fills the map.
			poster := `(() => { const s = [...document.querySelectorAll("#poster svg")].find(s => s.getBoundingClientRect().width > 0);
				const r = s.getBoundingClientRect(), m = document.getElementById("poster").getBoundingClientRect();
				return s.closest("div").className + " " + (Math.abs(r.width - m.width) < 1 && Math.abs(r.height - m.height) < 1); })()`
			want := tc.poster + " picked true"
			if got := text(t, ctx, poster); got != want {
				t.Errorf("poster: %q, want %q", got, want)
			}
			if got := text(t, ctx, `document.documentElement.dataset.mapline`); got != "loading" {
				t.Errorf("data-mapline %q before the wasm", got)
			}
			still := screenshot(t, ctx, "first-paint-"+tc.name)
			before := text(t, ctx, `document.getElementById("events").innerText + "|" + document.getElementById("card").innerText`)
			release()
			waitContains(t, ctx, `document.documentElement.dataset.mapline`, "ready", 60*time.Second)
			after := text(t, ctx, `document.getElementById("events").innerText + "|" + document.getElementById("card").innerText`)
			if before != after {
				t.Errorf("the story's text changed when the map took over:\nbefore %q\nafter  %q", before, after)
			}
			if got := text(t, ctx, `getComputedStyle(document.getElementById("loader")).display + "," + getComputedStyle(document.getElementById("poster")).display`); got != "none,none" {
				t.Errorf("the progress bar and the poster stay after the map is ready (display %s)", got)
			}
			// Same view, same colours: the map area of the poster and of the
			// live map agree but for labels, the key and the markers' halos.
			// Wait for the map to settle first (labels, key).
			time.Sleep(time.Second)
			live := screenshot(t, ctx, "first-paint-"+tc.name+"-live")
			r, err := chromedp.Run(ctx, chromedp.Evaluate[rect](`(() => { const r = document.getElementById("map-overlay").getBoundingClientRect(); return {X: r.left, Y: r.top, W: r.width, H: r.height}; })()`))
			if err != nil {
				t.Fatal(err)
			}
			same, all := 0, 0
			for y := r.Y + 2; y < r.Y+r.H-2; y += 4 {
				for x := r.X + 2; x < r.X+r.W-2; x += 4 {
					all++
					if dist(pixel(still, orb.Point{x, y}, 1), pixel(live, orb.Point{x, y}, 1)) < 40 {
						same++
					}
				}
			}
			if all < 100 {
				t.Fatalf("the map area %+v is too small to compare", r)
			}
			if frac := float64(same) / float64(all); frac < 0.85 {
				t.Errorf("only %.0f%% of the map's pixels are the same in the poster and the live map: it jumps", frac*100)
			} else {
				t.Logf("%.1f%% of the map's pixels agree between the poster and the live map", frac*100)
			}
		})
	}
}

// TestStaticClick: static=click keeps the still map until the reader asks,
// with a real button; the button loads the map.
func TestStaticClick(t *testing.T) {
	ctx := tab(t, 900, 650, 1)
	navigate(t, ctx, "/embed.html?static=click")
	waitText(t, ctx, `document.documentElement?.dataset.load ?? ""`, "waiting")
	time.Sleep(time.Second) // nothing starts by itself
	if got := text(t, ctx, `String(performance.getEntriesByType("resource").filter(e => e.name.endsWith(".wasm")).length)`); got != "0" {
		t.Fatalf("static=click fetched the wasm before a click (%s requests)", got)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#load-map"))); err != nil {
		t.Fatal(err)
	}
	waitContains(t, ctx, `document.documentElement.dataset.mapline`, "ready", 60*time.Second)
}

// frameJS evaluates js inside the iframe of the host page's embed with the
// given id (the div's id).
func frameJS(id, js string) string {
	return `(() => { const f = document.querySelector("#` + id + ` iframe"); const w = f && f.contentWindow; if (!w || !w.document) return ""; return (function(document, window) { return String(` + js + `); })(w.document, w); })()`
}

// wasmRequests counts the wasm requests of the embed with the given id.
func wasmRequests(id string) string {
	return frameJS(id, `window.performance.getEntriesByType("resource").filter(e => e.name.indexOf(".wasm") >= 0).length`)
}

// TestArticleEmbeds: the demo article has three embeds; those near the
// viewport start their wasm, the one far below waits until the reader
// scrolls to it; all three reach ready; the page never scrolls sideways.
func TestArticleEmbeds(t *testing.T) {
	ctx := tab(t, 1000, 800, 1)
	if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+"/index.html")); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"map-story", "map-iraq"} {
		waitContains(t, ctx, frameJS(id, `document.documentElement.dataset.mapline`), "ready", 90*time.Second)
	}
	if got := text(t, ctx, frameJS("map-iran", `document.documentElement.dataset.load`)); got != "waiting" {
		t.Errorf("the embed far below the fold: data-load %q, want waiting", got)
	}
	if got := text(t, ctx, wasmRequests("map-iran")); got != "0" {
		t.Errorf("the embed far below the fold fetched the wasm %s times before the reader scrolled", got)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("map-iran").scrollIntoView()`)); err != nil {
		t.Fatal(err)
	}
	waitContains(t, ctx, frameJS("map-iran", `document.documentElement.dataset.mapline`), "ready", 90*time.Second)
	screenshot(t, ctx, "article-third-embed")

	ctx = tab(t, 375, 700, 2)
	if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+"/index.html")); err != nil {
		t.Fatal(err)
	}
	waitContains(t, ctx, frameJS("map-story", `document.documentElement.dataset.mapline`), "ready", 90*time.Second)
	if got := text(t, ctx, `String(document.documentElement.scrollWidth <= window.innerWidth)`); got != "true" {
		t.Error("the article scrolls sideways at 375 px")
	}
	screenshot(t, ctx, "article-phone")
}

// TestHostAPI drives an embed from its host page: the iframe's height
// follows the content when the list opens; goto moves the timeline and an
// eventchange comes back; malformed and foreign messages change nothing.
func TestHostAPI(t *testing.T) {
	ctx := tab(t, 375, 700, 1)
	if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+"/index.html")); err != nil {
		t.Fatal(err)
	}
	const id = "map-story"
	waitContains(t, ctx, frameJS(id, `document.documentElement.dataset.mapline`), "ready", 90*time.Second)
	height := `String(document.querySelector("#map-story iframe").getBoundingClientRect().height)`
	h0 := atof(t, text(t, ctx, height))

	// The list opens: the iframe grows to show it.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](frameJS(id, `document.getElementById("list-toggle").click()`))); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, ctx, "the iframe to grow with the open list", func() bool { return atof(t, text(t, ctx, height)) > h0+200 })
	h1 := atof(t, text(t, ctx, height))
	listH := atof(t, text(t, ctx, frameJS(id, `document.getElementById("story-list").scrollHeight`)))
	if h1 < listH {
		t.Errorf("iframe %v px tall with the list of %v px open: the list is cut", h1, listH)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](frameJS(id, `document.getElementById("list-toggle").click()`))); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, ctx, "the iframe to shrink back", func() bool { return atof(t, text(t, ctx, height)) < h0+2 })

	// goto through the API: the timeline moves, eventchange comes back to the host.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`mapline.get(document.getElementById("map-story")).goto("ordered-departure")`)); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, frameJS(id, `document.documentElement.dataset.event`), "ordered-departure")
	waitText(t, ctx, frameJS(id, `document.getElementById("card-title").textContent`), "Diplomats ordered out")
	waitText(t, ctx, `document.querySelector(".now").dataset.event || ""`, "ordered-departure")
	// A date goes to the last event of that day or before.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`mapline.get("#map-story").goto("2025-05-01")`)); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, frameJS(id, `document.documentElement.dataset.event`), "talks-round-3")

	// Malformed messages from the host, and a well-formed one from a
	// window that is not the host: nothing changes.
	bad := `(() => { const w = document.querySelector("#map-story iframe").contentWindow;
		w.postMessage("goto ordered-departure", "*");
		w.postMessage({mapline: 2, type: "goto", id: "talks-round-6"}, "*");
		w.postMessage({mapline: 1, type: "goto", id: 42}, "*");
		w.postMessage({mapline: 1, type: "eval", id: "talks-round-6"}, "*");
		w.postMessage({mapline: 1, type: "goto", id: "talks-round-6".repeat(40)}, "*");
		w.postMessage({mapline: 1, type: "goto", id: ["talks-round-6"]}, "*");
		w.postMessage({mapline: 1, type: "setView", view: "javascript:alert(1)"}, "*");
		w.postMessage(null, "*");
		const other = document.createElement("iframe");
		other.id = "intruder";
		other.src = "/testdata/intruder.html";
		document.body.appendChild(other);
	})()`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](bad)); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, `document.getElementById("intruder").contentDocument?.title ?? ""`, "sent")
	time.Sleep(1500 * time.Millisecond)
	if got := text(t, ctx, frameJS(id, `document.documentElement.dataset.event`)); got != "talks-round-3" {
		t.Errorf("a malformed or foreign message moved the map to %q", got)
	}
	// The channel still works after them.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`mapline.get("#map-story").goto("talks-round-6")`)); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, frameJS(id, `document.documentElement.dataset.event`), "talks-round-6")
}

// waitUntil polls ok for up to 15 s.
func waitUntil(t *testing.T, ctx context.Context, what string, ok func() bool) {
	t.Helper()
	for end := time.Now().Add(15 * time.Second); !ok(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("waiting for %s", what)
		}
	}
}

func atof(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return f
}

// TestStrictCSPHost: a host page served with a Content-Security-Policy that
// forbids inline script (and the embed with site.CSP) works: the embed is
// made, fitted and ready, and the console reports no CSP violation.
func TestStrictCSPHost(t *testing.T) {
	ctx := tab(t, 900, 700, 1)
	var mu sync.Mutex
	var violations []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*log.EventEntryAdded); ok && strings.Contains(e.Entry.Text, "Content Security Policy") {
			mu.Lock()
			violations = append(violations, e.Entry.Text)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, log.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+"/csp/host.html")); err != nil {
		t.Fatal(err)
	}
	waitContains(t, ctx, `(() => { const f = document.querySelector("iframe"); return f && f.contentDocument ? f.contentDocument.documentElement.dataset.mapline : ""; })()`, "ready", 90*time.Second)
	if got := text(t, ctx, `String(window.inlineRan === undefined)`); got != "true" {
		t.Error("the test page's inline script ran: the CSP header is not in force")
	}
	mu.Lock()
	defer mu.Unlock()
	var ours []string
	for _, v := range violations {
		if !strings.Contains(v, "inlineRan") && !strings.Contains(v, "inline script") {
			ours = append(ours, v)
		}
	}
	if len(ours) > 0 {
		t.Errorf("CSP violations: %q", ours)
	}
}

// TestFallbacks: without WebGL 2, or when the wasm cannot be fetched, the
// poster and the story in HTML stay, with a one-line note; nothing is blank.
func TestFallbacks(t *testing.T) {
	for _, tc := range []struct {
		name, note string
		setup      func(t *testing.T, ctx context.Context)
	}{
		{"no-webgl2", "WebGL 2", func(t *testing.T, ctx context.Context) {
			src := `(() => { const get = HTMLCanvasElement.prototype.getContext;
				HTMLCanvasElement.prototype.getContext = function (kind, opts) { return kind === "webgl2" ? null : get.call(this, kind, opts); }; })()`
			if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src}); err != nil {
				t.Fatal(err)
			}
		}},
		{"wasm-fails", "could not be loaded", func(t *testing.T, ctx context.Context) {
			if err := chromedp.Listen(ctx, func(ev any) {
				if e, ok := ev.(*fetch.EventRequestPaused); ok {
					go chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: e.RequestID, ErrorReason: network.ErrorReasonFailed})
				}
			}); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*.wasm"}}}); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := tab(t, 800, 600, 1)
			tc.setup(t, ctx)
			navigate(t, ctx, "/embed.html")
			waitContains(t, ctx, `document.documentElement?.dataset.mapline ?? ""`, "error", 30*time.Second)
			waitText(t, ctx, `document.getElementById("map-note").textContent`, tc.note)
			if got := text(t, ctx, `getComputedStyle(document.getElementById("poster")).display + " " + getComputedStyle(document.getElementById("loader")).display`); got != "block none" {
				t.Errorf("poster and progress bar display %q, want the poster and no progress bar", got)
			}
			if got := text(t, ctx, `String(document.querySelectorAll("#events li").length > 5 && document.getElementById("card-title").textContent.length > 0)`); got != "true" {
				t.Error("the story in HTML is gone")
			}
			// One line, not a box over the map.
			if got := text(t, ctx, `String(document.getElementById("map-note").getBoundingClientRect().height < 60)`); got != "true" {
				t.Error("the note is more than a line or two")
			}
			screenshot(t, ctx, "fallback-"+tc.name)
		})
	}
}
