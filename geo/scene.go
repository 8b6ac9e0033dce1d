package geo

import (
	"image/color"

	"github.com/paulmach/orb"
)

// Scene is the display list: everything to draw for one view and one moment,
// in screen CSS pixels (origin top left; multiply by Ratio for device pixels),
// in drawing order: fills, then lines, then markers. Labels are text and are
// laid out by the page, anchored at the given points. The wasm map and any
// static renderer draw from a Scene and nothing else.
type Scene struct {
	Width, Height float64
	Ratio         float64
	Background    color.NRGBA
	Fills         []Fill
	Lines         []Line
	Markers       []Marker
	Labels        []Label
}

// Fill is a set of polygons filled with one colour. Each polygon is filled
// under the even-odd rule (its first ring is the outside, the others holes).
type Fill struct {
	Color    color.NRGBA
	Polygons []orb.Polygon
}

// Line is a set of polylines stroked with one colour and width (CSS px).
type Line struct {
	Color color.NRGBA
	Width float64
	Lines []orb.LineString
}

// Marker is a site or an event point.
type Marker struct {
	Site   int    // index into Story.Sites, or -1 for an event's own point
	Kind   string // the site's kind
	X, Y   float64
	R      float64 // radius in CSS px
	Status Status
	Fill   color.NRGBA
	Stroke color.NRGBA
	Halo   color.NRGBA // a ring around current markers; zero alpha for none
}

// Label is a name to show beside a marker.
type Label struct {
	Site   int
	Text   string
	X, Y   float64 // anchor: the label's left end, vertically centred
	Status Status
}

// MinMarkerRadius is the smallest marker radius, in CSS px.
const MinMarkerRadius = 5

// Map is a story on a basemap in a theme: what Render draws from.
type Map struct {
	Story    *Story
	Basemap  *Basemap
	Theme    Theme
	emphasis map[int]bool // countries holding a site of the story
	status   []Status     // reused by Render
}

// NewMap prepares a story for drawing on a basemap. The story may be nil (the
// basemap alone, for example while a story loads or when it failed).
func NewMap(s *Story, bm *Basemap, th Theme) *Map {
	m := &Map{Story: s, Basemap: bm, Theme: th, emphasis: map[int]bool{}}
	if s != nil && bm != nil {
		for _, st := range s.Sites {
			if c, ok := bm.CountryAt(st.World); ok {
				m.emphasis[c.ID] = true
			}
		}
	}
	return m
}

// Emphasized reports whether the country with this id holds a site of the story.
func (m *Map) Emphasized(id int) bool { return m.emphasis[id] }

// Render returns the display list for view v with cur the current event
// (an index into Story.Events, -1 for none).
func (m *Map) Render(v View, cur int) *Scene {
	th := m.Theme
	sc := &Scene{Width: v.Width, Height: v.Height, Ratio: v.DeviceRatio(), Background: th.Sea}
	wb := v.WorldBound()
	o, k := v.Transform()
	toScreen := func(p orb.Point) orb.Point { return orb.Point{(p[0] - o[0]) * k, (p[1] - o[1]) * k} }

	if m.Basemap != nil {
		lvl := m.Basemap.Level(v.Zoom)
		land := Fill{Color: th.Land}
		story := Fill{Color: th.StoryLand}
		for _, c := range lvl.Countries {
			if !c.Bound.Intersects(wb) {
				continue
			}
			f := &land
			if m.emphasis[c.ID] {
				f = &story
			}
			for _, poly := range c.Polygons {
				sp := make(orb.Polygon, len(poly))
				for j, r := range poly {
					sp[j] = make(orb.Ring, len(r))
					for i, p := range r {
						sp[j][i] = toScreen(p)
					}
				}
				f.Polygons = append(f.Polygons, sp)
			}
		}
		borders := Line{Color: th.Border, Width: 1}
		for _, l := range lvl.Borders {
			if !l.Bound().Intersects(wb) {
				continue
			}
			sl := make(orb.LineString, len(l))
			for i, p := range l {
				sl[i] = toScreen(p)
			}
			borders.Lines = append(borders.Lines, sl)
		}
		for _, f := range []Fill{land, story} {
			if len(f.Polygons) > 0 {
				sc.Fills = append(sc.Fills, f)
			}
		}
		if len(borders.Lines) > 0 {
			sc.Lines = append(sc.Lines, borders)
		}
	}

	s := m.Story
	if s == nil {
		return sc
	}
	m.status = s.SiteStatus(cur, m.status)
	// Future sites first, so past and current ones draw on top of them.
	for _, want := range []Status{Future, Past, Current} {
		for i, st := range s.Sites {
			if m.status[i] != want {
				continue
			}
			p := toScreen(st.World)
			sc.Markers = append(sc.Markers, th.marker(i, st.Kind, p, want))
			if want != Future {
				sc.Labels = append(sc.Labels, Label{Site: i, Text: st.Name, Status: want,
					X: p[0] + th.radius(want) + 4, Y: p[1]})
			}
		}
	}
	for i := 0; i <= cur && i < len(s.Events); i++ {
		if e := s.Events[i]; e.Point != nil {
			st := s.EventStatus(i, cur)
			sc.Markers = append(sc.Markers, th.marker(-1, "event", toScreen(World(*e.Point)), st))
		}
	}
	return sc
}
