package main

import (
	"fmt"
	"strconv"
	"time"

	"mapline/geo"
	"mapline/wasm/mapui"
)

// What the timeline's controls show, worked out on the host
// (timeline_test.go); timeline_js.go only writes it into the DOM.

// markGap is the fewest pixels between two marks on the track: events
// closer than that share a mark (geo.Story.Marks).
const markGap = 5

// markTrack is the slider's marks, laid out for a track width, each with the
// class it has now, so that only the marks whose state changes are touched.
type markTrack struct {
	width   float64    // the track width the marks were laid out for
	marks   []geo.Mark // the marks, in order
	classes []string   // the class each mark has now
}

// layout lays the marks of story s out on a track w px wide, none current,
// and reports whether it did: not for a track not laid out yet (w ≤ 0) nor
// for the width they were laid out for already.
func (mt *markTrack) layout(s *geo.Story, w float64) bool {
	if s == nil || w <= 0 || w == mt.width {
		return false
	}
	mt.width, mt.marks = w, s.Marks(w, markGap)
	mt.classes = mt.classes[:0]
	for _, m := range mt.marks {
		mt.classes = append(mt.classes, markClass(m, -1))
	}
	return true
}

// current marks event cur current (and those before it past), and appends
// to changed the marks whose class changed.
func (mt *markTrack) current(cur int, changed []int) []int {
	for i, m := range mt.marks {
		if class := markClass(m, cur); mt.classes[i] != class {
			mt.classes[i] = class
			changed = append(changed, i)
		}
	}
	return changed
}

// markStyle is where mark m stands on the track: its offset from the start
// of the line (the left, or the right in a right-to-left page, where the
// timeline runs from the right), and its width, "" for a mark too short to
// be drawn as a bar.
func markStyle(m geo.Mark) (start, width string) {
	start = fmt.Sprintf("%.1fpx", m.X)
	if m.X2-m.X >= 3 {
		width = fmt.Sprintf("%.1fpx", m.X2-m.X)
	}
	return start, width
}

// playButton is the play button's label and symbol: pause while the story
// plays, play otherwise.
func (w words) playButton(playing bool) (label, symbol string) {
	if playing {
		return w.msg.Text("timeline.pause"), "❚❚"
	}
	return w.msg.Text("timeline.play"), "▶"
}

// sliderValue is the slider's value (in hours from the track's start) for
// event e.
func sliderValue(tr geo.Track, e *geo.Event) int {
	return int(tr.Pos(e.Time.Start.T)*float64(tr.Hours()) + 0.5)
}

// hashFor is the URL hash for the reader's place: the current event, the
// view when the reader has moved the map away from the story, and what the
// reader narrowed the story to (sel). There is none (ok false) without a
// current event with an id.
func hashFor(st *mapui.State, sel selection) (h string, ok bool) {
	s, cur := st.Map().Story, st.Current()
	if s == nil || cur < 0 || cur >= len(s.Events) || s.Events[cur].ID == "" {
		return "", false
	}
	view := ""
	if !st.Following() {
		view = viewParam(st.View())
	}
	return formatHash(s.Events[cur].ID, view) + sel.hashPart(), true
}

// pulses are the rings over the current event's markers: the site of each
// ring, in the order they are added to the page.
func pulses(sc *geo.Scene) []int {
	var sites []int
	for _, m := range sc.Markers {
		if m.Status == geo.Current && m.Site >= 0 {
			sites = append(sites, m.Site)
		}
	}
	return sites
}

// pulseAt is the CSS transform that puts a ring on marker m.
func pulseAt(m geo.Marker) string { return fmt.Sprintf("translate(%.1fpx, %.1fpx)", m.X, m.Y) }

// sliderKey hands a key pressed on the time slider to in, and reports
// whether it used it: ←/→ (↓/↑) step through the events one by one (→ goes
// back in a right-to-left page, where time runs from the right), Home and
// End go to the first and last, Space plays or pauses. Keys with Alt, Ctrl
// or Meta (mod), PageUp/PageDown and the rest keep the range input's own
// behaviour.
func sliderKey(in *mapui.Timeline, key string, mod, rtl bool) bool {
	if mod {
		return false
	}
	switch key {
	case "ArrowRight", "ArrowUp", "ArrowLeft", "ArrowDown":
		in.Step(arrowStep(key, rtl))
	case "Home":
		in.GoTo(0)
	case "End":
		in.GoTo(1 << 30)
	case " ", "Spacebar":
		in.TogglePlay()
	default:
		return false
	}
	return true
}

// sliderPos is where the slider's value stands on its scale, from 0 to 1;
// ok is false for values that cannot be read or a slider without a scale.
func sliderPos(value, max string) (pos float64, ok bool) {
	v, err1 := strconv.ParseFloat(value, 64)
	mx, err2 := strconv.ParseFloat(max, 64)
	if err1 != nil || err2 != nil || !(mx > 0) {
		return 0, false
	}
	return v / mx, true
}

// timeline is the bridge to the story's controls: the time slider with a
// mark per event, previous / play / next, the options (mode, speed, loop,
// follow), the event card, the list of all events, the live region, and the
// page's URL hash. DOM callbacks (timeline_js.go) only record; apply hands
// the input to the state in Update, and what follows is written here.
type timeline struct {
	p                                      *page
	slider, play, prev, next, marks        node
	mode, speed, loop, follow              node
	date, title, desc, places, source      node
	live, events, banner, pulses, startEnd node

	in *mapui.Timeline // what the controls' listeners record

	story    *geo.Story
	track    geo.Track
	list     eventList // the list of all events (list.go)
	markEls  []node
	marksGen int         // how many times the marks were laid out (explorer)
	marksOf  markTrack   // the marks and their classes
	changed  []int       // the marks whose class changed, reused
	shown    int         // the event on show, -1 for none
	playing  bool        // the play button's state on show
	sliding  bool        // the reader is dragging the slider: do not move its thumb
	hash     mapui.Hash  // when to write the URL hash
	pulseAt  map[int]int // site → pulse element index, for the current event
	quiet    bool        // the event shown next is not announced: a search or filter moved to it (explorer.choose)
	none     bool        // the card says that no event matches (showNone)
}

func newTimeline(p *page) *timeline {
	byID := p.doc.byID
	return &timeline{
		p: p, slider: byID("timeline"), play: byID("play"), prev: byID("prev"), next: byID("next"),
		marks: byID("track-marks"), mode: byID("mode"), speed: byID("speed"), loop: byID("loop"), follow: byID("follow"),
		date: byID("card-date"), title: byID("card-title"), desc: byID("card-desc"), places: byID("card-places"),
		source: byID("card-source"), live: byID("live"), events: byID("events"), banner: byID("banner"),
		pulses: byID("map-pulses"), shown: -1, in: mapui.NewTimeline(),
		list: newEventList(p.doc, byID("events")),
	}
}

// options shows the URL's choices in the controls.
func (tl *timeline) options(pr params) {
	tl.mode.set("value", pr.mode.String())
	tl.in.Autoplay(pr.play)
}

// showStory sets up the controls for a story: the slider's scale, its marks,
// the dates at its ends and the list of all events. It reads the marks
// track's width before it writes anything: read after the list is built, it
// made the browser lay the page out there and then (150–390 ms of the load).
// None of these writes changes the track's width; should the page change
// it, showEvent lays the marks out again.
func (tl *timeline) showStory(s *geo.Story) {
	w := tl.marks.num("clientWidth")
	tl.story, tl.track, tl.shown = s, s.Track(), -1
	tl.p.storyLang = s.Lang
	// A story without a title leaves the bar empty, not "Loading the story…".
	// The bar holds the story's words now, not a message: without data-msg,
	// the page's language script (which translates what still carries it when
	// the message file arrives) leaves them alone whenever the file comes.
	tl.p.storyTitle.setText(s.Title)
	tl.p.storyTitle.delAttr("data-msg")
	if s.Title != "" {
		tl.p.dataText(tl.p.storyTitle, s.Texts, "title")
	}
	n := len(s.Events)
	for _, b := range []node{tl.slider, tl.prev, tl.next, tl.play} {
		b.set("disabled", n == 0)
	}
	tl.play.set("disabled", n < 2)
	tl.slider.set("max", tl.track.Hours())
	if n > 0 {
		first := geo.Span{Start: s.Events[0].Time.Start}
		tl.showDate(tl.p.doc.byID("timeline-start"), first)
		tl.showDate(tl.p.doc.byID("timeline-end"), s.Events[n-1].Time)
	}
	tl.layoutMarksAt(w)
	tl.buildList(s)
	tl.p.setText("map-desc", tl.p.mapDescription(s))
}

// showDate writes a date into el in the reader's calendar, with the
// Gregorian date as its title when that calendar is another one.
func (tl *timeline) showDate(el node, sp geo.Span) {
	el.setText(tl.p.dates.span(sp))
	if g := tl.p.dates.gregorianSpan(sp); g != "" {
		el.setAttr("title", tl.p.msg.Text("date.gregorian", "date", g))
	} else {
		el.delAttr("title")
	}
}

// dataText marks an element holding the story's text of field: its
// direction is that of its first strong letter (an English title in an
// Arabic page reads left to right, and the other way round), and its
// language the one words.textLang says.
func (p *page) dataText(el node, texts geo.Texts, field string) node {
	el.setAttr("dir", "auto")
	if l := p.textLang(p.storyLang, texts, field); l != "" {
		el.setAttr("lang", l)
	} else {
		el.delAttr("lang")
	}
	return el
}

// layoutMarks draws a mark per event (or per cluster of events too close to
// tell apart) on the slider's track, at the track's current width.
func (tl *timeline) layoutMarks() { tl.layoutMarksAt(tl.marks.num("clientWidth")) }

// layoutMarksAt is layoutMarks at a track width w read before.
func (tl *timeline) layoutMarksAt(w float64) {
	if !tl.marks.ok() || !tl.marksOf.layout(tl.story, w) {
		return
	}
	tl.marks.clear()
	tl.markEls = tl.markEls[:0]
	tl.marksGen++
	for i, m := range tl.marksOf.marks {
		d := tl.p.el("span", tl.marksOf.classes[i], "")
		start, width := markStyle(m)
		d.setStyle("inset-inline-start", start)
		if width != "" {
			d.setStyle("width", width)
		}
		tl.marks.append(d)
		tl.markEls = append(tl.markEls, d)
	}
	tl.shown = -1 // mark the current event again
}

// showEvent writes the current event everywhere it shows: the card, the
// slider (thumb and value text), the marks, the list, the buttons, the live
// region, the banner of region-wide events and the URL hash.
func (tl *timeline) showEvent(st *mapui.State, now time.Time) {
	s := st.Map().Story
	tl.layoutMarks()
	if playing, _ := st.Playing(); tl.playing != playing {
		tl.playing = playing
		tl.play.setAttr("aria-pressed", strconv.FormatBool(tl.playing))
		label, symbol := tl.p.playButton(playing)
		tl.play.setAttr("aria-label", label)
		tl.play.setText(symbol)
	}
	tl.follow.set("checked", st.Following())
	quiet := tl.quiet
	tl.quiet = false
	if tl.showNone(st) { // explore_page.go
		return
	}
	cur := st.Current()
	if s == nil || cur < 0 || cur >= len(s.Events) || cur == tl.shown {
		return
	}
	tl.shown = cur
	e := &s.Events[cur]
	w := tl.p.event(s, cur)
	if !tl.sliding {
		tl.slider.set("value", sliderValue(tl.track, e))
	}
	tl.slider.setAttr("aria-valuetext", w.valueText)
	tl.showDate(tl.date, e.Time)
	tl.p.publishEvent(e.ID, e.Time.Start.ISO())
	tl.title.setText(e.Title)
	tl.desc.setText(e.Description)
	tl.p.dataText(tl.title, e.Texts, "title")
	tl.p.dataText(tl.desc, e.Texts, "description")
	tl.places.setText(w.places)
	tl.places.set("hidden", w.places == "")
	tl.source.parent().set("hidden", e.Source == "")
	tl.p.sourceInto(tl.source, e.Source)
	if !quiet {
		tl.live.setText(w.live)
	}
	tl.stepButtons(st)
	if w.banner != "" {
		tl.banner.setText(w.banner)
	}
	tl.banner.set("hidden", w.banner == "")
	// Only the marks whose state changed cross into JavaScript.
	tl.changed = tl.marksOf.current(cur, tl.changed[:0])
	for _, i := range tl.changed {
		tl.markEls[i].set("className", tl.marksOf.classes[i])
	}
	tl.syncList(s, cur, now)
	tl.pulseAt = nil // new pulses at the next scene
}

// stepButtons turns previous / next off where they would not move: at the
// first and last event, or of the events a search or filter keeps
// (mapui.State.StepFrom); and play, where fewer than two would play
// (mapui.State.CanPlay).
func (tl *timeline) stepButtons(st *mapui.State) {
	cur := st.Current()
	tl.prev.set("disabled", st.StepFrom(-1) == cur)
	tl.next.set("disabled", st.StepFrom(1) == cur)
	tl.play.set("disabled", !st.CanPlay()) // fewer than two matches: nothing to play
}

// wantHash works out the URL hash for the reader's place: the current event,
// and the view when the reader has moved the map away from the story.
func (tl *timeline) wantHash(st *mapui.State, now time.Time) {
	if h, ok := hashFor(st, tl.p.explore.sel); ok {
		tl.hash.Want(h, now)
	}
}

// placePulses rings the current event's sites briefly (a CSS animation,
// still under prefers-reduced-motion) and keeps the rings on their markers.
func (tl *timeline) placePulses(sc *geo.Scene) {
	if !tl.pulses.ok() || sc == nil {
		return
	}
	if tl.pulseAt == nil {
		tl.pulses.clear()
		tl.pulseAt = map[int]int{}
		for i, site := range pulses(sc) {
			tl.pulses.append(tl.p.el("span", "pulse", ""))
			tl.pulseAt[site] = i
		}
	}
	for _, m := range sc.Markers {
		if i, ok := tl.pulseAt[m.Site]; ok && m.Status == geo.Current {
			at := pulseAt(m)
			d := tl.pulses.child(i)
			d.setStyle("--at", at)
			d.setStyle("transform", at)
		}
	}
}
