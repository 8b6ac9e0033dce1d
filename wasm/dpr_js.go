package main

import (
	"fmt"
	"syscall/js"
	_ "unsafe" // for go:linkname

	"mapline/wasm/mapui"
)

// Ebitengine v2.8.8 reads window.devicePixelRatio once and keeps it in
// internal/ui.theMonitor, so after a browser zoom (or a move to a screen of
// another density) it would keep drawing at the old resolution, stretched.
// followDevicePixelRatio forgets the cached value when the ratio changes and
// fires a resize, on which Ebitengine sizes its canvas again and calls
// LayoutF, which reads the new ratio.
//
// This reaches into Ebitengine's internals: the struct below must match
// internal/ui.Monitor of the pinned version (one float64 field). The browser
// test TestDevicePixelRatioChange fails if an upgrade breaks it.
//
//go:linkname ebitenMonitor github.com/hajimehoshi/ebiten/v2/internal/ui.theMonitor
var ebitenMonitor *struct{ deviceScaleFactor float64 }

func (p *page) followDevicePixelRatio() {
	win := js.Global()
	ratio := win.Get("devicePixelRatio").Float()
	check := func() {
		r := win.Get("devicePixelRatio").Float()
		if r == ratio || r <= 0 {
			return
		}
		ratio = r
		if ebitenMonitor != nil {
			ebitenMonitor.deviceScaleFactor = 0
		}
		// Ebitengine's own resize listener ran before this one, with the
		// old ratio: resize again.
		win.Call("dispatchEvent", win.Get("Event").New("resize"))
	}
	// A browser zoom changes the viewport's CSS size, so it fires resize; a
	// move to a screen of another density only changes the resolution.
	p.on(win, "resize", nil, func(js.Value) { check() })
	if !win.Get("matchMedia").Truthy() {
		return
	}
	var watch func()
	watch = func() {
		q := win.Call("matchMedia", fmt.Sprintf("(resolution: %vdppx)", ratio))
		var f js.Func
		f = js.FuncOf(func(js.Value, []js.Value) any {
			f.Release()
			mapui.Guard("the resolution listener", func() { check(); watch() }, p.panicked)
			return nil
		})
		q.Call("addEventListener", "change", f, map[string]any{"once": true})
	}
	watch()
}
