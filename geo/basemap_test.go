package geo

import (
	"encoding/binary"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// bmWorld projects longitude/latitude in degrees to world coordinates (Web
// Mercator, world 256 units wide, y growing south), like World in view.go and
// the projection of cmd/basemap.
func bmWorld(lon, lat float64) orb.Point {
	const maxLat = 85.0511287798
	lat = math.Max(-maxLat, math.Min(maxLat, lat))
	phi := lat * math.Pi / 180
	x := (lon + 180) / 360 * 256
	y := (1 - math.Log(math.Tan(phi)+1/math.Cos(phi))/math.Pi) / 2 * 256
	return orb.Point{x, y}
}

// bmTol returns the largest quantization error of a point of a level used
// below maxZoom, in world units.
func bmTol(maxZoom float64) float64 {
	return math.Exp2(-float64(bmQuantBits(maxZoom))-1) * math.Sqrt2 * 1.0001
}

func bmNear(a, b orb.Point, tol float64) bool { return math.Hypot(a[0]-b[0], a[1]-b[1]) <= tol }

// Every level of the embedded basemap covers the world (see cmd/basemap);
// bmDetailRegion is the Middle East, where the tests compare the levels.
var (
	bmWorldRegion  = orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{WorldSize, WorldSize}}
	bmDetailRegion = orb.Bound{Min: bmWorld(10, 50), Max: bmWorld(80, 0)}
)

// bmRegion returns the region of a level of the embedded basemap: the world.
func bmRegion(*Level) orb.Bound { return bmWorldRegion }

func bmTestLevels() []Level {
	sq := func(x, y, s float64) orb.Ring {
		return orb.Ring{{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}, {x, y}}
	}
	return []Level{
		{
			MaxZoom: 4,
			Countries: []Country{
				{ID: 4, Name: "Afghanistan", Polygons: []orb.Polygon{{sq(170.123456, 100.987654, 3)}},
					LabelAt: orb.Point{171.6234, 102.4877}, Area: 9},
				{ID: 364, Name: "Iran", Polygons: []orb.Polygon{
					{sq(160, 101, 5), sq(161, 102, 1)}, // with a hole
					{sq(150.5, 110.25, 0.001)},
				}, LabelAt: orb.Point{163.5, 103.5}, Area: 24.000001},
				{ID: 0, Name: "N. Cyprus — ñ", Polygons: []orb.Polygon{{
					// not closed: decoded closed
					orb.Ring{{140, 100}, {140.5, 100}, {140.5, 100.5}},
				}}, LabelAt: orb.Point{255.9, 0.1}, Area: 1.0 / 3}, // label far away
			},
			Borders: []orb.LineString{{{165, 101}, {165, 106}}, {{0, 0}, {256, 256}, {128, 0.00001}}},
			Water:   []orb.Polygon{{sq(161.5, 103, 1), sq(161.75, 103.25, 0.25)}}, // a lake with an island
			Places: []Place{
				{City: City{Name: "Nairobi", LonLat: orb.Point{36.82, -1.29}, Capital: true}, MinZoom: 2, Rank: 14},
				{City: City{Name: "Erbil", LonLat: orb.Point{44.01, 36.19}, Names: map[string]string{"ar": "أربيل", "ckb": "هەولێر"}}, MinZoom: 5.5, Rank: 12},
			},
		},
		{MaxZoom: 8}, // empty level
		{
			MaxZoom: math.Inf(1),
			Countries: []Country{
				{ID: 65535, Name: "", Polygons: []orb.Polygon{{sq(0, 0, 256)}}, LabelAt: orb.Point{128, 128}, Area: 65536},
				{ID: 1, Name: "no label", Polygons: []orb.Polygon{{sq(10, 10, 1e-3)}}}, // zero LabelAt and Area
			},
		},
	}
}

func TestBasemapRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name   string
		levels []Level
	}{
		{"synthetic", bmTestLevels()},
		{"single empty level", []Level{{MaxZoom: 3}}},
		{"default", DefaultBasemap().Levels()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			enc := EncodeBasemap(tc.levels)
			bm, err := DecodeBasemap(enc)
			if err != nil {
				t.Fatal(err)
			}
			got := bm.Levels()
			if len(got) != len(tc.levels) {
				t.Fatalf("%d levels, want %d", len(got), len(tc.levels))
			}
			for li, want := range tc.levels {
				g := got[li]
				tol := bmTol(want.MaxZoom)
				if g.MaxZoom != float64(float32(want.MaxZoom)) {
					t.Errorf("level %d: MaxZoom %g, want %g", li, g.MaxZoom, want.MaxZoom)
				}
				if len(g.Countries) != len(want.Countries) || len(g.Borders) != len(want.Borders) {
					t.Fatalf("level %d: %d countries %d borders, want %d %d", li,
						len(g.Countries), len(g.Borders), len(want.Countries), len(want.Borders))
				}
				for ci, wc := range want.Countries {
					gc := g.Countries[ci]
					if gc.ID != wc.ID || gc.Name != wc.Name || len(gc.Polygons) != len(wc.Polygons) {
						t.Fatalf("level %d country %d: got %d %q (%d polygons), want %d %q (%d)", li, ci,
							gc.ID, gc.Name, len(gc.Polygons), wc.ID, wc.Name, len(wc.Polygons))
					}
					if !bmNear(gc.LabelAt, wc.LabelAt, tol) {
						t.Errorf("level %d %s: LabelAt %v, want %v", li, wc.Name, gc.LabelAt, wc.LabelAt)
					}
					if gc.Area != float64(float32(wc.Area)) {
						t.Errorf("level %d %s: Area %g, want %g", li, wc.Name, gc.Area, wc.Area)
					}
					for pi, wp := range wc.Polygons {
						gp := gc.Polygons[pi]
						if len(gp) != len(wp) {
							t.Fatalf("%s polygon %d: %d rings, want %d", wc.Name, pi, len(gp), len(wp))
						}
						for ri, wr := range wp {
							gr := gp[ri]
							if !wr.Closed() {
								wr = append(wr[:len(wr):len(wr)], wr[0])
							}
							if len(gr) != len(wr) || gr[0] != gr[len(gr)-1] {
								t.Fatalf("%s ring %d/%d: %d points (closed %v), want %d", wc.Name, pi, ri,
									len(gr), gr[0] == gr[len(gr)-1], len(wr))
							}
							for i := range wr {
								if !bmNear(gr[i], wr[i], tol) {
									t.Fatalf("%s ring %d/%d point %d: %v, want %v", wc.Name, pi, ri, i, gr[i], wr[i])
								}
							}
						}
					}
					if len(wc.Polygons) > 0 {
						wb := wc.Polygons[0].Bound()
						for _, p := range wc.Polygons[1:] {
							wb = wb.Union(p.Bound())
						}
						if !bmNear(gc.Bound.Min, wb.Min, tol) || !bmNear(gc.Bound.Max, wb.Max, tol) {
							t.Errorf("%s: bound %v, want about %v", wc.Name, gc.Bound, wb)
						}
					}
				}
				if len(g.Water) != len(want.Water) {
					t.Fatalf("level %d: %d water polygons, want %d", li, len(g.Water), len(want.Water))
				}
				for wi, wp := range want.Water {
					gp := g.Water[wi]
					if len(gp) != len(wp) {
						t.Fatalf("level %d water %d: %d rings, want %d", li, wi, len(gp), len(wp))
					}
					for ri, wr := range wp {
						if len(gp[ri]) != len(wr) {
							t.Fatalf("level %d water %d ring %d: %d points, want %d", li, wi, ri, len(gp[ri]), len(wr))
						}
						for i := range wr {
							if !bmNear(gp[ri][i], wr[i], tol) {
								t.Fatalf("level %d water %d ring %d point %d: %v, want %v", li, wi, ri, i, gp[ri][i], wr[i])
							}
						}
					}
				}
				if li == 0 {
					if len(g.Places) != len(want.Places) {
						t.Fatalf("%d places, want %d", len(g.Places), len(want.Places))
					}
					for i, wp := range want.Places {
						gp := g.Places[i]
						if gp.Name != wp.Name || gp.Capital != wp.Capital || gp.MinZoom != wp.MinZoom || gp.Rank != wp.Rank ||
							len(gp.Names) != len(wp.Names) || !bmNear(World(gp.LonLat), World(wp.LonLat), bmTol(math.Inf(1))) {
							t.Errorf("place %d: %+v, want %+v", i, gp, wp)
						}
						for l, n := range wp.Names {
							if gp.Names[l] != n {
								t.Errorf("place %d: name:%s %q, want %q", i, l, gp.Names[l], n)
							}
						}
					}
				}
				for bi, wb := range want.Borders {
					gb := g.Borders[bi]
					if len(gb) != len(wb) {
						t.Fatalf("level %d border %d: %d points, want %d", li, bi, len(gb), len(wb))
					}
					for i := range wb {
						if !bmNear(gb[i], wb[i], tol) {
							t.Fatalf("level %d border %d point %d: %v, want %v", li, bi, i, gb[i], wb[i])
						}
					}
				}
			}
			// Deterministic, and stable once quantized.
			if again := EncodeBasemap(tc.levels); string(again) != string(enc) {
				t.Error("EncodeBasemap is not deterministic")
			}
			if re := EncodeBasemap(got); string(re) != string(enc) {
				t.Error("re-encoding the decoded basemap changes it")
			}
		})
	}
}

func TestBasemapQuantBits(t *testing.T) {
	for _, tc := range []struct {
		zoom float64
		want int
	}{
		{math.Inf(-1), 4}, {-1, 4}, {0, 4}, {1, 5}, {3.5, 8}, {4, 8}, {6, 10}, {8, 12},
		{9.5, 14}, {10, 14}, {12, 14}, {math.Inf(1), 14}, {math.NaN(), 14},
	} {
		if got := bmQuantBits(tc.zoom); got != tc.want {
			t.Errorf("bmQuantBits(%g) = %d, want %d", tc.zoom, got, tc.want)
		}
	}
}

// bmHeader is a valid header for hand-made inputs.
func bmHeader() []byte { return append([]byte(bmMagic), bmVersion) }

func TestDecodeBasemapCorrupt(t *testing.T) {
	valid := EncodeBasemap(bmTestLevels())
	zoom := binary.LittleEndian.AppendUint32(nil, math.Float32bits(4))
	lvl := append(zoom[:4:4], 8) // max zoom and quantization of a level
	huge := binary.AppendUvarint(nil, math.MaxUint64)
	f32 := func(f float32) []byte { return binary.LittleEndian.AppendUint32(nil, math.Float32bits(f)) }
	cat := func(parts ...[]byte) []byte {
		var b []byte
		for _, p := range parts {
			b = append(b, p...)
		}
		return b
	}
	one := []byte{1}
	zero := []byte{0}
	country := []byte{1, 0}  // id 1
	label := make([]byte, 6) // label point 0,0 and area 0
	overlong := []byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}
	for _, tc := range []struct {
		name string
		in   []byte
		want string
	}{
		{"nil", nil, "bad magic"},
		{"empty", []byte{}, "bad magic"},
		{"bad magic", append([]byte("MLBX"), valid[4:]...), "bad magic"},
		{"geojson", []byte(`{"type":"FeatureCollection"}`), "bad magic"},
		{"no version", []byte(bmMagic), "truncated"},
		{"bad version", cat([]byte(bmMagic), []byte{99}, one), "unsupported format version 99"},
		// Version 1 had one quantization of 14 bits in the header and no
		// label points.
		{"version 1", cat([]byte(bmMagic), []byte{1, 14}, one, zoom, zero, zero), "unsupported format version 1, want 6"},
		// Version 2 had no names in other languages.
		{"version 2", cat([]byte(bmMagic), []byte{2}, one, lvl, zero, zero), "unsupported format version 2, want 6"},
		// Version 3 had no first-level boundaries.
		{"version 3", cat([]byte(bmMagic), []byte{3}, one, lvl, zero, zero, zero), "unsupported format version 3, want 6"},
		// Version 4 had no lakes.
		{"version 4", cat([]byte(bmMagic), []byte{4}, one, lvl, zero, zero, zero, zero), "unsupported format version 4, want 6"},
		// Version 5 had no places.
		{"version 5", cat([]byte(bmMagic), []byte{5}, one, lvl, zero, zero, zero, zero, zero), "unsupported format version 5, want 6"},
		{"missing places", cat(bmHeader(), one, lvl, zero, zero, zero, zero, zero), "truncated"},
		{"huge places", cat(bmHeader(), one, lvl, zero, zero, zero, zero, zero, huge), "exceeds"},
		{"truncated place", cat(bmHeader(), one, lvl, zero, zero, zero, zero, zero, one, []byte{1, 'A', 0, 0, 1, 30}), "truncated"},
		{"missing names", cat(bmHeader(), one, lvl, zero, zero, zero, zero), "truncated"},
		{"huge names", cat(bmHeader(), one, lvl, zero, zero, zero, zero, huge), "exceeds"},
		{"long other name", cat(bmHeader(), one, lvl, zero, zero, zero, zero, one, []byte{1, 'A', 1, 2, 'a', 'r'}, binary.AppendUvarint(nil, 5000), make([]byte, 6000)), "name too long"},
		{"truncated other name", cat(bmHeader(), one, lvl, zero, zero, zero, zero, one, []byte{1, 'A', 1, 2, 'a', 'r', 9, 'x'}), "exceeds"},
		{"bad quantization", cat(bmHeader(), one, zoom, []byte{200}, zero, zero), "quantization"},
		{"missing quantization", cat(bmHeader(), one, zoom), "exceeds"},
		{"zero levels", cat(bmHeader(), zero), "level count"},
		{"huge levels", cat(bmHeader(), huge), "exceeds"},
		{"overlong varint", cat(bmHeader(), overlong), "varint"},
		{"huge countries", cat(bmHeader(), one, lvl, huge), "exceeds"},
		{"many countries", cat(bmHeader(), one, lvl, binary.AppendUvarint(nil, 1<<40), make([]byte, 100)), "exceeds"},
		{"huge name", cat(bmHeader(), one, lvl, one, country, huge), "exceeds"},
		{"long name", cat(bmHeader(), one, lvl, one, country, binary.AppendUvarint(nil, 5000), make([]byte, 6000)), "name too long"},
		{"bad label point", cat(bmHeader(), one, lvl, one, country, zero, overlong), "bad or truncated point"},
		{"NaN area", cat(bmHeader(), one, lvl, one, country, zero, []byte{0, 0}, f32(float32(math.NaN())), zero, zero), "bad area"},
		{"negative area", cat(bmHeader(), one, lvl, one, country, zero, []byte{0, 0}, f32(-1), zero, zero), "bad area"},
		{"infinite area", cat(bmHeader(), one, lvl, one, country, zero, []byte{0, 0}, f32(float32(math.Inf(1))), zero, zero), "bad area"},
		{"huge polygons", cat(bmHeader(), one, lvl, one, country, zero, label, huge), "exceeds"},
		{"huge rings", cat(bmHeader(), one, lvl, one, country, zero, label, one, huge), "exceeds"},
		{"huge points", cat(bmHeader(), one, lvl, one, country, zero, label, one, one, huge), "exceeds"},
		{"huge borders", cat(bmHeader(), one, lvl, zero, huge), "exceeds"},
		{"ring of 2 points", cat(bmHeader(), one, lvl, one, country, zero, label, one, one, []byte{2}, make([]byte, 4), zero), "ring of 2 points"},
		{"border of 1 point", cat(bmHeader(), one, lvl, zero, one, one, make([]byte, 2)), "border of 1 points"},
		{"huge border points", cat(bmHeader(), one, lvl, zero, one, huge), "exceeds"},
		{"huge regions", cat(bmHeader(), one, lvl, zero, zero, huge), "exceeds"},
		{"region boundary of 1 point", cat(bmHeader(), one, lvl, zero, zero, one, one, make([]byte, 2)), "region boundary of 1 points"},
		{"missing region count", cat(bmHeader(), one, lvl, zero, zero), "truncated"},
		{"missing water count", cat(bmHeader(), one, lvl, zero, zero, zero), "truncated"},
		{"huge water", cat(bmHeader(), one, lvl, zero, zero, zero, huge), "exceeds"},
		{"huge water rings", cat(bmHeader(), one, lvl, zero, zero, zero, one, huge), "exceeds"},
		{"water ring of 2 points", cat(bmHeader(), one, lvl, zero, zero, zero, one, one, []byte{2}, make([]byte, 4), zero), "water ring of 2 points"},
		{"missing border count", cat(bmHeader(), one, lvl, one, country, zero, label, zero), "truncated"},
		{"NaN zoom", cat(bmHeader(), one, f32(float32(math.NaN())), []byte{8}, zero, zero), "zoom"},
		{"decreasing zoom", cat(bmHeader(), []byte{2}, lvl, zero, zero, zero, zero, lvl, zero, zero, zero, zero), "zoom"},
		{"trailing bytes", cat(valid, zero), "trailing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bm, err := DecodeBasemap(tc.in)
			if err == nil {
				t.Fatalf("no error (basemap %+v)", bm)
			}
			if bm != nil {
				t.Error("non-nil basemap with an error")
			}
			if !strings.HasPrefix(err.Error(), "geo: basemap: ") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want prefix %q and %q", err, "geo: basemap: ", tc.want)
			}
		})
	}

	t.Run("valid hand-made", func(t *testing.T) {
		// The hand-made inputs above are valid up to their fault.
		in := cat(bmHeader(), one, lvl, one, country, zero, []byte{2, 3}, f32(2.5), one, one, []byte{3}, make([]byte, 6), zero, zero, zero, zero, zero)
		bm, err := DecodeBasemap(in)
		if err != nil {
			t.Fatal(err)
		}
		c := bm.Levels()[0].Countries[0]
		if c.ID != 1 || c.LabelAt != (orb.Point{1.0 / 256, -2.0 / 256}) || c.Area != 2.5 || len(c.Polygons[0][0]) != 4 {
			t.Errorf("got %+v", c)
		}
	})

	t.Run("truncated", func(t *testing.T) {
		for _, data := range [][]byte{valid, basemapBin} {
			step := max(1, len(data)/200)
			for n := 0; n < len(data); n++ {
				if n > 100 && n < len(data)-100 && n%step != 0 {
					continue
				}
				if _, err := DecodeBasemap(data[:n]); err == nil {
					t.Fatalf("truncated at %d of %d: no error", n, len(data))
				} else if !strings.HasPrefix(err.Error(), "geo: basemap: ") {
					t.Fatalf("truncated at %d: error %q", n, err)
				}
			}
		}
	})

	t.Run("bit flips", func(t *testing.T) {
		// Must not panic; errors are optional since a flip can give valid data.
		b := append([]byte(nil), valid...)
		for i := range b {
			for _, bit := range []byte{1, 0x40, 0x80} {
				b[i] ^= bit
				_, _ = DecodeBasemap(b)
				b[i] ^= bit
			}
		}
	})
}

func FuzzDecodeBasemap(f *testing.F) {
	f.Add(EncodeBasemap(bmTestLevels()))
	f.Add(EncodeBasemap([]Level{{MaxZoom: 1}}))
	f.Add(bmHeader())
	f.Fuzz(func(t *testing.T, b []byte) {
		bm, err := DecodeBasemap(b)
		if err != nil {
			return
		}
		if string(EncodeBasemap(bm.Levels())) != string(b) {
			// Varints have non-canonical forms, so only check decoding again.
			if _, err := DecodeBasemap(EncodeBasemap(bm.Levels())); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// bmCountry returns the country with the id in lv.
func bmCountry(lv *Level, id int) (Country, bool) {
	for _, c := range lv.Countries {
		if c.ID == id {
			return c, true
		}
	}
	return Country{}, false
}

// bmCountryAtLevel returns the country of lv containing the world point p.
func bmCountryAtLevel(lv *Level, p orb.Point) (Country, bool) {
	for _, c := range lv.Countries {
		if c.Bound.Contains(p) && planar.MultiPolygonContains(orb.MultiPolygon(c.Polygons), p) {
			return c, true
		}
	}
	return Country{}, false
}

// bmBorderDistance returns the distance from p to the nearest ring segment of c.
func bmBorderDistance(c Country, p orb.Point) float64 {
	d := math.Inf(1)
	for _, poly := range c.Polygons {
		for _, r := range poly {
			for i := 1; i < len(r); i++ {
				d = math.Min(d, planar.DistanceFromSegment(r[i-1], r[i], p))
			}
		}
	}
	return d
}

// bmArea returns the area of the polygons of c.
func bmArea(c Country) float64 {
	a := 0.0
	for _, p := range c.Polygons {
		a += planar.Area(p)
	}
	return a
}

func TestDefaultBasemap(t *testing.T) {
	if err := DefaultBasemapErr(); err != nil {
		t.Fatal(err)
	}
	bm := DefaultBasemap()
	if bm != DefaultBasemap() {
		t.Error("DefaultBasemap decodes more than once")
	}
	levels := bm.Levels()
	if len(levels) < 4 {
		t.Fatalf("%d levels, want at least 4", len(levels))
	}
	for i := range levels {
		lv := &levels[i]
		if i > 0 && lv.MaxZoom <= levels[i-1].MaxZoom {
			t.Errorf("level %d: MaxZoom %g not above %g", i, lv.MaxZoom, levels[i-1].MaxZoom)
		}
		type want struct {
			id   int
			name string
		}
		wants := []want{{368, "Iraq"}, {364, "Iran"}, {512, "Oman"}, {682, "Saudi Arabia"},
			{724, "Spain"}, {356, "India"}, {818, "Egypt"}, {398, "Kazakhstan"},
			{76, "Brazil"}, {840, "United States of America"}, {242, "Fiji"}}
		for _, want := range wants {
			c, ok := bmCountry(lv, want.id)
			if !ok {
				t.Errorf("level %d: no %s (%d)", i, want.name, want.id)
				continue
			}
			if c.Name != want.name || len(c.Polygons) == 0 || c.Bound.Max[0] <= c.Bound.Min[0] {
				t.Errorf("level %d: %d is %q with %d polygons, bound %v", i, want.id, c.Name, len(c.Polygons), c.Bound)
			}
		}
		for _, want := range []struct {
			name     string
			lon, lat float64
			id       int
		}{
			{"Baghdad", 44.40, 33.30, 368}, {"Tehran", 51.39, 35.69, 364},
			{"Riyadh", 46.68, 24.71, 682}, {"Muscat", 58.41, 23.59, 512},
			{"Brasília", -47.88, -15.79, 76}, {"Nairobi", 36.82, -1.29, 404},
			{"Minneapolis", -93.27, 44.98, 840}, {"Alice Springs", 133.88, -23.70, 36},
			{"Viti Levu", 178.0, -17.8, 242},
		} {
			if c, ok := bmCountryAtLevel(lv, bmWorld(want.lon, want.lat)); !ok || c.ID != want.id {
				t.Errorf("level %d: %s is in %d %q (%v), want %d", i, want.name, c.ID, c.Name, ok, want.id)
			}
		}
		if len(lv.Borders) == 0 {
			t.Errorf("level %d: no borders", i)
		}
		prev := -1
		for _, c := range lv.Countries {
			if c.ID < prev {
				t.Errorf("level %d: countries not sorted by id (%d after %d)", i, c.ID, prev)
			}
			prev = c.ID
			for _, p := range c.Polygons {
				for _, r := range p {
					if len(r) < 4 || r[0] != r[len(r)-1] {
						t.Errorf("level %d: %s: ring of %d points, closed %v", i, c.Name, len(r), r[0] == r[len(r)-1])
					}
				}
			}
		}
	}
	// Everything lies within the region of its level.
	for i, lv := range levels {
		region := bmRegion(&lv).Pad(bmTol(lv.MaxZoom))
		for _, c := range lv.Countries {
			if !region.Contains(c.Bound.Min) || !region.Contains(c.Bound.Max) {
				t.Errorf("level %d: %s bound %v outside the region %v", i, c.Name, c.Bound, region)
			}
		}
		for _, ls := range lv.Borders {
			if b := ls.Bound(); !region.Contains(b.Min) || !region.Contains(b.Max) {
				t.Errorf("level %d: border bound %v outside the region", i, b)
			}
		}
	}
}

func TestBasemapRegions(t *testing.T) {
	// The land reaches the edges of the world: 180°W and 180°E (Russia,
	// Fiji), 85°S (Antarctica, clamped as Web Mercator does); in the north it
	// ends at 83.6°N, the north of Greenland.
	for i, lv := range DefaultBasemap().Levels() {
		r := bmRegion(&lv)
		var b orb.Bound
		for j, c := range lv.Countries {
			if j == 0 {
				b = c.Bound
			} else {
				b = b.Union(c.Bound)
			}
		}
		tol := bmTol(lv.MaxZoom)
		b.Min[1] = r.Min[1] // the land ends at 83.6°N
		if math.Abs(b.Min[0]-r.Min[0]) > tol || math.Abs(b.Max[0]-r.Max[0]) > tol ||
			math.Abs(b.Min[1]-r.Min[1]) > tol || math.Abs(b.Max[1]-r.Max[1]) > tol {
			t.Errorf("level %d: land bound %v, want the region %v", i, b, r)
		}
	}
}

// TestBasemapLakes: Natural Earth's countries cover their lakes; the
// basemap's water (Natural Earth's lakes) draws them over the land at every
// level. The middle of Lake Victoria is drawn as water, and Lake Superior;
// the Caspian is sea (no country covers it); Nairobi is land.
func TestBasemapLakes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		lonLat orb.Point
		water  bool
	}{
		{"Lake Victoria", orb.Point{33.0, -1.0}, true},
		{"Caspian Sea", orb.Point{51.0, 42.0}, true},
		{"Lake Superior", orb.Point{-87.5, 47.6}, true},
		{"Nairobi", orb.Point{36.82, -1.29}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := World(tc.lonLat)
			for i, lv := range DefaultBasemap().Levels() {
				land, lake := false, false
				for _, c := range lv.Countries {
					if c.Bound.Contains(p) && planar.MultiPolygonContains(orb.MultiPolygon(c.Polygons), p) {
						land = true
					}
				}
				for _, w := range lv.Water {
					if w.Bound().Contains(p) && planar.PolygonContains(w, p) {
						lake = true
					}
				}
				if in := !land || lake; in != tc.water {
					t.Errorf("level %d (zoom < %g): water at %v is %v, want %v", i, lv.MaxZoom, tc.lonLat, in, tc.water)
				}
			}
		})
	}
}

func TestBasemapLabels(t *testing.T) {
	levels := DefaultBasemap().Levels()
	last := &levels[len(levels)-1]
	for i := range levels {
		lv := &levels[i]
		detailed := lv.MaxZoom > 6
		region := bmRegion(lv)
		for _, c := range lv.Countries {
			if !(c.Area > 0) {
				t.Errorf("level %d: %s: area %g", i, c.Name, c.Area)
			}
			// Every label point inside the level's region lies in its
			// country (it may lie outside for a clipped country).
			// Not checked on islands too small for their name (Bermuda
			// at 1:50m), as cmd/basemap does not.
			small := c.Area*math.Exp2(2*math.Min(lv.MaxZoom, 10)) < 64
			if region.Contains(c.LabelAt) && !small && !planar.MultiPolygonContains(orb.MultiPolygon(c.Polygons), c.LabelAt) {
				t.Errorf("level %d: %s: label point %v outside the country", i, c.Name, c.LabelAt)
			}
		}
		for _, id := range []int{368, 364, 682, 512} {
			c, ok := bmCountry(lv, id)
			if !ok {
				t.Errorf("level %d: no country %d", i, id)
				continue
			}
			if !planar.MultiPolygonContains(orb.MultiPolygon(c.Polygons), c.LabelAt) {
				t.Errorf("level %d: %s: label point %v outside the country", i, c.Name, c.LabelAt)
			}
			// Far from the border: at least 1/64 world unit at the detailed
			// levels (1 px at zoom 6); in fact much more for these countries.
			d := bmBorderDistance(c, c.LabelAt)
			if detailed && d < 1.0/64 {
				t.Errorf("level %d: %s: label point %v %.4f world units from the border", i, c.Name, c.LabelAt, d)
			}
			// The same point at every level, so names do not jump when the
			// level changes.
			lc, _ := bmCountry(last, id)
			if !bmNear(c.LabelAt, lc.LabelAt, bmTol(lv.MaxZoom)+bmTol(last.MaxZoom)) {
				t.Errorf("level %d: %s: label point %v, %v at the last level", i, c.Name, c.LabelAt, lc.LabelAt)
			}
			// The area is the one of the whole, unsimplified country: close
			// to the one of its polygons, for these countries inside the
			// region.
			if a := bmArea(c); math.Abs(a-c.Area) > 0.02*c.Area {
				t.Errorf("level %d: %s: area %g, polygons %g", i, c.Name, c.Area, a)
			}
			if i == len(levels)-1 {
				t.Logf("%s: label %v (lon %.2f lat %.2f), %.3f world units from the border; area %.3f",
					c.Name, c.LabelAt, c.LabelAt[0]/256*360-180,
					180/math.Pi*math.Atan(math.Sinh(math.Pi*(1-2*c.LabelAt[1]/256))), d, c.Area)
			}
		}
	}
}

func TestBasemapLevel(t *testing.T) {
	bm := DefaultBasemap()
	levels := bm.Levels()
	for _, tc := range []struct {
		zoom float64
		want int
	}{
		{-1, 0}, {0, 0}, {levels[0].MaxZoom - 0.01, 0}, {levels[0].MaxZoom, 1},
		{levels[1].MaxZoom, 2}, {levels[len(levels)-2].MaxZoom, len(levels) - 1},
		{12, len(levels) - 1}, {math.Inf(1), len(levels) - 1}, {math.NaN(), len(levels) - 1},
	} {
		if got := bm.Level(tc.zoom); got != &levels[tc.want] {
			t.Errorf("Level(%g) has MaxZoom %g, want level %d", tc.zoom, got.MaxZoom, tc.want)
		}
	}
	for _, empty := range []*Basemap{nil, {}} {
		if lv := empty.Level(5); lv == nil || len(lv.Countries) != 0 {
			t.Errorf("empty basemap: Level = %v", lv)
		}
		if _, ok := CountryAt(empty, bmWorld(44.4, 33.3)); ok {
			t.Error("empty basemap: CountryAt found a country")
		}
		if len(empty.Levels()) != 0 {
			t.Error("empty basemap has levels")
		}
	}
}

func TestBasemapCountryAt(t *testing.T) {
	bm := DefaultBasemap()
	for _, tc := range []struct {
		name     string
		lat, lon float64
		want     int // 0: none
	}{
		{"Baghdad", 33.30, 44.40, 368},
		{"Tehran", 35.69, 51.39, 364},
		{"Riyadh", 24.71, 46.68, 682},
		{"Muscat", 23.59, 58.41, 512},
		{"Persian Gulf", 27.0, 51.0, 0},
		{"Caspian Sea", 42.0, 50.5, 0},
		{"Arabian Sea", 15.0, 62.0, 0},
		{"Paris", 48.85, 2.35, 250},
		{"Pacific Ocean", -10, -140, 0},
	} {
		c, ok := CountryAt(bm, bmWorld(tc.lon, tc.lat))
		if ok != (tc.want != 0) || c.ID != tc.want {
			t.Errorf("CountryAt(%s) = %d %q, %v; want %d", tc.name, c.ID, c.Name, ok, tc.want)
		}
	}
}

func bmLevelPoints(lv Level) int {
	n := 0
	for _, c := range lv.Countries {
		for _, p := range c.Polygons {
			for _, r := range p {
				n += len(r)
			}
		}
	}
	for _, ls := range lv.Borders {
		n += len(ls)
	}
	return n
}

func TestBasemapPointCounts(t *testing.T) {
	// Levels cover different regions, so compare the points within the
	// smallest one, the region of the detailed levels.
	levels := DefaultBasemap().Levels()
	inDetail := func(lv Level) int {
		n := 0
		for _, c := range lv.Countries {
			for _, p := range c.Polygons {
				for _, r := range p {
					for _, q := range r {
						if bmDetailRegion.Contains(q) {
							n++
						}
					}
				}
			}
		}
		for _, ls := range lv.Borders {
			for _, q := range ls {
				if bmDetailRegion.Contains(q) {
					n++
				}
			}
		}
		return n
	}
	for i := range levels {
		t.Logf("level %d (z<%g): %d points, %d in the detailed region", i, levels[i].MaxZoom,
			bmLevelPoints(levels[i]), inDetail(levels[i]))
		if i == 0 {
			continue
		}
		if lo, hi := inDetail(levels[i-1]), inDetail(levels[i]); lo > hi {
			t.Errorf("level %d has %d points in the detailed region, more than level %d (%d)", i-1, lo, i, hi)
		}
	}
}

// bmEdges returns the undirected edges of a country's rings.
func bmEdges(c Country) map[[2]orb.Point]bool {
	edges := map[[2]orb.Point]bool{}
	for _, p := range c.Polygons {
		for _, r := range p {
			for i := 1; i < len(r); i++ {
				edges[[2]orb.Point{r[i-1], r[i]}] = true
				edges[[2]orb.Point{r[i], r[i-1]}] = true
			}
		}
	}
	return edges
}

// TestBasemapNoCracks checks that the Iraq–Iran border is made of segments of
// both countries' rings, at every level: the two countries share their border
// vertices exactly, so filling them leaves no gap.
func TestBasemapNoCracks(t *testing.T) {
	for i, lv := range DefaultBasemap().Levels() {
		iraq, ok1 := bmCountry(&lv, 368)
		iran, ok2 := bmCountry(&lv, 364)
		if !ok1 || !ok2 {
			t.Fatalf("level %d: Iraq or Iran missing", i)
		}
		e1, e2 := bmEdges(iraq), bmEdges(iran)
		v1, v2 := bmVertices(iraq), bmVertices(iran)
		// The Iraq–Iran border lines are those with a segment on both
		// countries; all their points must be vertices of both, and all their
		// segments edges of both.
		length, lines := 0.0, 0
		for _, ls := range lv.Borders {
			found := false
			for j := 1; j < len(ls); j++ {
				seg := [2]orb.Point{ls[j-1], ls[j]}
				found = found || e1[seg] && e2[seg]
			}
			if !found {
				continue
			}
			lines++
			for j, p := range ls {
				if !v1[p] || !v2[p] {
					t.Errorf("level %d: Iraq–Iran border point %d %v: Iraq vertex %v, Iran vertex %v", i, j, p, v1[p], v2[p])
				}
				if j > 0 {
					seg := [2]orb.Point{ls[j-1], p}
					if !e1[seg] || !e2[seg] {
						t.Errorf("level %d: Iraq–Iran border segment %v: Iraq edge %v, Iran edge %v", i, seg, e1[seg], e2[seg])
					}
					length += math.Hypot(p[0]-ls[j-1][0], p[1]-ls[j-1][1])
				}
			}
		}
		// The Iraq–Iran border is about 1600 km long (less when simplified);
		// a world unit is about 130 km at 33°N.
		if length < 6 || length > 20 {
			t.Errorf("level %d: Iraq–Iran border: %d lines, length %.2f world units", i, lines, length)
		}
		t.Logf("level %d: Iraq–Iran border: %d lines, length %.2f world units", i, lines, length)
	}
}

func bmVertices(c Country) map[orb.Point]bool {
	v := map[orb.Point]bool{}
	for _, p := range c.Polygons {
		for _, r := range p {
			for _, q := range r {
				v[q] = true
			}
		}
	}
	return v
}

func BenchmarkDecodeBasemap(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(basemapBin)))
	for b.Loop() {
		if _, err := DecodeBasemap(basemapBin); err != nil {
			b.Fatal(err)
		}
	}
}

// The countries' names in other languages survive encoding, are shared by a
// country's entries at every level, and the embedded basemap has them for
// the story's region (from CLDR, see cmd/basemap).
func TestBasemapNames(t *testing.T) {
	levels := bmTestLevels()
	names := map[string]string{"ar": "ألفا", "fa": "آلفا"}
	levels[0].Countries[0].Names = names
	name := levels[0].Countries[0].Name
	bm, err := DecodeBasemap(EncodeBasemap(levels))
	if err != nil {
		t.Fatal(err)
	}
	for li, lv := range bm.Levels() {
		for _, c := range lv.Countries {
			switch {
			case c.Name == name && (c.Names["ar"] != "ألفا" || c.Names["fa"] != "آلفا" || len(c.Names) != 2):
				t.Errorf("level %d: %s: names %v, want %v", li, c.Name, c.Names, names)
			case c.Name != name && c.Names != nil:
				t.Errorf("level %d: %s: names %v, want none", li, c.Name, c.Names)
			}
		}
	}
	c := bm.Levels()[0].Countries[0]
	if c.NameIn("fa-IR") != "آلفا" || c.NameIn("ckb") != name || c.NameIn("") != name {
		t.Errorf("NameIn: %q, %q, %q", c.NameIn("fa-IR"), c.NameIn("ckb"), c.NameIn(""))
	}

	tests := []struct {
		id          int
		ar, ckb, fa string
	}{
		{368, "العراق", "عێراق", "عراق"},
		{364, "إيران", "ئێران", "ایران"},
		{760, "سوريا", "سووریا", "سوریه"},
		{792, "تركيا", "تورکیا", "ترکیه"},
	}
	for _, lv := range DefaultBasemap().Levels() {
		for _, tt := range tests {
			c, ok := bmCountry(&lv, tt.id)
			if !ok {
				continue
			}
			if got := [3]string{c.NameIn("ar"), c.NameIn("ckb"), c.NameIn("fa")}; got != [3]string{tt.ar, tt.ckb, tt.fa} {
				t.Errorf("z<%g: %s: %q, want %q", lv.MaxZoom, c.Name, got, [3]string{tt.ar, tt.ckb, tt.fa})
			}
		}
	}
}
