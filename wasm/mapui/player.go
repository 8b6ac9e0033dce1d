package mapui

import (
	"math"
	"time"

	"mapline/geo"
)

// story is the part of the state that moves through the story: the player
// that steps on its own and the camera that follows the events.
type story struct {
	playing bool
	loop    bool
	speed   float64   // 1 is the normal pace
	due     time.Time // when the player steps next

	follow bool        // move the map to each event's places
	flight *geo.Flight // the camera's move in progress
	flown  time.Time   // when it started
	camera geo.View    // the view the camera last set: a different one means the reader moved
}

// stepEvery is the time the player shows each event at the normal pace:
// long enough to read a title and a sentence.
const stepEvery = 3500 * time.Millisecond

// flightMax is the longest camera move.
const flightMax = 2 * time.Second

func (s *State) interval() time.Duration {
	sp := s.story.speed
	if sp <= 0 {
		sp = 1
	}
	return time.Duration(float64(stepEvery) / sp)
}

// Play starts the player. While a selection narrows the story (a search, a
// filter, a window: geo.Map.Select), it plays only the events kept, and
// fewer than two do not play. From an event left out it starts at the next
// one kept; at the last, it starts again from the first.
func (s *State) Play(now time.Time) {
	if !s.CanPlay() {
		return
	}
	sel := s.m.Selection()
	switch next := s.StepFrom(1); {
	case next == s.cur:
		s.GoTo(s.firstPlayed(), now)
	case !sel.Keeps(s.cur):
		s.GoTo(next, now)
	}
	s.story.playing = true
	s.story.due = now.Add(s.interval())
	s.eventDirty = true // the play button changes
}

// CanPlay reports whether the player has something to play: two events or
// more, of those the selection keeps while one narrows the story.
func (s *State) CanPlay() bool {
	st, sel := s.m.Story, s.m.Selection()
	return st != nil && len(st.Events) >= 2 && (sel == nil || len(sel.Kept) >= 2)
}

// firstPlayed is the first event the player plays: the first one the
// selection keeps, or the story's first.
func (s *State) firstPlayed() int {
	if sel := s.m.Selection(); sel != nil && len(sel.Kept) > 0 {
		return sel.Kept[0]
	}
	return 0
}

// pause stops the player.
func (s *State) Pause() {
	if s.story.playing {
		s.story.playing = false
		s.eventDirty = true
	}
}

// goTo makes event i current, at its start, moving the camera to it when
// following.
func (s *State) GoTo(i int, now time.Time) {
	s.SetMoment(time.Time{})
	prev := s.cur
	s.SetEvent(i)
	if s.cur != prev {
		s.Aim()
	}
}

// storyFrame runs the player; it is called every frame and does nothing when
// the player is not playing. While it plays a story with tracks, it moves
// the moment between events (playMoment). (The camera's flights run with the other
// animations, in state.tick.)
func (s *State) StoryFrame(now time.Time) {
	st := s.m.Story
	if s.story.playing && st != nil && !now.Before(s.story.due) {
		switch next := s.StepFrom(1); {
		case next != s.cur:
			s.GoTo(next, now)
		case s.story.loop:
			s.GoTo(s.firstPlayed(), now)
		default:
			s.Pause()
		}
		s.story.due = now.Add(s.interval())
	}
	if s.story.playing && st != nil && s.m.HasTracks() {
		s.SetMoment(s.playMoment(now))
	}
}

// playMoment is the moment of the story the player shows at now: from the
// current event's start towards the start of the next one it plays (the
// current one's end for the last), in step with the time left until it
// steps, so that tracks move as the story plays.
func (s *State) playMoment(now time.Time) time.Time {
	evs := s.m.Story.Events
	if s.cur < 0 || s.cur >= len(evs) {
		return time.Time{}
	}
	from := evs[s.cur].Time.Start.T
	to := evs[s.cur].Time.Until()
	if next := s.StepFrom(1); next != s.cur {
		to = evs[next].Time.Start.T
	}
	iv := s.interval()
	f := 1 - float64(s.story.due.Sub(now))/float64(iv)
	f = math.Max(0, math.Min(1, f))
	return from.Add(time.Duration(f * float64(to.Sub(from))))
}

// aim moves the camera to the current event when following: to the event's
// own view, or just enough to bring its places into sight (never zooming in
// further than the reader is).
func (s *State) Aim() {
	st := s.m.Story
	if !s.story.follow || st == nil || s.cur < 0 || s.view.Width <= 0 {
		return
	}
	e := &st.Events[s.cur]
	to := s.view
	switch {
	case e.Camera != nil:
		to.Center, to.Zoom = e.Camera.Center, e.Camera.Zoom
	default:
		b, ok := st.EventBound(s.cur)
		pad := geo.FitPad(s.over) // clear of the controls (SetControls)
		if !ok || s.view.ShowsIn(b, pad) {
			return
		}
		to = to.FitIn(b, pad.Plus(fitPadding), math.Min(s.view.Zoom, fitMaxZoom))
	}
	to = to.Constrain(s.bound, s.floor)
	if !sameView(to, s.view) {
		s.flyTo(to, flightMax)
	}
}

func sameView(a, b geo.View) bool {
	return math.Abs(a.Zoom-b.Zoom) < 1e-9 && math.Abs(a.Center[0]-b.Center[0]) < 1e-9 && math.Abs(a.Center[1]-b.Center[1]) < 1e-9
}

// setMode shows everything so far (geo.Cumulative) or only the current event
// (geo.Point).
func (s *State) SetMode(m geo.Mode) {
	if m == s.m.Mode {
		return
	}
	s.m.Mode = m
	s.dirty = true
}
