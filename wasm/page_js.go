package main

import (
	"fmt"
	"net/url"
	"strings"
	"sync"
	"syscall/js"

	"mapline/geo"
)

// page is the bridge to the DOM of embed.html: it reads the reader's input
// from DOM events (collected between frames in inbox) and writes the text of
// the map: the event card, the labels, the live region and the state flag.
type page struct {
	doc, root                         js.Value
	slider, date, title, desc, source js.Value
	live, labels, note, storyTitle    js.Value
	prev, next                        js.Value
	labelEls                          map[int]js.Value
	labelText                         map[int]string
	view                              string // last data-view
	cursor                            string

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
		slider: byID("timeline"), date: byID("card-date"), title: byID("card-title"),
		desc: byID("card-desc"), source: byID("card-source"), live: byID("live"),
		labels: byID("map-labels"), note: byID("map-note"), storyTitle: byID("story-title"),
		prev: byID("prev"), next: byID("next"),
		labelEls: map[int]js.Value{}, labelText: map[int]string{},
	}
	p.in.event = -1
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
	c.Call("setAttribute", "aria-label", "Map of the story's places. Arrow keys move the map, plus and minus zoom. The events are listed in the timeline below.")
}

// storyLoaded hands a loaded story (or its error) to the next Update.
func (p *page) storyLoaded(s *geo.Story, initial int, err error) {
	p.mu.Lock()
	p.in.story, p.in.storyInit, p.in.storyErr, p.in.hasStory = s, initial, err, true
	p.mu.Unlock()
}

// showStory sets up the controls for a story.
func (p *page) showStory(s *geo.Story) {
	if s.Title != "" {
		p.storyTitle.Set("textContent", s.Title)
	}
	n := len(s.Events)
	p.slider.Set("max", max(n-1, 0))
	p.slider.Set("disabled", n == 0)
	setText := func(id, text string) {
		if el := p.doc.Call("getElementById", id); el.Truthy() {
			el.Set("textContent", text)
		}
	}
	if n > 0 {
		setText("timeline-start", s.Events[0].Time.Start.String())
		setText("timeline-end", s.Events[n-1].Time.String())
	}
}

// showEvent writes the current event into the card, the slider and the live
// region. Text from data is always set as text, never as HTML.
func (p *page) showEvent(s *geo.Story, cur int) {
	if s == nil || cur < 0 || cur >= len(s.Events) {
		return
	}
	e := &s.Events[cur]
	date := e.Time.String()
	p.slider.Set("value", cur)
	p.slider.Call("setAttribute", "aria-valuetext", fmt.Sprintf("%s: %s", date, e.Title))
	p.date.Set("textContent", date)
	p.title.Set("textContent", e.Title)
	p.desc.Set("textContent", e.Description)
	p.setSource(e.Source)
	var places []string
	for _, j := range e.Sites {
		places = append(places, s.Sites[j].Name)
	}
	where := ""
	if len(places) > 0 {
		where = " Places: " + strings.Join(places, ", ") + "."
	}
	p.live.Set("textContent", fmt.Sprintf("Event %d of %d, %s: %s.%s", cur+1, len(s.Events), date, e.Title, where))
	p.prev.Set("disabled", cur == 0)
	p.next.Set("disabled", cur == len(s.Events)-1)
}

// setSource shows the current event's source.
func (p *page) setSource(src string) {
	p.source.Get("parentElement").Set("hidden", src == "")
	p.sourceInto(p.source, src)
}

// sourceInto writes a source into el: a link for an http(s) URL (opening in a
// new tab, without referrer or opener), plain text otherwise.
func (p *page) sourceInto(el js.Value, src string) {
	el.Set("textContent", "")
	if u, err := url.Parse(src); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		a := p.doc.Call("createElement", "a")
		a.Set("href", u.String())
		a.Set("rel", "noopener noreferrer")
		a.Set("target", "_blank")
		a.Set("textContent", u.Host)
		el.Call("appendChild", a)
		return
	}
	el.Set("textContent", src)
}

// theme is the map theme that matches the page: embed.js decides it from the
// dark= flag and prefers-color-scheme, and marks the root with class "dark".
func (p *page) theme() geo.Theme {
	if p.root.Get("classList").Call("contains", "dark").Bool() {
		return geo.Dark
	}
	return geo.Light
}

// listenTheme follows the page's theme: embed.js fires "mapline-theme" on
// window when the reader's colour scheme changes under dark=auto.
func (p *page) listenTheme() {
	p.on(js.Global(), "mapline-theme", nil, func(js.Value) {
		p.mu.Lock()
		p.themeChanged = true
		p.mu.Unlock()
	})
}

// applyTheme hands a theme change to the state.
func (p *page) applyTheme(st *state) {
	p.mu.Lock()
	changed := p.themeChanged
	p.themeChanged = false
	p.mu.Unlock()
	if changed {
		st.setTheme(p.theme())
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

// placeLabels positions the site labels of a scene over the canvas.
func (p *page) placeLabels(sc *geo.Scene) {
	seen := make(map[int]bool, len(sc.Labels))
	for _, l := range sc.Labels {
		seen[l.Site] = true
		el, ok := p.labelEls[l.Site]
		if !ok {
			el = p.doc.Call("createElement", "div")
			el.Set("className", "label")
			p.labels.Call("appendChild", el)
			p.labelEls[l.Site] = el
		}
		if p.labelText[l.Site] != l.Text {
			el.Set("textContent", l.Text)
			p.labelText[l.Site] = l.Text
		}
		el.Set("className", "label "+l.Status.String())
		el.Get("style").Set("transform", fmt.Sprintf("translate(%.1fpx, %.1fpx) translateY(-50%%)", l.X, l.Y))
		el.Set("hidden", l.X < -200 || l.Y < -50 || l.X > sc.Width+50 || l.Y > sc.Height+50)
	}
	for i, el := range p.labelEls {
		if !seen[i] {
			el.Set("hidden", true)
		}
	}
}

func (p *page) showError(err error) {
	p.root.Call("setAttribute", "data-mapline", "error")
	p.note.Set("hidden", false)
	p.note.Call("replaceChildren")
	h := p.doc.Call("createElement", "strong")
	h.Set("textContent", "The story could not be shown in full.")
	p.note.Call("appendChild", h)
	lines := strings.Split(err.Error(), "\n")
	const maxLines = 8
	if len(lines) > maxLines {
		lines = append(lines[:maxLines], fmt.Sprintf("… and %d more problems", len(lines)-maxLines))
	}
	ul := p.doc.Call("createElement", "ul")
	for _, l := range lines {
		li := p.doc.Call("createElement", "li")
		li.Set("textContent", strings.TrimPrefix(l, "geo: "))
		ul.Call("appendChild", li)
	}
	p.note.Call("appendChild", ul)
}

// setView publishes the view on the root element as data-view="LAT,LON,ZOOM",
// the form of the view= flag.
func (p *page) setView(v geo.View) {
	s := fmt.Sprintf("%.5f,%.5f,%.3f", v.Center.Lat(), v.Center.Lon(), v.Zoom)
	if s != p.view {
		p.view = s
		p.root.Call("setAttribute", "data-view", s)
	}
}

func (p *page) setReady() {
	if p.root.Call("getAttribute", "data-mapline").String() != "error" {
		p.root.Call("setAttribute", "data-mapline", "ready")
	}
}
