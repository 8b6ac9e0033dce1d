package main

// The bench's side of Chromium: the tab each run loads the embed in, the
// watcher that notes when the map is ready, the wasm's frame log, CDP's
// metrics, and the scripted input (pan, zoom, scrub) that runs in the page.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
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
// element's data-mapline becomes ready (or error).
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
  // whole document.
  new MutationObserver(() => {
    const root = document.documentElement;
    const s = root ? root.getAttribute("data-mapline") || "" : "";
    if (s !== b.state) {
      b.state = s;
      if ((s === "ready" || s === "error") && !b.ready) b.ready = performance.now();
    }
  }).observe(document, {attributes: true, subtree: true, attributeFilter: ["data-mapline"]});
})();`

// waitReady waits until the map is ready, and fails on an error.
func waitReady(ctx context.Context) error {
	for {
		st, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(window.__bench ? "" : "no-watcher ") + (document.documentElement.getAttribute("data-mapline") || "")`))
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
			msg, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("map-note")?.innerText ?? ""`))
			return fmt.Errorf("the map shows an error: %.300s", msg)
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
	Frames      int       `json:"frames"`
	Draws       int       `json:"draws"`
	Work        []float64 `json:"work"`
	GoHeapAlloc float64   `json:"goHeapAlloc"`
	GoSys       float64   `json:"goSys"`
}

// stats reads (and empties) the wasm's frame log: maplineStats() of
// wasm/frames_js.go.
func stats(ctx context.Context) (wasmStats, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[wasmStats](`maplineStats()`))
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

// The scripted input runs in the page, so that its pace does not depend on
// the protocol's round trips: events every 16 ms (a pointer's pace) for
// pan, every 40 ms for the wheel, dispatched on the canvas, where the map's
// listeners (on window, capture phase) and Ebitengine's see them.

// panJS drags the map round a circle of 120 px, then lets go (inertia).
const panJS = `(d, cx, cy) => new Promise(done => {
  const c = document.querySelector("canvas"), end = performance.now() + d;
  const ev = (type, x, y) => c.dispatchEvent(new PointerEvent(type, {bubbles: true, cancelable: true,
    pointerId: 1, pointerType: "mouse", isPrimary: true, button: type === "pointermove" ? -1 : 0,
    buttons: type === "pointerup" ? 0 : 1, clientX: x, clientY: y}));
  let n = 0, a = 0, x = cx, y = cy;
  ev("pointerdown", x, y);
  const tick = () => {
    if (performance.now() >= end) { ev("pointerup", x, y); done(n); return; }
    a += 0.12; x = cx + 120 * Math.sin(a); y = cy + 60 * (1 - Math.cos(a));
    ev("pointermove", x, y); n++;
    setTimeout(tick, 16);
  };
  tick();
})`

// zoomJS turns the wheel about the centre: six notches in, six out, again.
const zoomJS = `(d, cx, cy) => new Promise(done => {
  const c = document.querySelector("canvas"), end = performance.now() + d;
  let n = 0;
  const tick = () => {
    if (performance.now() >= end) { done(n); return; }
    c.dispatchEvent(new WheelEvent("wheel", {bubbles: true, cancelable: true, clientX: cx, clientY: cy,
      deltaY: Math.floor(n / 6) % 2 ? 100 : -100, deltaMode: 0}));
    n++;
    setTimeout(tick, 40);
  };
  tick();
})`

// inPage runs one of the scripts above for d.
func inPage(ctx context.Context, script string, d time.Duration, cx, cy float64) (int, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf("(%s)(%d, %g, %g)", script, d.Milliseconds(), cx, cy), chromedp.EvalAwaitPromise))
}

// scrubFor moves the timeline's slider back and forth for d, an input event
// every 16 ms, in the page (as a reader's drag of the thumb does), and
// returns the number of input events.
func scrubFor(ctx context.Context, d time.Duration) (int, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(`new Promise(done => {
	  const s = document.getElementById("timeline");
	  const max = Number(s.max) || 100, end = performance.now() + %d;
	  let n = 0, dir = 1, v = Number(s.value) || 0;
	  const step = Math.max(1, Math.round(max / 240));
	  const tick = () => {
	    if (performance.now() >= end) { done(n); return; }
	    v += dir * step;
	    if (v >= max) { v = max; dir = -1; } else if (v <= 0) { v = 0; dir = 1; }
	    s.value = String(v);
	    s.dispatchEvent(new Event("input", {bubbles: true}));
	    n++;
	    setTimeout(tick, 16);
	  };
	  tick();
	})`, d.Milliseconds()), chromedp.EvalAwaitPromise))
}
