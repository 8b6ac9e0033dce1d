package main

import (
	"errors"
	"fmt"
	"image/color"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"mapline/geo"
	"mapline/geo/lang"
)

// wordsStory has two sites, an event at both, an event of the whole region
// and an event at a place of its own.
func wordsStory(t *testing.T) *geo.Story {
	t.Helper()
	day := func(s string) geo.Span { return geo.Span{Start: date(t, s)} }
	return &geo.Story{
		Sites: []geo.Site{{Name: "Baghdad", Kind: "city"}, {Name: "أربيل", Kind: "oil_depot"}},
		Events: []geo.Event{
			{Title: "Talks", Time: day("2024-01-02"), Sites: []int{0, 1}},
			{Title: "Sanctions", Time: day("2024-02-03")},
			{Title: "Storm", Time: day("2024-03-04"), Place: "Basra"},
		},
	}
}

func TestWordsKindName(t *testing.T) {
	w := newWords(lang.Get("en"), nil)
	for _, tc := range []struct{ kind, want string }{
		{"", "Site"}, {"site", "Site"}, {"embassy", "Embassy"}, {"city", "City"}, {"oil_depot", "Oil_depot"},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			if got := w.kindName(tc.kind); got != tc.want {
				t.Errorf("kindName(%q) = %q, want %q", tc.kind, got, tc.want)
			}
		})
	}
}

func TestWordsLegendName(t *testing.T) {
	for _, tc := range []struct {
		name, lang string
		e          geo.LegendEntry
		want       string
	}{
		{"a kind the map knows", "en", geo.LegendEntry{Kind: "embassy", Name: "Embassy"}, "Embassy"},
		{"in Arabic", "ar", geo.LegendEntry{Kind: "embassy", Name: "Embassy"}, lang.Get("ar").Text("kind.embassy")},
		{"other sites", "ar", geo.LegendEntry{Kind: "", Name: "Other site"}, lang.Get("ar").Text("kind.other")},
		{"a kind of the story's own", "ar", geo.LegendEntry{Kind: "oil_depot", Name: "Oil depot"}, "Oil depot"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := newWords(lang.Get(tc.lang), nil).legendName(tc.e); got != tc.want {
				t.Errorf("legendName = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestWordsEvent(t *testing.T) {
	s := wordsStory(t)
	w := newWords(lang.Get("en"), nil)
	const fsi, pdi = "\u2068", "\u2069"
	for _, tc := range []struct {
		name string
		cur  int
		want eventWords
	}{
		{"at two sites, one named right to left", 0, eventWords{
			date:      w.dates.span(s.Events[0].Time),
			valueText: w.dates.span(s.Events[0].Time) + ": Talks (event 1 of 3)",
			places:    "Places: Baghdad, " + fsi + "أربيل" + pdi,
			live:      "Event 1 of 3, " + w.dates.span(s.Events[0].Time) + ": Talks. Places: Baghdad, " + fsi + "أربيل" + pdi + ".",
		}},
		{"of the whole region", 1, eventWords{
			date:      w.dates.span(s.Events[1].Time),
			valueText: w.dates.span(s.Events[1].Time) + ": Sanctions (event 2 of 3)",
			places:    "Across the region",
			live:      "Event 2 of 3, " + w.dates.span(s.Events[1].Time) + ": Sanctions. Across the region.",
			banner:    "Across the region: Sanctions",
		}},
		{"at a place of its own", 2, eventWords{
			date:      w.dates.span(s.Events[2].Time),
			valueText: w.dates.span(s.Events[2].Time) + ": Storm (event 3 of 3)",
			places:    "Place: Basra",
			live:      "Event 3 of 3, " + w.dates.span(s.Events[2].Time) + ": Storm. Place: Basra.",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := w.event(s, tc.cur); got != tc.want {
				t.Errorf("event(%d) =\n%+v\nwant\n%+v", tc.cur, got, tc.want)
			}
		})
	}
}

func TestWordsMapDescription(t *testing.T) {
	got := newWords(lang.Get("en"), nil).mapDescription(wordsStory(t))
	if want := "The map shows 2 places of the story: Baghdad (city), أربيل (oil_depot). As the timeline"; !strings.HasPrefix(got, want) {
		t.Errorf("mapDescription = %q, want it to start %q", got, want)
	}
}

func TestWordsErrorLines(t *testing.T) {
	w := newWords(lang.Get("en"), nil)
	var many []string
	for i := range 11 {
		many = append(many, fmt.Sprintf("geo: feature %d: no time", i))
	}
	for _, tc := range []struct {
		name string
		err  error
		want []string
	}{
		{"one", errors.New("geo: feature 1: no time"), []string{"feature 1: no time"}},
		{"not geo's", errors.New("the basemap could not be loaded"), []string{"the basemap could not be loaded"}},
		{"more than eight", errors.New(strings.Join(many, "\n")), append(strings.Split(strings.ReplaceAll(strings.Join(many[:8], "\n"), "geo: ", ""), "\n"), "… and 3 more problems")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := w.errorLines(tc.err); fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("errorLines =\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func TestCSSColor(t *testing.T) {
	for _, tc := range []struct {
		c    color.Color
		want string
	}{
		{color.NRGBA{0x12, 0xab, 0xff, 0xff}, "#12abff"},
		{color.NRGBA{0, 0, 0, 0}, "transparent"},
		{color.NRGBA{255, 0, 0, 128}, "rgba(255,0,0,0.502)"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if got := cssColor(tc.c); got != tc.want {
				t.Errorf("cssColor(%v) = %q, want %q", tc.c, got, tc.want)
			}
		})
	}
}

func TestWordsTextLang(t *testing.T) {
	for _, tc := range []struct {
		name, page, story string
		texts             geo.Texts
		want              string
	}{
		{"a story of no stated language", "ar", "", nil, ""},
		{"an English story on an Arabic page", "ar", "en", nil, "en"},
		{"its Arabic title on an Arabic page", "ar", "en", geo.Texts{"title:ar": "عنوان"}, ""},
		{"an Arabic story on an Arabic page", "ar", "ar-IQ", nil, ""},
		{"an Arabic story on an English page", "en", "ar", nil, "ar"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := newWords(lang.Get(tc.page), nil).textLang(tc.story, tc.texts, "title"); got != tc.want {
				t.Errorf("textLang = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestWordsTrack: a track of no site says where it is: on the map, as a
// route; one at sites names them.
func TestWordsTrack(t *testing.T) {
	s := wordsStory(t)
	path := &geo.Path{Line: orb.LineString{{44, 33}, {44, 36}}}
	alone := geo.Event{Title: "Convoy", Path: path}
	atSite := geo.Event{Title: "Convoy", Path: path, Sites: []int{0}}
	for _, tc := range []struct {
		lang string
		e    *geo.Event
		want string
	}{
		{"en", &alone, "Its route is drawn on the map"},
		{"ar", &alone, lang.Get("ar").Text("track")},
		{"en", &atSite, "Place: Baghdad"},
	} {
		if got := newWords(lang.Get(tc.lang), nil).placesOf(s, tc.e); got != tc.want || got == "" || got == "track" {
			t.Errorf("%s: placesOf = %q, want %q", tc.lang, got, tc.want)
		}
	}
}

// TestWordsMapDescriptionShapes: screen readers hear a line or an area of
// no kind as a route or an area.
func TestWordsMapDescriptionShapes(t *testing.T) {
	s := &geo.Story{Sites: []geo.Site{
		{Name: "Road", Kind: "site", Geometry: orb.LineString{{44, 33}, {44, 36}}},
		{Name: "Zone", Kind: "site", Geometry: orb.Polygon{{{45, 31}, {47, 31}, {47, 33}, {45, 31}}}},
	}}
	got := newWords(lang.Get("en"), nil).mapDescription(s)
	if want := "The map shows 2 places of the story: Road (route), Zone (area)."; !strings.HasPrefix(got, want) {
		t.Errorf("mapDescription = %q, want it to begin %q", got, want)
	}
}
