package main

import (
	"testing"
	"time"

	"mapline/geo/lang"
)

func TestWindowFor(t *testing.T) {
	for _, tc := range []struct {
		name   string
		n, cur int
		now    span
		want   span
	}{
		{"empty story", 0, -1, span{}, span{0, 0}},
		{"short story whole", 20, 7, span{}, span{0, 20}},
		{"longest whole story", listAll, 0, span{}, span{0, listAll}},
		{"first window", 100000, 0, span{}, span{0, listPage}},
		{"no event yet", 100000, -1, span{}, span{0, listPage}},
		{"a little before the current", 100000, 4000, span{}, span{4000 - listBefore, 4000 - listBefore + listPage}},
		{"kept while it holds the current", 100000, 4040, span{3995, 4045}, span{3995, 4045}},
		{"kept when widened", 100000, 3950, span{3945, 4145}, span{3945, 4145}},
		{"moves when the current leaves", 100000, 4045, span{3995, 4045}, span{4040, 4090}},
		{"ends at the last event", 100000, 99999, span{}, span{100000 - listPage, 100000}},
		{"a stale span past the end", 400, 10, span{390, 450}, span{5, 55}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := windowFor(tc.n, tc.cur, tc.now); got != tc.want {
				t.Errorf("windowFor(%d, %d, %v) = %v, want %v", tc.n, tc.cur, tc.now, got, tc.want)
			}
		})
	}
}

func TestSpanWiden(t *testing.T) {
	w := span{30, 80}
	if got := w.earlier(); got != (span{0, 80}) {
		t.Errorf("earlier = %v", got)
	}
	if got := (span{100, 150}).earlier(); got != (span{50, 150}) {
		t.Errorf("earlier = %v", got)
	}
	if got := w.later(100); got != (span{30, 100}) {
		t.Errorf("later = %v", got)
	}
	if got := w.later(1000); got != (span{30, 130}) {
		t.Errorf("later = %v", got)
	}
}

func TestRelist(t *testing.T) {
	for _, tc := range []struct {
		name   string
		old, w span
		c      listChange
		lo, hi int
	}{
		{"the same", span{10, 60}, span{10, 60}, listKeep, 0, 0},
		{"earlier events", span{60, 110}, span{10, 110}, listPrepend, 10, 60},
		{"later events", span{10, 60}, span{10, 110}, listAppend, 60, 110},
		{"a new window", span{10, 60}, span{4000, 4050}, listRebuild, 4000, 4050},
		{"the first window", span{}, span{0, 50}, listRebuild, 0, 50},
		{"a smaller window", span{10, 110}, span{10, 60}, listRebuild, 10, 60},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if c, lo, hi := relist(tc.old, tc.w); c != tc.c || lo != tc.lo || hi != tc.hi {
				t.Errorf("relist(%v, %v) = %v, %d, %d; want %v, %d, %d", tc.old, tc.w, c, lo, hi, tc.c, tc.lo, tc.hi)
			}
		})
	}
}

func TestListWords(t *testing.T) {
	w := newWords(lang.Get("en"), nil)
	for _, tc := range []struct {
		name                string
		w                   span
		n                   int
		rng, earlier, later string
	}{
		{"a whole list says nothing", span{0, 20}, 20, "", "", ""},
		{"the first window", span{0, 50}, 1000, "Events 1–50 of 1000", "", "Show 50 later events"},
		{"near the end", span{960, 999}, 1000, "Events 961–999 of 1000", "Show 50 earlier events", "Show 1 later event"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng, earlier, later := w.listWords(tc.w, tc.n)
			if rng != tc.rng || earlier != tc.earlier || later != tc.later {
				t.Errorf("listWords = %q, %q, %q; want %q, %q, %q", rng, earlier, later, tc.rng, tc.earlier, tc.later)
			}
		})
	}
}

func TestListStateSlideAndSettle(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	l := listState{w: span{0, 50}, current: 7}
	unmark, at := l.slide(t0)
	if unmark != 7 || !at.Equal(t0.Add(listSettle)) || l.current != -1 || !l.stale {
		t.Fatalf("slide = %d, %v (state %+v); want 7 unmarked, a look again after listSettle", unmark, at, l)
	}
	if unmark, _ := l.slide(t0.Add(10 * time.Millisecond)); unmark != -1 {
		t.Errorf("a second slide unmarks %d, want none", unmark)
	}
	slid := t0.Add(10 * time.Millisecond)
	for _, tc := range []struct {
		name    string
		now     time.Time
		sliding bool
		run     bool
		at      time.Time
	}{
		{"the slider still moves", slid.Add(time.Second), true, false, time.Time{}},
		{"too soon after the last input", slid.Add(listSettle / 2), false, false, slid.Add(listSettle)},
		{"the slider has rested", slid.Add(listSettle), false, true, time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			run, at := l.settle(tc.now, tc.sliding)
			if run != tc.run || !at.Equal(tc.at) {
				t.Errorf("settle = %v, %v; want %v, %v", run, at, tc.run, tc.at)
			}
		})
	}
	l.stale = false
	if run, at := l.settle(slid.Add(time.Hour), false); run || !at.IsZero() {
		t.Errorf("a list that does not wait: settle = %v, %v; want nothing to do", run, at)
	}
}

func TestListStateMark(t *testing.T) {
	for _, tc := range []struct {
		name         string
		w            span
		current, cur int
		unmark       int
		ok           bool
		after        int
	}{
		{"the first mark", span{0, 50}, -1, 3, -1, true, 3},
		{"the same event", span{0, 50}, 3, 3, -1, false, 3},
		{"the next event", span{0, 50}, 3, 4, 3, true, 4},
		{"an event not listed", span{0, 50}, 3, 60, 3, false, -1},
		{"from an event not listed", span{10, 50}, 5, 12, -1, true, 12},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := listState{w: tc.w, current: tc.current}
			unmark, ok := l.mark(tc.cur)
			if unmark != tc.unmark || ok != tc.ok || l.current != tc.after {
				t.Errorf("mark(%d) = %d, %v, current %d; want %d, %v, %d", tc.cur, unmark, ok, l.current, tc.unmark, tc.ok, tc.after)
			}
		})
	}
}

func TestScrollTo(t *testing.T) {
	for _, tc := range []struct {
		name                string
		itemTop, itemH, top float64
		to                  float64
		ok                  bool
	}{
		{"in sight", 120, 40, 100, 100, false},
		{"above the box", 50, 40, 100, 42, true},
		{"below the box", 380, 40, 100, 372, true},
		{"cut at the bottom", 290, 40, 100, 282, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			to, ok := scrollTo(tc.itemTop, tc.itemH, tc.top, 200)
			if to != tc.to || ok != tc.ok {
				t.Errorf("scrollTo = %v, %v; want %v, %v", to, ok, tc.to, tc.ok)
			}
		})
	}
}

func TestSpanWidenEdge(t *testing.T) {
	for _, tc := range []struct {
		name  string
		w     span
		dir   int
		n     int
		wider span
		edge  int
	}{
		{"a page before", span{100, 150}, -1, 1000, span{100 - listPage, 150}, 100 - listPage},
		{"a page after", span{100, 150}, 1, 1000, span{100, 150 + listPage}, 150 + listPage - 1},
		{"to the story's start", span{20, 70}, -1, 1000, span{0, 70}, 0},
		{"to the story's end", span{900, 980}, 1, 1000, span{900, 1000}, 999},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wider, edge := tc.w.widen(tc.dir, tc.n)
			if wider != tc.wider || edge != tc.edge {
				t.Errorf("%v.widen(%d) = %v, %d; want %v, %d", tc.w, tc.dir, wider, edge, tc.wider, tc.edge)
			}
		})
	}
}

func TestSetPlace(t *testing.T) {
	for _, tc := range []struct {
		name      string
		i, n      int
		pos, size int
		ok        bool
	}{
		{"a whole list says nothing", 4, listAll, 0, 0, false},
		{"a partial list", 4, listAll + 1, 5, listAll + 1, true},
		{"the last of many", 99999, 100000, 100000, 100000, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if pos, size, ok := setPlace(tc.i, tc.n); pos != tc.pos || size != tc.size || ok != tc.ok {
				t.Errorf("setPlace(%d, %d) = %d, %d, %v; want %d, %d, %v", tc.i, tc.n, pos, size, ok, tc.pos, tc.size, tc.ok)
			}
		})
	}
}
