package geo

import (
	"mapline/internal/order"
	"math"

	"github.com/paulmach/orb"
)

// Region is the part of the world the first basemap covered, in
// longitude/latitude: 10°E to 80°E, 0° to 50°N (the Middle East). The map
// no longer keeps a view inside it (Limits: the basemap covers the world);
// it remains a bound to test Constrain and FloorZoom with.
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
// (longitude/latitude). Use FloorZoom(b) as minZoom to keep b in sight. A
// centre that is not a number (NaN, ±Inf) counts as 0°, 0°.
func (v View) Constrain(b orb.Bound, minZoom float64) View {
	lo := float64(MinZoom)
	if minZoom > lo { // false for NaN
		lo = math.Min(minZoom, MaxZoom)
	}
	v.Zoom = clamp(v.Zoom, lo, MaxZoom)
	lon, lat := v.Center.Lon(), v.Center.Lat()
	if math.IsNaN(lon) || math.IsInf(lon, 0) {
		lon = 0 // then within b: a bound of any longitude (Everywhere) takes any number but these
	}
	if math.IsNaN(lat) || math.IsInf(lat, 0) {
		lat = 0
	}
	v.Center = orb.Point{clamp(lon, b.Min.Lon(), b.Max.Lon()), clamp(lat, b.Min.Lat(), b.Max.Lat())}
	return v
}

// Everywhere is the bound a view's centre stays inside: any longitude (the
// map wraps: a centre east of 180° shows the same as one 360° west of it)
// and Web Mercator's latitudes.
var Everywhere = orb.Bound{Min: orb.Point{math.Inf(-1), -MaxLat}, Max: orb.Point{math.Inf(1), MaxLat}}

// Land is the bound of the world's land, Antarctica aside: what a map of a
// story without places shows (from Tierra del Fuego to the north of
// Greenland, all the way round).
var Land = orb.Bound{Min: orb.Point{-180, -56}, Max: orb.Point{180, 83.7}}

// NormLon is longitude lon brought into -180 (included) to 180 (excluded):
// the form a view's centre is shown in (View.Param).
func NormLon(lon float64) float64 {
	if lon >= -180 && lon < 180 {
		return lon
	}
	l := math.Mod(lon+180, 360)
	if l < 0 {
		l += 360
	}
	return l - 180
}

// BoundOf is the longitude/latitude bound of points pts, and false when
// there are none. Its latitudes are clamped to Web Mercator's (±MaxLat).
// Its longitudes are the smallest arc of the circle that holds them all:
// Min.Lon() is in -180..180 and Max.Lon() may pass 180 when the arc crosses
// the antimeridian (Fiji to Samoa: 178.4 to 188.2, not -171.8 to 178.4). An
// arc wider than 180° is the whole way round, -180 to 180: the points then
// lie all over the world.
func BoundOf(pts []orb.Point) (orb.Bound, bool) {
	if len(pts) == 0 {
		return orb.Bound{}, false
	}
	lons := make([]float64, 0, len(pts))
	lat0, lat1 := math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		lons = append(lons, NormLon(p.Lon()))
		lat0, lat1 = math.Min(lat0, p.Lat()), math.Max(lat1, p.Lat())
	}
	lat0, lat1 = clamp(lat0, -MaxLat, MaxLat), clamp(lat1, -MaxLat, MaxLat)
	order.Float64s(lons)
	// The arc is the circle less its largest gap between neighbours, the
	// gap from the last round to the first included.
	gap, at := lons[0]+360-lons[len(lons)-1], len(lons)-1
	for i := 0; i+1 < len(lons); i++ {
		if g := lons[i+1] - lons[i]; g > gap {
			gap, at = g, i
		}
	}
	lon0, lon1 := lons[0], lons[len(lons)-1] // the gap is across 180
	if at < len(lons)-1 {
		lon0, lon1 = lons[at+1], lons[at]+360
	}
	if lon1-lon0 > 180 {
		lon0, lon1 = -180, 180
	}
	return orb.Bound{Min: orb.Point{lon0, lat0}, Max: orb.Point{lon1, lat1}}, true
}
