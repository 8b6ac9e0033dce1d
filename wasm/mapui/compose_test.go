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
		{"a pinch of more than a level scales the frame all the same", true, func(st *State) { st.do(op{kind: opZoom, dz: 1.1, at: pt(100, 100)}) },
			Move{100 * (1 - math.Exp2(1.1)), 100 * (1 - math.Exp2(1.1)), math.Exp2(1.1)}, true},
		{"a pinch out within the margin", true, func(st *State) { st.do(op{kind: opZoom, dz: -0.2, at: pt(w/2, h/2)}) },
			Move{w / 2 * (1 - math.Exp2(-0.2)), h / 2 * (1 - math.Exp2(-0.2)), math.Exp2(-0.2)}, true},
		{"a pinch out uncovering more than the margin scales the frame all the same", true, func(st *State) { st.do(op{kind: opZoom, dz: -1, at: pt(w/2, h/2)}) },
			Move{w / 4, h / 4, 0.5}, true},
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
		{"the glide of a flick, past the margin", false, func(st *State) {
			st.do(op{kind: opPan, d: pt(margin-1, 0)})
			st.do(op{kind: opFling, d: pt(0, -inertiaMaxSpeed)})
			tick(st, 3*inertiaTau)
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
		{"a pinch three levels in", true, func(st *State) { st.do(op{kind: opZoom, dz: 3, at: pt(100, 100)}) }, ""},
		{"a pinch two levels out", true, func(st *State) { st.do(op{kind: opZoom, dz: -2, at: pt(100, 100)}) }, ""},
		{"a pinch that pans past the margin, scaled", true, func(st *State) {
			st.do(op{kind: opZoom, dz: 0.2, at: pt(100, 100)})
			st.do(op{kind: opPan, d: pt(2*margin, 0)})
		}, ""},
		{"the glide of a flick past the margin", false, func(st *State) {
			st.do(op{kind: opFling, d: pt(inertiaMaxSpeed, 0)})
			tick(st, inertiaTau)
		}, ""},
		{"a key's pan past the margin", false, func(st *State) {
			st.do(op{kind: opPan, d: pt(margin+1, 0)})
			st.do(op{kind: opPanBy, d: pt(0, 10)})
			tick(st, 10)
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

// TestCompositorWheelNotches: wheel notches every 40 ms, as a reader's
// wheel (and cmd/bench's zoom act) turns, in by two levels and then out by
// three, scale the frame on screen at every frame of their zoom, however far
// it goes in or out, and the map is drawn only when the zoom rests, at the
// zoom of the notches, the point under the cursor where it was.
func TestCompositorWheelNotches(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in, out int // notches in, then out
	}{
		{"in by two levels", 6, 0},
		{"out by two levels", 0, 6},
		{"in by two, then out by three", 6, 9},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, c := composeState(t)
			st.SetView(st.View().Center, 4)
			st.Frame()
			c.Drawn(st)
			at := pt(300, 200)
			v0 := st.View()
			ll := v0.Geo(at)
			frames := 0
			frame := func() {
				t.Helper()
				st.advance(1000.0 / 60)
				if _, why := c.Why(st, false); why != "" && st.anim.zoom.running() {
					t.Fatalf("frame %d, zoom %.3f: the map is drawn (%q) while the wheel's zoom runs", frames, st.View().Zoom, why)
				}
				frames++
			}
			notch := func(dz float64) {
				st.do(op{kind: opZoomBy, dz: dz, at: at})
				for range 40 * 60 / 1000 { // a notch every 40 ms: 2 or 3 frames
					frame()
				}
			}
			for range tc.in {
				notch(1.0 / 3)
			}
			for range tc.out {
				notch(-1.0 / 3)
			}
			for st.anim.zoom.running() {
				frame()
			}
			if _, why := c.Why(st, false); why != "rest" {
				t.Errorf("the zoom at rest: Why = %q, want %q", why, "rest")
			}
			want := v0.Zoom + float64(tc.in-tc.out)/3
			if v := st.View(); math.Abs(v.Zoom-want) > 1e-6 {
				t.Errorf("zoom at rest %.4f, want %.4f", v.Zoom, want)
			}
			if p := st.View().Screen(ll); math.Hypot(p.X()-at.X(), p.Y()-at.Y()) > 1e-6 {
				t.Errorf("the point under the cursor moved from %v to %v", at, p)
			}
		})
	}
}

// TestCompositorShown: the view the frame on screen shows, moved, is the
// state's view (the scale bar's, while a zoom is carried).
func TestCompositorShown(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(st *State)
	}{
		{"nothing moved", func(*State) {}},
		{"a drag", func(st *State) { st.do(op{kind: opPan, d: pt(30, -20)}) }},
		{"a pinch in about the fingers", func(st *State) { st.do(op{kind: opZoom, dz: 1.3, at: pt(100, 400)}) }},
		{"a pinch out by three levels", func(st *State) { st.do(op{kind: opZoom, dz: -3, at: pt(700, 50)}) }},
		{"a wheel's zoom, while it runs", func(st *State) {
			st.do(op{kind: opZoomBy, dz: 1, at: pt(200, 300)})
			tick(st, zoomMillis/2)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, c := composeState(t)
			tc.change(st)
			m, ok := c.Move(st, true)
			if !ok {
				t.Fatalf("the compositor does not carry it")
			}
			got, want := c.Shown(m), st.View()
			if math.Abs(got.Zoom-want.Zoom) > 1e-9 || math.Abs(got.Center.Lon()-want.Center.Lon()) > 1e-6 || math.Abs(got.Center.Lat()-want.Center.Lat()) > 1e-6 {
				t.Errorf("Shown(%v) = %v at zoom %v; want %v at zoom %v", m, got.Center, got.Zoom, want.Center, want.Zoom)
			}
			if got, want := got.ScaleBar(100), want.ScaleBar(100); math.Abs(got.KmPx-want.KmPx) > 1e-6 || got.Km != want.Km {
				t.Errorf("scale bar %v; want %v", got, want)
			}
		})
	}
}
