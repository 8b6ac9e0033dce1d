package main

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"syscall/js"
	"time"

	"mapline/geo"
	"mapline/geo/lang"
)

// timeline is the bridge to the story's controls: the time slider with a
// mark per event, previous / play / next, the options (mode, speed, loop,
// follow), the event card, the list of all events, the live region, and the
// page's URL hash. DOM callbacks only record; apply hands the input to the
// state in Update.
type timeline struct {
	p                                      *page
	slider, play, prev, next, marks        js.Value
	mode, speed, loop, follow              js.Value
	date, title, desc, places, source      js.Value
	live, events, banner, pulses, startEnd js.Value

	mu sync.Mutex
	in timelineInput

	story     *geo.Story
	track     geo.Track
	list      eventList // the list of all events (list_js.go)
	markEls   []js.Value
	marksW    float64     // track width the marks were laid out for
	marksOf   []geo.Mark  // the marks, for their state
	markClass []string    // the class each mark has now
	shown     int         // the event on show, -1 for none
	playing   bool        // the play button's state on show
	sliding   bool        // the reader is dragging the slider: do not move its thumb
	hash      string      // the URL hash last written
	hashWant  string      // the URL hash for the reader's place now
	hashAt    time.Time   // when it was last written
	pulseAt   map[int]int // site → pulse element index, for the current event
	autoplay  bool        // play once the story is there (autoplay=true)
}

type timelineInput struct {
	goTo       int     // an event to show, -1 for none
	step       int     // -1 previous, +1 next
	slide      float64 // a slider position 0..1, -1 for none
	togglePlay bool
	mode       string
	speed      float64
	loop       int // 0 unchanged, 1 on, -1 off
	follow     int
	host       []command // the host page's commands (host_js.go)
	more       int       // widen the list: -1 earlier, +1 later
}

func newTimeline(p *page) *timeline {
	doc := p.doc
	byID := func(id string) js.Value { return doc.Call("getElementById", id) }
	return &timeline{
		p: p, slider: byID("timeline"), play: byID("play"), prev: byID("prev"), next: byID("next"),
		marks: byID("track-marks"), mode: byID("mode"), speed: byID("speed"), loop: byID("loop"), follow: byID("follow"),
		date: byID("card-date"), title: byID("card-title"), desc: byID("card-desc"), places: byID("card-places"),
		source: byID("card-source"), live: byID("live"), events: byID("events"), banner: byID("banner"),
		pulses: byID("map-pulses"), shown: -1, in: timelineInput{goTo: -1, slide: -1},
		list: newEventList(doc, byID("events")),
	}
}

func (tl *timeline) record(f func(in *timelineInput)) {
	tl.mu.Lock()
	f(&tl.in)
	tl.mu.Unlock()
}

// listen registers the controls' listeners.
func (tl *timeline) listen() {
	p := tl.p
	p.on(tl.slider, "input", nil, func(js.Value) {
		v, err1 := strconv.ParseFloat(tl.slider.Get("value").String(), 64)
		mx, err2 := strconv.ParseFloat(tl.slider.Get("max").String(), 64)
		if err1 == nil && err2 == nil && mx > 0 {
			// The latest of the inputs in one frame wins.
			tl.record(func(in *timelineInput) { in.slide, in.step, in.goTo = v/mx, 0, -1 })
		}
	})
	// On the slider ←/→ (↓/↑) step through the events one by one, Home and
	// End go to the first and last, Space plays or pauses. PageUp/PageDown
	// and dragging keep the range input's own behaviour (move in time).
	p.on(tl.slider, "keydown", nil, func(e js.Value) {
		if e.Get("altKey").Bool() || e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() {
			return
		}
		handled := true
		switch key := e.Get("key").String(); key {
		case "ArrowRight", "ArrowUp", "ArrowLeft", "ArrowDown":
			step := arrowStep(key, p.rtl)
			tl.record(func(in *timelineInput) { in.step, in.slide = in.step+step, -1 })
		case "Home":
			tl.record(func(in *timelineInput) { in.goTo, in.step, in.slide = 0, 0, -1 })
		case "End":
			tl.record(func(in *timelineInput) { in.goTo, in.step, in.slide = 1<<30, 0, -1 })
		case " ", "Spacebar":
			tl.record(func(in *timelineInput) { in.togglePlay = true })
		default:
			handled = false
		}
		if handled {
			e.Call("preventDefault")
		}
	})
	p.on(tl.prev, "click", nil, func(js.Value) { tl.record(func(in *timelineInput) { in.step-- }) })
	p.on(tl.next, "click", nil, func(js.Value) { tl.record(func(in *timelineInput) { in.step++ }) })
	p.on(tl.play, "click", nil, func(js.Value) { tl.record(func(in *timelineInput) { in.togglePlay = true }) })
	p.on(tl.mode, "change", nil, func(js.Value) {
		v := tl.mode.Get("value").String()
		tl.record(func(in *timelineInput) { in.mode = v })
	})
	p.on(tl.speed, "change", nil, func(js.Value) {
		if v, err := strconv.ParseFloat(tl.speed.Get("value").String(), 64); err == nil {
			tl.record(func(in *timelineInput) { in.speed = v })
		}
	})
	p.on(tl.loop, "change", nil, func(js.Value) {
		on := tl.loop.Get("checked").Bool()
		tl.record(func(in *timelineInput) { in.loop = map[bool]int{true: 1, false: -1}[on] })
	})
	p.on(tl.follow, "change", nil, func(js.Value) {
		on := tl.follow.Get("checked").Bool()
		tl.record(func(in *timelineInput) { in.follow = map[bool]int{true: 1, false: -1}[on] })
	})
	// Choosing an event in the list moves the timeline.
	p.on(tl.events, "click", nil, func(e js.Value) {
		b := e.Get("target").Call("closest", "button.choose")
		if !b.Truthy() {
			return
		}
		if i, err := strconv.Atoi(b.Get("dataset").Get("index").String()); err == nil {
			tl.record(func(in *timelineInput) { in.goTo = i })
		}
	})
	tl.listenList()
}

// options shows the URL's choices in the controls.
func (tl *timeline) options(pr params) {
	tl.mode.Set("value", pr.mode.String())
	tl.autoplay = pr.play
}

// apply hands the controls' input to the state.
func (tl *timeline) apply(st *state, now time.Time) {
	tl.mu.Lock()
	in := tl.in
	tl.in = timelineInput{goTo: -1, slide: -1}
	tl.mu.Unlock()
	s := st.m.Story
	if s == nil || len(s.Events) == 0 {
		if len(in.host) > 0 && s == nil { // kept (a few) until the story is there
			tl.record(func(later *timelineInput) {
				later.host = append(in.host, later.host...)[:min(16, len(in.host)+len(later.host))]
			})
		}
		return
	}
	if tl.autoplay {
		// Never start by itself when the reader prefers reduced motion.
		tl.autoplay = false
		if !st.still {
			st.play(now)
		}
	}
	tl.sliding = false
	switch {
	case in.slide >= 0:
		st.pause()
		tl.sliding = true
		st.goTo(max(0, s.AtTime(tl.track.Time(in.slide))), now)
	case in.step != 0:
		st.pause()
		st.goTo(st.cur+in.step, now)
	case in.goTo >= 0:
		st.pause()
		st.goTo(min(in.goTo, len(s.Events)-1), now)
	}
	tl.runHost(st, in.host, now)
	if in.more != 0 {
		tl.widen(s, in.more)
	}
	tl.settleList(st, now)
	if in.togglePlay {
		if st.story.playing {
			st.pause()
		} else {
			st.play(now)
		}
	}
	if in.mode != "" {
		if m, ok := geo.ParseMode(in.mode); ok {
			st.setMode(m)
		}
	}
	if in.speed > 0 {
		st.story.speed = in.speed
	}
	if in.loop != 0 {
		st.story.loop = in.loop > 0
	}
	if in.follow != 0 {
		st.story.follow = in.follow > 0
		if st.story.follow {
			st.aim()
		}
	}
}

// showStory sets up the controls for a story: the slider's scale, its marks,
// the dates at its ends and the list of all events.
func (tl *timeline) showStory(s *geo.Story) {
	tl.story, tl.track, tl.shown = s, s.Track(), -1
	tl.p.storyLang = s.Lang
	// A story without a title leaves the bar empty, not "Loading the story…".
	tl.p.storyTitle.Set("textContent", s.Title)
	if s.Title != "" {
		tl.p.dataText(tl.p.storyTitle, s.Texts, "title")
	}
	n := len(s.Events)
	for _, b := range []js.Value{tl.slider, tl.prev, tl.next, tl.play} {
		b.Set("disabled", n == 0)
	}
	tl.play.Set("disabled", n < 2)
	tl.slider.Set("max", tl.track.Hours())
	if n > 0 {
		first := geo.Span{Start: s.Events[0].Time.Start}
		tl.showDate(tl.p.doc.Call("getElementById", "timeline-start"), first)
		tl.showDate(tl.p.doc.Call("getElementById", "timeline-end"), s.Events[n-1].Time)
	}
	tl.buildList(s)
	tl.layoutMarks()
	tl.p.setText("map-desc", tl.mapDescription(s))
}

// showDate writes a date into el in the reader's calendar, with the
// Gregorian date as its title when that calendar is another one.
func (tl *timeline) showDate(el js.Value, sp geo.Span) {
	if !el.Truthy() {
		return
	}
	el.Set("textContent", tl.p.dates.span(sp))
	if g := tl.p.dates.gregorianSpan(sp); g != "" {
		el.Call("setAttribute", "title", tl.p.msg.Text("date.gregorian", "date", g))
	} else {
		el.Call("removeAttribute", "title")
	}
}

// mapDescription says in words what the map shows, for screen readers (the
// canvas's aria-describedby).
func (tl *timeline) mapDescription(s *geo.Story) string {
	msg := tl.p.msg
	var places []string
	for _, st := range s.Sites {
		places = append(places, msg.Text("place.kind", "name", st.Name, "kind", strings.ToLower(tl.p.kindName(st.Kind))))
	}
	n := len(s.Sites)
	d := msg.Plural("map.desc", n, "n", tl.p.dates.number(n), "places", strings.Join(places, msg.Text("list.sep")))
	return d + " " + msg.Text("map.desc.more")
}

// dataText marks an element holding the story's text of field: its
// direction is that of its first strong letter (an English title in an
// Arabic page reads left to right, and the other way round), and its
// language, for screen readers, the story's own ("lang" of the file) when
// the story has no text of the field in the page's language.
func (p *page) dataText(el js.Value, texts geo.Texts, field string) js.Value {
	el.Call("setAttribute", "dir", "auto")
	if l := p.storyLang; l != "" && !texts.Has(field, p.msg.Lang) && lang.Match(l) != p.msg.Lang {
		el.Call("setAttribute", "lang", l)
	} else {
		el.Call("removeAttribute", "lang")
	}
	return el
}

// placesOf names an event's places: "Places: Baghdad, Erbil", or that it
// concerns the whole region. Each name is isolated (U+2068 … U+2069) so a
// name in one direction does not reorder the list in the other.
func (tl *timeline) placesOf(s *geo.Story, e *geo.Event) string {
	var names []string
	for _, j := range e.Sites {
		names = append(names, tl.isolate(s.Sites[j].Name))
	}
	if e.Place != "" {
		names = append(names, tl.isolate(e.Place))
	}
	return tl.p.msg.Places(names, e.Point != nil)
}

// isolate wraps a text of the story in Unicode first-strong isolates
// (FSI … PDI), a direction of its own as <bdi> gives an element, when it
// starts in the other direction than the page's (isolate.go).
func (tl *timeline) isolate(s string) string { return isolateIn(s, tl.p.rtl) }

// layoutMarks draws a mark per event (or per cluster of events too close to
// tell apart) on the slider's track, at the track's current width.
func (tl *timeline) layoutMarks() {
	s := tl.story
	if s == nil || !tl.marks.Truthy() {
		return
	}
	w := tl.marks.Get("clientWidth").Float()
	if w <= 0 || w == tl.marksW {
		return
	}
	tl.marksW = w
	tl.marksOf = s.Marks(w, 5)
	tl.marks.Call("replaceChildren")
	tl.markEls = tl.markEls[:0]
	tl.markClass = tl.markClass[:0]
	for _, m := range tl.marksOf {
		d := tl.p.doc.Call("createElement", "span")
		class := markClass(m, -1)
		d.Set("className", class)
		st := d.Get("style")
		// From the start of the line: the left, or the right in a
		// right-to-left page, where the timeline runs from the right.
		st.Call("setProperty", "inset-inline-start", fmt.Sprintf("%.1fpx", m.X))
		if m.X2-m.X >= 3 {
			st.Set("width", fmt.Sprintf("%.1fpx", m.X2-m.X))
		}
		tl.marks.Call("appendChild", d)
		tl.markEls = append(tl.markEls, d)
		tl.markClass = append(tl.markClass, class)
	}
	tl.shown = -1 // mark the current event again
}

// showEvent writes the current event everywhere it shows: the card, the
// slider (thumb and value text), the marks, the list, the buttons, the live
// region, the banner of region-wide events and the URL hash.
func (tl *timeline) showEvent(st *state) {
	s := st.m.Story
	tl.layoutMarks()
	if tl.playing != st.story.playing {
		tl.playing = st.story.playing
		tl.play.Call("setAttribute", "aria-pressed", strconv.FormatBool(tl.playing))
		tl.play.Call("setAttribute", "aria-label", tl.p.msg.Text(map[bool]string{true: "timeline.pause", false: "timeline.play"}[tl.playing]))
		tl.play.Set("textContent", map[bool]string{true: "❚❚", false: "▶"}[tl.playing])
	}
	tl.follow.Set("checked", st.story.follow)
	cur := st.cur
	if s == nil || cur < 0 || cur >= len(s.Events) || cur == tl.shown {
		return
	}
	tl.shown = cur
	e := &s.Events[cur]
	date := tl.p.dates.span(e.Time)
	if !tl.sliding {
		tl.slider.Set("value", int(tl.track.Pos(e.Time.Start.T)*float64(tl.track.Hours())+0.5))
	}
	msg, num := tl.p.msg, tl.p.dates.number
	tl.slider.Call("setAttribute", "aria-valuetext", msg.Text("slider.value", "date", date, "title", e.Title,
		"i", num(cur+1), "n", num(len(s.Events))))
	tl.showDate(tl.date, e.Time)
	tl.p.publishEvent(e.ID, e.Time.Start.ISO())
	tl.title.Set("textContent", e.Title)
	tl.desc.Set("textContent", e.Description)
	tl.p.dataText(tl.title, e.Texts, "title")
	tl.p.dataText(tl.desc, e.Texts, "description")
	pl := tl.placesOf(s, e)
	tl.places.Set("textContent", pl)
	tl.places.Set("hidden", pl == "")
	tl.source.Get("parentElement").Set("hidden", e.Source == "")
	tl.p.sourceInto(tl.source, e.Source)
	where := ""
	if pl != "" {
		where = " " + pl + "."
	}
	tl.live.Set("textContent", msg.Text("live", "i", num(cur+1), "n", num(len(s.Events)), "date", date, "title", e.Title)+where)
	tl.prev.Set("disabled", cur == 0)
	tl.next.Set("disabled", cur == len(s.Events)-1)
	if e.Regional() {
		tl.banner.Set("textContent", msg.Text("region.banner", "title", tl.isolate(e.Title)))
	}
	tl.banner.Set("hidden", !e.Regional())
	// Only the marks whose state changed cross into JavaScript.
	for i, m := range tl.marksOf {
		class := markClass(m, cur)
		if tl.markClass[i] != class {
			tl.markClass[i] = class
			tl.markEls[i].Set("className", class)
		}
	}
	tl.syncList(s, cur, time.Now())
	tl.pulseAt = nil // new pulses at the next scene
}

// wantHash works out the URL hash for the reader's place: the current event,
// and the view when the reader has moved the map away from the story.
func (tl *timeline) wantHash(st *state) {
	s := st.m.Story
	if s == nil || st.cur < 0 || st.cur >= len(s.Events) || s.Events[st.cur].ID == "" {
		return
	}
	view := ""
	if !st.story.follow {
		view = viewParam(st.view)
	}
	h := formatHash(s.Events[st.cur].ID, view)
	if h != tl.hashWant {
		tl.hashWant, tl.hashAt = h, time.Now()
	}
}

// writeHash puts the wanted hash in the URL, so a shared link opens there,
// once the reader's place has rested for hashEvery: one history update per
// stop, never one per step of a drag (replaceState took 17 ms in a profile,
// and browsers throttle it), and no new history entry.
func (tl *timeline) writeHash(now time.Time) {
	if tl.hashWant == tl.hash || now.Sub(tl.hashAt) < hashEvery {
		return
	}
	tl.hash = tl.hashWant
	loc := js.Global().Get("location")
	u := loc.Get("pathname").String() + loc.Get("search").String() + tl.hash
	js.Global().Get("history").Call("replaceState", js.Null(), "", u)
}

const hashEvery = 400 * time.Millisecond

// placePulses rings the current event's sites briefly (a CSS animation,
// still under prefers-reduced-motion) and keeps the rings on their markers.
func (tl *timeline) placePulses(sc *geo.Scene) {
	if !tl.pulses.Truthy() || sc == nil {
		return
	}
	if tl.pulseAt == nil {
		tl.pulses.Call("replaceChildren")
		tl.pulseAt = map[int]int{}
		for _, m := range sc.Markers {
			if m.Status != geo.Current || m.Site < 0 {
				continue
			}
			d := tl.p.doc.Call("createElement", "span")
			d.Set("className", "pulse")
			tl.pulses.Call("appendChild", d)
			tl.pulseAt[m.Site] = tl.pulses.Get("children").Get("length").Int() - 1
		}
	}
	kids := tl.pulses.Get("children")
	for _, m := range sc.Markers {
		if i, ok := tl.pulseAt[m.Site]; ok && m.Status == geo.Current {
			at := fmt.Sprintf("translate(%.1fpx, %.1fpx)", m.X, m.Y)
			st := kids.Index(i).Get("style")
			st.Call("setProperty", "--at", at)
			st.Set("transform", at)
		}
	}
}
