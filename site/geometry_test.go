package site

import (
	"fmt"
	"image"
	"image/color"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/paulmach/orb"

	"mapline/geo"
)

// TestGeometryOnTheMap loads a story with an area, a line and a track
// (testdata/geometry.geojson): the area is its translucent fill over the
// land, the line its stroke; a click inside the area opens the area's
// card; moving the slider through the track's hours moves its point north
// and lengthens its trail.
func TestGeometryOnTheMap(t *testing.T) {
	f, err := os.Open("testdata/geometry.geojson")
	if err != nil {
		t.Fatal(err)
	}
	s, err := geo.Load(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	const ratio = 2
	ctx := tab(t, 900, 700, ratio)
	open(t, ctx, "/embed.html?lazy=false&data=testdata/geometry.geojson&view=32,43,6&t=2025-06-11", "ready")
	r := canvasRect(t, ctx)
	img := screenshot(t, ctx, "geometry-area-line")
	v := currentView(t, ctx, r)
	at := func(img image.Image, lon, lat float64) color.NRGBA {
		p := v.Screen(orb.Point{lon, lat})
		return pixel(img, orb.Point{p[0] + r.X, p[1] + r.Y}, ratio)
	}
	over := func(c, under color.NRGBA) color.NRGBA {
		a := float64(c.A) / 255
		mix := func(x, y uint8) uint8 { return uint8(float64(x)*a + float64(y)*(1-a) + 0.5) }
		return color.NRGBA{mix(c.R, under.R), mix(c.G, under.G), mix(c.B, under.B), 0xff}
	}

	// The area: the military kind's colour, translucent, over the land
	// (which of the two lands: Iraq holds a site of the story).
	zone := geo.Light.KindColor("military")
	inside := at(img, 45.4, 31.2)
	best := 1e9
	for _, land := range []color.NRGBA{geo.Light.Land, geo.Light.StoryLand} {
		for _, alpha := range []uint8{0x33, 0x59} { // past, current
			c := zone
			c.A = alpha
			best = min(best, dist(inside, over(c, land)))
		}
	}
	if best > markerTolerance || dist(inside, geo.Light.StoryLand) < 10 || dist(inside, geo.Light.Land) < 10 {
		t.Errorf("inside the area the pixel is %v: not the zone's colour %v over the land (distance %.0f)", inside, zone, best)
	}
	// The line: a stroke in the colour of a site of no known kind.
	if got, want := at(img, 39.2, 34.5), geo.Light.KindColor("site"); dist(got, want) > markerTolerance {
		t.Errorf("on the road the pixel is %v, want its stroke %v (distance %.0f)", got, want, dist(got, want))
	}

	// A click inside the area opens its card.
	p := v.Screen(orb.Point{45.4, 31.2})
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(p[0]+r.X, p[1]+r.Y)); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, `document.getElementById("popup").hidden ? "" : document.getElementById("popup").innerText`, "Closed zone")
	screenshot(t, ctx, "geometry-area-card")
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, `String(document.getElementById("popup").hidden)`, "true")

	// Scrubbing: 03:00 and 09:00 on 12 June, 27 and 33 hours into the
	// story's 36.
	convoy := s.Events[s.Index("convoy")].Path
	event := geo.Light.KindColor("event")
	trail := orb.Point{41.5, 30.5} // behind the point at 09:00, ahead of it at 03:00
	for _, tc := range []struct {
		hour    int
		onTrail bool
	}{{3, false}, {9, true}} {
		hours := 24 + tc.hour
		text(t, ctx, fmt.Sprintf(`(() => { const s = document.getElementById("timeline"); s.value = %d; s.dispatchEvent(new Event("input")); return ""; })()`, hours))
		waitText(t, ctx, `document.getElementById("card-title").textContent`, "A convoy drives north")
		want, _ := convoy.At(time.Date(2025, 6, 12, tc.hour, 0, 0, 0, time.UTC))
		var got color.NRGBA
		// The frame after the slider's: poll the screenshot until the point is there.
		for end := time.Now().Add(15 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
			img = screenshot(t, ctx, fmt.Sprintf("geometry-track-%02dh", tc.hour))
			v = currentView(t, ctx, r)
			q := v.WorldToScreen(want)
			if got = pixel(img, orb.Point{q[0] + r.X, q[1] + r.Y}, ratio); dist(got, event) <= markerTolerance {
				break
			}
		}
		if d := dist(got, event); d > markerTolerance {
			t.Errorf("%02d:00: at the track's point %v the pixel is %v, want the event colour %v (distance %.0f)", tc.hour, geo.LonLat(want), got, event, d)
		}
		if on := dist(at(img, trail[0], trail[1]), event) <= markerTolerance; on != tc.onTrail {
			t.Errorf("%02d:00: the trail at latitude 30.5 is drawn: %v, want %v", tc.hour, on, tc.onTrail)
		}
	}

	// On a phone in the dark theme, the area tints the dark land too.
	ctx = tab(t, 375, 700, ratio)
	open(t, ctx, "/embed.html?lazy=false&dark=1&data=testdata/geometry.geojson&view=32,43,5&t=2025-06-11", "ready")
	r = canvasRect(t, ctx)
	img = screenshot(t, ctx, "geometry-phone-dark")
	v = currentView(t, ctx, r)
	inside = at(img, 45.4, 31.2)
	if dist(inside, geo.Dark.StoryLand) < 10 || dist(inside, geo.Dark.Land) < 10 {
		t.Errorf("dark, phone: inside the area the pixel %v is the land's", inside)
	}
}
