// Package draw is the wasm map's renderer: it replays a scene's paint
// operations (geo.Scene.Paint) as Ebitengine DrawTriangles calls, as
// geo/svg and geo/raster replay them as SVG and pixels. It builds the
// vertices and indices; the browser side (wasm/game_js.go) only hands them
// to Ebitengine. Labels are not drawn here: the page lays them out as text.
package draw

import (
	"image/color"

	"github.com/paulmach/orb"

	"mapline/geo"
)

// Target is where a scene is drawn: Ebitengine's screen in the browser.
type Target interface {
	// Fill paints the whole target in c.
	Fill(c color.NRGBA)
	// DrawTriangles draws the triangles of is (indices into vs) in their
	// vertices' colours, sampling the target's white pixel at (1, 1).
	DrawTriangles(vs []Vertex, is []uint16, rule FillRule)
}

// MaxVertices keeps every DrawTriangles call within 16-bit indices.
const MaxVertices = 1<<16 - 1

// Painter turns scenes into DrawTriangles calls. It reuses its buffers:
// once they have grown, painting allocates nothing. The vertex slices handed
// to the target are valid only during the call. A Painter is not safe for
// concurrent use.
type Painter struct {
	ops []geo.Op
	vs  []Vertex
	is  []uint16
	pts []orb.Point // a shape's outline
}

// Paint draws scene sc on t at ratio device pixels per CSS pixel: the
// background, each fill (its polygons cut into triangles in one call, the
// others under the even-odd rule in another), each line (a quad per segment,
// geo.StrokeQuad), then the parts of the dots and markers, each vertex in its
// own colour, in one call: a fan from the centre per shape, later triangles
// over earlier ones. A call holds at most MaxVertices vertices; a single
// polygon larger than that is left out.
func (p *Painter) Paint(t Target, sc *geo.Scene, ratio float64) {
	p.ops = sc.Paint(p.ops[:0])
	p.vs, p.is = p.vs[:0], p.is[:0]
	for _, op := range p.ops {
		if op.Kind != geo.OpDot && op.Kind != geo.OpMarker {
			p.flush(t, FillAll) // the shapes so far
		}
		switch op.Kind {
		case geo.OpBackground:
			t.Fill(op.Color)
		case geo.OpFill:
			p.fill(t, &sc.Fills[op.Item], ratio)
		case geo.OpLine:
			p.line(t, &sc.Lines[op.Item], ratio)
		case geo.OpDot, geo.OpMarker:
			p.shape(t, op, ratio)
		}
	}
	p.flush(t, FillAll)
}

// flush draws the vertices gathered so far, if any, and empties the buffers.
func (p *Painter) flush(t Target, rule FillRule) {
	if len(p.is) > 0 {
		t.DrawTriangles(p.vs, p.is, rule)
	}
	p.vs, p.is = p.vs[:0], p.is[:0]
}

// vertex is a vertex at x, y (device px) in colour c.
func vertex(x, y float64, c color.NRGBA) Vertex {
	return Vertex{DstX: float32(x), DstY: float32(y), SrcX: 1, SrcY: 1,
		ColorR: float32(c.R) / 255, ColorG: float32(c.G) / 255, ColorB: float32(c.B) / 255, ColorA: float32(c.A) / 255}
}

// fill draws polygons in one colour. A polygon cut into triangles
// (geo.Map.Prepare) is drawn as they are; the others as a triangle fan per
// ring from its first point, where the even-odd rule (a stencil) keeps the
// inside of the outer ring and out of the holes. Fans overlap wherever a
// ring is concave, and the stencil draws everything twice: on a CPU
// renderer (SwiftShader) that costs several times the pixels of the
// triangles. All polygons of each kind go in one call (more only past
// MaxVertices).
func (p *Painter) fill(t Target, f *geo.Fill, k float64) {
	// The polygons cut into triangles.
	for i, poly := range f.Polygons {
		if i >= len(f.Triangles) || f.Triangles[i] == nil || len(poly) == 0 {
			continue
		}
		r := poly[0]
		if len(r) > MaxVertices {
			continue
		}
		if len(p.vs)+len(r) > MaxVertices {
			p.flush(t, FillAll)
		}
		base := uint16(len(p.vs))
		for _, q := range r {
			p.vs = append(p.vs, vertex(q[0]*k, q[1]*k, f.Color))
		}
		for _, j := range f.Triangles[i] {
			p.is = append(p.is, base+j)
		}
	}
	p.flush(t, FillAll)
	// The others, under the even-odd rule.
	for i, poly := range f.Polygons {
		if i < len(f.Triangles) && f.Triangles[i] != nil {
			continue
		}
		n := 0
		for _, r := range poly {
			n += len(r)
		}
		if n > MaxVertices {
			continue // a single polygon too large to draw in one call
		}
		if len(p.vs)+n > MaxVertices {
			p.flush(t, EvenOdd)
		}
		for _, r := range poly {
			if len(r) < 3 {
				continue
			}
			base := uint16(len(p.vs))
			for j, q := range r {
				p.vs = append(p.vs, vertex(q[0]*k, q[1]*k, f.Color))
				if j >= 2 {
					p.is = append(p.is, base, base+uint16(j-1), base+uint16(j))
				}
			}
		}
	}
	p.flush(t, EvenOdd)
}

// line draws polylines in one colour and width: a quad per segment
// (geo.StrokeQuad), as two triangles.
func (p *Painter) line(t Target, l *geo.Line, k float64) {
	for _, ls := range l.Lines {
		for i := 0; i+1 < len(ls); i++ {
			q, ok := geo.StrokeQuad(orb.Point{ls[i][0] * k, ls[i][1] * k}, orb.Point{ls[i+1][0] * k, ls[i+1][1] * k}, l.Width*k)
			if !ok {
				continue
			}
			if len(p.vs)+4 > MaxVertices {
				p.flush(t, FillAll)
			}
			base := uint16(len(p.vs))
			// The start's two corners, then the end's: triangles 0 1 2 and 1 2 3.
			for _, j := range [4]int{0, 3, 1, 2} {
				p.vs = append(p.vs, vertex(q[j][0], q[j][1], l.Color))
			}
			p.is = append(p.is, base, base+1, base+2, base+1, base+2, base+3)
		}
	}
	p.flush(t, FillAll)
}

// shape adds a part of a dot or marker to the batch: a fan from its centre
// (the shapes are star-shaped about it, geo.Shape.Append) in its colour.
func (p *Painter) shape(t Target, op geo.Op, k float64) {
	p.pts = op.Shape.Append(p.pts[:0], op.X*k, op.Y*k, op.R*k, op.Grow*k)
	if len(p.vs)+len(p.pts)+1 > MaxVertices {
		p.flush(t, FillAll)
	}
	base := uint16(len(p.vs))
	p.vs = append(p.vs, vertex(op.X*k, op.Y*k, op.Color))
	n := uint16(len(p.pts))
	for i, q := range p.pts {
		p.vs = append(p.vs, vertex(q[0], q[1], op.Color))
		j := uint16(i)
		p.is = append(p.is, base, base+1+j, base+1+(j+1)%n)
	}
}
