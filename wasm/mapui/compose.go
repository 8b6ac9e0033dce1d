package mapui

import (
	"math"

	"mapline/geo"
)

// Compositor decides, frame by frame while the reader's finger or mouse
// holds the map, whether a pan is shown by moving the frame already drawn
// (the page moves the canvas and the labels with a CSS translate, on the
// browser's compositor, as Leaflet moves its panes) rather than by drawing
// a new one: under a software GPU a frame of the demo takes longer than a
// display frame, a translate does not. The map is drawn anew when the hold
// ends, when anything but the view's centre changed (the story, the
// current event, the theme, the zoom, the size), while the player plays, and
// when the frame would move farther than Margin of the map's smaller side
// (the canvas has no margin drawn beyond the map: what a shift uncovers
// shows the sea until the next frame).
type Compositor struct {
	drawn geo.View // the view of the frame on screen
	m     *geo.Map
	cur   int
	has   bool
}

// Margin is how far a drawn frame may move, as a share of the map's
// smaller side, before the map is drawn anew under the reader's finger.
const Margin = 0.25

// Drawn records that the state's scene is the frame on screen.
func (c *Compositor) Drawn(st *State) {
	c.drawn, c.m, c.cur, c.has = st.View(), st.Map(), st.Current(), true
}

// Shift reports whether the state's view can be shown by moving the frame
// on screen by dx, dy CSS px (ok), given whether the reader holds the map.
func (c *Compositor) Shift(st *State, held bool) (dx, dy float64, ok bool) {
	v, d := st.View(), c.drawn
	if !held || !c.has || st.Map() != c.m || st.Current() != c.cur || v.Zoom != d.Zoom ||
		v.Width != d.Width || v.Height != d.Height || v.Ratio != d.Ratio {
		return 0, 0, false
	}
	if playing, _ := st.Playing(); playing {
		return 0, 0, false
	}
	// Where the new view's centre lies in the frame drawn: the frame moves
	// by as much the other way.
	p := d.Screen(v.Center)
	dx, dy = d.Width/2-p.X(), d.Height/2-p.Y()
	if max := Margin * math.Min(d.Width, d.Height); math.Abs(dx) > max || math.Abs(dy) > max {
		return 0, 0, false
	}
	return dx, dy, true
}
