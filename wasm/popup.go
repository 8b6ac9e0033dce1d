package main

import (
	"fmt"

	"mapline/geo"
)

// What a site's card says (popup_js.go builds it in the page).

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
