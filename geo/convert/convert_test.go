package convert_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"mapline/geo"
	"mapline/geo/convert"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func read(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestGolden converts each fixture, compares the story and the problems with
// the golden files, and loads the story as the widget does: it must load
// with no error.
func TestGolden(t *testing.T) {
	tests := []struct {
		name    string
		convert func() (*convert.Doc, error)
		// the problems, every one a warning
		warnings []string
		sites    []string
		events   []string
	}{
		{name: "one-sheet", convert: func() (*convert.Doc, error) {
			return convert.CSV(convert.Sheet{Name: "one-sheet.csv", Data: read(t, "one-sheet.csv")})
		}, warnings: []string{"convert: warning: one-sheet.csv: row 1: kept as properties the map does not show: Reporter", `convert: warning: one-sheet.csv: row 5 ("statement-2"): column Date: "2025-06-14T14:30" has no time zone: read as UTC`},
			sites:  []string{"u-s-embassy-baghdad", "erbil", "muscat"},
			events: []string{"at-sea", "talks", "ordered-departure", "", "statement-2", "rome"}},
		{name: "two-sheets", convert: func() (*convert.Doc, error) {
			// The sites sheet second: the order of the sheets does not matter.
			return convert.CSV(convert.Sheet{Name: "events.csv", Data: read(t, "events.csv")},
				convert.Sheet{Name: "sites.csv", Data: read(t, "sites.csv")})
		}, sites: []string{"baghdad", "erbil-consulate"}, events: []string{"threat", "departure", "erbil-flights"}},
		{name: "timelinejs-template", convert: func() (*convert.Doc, error) {
			return convert.CSV(convert.Sheet{Name: "timelinejs-template.csv", Data: read(t, "timelinejs-template.csv")})
		}, warnings: []string{"convert: warning: timelinejs-template.csv: row 1: kept as properties the map does not show: Display Date, Media, Media Credit, Media Caption, Media Thumbnail, Group, Background"},
			events: []string{"", ""}},
		{name: "timeline", convert: func() (*convert.Doc, error) { return convert.TimelineJS("timeline.json", read(t, "timeline.json")) },
			warnings: []string{
				"convert: warning: timeline.json: eras: 1 eras dropped: the story format has none",
				`convert: warning: timeline.json: events[0] ("departure"): text.text: HTML markup removed: the story format holds plain text`,
			}, events: []string{"", "departure", ""}},
		{name: "timedimension", convert: func() (*convert.Doc, error) {
			return convert.TimeDimension("timedimension.geojson", read(t, "timedimension.geojson"))
		}, warnings: []string{
			"convert: warning: timedimension.geojson: features[0]: properties.popupContent: HTML markup removed: the story format holds plain text",
			`convert: warning: timedimension.geojson: features[1] ("erbil"): properties.times: item 1: "2025-06-13T08:00:00" has no time zone: read as UTC`,
		}, sites: []string{"erbil", "muscat", "region"}, events: []string{"region-1", "", "flight", "erbil-1", "erbil-2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := tt.convert()
			var got []string
			var ce *convert.Error
			if errors.As(err, &ce) {
				for _, p := range ce.Problems {
					got = append(got, p.Error())
					if !p.Warning {
						t.Errorf("an error: %v", p)
					}
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.warnings) {
				t.Errorf("problems\n got %q\nwant %q", got, tt.warnings)
			}
			data, err := doc.GeoJSON()
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", tt.name+".golden.geojson")
			if *update {
				if err := os.WriteFile(golden, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if !bytes.Equal(data, want) {
				t.Errorf("%s differs (go test -update rewrites it):\n%s", golden, data)
			}
			s, err := geo.Load(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("the converted story does not load: %v", err)
			}
			var sites, events []string
			for _, st := range s.Sites {
				sites = append(sites, st.ID)
			}
			for _, e := range s.Events {
				events = append(events, e.ID)
			}
			if !slices.Equal(sites, tt.sites) || !slices.Equal(events, tt.events) {
				t.Errorf("loaded sites %q, events %q; want %q, %q", sites, events, tt.sites, tt.events)
			}
			if from := doc.From(); len(from) != len(doc.Features) || slices.Contains(from, "") {
				t.Errorf("From = %q: every feature needs its place in the input", from)
			}
		})
	}
}

// TestCSVValues checks what the converter makes of the cells newsrooms
// write: the loaded story's events, in time order.
func TestCSVValues(t *testing.T) {
	s := convertLoad(t)(convert.CSV(convert.Sheet{Name: "events.csv", Data: read(t, "events.csv")},
		convert.Sheet{Name: "sites.csv", Data: read(t, "sites.csv")}))
	baghdad, ok := s.Site("baghdad")
	if !ok || baghdad.LonLat != [2]float64{44.40, 33.30} || !baghdad.Approx || baghdad.Kind != "embassy" {
		t.Errorf("baghdad from sites.csv (decimal commas, approximate=yes) = %+v", baghdad)
	}
	want := []struct {
		id, time string
		approx   bool
		sites    []string
	}{
		{"threat", "2025-06", true, nil},
		{"departure", "2025-06-11", false, []string{"baghdad"}},
		{"erbil-flights", "2025-06-12", false, []string{"erbil-consulate", "baghdad"}}, // by name and by id
	}
	for i, w := range want {
		e := s.Events[i]
		var sites []string
		for _, j := range e.Sites {
			sites = append(sites, s.Sites[j].ID)
		}
		if e.ID != w.id || e.Time.Start.ISO() != strings.TrimSuffix(w.time, "~") && !w.approx || e.Time.Start.Approx != w.approx || !slices.Equal(sites, w.sites) {
			t.Errorf("event %d = %q %s approx=%v sites %q; want %+v", i, e.ID, e.Time.Start.ISO(), e.Time.Start.Approx, sites, w)
		}
	}
}

// convertLoad loads a converted story, failing the test on any problem.
func convertLoad(t *testing.T) func(*convert.Doc, error) *geo.Story {
	return func(doc *convert.Doc, err error) *geo.Story { return mustLoad(t, doc, err) }
}

func mustLoad(t *testing.T, doc *convert.Doc, err error) *geo.Story {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	data, err := doc.GeoJSON()
	if err != nil {
		t.Fatal(err)
	}
	s, err := geo.Load(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	return s
}

// TestTimeDimensionRoundTrip: a mapline story is a TimeDimension file; it
// converts to the same story.
func TestTimeDimensionRoundTrip(t *testing.T) {
	data, err := os.ReadFile("../../site/data/story.geojson")
	if err != nil {
		t.Fatal(err)
	}
	want, err := geo.Load(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	got := convertLoad(t)(convert.TimeDimension("story.geojson", data))
	if got.Title != want.Title || got.Description != want.Description {
		t.Errorf("title %q, description %q; want %q, %q", got.Title, got.Description, want.Title, want.Description)
	}
	if len(got.Sites) != len(want.Sites) || len(got.Events) != len(want.Events) {
		t.Fatalf("%d sites, %d events; want %d, %d", len(got.Sites), len(got.Events), len(want.Sites), len(want.Events))
	}
	for i := range want.Sites {
		g, w := got.Sites[i], want.Sites[i]
		g.Feature, w.Feature = 0, 0
		if !reflect.DeepEqual(g, w) {
			t.Errorf("site %d\n got %+v\nwant %+v", i, g, w)
		}
	}
	for i := range want.Events {
		g, w := got.Events[i], want.Events[i]
		if g.ID != w.ID || g.Title != w.Title || g.Description != w.Description || g.Source != w.Source || g.Place != w.Place ||
			g.Time != w.Time || !slices.Equal(g.Sites, w.Sites) || !slices.Equal(g.Links, w.Links) ||
			(g.Camera == nil) != (w.Camera == nil) || (g.Camera != nil && *g.Camera != *w.Camera) || (g.Point == nil) != (w.Point == nil) {
			t.Errorf("event %d\n got %+v\nwant %+v", i, g, w)
		}
	}
}

func readFile(name string) ([]byte, error) { return os.ReadFile(filepath.Join("testdata", name)) }
