package geo

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// The map at its default state: where the interactive map starts before the
// reader moves it, and what a static poster of the story shows. The wasm and
// the poster renderer both start from here, so the poster and the first
// interactive frame show the same view.

// HomeView is the view of a map before a story says otherwise: the world,
// zoomed out. Only the centre and zoom are set. (StartView fits a story
// without places to Land at the map's size.)
var HomeView = View{Center: orb.Point{0, 25}, Zoom: MinZoom}

// How a story is fitted into the map.
const (
	FitPadding = 36 // CSS px kept around the story's sites
	FitMaxZoom = 7  // never zoom in further than this when fitting
	// FitClear is how far beyond what lies over a side of the map (its
	// zoom buttons: FitPad) the story's sites are kept: a current
	// marker's halo (8 px and HaloWidth) and a little air.
	FitClear = 16
)

// FitPad is the padding a fit keeps around the story's sites in a map
// whose sides are covered over as far in as over says (the map's zoom and
// reset buttons, along the right side, or the left in a right-to-left
// page; zero for nothing): FitPadding, or on a covered side the cover and
// FitClear beyond it when that is more.
func FitPad(over Insets) Insets {
	side := func(o float64) float64 {
		if o > 0 {
			return max(FitPadding, o+FitClear)
		}
		return FitPadding
	}
	return Insets{side(over.Top), side(over.Right), side(over.Bottom), side(over.Left)}
}

// SidesCovered is how far in from the left and right sides of a map w CSS
// px wide the boxes over it (its zoom and reset buttons, in map CSS px) lie:
// each box covers the side nearer its centre. Empty boxes (controls not
// shown) cover nothing. FitPad keeps a fit clear of it.
func SidesCovered(boxes []Box, w float64) Insets {
	var over Insets
	for _, b := range boxes {
		switch {
		case b.W <= 0 || b.H <= 0:
		case b.X+b.W/2 < w/2:
			over.Left = max(over.Left, b.X+b.W)
		default:
			over.Right = max(over.Right, w-b.X)
		}
	}
	return over
}

// Limits returns what keeps a view of story s (which may be nil) at the
// size of v on the world: the bound its centre stays inside (Everywhere:
// any longitude, as the map wraps, and Web Mercator's latitudes) and the
// lowest zoom, at which the world's land still fills a good part of the
// view (View.FloorZoom of Land). Constrain(bound, floor) applies them. The
// basemap covers the world: the story does not narrow them.
func Limits(s *Story, v View) (bound orb.Bound, floor float64) {
	return Everywhere, v.FloorZoom(Land)
}

// StartView is the view a map of story s starts with at the size of v: the
// story's sites fitted with FitPadding around them, zoomed in no further than
// FitMaxZoom, kept within Limits. The sites' bound is BoundOf's: a story
// across the antimeridian (Fiji, Tonga, Samoa) is fitted across it, not
// round the world. When the story is nil or has no places, the view shows
// the world's land (Land) as well as the zoom limits let it. It keeps v's
// size and ratio.
func StartView(s *Story, v View) View { return StartViewClear(s, v, Insets{}) }

// StartViewClear is StartView in a map whose sides something covers as far
// in as over (its zoom buttons): the story's sites are kept clear of it
// (FitPad).
func StartViewClear(s *Story, v View, over Insets) View {
	bound, floor := Limits(s, v)
	b, ok := orb.Bound{}, false
	if s != nil {
		b, ok = s.Bound()
	}
	if ok {
		v = v.FitIn(b, FitPad(over), FitMaxZoom)
	} else {
		v = v.Fit(Land, 0, FitMaxZoom)
	}
	return v.Constrain(bound, floor)
}

// Shows reports whether bound b (longitude/latitude) lies inside the view
// with margin CSS px to spare on every side: ShowsIn with Even(margin).
func (v View) Shows(b orb.Bound, margin float64) bool { return v.ShowsIn(b, Even(margin)) }

// ShowsIn reports whether bound b (longitude/latitude) lies inside the
// view's padding pad, give or take 1e-6 px (the rounding of a projection
// and back: FitIn puts a bound exactly at its padding).
//
// The bound is taken at its copy nearest the view (View.Near).
func (v View) ShowsIn(b orb.Bound, pad Insets) bool {
	const eps = 1e-6
	lo, hi := World(orb.Point{b.Min.Lon(), b.Max.Lat()}), World(orb.Point{b.Max.Lon(), b.Min.Lat()})
	d := v.Shift((lo[0] + hi[0]) / 2)
	lo[0], hi[0] = lo[0]+d, hi[0]+d
	lo, hi = v.WorldToScreen(lo), v.WorldToScreen(hi)
	return lo[0] >= pad.Left-eps && lo[1] >= pad.Top-eps && hi[0] <= v.Width-pad.Right+eps && hi[1] <= v.Height-pad.Bottom+eps
}

// OpeningView is the view a live map of story s opens with at the size of v
// when event cur is current: hint (the view of the poster the reader has been
// looking at, scaled to the map) when hint is not nil and shows the event's
// places with FitPadding to spare, so that the picture does not jump when
// the map takes over; else StartView. A poster cropped to a shape it was not
// made for can cut the event's places off: the map then fits the story
// afresh, as the reader must see where the event happened.
func OpeningView(s *Story, v View, cur int, hint *View) View {
	return OpeningViewClear(s, v, cur, hint, Insets{})
}

// OpeningViewClear is OpeningView in a map whose sides something covers
// as far in as over (its zoom buttons): the poster's view is kept only if
// it shows the event's places clear of it (FitPad), and the story is
// fitted clear of it (StartViewClear).
func OpeningViewClear(s *Story, v View, cur int, hint *View, over Insets) View {
	if hint != nil {
		h := v
		h.Center, h.Zoom = hint.Center, hint.Zoom
		bound, floor := Limits(s, h)
		h = h.Constrain(bound, floor)
		b, ok := orb.Bound{}, false
		if s != nil {
			b, ok = s.EventBound(cur)
		}
		if !ok || h.ShowsIn(b, FitPad(over)) {
			return h
		}
	}
	return StartViewClear(s, v, over)
}

// StartEvent is the event a map of story s starts at (an index into
// s.Events): the event with the given id when id is not empty, else the event
// current at date t (Story.At, the first event when t is before it) when t is
// not nil, else the first event. It is -1 when the story has no events. An id
// that names no event is an error, and the map starts at the first event.
func (s *Story) StartEvent(id string, t *Date) (int, error) {
	if s == nil || len(s.Events) == 0 {
		if id != "" {
			return -1, fmt.Errorf("no event has the id %q", id)
		}
		return -1, nil
	}
	switch {
	case id != "":
		if i := s.Index(id); i >= 0 {
			return i, nil
		}
		return 0, fmt.Errorf("no event has the id %q", id)
	case t != nil:
		return max(s.At(*t), 0), nil
	}
	return 0, nil
}

// ParseView reads a view written as "LAT,LON,ZOOM", the form of the view= URL
// flag and of View.Param: latitude first, as maps print places. It sets the
// centre and zoom only. Its error names the part that is wrong and its range:
// view "1e309,0,3" must be LAT,LON,ZOOM with latitude -90 to 90: latitude
// "1e309" is out of range.
func ParseView(s string) (View, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 3 {
		return View{}, fmt.Errorf("view %q must be LAT,LON,ZOOM: three numbers separated by commas", s)
	}
	fields := [3]struct {
		name     string
		min, max float64
	}{{"latitude", -90, 90}, {"longitude", -180, 180}, {"zoom", MinZoom, MaxZoom}}
	var f [3]float64
	for i, fd := range fields {
		p := strings.TrimSpace(parts[i])
		x, err := strconv.ParseFloat(p, 64)
		switch {
		case errors.Is(err, strconv.ErrRange) || math.IsInf(x, 0):
			return View{}, fmt.Errorf("view %q must be LAT,LON,ZOOM with %s %g to %g: %s %q is out of range", s, fd.name, fd.min, fd.max, fd.name, p)
		case err != nil || math.IsNaN(x):
			return View{}, fmt.Errorf("view %q must be LAT,LON,ZOOM: %s %q is not a number", s, fd.name, p)
		case x < fd.min || x > fd.max:
			return View{}, fmt.Errorf("view %q must be LAT,LON,ZOOM with %s %g to %g: %s %s is out of range", s, fd.name, fd.min, fd.max, fd.name, p)
		}
		f[i] = x
	}
	return View{Center: orb.Point{f[1], f[0]}, Zoom: f[2]}, nil
}

// Param writes the view's centre and zoom in the form ParseView reads:
// "LAT,LON,ZOOM", to 1e-5 degrees (about a metre) and 1e-3 zoom levels, the
// longitude brought into -180..180 (NormLon): a view across the antimeridian
// reads back as the same picture.
func (v View) Param() string {
	lon := NormLon(v.Center.Lon())
	if s := fmt.Sprintf("%.5f", lon); s == "180.00000" {
		lon = -180 // rounding up to 180 would read back fine, but say it one way
	}
	return fmt.Sprintf("%.5f,%.5f,%.3f", v.Center.Lat(), lon, v.Zoom)
}
