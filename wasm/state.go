package main

import (
	"mapline/geo"

	"github.com/paulmach/orb"
)

// state is the map's state between frames: what is shown, and whether it must
// be drawn again. It holds no browser handle, so it is tested on the host; the
// game (game_js.go) feeds it input and draws its scene.
type state struct {
	m     *geo.Map
	view  geo.View
	cur   int  // current event, -1 for none
	moved bool // the reader or the URL chose the view: do not fit it again
	fit   bool // fit the story once the map has a size

	dirty      bool // the scene must be computed and drawn again
	eventDirty bool // the current event changed: update the page
	scene      *geo.Scene
}

// Default view before a story says otherwise: the Middle East, centred on the Gulf.
var regionCenter = orb.Point{45, 29}

const (
	regionZoom  = 4
	fitPadding  = 36 // CSS px around the story's sites
	fitMaxZoom  = 7  // never zoom in further than this when fitting
	wheelFactor = 1.0 / 300
)

func newState(th geo.Theme) *state {
	return &state{
		m:     geo.NewMap(nil, geo.DefaultBasemap(), th),
		view:  geo.View{Center: regionCenter, Zoom: regionZoom, Ratio: 1},
		cur:   -1,
		dirty: true,
	}
}

// setStory shows a story. initial is the event to start at (from t= or an
// event id), or -1 for the first event.
func (s *state) setStory(st *geo.Story, initial int) {
	s.m = geo.NewMap(st, s.m.Basemap, s.m.Theme)
	if initial < 0 && len(st.Events) > 0 {
		initial = 0
	}
	s.cur = initial
	s.fit = !s.moved
	s.fitIfReady()
	s.dirty, s.eventDirty = true, true
}

// setTheme draws the map in another theme.
func (s *state) setTheme(th geo.Theme) {
	if th.Name == s.m.Theme.Name {
		return
	}
	s.m = geo.NewMap(s.m.Story, s.m.Basemap, th)
	s.dirty = true
}

// setView sets the view from the URL (the size is kept).
func (s *state) setView(center orb.Point, zoom float64) {
	s.view.Center, s.view.Zoom = center, zoom
	s.moved, s.fit = true, false
	s.dirty = true
}

func (s *state) fitIfReady() {
	if !s.fit || s.view.Width <= 0 || s.view.Height <= 0 || s.m.Story == nil {
		return
	}
	if b, ok := s.m.Story.Bound(); ok {
		s.view = s.view.Fit(b, fitPadding, fitMaxZoom)
	}
	s.fit = false
}

// resize sets the map's size in CSS pixels and the device pixel ratio.
func (s *state) resize(w, h, ratio float64) {
	if w == s.view.Width && h == s.view.Height && ratio == s.view.Ratio {
		return
	}
	s.view.Width, s.view.Height, s.view.Ratio = w, h, ratio
	s.fitIfReady()
	s.dirty = true
}

// pan moves the map by a drag of dx, dy CSS pixels.
func (s *state) pan(dx, dy float64) {
	if dx == 0 && dy == 0 {
		return
	}
	s.view = s.view.Pan(dx, dy)
	s.moved, s.fit = true, false
	s.dirty = true
}

// zoom zooms by dz about the screen point p.
func (s *state) zoom(dz float64, p orb.Point) {
	if dz == 0 {
		return
	}
	s.view = s.view.ZoomAbout(dz, p)
	s.moved, s.fit = true, false
	s.dirty = true
}

// wheelZoom converts a wheel's vertical delta in CSS pixels to a zoom change:
// 300 px of wheel is one zoom level, scrolling down zooms out.
func wheelZoom(deltaY float64) float64 { return -deltaY * wheelFactor }

// setEvent makes event i current (clamped to the story's events).
func (s *state) setEvent(i int) {
	st := s.m.Story
	if st == nil || len(st.Events) == 0 {
		return
	}
	i = max(0, min(i, len(st.Events)-1))
	if i == s.cur {
		return
	}
	s.cur = i
	s.dirty, s.eventDirty = true, true
}

// frame returns the scene to draw, computing it again only when something
// changed; ok is false when the last scene is still on screen.
func (s *state) frame() (sc *geo.Scene, ok bool) {
	if !s.dirty || s.view.Width <= 0 || s.view.Height <= 0 {
		return s.scene, false
	}
	s.scene = s.m.Render(s.view, s.cur)
	s.dirty = false
	return s.scene, true
}
