package main

import (
	"sync"
	"syscall/js"

	"mapline/geo"
	"mapline/geo/lang"
	"mapline/wasm/mapui"
)

// page is the bridge to the DOM of embed.html: it reads the reader's input
// from DOM events (recorded between frames in mapui.Input, the story's
// arrival in inbox) and writes the text of
// the map: the labels, the notes and the state flags. The timeline's controls
// are in timeline_js.go (tl).
type page struct {
	doc, root                js.Value
	labels, note, storyTitle js.Value
	tl                       *timeline
	carto                    *carto    // labels, legend, scale bar (carto_js.go)
	explore                  *explorer // search, filters, clusters (explore_js.go)
	words                              // the page's language (words.go)
	storyLang                string    // the language of the story's plain texts (geo.Story.Lang)
	view                     string    // last data-view
	cursor                   string

	input *mapui.Input // the reader's gestures on the map (input_js.go)
	zoom  *controls    // the zoom buttons

	mu           sync.Mutex
	themeChanged bool
	in           inbox
	fns          []js.Func // kept alive for the life of the page
}

func newPage() *page {
	doc := js.Global().Get("document")
	byID := func(id string) js.Value { return doc.Call("getElementById", id) }
	p := &page{
		doc: doc, root: doc.Get("documentElement"),
		labels: byID("map-labels"), note: byID("map-note"), storyTitle: byID("story-title"),
	}
	// lang.js has chosen the language (lang=, else the browser's) and set
	// the root's lang and dir before the wasm started.
	var tag string
	if l := p.root.Call("getAttribute", "lang"); l.Truthy() {
		tag = l.String()
	}
	p.words = newWords(lang.Get(tag), browserFormatter)
	p.tl = newTimeline(p)
	p.carto = newCarto(doc, p.labels)
	p.carto.words = p.words
	p.carto.listen(p)
	p.explore = p.newExplorer()
	return p
}

// setupCanvas gives Ebitengine's canvas its place in the page: an accessible
// name, and a normal position in the tab order (Ebitengine gives it tabindex 1,
// which would put the map before everything else).
func (p *page) setupCanvas() {
	c := p.doc.Call("querySelector", "canvas")
	if !c.Truthy() {
		return
	}
	c.Call("setAttribute", "tabindex", "0")
	c.Call("setAttribute", "role", "region")
	c.Call("setAttribute", "aria-roledescription", "map")
	c.Call("setAttribute", "aria-label", p.msg.Text("map.label"))
	c.Call("setAttribute", "aria-describedby", "map-desc")
}

// storyLoaded hands a loaded story and the basemap (or their errors) to the
// next Update, the story in the reader's language where it has its texts
// (title:ar, …).
func (p *page) storyLoaded(s *geo.Story, bm *geo.Basemap, initial int, err error) {
	s = s.In(p.msg.Lang)
	p.mu.Lock()
	p.in.story, p.in.storyInit, p.in.storyErr, p.in.hasStory = s, initial, err, true
	p.in.basemap = bm
	p.mu.Unlock()
}

// showStory sets up the controls for a story.
func (p *page) showStory(s *geo.Story) { p.tl.showStory(s) }

// el makes an element with a class and a text (set as text, never as HTML).
func (p *page) el(tag, class, text string) js.Value {
	e := p.doc.Call("createElement", tag)
	if class != "" {
		e.Set("className", class)
	}
	if text != "" {
		e.Set("textContent", text)
	}
	return e
}

// setText sets the text of the element with the given id, if there is one.
func (p *page) setText(id, text string) {
	if el := p.doc.Call("getElementById", id); el.Truthy() {
		el.Set("textContent", text)
	}
}

// sourceInto writes a source into el: a link for an http(s) URL (opening in a
// new tab, without referrer or opener), plain text otherwise.
func (p *page) sourceInto(el js.Value, src string) {
	el.Set("textContent", "")
	if href, host, ok := sourceLink(src); ok {
		a := p.doc.Call("createElement", "a")
		a.Set("href", href)
		a.Set("rel", "noopener noreferrer")
		a.Set("target", "_blank")
		a.Set("textContent", host)
		el.Call("appendChild", a)
		return
	}
	el.Set("textContent", src)
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
	if p.root.Get("classList").Call("contains", "dark").Bool() {
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

// setCursor sets the mouse cursor over the map.
func (p *page) setCursor(c string) {
	if c != p.cursor {
		p.cursor = c
		if cv := p.doc.Call("querySelector", "canvas"); cv.Truthy() {
			cv.Get("style").Set("cursor", c)
		}
	}
}

// placeLabels shows the labels, the legend and the scale bar of the scene
// on screen (see carto). Call it every frame: it works only when the scene
// changed or the map's controls moved.
func (p *page) placeLabels(sc *geo.Scene, m *geo.Map, changed bool) {
	p.carto.update(sc, m, changed)
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

func (p *page) showError(err error) {
	p.root.Call("setAttribute", "data-mapline", "error")
	p.note.Set("hidden", false)
	p.note.Call("replaceChildren")
	p.note.Call("appendChild", p.el("strong", "", p.msg.Text("error.story")))
	ul := p.el("ul", "", "")
	ul.Call("setAttribute", "dir", "auto") // the problems are in English
	for _, l := range p.errorLines(err) {
		ul.Call("appendChild", p.el("li", "", l))
	}
	p.note.Call("appendChild", ul)
}

// setView publishes the view on the root element as data-view="LAT,LON,ZOOM",
// the form of the view= flag.
func (p *page) setView(v geo.View) {
	s := viewParam(v)
	if s != p.view {
		p.view = s
		p.root.Call("setAttribute", "data-view", s)
	}
}

// setReady tells the page the map has drawn its first frame with the story:
// data-drawn always (frame.js then takes the poster and the progress bar
// away), data-mapline="ready" unless the story had errors.
func (p *page) setReady() {
	p.root.Call("setAttribute", "data-drawn", "")
	if p.root.Call("getAttribute", "data-mapline").String() != "error" {
		p.root.Call("setAttribute", "data-mapline", "ready")
	}
}
