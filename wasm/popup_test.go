package main

import (
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"mapline/geo"
	"mapline/geo/lang"
)

func TestPopupCard(t *testing.T) {
	w := newWords(lang.Get("en"), nil)
	s := wordsStory(t) // Talks (Baghdad, أربيل), Sanctions, Storm
	s.Sites[1].Approx = true
	s.Sites[1].Description = "A depot."
	for _, tc := range []struct {
		name      string
		site, cur int
		want      popupCard
	}{
		{"an event there", 0, 0, popupCard{name: "Baghdad", kind: "City", upto: "Events here up to 2 January 2024", events: []int{0}}},
		{"the events up to a later one", 0, 2, popupCard{name: "Baghdad", kind: "City", upto: "Events here up to 4 March 2024", events: []int{0}}},
		{"an approximate place", 1, 1, popupCard{name: "أربيل", kind: "Oil_depot · location approximate", desc: "A depot.", upto: "Events here up to 3 February 2024", events: []int{0}}},
		{"before any event there", 1, -1, popupCard{name: "أربيل", kind: "Oil_depot · location approximate", desc: "A depot.", none: "No events here yet at this point of the story."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := w.popupCard(s, tc.site, tc.cur)
			if got.name != tc.want.name || got.kind != tc.want.kind || got.desc != tc.want.desc ||
				got.upto != tc.want.upto || got.none != tc.want.none || !slices.Equal(got.events, tc.want.events) {
				t.Errorf("popupCard(%d, %d) = %+v,\nwant %+v", tc.site, tc.cur, got, tc.want)
			}
		})
	}
}

func TestIsTap(t *testing.T) {
	for _, tc := range []struct {
		name   string
		dx, dy float64
		want   bool
	}{
		{"still", 0, 0, true},
		{"a finger's wobble", 3, -4, true},
		{"a drag", 4, 4, false},
		{"a long drag", -100, 0, false},
	} {
		if got := isTap(tc.dx, tc.dy); got != tc.want {
			t.Errorf("%s: isTap(%v, %v) = %v, want %v", tc.name, tc.dx, tc.dy, got, tc.want)
		}
	}
}

func TestPopupTransform(t *testing.T) {
	if got := popupTransform(12.4, -3.6); got != "translate(12px, -4px)" {
		t.Errorf("popupTransform = %q", got)
	}
}

func TestSourceLink(t *testing.T) {
	for _, tc := range []struct {
		src, href, host string
		ok              bool
	}{
		{"https://news.example/a?b=1", "https://news.example/a?b=1", "news.example", true},
		{"http://x.org", "http://x.org", "x.org", true},
		{"javascript:alert(1)", "", "", false},
		{"https:///nohost", "", "", false},
		{"Reuters, 3 May", "", "", false},
		{"%zz", "", "", false},
	} {
		t.Run(tc.src, func(t *testing.T) {
			href, host, ok := sourceLink(tc.src)
			if href != tc.href || host != tc.host || ok != tc.ok {
				t.Errorf("sourceLink(%q) = %q, %q, %v; want %q, %q, %v", tc.src, href, host, ok, tc.href, tc.host, tc.ok)
			}
		})
	}
}

// TestPopupCardShapes: a site drawn as a line or an area, of no kind of
// its own, is called a route or an area in the reader's language; one with
// a kind keeps it.
func TestPopupCardShapes(t *testing.T) {
	line := orb.LineString{{44, 33}, {44, 36}}
	area := orb.Polygon{{{45, 31}, {47, 31}, {47, 33}, {45, 31}}}
	s := &geo.Story{Sites: []geo.Site{
		{Name: "Road", Kind: "site", Geometry: line},
		{Name: "Fronts", Kind: "site", Geometry: orb.MultiLineString{line}},
		{Name: "Zone", Kind: "site", Geometry: area},
		{Name: "Provinces", Kind: "site", Geometry: orb.MultiPolygon{area}},
		{Name: "Base", Kind: "military", Geometry: area},
		{Name: "Strikes", Kind: "site", Geometry: orb.MultiPoint{{1, 2}, {3, 4}}},
	}}
	for _, tc := range []struct {
		lang string
		site int
		want string
	}{
		{"en", 0, "Route"}, {"en", 1, "Route"}, {"en", 2, "Area"}, {"en", 3, "Area"},
		{"en", 4, "Military site"}, {"en", 5, "Site"},
		{"ar", 0, "طريق"}, {"fa", 2, "منطقه"}, {"ckb", 2, "ناوچە"},
	} {
		if got := newWords(lang.Get(tc.lang), nil).popupCard(s, tc.site, -1).kind; got != tc.want {
			t.Errorf("%s: the card of %s says %q, want %q", tc.lang, s.Sites[tc.site].Name, got, tc.want)
		}
	}
}
