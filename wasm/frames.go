package main

import "time"

// The frame gate's bookkeeping (frames_js.go runs the gate in the page):
// when the next timed frame is due, and the frames counted for cmd/bench.

// alarm is the time of the next timed frame: of several times asked for,
// the earliest still to come wins.
type alarm struct {
	at    time.Time
	armed bool
}

// set asks for a frame at t, at now. rearm says whether the timer must be
// set again (the one running stopped), to go off after d; it need not when
// a time still to come and no later than t is set already.
func (a *alarm) set(t, now time.Time) (d time.Duration, rearm bool) {
	if a.armed && a.at.After(now) && !a.at.After(t) {
		return 0, false
	}
	a.at, a.armed = t, true
	return max(t.Sub(now), 0), true
}

// cancel forgets the time t if it is the one set, and reports whether it
// was (the timer must then be stopped): a frame asked for at t is no longer
// needed.
func (a *alarm) cancel(t time.Time) bool {
	if !a.armed || !a.at.Equal(t) {
		return false
	}
	a.armed = false
	return true
}

// maxWork is the most frames whose work frameCount keeps between two
// readings, so that a page nobody measures does not grow.
const maxWork = 1 << 16

// frameCount counts the frames run and drawn, and the main-thread ms each
// frame took (from its start to Ebitengine asking for the next), for
// cmd/bench (maplineStats).
type frameCount struct {
	started float64        // when the running frame began, 0 for none
	frames  int            // frames run
	draws   int            // frames that drew
	why     map[string]int // frames that drew, by reason (game.Update)
	work    []float64      // ms of main-thread work per frame since the last take
}

// begin starts a frame at ms.
func (c *frameCount) begin(ms float64) {
	c.started = ms
	c.frames++
}

// end ends the running frame, if any, at ms.
func (c *frameCount) end(ms float64) {
	if c.started == 0 {
		return
	}
	if len(c.work) < maxWork {
		c.work = append(c.work, ms-c.started)
	}
	c.started = 0
}

// take is what maplineStats says of the frames: the frames run and drawn so
// far, those drawn by reason (why), and the work of each since the last
// take, which it forgets.
func (c *frameCount) take() map[string]any {
	work := make([]any, len(c.work))
	for i, w := range c.work {
		work[i] = w
	}
	c.work = c.work[:0]
	why := make(map[string]any, len(c.why))
	for k, n := range c.why {
		why[k] = n
	}
	return map[string]any{"frames": c.frames, "draws": c.draws, "why": why, "work": work}
}

// scheduler is how the bridge's decisions ask for frames and idle work: in
// the page the frame gate (frames_js.go), on the host nothing or a test's
// record.
type scheduler interface {
	wake()                                   // run a frame soon
	wakeAt(t time.Time)                      // run a frame at t
	whenIdle(t *idleTask)                    // run t when the browser is idle
	ms() float64                             // the page's clock, performance.now()
	measure(name string, start, end float64) // a performance measure, for cmd/bench
}

// sched is the page's scheduler (frames_js.go sets it).
var sched scheduler = noFrames{}

type noFrames struct{}

func (noFrames) wake()                            {}
func (noFrames) wakeAt(time.Time)                 {}
func (noFrames) whenIdle(*idleTask)               {}
func (noFrames) ms() float64                      { return 0 }
func (noFrames) measure(string, float64, float64) {}

// An idleTask is work that need not be in a frame: whenIdle runs it in a
// callback of its own when the browser is idle (requestIdleCallback, else a
// timer), so that the frames of a gesture stay short. It runs on the main
// thread between tasks, never during a frame's Update, like a DOM listener.
type idleTask struct {
	run     func()
	fn      any // the browser's callback, made once (frames_js.go)
	pending bool
}

// drawReason is why a frame draws, for cmd/bench (frameCount.why): why0 is
// mapui.Compositor.Why before the frame's tiles came onto the map, why after
// the frame's changes; dirty0 tells whether the map was to be drawn before
// the tiles came, tiles whether they came (the map took new pieces). A
// frame past the margin takes the tiles of its view, which changes the map:
// it draws for the margin. A frame at rest draws for the rest when the view
// had moved since the frame drawn; with nothing else to draw, a frame that
// draws because the view's tiles arrived after it says "tiles".
func drawReason(why0, why string, dirty0, tiles bool) string {
	switch {
	case why0 == "":
		return why
	case why0 != "rest", dirty0:
		return why0
	case tiles:
		return "tiles"
	}
	return why
}
