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

// landAround looks at eight points 26 CSS px around p (off the marker and
// its halo; some may fall on a label or a control) and counts those whose
// pixel is land and those whose pixel is sea in theme th.
func landAround(img image.Image, p orb.Point, ratio float64, th geo.Theme) (land, sea int, seen []string) {
	for i := 0; i < 8; i++ {
		a := float64(i) * math.Pi / 4
		q := orb.Point{p[0] + 26*math.Cos(a), p[1] + 26*math.Sin(a)}
		c := pixel(img, q, ratio)
		switch {
		case dist(c, th.Land) < 12 || dist(c, th.StoryLand) < 12:
			land++
		case dist(c, th.Sea) < 12:
			sea++
		}
		seen = append(seen, fmt.Sprintf("%02x%02x%02x", c.R, c.G, c.B))
	}
	return land, sea, seen
}

// TestLandUnderSitesOnEveryContinent opens stories of inland places on four
// continents besides the demo's: the world basemap's tiles draw land under
// and around every site (before the world basemap, these rendered as markers
// on empty sea).
func TestLandUnderSitesOnEveryContinent(t *testing.T) {
	const ratio = 1
	for _, tc := range []struct {
		name, file string
		sites      map[string]orb.Point
	}{
		{"south america", "world-south-america", map[string]orb.Point{"Brasília": {-47.88, -15.79}, "La Paz": {-68.15, -16.50}}},
		{"africa", "world-africa", map[string]orb.Point{"Nairobi": {36.82, -1.29}, "Kampala": {32.58, 0.35}}},
		{"north america", "world-north-america", map[string]orb.Point{"Minneapolis": {-93.27, 44.98}, "Denver": {-104.99, 39.74}}},
		{"asia", "world-asia", map[string]orb.Point{"Ulaanbaatar": {106.92, 47.92}, "Almaty": {76.89, 43.24}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := tab(t, 800, 600, ratio)
			open(t, ctx, "/embed.html?data=testdata/"+tc.file+".geojson", "ready")
			r := canvasRect(t, ctx)
			var msgs []string
			for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
				img := screenshot(t, ctx, "basemap-"+tc.file)
				v := currentView(t, ctx, r)
				msgs = msgs[:0]
				for name, ll := range tc.sites {
					p := v.Screen(ll)
					p = orb.Point{p[0] + r.X, p[1] + r.Y}
					if land, sea, seen := landAround(img, p, ratio, geo.Light); land < 3 || sea > 0 {
						msgs = append(msgs, fmt.Sprintf("%s at CSS %.0f,%.0f: of 8 points around it %d are land, %d sea (%s)", name, p[0], p[1], land, sea, strings.Join(seen, " ")))
					}
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
