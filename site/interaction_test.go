package site

// Browser tests of the map's interaction: what a reader who knows Leaflet or
// MapLibre expects (drag with inertia, smooth wheel zoom about the cursor,
// pinch, double click, keys, zoom buttons), and cooperative gestures inside
// an iframe (testdata/host.html), where the page around the map keeps its
// scrolling. The view is read from the root's data-view after the map has
// settled, so the tests do not depend on frame timing.

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/paulmach/orb"

	"mapline/geo"
)

// The embed's document, from the host page.
const frameDoc = `document.getElementById("map").contentDocument`

// lightAccent is --accent of the light theme (embed.css): the focus ring.
var lightAccent = color.NRGBA{0x1d, 0x5f, 0xa6, 0xff}

// waitFor polls a JS expression until it is want.
func waitFor(t *testing.T, ctx context.Context, js, want string) {
	t.Helper()
	var got string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if got = text(t, ctx, js); got == want {
			return
		}
	}
	t.Fatalf("%s = %q, want %q", js, got, want)
}

// settledView waits until the data-view of doc (a JS expression for a
// document) has not changed for 400 ms, longer than any pause of an
// animation, and returns it as a view of the size of r.
func settledView(t *testing.T, ctx context.Context, doc string, r rect) (geo.View, string) {
	t.Helper()
	js := doc + `.documentElement.dataset.view ?? ""`
	last, since := text(t, ctx, js), time.Now()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
		if s := text(t, ctx, js); s != last {
			last, since = s, time.Now()
		} else if time.Since(since) >= 400*time.Millisecond {
			return parseView(t, last, r), last
		}
	}
	t.Fatalf("the map does not settle: data-view still changes (%s)", last)
	return geo.View{}, ""
}

func parseView(t *testing.T, s string, r rect) geo.View {
	t.Helper()
	var lat, lon, zoom float64
	if _, err := fmt.Sscanf(s, "%f,%f,%f", &lat, &lon, &zoom); err != nil {
		t.Fatalf("data-view %q: %v", s, err)
	}
	return geo.View{Center: orb.Point{lon, lat}, Zoom: zoom, Width: r.W, Height: r.H}
}

// openHost opens testdata/host.html with the embed (given the query) in
// its iframe, scrolled so the map is in view, and waits until it is ready.
func openHost(t *testing.T, ctx context.Context, query string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+"/testdata/host.html"+query)); err != nil {
		t.Fatal(err)
	}
	// In view: a frame out of view may get no animation frames.
	text(t, ctx, `window.scrollTo({top: document.getElementById("map").offsetTop, behavior: "instant"}), ""`)
	// Loading and compiling the wasm takes seconds, more on a busy machine:
	// the same minute open gives a page.
	waitContains(t, ctx, frameDoc+`?.documentElement?.dataset.mapline ?? ""`, "ready", 60*time.Second)
}

// frameCanvasRect is the map's canvas in the host page's viewport.
func frameCanvasRect(t *testing.T, ctx context.Context) rect {
	t.Helper()
	r, err := chromedp.Run(ctx, chromedp.Evaluate[rect](`(() => { const f = document.getElementById("map");
		const fr = f.getBoundingClientRect(), c = f.contentDocument.querySelector("canvas").getBoundingClientRect();
		return {X: fr.left + f.clientLeft + c.left, Y: fr.top + f.clientTop + c.top, W: c.width, H: c.height}; })()`))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func wheel(x, y, deltaY float64, mods ...chromedp.Modifier) chromedp.Action[chromedp.Void] {
	return chromedp.MouseEvent(chromedp.MouseWheel, x, y, chromedp.ButtonModifiers(mods...), func(p *input.DispatchMouseEventParams) {
		p.DeltaX, p.DeltaY = 1e-9, deltaY // DeltaX non-zero: zero is left out of the command
	})
}

// touches sends one touch event; a touchEnd has no points.
func touches(typ input.DispatchTouchEventType, pts ...orb.Point) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		tps := []*input.TouchPoint{}
		for i, p := range pts {
			tps = append(tps, &input.TouchPoint{X: p.X(), Y: p.Y(), ID: new(float64(i))})
		}
		_, err := cdp.Call(ctx, tg, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: typ, TouchPoints: tps})
		return err
	})
}

// scrollEnd waits until the page has stopped scrolling and returns scrollY.
func scrollEnd(t *testing.T, ctx context.Context) float64 {
	t.Helper()
	scrollY := func() float64 {
		y, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.scrollY`))
		if err != nil {
			t.Fatal(err)
		}
		return y
	}
	last, since := scrollY(), time.Now()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
		if y := scrollY(); y != last {
			last, since = y, time.Now()
		} else if time.Since(since) >= 300*time.Millisecond {
			return last
		}
	}
	t.Fatalf("the page keeps scrolling (scrollY %v)", last)
	return 0
}

// moved is where the geographic point under screen point p of view a is in
// view b.
func moved(a, b geo.View, p orb.Point) orb.Point { return b.Screen(a.Geo(p)) }

// onCanvas fails the test when the map's point p (CSS px from its top left)
// is covered by something else: a legend, a control, the panel.
func onCanvas(t *testing.T, ctx context.Context, doc string, p orb.Point) {
	t.Helper()
	js := fmt.Sprintf(`(() => { const d = %s, c = d.querySelector("canvas").getBoundingClientRect();
		const e = d.elementFromPoint(c.left + %f, c.top + %f); return e ? e.tagName + "#" + e.id + "." + e.className : "nothing"; })()`, doc, p.X(), p.Y())
	if got := text(t, ctx, js); got != "CANVAS#." {
		t.Fatalf("the map's point %v is covered by %s", p, got)
	}
}

func near(a, b orb.Point, tol float64) bool { return math.Hypot(a.X()-b.X(), a.Y()-b.Y()) <= tol }

// TestCooperativeWheel: inside an iframe a plain wheel over the map scrolls
// the article and shows the hint; Ctrl+wheel zooms about the cursor.
func TestCooperativeWheel(t *testing.T) {
	ctx := tab(t, 1000, 700, 1)
	openHost(t, ctx, "?view=33,45,5")
	r := frameCanvasRect(t, ctx)
	v0, s0 := settledView(t, ctx, frameDoc, r)
	y0 := scrollEnd(t, ctx)
	if err := chromedp.Do(ctx, wheel(r.X+r.W/2, r.Y+r.H/2, 200)); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, fmt.Sprintf(`String(window.scrollY > %v)`, y0), "true")
	waitText(t, ctx, frameDoc+`.getElementById("map-hint").className + ": " + `+frameDoc+`.getElementById("map-hint").textContent`, "show: Use Ctrl + scroll to zoom the map")
	if _, s := settledView(t, ctx, frameDoc, r); s != s0 {
		t.Errorf("a plain wheel changed the map from %s to %s", s0, s)
	}
	// The hint fades.
	waitFor(t, ctx, frameDoc+`.getElementById("map-hint").className`, "")

	// Ctrl+wheel (a trackpad pinch is one too) zooms about the cursor and
	// leaves the page where it is.
	text(t, ctx, `window.scrollTo({top: document.getElementById("map").offsetTop, behavior: "instant"}), ""`)
	r = frameCanvasRect(t, ctx)
	y1 := scrollEnd(t, ctx)
	p := orb.Point{r.W * 0.7, r.H * 0.3}
	onCanvas(t, ctx, frameDoc, p)
	if err := chromedp.Do(ctx, wheel(r.X+p.X(), r.Y+p.Y(), -150, chromedp.ModifierCtrl)); err != nil {
		t.Fatal(err)
	}
	v1, s1 := settledView(t, ctx, frameDoc, r)
	if math.Abs(v1.Zoom-v0.Zoom-0.5) > 1e-3 {
		t.Errorf("Ctrl+wheel of 150 px: view %s → %s, want half a level in", s0, s1)
	}
	if q := moved(v0, v1, p); !near(q, p, 1) {
		t.Errorf("the point under the cursor moved from %v to %v", p, q)
	}
	if y := scrollEnd(t, ctx); y != y1 {
		t.Errorf("Ctrl+wheel scrolled the page from %v to %v", y1, y)
	}
}

// TestWheelFullPage: outside an iframe (or with cooperative=false) a plain
// wheel zooms, smoothly, about the cursor; wheel events of one frame all count.
func TestWheelFullPage(t *testing.T) {
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html?view=33,45,5", "ready")
	r := canvasRect(t, ctx)
	v0, _ := settledView(t, ctx, "document", r)
	p := orb.Point{r.W * 0.25, r.H * 0.6}
	onCanvas(t, ctx, "document", p)
	if err := chromedp.Do(ctx, wheel(r.X+p.X(), r.Y+p.Y(), -100), wheel(r.X+p.X(), r.Y+p.Y(), -50)); err != nil {
		t.Fatal(err)
	}
	v1, s1 := settledView(t, ctx, "document", r)
	if math.Abs(v1.Zoom-5.5) > 1e-3 {
		t.Errorf("after 150 px of wheel the view is %s, want zoom 5.5", s1)
	}
	if q := moved(v0, v1, p); !near(q, p, 1) {
		t.Errorf("the point under the cursor moved from %v to %v", p, q)
	}
}

// TestDragInertia: a drag let go after a pause moves the map by exactly the
// dragged distance; a drag let go while moving fast coasts further in the
// same direction. The events carry their own timestamps (CDP sets the DOM
// events' timeStamp from them), so the release speed does not depend on how
// fast the test runs: moves 10 ms apart, then the release 10 ms or 300 ms
// (longer than the 100 ms over which the speed is measured) after the last.
func TestDragInertia(t *testing.T) {
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html?view=33,45,5", "ready")
	r := canvasRect(t, ctx)
	c := orb.Point{r.W / 2, r.H / 2}
	onCanvas(t, ctx, "document", c)
	drag := func(d orb.Point, pause float64) (before, after geo.View) {
		before, _ = settledView(t, ctx, "document", r)
		if err := chromedp.Do(ctx, timedDrag(r.X+c.X(), r.Y+c.Y(), d, 0.06+pause)...); err != nil {
			t.Fatal(err)
		}
		return before, restedView(t, ctx, r) // a glide draws only at rest
	}

	d := orb.Point{120, 40}
	before, after := drag(d, 0.3)
	want := orb.Point{c.X() + d.X(), c.Y() + d.Y()}
	if q := moved(before, after, c); !near(q, want, 1) {
		t.Errorf("a slow drag of %v moved the point under the cursor from %v to %v, want %v", d, c, q, want)
	}

	d = orb.Point{-150, 90}
	before, after = drag(d, 0.01)
	q := moved(before, after, c)
	got := orb.Point{q.X() - c.X(), q.Y() - c.Y()}
	along := (got.X()*d.X() + got.Y()*d.Y()) / math.Hypot(d.X(), d.Y())
	across := math.Abs(got.X()*d.Y()-got.Y()*d.X()) / math.Hypot(d.X(), d.Y())
	if along < math.Hypot(d.X(), d.Y())+50 || across > 0.1*along {
		t.Errorf("a fast drag of %v moved the map by %v: want further than the drag, in its direction", d, got)
	}
}

// keyDefaultPrevented presses a key on the focused element and tells whether
// the page saw it cancelled.
func keyDefaultPrevented(t *testing.T, ctx context.Context, key string) bool {
	t.Helper()
	text(t, ctx, `window.__seen || (window.__seen = true, window.addEventListener("keydown", e => setTimeout(() => { window.__prevented = e.defaultPrevented; }), {capture: true})), window.__prevented = null, ""`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(key)); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 50; i++ {
		switch text(t, ctx, `String(window.__prevented)`) {
		case "true":
			return true
		case "false":
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("key %q: no keydown seen", key)
	return false
}

// TestKeyboard tabs into the map (the focus ring shows), pans with the
// arrows, zooms with + and -, resets with 0 and leaves with Tab. Keys the
// map does not use are not cancelled.
func TestKeyboard(t *testing.T) {
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html", "ready")
	r := canvasRect(t, ctx)
	v0, s0 := settledView(t, ctx, "document", r)

	for i := 0; i < 40 && text(t, ctx, `document.activeElement.tagName`) != "CANVAS"; i++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
	}
	if got := text(t, ctx, `document.activeElement.tagName + " " + document.activeElement.matches(":focus-visible")`); got != "CANVAS true" {
		t.Fatalf("tabbing did not reach the map with a visible focus: %s", got)
	}
	img := screenshot(t, ctx, "keyboard-focus")
	if c := pixel(img, orb.Point{r.X + 1, r.Y + r.H/2}, 1); dist(c, lightAccent) > 40 {
		t.Errorf("no focus ring at the map's left edge: pixel %v", c)
	}

	press := func(key string) (geo.View, string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.KeyEvent(key)); err != nil {
			t.Fatal(err)
		}
		return settledView(t, ctx, "document", r)
	}
	c := orb.Point{r.W / 2, r.H / 2}
	v1, _ := press(kb.ArrowRight)
	if q := moved(v0, v1, c); !near(q, orb.Point{c.X() - 80, c.Y()}, 1) {
		t.Errorf("→ moved the centre to %v, want 80 px left of %v", q, c)
	}
	v2, _ := press(kb.ArrowUp)
	if q := moved(v1, v2, c); !near(q, orb.Point{c.X(), c.Y() + 80}, 1) {
		t.Errorf("↑ moved the centre to %v, want 80 px below %v", q, c)
	}
	v3, _ := press("+")
	if math.Abs(v3.Zoom-v2.Zoom-1) > 1e-3 || !near(moved(v2, v3, c), c, 1) {
		t.Errorf("+ zoomed from %v to %v (centre to %v), want one level in about the centre", v2.Zoom, v3.Zoom, moved(v2, v3, c))
	}
	v4, _ := press("-")
	if math.Abs(v4.Zoom-v2.Zoom) > 1e-3 {
		t.Errorf("- zoomed to %v, want back to %v", v4.Zoom, v2.Zoom)
	}
	if _, s := press("0"); s != s0 {
		t.Errorf("0 reset the view to %s, want the initial %s", s, s0)
	}

	if keyDefaultPrevented(t, ctx, "f") {
		t.Error(`the map cancelled "f", a key it does not use`)
	}
	if !keyDefaultPrevented(t, ctx, kb.ArrowLeft) {
		t.Error("the map did not cancel ←, which it uses (the page would scroll)")
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, `document.activeElement.tagName`); got == "CANVAS" {
		t.Error("Tab did not leave the map")
	}
}

// TestDoubleClickAndButtons: a double click zooms in one level about the
// point, Shift+double click out; the buttons zoom about the centre and
// reset the view.
func TestDoubleClickAndButtons(t *testing.T) {
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html", "ready")
	r := canvasRect(t, ctx)
	v0, s0 := settledView(t, ctx, "document", r)
	p := orb.Point{r.W * 0.3, r.H * 0.35}
	onCanvas(t, ctx, "document", p)
	dbl := func(mods ...chromedp.Modifier) {
		t.Helper()
		x, y := r.X+p.X(), r.Y+p.Y()
		var steps []chromedp.Action[chromedp.Void]
		for n := 1; n <= 2; n++ {
			steps = append(steps,
				chromedp.MouseEvent(chromedp.MousePressed, x, y, chromedp.ButtonLeft, chromedp.ClickCount(n), chromedp.ButtonModifiers(mods...)),
				chromedp.MouseEvent(chromedp.MouseReleased, x, y, chromedp.ButtonLeft, chromedp.ClickCount(n), chromedp.ButtonModifiers(mods...)))
		}
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	dbl()
	v1, _ := settledView(t, ctx, "document", r)
	if math.Abs(v1.Zoom-v0.Zoom-1) > 1e-3 || !near(moved(v0, v1, p), p, 1) {
		t.Errorf("double click: zoom %v → %v, point %v → %v; want one level in about the point", v0.Zoom, v1.Zoom, p, moved(v0, v1, p))
	}
	dbl(chromedp.ModifierShift)
	v2, _ := settledView(t, ctx, "document", r)
	if math.Abs(v2.Zoom-v0.Zoom) > 1e-3 || !near(moved(v1, v2, p), p, 1) {
		t.Errorf("Shift+double click: zoom %v → %v, want back to %v about the point", v1.Zoom, v2.Zoom, v0.Zoom)
	}

	// The buttons: real buttons, named, at least 32 px, at the top right of
	// the map.
	type box struct {
		Label      string
		X, Y, W, H float64
	}
	btns, err := chromedp.Run(ctx, chromedp.Evaluate[[]box](`[...document.querySelectorAll("#map-controls button")].map(b => { const r = b.getBoundingClientRect(); return {Label: b.getAttribute("aria-label"), X: r.left, Y: r.top, W: r.width, H: r.height}; })`))
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, b := range btns {
		labels = append(labels, b.Label)
		if b.W < 32 || b.H < 32 || b.X+b.W > r.X+r.W || b.X < r.X+r.W-60 || b.Y < r.Y || b.Y > r.Y+140 {
			t.Errorf("button %q at %+v: want at least 32 px, at the top right of the map %+v", b.Label, b, r)
		}
	}
	if got := strings.Join(labels, ", "); got != "Zoom in, Zoom out, Reset the view" {
		t.Errorf("buttons %q", got)
	}
	click := func(id string) (geo.View, string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#"+id))); err != nil {
			t.Fatal(err)
		}
		return settledView(t, ctx, "document", r)
	}
	c := orb.Point{r.W / 2, r.H / 2}
	v3, _ := click("zoom-in")
	if math.Abs(v3.Zoom-v2.Zoom-1) > 1e-3 || !near(moved(v2, v3, c), c, 1) {
		t.Errorf("zoom in: %v → %v, want one level in about the centre", v2.Zoom, v3.Zoom)
	}
	v4, _ := click("zoom-out")
	if math.Abs(v4.Zoom-v2.Zoom) > 1e-3 {
		t.Errorf("zoom out: %v → %v, want %v", v3.Zoom, v4.Zoom, v2.Zoom)
	}
	// Zoomed out as far as it goes, the zoom-out button says so. Clicks
	// that come during a zoom add up.
	var out []chromedp.Action[chromedp.Void]
	for range 6 {
		out = append(out, chromedp.Click(chromedp.CSS("#zoom-out")))
	}
	if err := chromedp.Do(ctx, out...); err != nil {
		t.Fatal(err)
	}
	settledView(t, ctx, "document", r)
	if got := text(t, ctx, `document.getElementById("zoom-out").getAttribute("aria-disabled") ?? ""`); got != "true" {
		t.Errorf("at the lowest zoom the zoom-out button has aria-disabled=%q", got)
	}
	if _, s := click("zoom-reset"); s != s0 {
		t.Errorf("reset: %s, want the initial view %s", s, s0)
	}
}

// TestTouch: with touch events (CDP), two fingers spreading apart zoom in
// about their midpoint; in a cooperative map one finger does not move the
// map but shows the two-finger hint, and two fingers still pinch.
func TestTouch(t *testing.T) {
	pinch := func(t *testing.T, ctx context.Context, r rect) {
		t.Helper()
		m := orb.Point{r.X + r.W/2, r.Y + r.H/2}
		steps := []chromedp.Action[chromedp.Void]{touches(input.DispatchTouchEventTypeTouchStart, orb.Point{m.X() - 40, m.Y()}, orb.Point{m.X() + 40, m.Y()})}
		for i := 1; i <= 5; i++ {
			d := 40 + 40*float64(i)/5 // to twice the distance
			steps = append(steps, touches(input.DispatchTouchEventTypeTouchMove, orb.Point{m.X() - d, m.Y()}, orb.Point{m.X() + d, m.Y()}))
		}
		steps = append(steps, touches(input.DispatchTouchEventTypeTouchEnd))
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("pinch", func(t *testing.T) {
		ctx := tab(t, 600, 700, 1)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(600, 700, chromedp.EmulateTouch)); err != nil {
			t.Fatal(err)
		}
		open(t, ctx, "/embed.html?view=33,45,5", "ready")
		r := canvasRect(t, ctx)
		v0, _ := settledView(t, ctx, "document", r)
		pinch(t, ctx, r)
		v1, s1 := settledView(t, ctx, "document", r)
		c := orb.Point{r.W / 2, r.H / 2}
		if math.Abs(v1.Zoom-v0.Zoom-1) > 0.01 || !near(moved(v0, v1, c), c, 1) {
			t.Errorf("spreading two fingers to twice their distance: view %s, point between them %v → %v; want one level in about it", s1, c, moved(v0, v1, c))
		}
	})
	t.Run("cooperative", func(t *testing.T) {
		ctx := tab(t, 600, 700, 1)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(600, 700, chromedp.EmulateTouch)); err != nil {
			t.Fatal(err)
		}
		openHost(t, ctx, "?view=33,45,5")
		r := frameCanvasRect(t, ctx)
		_, s0 := settledView(t, ctx, frameDoc, r)
		y0 := scrollEnd(t, ctx)
		x, y := r.X+r.W/2, r.Y+r.H/2
		steps := []chromedp.Action[chromedp.Void]{touches(input.DispatchTouchEventTypeTouchStart, orb.Point{x, y})}
		for i := 1; i <= 5; i++ {
			steps = append(steps, touches(input.DispatchTouchEventTypeTouchMove, orb.Point{x + 10*float64(i), y - 20*float64(i)}))
		}
		steps = append(steps, touches(input.DispatchTouchEventTypeTouchEnd))
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
		waitText(t, ctx, frameDoc+`.getElementById("map-hint").className + ": " + `+frameDoc+`.getElementById("map-hint").textContent`, "show: Use two fingers to move the map")
		if _, s := settledView(t, ctx, frameDoc, r); s != s0 {
			t.Errorf("one finger moved a cooperative map from %s to %s", s0, s)
		}
		if got := text(t, ctx, `getComputedStyle(`+frameDoc+`.querySelector("canvas")).touchAction`); got != "pan-x pan-y" {
			t.Errorf("the canvas has touch-action %q, want pan-x pan-y so one finger scrolls the page", got)
		}
		// The finger scrolled the article, and it may still glide: touches
		// during a scroll fling are not cancelable, so wait for its end.
		if y := scrollEnd(t, ctx); y <= y0 {
			t.Errorf("one finger up over a cooperative map did not scroll the page (scrollY %v → %v)", y0, y)
		}
		text(t, ctx, `window.scrollTo({top: document.getElementById("map").offsetTop, behavior: "instant"}), ""`)
		r = frameCanvasRect(t, ctx)
		v0, _ := settledView(t, ctx, frameDoc, r)
		pinch(t, ctx, r)
		v1, s1 := settledView(t, ctx, frameDoc, r)
		if math.Abs(v1.Zoom-v0.Zoom-1) > 0.01 {
			t.Errorf("two fingers in a cooperative map: view %s, want one level in from %v", s1, v0.Zoom)
		}
	})
}

// TestControlsScreenshots shows the zoom buttons and a hint at phone and
// desktop size, device pixel ratio 1 and 2, light and dark, in the host
// page. On a touch screen the buttons are 44 px.
func TestControlsScreenshots(t *testing.T) {
	for _, tc := range []struct {
		name  string
		w, h  int64
		ratio float64
		query string
		touch bool
	}{
		{"phone-touch-light", 375, 500, 2, "", true},
		{"phone-dark", 375, 500, 1, "?dark=true", false},
		{"desktop-light", 1280, 720, 1, "", false},
		{"desktop-dark", 1280, 720, 2, "?dark=true", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := tab(t, tc.w, tc.h, tc.ratio)
			if tc.touch {
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(tc.w, tc.h, chromedp.EmulateScale(tc.ratio), chromedp.EmulateTouch, chromedp.EmulateMobile)); err != nil {
					t.Fatal(err)
				}
			}
			openHost(t, ctx, tc.query)
			r := frameCanvasRect(t, ctx)
			want, hint := 32.0, "Ctrl + scroll"
			if tc.touch {
				want, hint = 44, "two fingers"
			}
			hintOn := frameDoc + `.getElementById("map-hint").className + " " + getComputedStyle(` + frameDoc + `.getElementById("map-hint")).opacity`
			// The hint shows for a second and a half: on a loaded machine
			// the screenshot may come after it; then try again.
			for attempt := 1; ; attempt++ {
				if tc.touch {
					x, y := r.X+r.W/2, r.Y+r.H/2
					err := chromedp.Do(ctx, touches(input.DispatchTouchEventTypeTouchStart, orb.Point{x, y}),
						touches(input.DispatchTouchEventTypeTouchMove, orb.Point{x, y - 30}),
						touches(input.DispatchTouchEventTypeTouchEnd))
					if err != nil {
						t.Fatal(err)
					}
				} else if err := chromedp.Do(ctx, wheel(r.X+r.W/2, r.Y+r.H/2, 100)); err != nil {
					t.Fatal(err)
				}
				waitText(t, ctx, hintOn, "show 1")
				// Back to the map (the wheel or the finger scrolled the page).
				text(t, ctx, `window.scrollTo({top: document.getElementById("map").offsetTop, behavior: "instant"}), ""`)
				screenshot(t, ctx, "controls-"+tc.name)
				got := text(t, ctx, hintOn)
				if got == "show 1" {
					break
				}
				if attempt == 3 {
					t.Fatalf("the hint faded before the screenshot, three times: %s", got)
				}
				r = frameCanvasRect(t, ctx)
			}
			if got := text(t, ctx, frameDoc+`.getElementById("map-hint").textContent`); !strings.Contains(got, hint) {
				t.Errorf("hint %q, want it to mention %q", got, hint)
			}
			size, err := chromedp.Run(ctx, chromedp.Evaluate[float64](frameDoc+`.getElementById("zoom-in").getBoundingClientRect().width`))
			if err != nil {
				t.Fatal(err)
			}
			if size != want {
				t.Errorf("zoom buttons %v px, want %v", size, want)
			}
		})
	}
}

// timedDrag presses at x, y, moves by d in six steps 10 ms apart by their
// own timestamps, and lets go release s after the press: a release 10 ms
// after the last move is a fling of |d|/60 px/ms (the map glides on).
func timedDrag(x, y float64, d orb.Point, release float64) []chromedp.Action[chromedp.Void] {
	t0 := float64(time.Now().UnixNano()) / 1e9
	at := func(s float64) chromedp.MouseOption {
		return func(p *input.DispatchMouseEventParams) { p.Timestamp = input.TimeSinceEpoch(t0 + s) }
	}
	steps := []chromedp.Action[chromedp.Void]{chromedp.MouseEvent(chromedp.MousePressed, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1), at(0))}
	for i := 1; i <= 6; i++ {
		f := float64(i) / 6
		steps = append(steps, chromedp.MouseEvent(chromedp.MouseMoved, x+d.X()*f, y+d.Y()*f, chromedp.ButtonLeft, at(0.01*float64(i))))
	}
	return append(steps, chromedp.MouseEvent(chromedp.MouseReleased, x+d.X(), y+d.Y(), chromedp.ButtonLeft, chromedp.ClickCount(1), at(release)))
}
