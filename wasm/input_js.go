package main

import (
	"math"
	"strconv"
	"syscall/js"
	"time"

	"mapline/geo"
	"mapline/wasm/mapui"

	"github.com/paulmach/orb"
)

// inbox is the input gathered by DOM callbacks since the last Update. The
// callbacks only record; Update applies (a callback must never block).
type inbox struct {
	ops       []op // what the reader did to the view, in order
	story     *geo.Story
	storyErr  error
	basemap   *geo.Basemap // with the story: nil when it could not be loaded
	storyInit int
	hasStory  bool
	ctl       *controls // set once by listen; apply carries it over
}

// controls is what the input keeps from frame to frame.
type controls struct {
	still           bool     // the reader prefers reduced motion (written under page.mu)
	held            bool     // a drag or a touch is on the map (written under page.mu)
	spare           []op     // the ops slice of the frame before, reused
	zoomIn, zoomOut js.Value // the zoom buttons…
	canIn, canOut   bool     // …and whether they are enabled
}

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
	p.fns = append(p.fns, f)
	target.Call("addEventListener", typ, f, opts)
}

// push hands ops to the next Update.
func (p *page) push(ops ...op) {
	if len(ops) == 0 {
		return
	}
	p.mu.Lock()
	p.in.ops = append(p.in.ops, ops...)
	p.mu.Unlock()
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
	// offset is where a mouse event is on the map.
	offset := func(e js.Value) orb.Point {
		r := e.Get("target").Call("getBoundingClientRect")
		c := client(e)
		return orb.Point{c.X() - r.Get("left").Float(), c.Y() - r.Get("top").Float()}
	}
	stamp := func(e js.Value) float64 { return e.Get("timeStamp").Float() }

	ctl := &controls{zoomIn: p.doc.Call("getElementById", "zoom-in"), zoomOut: p.doc.Call("getElementById", "zoom-out"), canIn: true, canOut: true}
	p.mu.Lock()
	p.in.ctl = ctl
	p.mu.Unlock()
	if win.Get("matchMedia").Truthy() {
		q := win.Call("matchMedia", "(prefers-reduced-motion: reduce)")
		still := func() {
			p.mu.Lock()
			ctl.still = q.Get("matches").Bool()
			p.mu.Unlock()
		}
		still()
		p.on(q, "change", nil, func(js.Value) { still() })
	}

	// Cooperative gestures inside an iframe: the canvas lets one finger
	// scroll the page (CSS touch-action on the "cooperative" class).
	pr, _ := readParams(win.Get("location").Get("href").String())
	coop := cooperative(pr.coop, !win.Get("parent").Equal(win))
	if coop {
		p.root.Get("classList").Call("add", "cooperative")
	}
	hint := p.hinter()
	nav := win.Get("navigator")
	platform := nav.Get("platform").String()
	if d := nav.Get("userAgentData"); d.Truthy() && d.Get("platform").String() != "" {
		platform = d.Get("platform").String()
	}
	mac := isMac(platform)

	// Touch Events, where the browser has them, because only they let a
	// cooperative map decide per gesture whether the page scrolls. Pointer
	// events then handle the mouse and pens.
	touchEvents := win.Get("Reflect").Call("has", win, "ontouchstart").Bool()
	lastTouch := math.Inf(-1)

	// Drag with the mouse (or a pen), with inertia when let go.
	var drag struct {
		on   bool
		id   int
		last orb.Point
		vel  velocity
	}
	p.on(win, "pointerdown", capture, func(e js.Value) {
		if !isCanvas(e) || touchEvents && e.Get("pointerType").String() == "touch" {
			return
		}
		p.push(op{kind: opStop}) // a press stops the map
		if e.Get("button").Int() != 0 || !e.Get("isPrimary").Bool() {
			return
		}
		drag.on, drag.id, drag.last = true, e.Get("pointerId").Int(), client(e)
		p.hold(ctl, true)
		drag.vel.reset()
		drag.vel.add(stamp(e), drag.last)
		p.setCursor("grabbing")
		e.Get("target").Call("setPointerCapture", e.Get("pointerId"))
	})
	p.on(win, "pointermove", capture, func(e js.Value) {
		if !drag.on || e.Get("pointerId").Int() != drag.id {
			return
		}
		c := client(e)
		p.push(op{kind: opPan, d: orb.Point{c.X() - drag.last.X(), c.Y() - drag.last.Y()}})
		drag.last = c
		drag.vel.add(stamp(e), c)
	})
	end := func(e js.Value) {
		if !drag.on || e.Get("pointerId").Int() != drag.id {
			return
		}
		drag.on = false
		p.hold(ctl, false)
		p.setCursor("grab")
		if e.Get("type").String() == "pointerup" {
			if v := drag.vel.release(stamp(e)); v != (orb.Point{}) {
				p.push(op{kind: opFling, d: v})
			}
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
		if !wheelZooms(coop, e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool()) {
			hint(p.msg.Text(map[bool]string{true: "hint.wheel.mac", false: "hint.wheel"}[mac]))
			return
		}
		dz := wheelZoom(e.Get("deltaY").Float(), e.Get("deltaMode").Int(), e.Get("ctrlKey").Bool(), win.Get("innerHeight").Float())
		if dz == 0 {
			return // a sideways scroll: the page's
		}
		e.Call("preventDefault")
		p.push(op{kind: opZoomBy, dz: dz, at: offset(e)})
	})

	// Double click zooms in about the point, Shift+double click out. A
	// double tap is the touch gesture's.
	p.on(win, "dblclick", capture, func(e js.Value) {
		if !isCanvas(e) || stamp(e)-lastTouch < 1000 {
			return
		}
		e.Call("preventDefault")
		dz := 1.0
		if e.Get("shiftKey").Bool() {
			dz = -1
		}
		p.push(op{kind: opZoomBy, dz: dz, at: offset(e)})
	})

	// Touch: one finger pans (or scrolls the page when cooperative), two
	// pan and pinch, a double tap zooms in.
	g := touchGesture{coop: coop}
	var origin orb.Point // the map's top left when the gesture started
	var fingers []touch
	var ops []op
	onTouch := func(kind touchKind) func(js.Value) {
		return func(e js.Value) {
			if !isCanvas(e) {
				return
			}
			e.Call("stopPropagation") // Ebitengine's listener would cancel every touch: no scrolling
			lastTouch = stamp(e)
			if kind == touchStart && len(g.prev) == 0 {
				r := e.Get("target").Call("getBoundingClientRect")
				origin = orb.Point{r.Get("left").Float(), r.Get("top").Float()}
			}
			list := e.Get("targetTouches")
			fingers = fingers[:0]
			for i := 0; i < list.Length(); i++ {
				t := list.Index(i)
				c := client(t)
				fingers = append(fingers, touch{id: t.Get("identifier").Int(), p: orb.Point{c.X() - origin.X(), c.Y() - origin.Y()}})
			}
			cancelable := e.Get("cancelable").Bool()
			r := g.event(kind, stamp(e), fingers, cancelable, ops[:0])
			if r.cancel && cancelable {
				e.Call("preventDefault")
			}
			if r.hint {
				hint(p.msg.Text("hint.touch"))
			}
			p.push(r.ops...)
			p.hold(ctl, len(fingers) > 0 && touchMoves(coop, len(fingers)))
			ops = r.ops
		}
	}
	p.on(win, "touchstart", capture, onTouch(touchStart))
	p.on(win, "touchmove", capture, onTouch(touchMove))
	p.on(win, "touchend", capture, onTouch(touchEnd))
	p.on(win, "touchcancel", capture, onTouch(touchEnd))

	// Keys on the focused map. Escape goes on untouched (it closes the
	// popup); every other key the map does not use reaches the page
	// uncancelled: Tab leaves the map, shortcuts work.
	p.on(win, "keydown", capture, func(e js.Value) {
		if !isCanvas(e) || e.Get("key").String() == "Escape" {
			return
		}
		e.Call("stopPropagation") // Ebitengine's listener cancels every key
		mod := e.Get("ctrlKey").Bool() || e.Get("altKey").Bool() || e.Get("metaKey").Bool()
		if o, ok := keyOp(e.Get("key").String(), e.Get("shiftKey").Bool(), mod); ok {
			e.Call("preventDefault")
			p.push(o)
		}
	})
	// The browser's context menu (Ebitengine cancels it too).
	p.on(win, "contextmenu", capture, func(e js.Value) {
		if isCanvas(e) {
			e.Call("stopPropagation")
		}
	})

	// The zoom buttons.
	button := func(id string, o op) {
		p.on(p.doc.Call("getElementById", id), "click", nil, func(e js.Value) {
			if e.Get("currentTarget").Call("getAttribute", "aria-disabled").String() != "true" {
				p.push(o)
			}
		})
	}
	button("zoom-in", op{kind: opZoomBy, dz: 1, centre: true})
	button("zoom-out", op{kind: opZoomBy, dz: -1, centre: true})
	button("zoom-reset", op{kind: opReset})
}

// hinter returns a func that shows a hint over the map (#map-hint) and fades
// it out 1.5 s after the last call.
func (p *page) hinter() func(text string) {
	el := p.doc.Call("getElementById", "map-hint")
	if !el.Truthy() {
		return func(string) {}
	}
	win := js.Global()
	hide := js.FuncOf(func(js.Value, []js.Value) any {
		el.Get("classList").Call("remove", "show")
		return nil
	})
	p.fns = append(p.fns, hide)
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

// hold notes whether a drag or a touch gesture is on the map.
func (p *page) hold(c *controls, on bool) {
	p.mu.Lock()
	c.held = on
	p.mu.Unlock()
}

// apply hands the input gathered since the last frame to the state and
// moves its animations on. When the reader does nothing it does nothing
// but look at an empty inbox. It reports whether the view is in motion: a
// drag or touch on the map, an op that moves the view in this frame, or an
// animation still running (see game.moving).
func (p *page) apply(st *state) (moving bool) {
	p.mu.Lock()
	in := p.in
	p.in = inbox{ctl: in.ctl}
	if c := in.ctl; c != nil {
		p.in.ops, c.spare = c.spare[:0], in.ops
		st.still = c.still
		moving = c.held
	}
	p.mu.Unlock()
	if in.hasStory {
		if in.basemap != nil {
			st.setBasemap(in.basemap)
		}
		if in.storyErr != nil {
			p.showError(in.storyErr)
			if in.story == nil {
				p.storyTitle.Set("textContent", p.msg.Text("story.failed"))
			}
		}
		if in.story != nil {
			t0 := frames.ms()
			p.showStory(in.story)
			t1 := frames.ms()
			st.setStory(in.story, in.storyInit)
			measure("mapline:controls", t0, t1) // the slider, its marks, the list of events
			measure("mapline:index", t1, frames.ms())
		}
	}
	for _, o := range in.ops {
		st.do(o)
		moving = moving || o.kind != opStop && o.kind != opReset
	}
	if st.animating() {
		st.tick(time.Now())
	}
	moving = moving || st.animating()
	if c := in.ctl; c != nil && st.dirty {
		const eps = 1e-9
		c.enable(st.view.Zoom < geo.MaxZoom-eps, st.view.Zoom > st.floor+eps)
	}
	return moving
}

// enable marks the zoom buttons usable or not (aria-disabled, not disabled,
// so that a focused button keeps the focus at the limit).
func (c *controls) enable(in, out bool) {
	set := func(b js.Value, on bool, was *bool) {
		if on != *was && b.Truthy() {
			b.Call("setAttribute", "aria-disabled", strconv.FormatBool(!on))
			*was = on
		}
	}
	set(c.zoomIn, in, &c.canIn)
	set(c.zoomOut, out, &c.canOut)
}
