package main

import (
	"fmt"
	"math"
	"testing"

	"mapline/geo"
	"mapline/internal/browser"
)

// TestPosterSurvivesCrops: each poster, covering a map of any shape it is
// picked for (minRatio to maxRatio), keeps every site of the demo story
// inside the map with geo.FitPadding to spare, as the live map that opens on
// the poster's view requires (geo.OpeningView).
func TestPosterSurvivesCrops(t *testing.T) {
	s, err := browser.Demo("../../site") // the source of dist/, laid out the same
	if err != nil {
		t.Fatal(err)
	}
	b, _ := s.Bound()
	for _, p := range posterSizes {
		v := p.view(s)
		for _, ratio := range []float64{p.minRatio, p.w / p.h, p.maxRatio} {
			t.Run(fmt.Sprintf("%s-%.2f", p.name, ratio), func(t *testing.T) {
				// The map at this ratio, as wide as the poster or as tall;
				// the poster scaled to cover it, centred: a zoom of log2 of
				// the scale more (frame.js startView).
				m := geo.View{Width: p.w, Height: p.w / ratio}
				if m.Height < p.h {
					m = geo.View{Width: p.h * ratio, Height: p.h}
				}
				scale := math.Max(m.Width/p.w, m.Height/p.h)
				m.Center, m.Zoom = v.Center, v.Zoom+math.Log2(scale)
				if !m.Shows(b, geo.FitPadding) {
					t.Errorf("a %.0f×%.0f map covered by the %s poster (view %s) cuts the story %v off", m.Width, m.Height, p.name, m.Param(), b)
				}
			})
		}
	}
}
