package mapui

import (
	"math"
	"time"

	"mapline/geo"

	"github.com/paulmach/orb"
)

// State is the map's state between frames: what is shown, and whether it must
// be drawn again. It holds no browser handle, so it is tested on the host; the
// game (wasm/game_js.go) feeds it input (Input, Timeline) and draws its scene.
type State struct {
	m     *geo.Map
	view  geo.View
	cur   int        // current event, -1 for none
	at    time.Time  // the moment the slider shows, for tracks (geo.Map.RenderAt); zero: the start of cur
	moved bool       // the reader or the URL chose the view: do not fit it again
	fit   bool       // fit the story once the map has a size
	hint  *geo.View  // the poster's view, to open with if it shows the current event (geo.OpeningView)
	over  geo.Insets // how far in from each side the map's controls lie: fits keep the story clear of them (SetControls)

	home  geo.View  // the initial view (the story's fit or view= of the URL): reset returns to it
	bound orb.Bound // the centre stays inside (geo.Limits)
	floor float64   // the lowest zoom, at which the bound is still large in the view
	still bool      // the reader prefers reduced motion: no animations, no inertia
	anim  motion

	story story // the player, the mode and the camera (player.go)

	dirty      bool // the scene must be computed and drawn again
	eventDirty bool // the current event changed: update the page
	scene      *geo.Scene
}

// How the story is fitted into the map (geo.StartView; the camera uses them too).
const (
	fitPadding = geo.FitPadding
	fitMaxZoom = geo.FitMaxZoom
)

func NewState(th geo.Theme) *State {
	v := geo.HomeView
	v.Ratio = 1
	return &State{
		m:     geo.NewMap(geo.MapOptions{Basemap: &geo.Basemap{}, Theme: th}), // until the basemap arrives (setBasemap)
		view:  v,
		home:  v,
		bound: geo.Everywhere,
		floor: geo.MinZoom,
		cur:   -1,
		dirty: true,
		story: story{follow: true, speed: 1},
	}
}

// setStory shows a story. initial is the event to start at (from t= or an
// event id), or -1 for the first event.
func (s *State) SetStory(st *geo.Story, initial int) {
	o := s.m.MapOptions
	o.Story = st
	s.m = geo.NewMap(o)
	if initial < 0 && len(st.Events) > 0 {
		initial = 0
	}
	s.cur, s.at = initial, time.Time{}
	s.fit = !s.moved
	s.limits()
	s.fitIfReady()
	s.dirty, s.eventDirty = true, true
}

// newMap draws the same story with other options, keeping what the reader
// searched for (Select).
func (s *State) newMap(o geo.MapOptions) {
	sel := s.m.Selection()
	s.m = geo.NewMap(o)
	s.m.Select(sel)
}

// setBasemap draws the map on another basemap.
func (s *State) SetBasemap(bm *geo.Basemap) {
	o := s.m.MapOptions
	o.Basemap = bm
	s.newMap(o)
	s.dirty = true
}

// setTheme draws the map in another theme.
func (s *State) SetTheme(th geo.Theme) {
	if th.Name == s.m.Theme.Name {
		return
	}
	o := s.m.MapOptions
	o.Theme = th
	s.newMap(o)
	s.dirty = true
}

// setLang names the map's cities and countries in language l ("ar", "fa", …).
func (s *State) SetLang(l string) {
	s.m.Lang = l
	s.dirty = true
}

// setView sets the view from the URL (the size is kept).
func (s *State) SetView(center orb.Point, zoom float64) {
	s.view.Center, s.view.Zoom = center, zoom
	s.moved, s.fit = true, false
	s.limits()
	s.home = s.view
	s.dirty = true
}

// SetPosterView opens the map on the view of the poster the reader has been
// looking at, unless that view, at the map's size, does not show the current
// event's places (fitIfReady decides when both the story and the size are
// known).
func (s *State) SetPosterView(center orb.Point, zoom float64) {
	s.hint = &geo.View{Center: center, Zoom: zoom}
	s.view.Center, s.view.Zoom = center, zoom
	s.home = s.view
	s.dirty = true
}

// SetControls says how far in from each side of the map its controls (the
// zoom and reset buttons) lie, in CSS px: the story is fitted clear of them
// (geo.FitPad), at the start and when the camera brings an event into
// sight. Set it before the story comes.
func (s *State) SetControls(over geo.Insets) { s.over = over }

func (s *State) fitIfReady() {
	if !s.fit || s.view.Width <= 0 || s.view.Height <= 0 || s.m.Story == nil {
		return
	}
	if s.hint != nil {
		s.view = geo.OpeningViewClear(s.m.Story, s.view, s.cur, s.hint, s.over)
		s.home, s.hint = s.view, nil
	} else {
		// The story's places fitted, or the world's land for a story
		// without places.
		s.view = geo.StartViewClear(s.m.Story, s.view, s.over)
		s.home = s.view
	}
	s.fit = false
}

// resize sets the map's size in CSS pixels and the device pixel ratio.
func (s *State) Resize(w, h, ratio float64) {
	if w == s.view.Width && h == s.view.Height && ratio == s.view.Ratio {
		return
	}
	s.view.Width, s.view.Height, s.view.Ratio = w, h, ratio
	s.limits()
	// Until the reader (or the URL, or the camera) chooses a view, the map
	// keeps the story in sight as its size changes (the list opening beside
	// it, a phone turning).
	s.fit = s.fit || !s.moved
	s.fitIfReady()
	s.dirty = true
}

// An op is one thing the reader's input does to the view. Input turns
// events into ops (through gesture.go) and Input.Apply hands them to do in
// the order they came.
type op struct {
	kind   opKind
	d      orb.Point // opPan, opPanBy: CSS px; opFling: px/ms
	dz     float64   // opZoom, opZoomBy: zoom levels
	at     orb.Point // opZoom, opZoomBy: the screen point that stays put
	centre bool      // opZoomBy: about the centre of the map instead of at
}

type opKind int

const (
	opPan    opKind = iota // move by d now (a drag)
	opZoom                 // zoom by dz about at now (a pinch)
	opPanBy                // move by d, animated (arrow keys)
	opZoomBy               // zoom by dz about at, animated (wheel, double click, +/-, buttons)
	opFling                // coast on at velocity d (a drag let go)
	opStop                 // a press on the map: stop every animation
	opReset                // back to the initial view, animated
)

// motion is what moves the view between frames. Each part marks the state
// dirty only while it runs, so an idle map does no work.
type motion struct {
	zoom   ease      // the zoom level, toward a target
	zoomAt orb.Point // about this screen point
	panX   ease      // a keyboard pan: the offset in CSS px…
	panY   ease
	panned orb.Point  // …and the part of it already applied
	flight geo.Flight // reset: the way back to the initial view…
	flown  float64    // …and the ms flown so far
	glide  glide      // inertia after a drag
	clock  time.Time  // the time of the last frame of a running animation
}

func (m *motion) running() bool {
	return m.zoom.running() || m.panX.running() || m.panY.running() || m.flying() || m.glide.running()
}

func (m *motion) stop() {
	m.zoom.stop()
	m.panX.stop()
	m.panY.stop()
	m.flight.Duration = 0
	m.glide.stop()
	m.clock = time.Time{}
}

func (m *motion) flying() bool { return m.flight.Duration > 0 }

// do applies one op.
func (s *State) do(o op) {
	if o.kind != opStop && s.story.follow {
		// The reader takes the map: the camera stops following the story.
		s.story.follow = false
		s.eventDirty = true // the "Move the map" box changes
	}
	switch o.kind {
	case opPan:
		s.pan(o.d.X(), o.d.Y())
	case opZoom:
		s.zoom(o.dz, o.at)
	case opPanBy:
		s.panBy(o.d)
	case opZoomBy:
		at := o.at
		if o.centre {
			at = orb.Point{s.view.Width / 2, s.view.Height / 2}
		}
		s.zoomBy(o.dz, at)
	case opFling:
		if !s.still {
			s.anim.glide.fling(o.d)
		}
	case opStop:
		s.anim.stop()
	case opReset:
		s.reset()
	}
}

// limits works out the bound and the lowest zoom, which depend on the story
// and on the map's size, and keeps the view within them.
func (s *State) limits() {
	s.bound, s.floor = geo.Limits(s.m.Story, s.view)
	s.view = s.view.Constrain(s.bound, s.floor)
}

// set makes v the view, kept within the limits, and reports whether that
// changed what the map shows.
func (s *State) set(v geo.View) bool {
	v = v.Constrain(s.bound, s.floor)
	if v == s.view {
		return false
	}
	s.view = v
	s.moved, s.fit = true, false
	s.dirty = true
	return true
}

// pan moves the map by a drag of dx, dy CSS pixels.
func (s *State) pan(dx, dy float64) bool {
	if dx == 0 && dy == 0 {
		return false
	}
	return s.set(s.view.Pan(dx, dy))
}

// zoom zooms by dz about the screen point p, no further out than the floor:
// the geographic point under p stays under it.
func (s *State) zoom(dz float64, p orb.Point) {
	if dz == 0 || math.IsNaN(dz) {
		return
	}
	z := math.Max(s.floor, math.Min(geo.MaxZoom, s.view.Zoom+dz))
	s.set(s.view.ZoomAbout(z-s.view.Zoom, p))
}

// zoomBy zooms by dz about p in zoomMillis. Zooms that come while one runs
// add to its target, so every wheel event counts.
func (s *State) zoomBy(dz float64, p orb.Point) {
	if dz == 0 || math.IsNaN(dz) {
		return
	}
	a := &s.anim
	a.flight.Duration = 0
	target := s.view.Zoom
	if a.zoom.running() {
		target = a.zoom.to
	}
	target = math.Max(s.floor, math.Min(geo.MaxZoom, target+dz))
	if s.still {
		s.zoom(target-s.view.Zoom, p)
		return
	}
	a.zoom.set(s.view.Zoom, target, zoomMillis)
	a.zoomAt = p
}

// panBy moves the map by d in panMillis; pans that come while one runs
// (a held arrow key) add to it.
func (s *State) panBy(d orb.Point) {
	a := &s.anim
	a.flight.Duration = 0
	if s.still {
		s.pan(d.X(), d.Y())
		return
	}
	if !a.panX.running() && !a.panY.running() {
		a.panned = orb.Point{}
		a.panX.to, a.panY.to = 0, 0
	}
	a.panX.set(a.panned.X(), a.panX.to+d.X(), panMillis)
	a.panY.set(a.panned.Y(), a.panY.to+d.Y(), panMillis)
}

// reset flies back to the initial view (zooming out and in again on a long
// way, as Leaflet's and MapLibre's flyTo).
func (s *State) reset() {
	s.anim.stop()
	to := s.view
	to.Center, to.Zoom = s.home.Center, s.home.Zoom
	to = to.Constrain(s.bound, s.floor)
	if s.still {
		s.set(to)
		return
	}
	s.flyTo(to, resetMax)
}

// flyTo flies to view to along geo.Flight's curve in at most max, or jumps
// there when the reader prefers reduced motion.
func (s *State) flyTo(to geo.View, max time.Duration) {
	s.anim.stop()
	if s.still {
		s.set(to)
		return
	}
	s.anim.flight = geo.NewFlight(s.view, to, max)
	s.anim.flown = 0
	if !s.anim.flying() {
		s.set(to)
	}
}

// animating tells whether the view moves on by itself: Update must call
// advance each frame.
func (s *State) Animating() bool { return s.anim.running() }

// tick moves the running animations on to the time now. Update calls it
// every frame while animating.
func (s *State) Tick(now time.Time) {
	dt := 1000.0 / 60 // the first frame of an animation
	if !s.anim.clock.IsZero() {
		dt = float64(now.Sub(s.anim.clock)) / float64(time.Millisecond)
	}
	s.anim.clock = now
	s.advance(dt)
	if !s.Animating() {
		s.anim.clock = time.Time{}
	}
}

// advance moves the running animations on by dt milliseconds.
func (s *State) advance(dt float64) {
	dt = math.Max(0, math.Min(dt, maxStep))
	a := &s.anim
	if a.flying() {
		a.flown += dt
		elapsed := time.Duration(a.flown * float64(time.Millisecond))
		v, f := s.view, a.flight.At(elapsed) // exactly the initial view at the end
		v.Center, v.Zoom = f.Center, f.Zoom  // (keeping the size, which may have changed)
		s.set(v)
		if elapsed >= a.flight.Duration {
			a.flight.Duration = 0
		}
	}
	if a.zoom.running() {
		s.zoom(a.zoom.step(dt)-s.view.Zoom, a.zoomAt)
	}
	if a.panX.running() || a.panY.running() {
		p := orb.Point{a.panX.step(dt), a.panY.step(dt)}
		s.pan(p.X()-a.panned.X(), p.Y()-a.panned.Y())
		a.panned = p
	}
	if a.glide.running() {
		if d := a.glide.step(dt); !s.pan(d.X(), d.Y()) {
			a.glide.stop() // against the edge of the bound
		}
	}
}

// SetMoment sets the moment of the story shown, between events: where the
// tracks have come to (the slider sets it; zero for the start of the
// current event).
func (s *State) SetMoment(t time.Time) {
	if !t.Equal(s.at) {
		s.at = t
		s.dirty = true
	}
}

// setEvent makes event i current (clamped to the story's events).
func (s *State) SetEvent(i int) {
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
func (s *State) Frame() (sc *geo.Scene, ok bool) {
	if !s.dirty || s.view.Width <= 0 || s.view.Height <= 0 {
		return s.scene, false
	}
	s.scene = s.m.RenderAt(s.view, s.cur, s.at)
	s.dirty = false
	return s.scene, true
}

// What the page reads of the state.

// Map is the map shown (its story, basemap, theme, mode and language).
func (s *State) Map() *geo.Map { return s.m }

// View is the view shown.
func (s *State) View() geo.View { return s.view }

// Current is the current event, -1 for none.
func (s *State) Current() int { return s.cur }

// Scene is the last scene Frame computed (nil before the first).
func (s *State) Scene() *geo.Scene { return s.scene }

// Dirty tells whether the scene must be computed and drawn again.
func (s *State) Dirty() bool { return s.dirty }

// TakeEventChange reports whether the current event, the player or the
// camera's following changed since the last call (the page then shows
// them again).
func (s *State) TakeEventChange() bool {
	c := s.eventDirty
	s.eventDirty = false
	return c
}

// Playing tells whether the player plays, and when it steps next.
func (s *State) Playing() (on bool, due time.Time) { return s.story.playing, s.story.due }

// Following tells whether the camera follows the story's events.
func (s *State) Following() bool { return s.story.follow }

// Follow sets whether the camera follows the story's events (at the start:
// not when the URL holds a view a reader moved to).
func (s *State) Follow(on bool) { s.story.follow = on }
