package geo

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb"
)

// Poster is a static picture of a scene: the first paint of an embed before
// its wasm arrives, a social card, a print. WriteSVG writes it as SVG small
// enough to inline in a page; a raster renderer draws the same scene.
//
// The scenes must be rendered from the same story, view and event, their
// labels sized and placed (Scene.Measure, Scene.Place) in the first one. With
// both Light and Dark set, the geometry is written once and the colours of
// both themes go in a <style>: the light ones by default, the dark ones
// under an ancestor of class "dark" (the embed page sets it on <html>). With
// one of them set, the poster has that theme only.
type Poster struct {
	Light, Dark *Scene
	Label       string // the text alternative: aria-label of the <svg>
}

// PosterClass is the class of the poster's root <svg>: every rule of its
// <style> is scoped under it, so a poster inlined in a page styles nothing
// else.
const PosterClass = "mapline-poster"

// Output precision: coordinates are written in tenths of a CSS px.
const svgScale = 10

// svgMargin is how far outside the frame geometry is kept, in CSS px: runs of
// points beyond it on one side are cut short (see appendRing). It is more
// than half the widest line, so no stroke beyond it reaches the frame.
const svgMargin = 8

// LabelInk is how a label's text is painted in a theme: the page's colours
// (site/embed.css, TestLabelInkMatchesCSS).
type LabelInk struct {
	Fill color.NRGBA // the text
	Halo color.NRGBA // the outline that keeps it readable over any ground
}

// LabelInk is the ink of a label of kind k and status s (emphasis: a country
// holding a site of the story) in the theme: the dark page's colours for the
// theme named "dark", the light page's for any other.
func (th Theme) LabelInk(l *Label) LabelInk {
	dark := th.Name == "dark"
	pick := func(light, dk uint32) color.NRGBA {
		if dark {
			return rgb(dk)
		}
		return rgb(light)
	}
	ink := LabelInk{Halo: color.NRGBA{0xff, 0xff, 0xff, 0xd9}}
	if dark {
		ink.Halo = color.NRGBA{0x0f, 0x1b, 0x26, 0xd9}
	}
	switch l.Kind {
	case SiteLabel:
		switch l.Status {
		case Current:
			ink.Fill = pick(0x1a1a1a, 0xeef1f4) // --fg
		case Past:
			ink.Fill = pick(0x595959, 0xa9b4bd) // --muted
		default:
			ink.Fill = pick(0x616161, 0x9aa4ad) // --label-future
		}
	case CapitalLabel, CityLabel:
		ink.Fill = pick(0x4d4d4d, 0xb8c0c7) // --label-city
	default:
		if l.Emphasis {
			ink.Fill = pick(0x4a4a4a, 0xb4bec6) // --label-country-story
		} else {
			ink.Fill = pick(0x6b6b6b, 0x8e9aa4) // --label-country
		}
	}
	return ink
}

// LabelFamily is the font family of labels: the page's.
const LabelFamily = `system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif`

// labelBaseline is where a label's baseline lies below the middle of its
// line box, in em: a browser centres the glyphs' ascent and descent in the
// line, so the baseline is (ascent − descent)/2 below the middle, 0.34 to
// 0.36 em in DejaVu Sans, Arial, Roboto and San Francisco.
const labelBaseline = 0.35

// LabelHalo is the width of the halo around label text, in CSS px (half of
// it outside the glyphs).
const LabelHalo = 3

// svgWriter holds the output and the classes of colour pairs in use.
type svgWriter struct {
	b       []byte
	classes []svgClass
	names   map[svgClass]string
	dark    bool
}

// svgClass is a paint: a fill or a stroke in the light and the dark colour.
type svgClass struct {
	light, dark color.NRGBA
	stroke      bool
}

// name is the class's name, made of its colours, so the same paint has the
// same class in every poster of a page.
func (c svgClass) name(dark bool) string {
	p := "f"
	if c.stroke {
		p = "s"
	}
	p += hexColor(c.light)
	if dark {
		p += hexColor(c.dark)
	}
	return p
}

func hexColor(c color.NRGBA) string {
	if c.A == 0xff {
		return fmt.Sprintf("%02x%02x%02x", c.R, c.G, c.B)
	}
	return fmt.Sprintf("%02x%02x%02x%02x", c.R, c.G, c.B, c.A)
}

// WriteSVG writes the poster as one SVG element: viewBox of the scene's CSS
// size, role="img" with the poster's Label as aria-label, data-view with the
// view it shows in the form of the view= URL flag (View.Param), the
// background, the fills (one path each), the lines, the dots of the
// reference cities whose names show, the markers, and the placed labels with
// a halo. Every text from the data is escaped. It writes nothing and returns
// an error when there is no scene or the two scenes differ in geometry.
func (p *Poster) WriteSVG(w io.Writer) error {
	b, err := p.AppendSVG(nil)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// AppendSVG appends the SVG of WriteSVG to dst.
func (p *Poster) AppendSVG(dst []byte) ([]byte, error) {
	sc, alt := p.Light, p.Dark
	if sc == nil {
		sc, alt = p.Dark, nil
	}
	if sc == nil {
		return dst, errors.New("geo: a poster needs a scene")
	}
	if err := sameGeometry(sc, alt); err != nil {
		return dst, err
	}
	if !(sc.Width > 0 && sc.Height > 0) || math.IsInf(sc.Width, 0) || math.IsInf(sc.Height, 0) {
		return dst, fmt.Errorf("geo: a poster of %gx%g px", sc.Width, sc.Height)
	}
	th, thAlt := Light, Dark
	if p.Light == nil {
		th = Dark
	}
	sw := &svgWriter{names: map[svgClass]string{}, dark: alt != nil}
	// altOf gives the colour of the second scene for the same thing, or the
	// first scene's when there is only one.
	pair := func(c, d color.NRGBA, stroke bool) string {
		if alt == nil {
			d = c
		}
		return sw.class(svgClass{c, d, stroke})
	}

	// The body first (it collects the classes), then the head with the style.
	body := sw.b
	sw.b = body[:0]
	sw.str(`<rect width="100%" height="100%" class="`)
	sw.str(pair(sc.Background, altColor(alt, func(a *Scene) color.NRGBA { return a.Background }), false))
	sw.str(`"/>`)
	frame := svgFrame{-svgMargin, -svgMargin, sc.Width + svgMargin, sc.Height + svgMargin}
	for i, f := range sc.Fills {
		var d color.NRGBA
		if alt != nil {
			d = alt.Fills[i].Color
		}
		sw.str(`<path fill-rule="evenodd" class="`)
		sw.str(pair(f.Color, d, false))
		sw.str(`" d="`)
		for _, poly := range f.Polygons {
			for _, r := range poly {
				sw.appendRing(r, frame, true)
			}
		}
		sw.str(`"/>`)
	}
	for i, l := range sc.Lines {
		var d color.NRGBA
		if alt != nil {
			d = alt.Lines[i].Color
		}
		sw.str(`<path fill="none" stroke-linejoin="round" stroke-linecap="round" stroke-width="`)
		sw.num(l.Width)
		sw.str(`" class="`)
		sw.str(pair(l.Color, d, true))
		sw.str(`" d="`)
		for _, ls := range l.Lines {
			sw.appendRing(ls, frame, false)
		}
		sw.str(`"/>`)
	}
	for i := range sc.Dots {
		d := &sc.Dots[i]
		if !sc.DotShown(d) || !finite(d.X, d.Y, d.R) {
			continue
		}
		var ad Dot
		if alt != nil {
			ad = alt.Dots[i]
		}
		sw.str(`<g class="dot" transform="translate(`)
		sw.num(d.X)
		sw.b = append(sw.b, ' ')
		sw.num(d.Y)
		sw.str(`)">`)
		sw.shape(Circle, d.R, OutlineWidth, pair(d.Stroke, ad.Stroke, false))
		sw.shape(Circle, d.R, 0, pair(d.Fill, ad.Fill, false))
		sw.str(`</g>`)
	}
	for i := range sc.Markers {
		m := &sc.Markers[i]
		if !finite(m.X, m.Y, m.R, m.HaloR) {
			continue
		}
		var am Marker
		if alt != nil {
			am = alt.Markers[i]
		}
		sw.str(`<g class="marker `)
		sw.str(m.Shape.String())
		sw.str(`" transform="translate(`)
		sw.num(m.X)
		sw.b = append(sw.b, ' ')
		sw.num(m.Y)
		sw.str(`)">`)
		if m.Halo.A > 0 {
			sw.shape(Circle, m.HaloR, 0, pair(m.Halo, am.Halo, false))
		}
		sw.shape(m.Shape, m.R, OutlineWidth, pair(m.Stroke, am.Stroke, false))
		sw.shape(m.Shape, m.R, 0, pair(m.Fill, am.Fill, false))
		if r := m.Shape.Dot(m.R); r > 0 {
			sw.shape(Circle, r, 0, pair(m.Stroke, am.Stroke, false))
		}
		sw.str(`</g>`)
	}
	var kinds [numLabelStyles]bool
	for i := range sc.Labels {
		l := &sc.Labels[i]
		if !l.Shown || !finite(l.Box.X, l.Box.Y, l.Box.W, l.Box.H) {
			continue
		}
		k := labelStyle(l)
		kinds[k] = true
		f := l.Font()
		x, anchor := l.Box.X, ""
		switch l.Side {
		case Left, AboveLeft, BelowLeft:
			x, anchor = l.Box.X+l.Box.W, ` text-anchor="end"`
		case Above, Below, Centre:
			x, anchor = l.Box.X+l.Box.W/2, ` text-anchor="middle"`
		}
		sw.str(`<text class="t`)
		sw.b = strconv.AppendInt(sw.b, int64(k), 10)
		sw.str(`" x="`)
		sw.num(x)
		sw.str(`" y="`)
		sw.num(l.Box.Y + l.Box.H/2 + labelBaseline*f.Size)
		sw.str(`"`)
		sw.str(anchor)
		sw.str(`>`)
		sw.text(f.Shown(l.Text))
		sw.str(`</text>`)
	}
	body = sw.b

	// The head: the root element and the style of the classes in use.
	sw.b = dst
	sw.str(`<svg xmlns="http://www.w3.org/2000/svg" class="` + PosterClass + `" viewBox="0 0 `)
	sw.num(sc.Width)
	sw.b = append(sw.b, ' ')
	sw.num(sc.Height)
	sw.str(`" width="`)
	sw.num(sc.Width)
	sw.str(`" height="`)
	sw.num(sc.Height)
	sw.str(`" role="img" aria-label="`)
	sw.text(p.Label)
	sw.str(`" data-view="`)
	sw.str(sc.View.Param())
	sw.str(`"><style>`)
	const scope = "." + PosterClass + " "
	for _, c := range sw.classes {
		sw.paintRule(scope+"."+c.name(sw.dark), c.stroke, c.light)
	}
	sw.str(scope + `text{font-family:` + LabelFamily + `;paint-order:stroke;stroke-width:` + strconv.Itoa(LabelHalo) +
		`px;stroke-linejoin:round}`)
	for k, used := range kinds {
		if !used {
			continue
		}
		l := labelStyles[k]
		f := l.Font()
		ink := th.LabelInk(&l)
		sw.str(scope + ".t" + strconv.Itoa(k) + "{font-size:")
		sw.num(f.Size)
		sw.str("px;font-weight:" + strconv.Itoa(f.Weight))
		if f.Spacing != 0 {
			sw.str(";letter-spacing:")
			sw.num(f.Spacing * f.Size)
			sw.str("px")
		}
		sw.str(";fill:" + cssHex(ink.Fill) + ";stroke:" + cssHex(ink.Halo) + "}")
	}
	if sw.dark {
		for _, c := range sw.classes {
			sw.paintRule(".dark "+scope+"."+c.name(true), c.stroke, c.dark)
		}
		for k, used := range kinds {
			if used {
				l := labelStyles[k]
				ink := thAlt.LabelInk(&l)
				sw.str(".dark " + scope + ".t" + strconv.Itoa(k) + "{fill:" + cssHex(ink.Fill) + ";stroke:" + cssHex(ink.Halo) + "}")
			}
		}
	}
	sw.str(`</style>`)
	sw.b = append(sw.b, body...)
	sw.str(`</svg>`)
	return sw.b, nil
}

func altColor(alt *Scene, f func(*Scene) color.NRGBA) color.NRGBA {
	if alt == nil {
		return color.NRGBA{}
	}
	return f(alt)
}

// sameGeometry reports an error when b (if not nil) is not the scene a in
// other colours.
func sameGeometry(a, b *Scene) error {
	if b == nil {
		return nil
	}
	if a.Width != b.Width || a.Height != b.Height || len(a.Fills) != len(b.Fills) || len(a.Lines) != len(b.Lines) ||
		len(a.Dots) != len(b.Dots) || len(a.Markers) != len(b.Markers) {
		return errors.New("geo: the light and dark scenes of a poster differ: render both from the same story, view and event")
	}
	for i := range a.Markers {
		if a.Markers[i].X != b.Markers[i].X || a.Markers[i].Y != b.Markers[i].Y || a.Markers[i].Shape != b.Markers[i].Shape {
			return fmt.Errorf("geo: the light and dark scenes of a poster differ at marker %d", i)
		}
	}
	return nil
}

func (sw *svgWriter) paintRule(sel string, stroke bool, c color.NRGBA) {
	prop := "{fill:"
	if stroke {
		prop = "{stroke:"
	}
	sw.str(sel + prop + cssHex(c) + "}")
}

// cssHex writes a colour as #rrggbb, or #rrggbbaa when translucent.
func cssHex(c color.NRGBA) string { return "#" + hexColor(c) }

func (sw *svgWriter) class(c svgClass) string {
	n, ok := sw.names[c]
	if !ok {
		n = c.name(sw.dark)
		sw.names[c] = n
		sw.classes = append(sw.classes, c)
	}
	return n
}

func (sw *svgWriter) str(s string) { sw.b = append(sw.b, s...) }

// text appends s escaped for XML text and attributes: <, >, &, quotes and
// control characters are written as references, invalid UTF-8 as U+FFFD.
//
// It writes what encoding/xml's EscapeText writes; that package would add
// about 0.2 MB to the wasm, which compiles this file too.
func (sw *svgWriter) text(s string) {
	for i, r := range s {
		switch r {
		case '"':
			sw.b = append(sw.b, "&#34;"...)
		case '\'':
			sw.b = append(sw.b, "&#39;"...)
		case '&':
			sw.b = append(sw.b, "&amp;"...)
		case '<':
			sw.b = append(sw.b, "&lt;"...)
		case '>':
			sw.b = append(sw.b, "&gt;"...)
		case '\t':
			sw.b = append(sw.b, "&#x9;"...)
		case '\n':
			sw.b = append(sw.b, "&#xA;"...)
		case '\r':
			sw.b = append(sw.b, "&#xD;"...)
		default:
			bad := r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD")
			if bad || !(r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
				r = '\uFFFD'
			}
			sw.b = utf8.AppendRune(sw.b, r)
		}
	}
}

// num appends x rounded to a tenth, without trailing zeros.
func (sw *svgWriter) num(x float64) { sw.b = appendTenths(sw.b, int64(math.Round(x*svgScale))) }

func appendTenths(b []byte, q int64) []byte {
	if q < 0 {
		b = append(b, '-')
		q = -q
	}
	b = strconv.AppendInt(b, q/svgScale, 10)
	if f := q % svgScale; f != 0 {
		b = append(b, '.', byte('0'+f))
	}
	return b
}

// shape appends shape s of radius r grown by grow, centred on the origin (its
// group is translated), in the paint class.
func (sw *svgWriter) shape(s Shape, r, grow float64, class string) {
	if s.spec().n == 0 {
		sw.str(`<circle r="`)
		sw.num(r + grow)
		sw.str(`" class="`)
		sw.str(class)
		sw.str(`"/>`)
		return
	}
	sw.str(`<path class="`)
	sw.str(class)
	sw.str(`" d="`)
	var pts [16]orb.Point
	sw.appendPoints(s.Append(pts[:0], 0, 0, r, grow), true)
	sw.str(`"/>`)
}

// svgFrame is the box outside which runs of points are cut short.
type svgFrame struct{ x0, y0, x1, y1 float64 }

// outcode is the sides of the frame p lies beyond: 1 left, 2 right, 4 above,
// 8 below.
func (f svgFrame) outcode(x, y float64) uint8 {
	var c uint8
	switch {
	case x < f.x0:
		c |= 1
	case x > f.x1:
		c |= 2
	}
	switch {
	case y < f.y0:
		c |= 4
	case y > f.y1:
		c |= 8
	}
	return c
}

// appendRing appends a ring (closed) or a polyline as path data, leaving out
// the points that cannot change what shows in the frame: a point is left out
// when it, the point kept before it (and every point left out since) and the
// point after it all lie beyond the same side of the frame. The part of the
// outline replaced then lies in that half-plane, and so does the straight
// line that replaces it: inside the frame, the fill (even-odd) and the
// strokes are the same.
func (sw *svgWriter) appendRing(r []orb.Point, f svgFrame, closed bool) {
	n := len(r)
	if n < 2 {
		return
	}
	start := len(sw.b)
	var px, py int64 // the last point written, in tenths
	written := 0
	write := func(p orb.Point) {
		x, y := int64(math.Round(p[0]*svgScale)), int64(math.Round(p[1]*svgScale))
		if written == 0 {
			sw.b = append(sw.b, 'M')
			sw.b = appendTenths(sw.b, x)
			sw.b = appendSep(sw.b, y)
			sw.b = appendTenths(sw.b, y)
		} else {
			dx, dy := x-px, y-py
			if dx == 0 && dy == 0 {
				return
			}
			if written == 1 {
				sw.b = append(sw.b, 'l')
			} else {
				sw.b = appendSep(sw.b, dx)
			}
			sw.b = appendTenths(sw.b, dx)
			sw.b = appendSep(sw.b, dy)
			sw.b = appendTenths(sw.b, dy)
		}
		px, py = x, y
		written++
	}
	run := uint8(0xff) // the sides shared by the last kept point and the points left out since
	for i := 0; i < n; i++ {
		p := r[i]
		if !finite(p[0], p[1]) {
			continue
		}
		c := f.outcode(p[0], p[1])
		if i > 0 && i < n-1 && written > 0 {
			q := r[i+1]
			if run&c&f.outcode(q[0], q[1]) != 0 {
				run &= c
				continue
			}
		}
		write(p)
		run = c
	}
	switch {
	case written < 2:
		sw.b = sw.b[:start] // a point: nothing to draw
	case closed:
		sw.b = append(sw.b, 'z')
	}
}

// appendPoints appends a small polygon as path data, without cutting.
func (sw *svgWriter) appendPoints(r []orb.Point, closed bool) {
	sw.appendRing(r, svgFrame{math.Inf(-1), math.Inf(-1), math.Inf(1), math.Inf(1)}, closed)
}

// appendSep appends a space unless the next number is negative (its minus
// sign separates it).
func appendSep(b []byte, next int64) []byte {
	if next < 0 {
		return b
	}
	return append(b, ' ')
}

func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// Label styles of the poster, one class each (t0…t6).
const numLabelStyles = 7

// labelStyles holds a label of each style, for its font and ink.
var labelStyles = [numLabelStyles]Label{
	{Kind: SiteLabel, Status: Current},
	{Kind: SiteLabel, Status: Past},
	{Kind: SiteLabel, Status: Future},
	{Kind: CapitalLabel},
	{Kind: CityLabel},
	{Kind: CountryLabel},
	{Kind: CountryLabel, Emphasis: true},
}

// labelStyle is the index of the label's style in labelStyles: its rank
// (Label.Rank), with the countries of the story (Emphasis) apart.
func labelStyle(l *Label) int {
	if r := l.Rank(); r < 5 || !l.Emphasis {
		return r
	}
	return 6
}

// PosterThemes says which themes a poster has.
type PosterThemes uint8

const (
	PosterLight PosterThemes = 1 << iota
	PosterDark
	PosterBoth = PosterLight | PosterDark
)

// PosterOptions are the choices of NewPoster beyond the story, view and event.
type PosterOptions struct {
	Mode    Mode         // cumulative or point (see Story.SiteStatusIn)
	Themes  PosterThemes // zero for both
	KeepOut []Box        // what lies over the map in the page (its controls): labels keep clear
}

// NewPoster renders the poster of story s (nil for the basemap alone) on
// basemap bm for view v at event cur (-1 for none): a scene per theme, its
// labels sized without a browser (Scene.Measure) and placed clear of the
// markers and of the keep-out boxes. Its Label is the story's title.
func NewPoster(s *Story, bm *Basemap, v View, cur int, opt PosterOptions) *Poster {
	p := &Poster{}
	if s != nil {
		p.Label = s.Title
	}
	themes := opt.Themes
	if themes == 0 {
		themes = PosterBoth
	}
	var first *Scene
	for _, t := range []struct {
		want PosterThemes
		th   Theme
		dst  **Scene
	}{{PosterLight, Light, &p.Light}, {PosterDark, Dark, &p.Dark}} {
		if themes&t.want == 0 {
			continue
		}
		m := NewMap(MapOptions{Story: s, Basemap: bm, Theme: t.th, Mode: opt.Mode})
		sc := m.Render(v, cur)
		if first == nil {
			sc.Measure()
			sc.Place(new(Placer), opt.KeepOut)
			first = sc
		} else {
			copy(sc.Labels, first.Labels) // the same texts at the same places
		}
		*t.dst = sc
	}
	return p
}
