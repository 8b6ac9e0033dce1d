package main

import (
	"fmt"
	"sync/atomic"
	"syscall/js"

	"mapline/geo"
	"mapline/wasm/mapui"
)

// carto is the text of the map in the DOM: the labels (sized by
// mapui.Labels, measured in the page by domMeasurer, placed by geo's Placer,
// laid out as divs over the canvas), the legend and the scale bar.
// Everything is updated from Update, on the frames whose scene changed.
type carto struct {
	doc, labels js.Value
	sizes       *mapui.Labels // the labels' sizes, measured by measurer
	measurer    *domMeasurer

	divs   *mapui.LabelDivs // what each label's div shows
	els    []js.Value       // the divs, by number (mapui.DivChange.Div)…
	styles []js.Value       // …and their styles
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

	legend, legendToggle, legendList js.Value
	legendFor                        legendKey
	legendOpen                       bool
	legendSet                        bool // the reader or the first layout chose open or closed

	scale, scaleKm, scaleMi js.Value
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

func newCarto(doc, labels js.Value) *carto {
	c := &carto{doc: doc, labels: labels, divs: mapui.NewLabelDivs(), measurer: &domMeasurer{doc: doc}}
	c.sizes = mapui.NewLabels(c.measurer)
	byID := func(id string) js.Value { return doc.Call("getElementById", id) }
	c.legend, c.legendToggle, c.legendList = byID("legend"), byID("legend-toggle"), byID("legend-list")
	c.scale, c.scaleKm, c.scaleMi = byID("scale"), byID("scale-km"), byID("scale-mi")
	if labels.Truthy() {
		c.measurer.box = doc.Call("createElement", "div")
		c.measurer.box.Set("className", "label-measure")
		labels.Call("appendChild", c.measurer.box)
	}
	return c
}

// listen wires the legend's button, which opens and closes the list, and
// watches the size of everything over the map (see keepOut).
func (c *carto) listen(p *page) {
	if c.legendToggle.Truthy() {
		p.on(c.legendToggle, "click", nil, func(js.Value) {
			c.legendSet = true
			c.setLegendOpen(c.legendToggle.Call("getAttribute", "aria-expanded").String() != "true")
			c.relayout.Store(true)
		})
	}
	ro := js.Global().Get("ResizeObserver")
	if !ro.Truthy() {
		return
	}
	f := js.FuncOf(func(js.Value, []js.Value) any {
		c.relayout.Store(true)
		frames.wake()
		return nil
	})
	p.fns = append(p.fns, f)
	obs := ro.New(f)
	els := c.doc.Call("querySelectorAll", controlSelectors)
	for i := 0; i < els.Length(); i++ {
		obs.Call("observe", els.Index(i))
	}
}

func (c *carto) setLegendOpen(open bool) {
	c.legendOpen = open
	c.legendToggle.Call("setAttribute", "aria-expanded", fmt.Sprint(open))
	c.legendList.Set("hidden", !open)
}

// update shows the labels, the legend and the scale bar of the scene on
// screen. It does nothing unless the scene changed or the controls moved.
func (c *carto) update(sc *geo.Scene, m *geo.Map, changed bool) {
	if sc == nil || !c.labels.Truthy() {
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
	frames.whenIdle(&c.measureTask)
}

// measureIdle measures a batch of the texts that wait, then places the
// labels again with the new sizes (a frame that holds them while the map
// moves leaves them out until the motion ends).
func (c *carto) measureIdle() {
	if !c.measurer.box.Truthy() {
		return
	}
	measured, more := c.sizes.MeasureIdle()
	if more {
		frames.whenIdle(&c.measureTask)
	}
	if measured {
		c.measured = true
		frames.wake()
	}
}

// domMeasurer measures texts in a hidden box in #map-labels, each in a div
// of its class, all in one layout (mapui.Measurer).
type domMeasurer struct {
	doc, box js.Value
	els      []js.Value
}

func (m *domMeasurer) Measure(texts []mapui.Text, sizes []mapui.Size) {
	m.els = m.els[:0]
	for _, t := range texts {
		el := m.doc.Call("createElement", "div")
		el.Set("className", t.Class)
		el.Set("textContent", t.Text)
		m.box.Call("appendChild", el)
		m.els = append(m.els, el)
	}
	for i, el := range m.els {
		r := el.Call("getBoundingClientRect")
		sizes[i] = mapui.Size{W: r.Get("width").Float(), H: r.Get("height").Float()}
	}
	m.box.Call("replaceChildren")
	clear(m.els)
	m.els = m.els[:0]
}

// controls finds the boxes of what lies over the map.
func (c *carto) controls() {
	rect := func(el js.Value) geo.Box {
		r := el.Call("getBoundingClientRect")
		return geo.Box{X: r.Get("left").Float(), Y: r.Get("top").Float(), W: r.Get("width").Float(), H: r.Get("height").Float()}
	}
	origin := rect(c.labels)
	els := c.doc.Call("querySelectorAll", controlSelectors)
	c.rects = c.rects[:0]
	for i := 0; i < els.Length(); i++ {
		c.rects = append(c.rects, rect(els.Index(i)))
	}
	c.keepOut = keepOut(c.keepOut[:0], origin.X, origin.Y, c.rects)
}

// layout shows the placed labels as divs, one per label, applying the
// changes mapui.LabelDivs lists: only what changed crosses into JavaScript.
func (c *carto) layout(sc *geo.Scene) {
	for _, ch := range c.divs.Layout(sc.Labels) {
		if ch.New {
			el := c.doc.Call("createElement", "div")
			c.labels.Call("appendChild", el)
			c.els, c.styles = append(c.els, el), append(c.styles, el.Get("style"))
		}
		el := c.els[ch.Div]
		if ch.SetText {
			el.Set("textContent", ch.Text)
		}
		if ch.SetClass {
			el.Set("className", ch.Class)
		}
		if ch.Transform != "" {
			c.styles[ch.Div].Set("transform", ch.Transform)
		}
		if ch.Show || ch.Hide {
			el.Set("hidden", ch.Hide)
		}
	}
}

// showLegend lists the kinds of the story's markers, each with its shape
// drawn as the map draws it. It is rebuilt when the story or the theme
// changes; on a small map it starts closed.
func (c *carto) showLegend(m *geo.Map, width, height float64) {
	if !c.legend.Truthy() || m == nil {
		return
	}
	key := legendKey{m.Story, m.Theme.Name}
	if key == c.legendFor {
		return
	}
	c.legendFor = key
	entries := m.Legend()
	c.legendList.Call("replaceChildren")
	outline := cssColor(m.Theme.Outline)
	for _, e := range entries {
		li := c.doc.Call("createElement", "li")
		li.Set("className", "legend-"+e.Shape.String())
		li.Set("innerHTML", legendIcon(e, outline))
		name := c.doc.Call("createElement", "span")
		name.Set("textContent", c.legendName(e))
		li.Call("appendChild", name)
		c.legendList.Call("appendChild", li)
	}
	c.legend.Set("hidden", len(entries) == 0)
	if !c.legendSet {
		c.legendSet = true
		c.setLegendOpen(legendOpens(width, height))
	}
}

// showScale sets the scale bar for the view: a round length in km and in
// miles, each bar as long as its length on screen at the centre of the map.
func (c *carto) showScale(v geo.View) {
	if !c.scale.Truthy() {
		return
	}
	b := c.scaleBar(v)
	if b.key == c.scaleKey {
		return
	}
	c.scaleKey = b.key
	c.scale.Set("hidden", b.hidden)
	set := func(el js.Value, text, width string) {
		el.Set("textContent", text)
		el.Get("style").Set("width", width)
	}
	set(c.scaleKm, b.km, b.kmPx)
	set(c.scaleMi, b.mi, b.miPx)
	c.scale.Call("setAttribute", "aria-label", b.label)
}
