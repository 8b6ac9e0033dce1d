package main

// The list of all events is the story in words, for every reader and for
// screen readers. A story of a few hundred events lists them all. A larger
// one (a newsroom's data set of 100,000 rows) lists a window of them round
// the current event, with buttons for the events before and after: building
// and laying out 100,000 list items took over a minute in Chromium, and
// every change of the current event then forced a layout of all of them.

const (
	// listAll is the most events a list shows whole.
	listAll = 300
	// listPage is how many events a window holds at first, and how many
	// more the buttons add.
	listPage = 50
	// listBefore is how many events before the current one a new window
	// starts with, so the reader sees a little of what led to it.
	listBefore = 5
)

// span is the events a list shows: from lo up to, not including, hi.
type span struct{ lo, hi int }

func (w span) has(i int) bool { return i >= w.lo && i < w.hi }
func (w span) len() int       { return w.hi - w.lo }

// windowFor is the span the list should show for the current event cur of
// n events, given the span it shows now: all of a short story; the same
// span while it holds cur; else a new one starting a little before cur.
func windowFor(n, cur int, now span) span {
	if n <= listAll {
		return span{0, n}
	}
	if cur < 0 {
		cur = 0
	}
	if now.len() > 0 && now.hi <= n && now.has(cur) {
		return now
	}
	lo := max(0, min(cur-listBefore, n-listPage))
	return span{lo, min(n, lo+listPage)}
}

// earlier and later widen the span by a page, within the story's n events.
func (w span) earlier() span    { return span{max(0, w.lo-listPage), w.hi} }
func (w span) later(n int) span { return span{w.lo, min(n, w.hi+listPage)} }
