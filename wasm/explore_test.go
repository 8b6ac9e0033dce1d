package main

import (
	"slices"
	"strings"
	"testing"

	"mapline/geo"
	"mapline/geo/lang"
	"mapline/internal/embedspec"
)

// TestExploreOn: the flag decides when given; else the story's size.
func TestExploreOn(t *testing.T) {
	for _, tc := range []struct {
		name   string
		flag   string
		events int
		want   bool
	}{
		{"small-story", "", 12, false},
		{"at-the-threshold", "", embedspec.ExploreMin, false},
		{"large-story", "", embedspec.ExploreMin + 1, true},
		{"asked-on-small", "true", 12, true},
		{"asked-off-large", "false", 100000, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := exploreOn(tc.flag, tc.events); got != tc.want {
				t.Errorf("exploreOn(%q, %d) = %v", tc.flag, tc.events, got)
			}
		})
	}
}

// TestSelectionHashRoundTrip: a selection written into the hash reads back
// the same, whatever characters its words and kinds have, beside the event
// and the view; and through the page's address as the map reads it.
func TestSelectionHashRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		sel  selection
		view string
	}{
		{"none", selection{}, ""},
		{"words", selection{query: "drone strike"}, "33.3,44.4,6.5"},
		{"arabic", selection{query: "أربيل"}, ""},
		{"hash-and-ampersand", selection{query: "a&b #c=d %"}, ""},
		{"kinds", selection{kinds: []string{"embassy", "oil,field", "a&b"}}, ""},
		{"window", selection{from: "2024-01-01", to: "2024-02-29"}, ""},
		{"everything", selection{query: "x", kinds: []string{"city"}, from: "2024-01-01", to: "2024-03-01"}, "1,2,3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := formatHash("ev-1", tc.view) + tc.sel.hashPart()
			hp, probs := parseHash(strings.TrimPrefix(h, "#"))
			if hp.event != "ev-1" || hp.view != tc.view || !hp.sel.equal(tc.sel) || len(probs) > 0 {
				t.Errorf("%q read back as %q %q %+v (%q), want %+v", h, hp.event, hp.view, hp.sel, probs, tc.sel)
			}
			pr, probs := readParams("http://localhost:8080/embed.html?explore" + h)
			if !pr.sel.equal(tc.sel) || pr.explore != "true" || len(probs) > 0 {
				t.Errorf("readParams: %+v explore %q (%q)", pr.sel, pr.explore, probs)
			}
		})
	}
}

// TestSelectionFilter: the selection's days make the filter's window, to
// included; a day that cannot be read leaves its side open and is reported.
func TestSelectionFilter(t *testing.T) {
	for _, tc := range []struct {
		name     string
		sel      selection
		from, to string // want, RFC 3339 days; "" for open
		prob     string
	}{
		{"open", selection{query: "x"}, "", "", ""},
		{"days", selection{from: "2024-01-01", to: "2024-01-31"}, "2024-01-01", "2024-02-01", ""},
		{"month", selection{to: "2024-02"}, "", "2024-03-01", ""},
		{"bad-from", selection{from: "2024-13-01", to: "2024-01-31"}, "", "2024-02-01", "from="},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, probs := tc.sel.filter()
			day := func(d string) string {
				if d == "0001-01-01" {
					return ""
				}
				return d
			}
			if got := day(f.From.Format("2006-01-02")); got != tc.from {
				t.Errorf("from %q, want %q", got, tc.from)
			}
			if got := day(f.To.Format("2006-01-02")); got != tc.to {
				t.Errorf("to %q, want %q", got, tc.to)
			}
			if all := strings.Join(probs, "|"); tc.prob == "" && all != "" || tc.prob != "" && !strings.Contains(all, tc.prob) {
				t.Errorf("problems %q, want one naming %q", all, tc.prob)
			}
		})
	}
}

// TestMatchWords: the count announced and the note over a cut list.
func TestMatchWords(t *testing.T) {
	w := newWords(lang.Get("en"), nil)
	for _, tc := range []struct {
		n          int
		count, cut string
	}{
		{0, "No event matches", ""},
		{1, "1 event matches", ""},
		{12, "12 events match", ""},
		{resultsMax + 1, "51 events match", "The first 50 of 51 matches are listed"},
	} {
		if count, cut := w.matchWords(tc.n); count != tc.count || cut != tc.cut {
			t.Errorf("matchWords(%d) = %q, %q; want %q, %q", tc.n, count, cut, tc.count, tc.cut)
		}
	}
}

// TestClusterLabel: a cluster is named by its events and its main site.
func TestClusterLabel(t *testing.T) {
	s := &geo.Story{Sites: []geo.Site{{Name: "Erbil"}, {Name: "Baghdad"}}}
	for _, tc := range []struct {
		lang string
		c    geo.Cluster
		want string
	}{
		{"en", geo.Cluster{Events: 12, Name: 1}, "12 events near Baghdad"},
		{"en", geo.Cluster{Events: 1, Name: 0}, "1 event near Erbil"},
		{"ar", geo.Cluster{Events: 2, Name: 1}, "حدثان قرب Baghdad"},
	} {
		if got := newWords(lang.Get(tc.lang), nil).clusterLabel(s, &tc.c); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.lang, got, tc.want)
		}
	}
}

// TestResultsAndMarks: the list shows the first resultsMax events kept; a
// mark shows when one of its events is kept.
func TestResultsAndMarks(t *testing.T) {
	sel := &geo.Selection{Events: make([]bool, 300)}
	for i := 0; i < 300; i += 2 {
		sel.Events[i] = true
		sel.Kept = append(sel.Kept, i)
	}
	if r := results(sel); len(r) != resultsMax || r[0] != 0 || r[len(r)-1] != 2*(resultsMax-1) {
		t.Errorf("results: %d, first %d, last %d", len(r), r[0], r[len(r)-1])
	}
	if r := results(nil); r != nil {
		t.Errorf("results(nil) = %v", r)
	}
	for _, tc := range []struct {
		m    geo.Mark
		want bool
	}{
		{geo.Mark{First: 1, Last: 1}, false},
		{geo.Mark{First: 1, Last: 2}, true},
		{geo.Mark{First: 0, Last: 0}, true},
	} {
		if got := markKept(tc.m, sel); got != tc.want {
			t.Errorf("markKept(%d–%d) = %v", tc.m.First, tc.m.Last, got)
		}
	}
	if !markKept(geo.Mark{First: 1, Last: 1}, nil) {
		t.Error("no selection: a mark is hidden")
	}
}

// TestKindOptionsAndDays: the kind filter's choices in the reader's words;
// the day fields' examples from the story's first day to its last.
func TestKindOptionsAndDays(t *testing.T) {
	s := &geo.Story{Sites: []geo.Site{{Kind: "city"}, {Kind: "embassy"}, {Kind: "port"}}}
	kinds, names := newWords(lang.Get("en"), nil).kindOptions(s)
	if !slices.Equal(kinds, []string{"embassy", "city", "port"}) || !slices.Equal(names, []string{"Embassy", "City", "Port"}) {
		t.Errorf("kinds %q names %q", kinds, names)
	}
	ts := trackStory(t)
	ts.Events[1].Time.End = date(t, "2025-02")
	if a, b := storyDays(ts); a != "2024-01-01" || b != "2025-02-28" {
		t.Errorf("storyDays = %q, %q", a, b)
	}
}

// TestMatchAt: stepping among the matches announces where the reader is
// ("3 of 12 matches"); an event the selection leaves out, or no selection,
// announces nothing.
func TestMatchAt(t *testing.T) {
	sel := &geo.Selection{Kept: []int{2, 5, 8}}
	for _, tc := range []struct {
		name, lang string
		sel        *geo.Selection
		cur        int
		want       string
	}{
		{"second-of-three", "en", sel, 5, "2 of 3 matches"},
		{"first", "en", sel, 2, "1 of 3 matches"},
		{"one-match", "en", &geo.Selection{Kept: []int{4}}, 4, "1 of 1 match"},
		{"left-out", "en", sel, 3, ""},
		{"no-selection", "en", nil, 3, ""},
		{"arabic", "ar", sel, 8, "النتيجة 3 من 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := newWords(lang.Get(tc.lang), nil).matchAt(tc.sel, tc.cur); got != tc.want {
				t.Errorf("matchAt(%d) = %q, want %q", tc.cur, got, tc.want)
			}
		})
	}
}
