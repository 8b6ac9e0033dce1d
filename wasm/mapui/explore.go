package mapui

import (
	"math"

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
