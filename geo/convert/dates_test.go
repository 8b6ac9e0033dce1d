package convert_test

import (
	"strings"
	"testing"

	"mapline/geo/convert"
)

// TestDates: the dates of a sheet's date column as newsrooms' files have
// them: what each becomes, or the advice, rewritten from the row's own
// value, and in JSON advice that fits JSON.
func TestDates(t *testing.T) {
	const tip = "; a spreadsheet keeps that form when the column is formatted as text or as yyyy-mm-dd"
	tests := []struct {
		name, value string
		time        string // the event's time; "" when refused
		want        string // the problem of the row, whole
	}{
		{name: "epoch-seconds", value: "1678733522", time: "2023-03-13T18:52:02Z",
			want: `convert: warning: e.csv: row 2: column date: "1678733522" read as seconds since 1970 (Unix time): 2023-03-13T18:52:02Z`},
		{name: "epoch-milliseconds", value: "1678733522123", time: "2023-03-13T18:52:02.123Z",
			want: `convert: warning: e.csv: row 2: column date: "1678733522123" read as milliseconds since 1970 (Unix time): 2023-03-13T18:52:02.123Z`},
		{name: "excel-serial", value: "45374",
			want: `convert: e.csv: row 2: column date: "45374" looks like an Excel date serial number: 2024-03-23 in Excel's usual 1900 date system (2028-03-24 in the 1904 system of old Mac files); write it as 2024-03-23` + tip},
		{name: "day-first", value: "23/03/2024",
			want: `convert: e.csv: row 2: column date: "23/03/2024" is not an ISO 8601 date: write it as 2024-03-23 (23 March 2024)` + tip},
		{name: "month-first", value: "03/23/2024",
			want: `convert: e.csv: row 2: column date: "03/23/2024" is not an ISO 8601 date: write it as 2024-03-23 (March 23, 2024)` + tip},
		{name: "ambiguous", value: "6/11/2025",
			want: `convert: e.csv: row 2: column date: "6/11/2025" is not an ISO 8601 date: 6/11 could be day/month or month/day; write it as 2025-11-06 (6 November) or 2025-06-11 (June 11)` + tip},
		{name: "neither", value: "13/13/2024",
			want: `convert: e.csv: row 2: column date: "13/13/2024" is not a date: 13/13 is neither day/month nor month/day`},
		{name: "year-first-slashes", value: "2024/03/23",
			want: `convert: e.csv: row 2: column date: "2024/03/23" is not an ISO 8601 date: write it as 2024-03-23` + tip},
		{name: "day-month-name", value: "11 June 2025", time: "2025-06-11"},
		{name: "acled-export", value: "09 March 2023", time: "2023-03-09"},
		{name: "month-name-day", value: "June 11, 2025", time: "2025-06-11"},
		{name: "abbreviated", value: "11 Jun 2025", time: "2025-06-11"},
		{name: "month-name", value: "June 2025", time: "2025-06"},
		{name: "no-such-day", value: "2025-02-30",
			want: `convert: e.csv: row 2: column date: "2025-02-30" is not an ISO 8601 date (February 2025 has no day 30)`},
		{name: "words", value: "soon",
			want: `convert: e.csv: row 2: column date: "soon" is not an ISO 8601 date (expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ); write it in the form 2025-06-11, 2025-06 or 2025` + tip},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := convert.CSV(convert.Sheet{Name: "e.csv", Data: []byte("date,title\n\"" + tt.value + "\",T\n")})
			var want []string
			if tt.want != "" {
				want = []string{tt.want}
			}
			checkErr(t, err, want)
			got := ""
			if doc != nil && len(doc.Features) == 1 {
				got, _ = doc.Features[0].Properties["time"].(string)
			}
			if got != tt.time {
				t.Errorf("time %q, want %q", got, tt.time)
			}
		})
	}
}

// TestDatesJSON: JSON files get advice that fits JSON.
func TestDatesJSON(t *testing.T) {
	src := `{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"title": "A", "time": "6/11/2025"}}]}`
	_, err := convert.TimeDimension("t.geojson", []byte(src))
	if err == nil || strings.Contains(err.Error(), "spreadsheet") || !strings.Contains(err.Error(), `"6/11/2025" is not an ISO 8601 date: 6/11 could be day/month or month/day; write it as 2025-11-06 (6 November) or 2025-06-11 (June 11)`) {
		t.Errorf("got %v", err)
	}
	tl := `{"events": [{"start_date": {"year": 2025, "month": 2, "day": 30}, "text": {"headline": "A"}}]}`
	_, err = convert.TimelineJS("t.json", []byte(tl))
	checkErr(t, err, []string{`convert: t.json: events[0]: start_date: "2025-02-30" is not an ISO 8601 date (February 2025 has no day 30)`})
}
