package geo

import (
	"image/color"
	"math"

	"github.com/paulmach/orb"
)

// Op is one paint operation of a scene: what to paint, in which colour and
// where. Scene.Paint lists a scene's operations back to front; every renderer
// (geo/svg, geo/raster, the wasm map) replays that list and nothing else, so
// what is painted over what, and how large a marker's rings are, is decided
// here once. The renderers decide only how: an SVG element, pixels, vertices.
type Op struct {
	Kind OpKind
	Part Part // which part of a dot or marker (PartBody otherwise)
	// Item is the index of what is painted in its list of the scene:
	// Fills, Lines, Dots, Markers or Labels (0 for the background).
	Item  int
	Color color.NRGBA // the paint; a label's text
	Halo  color.NRGBA // a label's halo (LabelInk), LabelHalo wide
	// A part of a dot or marker: Shape of radius R centred at X, Y (CSS
	// px), its edges pushed out by Grow (see Shape.Append), filled.
	Shape         Shape
	X, Y, R, Grow float64
}

// OpKind is what an Op paints.
type OpKind uint8

const (
	OpBackground OpKind = iota // the whole frame
	OpFill                     // Scene.Fills[Item]: its polygons under the even-odd rule
	OpLine                     // Scene.Lines[Item]: its polylines, Width wide (StrokeQuad)
	OpDot                      // a part of Scene.Dots[Item]
	OpMarker                   // a part of Scene.Markers[Item]
	OpLabel                    // the text of Scene.Labels[Item], placed, over its halo
)

var opKindNames = [...]string{"background", "fill", "line", "dot", "marker", "label"}

func (k OpKind) String() string { return opKindNames[min(int(k), len(opKindNames)-1)] }

// Part is a part of a dot or a marker. They are painted in the order of the
// constants: the halo of a current marker, the outline ring, the shape in
// its fill, the dot of a DotCircle.
type Part uint8

const (
	PartBody    Part = iota // the shape in its fill colour
	PartHalo                // the translucent disc around a current marker
	PartOutline             // the shape grown by OutlineWidth in the outline colour, under the body
	PartDot                 // the dot in the middle of a DotCircle, in the outline colour
)

var partNames = [...]string{"body", "halo", "outline", "dot"}

func (p Part) String() string { return partNames[min(int(p), len(partNames)-1)] }

// Paint appends to dst the operations that paint the scene, back to front,
// and returns it: the background, the fills (the land, then the story's
// areas), the lines (borders, the story's lines, the outlines of its areas,
// its tracks' trails, the links), the dots of the
// reference cities whose names show (DotShown), the markers, then the
// labels Place showed. A dot or marker whose position or size is not a
// number is left out, and so is a label whose box is not. With room in dst,
// Paint allocates nothing.
func (sc *Scene) Paint(dst []Op) []Op {
	dst = append(dst, Op{Kind: OpBackground, Color: sc.Background})
	for i := range sc.Fills {
		dst = append(dst, Op{Kind: OpFill, Item: i, Color: sc.Fills[i].Color})
	}
	for i := range sc.Lines {
		dst = append(dst, Op{Kind: OpLine, Item: i, Color: sc.Lines[i].Color})
	}
	for i := range sc.Dots {
		d := &sc.Dots[i]
		if !sc.DotShown(d) || !finite(d.X, d.Y, d.R) {
			continue
		}
		o := Op{Kind: OpDot, Item: i, Shape: Circle, X: d.X, Y: d.Y, R: d.R}
		dst = append(dst, o.part(PartOutline, d.Stroke, OutlineWidth), o.part(PartBody, d.Fill, 0))
	}
	for i := range sc.Markers {
		m := &sc.Markers[i]
		if !finite(m.X, m.Y, m.R, m.HaloR) {
			continue
		}
		o := Op{Kind: OpMarker, Item: i, Shape: m.Shape, X: m.X, Y: m.Y, R: m.R}
		if m.Halo.A > 0 {
			h := o.part(PartHalo, m.Halo, 0)
			h.Shape, h.R = Circle, m.HaloR
			dst = append(dst, h)
		}
		dst = append(dst, o.part(PartOutline, m.Stroke, OutlineWidth), o.part(PartBody, m.Fill, 0))
		if r := m.Shape.Dot(m.R); r > 0 {
			d := o.part(PartDot, m.Stroke, 0)
			d.Shape, d.R = Circle, r
			dst = append(dst, d)
		}
	}
	for i := range sc.Labels {
		l := &sc.Labels[i]
		if !l.Shown || !finite(l.Box.X, l.Box.Y, l.Box.W, l.Box.H) {
			continue
		}
		ink := sc.Theme.LabelInk(l)
		dst = append(dst, Op{Kind: OpLabel, Item: i, Color: ink.Fill, Halo: ink.Halo})
	}
	return dst
}

// part is o as part p in colour c, grown by grow.
func (o Op) part(p Part, c color.NRGBA, grow float64) Op {
	o.Part, o.Color, o.Grow = p, c, grow
	return o
}

// StrokeQuad is the quadrilateral that strokes the segment from a to b with
// a line w wide: the segment lengthened by w/2 at both ends, so the joins of
// a polyline have no gaps (the map's lines are thin: mitres would not show),
// and widened by w/2 on both sides. Its corners go round it in order: the
// start's right, the end's right, the end's left, the start's left (as seen
// going from a to b on a screen, y down). The quads of a polyline all wind
// the same way. It reports false for a segment of no length.
func StrokeQuad(a, b orb.Point, w float64) (q [4]orb.Point, ok bool) {
	hw := w / 2
	dx, dy := b[0]-a[0], b[1]-a[1]
	d := math.Hypot(dx, dy)
	if d == 0 {
		return q, false
	}
	ux, uy := dx/d*hw, dy/d*hw // along, half the width long
	return [4]orb.Point{
		{a[0] - ux - uy, a[1] - uy + ux},
		{b[0] + ux - uy, b[1] + uy + ux},
		{b[0] + ux + uy, b[1] + uy - ux},
		{a[0] - ux + uy, a[1] - uy - ux},
	}, true
}

// Align is how a label's text lies on its anchor (Label.Anchor).
type Align uint8

const (
	AlignLeft   Align = iota // the text starts at the anchor
	AlignCentre              // the text is centred on the anchor
	AlignRight               // the text ends at the anchor
)

// Anchor is where a placed label's text is set along its line: from the
// side of its box next to its mark (so a label shorter than measured still
// touches its mark), or centred in the box for labels above, below or on
// their mark.
func (l *Label) Anchor() (x float64, a Align) {
	switch l.Side {
	case Left, AboveLeft, BelowLeft:
		return l.Box.X + l.Box.W, AlignRight
	case Above, Below, Centre:
		return l.Box.X + l.Box.W/2, AlignCentre
	}
	return l.Box.X, AlignLeft
}

func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}
