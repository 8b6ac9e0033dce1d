package main

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

	"mapline/geo"

	"github.com/paulmach/orb"
)

// The PNG poster: the same scene as the SVG, rasterised on the host with
// golang.org/x/image (never in the wasm, never in geo), for social cards,
// og:image, print and <noscript>. Labels are set in the Go fonts, whose
// advances geo's text estimate includes (see TestGenerateTextWidths), so a
// label never outgrows the box it was placed in.

// writePNG draws scene sc, whose labels are placed, in theme th at scale
// device pixels per CSS pixel, and encodes it as PNG.
func writePNG(w io.Writer, sc *geo.Scene, th geo.Theme, scale float64) error {
	img, err := rasterize(sc, th, scale)
	if err != nil {
		return err
	}
	return (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(w, img)
}

// maxPNGPixels bounds the size of a PNG poster (a 4K frame at most).
const maxPNGPixels = 3840 * 2160

// rasterize draws the scene: the background, the fills (even-odd), the lines,
// the dots of the cities whose names show, the markers (halo, outline ring,
// shape, dot) and the placed labels with their halo, as the map draws them.
func rasterize(sc *geo.Scene, th geo.Theme, scale float64) (*image.RGBA, error) {
	if !(scale > 0) || math.IsInf(scale, 0) {
		return nil, fmt.Errorf("scale %g must be a positive number", scale)
	}
	w, h := int(math.Round(sc.Width*scale)), int(math.Round(sc.Height*scale))
	if w <= 0 || h <= 0 || float64(w)*float64(h) > maxPNGPixels {
		return nil, fmt.Errorf("a PNG of %d×%d px is out of range (at most %d pixels)", w, h, maxPNGPixels)
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := &raster{img: img, z: vector.NewRasterizer(w, h), k: scale}
	r.fillRect(sc.Background)
	for _, f := range sc.Fills {
		r.z.Reset(w, h)
		for _, poly := range f.Polygons {
			for i, ring := range poly {
				// Holes wind against their outer ring, so the rasteriser's
				// accumulated coverage is the even-odd fill.
				r.ring(ring, i > 0 && len(poly[0]) > 2 && sign(ring) == sign(poly[0]))
			}
		}
		r.draw(f.Color)
	}
	for _, l := range sc.Lines {
		r.z.Reset(w, h)
		for _, ls := range l.Lines {
			r.polyline(ls, l.Width)
		}
		r.draw(l.Color)
	}
	for i := range sc.Dots {
		d := &sc.Dots[i]
		if sc.DotShown(d) {
			r.shape(geo.Circle, d.X, d.Y, d.R, geo.OutlineWidth, d.Stroke)
			r.shape(geo.Circle, d.X, d.Y, d.R, 0, d.Fill)
		}
	}
	for i := range sc.Markers {
		m := &sc.Markers[i]
		if m.Halo.A > 0 {
			r.shape(geo.Circle, m.X, m.Y, m.HaloR, 0, m.Halo)
		}
		r.shape(m.Shape, m.X, m.Y, m.R, geo.OutlineWidth, m.Stroke)
		r.shape(m.Shape, m.X, m.Y, m.R, 0, m.Fill)
		if d := m.Shape.Dot(m.R); d > 0 {
			r.shape(geo.Circle, m.X, m.Y, d, 0, m.Stroke)
		}
	}
	for i := range sc.Labels {
		if l := &sc.Labels[i]; l.Shown {
			if err := r.label(l, th.LabelInk(l)); err != nil {
				return nil, err
			}
		}
	}
	return img, nil
}

type raster struct {
	img *image.RGBA
	z   *vector.Rasterizer
	k   float64 // device px per CSS px
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

// polyline adds a stroke of width w (CSS px) along ls: a rectangle per
// segment, lengthened by half the width at both ends so the joins have no
// gaps, as the wasm draws lines. All rectangles wind the same way, so where
// they overlap the coverage is still one.
func (r *raster) polyline(ls orb.LineString, w float64) {
	hw := w * r.k / 2
	for i := 0; i+1 < len(ls); i++ {
		a, b := ls[i], ls[i+1]
		if !ok(a) || !ok(b) {
			continue
		}
		ax, ay, bx, by := a[0]*r.k, a[1]*r.k, b[0]*r.k, b[1]*r.k
		dx, dy := bx-ax, by-ay
		d := math.Hypot(dx, dy)
		if d == 0 {
			continue
		}
		ux, uy := dx/d*hw, dy/d*hw
		r.z.MoveTo(float32(ax-ux-uy), float32(ay-uy+ux))
		r.z.LineTo(float32(bx+ux-uy), float32(by+uy+ux))
		r.z.LineTo(float32(bx+ux+uy), float32(by+uy-ux))
		r.z.LineTo(float32(ax-ux+uy), float32(ay-uy-ux))
		r.z.ClosePath()
	}
}

// shape draws shape s of radius rad grown by grow at x, y (CSS px) in c.
func (r *raster) shape(s geo.Shape, x, y, rad, grow float64, c color.NRGBA) {
	if !ok(orb.Point{x, y}) || math.IsNaN(rad) {
		return
	}
	b := r.img.Bounds()
	r.z.Reset(b.Dx(), b.Dy())
	r.pts = s.Append(r.pts[:0], x*r.k, y*r.k, rad*r.k, grow*r.k)
	for i, p := range r.pts {
		if i == 0 {
			r.z.MoveTo(float32(p[0]), float32(p[1]))
		} else {
			r.z.LineTo(float32(p[0]), float32(p[1]))
		}
	}
	r.z.ClosePath()
	r.draw(c)
}

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
	x := box.X * r.k
	switch l.Side {
	case geo.Left, geo.AboveLeft, geo.BelowLeft:
		x = (box.X+box.W)*r.k - width
	case geo.Above, geo.Below, geo.Centre:
		x = (box.X+box.W/2)*r.k - width/2
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
