package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// trianglesArea is the area the triangles cover, and whether each turns the
// ring's way.
func trianglesArea(r orb.Ring, tris []uint16) (area float64, sameWay bool) {
	sameWay = true
	way := planar.Area(r) > 0
	for i := 0; i+2 < len(tris); i += 3 {
		a, b, c := r[tris[i]], r[tris[i+1]], r[tris[i+2]]
		s := ((b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])) / 2
		if s != 0 && (s > 0) != way {
			sameWay = false
		}
		area += math.Abs(s)
	}
	return area, sameWay
}

func TestTriangulate(t *testing.T) {
	for _, tc := range []struct {
		name string
		ring orb.Ring
		ok   bool
	}{
		{"square", orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}, true},
		{"square clockwise, not closed", orb.Ring{{0, 0}, {0, 1}, {1, 1}, {1, 0}}, true},
		{"concave C", orb.Ring{{0, 0}, {3, 0}, {3, 1}, {1, 1}, {1, 2}, {3, 2}, {3, 3}, {0, 3}, {0, 0}}, true},
		{"repeated point", orb.Ring{{0, 0}, {1, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}, true},
		{"collinear points", orb.Ring{{0, 0}, {1, 0}, {2, 0}, {2, 1}, {1, 1}, {0, 1}, {0, 0}}, true},
		{"touching itself at a point", orb.Ring{{0, 0}, {2, 0}, {2, 2}, {1, 1}, {0, 2}, {1, 1}, {0, 0}}, true},
		{"two points", orb.Ring{{0, 0}, {1, 0}, {0, 0}}, false},
		{"flat", orb.Ring{{0, 0}, {1, 0}, {2, 0}, {0, 0}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tris, ok := Triangulate(tc.ring, nil)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v (%v)", ok, tc.ok, tris)
			}
			if !ok {
				return
			}
			got, way := trianglesArea(tc.ring, tris)
			if want := math.Abs(planar.Area(tc.ring)); math.Abs(got-want) > 1e-9 || !way {
				t.Errorf("triangles cover %g (turning the ring's way: %v), the ring %g: %v", got, way, want, tris)
			}
		})
	}
}

// TestTriangulateBasemap cuts every ring of the basemap without holes: the
// triangles must cover each exactly (their areas add up to the ring's,
// none turned over), and nearly all must be cut (the rest, rings that cross
// themselves once rounded to the basemap's grid, are drawn under the
// even-odd rule).
func TestTriangulateBasemap(t *testing.T) {
	var tris []uint16
	for li, l := range DefaultBasemap().Levels() {
		rings, failed := 0, 0
		for _, c := range l.Countries {
			for _, p := range c.Polygons {
				if len(p) != 1 {
					continue
				}
				rings++
				var ok bool
				tris, ok = Triangulate(p[0], tris[:0])
				if !ok {
					failed++
					t.Logf("level %d, %s: a ring of %d points not cut", li, c.Name, len(p[0]))
					continue
				}
				got, way := trianglesArea(p[0], tris)
				if want := math.Abs(planar.Area(p[0])); math.Abs(got-want) > 1e-6*want || !way {
					t.Errorf("level %d, %s: triangles cover %g (the ring's way: %v), the ring %g", li, c.Name, got, way, want)
				}
			}
		}
		if failed*100 > 3*rings {
			t.Errorf("level %d: %d of %d rings not cut", li, failed, rings)
		}
		t.Logf("level %d: %d rings, %d not cut", li, rings, failed)
	}
}

func BenchmarkTriangulateBasemap(b *testing.B) {
	b.ReportAllocs()
	levels := DefaultBasemap().Levels()
	var tris []uint16
	for b.Loop() {
		for _, c := range levels[len(levels)-1].Countries {
			for _, p := range c.Polygons {
				if len(p) == 1 {
					tris, _ = Triangulate(p[0], tris[:0])
				}
			}
		}
	}
}
