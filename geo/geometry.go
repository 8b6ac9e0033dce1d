package geo

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// The geometries of the story format beyond a Point (docs/story-format.md):
//
//   - a site may be a MultiPoint (one site at several points: a marker at
//     each, its name at the first), a LineString or MultiLineString (a
//     route, a front line), a Polygon or MultiPolygon (a zone, a province).
//     Site.Geometry holds it; Site.LonLat is where its marker and name go
//     (Anchor).
//   - an event may be a LineString with properties.times, one time per
//     position: a track (a convoy's route, a GPX trace), drawn as a moving
//     point with its trail behind it (Event.Path).

// geometryTypes is what the message of a geometry of another type lists.
const geometryTypes = "a Point, MultiPoint, LineString, MultiLineString, Polygon or MultiPolygon (or null)"

// readGeometry reads a GeoJSON geometry the slow way: nil for null, an
// orb.Point, or one of the other types of geometryTypes, checked (closed
// rings of 4 positions or more, lines of 2 or more, at most
// MaxFeatureVertices positions, coordinates in range).
func readGeometry(text string) (orb.Geometry, error) {
	if len(text) == 0 || text == "null" {
		return nil, nil
	}
	typ, coords, ok := jsonTyped(text, "coordinates")
	if !ok {
		return nil, fmt.Errorf("must be a GeoJSON geometry object or null, not %s", jsonKind(text))
	}
	var depth int
	switch typ {
	case "Point":
		p, _, err := point(text)
		return p, err
	case "MultiPoint", "LineString":
		depth = 1
	case "MultiLineString", "Polygon":
		depth = 2
	case "MultiPolygon":
		depth = 3
	default:
		return nil, fmt.Errorf("must be %s, not %q", geometryTypes, typ)
	}
	var n int // positions so far
	lists, err := nested(coords[0], "coordinates", depth, &n)
	if err != nil {
		return nil, err
	}
	line := func(l []orb.Point, at, what string) (orb.LineString, error) {
		if len(l) < 2 {
			return nil, fmt.Errorf("%s: %s needs at least 2 positions, not %d", at, what, len(l))
		}
		return orb.LineString(l), nil
	}
	ring := func(l []orb.Point, at string) (orb.Ring, error) {
		switch {
		case len(l) < 4:
			return nil, fmt.Errorf("%s: a ring needs at least 4 positions (the last repeating the first), not %d", at, len(l))
		case l[0] != l[len(l)-1]:
			return nil, fmt.Errorf("%s: the ring is not closed: its last position %s must repeat its first %s", at, position(l[len(l)-1]), position(l[0]))
		}
		return orb.Ring(l), nil
	}
	polygon := func(rs listOf, at string) (orb.Polygon, error) {
		if len(rs.lists) == 0 {
			return nil, fmt.Errorf("%s: a polygon needs a ring", at)
		}
		p := make(orb.Polygon, len(rs.lists))
		for i, r := range rs.lists {
			if p[i], err = ring(r.points, fmt.Sprintf("%s[%d]", at, i)); err != nil {
				return nil, err
			}
		}
		return p, nil
	}
	switch typ {
	case "MultiPoint":
		if len(lists.points) == 0 {
			return nil, errors.New("coordinates: a MultiPoint needs at least 1 position")
		}
		return orb.MultiPoint(lists.points), nil
	case "LineString":
		return line(lists.points, "coordinates", "a LineString")
	case "MultiLineString":
		if len(lists.lists) == 0 {
			return nil, errors.New("coordinates: a MultiLineString needs at least 1 line")
		}
		ml := make(orb.MultiLineString, len(lists.lists))
		for i, l := range lists.lists {
			if ml[i], err = line(l.points, fmt.Sprintf("coordinates[%d]", i), "a line"); err != nil {
				return nil, err
			}
		}
		return ml, nil
	case "Polygon":
		return polygon(lists, "coordinates")
	}
	if len(lists.lists) == 0 {
		return nil, errors.New("coordinates: a MultiPolygon needs at least 1 polygon")
	}
	mp := make(orb.MultiPolygon, len(lists.lists))
	for i, p := range lists.lists {
		if mp[i], err = polygon(p, fmt.Sprintf("coordinates[%d]", i)); err != nil {
			return nil, err
		}
	}
	return mp, nil
}

// A listOf is coordinates nested depth deep: positions at depth 1, lists of
// them above.
type listOf struct {
	points []orb.Point
	lists  []listOf
}

// nested reads coordinates nested depth deep (1: a list of positions),
// counting the positions in *n; at names the place for messages.
func nested(raw string, at string, depth int, n *int) (listOf, error) {
	items, ok := jsonList(raw)
	if !ok {
		return listOf{}, fmt.Errorf("%s must be a list, not %s", at, jsonKind(raw))
	}
	var out listOf
	if depth == 1 {
		if *n += len(items); *n > MaxFeatureVertices {
			return listOf{}, fmt.Errorf("has more than %d positions; a feature may have at most %d", MaxFeatureVertices, MaxFeatureVertices)
		}
	}
	for i, it := range items {
		here := fmt.Sprintf("%s[%d]", at, i)
		if depth > 1 {
			l, err := nested(it, here, depth-1, n)
			if err != nil {
				return listOf{}, err
			}
			out.lists = append(out.lists, l)
			continue
		}
		c, ok := jsonFloats(it)
		if !ok || len(c) < 2 {
			return listOf{}, fmt.Errorf("%s must be [longitude, latitude]", here)
		}
		p, _, err := lonLat(c[0], c[1])
		if err != nil {
			return listOf{}, fmt.Errorf("%s: %v", here, err)
		}
		out.points = append(out.points, p)
	}
	return out, nil
}

// position is p as GeoJSON writes it: [45, 31].
func position(p orb.Point) string { return fmt.Sprintf("[%v, %v]", p[0], p[1]) }

// vertices is the number of positions of g.
func vertices(g orb.Geometry) int {
	switch g := g.(type) {
	case orb.Point:
		return 1
	case orb.MultiPoint:
		return len(g)
	case orb.LineString:
		return len(g)
	case orb.MultiLineString:
		n := 0
		for _, l := range g {
			n += len(l)
		}
		return n
	case orb.Polygon:
		n := 0
		for _, r := range g {
			n += len(r)
		}
		return n
	case orb.MultiPolygon:
		n := 0
		for _, p := range g {
			n += vertices(p)
		}
		return n
	}
	return 0
}

// Anchor is where the marker and the name of a site of geometry g go: the
// first point of a MultiPoint; the point halfway along a line (the longest
// of a MultiLineString); the centroid of an area (of its largest polygon)
// when it lies inside, else the first position of its outer ring. Lengths
// and areas are measured on Web Mercator, as drawn.
func Anchor(g orb.Geometry) orb.Point {
	switch g := g.(type) {
	case orb.Point:
		return g
	case orb.MultiPoint:
		return g[0]
	case orb.LineString:
		return halfway(g)
	case orb.MultiLineString:
		best, bestLen := 0, -1.0
		for i, l := range g {
			if d := worldLength(l); d > bestLen {
				best, bestLen = i, d
			}
		}
		return halfway(g[best])
	case orb.Polygon:
		return areaAnchor(g)
	case orb.MultiPolygon:
		best, bestArea := 0, -1.0
		for i, p := range g {
			if a := math.Abs(planar.Area(worldRing(p[0]))); a > bestArea {
				best, bestArea = i, a
			}
		}
		return areaAnchor(g[best])
	}
	return orb.Point{}
}

func worldLength(l orb.LineString) float64 {
	d := 0.0
	for i := 1; i < len(l); i++ {
		a, b := World(l[i-1]), World(l[i])
		d += math.Hypot(b[0]-a[0], b[1]-a[1])
	}
	return d
}

// halfway is the point of l halfway along it.
func halfway(l orb.LineString) orb.Point {
	half := worldLength(l) / 2
	for i := 1; i < len(l); i++ {
		a, b := World(l[i-1]), World(l[i])
		d := math.Hypot(b[0]-a[0], b[1]-a[1])
		if d >= half && d > 0 {
			t := half / d
			return LonLat(orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])})
		}
		half -= d
	}
	return l[len(l)-1]
}

func worldRing(r orb.Ring) orb.Ring {
	w := make(orb.Ring, len(r))
	for i, p := range r {
		w[i] = World(p)
	}
	return w
}

// areaAnchor is the centroid of polygon p when it lies inside it, else its
// first position.
func areaAnchor(p orb.Polygon) orb.Point {
	w := make(orb.Polygon, len(p))
	for i, r := range p {
		w[i] = worldRing(r)
	}
	c, _ := planar.CentroidArea(w)
	if finite(c[0], c[1]) && polygonContains(w, c) {
		return LonLat(c)
	}
	return p[0][0]
}

// geometryBound is the bound of g (nil: none).
func geometryBound(g orb.Geometry) (orb.Bound, bool) {
	if g == nil {
		return orb.Bound{}, false
	}
	return g.Bound(), true
}

// Path is the track of an event: a line with a time at each of its
// positions, not going back.
type Path struct {
	Line  orb.LineString // longitude, latitude
	World orb.LineString // projected once at load (World)
	Times []time.Time    // one per position of Line
}

// At is where the track is at instant t: its position interpolated between
// the two positions whose times hold t (linearly in time and on Web
// Mercator), and n, how many positions of the track lie behind it (the
// trail is World[:n] and the point). Before the first time it is at the
// first position (n 0); after the last, at the last (n all).
func (p *Path) At(t time.Time) (pt orb.Point, n int) {
	if len(p.World) == 0 {
		return orb.Point{}, 0
	}
	if !t.After(p.Times[0]) {
		return p.World[0], 0
	}
	last := len(p.Times) - 1
	if !t.Before(p.Times[last]) {
		return p.World[last], len(p.World)
	}
	i := 1
	for i < last && !t.Before(p.Times[i]) {
		i++
	}
	// Times[i-1] <= t < Times[i]
	a, b := p.World[i-1], p.World[i]
	f := float64(t.Sub(p.Times[i-1])) / float64(p.Times[i].Sub(p.Times[i-1]))
	return orb.Point{a[0] + f*(b[0]-a[0]), a[1] + f*(b[1]-a[1])}, i
}

// readTimes reads a track's properties.times for a line of n positions: a
// list of dates, one per position, not going back, within the event's span
// when it has an end.
func readTimes(v value, n int) ([]time.Time, error) {
	items, ok := jsonList(v.text)
	if !ok {
		return nil, fmt.Errorf("must be a list of times, one per position, not %s", jsonKind(v.text))
	}
	if len(items) != n {
		return nil, fmt.Errorf("%d times for %d positions: give one time per position of the LineString", len(items), n)
	}
	ts := make([]time.Time, n)
	var prev string
	for i, it := range items {
		s, err := valueOf(it).str(true)
		if err != nil {
			return nil, fmt.Errorf("item %d %v", i, err)
		}
		d, err := ParseDate(s)
		if err != nil {
			return nil, fmt.Errorf("item %d: %v", i, err)
		}
		ts[i] = d.T
		if i > 0 && ts[i].Before(ts[i-1]) {
			return nil, fmt.Errorf("item %d (%q) is before item %d (%q): a track's times must not go back", i, s, i-1, prev)
		}
		prev = s
	}
	return ts, nil
}

// fitTimes checks a track's times against the event's span: the first may
// not come before the event's start, nor the last after its end when it has
// one. Without an end, the event lasts until the last time.
func (e *Event) fitTimes(ts []time.Time) error {
	first, last := ts[0], ts[len(ts)-1]
	if first.Before(e.Time.Start.T) {
		return fmt.Errorf("the first time %s is before the event's time %s", first.Format(time.RFC3339), e.Time.Start.ISO())
	}
	if !e.Time.End.IsZero() {
		if last.After(e.Time.Until()) {
			return fmt.Errorf("the last time %s is after the event's end %s", last.Format(time.RFC3339), e.Time.End.ISO())
		}
		return nil
	}
	if last.After(e.Time.Until()) {
		e.Time.End = Date{T: last, Precision: Minute}
	}
	return nil
}

// Form is what a site is drawn as, in a word for its card: "route" for a
// line, "area" for an area, "" for a point or points.
func (st *Site) Form() string {
	switch st.Geometry.(type) {
	case orb.LineString, orb.MultiLineString:
		return "route"
	case orb.Polygon, orb.MultiPolygon:
		return "area"
	}
	return ""
}
