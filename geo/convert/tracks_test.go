package convert_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"mapline/geo"
	"mapline/geo/convert"
)

// TestTracks: a line with a time per position, in the layouts that carry
// one (Leaflet.TimeDimension's times and coordTimes, togeojson's
// coordinateProperties.times from a GPX track), is one event: a track
// with its times, at its positions (elevations dropped).
func TestTracks(t *testing.T) {
	utc := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	tests := []struct {
		file     string
		warnings []string
		title    string
		desc     string
		times    []time.Time
		line     orb.LineString
	}{
		{file: "timedimension-bus699.geojson",
			warnings: []string{`convert: warning: timedimension-bus699.geojson: features[0]: properties.times: item 0: "2019-11-23 10:51:06" has no time zone: read as UTC`},
			title:    "Track of bus 699",
			times:    []time.Time{utc("2019-11-23T10:51:06Z"), utc("2019-11-23T10:52:05Z"), utc("2019-11-23T10:53:05Z"), utc("2019-11-23T10:54:04Z"), utc("2019-11-23T10:55:05Z")},
			line:     orb.LineString{{-4.4214296, 36.73835}, {-4.422104, 36.737865}, {-4.4229302, 36.73773}, {-4.4235334, 36.735817}, {-4.4222927, 36.73413}}},
		{file: "togeojson-strava.geojson",
			title: "120' moderate and hard",
			desc:  "Strava sample file based on: https://github.com/sports-alliance/sports-lib/blob/develop/samples/gpx/strava.gpx",
			times: []time.Time{utc("2018-05-14T14:54:21Z"), utc("2018-05-14T15:57:18Z"), utc("2018-05-14T17:03:04Z")},
			line:  orb.LineString{{0.963041, 42.941059}, {0.945471, 42.907866}, {0.962304, 42.936951}}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "tracks", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := convert.TimeDimension(tc.file, data)
			checkErr(t, err, tc.warnings)
			s := loadDoc(t, doc)
			if len(s.Events) != 1 || len(s.Sites) != 0 {
				t.Fatalf("%d events and %d sites, want one event", len(s.Events), len(s.Sites))
			}
			e := s.Events[0]
			if e.Title != tc.title || e.Description != tc.desc || e.Path == nil {
				t.Fatalf("event %q, path %v; want %q with a track", e.Title, e.Path, tc.title)
			}
			if !slices.EqualFunc(e.Path.Times, tc.times, time.Time.Equal) || !slices.Equal(e.Path.Line, tc.line) {
				t.Errorf("track\n got %v %v\nwant %v %v", e.Path.Times, e.Path.Line, tc.times, tc.line)
			}
			if !e.Time.Start.T.Equal(tc.times[0]) || !e.Time.Until().Equal(tc.times[len(tc.times)-1]) {
				t.Errorf("the event lasts %v to %v, want its first to its last time", e.Time.Start.T, e.Time.Until())
			}
		})
	}
}

// TestTrackSegments: togeojson writes a GPX track of several segments as a
// MultiLineString with a list of times per segment; the segments become one
// track, joined.
func TestTrackSegments(t *testing.T) {
	src := `{"type": "FeatureCollection", "features": [{"type": "Feature",
		"geometry": {"type": "MultiLineString", "coordinates": [[[1, 2], [1.1, 2.1]], [[1.2, 2.2], [1.3, 2.3]]]},
		"properties": {"name": "Two segments", "time": "2024-01-01T10:00:00Z",
			"coordinateProperties": {"times": [["2024-01-01T10:00:00Z", "2024-01-01T10:05:00Z"], ["2024-01-01T10:20:00Z", "2024-01-01T10:25:00Z"]]}}}]}`
	doc, err := convert.TimeDimension("t.geojson", []byte(src))
	checkErr(t, err, nil)
	s := loadDoc(t, doc)
	if len(s.Events) != 1 || s.Events[0].Path == nil || len(s.Events[0].Path.Times) != 4 ||
		!slices.Equal(s.Events[0].Path.Line, orb.LineString{{1, 2}, {1.1, 2.1}, {1.2, 2.2}, {1.3, 2.3}}) {
		t.Fatalf("events %+v, want one track of 4 positions", s.Events)
	}
}

// TestAreasAndRoutes: a Polygon, MultiPolygon, LineString or
// MultiLineString without a time per position is a site of that geometry;
// with times (not one per position), events at it.
func TestAreasAndRoutes(t *testing.T) {
	src := `{"type": "FeatureCollection", "features": [
		{"type": "Feature", "id": "zone", "geometry": {"type": "Polygon", "coordinates": [[[40, 30], [45, 30], [45, 35], [40, 30]]]}, "properties": {"name": "Zone"}},
		{"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": [[[[40, 30], [41, 30], [41, 31], [40, 30]]]]}, "properties": {"name": "Province", "time": "2025-06-01"}},
		{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}, "properties": {"name": "Road", "time": "2025-06-02"}},
		{"type": "Feature", "geometry": {"type": "MultiLineString", "coordinates": [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]}, "properties": {"name": "Front"}}
	]}`
	doc, err := convert.TimeDimension("t.geojson", []byte(src))
	checkErr(t, err, nil)
	s := loadDoc(t, doc)
	var got []string
	for _, st := range s.Sites {
		got = append(got, st.ID+" "+st.Geometry.GeoJSONType())
	}
	want := []string{"zone Polygon", "province MultiPolygon", "road LineString", "front MultiLineString"}
	if !slices.Equal(got, want) {
		t.Errorf("sites %q, want %q", got, want)
	}
	got = nil
	for _, e := range s.Events {
		at := "nowhere"
		if len(e.Sites) > 0 {
			at = s.Sites[e.Sites[0]].ID
		}
		got = append(got, e.ID+" "+e.Time.Start.ISO()+" "+at)
	}
	want = []string{"province-1 2025-06-01 province", "road-1 2025-06-02 road"}
	if !slices.Equal(got, want) {
		t.Errorf("events %q, want %q", got, want)
	}
}

// loadDoc loads a converted story, which must have no problem.
func loadDoc(t *testing.T, doc *convert.Doc) *geo.Story {
	t.Helper()
	data, err := doc.GeoJSON()
	if err != nil {
		t.Fatal(err)
	}
	s, err := geo.Load(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the converted story does not load: %v\n%s", err, data)
	}
	return s
}
