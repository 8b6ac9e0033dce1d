package main

import (
	"runtime"
	"sync"
	"syscall/js"
	"time"
	_ "unsafe" // for go:linkname

	"mapline/wasm/mapui"

	"github.com/hajimehoshi/ebiten/v2"
)

// Frames run only while something changes. Ebitengine v2.8.8 runs its loop
// on requestAnimationFrame, and even in FPSModeVsyncOffMinimum (which only
// skips Update when no frame is scheduled) the browser wakes Go every frame:
// about 9% of the main thread on an idle map. That mode also forces a whole
// frame, drawn and presented, on every mouse, wheel, touch and key event
// Ebitengine sees. So the loop stays in the default mode (a frame runs
// Update and Draw), and its calls to requestAnimationFrame go through a
// gate: when no frame is wanted, the gate keeps Ebitengine's callback
// instead of handing it to the browser, and wake hands it over. Whoever
// changes the state wakes the loop: every DOM listener (page.on), the
// story's arrival, a resize, and Update itself while anything moves or
// waits (see game.schedule); timers wake it for what is due later (the
// player's next step, the URL hash).
//
// The ticks must follow the frames (ebiten.SyncWithFPS): at the default 60
// ticks a second, a frame that comes more than 5/60 s after the one before
// runs no Update at all, and a loop woken for the player after a pause
// would stop right there; that is what stalled the player in the first try
// of frames on demand.
//
// This reaches into Ebitengine's internals: the variable below must be
// internal/ui's requestAnimationFrame of the pinned version. The browser
// tests of the player and the idle figure of cmd/bench fail if an upgrade
// breaks it.
//
//go:linkname ebitenRAF github.com/hajimehoshi/ebiten/v2/internal/ui.requestAnimationFrame
var ebitenRAF js.Value

// Besides its frames, Ebitengine v2.8.8 runs a goroutine on a 100 ms ticker
// (internal/ui's loop) that suspends or resumes audio through
// internal/hook, whose functions take the mutex below: ten wake-ups of Go a
// second, about 0.5% of the main thread on an idle map, for audio the map
// does not have. While the loop is parked the gate holds that mutex: the
// goroutine then waits for it instead of for its ticker, and a ticker that
// no goroutine waits for sets no timer (Go 1.23 and later), so the page
// sleeps. wake lets go of it before the next frame, whose update takes it
// too. site/idle_test.go fails if an upgrade breaks this.
//
//go:linkname ebitenHookMu github.com/hajimehoshi/ebiten/v2/internal/hook.m
var ebitenHookMu sync.Mutex

// frameGate holds Ebitengine's frame callback while the map is idle, and
// counts the frames and the main-thread time each took, for cmd/bench.
type frameGate struct {
	mu     sync.Mutex
	raf    js.Value // the browser's requestAnimationFrame
	now    js.Value // performance.now
	parked js.Value // Ebitengine's frame callback, held while idle
	hushed bool     // ebitenHookMu is held (while parked)
	want   bool     // let the next request through
	timer  *time.Timer
	next   alarm      // when timer goes off (frames.go)
	count  frameCount // the frames, in performance.now() ms (frames.go)
	fns    []js.Func

	// panicked reports a panic of an idle task (page.panicked once the page
	// is there).
	panicked func(mapui.Panic)

	// light, when set, may run a frame without Ebitengine (game.light): it
	// reports whether it did, and the frame is then done. Ebitengine's own
	// frame presents its screen again for several frames after each
	// drawing, and under a software GPU each present costs a read-back of
	// the whole canvas (about as much as drawing it): a pan or zoom that the
	// compositor carries needs none of that.
	light func() bool
}

// report hands a panic to f.panicked, or to the console before the page is
// there.
func (f *frameGate) report(p mapui.Panic) {
	if f.panicked != nil {
		f.panicked(p)
		return
	}
	logPanic(p)
}

var frames frameGate

func init() { sched = &frames }

// measure records a performance measure (see the package function).
func (f *frameGate) measure(name string, start, end float64) { measure(name, start, end) }

// start puts the gate in Ebitengine's loop. Call it before RunGame.
func (f *frameGate) start() {
	win := js.Global()
	f.raf = win.Get("requestAnimationFrame")
	if perf := win.Get("performance"); perf.Truthy() {
		f.now = perf.Get("now").Call("bind", perf)
	}
	f.want = true // the first frames set the map up
	// tick runs Ebitengine's frame: it notes the time, then calls
	// Ebitengine's callback, which starts the frame's goroutine.
	// Or, when light does the frame, it is done there, and Ebitengine's
	// callback waits for the next.
	var cb js.Value
	var tick js.Func
	tick = js.FuncOf(func(_ js.Value, args []js.Value) any {
		f.mu.Lock()
		f.count.begin(f.ms())
		c, light := cb, f.light
		f.mu.Unlock()
		done := false
		if light != nil {
			mapui.Guard("a frame", func() { done = light() }, f.report)
		}
		if !done {
			return c.Invoke(args[0])
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.ask(tick.Value)
	})
	gate := js.FuncOf(func(_ js.Value, args []js.Value) any {
		f.mu.Lock()
		defer f.mu.Unlock()
		cb = args[0]
		return f.ask(tick.Value)
	})
	f.fns = append(f.fns, tick, gate)
	ebitenRAF = gate.Value
	ebiten.SetTPS(ebiten.SyncWithFPS)
	f.publish()
}

// ask ends the frame that ran, if one did, and asks for the next with
// tick if a frame is wanted, else parks it. Call it with f.mu held.
func (f *frameGate) ask(tick js.Value) any {
	f.count.end(f.ms())
	if f.want {
		f.want = false
		return f.raf.Invoke(tick)
	}
	f.parked = tick
	// Never block in a callback: if the ticker's goroutine has the
	// mutex now, the next park tries again.
	if !f.hushed && ebitenHookMu.TryLock() {
		f.hushed = true
	}
	return 0
}

func (f *frameGate) ms() float64 {
	if f.now.Truthy() {
		return f.now.Invoke().Float()
	}
	return float64(time.Now().UnixNano()) / 1e6
}

// wake runs a frame soon: now if the loop is parked, else the next one.
// Safe to call from any goroutine and from DOM callbacks.
func (f *frameGate) wake() {
	f.mu.Lock()
	cb := f.parked
	f.parked = js.Undefined()
	if cb.IsUndefined() {
		f.want = true
	}
	if f.hushed {
		f.hushed = false
		ebitenHookMu.Unlock()
	}
	f.mu.Unlock()
	if !cb.IsUndefined() {
		f.raf.Invoke(cb)
	}
}

// wakeAt runs a frame at t (or earlier, if something else wakes the loop).
// Of several times asked for, the earliest still to come wins.
func (f *frameGate) wakeAt(t time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, rearm := f.next.set(t, time.Now())
	if !rearm {
		return
	}
	if f.timer != nil {
		f.timer.Stop()
	}
	f.timer = time.AfterFunc(d, f.wake)
}

// cancelWake forgets the frame asked for at t, if no earlier one replaced
// it: an idle page must not wake for a deadline already met.
func (f *frameGate) cancelWake(t time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.next.cancel(t) && f.timer != nil {
		f.timer.Stop()
	}
}

// drew counts a frame that drew.
func (f *frameGate) drew() {
	f.mu.Lock()
	f.count.draws++
	f.mu.Unlock()
}

// drawnFor counts a scene made to be drawn, by why (frameCount.why).
func (f *frameGate) drawnFor(why string) {
	f.mu.Lock()
	if f.count.why == nil {
		f.count.why = map[string]int{}
	}
	f.count.why[why]++
	f.mu.Unlock()
}

// idleWait is the longest an idle task waits for the browser to be idle.
const idleWait = 300 // ms

// whenIdle runs t.run once the browser is idle, unless it is already due.
// Call it from Update.
func (f *frameGate) whenIdle(t *idleTask) {
	if t.pending {
		return
	}
	win := js.Global()
	fn, made := t.fn.(js.Func)
	if !made {
		fn = js.FuncOf(func(js.Value, []js.Value) any {
			t.pending = false
			mapui.Guard("an idle task", t.run, f.report) // never across the JS boundary
			return nil
		})
		t.fn = fn
	}
	t.pending = true
	if ric := win.Get("requestIdleCallback"); ric.Truthy() {
		ric.Invoke(fn, map[string]any{"timeout": idleWait})
		return
	}
	win.Call("setTimeout", fn, 0)
}

// publish gives the page maplineStats(), for cmd/bench: the frames run and
// drawn so far (and why they drew: game.Update), the main-thread ms of each frame since the last call, and
// the Go heap (after a collection with {gc: true}). It changes nothing on
// the map.
func (f *frameGate) publish() {
	stats := js.FuncOf(func(_ js.Value, args []js.Value) any {
		var out map[string]any
		mapui.Guard("maplineStats", func() { out = f.stats(args) }, f.report)
		return out
	})
	f.fns = append(f.fns, stats)
	js.Global().Set("maplineStats", stats)
}

// stats is what maplineStats returns (see publish).
func (f *frameGate) stats(args []js.Value) map[string]any {
	if len(args) > 0 && args[0].Type() == js.TypeObject && args[0].Get("gc").Truthy() {
		// maplineStats({gc: true}) collects the Go heap first. Its
		// finalizers then release the JavaScript values the map has
		// let go of (syscall/js holds each until then), so that a
		// garbage collection of the JS heap after it measures what is
		// really kept.
		runtime.GC()
	}
	f.mu.Lock()
	out := f.count.take()
	f.mu.Unlock()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	out["goHeapAlloc"] = float64(ms.HeapAlloc)
	out["goSys"] = float64(ms.Sys)
	return out
}

// measure records a span of the map's start in the page's performance
// timeline (performance.measure), for cmd/bench: start and end are
// performance.now() values.
func measure(name string, start, end float64) {
	perf := js.Global().Get("performance")
	if !perf.Truthy() || !perf.Get("measure").Truthy() {
		return
	}
	defer func() {
		// An old browser without measure options throws a TypeError, and
		// the span is not recorded; anything else is a bug.
		if r := recover(); r != nil {
			if _, ok := r.(js.Error); !ok {
				panic(r)
			}
		}
	}()
	perf.Call("measure", name, map[string]any{"start": start, "end": end})
}
