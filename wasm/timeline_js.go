package main

import (
	"strconv"
	"syscall/js"
	"time"

	"mapline/geo"
	"mapline/wasm/mapui"
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

	in *mapui.Timeline // what the controls' listeners record

	story   *geo.Story
	track   geo.Track
	list    eventList // the list of all events (list_js.go)
	markEls []js.Value
	marksOf markTrack   // the marks and their classes (timeline.go)
	changed []int       // the marks whose class changed, reused
	shown   int         // the event on show, -1 for none
	playing bool        // the play button's state on show
	sliding bool        // the reader is dragging the slider: do not move its thumb
	hash    mapui.Hash  // when to write the URL hash
	pulseAt map[int]int // site → pulse element index, for the current event
}

func newTimeline(p *page) *timeline {
	doc := p.doc
	byID := func(id string) js.Value { return doc.Call("getElementById", id) }
	return &timeline{
		p: p, slider: byID("timeline"), play: byID("play"), prev: byID("prev"), next: byID("next"),
		marks: byID("track-marks"), mode: byID("mode"), speed: byID("speed"), loop: byID("loop"), follow: byID("follow"),
		date: byID("card-date"), title: byID("card-title"), desc: byID("card-desc"), places: byID("card-places"),
		source: byID("card-source"), live: byID("live"), events: byID("events"), banner: byID("banner"),
		pulses: byID("map-pulses"), shown: -1, in: mapui.NewTimeline(),
		list: newEventList(doc, byID("events")),
	}
}

// listen registers the controls' listeners.
func (tl *timeline) listen() {
	p := tl.p
	p.on(tl.slider, "input", nil, func(js.Value) {
		if pos, ok := sliderPos(tl.slider.Get("value").String(), tl.slider.Get("max").String()); ok {
			tl.in.Slide(pos)
		}
	})
	// Keys on the slider (sliderKey); dragging keeps the range input's own
	// behaviour (move in time).
	p.on(tl.slider, "keydown", nil, func(e js.Value) {
		mod := e.Get("altKey").Bool() || e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool()
		if sliderKey(tl.in, e.Get("key").String(), mod, p.rtl) {
			e.Call("preventDefault")
		}
	})
	p.on(tl.prev, "click", nil, func(js.Value) { tl.in.Step(-1) })
	p.on(tl.next, "click", nil, func(js.Value) { tl.in.Step(1) })
	p.on(tl.play, "click", nil, func(js.Value) { tl.in.TogglePlay() })
	p.on(tl.mode, "change", nil, func(js.Value) { tl.in.SetMode(tl.mode.Get("value").String()) })
	p.on(tl.speed, "change", nil, func(js.Value) {
		if v, err := strconv.ParseFloat(tl.speed.Get("value").String(), 64); err == nil {
			tl.in.SetSpeed(v)
		}
	})
	p.on(tl.loop, "change", nil, func(js.Value) { tl.in.SetLoop(tl.loop.Get("checked").Bool()) })
	p.on(tl.follow, "change", nil, func(js.Value) { tl.in.SetFollow(tl.follow.Get("checked").Bool()) })
	// Choosing an event in the list moves the timeline.
	p.on(tl.events, "click", nil, func(e js.Value) {
		b := e.Get("target").Call("closest", "button.choose")
		if !b.Truthy() {
			return
		}
		if i, err := strconv.Atoi(b.Get("dataset").Get("index").String()); err == nil {
			tl.in.GoTo(i)
		}
	})
	tl.listenList()
}

// options shows the URL's choices in the controls.
func (tl *timeline) options(pr params) {
	tl.mode.Set("value", pr.mode.String())
	tl.in.Autoplay(pr.play)
}

// apply hands the controls' input to the state (mapui.Timeline.Apply) and
// shows what it did beyond the state: the list widened or caught up, the
// host's commands that failed.
func (tl *timeline) apply(st *mapui.State, now time.Time) {
	step := tl.in.Apply(st, tl.track, now)
	tl.sliding = step.Sliding
	if st.Map().Story == nil || len(st.Map().Story.Events) == 0 {
		return
	}
	tl.hostFailed(step.Failed)
	if step.More != 0 {
		tl.widen(st.Map().Story, step.More)
	}
	tl.settleList(st, now)
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
	tl.p.setText("map-desc", tl.p.mapDescription(s))
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

// dataText marks an element holding the story's text of field: its
// direction is that of its first strong letter (an English title in an
// Arabic page reads left to right, and the other way round), and its
// language the one words.textLang says.
func (p *page) dataText(el js.Value, texts geo.Texts, field string) js.Value {
	el.Call("setAttribute", "dir", "auto")
	if l := p.textLang(p.storyLang, texts, field); l != "" {
		el.Call("setAttribute", "lang", l)
	} else {
		el.Call("removeAttribute", "lang")
	}
	return el
}

// layoutMarks draws a mark per event (or per cluster of events too close to
// tell apart) on the slider's track, at the track's current width.
func (tl *timeline) layoutMarks() {
	if !tl.marks.Truthy() || !tl.marksOf.layout(tl.story, tl.marks.Get("clientWidth").Float()) {
		return
	}
	tl.marks.Call("replaceChildren")
	tl.markEls = tl.markEls[:0]
	for i, m := range tl.marksOf.marks {
		d := tl.p.doc.Call("createElement", "span")
		d.Set("className", tl.marksOf.classes[i])
		st := d.Get("style")
		start, width := markStyle(m)
		st.Call("setProperty", "inset-inline-start", start)
		if width != "" {
			st.Set("width", width)
		}
		tl.marks.Call("appendChild", d)
		tl.markEls = append(tl.markEls, d)
	}
	tl.shown = -1 // mark the current event again
}

// showEvent writes the current event everywhere it shows: the card, the
// slider (thumb and value text), the marks, the list, the buttons, the live
// region, the banner of region-wide events and the URL hash.
func (tl *timeline) showEvent(st *mapui.State) {
	s := st.Map().Story
	tl.layoutMarks()
	if playing, _ := st.Playing(); tl.playing != playing {
		tl.playing = playing
		tl.play.Call("setAttribute", "aria-pressed", strconv.FormatBool(tl.playing))
		label, symbol := tl.p.playButton(playing)
		tl.play.Call("setAttribute", "aria-label", label)
		tl.play.Set("textContent", symbol)
	}
	tl.follow.Set("checked", st.Following())
	cur := st.Current()
	if s == nil || cur < 0 || cur >= len(s.Events) || cur == tl.shown {
		return
	}
	tl.shown = cur
	e := &s.Events[cur]
	w := tl.p.event(s, cur)
	if !tl.sliding {
		tl.slider.Set("value", sliderValue(tl.track, e))
	}
	tl.slider.Call("setAttribute", "aria-valuetext", w.valueText)
	tl.showDate(tl.date, e.Time)
	tl.p.publishEvent(e.ID, e.Time.Start.ISO())
	tl.title.Set("textContent", e.Title)
	tl.desc.Set("textContent", e.Description)
	tl.p.dataText(tl.title, e.Texts, "title")
	tl.p.dataText(tl.desc, e.Texts, "description")
	tl.places.Set("textContent", w.places)
	tl.places.Set("hidden", w.places == "")
	tl.source.Get("parentElement").Set("hidden", e.Source == "")
	tl.p.sourceInto(tl.source, e.Source)
	tl.live.Set("textContent", w.live)
	tl.prev.Set("disabled", cur == 0)
	tl.next.Set("disabled", cur == len(s.Events)-1)
	if w.banner != "" {
		tl.banner.Set("textContent", w.banner)
	}
	tl.banner.Set("hidden", w.banner == "")
	// Only the marks whose state changed cross into JavaScript.
	tl.changed = tl.marksOf.current(cur, tl.changed[:0])
	for _, i := range tl.changed {
		tl.markEls[i].Set("className", tl.marksOf.classes[i])
	}
	tl.syncList(s, cur, time.Now())
	tl.pulseAt = nil // new pulses at the next scene
}

// wantHash works out the URL hash for the reader's place: the current event,
// and the view when the reader has moved the map away from the story.
func (tl *timeline) wantHash(st *mapui.State) {
	if h, ok := hashFor(st, tl.p.explore.sel); ok {
		tl.hash.Want(h, time.Now())
	}
}

// writeHash puts the hash in the URL when it is due (mapui.Hash), and
// reports whether one still waits.
func (tl *timeline) writeHash(now time.Time) (waits bool) {
	if h, ok := tl.hash.Due(now); ok {
		loc := js.Global().Get("location")
		u := loc.Get("pathname").String() + loc.Get("search").String() + h
		js.Global().Get("history").Call("replaceState", js.Null(), "", u)
	}
	return tl.hash.Pending()
}

// placePulses rings the current event's sites briefly (a CSS animation,
// still under prefers-reduced-motion) and keeps the rings on their markers.
func (tl *timeline) placePulses(sc *geo.Scene) {
	if !tl.pulses.Truthy() || sc == nil {
		return
	}
	if tl.pulseAt == nil {
		tl.pulses.Call("replaceChildren")
		tl.pulseAt = map[int]int{}
		for i, site := range pulses(sc) {
			d := tl.p.doc.Call("createElement", "span")
			d.Set("className", "pulse")
			tl.pulses.Call("appendChild", d)
			tl.pulseAt[site] = i
		}
	}
	kids := tl.pulses.Get("children")
	for _, m := range sc.Markers {
		if i, ok := tl.pulseAt[m.Site]; ok && m.Status == geo.Current {
			at := pulseAt(m)
			st := kids.Index(i).Get("style")
			st.Call("setProperty", "--at", at)
			st.Set("transform", at)
		}
	}
}
