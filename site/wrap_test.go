package site

import (
	"fmt"
	"image"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"mapline/geo"
)

// pacificSites are the sites of testdata/world-pacific.geojson: Suva west
// of the antimeridian, Nuku'alofa and Apia east of it.
var pacificSites = []struct {
	name string
	ll   orb.Point
}{
	{"Suva", orb.Point{178.44, -18.14}},
	{"Nuku'alofa", orb.Point{-175.20, -21.14}},
	{"Apia", orb.Point{-171.76, -13.83}},
}

// lonWidth is the width of view v in degrees of longitude.
func lonWidth(v geo.View) float64 { return v.Width / (geo.WorldSize * math.Exp2(v.Zoom)) * 360 }

// landNear counts the pixels of land (either land colour of th) in the ring
// from 14 to radius CSS px around p (off the marker), on a grid of 2 px;
// and all the pixels looked at. The islands of the Pacific are small: the
// sea around them is no failure, land within reach of the site is the point.
func landNear(img image.Image, p orb.Point, radius, ratio float64, th geo.Theme) (land, all int) {
	for dy := -radius; dy <= radius; dy += 2 {
		for dx := -radius; dx <= radius; dx += 2 {
			if d := math.Hypot(dx, dy); d < 14 || d > radius {
				continue
			}
			all++
			c := pixel(img, orb.Point{p[0] + dx, p[1] + dy}, ratio)
			if dist(c, th.Land) < 12 || dist(c, th.StoryLand) < 12 {
				land++
			}
		}
	}
	return land, all
}

// markerAt reports whether something other than the basemap (land, sea) is
// drawn at p: the site's marker.
func markerAt(img image.Image, p orb.Point, ratio float64, th geo.Theme) bool {
	c := pixel(img, p, ratio)
	return dist(c, th.Land) >= 12 && dist(c, th.StoryLand) >= 12 && dist(c, th.Sea) >= 12
}

// TestAcrossTheAntimeridian opens a story of Fiji, Tonga and Samoa, whose
// sites lie on both sides of 180°: the map opens on a compact view of the
// three (before, it fitted the whole world, -180° to 180°), draws land
// under them, and a drag across 180° keeps them drawn.
func TestAcrossTheAntimeridian(t *testing.T) {
	const ratio = 1
	for _, size := range []struct {
		name string
		w, h int64
	}{{"desktop", 800, 600}, {"phone", 375, 600}} {
		t.Run(size.name, func(t *testing.T) {
			t.Parallel()
			ctx := tab(t, size.w, size.h, ratio)
			open(t, ctx, "/embed.html?data=testdata/world-pacific.geojson", "ready")
			waitText(t, ctx, `document.documentElement.dataset.basemap || ""`, "loaded")
			r := canvasRect(t, ctx)
			v := currentView(t, ctx, r)
			if w := lonWidth(v); w > 40 {
				t.Errorf("the map opens %.0f° of longitude wide (%v zoom %.2f), want a compact view under 40°", w, v.Center, v.Zoom)
			}
			// Every site within the canvas, with land near it (polled: the
			// view's tiles may still be on their way to the screen).
			var msgs []string
			var img image.Image
			for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
				img = screenshot(t, ctx, "wrap-pacific-"+size.name)
				msgs = msgs[:0]
				for _, st := range pacificSites {
					p := v.Screen(st.ll)
					if p[0] < 0 || p[1] < 0 || p[0] > r.W || p[1] > r.H {
						msgs = append(msgs, fmt.Sprintf("%s is at %.0f,%.0f: off the %gx%g map", st.name, p[0], p[1], r.W, r.H))
						continue
					}
					p = orb.Point{p[0] + r.X, p[1] + r.Y}
					if land, all := landNear(img, p, 40, ratio, geo.Light); land == 0 {
						msgs = append(msgs, fmt.Sprintf("%s at CSS %.0f,%.0f: no land within 40 px (%d pixels looked at)", st.name, p[0], p[1], all))
					}
					if !markerAt(img, p, ratio, geo.Light) {
						msgs = append(msgs, fmt.Sprintf("%s at CSS %.0f,%.0f: no marker drawn", st.name, p[0], p[1]))
					}
				}
				if len(msgs) == 0 {
					break
				}
			}
			for _, m := range msgs {
				t.Error(m)
			}

			// A drag to the right moves the centre west, across 180°: the
			// sites still on the map are still drawn where they are.
			before := v
			dx := r.W / 3
			want := before.Center.Lon() - dx/(geo.WorldSize*math.Exp2(before.Zoom))*360
			if b := before.Center.Lon(); b > -180+dx/(geo.WorldSize*math.Exp2(before.Zoom))*360 || b >= 0 {
				t.Fatalf("a drag of %.0f px from %v does not cross 180°: the test must drag further", dx, before.Center)
			}
			dragSlowly(t, ctx, r.X+r.W/2, r.Y+r.H/2, dx, 0)
			// data-view follows the frames drawn: wait for the one at the
			// drag's end.
			var after geo.View
			for end := time.Now().Add(15 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
				if after = currentView(t, ctx, r); math.Abs(geo.NormLon(after.Center.Lon()-want)) < 0.05 {
					break
				}
			}
			if lon := after.Center.Lon(); lon < -180 || lon >= 180 {
				t.Errorf("data-view longitude %g is outside -180..180", lon)
			}
			if a := after.Center.Lon(); math.Abs(geo.NormLon(a-want)) > 0.05 || a < 0 {
				t.Errorf("after the drag the centre is %v, want longitude %.2f (%.2f), across 180° from %v", after.Center, want, geo.NormLon(want), before.Center)
			}
			waitText(t, ctx, `document.documentElement.dataset.basemap || ""`, "loaded")
			msgs = msgs[:0]
			for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
				img = screenshot(t, ctx, "wrap-pacific-dragged-"+size.name)
				msgs = msgs[:0]
				shown := 0
				for _, st := range pacificSites {
					p := after.Screen(st.ll)
					if p[0] < 12 || p[1] < 12 || p[0] > r.W-12 || p[1] > r.H-12 {
						continue
					}
					shown++
					if p = (orb.Point{p[0] + r.X, p[1] + r.Y}); !markerAt(img, p, ratio, geo.Light) {
						msgs = append(msgs, fmt.Sprintf("after the drag %s at CSS %.0f,%.0f: no marker drawn", st.name, p[0], p[1]))
					}
					// The tiles of both sides of 180° (columns 0 and 2^z-1)
					// are fetched and drawn where the view shows them.
					if land, all := landNear(img, p, 40, ratio, geo.Light); land == 0 {
						msgs = append(msgs, fmt.Sprintf("after the drag %s at CSS %.0f,%.0f: no land within 40 px (%d pixels looked at)", st.name, p[0], p[1], all))
					}
				}
				if shown == 0 {
					msgs = append(msgs, fmt.Sprintf("after the drag no site is on the map (%v zoom %.2f)", after.Center, after.Zoom))
				}
				if len(msgs) == 0 {
					break
				}
			}
			for _, m := range msgs {
				t.Error(m)
			}
		})
	}
}

// TestStoryWithoutPlacesOpensOnTheWorld opens a story whose events name no
// place: the map shows the world's land (before, the Middle East).
func TestStoryWithoutPlacesOpensOnTheWorld(t *testing.T) {
	const ratio = 1
	inland := map[string]orb.Point{
		"Brasília": {-47.88, -15.79}, "Nairobi": {36.82, -1.29}, "Minneapolis": {-93.27, 44.98},
		"Ulaanbaatar": {106.92, 47.92}, "Alice Springs": {133.88, -23.70}, "Moscow": {37.62, 55.76},
	}
	for _, size := range []struct {
		name string
		w, h int64
	}{{"desktop", 800, 600}, {"phone", 375, 600}} {
		t.Run(size.name, func(t *testing.T) {
			t.Parallel()
			ctx := tab(t, size.w, size.h, ratio)
			open(t, ctx, "/embed.html?data=testdata/world-no-places.geojson", "ready")
			waitText(t, ctx, `document.documentElement.dataset.basemap || ""`, "loaded")
			r := canvasRect(t, ctx)
			v := currentView(t, ctx, r)
			// The whole world when the map is wide enough at the lowest
			// zoom (a phone shows what MinZoom lets it).
			want := math.Min(359, r.W/(geo.WorldSize*math.Exp2(geo.MinZoom))*360-1)
			if w := lonWidth(v); w < want {
				t.Errorf("the map opens %.0f° of longitude wide (%v zoom %.2f), want at least %.0f°", w, v.Center, v.Zoom, want)
			}
			var msgs []string
			for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
				img := screenshot(t, ctx, "wrap-no-places-"+size.name)
				msgs = msgs[:0]
				for name, ll := range inland {
					p := v.Screen(ll)
					if p[0] < 0 || p[0] > r.W {
						if size.name == "desktop" {
							msgs = append(msgs, fmt.Sprintf("%s is at x %.0f: off the map", name, p[0]))
						}
						continue
					}
					if p[1] < 0 || p[1] > r.H {
						msgs = append(msgs, fmt.Sprintf("%s is at y %.0f: off the map", name, p[1]))
						continue
					}
					c := pixel(img, orb.Point{p[0] + r.X, p[1] + r.Y}, ratio)
					if dist(c, geo.Light.Land) >= 12 && dist(c, geo.Light.StoryLand) >= 12 {
						msgs = append(msgs, fmt.Sprintf("%s at %.0f,%.0f is not land: %02x%02x%02x", name, p[0], p[1], c.R, c.G, c.B))
					}
				}
				if len(msgs) == 0 {
					break
				}
			}
			if len(msgs) > 0 {
				t.Error(strings.Join(msgs, "\n"))
			}
		})
	}
}
