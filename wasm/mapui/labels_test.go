package mapui

import (
	"fmt"
	"testing"

	"mapline/geo"
)

// ruler measures as a page would, more or less: 7 px a letter, a height per
// class. It counts its layouts and the texts it was asked for.
type ruler struct {
	layouts int
	texts   []Text
}

func (r *ruler) Measure(texts []Text, sizes []Size) {
	r.layouts++
	for i, t := range texts {
		r.texts = append(r.texts, t)
		sizes[i] = Size{W: 7 * float64(len([]rune(t.Text))), H: float64(10 + len(t.Class))}
	}
}

// cityLabels are n labels of reference cities named "city 0", "city 1", ….
func cityLabels(n int) []geo.Label {
	ls := make([]geo.Label, n)
	for i := range ls {
		ls[i] = geo.Label{Kind: geo.CityLabel, Ref: i, Text: fmt.Sprintf("city %d", i)}
	}
	return ls
}

func TestLabels(t *testing.T) {
	for _, tc := range []struct {
		name string
		run  func(t *testing.T, c *Labels, r *ruler)
	}{
		{"each text is measured once, in one layout", func(t *testing.T, c *Labels, r *ruler) {
			ls := cityLabels(3)
			if c.Measure(ls, false) {
				t.Error("texts wait after a measure that was not lazy")
			}
			if r.layouts != 1 || len(r.texts) != 3 {
				t.Errorf("%d layouts for %d texts, want 1 for 3", r.layouts, len(r.texts))
			}
			if ls[2].W != float64(7*len("city 2")) || ls[2].H != float64(10+len(ls[2].Class())) {
				t.Errorf("size %v×%v", ls[2].W, ls[2].H)
			}
			again := cityLabels(3)
			c.Measure(again, false)
			if r.layouts != 1 || again[1].W != ls[1].W {
				t.Errorf("measured again: %d layouts, width %v", r.layouts, again[1].W)
			}
		}},
		{"one text of two labels is measured once", func(t *testing.T, c *Labels, r *ruler) {
			ls := cityLabels(2)
			ls[1].Text = ls[0].Text
			c.Measure(ls, false)
			if len(r.texts) != 1 || ls[1].W != ls[0].W || ls[1].W == 0 {
				t.Errorf("texts %v, widths %v %v", r.texts, ls[0].W, ls[1].W)
			}
		}},
		{"a lazy frame leaves new texts to idle time", func(t *testing.T, c *Labels, r *ruler) {
			ls := cityLabels(2)
			if !c.Measure(ls, true) || r.layouts != 0 || ls[0].W != 0 {
				t.Fatalf("lazy: %d layouts, width %v", r.layouts, ls[0].W)
			}
			if measured, more := c.MeasureIdle(); !measured || more || r.layouts != 1 {
				t.Errorf("idle: measured %v more %v after %d layouts", measured, more, r.layouts)
			}
			c.Measure(ls, true)
			if ls[0].W == 0 || r.layouts != 1 {
				t.Errorf("after idle: width %v, %d layouts", ls[0].W, r.layouts)
			}
			if measured, _ := c.MeasureIdle(); measured {
				t.Error("idle measured with nothing waiting")
			}
		}},
		{"idle time measures a batch at a time", func(t *testing.T, c *Labels, r *ruler) {
			c.Measure(cityLabels(2*MeasureIdleMax+50), true)
			var got []int
			for more := true; more; {
				before := len(r.texts)
				_, more = c.MeasureIdle()
				got = append(got, len(r.texts)-before)
			}
			if want := fmt.Sprint([]int{MeasureIdleMax, MeasureIdleMax, 50}); fmt.Sprint(got) != want {
				t.Errorf("batches %v, want %s", got, want)
			}
		}},
		{"while the map moves the labels shown keep their sides", func(t *testing.T, c *Labels, r *ruler) {
			ls := cityLabels(3)
			c.Measure(ls, false)
			ls[0].Shown, ls[0].Side = true, geo.Side(2)
			ls[1].Shown, ls[1].Side = true, geo.Side(1)
			c.Placed(ls)
			moving := cityLabels(3)
			if c.Hold(moving) {
				t.Error("texts wait, all were measured")
			}
			for i, want := range []struct {
				keep bool
				side geo.Side
			}{{true, 2}, {true, 1}, {false, 0}} {
				l := moving[i]
				if l.Keep != want.keep || l.Drop == want.keep || l.Side != want.side {
					t.Errorf("label %d: keep %v drop %v side %v, want keep %v side %v", i, l.Keep, l.Drop, l.Side, want.keep, want.side)
				}
			}
			if r.layouts != 1 {
				t.Errorf("%d layouts while the map moved", r.layouts-1)
			}
			// The next placement forgets the labels it does not show.
			next := cityLabels(3)
			c.Measure(next, false)
			next[1].Shown = true
			c.Placed(next)
			held := cityLabels(3)
			c.Hold(held)
			if held[0].Keep || !held[1].Keep {
				t.Errorf("after a placement showing only label 1: keep %v %v", held[0].Keep, held[1].Keep)
			}
		}},
		{"a new text while the map moves waits for idle time", func(t *testing.T, c *Labels, r *ruler) {
			ls := cityLabels(1)
			c.Measure(ls, false)
			ls[0].Shown = true
			c.Placed(ls)
			moving := cityLabels(1)
			moving[0].Text = "renamed"
			if !c.Hold(moving) || !moving[0].Drop || r.layouts != 1 {
				t.Fatalf("waits %v drop %v, %d layouts", c.Waiting(), moving[0].Drop, r.layouts)
			}
			c.Hold(moving) // seen once per label while the map moves
			if len(c.later) != 1 {
				t.Errorf("%d texts wait, want 1", len(c.later))
			}
			c.MeasureIdle()
			if r.texts[len(r.texts)-1].Text != "renamed" || c.Waiting() {
				t.Errorf("idle measured %v, waiting %v", r.texts, c.Waiting())
			}
		}},
		{"before any placement nothing is kept", func(t *testing.T, c *Labels, r *ruler) {
			ls := cityLabels(2)
			c.Measure(ls, false)
			c.Hold(ls)
			if ls[0].Keep || !ls[0].Drop {
				t.Errorf("keep %v drop %v", ls[0].Keep, ls[0].Drop)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &ruler{}
			tc.run(t, NewLabels(r), r)
		})
	}
}
