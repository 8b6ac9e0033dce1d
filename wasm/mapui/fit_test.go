package mapui

import (
	"testing"
	"time"

	"mapline/geo"

	"github.com/paulmach/orb"
)

// TestStateFitsClearOfControls: on a phone whose zoom buttons cover the
// left side (a right-to-left page), the story opens with every site clear
// of them (geo.FitPad), from a poster's view too that had Al-Asad under
// them; and the camera, following to Al-Asad's event from a view that has
// the base by the buttons, brings it clear of them.
func TestStateFitsClearOfControls(t *testing.T) {
	s := demoStory(t)
	asad, _ := s.Site("al-asad")
	first := s.Index("al-asad-attack-2024")
	if first < 0 || s.Events[first].Camera != nil {
		t.Fatalf("the demo's Al-Asad event %d: the test needs it, without a camera of its own", first)
	}
	over := geo.Insets{Left: 52}
	pad := geo.FitPad(over)
	clear := func(v geo.View) bool { q := v.Screen(asad.LonLat); return q[0] >= pad.Left-1e-6 }
	for _, tc := range []struct {
		name   string
		poster bool
	}{{"fitted", false}, {"poster's view with Al-Asad 36 px in", true}} {
		t.Run(tc.name, func(t *testing.T) {
			st := NewState(geo.Light)
			if tc.poster {
				st.SetPosterView(orb.Point{50.41, 30.09}, 4.9)
			}
			st.SetControls(over)
			st.Resize(375, 300, 1)
			st.SetStory(s, first)
			for _, site := range s.Sites {
				if q := st.view.Screen(site.LonLat); q[0] < pad.Left-1e-6 || q[0] > st.view.Width-pad.Right+1e-6 {
					t.Errorf("opened at %s with %s at x %.1f: under the controls or within %d px of them", st.view.Param(), site.ID, q[0], geo.FitClear)
				}
			}
		})
	}
	t.Run("camera", func(t *testing.T) {
		st := NewState(geo.Light)
		st.still = true // the camera's moves land at once
		st.SetControls(over)
		st.Resize(375, 300, 1)
		st.SetStory(s, first+1)
		st.set(st.view.Pan(40-st.view.Screen(asad.LonLat)[0], 0)) // the base 40 px in
		st.GoTo(first, time.Time{})
		if !clear(st.view) {
			t.Errorf("the camera left Al-Asad at x %.1f, under the controls (%g px) or within %d px of them", st.view.Screen(asad.LonLat)[0], over.Left, geo.FitClear)
		}
	})
}
