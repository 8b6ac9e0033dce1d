package main

import (
	"image"
	"image/color"
	"time"

	"mapline/geo"
	"mapline/wasm/draw"
	"mapline/wasm/mapui"

	"github.com/hajimehoshi/ebiten/v2"
)

// game hands the state's display list to Ebitengine: the painter
// (wasm/draw) turns it into vertices, Draw into drawing calls. State changes
// in Update; pixels only in Draw, and only when the scene changed.
type game struct {
	st    *mapui.State
	page  *page
	popup *popup

	scene   *geo.Scene // to draw at the next Draw; nil when the screen is up to date
	drawn   bool       // a frame with the story has been drawn
	drawnAt time.Time  // when Update first saw drawn
	heldAt  time.Time  // when the first frame with the story began to wait for the tiles (hold)
	ready   bool       // the page has been told
	labeled bool       // the story's labels have been placed
	// labelsHeld: labels were not placed while the first frame waited
	// for the tiles; the next frame that may places them.
	labelsHeld bool
	setup      bool    // the canvas has its attributes
	ratio      float64 // device pixels per CSS pixel
	white      *ebiten.Image
	painter    draw.Painter // the scene's vertices, reused
	screen     screen
	lastSize   image.Point

	// While the view moves (a drag or a touch on the map, a wheel zoom,
	// inertia, a flight) frames are cheaper: drawn without anti-aliasing,
	// the labels already shown only kept (or dropped) rather than placed
	// anew, the URL left alone. The frame in which the motion ends draws,
	// places and writes them in full.
	moving   bool // the view is in motion (page.apply)
	settling bool // the motion ended in this frame
	aa       bool // the scene to draw is drawn anti-aliased

	// The URL's hash is written out of the frames, when the browser is
	// idle: history.replaceState takes milliseconds (10–20 on a busy
	// machine), too many for a frame.
	hashTask idleTask

	// The basemap's polygons are cut into triangles when the browser is
	// idle (geo.Map.Prepare), a piece at a time.
	prepTask idleTask
	prepared *geo.Map

	wakes []time.Time // the times schedule asks frames for, reused

	comp    mapui.Compositor // whether a pan or zoom moves the frame on screen instead…
	carried bool             // …as it did in this frame: the scene waits for the gesture to rest
	updated bool             // light ran this frame's Update
}

// readyWait is how long the page waits, after the first frame with the
// story, for the view's tiles before it calls the map ready anyway.
const readyWait = 3 * time.Second

// prepareWork is how many points of the basemap one idle callback cuts
// into triangles (about 10 ms of wasm).
const prepareWork = 4000

func newGame(st *mapui.State, p *page) *game {
	img := ebiten.NewImage(3, 3)
	img.Fill(color.White)
	pp := newPopup(p)
	pp.listen()
	return &game{st: st, page: p, popup: pp, white: img.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image), ratio: 1}
}

// light runs a frame without Ebitengine (frameGate.light) while a gesture
// moves the map (mapui.Gesture: the compositor may carry it), and reports
// whether it did: false when the frame has something to draw, which
// Ebitengine's frame then draws without running Update again. Any other
// frame is Ebitengine's (it also lays the canvas out).
func (g *game) light() bool {
	held := g.page.input != nil && g.page.input.Held()
	if !g.carried && !mapui.Gesture(g.st, held) {
		return false
	}
	g.Update()
	if g.scene == nil {
		return true
	}
	g.updated = true
	return false
}

func (g *game) Update() error {
	if g.updated { // by light, in this frame
		g.updated = false
		return nil
	}
	if !g.setup {
		g.setup = true
		g.page.setupCanvas()
		mark("mapline:first-update")
	}
	now := time.Now()
	was := g.moving
	g.moving = g.page.apply(g.st, now)
	g.settling = was && !g.moving
	g.page.applyTheme(g.st)
	// A pan or zoom the frame on screen can show (mapui.Compositor) takes
	// no new tiles either: they come onto the map when it is drawn again.
	held := g.page.input != nil && g.page.input.Held()
	_, why0 := g.comp.Why(g.st, held)
	dirty0 := g.st.Dirty()
	tiles := updateTiles(g.st, g.moving, why0 == "") // tiles_js.go
	g.page.tl.apply(g.st, now)
	g.st.StoryFrame(now)
	g.page.explore.apply(g.st)
	eventChanged := g.st.TakeEventChange()
	moved := eventChanged || g.st.Dirty()
	if eventChanged {
		g.page.tl.showEvent(g.st, now)
	}
	var sc *geo.Scene
	var changed bool
	g.carried = false
	m, why := g.comp.Why(g.st, held)
	if why == "" {
		// The reader's pan or zoom moves and scales the frame on screen;
		// the map is drawn when the gesture rests (mapui.Compositor).
		// An event change that changes the map (another event, another
		// story, the player started) is a reason of Why; the rest (the
		// camera stops following, the play button) changes the controls
		// only: a drag's first move draws nothing for it.
		g.page.carry(m, g.comp.Shown(m))
		sc = g.st.Scene()
		g.carried = true
	} else if sc, changed = g.st.Frame(); changed {
		// Why the frame draws, for cmd/bench (drawReason), and whether
		// the reader still holds the map.
		why = drawReason(why0, why, dirty0, tiles)
		if !held && mapui.Gesture(g.st, false) {
			why += " (let go)"
		}
		frames.drawnFor(why)
		g.comp.Drawn(g.st)
		g.page.moveMap(mapui.Still) // the frame drawn below is in place
	}
	g.page.explore.update(sc, changed)
	if moved {
		g.page.tl.wantHash(g.st, now)
	}
	if tl := g.page.tl; !g.moving && tl.hash.Pending() {
		if g.hashTask.run == nil {
			g.hashTask.run = func() {
				tl := g.page.tl
				if tl.writeHash(time.Now()) { // too soon after the last change
					frames.wakeAt(tl.hash.DueAt())
				}
			}
		}
		frames.whenIdle(&g.hashTask)
	}
	if changed {
		g.page.tl.placePulses(sc)
		g.page.setView(g.st.View())
	}
	if changed || g.settling {
		g.scene, g.aa = sc, !g.moving
	}
	g.page.carto.keep = g.moving
	g.page.carto.lazy = g.page.tl.sliding
	// The labels of a first frame with the story that waits for the
	// view's tiles (hold) wait with it: they are placed once, on the
	// scene with the tiles (measuring them lays the page out), not on
	// the coarse tile's under the poster first.
	if g.waiting(now) {
		g.labelsHeld = true
	} else {
		g.page.placeLabels(sc, g.st.Map(), changed || g.settling || g.labelsHeld)
		g.labelsHeld = false
		if !g.labeled && sc != nil && g.st.Map().Story != nil {
			g.labeled = true
			mark("mapline:labels") // the story's labels first placed, for cmd/bench and the load's tests
		}
	}
	g.popup.update(g.st, sc, changed, now)
	// Tell the page once a frame with the story has been drawn (the frame
	// after it, so the pixels are on screen).
	// And once the view's tiles are drawn (tiles_js.go), or, should they
	// keep coming (a camera in flight), readyWait after that frame.
	if g.drawn && g.drawnAt.IsZero() {
		g.drawnAt = now
		frames.wakeAt(now.Add(readyWait))
	}
	// The wait counts from the first frame with the story held for the
	// tiles, if it was (hold): it waited for them already.
	since := g.drawnAt
	if !g.heldAt.IsZero() {
		since = g.heldAt
	}
	if g.drawn && !g.ready && (tilesDrawn() || now.Sub(since) >= readyWait) {
		g.ready = true
		g.page.setReady()
		mark("mapline:ready")
		frames.cancelWake(g.drawnAt.Add(readyWait)) // the tiles came first: no frame at the deadline
		if !g.heldAt.IsZero() {
			frames.cancelWake(g.heldAt.Add(readyWait)) // nor at hold's
		}
	}
	if g.ready && g.prepared != g.st.Map() {
		g.prepare()
	}
	g.schedule()
	return nil
}

// prepare cuts the basemap into triangles in idle callbacks, until done.
func (g *game) prepare() {
	if g.prepTask.run == nil {
		g.prepTask.run = func() {
			m := g.st.Map()
			if m.Prepare(prepareWork) {
				g.prepared = m
				return
			}
			frames.whenIdle(&g.prepTask)
		}
	}
	frames.whenIdle(&g.prepTask)
}

// schedule asks for the frames the map needs (frameNeeds.next, the gate in
// frames_js.go).
func (g *game) schedule() {
	st, tl := g.st, g.page.tl
	playing, step := st.Playing()
	// A view the compositor carries waits for the gesture's next event
	// (each wakes the loop) or its end, not for the next frame.
	now, at := frameNeeds{changing: st.Dirty() && !g.carried || st.Animating(), unannounced: g.drawn && !g.ready,
		playing: playing, step: step, hash: tl.hash.Pending(), hashDue: tl.hash.DueAt(),
		hashQueued: g.hashTask.pending, moving: g.moving}.next(g.wakes[:0])
	if now {
		frames.wake()
	}
	for _, t := range at {
		frames.wakeAt(t)
	}
	g.wakes = at
}

func (g *game) Draw(screen *ebiten.Image) {
	if screen.Bounds().Size() != g.lastSize {
		// A new screen image is blank: draw the last scene again.
		g.lastSize = screen.Bounds().Size()
		if g.scene == nil {
			g.scene, g.aa = g.st.Scene(), !g.moving
		}
	}
	sc := g.scene
	if sc == nil || g.hold() {
		return
	}
	g.scene = nil
	g.ratio = float64(screen.Bounds().Dx()) / sc.Width
	g.screen.img, g.screen.white, g.screen.op.AntiAlias = screen, g.white, g.aa
	g.painter.Paint(&g.screen, sc, g.ratio)
	frames.drew()
	if g.st.Map().Story != nil && !g.drawn {
		g.drawn = true
		mark("mapline:story-drawn")
	}
}

// hold reports whether the first frame with the story waits for the view's
// tiles (tilesLoaded), or readyWait after the story came, whichever is
// first. Until the page is told (data-drawn), frame.js keeps the poster
// over the map, or, without one, the progress bar: a frame of the story
// on the coarse zoom 0 tile would be drawn again with the tiles a moment
// later, yet costs the GPU (SwiftShader: the CPU) as much as any, and
// holds the main thread while the tiles' responses wait for it. The scene
// waits in g.scene, newer ones replacing it.
func (g *game) hold() bool {
	if !g.tilesAwaited() {
		return false
	}
	now := time.Now()
	if g.heldAt.IsZero() {
		g.heldAt = now
		frames.wakeAt(now.Add(readyWait)) // the tiles' arrival wakes it sooner
	}
	return g.waiting(now)
}

// waiting reports whether at now the first frame with the story waits for
// the view's tiles (hold), readyWait at most from when it began to.
func (g *game) waiting(now time.Time) bool {
	return g.tilesAwaited() && (g.heldAt.IsZero() || now.Sub(g.heldAt) < readyWait)
}

// tilesAwaited reports whether the first frame with the story is still to
// be drawn and the view's tiles are not all there (hold waits for them,
// readyWait at most).
func (g *game) tilesAwaited() bool {
	return !g.drawn && g.st.Map().Story != nil && !tilesLoaded()
}

// LayoutF draws at device resolution: the screen is the CSS size times the
// device pixel ratio, so lines stay crisp on high-density screens.
func (g *game) LayoutF(w, h float64) (float64, float64) {
	r := ebiten.Monitor().DeviceScaleFactor()
	g.st.Resize(w, h, r)
	return w * r, h * r
}

func (g *game) Layout(w, h int) (int, int) { panic("LayoutF is used") }

// screen is Ebitengine's screen as the painter's target (wasm/draw).
type screen struct {
	img, white *ebiten.Image
	op         ebiten.DrawTrianglesOptions
}

func (s *screen) Fill(c color.NRGBA) { s.img.Fill(c) }

func (s *screen) DrawTriangles(vs []draw.Vertex, is []uint16, rule draw.FillRule) {
	s.op.FillRule = rule
	s.img.DrawTriangles(vs, is, s.white, &s.op)
}
