package main

import (
	"image"
	"image/color"

	"mapline/geo"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// game translates the state's display list into Ebitengine drawing calls.
// State changes in Update; pixels only in Draw, and only when the scene changed.
type game struct {
	st    *state
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
	path     vector.Path
	lastSize image.Point
}

func newGame(st *state, p *page) *game {
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
	g.page.apply(g.st)
	g.page.applyTheme(g.st)
	if g.st.eventDirty {
		g.st.eventDirty = false
		g.page.showEvent(g.st.m.Story, g.st.cur)
	}
	sc, changed := g.st.frame()
	if changed {
		g.scene = sc
		g.page.placeLabels(sc)
		g.page.setView(g.st.view)
	}
	g.popup.update(g.st, sc, changed)
	// Tell the page once a frame with the story has been drawn (the frame
	// after it, so the pixels are on screen).
	if g.drawn && !g.ready {
		g.ready = true
		g.page.setReady()
	}
	return nil
}

func (g *game) Draw(screen *ebiten.Image) {
	if screen.Bounds().Size() != g.lastSize {
		// A new screen image is blank: draw the last scene again.
		g.lastSize = screen.Bounds().Size()
		if g.scene == nil {
			g.scene = g.st.scene
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
	for _, m := range sc.Markers {
		g.marker(screen, m)
	}
	if g.st.m.Story != nil {
		g.drawn = true
	}
}

// LayoutF draws at device resolution: the screen is the CSS size times the
// device pixel ratio, so lines stay crisp on high-density screens.
func (g *game) LayoutF(w, h float64) (float64, float64) {
	r := ebiten.Monitor().DeviceScaleFactor()
	g.st.resize(w, h, r)
	return w * r, h * r
}

func (g *game) Layout(w, h int) (int, int) { panic("LayoutF is used") }

// maxVertices keeps every DrawTriangles call within 16-bit indices.
const maxVertices = 1<<16 - 1

func (g *game) fill(dst *ebiten.Image, f geo.Fill) {
	g.path = vector.Path{}
	n := 0
	for _, poly := range f.Polygons {
		pn := 0
		for _, r := range poly {
			pn += len(r)
		}
		if n > 0 && n+pn > maxVertices {
			g.flushFill(dst, f.Color)
			n = 0
		}
		if pn > maxVertices {
			continue // a single polygon too large to draw in one call
		}
		for _, r := range poly {
			for i, p := range r {
				x, y := float32(p[0]*g.ratio), float32(p[1]*g.ratio)
				if i == 0 {
					g.path.MoveTo(x, y)
				} else {
					g.path.LineTo(x, y)
				}
			}
			g.path.Close()
		}
		n += pn
	}
	g.flushFill(dst, f.Color)
}

func (g *game) flushFill(dst *ebiten.Image, c color.NRGBA) {
	g.vs, g.is = g.path.AppendVerticesAndIndicesForFilling(g.vs[:0], g.is[:0])
	g.path = vector.Path{}
	g.draw(dst, c, ebiten.FillRuleEvenOdd)
}

func (g *game) stroke(dst *ebiten.Image, l geo.Line) {
	op := &vector.StrokeOptions{Width: float32(l.Width * g.ratio), LineJoin: vector.LineJoinRound}
	g.vs, g.is = g.vs[:0], g.is[:0]
	for _, ls := range l.Lines {
		if len(ls) < 2 {
			continue
		}
		if len(g.vs)+len(ls)*4 > maxVertices {
			g.draw(dst, l.Color, ebiten.FillRuleFillAll)
			g.vs, g.is = g.vs[:0], g.is[:0]
		}
		g.path = vector.Path{}
		for i, p := range ls {
			x, y := float32(p[0]*g.ratio), float32(p[1]*g.ratio)
			if i == 0 {
				g.path.MoveTo(x, y)
			} else {
				g.path.LineTo(x, y)
			}
		}
		g.vs, g.is = g.path.AppendVerticesAndIndicesForStroke(g.vs, g.is, op)
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
	op := &ebiten.DrawTrianglesOptions{FillRule: rule, AntiAlias: true}
	dst.DrawTriangles(g.vs, g.is, g.white, op)
}

func (g *game) marker(dst *ebiten.Image, m geo.Marker) {
	x, y, r := float32(m.X*g.ratio), float32(m.Y*g.ratio), float32(m.R*g.ratio)
	k := float32(g.ratio)
	if m.Halo.A > 0 {
		vector.DrawFilledCircle(dst, x, y, r+6*k, m.Halo, true)
	}
	vector.DrawFilledCircle(dst, x, y, r+1.5*k, m.Stroke, true)
	vector.DrawFilledCircle(dst, x, y, r, m.Fill, true)
}
