// Package svg writes a poster (geo.Poster) as one SVG element, small enough
// to inline in a page: the first paint of an embed before its wasm arrives,
// a social card, a print. It replays the scene's paint operations
// (geo.Scene.Paint) as SVG elements; with two scenes, light and dark, the
// geometry is written once and the colours of both go in a <style>.
package svg

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

	"mapline/geo"
)

// Class is the class of the poster's root <svg>: every rule of its <style>
// is scoped under it, so a poster inlined in a page styles nothing else.
const Class = "mapline-poster"

// Output precision: coordinates are written in tenths of a CSS px.
const scale = 10

// margin is how far outside the frame geometry is kept, in CSS px: runs of
// points beyond it on one side are cut short (see appendRing). It is more
// than half the widest line, so no stroke beyond it reaches the frame.
const margin = 8

// labelBaseline is where a label's baseline lies below the middle of its
// line box, in em: a browser centres the glyphs' ascent and descent in the
// line, so the baseline is (ascent − descent)/2 below the middle, 0.34 to
// 0.36 em in DejaVu Sans, Arial, Roboto and San Francisco.
const labelBaseline = 0.35

// writer holds the output and the classes of colour pairs in use.
type writer struct {
	b       []byte
	classes []paint
	names   map[paint]string
	dark    bool
}

// paint is a fill or a stroke in the light and the dark colour.
type paint struct {
	light, dark color.NRGBA
	stroke      bool
}

// name is the class's name, made of its colours, so the same paint has the
// same class in every poster of a page.
func (c paint) name(dark bool) string {
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

// Write writes the poster as one SVG element: viewBox of the scene's CSS
// size, role="img" with the poster's Label as aria-label, data-view with the
// view it shows in the form of the view= URL flag (geo.View.Param), then
// the scene's paint operations: the background, the fills (one path each),
// the lines, the dots of the reference cities whose names show, the markers
// (a group each), and the placed labels with a halo. Every text from the
// data is escaped. With both scenes set, the light colours apply by
// default and the dark ones under an ancestor of class "dark" (the embed
// page sets it on <html>). It writes nothing and returns an error when
// there is no scene or the two scenes differ in geometry.
func Write(w io.Writer, p *geo.Poster) error {
	b, err := Append(nil, p)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Append appends the SVG of Write to dst.
func Append(dst []byte, p *geo.Poster) ([]byte, error) {
	sc, alt := p.Light, p.Dark
	if sc == nil {
		sc, alt = p.Dark, nil
	}
	if sc == nil {
		return dst, errors.New("svg: a poster needs a scene")
	}
	if !(sc.Width > 0 && sc.Height > 0) || math.IsInf(sc.Width, 0) || math.IsInf(sc.Height, 0) {
		return dst, fmt.Errorf("svg: a poster of %gx%g px", sc.Width, sc.Height)
	}
	ops := sc.Paint(nil)
	altOps := ops // one theme: the same colours "in dark"
	if alt != nil {
		altOps = alt.Paint(nil)
		if err := sameGeometry(sc, alt, ops, altOps); err != nil {
			return dst, err
		}
	}
	sw := &writer{names: map[paint]string{}, dark: alt != nil}
	pair := func(c, d color.NRGBA, stroke bool) string { return sw.class(paint{c, d, stroke}) }

	// The body first (it collects the classes), then the head with the style.
	var kinds [numLabelStyles]bool
	var inks [numLabelStyles][2]geo.LabelInk // light, dark
	frame := frame{-margin, -margin, sc.Width + margin, sc.Height + margin}
	open := -1 // the op that opened the group of the dot or marker being written
	for i, op := range ops {
		if open >= 0 && (op.Kind != ops[open].Kind || op.Item != ops[open].Item) {
			sw.str(`</g>`)
			open = -1
		}
		fill := func() string { return pair(op.Color, altOps[i].Color, false) }
		switch op.Kind {
		case geo.OpBackground:
			sw.str(`<rect width="100%" height="100%" class="`)
			sw.str(fill())
			sw.str(`"/>`)
		case geo.OpFill:
			sw.str(`<path fill-rule="evenodd" class="`)
			sw.str(fill())
			sw.str(`" d="`)
			for _, poly := range sc.Fills[op.Item].Polygons {
				for _, r := range poly {
					sw.appendRing(r, frame, true)
				}
			}
			sw.str(`"/>`)
		case geo.OpLine:
			l := &sc.Lines[op.Item]
			sw.str(`<path fill="none" stroke-linejoin="round" stroke-linecap="round" stroke-width="`)
			sw.num(l.Width)
			sw.str(`" class="`)
			sw.str(pair(op.Color, altOps[i].Color, true))
			sw.str(`" d="`)
			for _, ls := range l.Lines {
				sw.appendRing(ls, frame, false)
			}
			sw.str(`"/>`)
		case geo.OpDot, geo.OpMarker:
			if open < 0 {
				open = i
				if op.Kind == geo.OpDot {
					sw.str(`<g class="dot`)
				} else {
					sw.str(`<g class="marker `)
					sw.str(sc.Markers[op.Item].Shape.String())
				}
				sw.str(`" transform="translate(`)
				sw.num(op.X)
				sw.b = append(sw.b, ' ')
				sw.num(op.Y)
				sw.str(`)">`)
			}
			sw.shape(op.Shape, op.R, op.Grow, fill())
		case geo.OpLabel:
			l := &sc.Labels[op.Item]
			k := labelStyle(l)
			if !kinds[k] {
				kinds[k] = true
				inks[k] = [2]geo.LabelInk{{Fill: op.Color, Halo: op.Halo}, {Fill: altOps[i].Color, Halo: altOps[i].Halo}}
			}
			f := l.Font()
			x, align := l.Anchor()
			sw.str(`<text class="t`)
			sw.b = strconv.AppendInt(sw.b, int64(k), 10)
			sw.str(`" x="`)
			sw.num(x)
			sw.str(`" y="`)
			sw.num(l.Box.Y + l.Box.H/2 + labelBaseline*f.Size)
			sw.str(`"`)
			switch align {
			case geo.AlignRight:
				sw.str(` text-anchor="end"`)
			case geo.AlignCentre:
				sw.str(` text-anchor="middle"`)
			}
			sw.str(`>`)
			sw.text(f.Shown(l.Text))
			sw.str(`</text>`)
		}
	}
	if open >= 0 {
		sw.str(`</g>`)
	}
	body := sw.b

	// The head: the root element and the style of the classes in use.
	sw.b = dst
	sw.str(`<svg xmlns="http://www.w3.org/2000/svg" class="` + Class + `" viewBox="0 0 `)
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
	const scope = "." + Class + " "
	for _, c := range sw.classes {
		sw.paintRule(scope+"."+c.name(sw.dark), c.stroke, c.light)
	}
	sw.str(scope + `text{font-family:` + geo.LabelFamily + `;paint-order:stroke;stroke-width:` + strconv.Itoa(geo.LabelHalo) +
		`px;stroke-linejoin:round}`)
	for k, used := range kinds {
		if !used {
			continue
		}
		f := labelStyles[k].Font()
		ink := inks[k][0]
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
				ink := inks[k][1]
				sw.str(".dark " + scope + ".t" + strconv.Itoa(k) + "{fill:" + cssHex(ink.Fill) + ";stroke:" + cssHex(ink.Halo) + "}")
			}
		}
	}
	sw.str(`</style>`)
	sw.b = append(sw.b, body...)
	sw.str(`</svg>`)
	return sw.b, nil
}

// sameGeometry reports an error when b is not the scene a in other colours:
// of another size, or painting other things or at other places.
func sameGeometry(a, b *geo.Scene, ops, bOps []geo.Op) error {
	const msg = "svg: the light and dark scenes of a poster differ"
	if a.Width != b.Width || a.Height != b.Height || len(ops) != len(bOps) {
		return errors.New(msg + ": render both from the same story, view and event")
	}
	for i, o := range ops {
		p := bOps[i]
		if o.Kind != p.Kind || o.Part != p.Part || o.Item != p.Item || o.Shape != p.Shape || o.X != p.X || o.Y != p.Y || o.R != p.R {
			return fmt.Errorf(msg+" at %s %d", o.Kind, o.Item)
		}
	}
	return nil
}

func (sw *writer) paintRule(sel string, stroke bool, c color.NRGBA) {
	prop := "{fill:"
	if stroke {
		prop = "{stroke:"
	}
	sw.str(sel + prop + cssHex(c) + "}")
}

// cssHex writes a colour as #rrggbb, or #rrggbbaa when translucent.
func cssHex(c color.NRGBA) string { return "#" + hexColor(c) }

func (sw *writer) class(c paint) string {
	n, ok := sw.names[c]
	if !ok {
		n = c.name(sw.dark)
		sw.names[c] = n
		sw.classes = append(sw.classes, c)
	}
	return n
}

func (sw *writer) str(s string) { sw.b = append(sw.b, s...) }

// text appends s escaped for XML text and attributes: <, >, &, quotes and
// control characters are written as references, invalid UTF-8 as U+FFFD.
//
// It writes what encoding/xml's EscapeText writes, without that package's
// weight.
func (sw *writer) text(s string) {
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
func (sw *writer) num(x float64) { sw.b = appendTenths(sw.b, int64(math.Round(x*scale))) }

func appendTenths(b []byte, q int64) []byte {
	if q < 0 {
		b = append(b, '-')
		q = -q
	}
	b = strconv.AppendInt(b, q/scale, 10)
	if f := q % scale; f != 0 {
		b = append(b, '.', byte('0'+f))
	}
	return b
}

// shape appends shape s of radius r grown by grow, centred on the origin (its
// group is translated), in the paint class.
func (sw *writer) shape(s geo.Shape, r, grow float64, class string) {
	if s.Round() {
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

// frame is the box outside which runs of points are cut short.
type frame struct{ x0, y0, x1, y1 float64 }

// outcode is the sides of the frame p lies beyond: 1 left, 2 right, 4 above,
// 8 below.
func (f frame) outcode(x, y float64) uint8 {
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
func (sw *writer) appendRing(r []orb.Point, f frame, closed bool) {
	n := len(r)
	if n < 2 {
		return
	}
	start := len(sw.b)
	var px, py int64 // the last point written, in tenths
	written := 0
	write := func(p orb.Point) {
		x, y := int64(math.Round(p[0]*scale)), int64(math.Round(p[1]*scale))
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
func (sw *writer) appendPoints(r []orb.Point, closed bool) {
	sw.appendRing(r, frame{math.Inf(-1), math.Inf(-1), math.Inf(1), math.Inf(1)}, closed)
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

// labelStyles holds a label of each style, for its font.
var labelStyles = [numLabelStyles]geo.Label{
	{Kind: geo.SiteLabel, Status: geo.Current},
	{Kind: geo.SiteLabel, Status: geo.Past},
	{Kind: geo.SiteLabel, Status: geo.Future},
	{Kind: geo.CapitalLabel},
	{Kind: geo.CityLabel},
	{Kind: geo.CountryLabel},
	{Kind: geo.CountryLabel, Emphasis: true},
}

// labelStyle is the index of the label's style in labelStyles: by kind, the
// status of a site and the emphasis of a country.
func labelStyle(l *geo.Label) int {
	for i := range labelStyles {
		st := &labelStyles[i]
		if st.Kind == l.Kind && (l.Kind != geo.SiteLabel || st.Status == l.Status) && (l.Kind != geo.CountryLabel || st.Emphasis == l.Emphasis) {
			return i
		}
	}
	return int(geo.CityLabel)
}
