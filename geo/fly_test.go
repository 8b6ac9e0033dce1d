package geo_test

import (
	"math"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"mapline/geo"
)

func TestFlight(t *testing.T) {
	base := geo.View{Width: 800, Height: 500}
	at := func(lon, lat, z float64) geo.View { v := base; v.Center, v.Zoom = orb.Point{lon, lat}, z; return v }
	for _, tc := range []struct {
		name     string
		from, to geo.View
		zoomsOut bool // a long pan zooms out on the way
	}{
		{"long-pan", at(42.4, 33.8, 7), at(58.4, 23.6, 7), true},
		{"short-pan", at(44, 33, 6), at(44.2, 33.1, 6), false},
		{"zoom-only", at(44, 33, 4), at(44, 33, 8), false},
		{"pan-and-zoom", at(44, 33, 4), at(51.4, 35.7, 7), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := geo.NewFlight(tc.from, tc.to, 3*time.Second)
			if f.Duration <= 0 || f.Duration > 3*time.Second {
				t.Fatalf("duration %v", f.Duration)
			}
			near := func(a, b geo.View) bool {
				return math.Abs(a.Zoom-b.Zoom) < 1e-6 && math.Abs(a.Center.Lon()-b.Center.Lon()) < 1e-6 && math.Abs(a.Center.Lat()-b.Center.Lat()) < 1e-6
			}
			if v := f.At(0); !near(v, tc.from) {
				t.Errorf("At(0) = %v z%v, want the start %v z%v", v.Center, v.Zoom, tc.from.Center, tc.from.Zoom)
			}
			if v := f.At(f.Duration); !near(v, tc.to) {
				t.Errorf("At(end) = %v z%v, want the end", v.Center, v.Zoom)
			}
			minZoom := math.Inf(1)
			prev := tc.from
			for i := 1; i <= 50; i++ {
				v := f.At(f.Duration * time.Duration(i) / 50)
				minZoom = math.Min(minZoom, v.Zoom)
				// Continuous: no jumps of more than a screen between frames.
				if d := prev.Screen(v.Center); math.Abs(d[0]-400) > 800 || math.Abs(d[1]-250) > 500 {
					t.Fatalf("frame %d jumps to %v from %v", i, v.Center, prev.Center)
				}
				prev = v
			}
			if tc.zoomsOut && minZoom > tc.from.Zoom-0.5 {
				t.Errorf("a long flight did not zoom out on the way: lowest zoom %v", minZoom)
			}
			if !tc.zoomsOut && minZoom < math.Min(tc.from.Zoom, tc.to.Zoom)-1 {
				t.Errorf("a short flight zoomed out to %v", minZoom)
			}
		})
	}
}
