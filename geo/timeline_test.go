package geo_test

import (
	"slices"
	"testing"

	"mapline/geo"
)

// timelineStory has events of every precision, several on one day, one
// regional (no site) and one at a time of day. Sorted, they are:
//
//	0 may     2025-05              a
//	1 tenth   2025-06-10           a b
//	2 morning 2025-06-11           b
//	3 region  2025-06-11           (regional)
//	4 talks   2025-06-11T14:00:00Z c
//	5 july    2025-07-01           c
const timelineStory = `{"type": "FeatureCollection", "title": "timeline", "description": "d", "features": [
	{"type": "Feature", "id": "a", "geometry": {"type": "Point", "coordinates": [44.4, 33.3]}, "properties": {"name": "A"}},
	{"type": "Feature", "id": "b", "geometry": {"type": "Point", "coordinates": [43.99, 36.19]}, "properties": {"name": "B"}},
	{"type": "Feature", "id": "c", "geometry": {"type": "Point", "coordinates": [58.38, 23.59]}, "properties": {"name": "C"}},
	{"type": "Feature", "id": "talks", "geometry": null, "properties": {"time": "2025-06-11T14:00:00Z", "title": "talks", "sites": ["c"]}},
	{"type": "Feature", "id": "july", "geometry": null, "properties": {"time": "2025-07-01", "title": "july", "sites": ["c"]}},
	{"type": "Feature", "id": "morning", "geometry": null, "properties": {"time": "2025-06-11", "title": "morning", "sites": ["b"]}},
	{"type": "Feature", "id": "region", "geometry": null, "properties": {"time": "2025-06-11", "title": "region"}},
	{"type": "Feature", "id": "may", "geometry": null, "properties": {"time": "2025-05", "title": "may", "sites": ["a"]}},
	{"type": "Feature", "id": "tenth", "geometry": null, "properties": {"time": "2025-06-10", "title": "tenth", "sites": ["a", "b"]}}
]}`

const emptyStory = `{"type": "FeatureCollection", "title": "empty", "description": "d", "features": []}`

func TestTimelineOrder(t *testing.T) {
	s := loadString(t, timelineStory)
	want := []string{"may", "tenth", "morning", "region", "talks", "july"}
	if got := eventIDs(s); !slices.Equal(got, want) {
		t.Fatalf("events = %q, want %q", got, want)
	}
	if !s.Events[3].Regional() || s.Events[0].Regional() {
		t.Errorf("Regional: region %v, may %v; want true, false", s.Events[3].Regional(), s.Events[0].Regional())
	}
}

func TestAt(t *testing.T) {
	s := loadString(t, timelineStory)
	tests := []struct {
		name string
		at   string
		want int
	}{
		{"before the first event", "2025-04-30", -1},
		{"year before", "2024", -1},
		{"first day of the first month", "2025-05-01", 0},
		{"inside the first month", "2025-05-31", 0},
		{"month precision", "2025-05", 0},
		{"month of several events", "2025-06", 4},
		{"day of one event", "2025-06-10", 1},
		{"day of several events is the last of them", "2025-06-11", 4},
		{"approximate day", "2025-06-11~", 4},
		{"time of day before the talks", "2025-06-11T13:59:00Z", 3},
		{"time of day at the talks", "2025-06-11T14:00:00Z", 4},
		{"time of day in another zone", "2025-06-11T15:59:00+02:00", 3},
		{"between events", "2025-06-20", 4},
		{"day of the last event", "2025-07-01", 5},
		{"after the last event", "2026-01-01", 5},
		{"year of every event", "2025", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := geo.ParseDate(tt.at)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.At(d); got != tt.want {
				t.Errorf("At(%s) = %d, want %d", tt.at, got, tt.want)
			}
		})
	}
	t.Run("empty story", func(t *testing.T) {
		d, _ := geo.ParseDate("2025-06-11")
		if got := loadString(t, emptyStory).At(d); got != -1 {
			t.Errorf("At on an empty story = %d, want -1", got)
		}
	})
}

func TestIndex(t *testing.T) {
	s := loadString(t, timelineStory)
	tests := []struct {
		id   string
		want int
	}{
		{"may", 0},
		{"talks", 4},
		{"july", 5},
		{"a", -1}, // a site, not an event
		{"rome", -1},
		{"", -1},
	}
	for _, tt := range tests {
		if got := s.Index(tt.id); got != tt.want {
			t.Errorf("Index(%q) = %d, want %d", tt.id, got, tt.want)
		}
	}
}

func TestNextPrev(t *testing.T) {
	s := loadString(t, timelineStory)
	empty := loadString(t, emptyStory)
	tests := []struct {
		name       string
		story      *geo.Story
		cur        int
		next, prev int
	}{
		{"before the first", s, -1, 0, 0},
		{"first", s, 0, 1, 0},
		{"middle", s, 3, 4, 2},
		{"last", s, 5, 5, 4},
		{"empty story, no event", empty, -1, -1, -1},
		{"empty story, event 0", empty, 0, -1, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.story.Next(tt.cur); got != tt.next {
				t.Errorf("Next(%d) = %d, want %d", tt.cur, got, tt.next)
			}
			if got := tt.story.Prev(tt.cur); got != tt.prev {
				t.Errorf("Prev(%d) = %d, want %d", tt.cur, got, tt.prev)
			}
		})
	}
}

func TestEventStatus(t *testing.T) {
	s := loadString(t, timelineStory)
	tests := []struct {
		name   string
		i, cur int
		want   geo.Status
		str    string
	}{
		{"before the current", 1, 3, geo.Past, "past"},
		{"the current", 3, 3, geo.Current, "current"},
		{"after the current", 4, 3, geo.Future, "future"},
		{"no current event", 0, -1, geo.Future, "future"},
		{"after the last", 5, 6, geo.Past, "past"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := s.EventStatus(tt.i, tt.cur)
			if got != tt.want || got.String() != tt.str {
				t.Errorf("EventStatus(%d, %d) = %v, want %v", tt.i, tt.cur, got, tt.str)
			}
		})
	}
}

func TestSiteStatus(t *testing.T) {
	s := loadString(t, timelineStory)
	const F, P, C = geo.Future, geo.Past, geo.Current
	tests := []struct {
		name string
		cur  int
		want []geo.Status // sites a, b, c
	}{
		{"no current event", -1, []geo.Status{F, F, F}},
		{"first event", 0, []geo.Status{C, F, F}},
		{"a site current again", 1, []geo.Status{C, C, F}},
		{"a site left behind", 2, []geo.Status{P, C, F}},
		{"regional event has no current site", 3, []geo.Status{P, P, F}},
		{"time of day", 4, []geo.Status{P, P, C}},
		{"last event", 5, []geo.Status{P, P, C}},
		{"past the last event", 6, []geo.Status{P, P, P}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.SiteStatus(tt.cur, nil); !slices.Equal(got, tt.want) {
				t.Errorf("SiteStatus(%d, nil) = %v, want %v", tt.cur, got, tt.want)
			}
			// A reused slice, longer and full of stale statuses, gives the same.
			dst := slices.Repeat([]geo.Status{C}, 10)
			got := s.SiteStatus(tt.cur, dst)
			if !slices.Equal(got, tt.want) {
				t.Errorf("SiteStatus(%d, dst) = %v, want %v", tt.cur, got, tt.want)
			}
			if &got[0] != &dst[0] {
				t.Errorf("SiteStatus(%d, dst) did not reuse dst", tt.cur)
			}
		})
	}
	t.Run("no allocation with a reused slice", func(t *testing.T) {
		dst := make([]geo.Status, 0, len(s.Sites))
		if n := testing.AllocsPerRun(100, func() { dst = s.SiteStatus(4, dst) }); n != 0 {
			t.Errorf("SiteStatus allocates %v times per call with a reused slice", n)
		}
	})
	t.Run("empty story", func(t *testing.T) {
		if got := loadString(t, emptyStory).SiteStatus(0, nil); len(got) != 0 {
			t.Errorf("SiteStatus on an empty story = %v, want none", got)
		}
	})
}
