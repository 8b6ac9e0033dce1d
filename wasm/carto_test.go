package main

import (
	"image/color"
	"math"
	"slices"
	"strings"
	"testing"

	"mapline/geo"
	"mapline/geo/lang"

	"github.com/paulmach/orb"
)

func TestPlanLabels(t *testing.T) {
	size, other := [2]float64{800, 500}, [2]float64{400, 500}
	for _, tc := range []struct {
		name                                               string
		changed, moved, measured, moving, sliding, waiting bool
		last                                               [2]float64
		want                                               labelPass
	}{
		{name: "nothing new", last: size},
		{name: "the scene changed", changed: true, last: size, want: labelPass{run: true}},
		{name: "the map was resized", changed: true, last: other, want: labelPass{run: true, readControls: true}},
		{name: "the controls moved", moved: true, last: size, want: labelPass{run: true, readControls: true}},
		{name: "texts measured while still", measured: true, last: size, want: labelPass{run: true}},
		{name: "texts measured while moving wait", measured: true, moving: true, last: size},
		{name: "moving holds", changed: true, moving: true, last: size, want: labelPass{run: true, hold: true}},
		{name: "sliding leaves texts to idle time", changed: true, sliding: true, last: size, want: labelPass{run: true, lazy: true}},
		{name: "texts wait with those waiting", changed: true, waiting: true, last: size, want: labelPass{run: true, lazy: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := planLabels(tc.changed, tc.moved, tc.measured, tc.moving, tc.sliding, tc.waiting, size, tc.last)
			if got != tc.want {
				t.Errorf("planLabels = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestKeepOut(t *testing.T) {
	rects := []geo.Box{
		{X: 110, Y: 60, W: 30, H: 30},  // a button
		{X: 500, Y: 60, W: 0, H: 20},   // hidden
		{X: 100, Y: 400, W: 200, H: 0}, // hidden banner
		{X: 90, Y: 50, W: 10, H: 10},   // over the map's corner
	}
	got := keepOut([]geo.Box{{X: 1}}[:0], 100, 50, rects)
	want := []geo.Box{{X: 10, Y: 10, W: 30, H: 30}, {X: -10, Y: 0, W: 10, H: 10}}
	if !slices.Equal(got, want) {
		t.Errorf("keepOut = %v, want %v", got, want)
	}
}

func TestLegendOpens(t *testing.T) {
	for _, tc := range []struct {
		name string
		w, h float64
		want bool
	}{
		{"a desktop embed", 800, 500, true},
		{"the smallest open", legendOpenWidth, legendOpenHeight, true},
		{"a phone", 375, 600, false},
		{"a short embed", 800, 250, false},
	} {
		if got := legendOpens(tc.w, tc.h); got != tc.want {
			t.Errorf("%s: legendOpens(%v, %v) = %v, want %v", tc.name, tc.w, tc.h, got, tc.want)
		}
	}
}

func TestLegendIcon(t *testing.T) {
	e := geo.LegendEntry{Kind: "embassy", Name: `<img src=x onerror=alert(1)>`, Shape: geo.KindShape("embassy"), Color: color.NRGBA{255, 0, 0, 255}}
	got := legendIcon(e, "#ffffff")
	if !strings.HasPrefix(got, `<svg viewBox="0 0 20 20"`) || !strings.HasSuffix(got, "</svg>") {
		t.Errorf("legendIcon = %q, want one svg", got)
	}
	for _, want := range []string{cssColor(e.Color), "#ffffff", `aria-hidden="true"`} {
		if !strings.Contains(got, want) {
			t.Errorf("legendIcon = %q, want %q in it", got, want)
		}
	}
	if strings.Contains(got, "img") || strings.Contains(got, "embassy") {
		t.Errorf("legendIcon = %q holds the story's words", got)
	}
}

func TestScaleBar(t *testing.T) {
	w := newWords(lang.Get("en"), nil)
	v := geo.View{Center: orb.Point{44, 33}, Zoom: 6, Width: 800, Height: 500}
	b := w.scaleBar(v)
	if b.hidden || b.km == "" || b.mi == "" || b.label == "" || !strings.HasSuffix(b.kmPx, "px") || !strings.HasSuffix(b.miPx, "px") {
		t.Errorf("scaleBar at zoom 6 = %+v, want both lengths shown", b)
	}
	v.Zoom = 7
	if c := w.scaleBar(v); c.key == b.key || c.kmPx == b.kmPx && c.km == b.km {
		t.Errorf("zooming in keeps the scale bar: %+v, %+v", b, c)
	}
	v.Center = orb.Point{44.0001, 33}
	v.Zoom = 6
	if c := w.scaleBar(v); c.key != b.key {
		t.Errorf("a pan across the same latitude changes the key: %q → %q", b.key, c.key)
	}
}

func TestScaleBarHidden(t *testing.T) {
	w := newWords(lang.Get("en"), nil)
	// A view whose scale cannot be measured (geo.View.ScaleBar gives none).
	b := w.scaleBar(geo.View{Center: orb.Point{44, 33}, Zoom: math.NaN(), Width: 800, Height: 500})
	if !b.hidden {
		t.Errorf("scaleBar without a scale = %+v, want it hidden", b)
	}
}
