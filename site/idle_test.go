package site

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// wakeCounter counts, from before the page's own scripts run, every
// callback the page gets from the browser's clocks: animation frames,
// timers (Go's scheduler sleeps with setTimeout) and idle callbacks.
const wakeCounter = `(() => {
  const w = window.__wakes = {raf: 0, timer: 0, idle: 0};
  const wrap = (name, kind) => {
    const orig = window[name];
    if (!orig) return;
    window[name] = function (fn, ...rest) {
      if (typeof fn !== "function") return orig.call(window, fn, ...rest);
      return orig.call(window, function (...a) { w[kind]++; return fn.apply(this, a); }, ...rest);
    };
  };
  wrap("requestAnimationFrame", "raf");
  wrap("setTimeout", "timer");
  wrap("setInterval", "timer");
  wrap("requestIdleCallback", "idle");
})();`

// wakes is what the page has been woken for so far: the counter above
// and the map's own count of frames run and drawn (maplineStats, the frame
// gate's debug counter).
type wakes struct{ RAF, Timer, Idle, Frames, Draws int }

func (w wakes) String() string {
	return fmt.Sprintf("%d animation frames (%d map frames, %d drawn), %d timers, %d idle callbacks", w.RAF, w.Frames, w.Draws, w.Timer, w.Idle)
}

func (w wakes) sub(v wakes) wakes {
	return wakes{w.RAF - v.RAF, w.Timer - v.Timer, w.Idle - v.Idle, w.Frames - v.Frames, w.Draws - v.Draws}
}

func readWakes(t *testing.T, ctx context.Context) wakes {
	t.Helper()
	w, err := chromedp.Run(ctx, chromedp.Evaluate[wakes](`(() => { const s = maplineStats(), w = window.__wakes;
	  return {RAF: w.raf, Timer: w.timer, Idle: w.idle, Frames: s.frames, Draws: s.draws}; })()`))
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestIdlePageSleeps: a map that is ready and left alone runs nothing (no
// animation frame, no timer, no idle callback: the main thread sleeps), and
// a later input still wakes it and draws.
func TestIdlePageSleeps(t *testing.T) {
	ctx := tab(t, 800, 650, 1)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: wakeCounter}); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, "/embed.html?view=33,45,5", "ready")
	// The map settles: the rings round the current sites (a CSS animation)
	// end and the basemap is cut into triangles in idle callbacks. Wait
	// until a second passes without a wake-up, for at most 15 s.
	last := readWakes(t, ctx)
	for quiet, end := time.Now(), time.Now().Add(15*time.Second); time.Now().Before(end) && time.Since(quiet) < time.Second; {
		time.Sleep(100 * time.Millisecond)
		if w := readWakes(t, ctx); w != last {
			last, quiet = w, time.Now()
		}
	}
	before := readWakes(t, ctx)
	time.Sleep(2 * time.Second)
	idle := readWakes(t, ctx).sub(before)
	if idle != (wakes{}) {
		t.Errorf("an idle map was woken in 2 s: %v", idle)
	}

	// An input wakes it: a click on zoom in runs frames and draws.
	before = readWakes(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#zoom-in"))); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, `document.documentElement.dataset.view`, ",6.000")
	if got := readWakes(t, ctx).sub(before); got.Frames == 0 || got.Draws == 0 {
		t.Errorf("after a click on zoom in: %v, want frames that draw", got)
	}
}
