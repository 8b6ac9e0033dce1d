package main

// The bench's side of Chromium: the tab each run loads the embed in, the
// watcher that notes when the map is ready, the wasm's frame log, CDP's
// metrics, the frame clock, and the scripted input (pan, zoom, scrub).

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"

	headless "mapline/internal/browser"
)

// browser is one headless Chromium (internal/browser, as the browser tests
// run it); every run opens a tab of its own.
type browser struct {
	*headless.Browser
	rec *recorder // -profile: records each act
}

func newBrowser(exe string) (*browser, error) {
	b, err := headless.Start(exe)
	if err != nil {
		return nil, err
	}
	return &browser{Browser: b}, nil
}

// tab opens a tab with the cache off (every load is a first visit), the
// viewport set and the bench's watcher installed: it notes when the root
// element says ready (or error).
func (b *browser) tab(vp [2]int64, timeout time.Duration) (context.Context, func(), error) {
	ctx, done, err := b.Tab(vp[0], vp[1], 1, timeout)
	if err != nil {
		return nil, nil, err
	}
	_, err = chromedp.Call(ctx, network.Enable, network.EnableParams{})
	if err == nil {
		_, err = chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
	}
	if err == nil {
		_, err = chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watcherJS})
	}
	if err != nil {
		done()
		return nil, nil, err
	}
	return ctx, done, nil
}

const watcherJS = `(() => {
  const b = window.__bench = {ready: 0, state: ""};
  // The script runs before the page's root element exists: watch the
  // whole document. mapline says data-mapline, the peers data-ready.
  new MutationObserver(() => {
    const root = document.documentElement;
    const s = root ? root.getAttribute("data-mapline") || root.getAttribute("data-ready") || "" : "";
    if (s !== b.state) {
      b.state = s;
      if ((s === "ready" || s === "error") && !b.ready) b.ready = performance.now();
    }
  }).observe(document, {attributes: true, subtree: true, attributeFilter: ["data-mapline", "data-ready"]});
})();`

// errNotReady is waitReady's error when the page is not ready in time.
var errNotReady = errors.New("not ready in time")

// waitReady waits until the page is ready, for at most limit, and fails on
// an error.
func waitReady(ctx context.Context, limit time.Duration) error {
	end := time.Now().Add(limit)
	for {
		st, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(window.__bench ? "" : "no-watcher ") + (window.__bench ? window.__bench.state : "")`))
		if err != nil {
			return err
		}
		if strings.HasPrefix(st, "no-watcher ") {
			return errors.New("the bench's watcher did not run in the page")
		}
		switch st {
		case "ready":
			return nil
		case "error":
			msg, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("map-note")?.innerText ?? document.documentElement.getAttribute("data-error") ?? ""`))
			return fmt.Errorf("the map shows an error: %.300s", msg)
		}
		if time.Now().After(end) {
			return errNotReady
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// settle waits until the map has run no frame for quiet (at most max), and
// returns the work of the frames it ran meanwhile (reading the frame log
// empties it).
func settle(ctx context.Context, quiet, max time.Duration) ([]float64, error) {
	end := time.Now().Add(max)
	last, since := -1, time.Now()
	var work []float64
	for time.Now().Before(end) {
		st, err := stats(ctx)
		if err != nil {
			return work, err
		}
		work = append(work, st.Work...)
		if st.Frames != last {
			last, since = st.Frames, time.Now()
		} else if time.Since(since) >= quiet {
			return work, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return work, nil // still running frames: the figures will say so
}

type wasmStats struct {
	Frames      int            `json:"frames"`
	Draws       int            `json:"draws"`
	Why         map[string]int `json:"why"` // the frames drawn so far, by reason (game.Update)
	Work        []float64      `json:"work"`
	GoHeapAlloc float64        `json:"goHeapAlloc"`
	GoSys       float64        `json:"goSys"`
}

// stats reads (and empties) the wasm's frame log: maplineStats() of
// wasm/frames_js.go; none on the peers' pages.
func stats(ctx context.Context) (wasmStats, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[wasmStats](`typeof maplineStats === "function" ? maplineStats() : {frames: 0, draws: 0, work: []}`))
}

func metrics(ctx context.Context) (map[string]float64, error) {
	res, err := chromedp.Call(ctx, performance.GetMetrics, cdp.Empty{})
	if err != nil {
		return nil, err
	}
	m := map[string]float64{}
	for _, x := range res.Metrics {
		m[x.Name] = x.Value
	}
	return m, nil
}

// The scripted input: a drag and a wheel zoom come through CDP
// (Input.dispatchMouseEvent), as a reader's mouse does, on the map of every
// page alike: a pointer's pace (an event every 16 ms) for the drag, a wheel
// notch every 40 ms for the zoom. Each call returns once the page has taken
// the event: a busy page takes fewer.

// mapRect is where the map lies on the page: mapline's canvas, or a peer's
// #map.
func mapRect(ctx context.Context) (x, y, w, h float64, err error) {
	type box struct{ X, Y, W, H float64 }
	b, err := chromedp.Run(ctx, chromedp.Evaluate[box](`(() => { const m = document.getElementById("map") || document.querySelector("canvas");
	  const r = m.getBoundingClientRect(); return {X: r.left, Y: r.top, W: r.width, H: r.height}; })()`))
	return b.X, b.Y, b.W, b.H, err
}

// drag drags the map round a circle of 120 px for d, then lets go (inertia).
func drag(ctx context.Context, d time.Duration, cx, cy float64) (int, error) {
	mouse := func(typ input.DispatchMouseEventType, x, y float64, buttons int64) error {
		_, err := chromedp.Call(ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{
			Type: typ, X: x, Y: y, Button: input.MouseButtonLeft, Buttons: buttons, ClickCount: 1})
		return err
	}
	if err := mouse(input.DispatchMouseEventTypeMousePressed, cx, cy, 1); err != nil {
		return 0, err
	}
	n, a, x, y := 0, 0.0, cx, cy
	for end := time.Now().Add(d); time.Now().Before(end); n++ {
		next := time.Now().Add(16 * time.Millisecond)
		a += 0.12
		x, y = cx+120*math.Sin(a), cy+60*(1-math.Cos(a))
		if err := mouse(input.DispatchMouseEventTypeMouseMoved, x, y, 1); err != nil {
			return n, err
		}
		time.Sleep(time.Until(next))
	}
	return n, mouse(input.DispatchMouseEventTypeMouseReleased, x, y, 0)
}

// wheel turns the wheel about (cx, cy) for d: six notches in, six out, again.
func wheel(ctx context.Context, d time.Duration, cx, cy float64) (int, error) {
	n := 0
	for end := time.Now().Add(d); time.Now().Before(end); n++ {
		next := time.Now().Add(40 * time.Millisecond)
		dy := -100.0
		if n/6%2 == 1 {
			dy = 100
		}
		if _, err := chromedp.Call(ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{
			Type: input.DispatchMouseEventTypeMouseWheel, X: cx, Y: cy, DeltaX: 1e-9, DeltaY: dy}); err != nil {
			return n, err
		}
		time.Sleep(time.Until(next))
	}
	return n, nil
}

// The frame clock: from startClock to stopClock a callback on every
// animation frame notes its time, and stopClock returns the intervals
// between them (ms): what the reader sees of the frames, whatever runs
// them.
const startClockJS = `(() => {
  const c = window.__clock = {on: true, t: []};
  const tick = t => { if (!c.on) return; c.t.push(t); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`

func startClock(ctx context.Context) error {
	_, err := chromedp.Run(ctx, chromedp.Evaluate[any](startClockJS))
	return err
}

func stopClock(ctx context.Context) ([]float64, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => { const c = window.__clock; c.on = false;
	  const d = []; for (let i = 1; i < c.t.length; i++) d.push(c.t[i] - c.t[i - 1]); return d; })()`))
}

// scrubJS moves the time for d, an input every 16 ms, back and forth over
// the story, and times each step: from the input to the animation frame in
// which the page's answer is on screen. On mapline's page and MapLibre's the
// input is an input event on the range input #timeline, as a reader's drag
// of its thumb makes; Leaflet.TimeDimension's slider is no input element:
// window.__peer.scrub sets its time as the slider's drag does. A page that
// draws later than its input's handler (MapLibre filters in a worker) says
// in __peer.drawn which input its last drawn frame shows; the step ends at
// the first animation frame after it (which runs after the page's own frame
// callbacks, registered before it).
const scrubJS = `(d) => new Promise(done => {
  const p = window.__peer, s = document.getElementById("timeline");
  const max = s ? Number(s.max) || 100 : Math.max(1, (p.steps || 2) - 1), end = performance.now() + d;
  let n = 0, dir = 1, v = s ? Number(s.value) || 0 : 0, open = 0;
  const step = Math.max(1, Math.round(max / 240)), steps = [];
  const finish = () => { if (open === 0 || performance.now() > end + 10000) done({n, steps}); else setTimeout(finish, 20); };
  const tick = () => {
    if (performance.now() >= end) { finish(); return; }
    v += dir * step;
    if (v >= max) { v = max; dir = -1; } else if (v <= 0) { v = 0; dir = 1; }
    const t0 = performance.now();
    if (s) { s.value = String(v); s.dispatchEvent(new Event("input", {bubbles: true})); } else p.scrub(v);
    const mine = p ? p.seq : 0;
    open++; n++;
    const wait = () => requestAnimationFrame(() => {
      if (p && p.drawn < mine && performance.now() < end + 10000) { wait(); return; }
      steps.push(performance.now() - t0); open--;
    });
    wait();
    setTimeout(tick, 16);
  };
  tick();
})`

// scrubFor scrubs for d (scrubJS) and returns the number of inputs and the
// steps' times (ms).
func scrubFor(ctx context.Context, d time.Duration) (int, []float64, error) {
	type res struct {
		N     int       `json:"n"`
		Steps []float64 `json:"steps"`
	}
	r, err := chromedp.Run(ctx, chromedp.Evaluate[res](fmt.Sprintf("(%s)(%d)", scrubJS, d.Milliseconds()), chromedp.EvalAwaitPromise))
	return r.N, r.Steps, err
}
