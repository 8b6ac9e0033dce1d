package main

import (
	"strconv"
	"syscall/js"

	"mapline/geo"

	"github.com/paulmach/orb"
)

// inbox is the input gathered by DOM callbacks since the last Update. The
// callbacks only record; Update applies (a callback must never block).
type inbox struct {
	dx, dy    float64
	dz        float64
	zx, zy    float64
	event     int // requested event, -1 for none
	story     *geo.Story
	storyErr  error
	storyInit int
	hasStory  bool
}

func (p *page) on(target js.Value, typ string, opts map[string]any, fn func(e js.Value)) {
	if !target.Truthy() {
		return
	}
	f := js.FuncOf(func(this js.Value, args []js.Value) any {
		defer func() { recover() }() // never panic across the JS boundary
		fn(args[0])
		return nil
	})
	p.fns = append(p.fns, f)
	target.Call("addEventListener", typ, f, opts)
}

// listen registers the DOM listeners. Listeners on window in the capture
// phase run before Ebitengine's own listeners on its canvas.
func (p *page) listen() {
	win := js.Global()
	capture := map[string]any{"capture": true, "passive": false}
	isCanvas := func(e js.Value) bool {
		t := e.Get("target")
		return t.Truthy() && t.Get("tagName").String() == "CANVAS"
	}
	var dragging bool
	var lastX, lastY float64
	p.on(win, "pointerdown", capture, func(e js.Value) {
		if !isCanvas(e) || e.Get("button").Int() != 0 {
			return
		}
		dragging, lastX, lastY = true, e.Get("clientX").Float(), e.Get("clientY").Float()
		e.Get("target").Call("setPointerCapture", e.Get("pointerId"))
		e.Get("target").Get("style").Set("cursor", "grabbing")
	})
	p.on(win, "pointermove", capture, func(e js.Value) {
		if !dragging {
			return
		}
		x, y := e.Get("clientX").Float(), e.Get("clientY").Float()
		p.mu.Lock()
		p.in.dx += x - lastX
		p.in.dy += y - lastY
		p.mu.Unlock()
		lastX, lastY = x, y
	})
	end := func(e js.Value) {
		if dragging {
			dragging = false
			e.Get("target").Get("style").Set("cursor", "grab")
		}
	}
	p.on(win, "pointerup", capture, end)
	p.on(win, "pointercancel", capture, end)
	p.on(win, "wheel", capture, func(e js.Value) {
		if !isCanvas(e) {
			return
		}
		e.Call("preventDefault")
		d := e.Get("deltaY").Float()
		switch e.Get("deltaMode").Int() {
		case 1: // lines
			d *= 40
		case 2: // pages
			d *= 800
		}
		rect := e.Get("target").Call("getBoundingClientRect")
		p.mu.Lock()
		p.in.dz += wheelZoom(d)
		p.in.zx = e.Get("clientX").Float() - rect.Get("left").Float()
		p.in.zy = e.Get("clientY").Float() - rect.Get("top").Float()
		p.mu.Unlock()
	})
	// Tab must leave the map: Ebitengine cancels every key on its canvas.
	p.on(win, "keydown", capture, func(e js.Value) {
		if !isCanvas(e) {
			return
		}
		key := e.Get("key").String()
		if key == "Tab" {
			e.Call("stopPropagation")
			return
		}
		const step = 80
		p.mu.Lock()
		defer p.mu.Unlock()
		w, h := e.Get("target").Get("clientWidth").Float(), e.Get("target").Get("clientHeight").Float()
		switch key {
		case "ArrowLeft":
			p.in.dx += step
		case "ArrowRight":
			p.in.dx -= step
		case "ArrowUp":
			p.in.dy += step
		case "ArrowDown":
			p.in.dy -= step
		case "+", "=":
			p.in.dz, p.in.zx, p.in.zy = p.in.dz+1, w/2, h/2
		case "-", "_":
			p.in.dz, p.in.zx, p.in.zy = p.in.dz-1, w/2, h/2
		}
	})
	p.on(p.slider, "input", nil, func(e js.Value) {
		i, err := strconv.Atoi(p.slider.Get("value").String())
		if err == nil {
			p.request(i)
		}
	})
	p.on(p.prev, "click", nil, func(js.Value) { p.step(-1) })
	p.on(p.next, "click", nil, func(js.Value) { p.step(+1) })
}

func (p *page) step(d int) {
	i, err := strconv.Atoi(p.slider.Get("value").String())
	if err == nil {
		p.request(i + d)
	}
}

func (p *page) request(i int) {
	p.mu.Lock()
	p.in.event = i
	p.mu.Unlock()
}

// apply hands the input gathered since the last frame to the state.
func (p *page) apply(st *state) {
	p.mu.Lock()
	in := p.in
	p.in = inbox{event: -1}
	p.mu.Unlock()
	if in.hasStory {
		if in.storyErr != nil {
			p.showError(in.storyErr)
		}
		if in.story != nil {
			p.showStory(in.story)
			st.setStory(in.story, in.storyInit)
		}
	}
	st.pan(in.dx, in.dy)
	st.zoom(in.dz, orb.Point{in.zx, in.zy})
	if in.event >= 0 {
		st.setEvent(in.event)
	}
}
