package main

import (
	"fmt"
	"strconv"

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
