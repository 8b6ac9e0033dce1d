package geo_test

import (
	"math"
	"testing"

	"mapline/geo"
)

// TestCities: every reference city lies in its country on the basemap (a
// check of the coordinates to within the basemap's detail), the capitals are
// the ones expected, and no name is there twice.
func TestCities(t *testing.T) {
	bm := geo.DefaultBasemap()
	country := map[string]string{
		"Baghdad": "Iraq", "Erbil": "Iraq", "Basra": "Iraq", "Mosul": "Iraq",
		"Tehran": "Iran", "Kuwait City": "Kuwait", "Riyadh": "Saudi Arabia",
		"Damascus": "Syria", "Amman": "Jordan", "Ankara": "Turkey", "Doha": "Qatar",
		"Manama": "Bahrain", "Muscat": "Oman", "Abu Dhabi": "United Arab Emirates",
		"Jerusalem": "", // on the line between Israel and the West Bank: either
	}
	notCapital := map[string]bool{"Erbil": true, "Basra": true, "Mosul": true, "Jerusalem": true}
	seen := map[string]bool{}
	for _, c := range geo.Cities {
		if seen[c.Name] {
			t.Errorf("%s is listed twice", c.Name)
		}
		seen[c.Name] = true
		want, ok := country[c.Name]
		if !ok {
			t.Errorf("%s is not a city of the brief", c.Name)
			continue
		}
		if c.Capital == notCapital[c.Name] {
			t.Errorf("%s: capital %v", c.Name, c.Capital)
		}
		// Coordinates are given to 0.01°.
		for _, v := range []float64{c.LonLat.Lon(), c.LonLat.Lat()} {
			if math.Abs(v*100-math.Round(v*100)) > 1e-6 {
				t.Errorf("%s: %v is not rounded to 0.01°", c.Name, c.LonLat)
			}
		}
		got, ok := geo.CountryAt(bm, geo.World(c.LonLat))
		switch {
		case want == "":
			if !ok {
				t.Errorf("%s at %v is in no country", c.Name, c.LonLat)
			}
		case !ok || got.Name != want:
			t.Errorf("%s at %v is in %q, want %s", c.Name, c.LonLat, got.Name, want)
		}
	}
	if len(seen) != len(country) {
		t.Errorf("%d cities, want the %d of the brief", len(seen), len(country))
	}
}
