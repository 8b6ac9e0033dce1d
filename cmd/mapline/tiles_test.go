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
// tile of land with a lake (water) in its west half, at the view's zoom.
// The lake's pixels are the sea's colour and the land's the land's.
func TestRenderFromTiles(t *testing.T) {
	dir := t.TempDir()
	a := &tiles.Archive{Tiles: map[[3]uint32][]byte{}, MaxZoom: 6, Metadata: []byte(`{"vector_layers":[{"id":"earth"},{"id":"water"}]}`)}
	// The zoom 6 tile holding Baghdad, and its parents.
	w := geo.World(orb.Point{44.4, 33.3})
	for z := 0; z <= 6; z++ {
		n := float64(uint32(1) << z)
		x, y := uint32(w[0]/geo.WorldSize*n), uint32(w[1]/geo.WorldSize*n)
		var lake [][2]int32
		if z == 6 {
			lake = [][2]int32{{0, 0}, {tiles.Extent / 2, 0}, {tiles.Extent / 2, tiles.Extent}, {0, tiles.Extent}}
		}
		tl := &tiles.Tile{Layers: []tiles.Layer{
			{Name: "earth", Extent: tiles.Extent, Features: []tiles.Feature{{Type: tiles.Polygon, Tags: map[string]any{"kind": "earth"},
				Geoms: [][][2]int32{{{0, 0}, {tiles.Extent, 0}, {tiles.Extent, tiles.Extent}, {0, tiles.Extent}}}}}},
		}}
		if lake != nil {
			tl.Layers = append(tl.Layers, tiles.Layer{Name: "water", Extent: tiles.Extent, Features: []tiles.Feature{{Type: tiles.Polygon,
				Tags: map[string]any{"kind": "lake"}, Geoms: [][][2]int32{lake}}}})
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
	// A file that is not an archive is refused by name.
	stderr.Reset()
	if code := mainRun([]string{"render", "-story", demoStory, "-o", out, "-tiles", demoStory}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "not a PMTiles") {
		t.Errorf("-tiles of a story: exit %d, %q", code, stderr.String())
	}
}
