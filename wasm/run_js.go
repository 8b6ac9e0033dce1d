package main

import (
	"errors"
	"fmt"
	"strings"
	"syscall/js"

	"mapline/geo"

	"github.com/hajimehoshi/ebiten/v2"
)

// run starts the map: it reads the URL, starts loading the story and runs the
// game loop, which the browser drives through requestAnimationFrame.
func run() {
	pr, probs := readParams(js.Global().Get("location").Get("href").String())
	p := newPage()
	st := newState(p.theme())
	if pr.view != nil {
		st.setView(pr.view.Center, pr.view.Zoom)
		st.story.follow = !pr.readerView
	}
	p.listen()
	p.tl.listen()
	p.tl.options(pr)
	st.setMode(pr.mode)
	p.listenTheme()
	p.followDevicePixelRatio()
	go load(p, pr, probs)

	// Draw only when something changed: an idle map keeps its last frame.
	ebiten.SetScreenClearedEveryFrame(false)
	// And run frames only when something changes (frames_js.go).
	frames.start()
	wakeOnChange(p)

	// Never take the focus on load: the map is usually in an iframe of an article.
	if err := ebiten.RunGameWithOptions(newGame(st, p), &ebiten.RunGameOptions{InitUnfocused: true}); err != nil {
		p.showError(fmt.Errorf("the map cannot be drawn here (%v); the story is still readable below", err))
	}
}

// load fetches and parses the story, then hands it to the game.
func load(p *page, pr params, probs []string) {
	var errs []error
	for _, pb := range probs {
		errs = append(errs, errors.New(pb))
	}
	defer frames.wake() // the next Update takes the story
	if pr.data == "" {
		p.storyLoaded(nil, -1, errors.Join(errs...))
		return
	}
	s, err := fetchStory(pr.data)
	if err != nil {
		errs = append(errs, err)
	}
	initial := -1
	if s != nil {
		switch {
		case pr.event != "":
			if initial = s.Index(pr.event); initial < 0 {
				errs = append(errs, fmt.Errorf("no event has the id %q (from the link)", pr.event))
			}
		case pr.t != nil:
			initial = max(s.At(*pr.t), 0)
		}
	}
	p.storyLoaded(s, initial, errors.Join(errs...))
}

func fetchStory(u string) (*geo.Story, error) {
	start := frames.ms()
	resp, err := await(js.Global().Call("fetch", u))
	if err != nil {
		return nil, fmt.Errorf("the story could not be loaded from %s: %v", u, err)
	}
	if !resp.Get("ok").Bool() {
		return nil, fmt.Errorf("the story could not be loaded from %s: HTTP %d %s", u,
			resp.Get("status").Int(), resp.Get("statusText").String())
	}
	text, err := await(resp.Call("text"))
	if err != nil {
		return nil, fmt.Errorf("the story could not be read from %s: %v", u, err)
	}
	fetched := frames.ms()
	measure("mapline:fetch", start, fetched)
	s, err := geo.Load(strings.NewReader(text.String()))
	measure("mapline:parse", fetched, frames.ms())
	return s, err
}

// wakeOnChange runs a frame on what changes the map without an event the
// page listens for anyway: the tab shown again, the body resized by the
// page's layout (Ebitengine reads its size every frame).
func wakeOnChange(p *page) {
	p.on(p.doc, "visibilitychange", nil, func(js.Value) {})
	if ro := js.Global().Get("ResizeObserver"); ro.Truthy() && p.doc.Get("body").Truthy() {
		f := js.FuncOf(func(js.Value, []js.Value) any {
			frames.wake()
			return nil
		})
		p.fns = append(p.fns, f)
		ro.New(f).Call("observe", p.doc.Get("body"))
	}
}

// await waits for a JavaScript promise. Call it from a goroutine, never from
// a JS callback.
func await(promise js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	then := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{v: args[0]}
		return nil
	})
	catch := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{err: errors.New(args[0].Call("toString").String())}
		return nil
	})
	defer then.Release()
	defer catch.Release()
	promise.Call("then", then, catch)
	r := <-ch
	return r.v, r.err
}
