// Command basemap generates geo/basemap.bin, the embedded basemap of the
// region, from the Natural Earth TopoJSON files of the npm package
// world-atlas@2.0.2 (countries-50m.json and countries-10m.json):
//
//	npm install --no-save --prefix /tmp/wa world-atlas@2.0.2
//	go run ./cmd/basemap -in /tmp/wa/node_modules/world-atlas -out geo/basemap.bin
//
// It works on TopoJSON arcs rather than polygons: each arc is projected to
// world coordinates and simplified once (Douglas-Peucker, endpoints kept), and
// the rings of the countries are assembled from the simplified arcs, so
// neighbouring countries share exactly the same border vertices (no cracks).
// Polygons are then clipped to the region. The land borders are the arcs used
// by exactly two countries. The output is deterministic.
package main

import (
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

// Region: a margin around the story's 24–64°E, 10–44°N.
const (
	regionWest, regionEast   = 20.0, 70.0
	regionSouth, regionNorth = 8.0, 46.0
)

// lod is one level of detail: used for zooms below maxZoom, simplified with
// a tolerance of 0.5 CSS px at zoom tolZoom, from the given world-atlas file.
type lod struct {
	maxZoom float64
	tolZoom float64
	file    string
}

var lods = []lod{
	{maxZoom: 4, tolZoom: 4, file: "countries-50m.json"},
	{maxZoom: 6, tolZoom: 6, file: "countries-10m.json"},
	{maxZoom: 8, tolZoom: 8, file: "countries-10m.json"},
	{maxZoom: math.Inf(1), tolZoom: 9.5, file: "countries-10m.json"},
}

// toleranceCSSPx is the Douglas-Peucker tolerance in CSS pixels at tolZoom.
const toleranceCSSPx = 0.5

func main() {
	in := flag.String("in", "node_modules/world-atlas", "world-atlas package `dir`ectory")
	out := flag.String("out", "geo/basemap.bin", "output `file`")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "basemap:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	topos := map[string]*topology{}
	var levels []geo.Level
	var summary []string
	total := 0
	for _, l := range lods {
		t := topos[l.file]
		if t == nil {
			var err error
			if t, err = readTopology(filepath.Join(in, l.file)); err != nil {
				return err
			}
			topos[l.file] = t
		}
		lv, err := buildLevel(t, l)
		if err != nil {
			return fmt.Errorf("%s: %w", l.file, err)
		}
		n := countPoints(lv)
		total += n
		lb := len(geo.EncodeBasemap([]geo.Level{lv})) - len(geo.EncodeBasemap(nil))
		summary = append(summary, fmt.Sprintf("z<%g: %d pts %d borders %d B", l.maxZoom, n, len(lv.Borders), lb))
		levels = append(levels, lv)
	}
	b := geo.EncodeBasemap(levels)
	// Check the output before writing it.
	if _, err := geo.DecodeBasemap(b); err != nil {
		return err
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return err
	}
	fmt.Printf("basemap: %s: %d levels, %d countries, %d points, %d bytes (%s)\n",
		out, len(levels), len(levels[len(levels)-1].Countries), total, len(b), strings.Join(summary, "; "))
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
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
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

func regionBound() orb.Bound {
	nw := world(regionWest, regionNorth)
	se := world(regionEast, regionSouth)
	return orb.Bound{Min: nw, Max: se}
}

// Levels

func buildLevel(t *topology, l lod) (geo.Level, error) {
	tol := toleranceCSSPx / math.Exp2(l.tolZoom) // in world units
	minArea := tol * tol
	box := regionBound()
	cs, err := t.countries()
	if err != nil {
		return geo.Level{}, err
	}

	// Simplify every arc once, keeping its endpoints.
	dp := simplify.DouglasPeucker(tol)
	arcs := t.worldArcs()
	for i, a := range arcs {
		arcs[i] = dedup(dp.LineString(orb.LineString(a)))
	}

	// Countries.
	lv := geo.Level{MaxZoom: l.maxZoom}
	for _, c := range cs {
		var polys []orb.Polygon
		for _, p := range c.polys {
			var poly orb.Polygon
			for _, r := range p {
				poly = append(poly, assembleRing(arcs, r))
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
		lv.Countries = append(lv.Countries, geo.Country{ID: c.id, Name: c.name, Polygons: polys, Bound: b})
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
	return lv, nil
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
			if i == 0 {
				return nil
			}
			continue
		}
		// orb's orientation assumes y grows north: CCW in world coordinates
		// is clockwise on the map.
		if (r.Orientation() == orb.CCW) != (i == 0) {
			r.Reverse()
		}
		out = append(out, r)
	}
	return out
}

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
