package mapui

import (
	"math"
	"slices"
	"time"

	"mapline/geo"

	"github.com/paulmach/orb"
)

// What the reader's search, filters and clusters do to the map (the page's
// side is wasm/explore.go).

// Select shows only what sel keeps (geo.Map.Select; nil for everything).
// The map reads sel at each frame: call Select again after filling it anew,
// so that the map is drawn again. When sel leaves the current event out,
// the nearest event it keeps in time becomes current (nearestKept), the
// camera following it; when it keeps none, the current event stays (the
// map draws nothing as current) and the page says that nothing matches. The event is marked changed either
// way: the card shows the current event, or that none matches.
func (s *State) Select(sel *geo.Selection) {
	s.m.Select(sel)
	s.dirty, s.eventDirty = true, true
	if s.m.Story == nil {
		return
	}
	if i := nearestKept(sel, s.m.Story.Events, s.cur); i != s.cur {
		s.SetMoment(time.Time{})
		s.SetEvent(i)
		s.Aim()
	}
}

// nearestKept is the event sel keeps nearest in time to event cur (by
// their starts; of two as near, the earlier): cur itself when sel keeps
// it, keeps nothing, or is nil, or when cur is no event. The events are in
// order of time, as sel.Kept is.
func nearestKept(sel *geo.Selection, evs []geo.Event, cur int) int {
	if sel == nil || len(sel.Kept) == 0 || cur < 0 || cur >= len(evs) || sel.Keeps(cur) {
		return cur
	}
	k, _ := slices.BinarySearch(sel.Kept, cur)
	switch {
	case k == 0:
		return sel.Kept[0]
	case k == len(sel.Kept):
		return sel.Kept[k-1]
	}
	at := evs[cur].Time.Start.T
	before, after := sel.Kept[k-1], sel.Kept[k]
	if evs[after].Time.Start.T.Sub(at) < at.Sub(evs[before].Time.Start.T) {
		return after
	}
	return before
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
