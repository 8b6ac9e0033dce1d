package geo_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"mapline/geo"
)

func TestScaleBar(t *testing.T) {
	for _, tc := range []struct {
		name       string
		lat, zoom  float64
		km         float64
		kmText, mi string
	}{
		// At the equator, zoom 0: 40075 km over 256 px, 156.5 km a pixel.
		{"equator zoom 0", 0, 0, 10000, "10\u202f000 km", "5000 mi"},
		{"equator zoom 1", 0, 1, 5000, "5000 km", "2000 mi"},
		// 60°N halves the distances: 39 km a pixel.
		{"60°N zoom 1", 60, 1, 2000, "2000 km", "2000 mi"},
		// 2.045 km a pixel: 100 px are 204 km, 127 mi.
		{"Baghdad zoom 6", 33.3, 6, 200, "200 km", "100 mi"},
		{"Baghdad zoom 9", 33.3, 9, 20, "20 km", "10 mi"},
		{"Baghdad zoom 12", 33.3, 12, 2, "2 km", "1 mi"},
		{"Baghdad zoom 14", 33.3, 14, 0.5, "500 m", "0.2 mi"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := geo.View{Center: orb.Point{44, tc.lat}, Zoom: tc.zoom, Width: 600, Height: 400}
			b := v.ScaleBar(100)
			if math.Abs(b.Km-tc.km) > 1e-9 {
				t.Errorf("%g km, want %g", b.Km, tc.km)
			}
			if b.KmText() != tc.kmText || b.MiText() != tc.mi {
				t.Errorf("%q / %q, want %q / %q", b.KmText(), b.MiText(), tc.kmText, tc.mi)
			}
			for _, bar := range []struct{ len, px, unit float64 }{{b.Km, b.KmPx, 1000}, {b.Mi, b.MiPx, 1609.344}} {
				if bar.px > 100+1e-9 || bar.px < 100/2.5-1e-9 {
					t.Errorf("a bar of %g px, want 40 to 100 (a 1-2-5 step is at most 2.5 times)", bar.px)
				}
				if got := bar.px * v.MetresPerPixel(); math.Abs(got-bar.len*bar.unit) > 1e-6*got {
					t.Errorf("a bar of %g px is %g m, its text says %g m", bar.px, got, bar.len*bar.unit)
				}
			}
			// A pixel at the centre covers MetresPerPixel on the ground,
			// east–west and north–south (Mercator is conformal).
			c := v.Screen(v.Center)
			for _, d := range []orb.Point{{1, 0}, {0, 1}} {
				ground := haversine(v.Geo(orb.Point{c[0] - d[0]/2, c[1] - d[1]/2}), v.Geo(orb.Point{c[0] + d[0]/2, c[1] + d[1]/2}))
				if m := v.MetresPerPixel(); math.Abs(ground-m)/m > 1e-4 {
					t.Errorf("a pixel %v covers %.1f m on the ground, MetresPerPixel says %.1f", d, ground, m)
				}
			}
		})
	}
	if b := (geo.View{Zoom: math.NaN()}).ScaleBar(100); b.Km != 0 {
		t.Errorf("a bad view gives a scale bar %+v", b)
	}
}

// haversine is the great-circle distance in metres on the Web Mercator sphere.
func haversine(a, b orb.Point) float64 {
	const rad = math.Pi / 180
	dlat, dlon := (b.Lat()-a.Lat())*rad, (b.Lon()-a.Lon())*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(a.Lat()*rad)*math.Cos(b.Lat()*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * geo.EarthRadius * math.Asin(math.Sqrt(h))
}

func ExampleView_ScaleBar() {
	v := geo.View{Center: orb.Point{44.4, 33.3}, Zoom: 6, Width: 640, Height: 420}
	b := v.ScaleBar(100)
	fmt.Printf("%s: %.0f px, %s: %.0f px\n", b.KmText(), b.KmPx, b.MiText(), b.MiPx)
	// Output: 200 km: 98 px, 100 mi: 79 px
}
