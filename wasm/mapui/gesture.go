package mapui

// The pure part of the reader's input: what a wheel notch, a drag, a pinch,
// a double tap or a key does to the map, and how the map moves on afterwards
// (smooth zoom, inertia). Input (input.go) takes the events that
// wasm/input_js.go reads from the DOM; state.go applies the resulting ops to
// the view. Times are in milliseconds, distances
// in CSS pixels.

import (
	"math"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

const (
	// Wheel.
	wheelPxPerZoom = 300            // a mouse wheel notch (100 px) zooms a third of a level
	pinchPxPerZoom = 100 * math.Ln2 // Chrome sends a trackpad pinch as ctrl+wheel with deltaY = -100·ln(scale): the map follows the fingers
	pinchMaxDelta  = 50             // a ctrl+wheel event smaller than this is a trackpad pinch, larger is a wheel notch
	wheelLinePx    = 40             // deltaMode 1 (Firefox with a mouse): pixels per line, as MapLibre

	// Animations.
	zoomMillis = 200                    // a smooth zoom (wheel, double click, keys, buttons)
	panMillis  = 200                    // a keyboard pan
	resetMax   = 800 * time.Millisecond // the longest flight back to the initial view
	maxStep    = 1000                   // ms: a slow frame (a slow device, software WebGL) advances the animations in full, a tab coming back at most this much

	// Inertia after a drag.
	inertiaWindow   = 100  // the release velocity is measured over the last 100 ms of the drag
	inertiaTau      = 325  // the speed decays by 1/e every 325 ms: the map coasts speed·325 ms
	inertiaMinSpeed = 0.1  // px/ms: a slower release does not coast
	inertiaMaxSpeed = 1.5  // px/ms: a flick coasts at most about 490 px
	inertiaStop     = 0.01 // px/ms: the map stops below this speed

	// Taps and keys.
	tapSlop       = 10  // a touch that moves more than this is a drag, not a tap
	tapMillis     = 300 // a touch held longer than this is not a tap
	doubleTapGap  = 300 // the second tap starts at most this long after the first ended
	doubleTapSlop = 30  // and this close to it
	keyPanPx      = 80  // an arrow key moves the map by this much (Leaflet's keyboardPanDelta)
	keyPanShift   = 3   // times this with Shift (as Leaflet)
)

// wheelZoom turns a wheel event into a zoom change. deltaY is in the event's
// deltaMode (0 pixels, 1 lines, 2 pages, a page being pageHeight pixels);
// pinch is true for a ctrl+wheel event, which is what a trackpad pinch sends.
// Scrolling down zooms out.
func wheelZoom(deltaY float64, deltaMode int, pinch bool, pageHeight float64) float64 {
	if math.IsNaN(deltaY) || math.IsInf(deltaY, 0) {
		return 0
	}
	switch deltaMode {
	case 1:
		deltaY *= wheelLinePx
	case 2:
		deltaY *= pageHeight
	}
	if pinch && deltaMode == 0 && math.Abs(deltaY) < pinchMaxDelta {
		return -deltaY / pinchPxPerZoom
	}
	return -deltaY / wheelPxPerZoom
}

// Cooperative tells whether the map shares gestures with the page around it
// (as Google Maps' "cooperative" gesture handling): a plain wheel and one
// finger scroll the page, ctrl/⌘+wheel and two fingers move the map. It is on
// inside an iframe unless the URL flag cooperative= says otherwise.
func Cooperative(flag *bool, framed bool) bool {
	if flag != nil {
		return *flag
	}
	return framed
}

// wheelZooms tells whether a wheel event zooms the map; mod is ctrl or ⌘.
func wheelZooms(coop, mod bool) bool { return !coop || mod }

// isMac tells from navigator.userAgentData.platform or navigator.platform
// whether the zoom key is ⌘ (iPads with a keyboard too).
func isMac(platform string) bool {
	p := strings.ToLower(platform)
	return strings.HasPrefix(p, "mac") || strings.HasPrefix(p, "iphone") || strings.HasPrefix(p, "ipad")
}

// keyOp is what a key pressed on the focused map does; ok is false for keys
// the map leaves to the page (Tab, Escape, shortcuts with Ctrl, Alt or ⌘…).
func keyOp(key string, shift, mod bool) (o op, ok bool) {
	if mod {
		return op{}, false
	}
	step := float64(keyPanPx)
	if shift {
		step *= keyPanShift
	}
	switch key {
	case "ArrowLeft":
		return op{kind: opPanBy, d: orb.Point{step, 0}}, true
	case "ArrowRight":
		return op{kind: opPanBy, d: orb.Point{-step, 0}}, true
	case "ArrowUp":
		return op{kind: opPanBy, d: orb.Point{0, step}}, true
	case "ArrowDown":
		return op{kind: opPanBy, d: orb.Point{0, -step}}, true
	case "+", "=":
		return op{kind: opZoomBy, dz: 1, centre: true}, true
	case "-", "_":
		return op{kind: opZoomBy, dz: -1, centre: true}, true
	case "0", "Home":
		return op{kind: opReset}, true
	}
	return op{}, false
}

// ease runs a number from one value to another in a given time, fast at first
// and slowing down (ease-out cubic). Setting a new target starts again from
// where it is, so input that comes quickly (wheel notches, key repeat) adds up
// into one smooth motion.
type ease struct {
	from, to float64
	t, dur   float64
}

// set starts easing from cur to to in dur ms; with dur 0 it is at to at once.
func (e *ease) set(cur, to, dur float64) { *e = ease{from: cur, to: to, dur: dur} }

func (e *ease) running() bool { return e.t < e.dur }

// value is where the ease is now.
func (e *ease) value() float64 {
	if !e.running() {
		return e.to
	}
	u := 1 - e.t/e.dur
	return e.from + (e.to-e.from)*(1-u*u*u)
}

// step advances by dt ms and returns the new value.
func (e *ease) step(dt float64) float64 {
	e.t = math.Min(e.t+dt, e.dur)
	return e.value()
}

func (e *ease) stop() { e.dur = 0 }

// sample is a position at a time.
type sample struct {
	t float64
	p orb.Point
}

// velocity keeps the last positions of a drag to tell how fast it moved when
// it was released.
type velocity struct{ s []sample }

func (v *velocity) reset() { v.s = v.s[:0] }

// add records the drag at p at time t, forgetting what is older than the
// window (but the newest such sample, where the window starts).
func (v *velocity) add(t float64, p orb.Point) {
	v.s = append(v.s, sample{t, p})
	i := 0
	for i+1 < len(v.s) && v.s[i+1].t <= t-inertiaWindow {
		i++
	}
	v.s = append(v.s[:0], v.s[i:]...)
}

// release is the velocity in px/ms of a drag let go at time t: the distance
// covered since the start of the last inertiaWindow ms over the time since.
// Events may be sparse (a busy page): the window starts at the last position
// before it, so a drag that moved in it is not taken for still; a drag that
// stopped before it was let go has no velocity.
func (v *velocity) release(t float64) orb.Point {
	if len(v.s) == 0 {
		return orb.Point{}
	}
	first := v.s[0]
	for _, s := range v.s[1:] {
		if s.t > t-inertiaWindow {
			break
		}
		first = s
	}
	last := v.s[len(v.s)-1]
	dt := math.Max(t-first.t, 1) // events can share a timestamp
	return orb.Point{(last.p.X() - first.p.X()) / dt, (last.p.Y() - first.p.Y()) / dt}
}

// glide is the coasting of the map after a flick: the speed decays
// exponentially and the map stops under inertiaStop.
type glide struct{ v orb.Point } // px/ms

// fling starts a glide at velocity v, capped at inertiaMaxSpeed; a release
// slower than inertiaMinSpeed does not glide.
func (g *glide) fling(v orb.Point) {
	s := math.Hypot(v.X(), v.Y())
	switch {
	case math.IsNaN(s) || s < inertiaMinSpeed:
		g.v = orb.Point{}
	case s > inertiaMaxSpeed:
		g.v = orb.Point{v.X() / s * inertiaMaxSpeed, v.Y() / s * inertiaMaxSpeed}
	default:
		g.v = v
	}
}

func (g *glide) running() bool { return g.v != orb.Point{} }

func (g *glide) stop() { g.v = orb.Point{} }

// step advances by dt ms and returns how far the map moves. The decay is
// integrated exactly, so the whole glide covers speed·inertiaTau whatever
// the frame rate.
func (g *glide) step(dt float64) orb.Point {
	if !g.running() {
		return orb.Point{}
	}
	k := math.Exp(-dt / inertiaTau)
	f := inertiaTau * (1 - k)
	d := orb.Point{g.v.X() * f, g.v.Y() * f}
	g.v = orb.Point{g.v.X() * k, g.v.Y() * k}
	if math.Hypot(g.v.X(), g.v.Y()) < inertiaStop {
		g.stop()
	}
	return d
}

// pinch is the map motion of two fingers going from a0, b0 to a1, b1: the
// map moves with their midpoint (by d) and zooms by the change of their
// distance (dz levels) about the new midpoint at.
func pinch(a0, b0, a1, b1 orb.Point) (d orb.Point, dz float64, at orb.Point) {
	m0 := orb.Point{(a0.X() + b0.X()) / 2, (a0.Y() + b0.Y()) / 2}
	at = orb.Point{(a1.X() + b1.X()) / 2, (a1.Y() + b1.Y()) / 2}
	d = orb.Point{at.X() - m0.X(), at.Y() - m0.Y()}
	l0, l1 := distance(a0, b0), distance(a1, b1)
	if l0 >= 1 && l1 >= 1 { // fingers on the same pixel say nothing about scale
		dz = math.Log2(l1 / l0)
	}
	return d, dz, at
}

func distance(a, b orb.Point) float64 { return math.Hypot(a.X()-b.X(), a.Y()-b.Y()) }

// A Touch is one finger on the map, in CSS pixels from the map's top left.
type Touch struct {
	ID int // the browser's Touch.identifier
	P  orb.Point
}

// A TouchKind is the kind of a touch event.
type TouchKind int

const (
	TouchStart TouchKind = iota
	TouchMove
	TouchEnd // touchend and touchcancel
)

// touchGesture follows the fingers on the map from touch event to touch
// event and says what each event does to the map. One finger pans (with
// inertia) unless the map is cooperative; two pinch and pan; a double tap
// zooms in.
type touchGesture struct {
	coop bool

	prev   []Touch // the fingers at the last event
	start  sample  // where and when the gesture's first finger went down
	moved  bool    // a finger went further than tapSlop: not a tap
	multi  bool    // two fingers were down at some point: no tap, no glide
	hinted bool    // the two-finger hint was shown in this gesture
	vel    velocity
	last   sample // the end of the last tap
	tapped bool   // last holds a tap a double tap can follow
}

// touchResult is what one touch event does.
type touchResult struct {
	ops    []op
	cancel bool // the map uses the event: preventDefault, the page must not scroll
	hint   bool // show the hint (hint.touch): one finger tried to move a cooperative map
}

// event takes a touch event of the given kind at time t with the fingers now
// on the map (after the event). cancelable is the event's cancelable: when it
// is false the browser is already scrolling the page, and the map leaves
// the gesture to it. The ops are appended to out.
func (g *touchGesture) event(kind TouchKind, t float64, now []Touch, cancelable bool, out []op) touchResult {
	r := touchResult{ops: out}
	n := len(now)
	switch kind {
	case TouchStart:
		if len(g.prev) == 0 && n > 0 { // a new gesture
			r.ops = append(r.ops, op{kind: opStop})
			g.start, g.moved, g.multi, g.hinted = sample{t, now[0].P}, false, false, false
			g.vel.reset()
		}
		if n >= 2 {
			g.multi = true
		}
		g.vel.reset()
		if n == 1 {
			g.vel.add(t, now[0].P)
		}
		r.cancel = touchMoves(g.coop, n)
	case TouchMove:
		if n == 0 || !samePair(g.prev, now) {
			break // a finger came or went: start again from here
		}
		if distance(now[0].P, g.start.p) > tapSlop || n >= 2 {
			g.moved = true
		}
		if !touchMoves(g.coop, n) {
			if g.moved && !g.hinted && !g.multi {
				r.hint, g.hinted = true, true
			}
			break
		}
		r.cancel = true
		if !cancelable {
			break
		}
		if n == 1 {
			d := orb.Point{now[0].P.X() - g.prev[0].P.X(), now[0].P.Y() - g.prev[0].P.Y()}
			r.ops = append(r.ops, op{kind: opPan, d: d})
			g.vel.add(t, now[0].P)
			break
		}
		d, dz, at := pinch(g.prev[0].P, g.prev[1].P, now[0].P, now[1].P)
		r.ops = append(r.ops, op{kind: opPan, d: d}, op{kind: opZoom, dz: dz, at: at})
	case TouchEnd:
		if n > 0 { // fingers remain: they go on from where they are
			g.vel.reset()
			if n == 1 {
				g.vel.add(t, now[0].P)
			}
			r.cancel = touchMoves(g.coop, n)
			break
		}
		r.cancel = !g.coop
		if len(g.prev) == 0 {
			break // the end of a gesture that started elsewhere
		}
		end := g.prev[0].P
		switch {
		case !g.multi && !g.moved && t-g.start.t <= tapMillis:
			if g.tapped && g.start.t-g.last.t <= doubleTapGap && distance(g.start.p, g.last.p) <= doubleTapSlop {
				g.tapped = false
				r.cancel = true // no click, no double click after it
				if cancelable {
					r.ops = append(r.ops, op{kind: opZoomBy, dz: 1, at: end})
				}
				break
			}
			g.last, g.tapped = sample{t, end}, true
		case !g.multi && !g.coop && cancelable:
			if v := g.vel.release(t); v != (orb.Point{}) {
				r.ops = append(r.ops, op{kind: opFling, d: v})
			}
			g.tapped = false
		default:
			g.tapped = false
		}
	}
	g.prev = append(g.prev[:0], now...)
	return r
}

// touchMoves tells whether n fingers move the map.
func touchMoves(coop bool, n int) bool { return n >= 2 || (n == 1 && !coop) }

// samePair tells whether the first two fingers (or the one finger) of a and b
// are the same.
func samePair(a, b []Touch) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a) && i < 2; i++ {
		if a[i].ID != b[i].ID {
			return false
		}
	}
	return true
}
