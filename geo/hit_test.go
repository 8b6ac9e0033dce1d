package geo_test

import (
	"testing"

	"mapline/geo"
)

func TestMarkerAt(t *testing.T) {
	sc := &geo.Scene{Markers: []geo.Marker{
		{Site: 0, X: 100, Y: 100, R: 5},
		{Site: 1, X: 108, Y: 100, R: 8}, // drawn later: on top where they overlap
		{Site: 2, X: 300, Y: 300, R: 5},
	}}
	for _, tc := range []struct {
		name string
		x, y float64
		want int
	}{
		{"centre of a lone marker", 300, 300, 2},
		{"edge of a lone marker", 305, 300, 2},
		{"within the slop", 308, 300, 2},
		{"beyond the slop", 311, 300, -1},
		{"overlap goes to the marker on top", 102, 100, 1},
		{"only the lower marker", 96, 100, 0},
		{"nothing", 200, 200, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := sc.MarkerAt(tc.x, tc.y, 4); got != tc.want {
				t.Errorf("MarkerAt(%v, %v) = %d, want %d", tc.x, tc.y, got, tc.want)
			}
		})
	}
}

func TestEventsAt(t *testing.T) {
	s := loadDemo(t)
	muscat := -1
	for i, st := range s.Sites {
		if st.ID == "muscat" {
			muscat = i
		}
	}
	last := len(s.Events) - 1
	all := s.EventsAt(muscat, last)
	if len(all) != 4 {
		t.Fatalf("muscat has events %v, want rounds 1, 3, 4 and the expected sixth", all)
	}
	first := s.Index("talks-round-1")
	if all[0] != first {
		t.Errorf("first event at muscat is %q", s.Events[all[0]].ID)
	}
	if got := s.EventsAt(muscat, first); len(got) != 1 {
		t.Errorf("up to the first round: %v, want only that round", got)
	}
	if got := s.EventsAt(muscat, first-1); len(got) != 0 {
		t.Errorf("before the first round: %v, want none", got)
	}
}
