package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mapline/geo"
)

func run(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = mainRun(args, &o, &e)
	return code, o.String(), e.String()
}

func TestCommands(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		out, err string // substrings of stdout and stderr
		noOut    bool
	}{
		{name: "no-command", code: 2, err: "usage: mapline COMMAND", noOut: true},
		{name: "help", args: []string{"help"}, out: "  validate  check stories"},
		{name: "help-lists-import", args: []string{"-h"}, out: "  import    convert a spreadsheet"},
		{name: "help-command", args: []string{"help", "validate"}, err: "usage: mapline validate"},
		{name: "help-unknown", args: []string{"help", "nope"}, code: 2, err: `mapline: no command "nope"`},
		{name: "unknown", args: []string{"frobnicate"}, code: 2, err: "mapline: no command \"frobnicate\"\nusage: mapline COMMAND", noOut: true},
		{name: "validate-help", args: []string{"validate", "--help"}, err: "-strict"},
		{name: "import-help", args: []string{"import", "-help"}, err: "usage: mapline import"},
		{name: "validate-no-files", args: []string{"validate"}, code: 2, err: "usage: mapline validate"},
		{name: "validate-bad-flag", args: []string{"validate", "-nope", "x"}, code: 2, err: "flag provided but not defined: -nope"},
		{name: "validate-missing-file", args: []string{"validate", "testdata/nothing.geojson"}, code: 2, err: "no such file"},
		{name: "import-two-files", args: []string{"import", "a.csv", "b.csv"}, code: 2, err: "usage: mapline import"},
		{name: "import-bad-format", args: []string{"import", "-from", "xls", "testdata/bad-events.csv"}, code: 2, err: `-from "xls": the formats are story, csv, timelinejs and timedimension`},
		{name: "import-sites-with-json", args: []string{"import", "-sites", "x.csv", "../../geo/convert/testdata/timeline.json"}, code: 2, err: "-sites goes with a CSV sheet of events"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(tt.args...)
			if code != tt.code {
				t.Errorf("exit status %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			if !strings.Contains(out, tt.out) {
				t.Errorf("stdout %q does not contain %q", out, tt.out)
			}
			if !strings.Contains(errOut, tt.err) {
				t.Errorf("stderr %q does not contain %q", errOut, tt.err)
			}
			if tt.noOut && out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
		})
	}
}

// TestValidate checks the whole output of validate: one line a problem,
// with the place and the field, then a summary line a file.
func TestValidate(t *testing.T) {
	stories := "../../geo/testdata/stories/"
	tests := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{name: "demo", args: []string{"../../site/data/story.geojson"}, out: "../../site/data/story.geojson: valid\n"},
		{name: "story-errors-and-warnings", args: []string{stories + "event-bad-time.geojson"}, code: 1,
			out: stories + `event-bad-time.geojson: feature 2 ("strike"): properties.time: "2025-02-30" is not an ISO 8601 date (February 2025 has no day 30)
` + stories + `event-bad-time.geojson: feature 3 ("warning"): properties.time: must be a string, not a number
warning: ` + stories + `event-bad-time.geojson: feature 1 ("attack"): properties.source: no source: readers expect one (a URL or the name of the source)
` + stories + "event-bad-time.geojson: not valid: 2 errors, 1 warning\n"},
		{name: "quiet", args: []string{"-q", stories + "event-bad-time.geojson"}, code: 1,
			out: stories + `event-bad-time.geojson: feature 2 ("strike"): properties.time: "2025-02-30" is not an ISO 8601 date (February 2025 has no day 30)
` + stories + `event-bad-time.geojson: feature 3 ("warning"): properties.time: must be a string, not a number
` + stories + "event-bad-time.geojson: not valid: 2 errors, 1 warning\n"},
		{name: "not-json", args: []string{stories + "bad-json.geojson"}, code: 1,
			out: stories + "bad-json.geojson: the story is not valid JSON: line 6, column 5: invalid character '{' after array element\n" +
				stories + "bad-json.geojson: not valid: 1 error, 0 warnings\n"},
		{name: "csv-rows-and-columns", args: []string{"testdata/bad-events.csv"}, code: 1,
			out: `bad-events.csv: row 3: column date: "6/11/2025" is not an ISO 8601 date: 6/11 could be day/month or month/day; write it as 2025-11-06 (6 November) or 2025-06-11 (June 11); a spreadsheet keeps that form when the column is formatted as text or as yyyy-mm-dd
bad-events.csv: row 4: column date: "2025-02-30" is not an ISO 8601 date (February 2025 has no day 30)
bad-events.csv: row 5: column headline: is empty: every event needs a headline
bad-events.csv: row 6: column lat: "north" is not a latitude in decimal degrees (like 33.31)
bad-events.csv: row 7: column lat: latitude 95 is outside -90..90
bad-events.csv: row 8: column lon: is empty, but the row has the other coordinate
testdata/bad-events.csv: not valid: 6 errors, 0 warnings
`},
		{name: "csv-story-problems-traced-to-rows", args: []string{"testdata/warn-events.csv"}, code: 1,
			out: `warn-events.csv: row 4 ("c"): properties.end: end "2025-06-13" is before start "2025-06-14"
warning: warn-events.csv: row 3 ("b"): properties.source: no source: readers expect one (a URL or the name of the source)
testdata/warn-events.csv: not valid: 1 error, 1 warning
`},
		{name: "from-csv-as-story", args: []string{"-from", "story", "testdata/bad-events.csv"}, code: 1,
			out: "testdata/bad-events.csv: the story is not valid JSON: line 1, column 1: invalid character 'd' looking for beginning of value\ntestdata/bad-events.csv: not valid: 1 error, 0 warnings\n"},
		{name: "several-files", args: []string{"../../site/data/story.geojson", stories + "empty.geojson"}, code: 1,
			out: "../../site/data/story.geojson: valid\n" + stories + "empty.geojson: the story file is empty\n" + stories + "empty.geojson: not valid: 1 error, 0 warnings\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(append([]string{"validate"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit status %d, want %d (stderr %q)", code, tt.code, errOut)
			}
			if out != tt.out {
				t.Errorf("stdout\n%s\nwant\n%s", out, tt.out)
			}
		})
	}
}

// TestImport converts each format to a file and loads it.
func TestImport(t *testing.T) {
	fixtures := "../../geo/convert/testdata/"
	dir := t.TempDir()
	tests := []struct {
		name          string
		args          []string
		sites, events int
		stderr        string
	}{
		{name: "csv-one-sheet", args: []string{fixtures + "one-sheet.csv"}, sites: 3, events: 6,
			stderr: `warning: one-sheet.csv: row 5 ("statement-2"): column Date: "2025-06-14T14:30" has no time zone: read as UTC`},
		{name: "csv-two-sheets", args: []string{"-sites", fixtures + "sites.csv", fixtures + "events.csv"}, sites: 2, events: 3},
		{name: "timelinejs", args: []string{"-title", "Given title", fixtures + "timeline.json"}, events: 3,
			stderr: "warning: timeline.json: events[1]: properties.source: no source"},
		{name: "timelinejs2", args: []string{fixtures + "timeline2.json"}, events: 3,
			stderr: `warning: timeline2.json: timeline.date[2]: headline: is empty: the title is the text's first sentence, "Flights out of Erbil resume."`},
		// The Polygon is a site with an event; the LineString with coordTimes one event, a track.
		{name: "timedimension", args: []string{fixtures + "timedimension.geojson"}, sites: 3, events: 5,
			stderr: `warning: timedimension.geojson: features[1] ("erbil"): properties.times: item 1: "2025-06-13T08:00:00" has no time zone: read as UTC`},
		{name: "gpx-track-through-togeojson", args: []string{fixtures + "tracks/togeojson-strava.geojson"}, sites: 0, events: 1,
			stderr: "warning: togeojson-strava.geojson: features[0]: properties.source: no source"},
		{name: "csv-columns", args: []string{"-columns", "date=Fecha,title=Titular,source=Fuente", "-columns", "lat=Y,lon=X,place=Lugar", "testdata/other-layout.csv"}, sites: 2, events: 2},
		{name: "csv-usgs", args: []string{fixtures + "layouts/usgs.csv"}, sites: 3, events: 3,
			stderr: `warning: usgs.csv: row 1: no headline or title column: each title is built from columns mag and place: "M 4.5 – 10 km SW of Neiafu, Tonga"`},
		{name: "usgs-geojson-feed", args: []string{fixtures + "layouts/usgs-feed.geojson"}, events: 3,
			stderr: "warning: usgs-feed.geojson: features: the USGS earthquake feed: mag, magType, type and the depth"},
		{name: "gdelt-without-header", args: []string{fixtures + "layouts/gdelt-2.0.export.CSV"}, sites: 2, events: 3,
			stderr: "warning: gdelt-2.0.export.CSV: no header line: read as a GDELT 2.0 event file (61 columns"},
		{name: "story-passes-through", args: []string{"../../site/data/story.geojson"}, sites: 7, events: 12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, tt.name+".geojson")
			code, stdout, stderr := run(append([]string{"import", "-o", out}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit status %d\n%s", code, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout %q with -o", stdout)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.stderr)
			}
			f, err := os.Open(out)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			s, err := geo.Load(f)
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Sites) != tt.sites || len(s.Events) != tt.events {
				t.Errorf("%d sites, %d events; want %d, %d", len(s.Sites), len(s.Events), tt.sites, tt.events)
			}
			if tt.name == "timelinejs" && s.Title != "Given title" {
				t.Errorf("title %q, want the one of -title", s.Title)
			}
		})
	}
	// Errors: nothing written, every problem on stderr, status 1.
	out := filepath.Join(dir, "bad.geojson")
	code, _, stderr := run("import", "-o", out, "testdata/bad-events.csv")
	if code != 1 || strings.Count(stderr, "\n") != 7 || !strings.Contains(stderr, "not converted: fix the errors above") {
		t.Errorf("import of a bad sheet: status %d, stderr\n%s", code, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a story was written despite the errors: %v", err)
	}
	// -columns: a field that is not one, a pair without "=".
	if code, _, stderr := run("import", "-columns", "date=Fecha,titel=Titular", "testdata/other-layout.csv"); code != 1 || !strings.Contains(stderr, `other-layout.csv: row 1: columns: "titel" is not a field`) {
		t.Errorf("-columns titel=: status %d, stderr\n%s", code, stderr)
	}
	if code, _, stderr := run("import", "-columns", "date", "testdata/other-layout.csv"); code != 2 || !strings.Contains(stderr, `"date": write FIELD=COLUMN`) {
		t.Errorf("-columns date: status %d, stderr\n%s", code, stderr)
	}
	// To standard output without -o.
	code, stdout, _ := run("import", "-sites", fixtures+"sites.csv", fixtures+"events.csv")
	if code != 0 || !strings.HasPrefix(stdout, `{"type": "FeatureCollection",`) {
		t.Errorf("import to stdout: status %d, %.80q", code, stdout)
	}
}
