package main

import (
	"image"
	"image/color"
	"math"
	"time"

	"mapline/geo"
	"mapline/wasm/mapui"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/paulmach/orb"
)

// game translates the state's display list into Ebitengine drawing calls.
// State changes in Update; pixels only in Draw, and only when the scene changed.
type game struct {
	st    *mapui.State
	page  *page
	popup *popup

	scene    *geo.Scene // to draw at the next Draw; nil when the screen is up to date
	drawn    bool       // a frame with the story has been drawn
	ready    bool       // the page has been told
	setup    bool       // the canvas has its attributes
	ratio    float64    // device pixels per CSS pixel
	white    *ebiten.Image
	vs       []ebiten.Vertex
	is       []uint16
	pts      []orb.Point // a shape's outline, reused
	lastSize image.Point

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
}

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

func (g *game) Update() error {
	if !g.setup {
		g.setup = true
		g.page.setupCanvas()
	}
	now := time.Now()
	was := g.moving
	g.moving = g.page.apply(g.st, now)
	g.settling = was && !g.moving
	g.page.applyTheme(g.st)
	g.page.tl.apply(g.st, now)
	g.st.StoryFrame(now)
	eventChanged := g.st.TakeEventChange()
	moved := eventChanged || g.st.Dirty()
	if eventChanged {
		g.page.tl.showEvent(g.st)
	}
	sc, changed := g.st.Frame()
	if moved {
		g.page.tl.wantHash(g.st)
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
	g.page.placeLabels(sc, g.st.Map(), changed || g.settling)
	g.popup.update(g.st, sc, changed)
	// Tell the page once a frame with the story has been drawn (the frame
	// after it, so the pixels are on screen).
	if g.drawn && !g.ready {
		g.ready = true
		g.page.setReady()
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

// schedule asks for the frames the map needs (see frames_js.go): the next
// one while anything moves or waits to be drawn, and one when something is
// due later. When nothing is asked for, the loop stops until an event.
func (g *game) schedule() {
	st, tl := g.st, g.page.tl
	if st.Dirty() || st.Animating() || g.drawn && !g.ready {
		frames.wake()
		return
	}
	if playing, due := st.Playing(); playing {
		frames.wakeAt(due)
	}
	if tl.hash.Pending() && !g.moving && !g.hashTask.pending {
		frames.wakeAt(tl.hash.DueAt())
	}
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
	if sc == nil {
		return
	}
	g.scene = nil
	g.ratio = float64(screen.Bounds().Dx()) / sc.Width
	screen.Fill(sc.Background)
	for _, f := range sc.Fills {
		g.fill(screen, f)
	}
	for _, l := range sc.Lines {
		g.stroke(screen, l)
	}
	g.markers(screen, sc)
	frames.drew()
	if g.st.Map().Story != nil {
		g.drawn = true
	}
}

// LayoutF draws at device resolution: the screen is the CSS size times the
// device pixel ratio, so lines stay crisp on high-density screens.
func (g *game) LayoutF(w, h float64) (float64, float64) {
	r := ebiten.Monitor().DeviceScaleFactor()
	g.st.Resize(w, h, r)
	return w * r, h * r
}

func (g *game) Layout(w, h int) (int, int) { panic("LayoutF is used") }

// maxVertices keeps every DrawTriangles call within 16-bit indices.
const maxVertices = 1<<16 - 1

// fill draws polygons in one colour. A polygon cut into triangles
// (geo.Map.Prepare) is drawn as they are; the others as a triangle fan per
// ring from its first point, where the even-odd rule (a stencil) keeps the
// inside of the outer ring and out of the holes. Fans overlap wherever a
// ring is concave, and the stencil draws everything twice: on a CPU
// renderer (SwiftShader) that costs several times the pixels of the
// triangles. All polygons of each kind go in one DrawTriangles call (more
// only past 65,535 vertices); the slices are reused.
func (g *game) fill(dst *ebiten.Image, f geo.Fill) {
	k := g.ratio
	// The polygons cut into triangles.
	g.vs, g.is = g.vs[:0], g.is[:0]
	for i, poly := range f.Polygons {
		if i >= len(f.Triangles) || f.Triangles[i] == nil || len(poly) == 0 {
			continue
		}
		r := poly[0]
		if len(r) > maxVertices {
			continue
		}
		if len(g.vs)+len(r) > maxVertices {
			g.draw(dst, f.Color, ebiten.FillRuleFillAll)
			g.vs, g.is = g.vs[:0], g.is[:0]
		}
		base := uint16(len(g.vs))
		for _, p := range r {
			g.vs = append(g.vs, ebiten.Vertex{DstX: float32(p[0] * k), DstY: float32(p[1] * k)})
		}
		for _, t := range f.Triangles[i] {
			g.is = append(g.is, base+t)
		}
	}
	g.draw(dst, f.Color, ebiten.FillRuleFillAll)
	// The others, under the even-odd rule.
	g.vs, g.is = g.vs[:0], g.is[:0]
	for i, poly := range f.Polygons {
		if i < len(f.Triangles) && f.Triangles[i] != nil {
			continue
		}
		n := 0
		for _, r := range poly {
			n += len(r)
		}
		if n > maxVertices {
			continue // a single polygon too large to draw in one call
		}
		if len(g.vs)+n > maxVertices {
			g.draw(dst, f.Color, ebiten.FillRuleEvenOdd)
			g.vs, g.is = g.vs[:0], g.is[:0]
		}
		for _, r := range poly {
			if len(r) < 3 {
				continue
			}
			base := uint16(len(g.vs))
			for i, p := range r {
				g.vs = append(g.vs, ebiten.Vertex{DstX: float32(p[0] * k), DstY: float32(p[1] * k)})
				if i >= 2 {
					g.is = append(g.is, base, base+uint16(i-1), base+uint16(i))
				}
			}
		}
	}
	g.draw(dst, f.Color, ebiten.FillRuleEvenOdd)
}

// stroke draws polylines in one colour and width: a quad per segment,
// lengthened by half the width at both ends so the joins have no gaps (the
// lines are thin: mitres would not show). One DrawTriangles call per 16,000
// segments.
func (g *game) stroke(dst *ebiten.Image, l geo.Line) {
	g.vs, g.is = g.vs[:0], g.is[:0]
	k := g.ratio
	hw := l.Width * k / 2
	for _, ls := range l.Lines {
		for i := 0; i+1 < len(ls); i++ {
			ax, ay := ls[i][0]*k, ls[i][1]*k
			bx, by := ls[i+1][0]*k, ls[i+1][1]*k
			dx, dy := bx-ax, by-ay
			d := math.Hypot(dx, dy)
			if d == 0 {
				continue
			}
			ux, uy := dx/d*hw, dy/d*hw // along, half the width long
			if len(g.vs)+4 > maxVertices {
				g.draw(dst, l.Color, ebiten.FillRuleFillAll)
				g.vs, g.is = g.vs[:0], g.is[:0]
			}
			base := uint16(len(g.vs))
			g.vs = append(g.vs,
				ebiten.Vertex{DstX: float32(ax - ux - uy), DstY: float32(ay - uy + ux)},
				ebiten.Vertex{DstX: float32(ax - ux + uy), DstY: float32(ay - uy - ux)},
				ebiten.Vertex{DstX: float32(bx + ux - uy), DstY: float32(by + uy + ux)},
				ebiten.Vertex{DstX: float32(bx + ux + uy), DstY: float32(by + uy - ux)},
			)
			g.is = append(g.is, base, base+1, base+2, base+1, base+2, base+3)
		}
	}
	g.draw(dst, l.Color, ebiten.FillRuleFillAll)
}

// draw draws g.vs/g.is in one colour.
func (g *game) draw(dst *ebiten.Image, c color.NRGBA, rule ebiten.FillRule) {
	if len(g.is) == 0 {
		return
	}
	r, gg, b, a := float32(c.R)/255, float32(c.G)/255, float32(c.B)/255, float32(c.A)/255
	for i := range g.vs {
		g.vs[i].SrcX, g.vs[i].SrcY = 1, 1
		g.vs[i].ColorR, g.vs[i].ColorG, g.vs[i].ColorB, g.vs[i].ColorA = r, gg, b, a
	}
	op := &ebiten.DrawTrianglesOptions{FillRule: rule, AntiAlias: g.aa}
	dst.DrawTriangles(g.vs, g.is, g.white, op)
}

// markers draws the dots of the reference cities whose names show, then
// every marker: its halo, outline ring, shape and dot, in the order of the
// display list. Each vertex carries its colour, so all of them go in one
// DrawTriangles call (more only past 65,535 vertices): a fan from the centre
// per shape, later triangles over earlier ones.
func (g *game) markers(dst *ebiten.Image, sc *geo.Scene) {
	g.vs, g.is = g.vs[:0], g.is[:0]
	for i := range sc.Dots {
		d := &sc.Dots[i]
		if !sc.DotShown(d) {
			continue
		}
		g.shape(dst, geo.Circle, d.X, d.Y, d.R, geo.OutlineWidth, d.Stroke)
		g.shape(dst, geo.Circle, d.X, d.Y, d.R, 0, d.Fill)
	}
	for i := range sc.Markers {
		m := &sc.Markers[i]
		if m.Halo.A > 0 {
			g.shape(dst, geo.Circle, m.X, m.Y, m.HaloR, 0, m.Halo)
		}
		g.shape(dst, m.Shape, m.X, m.Y, m.R, geo.OutlineWidth, m.Stroke)
		g.shape(dst, m.Shape, m.X, m.Y, m.R, 0, m.Fill)
		if r := m.Shape.Dot(m.R); r > 0 {
			g.shape(dst, geo.Circle, m.X, m.Y, r, 0, m.Stroke)
		}
	}
	g.flushColored(dst)
}

// shape adds shape s (radius r grown by grow, CSS px, centred at x, y) in
// colour c to the coloured batch.
func (g *game) shape(dst *ebiten.Image, s geo.Shape, x, y, r, grow float64, c color.NRGBA) {
	k := g.ratio
	g.pts = s.Append(g.pts[:0], x*k, y*k, r*k, grow*k)
	if len(g.vs)+len(g.pts)+1 > maxVertices {
		g.flushColored(dst)
	}
	cr, cg, cb, ca := float32(c.R)/255, float32(c.G)/255, float32(c.B)/255, float32(c.A)/255
	v := ebiten.Vertex{SrcX: 1, SrcY: 1, ColorR: cr, ColorG: cg, ColorB: cb, ColorA: ca}
	base := uint16(len(g.vs))
	v.DstX, v.DstY = float32(x*k), float32(y*k)
	g.vs = append(g.vs, v)
	n := uint16(len(g.pts))
	for i, p := range g.pts {
		v.DstX, v.DstY = float32(p[0]), float32(p[1])
		g.vs = append(g.vs, v)
		j := uint16(i)
		g.is = append(g.is, base, base+1+j, base+1+(j+1)%n)
	}
}

// flushColored draws the coloured batch.
func (g *game) flushColored(dst *ebiten.Image) {
	if len(g.is) > 0 {
		op := &ebiten.DrawTrianglesOptions{FillRule: ebiten.FillRuleFillAll, AntiAlias: g.aa}
		dst.DrawTriangles(g.vs, g.is, g.white, op)
	}
	g.vs, g.is = g.vs[:0], g.is[:0]
}
