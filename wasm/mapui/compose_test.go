package mapui

import (
	"math"
	"testing"

	"mapline/geo"

	"github.com/paulmach/orb"
)

func pt(x, y float64) orb.Point { return orb.Point{x, y} }

func TestCompositorShift(t *testing.T) {
	for _, tc := range []struct {
		name   string
		held   bool
		change func(st *State)
		dx, dy float64 // the shift, when ok
		ok     bool
	}{
		{"a drag moves the frame drawn by as much", true, func(st *State) { st.do(op{kind: opPan, d: pt(30, -20)}) }, 30, -20, true},
		{"two drags add up", true, func(st *State) {
			st.do(op{kind: opPan, d: pt(30, -20)})
			st.do(op{kind: opPan, d: pt(-50, 5)})
		}, -20, -15, true},
		{"nothing moved: no shift, still the frame drawn", true, func(*State) {}, 0, 0, true},
		{"let go: draw", false, func(st *State) { st.do(op{kind: opPan, d: pt(30, -20)}) }, 0, 0, false},
		{"past the margin: draw", true, func(st *State) { st.do(op{kind: opPan, d: pt(Margin*500+1, 0)}) }, 0, 0, false},
		{"just within the margin", true, func(st *State) { st.do(op{kind: opPan, d: pt(0, Margin*500-1)}) }, 0, Margin*500 - 1, true},
		{"a pinch zooms: draw", true, func(st *State) { st.do(op{kind: opZoom, dz: 0.5, at: pt(100, 100)}) }, 0, 0, false},
		{"another event: draw", true, func(st *State) { st.SetEvent(st.Current() + 1) }, 0, 0, false},
		{"another theme: draw", true, func(st *State) { st.SetTheme(geo.Dark) }, 0, 0, false},
		{"another size: draw", true, func(st *State) { st.Resize(700, 500, 1) }, 0, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := NewState(geo.Light)
			st.Resize(800, 500, 1)
			st.SetStory(demoStory(t), 2)
			st.Frame()
			var c Compositor
			c.Drawn(st)
			tc.change(st)
			dx, dy, ok := c.Shift(st, tc.held)
			if ok != tc.ok || ok && (math.Abs(dx-tc.dx) > 1e-6 || math.Abs(dy-tc.dy) > 1e-6) {
				t.Errorf("Shift = %.3f, %.3f, %v; want %.3f, %.3f, %v", dx, dy, ok, tc.dx, tc.dy, tc.ok)
			}
		})
	}
	t.Run("nothing drawn yet: draw", func(t *testing.T) {
		st := NewState(geo.Light)
		st.Resize(800, 500, 1)
		var c Compositor
		if _, _, ok := c.Shift(st, true); ok {
			t.Error("Shift before any frame was drawn")
		}
	})
}
