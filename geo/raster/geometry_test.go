package raster_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"

	"mapline/geo"
	"mapline/geo/raster"
)

// TestAreaPixels: a story's area tints the land under it (translucent: not
// its outline's colour, not the land's), and its hole keeps the land's.
func TestAreaPixels(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "testdata", "stories", "geometries.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := geo.Load(f)
	if err != nil {
		t.Fatal(err)
	}
	v := geo.View{Center: orb.Point{46, 32}, Zoom: 7, Width: 400, Height: 300}
	m := geo.NewMap(geo.MapOptions{Story: s, Basemap: geo.DefaultBasemap(), Theme: geo.Light})
	sc := m.Render(v, s.Index("closed"))
	img, err := raster.Draw(sc, 1)
	if err != nil {
		t.Fatal(err)
	}
	px := func(lon, lat float64) [3]uint8 {
		p := v.Screen(orb.Point{lon, lat})
		c := at(img, p[0], p[1], 1)
		return [3]uint8{c.R, c.G, c.B}
	}
	inside, hole := px(46.6, 32.6), px(45.75, 31.75)
	outside := px(44.6, 32.6) // Iraq too, west of the zone
	if inside == outside || inside == hole {
		t.Errorf("the zone's inside %v is not tinted: outside %v, hole %v", inside, outside, hole)
	}
	if hole != outside {
		t.Errorf("the hole %v is not the land's colour %v", hole, outside)
	}
}
