package mapui

import (
	"testing"

	"github.com/paulmach/orb"

	"mapline/geo"
)

// popupScene has site 0 at (100, 100) and site 1 at (300, 100), radius 6, on
// a map 400 by 300.
func popupScene() *geo.Scene {
	return &geo.Scene{Width: 400, Height: 300, Markers: []geo.Marker{
		{Site: 0, X: 100, Y: 100, R: 6}, {Site: 1, X: 300, Y: 100, R: 6},
	}}
}

func TestPopup(t *testing.T) {
	type frame struct {
		input   func(p *Popup)
		cur     int
		changed bool       // the scene changed
		move    bool       // site 1's marker goes off screen first
		want    PopupFrame // Marker is compared by site only
	}
	hover := func(x, y float64) func(*Popup) { return func(p *Popup) { p.Hover(x, y) } }
	tap := func(x, y float64) func(*Popup) { return func(p *Popup) { p.Tap(x, y) } }
	none := func(*Popup) {}
	for _, tc := range []struct {
		name   string
		frames []frame
	}{
		{"hovering over a marker shows its card", []frame{
			{input: hover(102, 99), want: PopupFrame{Show: true, Site: 0, Fill: true, Cursor: "pointer"}},
			{input: hover(101, 101), want: PopupFrame{Site: 0, Cursor: "pointer"}},
			{input: hover(200, 200), want: PopupFrame{Hide: true, Site: -1, Cursor: "grab"}},
			{input: hover(200, 210), want: PopupFrame{Site: -1, Cursor: "grab"}},
		}},
		{"a tap pins the card: hovering elsewhere leaves it", []frame{
			{input: tap(300, 100), want: PopupFrame{Show: true, Site: 1, Fill: true}},
			{input: hover(100, 100), want: PopupFrame{Site: 1}},
			{input: tap(200, 200), want: PopupFrame{Hide: true, Site: -1}},
		}},
		{"Esc closes it", []frame{
			{input: tap(100, 100), want: PopupFrame{Show: true, Site: 0, Fill: true}},
			{input: func(p *Popup) { p.Close() }, want: PopupFrame{Hide: true, Site: -1}},
		}},
		{"the card follows its marker and is filled again for another event", []frame{
			{input: tap(100, 100), cur: 2, want: PopupFrame{Show: true, Site: 0, Fill: true}},
			{input: none, cur: 2, changed: true, want: PopupFrame{Show: true, Site: 0}},
			{input: none, cur: 3, want: PopupFrame{Show: true, Site: 0, Fill: true}},
			{input: none, cur: 3, want: PopupFrame{Site: 0}},
		}},
		{"a marker going off screen closes its card", []frame{
			{input: tap(300, 100), want: PopupFrame{Show: true, Site: 1, Fill: true}},
			{input: none, changed: true, move: true, want: PopupFrame{Hide: true, Site: -1}},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := NewPopup()
			for i, f := range tc.frames {
				sc := popupScene()
				if f.move {
					sc.Markers[1].X = 500
				}
				f.input(p)
				got := p.Apply(sc, true, f.cur, f.changed)
				if got.Show && got.Marker.Site != got.Site {
					t.Errorf("frame %d: the marker of site %d for site %d", i, got.Marker.Site, got.Site)
				}
				got.Marker = geo.Marker{}
				if got != f.want {
					t.Errorf("frame %d: %+v, want %+v", i, got, f.want)
				}
			}
		})
	}
}

func TestPopupWithoutStory(t *testing.T) {
	p := NewPopup()
	p.Tap(100, 100)
	if f := p.Apply(popupScene(), false, -1, true); f.Show || f.Hide {
		t.Errorf("%+v before the story", f)
	}
}

func TestPopupAt(t *testing.T) {
	for _, tc := range []struct {
		name   string
		x, y   float64 // the marker, radius 6
		rtl    bool
		wx, wy float64
	}{
		{"right of the marker", 100, 100, false, 116, 76},
		{"left when it does not fit on the right", 300, 100, false, 184, 76},
		{"left in a right-to-left page", 300, 100, true, 184, 76},
		{"right in a right-to-left page when it does not fit on the left", 50, 100, true, 66, 76},
		{"kept inside the map at the top", 100, 10, false, 116, 4},
		{"kept inside the map at the bottom", 100, 290, false, 116, 216},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x, y := PopupAt(geo.Marker{X: tc.x, Y: tc.y, R: 6}, 100, 80, 400, 300, tc.rtl)
			if x != tc.wx || y != tc.wy {
				t.Errorf("at %v, %v, want %v, %v", x, y, tc.wx, tc.wy)
			}
		})
	}
}

// TestPopupShapes: a tap inside an area or on a line opens the card of
// its site (beside the site's marker); hovering over one shows the pointer.
func TestPopupShapes(t *testing.T) {
	sc := popupScene()
	sc.Fills = append(sc.Fills, geo.Fill{Owner: geo.Owner{Kind: geo.OwnsSite, Index: 1},
		Polygons: []orb.Polygon{{{{150, 150}, {250, 150}, {250, 250}, {150, 250}, {150, 150}}}}})
	sc.Lines = append(sc.Lines, geo.Line{Owner: geo.Owner{Kind: geo.OwnsSite, Index: 0}, Width: 3,
		Lines: []orb.LineString{{{0, 280}, {400, 280}}}})
	p := NewPopup()
	p.Tap(200, 200)
	if f := p.Apply(sc, true, 0, false); !f.Show || f.Site != 1 || f.Marker.Site != 1 {
		t.Errorf("a tap inside the area: %+v, want the card of site 1", f)
	}
	p.Tap(50, 283)
	if f := p.Apply(sc, true, 0, false); !f.Show || f.Site != 0 {
		t.Errorf("a tap on the line: %+v, want the card of site 0", f)
	}
	p.Close()
	p.Apply(sc, true, 0, false)
	p.Hover(120, 200)
	if f := p.Apply(sc, true, 0, false); f.Show || f.Cursor != "grab" {
		t.Errorf("hovering outside: %+v, want no card", f)
	}
}

// TestPopupTrackTap: a tap on a track asks for its event to be made
// current, and shows no card; hovering over it shows the pointer.
func TestPopupTrackTap(t *testing.T) {
	sc := popupScene()
	sc.Lines = append(sc.Lines, geo.Line{Owner: geo.Owner{Kind: geo.OwnsEvent, Index: 4}, Width: 3,
		Lines: []orb.LineString{{{0, 280}, {400, 280}}}})
	p := NewPopup()
	p.Hover(50, 281)
	if f := p.Apply(sc, true, 0, false); f.Cursor != "pointer" || f.GoTo {
		t.Errorf("hovering over the track: %+v, want the pointer", f)
	}
	p.Tap(50, 281)
	if f := p.Apply(sc, true, 0, false); !f.GoTo || f.Event != 4 || f.Show {
		t.Errorf("a tap on the track: %+v, want event 4 made current", f)
	}
	p.Tap(200, 200)
	if f := p.Apply(sc, true, 4, false); f.GoTo {
		t.Errorf("a tap elsewhere: %+v, want nothing made current", f)
	}
}

// TestPopupAreaMarkerOffScreen: zoomed into an area whose marker is off
// screen, a tap inside it shows its card beside the tap.
func TestPopupAreaMarkerOffScreen(t *testing.T) {
	sc := &geo.Scene{Width: 400, Height: 300, Markers: []geo.Marker{{Site: 0, X: 900, Y: 100, R: 6}},
		Fills: []geo.Fill{{Owner: geo.Owner{Kind: geo.OwnsSite, Index: 0},
			Polygons: []orb.Polygon{{{{-100, -100}, {1000, -100}, {1000, 400}, {-100, 400}, {-100, -100}}}}}}}
	p := NewPopup()
	p.Tap(120, 80)
	f := p.Apply(sc, true, 0, false)
	if !f.Show || f.Site != 0 || f.Marker.X != 120 || f.Marker.Y != 80 {
		t.Errorf("a tap inside the area: %+v, want its card beside the tap", f)
	}
}
