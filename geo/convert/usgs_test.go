package convert_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"testing"

	"mapline/geo/convert"
)

// quakes lists each event of doc as "id time title @lon,lat source place
// mag magType type depth".
func quakes(doc *convert.Doc) []string {
	var out []string
	for _, f := range doc.Features {
		p := map[string]any{}
		for k, v := range f.Properties {
			if raw, ok := v.(json.RawMessage); ok {
				json.Unmarshal(raw, &v)
			}
			p[k] = v
		}
		at := "-"
		if f.Point != nil {
			at = fmt.Sprintf("%v,%v", f.Point[0], f.Point[1])
		}
		out = append(out, fmt.Sprintf("%s %v %v @%s %v %v %v %v %v %v", f.ID, p["time"], p["title"], at, p["source"], p["place"], p["mag"], p["magType"], p["type"], p["depth"]))
	}
	return out
}

// TestUSGSFeed: the USGS earthquake feed's GeoJSON (testdata/layouts/NOTE.md
// says where it is documented): each quake an event at its own point, its
// time to the millisecond, the feed's title, the event page as the source,
// mag, magType, type and the depth kept, the other properties named once
// as dropped; without title properties, each title built from mag and
// place, with one warning.
func TestUSGSFeed(t *testing.T) {
	dropped := `convert: warning: usgs-feed.geojson: features: the USGS earthquake feed: mag, magType, type and the depth (the third coordinate, km) are kept as properties the map does not show; dropped: alert, cdi, code, detail, dmin, felt, gap, ids, mmi, net, nst, rms, sig, sources, status, tsunami, types, tz, updated`
	withTitles := read(t, "layouts/usgs-feed.geojson")
	noTitles := regexp.MustCompile(`,"title":"M [^"]*"`).ReplaceAll(withTitles, nil)
	noFirstTitle := bytes.Replace(withTitles, []byte(`,"title":"M 4.5 - 10 km SW of Neiafu, Tonga"`), nil, 1)
	for _, tt := range []struct {
		name     string
		data     []byte
		events   []string
		warnings []string
	}{
		{"as the feed writes it", withTitles, []string{
			"us7000m001 2024-03-23T12:34:56.789Z M 4.5 - 10 km SW of Neiafu, Tonga @-173.98,-18.65 https://earthquake.usgs.gov/earthquakes/eventpage/us7000m001 10 km SW of Neiafu, Tonga 4.5 mb earthquake 10",
			"us7000m002 2024-03-24T01:00:00.120Z M 5.1 - Pacific-Antarctic Ridge @-125,-55 https://earthquake.usgs.gov/earthquakes/eventpage/us7000m002 Pacific-Antarctic Ridge 5.1 mww earthquake 10",
			"us7000m003 2024-03-25T07:15:30Z M 4.8 - Pacific-Antarctic Ridge @-169,-27 https://earthquake.usgs.gov/earthquakes/eventpage/us7000m003 Pacific-Antarctic Ridge 4.8 mb earthquake 33.5",
		}, []string{dropped}},
		{"without titles", noTitles, []string{
			"us7000m001 2024-03-23T12:34:56.789Z M 4.5 – 10 km SW of Neiafu, Tonga @-173.98,-18.65 https://earthquake.usgs.gov/earthquakes/eventpage/us7000m001 10 km SW of Neiafu, Tonga 4.5 mb earthquake 10",
			"us7000m002 2024-03-24T01:00:00.120Z M 5.1 – Pacific-Antarctic Ridge @-125,-55 https://earthquake.usgs.gov/earthquakes/eventpage/us7000m002 Pacific-Antarctic Ridge 5.1 mww earthquake 10",
			"us7000m003 2024-03-25T07:15:30Z M 4.8 – Pacific-Antarctic Ridge @-169,-27 https://earthquake.usgs.gov/earthquakes/eventpage/us7000m003 Pacific-Antarctic Ridge 4.8 mb earthquake 33.5",
		}, []string{
			`convert: warning: usgs-feed.geojson: features: no title: each title is built from properties mag and place: "M 4.5 – 10 km SW of Neiafu, Tonga"`,
			dropped,
		}},
		{"one without a title", noFirstTitle, []string{
			"us7000m001 2024-03-23T12:34:56.789Z M 4.5 – 10 km SW of Neiafu, Tonga @-173.98,-18.65 https://earthquake.usgs.gov/earthquakes/eventpage/us7000m001 10 km SW of Neiafu, Tonga 4.5 mb earthquake 10",
			"us7000m002 2024-03-24T01:00:00.120Z M 5.1 - Pacific-Antarctic Ridge @-125,-55 https://earthquake.usgs.gov/earthquakes/eventpage/us7000m002 Pacific-Antarctic Ridge 5.1 mww earthquake 10",
			"us7000m003 2024-03-25T07:15:30Z M 4.8 - Pacific-Antarctic Ridge @-169,-27 https://earthquake.usgs.gov/earthquakes/eventpage/us7000m003 Pacific-Antarctic Ridge 4.8 mb earthquake 33.5",
		}, []string{
			`convert: warning: usgs-feed.geojson: features: 1 of 3 quakes have no title: theirs are built from properties mag and place: "M 4.5 – 10 km SW of Neiafu, Tonga"`,
			dropped,
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := convert.TimeDimension("usgs-feed.geojson", tt.data)
			checkErr(t, err, tt.warnings)
			if doc == nil {
				t.Fatal("no doc")
			}
			if want := "USGS Magnitude 4.5+ Earthquakes, Past Week"; doc.Title != want {
				t.Errorf("title %q, want %q", doc.Title, want)
			}
			got := quakes(doc)
			if fmt.Sprint(got) != fmt.Sprint(tt.events) {
				t.Errorf("events\n got %q\nwant %q", got, tt.events)
			}
			mustLoad(t, doc, nil)
		})
	}
}
