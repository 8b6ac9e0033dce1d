package main

import (
	"strconv"
	"syscall/js"
	"time"

	"mapline/wasm/mapui"
)

// The timeline's listeners (timeline.go writes what they cause): they only
// record the reader's input in mapui.Timeline, for Update.
func (tl *timeline) listen() {
	p := tl.p
	slider := jsv(tl.slider)
	p.on(slider, "input", nil, func(js.Value) {
		if pos, ok := sliderPos(slider.Get("value").String(), slider.Get("max").String()); ok {
			tl.in.Slide(pos)
		}
	})
	// Keys on the slider (sliderKey); dragging keeps the range input's own
	// behaviour (move in time).
	p.on(slider, "keydown", nil, func(e js.Value) {
		mod := e.Get("altKey").Bool() || e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool()
		if sliderKey(tl.in, e.Get("key").String(), mod, p.rtl) {
			e.Call("preventDefault")
		}
	})
	p.on(jsv(tl.prev), "click", nil, func(js.Value) { tl.in.Step(-1) })
	p.on(jsv(tl.next), "click", nil, func(js.Value) { tl.in.Step(1) })
	p.on(jsv(tl.play), "click", nil, func(js.Value) { tl.in.TogglePlay() })
	mode, speed := jsv(tl.mode), jsv(tl.speed)
	p.on(mode, "change", nil, func(js.Value) { tl.in.SetMode(mode.Get("value").String()) })
	p.on(speed, "change", nil, func(js.Value) {
		if v, err := strconv.ParseFloat(speed.Get("value").String(), 64); err == nil {
			tl.in.SetSpeed(v)
		}
	})
	loop, follow := jsv(tl.loop), jsv(tl.follow)
	p.on(loop, "change", nil, func(js.Value) { tl.in.SetLoop(loop.Get("checked").Bool()) })
	p.on(follow, "change", nil, func(js.Value) { tl.in.SetFollow(follow.Get("checked").Bool()) })
	// Choosing an event in the list moves the timeline.
	p.on(jsv(tl.events), "click", nil, func(e js.Value) {
		b := e.Get("target").Call("closest", "button.choose")
		if !b.Truthy() {
			return
		}
		if i, err := strconv.Atoi(b.Get("dataset").Get("index").String()); err == nil {
			tl.in.GoTo(i)
		}
	})
	// The buttons that widen the list.
	p.on(jsv(tl.list.earlier), "click", nil, func(js.Value) { tl.in.More(-1) })
	p.on(jsv(tl.list.later), "click", nil, func(js.Value) { tl.in.More(1) })
}

// apply hands the controls' input to the state (mapui.Timeline.Apply) and
// shows what it did beyond the state: the list widened or caught up, the
// host's commands that failed.
func (tl *timeline) apply(st *mapui.State, now time.Time) {
	step := tl.in.Apply(st, tl.track, now)
	tl.sliding = step.Sliding
	if st.Map().Story == nil || len(st.Map().Story.Events) == 0 {
		return
	}
	tl.hostFailed(step.Failed)
	if step.More != 0 {
		tl.widen(st.Map().Story, step.More)
	}
	tl.settleList(st, now)
}

// writeHash puts the hash in the URL when it is due (mapui.Hash), and
// reports whether one still waits.
func (tl *timeline) writeHash(now time.Time) (waits bool) {
	if h, ok := tl.hash.Due(now); ok {
		loc := js.Global().Get("location")
		u := loc.Get("pathname").String() + loc.Get("search").String() + h
		js.Global().Get("history").Call("replaceState", js.Null(), "", u)
	}
	return tl.hash.Pending()
}
