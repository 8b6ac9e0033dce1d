package geo_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"mapline/geo"
)

// demoPath is the demo story of the site, relative to this package.
const demoPath = "../site/data/story.geojson"

// loadDemo loads the demo story and fails the test if it has any problem.
func loadDemo(tb testing.TB) *geo.Story {
	tb.Helper()
	data, err := os.ReadFile(demoPath)
	if err != nil {
		tb.Fatal(err)
	}
	s, err := geo.Load(strings.NewReader(string(data)))
	if err != nil {
		tb.Fatalf("loading %s: %v", demoPath, err)
	}
	return s
}

// loadString loads a story from a string and fails the test if it has any problem.
func loadString(tb testing.TB, src string) *geo.Story {
	tb.Helper()
	s, err := geo.Load(strings.NewReader(src))
	if err != nil {
		tb.Fatalf("geo.Load: %v", err)
	}
	return s
}

func siteIDs(s *geo.Story) []string {
	var ids []string
	for _, st := range s.Sites {
		ids = append(ids, st.ID)
	}
	return ids
}

func eventIDs(s *geo.Story) []string {
	var ids []string
	for _, e := range s.Events {
		ids = append(ids, e.ID)
	}
	return ids
}

// TestLoadFixtures loads every story of testdata/stories, each named after the
// quirk it has, and checks the whole error text and what still loads.
func TestLoadFixtures(t *testing.T) {
	tests := []struct {
		file  string
		err   string // the whole error text, problems joined by newlines; empty for none
		fatal bool   // the file cannot be read at all: no story
		// The ids of what loads despite the problems.
		sites, events []string
	}{
		{file: "good-minimal.geojson", // no title, no description: both are optional
			sites: []string{"baghdad"}, events: []string{"departure"}},
		{file: "unknown-properties.geojson", // foreign members, style properties, an altitude
			sites: []string{"baghdad"}, events: []string{"departure"}},
		{file: "bad-json.geojson", fatal: true,
			err: `geo: the story is not valid JSON: line 6, column 5: invalid character '{' after array element`},
		{file: "empty.geojson", fatal: true,
			err: `geo: the story file is empty`},
		{file: "not-featurecollection.geojson", fatal: true,
			err: `geo: the story must be a GeoJSON FeatureCollection, not "Feature"`},
		// The two below leak Go types into the message today
		// ("must be struct { Type string …", "must be []json.RawMessage").
		{file: "top-level-array.geojson", fatal: true,
			err: `geo: the story must be a GeoJSON FeatureCollection, not an array`},
		{file: "features-not-array.geojson", fatal: true,
			err: `geo: features: must be an array of Features, not an object`},
		{file: "title-not-string.geojson",
			err:   `geo: title: must be a string, not a number`,
			sites: []string{"baghdad"}},
		{file: "feature-not-object.geojson",
			err:   `geo: feature 0: not a GeoJSON Feature object`,
			sites: []string{"baghdad"}},
		{file: "feature-wrong-type.geojson",
			err:   `geo: feature 1 ("erbil"): type: must be "Feature", not "Point"`,
			sites: []string{"baghdad"}},
		{file: "event-missing-title.geojson",
			err: `geo: feature 1 ("departure"): properties.title: is required` + "\n" +
				`geo: feature 2 ("threat"): properties.title: is required and must not be empty`,
			sites: []string{"baghdad"}, events: []string{"talks"}},
		{file: "event-bad-time.geojson",
			err: `geo: feature 2 ("strike"): properties.time: "2025-02-30" is not an ISO 8601 date (February 2025 has no day 30)` + "\n" +
				`geo: feature 3 ("warning"): properties.time: must be a string, not a number`,
			sites: []string{"al-asad"}, events: []string{"attack"}},
		{file: "event-approximate-not-bool.geojson",
			err:    `geo: feature 0 ("attack"): properties.approximate: must be true or false, not a string`,
			events: []string{"talks"}},
		{file: "site-missing-name.geojson",
			err:   `geo: feature 0 ("baghdad"): properties.name: is required`,
			sites: []string{"erbil"}, events: []string{"departure"}},
		// A numeric feature id is kept as text ("7"), so an event may refer
		// to it as "7" or as 7.
		{file: "site-numeric-id.geojson",
			sites: []string{"7"}, events: []string{"by-string", "by-number"}},
		{file: "id-object.geojson",
			err:   `geo: feature 0: id: must be a string, not an object`,
			sites: []string{"erbil"}},
		{file: "duplicate-id.geojson",
			err:   `geo: feature 1 ("baghdad"): id: duplicate of feature 0`,
			sites: []string{"baghdad"}, events: []string{"departure"}},
		{file: "unknown-site.geojson",
			err:   `geo: feature 1 ("talks"): properties.sites: no site has the id "rome"`,
			sites: []string{"muscat"}, events: []string{"round-3"}},
		{file: "coords-out-of-range.geojson",
			err: `geo: feature 0 ("nowhere"): geometry: longitude 200 is outside -180..180` + "\n" +
				`geo: feature 1 ("swapped"): geometry: latitude -91 is outside -90..90` + "\n" +
				`geo: feature 2 ("short"): geometry: coordinates must be [longitude, latitude]`,
			sites: []string{"baghdad"}},
		// A route is a site; an event's LineString without times is not a track.
		{file: "geometry-linestring.geojson",
			err:   `geo: feature 1 ("flight"): properties.times: is required for a LineString event (a track): one time per position; a route without times is a site, which events name in properties.sites`,
			sites: []string{"route", "baghdad"}},
		{file: "geometries.geojson",
			sites: []string{"route", "front", "zone", "province", "strikes"}, events: []string{"closed", "fighting", "convoy"}},
		{file: "polygon-ring-not-closed.geojson",
			err:   `geo: feature 0 ("zone"): geometry: coordinates[0]: the ring is not closed: its last position [45, 33] must repeat its first [45, 31]`,
			sites: []string{"baghdad"}},
		{file: "polygon-ring-too-short.geojson",
			err:   `geo: feature 0 ("sliver"): geometry: coordinates[1][0]: a ring needs at least 4 positions (the last repeating the first), not 3`,
			sites: []string{"baghdad"}},
		{file: "line-one-point.geojson",
			err:   `geo: feature 0 ("road"): geometry: coordinates: a LineString needs at least 2 positions, not 1`,
			sites: []string{"baghdad"}},
		{file: "track-times-count.geojson",
			err:    `geo: feature 0 ("convoy"): properties.times: 2 times for 3 positions: give one time per position of the LineString`,
			events: []string{"talks"}},
		{file: "track-times-backwards.geojson",
			err:    `geo: feature 0 ("convoy"): properties.times: item 2 ("2025-06-13T08:00:00Z") is before item 1 ("2025-06-13T09:00:00Z"): a track's times must not go back`,
			events: []string{"talks"}},
		{file: "site-without-id.geojson",
			err:   `geo: feature 0: id: a site needs a string id so events can refer to it`,
			sites: []string{"erbil"}},
		{file: "neither-site-nor-event.geojson",
			err:   `geo: feature 0 ("note"): neither an event (no properties.time) nor a site (no geometry)`,
			sites: []string{"baghdad"}},
		{file: "end-before-start.geojson",
			err: `geo: feature 1 ("talks"): properties.end: end "2025-06-14" is before start "2025-06-15"` + "\n" +
				`geo: feature 2 ("round"): properties.time: end "2025-06-14" is before start "2025-06-15"`,
			sites: []string{"muscat"}, events: []string{"round-6"}},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.file] = true
		t.Run(strings.TrimSuffix(tt.file, ".geojson"), func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", "stories", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			s, err := geo.Load(f)
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("Load: unexpected error:\n%v", err)
			case tt.err != "" && err == nil:
				t.Errorf("Load: no error, want\n%s", tt.err)
			case tt.err != "" && err.Error() != tt.err:
				t.Errorf("Load error\n got %s\nwant %s", err, tt.err)
			}
			if tt.fatal {
				if s != nil {
					t.Errorf("Load returned a story with a fatal error")
				}
				var le *geo.LoadError
				if errors.As(err, &le) {
					t.Errorf("a fatal error is a *LoadError: %v", err)
				}
				return
			}
			if s == nil {
				t.Fatalf("Load returned no story")
			}
			if err != nil {
				var le *geo.LoadError
				if !errors.As(err, &le) {
					t.Errorf("a partial error is a %T, want *geo.LoadError", err)
				}
			}
			if got := siteIDs(s); !slices.Equal(got, tt.sites) {
				t.Errorf("sites = %q, want %q", got, tt.sites)
			}
			if got := eventIDs(s); !slices.Equal(got, tt.events) {
				t.Errorf("events = %q, want %q", got, tt.events)
			}
		})
	}
	// Every fixture is in the table.
	files, err := filepath.Glob(filepath.Join("testdata", "stories", "*.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !seen[filepath.Base(f)] {
			t.Errorf("%s has no case in TestLoadFixtures", f)
		}
	}
}

// TestLoadErrorProblems checks that each problem names the feature, its id and
// the field.
func TestLoadErrorProblems(t *testing.T) {
	tests := []struct {
		file string
		want geo.Problem
	}{
		{"event-bad-time.geojson", geo.Problem{Feature: 2, ID: "strike", Field: "properties.time",
			Msg: `"2025-02-30" is not an ISO 8601 date (February 2025 has no day 30)`}},
		{"id-object.geojson", geo.Problem{Feature: 0, Field: "id", Msg: "must be a string, not an object"}},
		{"title-not-string.geojson", geo.Problem{Feature: -1, Field: "title", Msg: "must be a string, not a number"}},
		{"neither-site-nor-event.geojson", geo.Problem{Feature: 0, ID: "note",
			Msg: "neither an event (no properties.time) nor a site (no geometry)"}},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.file, ".geojson"), func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", "stories", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			_, err = geo.Load(f)
			var le *geo.LoadError
			if !errors.As(err, &le) || len(le.Problems) == 0 {
				t.Fatalf("Load error = %v, want a *geo.LoadError", err)
			}
			if got := le.Problems[0]; got != tt.want {
				t.Errorf("first problem = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestLoadDemo(t *testing.T) {
	s := loadDemo(t)
	if s.Title == "" {
		t.Error("the demo story has no title")
	}
	if len(s.Sites) < 7 {
		t.Errorf("%d sites, want at least 7", len(s.Sites))
	}
	if len(s.Events) < 10 {
		t.Errorf("%d events, want at least 10", len(s.Events))
	}
	for i, e := range s.Events {
		if e.Source == "" {
			t.Errorf("event %d (%q) has no source", i, e.ID)
		}
		if e.Title == "" {
			t.Errorf("event %d (%q) has no title", i, e.ID)
		}
		for _, j := range e.Sites {
			if j < 0 || j >= len(s.Sites) {
				t.Errorf("event %q refers to site %d of %d", e.ID, j, len(s.Sites))
			}
		}
		if i == 0 {
			continue
		}
		prev := s.Events[i-1]
		if e.Time.Start.T.Before(prev.Time.Start.T) {
			t.Errorf("event %d (%q, %v) is before event %d (%q, %v)", i, e.ID, e.Time, i-1, prev.ID, prev.Time)
		}
		if e.Time.Start.T.Equal(prev.Time.Start.T) && e.Feature < prev.Feature {
			t.Errorf("events %q and %q of the same day are not in file order", prev.ID, e.ID)
		}
	}
	for _, st := range s.Sites {
		if w := geo.World(st.LonLat); w != st.World {
			t.Errorf("site %q: World = %v, want World(LonLat) = %v", st.ID, st.World, w)
		}
	}
	b, ok := s.Bound()
	if !ok {
		t.Fatal("the demo story has no bound")
	}
	for _, st := range s.Sites {
		if !b.Contains(st.LonLat) {
			t.Errorf("bound %v does not contain site %q at %v", b, st.ID, st.LonLat)
		}
	}
	if st, ok := s.Site("embassy-baghdad"); !ok || st.Name == "" {
		t.Errorf(`Site("embassy-baghdad") = %+v, %v`, st, ok)
	}
	if _, ok := s.Site("rome"); ok {
		t.Error(`Site("rome") found a site the story does not have`)
	}
}

// TestLoadSortsEvents checks that events are sorted by start, stably: events
// that start at the same instant (two of the same day, a month and its first
// day) keep the order of the file.
func TestLoadSortsEvents(t *testing.T) {
	s := loadString(t, `{"type": "FeatureCollection", "title": "t", "description": "d", "features": [
		{"type": "Feature", "id": "c", "geometry": null, "properties": {"time": "2025-06-11", "title": "c"}},
		{"type": "Feature", "id": "a", "geometry": null, "properties": {"time": "2025-05", "title": "a"}},
		{"type": "Feature", "id": "b", "geometry": null, "properties": {"time": "2025-06-11", "title": "b"}},
		{"type": "Feature", "id": "d", "geometry": null, "properties": {"time": "2024", "title": "d"}},
		{"type": "Feature", "id": "e", "geometry": null, "properties": {"time": "2025-06-01", "title": "e"}},
		{"type": "Feature", "id": "f", "geometry": null, "properties": {"time": "2025-06", "title": "f"}}
	]}`)
	want := []string{"d", "a", "e", "f", "c", "b"}
	if got := eventIDs(s); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// spaces is an endless reader of blanks: JSON whitespace.
type spaces struct{}

func (spaces) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

func TestLoadSizeLimit(t *testing.T) {
	const head = `{"type": "FeatureCollection", "title": "t", "description": "d", "features": []}`
	padded := func(n int) io.Reader {
		return io.MultiReader(strings.NewReader(head), io.LimitReader(spaces{}, int64(n-len(head))))
	}
	t.Run("at the limit", func(t *testing.T) {
		if _, err := geo.Load(padded(geo.MaxStoryBytes)); err != nil {
			t.Errorf("a story of MaxStoryBytes: %v", err)
		}
	})
	t.Run("one byte over", func(t *testing.T) {
		s, err := geo.Load(padded(geo.MaxStoryBytes + 1))
		const want = "geo: the story is larger than 20 MB"
		if err == nil || err.Error() != want {
			t.Errorf("Load error = %v, want %q", err, want)
		}
		if s != nil {
			t.Error("Load returned a story larger than the limit")
		}
	})
	t.Run("endless", func(t *testing.T) {
		if _, err := geo.Load(spaces{}); err == nil {
			t.Error("Load of an endless reader: no error")
		}
	})
}

func TestLoadReadError(t *testing.T) {
	cause := errors.New("connection reset")
	s, err := geo.Load(iotest.ErrReader(cause))
	if s != nil || !errors.Is(err, cause) || !strings.HasPrefix(err.Error(), "geo: reading story: ") {
		t.Errorf("Load = %v, %v; want nil and an error wrapping %q", s, err, cause)
	}
}

// FuzzLoad checks that Load never panics and keeps its promises on any input.
func FuzzLoad(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "stories", "*.geojson"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := geo.Load(strings.NewReader(string(data)))
		if s == nil {
			if err == nil {
				t.Fatal("no story and no error")
			}
			return
		}
		for i := 1; i < len(s.Events); i++ {
			if s.Events[i].Time.Start.T.Before(s.Events[i-1].Time.Start.T) {
				t.Fatalf("events %d and %d out of order", i-1, i)
			}
		}
		for _, e := range s.Events {
			for _, j := range e.Sites {
				if j < 0 || j >= len(s.Sites) {
					t.Fatalf("event %q refers to site %d of %d", e.ID, j, len(s.Sites))
				}
			}
		}
	})
}
