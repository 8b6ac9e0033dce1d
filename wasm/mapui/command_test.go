package mapui

import (
	"strings"
	"testing"
	"time"

	"mapline/geo"
)

func TestCommand(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s := demoStory(t)
	last := len(s.Events) - 1
	for _, tc := range []struct {
		name    string
		c       Command
		cur     int    // the current event after the Command, -1: unchanged
		playing bool   // the player afterwards
		err     string // part of the error, "" for none
	}{
		{"goto by id", Command{Type: "goto", ID: s.Events[3].ID}, 3, false, ""},
		{"goto by hash id", Command{Type: "goto", ID: "event-" + s.Events[2].ID}, 2, false, ""},
		{"goto by date picks the last event that day", Command{Type: "goto", Date: s.Events[last].Time.Start.ISO()}, last, false, ""},
		{"goto a date before the story", Command{Type: "goto", Date: "1990-01-01"}, 0, false, ""},
		{"goto an unknown id", Command{Type: "goto", ID: "nope"}, -1, false, `no event has the id "nope"`},
		{"goto a bad date", Command{Type: "goto", Date: "2025-02-30"}, -1, false, `date "2025-02-30"`},
		{"goto nothing", Command{Type: "goto"}, -1, false, "needs an id or a date"},
		{"play", Command{Type: "play"}, -1, true, ""},
		{"pause", Command{Type: "pause"}, -1, false, ""},
		{"bad view", Command{Type: "setView", View: "91,0,3"}, -1, false, "is not LAT,LON,ZOOM"},
		{"unknown", Command{Type: "eval", ID: "alert(1)"}, -1, false, `unknown Command "eval"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := NewState(geo.Light)
			st.Resize(800, 500, 1)
			st.SetStory(s, 1)
			err := st.Run(tc.c, now)
			if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
				t.Fatalf("run(%+v) = %v, want an error with %q", tc.c, err, tc.err)
			}
			want := tc.cur
			if want < 0 {
				want = 1
			}
			if st.cur != want {
				t.Errorf("current event %d, want %d", st.cur, want)
			}
			if st.story.playing != tc.playing {
				t.Errorf("playing %v, want %v", st.story.playing, tc.playing)
			}
		})
	}
}

// setView from the host moves the map there, stops following the story and
// becomes the view the reset button returns to.
func TestCommandSetView(t *testing.T) {
	st := NewState(geo.Light)
	st.Resize(800, 500, 1)
	st.SetStory(demoStory(t), -1)
	if err := st.Run(Command{Type: "setView", View: "33.3,44.4,6"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if got := st.view.Param(); got != "33.30000,44.40000,6.000" {
		t.Errorf("view %s, want 33.30000,44.40000,6.000", got)
	}
	if st.story.follow {
		t.Error("still following the story after the host chose a view")
	}
	if st.home != st.view {
		t.Error("reset would not return to the host's view")
	}
}
