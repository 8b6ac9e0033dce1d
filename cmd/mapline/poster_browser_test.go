package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"math"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/paulmach/orb"

	"mapline/geo"
	"mapline/geo/svg"
	"mapline/internal/browser"
	"mapline/site"
)

// TestPosterMatchesLiveMap opens the embed in Chromium, waits for the wasm's
// first frame, and shows the SVG poster of the same size beside it: the
// poster must show the view the map starts with (data-view), and the sea and
// land must have the same colours in both, so the wasm takes over without a
// visible jump; and given the page's controls to keep clear of, the poster
// shows the same labels as the live map. Both screenshots go to
// out/screenshots/ (poster-live-*, poster-svg-*) to look at. It needs a
// built site:
//
//	make build && MAPLINE_DIST=$PWD/dist MAPLINE_CHROMIUM=/usr/bin/chromium go test ./cmd/mapline -run PosterMatchesLiveMap
func TestPosterMatchesLiveMap(t *testing.T) {
	dist := os.Getenv("MAPLINE_DIST")
	if dist == "" {
		t.Skip("set MAPLINE_DIST to a built site (make build) to compare the poster with the live map")
	}
	srv := httptest.NewServer(site.Handler(dist))
	defer srv.Close()
	for _, c := range []struct {
		name string
		w, h int64
		dark bool
	}{
		{"desktop-light", 1000, 700, false},
		{"desktop-dark", 1000, 700, true},
		{"phone-light", 375, 667, false},
		{"phone-dark", 375, 667, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := browserTab(t, c.w, c.h)
			// lazy=false alone would open on the view of the poster make build
			// wrote into the page, scaled to this map (frame.js); a t= of
			// the first event opens on the same moment with the map's own
			// fit, which this poster must match.
			url := srv.URL + "/embed.html?lazy=false&t=" + loadStory(t, demoStory).Events[0].Time.Start.ISO() + "&dark=" + fmt.Sprint(c.dark)
			type box struct{ X, Y, W, H float64 }
			type live struct {
				View       string
				X, Y, W, H float64
				Over       []box // what lies over the canvas: controls, key, labels, pulses
				Controls   []box // the controls labels keep clear of, in map px
				Buttons    []box // the map's zoom and reset buttons, in map px: the fit keeps clear of them
				Labels     []string
			}
			_, err := chromedp.Run(ctx, chromedp.Navigate(url))
			if err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS(`html[data-mapline="ready"]`))); err != nil {
				t.Fatalf("waiting for the map: %v", err)
			}
			lv, err := chromedp.Run(ctx, chromedp.Evaluate[live](`(() => { const r = document.querySelector("canvas").getBoundingClientRect();
				const over = [...document.querySelectorAll("#map-controls button, #attribution, #legend, #scale, #banner, #map-note, #map-labels .label:not([hidden])")].map(e => e.getBoundingClientRect())
					.filter(b => b.width > 0 && b.height > 0).map(b => ({X: b.left, Y: b.top, W: b.width, H: b.height}));
				// The pulses around current markers grow to 3.2 × 16 px.
				for (const e of document.querySelectorAll(".pulse")) {
					const b = e.getBoundingClientRect(), x = b.left + b.width / 2, y = b.top + b.height / 2;
					over.push({X: x - 28, Y: y - 28, W: 56, H: 56});
				}
				const controls = [...document.querySelectorAll("#map-controls button, #attribution, #legend, #scale, #banner, #map-note")].map(e => e.getBoundingClientRect())
					.filter(b => b.width > 0 && b.height > 0).map(b => ({X: b.left - r.left, Y: b.top - r.top, W: b.width, H: b.height}));
				const labels = [...document.querySelectorAll("#map-labels .label:not([hidden])")].map(e => e.textContent).sort();
				const buttons = [...document.querySelectorAll("#map-controls button")].map(e => e.getBoundingClientRect())
					.filter(b => b.width > 0 && b.height > 0).map(b => ({X: b.left - r.left, Y: b.top - r.top, W: b.width, H: b.height}));
				return {View: document.documentElement.dataset.view, X: r.left, Y: r.top, W: r.width, H: r.height, Over: over, Controls: controls, Buttons: buttons, Labels: labels}; })()`))
			if err != nil {
				t.Fatal(err)
			}
			liveShot := capture(t, ctx, "poster-live-"+c.name)

			s, err := browser.Demo(dist)
			if err != nil {
				t.Fatal(err)
			}
			// The story fitted as the live map fits it, clear of its buttons.
			var buttons []geo.Box
			for _, b := range lv.Buttons {
				buttons = append(buttons, geo.Box{X: b.X, Y: b.Y, W: b.W, H: b.H})
			}
			v := geo.StartViewClear(s, geo.View{Center: geo.HomeView.Center, Zoom: geo.HomeView.Zoom, Width: lv.W, Height: lv.H, Ratio: 1}, geo.SidesCovered(buttons, lv.W))
			p := geo.NewPoster(s, geo.DefaultBasemap(), v, 0, geo.PosterOptions{})
			var pic bytes.Buffer
			if err := svg.Write(&pic, p); err != nil {
				t.Fatal(err)
			}
			// The labels: with the page's controls kept clear, as the live
			// map places them, the poster (its text widths estimated) shows
			// the same names as the live map (its widths measured).
			var keep []geo.Box
			for _, b := range lv.Controls {
				keep = append(keep, geo.Box{X: b.X, Y: b.Y, W: b.W, H: b.H})
			}
			t.Logf("the page's controls as mapline render -keep-out: %q", keepOutFlag(keep, lv.W, lv.H))
			kp := geo.NewPoster(s, geo.DefaultBasemap(), v, 0, geo.PosterOptions{Themes: geo.PosterLight, KeepOut: keep})
			var posterLabels []string
			for _, l := range kp.Light.Labels {
				if l.Shown {
					posterLabels = append(posterLabels, l.Text)
				}
			}
			slices.Sort(posterLabels)
			onlyLive, onlyPoster := difference(lv.Labels, posterLabels), difference(posterLabels, lv.Labels)
			t.Logf("labels: live map %d, poster with the page's keep-out %d", len(lv.Labels), len(posterLabels))
			if len(onlyLive)+len(onlyPoster) > 0 {
				t.Errorf("labels only on the live map %q, only on the poster %q", onlyLive, onlyPoster)
			}

			got, err := geo.ParseView(lv.View)
			if err != nil {
				t.Fatalf("the live map's data-view: %v", err)
			}
			if math.Abs(got.Center.Lon()-v.Center.Lon()) > 1e-4 || math.Abs(got.Center.Lat()-v.Center.Lat()) > 1e-4 || math.Abs(got.Zoom-v.Zoom) > 1e-3 {
				t.Errorf("the live map starts at %s, the poster of %gx%g shows %s", lv.View, lv.W, lv.H, v.Param())
			}

			// The poster alone, where the canvas was, on a page of its theme.
			cls := ""
			if c.dark {
				cls = ` class="dark"`
			}
			page := fmt.Sprintf(`<!doctype html><html%s><body style="margin:0"><div style="position:absolute;left:%gpx;top:%gpx;line-height:0">%s</div></body></html>`,
				cls, lv.X, lv.Y, pic.String())
			if _, err := chromedp.Run(ctx, chromedp.Navigate("about:blank")); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.open(); document.write(`+mustJSON(page)+`); document.close(); true`)); err != nil {
				t.Fatal(err)
			}
			posterShot := capture(t, ctx, "poster-svg-"+c.name)

			// Sea and land away from every outline, marker and label: the
			// same colour on both (within 3 per channel: the wasm blends
			// in linear steps of its own).
			sc := p.Light
			if c.dark {
				sc = p.Dark
			}
			checked, differ := 0, 0
			for y := 7.5; y < lv.H; y += 20 {
				for x := 7.5; x < lv.W; x += 20 {
					want, _, clear := groundAt(sc, orb.Point{x, y})
					px, py := lv.X+x, lv.Y+y
					if !clear || slices.ContainsFunc(lv.Over, func(b box) bool {
						return px > b.X-3 && px < b.X+b.W+3 && py > b.Y-3 && py < b.Y+b.H+3
					}) {
						continue
					}
					a := rgbaAt(liveShot, lv.X+x, lv.Y+y)
					b := rgbaAt(posterShot, lv.X+x, lv.Y+y)
					checked++
					if !within(a, b, 3) || !within(b, want, 3) {
						differ++
						if differ <= 5 {
							t.Errorf("at %.0f,%.0f the live map is %v, the poster %v, the scene says %v", x, y, a, b, want)
						}
					}
				}
			}
			if checked < 50 {
				t.Errorf("only %d points to compare", checked)
			}
			t.Logf("%gx%g map: view %s; %d ground points compared, %d differ", lv.W, lv.H, lv.View, checked, differ)
		})
	}
}

// keepOutFlag writes boxes for mapline render -keep-out, each measured from
// the corner it is nearest.
func keepOutFlag(bs []geo.Box, w, h float64) string {
	var parts []string
	for _, b := range bs {
		x, y := fmt.Sprintf("%g", math.Round(b.X)), fmt.Sprintf("%g", math.Round(b.Y))
		if b.X+b.W/2 > w/2 {
			x = fmt.Sprintf("-%g", math.Round(w-b.X-b.W))
		}
		if b.Y+b.H/2 > h/2 {
			y = fmt.Sprintf("-%g", math.Round(h-b.Y-b.H))
		}
		parts = append(parts, fmt.Sprintf("%s,%s,%g,%g", x, y, math.Ceil(b.W), math.Ceil(b.H)))
	}
	return strings.Join(parts, " ")
}

// difference is the texts of a not in b.
func difference(a, b []string) []string {
	var d []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			d = append(d, x)
		}
	}
	return d
}

func rgbaAt(img image.Image, x, y float64) color.NRGBA {
	return color.NRGBAModel.Convert(img.At(int(x), int(y))).(color.NRGBA)
}

func within(a, b color.NRGBA, d float64) bool {
	f := func(x, y uint8) bool { return math.Abs(float64(x)-float64(y)) <= d }
	return f(a.R, b.R) && f(a.G, b.G) && f(a.B, b.B)
}
