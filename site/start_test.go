package site

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestStoryComesBesideTheWasm: nothing waits in series that could run
// together. The story is requested while the wasm is still on its way
// (frame.js asks for it beside the wasm), not once the wasm runs, and only
// once: the map takes that response.
func TestStoryComesBesideTheWasm(t *testing.T) {
	for _, tc := range []struct{ name, page, story string }{
		{"demo", "/embed.html", "story.geojson"},
		{"data-on-this-site", "/embed.html?data=synth/100.geojson", "100.geojson"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := tab(t, 800, 650, 1)
			if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
				t.Fatal(err)
			}
			var mu sync.Mutex
			var log []string // "sent NAME" and "done NAME", in the order they happen
			names := map[network.RequestID]string{}
			if err := chromedp.Listen(ctx, func(ev any) {
				mu.Lock()
				defer mu.Unlock()
				switch ev := ev.(type) {
				case *network.EventRequestWillBeSent:
					u, _ := url.Parse(ev.Request.URL)
					name := path.Base(u.Path)
					if strings.HasSuffix(name, ".wasm") {
						name = "wasm"
					}
					names[ev.RequestID] = name
					log = append(log, "sent "+name)
				case *network.EventLoadingFinished:
					log = append(log, "done "+names[ev.RequestID])
				}
			}); err != nil {
				t.Fatal(err)
			}
			open(t, ctx, tc.page, "ready")
			mu.Lock()
			defer mu.Unlock()
			sent, wasmDone := -1, slices.Index(log, "done wasm")
			n := 0
			for i, e := range log {
				if e == "sent "+tc.story {
					n++
					if sent < 0 {
						sent = i
					}
				}
			}
			if wasmDone < 0 || sent < 0 || sent > wasmDone || n != 1 {
				t.Errorf("the story %s: requested %d times, first at %d; the wasm loaded at %d; want one request before the wasm has loaded:\n%s",
					tc.story, n, sent, wasmDone, fmt.Sprint(log))
			}
		})
	}
}

// TestWasmStartsInTheHead: an embed that will load the map at once (opened
// as the page itself, or lazy=false) asks for the wasm, the story and the
// basemap's head from its <head>, before anything is painted, not once the
// page script has run and the viewport has been looked at after a first
// paint. Resource Timing's startTime against the first paint's.
func TestWasmStartsInTheHead(t *testing.T) {
	for _, page := range []string{"/embed.html", "/embed.html?lazy=false", "/embed.html?data=synth/100.geojson"} {
		t.Run(page, func(t *testing.T) {
			ctx := tab(t, 800, 650, 1)
			open(t, ctx, page, "ready")
			got := text(t, ctx, `(() => {
				const paint = performance.getEntriesByName("first-paint")[0];
				if (!paint) return "no first-paint entry";
				const late = [];
				for (const want of [".wasm", ".geojson", ".pmtiles"]) {
					const e = performance.getEntriesByType("resource").find(e => new URL(e.name).pathname.endsWith(want));
					if (!e) late.push(want + ": never requested");
					else if (e.startTime >= paint.startTime) late.push(want + " requested at " + e.startTime.toFixed(1) + " ms");
				}
				return late.length ? late.join("; ") + " (first paint at " + paint.startTime.toFixed(1) + " ms)" : "";
			})()`)
			if got != "" {
				t.Errorf("%s: %s; want each requested before the first paint", page, got)
			}
		})
	}
}

// TestFirstFrameWaitsForTheViewsTiles: the map draws nothing the reader
// does not see: until the page is told the map is drawn, the poster (or,
// without one, the progress bar) stays over it, so its first frame with
// the story is drawn once the view's tiles are there (or readyWait has
// passed), not with the coarse zoom 0 tile first and again with the tiles.
// A frame under the poster costs the GPU (under SwiftShader, the CPU) as
// much as one on show, and delays the tiles it waits for. The wasm's
// performance marks (cmd/bench logs them) give the order.
func TestFirstFrameWaitsForTheViewsTiles(t *testing.T) {
	for _, tc := range []struct {
		name, page string
		poster     bool
	}{
		{"the demo under its poster", "/embed.html", true},
		{"another story, no poster", "/embed.html?data=synth/100.geojson", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := tab(t, 800, 650, 1)
			open(t, ctx, tc.page, "ready")
			got := text(t, ctx, `(() => {
			  const at = n => { const m = performance.getEntriesByName("mapline:" + n, "mark")[0]; return m ? m.startTime : -1; };
			  const drawn = at("story-drawn"), tiles = at("tiles-loaded");
			  if (drawn < 0 || tiles < 0) return "marks missing: story-drawn " + drawn + ", tiles-loaded " + tiles;
			  return drawn >= tiles ? "ok" : "the story was drawn at " + drawn.toFixed(0) + " ms, before the view's tiles at " + tiles.toFixed(0) + " ms";
			})()`)
			if got != "ok" {
				t.Error(got)
			}
			if n := text(t, ctx, `String(document.querySelectorAll("#poster > *").length)`); (n != "0") != tc.poster {
				t.Errorf("the poster has %s children; want a poster: %v", n, tc.poster)
			}
		})
	}
}

// TestBasemapHeadHoldsTheWorldTile: the map opens the basemap (the
// mapline:basemap measure) from the archive's head that boot.js fetched
// beside the wasm, zoom 0 tile included: it sends no range request of its
// own for it, one round trip in series after the wasm starts.
func TestBasemapHeadHoldsTheWorldTile(t *testing.T) {
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html", "ready")
	got := text(t, ctx, `(() => {
	  const m = performance.getEntriesByName("mapline:basemap", "measure")[0];
	  if (!m) return "no mapline:basemap measure";
	  const end = m.startTime + m.duration;
	  const during = performance.getEntriesByType("resource").filter(r => /basemap\.[0-9a-f]+\.pmtiles/.test(r.name) && r.startTime >= m.startTime && r.startTime <= end);
	  return during.length === 0 ? "ok" : during.length + " range request(s) while the map opened the basemap, at " + during.map(r => r.startTime.toFixed(0)).join(", ") + " ms";
	})()`)
	if got != "ok" {
		t.Error(got)
	}
}

// TestTilesAskedBeforeTheControls: once the story has come, the map asks
// for the view's basemap tiles as soon as it knows the view (the story
// indexed), before it builds the controls (the mapline:controls measure:
// the slider, its marks, the list), so that the range requests are out
// while the controls are built, not after the whole frame (issue 17).
// Resource Timing's startTime of the first range request against the
// measure's start: an order, not a duration.
func TestTilesAskedBeforeTheControls(t *testing.T) {
	for _, page := range []string{"/embed.html", "/embed.html?data=synth/100.geojson"} {
		t.Run(page, func(t *testing.T) {
			ctx := tab(t, 800, 650, 1)
			open(t, ctx, page, "ready")
			got := text(t, ctx, `(() => {
			  const c = performance.getEntriesByName("mapline:controls", "measure")[0];
			  if (!c) return "no mapline:controls measure";
			  const tiles = performance.getEntriesByType("resource").filter(r => /basemap\.[0-9a-f]+\.pmtiles/.test(r.name)).map(r => r.startTime).sort((a, b) => a - b);
			  if (tiles.length < 2) return "no range request for the view's tiles (" + tiles.length + " request(s) of the archive)";
			  const first = tiles[1]; // tiles[0] is boot.js's request of the archive's head
			  return first <= c.startTime ? "ok" : "the first range request went out at " + first.toFixed(0) + " ms, after the controls began at " + c.startTime.toFixed(0) + " ms";
			})()`)
			if got != "ok" {
				t.Error(got)
			}
		})
	}
}

// TestLabelsWaitForTheViewsTiles: while the first frame with the story
// waits for the view's tiles (TestFirstFrameWaitsForTheViewsTiles), its
// labels wait with it: they are measured and placed once, on the scene
// with the tiles, not first on the coarse zoom 0 tile's, under the poster,
// then again (each pass lays the page out: issue 17's load). The wasm's
// marks give the order.
func TestLabelsWaitForTheViewsTiles(t *testing.T) {
	for _, page := range []string{"/embed.html", "/embed.html?data=synth/100.geojson"} {
		t.Run(page, func(t *testing.T) {
			ctx := tab(t, 800, 650, 1)
			open(t, ctx, page, "ready")
			got := text(t, ctx, `(() => {
			  const at = n => { const m = performance.getEntriesByName("mapline:" + n, "mark")[0]; return m ? m.startTime : -1; };
			  const labels = at("labels"), tiles = at("tiles-loaded");
			  if (labels < 0 || tiles < 0) return "marks missing: labels " + labels + ", tiles-loaded " + tiles;
			  return labels >= tiles ? "ok" : "the labels were placed at " + labels.toFixed(0) + " ms, before the view's tiles at " + tiles.toFixed(0) + " ms";
			})()`)
			if got != "ok" {
				t.Error(got)
			}
			if n := text(t, ctx, `String(document.querySelectorAll("#map-labels > *").length)`); n == "0" {
				t.Error("no labels on the map once ready")
			}
		})
	}
}
