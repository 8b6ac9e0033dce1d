package geo

import (
	"bytes"
	"slices"
	"testing"

	"mapline/geo/synth"
)

// TestEmphasisMatchesCountryAt: NewMap's own search for the countries of the
// story's sites finds the ones CountryAt finds, for 2,000 sites
// spread over the region.
func TestEmphasisMatchesCountryAt(t *testing.T) {
	s, err := Load(bytes.NewReader(synth.Story(3, 2000, 10)))
	if err != nil {
		t.Fatal(err)
	}
	bm := DefaultBasemap()
	want := map[int]bool{}
	for _, st := range s.Sites {
		if c, ok := CountryAt(bm, st.World); ok {
			want[c.ID] = true
		}
	}
	m := NewMap(MapOptions{Story: s, Basemap: bm, Theme: Light})
	if len(want) < 5 {
		t.Fatalf("only %d countries hold a site: the test says little", len(want))
	}
	for id := range want {
		if !m.emphasis[id] {
			t.Errorf("country %d holds a site but is not emphasized", id)
		}
	}
	for id := range m.emphasis {
		if !want[id] {
			t.Errorf("country %d is emphasized but CountryAt puts no site in it", id)
		}
	}
}

// TestSiteStatusIndexed: the status of every site from Load's index of first
// events is what going through the events gives, at every event of a
// generated story and before and after them.
func TestSiteStatusIndexed(t *testing.T) {
	s, err := Load(bytes.NewReader(synth.Story(5, 40, 400)))
	if err != nil {
		t.Fatal(err)
	}
	slow := *s
	slow.first = nil
	var a, b []Status
	for cur := -1; cur <= len(s.Events); cur++ {
		a, b = s.SiteStatus(cur, a), slow.SiteStatus(cur, b)
		if !slices.Equal(a, b) {
			t.Fatalf("at event %d: indexed %v, going through %v", cur, a, b)
		}
	}
}
