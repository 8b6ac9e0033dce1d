// Package raster draws a scene (geo.Scene) as pixels, on the host, with
// golang.org/x/image (never in the wasm, never in geo): the PNG poster for
// social cards, og:image, print and <noscript>. It replays the scene's paint
// operations (geo.Scene.Paint), as the SVG writer and the wasm map do.
// Labels are set in the Go fonts, whose advances geo's text estimate
// includes (see TestGenerateTextWidths in cmd/mapline), so a label never
// outgrows the box it was placed in.
package raster

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/paulmach/orb"

	"mapline/geo"
)

// WritePNG draws scene sc, whose labels are placed, at scale device pixels
// per CSS pixel, and encodes it as PNG.
func WritePNG(w io.Writer, sc *geo.Scene, scale float64) error {
	img, err := Draw(sc, scale)
	if err != nil {
		return err
	}
	return (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(w, img)
}

// MaxPixels bounds the size of a picture (a 4K frame at most).
const MaxPixels = 3840 * 2160

// Draw draws the scene at scale device pixels per CSS pixel: its paint
// operations in order, fills under the even-odd rule, lines as the wasm
// strokes them (geo.StrokeQuad), the parts of dots and markers as their
// shapes (geo.Shape.Append), the placed labels over their halo. It returns
// an error for a scale that is not a positive number, or a picture of no
// pixels or more than MaxPixels.
func Draw(sc *geo.Scene, scale float64) (*image.RGBA, error) {
	if !(scale > 0) || math.IsInf(scale, 0) {
		return nil, fmt.Errorf("raster: scale %g must be a positive number", scale)
	}
	w, h := int(math.Round(sc.Width*scale)), int(math.Round(sc.Height*scale))
	if w <= 0 || h <= 0 || float64(w)*float64(h) > MaxPixels {
		return nil, fmt.Errorf("raster: a picture of %d×%d px is out of range (at most %d pixels)", w, h, MaxPixels)
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := &raster{img: img, z: vector.NewRasterizer(w, h), k: scale}
	for _, op := range sc.Paint(nil) {
		switch op.Kind {
		case geo.OpBackground:
			r.fillRect(op.Color)
		case geo.OpFill:
			r.z.Reset(w, h)
			for _, poly := range sc.Fills[op.Item].Polygons {
				for i, ring := range poly {
					// Holes wind against their outer ring, so the rasteriser's
					// accumulated coverage is the even-odd fill.
					r.ring(ring, i > 0 && len(poly[0]) > 2 && sign(ring) == sign(poly[0]))
				}
			}
			r.draw(op.Color)
		case geo.OpLine:
			l := &sc.Lines[op.Item]
			r.z.Reset(w, h)
			for _, ls := range l.Lines {
				r.polyline(ls, l.Width)
			}
			r.draw(op.Color)
		case geo.OpDot, geo.OpMarker:
			r.shape(op.Shape, op.X, op.Y, op.R, op.Grow, op.Color)
		case geo.OpLabel:
			if err := r.label(&sc.Labels[op.Item], geo.LabelInk{Fill: op.Color, Halo: op.Halo}); err != nil {
				return nil, err
			}
		}
	}
	return img, nil
}

type raster struct {
	img *image.RGBA
	z   *vector.Rasterizer
	zs  *vector.Rasterizer // a shape's, the size of its box (shape)
	k   float64            // device px per CSS px
	pts []orb.Point
}

func (r *raster) fillRect(c color.NRGBA) {
	b := r.img.Bounds()
	r.z.Reset(b.Dx(), b.Dy())
	r.z.MoveTo(0, 0)
	r.z.LineTo(float32(b.Dx()), 0)
	r.z.LineTo(float32(b.Dx()), float32(b.Dy()))
	r.z.LineTo(0, float32(b.Dy()))
	r.z.ClosePath()
	r.draw(c)
}

func (r *raster) draw(c color.NRGBA) {
	r.z.Draw(r.img, r.img.Bounds(), image.NewUniform(c), image.Point{})
}

// ok reports whether a point can be drawn: NaN or huge coordinates (a broken
// scene) are left out.
func ok(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && math.Abs(p[0]) < 1e6 && math.Abs(p[1]) < 1e6
}

// ring adds a closed ring to the path, backwards when reverse.
func (r *raster) ring(ring orb.Ring, reverse bool) {
	n := len(ring)
	if n < 3 {
		return
	}
	first := true
	for j := 0; j < n; j++ {
		p := ring[j]
		if reverse {
			p = ring[n-1-j]
		}
		if !ok(p) {
			continue
		}
		x, y := float32(p[0]*r.k), float32(p[1]*r.k)
		if first {
			r.z.MoveTo(x, y)
			first = false
		} else {
			r.z.LineTo(x, y)
		}
	}
	if !first {
		r.z.ClosePath()
	}
}

// sign is the sign of a ring's area (its winding).
func sign(ring orb.Ring) bool {
	a := 0.0
	for i := range ring {
		p, q := ring[i], ring[(i+1)%len(ring)]
		a += p[0]*q[1] - q[0]*p[1]
	}
	return a > 0
}

// polyline adds a stroke of width w (CSS px) along ls: a quad per segment
// (geo.StrokeQuad), as the wasm draws lines. All quads wind the same way, so
// where they overlap the coverage is still one.
func (r *raster) polyline(ls orb.LineString, w float64) {
	for i := 0; i+1 < len(ls); i++ {
		a, b := ls[i], ls[i+1]
		if !ok(a) || !ok(b) {
			continue
		}
		q, ok := geo.StrokeQuad(orb.Point{a[0] * r.k, a[1] * r.k}, orb.Point{b[0] * r.k, b[1] * r.k}, w*r.k)
		if !ok {
			continue
		}
		r.z.MoveTo(float32(q[0][0]), float32(q[0][1]))
		for _, p := range q[1:] {
			r.z.LineTo(float32(p[0]), float32(p[1]))
		}
		r.z.ClosePath()
	}
}

// shape draws shape s of radius rad grown by grow at x, y (CSS px) in c. It
// is rasterised in its own box (r.box), so that a marker costs the pixels it
// covers, not the picture's: 7,000 markers at 2x draw in about a second,
// not in minutes (BenchmarkPNG).
func (r *raster) shape(s geo.Shape, x, y, rad, grow float64, c color.NRGBA) {
	if !ok(orb.Point{x, y}) || math.IsNaN(rad) {
		return
	}
	r.pts = s.Append(r.pts[:0], x*r.k, y*r.k, rad*r.k, grow*r.k)
	box := r.box(r.pts)
	if box.Empty() {
		return
	}
	// The rasteriser does its arithmetic in floating point when it is wider
	// or taller than floatThreshold px, else in fixed point; their
	// anti-aliasing differs by up to 16 in a channel. When the picture is
	// that wide (or tall), the shape's rasteriser is too: it reaches past
	// the box to the right (or below), where nothing is drawn, so that the
	// pixels come out as when the whole picture was rasterised for each
	// shape, within 1 in a channel (TestMarkersGolden).
	reg, b := box, r.img.Bounds()
	switch {
	case b.Dx() > floatThreshold:
		reg.Max.X = reg.Min.X + max(reg.Dx(), floatThreshold+1)
	case b.Dy() > floatThreshold:
		reg.Max.Y = reg.Min.Y + max(reg.Dy(), floatThreshold+1)
	}
	if r.zs == nil {
		r.zs = &vector.Rasterizer{}
	}
	r.zs.Reset(reg.Dx(), reg.Dy())
	// Moved by whole pixels in float32, as the picture's rasteriser is
	// given them: exact, so the fractions of pixels are the same (the
	// rasteriser's sums, at other magnitudes, may round otherwise).
	ox, oy := float32(reg.Min.X), float32(reg.Min.Y)
	for i, p := range r.pts {
		if i == 0 {
			r.zs.MoveTo(float32(p[0])-ox, float32(p[1])-oy)
		} else {
			r.zs.LineTo(float32(p[0])-ox, float32(p[1])-oy)
		}
	}
	r.zs.ClosePath()
	r.zs.Draw(r.img, box, image.NewUniform(c), image.Point{})
}

// box is the box of whole pixels that holds the points (device px), cut to
// the picture: empty when they are all outside it, or when one is not a
// number or a huge one (ok: a broken scene, which would keep the
// rasteriser busy for minutes). Where it is cut, its edge is the
// picture's, as when the whole picture is rasterised: what lies beyond
// still counts into the pixels at the edge.
func (r *raster) box(pts []orb.Point) image.Rectangle {
	if len(pts) == 0 {
		return image.Rectangle{}
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		if !ok(p) {
			return image.Rectangle{}
		}
		x0, x1 = math.Min(x0, p[0]), math.Max(x1, p[0])
		y0, y1 = math.Min(y0, p[1]), math.Max(y1, p[1])
	}
	b := r.img.Bounds()
	if !(x0 < float64(b.Max.X) && x1 > float64(b.Min.X) && y0 < float64(b.Max.Y) && y1 > float64(b.Min.Y)) {
		return image.Rectangle{} // outside, or NaN
	}
	clamp := func(v float64, lo, hi int) int { return int(math.Max(float64(lo), math.Min(float64(hi), v))) }
	return image.Rect(
		clamp(math.Floor(x0), b.Min.X, b.Max.X), clamp(math.Floor(y0), b.Min.Y, b.Max.Y),
		clamp(math.Ceil(x1), b.Min.X, b.Max.X), clamp(math.Ceil(y1), b.Min.Y, b.Max.Y))
}

// floatThreshold is the size in px beyond which golang.org/x/image/vector's
// rasteriser computes in floating point (its floatingPointMathThreshold).
const floatThreshold = 512

// The Go fonts, parsed once.
var (
	fontsOnce           sync.Once
	fontRegular, fontBd *opentype.Font
	fontsErr            error
)

func goFonts() (regular, bold *opentype.Font, err error) {
	fontsOnce.Do(func() {
		if fontRegular, fontsErr = opentype.Parse(goregular.TTF); fontsErr != nil {
			return
		}
		fontBd, fontsErr = opentype.Parse(gobold.TTF)
	})
	return fontRegular, fontBd, fontsErr
}

// label draws a placed label: its text (upper-cased, letter-spaced as the
// page sets it) aligned in its box as in the SVG (from the marker side, or
// centred), vertically centred on the box, over a halo.
func (r *raster) label(l *geo.Label, ink geo.LabelInk) error {
	regular, bold, err := goFonts()
	if err != nil {
		return err
	}
	f := l.Font()
	ff := regular
	if f.Bold() {
		ff = bold
	}
	face, err := opentype.NewFace(ff, &opentype.FaceOptions{Size: f.Size * r.k, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return err
	}
	defer face.Close()
	text := f.Shown(l.Text)
	spacing := f.Spacing * f.Size * r.k
	// The width as set: advances, kerning and the spacing after each letter.
	width, prev := 0.0, rune(-1)
	for _, c := range text {
		if prev >= 0 {
			width += fix(face.Kern(prev, c))
		}
		a, _ := face.GlyphAdvance(c)
		width += fix(a) + spacing
		prev = c
	}
	box := l.Box
	ax, align := l.Anchor()
	x := ax * r.k
	switch align {
	case geo.AlignRight:
		x -= width
	case geo.AlignCentre:
		x -= width / 2
	}
	m := face.Metrics()
	// The middle of the glyphs' ascent and descent on the middle of the box.
	base := (box.Y+box.H/2)*r.k + (fix(m.Ascent)-fix(m.Descent))/2
	drawAt := func(dx, dy float64, c color.NRGBA) {
		d := &font.Drawer{Dst: r.img, Src: image.NewUniform(c), Face: face}
		pen, prev := x+dx, rune(-1)
		for _, ch := range text {
			if prev >= 0 {
				pen += fix(face.Kern(prev, ch))
			}
			d.Dot = fixed.Point26_6{X: fixed.Int26_6(math.Round(pen * 64)), Y: fixed.Int26_6(math.Round((base + dy) * 64))}
			d.DrawString(string(ch))
			a, _ := face.GlyphAdvance(ch)
			pen += fix(a) + spacing
			prev = ch
		}
	}
	// The halo: the text in the halo colour around its place, LabelHalo/2
	// px out, as the SVG's stroke. Opaque: translucent copies would darken
	// where they overlap (the page's halo lets 15% of the ground through).
	halo := ink.Halo
	halo.A = 0xff
	rad := geo.LabelHalo / 2 * r.k
	for i := 0; i < 12; i++ {
		a := 2 * math.Pi * float64(i) / 12
		drawAt(rad*math.Cos(a), rad*math.Sin(a), halo)
	}
	drawAt(0, 0, ink.Fill)
	return nil
}

func fix(v fixed.Int26_6) float64 { return float64(v) / 64 }
