package main

import (
	"syscall/js"
	"time"

	"mapline/wasm/mapui"

	"github.com/paulmach/orb"
)

func (p *page) on(target js.Value, typ string, opts map[string]any, fn func(e js.Value)) {
	if !target.Truthy() {
		return
	}
	where := "the " + typ + " listener"
	f := js.FuncOf(func(this js.Value, args []js.Value) any {
		defer frames.wake() // something happened: run a frame (frames_js.go)
		// Never panic across the JS boundary, never swallow a panic either.
		mapui.Guard(where, func() { fn(args[0]) }, p.panicked)
		return nil
	})
	funcs = append(funcs, f)
	target.Call("addEventListener", typ, f, opts)
}

// listen registers the DOM listeners of the map: drag, wheel, touch, double
// click, keys and the zoom buttons. All are on window in the capture phase,
// so they run before Ebitengine's own listeners on its canvas, which cancel
// every wheel, touch and key event: where the page must keep an event
// (scrolling, Tab, shortcuts) they stop it from reaching the canvas.
func (p *page) listen() {
	win := js.Global()
	capture := map[string]any{"capture": true, "passive": false}
	isCanvas := func(e js.Value) bool {
		t := e.Get("target")
		return t.Truthy() && t.Get("tagName").String() == "CANVAS"
	}
	client := func(e js.Value) orb.Point { return orb.Point{e.Get("clientX").Float(), e.Get("clientY").Float()} }
	// mapOrigin is the map's top left as laid out: the canvas's box on
	// screen less the translate the compositor gives it while a gesture
	// runs (page.moveMap; it scales about the top left, which the scale
	// leaves in place). From the box alone, a second wheel notch during
	// the first's zoom zoomed about another point.
	mapOrigin := func(c js.Value) orb.Point {
		r := c.Call("getBoundingClientRect")
		return orb.Point{r.Get("left").Float() - p.move.X, r.Get("top").Float() - p.move.Y}
	}
	// offset is where a mouse event is on the map.
	offset := func(e js.Value) orb.Point {
		o, c := mapOrigin(e.Get("target")), client(e)
		return orb.Point{c.X() - o.X(), c.Y() - o.Y()}
	}
	stamp := func(e js.Value) float64 { return e.Get("timeStamp").Float() }

	// Cooperative gestures inside an iframe: the canvas lets one finger
	// scroll the page (CSS touch-action on the "cooperative" class).
	pr, _ := readParams(win.Get("location").Get("href").String())
	coop := mapui.Cooperative(pr.coop, !win.Get("parent").Equal(win))
	if coop {
		p.root.setClass("cooperative", true)
	}
	nav := win.Get("navigator")
	platform := nav.Get("platform").String()
	if d := nav.Get("userAgentData"); d.Truthy() && d.Get("platform").String() != "" {
		platform = d.Get("platform").String()
	}
	// Touch Events, where the browser has them, handle touches (see
	// mapui.NewInput); pointer events then handle the mouse and pens.
	touchEvents := win.Get("Reflect").Call("has", win, "ontouchstart").Bool()
	in := mapui.NewInput(coop, platform, touchEvents)
	p.input = in
	p.zoom = &controls{zoomIn: p.doc.byID("zoom-in"), zoomOut: p.doc.byID("zoom-out"), canIn: true, canOut: true}
	if win.Get("matchMedia").Truthy() {
		q := win.Call("matchMedia", "(prefers-reduced-motion: reduce)")
		still := func() { in.SetStill(q.Get("matches").Bool()) }
		still()
		p.on(q, "change", nil, func(js.Value) { still() })
	}
	hint := p.hinter()

	// Drag with the mouse (or a pen), with inertia when let go.
	ptr := func(e js.Value) mapui.Pointer {
		return mapui.Pointer{ID: e.Get("pointerId").Int(), Touch: e.Get("pointerType").String() == "touch",
			Button: e.Get("button").Int(), Primary: e.Get("isPrimary").Bool(), At: client(e), T: stamp(e)}
	}
	p.on(win, "pointerdown", capture, func(e js.Value) {
		if isCanvas(e) && in.PointerDown(ptr(e)) {
			p.setCursor("grabbing")
			e.Get("target").Call("setPointerCapture", e.Get("pointerId"))
		}
	})
	p.on(win, "pointermove", capture, func(e js.Value) {
		if in.Dragging() { // else read nothing of the event: a mouse moves a lot
			in.PointerMove(ptr(e))
		}
	})
	end := func(e js.Value) {
		if in.PointerUp(ptr(e), e.Get("type").String() == "pointercancel") {
			p.setCursor("grab")
		}
	}
	p.on(win, "pointerup", capture, end)
	p.on(win, "pointercancel", capture, end)

	// Wheel: zoom about the cursor; a cooperative map leaves a plain wheel
	// to the page (no preventDefault) and says how to zoom.
	p.on(win, "wheel", capture, func(e js.Value) {
		if !isCanvas(e) {
			return
		}
		e.Call("stopPropagation") // Ebitengine's listener would cancel the page's scroll
		zooms, h := in.Wheel(mapui.Wheel{DeltaY: e.Get("deltaY").Float(), DeltaMode: e.Get("deltaMode").Int(),
			Ctrl: e.Get("ctrlKey").Bool(), Meta: e.Get("metaKey").Bool(), At: offset(e), PageHeight: win.Get("innerHeight").Float()})
		if h != "" {
			hint(p.msg.Text(h))
		}
		if zooms {
			e.Call("preventDefault")
		}
	})

	// Double click zooms in about the point, Shift+double click out. A
	// double tap is the touch gesture's.
	p.on(win, "dblclick", capture, func(e js.Value) {
		if isCanvas(e) && in.DoubleClick(stamp(e), e.Get("shiftKey").Bool(), offset(e)) {
			e.Call("preventDefault")
		}
	})

	// Touch: one finger pans (or scrolls the page when cooperative), two
	// pan and pinch, a double tap zooms in.
	var origin orb.Point // the map's top left when the gesture started
	var fingers []mapui.Touch
	onTouch := func(kind mapui.TouchKind) func(js.Value) {
		return func(e js.Value) {
			if !isCanvas(e) {
				return
			}
			e.Call("stopPropagation") // Ebitengine's listener would cancel every touch: no scrolling
			if kind == mapui.TouchStart && !in.Touching() {
				origin = mapOrigin(e.Get("target"))
			}
			list := e.Get("targetTouches")
			fingers = fingers[:0]
			for i := 0; i < list.Length(); i++ {
				t := list.Index(i)
				c := client(t)
				fingers = append(fingers, mapui.Touch{ID: t.Get("identifier").Int(), P: orb.Point{c.X() - origin.X(), c.Y() - origin.Y()}})
			}
			cancel, h := in.Touch(kind, stamp(e), fingers, e.Get("cancelable").Bool())
			if cancel {
				e.Call("preventDefault")
			}
			if h != "" {
				hint(p.msg.Text(h))
			}
		}
	}
	p.on(win, "touchstart", capture, onTouch(mapui.TouchStart))
	p.on(win, "touchmove", capture, onTouch(mapui.TouchMove))
	p.on(win, "touchend", capture, onTouch(mapui.TouchEnd))
	p.on(win, "touchcancel", capture, onTouch(mapui.TouchEnd))

	// Keys on the focused map. Escape goes on untouched (it closes the
	// popup); every other key the map does not use reaches the page
	// uncancelled: Tab leaves the map, shortcuts work.
	p.on(win, "keydown", capture, func(e js.Value) {
		if !isCanvas(e) || e.Get("key").String() == "Escape" {
			return
		}
		e.Call("stopPropagation") // Ebitengine's listener cancels every key
		mod := e.Get("ctrlKey").Bool() || e.Get("altKey").Bool() || e.Get("metaKey").Bool()
		if in.Key(e.Get("key").String(), e.Get("shiftKey").Bool(), mod) {
			e.Call("preventDefault")
		}
	})
	// The browser's context menu (Ebitengine cancels it too).
	p.on(win, "contextmenu", capture, func(e js.Value) {
		if isCanvas(e) {
			e.Call("stopPropagation")
		}
	})

	// The zoom buttons.
	button := func(id string, b int) {
		p.on(jsv(p.doc.byID(id)), "click", nil, func(e js.Value) {
			if e.Get("currentTarget").Call("getAttribute", "aria-disabled").String() != "true" {
				in.Button(b)
			}
		})
	}
	button("zoom-in", mapui.ZoomIn)
	button("zoom-out", mapui.ZoomOut)
	button("zoom-reset", mapui.ZoomReset)
}

// hinter returns a func that shows a hint over the map (#map-hint) and fades
// it out 1.5 s after the last call.
func (p *page) hinter() func(text string) {
	el := jsv(p.doc.byID("map-hint"))
	if !el.Truthy() {
		return func(string) {}
	}
	win := js.Global()
	hide := js.FuncOf(func(js.Value, []js.Value) any {
		el.Get("classList").Call("remove", "show")
		return nil
	})
	funcs = append(funcs, hide)
	timer, shown := js.Undefined(), ""
	return func(text string) {
		if text != shown {
			el.Set("textContent", text)
			shown = text
		}
		el.Get("classList").Call("add", "show")
		win.Call("clearTimeout", timer)
		timer = win.Call("setTimeout", hide, 1500)
	}
}

// apply hands what came since the last frame to the state: the story,
// then the reader's input (mapui.Input.Apply, which reports whether the view
// is in motion: see game.moving).
func (p *page) apply(st *mapui.State, now time.Time) (moving bool) {
	p.mu.Lock()
	in := p.in
	p.in = inbox{}
	p.mu.Unlock()
	if in.hasStory {
		p.storyArrived(st, in, frames.ms, measure)
	}
	if p.input == nil {
		return false
	}
	moving = p.input.Apply(st, now)
	if st.Dirty() {
		p.zoom.enable(st.CanZoom())
	}
	return moving
}
