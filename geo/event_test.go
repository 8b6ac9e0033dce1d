package geo_test

import (
	"errors"
	"strings"
	"testing"

	"mapline/geo"
)

const twoSites = `{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[51.4,35.7]},"properties":{"name":"A"}},
{"type":"Feature","id":"b","geometry":{"type":"Point","coordinates":[42.4,33.8]},"properties":{"name":"B"}},`

func TestEventCameraAndLinks(t *testing.T) {
	for _, tc := range []struct {
		name, props string
		err         string // substring of the error; "" for none
		check       func(t *testing.T, e *geo.Event)
	}{
		{name: "view-array", props: `"view":[33.5,44.2,6]`, check: func(t *testing.T, e *geo.Event) {
			if e.Camera == nil || e.Camera.Center.Lat() != 33.5 || e.Camera.Center.Lon() != 44.2 || e.Camera.Zoom != 6 {
				t.Errorf("camera %+v", e.Camera)
			}
		}},
		{name: "view-string", props: `"view":"33.5, 44.2, 6.5"`, check: func(t *testing.T, e *geo.Event) {
			if e.Camera == nil || e.Camera.Zoom != 6.5 {
				t.Errorf("camera %+v", e.Camera)
			}
		}},
		{name: "view-zoom-out-of-range", props: `"view":[33,44,40]`, err: `feature 2 ("e"): properties.view: zoom 40 must be 1 to 12`},
		{name: "view-nan", props: `"view":"NaN,44,6"`, err: "properties.view: latitude NaN"},
		{name: "view-two-numbers", props: `"view":[33,44]`, err: "properties.view: must be [latitude, longitude, zoom]"},
		{name: "view-huge-latitude", props: `"view":[1e309,44,6]`, err: "properties.view: latitude 1e309 is out of range: -90 to 90"},
		{name: "view-huge-zoom-string", props: `"view":"33,44,1e400"`, err: "properties.view: zoom 1e400 must be 1 to 12"},
		{name: "view-longitude-out", props: `"view":[33,200,6]`, err: "properties.view: longitude 200 is out of range: -180 to 180"},
		{name: "view-not-a-number", props: `"view":"33,east,6"`, err: `properties.view: the longitude "east" is not a number`},
		{name: "view-strings-in-array", props: `"view":["33",44,6]`, err: "properties.view: must be [latitude, longitude, zoom]: item 0 is a string, not a number"},
		{name: "links", props: `"links":[["a","b"]]`, check: func(t *testing.T, e *geo.Event) {
			if len(e.Links) != 1 || e.Links[0] != [2]int{0, 1} {
				t.Errorf("links %v", e.Links)
			}
		}},
		{name: "link-unknown-site", props: `"links":[["a","zz"]]`, err: `properties.links: no site has the id "zz"`},
		{name: "link-to-itself", props: `"links":[["a","a"]]`, err: "properties.links: item 0 must be two different site ids"},
		{name: "links-not-pairs", props: `"links":["a","b"]`, err: "properties.links: must be a list of site id pairs"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := `{"type":"FeatureCollection","features":[` + twoSites +
				`{"type":"Feature","id":"e","geometry":null,"properties":{"time":"2025-06-11","title":"E",` + tc.props + `}}]}`
			s, err := geo.Load(strings.NewReader(src))
			if tc.err != "" {
				var le *geo.LoadError
				if !errors.As(err, &le) || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, &s.Events[0])
		})
	}
}
