package main

import (
	"fmt"
	"strings"
	"sync"
	"syscall/js"

	"mapline/geo"
)

// popup is the card of one site: its name, kind and the events there up to
// the current moment, each with its source. Mouse hover shows it; a click or
// a tap pins it until Esc, the close button or a click elsewhere.
type popup struct {
	p   *page
	el  js.Value
	mu  sync.Mutex
	in  popupInput
	cur struct {
		site   int // -1 when closed
		pinned bool
		event  int // the current event it was built for
	}
}

type popupInput struct {
	hover, tap    bool
	hx, hy        float64 // last hover point, CSS px on the canvas
	tx, ty        float64 // tap point
	close, redraw bool
}

func newPopup(p *page) *popup {
	pp := &popup{p: p, el: p.doc.Call("getElementById", "popup")}
	pp.cur.site = -1
	return pp
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
			pp.mu.Lock()
			pp.in.hover, pp.in.hx, pp.in.hy = true, x, y
			pp.mu.Unlock()
		}
	})
	p.on(win, "pointerdown", capture, func(e js.Value) {
		downX, downY = e.Get("clientX").Float(), e.Get("clientY").Float()
	})
	p.on(win, "pointerup", capture, func(e js.Value) {
		dx, dy := e.Get("clientX").Float()-downX, e.Get("clientY").Float()-downY
		if dx*dx+dy*dy > 25 { // a drag, not a tap
			return
		}
		if x, y, ok := canvasPoint(e); ok {
			pp.mu.Lock()
			pp.in.tap, pp.in.tx, pp.in.ty = true, x, y
			pp.mu.Unlock()
		}
	})
	p.on(win, "keydown", nil, func(e js.Value) {
		if e.Get("key").String() == "Escape" {
			pp.mu.Lock()
			pp.in.close = true
			pp.mu.Unlock()
		}
	})
	if btn := p.doc.Call("getElementById", "popup-close"); btn.Truthy() {
		p.on(btn, "click", nil, func(js.Value) {
			pp.mu.Lock()
			pp.in.close = true
			pp.mu.Unlock()
		})
	}
}

// update applies the input since the last frame; sc is the scene on screen.
// It runs in Update, after the scene for this frame is known.
func (pp *popup) update(st *state, sc *geo.Scene, sceneChanged bool) {
	if !pp.el.Truthy() {
		return
	}
	pp.mu.Lock()
	in := pp.in
	pp.in = popupInput{}
	pp.mu.Unlock()
	s := st.m.Story
	if s == nil || sc == nil {
		return
	}
	siteAt := func(x, y float64) int {
		if i := sc.MarkerAt(x, y, 4); i >= 0 {
			return sc.Markers[i].Site
		}
		return -1
	}
	switch {
	case in.close:
		pp.hide()
	case in.tap:
		if site := siteAt(in.tx, in.ty); site >= 0 {
			pp.show(st, sc, site, true)
		} else {
			pp.hide()
		}
	case in.hover && !pp.cur.pinned:
		site := siteAt(in.hx, in.hy)
		cursor := "grab"
		if site >= 0 {
			cursor = "pointer"
		}
		pp.p.setCursor(cursor)
		if site != pp.cur.site {
			if site >= 0 {
				pp.show(st, sc, site, false)
			} else {
				pp.hide()
			}
		}
	}
	if pp.cur.site >= 0 && (sceneChanged || pp.cur.event != st.cur) {
		pp.show(st, sc, pp.cur.site, pp.cur.pinned)
	}
}

func (pp *popup) hide() {
	pp.cur.site, pp.cur.pinned = -1, false
	pp.el.Set("hidden", true)
}

// show fills the popup for a site and places it beside the site's marker.
func (pp *popup) show(st *state, sc *geo.Scene, site int, pinned bool) {
	var m *geo.Marker
	for i := range sc.Markers {
		if sc.Markers[i].Site == site {
			m = &sc.Markers[i]
		}
	}
	if m == nil || m.X < 0 || m.Y < 0 || m.X > sc.Width || m.Y > sc.Height {
		pp.hide()
		return
	}
	s := st.m.Story
	if site != pp.cur.site || st.cur != pp.cur.event {
		pp.fill(s, site, st.cur)
	}
	pp.cur.site, pp.cur.pinned, pp.cur.event = site, pinned, st.cur
	pp.el.Set("hidden", false)
	w, h := pp.el.Get("offsetWidth").Float(), pp.el.Get("offsetHeight").Float()
	// Beside the marker, on the side the text starts from: the right in a
	// left-to-right page, the left in a right-to-left one; the other side
	// when it does not fit.
	right, left := m.X+m.R+10, m.X-m.R-10-w
	x := right
	if pp.p.rtl {
		x = left
		if x < 4 {
			x = right
		}
	} else if x+w > sc.Width-4 {
		x = left
	}
	y := m.Y - 24
	x = max(4, min(x, sc.Width-w-4))
	y = max(4, min(y, sc.Height-h-4))
	pp.el.Get("style").Set("transform", fmt.Sprintf("translate(%.0fpx, %.0fpx)", x, y))
}

func (pp *popup) fill(s *geo.Story, site, cur int) {
	st := &s.Sites[site]
	doc := pp.p.doc
	el := pp.p.el
	body := doc.Call("getElementById", "popup-body")
	body.Call("replaceChildren")
	msg := pp.p.msg
	pp.el.Call("setAttribute", "aria-label", st.Name)
	body.Call("appendChild", pp.p.dataText(el("h3", "", st.Name), st.Texts, "name"))
	kind := pp.p.kindName(st.Kind)
	if st.Approx {
		kind += " · " + msg.Text("popup.approx")
	}
	body.Call("appendChild", el("p", "kind", kind))
	if st.Description != "" {
		body.Call("appendChild", pp.p.dataText(el("p", "", st.Description), st.Texts, "description"))
	}
	evs := s.EventsAt(site, cur)
	if len(evs) == 0 {
		body.Call("appendChild", el("p", "none", msg.Text("popup.none")))
		return
	}
	body.Call("appendChild", el("h4", "", msg.Text("popup.upto", "date", pp.p.dates.date(s.Events[cur].Time.Start))))
	ol := el("ol", "", "")
	for _, i := range evs {
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

// kindName is a site kind as a reader reads it: in the reader's language
// for the kinds the map knows, else as the story spells it, capitalized.
func (p *page) kindName(k string) string {
	switch k {
	case "", "site":
		return p.msg.Text("kind.site")
	}
	if key := "kind." + k; p.msg.Has(key) {
		return p.msg.Text(key)
	}
	return strings.ToUpper(k[:1]) + k[1:]
}
