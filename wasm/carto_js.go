package main

import (
	"fmt"
	"math"
	"strconv"
	"sync/atomic"
	"syscall/js"

	"mapline/geo"
	"mapline/geo/lang"
)

// carto is the text of the map in the DOM: the labels (measured here, placed
// by geo's Placer, laid out as divs over the canvas), the legend and the
// scale bar. Everything is updated from Update, on the frames whose scene
// changed.
type carto struct {
	doc, labels js.Value
	measurer    js.Value // a hidden box in #map-labels where texts are measured

	// Sizes of label texts measured once: widths per class and text,
	// heights per class; and the last size of each label, a faster lookup
	// while its class and text stay the same.
	widths  map[measureKey]float64
	heights map[string]float64
	sizes   map[labelKey]labelSize
	pending []measureKey // texts to measure in this frame
	queued  map[measureKey]bool
	mels    []js.Value

	els    map[labelKey]*labelEl
	gen    uint32 // the frame of the last placement
	placer geo.Placer
	// keep: the map is moving. The labels shown keep their sides or go; no
	// label is measured or placed anew (game.moving).
	keep bool
	// lazy: the reader drags the time slider. Labels whose texts have not
	// been measured yet wait for an idle callback to measure them
	// (measured is then set, and the labels are placed again).
	lazy, measured bool
	buf            []byte // a transform, written
	// Texts met while the map moves are measured when the browser is idle
	// (measureIdle), not in a frame: measuring lays out the page.
	later       []measureKey
	laterSet    map[measureKey]bool // the texts in later
	waiting     map[labelKey]bool   // the labels whose texts hold has seen to
	measureTask idleTask

	// keepOut are the boxes of what lies over the map (see
	// controlSelectors), in map CSS px: labels stay out of them. They are
	// read again only when the map's size changes or one of them changes
	// size (a ResizeObserver sets relayout): reading the layout on every
	// frame of a pan would make the browser lay out the page every frame.
	keepOut     []geo.Box
	keepOutSize [2]float64
	relayout    atomic.Bool

	legend, legendToggle, legendList js.Value
	legendFor                        legendKey
	legendOpen                       bool
	legendSet                        bool // the reader or the first layout chose open or closed

	scale, scaleKm, scaleMi js.Value
	scaleKey                string

	msg   *lang.Messages // the legend's and the scale's words
	dates dates          // the scale's numbers
}

type measureKey struct{ class, text string }

type labelSize struct {
	class, text string
	w, h        float64
}

// labelKey names a label across frames: its kind and what it names.
type labelKey struct {
	kind geo.LabelKind
	ref  int
}

type labelEl struct {
	el, style   js.Value
	text, class string
	x, y        float64 // the box's place, as in transform
	hidden      bool
	side        geo.Side
	gen         uint32 // the last frame it was shown in
}

type legendKey struct {
	story *geo.Story
	theme string
}

// The selectors of what lies over the map, which labels keep clear of: the
// controls, the key, the attribution, the banner of regional events.
const controlSelectors = "#map-controls button, #attribution, #legend, #scale, #banner, #map-note"

// scaleMaxPx is the longest a scale bar gets, in CSS px.
const scaleMaxPx = 100

func newCarto(doc, labels js.Value) *carto {
	c := &carto{
		doc: doc, labels: labels,
		widths: map[measureKey]float64{}, heights: map[string]float64{},
		sizes: map[labelKey]labelSize{}, queued: map[measureKey]bool{}, waiting: map[labelKey]bool{}, laterSet: map[measureKey]bool{},
		els: map[labelKey]*labelEl{},
	}
	byID := func(id string) js.Value { return doc.Call("getElementById", id) }
	c.legend, c.legendToggle, c.legendList = byID("legend"), byID("legend-toggle"), byID("legend-list")
	c.scale, c.scaleKm, c.scaleMi = byID("scale"), byID("scale-km"), byID("scale-mi")
	if labels.Truthy() {
		c.measurer = doc.Call("createElement", "div")
		c.measurer.Set("className", "label-measure")
		labels.Call("appendChild", c.measurer)
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
	moved := c.relayout.Swap(false)
	fresh := c.measured && !c.keep
	if !changed && !moved && !fresh {
		return
	}
	c.measured = false
	c.showLegend(m, sc.Width, sc.Height)
	c.showScale(sc.View)
	if size := [2]float64{sc.Width, sc.Height}; moved || size != c.keepOutSize {
		c.keepOutSize = size
		c.controls()
	}
	if c.keep {
		c.hold(sc.Labels)
	} else {
		// While texts wait to be measured in idle callbacks, the others
		// wait with them rather than lay the page out in this frame.
		c.measure(sc.Labels, c.lazy || len(c.later) > 0)
	}
	sc.Place(&c.placer, c.keepOut)
	c.layout(sc)
}

// measure sets the size of every label: texts are measured once, in hidden
// divs of the labels' own classes, all in one layout.
func (c *carto) measure(labels []geo.Label, lazy bool) {
	c.pending, c.mels = c.pending[:0], c.mels[:0]
	for i := range labels {
		l := &labels[i]
		// The scene of the frame where a motion ends is the last one
		// of the motion: its labels were held.
		l.Keep, l.Drop = false, false
		k := labelKey{l.Kind, l.Ref}
		cl := l.Class()
		if sz, ok := c.sizes[k]; ok && sz.class == cl && sz.text == l.Text {
			l.W, l.H = sz.w, sz.h
			continue
		}
		mk := measureKey{cl, l.Text}
		if w, ok := c.widths[mk]; ok {
			l.W, l.H = w, c.heights[cl]
			c.sizes[k] = labelSize{cl, l.Text, l.W, l.H}
			continue
		}
		if lazy {
			// No layout inside the frame (the reader drags the slider,
			// or other texts already wait): the text is measured in an
			// idle callback, and the label shows in the frame after.
			if !c.laterSet[mk] {
				c.laterSet[mk] = true
				c.later = append(c.later, mk)
			}
			continue
		}
		if c.queued[mk] {
			continue
		}
		c.queued[mk] = true
		c.pending = append(c.pending, mk)
		el := c.doc.Call("createElement", "div")
		el.Set("className", cl)
		el.Set("textContent", l.Text)
		c.measurer.Call("appendChild", el)
		c.mels = append(c.mels, el)
	}
	if len(c.later) > 0 {
		c.measureLater()
	}
	if len(c.pending) == 0 {
		return
	}
	for i, k := range c.pending {
		r := c.mels[i].Call("getBoundingClientRect")
		c.widths[k] = r.Get("width").Float()
		if _, ok := c.heights[k.class]; !ok {
			c.heights[k.class] = r.Get("height").Float()
		}
	}
	c.measurer.Call("replaceChildren")
	clear(c.queued)
	for i := range labels {
		l := &labels[i]
		if l.W == 0 {
			cl := l.Class()
			l.W, l.H = c.widths[measureKey{cl, l.Text}], c.heights[cl]
			c.sizes[labelKey{l.Kind, l.Ref}] = labelSize{cl, l.Text, l.W, l.H}
		}
	}
}

// hold prepares the labels of a frame while the map moves: a label shown in
// the last frame keeps its side (geo.Label.Keep), the others are left out,
// and nothing is measured.
func (c *carto) hold(labels []geo.Label) {
	for i := range labels {
		l := &labels[i]
		k := labelKey{l.Kind, l.Ref}
		e, sz := c.els[k], c.sizes[k]
		cl := l.Class()
		sized := sz.class == cl && sz.text == l.Text
		if e == nil || e.gen != c.gen || e.hidden || !sized {
			l.Drop = true
			if !sized && !c.waiting[k] {
				// Looked at once per label while the map moves: the
				// text's key is a string, slower to hash than k.
				c.waiting[k] = true
				if mk := (measureKey{cl, l.Text}); !c.laterSet[mk] {
					if _, ok := c.widths[mk]; !ok {
						c.laterSet[mk] = true
						c.later = append(c.later, mk)
					}
				}
			}
			continue
		}
		l.W, l.H, l.Keep, l.Side = sz.w, sz.h, true, e.side
	}
	if len(c.later) > 0 {
		c.measureLater()
	}
}

// measureLater measures the texts in c.later in idle callbacks.
func (c *carto) measureLater() {
	if c.measureTask.run == nil {
		c.measureTask.run = c.measureIdle
	}
	frames.whenIdle(&c.measureTask)
}

// measureIdleMax is how many texts one idle callback measures.
const measureIdleMax = 100

// measureIdle measures texts that hold met, a batch at a time, all of a
// batch in one layout, so that the frame after the motion has their sizes.
func (c *carto) measureIdle() {
	n := min(len(c.later), measureIdleMax)
	if n == 0 || !c.measurer.Truthy() {
		return
	}
	batch := c.later[:n]
	c.mels = c.mels[:0]
	for _, mk := range batch {
		el := c.doc.Call("createElement", "div")
		el.Set("className", mk.class)
		el.Set("textContent", mk.text)
		c.measurer.Call("appendChild", el)
		c.mels = append(c.mels, el)
	}
	for i, mk := range batch {
		r := c.mels[i].Call("getBoundingClientRect")
		c.widths[mk] = r.Get("width").Float()
		if _, ok := c.heights[mk.class]; !ok {
			c.heights[mk.class] = r.Get("height").Float()
		}
		delete(c.laterSet, mk)
	}
	c.measurer.Call("replaceChildren")
	c.mels = c.mels[:0]
	c.later = append(c.later[:0], c.later[n:]...)
	if len(c.later) > 0 {
		frames.whenIdle(&c.measureTask)
	} else {
		clear(c.waiting)
	}
	// Place the labels again with the new sizes (a frame that holds them
	// while the map moves leaves them out until the motion ends).
	c.measured = true
	frames.wake()
}

// controls finds the boxes of what lies over the map.
func (c *carto) controls() {
	c.keepOut = c.keepOut[:0]
	origin := c.labels.Call("getBoundingClientRect")
	ox, oy := origin.Get("left").Float(), origin.Get("top").Float()
	els := c.doc.Call("querySelectorAll", controlSelectors)
	for i := 0; i < els.Length(); i++ {
		r := els.Index(i).Call("getBoundingClientRect")
		w, h := r.Get("width").Float(), r.Get("height").Float()
		if w <= 0 || h <= 0 { // hidden
			continue
		}
		c.keepOut = append(c.keepOut, geo.Box{X: r.Get("left").Float() - ox, Y: r.Get("top").Float() - oy, W: w, H: h})
	}
}

// layout shows the placed labels as divs, reusing one div per label, and
// hides the others. Only what changed crosses into JavaScript.
func (c *carto) layout(sc *geo.Scene) {
	c.gen++
	for i := range sc.Labels {
		l := &sc.Labels[i]
		if !l.Shown {
			continue
		}
		k := labelKey{l.Kind, l.Ref}
		e := c.els[k]
		if e == nil {
			e = &labelEl{el: c.doc.Call("createElement", "div")}
			c.labels.Call("appendChild", e.el)
			c.els[k] = e
		}
		e.gen = c.gen
		if e.text != l.Text {
			e.text = l.Text
			e.el.Set("textContent", l.Text)
		}
		if cl := l.Class(); e.class != cl {
			e.class = cl
			e.el.Set("className", cl)
		}
		e.side = l.Side
		if x, y := math.Round(l.Box.X*100)/100, math.Round(l.Box.Y*100)/100; x != e.x || y != e.y || e.style.IsUndefined() {
			e.x, e.y = x, y
			if e.style.IsUndefined() {
				e.style = e.el.Get("style")
			}
			c.buf = append(strconv.AppendFloat(append(strconv.AppendFloat(append(c.buf[:0], "translate("...), x, 'f', 2, 64), "px,"...), y, 'f', 2, 64), "px)"...)
			e.style.Set("transform", string(c.buf))
		}
		if e.hidden {
			e.hidden = false
			e.el.Set("hidden", false)
		}
	}
	for _, e := range c.els {
		if e.gen != c.gen && !e.hidden {
			e.hidden = true
			e.el.Set("hidden", true)
			// A hidden label keeps no status: .label.current finds the
			// current sites' labels on the map.
			e.class = "label"
			e.el.Set("className", "label")
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
		// The SVG holds only numbers and colours of our own, never data.
		li.Set("innerHTML", `<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">`+
			e.Shape.SVG(10, 10, 5.5, geo.OutlineWidth, cssColor(e.Color), outline)+`</svg>`)
		name := c.doc.Call("createElement", "span")
		name.Set("textContent", c.kindName(e))
		li.Call("appendChild", name)
		c.legendList.Call("appendChild", li)
	}
	c.legend.Set("hidden", len(entries) == 0)
	if !c.legendSet {
		c.legendSet = true
		c.setLegendOpen(width >= legendOpenWidth && height >= legendOpenHeight)
	}
}

// On maps narrower or lower than this (phones, short embeds) the legend
// starts closed, behind its button.
const (
	legendOpenWidth  = 480
	legendOpenHeight = 300
)

// showScale sets the scale bar for the view: a round length in km and in
// miles, each bar as long as its length on screen at the centre of the map.
func (c *carto) showScale(v geo.View) {
	if !c.scale.Truthy() {
		return
	}
	b := v.ScaleBar(scaleMaxPx)
	km, mi, label := c.dates.scale(b)
	key := fmt.Sprintf("%s %.1f %s %.1f", km, b.KmPx, mi, b.MiPx)
	if key == c.scaleKey {
		return
	}
	c.scaleKey = key
	c.scale.Set("hidden", b.Km == 0)
	set := func(el js.Value, text string, px float64) {
		el.Set("textContent", text)
		el.Get("style").Set("width", fmt.Sprintf("%.1fpx", px))
	}
	set(c.scaleKm, km, b.KmPx)
	set(c.scaleMi, mi, b.MiPx)
	c.scale.Call("setAttribute", "aria-label", label)
}

// kindName is a legend entry's name in the reader's language: the kinds the
// map knows and "Other site" have messages; a kind of the story's own is
// named as the story names it.
func (c *carto) kindName(e geo.LegendEntry) string {
	if c.msg == nil {
		return e.Name
	}
	if e.Name == "Other site" {
		return c.msg.Text("kind.other")
	}
	if k := "kind." + e.Kind; c.msg.Has(k) {
		return c.msg.Text(k)
	}
	return e.Name
}

// cssColor writes a colour for CSS: #rrggbb, or rgba() when translucent.
func cssColor(c interface{ RGBA() (r, g, b, a uint32) }) string {
	r, g, b, a := c.RGBA()
	if a == 0xffff {
		return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
	}
	if a == 0 {
		return "transparent"
	}
	// RGBA is premultiplied.
	return fmt.Sprintf("rgba(%d,%d,%d,%.3f)", r*0xff/a, g*0xff/a, b*0xff/a, float64(a)/0xffff)
}
