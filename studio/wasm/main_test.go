package main

import (
	"strings"
	"testing"

	"mapline/studio"
)

// TestCall: the bridge answers every request, a wrong one with an error
// naming it, and never panics.
func TestCall(t *testing.T) {
	sheet := []byte("date,headline,lat,lon\n2025-02-30,Talks,23.6,58.4\n")
	for _, tc := range []struct {
		name string
		op   string
		args []any
		want string // in the error; "" for none
	}{
		{"unknown-request", "delete", nil, `no request "delete"`},
		{"set-before-open", "set", []any{0.0, "title", "x"}, "open a file first"},
		{"open-no-bytes", "open", []any{"x.csv"}, "the sheet is empty"},
		{"open-sheet", "open", []any{"e.csv", sheet}, ""},
		{"set-row-not-a-number", "set", []any{"0", "title", "x"}, "not a row number"},
		{"set-row-fraction", "set", []any{0.5, "title", "x"}, "not a row number"},
		{"set-row-past-the-end", "set", []any{7.0, "title", "x"}, "row 7 has no title"},
		{"set-unknown-field", "set", []any{0.0, "colour", "x"}, "has no colour"},
		{"edits-not-json", "edits", []any{"[{"}, "edits"},
		{"edits-one-bad", "edits", []any{`[{"row": 0, "field": "title", "value": "x"}, {"row": 3, "field": "date", "value": "y"}]`}, "row 3 has no date"},
		{"edits", "edits", []any{`[{"row": 0, "field": "date", "value": "2025-02-28"}]`}, ""},
		{"embed-not-json", "embed", []any{"{"}, "embed"},
		{"embed-bad-site", "embed", []any{`{"Site": "javascript:x"}`}, "not an http: or https: address"},
		{"poster-bad-view", "poster", []any{"95,0,3", "", false, false}, "view"},
		{"basemap-not-one", "basemap", []any{[]byte("nope")}, "basemap"},
		{"pick", "pick", []any{"33.3,44.4,5", 600.0, 400.0, 300.0, 200.0}, ""},
		{"pick-not-numbers", "pick", []any{"33.3,44.4,5", "600", 400.0, 300.0, 200.0}, "the map is 0×400"},
		{"pick-bad-view", "pick", []any{"nowhere", 600.0, 400.0, 300.0, 200.0}, "pick on map: view"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := new(studio.Session)
			if tc.name != "set-before-open" && tc.name != "open-no-bytes" && tc.name != "open-sheet" {
				if r := call(s, "open", []any{"e.csv", sheet}); r.Error != "" {
					t.Fatal(r.Error)
				}
			}
			r := call(s, tc.op, tc.args)
			if tc.want == "" && r.Error != "" || tc.want != "" && !strings.Contains(r.Error, tc.want) {
				t.Errorf("error %q, want one with %q", r.Error, tc.want)
			}
		})
	}
}
