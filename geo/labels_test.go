package geo_test

import (
	"fmt"
	"math"
	"testing"

	"mapline/geo"

	"github.com/paulmach/orb"
)

// site is a label beside a marker of radius 6 at x, y.
func site(text string, st geo.Status, x, y, w float64) geo.Label {
	return geo.Label{Kind: geo.SiteLabel, Text: text, Status: st, X: x, Y: y,
		Mark: geo.Box{X: x - 6, Y: y - 6, W: 12, H: 12}, W: w, H: 16}
}

func city(text string, capital bool, x, y, w float64) geo.Label {
	k := geo.CityLabel
	if capital {
		k = geo.CapitalLabel
	}
	return geo.Label{Kind: k, Text: text, X: x, Y: y, Mark: geo.Box{X: x - 4, Y: y - 4, W: 8, H: 8}, Dot: true, W: w, H: 14}
}

func country(text string, x, y, w, maxW float64) geo.Label {
	return geo.Label{Kind: geo.CountryLabel, Text: text, X: x, Y: y, W: w, H: 12, MaxW: maxW}
}

var frame = geo.Box{W: 400, H: 300}

func TestPlace(t *testing.T) {
	for _, tc := range []struct {
		name      string
		labels    []geo.Label
		obstacles []geo.Box
		want      []string // per label: its side, or "-" when dropped
	}{
		{"a lone label goes right", []geo.Label{site("A", geo.Current, 100, 100, 50)}, nil, []string{"right"}},
		{"at the right edge it goes left", []geo.Label{site("A", geo.Current, 380, 100, 50)}, nil, []string{"left"}},
		{"at the right edge of a corner it goes left", []geo.Label{site("A", geo.Current, 380, 285, 50)}, nil, []string{"left"}},
		{"a wide label by a narrow map goes above", []geo.Label{site("A", geo.Current, 200, 100, 250)}, nil, []string{"above"}},
		{"a wide label at the top goes below", []geo.Label{site("A", geo.Current, 200, 10, 250)}, nil, []string{"below"}},
		{"at the left edge, above slides right, still over its marker", []geo.Label{site("A", geo.Current, 20, 100, 100)},
			[]geo.Box{{X: 32, Y: 96, W: 12, H: 12}}, []string{"above"}},
		{"with every side taken, a corner", []geo.Label{site("A", geo.Past, 100, 100, 50)},
			[]geo.Box{{X: 110, Y: 90, W: 80, H: 16}, {X: 20, Y: 90, W: 75, H: 20}, {X: 60, Y: 60, W: 80, H: 30}, {X: 60, Y: 110, W: 41, H: 30}},
			[]string{"below-right"}},
		{"a future site takes no corner", []geo.Label{site("A", geo.Future, 100, 100, 50)},
			[]geo.Box{{X: 110, Y: 90, W: 80, H: 16}, {X: 20, Y: 90, W: 75, H: 20}, {X: 60, Y: 60, W: 80, H: 30}, {X: 60, Y: 110, W: 41, H: 30}},
			[]string{"-"}},
		{"a label too wide for the map is dropped", []geo.Label{site("A", geo.Current, 200, 100, 500)}, nil, []string{"-"}},
		{"an unmeasured label is dropped", []geo.Label{site("A", geo.Current, 200, 100, 0)}, nil, []string{"-"}},
		{"a marker on the right pushes the label left", []geo.Label{site("A", geo.Past, 100, 100, 50)},
			[]geo.Box{{X: 130, Y: 95, W: 12, H: 12}}, []string{"left"}},
		{"markers on both sides push it above", []geo.Label{site("A", geo.Past, 100, 100, 50)},
			[]geo.Box{{X: 130, Y: 95, W: 12, H: 12}, {X: 60, Y: 95, W: 12, H: 12}}, []string{"above"}},
		{"a control box keeps labels out", []geo.Label{site("A", geo.Past, 100, 100, 50)},
			[]geo.Box{{X: 0, Y: 0, W: 400, H: 95}, {X: 110, Y: 95, W: 60, H: 12}, {X: 40, Y: 95, W: 55, H: 12}}, []string{"below"}},
		{"the current site wins over a past one listed first", []geo.Label{
			site("Past", geo.Past, 100, 100, 150), site("Now", geo.Current, 90, 100, 150)},
			[]geo.Box{{X: 0, Y: 0, W: 400, H: 80}, {X: 0, Y: 120, W: 400, H: 180}}, []string{"-", "right"}},
		{"past before future", []geo.Label{
			site("Later", geo.Future, 100, 100, 150), site("Before", geo.Past, 95, 100, 150)},
			[]geo.Box{{X: 0, Y: 0, W: 400, H: 80}, {X: 0, Y: 120, W: 400, H: 180}}, []string{"-", "right"}},
		{"future sites before capitals", []geo.Label{
			city("Capital", true, 100, 100, 150), site("Later", geo.Future, 95, 100, 150)},
			[]geo.Box{{X: 0, Y: 0, W: 400, H: 80}, {X: 0, Y: 120, W: 400, H: 180}}, []string{"-", "right"}},
		{"capitals before other cities", []geo.Label{
			city("Town", false, 100, 100, 150), city("Capital", true, 60, 100, 150)},
			[]geo.Box{{X: 0, Y: 0, W: 400, H: 80}, {X: 0, Y: 120, W: 400, H: 180}}, []string{"-", "right"}},
		{"cities before countries", []geo.Label{
			country("COUNTRY", 150, 100, 80, 0), city("Town", false, 100, 100, 60)},
			[]geo.Box{{X: 0, Y: 0, W: 400, H: 70}, {X: 0, Y: 130, W: 400, H: 170}}, []string{"-", "right"}},
		{"two neighbours both fit, on either side", []geo.Label{
			site("East", geo.Past, 200, 100, 60), site("West", geo.Past, 170, 100, 60)}, nil, []string{"right", "left"}},
		{"a country name is centred, then a line up or down", []geo.Label{
			site("Here", geo.Current, 200, 100, 40), country("LAND", 230, 95, 40, 100), country("SEA", 230, 150, 30, 100)}, nil,
			[]string{"right", "above", "centre"}},
		{"a country name wider than its country is dropped", []geo.Label{country("REPUBLIC", 200, 100, 90, 80)}, nil, []string{"-"}},
		{"a city whose dot is under a label is dropped, dot and all", []geo.Label{
			site("Long name", geo.Current, 100, 100, 150), city("Under", true, 150, 100, 40)}, nil, []string{"right", "-"}},
		{"a placed city's dot keeps later labels off", []geo.Label{
			city("Long name", false, 200, 100, 150), city("Dot", true, 260, 100, 30)},
			[]geo.Box{{X: 0, Y: 0, W: 400, H: 80}, {X: 0, Y: 120, W: 400, H: 180}}, []string{"left", "right"}},
		{"a city outside the frame is dropped", []geo.Label{city("Off", true, -2, 100, 30)}, nil, []string{"-"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var p geo.Placer
			p.Place(tc.labels, tc.obstacles, frame)
			for i, l := range tc.labels {
				got := "-"
				if l.Shown {
					got = l.Side.String()
				}
				if got != tc.want[i] {
					t.Errorf("label %q: %s, want %s (box %+v)", l.Text, got, tc.want[i], l.Box)
				}
			}
			checkPlacement(t, tc.labels, tc.obstacles, frame)
		})
	}
}

// checkPlacement checks the invariants of any placement: shown labels are
// inside the frame, clear of each other, of the obstacles and of the marks
// of other shown labels, and beside their own mark.
func checkPlacement(t *testing.T, labels []geo.Label, obstacles []geo.Box, frame geo.Box) {
	t.Helper()
	for i, a := range labels {
		if !a.Shown {
			continue
		}
		if !frame.Contains(a.Box) {
			t.Errorf("label %q at %+v sticks out of the frame", a.Text, a.Box)
		}
		if a.Box.W != a.W || a.Box.H != a.H {
			t.Errorf("label %q: box %+v, measured %gx%g", a.Text, a.Box, a.W, a.H)
		}
		if a.Box.Intersects(a.Mark) {
			t.Errorf("label %q covers its own marker", a.Text)
		}
		for _, o := range obstacles {
			if a.Box.Intersects(o) {
				t.Errorf("label %q at %+v covers the obstacle %+v", a.Text, a.Box, o)
			}
		}
		for j, b := range labels {
			if j == i || !b.Shown {
				continue
			}
			if a.Box.Intersects(b.Box) {
				t.Errorf("labels %q and %q overlap: %+v, %+v", a.Text, b.Text, a.Box, b.Box)
			}
			if b.Dot && a.Box.Intersects(b.Mark) {
				t.Errorf("label %q covers the dot of %q", a.Text, b.Text)
			}
		}
	}
}

// TestPlaceCrowd places many labels in a small frame: never an overlap, and a
// label is dropped only when every position was taken.
func TestPlaceCrowd(t *testing.T) {
	var labels []geo.Label
	var obstacles []geo.Box
	for i := 0; i < 300; i++ {
		x, y := float64((i*37)%400), float64((i*53)%300)
		l := site(fmt.Sprintf("Site %d", i), geo.Status(i%3), x, y, 30+float64(i%5)*10)
		labels = append(labels, l)
		obstacles = append(obstacles, l.Mark)
	}
	labels = append(labels, country("COUNTRY", 200, 150, 80, 0))
	var p geo.Placer
	for range 2 { // a second run on the same placer gives the same result
		p.Place(labels, obstacles, frame)
	}
	checkPlacement(t, labels, obstacles, frame)
	shown := 0
	for _, l := range labels {
		if l.Shown {
			shown++
		}
	}
	if shown == 0 || shown == len(labels) {
		t.Errorf("%d of %d labels shown in a crowd", shown, len(labels))
	}
}

func TestRankAndClass(t *testing.T) {
	for _, tc := range []struct {
		l     geo.Label
		rank  int
		class string
	}{
		{geo.Label{Kind: geo.SiteLabel, Status: geo.Current}, 0, "label site current"},
		{geo.Label{Kind: geo.SiteLabel, Status: geo.Past}, 1, "label site past"},
		{geo.Label{Kind: geo.SiteLabel, Status: geo.Future}, 2, "label site future"},
		{geo.Label{Kind: geo.CountryLabel, Emphasis: true}, 3, "label country story"},
		{geo.Label{Kind: geo.CapitalLabel}, 4, "label city capital"},
		{geo.Label{Kind: geo.CityLabel}, 5, "label city"},
		{geo.Label{Kind: geo.CountryLabel}, 6, "label country"},
	} {
		if got := tc.l.Rank(); got != tc.rank {
			t.Errorf("%v %v: rank %d, want %d", tc.l.Kind, tc.l.Status, got, tc.rank)
		}
		if got := tc.l.Class(); got != tc.class {
			t.Errorf("%v %v: class %q, want %q", tc.l.Kind, tc.l.Status, got, tc.class)
		}
	}
}

func BenchmarkPlace(b *testing.B) {
	var labels []geo.Label
	var obstacles []geo.Box
	for i := 0; i < 2000; i++ {
		x, y := float64((i*137)%1280), float64((i*71)%720)
		l := site(fmt.Sprintf("Site %d", i), geo.Status(i%3), x, y, 40+float64(i%7)*10)
		labels = append(labels, l)
		obstacles = append(obstacles, l.Mark)
	}
	var p geo.Placer
	b.ReportAllocs()
	for b.Loop() {
		p.Place(labels, obstacles, geo.Box{W: 1280, H: 720})
	}
}

// TestPlaceStoryCountry: a story country's name whose anchor is taken moves
// to the nearest free room within its Room; without room, or for another
// country, it goes.
func TestPlaceStoryCountry(t *testing.T) {
	blocker := site("Embassy", geo.Current, 200, 100, 120) // its label covers the anchor's right
	country := func(emph bool, room float64) geo.Label {
		return geo.Label{Kind: geo.CountryLabel, Text: "IRAQ", Emphasis: emph, X: 215, Y: 100, W: 37, H: 15, MaxW: 200, Room: room}
	}
	for _, tc := range []struct {
		name  string
		l     geo.Label
		shown bool
	}{
		{"a story country moves off its taken anchor", country(true, 40), true},
		{"with no room to move it goes", country(true, 0), false},
		{"with too little room it goes", country(true, 5), false},
		{"another country does not move", country(false, 40), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			labels := []geo.Label{blocker, tc.l}
			var p geo.Placer
			p.Place(labels, []geo.Box{blocker.Mark}, frame)
			l := labels[1]
			if l.Shown != tc.shown {
				t.Fatalf("shown %v, want %v (box %v)", l.Shown, tc.shown, l.Box)
			}
			if !l.Shown {
				return
			}
			if math.Hypot(l.DX, l.DY) > tc.l.Room+1e-9 {
				t.Errorf("moved by (%g, %g), further than its room %g", l.DX, l.DY, tc.l.Room)
			}
			if cx, cy := l.Box.X+l.Box.W/2, l.Box.Y+l.Box.H/2; math.Abs(cx-(l.X+l.DX)) > 1e-9 || math.Abs(cy-(l.Y+l.DY)) > 1e-9 {
				t.Errorf("box %v is not centred on the anchor moved by (%g, %g)", l.Box, l.DX, l.DY)
			}
			if b := labels[0].Box; l.Box.Intersects(b) {
				t.Errorf("the country's name %v overlaps the site's label %v", l.Box, b)
			}
			// Kept while the map moves, it stays where it went.
			l.Keep = true
			again := []geo.Label{labels[0], l}
			p.Place(again, []geo.Box{blocker.Mark}, frame)
			if !again[1].Shown || again[1].Box != l.Box {
				t.Errorf("kept: shown %v at %v, want %v", again[1].Shown, again[1].Box, l.Box)
			}
		})
	}
}

// TestStoryCountryLabelled: the demo's overview names Iraq, the country of
// most of its sites, at the sizes embeds have, and the name lies inside Iraq.
func TestStoryCountryLabelled(t *testing.T) {
	s := loadDemo(t)
	bm := geo.DefaultBasemap()
	for _, size := range [][2]float64{{900, 420}, {900, 500}, {720, 446}, {390, 474}, {320, 300}} {
		for _, cur := range []int{0, len(s.Events) - 1} {
			v := geo.StartView(s, geo.View{Center: geo.HomeView.Center, Zoom: geo.HomeView.Zoom, Width: size[0], Height: size[1]})
			p := geo.NewPoster(s, bm, v, cur, geo.PosterOptions{Themes: geo.PosterLight})
			found := false
			for _, l := range p.Light.Labels {
				if l.Kind != geo.CountryLabel || l.Text != "Iraq" {
					continue
				}
				found = l.Shown
				if !l.Shown {
					break
				}
				c, ok := geo.CountryAt(bm, v.ScreenToWorld(orb.Point{l.Box.X + l.Box.W/2, l.Box.Y + l.Box.H/2}))
				if !ok || c.ID != l.Ref {
					t.Errorf("%gx%g event %d: Iraq's name at %v lies in %q", size[0], size[1], cur, l.Box, c.Name)
				}
			}
			if !found {
				t.Errorf("%gx%g event %d: Iraq is not labelled", size[0], size[1], cur)
			}
		}
	}
}

// kept is a label that showed on side s in the frame before.
func kept(l geo.Label, s geo.Side) geo.Label {
	l.Keep, l.Side = true, s
	return l
}

// TestPlaceKeep: while the map moves, a kept label tries only its side, and
// a dropped one is left out; labels still never overlap.
func TestPlaceKeep(t *testing.T) {
	dropped := site("B", geo.Current, 200, 200, 50)
	dropped.Drop = true
	for _, tc := range []struct {
		name   string
		labels []geo.Label
		want   []string
	}{
		{"a kept label stays on its side though right is free", []geo.Label{kept(site("A", geo.Past, 100, 100, 50), geo.Left)}, []string{"left"}},
		{"a kept label whose side is off the map goes", []geo.Label{kept(site("A", geo.Past, 380, 100, 50), geo.Right)}, []string{"-"}},
		{"a dropped label goes", []geo.Label{dropped}, []string{"-"}},
		{"of two kept labels that now meet, the first in rank stays",
			[]geo.Label{kept(site("A", geo.Future, 100, 100, 50), geo.Right), kept(site("B", geo.Current, 170, 100, 50), geo.Left)},
			[]string{"-", "left"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var p geo.Placer
			p.Place(tc.labels, nil, frame)
			for i, l := range tc.labels {
				got := "-"
				if l.Shown {
					got = l.Side.String()
				}
				if got != tc.want[i] {
					t.Errorf("label %d (%s): %s, want %s", i, l.Text, got, tc.want[i])
				}
			}
		})
	}
}
