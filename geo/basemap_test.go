package geo

import (
	"encoding/binary"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
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

// bmTol is the largest quantization error of a point, in world units.
var bmTol = math.Exp2(-bmQuantBits-1) * math.Sqrt2 * 1.0001

func bmNear(a, b orb.Point) bool { return math.Hypot(a[0]-b[0], a[1]-b[1]) <= bmTol }

func bmTestLevels() []Level {
	sq := func(x, y, s float64) orb.Ring {
		return orb.Ring{{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}, {x, y}}
	}
	return []Level{
		{
			MaxZoom: 4,
			Countries: []Country{
				{ID: 4, Name: "Afghanistan", Polygons: []orb.Polygon{{sq(170.123456, 100.987654, 3)}}},
				{ID: 364, Name: "Iran", Polygons: []orb.Polygon{
					{sq(160, 101, 5), sq(161, 102, 1)}, // with a hole
					{sq(150.5, 110.25, 0.001)},
				}},
				{ID: 0, Name: "N. Cyprus — ñ", Polygons: []orb.Polygon{{
					// not closed: decoded closed
					orb.Ring{{140, 100}, {140.5, 100}, {140.5, 100.5}},
				}}},
			},
			Borders: []orb.LineString{{{165, 101}, {165, 106}}, {{0, 0}, {256, 256}, {128, 0.00001}}},
		},
		{MaxZoom: 8}, // empty level
		{
			MaxZoom:   math.Inf(1),
			Countries: []Country{{ID: 65535, Name: "", Polygons: []orb.Polygon{{sq(0, 0, 256)}}}},
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
								if !bmNear(gr[i], wr[i]) {
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
						if !bmNear(gc.Bound.Min, wb.Min) || !bmNear(gc.Bound.Max, wb.Max) {
							t.Errorf("%s: bound %v, want about %v", wc.Name, gc.Bound, wb)
						}
					}
				}
				for bi, wb := range want.Borders {
					gb := g.Borders[bi]
					if len(gb) != len(wb) {
						t.Fatalf("level %d border %d: %d points, want %d", li, bi, len(gb), len(wb))
					}
					for i := range wb {
						if !bmNear(gb[i], wb[i]) {
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

// bmHeader is a valid header for hand-made inputs.
func bmHeader() []byte { return append([]byte(bmMagic), bmVersion, bmQuantBits) }

func TestDecodeBasemapCorrupt(t *testing.T) {
	valid := EncodeBasemap(bmTestLevels())
	zoom := binary.LittleEndian.AppendUint32(nil, math.Float32bits(4))
	huge := binary.AppendUvarint(nil, math.MaxUint64)
	cat := func(parts ...[]byte) []byte {
		var b []byte
		for _, p := range parts {
			b = append(b, p...)
		}
		return b
	}
	one := []byte{1}
	zero := []byte{0}
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
		{"bad version", cat([]byte(bmMagic), []byte{99, bmQuantBits}, one), "version"},
		{"bad quantization", cat([]byte(bmMagic), []byte{bmVersion, 200}, one), "quantization"},
		{"zero levels", cat(bmHeader(), zero), "level count"},
		{"huge levels", cat(bmHeader(), huge), "exceeds"},
		{"overlong varint", cat(bmHeader(), []byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}), "varint"},
		{"huge countries", cat(bmHeader(), one, zoom, huge), "exceeds"},
		{"many countries", cat(bmHeader(), one, zoom, binary.AppendUvarint(nil, 1<<40), make([]byte, 100)), "exceeds"},
		{"huge name", cat(bmHeader(), one, zoom, one, []byte{1, 0}, huge), "exceeds"},
		{"long name", cat(bmHeader(), one, zoom, one, []byte{1, 0}, binary.AppendUvarint(nil, 5000), make([]byte, 6000)), "name too long"},
		{"huge polygons", cat(bmHeader(), one, zoom, one, []byte{1, 0}, zero, huge), "exceeds"},
		{"huge rings", cat(bmHeader(), one, zoom, one, []byte{1, 0}, zero, one, huge), "exceeds"},
		{"huge points", cat(bmHeader(), one, zoom, one, []byte{1, 0}, zero, one, one, huge), "exceeds"},
		{"huge borders", cat(bmHeader(), one, zoom, zero, huge), "exceeds"},
		{"ring of 2 points", cat(bmHeader(), one, zoom, one, []byte{1, 0}, zero, one, one, []byte{2}, make([]byte, 4), zero), "ring of 2 points"},
		{"border of 1 point", cat(bmHeader(), one, zoom, zero, one, one, make([]byte, 2)), "border of 1 points"},
		{"huge border points", cat(bmHeader(), one, zoom, zero, one, huge), "exceeds"},
		{"missing border count", cat(bmHeader(), one, zoom, zero), "truncated"},
		{"NaN zoom", cat(bmHeader(), one, binary.LittleEndian.AppendUint32(nil, math.Float32bits(float32(math.NaN()))), zero, zero), "zoom"},
		{"decreasing zoom", cat(bmHeader(), []byte{2}, zoom, zero, zero, zoom, zero, zero), "zoom"},
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
		for _, want := range []struct {
			id   int
			name string
		}{{368, "Iraq"}, {364, "Iran"}, {512, "Oman"}, {682, "Saudi Arabia"}} {
			c, ok := bmCountry(lv, want.id)
			if !ok {
				t.Errorf("level %d: no %s (%d)", i, want.name, want.id)
				continue
			}
			if c.Name != want.name || len(c.Polygons) == 0 || c.Bound.Max[0] <= c.Bound.Min[0] {
				t.Errorf("level %d: %d is %q with %d polygons, bound %v", i, want.id, c.Name, len(c.Polygons), c.Bound)
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
	// Everything lies within the region (lon 20–70°E, lat 8–46°N).
	region := orb.Bound{Min: bmWorld(20, 46), Max: bmWorld(70, 8)}.Pad(bmTol)
	for i, lv := range levels {
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
		if _, ok := empty.CountryAt(bmWorld(44.4, 33.3)); ok {
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
		{"outside the region", 48.85, 2.35, 0},
	} {
		c, ok := bm.CountryAt(bmWorld(tc.lon, tc.lat))
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
	levels := DefaultBasemap().Levels()
	for i := 1; i < len(levels); i++ {
		lo, hi := bmLevelPoints(levels[i-1]), bmLevelPoints(levels[i])
		t.Logf("level %d (z<%g): %d points", i-1, levels[i-1].MaxZoom, lo)
		if lo > hi {
			t.Errorf("level %d has %d points, more than level %d (%d)", i-1, lo, i, hi)
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
