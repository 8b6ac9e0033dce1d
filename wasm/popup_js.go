package main

import (
	"syscall/js"
	"time"

	"mapline/geo"
	"mapline/wasm/mapui"
)

// popup is the card of one site: its name, kind and the events there up to
// the current moment, each with its source. Mouse hover shows it; a click or
// a tap pins it until Esc, the close button or a click elsewhere.
// mapui.Popup decides which card shows; popup builds and places it.
type popup struct {
	p  *page
	el js.Value
	in *mapui.Popup
}

func newPopup(p *page) *popup {
	return &popup{p: p, el: p.doc.Call("getElementById", "popup"), in: mapui.NewPopup()}
}

// listen registers the popup's listeners: hover and click on the canvas,
// Esc anywhere, and the close button.
func (pp *popup) listen() {
	p := pp.p
	win := js.Global()
	capture := map[string]any{"capture": true}
	canvasPoint := func(e js.Value) (float64, float64, bool) {
		t := e.Get("target")
		if !t.Truthy() || t.Get("tagName").String() != "CANVAS" {
			return 0, 0, false
		}
		r := t.Call("getBoundingClientRect")
		return e.Get("clientX").Float() - r.Get("left").Float(), e.Get("clientY").Float() - r.Get("top").Float(), true
	}
	var downX, downY float64
	p.on(win, "pointermove", capture, func(e js.Value) {
		if e.Get("pointerType").String() != "mouse" || e.Get("buttons").Int() != 0 {
			return
		}
		if x, y, ok := canvasPoint(e); ok {
			pp.in.Hover(x, y)
		}
	})
	p.on(win, "pointerdown", capture, func(e js.Value) {
		downX, downY = e.Get("clientX").Float(), e.Get("clientY").Float()
	})
	p.on(win, "pointerup", capture, func(e js.Value) {
		if !isTap(e.Get("clientX").Float()-downX, e.Get("clientY").Float()-downY) { // a drag
			return
		}
		if x, y, ok := canvasPoint(e); ok {
			pp.in.Tap(x, y)
		}
	})
	p.on(win, "keydown", nil, func(e js.Value) {
		if e.Get("key").String() == "Escape" {
			pp.in.Close()
		}
	})
	if btn := p.doc.Call("getElementById", "popup-close"); btn.Truthy() {
		p.on(btn, "click", nil, func(js.Value) { pp.in.Close() })
	}
}

// update shows, fills, places or hides the card as mapui.Popup decides,
// and sets the cursor over the map. It runs in Update, after the scene for
// this frame is known.
func (pp *popup) update(st *mapui.State, sc *geo.Scene, sceneChanged bool) {
	if !pp.el.Truthy() {
		return
	}
	s := st.Map().Story
	f := pp.in.Apply(sc, s != nil, st.Current(), sceneChanged)
	if f.GoTo { // a tap on a track
		st.GoTo(f.Event, time.Now())
	}
	if f.Cursor != "" {
		pp.p.setCursor(f.Cursor)
	}
	if f.Hide {
		pp.el.Set("hidden", true)
	}
	if !f.Show {
		return
	}
	if f.Fill {
		pp.fill(s, f.Site, st.Current())
	}
	pp.el.Set("hidden", false)
	w, h := pp.el.Get("offsetWidth").Float(), pp.el.Get("offsetHeight").Float()
	x, y := mapui.PopupAt(f.Marker, w, h, sc.Width, sc.Height, pp.p.rtl)
	pp.el.Get("style").Set("transform", popupTransform(x, y))
}

func (pp *popup) fill(s *geo.Story, site, cur int) {
	st := &s.Sites[site]
	c := pp.p.popupCard(s, site, cur)
	el := pp.p.el
	body := pp.p.doc.Call("getElementById", "popup-body")
	body.Call("replaceChildren")
	pp.el.Call("setAttribute", "aria-label", c.name)
	body.Call("appendChild", pp.p.dataText(el("h3", "", c.name), st.Texts, "name"))
	body.Call("appendChild", el("p", "kind", c.kind))
	if c.desc != "" {
		body.Call("appendChild", pp.p.dataText(el("p", "", c.desc), st.Texts, "description"))
	}
	if c.none != "" {
		body.Call("appendChild", el("p", "none", c.none))
		return
	}
	body.Call("appendChild", el("h4", "", c.upto))
	ol := el("ol", "", "")
	for _, i := range c.events {
		e := &s.Events[i]
		li := el("li", "", "")
		if i == cur {
			li.Set("className", "current")
		}
		date := el("span", "date", "")
		pp.p.tl.showDate(date, e.Time)
		li.Call("appendChild", date)
		li.Call("appendChild", pp.p.dataText(el("span", "title", e.Title), e.Texts, "title"))
		if e.Source != "" {
			src := el("span", "source", "")
			pp.p.sourceInto(src, e.Source)
			li.Call("appendChild", src)
		}
		ol.Call("appendChild", li)
	}
	body.Call("appendChild", ol)
}
