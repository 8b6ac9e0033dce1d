package mapui

import (
	"math"

	"mapline/geo"

	"github.com/paulmach/orb"
)

// Compositor decides, frame by frame while a gesture moves the map, whether
// the new view is shown by moving and scaling the frame already drawn (the
// page moves the canvas and the labels with a CSS translate and scale, on
// the browser's compositor, as Leaflet moves and scales its panes) rather
// than by drawing a new one: under a software GPU a frame of the demo takes
// longer than a display frame, a transform does not.
//
// A gesture is the reader's finger or mouse holding the map (a drag, a
// pinch), or the animations it starts: a wheel's, a double click's, a
// key's or a button's zoom, a key's pan, the glide of a drag let go. The map
// is drawn anew when the gesture rests (nothing held, no such animation:
// for a wheel, zoomMillis after its last event), when anything but the
// view's centre and zoom changed (the story, the current event, the theme,
// the size), while the player plays or the camera flies, and, for a pan
// held or a key's (the frame moved, not scaled), when the frame moved would
// leave more than Margin of the map's smaller side uncovered on a side (the
// canvas has no margin drawn beyond the map: what a move uncovers shows the
// sea until the next frame). The glide of a drag let go is carried
// whatever it uncovers, as a zoom is, and drawn when it rests: a frame
// drawn in the middle of it would take longer than a display frame under
// a software GPU. A zoom (the frame scaled: wheel notches, a pinch, their
// animation) is carried whatever its scale, as Leaflet scales its panes
// through a zoom: scaled up, the frame's pixels grow; scaled down, the sea
// shows round it; the map is drawn when the zoom rests. A frame drawn in
// the middle of a run of wheel notches would take longer than a display
// frame under a software GPU, and the next notches would scale it anyway.
type Compositor struct {
	drawn geo.View // the view of the frame on screen
	m     *geo.Map
	cur   int
	has   bool
}

// Margin is how much of the map's smaller side a moved frame may leave
// uncovered on a side before the map is drawn anew.
const Margin = 0.25

// A Move is how the frame on screen is moved to show a view: a point p of
// the frame drawn (CSS px from the map's top left) lands at K·p + (X, Y),
// a CSS translate by X, Y after a scale by K about the top left.
type Move struct{ X, Y, K float64 }

// Still is the frame on screen in place.
var Still = Move{K: 1}

// Drawn records that the state's scene is the frame on screen.
func (c *Compositor) Drawn(st *State) {
	c.drawn, c.m, c.cur, c.has = st.View(), st.Map(), st.Current(), true
}

// Gesture tells whether a gesture moves the map (see Compositor), given
// whether the reader holds it.
func Gesture(st *State, held bool) bool {
	a := &st.anim
	if a.flying() {
		return false
	}
	return held || a.zoom.running() || a.panX.running() || a.panY.running() || a.glide.running()
}

// Move reports whether the state's view can be shown by moving the frame
// on screen by m (ok), given whether the reader holds the map.
func (c *Compositor) Move(st *State, held bool) (m Move, ok bool) {
	m, why := c.Why(st, held)
	return m, why == ""
}

// Why is Move with the reason the map must be drawn anew instead ("" when
// the frame on screen can be moved by m): "first" (nothing drawn yet),
// "changed" (the story, the current event or the size), "rest" (no
// gesture), "playing", "margin" (a pan leaving more than Margin
// uncovered). cmd/bench counts the frames drawn by reason.
func (c *Compositor) Why(st *State, held bool) (m Move, why string) {
	v, d := st.View(), c.drawn
	switch {
	case !c.has:
		return Still, "first"
	case st.Map() != c.m || st.Current() != c.cur ||
		v.Width != d.Width || v.Height != d.Height || v.Ratio != d.Ratio:
		return Still, "changed"
	case !Gesture(st, held):
		return Still, "rest"
	}
	if playing, _ := st.Playing(); playing {
		return Still, "playing"
	}
	// A world point w is at (w-o)·s on a view of origin o and scale s: on
	// the new view at k·p + (o_d-o_v)·s_v for its place p on the frame
	// drawn, with k = s_v/s_d; (o_d-o_v)·s_v is where the new view puts
	// the drawn frame's origin.
	m.K = math.Exp2(v.Zoom - d.Zoom)
	o := v.WorldToScreen(d.ScreenToWorld(orb.Point{}))
	m.X, m.Y = o.X(), o.Y()
	if math.Abs(m.K-1) > 1e-9 || !held && st.anim.glide.running() {
		return m, "" // a zoom, or a glide's tail: carried until it rests
	}
	max := Margin*math.Min(d.Width, d.Height) + 1e-9
	if m.X > max || m.Y > max || d.Width-(m.X+m.K*d.Width) > max || d.Height-(m.Y+m.K*d.Height) > max {
		return Still, "margin"
	}
	return m, ""
}

// Shown is the view the frame on screen shows once moved by m: the frame
// drawn scaled by m.K (its zoom m.K's levels from the drawn one's) about
// the point m puts at the map's centre. The page's scale bar follows it
// while the compositor carries a zoom.
func (c *Compositor) Shown(m Move) geo.View {
	v := c.drawn
	if !(m.K > 0) {
		return v
	}
	p := orb.Point{(v.Width/2 - m.X) / m.K, (v.Height/2 - m.Y) / m.K}
	v.Center = geo.LonLat(v.ScreenToWorld(p))
	v.Zoom += math.Log2(m.K)
	return v
}
