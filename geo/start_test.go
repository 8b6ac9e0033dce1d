package geo_test

import (
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"mapline/geo"
)

// TestStartViewFitsTheStory: at every size, every site of the demo story is
// at least FitPadding inside the start view, unless the zoom is at a limit
// (FitMaxZoom, or the floor that keeps the world's land in sight).
func TestStartViewFitsTheStory(t *testing.T) {
	s := loadDemo(t)
	for _, size := range [][2]float64{{800, 450}, {375, 300}, {1280, 720}, {320, 600}} {
		v := geo.StartView(s, geo.View{Width: size[0], Height: size[1]})
		if v.Width != size[0] || v.Height != size[1] {
			t.Errorf("%gx%g: the start view has the size %gx%g", size[0], size[1], v.Width, v.Height)
		}
		bound, floor := geo.Limits(s, v)
		if v.Zoom < floor-1e-9 || v.Zoom > geo.FitMaxZoom+1e-9 {
			t.Errorf("%gx%g: zoom %g outside %g..%d", size[0], size[1], v.Zoom, floor, geo.FitMaxZoom)
		}
		if !bound.Contains(v.Center) {
			t.Errorf("%gx%g: centre %v outside the bound %v", size[0], size[1], v.Center, bound)
		}
		atLimit := math.Abs(v.Zoom-floor) < 1e-9 || math.Abs(v.Zoom-geo.FitMaxZoom) < 1e-9
		for _, st := range s.Sites {
			q := v.Screen(st.LonLat)
			in := q[0] >= geo.FitPadding-1e-6 && q[1] >= geo.FitPadding-1e-6 &&
				q[0] <= v.Width-geo.FitPadding+1e-6 && q[1] <= v.Height-geo.FitPadding+1e-6
			if !in && !atLimit {
				t.Errorf("%gx%g: site %q at %.1f,%.1f is not %d px inside", size[0], size[1], st.ID, q[0], q[1], geo.FitPadding)
			}
		}
	}
}

// TestOpeningView: the live map keeps the view of the poster the reader saw
// when it shows the current event's places with room, and fits the story
// afresh when the poster, cropped to another shape, cut them off.
func TestOpeningView(t *testing.T) {
	s := loadDemo(t)
	first := s.Index("al-asad-attack-2024")
	rome := s.Index("talks-round-2") // a place in words only: nothing to keep in sight
	// The phone case: a square poster (380×380) covering a 390×474 map is
	// scaled by 474/380 and cropped at the sides, Al-Asad with them.
	square := geo.StartView(s, geo.View{Center: geo.HomeView.Center, Zoom: geo.HomeView.Zoom, Width: 380, Height: 380})
	cropped := geo.View{Center: square.Center, Zoom: square.Zoom + math.Log2(474.0/380)}
	phone := geo.View{Center: geo.HomeView.Center, Zoom: geo.HomeView.Zoom, Width: 390, Height: 474}
	near := geo.View{Center: orb.Point{47, 31}, Zoom: 4.2}
	for _, tc := range []struct {
		name     string
		cur      int
		hint     *geo.View
		wantHint bool
	}{
		{"no poster", first, nil, false},
		{"a poster that shows the event", first, &near, true},
		{"a cropped poster that cuts the event off", first, &cropped, false},
		{"an event with no place keeps any poster", rome, &cropped, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := geo.OpeningView(s, phone, tc.cur, tc.hint)
			if v.Width != phone.Width || v.Height != phone.Height {
				t.Fatalf("size %gx%g, want the map's", v.Width, v.Height)
			}
			gotHint := tc.hint != nil && math.Abs(v.Zoom-tc.hint.Zoom) < 1e-9 && v.Center == tc.hint.Center
			if gotHint != tc.wantHint {
				t.Errorf("opened at %s; the poster's view was %v, want it kept: %v", v.Param(), tc.hint, tc.wantHint)
			}
			if b, ok := s.EventBound(tc.cur); ok && !v.Shows(b, geo.FitPadding) {
				t.Errorf("opened at %s, which does not show the event's places %v with %d px to spare", v.Param(), b, geo.FitPadding)
			}
		})
	}
}

// TestStartViewClearOfControls: on a phone (375×300) whose zoom buttons
// cover 52 px of one side (a touch screen's 44 px buttons 8 px in: on the
// right, on the left in a right-to-left page), the story's sites are fitted
// FitClear beyond them on that side and FitPadding inside the others, and
// the view shows the story within that padding (ShowsIn). A poster's view
// that shows the current event by the buttons is not kept.
func TestStartViewClearOfControls(t *testing.T) {
	s := loadDemo(t)
	phone := geo.View{Center: geo.HomeView.Center, Zoom: geo.HomeView.Zoom, Width: 375, Height: 300}
	asad := s.Index("al-asad-attack-2024")
	for _, tc := range []struct {
		name string
		over geo.Insets
		pad  geo.Insets // at least this far from each side
	}{
		{"no controls", geo.Insets{}, geo.Even(geo.FitPadding)},
		{"controls right", geo.Insets{Right: 52}, geo.Insets{Top: geo.FitPadding, Right: 52 + geo.FitClear, Bottom: geo.FitPadding, Left: geo.FitPadding}},
		{"controls left", geo.Insets{Left: 52}, geo.Insets{Top: geo.FitPadding, Right: geo.FitPadding, Bottom: geo.FitPadding, Left: 52 + geo.FitClear}},
		{"controls narrower than the padding", geo.Insets{Left: 10}, geo.Even(geo.FitPadding)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := geo.FitPad(tc.over); got != tc.pad {
				t.Errorf("FitPad(%+v) = %+v, want %+v", tc.over, got, tc.pad)
			}
			v := geo.StartViewClear(s, phone, tc.over)
			b, _ := s.Bound()
			if !v.ShowsIn(b, tc.pad) {
				t.Errorf("the start view %s does not show the story within %+v", v.Param(), tc.pad)
			}
			for _, st := range s.Sites {
				q := v.Screen(st.LonLat)
				if q[0] < tc.pad.Left-1e-6 || q[0] > v.Width-tc.pad.Right+1e-6 || q[1] < tc.pad.Top-1e-6 || q[1] > v.Height-tc.pad.Bottom+1e-6 {
					t.Errorf("site %s at %.1f,%.1f: not inside %+v of the view %s", st.ID, q[0], q[1], tc.pad, v.Param())
				}
			}
			// A poster's view with Al-Asad 40 px from the left edge: kept
			// without controls there, refitted with them.
			hint := v.Pan(40-v.Screen(s.Sites[s.Events[asad].Sites[0]].LonLat)[0], 0)
			o := geo.OpeningViewClear(s, phone, asad, &hint, tc.over)
			kept := o.Center == hint.Center && o.Zoom == hint.Zoom
			if want := tc.over.Left+geo.FitClear <= 40; kept != want {
				t.Errorf("the poster's view with Al-Asad 40 px from the left edge: kept %v, want %v", kept, want)
			}
		})
	}
	// Where the padding does not bind, the bound stays centred: a point
	// at the zoom limit, the controls on its left.
	pt := orb.Point{44, 33}
	if q := phone.FitIn(orb.Bound{Min: pt, Max: pt}, geo.FitPad(geo.Insets{Left: 52}), 7).Screen(pt); math.Abs(q[0]-phone.Width/2) > 1e-6 || math.Abs(q[1]-phone.Height/2) > 1e-6 {
		t.Errorf("a point fitted with the controls on the left is at %v, want the centre", q)
	}
	if a, b := phone.Fit(orb.Bound{Min: orb.Point{40, 25}, Max: orb.Point{60, 38}}, 36, 7), phone.FitIn(orb.Bound{Min: orb.Point{40, 25}, Max: orb.Point{60, 38}}, geo.Even(36), 7); a != b {
		t.Errorf("Fit %s, FitIn with even padding %s: want the same", a.Param(), b.Param())
	}
}

func TestViewShows(t *testing.T) {
	v := geo.View{Center: orb.Point{45, 30}, Zoom: 5, Width: 400, Height: 300}
	c := v.Screen(v.Center)
	for _, tc := range []struct {
		name   string
		b      orb.Bound
		margin float64
		want   bool
	}{
		{"the centre", orb.Bound{Min: v.Center, Max: v.Center}, 36, true},
		{"the whole view, no margin", v.Bound(), 0, true},
		{"the whole view with a margin", v.Bound(), 1, false},
		{"a point 10 px from the left edge", orb.Bound{Min: v.Geo(orb.Point{10, c[1]}), Max: v.Geo(orb.Point{10, c[1]})}, 17, false},
		{"a point 20 px from the left edge", orb.Bound{Min: v.Geo(orb.Point{20, c[1]}), Max: v.Geo(orb.Point{20, c[1]})}, 17, true},
		{"off the bottom", orb.Bound{Min: v.Geo(orb.Point{c[0], 310}), Max: v.Geo(orb.Point{c[0], 310})}, 0, false},
	} {
		if got := v.Shows(tc.b, tc.margin); got != tc.want {
			t.Errorf("%s: Shows = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestStartEvent(t *testing.T) {
	s := loadDemo(t)
	last := len(s.Events) - 1
	date := func(v string) *geo.Date {
		d, err := geo.ParseDate(v)
		if err != nil {
			t.Fatal(err)
		}
		return &d
	}
	tests := []struct {
		name    string
		story   *geo.Story
		id      string
		t       *geo.Date
		want    int
		wantErr string
	}{
		{name: "default is the first event", story: s, want: 0},
		{name: "event id", story: s, id: s.Events[last].ID, want: last},
		{name: "id wins over date", story: s, id: s.Events[1].ID, t: date("1900-01-01"), want: 1},
		{name: "date before the story", story: s, t: date("1900-01-01"), want: 0},
		{name: "date after the story", story: s, t: date("2999-01-01"), want: last},
		{name: "date of an event", story: s, t: &s.Events[2].Time.Start, want: s.At(s.Events[2].Time.Start)},
		{name: "unknown id", story: s, id: "no-such-event", want: 0, wantErr: `no event has the id "no-such-event"`},
		{name: "nil story", story: nil, want: -1},
		{name: "no events", story: &geo.Story{}, want: -1},
		{name: "no events and an id", story: &geo.Story{}, id: "x", want: -1, wantErr: `"x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.story.StartEvent(tt.id, tt.t)
			if got != tt.want {
				t.Errorf("StartEvent = %d, want %d", got, tt.want)
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("unexpected error %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("error %v, want one containing %s", err, tt.wantErr)
			}
		})
	}
}

func TestParseView(t *testing.T) {
	tests := []struct {
		in   string
		want orb.Point // lon, lat
		zoom float64
		ok   bool
	}{
		{"33.3,44.4,6", orb.Point{44.4, 33.3}, 6, true},
		{" -10.5 , 170 , 1 ", orb.Point{170, -10.5}, 1, true},
		{"33,44", orb.Point{}, 0, false},
		{"33,44,6,1", orb.Point{}, 0, false},
		{"91,44,6", orb.Point{}, 0, false},
		{"33,181,6", orb.Point{}, 0, false},
		{"33,44,13", orb.Point{}, 0, false},
		{"33,44,0.5", orb.Point{}, 0, false},
		{"NaN,44,6", orb.Point{}, 0, false},
		{"33,Inf,6", orb.Point{}, 0, false},
		{"a,b,c", orb.Point{}, 0, false},
		{"", orb.Point{}, 0, false},
	}
	for _, tt := range tests {
		v, err := geo.ParseView(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseView(%q) error %v, want ok=%v", tt.in, err, tt.ok)
			continue
		}
		if tt.ok && (v.Center != tt.want || v.Zoom != tt.zoom) {
			t.Errorf("ParseView(%q) = %v zoom %g, want %v zoom %g", tt.in, v.Center, v.Zoom, tt.want, tt.zoom)
		}
		if !tt.ok && !strings.Contains(err.Error(), "LAT,LON,ZOOM") {
			t.Errorf("ParseView(%q) error %q does not say the form", tt.in, err)
		}
	}
}

func TestViewParamRoundTrip(t *testing.T) {
	v := geo.View{Center: orb.Point{44.123456789, 33.987654321}, Zoom: 5.4321}
	back, err := geo.ParseView(v.Param())
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(back.Center.Lon()-v.Center.Lon()) > 5e-6 || math.Abs(back.Center.Lat()-v.Center.Lat()) > 5e-6 || math.Abs(back.Zoom-v.Zoom) > 5e-4 {
		t.Errorf("%q reads back as %v zoom %g, want %v zoom %g", v.Param(), back.Center, back.Zoom, v.Center, v.Zoom)
	}
}

// TestSidesCovered: each box of the map's controls covers the side nearer
// its centre, as far in as its far edge; controls not shown (empty boxes)
// cover nothing.
func TestSidesCovered(t *testing.T) {
	touch := func(x float64) []geo.Box { // a touch screen's three 44 px buttons 8 px in
		return []geo.Box{{X: x, Y: 8, W: 44, H: 44}, {X: x, Y: 52, W: 44, H: 44}, {X: x, Y: 104, W: 44, H: 44}}
	}
	for _, tc := range []struct {
		name  string
		boxes []geo.Box
		want  geo.Insets
	}{
		{"none", nil, geo.Insets{}},
		{"right, left to right", touch(375 - 8 - 44), geo.Insets{Right: 52}},
		{"left, right to left", touch(8), geo.Insets{Left: 52}},
		{"a mouse's 32 px buttons", []geo.Box{{X: 375 - 40, Y: 8, W: 32, H: 32}}, geo.Insets{Right: 40}},
		{"hidden", []geo.Box{{X: 0, Y: 0, W: 0, H: 0}}, geo.Insets{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := geo.SidesCovered(tc.boxes, 375); got != tc.want {
				t.Errorf("SidesCovered = %+v, want %+v", got, tc.want)
			}
		})
	}
}
