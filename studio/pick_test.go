package studio_test

import (
	"math"
	"strconv"
	"testing"

	"mapline/geo"
	"mapline/studio"

	"github.com/paulmach/orb"
)

// TestPick: a click on the preview's map gives the place under it, as the
// reporter would type it; a view or a click that cannot be read is an
// error naming it, never a place.
func TestPick(t *testing.T) {
	const view = "33.30000,44.40000,5.000"
	v, err := geo.ParseView(view)
	if err != nil {
		t.Fatal(err)
	}
	v.Width, v.Height = 600, 400
	erbil := v.Screen(orb.Point{44.01, 36.19})
	for _, tc := range []struct {
		name       string
		view       string
		w, h, x, y float64
		lat, lon   float64 // want, within 1e-4
		err        string
	}{
		{"the-centre", view, 600, 400, 300, 200, 33.3, 44.4, ""},
		{"erbil", view, 600, 400, erbil[0], erbil[1], 36.19, 44.01, ""},
		{"not-a-view", "here", 600, 400, 1, 1, 0, 0, "studio: pick on map: view"},
		{"no-size", view, 0, 400, 1, 1, 0, 0, "studio: pick on map: the map is 0×400"},
		{"outside-the-map", view, 600, 400, 700, 10, 0, 0, "studio: pick on map: the click (700, 10) is outside the map"},
		{"not-a-number", view, 600, 400, math.NaN(), 1, 0, 0, "studio: pick on map: the click (NaN, 1) is outside the map"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lat, lon, err := studio.Pick(tc.view, tc.w, tc.h, tc.x, tc.y)
			if tc.err != "" {
				if err == nil || len(err.Error()) < len(tc.err) || err.Error()[:len(tc.err)] != tc.err {
					t.Fatalf("err %v, want one starting %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			la, _ := strconv.ParseFloat(lat, 64)
			lo, _ := strconv.ParseFloat(lon, 64)
			if math.Abs(la-tc.lat) > 1e-4 || math.Abs(lo-tc.lon) > 1e-4 {
				t.Errorf("Pick = %s, %s; want %.4f, %.4f", lat, lon, tc.lat, tc.lon)
			}
			if len(lat) > 10 || len(lon) > 10 {
				t.Errorf("Pick = %s, %s: more decimals than a reporter types", lat, lon)
			}
		})
	}
}
