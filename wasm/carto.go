package main

import (
	"fmt"
	"sync/atomic"

	"mapline/geo"
	"mapline/wasm/mapui"
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

// carto is the text of the map in the DOM: the labels (sized by
// mapui.Labels, measured in the page by domMeasurer, placed by geo's Placer,
// laid out as divs over the canvas), the legend and the scale bar.
// Everything is updated from Update, on the frames whose scene changed.
type carto struct {
	doc      document
	labels   node
	sizes    *mapui.Labels // the labels' sizes, measured by measurer
	measurer mapui.Measurer

	divs   *mapui.LabelDivs // what each label's div shows
	els    []node           // the divs, by number (mapui.DivChange.Div)
	placer geo.Placer
	// keep: the map is moving. The labels shown keep their sides or go; no
	// label is measured or placed anew (game.moving).
	keep bool
	// lazy: the reader drags the time slider. Labels whose texts have not
	// been measured yet wait for an idle callback to measure them
	// (measured is then set, and the labels are placed again).
	lazy, measured bool
	// Texts met while the map moves are measured when the browser is idle
	// (measureIdle), not in a frame: measuring lays out the page.
	measureTask idleTask

	// keepOut are the boxes of what lies over the map (see
	// controlSelectors), in map CSS px: labels stay out of them. They are
	// read again only when the map's size changes or one of them changes
	// size (a ResizeObserver sets relayout): reading the layout on every
	// frame of a pan would make the browser lay out the page every frame.
	keepOut     []geo.Box
	rects       []geo.Box // the boxes of what lies over the map in the page, reused
	keepOutSize [2]float64
	relayout    atomic.Bool

	legend, legendToggle, legendList node
	legendFor                        legendKey
	legendOpen                       bool
	legendSet                        bool // the reader or the first layout chose open or closed

	scale, scaleKm, scaleMi node
	scaleKey                string

	words // the legend's and the scale's words
}

type legendKey struct {
	story *geo.Story
	theme string
}

// The selectors of what lies over the map, which labels keep clear of: the
// controls, the key, the attribution, the banner of regional events.
const controlSelectors = "#map-controls button, #attribution, #legend, #scale, #banner, #map-note"

func newCarto(doc document, labels node, m mapui.Measurer) *carto {
	c := &carto{doc: doc, labels: labels, divs: mapui.NewLabelDivs(), measurer: m}
	c.sizes = mapui.NewLabels(m)
	c.legend, c.legendToggle, c.legendList = doc.byID("legend"), doc.byID("legend-toggle"), doc.byID("legend-list")
	c.scale, c.scaleKm, c.scaleMi = doc.byID("scale"), doc.byID("scale-km"), doc.byID("scale-mi")
	return c
}

func (c *carto) setLegendOpen(open bool) {
	c.legendOpen = open
	c.legendToggle.setAttr("aria-expanded", fmt.Sprint(open))
	c.legendList.set("hidden", !open)
}

// update shows the labels, the legend and the scale bar of the scene on
// screen. It does nothing unless the scene changed or the controls moved.
func (c *carto) update(sc *geo.Scene, m *geo.Map, changed bool) {
	if sc == nil || !c.labels.ok() {
		return
	}
	size := [2]float64{sc.Width, sc.Height}
	pass := planLabels(changed, c.relayout.Swap(false), c.measured, c.keep, c.lazy, c.sizes.Waiting(), size, c.keepOutSize)
	if !pass.run {
		return
	}
	c.measured = false
	c.showLegend(m, sc.Width, sc.Height)
	c.showScale(sc.View)
	if pass.readControls {
		c.keepOutSize = size
		c.controls()
	}
	var waits bool
	if pass.hold {
		waits = c.sizes.Hold(sc.Labels)
	} else {
		waits = c.sizes.Measure(sc.Labels, pass.lazy)
	}
	if waits {
		c.measureLater()
	}
	sc.Place(&c.placer, c.keepOut)
	c.sizes.Placed(sc.Labels)
	c.layout(sc)
}

// measureLater measures the texts that wait (mapui.Labels) in idle
// callbacks.
func (c *carto) measureLater() {
	if c.measureTask.run == nil {
		c.measureTask.run = c.measureIdle
	}
	sched.whenIdle(&c.measureTask)
}

// measureIdle measures a batch of the texts that wait, then places the
// labels again with the new sizes (a frame that holds them while the map
// moves leaves them out until the motion ends).
func (c *carto) measureIdle() {
	if c.measurer == nil {
		return
	}
	measured, more := c.sizes.MeasureIdle()
	if more {
		sched.whenIdle(&c.measureTask)
	}
	if measured {
		c.measured = true
		sched.wake()
	}
}

// controls finds the boxes of what lies over the map.
func (c *carto) controls() {
	origin := c.labels.rect()
	c.rects = c.rects[:0]
	for _, el := range c.doc.queryAll(controlSelectors) {
		c.rects = append(c.rects, el.rect())
	}
	c.keepOut = keepOut(c.keepOut[:0], origin.X, origin.Y, c.rects)
}

// controlsOver is how far in from the map's left and right sides its zoom
// and reset buttons lie (geo.SidesCovered): on the right, on the left in
// a right-to-left page, 44 px wide on a touch screen (embed.css).
func (c *carto) controlsOver() geo.Insets {
	origin := c.labels.rect()
	var rects []geo.Box
	for _, el := range c.doc.queryAll("#map-controls button") {
		rects = append(rects, el.rect())
	}
	return geo.SidesCovered(keepOut(nil, origin.X, origin.Y, rects), origin.W)
}

// layout shows the placed labels as divs, one per label, applying the
// changes mapui.LabelDivs lists: only what changed crosses into JavaScript.
func (c *carto) layout(sc *geo.Scene) {
	for _, ch := range c.divs.Layout(sc.Labels) {
		if ch.New {
			el := c.doc.create("div")
			c.labels.append(el)
			c.els = append(c.els, el)
		}
		el := c.els[ch.Div]
		if ch.SetText {
			el.setText(ch.Text)
		}
		if ch.SetClass {
			el.set("className", ch.Class)
		}
		if ch.Transform != "" {
			el.setStyle("transform", ch.Transform)
		}
		if ch.Show || ch.Hide {
			el.set("hidden", ch.Hide)
		}
	}
}

// showLegend lists the kinds of the story's markers, each with its shape
// drawn as the map draws it. It is rebuilt when the story or the theme
// changes; on a small map it starts closed.
func (c *carto) showLegend(m *geo.Map, width, height float64) {
	if !c.legend.ok() || m == nil {
		return
	}
	key := legendKey{m.Story, m.Theme.Name}
	if key == c.legendFor {
		return
	}
	c.legendFor = key
	entries := m.Legend()
	c.legendList.clear()
	outline := cssColor(m.Theme.Outline)
	for _, e := range entries {
		li := elem(c.doc, "li", "legend-"+e.Shape.String(), "")
		li.setMarkup(legendIcon(e, outline))
		li.append(elem(c.doc, "span", "", c.legendName(e)))
		c.legendList.append(li)
	}
	c.legend.set("hidden", len(entries) == 0)
	if !c.legendSet {
		c.legendSet = true
		c.setLegendOpen(legendOpens(width, height))
	}
}

// showScale sets the scale bar for the view: a round length in km and in
// miles, each bar as long as its length on screen at the centre of the map.
func (c *carto) showScale(v geo.View) {
	if !c.scale.ok() {
		return
	}
	b := c.scaleBar(v)
	if b.key == c.scaleKey {
		return
	}
	c.scaleKey = b.key
	c.scale.set("hidden", b.hidden)
	set := func(el node, text, width string) {
		el.setText(text)
		el.setStyle("width", width)
	}
	set(c.scaleKm, b.km, b.kmPx)
	set(c.scaleMi, b.mi, b.miPx)
	c.scale.setAttr("aria-label", b.label)
}
