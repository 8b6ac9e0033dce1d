package mapui

import (
	"strings"
	"testing"
	"time"

	"mapline/geo"
)

// trackStory is an event, then a convoy's track over four hours.
const trackStory = `{"type": "FeatureCollection", "features": [
	{"type": "Feature", "id": "before", "geometry": {"type": "Point", "coordinates": [44.4, 33.3]}, "properties": {"time": "2025-06-13T04:00:00Z", "title": "Before"}},
	{"type": "Feature", "id": "convoy", "geometry": {"type": "LineString", "coordinates": [[44.4, 33.3], [44.2, 34.0], [43.99, 36.19]]},
	 "properties": {"time": "2025-06-13T06:00:00Z", "times": ["2025-06-13T06:00:00Z", "2025-06-13T08:00:00Z", "2025-06-13T12:00:00Z"], "title": "A convoy drives north"}}]}`

// TestScrubMovesTrack: dragging the slider through a track's hours moves
// its point north; a step puts it back at the start of the event.
func TestScrubMovesTrack(t *testing.T) {
	s, err := geo.Load(strings.NewReader(trackStory))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	st := NewState(geo.Light)
	st.Resize(800, 500, 1)
	st.SetStory(s, -1)
	tl := NewTimeline()
	track := s.Track() // 04:00 to 12:00
	// The latitude of the track's point, NaN when there is none.
	pointLat := func() float64 {
		sc, _ := st.Frame()
		for _, m := range sc.Markers {
			if m.Site < 0 && m.Kind == "event" && m.Status == geo.Current {
				return st.View().Geo([2]float64{m.X, m.Y})[1]
			}
		}
		t.Fatal("no track point")
		return 0
	}
	var lats []float64
	for _, h := range []int{6, 7, 8, 10} {
		tl.Slide(track.Pos(time.Date(2025, 6, 13, h, 0, 0, 0, time.UTC)))
		tl.Apply(st, track, now)
		if st.Current() != 1 {
			t.Fatalf("at %d:00 the current event is %d, want the convoy", h, st.Current())
		}
		lats = append(lats, pointLat())
	}
	for i := 1; i < len(lats); i++ {
		if !(lats[i] > lats[i-1]+0.1) {
			t.Errorf("the track's point did not move north as the slider moved: latitudes %v", lats)
		}
	}
	tl.Step(-1)
	tl.Apply(st, track, now)
	tl.Step(1)
	tl.Apply(st, track, now)
	if lat := pointLat(); lat > 33.31 {
		t.Errorf("after a step, the point is at latitude %v, want the start of the track (33.3)", lat)
	}
}

// TestPlayMovesTrack: while the player shows the convoy (the last event,
// 06:00 to 12:00), its point moves north frame by frame; a story without
// tracks is not drawn again while nothing changes.
func TestPlayMovesTrack(t *testing.T) {
	s, err := geo.Load(strings.NewReader(trackStory))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	st := NewState(geo.Light)
	st.Resize(800, 500, 1)
	st.SetStory(s, -1)
	st.Play(now)
	now = now.Add(st.interval()) // the player steps to the convoy
	st.StoryFrame(now)
	if st.Current() != 1 {
		t.Fatalf("current event %d, want the convoy", st.Current())
	}
	var lats []float64
	for i := 0; i < 3; i++ {
		now = now.Add(st.interval() / 4)
		st.StoryFrame(now)
		sc, drawn := st.Frame()
		if !drawn {
			t.Fatalf("frame %d was not drawn while the track moves", i)
		}
		for _, m := range sc.Markers {
			if m.Site < 0 && m.Status == geo.Current {
				lats = append(lats, st.View().Geo([2]float64{m.X, m.Y})[1])
			}
		}
	}
	if len(lats) != 3 || !(lats[0] > 33.4 && lats[1] > lats[0]+0.1 && lats[2] > lats[1]+0.1) {
		t.Errorf("the track's point while playing: latitudes %v, want it moving north from 33.3", lats)
	}
}
