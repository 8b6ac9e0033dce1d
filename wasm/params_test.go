package main

import (
	"strconv"
	"strings"
	"testing"

	"mapline/geo"
)

func TestReadParams(t *testing.T) {
	const page = "http://localhost:8080/embed.html"
	for _, tc := range []struct {
		name     string
		href     string
		data     string    // want pr.data
		view     []float64 // lat, lon, zoom; nil for none
		t        string
		event    string
		mode     geo.Mode
		play     bool
		coop     string   // want pr.coop: "true", "false", or "" for unset
		problems []string // substrings, one per problem
	}{
		{name: "defaults", href: page, data: "http://localhost:8080/data/story.geojson"},
		{name: "relative-data", href: page + "?data=stories/a.geojson", data: "http://localhost:8080/stories/a.geojson"},
		{name: "absolute-same-origin", href: page + "?data=http://localhost:8080/x.geojson", data: "http://localhost:8080/x.geojson"},
		{name: "other-origin-refused", href: page + "?data=https://evil.example/x.geojson", problems: []string{"refused"}},
		{name: "other-port-refused", href: page + "?data=http://localhost:9999/x.geojson", problems: []string{"refused"}},
		// The studio's preview loads its story from this site like any
		// other (site/studio-preview.js): a blob: URL, the site's own or
		// not, is not a story's address.
		{name: "blob-same-origin-refused", href: page + "?data=blob:http://localhost:8080/0b7c6a1e-5d1f-4c0e-9a53-2f0c1d9e8b11", problems: []string{"a story loads only over http: or https:"}},
		{name: "blob-other-origin-refused", href: page + "?data=blob:https://evil.example/0b7c6a1e", problems: []string{"a story loads only over http: or https:"}},
		{name: "blob-other-port-refused", href: page + "?data=blob:http://localhost:9999/0b7c6a1e", problems: []string{"refused"}},
		{name: "blob-null-origin-refused", href: page + "?data=blob:null/0b7c6a1e", problems: []string{"refused"}},
		{name: "javascript-url-refused", href: page + "?data=javascript:alert(1)", problems: []string{"refused"}},
		{name: "view", href: page + "?view=33.3,44.4,6.5", data: "http://localhost:8080/data/story.geojson", view: []float64{33.3, 44.4, 6.5}},
		{name: "view-spaces", href: page + "?view=33.3,%2044.4,%206", data: "http://localhost:8080/data/story.geojson", view: []float64{33.3, 44.4, 6}},
		{name: "view-lat-out-of-range", href: page + "?view=99,44,6", data: "http://localhost:8080/data/story.geojson", problems: []string{`view="99,44,6"`}},
		{name: "view-zoom-too-high", href: page + "?view=33,44,30", data: "http://localhost:8080/data/story.geojson", problems: []string{"zoom 1 to 12"}},
		{name: "view-nan", href: page + "?view=NaN,44,6", data: "http://localhost:8080/data/story.geojson", problems: []string{"view="}},
		{name: "view-two-numbers", href: page + "?view=33,44", data: "http://localhost:8080/data/story.geojson", problems: []string{"LAT,LON,ZOOM"}},
		{name: "time", href: page + "?t=2025-06-11", data: "http://localhost:8080/data/story.geojson", t: "2025-06-11"},
		{name: "bad-time", href: page + "?t=2025-02-30", data: "http://localhost:8080/data/story.geojson", problems: []string{"t=", "no day 30"}},
		{name: "mode-point", href: page + "?mode=point", data: "http://localhost:8080/data/story.geojson", mode: geo.Point},
		{name: "mode-bad", href: page + "?mode=all", data: "http://localhost:8080/data/story.geojson", problems: []string{`mode="all" must be cumulative or point`}},
		{name: "autoplay", href: page + "?autoplay=true", data: "http://localhost:8080/data/story.geojson", play: true},
		{name: "autoplay-1", href: page + "?autoplay=1", data: "http://localhost:8080/data/story.geojson", play: true},
		{name: "autoplay-bare", href: page + "?autoplay", data: "http://localhost:8080/data/story.geojson", play: true},
		{name: "autoplay-0", href: page + "?autoplay=0", data: "http://localhost:8080/data/story.geojson"},
		{name: "autoplay-bad", href: page + "?autoplay=yes", data: "http://localhost:8080/data/story.geojson", problems: []string{`autoplay="yes" must be true or false (or 1 or 0)`}},
		{name: "cooperative-0", href: page + "?cooperative=0", data: "http://localhost:8080/data/story.geojson", coop: "false"},
		{name: "page-flags", href: page + "?static=1&dark=1&plain&transparent=0&lazy=false", data: "http://localhost:8080/data/story.geojson"},
		{name: "static-click", href: page + "?static=click&dark=auto", data: "http://localhost:8080/data/story.geojson"},
		{name: "page-flag-bad", href: page + "?plain=yes", data: "http://localhost:8080/data/story.geojson", problems: []string{`plain="yes" must be true or false (or 1 or 0)`}},
		{name: "dark-bad", href: page + "?dark=night", data: "http://localhost:8080/data/story.geojson", problems: []string{`dark="night" must be true, false or auto (or 1 or 0)`}},
		{name: "hash-view", href: page + "?view=1,2,3#event-x&view=33.3,44.4,6.5", data: "http://localhost:8080/data/story.geojson", view: []float64{33.3, 44.4, 6.5}, event: "x"},
		{name: "hash-bad-view", href: page + "#event-x&view=nope", data: "http://localhost:8080/data/story.geojson", event: "x", problems: []string{`view="nope"`}},
		{name: "event", href: page + "#event-ordered-departure", data: "http://localhost:8080/data/story.geojson", event: "ordered-departure"},
		{name: "cooperative-off", href: page + "?cooperative=false", data: "http://localhost:8080/data/story.geojson", coop: "false"},
		{name: "cooperative-on", href: page + "?cooperative=true", data: "http://localhost:8080/data/story.geojson", coop: "true"},
		{name: "cooperative-bad", href: page + "?cooperative=no", data: "http://localhost:8080/data/story.geojson", problems: []string{`cooperative="no" must be true or false`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pr, probs := readParams(tc.href)
			if pr.data != tc.data {
				t.Errorf("data %q, want %q", pr.data, tc.data)
			}
			if (pr.view != nil) != (tc.view != nil) {
				t.Fatalf("view %v, want %v", pr.view, tc.view)
			}
			if pr.view != nil && (pr.view.Center.Lat() != tc.view[0] || pr.view.Center.Lon() != tc.view[1] || pr.view.Zoom != tc.view[2]) {
				t.Errorf("view %v zoom %v, want %v", pr.view.Center, pr.view.Zoom, tc.view)
			}
			got := ""
			if pr.t != nil {
				got = pr.t.ISO()
			}
			if got != tc.t {
				t.Errorf("t %q, want %q", got, tc.t)
			}
			coop := ""
			if pr.coop != nil {
				coop = strconv.FormatBool(*pr.coop)
			}
			if coop != tc.coop {
				t.Errorf("cooperative %q, want %q", coop, tc.coop)
			}
			if pr.mode != tc.mode || pr.play != tc.play {
				t.Errorf("mode %v play %v, want %v %v", pr.mode, pr.play, tc.mode, tc.play)
			}
			if pr.event != tc.event {
				t.Errorf("event %q, want %q", pr.event, tc.event)
			}
			all := strings.Join(probs, "\n")
			for _, want := range tc.problems {
				if !strings.Contains(all, want) {
					t.Errorf("problems %q do not mention %q", all, want)
				}
			}
			if len(tc.problems) == 0 && len(probs) > 0 {
				t.Errorf("unexpected problems: %q", probs)
			}
		})
	}
}

func FuzzReadParams(f *testing.F) {
	for _, s := range []string{"http://a/embed.html?view=1,2,3&t=2025-06&data=x#event-y", "http://a/?view=,,,", "%zz", "http://a/?data=//b/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, href string) {
		pr, _ := readParams(href)
		if pr.view != nil && (pr.view.Zoom < geo.MinZoom || pr.view.Zoom > geo.MaxZoom) {
			t.Fatalf("zoom %v accepted", pr.view.Zoom)
		}
	})
}

func TestTilesParam(t *testing.T) {
	const page = "https://maps.example.org/embed.html"
	for _, tc := range []struct {
		name, href, tiles, prob string
	}{
		{"none", page, "", ""},
		{"same origin", page + "?tiles=tiles/city.pmtiles", "https://maps.example.org/tiles/city.pmtiles", ""},
		{"allowed origin", page + "?tiles=https://cdn.example.net/city.pmtiles", "https://cdn.example.net/city.pmtiles", ""},
		{"foreign origin", page + "?tiles=https://evil.example.com/x.pmtiles", "",
			`tiles="https://evil.example.com/x.pmtiles" is refused: tiles load only from this site (https://maps.example.org) and https://cdn.example.net, not from https://evil.example.com`},
		{"not http", page + "?tiles=file:///etc/passwd", "", `tiles="file:///etc/passwd" is refused: tiles load only over http: or https:`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pr, probs := readParams(tc.href, "https://cdn.example.net")
			if pr.tiles != tc.tiles || pr.tilesProb != tc.prob || len(probs) > 0 {
				t.Errorf("tiles %q, problem %q, other problems %q; want %q, %q", pr.tiles, pr.tilesProb, probs, tc.tiles, tc.prob)
			}
		})
	}
}
