package main

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"mapline/geo"
	"mapline/internal/origin"
)

// FuzzParamsAndOrigins: any page address and list of data origins is read without
// a panic; a story is loaded only from the page's own origin or a listed
// one, over http(s); a view is within the map's limits; every problem is a
// sentence.
func FuzzParamsAndOrigins(f *testing.F) {
	const page = "https://news.example/mapline/embed.html"
	for _, s := range []struct{ href, origins string }{
		{page, ""},
		{page + "?data=https://DATA.example.org/a.geojson&view=33,44,6&t=2025-06-11&mode=point&autoplay=true&cooperative=false#event-x&view=1,2,3", "https://data.example.org"},
		{page + "?data=javascript:alert(1)", "https://a.example,http://b.example:80"},
		{page + "?view=1e309,0,3&t=2025-06-11T25:61:61Z", "https://a.example;script-src"},
		{page + "#event-%zz&view=%", "HTTPS://A.Example:443/"},
		{"http://[::1]:8080/embed.html?data=//evil.example/x", "http://[::1]:8080"},
	} {
		f.Add(s.href, s.origins)
	}
	f.Fuzz(func(t *testing.T, href, meta string) {
		origins, oprobs := dataOrigins(meta)
		for _, o := range origins {
			if got, err := origin.Parse(o); err != nil || got != o {
				t.Errorf("data origin %q does not read back (%q, %v)", o, got, err)
			}
		}
		pr, probs := readParams(href, origins...)
		for _, p := range append(oprobs, probs...) {
			if strings.TrimSpace(p) == "" {
				t.Errorf("an empty problem for %q", href)
			}
		}
		if pr.data != "" {
			d, err := url.Parse(pr.data)
			// The hash is read apart (hash.go): a bad escape in it spoils
			// only itself, so the page is its address before the "#".
			pageURL, _, _ := strings.Cut(href, "#")
			page, perr := url.Parse(pageURL)
			if err != nil || perr != nil {
				t.Fatalf("data %q from a page %q that does not read back: %v %v", pr.data, href, err, perr)
			}
			if o := origin.Of(d); o == "" || (!origin.Same(d, page) && !slices.Contains(origins, o)) {
				t.Errorf("data %q loads from %q: neither the page's origin (%q) nor listed (%q)", pr.data, o, origin.Of(page), origins)
			}
		}
		if v := pr.view; v != nil {
			if !(v.Center.Lat() >= -90 && v.Center.Lat() <= 90 && v.Center.Lon() >= -180 && v.Center.Lon() <= 180 &&
				v.Zoom >= geo.MinZoom && v.Zoom <= geo.MaxZoom) {
				t.Errorf("view %v zoom %v out of the map's limits", v.Center, v.Zoom)
			}
		}
	})
}
