package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Region is the part of the world the basemap is drawn in detail for, in
// longitude/latitude: 10°E to 80°E, 0° to 50°N. A map keeps it in sight.
// (A var: Go has no constant structs. Do not change it at run time.)
var Region = orb.Bound{Min: orb.Point{10, 0}, Max: orb.Point{80, 50}}

// FloorZoom is the lowest zoom at which bound b (longitude/latitude) still
// fills a good part of the view: one level below the zoom at which b just fits
// the view, and never below MinZoom. Zooming out further would leave b a small
// island in an empty sea.
func (v View) FloorZoom(b orb.Bound) float64 {
	return math.Max(MinZoom, v.Fit(b, 0, MaxZoom).Zoom-1)
}

// Constrain returns the nearest view whose zoom is within minZoom..MaxZoom
// (and never below MinZoom) and whose centre is inside bound b
// (longitude/latitude). Use FloorZoom(b) as minZoom to keep b in sight.
func (v View) Constrain(b orb.Bound, minZoom float64) View {
	lo := float64(MinZoom)
	if minZoom > lo { // false for NaN
		lo = math.Min(minZoom, MaxZoom)
	}
	v.Zoom = clamp(v.Zoom, lo, MaxZoom)
	v.Center = orb.Point{
		clamp(v.Center.Lon(), b.Min.Lon(), b.Max.Lon()),
		clamp(v.Center.Lat(), b.Min.Lat(), b.Max.Lat()),
	}
	return v
}
