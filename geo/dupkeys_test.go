package geo_test

import (
	"strings"
	"testing"

	"mapline/geo"
)

func TestDuplicateKeys(t *testing.T) {
	const msg2 = ": written 2 times in one object: the map uses the last, other JSON readers may use another; keep one"
	feature := func(props string) string {
		return `{"type":"FeatureCollection","features":[{"type":"Feature","id":"s","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"name":"S"}},` + props + `]}`
	}
	for _, tc := range []struct {
		name, src string
		want      []string // Problem.Error() of each warning
	}{
		{name: "none", src: feature(`{"type":"Feature","id":"e","properties":{"title":"a","time":"2025"}}`)},
		{name: "same-key-in-two-objects-is-fine", src: feature(`{"type":"Feature","id":"e","properties":{"title":"a","time":"2025","title:fr":"b"},"title":"x"}`)},
		{name: "top-level", src: `{"type":"FeatureCollection","title":"a","features":[],"title":"b"}`,
			want: []string{"geo: warning: title" + msg2}},
		{name: "in-properties-with-the-id-after", src: feature(`{"type":"Feature","properties":{"title":"a","title":"b"},"id":"e"}`),
			want: []string{`geo: warning: feature 1 ("e"): properties.title` + msg2}},
		{name: "numeric-id", src: feature(`{"type":"Feature","id":7,"properties":{"time":"2025","time":"2026"}}`),
			want: []string{`geo: warning: feature 1 ("7"): properties.time` + msg2}},
		{name: "duplicate-id-the-last-named", src: feature(`{"type":"Feature","id":"a","id":"b","properties":{}}`),
			want: []string{`geo: warning: feature 1 ("b"): id` + msg2}},
		{name: "in-geometry", src: `{"type":"FeatureCollection","features":[{"type":"Feature","id":"s","geometry":{"type":"Point","coordinates":[1,2],"coordinates":[3,4]}}]}`,
			want: []string{`geo: warning: feature 0 ("s"): geometry.coordinates` + msg2}},
		{name: "deep-in-an-array", src: feature(`{"type":"Feature","id":"e","properties":{"media":[{"url":"a"},{"url":"b","url":"c"}]}}`),
			want: []string{`geo: warning: feature 1 ("e"): properties.media[1].url` + msg2}},
		{name: "three-times", src: feature(`{"type":"Feature","id":"e","properties":{"sites":[],"sites":[],"sites":["s"]}}`),
			want: []string{`geo: warning: feature 1 ("e"): properties.sites: written 3 times in one object: the map uses the last, other JSON readers may use another; keep one`}},
		{name: "in-the-order-of-the-file", src: `{"type":"FeatureCollection","title":"a","title":"b","features":[{"type":"Feature","id":"e","type":"Feature","properties":{}}]}`,
			want: []string{"geo: warning: title" + msg2, `geo: warning: feature 0 ("e"): type` + msg2}},
		{name: "escaped-keys-compare-decoded", src: `{"type":"FeatureCollection","features":[],"titl\u0065":"a","title":"b"}`,
			want: []string{"geo: warning: title" + msg2}},
		{name: "not-json-stops-quietly", src: `{"type":"FeatureCollection","title":"a","title":"b",`,
			want: []string{"geo: warning: title: written 2 times in one object: the map uses the last, other JSON readers may use another; keep one"}},
		{name: "not-an-object", src: `[1,2,{"a":1,"a":2}]`, want: []string{"geo: warning: [2].a" + msg2}},
		{name: "empty", src: ``},
		{name: "odd-keys-quoted", src: `{"":1,"":2,"a.b":{"x y":1,"x y":2},"a.b":3}`,
			want: []string{`geo: warning: ""` + msg2, `geo: warning: "a.b"."x y"` + msg2, `geo: warning: "a.b"` + msg2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			probs := geo.DuplicateKeys([]byte(tc.src))
			var got []string
			for _, p := range probs {
				if p.Severity != geo.Warning {
					t.Errorf("%v is not a warning", p)
				}
				got = append(got, p.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestDuplicateKeysOverTheCap: a file larger than a story may be is not
// walked (Load refuses it).
func TestDuplicateKeysOverTheCap(t *testing.T) {
	src := `{"a":1,"a":2,"pad":"` + strings.Repeat(" ", geo.MaxStoryBytes) + `"}`
	if p := geo.DuplicateKeys([]byte(src)); p != nil {
		t.Errorf("warnings %v for a file over the cap", p)
	}
}

// FuzzDuplicateKeys: any bytes are walked without a panic, and every
// warning is complete; a file Load reads without a key twice gets none.
func FuzzDuplicateKeys(f *testing.F) {
	f.Add([]byte(`{"type":"FeatureCollection","title":"a","title":"b","features":[{"id":1,"properties":{"x":[{"a":1,"a":2}]}}]}`))
	f.Add([]byte(`{"a\u0022":1,"a\"":2,"b":"\\","b":"`))
	f.Add([]byte(`[[[{"":{"":1,"":2}}]]]`))
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, p := range geo.DuplicateKeys(src) {
			if p.Msg == "" || p.Field == "" || p.Severity != geo.Warning {
				t.Errorf("incomplete warning %+v", p)
			}
		}
	})
}
