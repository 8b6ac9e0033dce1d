package geo_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"mapline/geo"
)

// limitStory is a story of n sites and one event naming the first named of
// them, with the event's title and the story's title given.
func limitStory(n, named int, title, storyTitle string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `{"type":"FeatureCollection","title":%q,"features":[`, storyTitle)
	for i := range n {
		fmt.Fprintf(&b, `{"type":"Feature","id":"s%d","geometry":{"type":"Point","coordinates":[%d.5,%d.25]},"properties":{"name":"S%d"}},`, i, i%359-179, i%170-85, i)
	}
	fmt.Fprintf(&b, `{"type":"Feature","id":"e","geometry":null,"properties":{"time":"2025-01-01","title":%q,"sites":[`, title)
	for i := range named {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"s%d"`, i)
	}
	b.WriteString(`]}},{"type":"Feature","id":"f","geometry":null,"properties":{"time":"2025-01-02","title":"the other event","sites":["s0"]}}]}`)
	return b.String()
}

// TestLimits: past each limit Load names the feature and the field, and the
// rest of the story still loads.
func TestLimits(t *testing.T) {
	zalgo := "Talks" + strings.Repeat("\u0301", geo.MaxCombining+1)
	for _, tc := range []struct {
		name   string
		src    string
		err    string // a problem of the error; "" for none
		events int    // events loaded
		sites  int
	}{
		{"at-the-limits", limitStory(geo.MaxSitesPerEvent, geo.MaxSitesPerEvent, strings.Repeat("é", geo.MaxTitle), strings.Repeat("t", geo.MaxTitle)), "", 2, geo.MaxSitesPerEvent},
		{"vietnamese-and-arabic-marks", limitStory(1, 1, "Hội đàm ở Hà Nội, مُحَادَثَاتٌ", "ok"), "", 2, 1},
		{"marks-at-the-limit", limitStory(1, 1, "a"+strings.Repeat("\u0301", geo.MaxCombining), "ok"), "", 2, 1},
		{"too-many-sites-named", limitStory(geo.MaxSitesPerEvent+1, geo.MaxSitesPerEvent+1, "t", "ok"),
			fmt.Sprintf(`geo: feature %d ("e"): properties.sites: names %d sites; an event may name at most %d`, geo.MaxSitesPerEvent+1, geo.MaxSitesPerEvent+1, geo.MaxSitesPerEvent), 1, geo.MaxSitesPerEvent + 1},
		{"too-many-sites", limitStory(geo.MaxSites+5, 1, "t", "ok"),
			fmt.Sprintf(`geo: features: the story has %d sites; a story may have at most %d: the sites from feature %d ("s%d") on are left out`, geo.MaxSites+5, geo.MaxSites, geo.MaxSites, geo.MaxSites), 2, geo.MaxSites},
		{"long-title", limitStory(1, 1, strings.Repeat("x", 100000), "ok"),
			fmt.Sprintf(`geo: feature 1 ("e"): properties.title: is 100000 characters long; it may have at most %d`, geo.MaxTitle), 1, 1},
		{"long-title-arabic", limitStory(1, 1, strings.Repeat("ب", geo.MaxTitle+1), "ok"),
			fmt.Sprintf(`geo: feature 1 ("e"): properties.title: is %d characters long; it may have at most %d`, geo.MaxTitle+1, geo.MaxTitle), 1, 1},
		{"combining-run", limitStory(1, 1, zalgo, "ok"),
			fmt.Sprintf(`geo: feature 1 ("e"): properties.title: has more than %d combining marks in a row (at byte %d); it may have at most %d`, geo.MaxCombining, 5+2*geo.MaxCombining, geo.MaxCombining), 1, 1},
		{"combining-marks-alone", limitStory(1, 1, strings.Repeat("\u0489", 50000), "ok"),
			fmt.Sprintf(`properties.title: has more than %d combining marks in a row`, geo.MaxCombining), 1, 1},
		{"long-story-title", limitStory(1, 1, "t", strings.Repeat("x", geo.MaxTitle+1)),
			fmt.Sprintf(`geo: title: is %d characters long; it may have at most %d`, geo.MaxTitle+1, geo.MaxTitle), 2, 1},
		{"long-description", strings.Replace(limitStory(1, 1, "t", "ok"), `"title":"the other event"`, `"title":"the other event","description":"`+strings.Repeat("d", geo.MaxText+1)+`"`, 1),
			fmt.Sprintf(`geo: feature 2 ("f"): properties.description: is %d characters long; it may have at most %d`, geo.MaxText+1, geo.MaxText), 1, 1},
		{"long-name-in-arabic", strings.Replace(limitStory(1, 1, "t", "ok"), `"name":"S0"`, `"name":"S0","name:ar":"`+strings.Repeat("ب", geo.MaxTitle+1)+`"`, 1),
			fmt.Sprintf(`geo: feature 0 ("s0"): properties.name:ar: is %d characters long; it may have at most %d`, geo.MaxTitle+1, geo.MaxTitle), 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := geo.Load(strings.NewReader(tc.src))
			var le *geo.LoadError
			if err != nil && !errors.As(err, &le) {
				t.Fatalf("a fatal error: %v", err)
			}
			switch {
			case tc.err == "" && err != nil:
				t.Errorf("error %v, want none", err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Errorf("error %v,\nwant one with %q", err, tc.err)
			}
			if s == nil {
				t.Fatal("no story")
			}
			if len(s.Events) != tc.events || len(s.Sites) != tc.sites {
				t.Errorf("%d events and %d sites, want %d and %d", len(s.Events), len(s.Sites), tc.events, tc.sites)
			}
		})
	}
}
