package mapui

import (
	"math"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

// pointer is a pointer event of the main button of a mouse.
func pointer(id int, t, x, y float64) Pointer {
	return Pointer{ID: id, Primary: true, At: orb.Point{x, y}, T: t}
}

func TestDrag(t *testing.T) {
	type step struct {
		kind string // down, move, up, cancel
		p    Pointer
		ok   bool // what down and up report
	}
	right := pointer(1, 0, 10, 10)
	right.Button = 2
	second := pointer(1, 0, 10, 10)
	second.Primary = false
	for _, tc := range []struct {
		name  string
		steps []step
		want  []op
		on    bool // a drag is on at the end
	}{
		{"a press stops the map and starts a drag", []step{{"down", pointer(1, 0, 10, 10), true}},
			[]op{{kind: opStop}}, true},
		{"moves pan by as much", []step{{"down", pointer(1, 0, 10, 10), true}, {"move", pointer(1, 500, 15, 7), false}, {"move", pointer(1, 1000, 15, 27), false}},
			[]op{{kind: opStop}, {kind: opPan, d: orb.Point{5, -3}}, {kind: opPan, d: orb.Point{0, 20}}}, true},
		{"a flick flings on at the speed of its moves", []step{{"down", pointer(1, 0, 0, 0), true}, {"move", pointer(1, 20, 20, 0), false}, {"up", pointer(1, 40, 20, 0), true}},
			[]op{{kind: opStop}, {kind: opPan, d: orb.Point{20, 0}}, {kind: opFling, d: orb.Point{0.5, 0}}}, false},
		{"a drag that stopped before the release does not fling", []step{{"down", pointer(1, 0, 0, 0), true}, {"move", pointer(1, 20, 20, 0), false}, {"up", pointer(1, 500, 20, 0), true}},
			[]op{{kind: opStop}, {kind: opPan, d: orb.Point{20, 0}}}, false},
		{"a cancel ends without a fling", []step{{"down", pointer(1, 0, 0, 0), true}, {"move", pointer(1, 20, 20, 0), false}, {"cancel", pointer(1, 40, 40, 0), true}},
			[]op{{kind: opStop}, {kind: opPan, d: orb.Point{20, 0}}}, false},
		{"another pointer neither moves nor ends it", []step{{"down", pointer(1, 0, 0, 0), true}, {"move", pointer(2, 20, 20, 0), false}, {"up", pointer(2, 40, 40, 0), false}},
			[]op{{kind: opStop}}, true},
		{"the right button stops the map but does not drag", []step{{"down", right, false}, {"move", pointer(1, 20, 20, 0), false}, {"up", pointer(1, 40, 40, 0), false}},
			[]op{{kind: opStop}}, false},
		{"a second finger's pointer does not drag", []step{{"down", second, false}, {"move", pointer(1, 20, 20, 0), false}},
			[]op{{kind: opStop}}, false},
		{"a move without a press does nothing", []step{{"move", pointer(1, 20, 20, 0), false}, {"up", pointer(1, 40, 40, 0), false}},
			nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d drag
			var ops []op
			for i, s := range tc.steps {
				var ok bool
				switch s.kind {
				case "down":
					ops, ok = d.down(s.p, ops)
				case "move":
					ops = d.move(s.p, ops)
				case "up", "cancel":
					ops, ok = d.up(s.p, s.kind == "cancel", ops)
				}
				if ok != s.ok {
					t.Errorf("step %d (%s): reported %v, want %v", i, s.kind, ok, s.ok)
				}
			}
			if !sameOps(ops, tc.want) {
				t.Errorf("ops %+v, want %+v", ops, tc.want)
			}
			if d.on != tc.on {
				t.Errorf("drag on %v, want %v", d.on, tc.on)
			}
		})
	}
}

func sameOps(a, b []op) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.kind != y.kind || distance(x.d, y.d) > 1e-9 || math.Abs(x.dz-y.dz) > 1e-9 || x.at != y.at || x.centre != y.centre {
			return false
		}
	}
	return true
}

func TestInputWheel(t *testing.T) {
	at := orb.Point{100, 50}
	for _, tc := range []struct {
		name     string
		coop     bool
		platform string
		w        Wheel
		zooms    bool
		hint     string
		dz       float64
	}{
		{"a notch zooms out a third of a level", false, "Linux", Wheel{DeltaY: 100, At: at}, true, "", -1.0 / 3},
		{"a cooperative map leaves a plain wheel to the page", true, "Linux", Wheel{DeltaY: 100, At: at}, false, "hint.wheel", 0},
		{"on a Mac the hint says ⌘", true, "MacIntel", Wheel{DeltaY: 100, At: at}, false, "hint.wheel.mac", 0},
		{"ctrl+wheel zooms a cooperative map", true, "Linux", Wheel{DeltaY: -100, Ctrl: true, At: at}, true, "", 1.0 / 3},
		{"⌘+wheel zooms a cooperative map", true, "MacIntel", Wheel{DeltaY: -100, Meta: true, At: at}, true, "", 1.0 / 3},
		{"a sideways scroll is the page's", false, "Linux", Wheel{DeltaY: 0, At: at}, false, "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := NewInput(tc.coop, tc.platform, false)
			zooms, hint := in.Wheel(tc.w)
			if zooms != tc.zooms || hint != tc.hint {
				t.Errorf("zooms %v hint %q, want %v %q", zooms, hint, tc.zooms, tc.hint)
			}
			var want []op
			if tc.zooms {
				want = []op{{kind: opZoomBy, dz: tc.dz, at: at}}
			}
			if !sameOps(in.ops, want) {
				t.Errorf("ops %+v, want %+v", in.ops, want)
			}
		})
	}
}

func TestInputDoubleClick(t *testing.T) {
	at := orb.Point{10, 20}
	for _, tc := range []struct {
		name  string
		touch float64 // the time of a touch before, or NaN for none
		t     float64
		shift bool
		used  bool
		dz    float64
	}{
		{"zooms in about the point", math.NaN(), 5000, false, true, 1},
		{"with Shift zooms out", math.NaN(), 5000, true, true, -1},
		{"the echo of a double tap is left alone", 4500, 5000, false, false, 0},
		{"a double click long after a touch zooms", 3000, 5000, false, true, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := NewInput(false, "", true)
			if !math.IsNaN(tc.touch) {
				in.Touch(TouchStart, tc.touch, []Touch{{ID: 1, P: at}}, true)
				in.Touch(TouchEnd, tc.touch+50, nil, true)
				in.ops = nil
			}
			if used := in.DoubleClick(tc.t, tc.shift, at); used != tc.used {
				t.Fatalf("used %v, want %v", used, tc.used)
			}
			var want []op
			if tc.used {
				want = []op{{kind: opZoomBy, dz: tc.dz, at: at}}
			}
			if !sameOps(in.ops, want) {
				t.Errorf("ops %+v, want %+v", in.ops, want)
			}
		})
	}
}

// Touches are Touch's where the browser has Touch Events: their pointer
// events neither stop nor drag the map.
func TestInputPointerOfATouch(t *testing.T) {
	p := pointer(1, 0, 10, 10)
	p.Touch = true
	for _, tc := range []struct {
		name        string
		touchEvents bool
		drags       bool
	}{
		{"with touch events", true, false},
		{"without", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := NewInput(false, "", tc.touchEvents)
			if got := in.PointerDown(p); got != tc.drags {
				t.Errorf("drags %v, want %v", got, tc.drags)
			}
			if got := len(in.ops) > 0; got != tc.drags {
				t.Errorf("stopped the map: %v, want %v", got, tc.drags)
			}
		})
	}
}

func TestInputApply(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		input  func(in *Input)
		moving bool
		still  bool // the state's still afterwards
	}{
		{"nothing", func(*Input) {}, false, false},
		{"a press only", func(in *Input) { in.PointerDown(Pointer{ID: 1, Button: 2, Primary: true}) }, false, false},
		{"a drag held still", func(in *Input) { in.PointerDown(pointer(1, 0, 0, 0)) }, true, false},
		{"a drag let go", func(in *Input) {
			in.PointerDown(pointer(1, 0, 0, 0))
			in.PointerUp(pointer(1, 500, 0, 0), false)
		}, false, false},
		{"a key pans, animated", func(in *Input) { in.Key("ArrowLeft", false, false) }, true, false},
		{"a zoom button", func(in *Input) { in.Button(ZoomIn) }, true, false},
		{"reduced motion: the key pans at once", func(in *Input) { in.SetStill(true); in.Key("ArrowLeft", false, false) }, true, true},
		{"two fingers on the map", func(in *Input) {
			in.Touch(TouchStart, 0, []Touch{{ID: 1, P: orb.Point{10, 10}}, {ID: 2, P: orb.Point{50, 50}}}, true)
		}, true, false},
		{"one finger on a cooperative map scrolls the page", func(in *Input) {
			in.coop, in.touch.coop = true, true
			in.Touch(TouchStart, 0, []Touch{{ID: 1, P: orb.Point{10, 10}}}, true)
		}, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := sized(t)
			in := NewInput(false, "", true)
			tc.input(in)
			if got := in.Apply(st, now); got != tc.moving {
				t.Errorf("moving %v, want %v", got, tc.moving)
			}
			if st.still != tc.still {
				t.Errorf("still %v, want %v", st.still, tc.still)
			}
			if len(in.ops) != 0 {
				t.Errorf("%d ops left after Apply", len(in.ops))
			}
		})
	}
}

func TestInputButtonsAndKeys(t *testing.T) {
	for _, tc := range []struct {
		name string
		do   func(in *Input) bool
		want []op
	}{
		{"zoom in", func(in *Input) bool { in.Button(ZoomIn); return true }, []op{{kind: opZoomBy, dz: 1, centre: true}}},
		{"zoom out", func(in *Input) bool { in.Button(ZoomOut); return true }, []op{{kind: opZoomBy, dz: -1, centre: true}}},
		{"reset", func(in *Input) bool { in.Button(ZoomReset); return true }, []op{{kind: opReset}}},
		{"+ zooms in", func(in *Input) bool { return in.Key("+", false, false) }, []op{{kind: opZoomBy, dz: 1, centre: true}}},
		{"Tab is the page's", func(in *Input) bool { return !in.Key("Tab", false, false) }, nil},
		{"Ctrl+ is the browser's", func(in *Input) bool { return !in.Key("+", false, true) }, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := NewInput(false, "", false)
			if !tc.do(in) {
				t.Error("the map used a key it leaves alone, or left one it uses")
			}
			if !sameOps(in.ops, tc.want) {
				t.Errorf("ops %+v, want %+v", in.ops, tc.want)
			}
		})
	}
}
