package mapui

import (
	"sync"
	"time"

	"mapline/geo"

	"github.com/paulmach/orb"
)

// Input is what the reader does to the map between frames. The DOM
// listeners (wasm/input_js.go) read each event into plain values and call
// the method of its kind, which decides what the event does and only
// records it; Apply, in Update, hands the record to the state. A listener
// must never block, so the methods only take a mutex. Safe for concurrent
// use.
type Input struct {
	coop        bool // cooperative gestures (see Cooperative)
	mac         bool // the zoom key is ⌘ (isMac)
	touchEvents bool // the browser has Touch Events: pointer events of touches are theirs

	mu        sync.Mutex
	ops       []op // what the reader did to the view, in order
	spare     []op // the ops slice of the frame before, reused
	still     bool // the reader prefers reduced motion
	drag      drag
	touch     touchGesture
	touchHeld bool    // fingers move the map
	touchOps  []op    // reused by Touch
	lastTouch float64 // the time of the last touch event (ms), or -Inf
}

// NewInput makes the input of a map. coop: gestures are cooperative (see
// Cooperative); platform: navigator's platform (the zoom key of a Mac is
// ⌘); touchEvents: the browser has Touch Events, which then handle touches
// (only they let a cooperative map decide per gesture whether the page
// scrolls) and pointer events handle the mouse and pens.
func NewInput(coop bool, platform string, touchEvents bool) *Input {
	return &Input{coop: coop, mac: isMac(platform), touchEvents: touchEvents, touch: touchGesture{coop: coop}, lastTouch: -1e300}
}

// SetStill records whether the reader prefers reduced motion (no
// animations, no inertia).
func (in *Input) SetStill(still bool) {
	in.mu.Lock()
	in.still = still
	in.mu.Unlock()
}

func (in *Input) push(ops ...op) {
	in.ops = append(in.ops, ops...)
}

// A Pointer is a pointer event on the map (pointerdown, pointermove,
// pointerup, pointercancel): times in ms, places in CSS px of the page.
type Pointer struct {
	ID      int       // pointerId
	Touch   bool      // pointerType is "touch"
	Button  int       // 0 is the main button
	Primary bool      // isPrimary
	At      orb.Point // clientX, clientY
	T       float64   // timeStamp
}

// drag follows a drag of the mouse (or a pen) from pointer event to
// pointer event and says what each does to the map: a press stops it, a
// move of the pointer that pressed pans it, and a release moving fast
// enough flings it on (inertia).
type drag struct {
	on   bool
	id   int
	last orb.Point
	vel  velocity
}

// down is a pointerdown: it reports whether a drag starts (the listener
// then captures the pointer and shows the grabbing cursor).
func (d *drag) down(p Pointer, out []op) ([]op, bool) {
	out = append(out, op{kind: opStop}) // a press stops the map
	if p.Button != 0 || !p.Primary {
		return out, false
	}
	d.on, d.id, d.last = true, p.ID, p.At
	d.vel.reset()
	d.vel.add(p.T, p.At)
	return out, true
}

// move is a pointermove: the drag's pointer pans the map by as much.
func (d *drag) move(p Pointer, out []op) []op {
	if !d.on || p.ID != d.id {
		return out
	}
	out = append(out, op{kind: opPan, d: orb.Point{p.At.X() - d.last.X(), p.At.Y() - d.last.Y()}})
	d.last = p.At
	d.vel.add(p.T, p.At)
	return out
}

// up is a pointerup (cancel false) or pointercancel: it reports whether the
// drag ended. A release flings the map on at the drag's speed; a cancel
// (the browser took the pointer) does not.
func (d *drag) up(p Pointer, cancel bool, out []op) ([]op, bool) {
	if !d.on || p.ID != d.id {
		return out, false
	}
	d.on = false
	if !cancel {
		if v := d.vel.release(p.T); v != (orb.Point{}) {
			out = append(out, op{kind: opFling, d: v})
		}
	}
	return out, true
}

// PointerDown is a pointerdown on the map; it reports whether a drag starts.
func (in *Input) PointerDown(p Pointer) (drags bool) {
	if in.touchEvents && p.Touch {
		return false // Touch does touches
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	in.ops, drags = in.drag.down(p, in.ops)
	return drags
}

// Dragging tells whether a drag is on (a pointermove may pan the map).
func (in *Input) Dragging() bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.drag.on
}

// Held tells whether the reader holds the map: a drag of the mouse or pen,
// or fingers on it that move it (Compositor).
func (in *Input) Held() bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.drag.on || in.touchHeld
}

// PointerMove is a pointermove anywhere (the drag's pointer is captured).
func (in *Input) PointerMove(p Pointer) {
	in.mu.Lock()
	in.ops = in.drag.move(p, in.ops)
	in.mu.Unlock()
}

// PointerUp is a pointerup, or with cancel a pointercancel; it reports
// whether a drag ended.
func (in *Input) PointerUp(p Pointer, cancel bool) (ended bool) {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.ops, ended = in.drag.up(p, cancel, in.ops)
	return ended
}

// A Wheel is a wheel event on the map.
type Wheel struct {
	DeltaY     float64
	DeltaMode  int       // 0 pixels, 1 lines, 2 pages
	Ctrl, Meta bool      // ctrlKey (a trackpad pinch sends it too), metaKey
	At         orb.Point // on the map, CSS px from its top left
	PageHeight float64   // innerHeight: a page's pixels, for DeltaMode 2
}

// Wheel is a wheel event on the map. zooms: the map zooms (the listener
// cancels the event); hint: the message key of the hint to show, when a
// cooperative map leaves a plain wheel to the page; neither for a sideways
// scroll, which is the page's.
func (in *Input) Wheel(w Wheel) (zooms bool, hint string) {
	if !wheelZooms(in.coop, w.Ctrl || w.Meta) {
		if in.mac {
			return false, "hint.wheel.mac"
		}
		return false, "hint.wheel"
	}
	dz := wheelZoom(w.DeltaY, w.DeltaMode, w.Ctrl, w.PageHeight)
	if dz == 0 {
		return false, ""
	}
	in.mu.Lock()
	in.push(op{kind: opZoomBy, dz: dz, at: w.At})
	in.mu.Unlock()
	return true, ""
}

// touchClickGap is how long after a touch a dblclick is the browser's echo
// of a double tap (which Touch has zoomed for), not a mouse's (ms).
const touchClickGap = 1000

// DoubleClick is a dblclick on the map at t, at (CSS px on the map): it
// zooms in about the point, out with Shift. It reports whether the map
// used it: a double click that echoes a double tap is left alone.
func (in *Input) DoubleClick(t float64, shift bool, at orb.Point) bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	if t-in.lastTouch < touchClickGap {
		return false
	}
	dz := 1.0
	if shift {
		dz = -1
	}
	in.push(op{kind: opZoomBy, dz: dz, at: at})
	return true
}

// Touching tells whether fingers are on the map (a gesture is on).
func (in *Input) Touching() bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	return len(in.touch.prev) > 0
}

// Touch is a touch event on the map of the given kind at t (ms), with the
// fingers on the map after it (touchGesture.event says what it does).
// cancel: the listener cancels the event (the page must not scroll); hint:
// the message key of the hint to show, or "".
func (in *Input) Touch(kind TouchKind, t float64, fingers []Touch, cancelable bool) (cancel bool, hint string) {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.lastTouch = t
	r := in.touch.event(kind, t, fingers, cancelable, in.touchOps[:0])
	in.push(r.ops...)
	in.touchOps = r.ops
	in.touchHeld = len(fingers) > 0 && touchMoves(in.coop, len(fingers))
	if r.hint {
		hint = "hint.touch"
	}
	return r.cancel && cancelable, hint
}

// Key is a key pressed on the focused map; mod: Ctrl, Alt or ⌘ is held. It
// reports whether the map used the key (the listener then cancels it).
func (in *Input) Key(key string, shift, mod bool) bool {
	o, ok := keyOp(key, shift, mod)
	if ok {
		in.mu.Lock()
		in.push(o)
		in.mu.Unlock()
	}
	return ok
}

// The map's buttons (Button).
const (
	ZoomIn = iota
	ZoomOut
	ZoomReset
)

// Button is a click on one of the map's buttons: ZoomIn, ZoomOut or
// ZoomReset.
func (in *Input) Button(b int) {
	o := map[int]op{
		ZoomIn:    {kind: opZoomBy, dz: 1, centre: true},
		ZoomOut:   {kind: opZoomBy, dz: -1, centre: true},
		ZoomReset: {kind: opReset},
	}[b]
	in.mu.Lock()
	in.push(o)
	in.mu.Unlock()
}

// Apply hands the input gathered since the last frame to the state and
// moves its animations on to now. When the reader
// does nothing it does nothing but look at an empty record. It reports
// whether the view is in motion: a drag or touch on the map, an op that
// moves the view in this frame, or an animation still running (frames in
// motion are cheaper: see game.moving).
func (in *Input) Apply(st *State, now time.Time) (moving bool) {
	in.mu.Lock()
	ops := in.ops
	in.ops, in.spare = in.spare[:0], ops
	st.still = in.still
	moving = in.drag.on || in.touchHeld
	in.mu.Unlock()
	for _, o := range ops {
		st.do(o)
		moving = moving || o.kind != opStop && o.kind != opReset
	}
	if st.Animating() {
		st.Tick(now)
	}
	return moving || st.Animating()
}

// CanZoom tells whether the map can zoom in and out further (the zoom
// buttons are usable).
func (s *State) CanZoom() (in, out bool) {
	const eps = 1e-9
	return s.view.Zoom < geo.MaxZoom-eps, s.view.Zoom > s.floor+eps
}
