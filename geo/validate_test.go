package geo_test

import (
	"strings"
	"testing"

	"mapline/geo"
)

// TestCheck: each warning Check gives, on a story made to have it, with the
// whole text; and none on the demo story.
func TestCheck(t *testing.T) {
	const (
		baghdad = `{"type": "Feature", "id": "baghdad", "geometry": {"type": "Point", "coordinates": [44.40, 33.30]}, "properties": {"name": "Baghdad"}}`
		erbil   = `{"type": "Feature", "id": "erbil", "geometry": {"type": "Point", "coordinates": [44.01, 36.19]}, "properties": {"name": "Erbil"}}`
		basra   = `{"type": "Feature", "id": "basra", "geometry": {"type": "Point", "coordinates": [47.78, 30.51]}, "properties": {"name": "Basra"}}`
	)
	event := func(id, time, sites string) string {
		return `{"type": "Feature", "id": "` + id + `", "geometry": null, "properties": {"time": "` + time + `", "title": "T ` + id + `", "source": "Wire", "sites": [` + sites + `]}}`
	}
	uses := event("e1", "2025-06-11", `"baghdad", "erbil", "basra"`)
	story := func(fs ...string) string {
		return `{"type": "FeatureCollection", "features": [` + strings.Join(fs, ",\n") + `]}`
	}
	tests := []struct {
		name, src string
		want      []string
	}{
		{name: "clean", src: story(baghdad, erbil, basra, uses)},
		{name: "unused-site", src: story(baghdad, erbil, basra, event("e1", "2025-06-11", `"baghdad", "erbil"`)),
			want: []string{`geo: warning: feature 2 ("basra"): no event refers to this site (add its id to an event's properties.sites, or remove it)`}},
		{name: "site-used-by-a-link-only", src: story(baghdad, erbil, basra,
			`{"type": "Feature", "id": "l", "geometry": null, "properties": {"time": "2025-06-11", "title": "L", "source": "W", "sites": ["baghdad"], "links": [["erbil", "basra"]]}}`)},
		{name: "swapped-site", src: story(baghdad, erbil, basra, uses,
			`{"type": "Feature", "id": "mosul", "geometry": {"type": "Point", "coordinates": [36.34, 43.13]}, "properties": {"name": "Mosul"}}`,
			event("e2", "2025-06-12", `"mosul"`)),
			want: []string{`geo: warning: feature 4 ("mosul"): geometry: [36.34, 43.13] is far from the story's other places; swapped, [43.13, 36.34] is among them: GeoJSON puts the longitude first`}},
		{name: "swapped-event-point", src: story(baghdad, erbil, basra, uses,
			`{"type": "Feature", "id": "e2", "geometry": {"type": "Point", "coordinates": [33.3, 44.4]}, "properties": {"time": "2025-06-12", "title": "At the embassy", "source": "W"}}`),
			want: []string{`geo: warning: feature 4 ("e2"): geometry: [33.3, 44.4] is far from the story's other places; swapped, [44.4, 33.3] is among them: GeoJSON puts the longitude first`}},
		{name: "far-but-not-swapped", src: story(baghdad, erbil, basra, uses,
			`{"type": "Feature", "id": "rome", "geometry": {"type": "Point", "coordinates": [12.5, 41.9]}, "properties": {"name": "Rome"}}`,
			event("e2", "2025-06-12", `"rome"`))},
		{name: "same-site-twice", src: story(baghdad, erbil, basra, uses,
			`{"type": "Feature", "id": "baghdad-2", "geometry": {"type": "Point", "coordinates": [44.40, 33.30]}, "properties": {"name": "Baghdad"}}`,
			event("e2", "2025-06-12", `"baghdad-2"`)),
			want: []string{`geo: warning: feature 4 ("baghdad-2"): properties.name: feature 0 ("baghdad") has the same name and place: the same site twice?`}},
		{name: "same-event-twice", src: story(baghdad, erbil, basra, uses,
			`{"type": "Feature", "id": "again", "geometry": null, "properties": {"time": "2025-06-11", "title": "T e1", "source": "W"}}`),
			want: []string{`geo: warning: feature 4 ("again"): properties.title: feature 3 ("e1") has the same title and time: the same event twice?`}},
		{name: "midnight-utc", src: story(baghdad, erbil, basra, uses, event("e2", "2025-06-12T00:00:00Z", "")),
			want: []string{`geo: warning: feature 4 ("e2"): properties.time: 2025-06-12T00:00:00Z is exactly midnight UTC: if only the day is known, write 2025-06-12`}},
		{name: "first-of-january", src: story(baghdad, erbil, basra, uses, event("e2", "2025-01-01", "")),
			want: []string{`geo: warning: feature 4 ("e2"): properties.time: 2025-01-01 is 1 January: if only the year is known, write 2025 (spreadsheets turn a year into its first day)`}},
		{name: "end-first-of-january", src: story(baghdad, erbil, basra, uses,
			`{"type": "Feature", "id": "e2", "geometry": null, "properties": {"time": "2024-06", "end": "2025-01-01", "title": "Long", "source": "W"}}`),
			want: []string{`geo: warning: feature 4 ("e2"): properties.end: 2025-01-01 is 1 January: if only the year is known, write 2025 (spreadsheets turn a year into its first day)`}},
		{name: "year-typo", src: story(baghdad, erbil, basra, uses, event("e2", "2025-06-12", ""), event("e3", "2025-06-13", ""), event("e4", "1925-06-14", "")),
			want: []string{`geo: warning: feature 6 ("e4"): properties.time: 1925-06-14 is 100 years from the story's other events: a typo in the year?`}},
		{name: "no-source", src: story(baghdad, erbil, basra, uses,
			`{"type": "Feature", "id": "e2", "geometry": null, "properties": {"time": "2025-06-12", "title": "Unsourced"}}`),
			want: []string{`geo: warning: feature 4 ("e2"): properties.source: no source: readers expect one (a URL or the name of the source)`}},
		{name: "source-without-scheme", src: story(baghdad, erbil, basra, uses,
			`{"type": "Feature", "id": "e2", "geometry": null, "properties": {"time": "2025-06-12", "title": "W", "source": "www.example.org/news/1"}}`,
			`{"type": "Feature", "id": "e3", "geometry": null, "properties": {"time": "2025-06-13", "title": "X", "source": "example.org/news/2"}}`,
			`{"type": "Feature", "id": "e4", "geometry": null, "properties": {"time": "2025-06-14", "title": "Y", "source": "Reuters: a statement, 14 June"}}`,
			`{"type": "Feature", "id": "e5", "geometry": null, "properties": {"time": "2025-06-15", "title": "Z", "source": "JavaScript:alert(1)"}}`,
			`{"type": "Feature", "id": "e6", "geometry": null, "properties": {"time": "2025-06-16", "title": "V", "source": "U.S. State Department"}}`,
			`{"type": "Feature", "id": "e7", "geometry": null, "properties": {"time": "2025-06-17", "title": "U", "source": "//example.org/x"}}`),
			want: []string{
				`geo: warning: feature 4 ("e2"): properties.source: "www.example.org/news/1" is shown as text, not as a link: write https://www.example.org/news/1`,
				`geo: warning: feature 5 ("e3"): properties.source: "example.org/news/2" is shown as text, not as a link: write https://example.org/news/2`,
				`geo: warning: feature 7 ("e5"): properties.source: a javascript: address is shown as text, not as a link: only http: and https: sources become links`,
				`geo: warning: feature 9 ("e7"): properties.source: "//example.org/x" is shown as text, not as a link: write https://example.org/x`,
			}},
		{name: "in-file-order", src: story(basra, baghdad, erbil,
			`{"type": "Feature", "id": "late", "geometry": null, "properties": {"time": "2025-06-12", "title": "Late"}}`,
			`{"type": "Feature", "id": "early", "geometry": null, "properties": {"time": "2025-06-11", "title": "Early", "sites": ["baghdad", "erbil"]}}`),
			want: []string{
				`geo: warning: feature 0 ("basra"): no event refers to this site (add its id to an event's properties.sites, or remove it)`,
				`geo: warning: feature 3 ("late"): properties.source: no source: readers expect one (a URL or the name of the source)`,
				`geo: warning: feature 4 ("early"): properties.source: no source: readers expect one (a URL or the name of the source)`,
			}},
		{name: "empty", src: story()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range geo.Check(loadString(t, tt.src)) {
				if p.Severity != geo.Warning {
					t.Errorf("Check gave an error: %v", p)
				}
				got = append(got, p.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Check\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(tt.want, "\n     "))
			}
		})
	}
	if ps := geo.Check(loadDemo(t)); len(ps) > 0 {
		t.Errorf("the demo story has warnings: %v", ps)
	}
}
