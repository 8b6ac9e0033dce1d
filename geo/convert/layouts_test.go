package convert_test

import (
	"fmt"
	"strings"
	"testing"

	"mapline/geo/convert"
)

// events lists each event of doc as "id time title @where".
func events(doc *convert.Doc) []string {
	_, at := where(doc)
	var out []string
	k := 0
	for _, f := range doc.Features {
		if _, ev := f.Properties["time"]; ev {
			out = append(out, fmt.Sprintf("%s %s %s", f.ID, f.Properties["time"], at[k]))
			k++
		}
	}
	return out
}

// TestLayouts: files in the layouts newsrooms receive (testdata/layouts/NOTE.md
// says where each is documented): where each event lands, its date, its
// title, and every warning.
func TestLayouts(t *testing.T) {
	tests := []struct {
		file          string
		sites, events []string
		props         map[string]string // of the first event
		warnings      []string
	}{
		{file: "acled.csv",
			sites: []string{"gaza-city=34.4668,31.5017", "khan-yunis=34.3063,31.3402", "baghdad=44.4009,33.3406"},
			events: []string{
				"PSE1001 2023-03-09 Air/drone strike – Gaza City@gaza-city",
				"PSE1002 2023-03-10 Shelling/artillery/missile attack – Khan Yunis@khan-yunis",
				"IRQ2001 2023-03-11 Peaceful protest – Baghdad@baghdad",
			},
			props: map[string]string{"description": "On 9 March 2023, an air strike hit a building in Gaza City.", "source": "Al Jazeera", "fatalities": "2"},
			warnings: []string{
				`convert: warning: acled.csv: row 1: no headline or title column: each title is built from columns sub_event_type (or event_type) and location: "Air/drone strike – Gaza City"`,
				`convert: warning: acled.csv: row 1: column year is dropped (the date is column event_date); kept as properties the map does not show: time_precision, disorder_type, actor1, actor2, interaction, civilian_targeting, iso, region, country, admin1, admin2, geo_precision, source_scale, fatalities, tags, timestamp`,
			}},
		{file: "gdelt.csv",
			sites: []string{"baghdad-baghdad-iraq=44.3939,33.3386", "muscat-masqat-oman=58.5933,23.6133"},
			events: []string{
				"1100000001 2025-06-11 UNITED STATES / IRAQ – Baghdad, Baghdad, Iraq@baghdad-baghdad-iraq",
				"1100000002 2025-06-12 IRAN / UNITED STATES – Muscat, Masqat, Oman@muscat-masqat-oman",
				"1100000003 2025-06-13 UNITED STATES@",
			},
			props: map[string]string{"source": "https://example.org/news/ordered-departure"},
			warnings: []string{
				`convert: warning: gdelt.csv: row 1: no headline or title column: each title is built from columns Actor1Name, Actor2Name and ActionGeo_FullName: "UNITED STATES / IRAQ – Baghdad, Baghdad, Iraq"`,
				`convert: warning: gdelt.csv: row 1: column Year is dropped (the date is column SQLDATE); kept as properties the map does not show: MonthYear, FractionDate, EventCode, GoldsteinScale, NumMentions, ActionGeo_Type, ActionGeo_CountryCode, DATEADDED`,
			}},
		{file: "usgs.csv",
			sites: []string{"10-km-sw-of-neiafu-tonga=-173.98,-18.65", "pacific-antarctic-ridge=-125,-55", "pacific-antarctic-ridge-2=-169,-27"},
			events: []string{
				"us7000m001 2024-03-23T12:34:56.789Z M 4.5 – 10 km SW of Neiafu, Tonga@10-km-sw-of-neiafu-tonga",
				"us7000m002 2024-03-24T01:00:00.120Z M 5.1 – Pacific-Antarctic Ridge@pacific-antarctic-ridge",
				"us7000m003 2024-03-25T07:15:30.000Z M 4.8 – Pacific-Antarctic Ridge@pacific-antarctic-ridge-2",
			},
			props: map[string]string{"mag": "4.5", "depth": "10"},
			warnings: []string{
				`convert: warning: usgs.csv: row 1: no headline or title column: each title is built from columns mag and place: "M 4.5 – 10 km SW of Neiafu, Tonga"`,
				`convert: warning: usgs.csv: row 1: kept as properties the map does not show: depth, magType, nst, gap, dmin, rms, net, updated, type, horizontalError, depthError, magError, magNst, status, locationSource, magSource`,
				`convert: warning: usgs.csv: row 4 ("us7000m003"): column place: "Pacific-Antarctic Ridge" is 4,705 km from the place of that name in row 3: a site of its own, pacific-antarctic-ridge-2 (one name is one site only within 1 km)`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, err := convert.CSV(convert.Sheet{Name: tt.file, Data: read(t, "layouts/"+tt.file)})
			checkErr(t, err, tt.warnings)
			if doc == nil {
				t.Fatal("no doc")
			}
			sites, _ := where(doc)
			if strings.Join(sites, " ") != strings.Join(tt.sites, " ") {
				t.Errorf("sites\n got %q\nwant %q", sites, tt.sites)
			}
			if got := events(doc); strings.Join(got, "\n") != strings.Join(tt.events, "\n") {
				t.Errorf("events\n got %q\nwant %q", got, tt.events)
			}
			for _, f := range doc.Features {
				if _, ev := f.Properties["time"]; ev {
					for k, v := range tt.props {
						if f.Properties[k] != v {
							t.Errorf("first event: %s = %v, want %q", k, f.Properties[k], v)
						}
					}
					break
				}
			}
			mustLoad(t, doc, nil)
		})
	}
}

// TestColumnsOption: -columns names the columns of another layout.
func TestColumnsOption(t *testing.T) {
	const src = "Fecha;Titular;Y;X;Lugar\n11/06/2025;Salida;33,30;44,40;Bagdad\n2025-06-12;Vuelos;36,19;44,01;Erbil\n"
	tests := []struct {
		name     string
		columns  map[string]string
		events   []string
		warnings []string
	}{
		{name: "named", columns: map[string]string{"date": "fecha", "title": "Titular", "lat": "Y", "lon": "X", "place": "Lugar"},
			events: []string{" 2025-06-12 Vuelos@erbil"},
			warnings: []string{
				`convert: e.csv: row 2: column Fecha: "11/06/2025" is not an ISO 8601 date: 11/06 could be day/month or month/day; write it as 2025-06-11 (11 June) or 2025-11-06 (November 6); a spreadsheet keeps that form when the column is formatted as text or as yyyy-mm-dd`,
			}},
		{name: "unknown-field", columns: map[string]string{"date": "Fecha", "titel": "Titular"},
			warnings: []string{`convert: e.csv: row 1: columns: "titel" is not a field: the fields are id, date, end, title, description, source, sites, place, name, lat, lon, kind, approximate`}},
		{name: "no-such-column", columns: map[string]string{"date": "Fecha", "title": "Headline"},
			warnings: []string{`convert: e.csv: row 1: columns: title=Headline: the sheet has no column "Headline" (its columns: Fecha, Titular, Y, X, Lugar)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := convert.CSV(convert.Sheet{Name: "e.csv", Data: []byte(src), Columns: tt.columns})
			checkErr(t, err, tt.warnings)
			if doc != nil {
				if got := events(doc); strings.Join(got, "\n") != strings.Join(tt.events, "\n") {
					t.Errorf("events\n got %q\nwant %q", got, tt.events)
				}
			}
		})
	}
}

// TestNoTitleColumn: a sheet without a title column gets one error about its
// header, not one a row.
func TestNoTitleColumn(t *testing.T) {
	_, err := convert.CSV(convert.Sheet{Name: "e.csv", Data: []byte("date,source,lat,lon\n2025,W,1,2\n2025,W,1,2\n2025,W,1,2\n")})
	checkErr(t, err, []string{`convert: e.csv: row 1: a sheet of events needs a headline or title column (or -columns title=COLUMN)`})
}
