package main

import (
	"strconv"
	"syscall/js"
)

// The search's and filters' listeners (explore_page.go writes what they
// cause): they only record the reader's input, for Update.
func (ex *explorer) listen() {
	p := ex.p
	search, kind, from, to := jsv(ex.search), jsv(ex.kind), jsv(ex.from), jsv(ex.to)
	read := func(js.Value) {
		var kinds []string
		if k := kind.Get("value").String(); k != "" {
			kinds = []string{k}
		}
		f, t := ex.readDays(from.Get("value").String(), to.Get("value").String())
		ex.record(selection{query: search.Get("value").String(), kinds: kinds, from: f, to: t})
	}
	p.on(search, "input", nil, read)
	p.on(kind, "change", nil, read)
	p.on(from, "change", nil, read)
	p.on(to, "change", nil, read)
	// Escape clears the search (and goes no further: the popup's Escape
	// is for the popup); an empty box lets it go on.
	p.on(search, "keydown", nil, func(e js.Value) {
		if e.Get("key").String() == "Escape" && search.Get("value").String() != "" {
			e.Call("preventDefault")
			e.Call("stopPropagation")
			search.Set("value", "")
			read(e)
		}
	})
	p.on(jsv(ex.clear), "click", nil, func(e js.Value) {
		for _, el := range []js.Value{search, kind, from, to} {
			el.Set("value", "")
		}
		read(e)
		search.Call("focus")
	})
	ex.listenWindow(from, to, read)
	p.on(jsv(ex.matches), "click", nil, func(e js.Value) {
		b := e.Get("target").Call("closest", "button.choose")
		if !b.Truthy() {
			return
		}
		if i, err := strconv.Atoi(b.Get("dataset").Get("index").String()); err == nil {
			p.tl.in.GoTo(i)
		}
	})
	p.on(jsv(ex.clusters), "click", nil, func(e js.Value) {
		b := e.Get("target").Call("closest", "button.cluster")
		if !b.Truthy() {
			return
		}
		if i, err := strconv.Atoi(b.Get("dataset").Get("index").String()); err == nil {
			ex.openCluster(i)
		}
	})
}

// listenWindow: the time window's handles and a drag across their track
// write the from and to days into the day fields (explore_window.go says
// which), and read records the selection.
func (ex *explorer) listenWindow(from, to js.Value, read func(js.Value)) {
	p := ex.p
	win, wf, wt := jsv(ex.win), jsv(ex.winFrom), jsv(ex.winTo)
	if !win.Truthy() {
		return
	}
	scale := func() windowScale {
		ex.mu.Lock()
		defer ex.mu.Unlock()
		return ex.scale
	}
	setDays := func(e js.Value, f, t string) {
		ex.showDay(ex.from, f)
		ex.showDay(ex.to, t)
		read(e)
	}
	moved := func(e js.Value, which string) {
		sc := scale()
		f, _ := strconv.Atoi(wf.Get("value").String())
		t, _ := strconv.Atoi(wt.Get("value").String())
		f, t = windowOrder(f, t, which)
		setDays(e, sc.side(f, false), sc.side(t, true))
	}
	for _, h := range []struct {
		el    js.Value
		which string
	}{{wf, "from"}, {wt, "to"}} {
		p.on(h.el, "input", nil, func(e js.Value) { moved(e, h.which) })
		// Keys: a day, a month, the ends (windowKey); Escape leaves the
		// handle for the time slider.
		p.on(h.el, "keydown", nil, func(e js.Value) {
			key := e.Get("key").String()
			if key == "Escape" {
				e.Call("preventDefault")
				e.Call("stopPropagation")
				jsv(p.tl.slider).Call("focus")
				return
			}
			if e.Get("altKey").Bool() || e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() {
				return
			}
			v, _ := strconv.Atoi(h.el.Get("value").String())
			if nv, ok := windowKey(key, p.rtl, v, scale().hours()); ok {
				e.Call("preventDefault")
				h.el.Set("value", nv)
				moved(e, h.which)
			}
		})
	}
	// A drag across the track (not on a handle) chooses the days it spans.
	dragging, anchor := false, 0.0
	pos := func(e js.Value) float64 {
		r := win.Call("getBoundingClientRect")
		const inset = 9 // the handles' thumbs' half width, as the slider's (embed.css)
		return dragPos(e.Get("clientX").Float(), r.Get("left").Float()+inset, r.Get("width").Float()-2*inset, p.rtl)
	}
	p.on(win, "pointerdown", nil, func(e js.Value) {
		if t := e.Get("target"); t.Equal(wf) || t.Equal(wt) || e.Get("button").Int() != 0 {
			return
		}
		e.Call("preventDefault")
		win.Call("setPointerCapture", e.Get("pointerId"))
		dragging, anchor = true, pos(e)
		f, t := scale().drag(anchor, anchor)
		setDays(e, f, t)
	})
	p.on(win, "pointermove", nil, func(e js.Value) {
		if dragging {
			f, t := scale().drag(anchor, pos(e))
			setDays(e, f, t)
		}
	})
	for _, typ := range []string{"pointerup", "pointercancel"} {
		p.on(win, typ, nil, func(js.Value) { dragging = false })
	}
}
