package main

import (
	"testing"
	"time"
)

func TestAlarm(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	s := time.Second
	var a alarm
	for _, tc := range []struct {
		name  string
		t     time.Time // asked for
		now   time.Time
		d     time.Duration
		rearm bool
	}{
		{"the first", t0.Add(5 * s), t0, 5 * s, true},
		{"a later one waits for the earlier", t0.Add(8 * s), t0.Add(s), 0, false},
		{"the same time again", t0.Add(5 * s), t0.Add(2 * s), 0, false},
		{"an earlier one wins", t0.Add(3 * s), t0.Add(2 * s), s, true},
		{"after the last went off, a later one", t0.Add(9 * s), t0.Add(4 * s), 5 * s, true},
		{"a time past runs at once", t0.Add(8 * s), t0.Add(10 * s), 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, rearm := a.set(tc.t, tc.now)
			if d != tc.d || rearm != tc.rearm {
				t.Errorf("set(%v) at %v = %v, %v; want %v, %v", tc.t.Sub(t0), tc.now.Sub(t0), d, rearm, tc.d, tc.rearm)
			}
		})
	}
}

func TestAlarmCancel(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	s := time.Second
	for _, tc := range []struct {
		name   string
		set    []time.Duration // asked for, in order, at t0
		cancel time.Duration
		want   bool // the timer must stop
		after  time.Duration
		rearm  bool // a later ask at after sets the timer again
	}{
		{"the time set goes", []time.Duration{3 * s}, 3 * s, true, 5 * s, true},
		{"an earlier one replaced it: it stays", []time.Duration{3 * s, 1 * s}, 3 * s, false, 5 * s, false},
		{"not the time set", []time.Duration{3 * s}, 4 * s, false, 5 * s, false},
		{"nothing set", nil, 3 * s, false, 5 * s, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var a alarm
			for _, d := range tc.set {
				a.set(t0.Add(d), t0)
			}
			if got := a.cancel(t0.Add(tc.cancel)); got != tc.want {
				t.Errorf("cancel = %v, want %v", got, tc.want)
			}
			if _, rearm := a.set(t0.Add(tc.after), t0); rearm != tc.rearm {
				t.Errorf("a later ask after the cancel: rearm %v, want %v", rearm, tc.rearm)
			}
		})
	}
}

func TestFrameCount(t *testing.T) {
	var c frameCount
	c.end(5) // Ebitengine's first request, before any frame ran
	c.begin(10)
	c.end(14.5)
	c.begin(20)
	c.draws++
	c.end(21)
	c.begin(30) // still running
	got := c.take()
	work := got["work"].([]any)
	if got["frames"] != 3 || got["draws"] != 1 || len(work) != 2 || work[0] != 4.5 || work[1] != 1.0 {
		t.Errorf("take = %v, want 3 frames, 1 drawn, work [4.5 1]", got)
	}
	c.end(32)
	if got := c.take(); len(got["work"].([]any)) != 1 || got["frames"] != 3 {
		t.Errorf("the next take = %v, want only the frame since, 3 frames in all", got)
	}
	for range maxWork + 10 {
		c.begin(1)
		c.end(2)
	}
	if n := len(c.take()["work"].([]any)); n != maxWork {
		t.Errorf("%d frames of work kept, want at most %d", n, maxWork)
	}
}

func TestDrawReason(t *testing.T) {
	for _, tc := range []struct {
		name      string
		why0, why string
		dirty0    bool
		tiles     bool
		want      string
	}{
		{"the first frame", "first", "first", true, false, "first"},
		{"past the margin, with the tiles of the new view", "margin", "changed", true, true, "margin"},
		{"the gesture rests", "rest", "rest", true, false, "rest"},
		{"the gesture rests, the tiles in the same frame", "rest", "changed", true, true, "rest"},
		{"the tiles of the view come after the rest", "rest", "changed", false, true, "tiles"},
		{"at rest, the current event changes", "rest", "changed", false, false, "changed"},
		{"at rest, the story's time moves", "rest", "rest", false, false, "rest"},
		{"carried, the first basemap comes", "", "changed", true, true, "changed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := drawReason(tc.why0, tc.why, tc.dirty0, tc.tiles); got != tc.want {
				t.Errorf("drawReason(%q, %q, %v, %v) = %q; want %q", tc.why0, tc.why, tc.dirty0, tc.tiles, got, tc.want)
			}
		})
	}
}
