package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// WorldSize is the width and height of the Web Mercator world at zoom 0, in CSS
// pixels: the convention of Leaflet and OpenStreetMap tiles. At zoom z the world
// is WorldSize·2^z pixels wide.
const WorldSize = 256

// MaxLat is the latitude where Web Mercator is cut off (the world is square).
const MaxLat = 85.0511287798

// World projects a longitude/latitude point to world coordinates: Web Mercator
// scaled so the world is WorldSize units wide, x growing east and y south.
func World(ll orb.Point) orb.Point {
	lat := math.Max(-MaxLat, math.Min(MaxLat, ll.Lat()))
	s := math.Sin(lat * math.Pi / 180)
	x := (ll.Lon() + 180) / 360 * WorldSize
	y := (0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)) * WorldSize
	return orb.Point{x, y}
}

// LonLat is the inverse of World.
func LonLat(w orb.Point) orb.Point {
	lon := w.X()/WorldSize*360 - 180
	n := math.Pi * (1 - 2*w.Y()/WorldSize)
	lat := math.Atan(math.Sinh(n)) * 180 / math.Pi
	return orb.Point{lon, lat}
}

// View is what the map shows: a centre, a zoom and a size. It maps geographic
// points to screen pixels and back. Screen pixels are CSS pixels with the origin
// at the top left of the map; multiply by Ratio for device pixels.
//
// View is a value: every method that changes it returns a new View.
//
// The map wraps round the antimeridian: the centre's longitude may leave
// -180..180 (a pan east across 180° goes on to 181°, 182°, …, so the map
// moves without a jump) and is brought back where it is shown (Param,
// NormLon). What the map draws is drawn at the world copy nearest the
// centre (Near, Screen).
type View struct {
	Center        orb.Point // longitude (any: see above), latitude of the centre of the map
	Zoom          float64   // Leaflet zoom; fractional zooms are allowed
	Width, Height float64   // size of the map in CSS pixels
	Ratio         float64   // device pixel ratio (1 when zero)
}

// Zoom limits of any view.
const (
	MinZoom = 1
	MaxZoom = 12
)

// scale is the number of CSS pixels per world unit.
func (v View) scale() float64 { return math.Exp2(v.Zoom) }

// origin is the world point at the top left of the screen.
func (v View) origin() orb.Point {
	c := World(v.Center)
	s := v.scale()
	return orb.Point{c.X() - v.Width/2/s, c.Y() - v.Height/2/s}
}

// Transform returns the affine map from world coordinates to screen pixels:
// screen = (world - Origin)·Scale.
func (v View) Transform() (origin orb.Point, scale float64) {
	return v.origin(), v.scale()
}

// Screen projects a longitude/latitude point to screen pixels, at the copy
// of the world nearest the centre of the view (Near).
func (v View) Screen(ll orb.Point) orb.Point { return v.WorldToScreen(v.Near(World(ll))) }

// Near is world point w moved east or west by whole world widths
// (WorldSize) to the copy nearest the centre of the view: where the map
// draws it.
func (v View) Near(w orb.Point) orb.Point {
	return orb.Point{w[0] + v.Shift(w[0]), w[1]}
}

// Shift is how far, in world units (a whole number of WorldSize), world
// x-coordinate x moves to the copy of the world nearest the centre of the
// view.
func (v View) Shift(x float64) float64 {
	c := World(v.Center).X()
	k := math.Round((c - x) / WorldSize)
	if math.IsNaN(k) || math.IsInf(k, 0) {
		return 0
	}
	return k * WorldSize
}

// WorldToScreen maps a world point to screen pixels.
func (v View) WorldToScreen(w orb.Point) orb.Point {
	o, s := v.origin(), v.scale()
	return orb.Point{(w.X() - o.X()) * s, (w.Y() - o.Y()) * s}
}

// ScreenToWorld maps screen pixels to a world point.
func (v View) ScreenToWorld(p orb.Point) orb.Point {
	o, s := v.origin(), v.scale()
	return orb.Point{o.X() + p.X()/s, o.Y() + p.Y()/s}
}

// Geo maps screen pixels to longitude/latitude.
func (v View) Geo(p orb.Point) orb.Point { return LonLat(v.ScreenToWorld(p)) }

// Pan moves the map content by dx, dy screen pixels (a drag to the right moves
// the map to the right, so the centre moves west).
func (v View) Pan(dx, dy float64) View {
	s := v.scale()
	c := World(v.Center)
	v.Center = LonLat(orb.Point{c.X() - dx/s, c.Y() - dy/s})
	return v.clampCenter()
}

// ZoomAbout changes the zoom by dz while keeping the geographic point under the
// screen point p where it is (zooming about the cursor). The zoom is clamped to
// MinZoom..MaxZoom.
func (v View) ZoomAbout(dz float64, p orb.Point) View {
	w := v.ScreenToWorld(p)
	v.Zoom = clamp(v.Zoom+dz, MinZoom, MaxZoom)
	s := v.scale()
	// The centre is such that w lands on p again.
	c := orb.Point{w.X() - (p.X()-v.Width/2)/s, w.Y() - (p.Y()-v.Height/2)/s}
	v.Center = LonLat(c)
	return v.clampCenter()
}

// Insets are CSS pixels along each side of a view: the padding a fit keeps
// (FitIn, ShowsIn), or how far in from each edge something lies over the
// map (FitPad).
type Insets struct{ Top, Right, Bottom, Left float64 }

// Even is p on every side.
func Even(p float64) Insets { return Insets{p, p, p, p} }

// Plus is in with d more on every side.
func (in Insets) Plus(d float64) Insets {
	return Insets{in.Top + d, in.Right + d, in.Bottom + d, in.Left + d}
}

// Fit returns the view of the same size that shows bound b (longitude/latitude)
// with padding CSS pixels on every side, at a zoom no higher than maxZoom:
// FitIn with Even(padding).
func (v View) Fit(b orb.Bound, padding, maxZoom float64) View {
	return v.FitIn(b, Even(padding), maxZoom)
}

// FitIn returns the view of the same size that shows bound b
// (longitude/latitude) inside the padding pad, at a zoom no higher than
// maxZoom, centred in the view, or as near its centre as the padding lets
// it (centred between the paddings when they leave too little room, at
// MinZoom). An empty bound (a single point) is shown at maxZoom. A bound
// across the antimeridian has Max.Lon() beyond 180 (BoundOf). The centre
// is put at the copy of the world nearest v's centre (Near): its longitude
// may leave -180..180.
func (v View) FitIn(b orb.Bound, pad Insets, maxZoom float64) View {
	lo, hi := World(orb.Point{b.Min.Lon(), b.Max.Lat()}), World(orb.Point{b.Max.Lon(), b.Min.Lat()})
	ww, wh := hi.X()-lo.X(), hi.Y()-lo.Y()
	aw, ah := math.Max(v.Width-pad.Left-pad.Right, 1), math.Max(v.Height-pad.Top-pad.Bottom, 1)
	z := maxZoom
	if ww > 0 || wh > 0 {
		z = math.Min(math.Log2(aw/math.Max(ww, 1e-12)), math.Log2(ah/math.Max(wh, 1e-12)))
	}
	v.Zoom = clamp(math.Min(z, maxZoom), MinZoom, MaxZoom)
	// The bound centred, unless that puts it in a padding (an uneven
	// one: the map's controls), and at the copy of the world nearest v's
	// (the map wraps): a fit across 180° seen from the west does not fly
	// round the world.
	s := v.scale()
	centre := func(lo, hi, size, a, b float64) float64 {
		w := (hi - lo) * s
		at := (size - w) / 2 // the bound's first edge on screen
		if a+w+b <= size {
			at = clamp(at, a, size-b-w)
		} else {
			at = a + (size-a-b-w)/2
		}
		return lo + (size/2-at)/s
	}
	c := orb.Point{centre(lo.X(), hi.X(), v.Width, pad.Left, pad.Right), centre(lo.Y(), hi.Y(), v.Height, pad.Top, pad.Bottom)}
	v.Center = LonLat(v.Near(c))
	return v
}

// Bound is the longitude/latitude bound of what the view shows.
func (v View) Bound() orb.Bound {
	a, b := v.Geo(orb.Point{0, 0}), v.Geo(orb.Point{v.Width, v.Height})
	return orb.Bound{Min: orb.Point{a.Lon(), b.Lat()}, Max: orb.Point{b.Lon(), a.Lat()}}
}

// WorldBound is the world-coordinate bound of what the view shows.
func (v View) WorldBound() orb.Bound {
	a, b := v.ScreenToWorld(orb.Point{0, 0}), v.ScreenToWorld(orb.Point{v.Width, v.Height})
	return orb.Bound{Min: a, Max: b}
}

// clampCenter keeps the centre's latitude on the world (its longitude may
// go round: the map wraps) and its longitude a number.
func (v View) clampCenter() View {
	lon := v.Center.Lon()
	if math.IsNaN(lon) || math.IsInf(lon, 0) {
		lon = 0
	}
	v.Center = orb.Point{lon, clamp(v.Center.Lat(), -MaxLat, MaxLat)}
	return v
}

// DeviceRatio is Ratio, or 1 when it is not set.
func (v View) DeviceRatio() float64 {
	if v.Ratio <= 0 || math.IsNaN(v.Ratio) {
		return 1
	}
	return v.Ratio
}

func clamp(x, lo, hi float64) float64 {
	if math.IsNaN(x) {
		return lo
	}
	return math.Max(lo, math.Min(hi, x))
}
