package geo_test

import (
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"mapline/geo"
)

var allShapes = []geo.Shape{geo.Circle, geo.Square, geo.SmallSquare, geo.Triangle, geo.Diamond, geo.Star, geo.Burst, geo.DotCircle}

// polygon closes the outline of a shape into an orb polygon.
func polygon(s geo.Shape, r, grow float64) orb.Polygon {
	pts := s.Append(nil, 0, 0, r, grow)
	return orb.Polygon{append(orb.Ring(pts), pts[0])}
}

// TestKindShapes: every kind the story format names has a shape of its own,
// so no two kinds look alike without colour.
func TestKindShapes(t *testing.T) {
	seen := map[geo.Shape]string{}
	for _, k := range []string{"embassy", "consulate", "military", "nuclear", "venue", "city", "event", "site"} {
		s := geo.KindShape(k)
		if other, ok := seen[s]; ok {
			t.Errorf("%s and %s both have the shape %v", k, other, s)
		}
		seen[s] = k
	}
	if geo.KindShape("harbour") != geo.KindShape("site") {
		t.Error("an unknown kind is not drawn as a generic site")
	}
}

// TestShapeSizes: shapes look about as big as the circle of their radius, the
// centre is inside (a disc of 0.6 radius, so the centre pixel of a marker is
// its fill colour, as the browser tests check), Extent and Bounds enclose the
// outline, and a fan from the centre fills it (every edge turns the same way).
func TestShapeSizes(t *testing.T) {
	const r = 10
	for _, s := range allShapes {
		t.Run(s.String(), func(t *testing.T) {
			poly := polygon(s, r, 0)
			area := math.Abs(planar.Area(poly))
			ratio := area / (math.Pi * r * r)
			lo := 0.85
			if s == geo.SmallSquare {
				lo = 0.6
			}
			if ratio < lo || ratio > 1.06 {
				t.Errorf("area %.3g of the circle's", ratio)
			}
			for a := 0.0; a < 2*math.Pi; a += math.Pi / 36 {
				p := orb.Point{0.6 * r * math.Cos(a), 0.6 * r * math.Sin(a)}
				if !planar.PolygonContains(poly, p) {
					t.Errorf("the point %v, 0.6 radius from the centre, is outside", p)
				}
			}
			ext := s.Extent(r)
			b := s.Bounds(r, 1.5)
			for _, p := range s.Append(nil, 0, 0, r, 0) {
				if d := math.Hypot(p[0], p[1]); d > ext+1e-9 {
					t.Errorf("vertex %v is %g from the centre, beyond Extent %g", p, d, ext)
				}
			}
			for _, p := range s.Append(nil, 0, 0, r, 1.5) {
				if p[0] < b.X-1e-9 || p[1] < b.Y-1e-9 || p[0] > b.X+b.W+1e-9 || p[1] > b.Y+b.H+1e-9 {
					t.Errorf("vertex %v of the outline is outside Bounds %+v", p, b)
				}
			}
			pts := s.Append(nil, 0, 0, r, 0)
			for i := range pts {
				a, c := pts[i], pts[(i+1)%len(pts)]
				if cross := a[0]*c[1] - a[1]*c[0]; cross >= 0 {
					t.Errorf("edge %d (%v to %v) does not turn counter-clockwise about the centre", i, a, c)
				}
			}
		})
	}
}

// TestShapeGrow: growing a shape moves its edges out by the amount (the
// outline ring has the same width all round), within the miter limit.
func TestShapeGrow(t *testing.T) {
	for _, s := range allShapes {
		small, big := polygon(s, 10, 0), polygon(s, 10, 1.5)
		// Every vertex of the grown outline is 1.5 from the shape (or at a
		// sharp corner at most 4.5).
		for _, p := range big[0] {
			d := distToRing(p, small[0])
			if d < 1.5-0.05 || d > 4.5+1e-9 {
				t.Errorf("%v: a vertex of the grown shape is %.3g from the shape, want 1.5", s, d)
			}
		}
	}
}

func distToRing(p orb.Point, r orb.Ring) float64 {
	d := math.Inf(1)
	for i := 0; i+1 < len(r); i++ {
		d = math.Min(d, planar.DistanceFromSegment(r[i], r[i+1], p))
	}
	return d
}

func TestShapeSVG(t *testing.T) {
	svg := geo.Triangle.SVG(10, 10, 5, 1.5, "#b42318", "#ffffff")
	if strings.Count(svg, "<polygon") != 2 || !strings.Contains(svg, `fill="#b42318"`) || !strings.Contains(svg, `fill="#ffffff"`) {
		t.Errorf("triangle SVG %s: want an outline polygon and a fill polygon", svg)
	}
	if svg := geo.DotCircle.SVG(10, 10, 5, 1.5, "#3d3d3d", "#ffffff"); strings.Count(svg, "<circle") != 3 {
		t.Errorf("dot-circle SVG %s: want three circles (outline, fill, dot)", svg)
	}
}

func TestCircleSegments(t *testing.T) {
	for _, r := range []float64{0, 1, 5, 16, 100, 1e6} {
		n := geo.CircleSegments(r)
		if n < 12 || n > 96 {
			t.Errorf("CircleSegments(%g) = %d", r, n)
		}
		if r >= 5 && r <= 100 {
			// The edge strays at most 0.2 from the circle.
			if sag := r * (1 - math.Cos(math.Pi/float64(n))); sag > 0.2+1e-9 {
				t.Errorf("r=%g: %d segments stray %.3g", r, n, sag)
			}
		}
	}
}
