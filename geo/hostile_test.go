package geo_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"mapline/geo"
)

// TestLoadHostile: input that is broken or made to hurt is refused with a
// message that says what is wrong and where, and never panics.
func TestLoadHostile(t *testing.T) {
	const head = `{"type": "FeatureCollection", "features": [`
	site := func(geom string) string {
		return head + `{"type": "Feature", "id": "a", "geometry": ` + geom + `, "properties": {"name": "A"}}]}`
	}
	nan := site(`{"type": "Point", "coordinates": [NaN, 1]}`)
	inf := site(`{"type": "Point", "coordinates": [1, Infinity]}`)
	minf := site(`{"type": "Point", "coordinates": [-Infinity, 1]}`)
	col := func(src, at string) int { return strings.Index(src, at) + 1 }
	deepProp := head + `{"type": "Feature", "id": "a", "geometry": null, "properties": {"x": ` + strings.Repeat(`{"a":`, 70) + `1` + strings.Repeat("}", 70) + `}}]}`
	truncated := head + `{"type": "Feature"`
	tests := []struct {
		name, src string
		err       string // the whole error text
		fatal     bool
	}{
		{name: "nesting-deep", fatal: true, src: strings.Repeat("[", 100000) + strings.Repeat("]", 100000),
			err: "geo: the story is not a story: its JSON nests deeper than 64 levels at line 1, column 65"},
		{name: "nesting-deep-in-a-property", fatal: true, src: deepProp,
			// The 65th level: the collection, features, the feature, properties and 61 of the 70.
			err: fmt.Sprintf("geo: the story is not a story: its JSON nests deeper than 64 levels at line 1, column %d", col(deepProp, `"x": `)+len(`"x": `)+60*len(`{"a":`))},
		{name: "nesting-deep-in-a-string-is-text", src: head + `{"type": "Feature", "id": "a", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"name": "` + strings.Repeat("[{", 100) + `"}}]}`},
		{name: "nan", fatal: true, src: nan,
			err: fmt.Sprintf("geo: the story is not valid JSON: line 1, column %d: NaN is not a JSON number: every coordinate must be a finite number", col(nan, "NaN"))},
		{name: "infinity", fatal: true, src: inf,
			err: fmt.Sprintf("geo: the story is not valid JSON: line 1, column %d: Infinity is not a JSON number: every coordinate must be a finite number", col(inf, "Infinity"))},
		{name: "minus-infinity", fatal: true, src: minf,
			// The error is at the I: "-" begins a number.
			err: fmt.Sprintf("geo: the story is not valid JSON: line 1, column %d: -Infinity is not a JSON number: every coordinate must be a finite number", col(minf, "Infinity"))},
		{name: "number-too-large", src: site(`{"type": "Point", "coordinates": [1e400, 1]}`),
			err: `geo: feature 0 ("a"): geometry: coordinates[0]: 1e400 is not a number of degrees`},
		{name: "coordinate-string", src: site(`{"type": "Point", "coordinates": ["44.4", 33.3]}`),
			err: `geo: feature 0 ("a"): geometry: coordinates[0] must be a number of degrees, not a string`},
		{name: "latitude-out-of-range", src: site(`{"type": "Point", "coordinates": [44.4, 133.3]}`),
			err: `geo: feature 0 ("a"): geometry: latitude 133.3 is outside -90..90`},
		{name: "geometry-string", src: site(`"POINT(1 2)"`),
			err: `geo: feature 0 ("a"): geometry: must be a GeoJSON geometry object or null, not a string`},
		{name: "properties-array", src: head + `{"type": "Feature", "id": "a", "geometry": null, "properties": []}]}`,
			err: `geo: feature 0 ("a"): properties: must be an object or null, not an array`},
		{name: "id-boolean", src: head + `{"type": "Feature", "id": true, "geometry": null, "properties": {"time": "2025", "title": "x"}}]}`,
			err: `geo: feature 0: id: must be a string, not a boolean`},
		{name: "date-that-does-not-exist", src: head + `{"type": "Feature", "id": "e", "geometry": null, "properties": {"time": "2023-02-29", "title": "x"}}]}`,
			err: `geo: feature 0 ("e"): properties.time: "2023-02-29" is not an ISO 8601 date (February 2023 has no day 29)`},
		{name: "month-13", src: head + `{"type": "Feature", "id": "e", "geometry": null, "properties": {"time": "2025-13", "title": "x"}}]}`,
			err: `geo: feature 0 ("e"): properties.time: "2025-13" is not an ISO 8601 date (the month must be 01 to 12)`},
		{name: "time-without-zone", src: head + `{"type": "Feature", "id": "e", "geometry": null, "properties": {"time": "2025-06-11T14:00", "title": "x"}}]}`,
			err: `geo: feature 0 ("e"): properties.time: "2025-06-11T14:00" is not an ISO 8601 date (expected YYYY-MM-DDThh:mm:ssZ with a time zone)`},
		{name: "type-twice-last-wins", fatal: true, src: head + `], "type": "Feature"}`,
			err: `geo: the story must be a GeoJSON FeatureCollection, not "Feature"`},
		{name: "truncated", fatal: true, src: truncated,
			err: fmt.Sprintf("geo: the story is not valid JSON: line 1, column %d: unexpected end of JSON input", len(truncated))},
		{name: "nul-bytes", fatal: true, src: "\x00\x00\x00",
			err: `geo: the story is not valid JSON: line 1, column 1: invalid character '\x00' looking for beginning of value`},
		{name: "utf16", fatal: true, src: "\xff\xfe{\x00}\x00",
			err: `geo: the story is not valid JSON: line 1, column 1: invalid character 'ÿ' looking for beginning of value`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := geo.Load(strings.NewReader(tt.src))
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.err {
				t.Errorf("error\n got %s\nwant %s", got, tt.err)
			}
			if tt.fatal != (s == nil) {
				t.Errorf("story %v, want one: %v", s != nil, !tt.fatal)
			}
		})
	}
}

// TestLoadFiftyMB: a 50 MB file is refused with the limit in the message,
// after reading no more than the limit and a byte.
func TestLoadFiftyMB(t *testing.T) {
	r := &countingReader{r: io.MultiReader(strings.NewReader(`{"type": "FeatureCollection", "features": [`), io.LimitReader(spaces{}, 50<<20))}
	s, err := geo.Load(r)
	if s != nil || err == nil || err.Error() != "geo: the story is larger than 20 MB" {
		t.Errorf("Load = %v, %v", s, err)
	}
	if r.n > geo.MaxStoryBytes+1 {
		t.Errorf("read %d bytes, want at most %d", r.n, geo.MaxStoryBytes+1)
	}
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// bigStory is a story of n events at 100 sites, as an author might write it.
func bigStory(n int) string {
	var b strings.Builder
	b.WriteString(`{"type": "FeatureCollection", "title": "Big", "features": [`)
	for i := range 100 {
		fmt.Fprintf(&b, "\n{\"type\": \"Feature\", \"id\": \"s%d\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [%d.5, %d.25]}, \"properties\": {\"name\": \"Site %d\"}},", i, 30+i%20, 20+i/10, i)
	}
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "\n{\"type\": \"Feature\", \"id\": \"e%d\", \"geometry\": null, \"properties\": {\"time\": \"%04d-%02d-%02d\", \"title\": \"Event %d\", \"source\": \"Wire\", \"sites\": [\"s%d\"]}}",
			i, 1900+i%120, 1+i%12, 1+i%28, i, i%100)
	}
	b.WriteString("\n]}")
	return b.String()
}

// TestLoadManyEvents: 100,000 events load, in order, under the size limit.
func TestLoadManyEvents(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 100,000 events")
	}
	src := bigStory(100000)
	if len(src) > geo.MaxStoryBytes {
		t.Fatalf("the story is %d bytes, over the limit", len(src))
	}
	s, err := geo.Load(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Events) != 100000 || len(s.Sites) != 100 {
		t.Errorf("%d events, %d sites", len(s.Events), len(s.Sites))
	}
	var le *geo.LoadError
	if errors.As(err, &le) {
		t.Errorf("problems: %v", le)
	}
}
