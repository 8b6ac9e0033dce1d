package mapui

import (
	"slices"
	"testing"
	"time"

	"mapline/geo"
)

// keeping is a selection of story s that keeps the events kept.
func keeping(s *geo.Story, kept ...int) *geo.Selection {
	sel := &geo.Selection{Events: make([]bool, len(s.Events)), Sites: make([]bool, len(s.Sites)), Kept: kept}
	for _, i := range kept {
		sel.Events[i] = true
	}
	return sel
}

// TestPlayMatchesOnly: while a search, filter or window narrows the story,
// the player steps through the events it keeps, not through every event;
// it starts at a match, loops to the first match, and does not play fewer
// than two.
func TestPlayMatchesOnly(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		kept    []int // nil: no selection
		from    int
		loop    bool
		want    []int // the current event on Play, then after each step
		playing bool  // still playing after the steps
	}{
		{name: "no-selection-plays-every-event", from: 0, want: []int{0, 1, 2, 3}, playing: true},
		{name: "plays-the-matches-and-stops-at-the-last", kept: []int{2, 5, 7}, from: 2, want: []int{2, 5, 7, 7}},
		{name: "from-an-event-left-out-starts-at-the-next-match", kept: []int{2, 5, 7}, from: 3, want: []int{5, 7}, playing: true},
		{name: "from-after-the-last-match-starts-at-the-first", kept: []int{2, 5, 7}, from: 9, want: []int{2, 5}, playing: true},
		{name: "at-the-last-match-starts-again-from-the-first", kept: []int{2, 5, 7}, from: 7, want: []int{2, 5}, playing: true},
		{name: "loop-goes-back-to-the-first-match", kept: []int{2, 5, 7}, from: 5, loop: true, want: []int{5, 7, 2, 5}, playing: true},
		{name: "one-match-does-not-play", kept: []int{4}, from: 4, want: []int{4}},
		{name: "no-match-does-not-play", kept: []int{}, from: 1, want: []int{1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := demoStory(t)
			if len(s.Events) < 10 {
				t.Fatalf("the demo story has %d events, the cases need 10", len(s.Events))
			}
			st := NewState(geo.Light)
			st.Resize(800, 500, 1)
			st.SetStory(s, -1)
			if tc.kept != nil {
				st.Select(keeping(s, tc.kept...))
			}
			st.story.loop = tc.loop
			if want := len(tc.want) > 1; st.CanPlay() != want {
				t.Errorf("CanPlay %v, want %v", st.CanPlay(), want)
			}
			st.GoTo(tc.from, now)
			st.Play(now)
			got := []int{st.Current()}
			for len(got) < len(tc.want) {
				now = now.Add(st.interval())
				st.StoryFrame(now)
				got = append(got, st.Current())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("events %v, want %v", got, tc.want)
			}
			if playing, _ := st.Playing(); playing != tc.playing {
				t.Errorf("playing %v, want %v", playing, tc.playing)
			}
		})
	}
}
