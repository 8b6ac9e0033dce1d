package geo

// MarkerAt returns the index in sc.Markers of the topmost marker within slop
// CSS pixels of its edge at screen point (x, y), or -1. Markers drawn later
// are on top, so they win. It reads the display list, never the pixels.
func (sc *Scene) MarkerAt(x, y, slop float64) int {
	best, bestD := -1, 0.0
	for i := len(sc.Markers) - 1; i >= 0; i-- {
		m := &sc.Markers[i]
		dx, dy := x-m.X, y-m.Y
		d2 := dx*dx + dy*dy
		r := m.R + slop
		if d2 > r*r {
			continue
		}
		// The topmost marker under the point wins; among markers only
		// reached through the slop, the nearest.
		if d2 <= m.R*m.R {
			return i
		}
		if best < 0 || d2 < bestD {
			best, bestD = i, d2
		}
	}
	return best
}
