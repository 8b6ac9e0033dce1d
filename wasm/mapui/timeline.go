package mapui

import (
	"sync"
	"time"

	"mapline/geo"
)

// Timeline is the input of the story's controls (wasm/timeline_js.go): the
// time slider, previous / play / next, the options (mode, speed, loop,
// follow), the list of events and the host page's commands. The DOM
// listeners only record; Apply, in Update, hands the record to the state.
// Safe for concurrent use.
type Timeline struct {
	mu       sync.Mutex
	in       timelineInput
	autoplay bool // play once the story is there (autoplay=true)
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
	host       []Command // the host page's commands (wasm/host_js.go)
	more       int       // widen the list: -1 earlier, +1 later
}

// hostKept is how many of the host's commands wait for the story.
const hostKept = 16

// NewTimeline makes the input of the controls.
func NewTimeline() *Timeline {
	return &Timeline{in: timelineInput{goTo: -1, slide: -1}}
}

// Autoplay sets whether the player starts once the story is there (never
// when the reader prefers reduced motion).
func (t *Timeline) Autoplay(on bool) {
	t.mu.Lock()
	t.autoplay = on
	t.mu.Unlock()
}

func (t *Timeline) record(f func(in *timelineInput)) {
	t.mu.Lock()
	f(&t.in)
	t.mu.Unlock()
}

// Slide records the slider moved to pos (0 to 1). The latest of the
// slider, the steps and GoTo in one frame wins.
func (t *Timeline) Slide(pos float64) {
	t.record(func(in *timelineInput) { in.slide, in.step, in.goTo = pos, 0, -1 })
}

// Step records a step through the events: -1 the previous, +1 the next.
// Steps in one frame add up.
func (t *Timeline) Step(n int) {
	t.record(func(in *timelineInput) { in.step, in.slide = in.step+n, -1 })
}

// GoTo records a choice of event i (clamped to the story's events: 1<<30
// is the last).
func (t *Timeline) GoTo(i int) {
	t.record(func(in *timelineInput) { in.goTo, in.step, in.slide = i, 0, -1 })
}

// TogglePlay records a press of the play button.
func (t *Timeline) TogglePlay() { t.record(func(in *timelineInput) { in.togglePlay = true }) }

// SetMode records a choice of mode ("cumulative", "point"; see geo.ParseMode).
func (t *Timeline) SetMode(m string) { t.record(func(in *timelineInput) { in.mode = m }) }

// SetSpeed records a choice of pace (1 is normal).
func (t *Timeline) SetSpeed(v float64) { t.record(func(in *timelineInput) { in.speed = v }) }

// SetLoop records the loop box.
func (t *Timeline) SetLoop(on bool) { t.record(func(in *timelineInput) { in.loop = onOff(on) }) }

// SetFollow records the "Move the map" box.
func (t *Timeline) SetFollow(on bool) { t.record(func(in *timelineInput) { in.follow = onOff(on) }) }

// More records a press of a button that widens the list: -1 earlier events,
// +1 later ones.
func (t *Timeline) More(dir int) { t.record(func(in *timelineInput) { in.more = dir }) }

// Host records a command of the host page.
func (t *Timeline) Host(c Command) {
	t.record(func(in *timelineInput) { in.host = append(in.host, c) })
}

func onOff(on bool) int {
	if on {
		return 1
	}
	return -1
}

// A TimelineStep is what Apply did that the page shows beyond the state.
type TimelineStep struct {
	Sliding bool           // the reader drags the slider: leave its thumb alone
	More    int            // widen the list: -1 earlier, +1 later, 0 not
	Failed  []CommandError // the host's commands that could not be carried out
}

// A CommandError is a command of the host that failed, and why.
type CommandError struct {
	Command Command
	Err     error
}

// Apply hands the controls' input to the state; track is the slider's scale
// (the story's geo.Track). Before the story is there nothing happens, and
// the host's commands wait (the first hostKept of them).
func (t *Timeline) Apply(st *State, track geo.Track, now time.Time) (step TimelineStep) {
	t.mu.Lock()
	in := t.in
	t.in = timelineInput{goTo: -1, slide: -1}
	s := st.m.Story
	if s == nil {
		t.in.host = in.host[:min(hostKept, len(in.host))]
	}
	t.mu.Unlock()
	if s == nil || len(s.Events) == 0 {
		return step
	}
	t.mu.Lock()
	autoplay := t.autoplay
	t.autoplay = false
	t.mu.Unlock()
	if autoplay && !st.still {
		// Never start by itself when the reader prefers reduced motion.
		st.Play(now)
	}
	switch {
	case in.slide >= 0:
		st.Pause()
		step.Sliding = true
		st.GoTo(max(0, s.AtTime(track.Time(in.slide))), now)
		st.SetMoment(track.Time(in.slide)) // the tracks move with the thumb
	case in.step != 0:
		st.Pause()
		st.GoTo(st.StepFrom(in.step), now)
	case in.goTo >= 0:
		st.Pause()
		st.GoTo(min(in.goTo, len(s.Events)-1), now)
	}
	for _, c := range in.host {
		if err := st.Run(c, now); err != nil {
			step.Failed = append(step.Failed, CommandError{c, err})
		}
	}
	step.More = in.more
	if in.togglePlay {
		if st.story.playing {
			st.Pause()
		} else {
			st.Play(now)
		}
	}
	if in.mode != "" {
		if m, ok := geo.ParseMode(in.mode); ok {
			st.SetMode(m)
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
			st.Aim()
		}
	}
	return step
}
