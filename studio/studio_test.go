package studio_test

import (
	"bytes"
	"image/png"
	"os"
	"strings"
	"testing"

	"mapline/studio"
)

// oneBadDate is a sheet with one bad date (row 4) after an empty line.
const oneBadDate = "date,headline,source,place,lat,lon\n" +
	"2025-06-11,Embassy staff ordered out,Wire,Baghdad,33.3,44.4\n" +
	"\n" +
	"2025-02-30,Talks in Muscat,Wire,Muscat,23.6,58.4\n" +
	"2025-06-13,Drone over Erbil,Wire,Erbil,36.19,44.01\n"

func errorsOf(r studio.Result) []studio.Problem {
	var out []studio.Problem
	for _, p := range r.Problems {
		if !p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// TestSheetEditFixesTheProblem: the problem names the row as the command
// line does and points at it; fixing the cell clears it, and the story then
// holds the row.
func TestSheetEditFixesTheProblem(t *testing.T) {
	w, err := studio.Open("events.csv", []byte(oneBadDate))
	if err != nil {
		t.Fatal(err)
	}
	if !w.Sheet() || w.Len() != 3 || w.Label(1) != "row 4" {
		t.Fatalf("sheet %v, %d rows, row 1 labelled %q; want a sheet of 3 rows, row 1 labelled row 4", w.Sheet(), w.Len(), w.Label(1))
	}
	r := w.Check()
	errs := errorsOf(r)
	if !r.Bad || len(errs) != 1 {
		t.Fatalf("bad %v, errors %v; want one error", r.Bad, errs)
	}
	if want := "events.csv: row 4: column date: "; !strings.HasPrefix(errs[0].Text, want) || errs[0].Row != 1 {
		t.Errorf("error %q at row %d; want it to begin %q and point at row index 1", errs[0].Text, errs[0].Row, want)
	}
	if strings.Contains(string(r.Story), "Talks in Muscat") {
		t.Errorf("the story holds the row with the bad date")
	}
	if got := w.Get(1, "date"); got != "2025-02-30" {
		t.Errorf("Get(1, date) = %q", got)
	}
	if err := w.Set(1, "date", "2025-02-28"); err != nil {
		t.Fatal(err)
	}
	r = w.Check()
	if r.Bad || len(errorsOf(r)) != 0 {
		t.Fatalf("after the fix: bad %v, problems %v", r.Bad, r.Problems)
	}
	if !strings.Contains(string(r.Story), "Talks in Muscat") || !strings.Contains(string(r.Story), "2025-02-28") {
		t.Errorf("the story after the fix lacks the row:\n%s", r.Story)
	}
}

// TestEditsMakeProblems: an edit that breaks a field is named with its row
// and field, in a sheet and in a story.
func TestEditsMakeProblems(t *testing.T) {
	story := `{"type": "FeatureCollection", "title": "T", "features": [
 {"type": "Feature", "id": "b", "geometry": {"type": "Point", "coordinates": [44.4, 33.3]}, "properties": {"name": "Baghdad"}},
 {"type": "Feature", "id": "e", "geometry": null, "properties": {"time": "2025-06-11", "title": "E", "sites": ["b"], "source": "Wire"}}]}`
	for _, tc := range []struct {
		name, file, data string
		row              int
		field, value     string
		want             string // in the error's text
	}{
		{"sheet-latitude-out-of-range", "events.csv", oneBadDate, 0, "lat", "95", "events.csv: row 2: column lat:"},
		{"sheet-title-cleared", "events.csv", oneBadDate, 2, "title", "", "events.csv: row 5: column headline:"},
		{"story-bad-date", "story.geojson", story, 1, "date", "2025-13-01", `story.geojson: feature 1 ("e"): properties.time:`},
		{"story-site-latitude", "story.geojson", story, 0, "lat", "95", `story.geojson: feature 0 ("b"): geometry`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, err := studio.Open(tc.file, []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Set(tc.row, tc.field, tc.value); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range errorsOf(w.Check()) {
				if strings.HasPrefix(p.Text, tc.want) && p.Row == tc.row {
					return
				}
				got = append(got, p.Text)
			}
			t.Errorf("no error at row %d beginning %q; errors: %q", tc.row, tc.want, got)
		})
	}
}

// TestOpenRefuses: what is not a sheet nor a story, or is too large, gets
// the command line's message, not a panic.
func TestOpenRefuses(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"too-large", "big.csv", make([]byte, studio.MaxFileBytes+1), "larger than 20 MB"},
		{"json-not-a-story", "x.geojson", []byte(`{"type": "Feature"}`), "not a story"},
		{"not-json", "x.json", []byte(`<html>`), "x.json: "},
		{"not-windows-1252", "x.csv", []byte("date,title\n2025-01-01,\x81\xff\n"), "not UTF-8, nor Windows-1252"},
		{"empty-sheet", "x.csv", []byte("\n\n"), "the sheet is empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := studio.Open(tc.file, tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Open: %v; want an error with %q", err, tc.want)
			}
		})
	}
}

// TestSheetKeepsLines: the sheet written back keeps each row on its line,
// a cell of two lines too, with the sheet's separator.
func TestSheetKeepsLines(t *testing.T) {
	in := "date;headline;lat;lon\n2025-01-01;\"two\nlines\";1;2\n\n\n2025-01-02;b;3;4\n"
	w, err := studio.Open("s.csv", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(w.CSV()); got != in {
		t.Errorf("CSV() =\n%q\nwant\n%q", got, in)
	}
}

// TestTimelineJSBecomesAStory: a TimelineJS file is converted when opened;
// its rows are the story's features.
func TestTimelineJSBecomesAStory(t *testing.T) {
	tl := `{"title": {"text": {"headline": "Talks"}}, "events": [
 {"start_date": {"year": "2025", "month": "6", "day": "11"}, "text": {"headline": "Round one"}, "location": {"lat": 23.6, "lon": 58.4, "name": "Muscat"}}]}`
	w, err := studio.Open("timeline.json", []byte(tl))
	if err != nil {
		t.Fatal(err)
	}
	if w.Sheet() || w.Title() != "Talks" {
		t.Errorf("sheet %v, title %q; want a story titled Talks", w.Sheet(), w.Title())
	}
	found := false
	for i := range w.Len() {
		found = found || w.Get(i, "title") == "Round one"
	}
	if !found {
		t.Errorf("no row titled Round one in %d rows", w.Len())
	}
}

// TestEmbedCode: both forms carry data=, view= and the options, and the
// story's title as the iframe's title, escaped.
func TestEmbedCode(t *testing.T) {
	o := studio.Options{Site: "https://news.example/mapline", Data: "data/talks.geojson", View: "33.3,44.4,6",
		Mode: "point", Theme: "dark", Lang: "ar", Autoplay: true, Title: `Talks "in" <Muscat>`}
	src := "https://news.example/mapline/embed.html?data=data%2Ftalks.geojson&amp;view=33.3%2C44.4%2C6&amp;mode=point&amp;dark&amp;lang=ar&amp;autoplay"
	host, err := studio.HostCode(o)
	if err != nil {
		t.Fatal(err)
	}
	if want := `<div class="mapline-embed" data-src="` + src + `" data-title="Talks &#34;in&#34; &lt;Muscat&gt;"></div>` + "\n" +
		`<script src="https://news.example/mapline/embed.js" defer></script>` + "\n"; host != want {
		t.Errorf("HostCode:\n%s\nwant\n%s", host, want)
	}
	frame, err := studio.IframeCode(o)
	if err != nil {
		t.Fatal(err)
	}
	if want := `<iframe src="` + src + `" title="Talks &#34;in&#34; &lt;Muscat&gt;"` + "\n" +
		`  width="100%" height="600" style="border:0"></iframe>` + "\n"; frame != want {
		t.Errorf("IframeCode:\n%s\nwant\n%s", frame, want)
	}
	for _, bad := range []studio.Options{
		{Site: "javascript:alert(1)"},
		{Site: "https://x.example/", View: "95,0,3"},
		{Site: "https://x.example/", Mode: "all"},
	} {
		if _, err := studio.HostCode(bad); err == nil {
			t.Errorf("HostCode(%+v): no error", bad)
		}
	}
}

// TestSessionPoster: the poster of the studio's story, as SVG with both
// themes and as PNG at twice the size, drawn on the basemap.
func TestSessionPoster(t *testing.T) {
	bm, err := os.ReadFile("../geo/basemap.bin")
	if err != nil {
		t.Fatal(err)
	}
	var s studio.Session
	if r := s.SetBasemap(bm); r.Error != "" {
		t.Fatal(r.Error)
	}
	if r := s.Open("events.csv", []byte(oneBadDate)); r.Error != "" || len(r.Rows) != 3 || r.Rows[1].Label != "row 4" {
		t.Fatalf("Open: %q, rows %v", r.Error, r.Rows)
	}
	r := s.Poster("", "", false, false)
	if r.Error != "" || !strings.HasPrefix(r.SVG, "<svg") || !strings.Contains(r.SVG, "Baghdad") {
		t.Errorf("SVG poster: error %q, %.80q…", r.Error, r.SVG)
	}
	r = s.Poster("33.3,44.4,5", "point", true, true)
	if r.Error != "" || !bytes.HasPrefix(r.PNG, []byte("\x89PNG")) {
		t.Fatalf("PNG poster: error %q, %d bytes", r.Error, len(r.PNG))
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(r.PNG))
	if err != nil || cfg.Width != 2*studio.PosterWidth || cfg.Height != 2*studio.PosterHeight {
		t.Errorf("PNG %dx%d (%v), want %dx%d", cfg.Width, cfg.Height, err, 2*studio.PosterWidth, 2*studio.PosterHeight)
	}
}
