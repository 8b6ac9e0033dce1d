package convert_test

import (
	"fmt"
	"strings"
	"testing"

	"mapline/geo/convert"
)

// where lists each event of doc as "title@site" (or "title@lon,lat" for its
// own point), and each site as "id=lon,lat".
func where(doc *convert.Doc) (sites, events []string) {
	byID := map[string]*[2]float64{}
	for _, f := range doc.Features {
		if _, ev := f.Properties["time"]; !ev {
			byID[f.ID] = f.Point
			sites = append(sites, fmt.Sprintf("%s=%v,%v", f.ID, f.Point[0], f.Point[1]))
		}
	}
	for _, f := range doc.Features {
		if _, ev := f.Properties["time"]; !ev {
			continue
		}
		at := ""
		if s, ok := f.Properties["sites"].([]string); ok {
			at = strings.Join(s, ";")
		} else if f.Point != nil {
			at = fmt.Sprintf("%v,%v", f.Point[0], f.Point[1])
		}
		events = append(events, fmt.Sprintf("%s@%s", f.Properties["title"], at))
	}
	return sites, events
}

// TestSameNameElsewhere: a place named like an earlier one is its site only
// within 1 km; farther, a site of its own and a warning naming both rows.
func TestSameNameElsewhere(t *testing.T) {
	tests := []struct {
		name          string
		csv           string
		sites, events []string
		warnings      []string
	}{
		{name: "quakes-4700-km-apart", csv: "date,title,place,lat,lon\n" +
			"2024-03-01,M 5.1,Pacific-Antarctic Ridge,-55.0,-125.0\n" +
			"2024-03-02,M 4.9,Pacific-Antarctic Ridge,-27,-169\n" +
			"2024-03-03,M 4.6,Pacific-Antarctic Ridge,-55.001,-125.002\n",
			sites:    []string{"pacific-antarctic-ridge=-125,-55", "pacific-antarctic-ridge-2=-169,-27"},
			events:   []string{"M 5.1@pacific-antarctic-ridge", "M 4.9@pacific-antarctic-ridge-2", "M 4.6@pacific-antarctic-ridge"},
			warnings: []string{`convert: warning: q.csv: row 3: column place: "Pacific-Antarctic Ridge" is 4,705 km from the place of that name in row 2: a site of its own, pacific-antarctic-ridge-2 (one name is one site only within 1 km)`}},
		{name: "gaza-25-km-apart", csv: "date,title,place,lat,lon\n" +
			"2024-03-01,Strike,Gaza,31.52,34.45\n" +
			"2024-03-01,Strike,Gaza,31.31,34.35\n" +
			"2024-03-02,Strike,gaza,31.525,34.452\n" +
			"2024-03-03,Strike,Gaza,31.10,34.25\n",
			sites:  []string{"gaza=34.45,31.52", "gaza-2=34.35,31.31", "gaza-3=34.25,31.1"},
			events: []string{"Strike@gaza", "Strike@gaza-2", "Strike@gaza", "Strike@gaza-3"},
			warnings: []string{
				`convert: warning: q.csv: row 3: column place: "Gaza" is 25 km from the place of that name in row 2: a site of its own, gaza-2 (one name is one site only within 1 km)`,
				`convert: warning: q.csv: row 5: column place: "Gaza" is 50 km from the place of that name in row 2: a site of its own, gaza-3 (one name is one site only within 1 km)`,
			}},
		{name: "case-differs", csv: "date,title,place,lat,lon\n" +
			"2024-03-01,Here,Baghdad,33.3,44.4\n" +
			"2024-03-02,Elsewhere,baghdad,36.19,44.01\n",
			sites:    []string{"baghdad=44.4,33.3", "baghdad-2=44.01,36.19"},
			events:   []string{"Here@baghdad", "Elsewhere@baghdad-2"},
			warnings: []string{`convert: warning: q.csv: row 3: column place: "baghdad" is 323 km from the place of that name in row 2: a site of its own, baghdad-2 (one name is one site only within 1 km)`}},
		{name: "sites-sheet-far", csv: "date,title,place,lat,lon\n" +
			"2024-03-01,Near,Baghdad,33.301,44.401\n" +
			"2024-03-02,Far,baghdad,36.19,44.01\n",
			sites:    []string{"baghdad=44.4,33.3", "baghdad-2=44.01,36.19"},
			events:   []string{"Near@baghdad", "Far@baghdad-2"},
			warnings: []string{`convert: warning: q.csv: row 3: column place: "baghdad" is 323 km from the place of that name in s.csv: row 2: a site of its own, baghdad-2 (one name is one site only within 1 km)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sh := []convert.Sheet{{Name: "q.csv", Data: []byte(tt.csv)}}
			if strings.HasPrefix(tt.name, "sites-sheet") {
				sh = append(sh, convert.Sheet{Name: "s.csv", Data: []byte("id,name,lat,lon\nbaghdad,Baghdad,33.3,44.4\n")})
			}
			doc, err := convert.CSV(sh...)
			checkErr(t, err, tt.warnings)
			if doc == nil {
				t.Fatal("no doc")
			}
			sites, events := where(doc)
			if strings.Join(sites, " ") != strings.Join(tt.sites, " ") {
				t.Errorf("sites\n got %q\nwant %q", sites, tt.sites)
			}
			if strings.Join(events, " ") != strings.Join(tt.events, " ") {
				t.Errorf("events\n got %q\nwant %q", events, tt.events)
			}
		})
	}
}
