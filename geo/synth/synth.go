// Package synth generates stories of any size for benchmarks: the same seed
// gives the same bytes, so Go benchmarks and the browser benchmark (cmd/bench)
// measure the same stories. It imports only the standard library.
package synth

import (
	"math/rand/v2"
	"strconv"
	"time"
)

// kinds are the site kinds the generator draws from (docs/story-format.md).
var kinds = []string{"embassy", "consulate", "military", "nuclear", "venue", "city", "site", "port"}

// Story returns a GeoJSON story of nSites sites spread over the Middle East
// and nEvents events, one every six hours from 1 January 2000. Each event is
// at one to three sites; every tenth links two of them (an arc), every
// fiftieth has a point of its own, every hundredth (the 99th of each hundred) concerns the whole region.
// Texts are short, so 100,000 events stay under geo.MaxStoryBytes (about
// 13 MB; TestStorySizes measures it). nSites is at least 1.
func Story(seed uint64, nSites, nEvents int) []byte {
	nSites = max(nSites, 1)
	nEvents = max(nEvents, 0)
	r := rand.New(rand.NewPCG(seed, 0x6d61706c696e65))
	b := make([]byte, 0, 96*nSites+140*nEvents+128)
	b = append(b, `{"type":"FeatureCollection","title":"Synthetic story `...)
	b = strconv.AppendUint(b, seed, 10)
	b = append(b, `","features":[`...)
	site := func(b []byte, i int) []byte {
		b = append(b, `"s`...)
		b = strconv.AppendInt(b, int64(i), 10)
		return append(b, '"')
	}
	coord := func(b []byte, lon, lat float64) []byte {
		b = append(b, `{"type":"Point","coordinates":[`...)
		b = strconv.AppendFloat(b, lon, 'f', 4, 64)
		b = append(b, ',')
		b = strconv.AppendFloat(b, lat, 'f', 4, 64)
		return append(b, "]}"...)
	}
	for i := 0; i < nSites; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"type":"Feature","id":`...)
		b = site(b, i)
		b = append(b, `,"geometry":`...)
		b = coord(b, 34+r.Float64()*26, 22+r.Float64()*18)
		b = append(b, `,"properties":{"name":"Site `...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, `","kind":"`...)
		b = append(b, kinds[r.IntN(len(kinds))]...)
		b = append(b, `"}}`...)
	}
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	sites := make([]int, 0, 3)
	for i := 0; i < nEvents; i++ {
		b = append(b, `,{"type":"Feature","id":"e`...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, `","geometry":`...)
		if i%50 == 49 {
			b = coord(b, 34+r.Float64()*26, 22+r.Float64()*18)
		} else {
			b = append(b, "null"...)
		}
		b = append(b, `,"properties":{"time":"`...)
		b = start.Add(time.Duration(i)*6*time.Hour).AppendFormat(b, "2006-01-02T15:04:05Z")
		b = append(b, `","title":"Event `...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, '"')
		sites = sites[:0]
		if i%100 != 98 {
			for range 1 + r.IntN(3) {
				sites = append(sites, r.IntN(nSites))
			}
			b = append(b, `,"sites":[`...)
			for j, s := range sites {
				if j > 0 {
					b = append(b, ',')
				}
				b = site(b, s)
			}
			b = append(b, ']')
			if i%10 == 9 && len(sites) > 1 && sites[0] != sites[1] {
				b = append(b, `,"links":[[`...)
				b = site(b, sites[0])
				b = append(b, ',')
				b = site(b, sites[1])
				b = append(b, "]]"...)
			}
		}
		b = append(b, "}}"...)
	}
	return append(b, "]}\n"...)
}
