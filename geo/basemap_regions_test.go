package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb/planar"
)

func TestBasemapRegionBoundaries(t *testing.T) {
	// First-level boundaries (Natural Earth admin-1) in the levels drawn
	// from zoom 4, along the 40th parallel between Kansas and Nebraska and
	// along the Euphrates' governorates; none in the low levels.
	for _, lv := range DefaultBasemap().Levels() {
		if lv.MaxZoom <= 4 {
			if len(lv.Regions) > 0 {
				t.Errorf("level z<%g: %d region boundaries, want none", lv.MaxZoom, len(lv.Regions))
			}
			continue
		}
		for _, tc := range []struct {
			name     string
			lon, lat float64
		}{
			{"Kansas–Nebraska", -99, 40},
			{"Kansas–Oklahoma", -98, 37},
		} {
			p := bmWorld(tc.lon, tc.lat)
			d := math.Inf(1)
			for _, ls := range lv.Regions {
				for i := 1; i < len(ls); i++ {
					d = math.Min(d, planar.DistanceFromSegment(ls[i-1], ls[i], p))
				}
			}
			// 1 px at zoom 6.
			if d > 1.0/64 {
				t.Errorf("level z<%g: %s: nearest region boundary %.4f world units away", lv.MaxZoom, tc.name, d)
			}
		}
	}
}
