package main

import (
	"strconv"
	"syscall/js"
	"time"

	"mapline/geo"
	"mapline/wasm/mapui"
)

// The list of all events in the page (list.go says why a long story shows a
// window of it, and when it waits for the slider).
type eventList struct {
	ol, rangeEl, earlier, later js.Value
	listState
	items []js.Value // the <li> of the events listed, items[i-w.lo] for event i
	task  idleTask   // catches the list up (settleList)
}

func newEventList(doc js.Value, ol js.Value) eventList {
	byID := func(id string) js.Value { return doc.Call("getElementById", id) }
	return eventList{ol: ol, rangeEl: byID("events-range"), earlier: byID("events-earlier"),
		later: byID("events-later"), listState: listState{current: -1}}
}

// listenList lets the buttons widen the list.
func (tl *timeline) listenList() {
	tl.p.on(tl.list.earlier, "click", nil, func(js.Value) { tl.in.More(-1) })
	tl.p.on(tl.list.later, "click", nil, func(js.Value) { tl.in.More(1) })
}

// buildList starts the list of a new story, before any event is current.
func (tl *timeline) buildList(s *geo.Story) {
	l := &tl.list
	l.ol.Call("replaceChildren")
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
			l.items[unmark-l.w.lo].Call("removeAttribute", "aria-current")
		}
		frames.wakeAt(at)
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
		frames.wakeAt(at)
		return
	}
	if l.task.run == nil {
		l.task.run = func() {
			if run, _ := l.settle(time.Now(), tl.sliding); run && tl.story != nil {
				tl.syncList(tl.story, tl.shown, time.Now())
			}
		}
	}
	frames.whenIdle(&l.task)
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
	focused := tl.p.doc.Get("activeElement").Equal(btn)
	tl.showList(s, w)
	if focused && btn.Get("hidden").Bool() && l.w.has(edge) {
		l.items[edge-l.w.lo].Call("querySelector", "button.choose").Call("focus")
	}
}

// showList makes the list hold the events of w: it adds items at either end
// when w widens the window listed, else builds it anew.
func (tl *timeline) showList(s *geo.Story, w span) {
	l := &tl.list
	var frag js.Value
	switch c, lo, hi := relist(l.w, w); c {
	case listKeep:
		return
	case listPrepend:
		var add []js.Value
		frag, add = tl.itemsOf(s, lo, hi, make([]js.Value, 0, hi-lo+len(l.items)))
		l.ol.Call("prepend", frag)
		l.items = append(add, l.items...)
	case listAppend:
		frag, l.items = tl.itemsOf(s, lo, hi, l.items)
		l.ol.Call("append", frag)
	default:
		frag, l.items = tl.itemsOf(s, lo, hi, l.items[:0])
		l.ol.Call("replaceChildren", frag)
		l.current = -1
	}
	l.w = w
	tl.showListRange(len(s.Events))
}

// itemsOf builds the items of events lo to hi-1 into a document fragment,
// appending them to items too.
func (tl *timeline) itemsOf(s *geo.Story, lo, hi int, items []js.Value) (js.Value, []js.Value) {
	frag := tl.p.doc.Call("createDocumentFragment")
	for i := lo; i < hi; i++ {
		li := tl.item(s, i)
		frag.Call("appendChild", li)
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
		el   js.Value
		text string
	}{{l.rangeEl, rng}, {l.earlier, earlier}, {l.later, later}} {
		if x.el.Truthy() {
			if x.text != "" {
				x.el.Set("textContent", x.text)
			}
			x.el.Set("hidden", x.text == "")
		}
	}
}

// markCurrent marks the current event's item and keeps it in sight in the
// list, without moving the page.
func (tl *timeline) markCurrent(cur int) {
	l := &tl.list
	unmark, ok := l.mark(cur)
	if unmark >= 0 {
		l.items[unmark-l.w.lo].Call("removeAttribute", "aria-current")
	}
	if !ok {
		return
	}
	item := l.items[cur-l.w.lo]
	item.Call("setAttribute", "aria-current", "true")
	box := tl.events.Get("parentElement")
	if to, ok := scrollTo(item.Get("offsetTop").Float(), item.Get("offsetHeight").Float(),
		box.Get("scrollTop").Float(), box.Get("clientHeight").Float()); ok {
		box.Set("scrollTop", to)
	}
}

// item builds the list item of event i: date, title, description, places
// and source. Text from data is set as text, never as HTML. In a partial
// list each item says where it stands in the whole story.
func (tl *timeline) item(s *geo.Story, i int) js.Value {
	el := tl.p.el
	e := &s.Events[i]
	li := el("li", "", "")
	if e.ID != "" {
		li.Set("id", "event-"+e.ID)
	}
	if pos, size, ok := setPlace(i, len(s.Events)); ok {
		li.Call("setAttribute", "aria-posinset", pos)
		li.Call("setAttribute", "aria-setsize", size)
	}
	b := el("button", "choose", "")
	b.Set("type", "button")
	b.Get("dataset").Set("index", strconv.Itoa(i))
	date := el("span", "date", "")
	tl.showDate(date, e.Time)
	b.Call("appendChild", date)
	if g := tl.p.dates.gregorianSpan(e.Time); g != "" {
		// The Gregorian date in the list too, not only on hover.
		b.Call("appendChild", el("span", "date-gregorian", tl.p.msg.Text("date.gregorian", "date", g)))
	}
	b.Call("appendChild", tl.p.dataText(el("span", "title", e.Title), e.Texts, "title"))
	li.Call("appendChild", b)
	if e.Description != "" {
		li.Call("appendChild", tl.p.dataText(el("p", "", e.Description), e.Texts, "description"))
	}
	if pl := tl.p.placesOf(s, e); pl != "" {
		li.Call("appendChild", el("p", "places", pl))
	}
	if e.Source != "" {
		src := el("p", "source", tl.p.msg.Text("source")+" ")
		span := el("span", "", "")
		tl.p.sourceInto(span, e.Source)
		src.Call("appendChild", span)
		li.Call("appendChild", src)
	}
	return li
}
