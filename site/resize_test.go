package site

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/paulmach/orb"

	"mapline/geo"
)

// markerDrawn reports whether the marker of site id is drawn where view v
// puts it, offset by the canvas position (x0, y0) in the screenshot.
func markerDrawn(t *testing.T, img image.Image, v geo.View, x0, y0 float64, id string) (got, want color.NRGBA, ok bool) {
	t.Helper()
	site, found := demo(t).Site(id)
	if !found {
		t.Fatalf("no site %q", id)
	}
	p := v.Screen(site.LonLat)
	want = geo.Light.Kinds[site.Kind]
	got = pixel(img, orb.Point{p[0] + x0, p[1] + y0}, v.DeviceRatio())
	return got, want, dist(got, want) <= markerTolerance
}

// screenshotWithMarkers takes screenshots until the markers of ids are drawn
// (the first frame at a new size may still be on its way), then asserts them.
func screenshotWithMarkers(t *testing.T, ctx context.Context, name string, v geo.View, x0, y0 float64, ids ...string) {
	t.Helper()
	for i := 0; ; i++ {
		img := screenshot(t, ctx, name)
		var bad []string
		for _, id := range ids {
			if got, want, ok := markerDrawn(t, img, v, x0, y0, id); !ok {
				bad = append(bad, fmt.Sprintf("%s: pixel %v, want the marker colour %v", id, got, want))
			}
		}
		if len(bad) == 0 {
			return
		}
		if i == 20 {
			t.Fatal(strings.Join(bad, "; "))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestDevicePixelRatioChange zooms the browser (the device pixel ratio goes
// from 1 to 2 without a reload): the map follows, drawing at the new
// resolution with its markers in place.
func TestDevicePixelRatioChange(t *testing.T) {
	ctx := tab(t, 800, 600, 1)
	open(t, ctx, "/embed.html?view=34,44,6&t=2025-06-11", "ready")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(800, 600, chromedp.EmulateScale(2))); err != nil {
		t.Fatal(err)
	}
	// A real browser zoom also changes the viewport's CSS size and fires
	// resize; the emulation changes only the ratio, so fire it here.
	text(t, ctx, `window.dispatchEvent(new Event("resize")), ""`)
	waitText(t, ctx, `String(document.querySelector("canvas").width === 2 * document.querySelector("canvas").clientWidth)`, "true")
	r := canvasRect(t, ctx)
	v := geo.View{Center: orb.Point{44, 34}, Zoom: 6, Width: r.W, Height: r.H, Ratio: 2}
	screenshotWithMarkers(t, ctx, "dpr-1-to-2", v, r.X, r.Y, "embassy-baghdad", "consulate-erbil", "al-asad")
}

// TestHiddenThenShown: a map loaded in a hidden box (display: none) draws
// when the box is shown, at the right size, not blank or stretched.
func TestHiddenThenShown(t *testing.T) {
	ctx := tab(t, 900, 700, 1)
	if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+"/testdata/hidden.html")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond) // let the hidden map start
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#show"))); err != nil {
		t.Fatal(err)
	}
	inner := `document.getElementById("map").contentDocument?.documentElement`
	waitText(t, ctx, inner+`?.dataset.mapline ?? ""`, "ready")
	waitText(t, ctx, `(() => { const c = document.getElementById("map").contentDocument.querySelector("canvas"); return String(c.width === c.clientWidth && c.clientWidth > 0); })()`, "true")
	r, err := chromedp.Run(ctx, chromedp.Evaluate[rect](`(() => { const f = document.getElementById("map").getBoundingClientRect();
		const c = document.getElementById("map").contentDocument.querySelector("canvas").getBoundingClientRect();
		return {X: f.left + c.left, Y: f.top + c.top, W: c.width, H: c.height}; })()`))
	if err != nil {
		t.Fatal(err)
	}
	v := geo.View{Center: orb.Point{44, 34}, Zoom: 6, Width: r.W, Height: r.H, Ratio: 1}
	screenshotWithMarkers(t, ctx, "hidden-then-shown", v, r.X, r.Y, "embassy-baghdad", "al-asad")
}
