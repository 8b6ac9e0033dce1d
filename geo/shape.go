package geo

import (
	"fmt"
	"math"
	"strings"

	"github.com/paulmach/orb"
)

// Shape is the outline of a marker. Kinds differ in shape as well as in
// colour, so a reader tells them apart without a legend and without seeing
// colour. Every renderer draws a shape from the same definition (Append), so
// the canvas, the legend's SVG and any static image agree.
type Shape uint8

const (
	Circle      Shape = iota // cities
	Square                   // embassies
	SmallSquare              // consulates: an embassy's square, smaller
	Triangle                 // military sites, pointing up
	Diamond                  // nuclear sites
	Star                     // venues: five points
	Burst                    // events with a place of their own: eight points
	DotCircle                // kinds the map does not know: a circle with a dot in the outline colour
)

var shapeNames = [...]string{"circle", "square", "small-square", "triangle", "diamond", "star", "burst", "dot-circle"}

func (s Shape) String() string {
	if int(s) < len(shapeNames) {
		return shapeNames[s]
	}
	return fmt.Sprintf("Shape(%d)", s)
}

// KindShape is the shape of a marker of the given kind (see the story format's
// properties.kind; "event" is an event's own point).
func KindShape(kind string) Shape {
	switch kind {
	case "embassy":
		return Square
	case "consulate":
		return SmallSquare
	case "military":
		return Triangle
	case "nuclear":
		return Diamond
	case "venue":
		return Star
	case "city":
		return Circle
	case "event":
		return Burst
	}
	return DotCircle
}

// shapeSpec describes a shape of radius 1: n outer vertices at radius outer,
// the first pointing at angle start (radians, 0 east, counter-clockwise on
// screen, y down), alternating with n inner vertices at radius inner when
// inner > 0 (a star). n == 0 is a circle.
type shapeSpec struct {
	n            int
	outer, inner float64
	start        float64
	dot          float64 // radius of the inner dot, 0 for none
}

// The sizes make the shapes look about as large as a circle of the same
// radius (their areas are 0.85 to 1.05 times the circle's, the consulate's
// square two thirds; pointed shapes reach a little further), and keep a disc
// of 0.6 radius around the centre inside every shape, so the middle of a
// marker is its fill colour (TestShapeSizes).
var shapeSpecs = [...]shapeSpec{
	Circle:      {outer: 1},
	Square:      {n: 4, outer: 0.9 * math.Sqrt2, start: math.Pi / 4},
	SmallSquare: {n: 4, outer: 0.72 * math.Sqrt2, start: math.Pi / 4},
	Triangle:    {n: 3, outer: 1.45, start: math.Pi / 2},
	Diamond:     {n: 4, outer: 1.25, start: math.Pi / 2},
	Star:        {n: 5, outer: 1.45, inner: 0.68, start: math.Pi / 2},
	Burst:       {n: 8, outer: 1.3, inner: 0.82, start: math.Pi / 2},
	DotCircle:   {outer: 1, dot: 0.38},
}

func (s Shape) spec() shapeSpec {
	if int(s) < len(shapeSpecs) {
		return shapeSpecs[s]
	}
	return shapeSpecs[Circle]
}

// shapeGeom is a polygon shape of radius 1, computed once: its vertices, and
// for each vertex the direction and distance it moves when the shape grows by
// 1 (its edges moving out by 1, parallel).
type shapeGeom struct {
	v, m []orb.Point
}

var shapeGeoms = func() (g [len(shapeSpecs)]shapeGeom) {
	for s, sp := range shapeSpecs {
		if sp.n == 0 {
			continue
		}
		n := sp.n
		step := 2 * math.Pi / float64(n)
		if sp.inner > 0 {
			n *= 2
			step /= 2
		}
		v := make([]orb.Point, n)
		for i := range v {
			rad := sp.outer
			if sp.inner > 0 && i%2 == 1 {
				rad = sp.inner
			}
			a := sp.start + step*float64(i)
			// Screen y grows down: the angle turns counter-clockwise on screen.
			v[i] = orb.Point{rad * math.Cos(a), -rad * math.Sin(a)}
		}
		m := make([]orb.Point, n)
		for i := range v {
			m[i] = miter(v[(i+n-1)%n], v[i], v[(i+1)%n])
		}
		g[s] = shapeGeom{v, m}
	}
	return g
}()

// Extent is how far the shape of radius r reaches from its centre: the radius
// of its bounding circle. Labels keep clear of a disc of this radius.
func (s Shape) Extent(r float64) float64 { return s.spec().outer * r }

// Bounds is the box of the shape of radius r grown by grow (see Append),
// relative to its centre.
func (s Shape) Bounds(r, grow float64) Box {
	if s.spec().n == 0 {
		R := r + grow
		return Box{-R, -R, 2 * R, 2 * R}
	}
	g := &shapeGeoms[s]
	x0, y0 := math.Inf(1), math.Inf(1)
	x1, y1 := math.Inf(-1), math.Inf(-1)
	for i, v := range g.v {
		x, y := r*v[0]+grow*g.m[i][0], r*v[1]+grow*g.m[i][1]
		x0, y0 = min(x0, x), min(y0, y)
		x1, y1 = max(x1, x), max(y1, y)
	}
	return Box{x0, y0, x1 - x0, y1 - y0}
}

// Round reports whether the shape is a circle (Circle, DotCircle): renderers
// that have circles draw it as one, of radius r+grow.
func (s Shape) Round() bool { return s.spec().n == 0 }

// Dot is the radius of the shape's inner dot, drawn in the outline colour,
// for radius r (0 for shapes without one).
func (s Shape) Dot(r float64) float64 { return s.spec().dot * r }

// unitCircles holds, for every n CircleSegments may return, the n vertices of
// a circle of radius 1, counter-clockwise on screen from east.
var unitCircles = func() (t [97][]orb.Point) {
	for n := 12; n < len(t); n++ {
		t[n] = make([]orb.Point, n)
		for i := range t[n] {
			a := 2 * math.Pi * float64(i) / float64(n)
			t[n][i] = orb.Point{math.Cos(a), -math.Sin(a)}
		}
	}
	return t
}()

// CircleSegments is the number of segments of a circle of radius r drawn as a
// polygon: its edges stray at most 0.2 units from the true circle (r in device
// pixels, say), with at least 12 and at most 96 segments.
func CircleSegments(r float64) int {
	if !(r > 0.2) {
		return 12
	}
	n := int(math.Ceil(math.Pi / math.Acos(1-0.2/r)))
	return max(12, min(n, 96))
}

// Append appends the outline of shape s with radius r centred at (x, y) to
// dst and returns it: a polygon without its closing point, star-shaped about
// the centre (so a triangle fan from the centre fills it), wound
// counter-clockwise on screen. grow > 0 pushes every edge out by grow, keeping the edges parallel:
// the marker's outline ring is the shape grown by its width. The units are
// the caller's (CSS or device pixels); circles get CircleSegments(r+grow)
// segments.
func (s Shape) Append(dst []orb.Point, x, y, r, grow float64) []orb.Point {
	if s.spec().n == 0 {
		R := r + grow
		for _, p := range unitCircles[CircleSegments(R)] {
			dst = append(dst, orb.Point{x + R*p[0], y + R*p[1]})
		}
		return dst
	}
	g := &shapeGeoms[s]
	for i, v := range g.v {
		m := g.m[i]
		dst = append(dst, orb.Point{x + r*v[0] + grow*m[0], y + r*v[1] + grow*m[1]})
	}
	return dst
}

// miter is how vertex b of the polygon a, b, c (centred on the origin) moves
// when both edges ab and bc move away from the origin by 1: the sum of their
// normals scaled to reach both offset edges, at most 3 long (sharp corners
// are cut short).
func miter(a, b, c orb.Point) orb.Point {
	n1, n2 := outward(a, b), outward(b, c)
	s := 1 + n1[0]*n2[0] + n1[1]*n2[1]
	mx, my := n1[0]+n2[0], n1[1]+n2[1]
	k := 1 / math.Max(s, 1e-9)
	if l := math.Hypot(mx, my) * k; l > 3 {
		k *= 3 / l
	}
	return orb.Point{mx * k, my * k}
}

// outward is the unit normal of edge ab that points away from the origin.
func outward(a, b orb.Point) orb.Point {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l := math.Hypot(dx, dy)
	if l == 0 {
		return orb.Point{}
	}
	n := orb.Point{dy / l, -dx / l}
	// The origin is inside: flip the normal if it points towards it.
	if n[0]*(a[0]+b[0])+n[1]*(a[1]+b[1]) < 0 {
		n = orb.Point{-n[0], -n[1]}
	}
	return n
}

// SVG returns the shape of radius r centred at (x, y) as SVG elements filled
// with fill and outlined by a ring of width ring in colour stroke (as the map
// draws it), for an inline <svg> such as the legend's. Colours are CSS colour
// strings.
func (s Shape) SVG(x, y, r, ring float64, fill, stroke string) string {
	var b strings.Builder
	poly := func(grow float64, color string) {
		if s.spec().n == 0 {
			fmt.Fprintf(&b, `<circle cx="%.2f" cy="%.2f" r="%.2f" fill="%s"/>`, x, y, r+grow, color)
			return
		}
		b.WriteString(`<polygon points="`)
		for i, p := range s.Append(nil, x, y, r, grow) {
			if i > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%.2f,%.2f", p[0], p[1])
		}
		fmt.Fprintf(&b, `" fill="%s"/>`, color)
	}
	if ring > 0 {
		poly(ring, stroke)
	}
	poly(0, fill)
	if d := s.Dot(r); d > 0 {
		fmt.Fprintf(&b, `<circle cx="%.2f" cy="%.2f" r="%.2f" fill="%s"/>`, x, y, d, stroke)
	}
	return b.String()
}
