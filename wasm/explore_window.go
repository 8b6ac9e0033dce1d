package main

import (
	"math"
	"time"

	"mapline/geo"
)

// The time window chosen on the timeline: two range handles under the time
// slider (and a drag across their track) choose the from and to days that
// the day fields show too and the hash keeps (selection.from, .to). The
// handles run on the slider's own scale, hours from the story's track start
// (geo.Track), so that they line up with the event marks. Decided here;
// explore_js.go only reads the handles and the pointer.

// windowScale is the scale of the window's handles: a story's track.
type windowScale struct{ tr geo.Track }

// dayLayout is how the hash writes a day (the day fields show it in the page's digits).
const dayLayout = "2006-01-02"

// hours is the handles' max: as many as the time slider's.
func (w windowScale) hours() int { return w.tr.Hours() }

// at is the instant of handle value v.
func (w windowScale) at(v int) time.Time {
	return w.tr.Time(float64(v) / float64(w.hours()))
}

// day is the day a handle at v stands for: the from handle's day is the
// one v is in, the to (end) handle's the one that v ends.
func (w windowScale) day(v int, end bool) string {
	t := w.at(v)
	if end && v > 0 {
		t = t.Add(-time.Nanosecond)
	}
	return t.UTC().Format(dayLayout)
}

// side is the day a handle at v chooses for its side of the window: "" (the
// side left open) for the from handle at the track's start and the to
// handle at its end.
func (w windowScale) side(v int, end bool) string {
	if !end && v <= 0 || end && v >= w.hours() {
		return ""
	}
	return w.day(v, end)
}

// value is where a handle stands for a side of the window as the date
// inputs write it (day; "" or a day that cannot be read for the open side):
// from at the start of the day, to at its end, clamped to the track.
func (w windowScale) value(day string, end bool) int {
	h := w.hours()
	open := 0
	if end {
		open = h
	}
	if day == "" {
		return open
	}
	d, err := geo.ParseDate(day)
	if err != nil {
		return open
	}
	t := d.T
	if end {
		t = d.End()
	}
	return int(math.Round(w.tr.Pos(t) * float64(h)))
}

// drag is the window a drag across the track chooses, from position a (0
// to 1 along the track, in time's direction) where it began to b where it
// is: the days between, whichever way it went, at least one (a click
// chooses the day under it); past an end, that side opens.
func (w windowScale) drag(a, b float64) (from, to string) {
	lo, hi := math.Min(a, b), math.Max(a, b)
	h := float64(w.hours())
	f := int(math.Floor(lo * h))
	t := max(int(math.Ceil(hi*h)), f+24)
	return w.side(f, false), w.side(min(t, w.hours()), true)
}

// dragPos is the position in time's direction (0 to 1, clamped) of a
// pointer at x over a track at left, width wide; in a right-to-left page
// time runs from the right.
func dragPos(x, left, width float64, rtl bool) float64 {
	if !(width > 0) {
		return 0
	}
	p := math.Max(0, math.Min(1, (x-left)/width))
	if rtl {
		p = 1 - p
	}
	return p
}

// windowOrder keeps from ≤ to: the handle moved ("from" or "to") pushes
// the other along.
func windowOrder(from, to int, moved string) (int, int) {
	if from > to {
		if moved == "from" {
			to = from
		} else {
			from = to
		}
	}
	return from, to
}

// windowKey is where a key pressed on a window handle at v moves it, on a
// scale of top hours: ←/→ (↓/↑) a day (→ back in a right-to-left page),
// PageDown/PageUp thirty days, Home and End to the ends. ok is false for
// the keys that are not the handle's (Escape leaves it: explore_js.go).
func windowKey(key string, rtl bool, v, top int) (int, bool) {
	const day = 24
	switch key {
	case "ArrowRight", "ArrowUp", "ArrowLeft", "ArrowDown":
		v += arrowStep(key, rtl) * day
	case "PageUp":
		v += 30 * day
	case "PageDown":
		v -= 30 * day
	case "Home":
		v = 0
	case "End":
		v = top
	default:
		return v, false
	}
	return max(0, min(top, v)), true
}

// markOutside tells whether no event of mark m meets the window of f (its
// From and To; a zero one leaves that side open): such a mark is dimmed.
func markOutside(m geo.Mark, s *geo.Story, f geo.Filter) bool {
	if f.From.IsZero() && f.To.IsZero() {
		return false
	}
	for i := m.First; i <= m.Last && i < len(s.Events); i++ {
		e := &s.Events[i]
		if (f.From.IsZero() || e.Time.Until().After(f.From)) && (f.To.IsZero() || e.Time.Start.T.Before(f.To)) {
			return false
		}
	}
	return true
}
