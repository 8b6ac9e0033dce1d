package mapui

import (
	"fmt"
	"testing"
	"time"

	"mapline/geo"
)

func TestTimelineApply(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s := demoStory(t)
	last := len(s.Events) - 1
	type want struct {
		cur     int
		playing bool
		sliding bool
		more    int
		failed  int
	}
	for _, tc := range []struct {
		name  string
		setup func(st *State) // before the input, after the story
		input func(tl *Timeline)
		want  want
		check func(t *testing.T, st *State)
	}{
		{"nothing", nil, func(*Timeline) {}, want{cur: 0}, nil},
		{"the slider at its end goes to the last event", nil, func(tl *Timeline) { tl.Slide(1) }, want{cur: last, sliding: true}, nil},
		{"the slider pauses the player", func(st *State) { st.Play(now) }, func(tl *Timeline) { tl.Slide(0) }, want{cur: 0, sliding: true}, nil},
		{"steps add up", nil, func(tl *Timeline) { tl.Step(1); tl.Step(1) }, want{cur: 2}, nil},
		{"a step after the slider wins", nil, func(tl *Timeline) { tl.Slide(1); tl.Step(1) }, want{cur: 1}, nil},
		{"the slider after a step wins", nil, func(tl *Timeline) { tl.Step(1); tl.Slide(1) }, want{cur: last, sliding: true}, nil},
		{"End goes to the last event", nil, func(tl *Timeline) { tl.GoTo(1 << 30) }, want{cur: last}, nil},
		{"play", nil, func(tl *Timeline) { tl.TogglePlay() }, want{cur: 0, playing: true}, nil},
		{"play twice pauses", func(st *State) { st.Play(now) }, func(tl *Timeline) { tl.TogglePlay() }, want{cur: 0}, nil},
		{"a step pauses the player", func(st *State) { st.Play(now) }, func(tl *Timeline) { tl.Step(1) }, want{cur: 1}, nil},
		{"the list widens", nil, func(tl *Timeline) { tl.More(-1) }, want{cur: 0, more: -1}, nil},
		{"options", nil, func(tl *Timeline) {
			tl.SetMode("point")
			tl.SetSpeed(2)
			tl.SetLoop(true)
			tl.SetFollow(false)
		}, want{cur: 0}, func(t *testing.T, st *State) {
			if st.m.Mode != geo.Point || st.story.speed != 2 || !st.story.loop || st.story.follow {
				t.Errorf("mode %v speed %v loop %v follow %v", st.m.Mode, st.story.speed, st.story.loop, st.story.follow)
			}
		}},
		{"an unknown mode changes nothing", nil, func(tl *Timeline) { tl.SetMode("sideways") }, want{cur: 0}, func(t *testing.T, st *State) {
			if st.m.Mode != geo.Cumulative {
				t.Errorf("mode %v", st.m.Mode)
			}
		}},
		{"the host's commands run, the failed ones are told", nil, func(tl *Timeline) {
			tl.Host(Command{Type: "goto", ID: s.Events[3].ID})
			tl.Host(Command{Type: "goto", ID: "nope"})
		}, want{cur: 3, failed: 1}, nil},
		{"autoplay plays once the story is there", nil, func(tl *Timeline) { tl.Autoplay(true) }, want{cur: 0, playing: true}, nil},
		{"autoplay never plays when the reader prefers reduced motion", func(st *State) { st.still = true }, func(tl *Timeline) { tl.Autoplay(true) }, want{cur: 0}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := NewState(geo.Light)
			st.Resize(800, 500, 1)
			st.SetStory(s, -1)
			if tc.setup != nil {
				tc.setup(st)
			}
			tl := NewTimeline()
			tc.input(tl)
			step := tl.Apply(st, s.Track(), now)
			got := want{cur: st.cur, playing: st.story.playing, sliding: step.Sliding, more: step.More, failed: len(step.Failed)}
			if got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
			if tc.check != nil {
				tc.check(t, st)
			}
			// The input is spent.
			if again := tl.Apply(st, s.Track(), now); again.Sliding || again.More != 0 || len(again.Failed) != 0 {
				t.Errorf("a second Apply did it again: %+v", again)
			}
		})
	}
}

// The host's commands wait for the story, the first hostKept of them.
func TestTimelineHostWaitsForTheStory(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	st := NewState(geo.Light)
	st.Resize(800, 500, 1)
	tl := NewTimeline()
	for i := range 20 {
		tl.Host(Command{Type: "goto", ID: fmt.Sprint("nope-", i)})
	}
	if step := tl.Apply(st, geo.Track{}, now); len(step.Failed) != 0 {
		t.Fatalf("%d commands failed before the story", len(step.Failed))
	}
	tl.Host(Command{Type: "goto", ID: "nope-late"})
	tl.Apply(st, geo.Track{}, now) // still no story: the late one goes
	s := demoStory(t)
	st.SetStory(s, -1)
	step := tl.Apply(st, s.Track(), now)
	if len(step.Failed) != hostKept {
		t.Fatalf("%d commands ran, want %d", len(step.Failed), hostKept)
	}
	for i, f := range step.Failed {
		if want := fmt.Sprint("nope-", i); f.Command.ID != want {
			t.Errorf("command %d is %q, want %q (in the order they came)", i, f.Command.ID, want)
		}
	}
}
