package main

import (
	"syscall/js"

	"mapline/wasm/mapui"
)

// The map's text in the page (carto.go writes it): the legend's button, the
// watch on what lies over the map, and the measuring of label texts.

// listen wires the legend's button, which opens and closes the list, and
// watches the size of everything over the map (see keepOut).
func (c *carto) listen(p *page) {
	p.on(jsv(c.legendToggle), "click", nil, func(js.Value) {
		c.legendSet = true
		c.setLegendOpen(c.legendToggle.attr("aria-expanded") != "true")
		c.relayout.Store(true)
	})
	ro := js.Global().Get("ResizeObserver")
	if !ro.Truthy() {
		return
	}
	f := js.FuncOf(func(js.Value, []js.Value) any {
		c.relayout.Store(true)
		frames.wake()
		return nil
	})
	funcs = append(funcs, f)
	obs := ro.New(f)
	els := js.Global().Get("document").Call("querySelectorAll", controlSelectors)
	for i := 0; i < els.Length(); i++ {
		obs.Call("observe", els.Index(i))
	}
}

// domMeasurer measures texts in a hidden box in #map-labels, each in a div
// of its class, all in one layout (mapui.Measurer).
type domMeasurer struct {
	doc, box js.Value
	els      []js.Value
}

// newDOMMeasurer puts the measuring box in labels; nil when the page has no
// labels.
func newDOMMeasurer(doc, labels js.Value) mapui.Measurer {
	if !labels.Truthy() {
		return nil
	}
	m := &domMeasurer{doc: doc, box: doc.Call("createElement", "div")}
	m.box.Set("className", "label-measure")
	labels.Call("appendChild", m.box)
	return m
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
