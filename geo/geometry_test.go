package geo_test

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"mapline/geo"
)

// loadFixture loads a story of testdata/stories that has no problem.
func loadFixture(t *testing.T, name string) *geo.Story {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "stories", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := geo.Load(f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func siteIndex(t *testing.T, s *geo.Story, id string) int {
	t.Helper()
	for i := range s.Sites {
		if s.Sites[i].ID == id {
			return i
		}
	}
	t.Fatalf("no site %q", id)
	return -1
}

// TestGeometryProblems: a geometry the story format does not take is a
// problem naming the feature and the field; the rest of the story loads.
func TestGeometryProblems(t *testing.T) {
	many := strings.Repeat("[1, 2], ", geo.MaxFeatureVertices) + "[1, 2]"
	tests := []struct {
		name, feature, want string
	}{
		{"geometry-collection", `{"type": "Feature", "id": "x", "geometry": {"type": "GeometryCollection", "geometries": []}, "properties": {"name": "X"}}`,
			`geometry: must be a Point, MultiPoint, LineString, MultiLineString, Polygon or MultiPolygon (or null), not "GeometryCollection"`},
		{"event-polygon", `{"type": "Feature", "id": "x", "geometry": {"type": "Polygon", "coordinates": [[[1, 2], [2, 2], [2, 3], [1, 2]]]}, "properties": {"time": "2025", "title": "X"}}`,
			`geometry: an event's geometry must be a Point, or a LineString with properties.times (a track), not a Polygon: give the line or area to a site and name it in properties.sites`},
		{"times-without-line", `{"type": "Feature", "id": "x", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"time": "2025", "title": "X", "times": ["2025"]}}`,
			`properties.times: only a track has times: a LineString geometry with one time per position`},
		{"times-not-a-list", `{"type": "Feature", "id": "x", "geometry": {"type": "LineString", "coordinates": [[1, 2], [2, 3]]}, "properties": {"time": "2025", "title": "X", "times": "2025"}}`,
			`properties.times: must be a list of times, one per position, not a string`},
		{"times-bad-date", `{"type": "Feature", "id": "x", "geometry": {"type": "LineString", "coordinates": [[1, 2], [2, 3]]}, "properties": {"time": "2025", "title": "X", "times": ["2025-01-01", "2025-02-30"]}}`,
			`properties.times: item 1: "2025-02-30" is not an ISO 8601 date (February 2025 has no day 30)`},
		{"times-before-time", `{"type": "Feature", "id": "x", "geometry": {"type": "LineString", "coordinates": [[1, 2], [2, 3]]}, "properties": {"time": "2025-06-02", "title": "X", "times": ["2025-06-01T10:00:00Z", "2025-06-02T10:00:00Z"]}}`,
			`properties.times: the first time 2025-06-01T10:00:00Z is before the event's time 2025-06-02`},
		{"times-after-end", `{"type": "Feature", "id": "x", "geometry": {"type": "LineString", "coordinates": [[1, 2], [2, 3]]}, "properties": {"time": "2025-06-02", "end": "2025-06-03", "title": "X", "times": ["2025-06-02T10:00:00Z", "2025-06-05T10:00:00Z"]}}`,
			`properties.times: the last time 2025-06-05T10:00:00Z is after the event's end 2025-06-03`},
		{"coordinate-string", `{"type": "Feature", "id": "x", "geometry": {"type": "LineString", "coordinates": [[1, 2], ["2", 3]]}, "properties": {"name": "X"}}`,
			`geometry: coordinates[1] must be [longitude, latitude]`},
		{"coordinate-out-of-range", `{"type": "Feature", "id": "x", "geometry": {"type": "MultiLineString", "coordinates": [[[1, 2], [2, 3]], [[1, 2], [200, 3]]]}, "properties": {"name": "X"}}`,
			`geometry: coordinates[1][1]: longitude 200 is outside -180..180`},
		{"too-many-positions", `{"type": "Feature", "id": "x", "geometry": {"type": "MultiPoint", "coordinates": [` + many + `]}, "properties": {"name": "X"}}`,
			`geometry: has more than 20000 positions; a feature may have at most 20000`},
		{"empty-multipolygon", `{"type": "Feature", "id": "x", "geometry": {"type": "MultiPolygon", "coordinates": []}, "properties": {"name": "X"}}`,
			`geometry: coordinates: a MultiPolygon needs at least 1 polygon`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := `{"type": "FeatureCollection", "features": [` + tc.feature + `,
				{"type": "Feature", "id": "b", "geometry": {"type": "Point", "coordinates": [44.4, 33.3]}, "properties": {"name": "Baghdad"}}]}`
			s, err := geo.Load(strings.NewReader(src))
			want := `geo: feature 0 ("x"): ` + tc.want
			if err == nil || err.Error() != want {
				t.Errorf("Load error\n got %v\nwant %s", err, want)
			}
			if s == nil || len(s.Sites) != 1 || s.Sites[0].ID != "b" || len(s.Events) != 0 {
				t.Errorf("the rest of the story did not load: %+v", s)
			}
		})
	}
}

// TestStoryVertexLimit: past MaxStoryVertices the features are named and
// left out, the ones before stay.
func TestStoryVertexLimit(t *testing.T) {
	n := geo.MaxFeatureVertices
	line := "[" + strings.Repeat("[1, 2], ", n-1) + "[1, 3]]"
	var b strings.Builder
	b.WriteString(`{"type": "FeatureCollection", "features": [`)
	sites := geo.MaxStoryVertices/n + 1
	for i := range sites {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"type": "Feature", "id": "r` + string(rune('a'+i%26)) + string(rune('a'+i/26)) + `", "geometry": {"type": "LineString", "coordinates": ` + line + `}, "properties": {"name": "R"}}`)
	}
	b.WriteString(`]}`)
	s, err := geo.Load(strings.NewReader(b.String()))
	if len(s.Sites) != sites-1 {
		t.Errorf("%d sites, want %d", len(s.Sites), sites-1)
	}
	want := `geo: feature 25 ("rza"): geometry: the story's lines, areas and tracks have more than 500000 positions together; a story may have at most 500000: this one is left out`
	if err == nil || err.Error() != want {
		t.Errorf("error\n got %v\nwant %s", err, want)
	}
}

// TestGeometryLoads: what the loader keeps of each geometry.
func TestGeometryLoads(t *testing.T) {
	s := loadFixture(t, "geometries.geojson")
	tests := []struct {
		id     string
		typ    string
		anchor orb.Point // where the marker and the name go
	}{
		{"route", "LineString", orb.Point{44.0, 34.74}},      // halfway along, on Web Mercator
		{"front", "MultiLineString", orb.Point{43.25, 35.1}}, // halfway along the longer line
		{"zone", "Polygon", orb.Point{46.02, 32.02}},         // the centroid, pulled off the hole
		{"province", "MultiPolygon", orb.Point{42.5, 30.5}},  // the larger square
		{"strikes", "MultiPoint", orb.Point{34.45, 31.5}},    // the first point
	}
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			st := s.Sites[siteIndex(t, s, tc.id)]
			if st.Geometry == nil || st.Geometry.GeoJSONType() != tc.typ {
				t.Fatalf("geometry %v, want a %s", st.Geometry, tc.typ)
			}
			if d := math.Hypot(st.LonLat[0]-tc.anchor[0], st.LonLat[1]-tc.anchor[1]); d > 0.01 {
				t.Errorf("anchor %v, want about %v", st.LonLat, tc.anchor)
			}
		})
	}
	ev := s.Events[eventIndex(t, s, "convoy")]
	if ev.Path == nil || len(ev.Path.Times) != 3 || len(ev.Path.World) != 3 {
		t.Fatalf("convoy's path %+v", ev.Path)
	}
	// Without an end, the event lasts until its last time.
	if got, want := ev.Time.Until(), time.Date(2025, 6, 13, 12, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("the track lasts until %v, want %v", got, want)
	}
	if ev.Regional() {
		t.Error("a track is regional")
	}
}

// TestBoundsHoldGeometry: fitting the story, and an event, takes in the
// whole of their lines and areas, not only their markers.
func TestBoundsHoldGeometry(t *testing.T) {
	s := loadFixture(t, "geometries.geojson")
	b, ok := s.Bound()
	want := orb.Bound{Min: orb.Point{34.3, 30}, Max: orb.Point{47, 36.19}}
	if !ok || b != want {
		t.Errorf("Story.Bound = %v, want %v", b, want)
	}
	eb, ok := s.EventBound(eventIndex(t, s, "fighting"))
	want = orb.Bound{Min: orb.Point{34.3, 30}, Max: orb.Point{44, 35.5}}
	if !ok || eb != want {
		t.Errorf("EventBound(fighting) = %v, want %v", eb, want)
	}
	eb, ok = s.EventBound(eventIndex(t, s, "convoy"))
	want = orb.Bound{Min: orb.Point{43.99, 33.3}, Max: orb.Point{44.4, 36.19}}
	if !ok || eb != want {
		t.Errorf("EventBound(convoy) = %v, want %v", eb, want)
	}
	v := geo.StartView(s, geo.View{Width: 800, Height: 600})
	if !v.Shows(want, 0) || !v.Shows(orb.Bound{Min: orb.Point{40, 30}, Max: orb.Point{47, 33}}, 0) {
		t.Errorf("the start view %+v does not show the track and the areas", v)
	}
}

// TestPathAt: where a track is at an instant, and how much trail is behind.
func TestPathAt(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2025, 6, 13, h, m, 0, 0, time.UTC) }
	p := geo.Path{
		World: orb.LineString{{0, 0}, {10, 0}, {10, 20}, {10, 20}},
		Times: []time.Time{at(6, 0), at(8, 0), at(12, 0), at(12, 0)},
	}
	tests := []struct {
		name string
		t    time.Time
		want orb.Point
		n    int
	}{
		{"before", at(5, 0), orb.Point{0, 0}, 0},
		{"first", at(6, 0), orb.Point{0, 0}, 0},
		{"quarter-way", at(6, 30), orb.Point{2.5, 0}, 1},
		{"second", at(8, 0), orb.Point{10, 0}, 2},
		{"halfway-up", at(10, 0), orb.Point{10, 10}, 2},
		{"last", at(12, 0), orb.Point{10, 20}, 4},
		{"after", at(13, 0), orb.Point{10, 20}, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, n := p.At(tc.t)
			if math.Abs(got[0]-tc.want[0]) > 1e-9 || math.Abs(got[1]-tc.want[1]) > 1e-9 || n != tc.n {
				t.Errorf("At = %v, %d; want %v, %d", got, n, tc.want, tc.n)
			}
		})
	}
}
