package tiles

import (
	"bytes"
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"mapline/geo"
)

func TestTileID(t *testing.T) {
	// The values of the PMTiles v3 spec's examples and its Hilbert curve.
	for _, tc := range []struct {
		name string
		z    uint8
		x, y uint32
		want uint64
	}{
		{"zoom 0", 0, 0, 0, 0},
		{"zoom 1 north-west", 1, 0, 0, 1},
		{"zoom 1 south-west", 1, 0, 1, 2},
		{"zoom 1 south-east", 1, 1, 1, 3},
		{"zoom 1 north-east", 1, 1, 0, 4},
		{"zoom 2 first", 2, 0, 0, 5},
		{"zoom 2 last", 2, 3, 0, 20},
		{"zoom 12", 12, 3423, 1763, 19078479},
	} {
		if got := TileID(tc.z, tc.x, tc.y); got != tc.want {
			t.Errorf("%s: TileID(%d, %d, %d) = %d, want %d", tc.name, tc.z, tc.x, tc.y, got, tc.want)
		}
	}
}

// testTile is a tile with every kind of geometry and tag value.
func testTile() *Tile {
	return &Tile{Layers: []Layer{
		{Name: "earth", Extent: Extent, Features: []Feature{{Type: Polygon,
			Tags:  map[string]any{"kind": "earth", "country_id": int64(76)},
			Geoms: [][][2]int32{{{0, 0}, {100, 0}, {100, 100}, {0, 100}}, {{10, 10}, {10, 20}, {20, 20}, {20, 10}}}}}},
		{Name: "roads", Extent: Extent, Features: []Feature{{Type: LineString,
			Tags:  map[string]any{"kind": "major_road", "oneway": true, "width": 2.5, "min_zoom": int64(-3)},
			Geoms: [][][2]int32{{{-64, 5}, {4160, 7}}}}}},
		{Name: "places", Extent: Extent, Features: []Feature{{Type: Point,
			Tags:  map[string]any{"kind": "country", "name": "Brazil", "name:ar": "البرازيل"},
			Geoms: [][][2]int32{{{1000, 2000}}}}}},
	}}
}

func TestMVTRoundTrip(t *testing.T) {
	in := testTile()
	b := Encode(in)
	out, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("decoded\n%+v\nwant\n%+v", out, in)
	}
	if !bytes.Equal(b, Encode(in)) {
		t.Error("two encodings differ")
	}
}

func TestDecodeCorrupt(t *testing.T) {
	b := Encode(testTile())
	// Every truncation and every flipped byte: an error or fewer features,
	// never a panic.
	for i := range b {
		Decode(b[:i])
		c := append([]byte(nil), b...)
		c[i] ^= 0xff
		Decode(c)
	}
	if _, err := Decode(b[:len(b)-3]); err == nil {
		t.Error("a truncated tile decodes without an error")
	}
	if _, err := Decode(make([]byte, MaxTileBytes+1)); err == nil {
		t.Error("an oversized tile decodes without an error")
	}
}

func TestPMTilesRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		zoom uint8
	}{
		{"root directory only", 3},
		{"leaf directories", 7}, // 21,845 tiles: the root does not fit in 16 KiB
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := &Archive{Tiles: map[[3]uint32][]byte{}, MaxZoom: tc.zoom, Metadata: []byte(`{"attribution":"test"}`)}
			same := Encode(testTile())
			for z := uint32(0); z <= uint32(tc.zoom); z++ {
				for x := uint32(0); x < 1<<z; x++ {
					for y := uint32(0); y < 1<<z; y++ {
						if x == 1 && y == 0 {
							continue // a missing tile
						}
						d := same // runs of identical tiles
						if (x+y)%3 == 0 {
							d = []byte{byte(z), byte(x), byte(y), byte(x >> 8), byte(y >> 8)}
						}
						a.Tiles[[3]uint32{z, x, y}] = d
					}
				}
			}
			b := Write(a)
			r, err := Open(Bytes(b))
			if err != nil {
				t.Fatal(err)
			}
			if string(r.Metadata) != `{"attribution":"test"}` || r.Header.MaxZoom != tc.zoom {
				t.Errorf("metadata %q, max zoom %d", r.Metadata, r.Header.MaxZoom)
			}
			if tc.zoom == 7 && r.Header.LeafLength == 0 {
				t.Error("no leaf directories")
			}
			for k, want := range a.Tiles {
				got, err := r.Tile(uint8(k[0]), k[1], k[2])
				if err != nil || !bytes.Equal(got, want) {
					t.Fatalf("tile %v: %x, %v; want %x", k, got, err, want)
				}
			}
			if _, err := r.Tile(1, 1, 0); !errors.Is(err, ErrNoTile) {
				t.Errorf("missing tile: %v, want ErrNoTile", err)
			}
		})
	}
}

func TestOpenNotPMTiles(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"html page", []byte("<!doctype html><html><body>not found</body></html>")},
		{"empty", nil},
		{"mbtiles", append([]byte("SQLite format 3\x00"), make([]byte, 200)...)},
	} {
		if _, err := Open(Bytes(tc.data)); err == nil {
			t.Errorf("%s: opened", tc.name)
		}
	}
}

// cutWorld cuts the default basemap once for the tests.
var cutWorld = func() func(t *testing.T) *Reader {
	var r *Reader
	return func(t *testing.T) *Reader {
		if r == nil {
			var err error
			if r, err = Open(Bytes(Write(Cut(geo.DefaultBasemap())))); err != nil {
				t.Fatal(err)
			}
		}
		return r
	}
}()

func TestCutWorld(t *testing.T) {
	r := cutWorld(t)
	for _, tc := range []struct {
		name     string
		lon, lat float64
		id       int // 0: open sea, no land
	}{
		{"Brasília", -47.88, -15.79, 76},
		{"Nairobi", 36.82, -1.29, 404},
		{"Minneapolis", -93.27, 44.98, 840},
		{"Baghdad", 44.40, 33.30, 368},
		{"Viti Levu", 178.0, -17.8, 242},
		{"South Pacific", -130, -40, 0},
	} {
		p := geo.World(orb.Point{tc.lon, tc.lat})
		for z := 0; z <= MaxZoom; z++ {
			x, y, _ := tileOf(z, p)
			k := Key{uint8(z), x, y}
			b, err := r.Tile(k.Z, k.X, k.Y)
			var lv geo.Level
			if err == nil {
				pc, err := DecodePiece(k, b)
				if err != nil {
					t.Fatalf("%s: tile %s: %v", tc.name, k, err)
				}
				lv = Level([]*Piece{pc})
			} else if !errors.Is(err, ErrNoTile) {
				t.Fatalf("%s: tile %s: %v", tc.name, k, err)
			}
			c, ok := geo.CountryAt(geo.NewBasemap([]geo.Level{lv}), p)
			if tc.id == 0 && ok && z < 3 {
				continue // the coarse levels may hold some land near; checked from zoom 3
			}
			if ok != (tc.id != 0) || c.ID != tc.id {
				t.Errorf("%s: tile %s: country %d %q (%v), want %d", tc.name, k, c.ID, c.Name, ok, tc.id)
			}
			if tc.id != 0 && !planar.MultiPolygonContains(orb.MultiPolygon(c.Polygons), p) {
				t.Errorf("%s: tile %s: not on land", tc.name, k)
			}
		}
	}
}

func TestCutRegionBoundaries(t *testing.T) {
	// Kansas–Nebraska: first-level boundaries (kind region) in the tiles
	// from zoom 4, none below.
	r := cutWorld(t)
	p := geo.World(orb.Point{-99, 40})
	for z := 0; z <= MaxZoom; z++ {
		x, y, _ := tileOf(z, p)
		k := Key{uint8(z), x, y}
		b, err := r.Tile(k.Z, k.X, k.Y)
		if err != nil {
			t.Fatalf("tile %s: %v", k, err)
		}
		pc, err := DecodePiece(k, b)
		if err != nil {
			t.Fatalf("tile %s: %v", k, err)
		}
		n := len(Level([]*Piece{pc}).Regions)
		if (n > 0) != (z >= 4) {
			t.Errorf("tile %s: %d region boundaries", k, n)
		}
	}
}

// TestCutKeepsLabelRoom: the tiles say how far a country's name may move
// and stay inside the whole country (geo.Country.Room), as the basemap's
// whole polygons say it; worked out from the pieces of one tile, whose cut
// edges look like borders, it would be less, and the name of a country cut
// by a tile's edge near its label point (Iraq on a phone) could not move.
func TestCutKeepsLabelRoom(t *testing.T) {
	r := cutWorld(t)
	bm := geo.DefaultBasemap()
	for z := 3; z <= MaxZoom; z++ {
		var whole *geo.Country
		for i, c := range bm.Level(float64(z)).Countries {
			if c.ID == 368 && c.Name != "" {
				whole = &bm.Level(float64(z)).Countries[i]
			}
		}
		if whole == nil {
			t.Fatalf("zoom %d: no Iraq in the basemap", z)
		}
		x, y, _ := tileOf(z, whole.LabelAt)
		k := Key{uint8(z), x, y}
		b, err := r.Tile(k.Z, k.X, k.Y)
		if err != nil {
			t.Fatalf("tile %s: %v", k, err)
		}
		pc, err := DecodePiece(k, b)
		if err != nil {
			t.Fatalf("tile %s: %v", k, err)
		}
		lv := Level([]*Piece{pc})
		var got *geo.Country
		for i := range lv.Countries {
			if lv.Countries[i].ID == 368 {
				got = &lv.Countries[i]
			}
		}
		if got == nil {
			t.Fatalf("tile %s: no Iraq", k)
		}
		want := whole.LabelRoom()
		if want <= 0 || math.Abs(got.Room-want) > 1e-9*want {
			t.Errorf("zoom %d: tile %s says Iraq's name has room %g, the whole country %g", z, k, got.Room, want)
		}
	}
}

// TestCutLakes: the lakes of the basemap are in the tiles' water layer
// (kind lake) at every zoom, so the middle of Lake Victoria is drawn in the
// sea's colour over Uganda, Kenya and Tanzania; the land beside it is not.
func TestCutLakes(t *testing.T) {
	r := cutWorld(t)
	for _, tc := range []struct {
		name     string
		lon, lat float64
		lake     bool
	}{
		{"Lake Victoria", 33.0, -1.0, true},
		{"Lake Superior", -87.5, 47.6, true},
		{"Nairobi", 36.82, -1.29, false},
	} {
		p := geo.World(orb.Point{tc.lon, tc.lat})
		for z := 0; z <= MaxZoom; z++ {
			x, y, _ := tileOf(z, p)
			k := Key{uint8(z), x, y}
			b, err := r.Tile(k.Z, k.X, k.Y)
			if err != nil {
				t.Fatalf("%s: tile %s: %v", tc.name, k, err)
			}
			tile, err := Decode(b)
			if err != nil {
				t.Fatalf("%s: tile %s: %v", tc.name, k, err)
			}
			for _, l := range tile.Layers {
				if l.Name != "water" {
					continue
				}
				for _, f := range l.Features {
					if f.Tags[tagKind] != "lake" {
						t.Errorf("%s: tile %s: water of kind %v, want lake", tc.name, k, f.Tags[tagKind])
					}
				}
			}
			pc, err := DecodePiece(k, b)
			if err != nil {
				t.Fatalf("%s: tile %s: %v", tc.name, k, err)
			}
			in := false
			for _, w := range Level([]*Piece{pc}).Water {
				if planar.PolygonContains(w, p) {
					in = true
				}
			}
			if in != tc.lake {
				t.Errorf("%s: tile %s: in a lake %v, want %v", tc.name, k, in, tc.lake)
			}
		}
	}
}

// TestCutPlaces: the populated places are in the places layer (kind
// locality, Protomaps' min_zoom, population_rank and capital) of the tiles
// from their min zoom, and come back as the level's places: Kampala (min
// zoom 5) from zoom 5, Nairobi (2) from zoom 2; Baghdad with its names in
// Arabic, Sorani Kurdish and Persian.
func TestCutPlaces(t *testing.T) {
	r := cutWorld(t)
	for _, tc := range []struct {
		name     string
		lon, lat float64
		from     int
		names    int
	}{
		{"Nairobi", 36.82, -1.28, 2, 0},
		{"Kampala", 32.58, 0.32, 5, 0},
		{"Baghdad", 44.39, 33.34, 3, 3},
	} {
		p := geo.World(orb.Point{tc.lon, tc.lat})
		for z := 0; z <= MaxZoom; z++ {
			x, y, _ := tileOf(z, p)
			k := Key{uint8(z), x, y}
			b, err := r.Tile(k.Z, k.X, k.Y)
			if err != nil {
				t.Fatalf("%s: tile %s: %v", tc.name, k, err)
			}
			pc, err := DecodePiece(k, b)
			if err != nil {
				t.Fatalf("%s: tile %s: %v", tc.name, k, err)
			}
			var got *geo.Place
			for _, pl := range Level([]*Piece{pc}).Places {
				if pl.Name == tc.name {
					got = &pl
				}
			}
			if (got != nil) != (z >= tc.from) {
				t.Errorf("%s: tile %s: in the places %v, want from zoom %d", tc.name, k, got != nil, tc.from)
				continue
			}
			if got == nil {
				continue
			}
			if !got.Capital || got.Rank < 12 || got.MinZoom > float64(tc.from)+1 || len(got.Names) != tc.names ||
				math.Abs(got.LonLat[0]-tc.lon) > 0.02 || math.Abs(got.LonLat[1]-tc.lat) > 0.02 {
				t.Errorf("%s: tile %s: %+v", tc.name, k, *got)
			}
		}
	}
}

// TestRiversOfANewsroomsTiles: lines of the water layer (Protomaps v4 kind
// river) come back as the level's rivers, and the map draws them in the
// sea's colour, at the pixels the view projects them to.
func TestRiversOfANewsroomsTiles(t *testing.T) {
	k := Key{Z: 2, X: 2, Y: 1}
	tile := &Tile{Layers: []Layer{
		{Name: "earth", Extent: Extent, Features: []Feature{{Type: Polygon, Tags: map[string]any{"kind": "earth"},
			Geoms: [][][2]int32{{{0, 0}, {Extent, 0}, {Extent, Extent}, {0, Extent}}}}}},
		{Name: "water", Extent: Extent, Features: []Feature{{Type: LineString, Tags: map[string]any{"kind": "river"},
			Geoms: [][][2]int32{{{0, Extent / 2}, {Extent, Extent / 2}}}}}},
	}}
	pc, err := DecodePiece(k, Encode(tile))
	if err != nil {
		t.Fatal(err)
	}
	lv := Level([]*Piece{pc})
	if len(lv.Rivers) != 1 || len(lv.Rivers[0]) != 2 {
		t.Fatalf("rivers %v, want the one line", lv.Rivers)
	}
	size := float64(geo.WorldSize) / 4
	wantY := (float64(k.Y) + 0.5) * size
	for _, p := range lv.Rivers[0] {
		if math.Abs(p[1]-wantY) > 1e-9 {
			t.Errorf("river point %v, want world y %v", p, wantY)
		}
	}
	m := geo.NewMap(geo.MapOptions{Basemap: geo.NewBasemap([]geo.Level{lv}), Theme: geo.Dark})
	mid := orb.Point{(float64(k.X) + 0.5) * size, wantY}
	sc := m.Render(geo.View{Center: geo.LonLat(mid), Zoom: 3, Width: 400, Height: 300, Ratio: 1}, 0)
	found := false
	for _, l := range sc.Lines {
		if l.Color != geo.Dark.Sea || l.Width != geo.RiverWidth {
			continue
		}
		for _, ls := range l.Lines {
			for _, p := range ls {
				if math.Abs(p[1]-150) > 0.5 {
					t.Errorf("river drawn at y %v, want 150 (the view's middle)", p[1])
				}
			}
			found = true
		}
	}
	if !found {
		t.Errorf("no river line in the sea's colour among %d lines", len(sc.Lines))
	}
}
