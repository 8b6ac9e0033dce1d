package tiles

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/paulmach/orb"

	"mapline/geo"
)

// Key names a tile: zoom, column, row.
type Key struct {
	Z    uint8
	X, Y uint32
}

func (k Key) String() string { return fmt.Sprintf("%d/%d/%d", k.Z, k.X, k.Y) }

// Parent is the tile one zoom out holding k (k itself at zoom 0).
func (k Key) Parent() Key {
	if k.Z == 0 {
		return k
	}
	return Key{k.Z - 1, k.X / 2, k.Y / 2}
}

// land is one earth feature of a tile in world coordinates.
type land struct {
	id    int // country_id, 0 when the archive has none
	polys []orb.Polygon
}

// Piece is a tile decoded into world coordinates, in what geo draws: land
// (earth), water, roads, boundaries, country names (places of kind
// country) and populated places (kind locality). A Piece is never modified once made.
type Piece struct {
	Key     Key
	land    []land
	water   []orb.Polygon
	rivers  []orb.LineString
	roads   []orb.LineString
	borders []orb.LineString
	regions []orb.LineString
	names   []geo.Country // label points only
	places  []geo.Place
	Points  int // how many points it holds: its cost
}

// DecodePiece decodes the MVT bytes of tile k of an archive in the Protomaps
// basemap v4 schema. Layers and kinds it does not draw are skipped; a
// feature of the wrong geometry type is skipped.
func DecodePiece(k Key, b []byte) (*Piece, error) {
	t, err := Decode(b)
	if err != nil {
		return nil, fmt.Errorf("%w (tile %s)", err, k)
	}
	p := &Piece{Key: k}
	for _, l := range t.Layers {
		ext := float64(l.Extent)
		size := geo.WorldSize / float64(uint64(1)<<k.Z)
		world := func(q [2]int32) orb.Point {
			return orb.Point{(float64(k.X) + float64(q[0])/ext) * size, (float64(k.Y) + float64(q[1])/ext) * size}
		}
		line := func(part [][2]int32) orb.LineString {
			ls := make(orb.LineString, len(part))
			for i, q := range part {
				ls[i] = world(q)
			}
			p.Points += len(ls)
			return ls
		}
		for _, f := range l.Features {
			kind, _ := f.Tags[tagKind].(string)
			switch {
			case (l.Name == "earth" || l.Name == "water") && f.Type == Polygon:
				polys := polygons(f.Geoms, line)
				if l.Name == "water" {
					p.water = append(p.water, polys...)
				} else {
					p.land = append(p.land, land{id: intTag(f.Tags[tagCountryID]), polys: polys})
				}
			case l.Name == "water" && f.Type == LineString:
				for _, g := range f.Geoms {
					p.rivers = append(p.rivers, line(g))
				}
			case l.Name == "roads" && f.Type == LineString:
				for _, g := range f.Geoms {
					p.roads = append(p.roads, line(g))
				}
			case l.Name == "boundaries" && f.Type == LineString:
				for _, g := range f.Geoms {
					// Protomaps v4: kind country (admin level 2), region
					// (admin level 4), disputed…: all but regions draw as borders.
					if kind == "region" {
						p.regions = append(p.regions, line(g))
					} else {
						p.borders = append(p.borders, line(g))
					}
				}
			case l.Name == "places" && f.Type == Point && kind == "locality" && len(f.Geoms) > 0 && len(f.Geoms[0]) > 0:
				pl := geo.Place{City: geo.City{LonLat: geo.LonLat(world(f.Geoms[0][0]))}}
				pl.Name, _ = f.Tags[tagName].(string)
				pl.Capital = f.Tags[tagCapital] == "yes"
				if z, ok := number(f.Tags[tagMinZoom]); ok && z >= 0 {
					pl.MinZoom = z
				}
				if r, ok := number(f.Tags[tagRank]); ok && r >= 0 && r <= 100 {
					pl.Rank = int(r)
				}
				for key, v := range f.Tags {
					if s, ok := v.(string); ok && strings.HasPrefix(key, tagName+":") {
						if pl.Names == nil {
							pl.Names = map[string]string{}
						}
						pl.Names[key[len(tagName)+1:]] = s
					}
				}
				if pl.Name != "" {
					p.places = append(p.places, pl)
				}
			case l.Name == "places" && f.Type == Point && kind == "country" && len(f.Geoms) > 0 && len(f.Geoms[0]) > 0:
				c := geo.Country{ID: intTag(f.Tags[tagCountryID]), LabelAt: world(f.Geoms[0][0]), Names: map[string]string{}}
				c.Name, _ = f.Tags[tagName].(string)
				for key, v := range f.Tags {
					if s, ok := v.(string); ok && strings.HasPrefix(key, tagName+":") {
						c.Names[key[len(tagName)+1:]] = s
					}
				}
				if r, ok := f.Tags[tagRoom].(float64); ok && r > 0 && !math.IsInf(r, 0) {
					c.Room = r
				}
				if a, ok := f.Tags[tagArea].(float64); ok && a > 0 {
					c.Area = a
				} else if z, ok := number(f.Tags[tagMinZoom]); ok {
					c.Area = areaOfMinZoom(z)
				}
				if c.Name != "" {
					p.names = append(p.names, c)
				}
			}
		}
	}
	return p, nil
}

// polygons groups MVT rings into polygons: an outer ring (positive area,
// y down) and the holes after it. An archive whose first ring winds the
// other way is read with its winding flipped.
func polygons(rings [][][2]int32, line func([][2]int32) orb.LineString) []orb.Polygon {
	var out []orb.Polygon
	sign := int64(1)
	for i, r := range rings {
		a := ringArea(r)
		if a == 0 {
			continue
		}
		if i == 0 && a < 0 {
			sign = -1
		}
		ls := line(r)
		ring := orb.Ring(append(ls, ls[0]))
		if a*sign > 0 || len(out) == 0 {
			out = append(out, orb.Polygon{ring})
		} else {
			out[len(out)-1] = append(out[len(out)-1], ring)
		}
	}
	return out
}

func intTag(v any) int {
	f, ok := number(v)
	if !ok || f < 0 || f > 1<<16 {
		return 0
	}
	return int(f)
}

func number(v any) (float64, bool) {
	switch v := v.(type) {
	case int64:
		return float64(v), true
	case float64:
		return v, true
	}
	return 0, false
}

// Level joins pieces into one geo.Level: the land of each country (by
// country_id) in one geo.Country with its name and label point, other land
// in countries of id 0 without a name, the borders, water and roads. The
// pieces should not overlap (see Cache.Cover).
func Level(pieces []*Piece) geo.Level {
	lv := geo.Level{MaxZoom: 1e9}
	byID := map[int]int{}
	country := func(id int) *geo.Country {
		if i, ok := byID[id]; ok && id != 0 {
			return &lv.Countries[i]
		}
		lv.Countries = append(lv.Countries, geo.Country{ID: id})
		byID[id] = len(lv.Countries) - 1
		return &lv.Countries[len(lv.Countries)-1]
	}
	named := map[string]bool{}
	for _, p := range pieces {
		for _, l := range p.land {
			c := country(l.id)
			c.Polygons = append(c.Polygons, l.polys...)
		}
		for _, n := range p.names {
			key := fmt.Sprint(n.ID, n.Name)
			if named[key] {
				continue
			}
			named[key] = true
			var c *geo.Country
			if n.ID != 0 {
				c = country(n.ID)
			} else {
				lv.Countries = append(lv.Countries, geo.Country{})
				c = &lv.Countries[len(lv.Countries)-1]
			}
			c.Name, c.Names, c.LabelAt, c.Area, c.Room = n.Name, n.Names, n.LabelAt, n.Area, n.Room
		}
		lv.Borders = append(lv.Borders, p.borders...)
		lv.Regions = append(lv.Regions, p.regions...)
		lv.Water = append(lv.Water, p.water...)
		lv.Rivers = append(lv.Rivers, p.rivers...)
		lv.Roads = append(lv.Roads, p.roads...)
		lv.Places = append(lv.Places, p.places...)
	}
	for i := range lv.Countries {
		c := &lv.Countries[i]
		for j, poly := range c.Polygons {
			if j == 0 {
				c.Bound = poly.Bound()
			} else {
				c.Bound = c.Bound.Union(poly.Bound())
			}
		}
	}
	sort.SliceStable(lv.Countries, func(i, j int) bool { return lv.Countries[i].ID < lv.Countries[j].ID })
	return lv
}
