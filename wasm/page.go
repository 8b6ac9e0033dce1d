package main

import (
	"fmt"
	"net/url"
	"strconv"
	"sync"

	"mapline/geo"
	"mapline/wasm/mapui"
)

// sourceLink is how a story's source shows: a link to href, reading host,
// for an http(s) URL with a host (ok); anything else shows as plain text.
func sourceLink(src string) (href, host string, ok bool) {
	u, err := url.Parse(src)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return "", "", false
	}
	return u.String(), u.Host, true
}

// page is the bridge to the DOM of embed.html: it reads the reader's input
// from DOM events (input_js.go: recorded between frames in mapui.Input, the
// story's arrival in inbox) and writes the text of the map: the labels, the
// notes and the state flags. The timeline's controls are in timeline.go (tl).
type page struct {
	doc                      document
	root                     node
	labels, note, storyTitle node
	tl                       *timeline
	carto                    *carto    // labels, legend, scale bar (carto.go)
	explore                  *explorer // search, filters, clusters (explore_page.go)
	words                              // the page's language (words.go)
	storyLang                string    // the language of the story's plain texts (geo.Story.Lang)
	view                     string    // last data-view
	cursor                   string
	move                     mapui.Move // the frame on screen moved by (mapui.Compositor)…
	moveCSS                  [2]string  // …as CSS translate and scale…
	moved                    []node     // …of these layers

	input *mapui.Input // the reader's gestures on the map (input_js.go)
	// askTiles asks for the basemap tiles of view v that are neither held
	// nor on their way (tiles_js.go: askTiles).
	askTiles func(v geo.View)
	warn     func(string) // a warning on the console
	zoom     *controls    // the zoom buttons

	mu           sync.Mutex
	themeChanged bool
	in           inbox
}

// newPageOf makes the page's bridge over doc, in the language of w, with
// the labels' texts measured by what measure makes.
func newPageOf(doc document, w words, measure func(labels node) mapui.Measurer) *page {
	p := &page{
		doc: doc, root: doc.query("html"),
		labels: doc.byID("map-labels"), note: doc.byID("map-note"), storyTitle: doc.byID("story-title"),
	}
	p.words = w
	p.tl = newTimeline(p)
	p.carto = newCarto(doc, p.labels, measure(p.labels))
	p.carto.words = p.words
	p.explore = newExplorer(p)
	p.warn = func(string) {}
	p.askTiles = func(geo.View) {}
	return p
}

// inbox is what DOM callbacks other than the map's gestures (mapui.Input)
// gather for the next Update: the story and the basemap, once.
type inbox struct {
	story     *geo.Story
	storyErr  error
	basemap   *geo.Basemap // with the story: nil when it could not be loaded
	storyInit int
	hasStory  bool
}

// controls are the zoom buttons…
type controls struct {
	zoomIn, zoomOut node
	canIn, canOut   bool // …and whether they are enabled
}

// enable marks the zoom buttons usable or not (aria-disabled, not disabled,
// so that a focused button keeps the focus at the limit).
func (c *controls) enable(in, out bool) {
	set := func(b node, on bool, was *bool) {
		if on != *was {
			b.setAttr("aria-disabled", strconv.FormatBool(!on))
			*was = on
		}
	}
	set(c.zoomIn, in, &c.canIn)
	set(c.zoomOut, out, &c.canOut)
}

// setupCanvas gives Ebitengine's canvas its place in the page: an accessible
// name, and a normal position in the tab order (Ebitengine gives it tabindex 1,
// which would put the map before everything else).
func (p *page) setupCanvas() {
	c := p.doc.query("canvas")
	c.setAttr("tabindex", "0")
	c.setAttr("role", "region")
	c.setAttr("aria-roledescription", "map")
	c.setAttr("aria-label", p.msg.Text("map.label"))
	c.setAttr("aria-describedby", "map-desc")
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
func (p *page) el(tag, class, text string) node { return elem(p.doc, tag, class, text) }

// setText sets the text of the element with the given id, if there is one.
func (p *page) setText(id, text string) { p.doc.byID(id).setText(text) }

// sourceInto writes a source into el: a link for an http(s) URL (opening in a
// new tab, without referrer or opener), plain text otherwise.
func (p *page) sourceInto(el node, src string) {
	el.setText("")
	if href, host, ok := sourceLink(src); ok {
		a := p.el("a", "", host)
		a.set("href", href)
		a.set("rel", "noopener noreferrer")
		a.set("target", "_blank")
		el.append(a)
		return
	}
	el.setText(src)
}

// setCursor sets the mouse cursor over the map.
func (p *page) setCursor(c string) {
	if c != p.cursor {
		p.cursor = c
		p.doc.query("canvas").setStyle("cursor", c)
	}
}

// placeLabels shows the labels, the legend and the scale bar of the scene
// on screen (see carto). Call it every frame: it works only when the scene
// changed or the map's controls moved.
func (p *page) placeLabels(sc *geo.Scene, m *geo.Map, changed bool) {
	p.carto.update(sc, m, changed)
}

// showError shows the story's problems (or a panic's) over the map, as a
// list in the note, and marks the page data-mapline="error".
func (p *page) showError(err error) {
	p.root.setAttr("data-mapline", "error")
	p.note.set("hidden", false)
	p.note.clear()
	p.note.append(p.el("strong", "", p.msg.Text("error.story")))
	ul := p.el("ul", "", "")
	ul.setAttr("dir", "auto") // the problems are in English
	for _, l := range p.errorLines(err) {
		ul.append(p.el("li", "", l))
	}
	p.note.append(ul)
}

// setView publishes the view on the root element as data-view="LAT,LON,ZOOM",
// the form of the view= flag.
func (p *page) setView(v geo.View) {
	s := viewParam(v)
	if s != p.view {
		p.view = s
		p.root.setAttr("data-view", s)
	}
}

// setReady tells the page the map has drawn its first frame with the story:
// data-drawn always (frame.js then takes the poster and the progress bar
// away), data-mapline="ready" unless the story had errors.
func (p *page) setReady() {
	p.root.setAttr("data-drawn", "")
	if p.root.attr("data-mapline") != "error" {
		p.root.setAttr("data-mapline", "ready")
	}
}

// publishEvent puts the current event on the root element, where frame.js
// sees it change: data-event="ID" and data-date="ISO date".
func (p *page) publishEvent(id, date string) {
	p.root.setAttr("data-date", date)
	p.root.setAttr("data-event", id)
}

// storyArrived hands the story that came since the last frame, or its
// error, to the state and the controls. The state first: its view is the
// story's opening view, whose basemap tiles are asked for (askTiles) before
// the controls are built, so that their requests are out meanwhile (the
// first frame waits for them: game.hold).
func (p *page) storyArrived(st *mapui.State, in inbox, ms func() float64, measure func(name string, start, end float64)) {
	if in.basemap != nil {
		st.SetBasemap(in.basemap)
	}
	if in.storyErr != nil {
		p.showError(in.storyErr)
		if in.story == nil {
			p.storyTitle.setText(p.msg.Text("story.failed"))
			p.storyTitle.delAttr("data-msg") // in the page's words already
		}
	}
	if in.story != nil {
		st.SetControls(p.carto.controlsOver()) // the story is fitted clear of them
		t0 := ms()
		st.SetStory(in.story, in.storyInit)
		measure("mapline:index", t0, ms())
		p.askTiles(st.View())
		t1 := ms()
		p.showStory(in.story)
		measure("mapline:controls", t1, ms()) // the slider, its marks, the list of events
	}
}

// carry moves the frame on screen by m while the compositor carries a
// gesture (moveMap), and shows the scale bar of shown, the view the frame
// shows so moved (mapui.Compositor.Shown): a zoom scales the frame, and
// the bar with it; a pan leaves the frame's scale as drawn, and the bar
// (carto.showScale writes it only when it changes).
func (p *page) carry(m mapui.Move, shown geo.View) {
	if m.K != 1 || p.move.K != 1 {
		p.carto.showScale(shown)
	}
	p.moveMap(m)
}

// moveMap moves and scales the frame on screen, with its labels, pulses,
// card and clusters, by m (mapui.Move) on the browser's compositor: a CSS
// translate and scale about the map's top left (embed.css sets their
// transform-origin), which leave each label's own transform alone;
// mapui.Still puts them back, as the frame drawn next is in place.
func (p *page) moveMap(m mapui.Move) {
	if p.move == m {
		return
	}
	t, k := "", ""
	if m.X != 0 || m.Y != 0 {
		t = fmt.Sprintf("%.1fpx %.1fpx", m.X, m.Y)
	}
	if m.K != 1 {
		// Six significant digits: a zoom is carried whatever its scale
		// (mapui.Compositor), as far as from geo.MaxZoom to geo.MinZoom,
		// a scale of 2⁻¹¹, which four decimals would put 2% off.
		k = strconv.FormatFloat(m.K, 'g', 6, 64)
	}
	if p.moved == nil {
		p.moved = []node{p.doc.query("canvas"), p.labels, p.tl.pulses, p.doc.byID("popup"), p.doc.byID("map-clusters")}
	}
	for _, el := range p.moved {
		if t != p.moveCSS[0] {
			el.setStyle("translate", t)
		}
		if k != p.moveCSS[1] {
			el.setStyle("scale", k)
		}
	}
	p.move, p.moveCSS = m, [2]string{t, k}
}
