package main

import (
	"fmt"

	"mapline/geo"
)

// What the text of the map (carto_js.go) decides, on the host
// (carto_test.go): when the labels are laid out again, what keeps them out,
// the legend's entries and the scale bar.

// labelPass is what a frame does with the labels.
type labelPass struct {
	run          bool // lay the labels out in this frame
	readControls bool // read the boxes of what lies over the map again
	hold         bool // keep the labels shown (or drop them), measure nothing
	lazy         bool // leave texts not measured yet to idle callbacks
}

// planLabels is the labels' work in a frame. It runs when the scene changed,
// the controls over the map moved, or texts measured in idle callbacks came
// in while the map stands still. It reads the controls again when they moved
// or the map's size changed. While the map moves it only holds the labels;
// while the reader drags the slider (sliding), or texts already wait for
// idle callbacks, new texts wait with them rather than lay out the page.
func planLabels(changed, moved, measured, moving, sliding, waiting bool, size, lastSize [2]float64) labelPass {
	if !changed && !moved && !(measured && !moving) {
		return labelPass{}
	}
	return labelPass{run: true, readControls: moved || size != lastSize, hold: moving, lazy: sliding || waiting}
}

// keepOut appends to boxes the boxes of what lies over the map, in map px:
// each rect (in the page) less origin, the map's top left in the page.
// Hidden elements (no width or height) keep nothing out.
func keepOut(boxes []geo.Box, originX, originY float64, rects []geo.Box) []geo.Box {
	for _, r := range rects {
		if r.W <= 0 || r.H <= 0 {
			continue
		}
		boxes = append(boxes, geo.Box{X: r.X - originX, Y: r.Y - originY, W: r.W, H: r.H})
	}
	return boxes
}

// On maps narrower or lower than this (phones, short embeds) the legend
// starts closed, behind its button.
const (
	legendOpenWidth  = 480
	legendOpenHeight = 300
)

// legendOpens says whether the legend starts open on a map w × h CSS px.
func legendOpens(w, h float64) bool { return w >= legendOpenWidth && h >= legendOpenHeight }

// legendIcon is the SVG of a legend entry's shape, drawn as the map draws
// it, outlined in outline. It holds only numbers and colours of our own,
// never data, so that it may be set as HTML.
func legendIcon(e geo.LegendEntry, outline string) string {
	return `<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">` +
		e.Shape.SVG(10, 10, 5.5, geo.OutlineWidth, cssColor(e.Color), outline) + `</svg>`
}

// scaleMaxPx is the longest a scale bar gets, in CSS px.
const scaleMaxPx = 100

// scaleBar is what the scale bar shows for view v: its lengths in km and in
// miles, each with its width in CSS px, its label for screen readers, and a
// key that changes when any of them does.
type scaleBar struct {
	km, mi, label string
	kmPx, miPx    string
	hidden        bool
	key           string
}

func (w words) scaleBar(v geo.View) scaleBar {
	b := v.ScaleBar(scaleMaxPx)
	km, mi, label := w.dates.scale(b)
	return scaleBar{km: km, mi: mi, label: label, hidden: b.Km == 0,
		kmPx: fmt.Sprintf("%.1fpx", b.KmPx), miPx: fmt.Sprintf("%.1fpx", b.MiPx),
		key: fmt.Sprintf("%s %.1f %s %.1f", km, b.KmPx, mi, b.MiPx)}
}
