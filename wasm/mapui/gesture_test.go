package mapui

import (
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestWheelZoom(t *testing.T) {
	for _, tc := range []struct {
		name  string
		delta float64
		mode  int
		pinch bool
		want  float64
	}{
		{"notch up zooms in a third", -100, 0, false, 1.0 / 3},
		{"notch down zooms out", 100, 0, false, -1.0 / 3},
		{"150 px", -150, 0, false, 0.5},
		{"nothing", 0, 0, false, 0},
		{"three lines (Firefox)", 3, 1, false, -120.0 / 300},
		{"one page of 600 px", -1, 2, false, 2},
		{"trackpad pinch follows the fingers", -100 * math.Ln2 / 10, 0, true, 0.1},
		{"pinch out", 5, 0, true, -5 / (100 * math.Ln2)},
		{"ctrl + wheel notch is a notch", -100, 0, true, 1.0 / 3},
		{"ctrl + lines is a notch", -3, 1, true, 120.0 / 300},
		{"NaN", math.NaN(), 0, false, 0},
		{"infinite", math.Inf(-1), 0, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := wheelZoom(tc.delta, tc.mode, tc.pinch, 600); math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("wheelZoom(%v, %d, %v) = %v, want %v", tc.delta, tc.mode, tc.pinch, got, tc.want)
			}
		})
	}
}

func TestCooperative(t *testing.T) {
	yes, no := true, false
	for _, tc := range []struct {
		flag   *bool
		framed bool
		want   bool
	}{
		{nil, true, true},
		{nil, false, false},
		{&no, true, false},
		{&yes, false, true},
		{&yes, true, true},
	} {
		if got := Cooperative(tc.flag, tc.framed); got != tc.want {
			flag := "unset"
			if tc.flag != nil {
				flag = fmt.Sprint(*tc.flag)
			}
			t.Errorf("Cooperative(flag %s, framed %v) = %v, want %v", flag, tc.framed, got, tc.want)
		}
	}
	for _, tc := range []struct {
		coop, mod, want bool
	}{
		{false, false, true}, {false, true, true}, {true, false, false}, {true, true, true},
	} {
		if got := wheelZooms(tc.coop, tc.mod); got != tc.want {
			t.Errorf("wheelZooms(coop %v, ctrl %v) = %v", tc.coop, tc.mod, got)
		}
	}
}

func TestHints(t *testing.T) {
	for _, tc := range []struct {
		platform string
		mac      bool
	}{
		{"MacIntel", true}, {"macOS", true}, {"iPad", true}, {"iPhone", true},
		{"Win32", false}, {"Windows", false}, {"Linux x86_64", false}, {"Android", false}, {"", false},
	} {
		if got := isMac(tc.platform); got != tc.mac {
			t.Errorf("isMac(%q) = %v", tc.platform, got)
		}
	}
}

func TestKeyOp(t *testing.T) {
	for _, tc := range []struct {
		key         string
		shift, mod  bool
		want        op
		passThrough bool
	}{
		{key: "ArrowLeft", want: op{kind: opPanBy, d: orb.Point{80, 0}}},
		{key: "ArrowRight", want: op{kind: opPanBy, d: orb.Point{-80, 0}}},
		{key: "ArrowUp", want: op{kind: opPanBy, d: orb.Point{0, 80}}},
		{key: "ArrowDown", want: op{kind: opPanBy, d: orb.Point{0, -80}}},
		{key: "ArrowDown", shift: true, want: op{kind: opPanBy, d: orb.Point{0, -240}}},
		{key: "+", shift: true, want: op{kind: opZoomBy, dz: 1, centre: true}},
		{key: "=", want: op{kind: opZoomBy, dz: 1, centre: true}},
		{key: "-", want: op{kind: opZoomBy, dz: -1, centre: true}},
		{key: "_", shift: true, want: op{kind: opZoomBy, dz: -1, centre: true}},
		{key: "0", want: op{kind: opReset}},
		{key: "Home", want: op{kind: opReset}},
		{key: "Tab", passThrough: true},
		{key: "Escape", passThrough: true},
		{key: " ", passThrough: true},
		{key: "f", passThrough: true},
		{key: "-", mod: true, passThrough: true}, // the browser's zoom
		{key: "0", mod: true, passThrough: true},
		{key: "ArrowLeft", mod: true, passThrough: true}, // back in history
	} {
		got, ok := keyOp(tc.key, tc.shift, tc.mod)
		if ok == tc.passThrough || got != tc.want {
			t.Errorf("keyOp(%q, shift %v, mod %v) = %+v, %v; want %+v, %v", tc.key, tc.shift, tc.mod, got, ok, tc.want, !tc.passThrough)
		}
	}
}

func TestEase(t *testing.T) {
	var e ease
	e.set(2, 4, 200)
	prev := 2.0
	for i := 0; i < 10; i++ {
		v := e.step(20)
		if v < prev {
			t.Fatalf("step %d went back from %v to %v", i, prev, v)
		}
		prev = v
	}
	if e.running() || prev != 4 {
		t.Errorf("after 200 ms: running %v at %v, want stopped at exactly 4", e.running(), prev)
	}
	// Fast at first: past the middle after a quarter of the time.
	e.set(0, 1, 200)
	if v := e.step(50); v < 0.5 {
		t.Errorf("after a quarter of the time only at %v", v)
	}
	// A new target starts from where it is.
	e.set(e.value(), 2, 200)
	if v := e.value(); math.Abs(v-0.578125) > 1e-12 {
		t.Errorf("retarget starts at %v, want where it was (0.578125)", v)
	}
	// No duration: there at once.
	e.set(0, 3, 0)
	if e.running() || e.value() != 3 {
		t.Errorf("a zero-length ease runs %v at %v", e.running(), e.value())
	}
}

func TestVelocityRelease(t *testing.T) {
	for _, tc := range []struct {
		name    string
		moves   []sample
		release float64
		want    orb.Point
	}{
		{"no move", nil, 100, orb.Point{}},
		{"steady 1 px/ms", []sample{{0, orb.Point{0, 0}}, {20, orb.Point{20, 0}}, {40, orb.Point{40, 0}}}, 40, orb.Point{1, 0}},
		{"only the last 100 ms count", []sample{{0, orb.Point{0, 0}}, {100, orb.Point{500, 0}}, {150, orb.Point{500, 50}}, {200, orb.Point{500, 100}}}, 200, orb.Point{0, 1}},
		{"a pause before the release slows it", []sample{{0, orb.Point{0, 0}}, {50, orb.Point{50, 0}}}, 100, orb.Point{0.5, 0}},
		{"stopped long before the release", []sample{{0, orb.Point{0, 0}}, {50, orb.Point{50, 0}}}, 300, orb.Point{}},
		{"same timestamp", []sample{{10, orb.Point{0, 0}}, {10, orb.Point{30, 40}}}, 10, orb.Point{30, 40}},
		{"sparse events (a busy page)", []sample{{0, orb.Point{0, 0}}, {150, orb.Point{150, 0}}, {300, orb.Point{300, 0}}}, 320, orb.Point{150.0 / 170, 0}},
		{"one move, released at once", []sample{{0, orb.Point{0, 0}}, {40, orb.Point{0, 80}}}, 40, orb.Point{0, 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var v velocity
			for _, s := range tc.moves {
				v.add(s.t, s.p)
			}
			if got := v.release(tc.release); distance(got, tc.want) > 1e-12 {
				t.Errorf("release = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestGlide(t *testing.T) {
	var g glide
	g.fling(orb.Point{0.05, 0})
	if g.running() {
		t.Error("a slow release glides")
	}
	g.fling(orb.Point{0, -10})
	if s := math.Hypot(g.v.X(), g.v.Y()); math.Abs(s-inertiaMaxSpeed) > 1e-12 || g.v.Y() >= 0 {
		t.Errorf("fast fling at %v, want capped at %v upwards", g.v, inertiaMaxSpeed)
	}
	// The same distance at 60 and at 20 frames a second.
	coast := func(dt float64) float64 {
		g.fling(orb.Point{1, 0})
		var x float64
		for g.running() {
			x += g.step(dt).X()
		}
		return x
	}
	// Only where the glide stops differs: it leaves out under inertiaStop·τ.
	if a, b := coast(16), coast(50); math.Abs(a-b) > inertiaStop*inertiaTau || math.Abs(a-inertiaTau) > inertiaStop*inertiaTau {
		t.Errorf("coasted %v px at 60 fps and %v at 20 fps, want both about %v", a, b, float64(inertiaTau))
	}
}

func TestPinch(t *testing.T) {
	for _, tc := range []struct {
		name           string
		a0, b0, a1, b1 orb.Point
		d              orb.Point
		dz             float64
		at             orb.Point
	}{
		{"spread to twice", orb.Point{100, 100}, orb.Point{200, 100}, orb.Point{50, 100}, orb.Point{250, 100}, orb.Point{}, 1, orb.Point{150, 100}},
		{"pinch to half", orb.Point{100, 100}, orb.Point{100, 300}, orb.Point{100, 150}, orb.Point{100, 250}, orb.Point{}, -1, orb.Point{100, 200}},
		{"two-finger pan", orb.Point{100, 100}, orb.Point{200, 100}, orb.Point{130, 140}, orb.Point{230, 140}, orb.Point{30, 40}, 0, orb.Point{180, 140}},
		{"rotate in place", orb.Point{100, 100}, orb.Point{200, 100}, orb.Point{150, 50}, orb.Point{150, 150}, orb.Point{}, 0, orb.Point{150, 100}},
		{"fingers together say nothing of scale", orb.Point{100, 100}, orb.Point{100, 100}, orb.Point{100, 100}, orb.Point{160, 180}, orb.Point{30, 40}, 0, orb.Point{130, 140}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, dz, at := pinch(tc.a0, tc.b0, tc.a1, tc.b1)
			if distance(d, tc.d) > 1e-12 || math.Abs(dz-tc.dz) > 1e-12 || distance(at, tc.at) > 1e-12 {
				t.Errorf("pinch = %v, %v, %v; want %v, %v, %v", d, dz, at, tc.d, tc.dz, tc.at)
			}
		})
	}
}

// A touchStep is one touch event of a scenario and what it must do.
type touchStep struct {
	kind   TouchKind
	t      float64
	now    []Touch
	uncanc bool     // the event is not cancelable: the page scrolls
	ops    []opKind // the kinds of the ops, in order
	cancel bool
	hint   bool
}

func fingers(xy ...float64) []Touch {
	var ts []Touch
	for i := 0; i+1 < len(xy); i += 2 {
		ts = append(ts, Touch{ID: i / 2, P: orb.Point{xy[i], xy[i+1]}})
	}
	return ts
}

func TestTouchGesture(t *testing.T) {
	for _, tc := range []struct {
		name  string
		coop  bool
		steps []touchStep
	}{
		{"one finger pans and flings", false, []touchStep{
			{kind: TouchStart, t: 0, now: fingers(100, 100), ops: []opKind{opStop}, cancel: true},
			{kind: TouchMove, t: 16, now: fingers(120, 100), ops: []opKind{opPan}, cancel: true},
			{kind: TouchMove, t: 32, now: fingers(140, 100), ops: []opKind{opPan}, cancel: true},
			{kind: TouchEnd, t: 40, ops: []opKind{opFling}, cancel: true},
		}},
		{"one finger held still before the release does not fling", false, []touchStep{
			{kind: TouchStart, t: 0, now: fingers(100, 100), ops: []opKind{opStop}, cancel: true},
			{kind: TouchMove, t: 16, now: fingers(140, 100), ops: []opKind{opPan}, cancel: true},
			{kind: TouchEnd, t: 400, cancel: true},
		}},
		{"cooperative: one finger scrolls the page and shows the hint once", true, []touchStep{
			{kind: TouchStart, t: 0, now: fingers(100, 100), ops: []opKind{opStop}},
			{kind: TouchMove, t: 16, now: fingers(100, 105)},
			{kind: TouchMove, t: 32, now: fingers(100, 130), hint: true},
			{kind: TouchMove, t: 48, now: fingers(100, 160)},
			{kind: TouchEnd, t: 60},
		}},
		{"two fingers pinch", true, []touchStep{
			{kind: TouchStart, t: 0, now: fingers(100, 100), ops: []opKind{opStop}},
			{kind: TouchStart, t: 5, now: fingers(100, 100, 200, 100), cancel: true},
			{kind: TouchMove, t: 20, now: fingers(50, 100, 250, 100), ops: []opKind{opPan, opZoom}, cancel: true},
			{kind: TouchEnd, t: 30, now: fingers(50, 100)},
			{kind: TouchMove, t: 40, now: fingers(80, 100)}, // the last finger does not move a cooperative map
			{kind: TouchEnd, t: 50},
		}},
		{"a second finger starts a new baseline", false, []touchStep{
			{kind: TouchStart, t: 0, now: fingers(100, 100), ops: []opKind{opStop}, cancel: true},
			{kind: TouchStart, t: 5, now: fingers(100, 100, 300, 300), cancel: true},
			{kind: TouchMove, t: 20, now: fingers(100, 100, 310, 310), ops: []opKind{opPan, opZoom}, cancel: true},
			{kind: TouchEnd, t: 30, now: fingers(100, 100), cancel: true},
			{kind: TouchMove, t: 40, now: fingers(110, 100), ops: []opKind{opPan}, cancel: true},
			{kind: TouchEnd, t: 45, cancel: true}, // no fling after a pinch
		}},
		{"the page scrolls already: the map keeps still", true, []touchStep{
			{kind: TouchStart, t: 0, now: fingers(100, 100), ops: []opKind{opStop}},
			{kind: TouchMove, t: 16, now: fingers(100, 150), hint: true},
			{kind: TouchStart, t: 20, now: fingers(100, 150, 200, 150), cancel: true},
			{kind: TouchMove, t: 30, now: fingers(100, 170, 200, 170), uncanc: true, cancel: true},
			{kind: TouchEnd, t: 40, uncanc: true},
		}},
		{"double tap zooms in", true, []touchStep{
			{kind: TouchStart, t: 0, now: fingers(100, 100), ops: []opKind{opStop}},
			{kind: TouchEnd, t: 80},
			{kind: TouchStart, t: 200, now: fingers(104, 103), ops: []opKind{opStop}},
			{kind: TouchEnd, t: 260, ops: []opKind{opZoomBy}, cancel: true},
			// A third tap starts over.
			{kind: TouchStart, t: 400, now: fingers(104, 103), ops: []opKind{opStop}},
			{kind: TouchEnd, t: 450},
		}},
		{"taps too far apart in time", false, []touchStep{
			{kind: TouchStart, t: 0, now: fingers(100, 100), ops: []opKind{opStop}, cancel: true},
			{kind: TouchEnd, t: 80, cancel: true},
			{kind: TouchStart, t: 500, now: fingers(100, 100), ops: []opKind{opStop}, cancel: true},
			{kind: TouchEnd, t: 560, cancel: true},
		}},
		{"taps too far apart on the map", false, []touchStep{
			{kind: TouchStart, t: 0, now: fingers(100, 100), ops: []opKind{opStop}, cancel: true},
			{kind: TouchEnd, t: 80, cancel: true},
			{kind: TouchStart, t: 200, now: fingers(200, 100), ops: []opKind{opStop}, cancel: true},
			{kind: TouchEnd, t: 260, cancel: true},
		}},
		{"a long press is not a tap", false, []touchStep{
			{kind: TouchStart, t: 0, now: fingers(100, 100), ops: []opKind{opStop}, cancel: true},
			{kind: TouchEnd, t: 500, cancel: true},
			{kind: TouchStart, t: 600, now: fingers(100, 100), ops: []opKind{opStop}, cancel: true},
			{kind: TouchEnd, t: 650, cancel: true},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := touchGesture{coop: tc.coop}
			for i, s := range tc.steps {
				r := g.event(s.kind, s.t, s.now, !s.uncanc, nil)
				var kinds []opKind
				for _, o := range r.ops {
					kinds = append(kinds, o.kind)
				}
				if fmt.Sprint(kinds) != fmt.Sprint(s.ops) || r.cancel != s.cancel || r.hint != s.hint {
					t.Errorf("step %d: ops %v cancel %v hint %v; want %v %v %v", i, kinds, r.cancel, r.hint, s.ops, s.cancel, s.hint)
				}
			}
		})
	}
}

// The double tap zooms in about the tap, by one level.
func TestDoubleTapOp(t *testing.T) {
	g := touchGesture{}
	g.event(TouchStart, 0, fingers(50, 60), true, nil)
	g.event(TouchEnd, 50, nil, true, nil)
	g.event(TouchStart, 150, fingers(52, 61), true, nil)
	r := g.event(TouchEnd, 200, nil, true, nil)
	if len(r.ops) != 1 || r.ops[0] != (op{kind: opZoomBy, dz: 1, at: orb.Point{52, 61}}) {
		t.Errorf("double tap ops %+v", r.ops)
	}
}
