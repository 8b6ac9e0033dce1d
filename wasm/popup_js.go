package main

import "syscall/js"

// The popup's listeners (popup.go builds and places the card).

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
	p.on(jsv(p.doc.byID("popup-close")), "click", nil, func(js.Value) { pp.in.Close() })
}
