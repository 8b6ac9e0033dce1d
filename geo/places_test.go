package geo_test

import (
	"testing"

	"github.com/paulmach/orb"

	"mapline/geo"
)

func TestPlacesText(t *testing.T) {
	s := &geo.Story{Sites: []geo.Site{{ID: "b", Name: "Baghdad"}, {ID: "e", Name: "Erbil"}}}
	p := orb.Point{44, 33}
	for _, tc := range []struct {
		name string
		e    geo.Event
		want string
	}{
		{"one site", geo.Event{Sites: []int{0}}, "Place: Baghdad"},
		{"two sites", geo.Event{Sites: []int{0, 1}}, "Places: Baghdad, Erbil"},
		{"a site and a place off the map", geo.Event{Sites: []int{1}, Place: "Rome (off this map)"}, "Places: Erbil, Rome (off this map)"},
		{"its own point", geo.Event{Point: &p}, ""},
		{"no place at all", geo.Event{}, "Across the region"},
		{"a bad index is skipped", geo.Event{Sites: []int{7, 0}}, "Place: Baghdad"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := s.PlacesText(&tc.e); got != tc.want {
				t.Errorf("PlacesText = %q, want %q", got, tc.want)
			}
		})
	}
}
