package main

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"mapline/geo"
	"mapline/geo/tiles"
)

// TestRenderFromTiles renders a poster from an archive made by the test: a
// tile of land with a lake (water) in its west half and a road down its east
// half, at the view's zoom. The lake's pixels are the sea's colour, the
// road's the road's and the land's the land's; the SVG poster has the lake
// filled in the sea's colour and the road stroked in the road's.
func TestRenderFromTiles(t *testing.T) {
	dir := t.TempDir()
	a := &tiles.Archive{Tiles: map[[3]uint32][]byte{}, MaxZoom: 6, Metadata: []byte(`{"vector_layers":[{"id":"earth"},{"id":"water"}]}`)}
	// The zoom 6 tile holding Baghdad, and its parents.
	w := geo.World(orb.Point{44.4, 33.3})
	for z := 0; z <= 6; z++ {
		n := float64(uint32(1) << z)
		x, y := uint32(w[0]/geo.WorldSize*n), uint32(w[1]/geo.WorldSize*n)
		var lake, road [][2]int32
		if z == 6 {
			lake = [][2]int32{{0, 0}, {tiles.Extent / 2, 0}, {tiles.Extent / 2, tiles.Extent}, {0, tiles.Extent}}
			road = [][2]int32{{tiles.Extent * 3 / 4, 0}, {tiles.Extent * 3 / 4, tiles.Extent}}
		}
		tl := &tiles.Tile{Layers: []tiles.Layer{
			{Name: "earth", Extent: tiles.Extent, Features: []tiles.Feature{{Type: tiles.Polygon, Tags: map[string]any{"kind": "earth"},
				Geoms: [][][2]int32{{{0, 0}, {tiles.Extent, 0}, {tiles.Extent, tiles.Extent}, {0, tiles.Extent}}}}}},
		}}
		if lake != nil {
			tl.Layers = append(tl.Layers, tiles.Layer{Name: "water", Extent: tiles.Extent, Features: []tiles.Feature{{Type: tiles.Polygon,
				Tags: map[string]any{"kind": "lake"}, Geoms: [][][2]int32{lake}}}})
			tl.Layers = append(tl.Layers, tiles.Layer{Name: "roads", Extent: tiles.Extent, Features: []tiles.Feature{{Type: tiles.LineString,
				Tags: map[string]any{"kind": "major_road"}, Geoms: [][][2]int32{road}}}})
		}
		a.Tiles[[3]uint32{uint32(z), x, y}] = tiles.Encode(tl)
	}
	arch := filepath.Join(dir, "lake.pmtiles")
	if err := os.WriteFile(arch, tiles.Write(a), 0o644); err != nil {
		t.Fatal(err)
	}
	// The view: the centre of the tile, at zoom 6.5 (the tile is 362 px wide).
	n := 64.0
	tx, ty := float64(int(w[0]/geo.WorldSize*n)), float64(int(w[1]/geo.WorldSize*n))
	center := geo.LonLat(orb.Point{(tx + 0.5) * geo.WorldSize / n, (ty + 0.5) * geo.WorldSize / n})
	out := filepath.Join(dir, "p.png")
	var stdout, stderr bytes.Buffer
	view := fmt.Sprintf("%.6f,%.6f,6.5", center[1], center[0])
	if code := mainRun([]string{"render", "-story", demoStory, "-o", out, "-view", view, "-tiles", arch, "-width", "300", "-height", "200"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	at := func(x, y int) color.NRGBA { return color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA) }
	// 60 px either side of the centre: in the lake (west) and on land (east).
	if got := at(90, 100); got != geo.Light.Sea {
		t.Errorf("in the lake: %v, want the sea's %v", got, geo.Light.Sea)
	}
	if got := at(210, 100); got != geo.Light.Land && got != geo.Light.StoryLand {
		t.Errorf("east of the lake: %v, want land %v", got, geo.Light.Land)
	}
	// The road: a quarter of the tile (90.5 px) east of the centre.
	if got := at(240, 100); got != geo.Light.Road {
		t.Errorf("on the road: %v, want the road's %v", got, geo.Light.Road)
	}
	// The SVG poster: the lake is a filled path in the sea's colour (the
	// background is a rect), the road a stroked path in the road's.
	svgOut := filepath.Join(dir, "p.svg")
	if code := mainRun([]string{"render", "-story", demoStory, "-o", svgOut, "-view", view, "-tiles", arch, "-width", "300", "-height", "200", "-theme", "light"}, &stdout, &stderr); code != 0 {
		t.Fatalf("svg: exit %d: %s", code, stderr.String())
	}
	sb, err := os.ReadFile(svgOut)
	if err != nil {
		t.Fatal(err)
	}
	hex := func(c color.NRGBA) string { return fmt.Sprintf("%02x%02x%02x", c.R, c.G, c.B) }
	for _, want := range []string{`<path fill-rule="evenodd" class="f` + hex(geo.Light.Sea) + `"`, `class="s` + hex(geo.Light.Road) + `"`} {
		if !strings.Contains(string(sb), want) {
			t.Errorf("the SVG has no %s", want)
		}
	}
	// A file that is not an archive is refused by name.
	stderr.Reset()
	if code := mainRun([]string{"render", "-story", demoStory, "-o", out, "-tiles", demoStory}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "not a PMTiles") {
		t.Errorf("-tiles of a story: exit %d, %q", code, stderr.String())
	}
}

// TestRenderDefaultMatchesTiles: the poster drawn from the embedded basemap
// (what mapline render and cmd/dist's prerendered poster use by default) is
// the picture the embed draws from the default tiles (the archive mapline
// tiles writes): the same level of detail at every zoom, lakes included.
// Over Lake Victoria the two PNGs differ in almost no pixel (the tiles cut
// polygons at their edges, where anti-aliasing may differ), and the lake's
// middle is the sea's colour in both.
func TestRenderDefaultMatchesTiles(t *testing.T) {
	dir := t.TempDir()
	arch := filepath.Join(dir, "basemap.pmtiles")
	var stdout, stderr bytes.Buffer
	if code := mainRun([]string{"tiles", "-o", arch}, &stdout, &stderr); code != 0 {
		t.Fatalf("tiles: exit %d: %s", code, stderr.String())
	}
	for _, zoom := range []string{"5", "6.2", "7"} {
		t.Run("zoom "+zoom, func(t *testing.T) {
			view := "-1,33," + zoom
			var imgs [2]map[[2]int]color.NRGBA
			for i, extra := range [][]string{nil, {"-tiles", arch}} {
				out := filepath.Join(dir, fmt.Sprintf("p%d.png", i))
				args := append([]string{"render", "-story", africaStory, "-o", out, "-view", view, "-width", "300", "-height", "200"}, extra...)
				if code := mainRun(args, &stdout, &stderr); code != 0 {
					t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
				}
				f, err := os.Open(out)
				if err != nil {
					t.Fatal(err)
				}
				img, err := png.Decode(f)
				f.Close()
				if err != nil {
					t.Fatal(err)
				}
				imgs[i] = map[[2]int]color.NRGBA{}
				b := img.Bounds()
				for y := b.Min.Y; y < b.Max.Y; y++ {
					for x := b.Min.X; x < b.Max.X; x++ {
						imgs[i][[2]int{x, y}] = color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
					}
				}
				// Lake Victoria around its middle (the border of Uganda and
				// Tanzania, 1°S, runs through it; Kampala's marker is 30 px
				// north-west; boundaries cross it): half the points 12 to 30 px around are the sea's
				// colour.
				sea := 0
				for _, d := range [][2]int{{-15, -12}, {15, -12}, {-15, 15}, {0, 15}, {15, 15}, {-15, 30}, {0, 30}, {15, 30}} {
					if imgs[i][[2]int{150 + d[0], 100 + d[1]}] == geo.Light.Sea {
						sea++
					}
				}
				if sea < 4 {
					t.Errorf("%v: %d of 8 points around Lake Victoria's middle are the sea's colour", extra, sea)
				}
			}
			diff := 0
			var where []string
			for p, c := range imgs[0] {
				d := imgs[1][p]
				if max(absDiff(c.R, d.R), absDiff(c.G, d.G), absDiff(c.B, d.B)) > 48 {
					diff++
					if len(where) < 20 {
						where = append(where, fmt.Sprint(p, c, d))
					}
				}
			}
			if n := len(imgs[0]); diff > n/200 {
				t.Errorf("%d of %d pixels differ between the embedded basemap and the tiles: %v", diff, n, where)
			}
		})
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// africaStory is a story without sites: nothing is drawn over the basemap.
const africaStory = "../../site/testdata/no-sites.geojson"
