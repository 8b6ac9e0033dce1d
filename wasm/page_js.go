package main

import (
	"syscall/js"

	"mapline/geo"
	"mapline/geo/lang"
	"mapline/wasm/mapui"
)

// The page's side that only a browser has (page.go is the rest): finding the
// document, the page's theme, the console.

// funcs are the page's callbacks, kept for the life of the page.
var funcs []js.Func

func newPage() *page {
	doc := jsDoc{js.Global().Get("document")}
	// lang.js has chosen the language (lang=, else the browser's) and set
	// the root's lang and dir before the wasm started.
	tag := doc.query("html").attr("lang")
	p := newPageOf(doc, newWords(lang.Get(tag), browserFormatter), func(labels node) mapui.Measurer {
		return newDOMMeasurer(doc.v, jsv(labels))
	})
	p.carto.listen(p)
	p.askTiles = askTiles // tiles_js.go
	p.warn = func(s string) { js.Global().Get("console").Call("warn", "mapline: "+s) }
	return p
}

// metaContent is the content of the page's <meta name=…>, or "".
func metaContent(name string) string {
	m := js.Global().Get("document").Call("querySelector", `meta[name="`+name+`"]`)
	if !m.Truthy() {
		return ""
	}
	return m.Call("getAttribute", "content").String()
}

// theme is the map theme that matches the page: frame.js decides it from the
// dark= flag and prefers-color-scheme, and marks the root with class "dark".
func (p *page) theme() geo.Theme {
	if jsv(p.root).Get("classList").Call("contains", "dark").Bool() {
		return geo.Dark
	}
	return geo.Light
}

// listenTheme follows the page's theme: frame.js fires "mapline-theme" on
// window when the reader's colour scheme changes under dark=auto.
func (p *page) listenTheme() {
	p.on(js.Global(), "mapline-theme", nil, func(js.Value) {
		p.mu.Lock()
		p.themeChanged = true
		p.mu.Unlock()
	})
}

// applyTheme hands a theme change to the state.
func (p *page) applyTheme(st *mapui.State) {
	p.mu.Lock()
	changed := p.themeChanged
	p.themeChanged = false
	p.mu.Unlock()
	if changed {
		st.SetTheme(p.theme())
	}
}

// panicked reports a panic of a listener or an idle task (mapui.Guard): on
// the console with its stack, and on the page as an error
// (data-mapline="error" and the note over the map), so that a control that
// stops working leaves a trace.
func (p *page) panicked(pn mapui.Panic) {
	logPanic(pn)
	p.showError(pn)
}

// logPanic writes a panic and its stack to the console.
func logPanic(pn mapui.Panic) {
	if c := js.Global().Get("console"); c.Truthy() {
		c.Call("error", pn.Error()+"\n"+pn.Stack)
	}
}
