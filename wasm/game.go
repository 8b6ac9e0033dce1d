package main

import "time"

// frameNeeds is what the map is waiting for after an Update, which decides
// the frames to ask for (game.schedule, frames_js.go).
type frameNeeds struct {
	changing    bool      // the scene changes: the state is dirty or animating
	unannounced bool      // a frame with the story was drawn, the page not told yet
	playing     bool      // the player runs…
	step        time.Time // …and steps then
	hash        bool      // a URL hash waits to be written…
	hashDue     time.Time // …from then
	hashQueued  bool      // …and an idle task to write it is queued already
	moving      bool      // the view is in motion (the hash waits for it to end)
}

// next is the frames to ask for: the next one at once (now) while anything
// moves or waits to be drawn; else one at each time in at (appended to at):
// the player's next step, and the hash's time unless the map moves or an
// idle task will write it anyway. With neither, the loop stops until an
// event.
func (n frameNeeds) next(at []time.Time) (now bool, _ []time.Time) {
	if n.changing || n.unannounced {
		return true, at
	}
	if n.playing {
		at = append(at, n.step)
	}
	if n.hash && !n.moving && !n.hashQueued {
		at = append(at, n.hashDue)
	}
	return false, at
}
