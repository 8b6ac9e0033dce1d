package main

import (
	"slices"
	"strings"
	"testing"
	"time"

	"mapline/geo"
	"mapline/geo/lang"
	"mapline/wasm/mapui"
)

// trackStory has events on 1, 2 and 31 January and 31 December: on a
// narrow track the first two share a mark.
func trackStory(t *testing.T) *geo.Story {
	t.Helper()
	day := func(s string) geo.Span { return geo.Span{Start: date(t, s)} }
	return &geo.Story{Events: []geo.Event{
		{ID: "a", Title: "A", Time: day("2024-01-01")},
		{ID: "b", Title: "B", Time: day("2024-01-02")},
		{ID: "c", Title: "C", Time: day("2024-01-31")},
		{ID: "d", Title: "D", Time: day("2024-12-31")},
	}}
}

func TestMarkTrackLayout(t *testing.T) {
	s := trackStory(t)
	var mt markTrack
	for _, tc := range []struct {
		name  string
		s     *geo.Story
		w     float64
		laid  bool
		marks int
	}{
		{"no story", nil, 300, false, 0},
		{"a track not laid out yet", s, 0, false, 0},
		{"a narrow track clusters", s, 300, true, 3},
		{"the same width again", s, 300, false, 3},
		{"a wide track parts them", s, 3000, true, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := mt.layout(tc.s, tc.w); got != tc.laid {
				t.Errorf("layout(%v) = %v, want %v", tc.w, got, tc.laid)
			}
			if len(mt.marks) != tc.marks || len(mt.classes) != tc.marks {
				t.Fatalf("%d marks, %d classes; want %d", len(mt.marks), len(mt.classes), tc.marks)
			}
			for i, m := range mt.marks {
				if mt.classes[i] != markClass(m, -1) {
					t.Errorf("mark %d has class %q, want none current (%q)", i, mt.classes[i], markClass(m, -1))
				}
			}
		})
	}
}

func TestMarkTrackCurrent(t *testing.T) {
	var mt markTrack
	mt.layout(trackStory(t), 300) // marks: {a b}, {c}, {d}
	for _, tc := range []struct {
		name    string
		cur     int
		changed []int
		classes []string
	}{
		{"the first event", 0, []int{0}, []string{"mark cluster current", "mark", "mark"}},
		{"within the same mark", 1, nil, []string{"mark cluster current", "mark", "mark"}},
		{"the next mark", 2, []int{0, 1}, []string{"mark cluster past", "mark current", "mark"}},
		{"the last", 3, []int{1, 2}, []string{"mark cluster past", "mark past", "mark current"}},
		{"none current", -1, []int{0, 1, 2}, []string{"mark cluster", "mark", "mark"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := mt.current(tc.cur, nil)
			if !slices.Equal(got, tc.changed) || !slices.Equal(mt.classes, tc.classes) {
				t.Errorf("current(%d) changed %v, classes %q; want %v, %q", tc.cur, got, mt.classes, tc.changed, tc.classes)
			}
		})
	}
}

func TestMarkStyle(t *testing.T) {
	for _, tc := range []struct {
		name         string
		m            geo.Mark
		start, width string
	}{
		{"a dot", geo.Mark{X: 12.34, X2: 12.34}, "12.3px", ""},
		{"too short for a bar", geo.Mark{X: 10, X2: 12.9}, "10.0px", ""},
		{"a bar", geo.Mark{X: 10, X2: 13}, "10.0px", "3.0px"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if start, width := markStyle(tc.m); start != tc.start || width != tc.width {
				t.Errorf("markStyle(%+v) = %q, %q; want %q, %q", tc.m, start, width, tc.start, tc.width)
			}
		})
	}
}

func TestPlayButton(t *testing.T) {
	w := newWords(lang.Get("en"), nil)
	for _, tc := range []struct {
		playing       bool
		label, symbol string
	}{{false, "Play", "▶"}, {true, "Pause", "❚❚"}} {
		label, symbol := w.playButton(tc.playing)
		if !strings.HasPrefix(label, tc.label) || symbol != tc.symbol {
			t.Errorf("playButton(%v) = %q, %q; want %q…, %q", tc.playing, label, symbol, tc.label, tc.symbol)
		}
	}
}

func TestSliderValue(t *testing.T) {
	s := trackStory(t)
	tr := s.Track()
	for i, want := range []int{0, 24, 30 * 24, 365 * 24} {
		if got := sliderValue(tr, &s.Events[i]); got != want {
			t.Errorf("sliderValue(event %d) = %d, want %d", i, got, want)
		}
	}
}

func TestHashFor(t *testing.T) {
	for _, tc := range []struct {
		name   string
		story  bool
		noID   bool
		moved  bool
		sel    selection
		want   string
		wantOK bool
	}{
		{name: "no story"},
		{name: "the current event", story: true, want: "#event-a", wantOK: true},
		{name: "an event without an id", story: true, noID: true},
		{name: "a view the reader chose", story: true, moved: true, want: "#event-a&view=", wantOK: true},
		{name: "a selection", story: true, sel: selection{query: "drone", from: "2024-01-01"}, want: "#event-a&q=drone&from=2024-01-01", wantOK: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := mapui.NewState(geo.Light)
			st.Resize(800, 500, 1)
			if tc.story {
				s := trackStory(t)
				if tc.noID {
					s.Events[0].ID = ""
				}
				st.SetStory(s, 0)
			}
			if tc.moved {
				st.Follow(false)
			}
			h, ok := hashFor(st, tc.sel)
			if ok != tc.wantOK || !strings.HasPrefix(h, tc.want) || (tc.want != "" && !tc.moved && h != tc.want) {
				t.Errorf("hashFor = %q, %v; want %q…, %v", h, ok, tc.want, tc.wantOK)
			}
			if tc.moved && h == tc.want {
				t.Errorf("hashFor = %q: the view is missing", h)
			}
		})
	}
}

func TestPulses(t *testing.T) {
	sc := &geo.Scene{Markers: []geo.Marker{
		{Site: 3, Status: geo.Current, X: 10, Y: 20},
		{Site: 1, Status: geo.Past},
		{Site: -1, Status: geo.Current},
		{Site: 0, Status: geo.Current},
	}}
	if got := pulses(sc); !slices.Equal(got, []int{3, 0}) {
		t.Errorf("pulses = %v, want the current sites [3 0], in order", got)
	}
	if got := pulseAt(sc.Markers[0]); got != "translate(10.0px, 20.0px)" {
		t.Errorf("pulseAt = %q", got)
	}
}

func TestSliderKey(t *testing.T) {
	for _, tc := range []struct {
		name    string
		key     string
		mod     bool
		rtl     bool
		used    bool
		cur     int // from event 1 of 4
		playing bool
	}{
		{name: "right goes on", key: "ArrowRight", used: true, cur: 2},
		{name: "right goes back right to left", key: "ArrowRight", rtl: true, used: true, cur: 0},
		{name: "up goes on right to left too", key: "ArrowUp", rtl: true, used: true, cur: 2},
		{name: "down goes back", key: "ArrowDown", used: true, cur: 0},
		{name: "home", key: "Home", used: true, cur: 0},
		{name: "end", key: "End", used: true, cur: 3},
		{name: "space plays", key: " ", used: true, cur: 1, playing: true},
		{name: "with ctrl it is the browser's", key: "ArrowRight", mod: true, cur: 1},
		{name: "page down is the slider's own", key: "PageDown", cur: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := trackStory(t)
			st := mapui.NewState(geo.Light)
			st.Resize(800, 500, 1)
			st.SetStory(s, 1)
			in := mapui.NewTimeline()
			if used := sliderKey(in, tc.key, tc.mod, tc.rtl); used != tc.used {
				t.Errorf("sliderKey(%q) = %v, want %v", tc.key, used, tc.used)
			}
			in.Apply(st, s.Track(), time.Now())
			playing, _ := st.Playing()
			if st.Current() != tc.cur || playing != tc.playing {
				t.Errorf("after %q: event %d, playing %v; want %d, %v", tc.key, st.Current(), playing, tc.cur, tc.playing)
			}
		})
	}
}

func TestSliderPos(t *testing.T) {
	for _, tc := range []struct {
		value, max string
		pos        float64
		ok         bool
	}{
		{"12", "48", 0.25, true},
		{"0", "0", 0, false},
		{"", "48", 0, false},
		{"3", "NaN", 0, false},
	} {
		if pos, ok := sliderPos(tc.value, tc.max); pos != tc.pos || ok != tc.ok {
			t.Errorf("sliderPos(%q, %q) = %v, %v; want %v, %v", tc.value, tc.max, pos, ok, tc.pos, tc.ok)
		}
	}
}
