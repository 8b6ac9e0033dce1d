package main

import (
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"

	"mapline/geo"
)

// Populated places come from Natural Earth's 1:110m populated places
// (ne_110m_populated_places_simple.geojson, public domain), as the npm
// package globe.gl@2.46.2 ships them among its examples
// (example/datasets/; make basemap extracts only that file from its
// tarball): the capitals and the largest cities, 243 places, each with
// Natural Earth's min_zoom. Their names in Arabic, Sorani Kurdish and
// Persian are those of geo.Cities where a city is there (Natural Earth's
// file has English names only).

type placesFile struct {
	Features []struct {
		Properties struct {
			Name    string  `json:"name"`
			MinZoom float64 `json:"min_zoom"`
			Capital int     `json:"adm0cap"`
			PopMax  float64 `json:"pop_max"`
			Lon     float64 `json:"longitude"`
			Lat     float64 `json:"latitude"`
		} `json:"properties"`
	} `json:"features"`
}

// readPlaces reads Natural Earth's populated places, largest first (then
// by name).
func readPlaces(path string) ([]geo.Place, error) {
	var f placesFile
	if err := readJSON(path, &f); err != nil {
		return nil, err
	}
	var out []geo.Place
	for i, ft := range f.Features {
		p := ft.Properties
		if p.Name == "" || math.Abs(p.Lat) > 90 || math.Abs(p.Lon) > 180 || p.MinZoom < 0 {
			return nil, fmt.Errorf("%s: place %d (%q): bad name, position or min_zoom", path, i, p.Name)
		}
		pl := geo.Place{City: geo.City{Name: p.Name, LonLat: orb.Point{round2(p.Lon), round2(p.Lat)}, Capital: p.Capital == 1},
			MinZoom: p.MinZoom, Rank: populationRank(p.PopMax)}
		for _, c := range geo.Cities {
			if c.Name == p.Name {
				pl.Names = c.Names
			}
		}
		out = append(out, pl)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Rank != out[j].Rank {
			return out[i].Rank > out[j].Rank
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// populationRank is Protomaps' population_rank of a population: 0 (none)
// to 15 (over a million, Natural Earth's largest cities get 13–15).
func populationRank(pop float64) int {
	for i, min := range []float64{1e9, 5e6, 1e6, 5e5, 2e5, 1e5, 5e4, 2e4, 1e4, 5e3, 2e3, 1e3, 200, 0} {
		if pop > min {
			return 15 - i
		}
	}
	return 0
}
