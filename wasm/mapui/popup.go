package mapui

import (
	"sync"

	"mapline/geo"
)

// Popup decides which site's card shows over the map (wasm/popup_js.go
// builds and places it): a mouse hovering over a marker, a site's line or
// inside its area (geo.Scene.ShapeAt) shows its site, a click or a tap pins
// it until Esc, the close button or a click elsewhere. A click or a tap on
// an event's track makes that event current (PopupFrame.GoTo).
// The DOM listeners only record; Apply, in Update, decides. Safe for
// concurrent use.
type Popup struct {
	mu sync.Mutex
	in popupInput

	site   int // the site shown, -1 for none
	pinned bool
	event  int // the current event it was filled for
}

type popupInput struct {
	hover, tap bool
	hx, hy     float64 // the last hover point, CSS px on the map
	tx, ty     float64 // the tap point
	close      bool
}

// markerSlop is how near a marker a pointer picks it (CSS px).
const markerSlop = 4

// NewPopup makes a popup with no card shown.
func NewPopup() *Popup { return &Popup{site: -1} }

// Hover records a mouse over the map at x, y (CSS px on the map), no
// button pressed.
func (p *Popup) Hover(x, y float64) {
	p.mu.Lock()
	p.in.hover, p.in.hx, p.in.hy = true, x, y
	p.mu.Unlock()
}

// Tap records a click or a tap on the map at x, y (not a drag).
func (p *Popup) Tap(x, y float64) {
	p.mu.Lock()
	p.in.tap, p.in.tx, p.in.ty = true, x, y
	p.mu.Unlock()
}

// Close records Esc or the close button.
func (p *Popup) Close() {
	p.mu.Lock()
	p.in.close = true
	p.mu.Unlock()
}

// A PopupFrame is what the card does in a frame.
type PopupFrame struct {
	Hide   bool       // hide the card
	Show   bool       // show the card of Site beside Marker
	Site   int        // the site shown, -1 for none
	Fill   bool       // with Show: fill the card again (another site, another current event)
	Marker geo.Marker // with Show: the site's marker
	Cursor string     // the cursor over the map ("pointer" over a marker, "grab"), "" to leave it
	GoTo   bool       // a tap on a track: make Event current
	Event  int        // with GoTo: the track's event
}

// Apply decides what the card does given the input since the last frame,
// the scene on screen, the current event and whether the scene changed
// (the card follows its marker).
func (p *Popup) Apply(sc *geo.Scene, hasStory bool, cur int, sceneChanged bool) (f PopupFrame) {
	p.mu.Lock()
	in := p.in
	p.in = popupInput{}
	p.mu.Unlock()
	f.Site = p.site
	if !hasStory || sc == nil {
		return f
	}
	// A site's line or area: its card shows beside its marker, or beside
	// the pointer (shapeX, shapeY) when the marker is off screen.
	var fromShape bool
	var shapeX, shapeY float64
	siteAt := func(x, y float64) int {
		if i := sc.MarkerAt(x, y, markerSlop); i >= 0 {
			return sc.Markers[i].Site
		}
		if o := sc.ShapeAt(x, y, markerSlop); o.Kind == geo.OwnsSite {
			fromShape, shapeX, shapeY = true, x, y
			return o.Index
		}
		return -1
	}
	site, pinned := p.site, p.pinned
	switch {
	case in.close:
		site, pinned = -1, false
	case in.tap:
		site = siteAt(in.tx, in.ty)
		pinned = site >= 0
		if o := trackAt(sc, in.tx, in.ty); site < 0 && o >= 0 {
			f.GoTo, f.Event = true, o
		}
	case in.hover && !pinned:
		site = siteAt(in.hx, in.hy)
		f.Cursor = "grab"
		if site >= 0 || trackAt(sc, in.hx, in.hy) >= 0 {
			f.Cursor = "pointer"
		}
	}
	changed := site != p.site || pinned != p.pinned || in.close || in.tap
	if site >= 0 && (changed || sceneChanged || cur != p.event) {
		m, ok := onScreen(sc, site)
		if !ok && fromShape {
			m, ok = geo.Marker{Site: site, X: shapeX, Y: shapeY}, true
		}
		if ok {
			f.Show, f.Marker = true, m
			f.Fill = site != p.site || cur != p.event
			p.event = cur
		} else {
			site, pinned = -1, false
		}
	}
	if site < 0 && (changed || p.site >= 0) {
		f.Hide = true
	}
	p.site, p.pinned, f.Site = site, pinned, site
	return f
}

// trackAt is the event whose track is under the point (x, y), or -1.
func trackAt(sc *geo.Scene, x, y float64) int {
	if i := sc.MarkerAt(x, y, markerSlop); i >= 0 && sc.Markers[i].Site >= 0 {
		return -1 // a site's marker is on top
	}
	if o := sc.ShapeAt(x, y, markerSlop); o.Kind == geo.OwnsEvent {
		return o.Index
	}
	return -1
}

// onScreen is the marker of a site in the scene, if it is on screen.
func onScreen(sc *geo.Scene, site int) (geo.Marker, bool) {
	var m *geo.Marker
	for i := range sc.Markers {
		if sc.Markers[i].Site == site {
			m = &sc.Markers[i]
		}
	}
	if m == nil || m.X < 0 || m.Y < 0 || m.X > sc.Width || m.Y > sc.Height {
		return geo.Marker{}, false
	}
	return *m, true
}

// PopupAt is where a card w by h goes (its top left, CSS px) beside marker
// m on a map width by height: on the side the text starts from (the right
// in a left-to-right page, the left in a right-to-left one), the other side
// when it does not fit, and inside the map.
func PopupAt(m geo.Marker, w, h, width, height float64, rtl bool) (x, y float64) {
	right, left := m.X+m.R+10, m.X-m.R-10-w
	x = right
	if rtl {
		x = left
		if x < 4 {
			x = right
		}
	} else if x+w > width-4 {
		x = left
	}
	y = m.Y - 24
	x = max(4, min(x, width-w-4))
	y = max(4, min(y, height-h-4))
	return x, y
}
