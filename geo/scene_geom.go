package geo

import (
	"image/color"
	"math"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Owner is the feature of the story a fill or a line of a scene draws: a
// site's area or line, an event's track. The zero Owner is none (the
// basemap, an event's links). Hit tests read it (Scene.ShapeAt).
type Owner struct {
	Kind  OwnerKind
	Index int // into Story.Sites or Story.Events
}

// OwnerKind says what an Owner is.
type OwnerKind uint8

const (
	OwnsNothing OwnerKind = iota
	OwnsSite              // a site's line or area
	OwnsEvent             // an event's track
)

// How the story's lines, areas and tracks are drawn, in CSS px. Areas are
// translucent, so the land, the borders and the markers show through them.
const (
	RouteWidth   = 3   // a line site's stroke, a track's trail
	AreaOutline  = 1.5 // the outline of an area, in its kind's colour
	areaAlphaNow = 0x59
	areaAlpha    = 0x33 // of a past site's area; a future site's is Faded's at this alpha
)

// shapeColors are the stroke and the fill of a site's line or area of
// kind colour c in status s.
func (th Theme) shapeColors(c color.NRGBA, s Status) (stroke, fill color.NRGBA) {
	if s == Future {
		c = th.Faded
	}
	stroke, fill = c, c
	fill.A = areaAlpha
	if s == Current {
		fill.A = areaAlphaNow
	}
	return stroke, fill
}

// Ear clipping takes time in the square of a ring's positions in the worst
// case (a star of 2,000 positions: 22 ms on the host, 20,000: 1.7 s), and
// NewMap runs on the page's thread: rings larger than triangulateRing, and
// those past triangulateStory positions in all, are filled under the
// even-odd rule instead (the same pixels, in time linear in the positions).
const (
	triangulateRing  = 2000
	triangulateStory = 20000
)

// project projects the lines and areas of the story's sites once, for
// Render, and cuts the polygons without holes into triangles.
func (m *Map) project() {
	s := m.Story
	m.siteWorld = make([]orb.Geometry, len(s.Sites))
	m.siteBound = make([]orb.Bound, len(s.Sites))
	m.siteTris = make([][][]uint16, len(s.Sites))
	cut := 0 // the positions cut into triangles so far
	for i := range s.Sites {
		g := s.Sites[i].Geometry
		if g == nil {
			continue
		}
		w := orb.Clone(g)
		switch w := w.(type) {
		case orb.MultiPoint:
			projectPoints(w)
		case orb.LineString:
			projectPoints(w)
		case orb.MultiLineString:
			for _, l := range w {
				projectPoints(l)
			}
		case orb.Polygon:
			for _, r := range w {
				projectPoints(r)
			}
		case orb.MultiPolygon:
			for _, p := range w {
				for _, r := range p {
					projectPoints(r)
				}
			}
		}
		m.siteWorld[i], m.siteBound[i] = w, w.Bound()
		// Triangles of each polygon without holes, as indices into its
		// ring: the same on screen as in the world (an affine map).
		var polys []orb.Polygon
		switch w := w.(type) {
		case orb.Polygon:
			polys = []orb.Polygon{w}
		case orb.MultiPolygon:
			polys = w
		}
		if polys != nil {
			m.siteTris[i] = make([][]uint16, len(polys))
			for j, p := range polys {
				if len(p) == 1 && len(p[0]) <= triangulateRing && cut+len(p[0]) <= triangulateStory {
					m.siteTris[i][j], _ = Triangulate(p[0], nil)
					cut += len(p[0])
				}
			}
		}
	}
	for i := range s.Events {
		if s.Events[i].Path != nil {
			m.pathEvents = append(m.pathEvents, i)
		}
	}
}

// projectPoints projects ps to World in place, unwrapped (Unwrap).
func projectPoints(ps []orb.Point) {
	for i, p := range ps {
		ps[i] = World(p)
	}
	Unwrap(ps)
}

// Unwrap moves each world point after the first by whole world widths to
// the copy nearest the point before it: a line from 179°E to 179°W then
// goes 2° east across the antimeridian, not 358° west round the world.
func Unwrap(ps []orb.Point) {
	for i := 1; i < len(ps); i++ {
		if d := ps[i-1][0] - ps[i][0]; math.Abs(d) > WorldSize/2 {
			ps[i][0] += math.Round(d/WorldSize) * WorldSize
		}
	}
}

// moment is the instant the map shows: t, or when t is zero the start of
// event cur (before every event for none).
func (m *Map) moment(cur int, t time.Time) time.Time {
	if !t.IsZero() {
		return t
	}
	if s := m.Story; s != nil && cur >= 0 && cur < len(s.Events) {
		return s.Events[cur].Time.Start.T
	}
	return time.Time{}
}

// shapes appends to the scene the lines and areas of the sites that show
// (status not Hidden, kept by the selection: Map.siteShown) and meet the
// view, each site its own Fill and Line, owned by it.
//
// Each is drawn at its copy of the world nearest the view: toScreen
// projects a world point, shift is how far a world x-coordinate moves to the
// copy nearest the view (View.Shift).
func (m *Map) shapes(sc *Scene, status []Status, wb orb.Bound, toScreen func(orb.Point) orb.Point, shift func(float64) float64) {
	m.gpts, m.grings, m.gpolys, m.glines = m.gpts[:0], m.grings[:0], m.gpolys[:0], m.glines[:0]
	d := 0.0 // the shift of the site drawn
	screen := func(ps []orb.Point) []orb.Point {
		at := len(m.gpts)
		for _, p := range ps {
			m.gpts = append(m.gpts, toScreen(orb.Point{p[0] + d, p[1]}))
		}
		return m.gpts[at:len(m.gpts):len(m.gpts)]
	}
	polygon := func(p orb.Polygon) {
		rs := len(m.grings)
		for _, r := range p {
			m.grings = append(m.grings, orb.Ring(screen(r)))
		}
		m.gpolys = append(m.gpolys, orb.Polygon(m.grings[rs:len(m.grings):len(m.grings)]))
	}
	for _, want := range [...]Status{Future, Past, Current} {
		for i, g := range m.siteWorld {
			if g == nil || status[i] != want || !m.siteShown(i, want) {
				continue
			}
			b := m.siteBound[i]
			d = shift((b.Min[0] + b.Max[0]) / 2)
			b.Min[0], b.Max[0] = b.Min[0]+d, b.Max[0]+d
			if !b.Intersects(wb) {
				continue
			}
			stroke, fill := m.Theme.shapeColors(m.siteColor[i], want)
			own := Owner{OwnsSite, i}
			ps, ls := len(m.gpolys), len(m.glines)
			switch g := g.(type) {
			case orb.LineString:
				m.glines = append(m.glines, orb.LineString(screen(g)))
			case orb.MultiLineString:
				for _, l := range g {
					m.glines = append(m.glines, orb.LineString(screen(l)))
				}
			case orb.Polygon:
				polygon(g)
			case orb.MultiPolygon:
				for _, p := range g {
					polygon(p)
				}
			}
			if polys := m.gpolys[ps:len(m.gpolys):len(m.gpolys)]; len(polys) > 0 {
				sc.Fills = append(sc.Fills, Fill{Color: fill, Polygons: polys, Triangles: m.siteTris[i], Owner: own})
				for _, p := range polys {
					for _, r := range p {
						m.glines = append(m.glines, orb.LineString(r))
					}
				}
				sc.Lines = append(sc.Lines, Line{Color: stroke, Width: AreaOutline, Lines: m.glines[ls:len(m.glines):len(m.glines)], Owner: own})
			} else if len(m.glines) > ls {
				sc.Lines = append(sc.Lines, Line{Color: stroke, Width: RouteWidth, Lines: m.glines[ls:len(m.glines):len(m.glines)], Owner: own})
			}
		}
	}
}

// tracks appends to the scene the tracks of the events up to cur (in Point
// mode, of cur alone) that the selection keeps (Map.eventShown) at instant
// t: the trail up to where the track is at t, a stroke owned by its event,
// and a marker there.
//
// Each track is drawn at the copy of the world where its point at t is
// nearest the view (toScreen and shift as for shapes).
func (m *Map) tracks(sc *Scene, cur int, t time.Time, toScreen func(orb.Point) orb.Point, shift func(float64) float64) {
	s := m.Story
	for _, i := range m.pathEvents {
		if i > cur {
			break
		}
		if m.Mode == Point && i != cur || !m.eventShown(i, cur) {
			continue
		}
		p := s.Events[i].Path
		at, n := p.At(t)
		st := m.eventStatus(i, cur)
		c := m.Theme.KindColor("event")
		ls := len(m.glines)
		trail := len(m.gpts)
		d := shift(at[0])
		for _, q := range p.World[:n] {
			m.gpts = append(m.gpts, toScreen(orb.Point{q[0] + d, q[1]}))
		}
		if n < len(p.World) && (n == 0 || at != p.World[n-1]) {
			m.gpts = append(m.gpts, toScreen(orb.Point{at[0] + d, at[1]}))
		}
		if len(m.gpts)-trail >= 2 {
			m.glines = append(m.glines, orb.LineString(m.gpts[trail:len(m.gpts):len(m.gpts)]))
			sc.Lines = append(sc.Lines, Line{Color: c, Width: RouteWidth, Lines: m.glines[ls:len(m.glines):len(m.glines)], Owner: Owner{OwnsEvent, i}})
		}
		q := toScreen(orb.Point{at[0] + d, at[1]})
		if finite(q[0], q[1]) {
			sc.Markers = append(sc.Markers, m.Theme.marker(-1, "event", q, st))
		}
	}
}

// ShapeAt is the owner of the topmost line or area of the story at screen
// point (x, y): a line within slop CSS px of its stroke, else an area
// holding the point. Lines are drawn over areas, so they win; among each,
// the one drawn last. It reads the display list, never the pixels.
func (sc *Scene) ShapeAt(x, y, slop float64) Owner {
	p := orb.Point{x, y}
	for i := len(sc.Lines) - 1; i >= 0; i-- {
		l := &sc.Lines[i]
		if l.Owner.Kind == OwnsNothing {
			continue
		}
		r := l.Width/2 + slop
		for _, ls := range l.Lines {
			for j := 1; j < len(ls); j++ {
				if planar.DistanceFromSegment(ls[j-1], ls[j], p) <= r {
					return l.Owner
				}
			}
		}
	}
	for i := len(sc.Fills) - 1; i >= 0; i-- {
		f := &sc.Fills[i]
		if f.Owner.Kind == OwnsNothing {
			continue
		}
		for _, poly := range f.Polygons {
			if len(poly) > 0 && polygonContains(poly, p) {
				return f.Owner
			}
		}
	}
	return Owner{}
}

// HasTracks reports whether the story has an event with a track: the map
// then changes between events, as the moment moves (RenderAt).
func (m *Map) HasTracks() bool { return len(m.pathEvents) > 0 }
