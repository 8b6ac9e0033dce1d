package mapui

import (
	"math"
	"testing"
	"time"

	"mapline/geo"

	"github.com/paulmach/orb"
)

func pt(x, y float64) orb.Point { return orb.Point{x, y} }

// composeState is the demo on an 800×500 map, its frame drawn.
func composeState(t *testing.T) (*State, *Compositor) {
	t.Helper()
	st := NewState(geo.Light)
	st.Resize(800, 500, 1)
	st.SetStory(demoStory(t), 2)
	st.Frame()
	c := &Compositor{}
	c.Drawn(st)
	return st, c
}

// tick runs the state's animations for ms milliseconds, frame by frame.
func tick(st *State, ms float64) {
	now := time.Unix(0, 0)
	for t := 0.0; t < ms; t += 1000.0 / 60 {
		now = now.Add(time.Second / 60)
		st.Tick(now)
	}
}

func TestCompositorMove(t *testing.T) {
	const w, h = 800.0, 500.0
	margin := Margin * h
	for _, tc := range []struct {
		name   string
		held   bool
		change func(st *State)
		want   Move // the move, when ok
		ok     bool
	}{
		{"a drag moves the frame drawn by as much", true, func(st *State) { st.do(op{kind: opPan, d: pt(30, -20)}) }, Move{30, -20, 1}, true},
		{"two drags add up", true, func(st *State) {
			st.do(op{kind: opPan, d: pt(30, -20)})
			st.do(op{kind: opPan, d: pt(-50, 5)})
		}, Move{-20, -15, 1}, true},
		{"nothing moved: the frame drawn in place", true, func(*State) {}, Still, true},
		{"let go: draw", false, func(st *State) { st.do(op{kind: opPan, d: pt(30, -20)}) }, Still, false},
		{"past the margin: draw", true, func(st *State) { st.do(op{kind: opPan, d: pt(margin+1, 0)}) }, Still, false},
		{"just within the margin", true, func(st *State) { st.do(op{kind: opPan, d: pt(0, margin-1)}) }, Move{0, margin - 1, 1}, true},
		{"a pinch scales the frame about the fingers", true, func(st *State) { st.do(op{kind: opZoom, dz: 1, at: pt(100, 100)}) },
			Move{-100, -100, 2}, true},
		{"a pinch past MaxScale: draw", true, func(st *State) { st.do(op{kind: opZoom, dz: 1.1, at: pt(100, 100)}) }, Still, false},
		{"a pinch out within the margin", true, func(st *State) { st.do(op{kind: opZoom, dz: -0.2, at: pt(w/2, h/2)}) },
			Move{w / 2 * (1 - math.Exp2(-0.2)), h / 2 * (1 - math.Exp2(-0.2)), math.Exp2(-0.2)}, true},
		{"a pinch out uncovering more than the margin: draw", true, func(st *State) { st.do(op{kind: opZoom, dz: -1, at: pt(w/2, h/2)}) }, Still, false},
		{"a wheel's zoom, while it runs", false, func(st *State) {
			st.do(op{kind: opZoomBy, dz: 1, at: pt(200, 300)})
			tick(st, zoomMillis/2)
		}, Move{}, true},
		{"a wheel's zoom at rest: draw", false, func(st *State) {
			st.do(op{kind: opZoomBy, dz: 1, at: pt(200, 300)})
			tick(st, zoomMillis+50)
		}, Still, false},
		{"the glide of a drag let go", false, func(st *State) {
			st.do(op{kind: opFling, d: pt(1, 0)})
			tick(st, 50)
		}, Move{}, true},
		{"a flight home: draw", false, func(st *State) {
			st.do(op{kind: opPan, d: pt(30, 0)})
			st.do(op{kind: opReset})
			tick(st, 50)
		}, Still, false},
		{"another event: draw", true, func(st *State) { st.SetEvent(st.Current() + 1) }, Still, false},
		{"another theme: draw", true, func(st *State) { st.SetTheme(geo.Dark) }, Still, false},
		{"another size: draw", true, func(st *State) { st.Resize(700, 500, 1) }, Still, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, c := composeState(t)
			drawn := st.View()
			tc.change(st)
			m, ok := c.Move(st, tc.held)
			if ok != tc.ok {
				t.Fatalf("Move = %+v, %v; want ok %v", m, ok, tc.ok)
			}
			if tc.want != (Move{}) && (math.Abs(m.X-tc.want.X) > 1e-6 || math.Abs(m.Y-tc.want.Y) > 1e-6 || math.Abs(m.K-tc.want.K) > 1e-9) {
				t.Errorf("Move = %+v; want %+v", m, tc.want)
			}
			if !ok {
				return
			}
			// Whatever the move, every place of the frame drawn lands where
			// the new view shows it.
			for _, ll := range []orb.Point{drawn.Geo(pt(0, 0)), drawn.Geo(pt(w/2, h/2)), drawn.Geo(pt(w-1, 37)), {44.4, 33.3}} {
				p, q := drawn.Screen(ll), st.View().Screen(ll)
				if got := (orb.Point{m.K*p.X() + m.X, m.K*p.Y() + m.Y}); math.Hypot(got.X()-q.X(), got.Y()-q.Y()) > 1e-6 {
					t.Errorf("%v: drawn at %v, moved to %v; the view shows it at %v", ll, p, got, q)
				}
			}
		})
	}
	t.Run("nothing drawn yet: draw", func(t *testing.T) {
		st := NewState(geo.Light)
		st.Resize(800, 500, 1)
		var c Compositor
		if _, ok := c.Move(st, true); ok {
			t.Error("Move before any frame was drawn")
		}
	})
}

// TestCompositorWhy: the reason a frame is drawn instead of moved, which
// cmd/bench counts (maplineStats().why).
func TestCompositorWhy(t *testing.T) {
	margin := Margin * 500.0
	for _, tc := range []struct {
		name   string
		held   bool
		change func(st *State)
		want   string
	}{
		{"a drag within the margin", true, func(st *State) { st.do(op{kind: opPan, d: pt(margin-1, 0)}) }, ""},
		{"a drag past the margin", true, func(st *State) { st.do(op{kind: opPan, d: pt(0, -margin-1)}) }, "margin"},
		{"let go", false, func(st *State) { st.do(op{kind: opPan, d: pt(30, -20)}) }, "rest"},
		{"a pinch past MaxScale", true, func(st *State) { st.do(op{kind: opZoom, dz: 1.1, at: pt(100, 100)}) }, "scale"},
		{"the glide of a flick past the margin", false, func(st *State) {
			st.do(op{kind: opFling, d: pt(inertiaMaxSpeed, 0)})
			tick(st, inertiaTau)
		}, "margin"},
		{"another event", true, func(st *State) { st.SetEvent(st.Current() + 1) }, "changed"},
		{"another size", true, func(st *State) { st.Resize(700, 500, 1) }, "changed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, c := composeState(t)
			tc.change(st)
			if _, got := c.Why(st, tc.held); got != tc.want {
				t.Errorf("Why = %q, want %q", got, tc.want)
			}
		})
	}
	if _, got := new(Compositor).Why(NewState(geo.Light), true); got != "first" {
		t.Errorf("nothing drawn: Why = %q, want %q", got, "first")
	}
}
