package geo_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"mapline/geo"
)

// genStory generates a story of nSites sites spread over the Middle East and
// nEvents events, one a day, each at one to three random sites. The same seed
// gives the same story.
func genStory(tb testing.TB, seed uint64, nSites, nEvents int) *geo.Story {
	tb.Helper()
	r := rand.New(rand.NewPCG(seed, 0x6d61706c696e65))
	kinds := []string{"embassy", "consulate", "military", "nuclear", "venue", "city", "site", "port"}
	type feature struct {
		Type       string         `json:"type"`
		ID         string         `json:"id"`
		Geometry   any            `json:"geometry"`
		Properties map[string]any `json:"properties"`
	}
	fs := make([]feature, 0, nSites+nEvents)
	for i := 0; i < nSites; i++ {
		lon, lat := 34+r.Float64()*26, 22+r.Float64()*18
		fs = append(fs, feature{Type: "Feature", ID: fmt.Sprintf("site-%d", i),
			Geometry: map[string]any{"type": "Point", "coordinates": []float64{lon, lat}},
			Properties: map[string]any{"name": fmt.Sprintf("Site %d %s", i, strings.Repeat("x", r.IntN(12))),
				"kind": kinds[r.IntN(len(kinds))]}})
	}
	day := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < nEvents; i++ {
		sites := make([]string, 1+r.IntN(3))
		for j := range sites {
			sites[j] = fmt.Sprintf("site-%d", r.IntN(nSites))
		}
		fs = append(fs, feature{Type: "Feature", ID: fmt.Sprintf("event-%d", i),
			Properties: map[string]any{"time": day.AddDate(0, 0, i).Format("2006-01-02"),
				"title": fmt.Sprintf("Event %d", i), "sites": sites}})
	}
	data, err := json.Marshal(map[string]any{"type": "FeatureCollection", "features": fs})
	if err != nil {
		tb.Fatal(err)
	}
	s, err := geo.Load(strings.NewReader(string(data)))
	if err != nil {
		tb.Fatalf("the generated story: %v", err)
	}
	return s
}
