package geo_test

import (
	"image/color"
	"math"
	"testing"

	"mapline/geo"
)

func TestContrast(t *testing.T) {
	for _, tc := range []struct {
		a, b color.NRGBA
		want float64
	}{
		{color.NRGBA{0, 0, 0, 255}, color.NRGBA{255, 255, 255, 255}, 21},
		{color.NRGBA{255, 255, 255, 255}, color.NRGBA{255, 255, 255, 255}, 1},
		// #767676 on white is the classic 4.54:1.
		{color.NRGBA{0x76, 0x76, 0x76, 255}, color.NRGBA{255, 255, 255, 255}, 4.54},
	} {
		if got := geo.Contrast(tc.a, tc.b); math.Abs(got-tc.want) > 0.01 {
			t.Errorf("Contrast(%v, %v) = %.3f, want %.2f", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestMarkerContrast: every marker colour stands out from the land it sits
// on at 3:1 (WCAG 2.1, 1.4.11 non-text contrast), in both themes, on plain
// land and on the story's countries; so do the dots of reference cities. The
// outline ring is for the sea and neighbouring markers, not counted here.
func TestMarkerContrast(t *testing.T) {
	for _, th := range []geo.Theme{geo.Light, geo.Dark} {
		colors := map[string]color.NRGBA{"other": th.Other, "reference city": th.City}
		for k, c := range th.Kinds {
			colors[k] = c
		}
		for name, c := range colors {
			for _, bg := range []struct {
				name string
				c    color.NRGBA
			}{{"Land", th.Land}, {"StoryLand", th.StoryLand}, {"Sea", th.Sea}} {
				if r := geo.Contrast(c, bg.c); r < 3 {
					t.Errorf("%s: %s %s on %s %s: contrast %.2f, want at least 3", th.Name, name, hex(c), bg.name, hex(bg.c), r)
				}
			}
		}
	}
}

func TestOver(t *testing.T) {
	white := color.NRGBA{255, 255, 255, 255}
	if got := geo.Over(color.NRGBA{0, 0, 0, 0x80}, white); got.R < 126 || got.R > 128 || got.A != 255 {
		t.Errorf("half black over white = %v", got)
	}
}
