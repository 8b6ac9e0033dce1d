package main

import (
	"fmt"
	"time"

	"mapline/geo"
	"mapline/wasm/mapui"
)

// What a site's card says, and the card in the page (popup_js.go listens).

// popupCard is the card of site when event cur is current: the site's name,
// kind (and whether its place is approximate) and description, then either
// the events there up to the current one under a heading, or a line saying
// there are none yet.
type popupCard struct {
	name, kind, desc string
	upto             string // the heading of the events, "" when none
	none             string // the line instead of the events, "" when some
	events           []int  // the events at the site up to cur, in order
}

func (w words) popupCard(s *geo.Story, site, cur int) popupCard {
	st := &s.Sites[site]
	c := popupCard{name: st.Name, kind: w.siteKind(st), desc: st.Description}
	if st.Approx {
		c.kind += " · " + w.msg.Text("popup.approx")
	}
	c.events = s.EventsAt(site, cur)
	if len(c.events) == 0 {
		c.none = w.msg.Text("popup.none")
		return c
	}
	c.upto = w.msg.Text("popup.upto", "date", w.dates.date(s.Events[cur].Time.Start))
	return c
}

// popupTransform is the CSS transform that puts the card's top left at x, y.
func popupTransform(x, y float64) string { return fmt.Sprintf("translate(%.0fpx, %.0fpx)", x, y) }

// tapSlop is how far (in CSS px) a pointer may move between down and up and
// still tap: further, it dragged the map.
const tapSlop = 5

// isTap says whether a pointer that went down and up dx, dy px apart tapped.
func isTap(dx, dy float64) bool { return dx*dx+dy*dy <= tapSlop*tapSlop }

// popup is the card of one site: its name, kind and the events there up to
// the current moment, each with its source. Mouse hover shows it; a click or
// a tap pins it until Esc, the close button or a click elsewhere
// (popup_js.go listens). mapui.Popup decides which card shows; popup builds
// and places it.
type popup struct {
	p  *page
	el node
	in *mapui.Popup
}

func newPopup(p *page) *popup {
	return &popup{p: p, el: p.doc.byID("popup"), in: mapui.NewPopup()}
}

// update shows, fills, places or hides the card as mapui.Popup decides,
// and sets the cursor over the map. It runs in Update, after the scene for
// this frame is known.
func (pp *popup) update(st *mapui.State, sc *geo.Scene, sceneChanged bool, now time.Time) {
	if !pp.el.ok() {
		return
	}
	s := st.Map().Story
	f := pp.in.Apply(sc, s != nil, st.Current(), sceneChanged)
	if f.GoTo { // a tap on a track
		st.GoTo(f.Event, now)
	}
	if f.Cursor != "" {
		pp.p.setCursor(f.Cursor)
	}
	if f.Hide {
		pp.el.set("hidden", true)
	}
	if !f.Show {
		return
	}
	if f.Fill {
		pp.fill(s, f.Site, st.Current())
	}
	pp.el.set("hidden", false)
	w, h := pp.el.num("offsetWidth"), pp.el.num("offsetHeight")
	x, y := mapui.PopupAt(f.Marker, w, h, sc.Width, sc.Height, pp.p.rtl)
	pp.el.setStyle("transform", popupTransform(x, y))
}

func (pp *popup) fill(s *geo.Story, site, cur int) {
	st := &s.Sites[site]
	c := pp.p.popupCard(s, site, cur)
	el := pp.p.el
	body := pp.p.doc.byID("popup-body")
	body.clear()
	pp.el.setAttr("aria-label", c.name)
	body.append(pp.p.dataText(el("h3", "", c.name), st.Texts, "name"))
	body.append(el("p", "kind", c.kind))
	if c.desc != "" {
		body.append(pp.p.dataText(el("p", "", c.desc), st.Texts, "description"))
	}
	if c.none != "" {
		body.append(el("p", "none", c.none))
		return
	}
	body.append(el("h4", "", c.upto))
	ol := el("ol", "", "")
	for _, i := range c.events {
		e := &s.Events[i]
		li := el("li", "", "")
		if i == cur {
			li.set("className", "current")
		}
		date := el("span", "date", "")
		pp.p.tl.showDate(date, e.Time)
		li.append(date)
		li.append(pp.p.dataText(el("span", "title", e.Title), e.Texts, "title"))
		if e.Source != "" {
			src := el("span", "source", "")
			pp.p.sourceInto(src, e.Source)
			li.append(src)
		}
		ol.append(li)
	}
	body.append(ol)
}
