package mapui

import (
	"math"
	"slices"

	"mapline/geo"

	"github.com/paulmach/orb"
)

// What the reader's search, filters and clusters do to the map (the page's
// side is wasm/explore.go).

// Select shows only what sel keeps (geo.Map.Select; nil for everything).
// The map reads sel at each frame: call Select again after filling it anew,
// so that the map is drawn again.
func (s *State) Select(sel *geo.Selection) {
	s.m.Select(sel)
	s.dirty = true
}

// SetCluster gathers crowding sites into clusters, or stops (geo.MapOptions.Cluster).
func (s *State) SetCluster(on bool) {
	if s.m.Cluster != on {
		s.m.Cluster = on
		s.dirty = true
	}
}

// OpenCluster flies to the view that shows a cluster's sites
// (geo.Cluster.Bound) apart: one that fits them with a cluster cell of room
// on every side, and at least one zoom level closer than now, so that the
// cluster comes apart even where its sites are too close to fit. The reader
// has taken the map: the camera stops following the story.
func (s *State) OpenCluster(b orb.Bound) {
	if s.view.Width <= 0 || s.view.Height <= 0 || math.IsNaN(b.Min[0]+b.Min[1]+b.Max[0]+b.Max[1]) {
		return
	}
	to := s.view.Fit(b, geo.ClusterCell, geo.MaxZoom)
	if to.Zoom < s.view.Zoom+1 {
		to.Zoom = math.Min(s.view.Zoom+1, geo.MaxZoom)
	}
	to = to.Constrain(s.bound, s.floor)
	if s.story.follow {
		s.story.follow = false
		s.eventDirty = true
	}
	s.flyTo(to, flightMax)
}

// StepFrom is the event n steps from the current one (+1 the next, -1 the
// previous) through the events the selection keeps, or through every event
// without one: what the card's prev/next and the slider's arrows go to.
func (s *State) StepFrom(n int) int {
	if s.m.Story == nil {
		return s.cur
	}
	return stepFrom(s.m.Selection(), s.cur, n, len(s.m.Story.Events))
}

// stepFrom is the event n steps from cur among events: among those sel
// keeps (in order in sel.Kept), or all of them for a nil sel. It stops at
// the first or last one kept. From an event the selection leaves out, +1
// goes to the next one kept and -1 to the one before; it stays at cur when
// there is none that way, or none kept.
func stepFrom(sel *geo.Selection, cur, n, events int) int {
	if sel == nil {
		return max(0, min(cur+n, events-1))
	}
	kept := sel.Kept
	k, found := slices.BinarySearch(kept, cur)
	switch {
	case found:
		k += n
	case n > 0 && k < len(kept):
		k += n - 1
	case n < 0 && k > 0:
		k += n
	default:
		return cur
	}
	return kept[max(0, min(k, len(kept)-1))]
}
