package main

import "testing"

// TestReadParamsViewMessages: a view= that cannot be read is reported with
// the part that is wrong and its range, not only the form.
func TestReadParamsViewMessages(t *testing.T) {
	const page = "http://localhost:8080/embed.html"
	for _, tc := range []struct{ name, href, problem string }{
		{"overflowing-latitude", page + "?view=1e309,0,3", `view="1e309,0,3" must be LAT,LON,ZOOM with latitude -90 to 90: latitude "1e309" is out of range`},
		{"overflowing-zoom-in-the-hash", page + "#view=1,2,-1e400", `view="1,2,-1e400" must be LAT,LON,ZOOM with zoom 1 to 12: zoom "-1e400" is out of range`},
		{"longitude-out-of-range", page + "?view=10,200,3", `view="10,200,3" must be LAT,LON,ZOOM with longitude -180 to 180: longitude 200 is out of range`},
		{"not-a-number", page + "?view=10,east,3", `view="10,east,3" must be LAT,LON,ZOOM: longitude "east" is not a number`},
		{"two-numbers", page + "?view=10,20", `view="10,20" must be LAT,LON,ZOOM: three numbers separated by commas`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pr, probs := readParams(tc.href)
			if pr.view != nil {
				t.Errorf("view %v read from a bad view=", pr.view)
			}
			if len(probs) != 1 || probs[0] != tc.problem {
				t.Errorf("problems %q, want [%q]", probs, tc.problem)
			}
		})
	}
}
