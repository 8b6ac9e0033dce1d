package convert_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"mapline/geo"
	"mapline/geo/convert"
)

// checkDoc is what every conversion promises: no panic; either a Doc, or
// an *Error; a Doc that writes GeoJSON the loader reads as a story, each
// feature with its place in the input.
func checkDoc(t *testing.T, doc *convert.Doc, err error) {
	var ce *convert.Error
	if err != nil && !errors.As(err, &ce) {
		t.Fatalf("error %T %v, want a *convert.Error", err, err)
	}
	if ce != nil && len(ce.Problems) == 0 {
		t.Fatal("an *Error with no problems")
	}
	if doc == nil {
		if err == nil {
			t.Fatal("no Doc and no error")
		}
		return
	}
	for i, f := range doc.Features {
		if f.From == "" {
			t.Fatalf("feature %d has no From", i)
		}
	}
	data, werr := doc.GeoJSON()
	if werr != nil {
		t.Fatalf("GeoJSON: %v", werr)
	}
	s, lerr := geo.Load(bytes.NewReader(data))
	if s == nil {
		t.Fatalf("the converted story does not load at all: %v\n%s", lerr, data)
	}
	_ = geo.Check(s)
}

// FuzzCSV feeds the CSV converter a sheet of events and a sheet of sites.
func FuzzCSV(f *testing.F) {
	seeds := [][2]string{
		{"one-sheet.csv", ""},
		{"events.csv", "sites.csv"},
		{"timelinejs-template.csv", ""},
		{"layouts/acled.csv", ""},
		{"layouts/gdelt.csv", ""},
		{"layouts/usgs.csv", ""},
		{"layouts/gdelt-1.0.export.CSV", ""},
		{"layouts/gdelt-2.0.export.CSV", ""},
	}
	for _, s := range seeds {
		ev, err := readFile(s[0])
		if err != nil {
			f.Fatal(err)
		}
		var st []byte
		if s[1] != "" {
			if st, err = readFile(s[1]); err != nil {
				f.Fatal(err)
			}
		}
		f.Add(ev, st)
	}
	f.Add([]byte("date,headline,lat,lon,place\n2025-02-30,x,1,2,p\n"), []byte(nil))
	f.Add([]byte("date;headline\n\"unterminated;x\n"), []byte(nil))
	f.Add([]byte("date,title,place,lat,lon\n11 June 2025,T\xe9h\xe9ran,T\xe9h\xe9ran,35.69,51.39\n1678733522,x,T\xe9h\xe9ran,35.7,51.4\n"), []byte(nil))
	f.Add([]byte("\xff\xfed\x00a\x00t\x00e\x00"), []byte(nil))
	f.Add([]byte("1\t20250611"+strings.Repeat("\t", 56)+"\n"), []byte(nil)) // GDELT's shape, every other cell empty
	f.Fuzz(func(t *testing.T, events, sites []byte) {
		sheets := []convert.Sheet{{Name: "events.csv", Data: events}}
		if len(sites) > 0 {
			sheets = append(sheets, convert.Sheet{Name: "sites.csv", Data: sites})
		}
		doc, err := convert.CSV(sheets...)
		checkDoc(t, doc, err)
	})
}

// FuzzTimelineJS feeds the TimelineJS and the TimeDimension converters the
// same bytes.
func FuzzTimelineJS(f *testing.F) {
	for _, name := range []string{"timeline.json", "timeline2.json", "timedimension.geojson", "layouts/usgs-feed.geojson"} {
		data, err := readFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"events":[{"start_date":{"year":"-5","month":"13"},"text":{"headline":"<"}}]}`))
	f.Add([]byte(`{"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[[1,2],[3,4]]},"properties":{"name":"x","times":[0,1e300]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := convert.TimelineJS("t.json", data)
		checkDoc(t, doc, err)
		doc, err = convert.TimeDimension("t.geojson", data)
		checkDoc(t, doc, err)
	})
}
