package draw_test

import (
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"

	"mapline/geo"
	"mapline/wasm/draw"
)

// TestAreasAndLines: the story's areas are drawn as triangles (a polygon
// without holes) or under the even-odd rule (the zone's hole), translucent,
// and its lines as quads, all before the markers.
func TestAreasAndLines(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "geo", "testdata", "stories", "geometries.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := geo.Load(f)
	if err != nil {
		t.Fatal(err)
	}
	m := geo.NewMap(geo.MapOptions{Story: s, Theme: geo.Light})
	sc := m.Render(geo.View{Center: orb.Point{43, 33}, Zoom: 5, Width: 800, Height: 600}, s.Index("convoy"))
	// The colours of the province's and the zone's fills, and of the route.
	fillOf := func(id string) color.NRGBA {
		for _, fl := range sc.Fills {
			if st := &s.Sites[fl.Owner.Index]; fl.Owner.Kind == geo.OwnsSite && st.ID == id {
				return fl.Color
			}
		}
		t.Fatalf("no fill of %s", id)
		return color.NRGBA{}
	}
	province, zone := fillOf("province"), fillOf("zone")
	var p draw.Painter
	r := &recorder{}
	p.Paint(r, sc, 1)
	first := func(pred func(c call) bool) int {
		for i, c := range r.calls {
			if pred(c) {
				return i
			}
		}
		return -1
	}
	has := func(c call, col color.NRGBA, rule draw.FillRule) bool {
		return c.fill == nil && c.rule == rule && len(c.vs) > 0 && colour(c.vs[0]) == col
	}
	tri := first(func(c call) bool { return has(c, province, draw.FillAll) })
	evenOdd := first(func(c call) bool { return has(c, zone, draw.EvenOdd) })
	markers := first(func(c call) bool {
		for _, v := range c.vs {
			if colour(v) == geo.Light.Outline {
				return true
			}
		}
		return false
	})
	if tri < 0 || evenOdd < 0 || markers < 0 {
		t.Fatalf("calls: province's triangles %d, zone under even-odd %d, markers %d", tri, evenOdd, markers)
	}
	if tri > markers || evenOdd > markers {
		t.Errorf("the areas (calls %d, %d) come after the markers (call %d)", tri, evenOdd, markers)
	}
	// The province: a triangle and a square, 1 + 2 triangles, no fans.
	if n := len(r.calls[tri].is); n != 9 {
		t.Errorf("the province has %d indices, want 9 (three triangles)", n)
	}
	if province.A == 0xff || zone.A == 0xff {
		t.Errorf("areas are opaque: %v, %v", province, zone)
	}
}
