package geo_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"mapline/geo"
)

func TestConstrain(t *testing.T) {
	b := geo.Region
	base := geo.View{Center: orb.Point{45, 30}, Zoom: 5, Width: 800, Height: 500, Ratio: 1}
	with := func(c orb.Point, z float64) geo.View { v := base; v.Center, v.Zoom = c, z; return v }
	tests := []struct {
		name    string
		v       geo.View
		minZoom float64
		want    geo.View
	}{
		{"inside is kept", base, 3, base},
		{"on the edge is kept", with(orb.Point{10, 50}, 5), 3, with(orb.Point{10, 50}, 5)},
		{"west of the region", with(orb.Point{-30, 30}, 5), 3, with(orb.Point{10, 30}, 5)},
		{"north east of the region", with(orb.Point{120, 70}, 5), 3, with(orb.Point{80, 50}, 5)},
		{"south of the equator", with(orb.Point{40, -20}, 5), 3, with(orb.Point{40, 0}, 5)},
		{"zoomed out too far", with(orb.Point{45, 30}, 2), 3, with(orb.Point{45, 30}, 3)},
		{"zoomed in too far", with(orb.Point{45, 30}, 14), 3, with(orb.Point{45, 30}, geo.MaxZoom)},
		{"minimum below MinZoom", with(orb.Point{45, 30}, 0.5), -4, with(orb.Point{45, 30}, geo.MinZoom)},
		{"minimum above MaxZoom", with(orb.Point{45, 30}, 5), 20, with(orb.Point{45, 30}, geo.MaxZoom)},
		{"minimum NaN", with(orb.Point{45, 30}, 0), math.NaN(), with(orb.Point{45, 30}, geo.MinZoom)},
		{"zoom NaN", with(orb.Point{45, 30}, math.NaN()), 3, with(orb.Point{45, 30}, 3)},
		{"both outside", with(orb.Point{0, 60}, 1), 3, with(orb.Point{10, 50}, 3)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.v.Constrain(b, tt.minZoom)
			if !near(got.Center, tt.want.Center, degTol) || math.Abs(got.Zoom-tt.want.Zoom) > 1e-12 {
				t.Errorf("Constrain = %v z%v, want %v z%v", got.Center, got.Zoom, tt.want.Center, tt.want.Zoom)
			}
			if got.Width != tt.v.Width || got.Height != tt.v.Height || got.Ratio != tt.v.Ratio {
				t.Errorf("Constrain changed the size: %+v", got)
			}
		})
	}
}

func TestFloorZoom(t *testing.T) {
	// The region is 70° of longitude wide and 0°–50°N high in Web Mercator.
	ww := 70.0 / 360 * geo.WorldSize
	wh := geo.World(orb.Point{0, 0}).Y() - geo.World(orb.Point{0, 50}).Y()
	tests := []struct {
		name string
		w, h float64
		want float64
	}{
		{"desktop: the height limits", 800, 500, math.Min(math.Log2(800/ww), math.Log2(500/wh)) - 1},
		{"phone: the width limits", 375, 400, math.Min(math.Log2(375/ww), math.Log2(400/wh)) - 1},
		{"huge screen", 8000, 6000, math.Min(math.Log2(8000/ww), math.Log2(6000/wh)) - 1},
		{"no size yet", 0, 0, geo.MinZoom},
		{"tiny: never below MinZoom", 40, 30, geo.MinZoom},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := geo.View{Center: orb.Point{45, 25}, Zoom: 6, Width: tt.w, Height: tt.h}
			if got := v.FloorZoom(geo.Region); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("FloorZoom = %v, want %v", got, tt.want)
			}
		})
	}
}

// At FloorZoom the region still covers half the view in its tighter
// direction: it is not a small island.
func TestFloorZoomKeepsTheRegionLarge(t *testing.T) {
	v := geo.View{Width: 1280, Height: 620}
	v.Zoom = v.FloorZoom(geo.Region)
	v.Center = orb.Point{45, 25}
	lo, hi := v.Screen(orb.Point{10, 50}), v.Screen(orb.Point{80, 0})
	fw, fh := (hi.X()-lo.X())/v.Width, (hi.Y()-lo.Y())/v.Height
	if f := math.Max(fw, fh); math.Abs(f-0.5) > 1e-9 {
		t.Errorf("at FloorZoom the region covers %.3f of the width and %.3f of the height, want 0.5 in the tighter one", fw, fh)
	}
}
