package mapui

import (
	"fmt"
	"strings"
	"time"

	"mapline/geo"
)

// Command is one request of the host page, as frame.js relays it from a
// postMessage (see docs/embed-api.md): go to an event by id or to a date,
// play, pause, or show a view. frame.js checks the message's shape and
// sender; Command checks its meaning.
type Command struct {
	Type string // goto, play, pause, setView
	ID   string // goto: an event id
	Date string // goto: an ISO 8601 date (the latest event at or before it)
	View string // setView: LAT,LON,ZOOM as in the view= flag
}

// Run applies the command to the state. A command that names no event, a
// date that is not a date or a view that is not a view changes nothing and
// returns an error saying why (frame.js posts it back as an "error" message).
func (s *State) Run(c Command, now time.Time) error {
	st := s.m.Story
	switch c.Type {
	case "play":
		s.Play(now)
	case "pause":
		s.Pause()
	case "goto":
		if st == nil || len(st.Events) == 0 {
			return fmt.Errorf("goto: the story has no events")
		}
		i := -1
		switch {
		case c.ID != "":
			i = st.Index(strings.TrimPrefix(c.ID, "event-"))
			if i < 0 {
				return fmt.Errorf("goto: no event has the id %q", c.ID)
			}
		case c.Date != "":
			d, err := geo.ParseDate(c.Date)
			if err != nil {
				return fmt.Errorf("goto: date %q: %v", c.Date, err)
			}
			i = max(0, st.At(d))
		default:
			return fmt.Errorf("goto: needs an id or a date")
		}
		s.Pause()
		s.GoTo(i, now)
	case "setView":
		v, err := geo.ParseView(c.View)
		if err != nil {
			return fmt.Errorf("setView: view %q is not LAT,LON,ZOOM", c.View)
		}
		s.anim.stop()
		if s.story.follow {
			s.story.follow = false
			s.eventDirty = true
		}
		s.SetView(v.Center, v.Zoom)
	default:
		return fmt.Errorf("unknown Command %q", c.Type)
	}
	return nil
}
