package main

import (
	"testing"
	"time"

	"mapline/geo"
)

// A track of ten days from 2000-01-01 (240 hours).
var tenDays = windowScale{tr: geo.Track{Start: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2000, 1, 11, 0, 0, 0, 0, time.UTC)}}

// TestWindowDays: the handles' values (hours on the slider's scale) read as
// the days the hash writes, and back; a handle at its end of the
// track leaves that side open.
func TestWindowDays(t *testing.T) {
	if h := tenDays.hours(); h != 240 {
		t.Fatalf("hours = %d, want 240", h)
	}
	for _, tc := range []struct {
		name string
		v    int
		end  bool
		day  string
	}{
		{"from-at-the-start-is-open", 0, false, ""},
		{"to-at-the-end-is-open", 240, true, ""},
		{"from-second-day", 24, false, "2000-01-02"},
		{"from-inside-a-day", 30, false, "2000-01-02"},
		{"to-end-of-the-second-day", 48, true, "2000-01-02"},
		{"to-inside-a-day", 40, true, "2000-01-02"},
		{"to-at-the-start", 0, true, "2000-01-01"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tenDays.side(tc.v, tc.end); got != tc.day {
				t.Errorf("side(%d, end %v) = %q, want %q", tc.v, tc.end, got, tc.day)
			}
		})
	}
	for _, tc := range []struct {
		name string
		day  string
		end  bool
		v    int
	}{
		{"open-from", "", false, 0},
		{"open-to", "", true, 240},
		{"from-day", "2000-01-03", false, 48},
		{"to-day-is-its-end", "2000-01-03", true, 72},
		{"a-month-to", "2000-01", true, 240},
		{"before-the-story", "1999-05-01", false, 0},
		{"not-a-day", "soon", false, 0},
		{"not-a-day-to", "soon", true, 240},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tenDays.value(tc.day, tc.end); got != tc.v {
				t.Errorf("value(%q, end %v) = %d, want %d", tc.day, tc.end, got, tc.v)
			}
			if tc.day != "" && tc.v > 0 && tc.v < 240 {
				if back := tenDays.side(tc.v, tc.end); back != tc.day {
					t.Errorf("round trip: %q → %d → %q", tc.day, tc.v, back)
				}
			}
		})
	}
}

// TestWindowOrder: a handle dragged past the other pushes it along.
func TestWindowOrder(t *testing.T) {
	for _, tc := range []struct {
		name             string
		from, to         int
		moved            string
		wantFrom, wantTo int
	}{
		{"in-order", 24, 96, "from", 24, 96},
		{"from-past-to-pushes-to", 120, 96, "from", 120, 120},
		{"to-before-from-pushes-from", 96, 48, "to", 48, 48},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if f, to := windowOrder(tc.from, tc.to, tc.moved); f != tc.wantFrom || to != tc.wantTo {
				t.Errorf("windowOrder(%d, %d, %s) = %d, %d; want %d, %d", tc.from, tc.to, tc.moved, f, to, tc.wantFrom, tc.wantTo)
			}
		})
	}
}

// TestWindowDrag: a drag across the track chooses the days between where it
// began and where it is now, whichever way it goes, and in a right-to-left
// page time runs from the right.
func TestWindowDrag(t *testing.T) {
	for _, tc := range []struct {
		name     string
		x0, x1   float64 // px on a track 100 px wide at left 10
		rtl      bool
		from, to string
	}{
		{"left-to-right", 30, 50, false, "2000-01-03", "2000-01-04"},
		{"right-to-left-drag", 50, 30, false, "2000-01-03", "2000-01-04"},
		{"past-the-ends-opens-both", 0, 200, false, "", ""},
		{"a-click-chooses-a-day", 30, 30, false, "2000-01-03", "2000-01-03"},
		{"rtl-page", 30, 50, true, "2000-01-07", "2000-01-08"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := dragPos(tc.x0, 10, 100, tc.rtl), dragPos(tc.x1, 10, 100, tc.rtl)
			if from, to := tenDays.drag(a, b); from != tc.from || to != tc.to {
				t.Errorf("drag %v→%v = %q–%q, want %q–%q", tc.x0, tc.x1, from, to, tc.from, tc.to)
			}
		})
	}
}

// TestWindowKey: arrow keys move a handle a day (→ back in a right-to-left
// page), PageUp/PageDown a month, Home and End to the ends; Escape and
// other keys are not the handle's.
func TestWindowKey(t *testing.T) {
	for _, tc := range []struct {
		name string
		key  string
		rtl  bool
		v    int
		want int
		ok   bool
	}{
		{"right-a-day", "ArrowRight", false, 48, 72, true},
		{"left-a-day", "ArrowLeft", false, 48, 24, true},
		{"right-in-rtl-goes-back", "ArrowRight", true, 48, 24, true},
		{"up-a-day", "ArrowUp", false, 48, 72, true},
		{"stops-at-the-start", "ArrowLeft", false, 10, 0, true},
		{"stops-at-the-end", "PageUp", false, 200, 240, true},
		{"home", "Home", false, 100, 0, true},
		{"end", "End", false, 100, 240, true},
		{"escape-is-not-a-move", "Escape", false, 100, 100, false},
		{"tab-is-not-a-move", "Tab", false, 100, 100, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, ok := windowKey(tc.key, tc.rtl, tc.v, 240); got != tc.want || ok != tc.ok {
				t.Errorf("windowKey(%s, %d) = %d, %v; want %d, %v", tc.key, tc.v, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// TestMarkOutside: a mark is outside the window when none of its events
// meets it.
func TestMarkOutside(t *testing.T) {
	s := trackStory(t)
	first, last := s.Events[0].Time, s.Events[len(s.Events)-1].Time
	all := geo.Mark{First: 0, Last: len(s.Events) - 1}
	one := geo.Mark{First: 0, Last: 0}
	for _, tc := range []struct {
		name string
		m    geo.Mark
		f    geo.Filter
		want bool
	}{
		{"no-window", one, geo.Filter{}, false},
		{"window-after-the-first-event", one, geo.Filter{From: first.Until().Add(time.Hour)}, true},
		{"window-before-the-last-event-keeps-the-first", one, geo.Filter{To: last.Start.T}, false},
		{"a-mark-of-all-meets-any-window", all, geo.Filter{From: first.Until().Add(time.Hour)}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := markOutside(tc.m, s, tc.f); got != tc.want {
				t.Errorf("markOutside = %v, want %v", got, tc.want)
			}
		})
	}
}
