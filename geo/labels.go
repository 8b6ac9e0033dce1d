package geo

import (
	"math"

	"github.com/paulmach/orb/planar"
)

// LabelKind is what a label names.
type LabelKind uint8

const (
	SiteLabel    LabelKind = iota // a site of the story, beside its marker
	CapitalLabel                  // a reference city that is a capital, beside its dot
	CityLabel                     // another reference city, beside its dot
	CountryLabel                  // a country, centred on its label point
)

func (k LabelKind) String() string {
	switch k {
	case SiteLabel:
		return "site"
	case CapitalLabel:
		return "capital"
	case CityLabel:
		return "city"
	}
	return "country"
}

// Label is a name to show on the map. Render proposes labels (the
// candidates); the page measures their text (W, H) and Place decides which
// show and where (Shown, Box, Side). Text is laid out by the page, never
// drawn by the renderer.
type Label struct {
	Kind     LabelKind
	Ref      int    // the index in Story.Sites, the index in Cities, or the country's ISO code
	Text     string // as shown, before CSS text-transform
	Status   Status // for site labels: current, past or future
	Emphasis bool   // for country labels: the country holds a site of the story

	X, Y float64 // the anchor: the centre of the marker or dot, or the country's label point
	// Mark is the box of the marker or dot at the anchor (outline included):
	// a label beside it sits LabelGap px to its right, left, above or below.
	// An empty Mark (zero width and height) centres the label on the anchor.
	Mark Box
	// Dot reports that Mark is a dot drawn only when the label shows
	// (reference cities): it must be clear of the labels placed before, and
	// it keeps later labels away once placed.
	Dot bool
	// MaxW is the widest the text may be, in CSS px (a country's name must
	// fit in the country); 0 for no limit.
	MaxW float64

	W, H float64 // the size of the text box in CSS px, measured by the page

	// Keep limits Place to one position, Side, for a label that showed
	// there in the frame before; Drop leaves the label out. While the map
	// moves the page sets them, so that labels keep their places or go and
	// no new label needs measuring or placing until the map is still.
	Keep, Drop bool

	// Set by Place (Side, DX and DY are read first when Keep is set).
	Shown bool
	Side  Side
	Box   Box
	// DX, DY move a centred label (a story country's name) off its anchor
	// when the anchor is taken: Place looks for room nearby (Placer.shift),
	// no further than Room (CSS px), inside which the label's centre stays
	// inside its country.
	DX, DY float64
	Room   float64
}

// Side is where a label sits relative to its anchor.
type Side uint8

const (
	Right Side = iota
	Left
	Above
	Below
	AboveRight
	BelowRight
	AboveLeft
	BelowLeft
	Centre
)

var sideNames = [...]string{"right", "left", "above", "below", "above-right", "below-right", "above-left", "below-left", "centre"}

func (s Side) String() string { return sideNames[min(int(s), len(sideNames)-1)] }

// Rank is the label's priority: lower ranks are placed first and win. The
// current story sites come first, then past sites, future sites, the
// countries of the story's sites (a reader of a story about Iraq looks for
// Iraq), capitals, other cities and other country names.
func (l *Label) Rank() int {
	switch l.Kind {
	case SiteLabel:
		switch l.Status {
		case Current:
			return 0
		case Past:
			return 1
		}
		return 2
	case CountryLabel:
		if l.Emphasis {
			return 3
		}
		return 6
	case CapitalLabel:
		return 4
	case CityLabel:
		return 5
	}
	return 6
}

const numRanks = 7

// Class is the label's CSS classes: "label" and its kind, with the status of
// a site ("label site current") or the emphasis of a country ("label country
// story"). The page styles and measures labels by class.
func (l *Label) Class() string { return l.style().Class }

// Box is an axis-aligned rectangle in CSS px: top left corner and size.
type Box struct{ X, Y, W, H float64 }

// Intersects reports whether the boxes overlap (touching edges do not).
func (b Box) Intersects(o Box) bool {
	return b.X < o.X+o.W && o.X < b.X+b.W && b.Y < o.Y+o.H && o.Y < b.Y+b.H
}

// Contains reports whether o lies inside b.
func (b Box) Contains(o Box) bool {
	return o.X >= b.X && o.Y >= b.Y && o.X+o.W <= b.X+b.W && o.Y+o.H <= b.Y+b.H
}

// Label spacing, in CSS px.
const (
	// LabelGap is the space between a marker (outline included) and its label.
	LabelGap = 3
	// LabelPad is the space kept free around every label box: two labels
	// are at least 2·LabelPad apart.
	LabelPad = 1
	// LabelEdge is the space between labels and the edge of the frame.
	LabelEdge = 4
)

// Placer places labels without overlaps. Its zero value is ready to use; it
// keeps its memory between calls, so placing the labels of every frame
// allocates nothing once it has grown.
type Placer struct {
	frame      Box
	cell       float64
	cols, rows int
	grid       [][]int32 // per cell, indexes into boxes
	boxes      []Box     // placed so far, labels grown by LabelPad
	order      []int32
	stamp      []uint32 // per box, the query that last tested it
	query      uint32
	obstacles  []Box // for Scene.Place
}

// placerCell is the size of a cell of the placer's grid, in CSS px.
const placerCell = 64

// Place decides which labels show and where, and writes it into the labels
// (Shown, Box, Side): it mutates labels. Labels are placed in order of Rank
// (then in the order given), each at the first free position of: right of
// its Mark, left, above, below, then the four corners (above right, below
// right, above left, below left) for current and past sites only: a small
// dot named from a corner reads as its neighbour's, and the many future
// sites of a long story would cost twice the time for little. A label above
// or below slides sideways to stay inside the frame as long as it stays over
// its anchor. A label with an empty Mark (a country's name) is centred on
// its anchor, else a line higher, else a line lower.
//
// A label with Keep set tries only its Side; one with Drop set is dropped.
//
// A position is free when the box lies LabelEdge inside frame and, grown by
// LabelPad, intersects none of the obstacles (the markers, the map's
// controls), no label placed before and no dot of a placed label. A label
// with no free position, with no measured size, or wider than its MaxW, is
// dropped: never stacked, never moved elsewhere. A label with a Dot also
// needs its dot inside the frame and clear of every label placed before.
func (p *Placer) Place(labels []Label, obstacles []Box, frame Box) {
	p.reset(frame)
	for _, b := range obstacles {
		if b.Intersects(frame) {
			p.add(b)
		}
	}

	// A stable counting sort by rank.
	var counts [numRanks + 1]int
	for i := range labels {
		counts[labels[i].Rank()+1]++
	}
	for r := 1; r <= numRanks; r++ {
		counts[r] += counts[r-1]
	}
	p.order = append(p.order[:0], make([]int32, len(labels))...)
	for i := range labels {
		r := labels[i].Rank()
		p.order[counts[r]] = int32(i)
		counts[r]++
	}

	inner := Box{frame.X + LabelEdge, frame.Y + LabelEdge, frame.W - 2*LabelEdge, frame.H - 2*LabelEdge}
	for _, i := range p.order {
		l := &labels[i]
		kept := [1]Side{l.Side}
		l.Shown, l.Box, l.Side = false, Box{}, Right
		if !l.Keep {
			l.DX, l.DY = 0, 0
		}
		if l.Drop || !(l.W > 0 && l.H > 0) || (l.MaxW > 0 && l.W > l.MaxW) {
			continue
		}
		if l.Dot && (!frame.Contains(l.Mark) || p.hits(l.Mark)) {
			continue
		}
		sides, slide := besideSides[:], true
		switch {
		case l.Mark.W == 0 && l.Mark.H == 0:
			sides, slide = centredSides[:], false
		case l.Dot || l.Rank() > 1:
			sides = besideSides[:4]
		}
		if l.Keep {
			sides = kept[:]
		}
		for _, s := range sides {
			b := l.box(s)
			if slide && (s == Above || s == Below) {
				// Slide into the frame, keeping the anchor under the label.
				b.X = math.Max(b.X, math.Min(inner.X, l.X))
				b.X = math.Min(b.X, math.Max(inner.X+inner.W-b.W, l.X-b.W))
			}
			if !inner.Contains(b) || p.hits(Box{b.X - LabelPad, b.Y - LabelPad, b.W + 2*LabelPad, b.H + 2*LabelPad}) {
				continue
			}
			l.Shown, l.Box, l.Side = true, b, s
			p.add(Box{b.X - LabelPad, b.Y - LabelPad, b.W + 2*LabelPad, b.H + 2*LabelPad})
			if l.Dot {
				p.add(l.Mark)
			}
			break
		}
		if !l.Shown && !l.Keep && l.Kind == CountryLabel && l.Emphasis {
			p.shift(l, inner)
		}
	}
}

// shift looks for room for a story country's name near its anchor, whose
// place is taken (by the story's own labels, often: the anchor of Iraq lies
// by Baghdad): it tries offsets on rings of half a line's height around the
// anchor, nearest first, out to Room, so that the name's centre stays
// inside the country.
func (p *Placer) shift(l *Label, inner Box) {
	step := l.H / 2
	reach := l.Room
	if !(step > 0) || !(reach > 0) {
		return
	}
	rings := int(reach / step)
	for r := 1; r <= rings; r++ {
		// The ring's cells, walked from the middle of each side outwards:
		// straight above, below and beside the anchor before the corners.
		for k := 0; k <= r; k++ {
			for _, d := range [8][2]int{{k, -r}, {-k, -r}, {k, r}, {-k, r}, {-r, k}, {-r, -k}, {r, k}, {r, -k}} {
				dx, dy := float64(d[0])*step, float64(d[1])*step
				if math.Hypot(dx, dy) > reach {
					continue
				}
				b := Box{l.X + dx - l.W/2, l.Y + dy - l.H/2, l.W, l.H}
				padded := Box{b.X - LabelPad, b.Y - LabelPad, b.W + 2*LabelPad, b.H + 2*LabelPad}
				if !inner.Contains(b) || p.hits(padded) {
					continue
				}
				l.Shown, l.Box, l.Side, l.DX, l.DY = true, b, Centre, dx, dy
				p.add(padded)
				return
			}
		}
	}
}

// The positions a label tries, in order: beside a marker or dot, or (a
// country's name) on its anchor, else one line higher or lower.
var (
	besideSides  = [...]Side{Right, Left, Above, Below, AboveRight, BelowRight, AboveLeft, BelowLeft}
	centredSides = [...]Side{Centre, Above, Below}
)

// box is the label's box on side s of its mark, or of its anchor when the
// mark is empty (a centred label one line above or below its anchor).
func (l *Label) box(s Side) Box {
	m := l.Mark
	if m.W == 0 && m.H == 0 {
		c := Box{l.X + l.DX - l.W/2, l.Y + l.DY - l.H/2, l.W, l.H}
		switch s {
		case Above:
			c.Y -= l.H
		case Below:
			c.Y += l.H
		}
		return c
	}
	switch s {
	case Right:
		return Box{m.X + m.W + LabelGap, l.Y - l.H/2, l.W, l.H}
	case Left:
		return Box{m.X - LabelGap - l.W, l.Y - l.H/2, l.W, l.H}
	case Above:
		return Box{l.X - l.W/2, m.Y - LabelGap - l.H, l.W, l.H}
	case Below:
		return Box{l.X - l.W/2, m.Y + m.H + LabelGap, l.W, l.H}
	}
	// The corners: diagonally off the mark, as far as the sides are.
	const d = LabelGap * 0.7
	x, y := m.X+m.W+d, m.Y-d-l.H // AboveRight
	if s == AboveLeft || s == BelowLeft {
		x = m.X - d - l.W
	}
	if s == BelowRight || s == BelowLeft {
		y = m.Y + m.H + d
	}
	return Box{x, y, l.W, l.H}
}

func (p *Placer) reset(frame Box) {
	p.frame = frame
	p.cell = placerCell
	p.cols = max(1, int(math.Ceil(frame.W/p.cell)))
	p.rows = max(1, int(math.Ceil(frame.H/p.cell)))
	if p.cols*p.rows > 1<<16 { // a huge frame: coarser cells
		p.cell = math.Max(frame.W, frame.H) / 256
		p.cols = max(1, int(math.Ceil(frame.W/p.cell)))
		p.rows = max(1, int(math.Ceil(frame.H/p.cell)))
	}
	n := p.cols * p.rows
	if cap(p.grid) < n {
		p.grid = append(p.grid[:cap(p.grid)], make([][]int32, n-cap(p.grid))...)
	}
	p.grid = p.grid[:n]
	for i := range p.grid {
		p.grid[i] = p.grid[i][:0]
	}
	p.boxes = p.boxes[:0]
	p.stamp = p.stamp[:0]
}

// cells returns the range of grid cells a box covers, clamped to the grid.
func (p *Placer) cells(b Box) (c0, r0, c1, r1 int) {
	f := p.frame
	c0 = clampInt(int(math.Floor((b.X-f.X)/p.cell)), 0, p.cols-1)
	c1 = clampInt(int(math.Floor((b.X+b.W-f.X)/p.cell)), 0, p.cols-1)
	r0 = clampInt(int(math.Floor((b.Y-f.Y)/p.cell)), 0, p.rows-1)
	r1 = clampInt(int(math.Floor((b.Y+b.H-f.Y)/p.cell)), 0, p.rows-1)
	return
}

func clampInt(x, lo, hi int) int { return max(lo, min(x, hi)) }

func (p *Placer) add(b Box) {
	k := int32(len(p.boxes))
	p.boxes = append(p.boxes, b)
	p.stamp = append(p.stamp, 0)
	c0, r0, c1, r1 := p.cells(b)
	for r := r0; r <= r1; r++ {
		for c := c0; c <= c1; c++ {
			i := r*p.cols + c
			p.grid[i] = append(p.grid[i], k)
		}
	}
}

// hits reports whether box b intersects any box placed so far.
func (p *Placer) hits(b Box) bool {
	p.query++
	if p.query == 0 { // wrapped around: forget the old stamps
		clear(p.stamp)
		p.query = 1
	}
	c0, r0, c1, r1 := p.cells(b)
	for r := r0; r <= r1; r++ {
		for c := c0; c <= c1; c++ {
			for _, k := range p.grid[r*p.cols+c] {
				if p.stamp[k] == p.query {
					continue
				}
				p.stamp[k] = p.query
				if p.boxes[k].Intersects(b) {
					return true
				}
			}
		}
	}
	return false
}

// LabelRoom is the distance from a country's label point to the nearest
// edge of its polygons (holes and the edges clipping made included): the
// radius of a circle around the label point inside the country, in which
// the centre of its name may move (Label.Room). It is 0 when the label point
// lies outside every polygon.
func (c *Country) LabelRoom() float64 {
	p := c.LabelAt
	inside := false
	room := math.Inf(1)
	for _, poly := range c.Polygons {
		for k, ring := range poly {
			if k == 0 && !inside && planar.RingContains(ring, p) {
				inside = true
			}
			for j := 1; j < len(ring); j++ {
				room = math.Min(room, planar.DistanceFromSegment(ring[j-1], ring[j], p))
			}
		}
	}
	if !inside || math.IsInf(room, 1) {
		return 0
	}
	return room
}
