package main

import (
	"errors"
	"fmt"
	"strings"
	"syscall/js"

	"mapline/geo"
	"mapline/wasm/mapui"

	"github.com/hajimehoshi/ebiten/v2"
)

// run starts the map: it reads the URL, starts loading the story and runs the
// game loop, which the browser drives through requestAnimationFrame.
func run() {
	mark("mapline:main")
	origins, oprobs := dataOrigins(metaContent("mapline-data-origins"))
	pr, probs := readParams(js.Global().Get("location").Get("href").String(), origins...)
	probs = append(oprobs, probs...)
	for _, hp := range pr.hashProbs {
		js.Global().Get("console").Call("warn", "mapline: "+hp)
	}
	p := newPage()
	frames.panicked = p.panicked
	st := mapui.NewState(p.theme())
	st.SetLang(p.msg.Lang)
	if pr.view != nil {
		st.SetView(pr.view.Center, pr.view.Zoom)
		st.Follow(!pr.readerView)
	} else if v, ok := parseView(p.root.attr("data-start-view")); ok {
		// The view of the poster the reader has been looking at (frame.js).
		st.SetPosterView(v.Center, v.Zoom)
	}
	p.listen()
	p.tl.listen()
	p.tl.listenHost()
	p.tl.options(pr)
	p.explore.options(pr)
	p.explore.listen()
	st.SetMode(pr.mode)
	p.listenTheme()
	p.followDevicePixelRatio()
	go loadInPage(p, pr, probs)

	// Draw only when something changed: an idle map keeps its last frame.
	ebiten.SetScreenClearedEveryFrame(false)
	// And run frames only when something changes (frames_js.go).
	frames.start()
	wakeOnChange(p)

	// Never take the focus on load: the map is usually in an iframe of an article.
	g := newGame(st, p)
	frames.light = g.light
	mark("mapline:run-game")
	if err := ebiten.RunGameWithOptions(g, &ebiten.RunGameOptions{InitUnfocused: true}); err != nil {
		p.showError(fmt.Errorf("the map cannot be drawn here (%v); the story is still readable below", err))
	}
}

// loadInPage loads the basemap and the story (load) and hands them to the
// next Update.
func loadInPage(p *page, pr params, probs []string) {
	defer frames.wake() // the next Update takes the story
	// The basemap is on its way already (boot.js fetched it beside the
	// wasm); the story and the basemap come to the map together.
	bm := func() (*geo.Basemap, error) {
		start := frames.ms()
		defer func() { measure("mapline:basemap", start, frames.ms()) }()
		return fetchBasemap(pr.tiles, pr.tilesProb) // tiles_js.go
	}
	l := load(pr, probs, fetchers{basemap: bm, story: fetchStory})
	p.storyLoaded(l.story, l.basemap, l.initial, l.err)
}

// prefetched is the response to u that boot.js started fetching beside
// the wasm (window.maplineStory), if it fetched that very URL; it is taken
// once.
func prefetched(u string) (js.Value, bool) {
	pre := js.Global().Get("maplineStory")
	if pre.Type() != js.TypeObject || pre.Get("url").Type() != js.TypeString || pre.Get("url").String() != u {
		return js.Undefined(), false
	}
	js.Global().Delete("maplineStory")
	return pre.Get("response"), true
}

func fetchStory(u string) (*geo.Story, error) {
	start := frames.ms()
	req, ok := prefetched(u)
	if !ok {
		req = js.Global().Call("fetch", u)
	}
	resp, err := await(req)
	if err != nil {
		return nil, fmt.Errorf("the story could not be loaded from %s: %v", u, err)
	}
	if !resp.Get("ok").Bool() {
		return nil, fmt.Errorf("the story could not be loaded from %s: HTTP %d %s", u,
			resp.Get("status").Int(), resp.Get("statusText").String())
	}
	// A story over the limit is refused before it is read, when the server
	// says its size. A compressed story's Content-Length is its compressed
	// size: readStoryText counts the cap again on what the browser hands.
	n, err := storyTooLarge(u, resp.Get("headers").Call("get", "Content-Length").String())
	if err != nil {
		return nil, err
	}
	body := newJSBody(resp)
	text, err := readStoryText(u, body, n, body.cancel)
	if err != nil {
		return nil, err
	}
	fetched := frames.ms()
	measure("mapline:fetch", start, fetched)
	s, err := geo.Load(strings.NewReader(text))
	measure("mapline:parse", fetched, frames.ms())
	return s, err
}

// mark records a moment of the map's start in the page's performance
// timeline (performance.mark), for cmd/bench, which logs them with the
// measures as the load's steps.
func mark(name string) {
	if perf := js.Global().Get("performance"); perf.Truthy() && perf.Get("mark").Truthy() {
		perf.Call("mark", name)
	}
}

// wakeOnChange runs a frame on what changes the map without an event the
// page listens for anyway: the tab shown again, the body resized by the
// page's layout (Ebitengine reads its size every frame).
func wakeOnChange(p *page) {
	p.on(js.Global().Get("document"), "visibilitychange", nil, func(js.Value) {})
	if ro := js.Global().Get("ResizeObserver"); ro.Truthy() && js.Global().Get("document").Get("body").Truthy() {
		f := js.FuncOf(func(js.Value, []js.Value) any {
			frames.wake()
			return nil
		})
		funcs = append(funcs, f)
		ro.New(f).Call("observe", js.Global().Get("document").Get("body"))
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
