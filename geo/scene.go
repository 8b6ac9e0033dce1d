package geo

import (
	"image/color"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// Scene is the display list: everything to draw for one view and one moment,
// in screen CSS pixels (origin top left; multiply by Ratio for device pixels),
// in drawing order: fills, then lines, then the dots of reference cities, then
// markers. Labels are text: the page measures them, Place decides which show
// and where, and the page lays them out over the map. The wasm map and any
// static renderer draw from a Scene and nothing else, through the paint
// operations it lists (Paint).
type Scene struct {
	View          View  // the view the scene was rendered for
	Theme         Theme // the theme it is drawn in (its labels' ink: Theme.LabelInk)
	Width, Height float64
	Ratio         float64
	Background    color.NRGBA
	Fills         []Fill
	Lines         []Line
	Dots          []Dot // drawn only when their label shows (see DotShown)
	Markers       []Marker
	Labels        []Label // candidates, in no particular order; see Place
	// Clusters are sites drawn as one mark with a count when
	// MapOptions.Cluster is on (cluster.go): none of their sites is in
	// Markers or Labels. Paint does not draw them: the page shows them as
	// buttons.
	Clusters []Cluster
}

// Fill is a set of polygons filled with one colour. Each polygon is filled
// under the even-odd rule (its first ring is the outside, the others holes).
type Fill struct {
	Color    color.NRGBA
	Polygons []orb.Polygon
	// Triangles, when not nil, holds for each polygon its triangles
	// (Triangulate) as indices into its first ring, or nil for a polygon
	// not cut yet (see Map.Prepare), not cut at all, or with holes: those
	// are filled under the even-odd rule. Triangles fill the same pixels
	// as the rule, without a stencil.
	Triangles [][]uint16
	Owner     Owner // the site whose area it is; none for the basemap
}

// Line is a set of polylines stroked with one colour and width (CSS px).
type Line struct {
	Color color.NRGBA
	Width float64
	Lines []orb.LineString
	Owner Owner // the site whose line or area outline it is, the event whose track; none for the basemap and links
}

// Marker is a site or an event point: a shape of radius R filled with Fill,
// inside a ring of OutlineWidth in Stroke, inside a translucent disc of
// radius HaloR in Halo when the marker is current.
type Marker struct {
	Site   int    // index into Story.Sites, or -1 for an event's own point
	Kind   string // the site's kind
	Shape  Shape  // the shape of its kind (KindShape)
	X, Y   float64
	R      float64 // radius in CSS px; the marker answers to clicks within it
	Status Status
	Fill   color.NRGBA
	Stroke color.NRGBA
	Halo   color.NRGBA // a disc around current markers; zero alpha for none
	HaloR  float64     // the radius of the halo
}

// Extent is how far the marker reaches from its centre, outline included.
func (m *Marker) Extent() float64 { return m.Shape.Extent(m.R) + OutlineWidth }

// Bounds is the box of the marker, outline included (the halo is not: labels
// may cover it).
func (m *Marker) Bounds() Box {
	b := m.Shape.Bounds(m.R, OutlineWidth)
	b.X += m.X
	b.Y += m.Y
	return b
}

// Dot is the dot of a reference city: a disc of radius R in Fill with a ring
// of OutlineWidth in Stroke, drawn only with its name.
type Dot struct {
	City         int // index into Cities; -1 for a place of the basemap (Level.Places)
	X, Y, R      float64
	Fill, Stroke color.NRGBA
	Label        int // index of its name in Scene.Labels
}

// DotShown reports whether dot d is drawn: when Place showed its name. A
// dot without its name would be a riddle.
func (sc *Scene) DotShown(d *Dot) bool {
	return d.Label >= 0 && d.Label < len(sc.Labels) && sc.Labels[d.Label].Shown
}

// Place decides which labels of the scene show and where (Placer.Place),
// keeping them clear of every marker and cluster and of the keepOut boxes (the map's
// controls). The page sets the labels' sizes (W, H) first. It mutates
// sc.Labels.
func (sc *Scene) Place(p *Placer, keepOut []Box) {
	p.obstacles = append(p.obstacles[:0], keepOut...)
	for i := range sc.Markers {
		p.obstacles = append(p.obstacles, sc.Markers[i].Bounds())
	}
	for _, c := range sc.Clusters {
		p.obstacles = append(p.obstacles, Box{c.X - ClusterCell/2, c.Y - ClusterCell/2, ClusterCell, ClusterCell})
	}
	p.Place(sc.Labels, p.obstacles, Box{0, 0, sc.Width, sc.Height})
}

// MinMarkerRadius is the smallest marker radius, in CSS px.
const MinMarkerRadius = 5

// Label layout constants, in CSS px.
const (
	// cityNear: a reference city whose dot comes this close to the
	// outline of a story marker is the story's place: only the marker shows.
	cityNear = 4
	// countryFit: a country's name shows when it is narrower than
	// countryFit × the square root of the country's area on screen.
	countryFit = 0.6
	// minCountryLabel: no country name is narrower than this.
	minCountryLabel = 24
	// cullMargin: markers this far off screen are not in the scene.
	cullMargin = 4
)

// Map is a story on a basemap in a theme: what Render draws from. Render
// reuses the Map's memory: the scene it returns is valid until the next call.
// A Map is not safe for concurrent use.
type Map struct {
	MapOptions
	emphasis map[int]bool // countries holding a site of the story

	// Reused by Render.
	scene       Scene
	status      []Status
	statusKey   statusKey
	levels      []levelCache
	pts         []orb.Point
	rings       []orb.Ring
	land        []orb.Polygon
	storyLand   []orb.Polygon
	landTris    [][]uint16
	storyTris   [][]uint16
	waterTris   [][]uint16
	borders     []orb.LineString
	water       []orb.Polygon
	roads       []orb.LineString
	rivers      []orb.LineString
	regions     []orb.LineString
	links       []orb.LineString
	pointEvents []int // the events with a point of their own, in order
	cityWorld   []orb.Point
	citySite    []int // the site with the same name as each city, or -1

	// The story's lines, areas and tracks (scene_geom.go): each site's
	// geometry projected (nil for a point), its bound and triangles, the events with
	// a track, and buffers reused by Render.
	siteWorld  []orb.Geometry
	siteBound  []orb.Bound
	siteTris   [][][]uint16 // per site, per polygon: its triangles (Triangulate), nil for holes
	pathEvents []int
	gpts       []orb.Point
	grings     []orb.Ring
	gpolys     []orb.Polygon
	glines     []orb.LineString

	// The colour and shape of each site's kind, looked up once.
	siteColor []color.NRGBA
	siteShape []Shape

	selection     *Selection // what Select keeps; nil for everything
	allSiteEvents []int      // per site, its events (siteEvents), worked out when first needed
	// Reused by the clustering (cluster.go).
	cells     map[cellKey]clusterCell
	inCluster [][2]int // cluster, site
	siteBuf   []int
}

// levelCache holds what Render needs of a basemap level besides the level.
type levelCache struct {
	lvl     *Level
	polys   [][]orb.Bound // per country, per polygon
	borders []orb.Bound
	water   []orb.Bound  // of Level.Water
	regions []orb.Bound  // of Level.Regions
	roads   []orb.Bound  // of Level.Roads
	rivers  []orb.Bound  // of Level.Rivers
	byArea  []int        // country indexes, largest first
	tris    [][][]uint16 // per country, per polygon: its triangles (Prepare), nil until cut or when it cannot be
	cut     int          // the countries whose polygons Prepare has cut
	wtris   [][]uint16   // per water polygon: its triangles (Prepare), as tris
	wcut    int          // the water polygons Prepare has cut
	room    []float64    // per country of the story: how far its name may move off LabelAt and stay inside (world units; Country.Room, LabelRoom)
}

// MapOptions are what a Map shows: all of it in one value, so that a map
// rebuilt with one thing changed keeps the others (o := m.MapOptions;
// o.Basemap = bm; geo.NewMap(o)). Mode and Lang may also be changed on a
// Map between renders.
type MapOptions struct {
	Story   *Story // nil: the basemap alone, for example while a story loads or when it failed
	Basemap *Basemap
	Theme   Theme
	Mode    Mode   // cumulative or point (see Story.SiteStatusIn)
	Lang    string // the language of city and country names ("ar", "fa", …; "" for English)
	// Cluster gathers sites that crowd each other into clusters
	// (Scene.Clusters, cluster.go). It may be changed between renders.
	Cluster bool
}

// NewMap prepares a story for drawing on a basemap.
func NewMap(o MapOptions) *Map {
	s, bm, th := o.Story, o.Basemap, o.Theme
	m := &Map{MapOptions: o, emphasis: map[int]bool{}}
	if s != nil && bm != nil {
		m.emphasize(s, bm)
	}
	if s != nil {
		for i := range s.Events {
			if s.Events[i].Point != nil {
				m.pointEvents = append(m.pointEvents, i)
			}
		}
		m.siteColor = make([]color.NRGBA, len(s.Sites))
		m.siteShape = make([]Shape, len(s.Sites))
		for i, st := range s.Sites {
			m.siteColor[i], m.siteShape[i] = th.KindColor(st.Kind), KindShape(st.Kind)
		}
		m.project()
	}
	m.cityWorld = make([]orb.Point, len(Cities))
	m.citySite = make([]int, len(Cities))
	for i, c := range Cities {
		m.cityWorld[i] = World(c.LonLat)
		m.citySite[i] = -1
		if s != nil {
			for j := range s.Sites {
				if c.named(strings.TrimSpace(s.Sites[j].Name)) {
					m.citySite[i] = j
					break
				}
			}
		}
	}
	return m
}

// emphasize marks the countries that hold a site of the story. It finds each
// site's country as CountryAt does (the first country of the most
// detailed level whose polygon holds it), with the polygons' bounds worked
// out once instead of once per site.
func (m *Map) emphasize(s *Story, bm *Basemap) {
	lvs := bm.Levels()
	if len(lvs) == 0 {
		return
	}
	lvl := &lvs[len(lvs)-1]
	bounds := make([][]orb.Bound, len(lvl.Countries))
	for i, c := range lvl.Countries {
		bounds[i] = make([]orb.Bound, len(c.Polygons))
		for j, p := range c.Polygons {
			if len(p) > 0 && len(p[0]) > 0 {
				bounds[i][j] = p[0].Bound()
			}
		}
	}
sites:
	for _, st := range s.Sites {
		p := st.World
		for i := range lvl.Countries {
			c := &lvl.Countries[i]
			if !c.Bound.Contains(p) {
				continue
			}
			for j, poly := range c.Polygons {
				if len(poly) == 0 || len(poly[0]) == 0 || !bounds[i][j].Contains(p) {
					continue
				}
				if polygonContains(poly, p) {
					m.emphasis[c.ID] = true
					continue sites
				}
			}
		}
	}
}

// polygonContains reports whether p is inside the outer ring of poly and
// outside its holes (even-odd crossings; a point on an edge may go either
// way). planar.PolygonContains works out each ring's bound on every call,
// which made preparing a story of 5,000 sites take most of a second.
func polygonContains(poly orb.Polygon, p orb.Point) bool {
	if !ringContains(poly[0], p) {
		return false
	}
	for _, h := range poly[1:] {
		if ringContains(h, p) {
			return false
		}
	}
	return true
}

func ringContains(r orb.Ring, p orb.Point) bool {
	in := false
	x, y := p[0], p[1]
	for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
		a, b := r[i], r[j]
		if (a[1] > y) != (b[1] > y) && x < (b[0]-a[0])*(y-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}

// Emphasized reports whether the country with this id holds a site of the story.
func (m *Map) Emphasized(id int) bool { return m.emphasis[id] }

// level returns the basemap level for a zoom and what Render caches of it.
func (m *Map) level(zoom float64) (*Level, *levelCache) {
	lvl := m.Basemap.Level(zoom)
	for i := range m.levels {
		if m.levels[i].lvl == lvl {
			return lvl, &m.levels[i]
		}
	}
	lc := levelCache{lvl: lvl, polys: make([][]orb.Bound, len(lvl.Countries)), borders: make([]orb.Bound, len(lvl.Borders)),
		tris: make([][][]uint16, len(lvl.Countries)), wtris: make([][]uint16, len(lvl.Water))}
	lc.room = make([]float64, len(lvl.Countries))
	for i, c := range lvl.Countries {
		if m.emphasis[c.ID] {
			lc.room[i] = c.Room
			if c.Room == 0 {
				lc.room[i] = c.LabelRoom()
			}
		}
		lc.polys[i] = make([]orb.Bound, len(c.Polygons))
		lc.tris[i] = make([][]uint16, len(c.Polygons))
		for j, p := range c.Polygons {
			if len(p) > 0 {
				lc.polys[i][j] = p[0].Bound()
			}
		}
		lc.byArea = append(lc.byArea, i)
	}
	for i, l := range lvl.Borders {
		lc.borders[i] = l.Bound()
	}
	for _, w := range lvl.Water {
		lc.water = append(lc.water, w.Bound())
	}
	for _, r := range lvl.Roads {
		lc.roads = append(lc.roads, r.Bound())
	}
	for _, r := range lvl.Rivers {
		lc.rivers = append(lc.rivers, r.Bound())
	}
	for _, r := range lvl.Regions {
		lc.regions = append(lc.regions, r.Bound())
	}
	sort.SliceStable(lc.byArea, func(a, b int) bool {
		return lvl.Countries[lc.byArea[a]].Area > lvl.Countries[lc.byArea[b]].Area
	})
	m.levels = append(m.levels, lc)
	return lvl, &m.levels[len(m.levels)-1]
}

// Prepare cuts the basemap's polygons into triangles (Triangulate) for the
// fills of later scenes, about work points at a time, the level of the
// last scene first, and reports whether every level is done. Until it is,
// the fills of the polygons not cut yet go under the even-odd rule: the
// picture is the same either way, only the cost of drawing differs. Call
// it when there is time, until it reports true.
func (m *Map) Prepare(work int) bool {
	if m.Basemap == nil {
		return true
	}
	levels := m.Basemap.Levels()
	for i := range levels {
		m.level(levels[i].MaxZoom - 1e-9) // the caches of all levels
	}
	// The last scene's level first.
	order := make([]int, 0, len(m.levels))
	for i := range m.levels {
		if m.levels[i].lvl == m.Basemap.Level(m.scene.View.Zoom) {
			order = append([]int{i}, order...)
		} else {
			order = append(order, i)
		}
	}
	done := 0
	for _, i := range order {
		lc := &m.levels[i]
		for ; lc.cut < len(lc.lvl.Countries) && done < work; lc.cut++ {
			for j, p := range lc.lvl.Countries[lc.cut].Polygons {
				if len(p) != 1 {
					continue // holes: even-odd
				}
				if t, ok := Triangulate(p[0], nil); ok {
					lc.tris[lc.cut][j] = t
				}
				done += len(p[0])
			}
		}
		for ; lc.wcut < len(lc.lvl.Water) && done < work; lc.wcut++ {
			if p := lc.lvl.Water[lc.wcut]; len(p) == 1 {
				if t, ok := Triangulate(p[0], nil); ok {
					lc.wtris[lc.wcut] = t
				}
				done += len(p[0])
			}
		}
		if lc.cut < len(lc.lvl.Countries) || lc.wcut < len(lc.lvl.Water) {
			return false
		}
	}
	return true
}

// Render returns the display list for view v with cur the current event
// (an index into Story.Events, -1 for none), at the start of cur (see
// RenderAt). The scene and everything in it
// belong to the Map and are valid until the next call of Render: once its
// buffers have grown, Render allocates nothing.
//
// Only what is on screen is in the scene: countries and borders whose bounds
// meet the view, markers within a few pixels of it. Labels are candidates
// (see Scene.Place): every site on screen, every reference city that is not
// one of the story's sites, every country whose name might fit.
func (m *Map) Render(v View, cur int) *Scene { return m.RenderAt(v, cur, time.Time{}) }

// RenderAt is Render at instant t of the story (zero: the start of event
// cur): where the tracks of the events up to cur have come to (Path.At).
// The timeline's slider sets t between events.
func (m *Map) RenderAt(v View, cur int, t time.Time) *Scene {
	th := m.Theme
	sc := &m.scene
	*sc = Scene{
		View: v, Theme: th, Width: v.Width, Height: v.Height, Ratio: v.DeviceRatio(), Background: th.Sea,
		Fills: sc.Fills[:0], Lines: sc.Lines[:0], Dots: sc.Dots[:0], Markers: sc.Markers[:0], Labels: sc.Labels[:0],
		Clusters: sc.Clusters[:0],
	}
	wb := v.WorldBound()
	o, k := v.Transform()
	// The map wraps round the antimeridian: a place is drawn at its copy of
	// the world nearest the centre of the view (View.Shift), the basemap at
	// every copy the view meets.
	cx := o[0] + v.Width/2/k
	shift := func(x float64) float64 {
		n := math.Round((cx - x) / WorldSize)
		if math.IsNaN(n) || math.IsInf(n, 0) {
			return 0
		}
		return n * WorldSize
	}
	project := func(p orb.Point) orb.Point { return orb.Point{(p[0] - o[0]) * k, (p[1] - o[1]) * k} }
	toScreen := func(p orb.Point) orb.Point { p[0] += shift(p[0]); return project(p) }
	onScreen := func(p orb.Point, r float64) bool {
		return p[0] > -r-cullMargin && p[1] > -r-cullMargin && p[0] < v.Width+r+cullMargin && p[1] < v.Height+r+cullMargin
	}

	var lvl *Level
	var lc *levelCache
	if m.Basemap != nil {
		lvl, lc = m.level(v.Zoom)
		m.pts, m.rings = m.pts[:0], m.rings[:0]
		m.land, m.storyLand, m.borders = m.land[:0], m.storyLand[:0], m.borders[:0]
		m.water, m.roads, m.regions, m.rivers = m.water[:0], m.roads[:0], m.regions[:0], m.rivers[:0]
		m.landTris, m.storyTris, m.waterTris = m.landTris[:0], m.storyTris[:0], m.waterTris[:0]
		// Copy n of the world lies n world widths east of the first.
		n0, n1 := math.Floor(wb.Min[0]/WorldSize), math.Floor(wb.Max[0]/WorldSize)
		for n := n0; n <= n0+maxCopies && n <= n1; n++ {
			d := n * WorldSize
			wbc := orb.Bound{Min: orb.Point{wb.Min[0] - d, wb.Min[1]}, Max: orb.Point{wb.Max[0] - d, wb.Max[1]}}
			oc := orb.Point{o[0] - d, o[1]}
			for ci := range lvl.Countries {
				c := &lvl.Countries[ci]
				if !c.Bound.Intersects(wbc) {
					continue
				}
				emph := m.emphasis[c.ID]
				for pi, poly := range c.Polygons {
					if !lc.polys[ci][pi].Intersects(wbc) {
						continue
					}
					rs := len(m.rings)
					for _, r := range poly {
						m.rings = append(m.rings, orb.Ring(m.onScreen(r, oc, k)))
					}
					sp := orb.Polygon(m.rings[rs:len(m.rings):len(m.rings)])
					if emph {
						m.storyLand = append(m.storyLand, sp)
						m.storyTris = append(m.storyTris, lc.tris[ci][pi])
					} else {
						m.land = append(m.land, sp)
						m.landTris = append(m.landTris, lc.tris[ci][pi])
					}
				}
			}
			m.borders = m.linesIn(m.borders, lvl.Borders, lc.borders, wbc, oc, k)
			// Water (lakes, rivers, the sea of a newsroom's tiles) over the
			// land, then roads, in the theme's colours.
			for i, w := range lvl.Water {
				if !lc.water[i].Intersects(wbc) {
					continue
				}
				rs := len(m.rings)
				for _, r := range w {
					m.rings = append(m.rings, orb.Ring(m.onScreen(r, oc, k)))
				}
				m.water = append(m.water, orb.Polygon(m.rings[rs:len(m.rings):len(m.rings)]))
				m.waterTris = append(m.waterTris, lc.wtris[i])
			}
			m.roads = m.linesIn(m.roads, lvl.Roads, lc.roads, wbc, oc, k)
			m.rivers = m.linesIn(m.rivers, lvl.Rivers, lc.rivers, wbc, oc, k)
			m.regions = m.linesIn(m.regions, lvl.Regions, lc.regions, wbc, oc, k)
		}
		if len(m.land) > 0 {
			sc.Fills = append(sc.Fills, Fill{Color: th.Land, Polygons: m.land, Triangles: m.landTris})
		}
		if len(m.storyLand) > 0 {
			sc.Fills = append(sc.Fills, Fill{Color: th.StoryLand, Polygons: m.storyLand, Triangles: m.storyTris})
		}
		if len(m.water) > 0 {
			sc.Fills = append(sc.Fills, Fill{Color: th.Sea, Polygons: m.water, Triangles: m.waterTris})
		}
		if len(m.rivers) > 0 {
			sc.Lines = append(sc.Lines, Line{Color: th.Sea, Width: RiverWidth, Lines: m.rivers})
		}
		if len(m.roads) > 0 {
			sc.Lines = append(sc.Lines, Line{Color: th.Road, Width: RoadWidth, Lines: m.roads})
		}
		if len(m.regions) > 0 {
			sc.Lines = append(sc.Lines, Line{Color: th.Region, Width: RegionWidth, Lines: m.regions})
		}
		if len(m.borders) > 0 {
			sc.Lines = append(sc.Lines, Line{Color: th.Border, Width: 1, Lines: m.borders})
		}
	}

	var status []Status
	if s := m.Story; s != nil {
		status = m.siteStatus(cur)
		m.shapes(sc, status, wb, project, shift)
		m.tracks(sc, cur, m.moment(cur, t), project, shift)
	}

	// The current event's links between sites: arcs under the markers.
	if s := m.Story; s != nil && cur >= 0 && cur < len(s.Events) && len(s.Events[cur].Links) > 0 && !m.keepsNone() {
		m.links = m.links[:0]
		for _, l := range s.Events[cur].Links {
			ps := len(m.pts)
			// From the first site's copy nearest the view to the second's
			// copy nearest it: the short way, across 180° when shorter.
			a := s.Sites[l[0]].World
			a[0] += shift(a[0])
			b := s.Sites[l[1]].World
			b[0] += math.Round((a[0]-b[0])/WorldSize) * WorldSize
			m.pts = appendArc(m.pts, project(a), project(b))
			m.links = append(m.links, orb.LineString(m.pts[ps:len(m.pts):len(m.pts)]))
		}
		sc.Lines = append(sc.Lines, Line{Color: th.Link, Width: LinkWidth, Lines: m.links})
	}

	if s := m.Story; s != nil {
		off := orb.Point{o[0] * k, o[1] * k} // the screen's origin in world pixels: the grid stays put as the map pans
		cluster := m.Cluster && v.Zoom < clusterMaxZoom
		if cluster {
			if m.cells == nil {
				m.cells = map[cellKey]clusterCell{}
			}
			clear(m.cells)
			m.inCluster = m.inCluster[:0]
			for i := range s.Sites {
				if st := status[i]; st != Current && m.siteShown(i, st) {
					if p := toScreen(s.Sites[i].World); onScreen(p, ClusterCell) {
						m.countCell(p, off)
					}
				}
			}
		}
		// Future sites first, so past and current ones draw on top of them.
		for _, want := range [...]Status{Future, Past, Current} {
			for i := range s.Sites {
				if status[i] != want || !m.siteShown(i, want) {
					continue
				}
				st := &s.Sites[i]
				p := toScreen(st.World)
				if cluster && want != Current && onScreen(p, ClusterCell) && m.clustered(sc, i, p, off, want) {
					continue
				}
				mk := th.styledMarker(i, st.Kind, m.siteColor[i], m.siteShape[i], p, want)
				if mp, ok := m.siteWorld[i].(orb.MultiPoint); ok {
					// A marker at each point; the name at the first.
					for _, q := range mp[1:] {
						o := mk
						o.X, o.Y = toScreen(q)[0], toScreen(q)[1]
						if onScreen(orb.Point{o.X, o.Y}, max(o.Extent(), o.HaloR)) {
							sc.Markers = append(sc.Markers, o)
						}
					}
				}
				if !onScreen(p, max(mk.Extent(), mk.HaloR)) {
					continue
				}
				sc.Markers = append(sc.Markers, mk)
				sc.Labels = append(sc.Labels, Label{Kind: SiteLabel, Ref: i, Text: st.Name, Status: want,
					X: p[0], Y: p[1], Mark: mk.Bounds()})
			}
		}
		for _, i := range m.pointEvents {
			if i > cur {
				break
			}
			if e := &s.Events[i]; e.Point != nil && m.eventShown(i, cur) {
				p := toScreen(World(*e.Point))
				mk := th.marker(-1, "event", p, m.eventStatus(i, cur))
				if onScreen(p, max(mk.Extent(), mk.HaloR)) {
					sc.Markers = append(sc.Markers, mk)
				}
			}
		}
	}

	if len(sc.Clusters) > 0 {
		m.clusterSites(sc)
	}

	// A reference city's dot and name at p, unless it falls off the
	// screen or by a story marker.
	cityAt := func(p orb.Point, capital bool, city, ref int, name string) {
		r, kind := CityRadius, CityLabel
		if capital {
			r, kind = CapitalRadius, CapitalLabel
		}
		if !onScreen(p, r+OutlineWidth) || nearMarker(sc.Markers, p, r+OutlineWidth+cityNear) {
			return
		}
		d := r + OutlineWidth
		sc.Labels = append(sc.Labels, Label{Kind: kind, Ref: ref, Text: name,
			X: p[0], Y: p[1], Mark: Box{p[0] - d, p[1] - d, 2 * d, 2 * d}, Dot: true})
		sc.Dots = append(sc.Dots, Dot{City: city, X: p[0], Y: p[1], R: r, Fill: th.City, Stroke: th.Outline, Label: len(sc.Labels) - 1})
	}

	// Reference cities, unless a story site of the name shows (one a
	// search or filter hides gives the city back).
	for ci, c := range Cities {
		if v.Zoom < CitiesFrom {
			break
		}
		if j := m.citySite[ci]; j >= 0 && status != nil && m.siteShown(j, status[j]) {
			continue
		}
		cityAt(toScreen(m.cityWorld[ci]), c.Capital, ci, ci, c.NameIn(m.Lang))
	}

	// The basemap's populated places, outside the region of Cities (or
	// anywhere below CitiesFrom), from their min zoom.
	if lvl != nil {
		for _, pl := range lvl.Places {
			if pl.MinZoom > v.Zoom || v.Zoom >= CitiesFrom && CitiesRegion.Contains(pl.LonLat) {
				continue
			}
			cityAt(toScreen(World(pl.LonLat)), pl.Capital, -1, placeRef(&pl), pl.NameIn(m.Lang))
		}
	}

	// Country names, largest countries first, where they might fit.
	if lvl != nil {
		zk := math.Exp2(v.Zoom)
		for _, ci := range lc.byArea {
			c := &lvl.Countries[ci]
			maxW := countryFit * math.Sqrt(c.Area) * zk
			if maxW < minCountryLabel {
				break // the rest are smaller still
			}
			p := toScreen(c.LabelAt)
			if p[0] < 0 || p[1] < 0 || p[0] > v.Width || p[1] > v.Height || c.Name == "" {
				continue
			}
			sc.Labels = append(sc.Labels, Label{Kind: CountryLabel, Ref: c.ID, Text: c.NameIn(m.Lang),
				Emphasis: m.emphasis[c.ID], X: p[0], Y: p[1], MaxW: maxW, Room: lc.room[ci] * zk})
		}
	}
	return sc
}

// linesIn appends to dst the lines of ls (whose bounds are bounds) that
// meet the world bound wb, put on screen (origin o, scale k).
func (m *Map) linesIn(dst, ls []orb.LineString, bounds []orb.Bound, wb orb.Bound, o orb.Point, k float64) []orb.LineString {
	for i, l := range ls {
		if bounds[i].Intersects(wb) {
			dst = append(dst, orb.LineString(m.onScreen(l, o, k)))
		}
	}
	return dst
}

// onScreen puts the world points of a line or ring on screen (origin o,
// scale k) at the end of m.pts, and returns them there.
func (m *Map) onScreen(l []orb.Point, o orb.Point, k float64) []orb.Point {
	ps := len(m.pts)
	for _, p := range l {
		m.pts = append(m.pts, orb.Point{(p[0] - o[0]) * k, (p[1] - o[1]) * k})
	}
	return m.pts[ps:len(m.pts):len(m.pts)]
}

// LinkWidth is the width of an event's arcs between sites, in CSS px.
const LinkWidth = 2.5

// RegionWidth is the width of a first-level boundary (Level.Regions), in
// CSS px: under the countries' borders (1 px).
const RegionWidth = 0.75

// RoadWidth is the width of a road of a newsroom's tiles, in CSS px.
const RoadWidth = 2

// RiverWidth is the width of a river of a newsroom's tiles, in CSS px.
const RiverWidth = 1.5

// maxCopies bounds the copies of the world drawn side by side, past the
// first, in a view wider than the world.
const maxCopies = 8

// arcSegments is the number of straight pieces of an arc.
const arcSegments = 32

// appendArc appends a curve from a to b: a quadratic Bézier bulging to the
// left of the way from a to b by a quarter of its length, so two arcs between
// the same sites in opposite directions do not lie on each other.
func appendArc(dst []orb.Point, a, b orb.Point) []orb.Point {
	dx, dy := b[0]-a[0], b[1]-a[1]
	c := orb.Point{(a[0]+b[0])/2 + dy/4, (a[1]+b[1])/2 - dx/4}
	for i := 0; i <= arcSegments; i++ {
		t := float64(i) / arcSegments
		u := 1 - t
		dst = append(dst, orb.Point{u*u*a[0] + 2*u*t*c[0] + t*t*b[0], u*u*a[1] + 2*u*t*c[1] + t*t*b[1]})
	}
	return dst
}

// nearMarker reports whether the point p is within d of the outline of any
// of the markers.
func nearMarker(ms []Marker, p orb.Point, d float64) bool {
	for i := range ms {
		r := ms[i].Extent() + d
		dx, dy := ms[i].X-p[0], ms[i].Y-p[1]
		if dx*dx+dy*dy < r*r {
			return true
		}
	}
	return false
}

// placeRef is the Label.Ref of a basemap place: past the indexes of Cities,
// the same in every frame (it names the label across frames).
func placeRef(pl *Place) int {
	h := uint32(2166136261)
	for i := 0; i < len(pl.Name); i++ {
		h = (h ^ uint32(pl.Name[i])) * 16777619
	}
	return len(Cities) + 1 + int(h>>8)
}
