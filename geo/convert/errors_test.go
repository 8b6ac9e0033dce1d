package convert_test

import (
	"strings"
	"testing"

	"mapline/geo/convert"
)

// TestCSVErrors: every message of the CSV converter, whole, with its sheet,
// row and column.
func TestCSVErrors(t *testing.T) {
	const head = "id,date,end_date,headline,source,place,lat,lon,approximate\n"
	tests := []struct {
		name   string
		sheets []convert.Sheet
		want   []string
	}{
		{name: "empty", sheets: sheets("e.csv", "  \n"), want: []string{"convert: e.csv: the sheet is empty"}},
		{name: "bare-quote", sheets: sheets("e.csv", "date,headline\n2025,\"a\"b\n"),
			want: []string{`convert: e.csv: row 2: not valid CSV: extraneous or missing " in quoted-field (column 8 of line 2)`}},
		{name: "no-events-sheet", sheets: sheets("s.csv", "id,name,lat,lon\nb,B,1,2\n"),
			want: []string{"convert: no sheet of events (a sheet with a date, start_date or year column)"}},
		{name: "neither", sheets: sheets("x.csv", "foo,bar\n1,2\n"),
			want: []string{"convert: x.csv: row 1: neither events (no date, start_date or year column) nor sites (no name, lat and lon columns)"}},
		{name: "two-event-sheets", sheets: append(sheets("a.csv", "date,headline\n2025,A\n"), sheets("b.csv", "date,headline\n2025,B\n")...),
			want: []string{"convert: b.csv: a second sheet of events (the first is a.csv): give one"}},
		{name: "same-column-twice", sheets: sheets("e.csv", "date,title,headline\n2025,A,B\n"),
			want: []string{"convert: e.csv: row 1: column headline: means the same as column title: keep one of them"}},
		{name: "no-title-column", sheets: sheets("e.csv", "date,source\n2025,W\n2026,W\n"),
			want: []string{"convert: e.csv: row 1: a sheet of events needs a headline or title column (or -columns title=COLUMN)"}},
		{name: "row-errors", sheets: sheets("e.csv", head+
			"a,,,No date,W,,,,\n"+
			"b,11.06.2025,,Dotted,W,,,,\n"+
			"c,mid-June 2025,,Words,W,,,,\n"+
			"d,2025-06-11,2025-06-12/2025-06-13,Interval end,W,,,,\n"+
			"e,2025-06-11,,Approx,W,,,,maybe\n"+
			"f,2025-06-11,,Lon out,W,P,10,181\n"+
			"f,2025-06-12,,Same id,W,,,,\n"+
			"g,2025-06-11,,Only lon,W,,,44,\n"),
			want: []string{
				`convert: e.csv: row 2 ("a"): column date: is empty: every event needs a date`,
				`convert: e.csv: row 3 ("b"): column date: "11.06.2025" is not an ISO 8601 date: 11/06 could be day/month or month/day; write it as 2025-06-11 (11 June) or 2025-11-06 (November 6); a spreadsheet keeps that form when the column is formatted as text or as yyyy-mm-dd`,
				`convert: e.csv: row 4 ("c"): column date: "mid-June 2025" is not an ISO 8601 date (expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ); write it in the form 2025-06-11, 2025-06 or 2025; a spreadsheet keeps that form when the column is formatted as text or as yyyy-mm-dd`,
				`convert: e.csv: row 5 ("d"): column end_date: must be one date, not an interval`,
				`convert: e.csv: row 6 ("e"): column approximate: "maybe" must be true or false (or yes or no)`,
				`convert: e.csv: row 7 ("f"): column lon: longitude 181 is outside -180..180`,
				`convert: e.csv: row 9 ("g"): column lat: is empty, but the row has the other coordinate`,
			}},
		{name: "duplicate-id", sheets: sheets("e.csv", head+"f,2025-06-11,,One,W,,,,\nf,2025-06-12,,Two,W,,,,\n"),
			want: []string{`convert: e.csv: row 3 ("f"): column id: "f" is the id of an earlier row or site`}},
		{name: "unknown-site", sheets: append(sheets("e.csv", "date,headline,site\n2025,A,baghdad; erbill\n"), sheets("s.csv", "id,name,lat,lon\nbaghdad,Baghdad,33.3,44.4\nerbil,Erbil,36.19,44.01\n")...),
			want: []string{`convert: e.csv: row 2: column site: no site has the id or name "erbill"`}},
		{name: "site-errors", sheets: append(sheets("e.csv", "date,headline\n2025,A\n"), sheets("s.csv", "id,name,lat,lon,approximate\n"+
			"a,,1,2,\n"+
			"b,B,,,\n"+
			"c,C,x,2,\n"+
			"a,A again,1,2,\n"+
			"d,D,1,2,perhaps\n")...),
			want: []string{
				`convert: s.csv: row 2 ("a"): a site needs a name (column name)`,
				`convert: s.csv: row 3 ("b"): a site needs lat and lon (decimal degrees)`,
				`convert: s.csv: row 4 ("c"): column lat: "x" is not a latitude in decimal degrees (like 33.31)`,
				`convert: s.csv: row 6 ("d"): column approximate: "perhaps" must be true or false (or yes or no)`,
			}},
		{name: "timelinejs-template-errors", sheets: sheets("t.csv", "Year,Month,Day,Time,Headline\n2025,2,30,,No such day\n,,,,No year\n2025,6,11,25:00,Bad hour\n"),
			want: []string{
				`convert: t.csv: row 2: column Year: "2025-02-30" is not an ISO 8601 date (February 2025 has no day 30)`,
				`convert: t.csv: row 3: column Year: is empty: every event needs a date`,
				`convert: t.csv: row 4: column Year: "2025-06-11T25:00:00Z" is not an ISO 8601 date (the hour must be 00 to 23)`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := convert.CSV(tt.sheets...)
			checkErr(t, err, tt.want)
		})
	}
}

func sheets(name, data string) []convert.Sheet {
	return []convert.Sheet{{Name: name, Data: []byte(data)}}
}

func checkErr(t *testing.T, err error, want []string) {
	t.Helper()
	got := ""
	if err != nil {
		got = err.Error()
	}
	if got != strings.Join(want, "\n") {
		t.Errorf("error\n got %s\nwant %s", strings.ReplaceAll(got, "\n", "\n     "), strings.Join(want, "\n     "))
	}
}

func TestTimelineJSErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"not-json", `{"events": [`, []string{"convert: t.json: not valid JSON"}},
		{"not-timeline", `[1, 2]`, []string{`convert: t.json: not a TimelineJS file: expected {"title": {…}, "events": [{"start_date": {…}, "text": {…}}, …]}`}},
		{"no-events", `{"title": {}}`, []string{`convert: t.json: not a TimelineJS file: "events" is missing`}},
		{"event-errors", `{"events": [
			"x",
			{"text": {"headline": "No date"}},
			{"start_date": {"month": 6}, "text": {"headline": "No year"}},
			{"start_date": {"year": "twenty"}, "text": {"headline": "Words"}},
			{"start_date": {"year": 2025, "day": 3}, "text": {"headline": "Day without month"}},
			{"start_date": {"year": -44}, "text": {"headline": "BCE"}},
			{"start_date": {"year": 2025, "month": 2, "day": 30}, "text": {"headline": "No such day"}},
			{"start_date": {"year": 2025}, "end_date": {"year": "x"}, "text": {"headline": "Bad end"}},
			{"start_date": {"year": 2025}, "text": {"headline": "<p></p>"}},
			{"start_date": {"year": 2025}, "unique_id": "u", "text": {"headline": "One"}},
			{"start_date": {"year": 2025}, "unique_id": "u", "text": {"headline": "Two"}}
		]}`, []string{
			`convert: t.json: events[0]: not a TimelineJS event object`,
			`convert: t.json: events[1]: start_date: is required`,
			`convert: t.json: events[2]: start_date: year is required`,
			`convert: t.json: events[3]: start_date: year "twenty" must be a whole number`,
			`convert: t.json: events[4]: start_date: day is given without month`,
			`convert: t.json: events[5]: start_date: year -44 cannot be written in ISO 8601's four digits`,
			`convert: t.json: events[6]: start_date: "2025-02-30" is not an ISO 8601 date (February 2025 has no day 30)`,
			`convert: t.json: events[7]: end_date: year "x" must be a whole number`,
			`convert: warning: t.json: events[8]: text.headline: HTML markup removed: the story format holds plain text`,
			`convert: t.json: events[8]: text.headline: is required: every event needs a headline (or a text to make one from)`,
			`convert: t.json: events[10] ("u"): unique_id: "u" is the unique_id of an earlier event`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := convert.TimelineJS("t.json", []byte(tt.src))
			checkErr(t, err, tt.want)
		})
	}
}

func TestTimeDimensionErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"not-json", `{`, []string{"convert: t.geojson: not valid JSON"}},
		{"not-geojson", `{"type": "Topology"}`, []string{`convert: t.geojson: not a GeoJSON FeatureCollection or Feature (type "Topology")`}},
		{"feature-errors", `{"type": "FeatureCollection", "features": [
			1,
			{"type": "Feature", "id": {}, "geometry": null, "properties": {}},
			{"type": "Feature", "geometry": {"type": "Point", "coordinates": [1]}, "properties": {"name": "x", "time": "2025"}},
			{"type": "Feature", "geometry": {"type": "Point", "coordinates": [200, 1]}, "properties": {"name": "x", "time": "2025"}},
			{"type": "Feature", "geometry": null, "properties": {"name": "x", "time": "yesterday"}},
			{"type": "Feature", "geometry": null, "properties": {"name": "x", "times": []}},
			{"type": "Feature", "geometry": null, "properties": {"name": "x", "times": ["2025", true]}},
			{"type": "Feature", "geometry": null, "properties": {"name": "x", "time": 1e20}},
			{"type": "Feature", "geometry": null, "properties": {"time": "2025"}},
			{"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {}},
			{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}, "properties": {"name": "x", "times": ["2025", "2026", "2027"]}},
			{"type": "Feature", "id": "d", "geometry": null, "properties": {"name": "x", "time": "2025"}},
			{"type": "Feature", "id": "d", "geometry": null, "properties": {"name": "y", "time": "2025"}}
		]}`, []string{
			`convert: t.geojson: features[0]: not a GeoJSON Feature object`,
			`convert: t.geojson: features[1]: id: must be a string or a number`,
			`convert: t.geojson: features[2]: geometry: coordinates must be [longitude, latitude]`,
			`convert: t.geojson: features[3]: geometry: [200, 1] is outside longitude -180..180, latitude -90..90`,
			`convert: t.geojson: features[4]: properties.time: "yesterday" is not an ISO 8601 date (expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ); write it in the form 2025-06-11, 2025-06 or 2025`,
			`convert: t.geojson: features[5]: properties.times: is an empty list`,
			`convert: t.geojson: features[6]: properties.times: item 1: must be an ISO 8601 date or a number of milliseconds since 1970, not true`,
			`convert: t.geojson: features[7]: properties.time: 1e+20 milliseconds since 1970 is not a time ISO 8601's four-digit years can write`,
			`convert: t.geojson: features[8]: properties: no title, name, headline or popupContent: every event needs a title`,
			`convert: t.geojson: features[9]: properties: a site needs a name (properties.name)`,
			`convert: t.geojson: features[10]: properties.times: 3 times for 2 positions: give one time per position`,
			`convert: t.geojson: features[12] ("d"): id: "d" is the id of an earlier feature`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := convert.TimeDimension("t.geojson", []byte(tt.src))
			checkErr(t, err, tt.want)
		})
	}
}
