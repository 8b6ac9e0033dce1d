package convert_test

import (
	"strings"
	"testing"

	"mapline/geo/convert"
)

// TestCheckWhere: each finding names the place in the input it came from, so
// that the studio can select that row.
func TestCheckWhere(t *testing.T) {
	sheet := "date,headline,source,place,lat,lon\n" +
		"2025-06-11,Good,Wire,Baghdad,33.3,44.4\n" +
		"\n" +
		"2025-02-30,No such day,Wire,Erbil,36.1,44.0\n" +
		"2025-06-12,Bad lat,Wire,Erbil,north,44.0\n"
	story := `{"type":"FeatureCollection","features":[
{"type":"Feature","id":"s","geometry":{"type":"Point","coordinates":[44,33]},"properties":{"name":"S"}},
{"type":"Feature","id":"e","geometry":null,"properties":{"time":"2025-13-01","title":"E","sites":["s"]}}]}`
	for _, tc := range []struct {
		name, file, data string
		where            []string
	}{
		{"sheet-rows-by-line", "events.csv", sheet, []string{"row 4", "row 5"}},
		{"story-as-written", "story.geojson", story, []string{"feature 1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var doc *convert.Doc
			var probs []convert.Problem
			var raw []byte
			if convert.Detect(tc.file, []byte(tc.data)) == convert.FormatCSV {
				d, err := convert.CSV(convert.Sheet{Name: tc.file, Data: []byte(tc.data)})
				doc = d
				if e, ok := err.(*convert.Error); ok {
					probs = e.Problems
				}
			} else {
				raw = []byte(tc.data)
			}
			_, found, bad := convert.Check(tc.file, raw, doc, probs)
			if !bad {
				t.Errorf("bad = false, want true")
			}
			var errs []string
			for _, f := range found {
				if !f.Warning {
					errs = append(errs, f.Where)
				}
			}
			if len(errs) != len(tc.where) {
				t.Fatalf("errors at %q, want %q (%v)", errs, tc.where, found)
			}
			for i := range errs {
				if errs[i] != tc.where[i] {
					t.Errorf("error %d at %q, want %q (%v)", i, errs[i], tc.where[i], found)
				}
			}
		})
	}
}

// TestReadTable: the rows keep the line they begin on, past an empty row
// and a cell of two lines; a semicolon sheet keeps its separator.
func TestReadTable(t *testing.T) {
	tb, probs := convert.ReadTable(convert.Sheet{Name: "e.csv", Data: []byte("Datum;Headline;Lat;Lon\n2025-01-01;\"two\nlines\";1;2\n\n2025-01-02;b;3;4\n")})
	if tb == nil {
		t.Fatalf("ReadTable: %v", probs)
	}
	if tb.Comma != ';' || tb.HeaderLine != 1 || len(tb.Rows) != 2 || tb.Lines[0] != 2 || tb.Lines[1] != 5 {
		t.Errorf("comma %q, header line %d, rows %q at lines %v; want ';', 1, two rows at 2 and 5", tb.Comma, tb.HeaderLine, tb.Rows, tb.Lines)
	}
	if c, ok := tb.Columns["title"]; !ok || c != 1 {
		t.Errorf("title column %d, %v; want 1", c, ok)
	}
}

// TestCheckNamesTheTrackTimesAsWritten: a track's times that go back are
// found by the loader in the converted story's properties.times; the
// finding names the field the file has (coordTimes, togeojson's
// coordinateProperties.times), not the story's.
func TestCheckNamesTheTrackTimesAsWritten(t *testing.T) {
	line := `"geometry":{"type":"LineString","coordinates":[[10,50],[10.1,50.1],[10.2,50.2]]}`
	back := `["2025-06-01T10:00:00Z","2025-06-01T10:05:00Z","2025-06-01T10:03:00Z"]`
	for _, tc := range []struct{ name, props, want string }{
		{"coordTimes", `{"name":"Run","coordTimes":` + back + `}`, "properties.coordTimes: item 2"},
		{"togeojson", `{"name":"Run","coordinateProperties":{"times":` + back + `}}`, "properties.coordinateProperties.times: item 2"},
		{"times", `{"name":"Run","times":` + back + `}`, "properties.times: item 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":` + tc.props + `,` + line + `}]}`
			doc, err := convert.TimeDimension("t.geojson", []byte(data))
			var probs []convert.Problem
			if e, ok := err.(*convert.Error); ok {
				probs = e.Problems
			} else if err != nil {
				t.Fatal(err)
			}
			_, found, bad := convert.Check("t.geojson", nil, doc, probs)
			if !bad || len(found) != 1 {
				t.Fatalf("bad %v, found %v: want one error", bad, found)
			}
			if want := "t.geojson: features[0]: " + tc.want; !strings.HasPrefix(found[0].Text, want) {
				t.Errorf("found %q, want it to begin %q", found[0].Text, want)
			}
		})
	}
}
