package mapui

import (
	"math"
	"strconv"

	"mapline/geo"
)

// LabelDivs keeps what the div of each label shows, so that a placement
// changes in the page only what changed: Layout lists the changes, the page
// applies them (wasm/carto_js.go). A label keeps its div across frames; the
// divs of labels not shown are hidden, never removed.
type LabelDivs struct {
	divs    map[labelKey]*labelDiv
	all     []*labelDiv // by number
	gen     uint32      // the last placement
	buf     []byte      // a transform, written
	changes []DivChange
}

type labelDiv struct {
	n           int
	text, class string
	x, y        float64 // the box's place, as in the transform
	hidden      bool
	gen         uint32 // the last placement that showed it
}

// A DivChange is what changes on one div.
type DivChange struct {
	Div       int    // the div's number: 0, 1, … in the order they were made
	New       bool   // make the div (numbers come in order)
	Text      string // with SetText: its text
	Class     string // with SetClass: its class
	Transform string // "" unchanged: translate(Xpx,Ypx)
	SetText   bool
	SetClass  bool
	Show      bool
	Hide      bool
}

// NewLabelDivs makes the divs of a map's labels, none yet.
func NewLabelDivs() *LabelDivs { return &LabelDivs{divs: map[labelKey]*labelDiv{}} }

// Layout lists the changes that make the divs show the labels placed
// (geo.Label.Shown): a div per label, made the first time it shows, with
// the label's text, class and place (to 1/100 px); the divs of the labels
// not shown are hidden and lose their status class (".label.current" finds
// the current sites' labels on the map). The list is valid until the next
// call.
func (d *LabelDivs) Layout(labels []geo.Label) []DivChange {
	d.gen++
	d.changes = d.changes[:0]
	for i := range labels {
		l := &labels[i]
		if !l.Shown {
			continue
		}
		k := labelKey{l.Kind, l.Ref}
		e := d.divs[k]
		ch := DivChange{}
		if e == nil {
			e = &labelDiv{n: len(d.all), x: math.NaN()}
			d.all = append(d.all, e)
			d.divs[k] = e
			ch.New = true
		}
		ch.Div = e.n
		e.gen = d.gen
		if e.text != l.Text || ch.New {
			e.text, ch.Text, ch.SetText = l.Text, l.Text, true
		}
		if cl := l.Class(); e.class != cl {
			e.class, ch.Class, ch.SetClass = cl, cl, true
		}
		if x, y := math.Round(l.Box.X*100)/100, math.Round(l.Box.Y*100)/100; x != e.x || y != e.y {
			e.x, e.y = x, y
			d.buf = append(strconv.AppendFloat(append(strconv.AppendFloat(append(d.buf[:0], "translate("...), x, 'f', 2, 64), "px,"...), y, 'f', 2, 64), "px)"...)
			ch.Transform = string(d.buf)
		}
		if e.hidden {
			e.hidden, ch.Show = false, true
		}
		if ch != (DivChange{Div: e.n}) {
			d.changes = append(d.changes, ch)
		}
	}
	for _, e := range d.all {
		if e.gen != d.gen && !e.hidden {
			e.hidden, e.class = true, "label"
			d.changes = append(d.changes, DivChange{Div: e.n, Hide: true, Class: "label", SetClass: true})
		}
	}
	return d.changes
}
