package main

import (
	"strconv"
	"time"

	"mapline/geo"
	"mapline/wasm/mapui"
)

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

// widen is the span a page wider before (dir < 0) or after the span, within
// the story's n events, and the edge of the new span next to the button
// pressed (its first event before, its last after), where the focus goes if
// that button hides.
func (w span) widen(dir, n int) (wider span, edge int) {
	if dir > 0 {
		wider = w.later(n)
		return wider, wider.hi - 1
	}
	wider = w.earlier()
	return wider, wider.lo
}

// setPlace is where event i stands in a story of n events, said by each item
// of a partial list (aria-posinset, aria-setsize); ok is false when the
// list shows every event.
func setPlace(i, n int) (pos, size int, ok bool) {
	if n <= listAll {
		return 0, 0, false
	}
	return i + 1, n, true
}

// earlier and later widen the span by a page, within the story's n events.
func (w span) earlier() span    { return span{max(0, w.lo-listPage), w.hi} }
func (w span) later(n int) span { return span{w.lo, min(n, w.hi+listPage)} }

// listSettle is how long the slider rests before the list catches up with
// it (listState.settle).
const listSettle = 150 * time.Millisecond

// listState is what the list shows between frames: the events listed, the
// one marked current, and whether the current event waits to be listed
// while the reader drags the slider. The items are built when they come into
// the window, never all at once; while the reader drags the slider the list
// waits, and it catches up once the slider has rested for listSettle.
type listState struct {
	w       span      // the events listed
	current int       // the event marked current, -1 for none
	stale   bool      // the current event waits to be listed
	slidAt  time.Time // the last slider input while stale
}

// slide is the reader dragging the slider at now: the list stops marking
// an event (unmark, -1 when none listed is marked) and waits until at.
func (l *listState) slide(now time.Time) (unmark int, at time.Time) {
	unmark = -1
	if l.w.has(l.current) {
		unmark = l.current
	}
	l.current, l.stale, l.slidAt = -1, true, now
	return unmark, now.Add(listSettle)
}

// settle says whether a list that waits catches up now (run), or when to
// ask again (at; zero when it does not wait or the slider still moves).
func (l *listState) settle(now time.Time, sliding bool) (run bool, at time.Time) {
	if !l.stale || sliding {
		return false, time.Time{}
	}
	if now.Sub(l.slidAt) < listSettle {
		return false, l.slidAt.Add(listSettle)
	}
	return true, time.Time{}
}

// mark makes cur the event marked current: unmark is the item to unmark,
// -1 for none; ok says whether cur is listed, to be marked. Nothing changes
// when cur is marked already (unmark -1, ok false).
func (l *listState) mark(cur int) (unmark int, ok bool) {
	unmark = -1
	if cur == l.current {
		return -1, false
	}
	if l.w.has(l.current) {
		unmark = l.current
	}
	l.current = -1
	if !l.w.has(cur) {
		return unmark, false
	}
	l.current = cur
	return unmark, true
}

// scrollTo is where a list box scrolled to top, height px tall, scrolls to
// show an item at itemTop, itemHeight px tall (from the top of the list);
// ok is false when the item is in sight already. The item then shows a
// little below the box's top.
func scrollTo(itemTop, itemHeight, top, height float64) (to float64, ok bool) {
	if itemTop < top || itemTop+itemHeight > top+height {
		return itemTop - 8, true
	}
	return top, false
}

// A change of the span listed (relist).
type listChange int

const (
	listKeep    listChange = iota // nothing to do
	listPrepend                   // add the items of lo to hi-1 before the others
	listAppend                    // add the items of lo to hi-1 after the others
	listRebuild                   // build the list anew: the items of lo to hi-1
)

// relist is how a list showing old comes to show w: by adding items at
// one end when w widens old there, else built anew; lo, hi are the events
// whose items are built.
func relist(old, w span) (c listChange, lo, hi int) {
	switch {
	case w == old:
		return listKeep, 0, 0
	case old.len() > 0 && w.hi == old.hi && w.lo < old.lo:
		return listPrepend, w.lo, old.lo
	case old.len() > 0 && w.lo == old.lo && w.hi > old.hi:
		return listAppend, old.hi, w.hi
	}
	return listRebuild, w.lo, w.hi
}

// listWords are what a list of n events showing w says: the events it holds
// ("" when it holds all) and the buttons' texts for a page more before and
// after ("" hides a button).
func (wd words) listWords(w span, n int) (rng, earlier, later string) {
	num := wd.dates.number
	if w.lo != 0 || w.hi != n {
		rng = wd.msg.Text("list.range", "from", num(w.lo+1), "to", num(w.hi), "n", num(n))
	}
	more := func(key string, k int) string {
		if k <= 0 {
			return ""
		}
		return wd.msg.Plural(key, k, "n", num(k))
	}
	return rng, more("list.earlier", min(listPage, w.lo)), more("list.later", min(listPage, n-w.hi))
}

// The list of all events in the page (listState says why a long story shows
// a window of it, and when it waits for the slider).
type eventList struct {
	ol, rangeEl, earlier, later node
	listState
	items []node   // the <li> of the events listed, items[i-w.lo] for event i
	task  idleTask // catches the list up (settleList)
}

func newEventList(doc document, ol node) eventList {
	return eventList{ol: ol, rangeEl: doc.byID("events-range"), earlier: doc.byID("events-earlier"),
		later: doc.byID("events-later"), listState: listState{current: -1}}
}

// buildList starts the list of a new story, before any event is current.
func (tl *timeline) buildList(s *geo.Story) {
	l := &tl.list
	l.ol.clear()
	l.listState, l.items = listState{current: -1}, l.items[:0]
	tl.showList(s, windowFor(len(s.Events), 0, span{}))
}

// syncList lists the current event, marks it and scrolls it into sight,
// unless the reader is dragging the slider: then the list waits (a frame is
// asked for when the slider has rested), for scrolling it lays the page out.
func (tl *timeline) syncList(s *geo.Story, cur int, now time.Time) {
	l := &tl.list
	if tl.sliding {
		unmark, at := l.slide(now)
		if unmark >= 0 {
			l.items[unmark-l.w.lo].delAttr("aria-current")
		}
		sched.wakeAt(at)
		return
	}
	l.stale = false
	tl.showList(s, windowFor(len(s.Events), cur, l.w))
	tl.markCurrent(cur)
}

// settleList catches the list up once the slider has rested, in an idle
// callback rather than in a frame: building the items of a new window took
// 20 ms in a profile, and a reader who pauses the slider for a moment
// may drag it on.
func (tl *timeline) settleList(st *mapui.State, now time.Time) {
	l := &tl.list
	run, at := l.settle(now, tl.sliding)
	if st.Map().Story == nil || !run && at.IsZero() {
		return
	}
	if !run {
		sched.wakeAt(at)
		return
	}
	if l.task.run == nil {
		l.task.run = func() {
			if run, _ := l.settle(time.Now(), tl.sliding); run && tl.story != nil {
				tl.syncList(tl.story, tl.shown, time.Now())
			}
		}
	}
	sched.whenIdle(&l.task)
}

// widen adds a page of events before (dir < 0) or after the list. A button
// that has nothing more to show hides; if it had the focus, the focus goes
// to the event next to it, not to the page's start.
func (tl *timeline) widen(s *geo.Story, dir int) {
	l := &tl.list
	if l.w.len() == 0 {
		return
	}
	w, edge := l.w.widen(dir, len(s.Events))
	btn := l.earlier
	if dir > 0 {
		btn = l.later
	}
	focused := btn.focused()
	tl.showList(s, w)
	if focused && btn.flag("hidden") && l.w.has(edge) {
		l.items[edge-l.w.lo].query("button.choose").focus()
	}
}

// showList makes the list hold the events of w: it adds items at either end
// when w widens the window listed, else builds it anew.
func (tl *timeline) showList(s *geo.Story, w span) {
	l := &tl.list
	var frag node
	switch c, lo, hi := relist(l.w, w); c {
	case listKeep:
		return
	case listPrepend:
		var add []node
		frag, add = tl.itemsOf(s, lo, hi, make([]node, 0, hi-lo+len(l.items)))
		l.ol.prepend(frag)
		l.items = append(add, l.items...)
	case listAppend:
		frag, l.items = tl.itemsOf(s, lo, hi, l.items)
		l.ol.append(frag)
	default:
		frag, l.items = tl.itemsOf(s, lo, hi, l.items[:0])
		l.ol.clear()
		l.ol.append(frag)
		l.current = -1
	}
	l.w = w
	tl.showListRange(len(s.Events))
}

// itemsOf builds the items of events lo to hi-1 into a document fragment,
// appending them to items too.
func (tl *timeline) itemsOf(s *geo.Story, lo, hi int, items []node) (node, []node) {
	frag := tl.p.doc.fragment()
	for i := lo; i < hi; i++ {
		li := tl.item(s, i)
		frag.append(li)
		items = append(items, li)
	}
	return frag, items
}

// showListRange says which events a partial list holds and shows the
// buttons for the others (words.listWords).
func (tl *timeline) showListRange(n int) {
	l := &tl.list
	rng, earlier, later := tl.p.listWords(l.w, n)
	for _, x := range []struct {
		el   node
		text string
	}{{l.rangeEl, rng}, {l.earlier, earlier}, {l.later, later}} {
		if x.text != "" {
			x.el.setText(x.text)
		}
		x.el.set("hidden", x.text == "")
	}
}

// markCurrent marks the current event's item and keeps it in sight in the
// list, without moving the page.
func (tl *timeline) markCurrent(cur int) {
	l := &tl.list
	unmark, ok := l.mark(cur)
	if unmark >= 0 {
		l.items[unmark-l.w.lo].delAttr("aria-current")
	}
	if !ok {
		return
	}
	item := l.items[cur-l.w.lo]
	item.setAttr("aria-current", "true")
	box := tl.events.parent()
	if to, ok := scrollTo(item.num("offsetTop"), item.num("offsetHeight"),
		box.num("scrollTop"), box.num("clientHeight")); ok {
		box.set("scrollTop", to)
	}
}

// item builds the list item of event i: date, title, description, places
// and source. Text from data is set as text, never as HTML. In a partial
// list each item says where it stands in the whole story.
func (tl *timeline) item(s *geo.Story, i int) node {
	el := tl.p.el
	e := &s.Events[i]
	li := el("li", "", "")
	if e.ID != "" {
		li.setAttr("id", "event-"+e.ID)
	}
	if pos, size, ok := setPlace(i, len(s.Events)); ok {
		li.setAttr("aria-posinset", strconv.Itoa(pos))
		li.setAttr("aria-setsize", strconv.Itoa(size))
	}
	b := el("button", "choose", "")
	b.set("type", "button")
	b.setAttr("data-index", strconv.Itoa(i))
	date := el("span", "date", "")
	tl.showDate(date, e.Time)
	b.append(date)
	if g := tl.p.dates.gregorianSpan(e.Time); g != "" {
		// The Gregorian date in the list too, not only on hover.
		b.append(el("span", "date-gregorian", tl.p.msg.Text("date.gregorian", "date", g)))
	}
	b.append(tl.p.dataText(el("span", "title", e.Title), e.Texts, "title"))
	li.append(b)
	if e.Description != "" {
		li.append(tl.p.dataText(el("p", "", e.Description), e.Texts, "description"))
	}
	if pl := tl.p.placesOf(s, e); pl != "" {
		li.append(el("p", "places", pl))
	}
	if e.Source != "" {
		src := el("p", "source", tl.p.msg.Text("source")+" ")
		span := el("span", "", "")
		tl.p.sourceInto(span, e.Source)
		src.append(span)
		li.append(src)
	}
	return li
}
