package geo_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"mapline/geo"
)

// geomScene renders geometries.geojson on the basemap at event cur.
func geomScene(t *testing.T, cur string, at time.Time) (*geo.Story, *geo.Map, *geo.Scene) {
	t.Helper()
	s := loadFixture(t, "geometries.geojson")
	m := geo.NewMap(geo.MapOptions{Story: s, Basemap: geo.DefaultBasemap(), Theme: geo.Light})
	v := geo.View{Center: orb.Point{43, 33}, Zoom: 5, Width: 800, Height: 600}
	return s, m, m.RenderAt(v, eventIndex(t, s, cur), at)
}

// TestPaintAreasUnderMarkers: the story's areas are translucent fills in
// their site's colour, painted with their outlines and lines after the land
// and before every marker.
func TestPaintAreasUnderMarkers(t *testing.T) {
	s, _, sc := geomScene(t, "convoy", time.Time{})
	ops := sc.Paint(nil)
	firstMarker, lastShape := len(ops), -1
	areas, lines := map[int]bool{}, map[int]bool{}
	for i, op := range ops {
		switch op.Kind {
		case geo.OpMarker:
			firstMarker = min(firstMarker, i)
		case geo.OpFill:
			if o := sc.Fills[op.Item].Owner; o.Kind == geo.OwnsSite {
				areas[o.Index], lastShape = true, i
				if op.Color.A == 0xff || op.Color.A == 0 {
					t.Errorf("the area of %s is not translucent: %v", s.Sites[o.Index].ID, op.Color)
				}
			}
		case geo.OpLine:
			if o := sc.Lines[op.Item].Owner; o.Kind == geo.OwnsSite {
				lines[o.Index], lastShape = true, i
			}
		}
	}
	for _, id := range []string{"zone", "province"} {
		if !areas[siteIndex(t, s, id)] || !lines[siteIndex(t, s, id)] {
			t.Errorf("%s has no fill and outline", id)
		}
	}
	for _, id := range []string{"route", "front"} {
		if !lines[siteIndex(t, s, id)] || areas[siteIndex(t, s, id)] {
			t.Errorf("%s is not a line alone", id)
		}
	}
	if lastShape < 0 || lastShape > firstMarker {
		t.Errorf("lines and areas end at op %d, markers begin at op %d", lastShape, firstMarker)
	}
}

// TestShapeAt: a click on a line or inside an area finds its site (not in
// a hole), on a track its event; lines win over areas.
func TestShapeAt(t *testing.T) {
	s, _, sc := geomScene(t, "convoy", time.Time{})
	v := sc.View
	scr := func(lon, lat float64) orb.Point { return v.Screen(orb.Point{lon, lat}) }
	tests := []struct {
		name string
		at   orb.Point
		want geo.Owner
	}{
		{"inside-zone", scr(46.7, 32.7), geo.Owner{Kind: geo.OwnsSite, Index: siteIndex(t, s, "zone")}},
		{"in-zone-hole", scr(45.75, 31.75), geo.Owner{}},
		{"on-zone-edge", scr(47, 32.5), geo.Owner{Kind: geo.OwnsSite, Index: siteIndex(t, s, "zone")}},
		{"inside-province-triangle", scr(40.8, 30.2), geo.Owner{Kind: geo.OwnsSite, Index: siteIndex(t, s, "province")}},
		{"on-route", scr(44.2, 33.95), geo.Owner{Kind: geo.OwnsSite, Index: siteIndex(t, s, "route")}},
		{"on-front", scr(43.25, 35.1), geo.Owner{Kind: geo.OwnsSite, Index: siteIndex(t, s, "front")}},
		{"nowhere", scr(38, 36), geo.Owner{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sc.ShapeAt(tc.at[0], tc.at[1], 4); got != tc.want {
				t.Errorf("ShapeAt(%v) = %+v, want %+v", tc.at, got, tc.want)
			}
		})
	}
	// The convoy's trail: at its end, its whole line is drawn.
	_, _, sc = geomScene(t, "convoy", time.Date(2025, 6, 13, 12, 0, 0, 0, time.UTC))
	p := v.Screen(orb.Point{44.1, 35.1}) // on the trail's second leg, off the route
	want := geo.Owner{Kind: geo.OwnsEvent, Index: eventIndex(t, s, "convoy")}
	if got := sc.ShapeAt(p[0], p[1], 4); got != want {
		t.Errorf("ShapeAt on the trail = %+v, want %+v", got, want)
	}
}

// TestTrackMoves: as the moment moves, the track's marker moves along it
// and its trail grows; before its event it is not drawn.
func TestTrackMoves(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2025, 6, 13, h, 0, 0, 0, time.UTC) }
	tests := []struct {
		name   string
		cur    string
		t      time.Time
		marker orb.Point // longitude, latitude; NaN: no track marker
		trail  int       // points of the trail; 0 none
	}{
		{"before-its-event", "fighting", time.Time{}, orb.Point{math.NaN(), 0}, 0},
		{"at-its-start", "convoy", time.Time{}, orb.Point{44.4, 33.3}, 0},
		{"second-position", "convoy", at(8), orb.Point{44.2, 34.0}, 2},
		{"halfway-up-the-second-leg", "convoy", at(10), orb.Point{44.095, 35.1}, 3},
		{"at-its-end", "convoy", at(12), orb.Point{43.99, 36.19}, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _, sc := geomScene(t, tc.cur, tc.t)
			var mk *geo.Marker
			for i := range sc.Markers {
				if m := &sc.Markers[i]; m.Site < 0 && m.Kind == "event" {
					mk = m
				}
			}
			var trail int
			for _, l := range sc.Lines {
				if l.Owner == (geo.Owner{Kind: geo.OwnsEvent, Index: eventIndex(t, s, "convoy")}) {
					trail = len(l.Lines[0])
				}
			}
			if trail != tc.trail {
				t.Errorf("trail of %d points, want %d", trail, tc.trail)
			}
			if math.IsNaN(tc.marker[0]) {
				if mk != nil {
					t.Errorf("a track marker at %v, want none", sc.View.Geo(orb.Point{mk.X, mk.Y}))
				}
				return
			}
			if mk == nil {
				t.Fatal("no track marker")
			}
			// Interpolated on Web Mercator: within 0.05° of the linear guess.
			if got := sc.View.Geo(orb.Point{mk.X, mk.Y}); math.Hypot(got[0]-tc.marker[0], got[1]-tc.marker[1]) > 0.05 {
				t.Errorf("track marker at %v, want %v", got, tc.marker)
			}
		})
	}
}

// TestMultiPointMarkers: a MultiPoint site has a marker at each point, its
// name once.
func TestMultiPointMarkers(t *testing.T) {
	s, _, sc := geomScene(t, "fighting", time.Time{})
	j := siteIndex(t, s, "strikes")
	markers, labels := 0, 0
	for _, m := range sc.Markers {
		if m.Site == j {
			markers++
		}
	}
	for _, l := range sc.Labels {
		if l.Kind == geo.SiteLabel && l.Ref == j {
			labels++
		}
	}
	if markers != 3 || labels != 1 {
		t.Errorf("%d markers and %d labels, want 3 and 1", markers, labels)
	}
}

// TestLargeAreaNotCut: a ring too large to cut into triangles quickly is
// filled under the even-odd rule (no triangles); a small one is cut.
func TestLargeAreaNotCut(t *testing.T) {
	ring := func(n int, lon float64) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			a := 2 * math.Pi * float64(i) / float64(n)
			fmt.Fprintf(&b, "[%f, %f], ", lon+math.Cos(a), 32+math.Sin(a))
		}
		fmt.Fprintf(&b, "[%f, %f]", lon+1, 32.0)
		return b.String()
	}
	src := `{"type": "FeatureCollection", "features": [
		{"type": "Feature", "id": "big", "geometry": {"type": "Polygon", "coordinates": [[` + ring(3000, 42) + `]]}, "properties": {"name": "Big"}},
		{"type": "Feature", "id": "small", "geometry": {"type": "Polygon", "coordinates": [[` + ring(100, 46) + `]]}, "properties": {"name": "Small"}}]}`
	s, err := geo.Load(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	m := geo.NewMap(geo.MapOptions{Story: s, Theme: geo.Light})
	sc := m.Render(geo.View{Center: orb.Point{44, 32}, Zoom: 5, Width: 800, Height: 600}, -1)
	cut := map[string]bool{}
	for _, f := range sc.Fills {
		cut[s.Sites[f.Owner.Index].ID] = len(f.Triangles) == 1 && f.Triangles[0] != nil
	}
	if cut["big"] || !cut["small"] {
		t.Errorf("cut into triangles: %v, want the small area only", cut)
	}
}
