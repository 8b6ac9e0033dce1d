package mapui

import (
	"testing"
	"time"

	"mapline/geo"

	"github.com/paulmach/orb"
)

// TestOpenCluster: opening a cluster flies to a view at least a zoom level
// closer that shows its sites with room around them, and the camera stops
// following the story.
func TestOpenCluster(t *testing.T) {
	for _, tc := range []struct {
		name string
		b    orb.Bound
	}{
		{"two-sites-in-baghdad", orb.Bound{Min: orb.Point{44.33, 33.25}, Max: orb.Point{44.40, 33.38}}},
		{"one-point", orb.Point{44.36, 33.31}.Bound()},
		{"wider-than-the-view", orb.Bound{Min: orb.Point{40, 30}, Max: orb.Point{50, 37}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := NewState(geo.Light)
			st.SetStory(demoStory(t), -1)
			st.Resize(800, 500, 1)
			z := st.view.Zoom
			st.OpenCluster(tc.b)
			if st.Following() {
				t.Error("the camera still follows the story")
			}
			for i := 0; st.Animating() && i < 1000; i++ {
				st.Tick(time.Unix(0, 0).Add(time.Duration(i) * 16 * time.Millisecond))
			}
			if st.view.Zoom < z+1-1e-9 && st.view.Zoom < geo.MaxZoom {
				t.Errorf("zoom %.2f, want at least %.2f", st.view.Zoom, z+1)
			}
			if tc.name != "wider-than-the-view" {
				for _, p := range []orb.Point{tc.b.Min, tc.b.Max} {
					if q := st.view.Screen(p); q[0] < geo.ClusterCell-1 || q[0] > 800-geo.ClusterCell+1 || q[1] < geo.ClusterCell-1 || q[1] > 500-geo.ClusterCell+1 {
						t.Errorf("%v is at %v, outside the view less a cluster cell", p, q)
					}
				}
			}
		})
	}
}

// TestSelectAndClusterRedraw: a new selection or clustering on marks the
// map to be drawn again; clustering on twice does not.
func TestSelectAndClusterRedraw(t *testing.T) {
	st := NewState(geo.Light)
	s := demoStory(t)
	st.SetStory(s, -1)
	st.Resize(800, 500, 1)
	st.Frame()
	st.SetCluster(true)
	if !st.Dirty() || !st.Map().Cluster {
		t.Error("clustering on: not dirty")
	}
	st.Frame()
	st.SetCluster(true)
	if st.Dirty() {
		t.Error("clustering on again: dirty")
	}
	sel := geo.NewIndex(s).Select(geo.Filter{Query: "zzz-nothing"}, nil)
	st.Select(sel)
	if !st.Dirty() || st.Map().Selection() != sel {
		t.Error("a selection: not dirty or not the map's")
	}
	sc, _ := st.Frame()
	for _, mk := range sc.Markers {
		if mk.Status != geo.Current {
			t.Errorf("nothing kept, yet a %v marker of site %d", mk.Status, mk.Site)
		}
	}
}

// TestStepFrom: with a selection, prev/next walk the events it keeps only;
// without one, every event.
func TestStepFrom(t *testing.T) {
	const events = 10
	keep := func(kept ...int) *geo.Selection {
		return keeping(&geo.Story{Events: make([]geo.Event, events)}, kept...)
	}
	for _, tc := range []struct {
		name   string
		sel    *geo.Selection
		cur, n int
		want   int
	}{
		{"no-selection-next", nil, 3, 1, 4},
		{"no-selection-clamps-at-the-end", nil, 9, 1, 9},
		{"kept-next-skips-the-rest", keep(2, 5, 8), 2, 1, 5},
		{"kept-prev-skips-the-rest", keep(2, 5, 8), 8, -1, 5},
		{"two-steps", keep(2, 5, 8), 2, 2, 8},
		{"last-match-stays", keep(2, 5, 8), 8, 1, 8},
		{"first-match-stays", keep(2, 5, 8), 2, -1, 2},
		{"from-outside-next", keep(2, 5, 8), 3, 1, 5},
		{"from-outside-prev", keep(2, 5, 8), 3, -1, 2},
		{"before-the-first-prev-stays", keep(2, 5, 8), 0, -1, 0},
		{"after-the-last-next-stays", keep(2, 5, 8), 9, 1, 9},
		{"nothing-kept-stays", keep(), 4, 1, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := stepFrom(tc.sel, tc.cur, tc.n, events); got != tc.want {
				t.Errorf("stepFrom(cur %d, %+d) = %d, want %d", tc.cur, tc.n, got, tc.want)
			}
		})
	}
}

// TestStepWalksTheMatches: the timeline's step (the card's prev/next, the
// slider's arrows) goes to the next event the selection keeps.
func TestStepWalksTheMatches(t *testing.T) {
	now := time.Unix(0, 0)
	st := NewState(geo.Light)
	s := demoStory(t)
	st.SetStory(s, -1)
	if len(s.Events) < 4 {
		t.Fatal("the demo story is too short")
	}
	// The events in the story's last month, a window that leaves the
	// first ones out.
	last := s.Events[len(s.Events)-1].Time.Start.T
	sel := geo.NewIndex(s).Select(geo.Filter{From: last.AddDate(0, -1, 0)}, nil)
	if len(sel.Kept) == 0 || sel.Kept[0] < 2 {
		t.Fatalf("the window keeps %v: want some, after the first two", sel.Kept)
	}
	st.Select(sel)
	if st.Map().Selection() != sel {
		t.Fatal("the selection was not taken")
	}
	st.SetEvent(0) // an event left out (Select moved to the first match)
	tl := NewTimeline()
	tl.Step(1)
	tl.Apply(st, s.Track(), now)
	if st.Current() != sel.Kept[0] {
		t.Errorf("next from 0 went to %d, want the first match %d", st.Current(), sel.Kept[0])
	}
}

// TestSelectionOutlivesBasemapAndTheme: a new basemap (the tiles arriving)
// or theme keeps what the reader searched for on the map.
func TestSelectionOutlivesBasemapAndTheme(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(st *State)
	}{
		{"basemap", func(st *State) { st.SetBasemap(st.Map().Basemap) }},
		{"theme", func(st *State) { st.SetTheme(geo.Dark) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := NewState(geo.Light)
			s := demoStory(t)
			st.SetStory(s, -1)
			sel := geo.NewIndex(s).Select(geo.Filter{Query: s.Events[1].Title}, nil)
			st.Select(sel)
			tc.change(st)
			if st.Map().Selection() != sel {
				t.Error("the selection was dropped")
			}
		})
	}
}

// TestNearestKept: a selection that leaves the current event out moves it
// to the event it keeps nearest in time; one that keeps it, or keeps
// nothing, leaves it.
func TestNearestKept(t *testing.T) {
	var evs []geo.Event
	for _, day := range []string{"2025-01-01", "2025-01-02", "2025-01-10", "2025-01-11", "2025-01-20", "2025-01-30", "2025-02-01"} {
		d, err := geo.ParseDate(day)
		if err != nil {
			t.Fatal(err)
		}
		evs = append(evs, geo.Event{Time: geo.Span{Start: d}})
	}
	keep := func(kept ...int) *geo.Selection { return keeping(&geo.Story{Events: evs}, kept...) }
	for _, tc := range []struct {
		name      string
		sel       *geo.Selection
		cur, want int
	}{
		{"no-selection-stays", nil, 3, 3},
		{"kept-stays", keep(1, 3), 3, 3},
		{"nothing-kept-stays", keep(), 3, 3},
		{"no-current-stays", keep(1, 3), -1, -1},
		{"before-the-window-goes-to-its-first", keep(4, 5), 0, 4},
		{"after-the-window-goes-to-its-last", keep(1, 2), 6, 2},
		{"nearer-the-later-one", keep(0, 3), 2, 3},    // 10 Jan: 11 Jan is 1 day on, 1 Jan 9 days back
		{"nearer-the-earlier-one", keep(3, 5), 4, 3},  // 20 Jan: 11 Jan 9 days back, 30 Jan 10 on
		{"as-near-the-earlier-one", keep(2, 5), 4, 2}, // 20 Jan: 10 days each way
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := nearestKept(tc.sel, evs, tc.cur); got != tc.want {
				t.Errorf("nearestKept(cur %d) = %d, want %d", tc.cur, got, tc.want)
			}
		})
	}
}

// TestSelectMovesTheCurrentEvent: a window that leaves the current event
// out makes its nearest match current and marks the event changed; one
// that keeps nothing leaves the current event and marks it changed too
// (the card says that nothing matches).
func TestSelectMovesTheCurrentEvent(t *testing.T) {
	st := NewState(geo.Light)
	s := demoStory(t)
	st.SetStory(s, -1)
	st.Resize(800, 500, 1)
	st.TakeEventChange()
	last := s.Events[len(s.Events)-1].Time.Start.T
	sel := geo.NewIndex(s).Select(geo.Filter{From: last.AddDate(0, -1, 0)}, nil)
	if len(sel.Kept) == 0 || sel.Kept[0] < 2 {
		t.Fatalf("the window keeps %v: want some, after the first two", sel.Kept)
	}
	st.Select(sel)
	if st.Current() != sel.Kept[0] || !st.TakeEventChange() {
		t.Errorf("current %d, want the window's first match %d, marked changed", st.Current(), sel.Kept[0])
	}
	st.SetEvent(1)
	st.TakeEventChange()
	st.Select(keeping(s))
	if st.Current() != 1 || !st.TakeEventChange() {
		t.Errorf("nothing kept: current %d, want 1 still, marked changed", st.Current())
	}
}
