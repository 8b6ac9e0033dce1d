package mapui

import "mapline/geo"

// A Measurer measures texts as the page lays them out (wasm/carto_js.go: a
// hidden box of each text's class, all of them in one layout). Measuring
// lays the page out, which a frame can ill afford: Labels asks as seldom as
// it can.
type Measurer interface {
	// Measure sets sizes[i] to the size of texts[i] in CSS px.
	Measure(texts []Text, sizes []Size)
}

// A Text is a label's text and its CSS class (geo.Label.Class).
type Text struct{ Class, Text string }

// A Size is a text's size in CSS px.
type Size struct{ W, H float64 }

// Labels gives the labels of each scene their sizes (geo.Label.W, H), which
// geo's Placer needs. Each text is measured once: widths per class and
// text, heights per class; the last size of each label is a faster lookup
// while its class and text stay the same.
//
// While the map moves nothing is measured (Hold): a label shown in the last
// frame keeps its side, the others are left out. While the reader drags the
// time slider (Measure with lazy), or while texts already wait, the texts
// not measured yet wait for MeasureIdle, which the page calls when the
// browser is idle, a batch at a time.
type Labels struct {
	m       Measurer
	widths  map[Text]float64
	heights map[string]float64
	sizes   map[labelKey]labelSize

	pending []Text // texts to measure in this frame
	queued  map[Text]bool
	sized   []Size // reused by the calls of m

	later    []Text            // texts to measure when the browser is idle
	laterSet map[Text]bool     // the texts in later
	waiting  map[labelKey]bool // the labels whose texts Hold has seen to

	shown map[labelKey]shownLabel // the labels of the last placement
	gen   uint32                  // the last placement
}

type labelSize struct {
	class, text string
	w, h        float64
}

// labelKey names a label across frames: its kind and what it names.
type labelKey struct {
	kind geo.LabelKind
	ref  int
}

type shownLabel struct {
	gen  uint32 // the placement it was shown in
	side geo.Side
}

// MeasureIdleMax is how many texts one MeasureIdle measures.
const MeasureIdleMax = 100

// NewLabels makes the label sizes of a map, measured by m.
func NewLabels(m Measurer) *Labels {
	return &Labels{
		m: m, widths: map[Text]float64{}, heights: map[string]float64{},
		sizes: map[labelKey]labelSize{}, queued: map[Text]bool{}, waiting: map[labelKey]bool{}, laterSet: map[Text]bool{},
		shown: map[labelKey]shownLabel{},
	}
}

// Waiting tells whether texts wait to be measured by MeasureIdle.
func (c *Labels) Waiting() bool { return len(c.later) > 0 }

// Measure sets the size of every label, measuring the texts not measured
// yet, all in one layout; with lazy it leaves them to MeasureIdle (their
// labels are left out, W and H zero). It reports whether texts wait for
// MeasureIdle.
func (c *Labels) Measure(labels []geo.Label, lazy bool) (waits bool) {
	c.pending = c.pending[:0]
	for i := range labels {
		l := &labels[i]
		// The scene of the frame where a motion ends is the last one
		// of the motion: its labels were held.
		l.Keep, l.Drop = false, false
		k := labelKey{l.Kind, l.Ref}
		cl := l.Class()
		if sz, ok := c.sizes[k]; ok && sz.class == cl && sz.text == l.Text {
			l.W, l.H = sz.w, sz.h
			continue
		}
		mk := Text{cl, l.Text}
		if w, ok := c.widths[mk]; ok {
			l.W, l.H = w, c.heights[cl]
			c.sizes[k] = labelSize{cl, l.Text, l.W, l.H}
			continue
		}
		if lazy {
			// No layout inside the frame (the reader drags the slider,
			// or other texts already wait): the text is measured in an
			// idle callback, and the label shows in the frame after.
			c.wait(mk)
			continue
		}
		if !c.queued[mk] {
			c.queued[mk] = true
			c.pending = append(c.pending, mk)
		}
	}
	if len(c.pending) == 0 {
		return c.Waiting()
	}
	c.measure(c.pending)
	clear(c.queued)
	for i := range labels {
		l := &labels[i]
		if l.W == 0 {
			cl := l.Class()
			l.W, l.H = c.widths[Text{cl, l.Text}], c.heights[cl]
			c.sizes[labelKey{l.Kind, l.Ref}] = labelSize{cl, l.Text, l.W, l.H}
		}
	}
	return c.Waiting()
}

// measure measures texts in one call of the Measurer and keeps their sizes.
func (c *Labels) measure(texts []Text) {
	c.sized = append(c.sized[:0], make([]Size, len(texts))...)
	c.m.Measure(texts, c.sized)
	for i, t := range texts {
		c.widths[t] = c.sized[i].W
		if _, ok := c.heights[t.Class]; !ok {
			c.heights[t.Class] = c.sized[i].H
		}
	}
}

// wait queues a text for MeasureIdle.
func (c *Labels) wait(t Text) {
	if !c.laterSet[t] {
		c.laterSet[t] = true
		c.later = append(c.later, t)
	}
}

// Hold prepares the labels of a frame while the map moves: a label shown in
// the last placement keeps its side (geo.Label.Keep), the others are left
// out (Drop), and nothing is measured; the texts of labels that could not
// be kept wait for MeasureIdle. It reports whether texts wait.
func (c *Labels) Hold(labels []geo.Label) (waits bool) {
	for i := range labels {
		l := &labels[i]
		k := labelKey{l.Kind, l.Ref}
		sh, sz := c.shown[k], c.sizes[k]
		cl := l.Class()
		sized := sz.class == cl && sz.text == l.Text
		if sh.gen != c.gen || c.gen == 0 || !sized {
			l.Drop = true
			if !sized && !c.waiting[k] {
				// Looked at once per label while the map moves: the
				// text's key is a string, slower to hash than k.
				c.waiting[k] = true
				if mk := (Text{cl, l.Text}); !c.laterSet[mk] {
					if _, ok := c.widths[mk]; !ok {
						c.wait(mk)
					}
				}
			}
			continue
		}
		l.W, l.H, l.Keep, l.Side = sz.w, sz.h, true, sh.side
	}
	return c.Waiting()
}

// Placed records the labels shown by a placement (geo.Label.Shown and
// Side), which Hold keeps while the map moves.
func (c *Labels) Placed(labels []geo.Label) {
	c.gen++
	for i := range labels {
		if l := &labels[i]; l.Shown {
			c.shown[labelKey{l.Kind, l.Ref}] = shownLabel{c.gen, l.Side}
		}
	}
}

// MeasureIdle measures up to MeasureIdleMax of the waiting texts, all in one
// layout, so that the frame after the motion has their sizes. measured: it
// measured some (place the labels again); more: texts still wait (call it
// again when the browser is idle).
func (c *Labels) MeasureIdle() (measured, more bool) {
	n := min(len(c.later), MeasureIdleMax)
	if n == 0 {
		return false, false
	}
	batch := c.later[:n]
	c.measure(batch)
	for _, t := range batch {
		delete(c.laterSet, t)
	}
	c.later = append(c.later[:0], c.later[n:]...)
	if len(c.later) == 0 {
		clear(c.waiting)
	}
	return true, len(c.later) > 0
}
