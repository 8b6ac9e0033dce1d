package main

// The basemap's tiles (docs/basemap.md): the bytes and ranges of the tile
// archive the demo's opening view reads, and the time from the end of a pan
// and of a zoom to the view's detailed tiles drawn (html[data-basemap]
// goes from loading back to loaded, wasm/tiles_js.go), on the local network
// and on the 4G-like one. It runs after the other measures, in a browser of
// its own, and adds its table to the report's Markdown and its figures to a
// JSON file of their own (main.go's -tiles).

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"strings"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// tilesResult is one network's figures: the opening view's ranges and
// bytes of the archive (of the first run), and the pans' and zooms' times
// in ms, each from the release of the mouse (the last wheel notch) to the
// view's tiles drawn. A move whose tiles were all held already (the
// basemap never went to loading) is counted in Held, not timed.
type tilesResult struct {
	Net       string    `json:"net"`
	Ranges    int       `json:"ranges"`
	Bytes     int       `json:"bytes"`
	Pan       stat      `json:"pan_ms"`
	Zoom      stat      `json:"zoom_ms"`
	PanTimes  []float64 `json:"pan_times"`
	ZoomTimes []float64 `json:"zoom_times"`
	Held      int       `json:"held"`
}

// maxOpeningTileBytes is the goal for the opening view's basemap
// bytes (site's TestBasemapBytesAtOpeningView checks the same).
const maxOpeningTileBytes = 120 << 10

// archiveJS sums the resource entries of the tile archive.
const archiveJS = `(() => {
  const es = performance.getEntriesByType("resource").filter(e => e.name.includes(".pmtiles"));
  return {N: es.length, Bytes: es.reduce((s, e) => s + e.encodedBodySize, 0)};
})()`

// armJS starts watching html[data-basemap] and notes the time: the move
// ends right after it. doneJS waits for the view's tiles to be drawn and
// returns the ms since arming, or -1 when the basemap did not go to loading
// within 1 s (its tiles were held).
const armJS = `(() => {
  const root = document.documentElement, w = window.__tiles = {t0: performance.now(), loading: false, loaded: 0};
  const mo = new MutationObserver(() => {
    const s = root.dataset.basemap;
    if (s === "loading") w.loading = true;
    if ((s === "loaded" || s === "partial") && w.loading && !w.loaded) { w.loaded = performance.now(); mo.disconnect(); }
  });
  mo.observe(root, {attributes: true, attributeFilter: ["data-basemap"]});
})()`

const doneJS = `(async () => {
  const w = window.__tiles;
  for (const end = performance.now() + 60000; performance.now() < end; await new Promise(r => setTimeout(r, 10))) {
    if (w.loaded) return w.loaded - w.t0;
    if (!w.loading && performance.now() - w.t0 > 1000) return -1;
  }
  throw new Error("the tiles were not drawn in 60 s");
})()`

// measureTiles loads the demo runs times on each network, reads what the
// opening view took of the archive, then pans and zooms, timing each.
func measureTiles(cfg config) ([]tilesResult, error) {
	demo := pickStories("demo")
	base, stop, err := serve(cfg.dist, cfg.wasm, demo, nil)
	if err != nil {
		return nil, err
	}
	defer stop()
	b, err := newBrowser(cfg.chromium)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	var out []tilesResult
	for _, net := range []string{"local", "4G"} {
		r := tilesResult{Net: net}
		for i := range cfg.runs {
			if err := b.tilesRun(cfg, demo[0].url(base), &r, i == 0); err != nil {
				return nil, fmt.Errorf("tiles %s run %d: %v", net, i+1, err)
			}
		}
		r.Pan, r.Zoom = summarize(r.PanTimes), summarize(r.ZoomTimes)
		log.Printf("tiles %-5s: opening view %d ranges %d B; pan to tiles drawn %s ms, zoom %s ms (%d moves needed no tile)", net, r.Ranges, r.Bytes, ms(r.Pan), ms(r.Zoom), r.Held)
		out = append(out, r)
	}
	return out, nil
}

// tilesRun is one load of the demo: three pans of 300 px east, north, west,
// then three wheel zooms in, each timed to its tiles drawn.
func (b *browser) tilesRun(cfg config, u string, r *tilesResult, first bool) error {
	ctx, done, err := b.tab(cfg.viewport, 10*time.Minute)
	if err != nil {
		return err
	}
	defer done()
	if r.Net == "4G" {
		if _, err := throttle(ctx); err != nil {
			return err
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		return err
	}
	if err := waitReady(ctx, 5*time.Minute); err != nil {
		return err
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`["loaded", "partial"].includes(document.documentElement.dataset.basemap)`, chromedp.WithPollingTimeout(time.Minute))); err != nil {
		return fmt.Errorf("the opening view's tiles: %v", err)
	}
	if first {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[struct{ N, Bytes int }](archiveJS))
		if err != nil {
			return err
		}
		r.Ranges, r.Bytes = got.N, got.Bytes
	}
	x, y, w, h, err := mapRect(ctx)
	if err != nil {
		return err
	}
	cx, cy := x+w/2, y+h/2
	timed := func(move func() error, into *[]float64) error {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](armJS)); err != nil {
			return err
		}
		if err := move(); err != nil {
			return err
		}
		t, err := chromedp.Run(ctx, chromedp.Evaluate[float64](doneJS, chromedp.EvalAwaitPromise))
		if err != nil {
			return err
		}
		if t < 0 {
			r.Held++
		} else {
			*into = append(*into, t)
		}
		// Let the map come to rest (inertia) before the next move.
		time.Sleep(time.Second)
		return nil
	}
	for _, d := range [][2]float64{{-300, 0}, {0, 300}, {300, 0}} {
		if err := timed(func() error { return dragBy(ctx, cx, cy, d[0], d[1]) }, &r.PanTimes); err != nil {
			return fmt.Errorf("pan: %v", err)
		}
	}
	for range 3 {
		if err := timed(func() error { return wheelIn(ctx, cx, cy) }, &r.ZoomTimes); err != nil {
			return fmt.Errorf("zoom: %v", err)
		}
	}
	return nil
}

// dragBy drags the map by (dx, dy) in ten steps and lets go without a
// throw (the last step is held still).
func dragBy(ctx context.Context, cx, cy, dx, dy float64) error {
	mouse := func(typ input.DispatchMouseEventType, x, y float64, buttons int64) error {
		_, err := chromedp.Call(ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{
			Type: typ, X: x, Y: y, Button: input.MouseButtonLeft, Buttons: buttons, ClickCount: 1})
		return err
	}
	if err := mouse(input.DispatchMouseEventTypeMousePressed, cx, cy, 1); err != nil {
		return err
	}
	for i := 1; i <= 10; i++ {
		if err := mouse(input.DispatchMouseEventTypeMouseMoved, cx+dx*float64(i)/10, cy+dy*float64(i)/10, 1); err != nil {
			return err
		}
		time.Sleep(16 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	return mouse(input.DispatchMouseEventTypeMouseReleased, cx+dx, cy+dy, 0)
}

// wheelIn turns the wheel two notches in about (cx, cy).
func wheelIn(ctx context.Context, cx, cy float64) error {
	for range 2 {
		if _, err := chromedp.Call(ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{
			Type: input.DispatchMouseEventTypeMouseWheel, X: cx, Y: cy, DeltaX: 1e-9, DeltaY: -100}); err != nil {
			return err
		}
		time.Sleep(40 * time.Millisecond)
	}
	return nil
}

// tilesSection is the report's table of the tiles.
func tilesSection(rs []tilesResult) string {
	var b strings.Builder
	b.WriteString("\n## Basemap tiles\n\n")
	fmt.Fprintf(&b, "The demo at its opening view: the ranges of the tile archive it reads and their bytes (goal ≤ %d KB). Then three pans of 300 px and three zooms of two wheel notches: ms from the release (the last notch) to the view's detailed tiles drawn (`html[data-basemap]` back to `loaded`); moves whose tiles were held already are not timed. 4G: %s.\n\n", maxOpeningTileBytes>>10, fourGText)
	b.WriteString("| network | opening view: ranges | bytes | pan → tiles drawn, median (min–max) | zoom → tiles drawn | moves without a tile |\n|---|---|---|---|---|---|\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "| %s | %d | %d | %s | %s | %d |\n", r.Net, r.Ranges, r.Bytes, ms(r.Pan), ms(r.Zoom), r.Held)
	}
	return b.String()
}

// writeTiles prints the tiles' table, puts it in the Markdown report (md,
// "" for none) and writes its figures as JSON (jsonName, "" for none).
func writeTiles(stdout io.Writer, rs []tilesResult, md, jsonName string) error {
	if len(rs) == 0 {
		return nil
	}
	return writeSection(stdout, tilesSection(rs), rs, md, jsonName)
}

// writeSection prints a section of the report (sec, beginning "\n## "),
// puts it in the Markdown report md (in place of the section of the same
// heading from an earlier run, the sections after it kept; else at the
// end) and writes figs as JSON to jsonName. md or jsonName "" skip them.
func writeSection(stdout io.Writer, sec string, figs any, md, jsonName string) error {
	io.WriteString(stdout, sec)
	if md != "" {
		old, err := os.ReadFile(md)
		if err != nil {
			return err
		}
		heading, _, _ := strings.Cut(sec[1:], "\n")
		if i := bytes.Index(old, []byte("\n"+heading+"\n")); i >= 0 {
			rest := old[i+1:]
			if j := bytes.Index(rest, []byte("\n## ")); j >= 0 {
				rest = rest[j:]
			} else {
				rest = nil
			}
			old = append(old[:i:i], rest...)
		}
		if err := os.WriteFile(md, append(old, sec...), 0o644); err != nil {
			return err
		}
	}
	if jsonName != "" {
		j, err := json.MarshalIndent(figs, "", "  ")
		if err != nil {
			return err
		}
		return os.WriteFile(jsonName, append(j, '\n'), 0o644)
	}
	return nil
}
