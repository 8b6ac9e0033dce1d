package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Triangulate cuts a simple ring (no holes, no crossing edges; closed or
// not) into triangles by ear clipping, and appends them to dst as indices
// into r, three a triangle. It reports false, with dst as it was, when the
// ring is too small, too large for 16-bit indices, or not simple enough to
// cut (then draw it under the even-odd rule instead). The triangles cover
// the ring exactly once: drawn without a stencil they fill it as the
// even-odd rule would, at a fraction of the pixels a fan costs.
func Triangulate(r orb.Ring, dst []uint16) ([]uint16, bool) {
	n := len(r)
	if n > 1 && r[0] == r[n-1] {
		n-- // the closing point
	}
	if n < 3 || n > 1<<16-1 {
		return dst, false
	}
	start := len(dst)
	// A doubly linked list of the vertices left.
	prev := make([]int32, n)
	next := make([]int32, n)
	for i := range n {
		prev[i] = int32((i + n - 1) % n)
		next[i] = int32((i + 1) % n)
	}
	// The sign of the ring's area: ears turn the same way as the ring.
	var area float64
	for i, j := 0, n-1; i < n; j, i = i, i+1 {
		area += (r[j][0] - r[i][0]) * (r[j][1] + r[i][1])
	}
	if area == 0 {
		return dst, false
	}
	sign := 1.0
	if area < 0 {
		sign = -1
	}
	cross := func(a, b, c int32) float64 {
		return sign * ((r[b][0]-r[a][0])*(r[c][1]-r[b][1]) - (r[b][1]-r[a][1])*(r[c][0]-r[b][0]))
	}
	// inside reports whether p lies in the triangle abc (edges included)
	// turning the ring's way.
	inside := func(a, b, c int32, p orb.Point) bool {
		s := func(u, v orb.Point) float64 {
			return sign * ((v[0]-u[0])*(p[1]-u[1]) - (v[1]-u[1])*(p[0]-u[0]))
		}
		return s(r[a], r[b]) >= 0 && s(r[b], r[c]) >= 0 && s(r[c], r[a]) >= 0
	}
	// Only a reflex vertex can lie in an ear: they are marked, and
	// unmarked as the ring loses vertices.
	reflex := make([]bool, n)
	for i := range n {
		reflex[i] = cross(prev[i], int32(i), next[i]) < 0
	}
	isEar := func(b int32) bool {
		a, c := prev[b], next[b]
		if cross(a, b, c) <= 0 {
			return false // reflex or flat
		}
		pa, pb, pc := r[a], r[b], r[c]
		x0, x1 := min(pa[0], pb[0], pc[0]), max(pa[0], pb[0], pc[0])
		y0, y1 := min(pa[1], pb[1], pc[1]), max(pa[1], pb[1], pc[1])
		for p := next[c]; p != a; p = next[p] {
			if !reflex[p] {
				continue
			}
			q := r[p]
			if q[0] < x0 || q[0] > x1 || q[1] < y0 || q[1] > y1 {
				continue
			}
			if q == pa || q == pb || q == pc {
				continue // a vertex shared with the ear (a ring touching itself)
			}
			if inside(a, b, c, q) {
				return false
			}
		}
		return true
	}
	left, v, miss := n, int32(0), 0
	for left > 3 {
		a, c := prev[v], next[v]
		switch {
		case r[a] == r[v] || cross(a, v, c) == 0:
			// A repeated point or a flat one: drop it.
		case isEar(v):
			dst = append(dst, uint16(a), uint16(v), uint16(c))
		default:
			v = c
			miss++
			if miss > 2*left {
				return dst[:start], false // no ear: not a simple ring
			}
			continue
		}
		next[a], prev[c] = c, a
		reflex[a] = cross(prev[a], a, c) < 0
		reflex[c] = cross(a, c, next[c]) < 0
		left--
		v, miss = c, 0
	}
	a, c := prev[v], next[v]
	if cross(a, v, c) > 0 {
		dst = append(dst, uint16(a), uint16(v), uint16(c))
	}
	// The triangles must cover the ring exactly: on a ring that crosses
	// itself (or nearly, after rounding) ear clipping can go wrong.
	var sum float64
	for i := start; i+2 < len(dst); i += 3 {
		sum += cross(int32(dst[i]), int32(dst[i+1]), int32(dst[i+2]))
	}
	if want := sign * area; math.Abs(sum-want) > 1e-9*want {
		return dst[:start], false
	}
	return dst, true
}
