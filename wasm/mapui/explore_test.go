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
