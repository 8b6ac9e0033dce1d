package geo

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
)

// CutAtAntimeridian cuts the polygons and lines of every level that cross
// the antimeridian into pieces on either side of it, in place. Natural
// Earth's shapes as world-atlas ships them (Fiji, Russia's Chukotka,
// Antarctica) go straight from 180° to −180°: drawn flat, such a ring is a
// band right round the world. A polygon's rings are first made continuous
// (Unwrap; a ring round a pole is closed along the pole's edge of the
// world), then clipped to each copy of the world they meet and moved onto
// the world; a line is broken where it crosses, at the point it crosses.
// Shapes that do not cross are left as they are.
func (b *Basemap) CutAtAntimeridian() {
	for li := range b.levels {
		lv := &b.levels[li]
		for ci := range lv.Countries {
			c := &lv.Countries[ci]
			if ps, ok := cutPolygons(c.Polygons); ok {
				c.Polygons = ps
				for j, p := range ps {
					if j == 0 {
						c.Bound = p.Bound()
					} else {
						c.Bound = c.Bound.Union(p.Bound())
					}
				}
				c.relabel()
			}
		}
		if ps, ok := cutPolygons(lv.Water); ok {
			lv.Water = ps
		}
		lv.Borders = cutLines(lv.Borders)
		lv.Regions = cutLines(lv.Regions)
		lv.Roads = cutLines(lv.Roads)
	}
}

// relabel moves the label point of a country that was cut into its largest
// piece (to the centroid of its outer ring) when it lies in none of them:
// a label point worked out on the uncut shape can lie on the wrong side of
// the band. Its Room is worked out again (LabelRoom).
func (c *Country) relabel() {
	best, area := -1, 0.0
	for i, p := range c.Polygons {
		if polygonContains(p, c.LabelAt) {
			return
		}
		if a := math.Abs(ringArea2(p[0])); a > area {
			best, area = i, a
		}
	}
	if best < 0 {
		return
	}
	r := c.Polygons[best][0]
	var cx, cy float64
	for i := 1; i < len(r); i++ {
		k := r[i-1][0]*r[i][1] - r[i][0]*r[i-1][1]
		cx += (r[i-1][0] + r[i][0]) * k
		cy += (r[i-1][1] + r[i][1]) * k
	}
	a2 := ringArea2(r)
	if p := (orb.Point{cx / (3 * a2), cy / (3 * a2)}); polygonContains(c.Polygons[best], p) {
		c.LabelAt, c.Room = p, 0
	}
}

// crosses reports whether consecutive points of ps jump by more than half
// the world: the way round across 180° is the shorter.
// An edge along the top or the bottom of the world (a ring closed round a
// pole) does not cross: it is drawn along the edge.
func crosses(ps []orb.Point) bool {
	for i := 1; i < len(ps); i++ {
		if math.Abs(ps[i][0]-ps[i-1][0]) > WorldSize/2 && !AlongPole(ps[i-1], ps[i]) {
			return true
		}
	}
	return false
}

// AlongPole reports whether world points a and b both lie on the top or
// both on the bottom edge of the world (within 1e-3 world units).
func AlongPole(a, b orb.Point) bool {
	const eps = 1e-3
	return a[1] < eps && b[1] < eps || a[1] > WorldSize-eps && b[1] > WorldSize-eps
}

// cutPolygons returns polys with those that cross the antimeridian cut,
// and whether any did.
func cutPolygons(polys []orb.Polygon) ([]orb.Polygon, bool) {
	any := false
	for _, p := range polys {
		for _, r := range p {
			any = any || crosses(r)
		}
	}
	if !any {
		return polys, false
	}
	out := make([]orb.Polygon, 0, len(polys)+2)
	for _, p := range polys {
		cross := false
		for _, r := range p {
			cross = cross || crosses(r)
		}
		if !cross || len(p) == 0 {
			out = append(out, p)
			continue
		}
		out = append(out, cutPolygon(p)...)
	}
	return out, true
}

// cutPolygon cuts a polygon whose rings cross the antimeridian.
func cutPolygon(p orb.Polygon) []orb.Polygon {
	q := make(orb.Polygon, 0, len(p))
	var centre float64
	for i, r := range p {
		if len(r) < 3 {
			continue
		}
		u := append(orb.Ring(nil), r...)
		Unwrap(u)
		if first, last := u[0], u[len(u)-1]; math.Abs(last[0]-first[0]) > WorldSize/2 {
			// Round a pole: close the ring along the pole's edge.
			pole := 0.0
			if mean(u) > WorldSize/2 {
				pole = WorldSize
			}
			u = append(u, orb.Point{last[0], pole}, orb.Point{first[0], pole}, first)
		}
		b := u.Bound()
		if i == 0 {
			centre = (b.Min[0] + b.Max[0]) / 2
		} else if d := math.Round((centre - (b.Min[0]+b.Max[0])/2) / WorldSize); d != 0 {
			for j := range u {
				u[j][0] += d * WorldSize // a hole at its outer ring's copy
			}
		}
		q = append(q, u)
	}
	if len(q) == 0 {
		return nil
	}
	var out []orb.Polygon
	b := q.Bound()
	world := orb.Bound{Min: orb.Point{0, -1}, Max: orb.Point{WorldSize, WorldSize + 1}}
	for k := math.Floor(b.Min[0] / WorldSize); k <= math.Floor(b.Max[0]/WorldSize) && k-math.Floor(b.Min[0]/WorldSize) < 4; k++ {
		s := q.Clone()
		for _, r := range s {
			for j := range r {
				r[j][0] -= k * WorldSize
			}
		}
		c := clip.Polygon(world, s)
		if len(c) > 0 && len(c[0]) >= 4 && math.Abs(ringArea2(c[0])) > 1e-12 {
			out = append(out, c)
		}
	}
	return out
}

// mean is the mean y of the points of r.
func mean(r orb.Ring) float64 {
	s := 0.0
	for _, p := range r {
		s += p[1]
	}
	return s / float64(len(r))
}

// cutLines returns ls with each line that crosses the antimeridian broken
// where it crosses.
func cutLines(ls []orb.LineString) []orb.LineString {
	any := false
	for _, l := range ls {
		any = any || crosses(l)
	}
	if !any {
		return ls
	}
	out := make([]orb.LineString, 0, len(ls)+4)
	for _, l := range ls {
		if !crosses(l) {
			out = append(out, l)
			continue
		}
		cur := orb.LineString{l[0]}
		for i := 1; i < len(l); i++ {
			a, b := l[i-1], l[i]
			if math.Abs(b[0]-a[0]) <= WorldSize/2 {
				cur = append(cur, b)
				continue
			}
			// b at its copy beside a; the edge of the world between them.
			bx := b[0] + math.Round((a[0]-b[0])/WorldSize)*WorldSize
			edge, other := 0.0, float64(WorldSize)
			if bx > a[0] {
				edge, other = WorldSize, 0
			}
			y := a[1]
			if bx != a[0] {
				y = a[1] + (edge-a[0])/(bx-a[0])*(b[1]-a[1])
			}
			cur = append(cur, orb.Point{edge, y})
			if len(cur) >= 2 {
				out = append(out, cur)
			}
			cur = orb.LineString{{other, y}, b}
		}
		if len(cur) >= 2 {
			out = append(out, cur)
		}
	}
	return out
}

// ringArea2 is twice the signed area of ring r (shoelace).
func ringArea2(r orb.Ring) float64 {
	a := 0.0
	for i := 1; i < len(r); i++ {
		a += r[i-1][0]*r[i][1] - r[i][0]*r[i-1][1]
	}
	return a
}
