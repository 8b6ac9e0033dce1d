package main

import (
	"math"
	"os"
	"testing"

	"mapline/geo"

	"github.com/paulmach/orb"
)

func demoStory(t *testing.T) *geo.Story {
	t.Helper()
	f, err := os.Open("../site/data/story.geojson")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := geo.Load(f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The map fits the story once it has both a size and a story, in either order.
func TestStateFitsStoryOnce(t *testing.T) {
	for _, order := range []string{"size-first", "story-first"} {
		t.Run(order, func(t *testing.T) {
			st := newState(geo.Light)
			s := demoStory(t)
			if order == "size-first" {
				st.resize(800, 500, 2)
				st.setStory(s, -1)
			} else {
				st.setStory(s, -1)
				st.resize(800, 500, 2)
			}
			b, _ := s.Bound()
			for _, p := range []orb.Point{b.Min, b.Max} {
				q := st.view.Screen(p)
				if q[0] < fitPadding-1e-6 || q[0] > 800-fitPadding+1e-6 || q[1] < fitPadding-1e-6 || q[1] > 500-fitPadding+1e-6 {
					t.Errorf("corner %v of the story is at %v, outside the padded view", p, q)
				}
			}
			if st.cur != 0 || !st.eventDirty {
				t.Errorf("cur %d eventDirty %v, want the first event, announced", st.cur, st.eventDirty)
			}
			// A later resize does not fit again once the reader has moved.
			st.pan(10, 0)
			c := st.view.Center
			st.resize(600, 400, 2)
			if st.view.Center != c {
				t.Errorf("resize after a pan moved the centre from %v to %v", c, st.view.Center)
			}
		})
	}
}

func TestStateViewFromURLIsKept(t *testing.T) {
	st := newState(geo.Light)
	st.setView(orb.Point{44, 33}, 6)
	st.resize(800, 500, 1)
	st.setStory(demoStory(t), -1)
	if st.view.Center != (orb.Point{44, 33}) || st.view.Zoom != 6 {
		t.Errorf("view= was replaced by a fit: %v z%v", st.view.Center, st.view.Zoom)
	}
}

// Draw only when something changed.
func TestStateFrameOnlyWhenDirty(t *testing.T) {
	st := newState(geo.Light)
	if _, ok := st.frame(); ok {
		t.Error("a frame before the map has a size")
	}
	st.resize(400, 300, 1)
	if _, ok := st.frame(); !ok {
		t.Fatal("no first frame")
	}
	if _, ok := st.frame(); ok {
		t.Error("a second frame with nothing changed")
	}
	type step struct {
		name string
		do   func()
	}
	for _, c := range []step{
		{"pan", func() { st.pan(3, 4) }},
		{"zoom", func() { st.zoom(0.5, orb.Point{10, 10}) }},
		{"resize", func() { st.resize(401, 300, 1) }},
		{"ratio", func() { st.resize(401, 300, 2) }},
		{"story", func() { st.setStory(demoStory(t), -1) }},
		{"event", func() { st.setEvent(3) }},
	} {
		c.do()
		if _, ok := st.frame(); !ok {
			t.Errorf("%s: no new frame", c.name)
		}
	}
	for _, c := range []step{
		{"no-pan", func() { st.pan(0, 0) }},
		{"no-zoom", func() { st.zoom(0, orb.Point{}) }},
		{"same-size", func() { st.resize(401, 300, 2) }},
		{"same-event", func() { st.setEvent(3) }},
	} {
		c.do()
		if _, ok := st.frame(); ok {
			t.Errorf("%s: a frame although nothing changed", c.name)
		}
	}
}

func TestStateSetEventClamps(t *testing.T) {
	st := newState(geo.Light)
	st.setEvent(2) // no story: nothing happens
	if st.cur != -1 {
		t.Errorf("cur %d without a story", st.cur)
	}
	s := demoStory(t)
	st.setStory(s, 4)
	if st.cur != 4 {
		t.Errorf("initial event %d, want 4", st.cur)
	}
	st.setEvent(999)
	if st.cur != len(s.Events)-1 {
		t.Errorf("cur %d, want the last event", st.cur)
	}
	st.setEvent(-5)
	if st.cur != 0 {
		t.Errorf("cur %d, want the first event", st.cur)
	}
}

func TestWheelZoom(t *testing.T) {
	for _, tc := range []struct{ delta, want float64 }{
		{-300, 1}, {300, -1}, {-100, 1.0 / 3}, {0, 0},
	} {
		if got := wheelZoom(tc.delta); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("wheelZoom(%v) = %v, want %v", tc.delta, got, tc.want)
		}
	}
}

func TestStateSetTheme(t *testing.T) {
	st := newState(geo.Light)
	st.resize(300, 200, 1)
	st.frame()
	st.setTheme(geo.Light)
	if _, ok := st.frame(); ok {
		t.Error("the same theme redrew the map")
	}
	st.setTheme(geo.Dark)
	sc, ok := st.frame()
	if !ok || sc.Background != geo.Dark.Sea {
		t.Errorf("after setTheme(Dark): redrawn %v, background %v", ok, sc.Background)
	}
}
