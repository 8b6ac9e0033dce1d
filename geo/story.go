package geo

import (
	"strings"

	"github.com/paulmach/orb"
)

// MaxStoryBytes is the largest story file Load reads.
const MaxStoryBytes = 20 << 20

// MaxDepth is how deeply a story's JSON may nest arrays and objects. A story
// needs six levels (collection, features, feature, properties, links, a
// pair); foreign members get room to spare.
const MaxDepth = 64

// Site is a place of the story: a Feature with an id, a geometry (a Point,
// or a line or an area: Geometry) and a name.
type Site struct {
	ID          string
	Name        string
	Kind        string // embassy, consulate, military, nuclear, city, venue, …
	Description string
	Approx      bool      // the coordinates are approximate
	Texts       Texts     // name and description in other languages (see Story.In)
	LonLat      orb.Point // as given; for a site of another geometry, its Anchor
	World       orb.Point // projected once at load (see World)
	Feature     int       // index of the feature in the file
	// Geometry is nil for a Point site, else an orb.MultiPoint,
	// LineString, MultiLineString, Polygon or MultiPolygon (longitude,
	// latitude): a route, a front line, a zone (see geometry.go).
	Geometry orb.Geometry
}

// Event is something that happened: a Feature with a time and a title.
type Event struct {
	ID          string
	Title       string
	Description string
	Source      string // an http(s) URL or the name of a source
	Place       string // where it happened, in words, when that is not a site (for example off the map)
	Time        Span
	Texts       Texts      // title, description and place in other languages (see Story.In)
	Sites       []int      // indexes into Story.Sites
	Point       *orb.Point // the event's own location, if it has one (longitude, latitude)
	Links       [][2]int   // pairs of sites the event connects (drawn as arcs), indexes into Story.Sites
	Camera      *Camera    // the view to show the event in, if the story sets one
	Path        *Path      // the event's track, if it is one: a line with a time per position
	Feature     int        // index of the feature in the file
}

// Camera is a view of an event: a centre (longitude, latitude) and a zoom.
type Camera struct {
	Center orb.Point
	Zoom   float64
}

// Regional reports whether the event has no place: it concerns the whole region.
func (e *Event) Regional() bool {
	return len(e.Sites) == 0 && e.Point == nil && e.Path == nil && e.Place == ""
}

// Story is a loaded story: its sites, and its events in time order.
type Story struct {
	Title       string
	Description string
	Texts       Texts  // title and description in other languages (see In)
	Lang        string // the language of the plain texts (the file's "lang"), "" when the file does not say
	Sites       []Site
	Events      []Event // sorted by start time, then by order in the file

	// first is, per site, the first event at it (len(Events) for none),
	// worked out by Load for SiteStatus; it stands for the events as Load
	// left them only while there are firstOf of them.
	first   []int
	firstOf int
}

// index works out s.first.
func (s *Story) index() {
	s.first = make([]int, len(s.Sites))
	for j := range s.first {
		s.first[j] = len(s.Events)
	}
	for i := len(s.Events) - 1; i >= 0; i-- {
		for _, j := range s.Events[i].Sites {
			s.first[j] = i
		}
	}
	s.firstOf = len(s.Events)
}

// Texts are the texts of a story, a site or an event in other languages, from
// the per-language properties of the file: "name:ar" → "بغداد". The default
// texts stay in the fields of Site, Event and Story.
type Texts map[string]string

// get returns the text of field in lang ("fa-IR" finds "title:fa-IR", then
// "title:fa"), or def when the data has none.
func (t Texts) get(field, lang, def string) string {
	for l := lang; l != ""; {
		if v := t[field+":"+l]; v != "" {
			return v
		}
		i := strings.LastIndexByte(l, '-')
		if i < 0 {
			break
		}
		l = l[:i]
	}
	return def
}

// Has reports whether field has a text in lang (see In for the matching).
func (t Texts) Has(field, lang string) bool { return t.get(field, lang, "") != "" }

// In returns the story in the language lang (a BCP 47 tag such as "ar" or
// "fa"): a copy whose titles, names, descriptions and places are those the
// file gives for that language ("title:ar", "name:fa", …), each falling back
// to the default text. Ids, times, places and geometry are shared with s;
// s is not modified. It returns s itself when the story has no text in lang.
func (s *Story) In(lang string) *Story {
	if s == nil || lang == "" {
		return s
	}
	has := func(t Texts) bool {
		for k := range t {
			if f, l, ok := strings.Cut(k, ":"); ok && f != "" && (l == lang || strings.HasPrefix(lang, l+"-")) {
				return true
			}
		}
		return false
	}
	found := has(s.Texts)
	for i := 0; !found && i < len(s.Sites); i++ {
		found = has(s.Sites[i].Texts)
	}
	for i := 0; !found && i < len(s.Events); i++ {
		found = has(s.Events[i].Texts)
	}
	if !found {
		return s
	}
	c := *s
	c.Title = s.Texts.get("title", lang, s.Title)
	c.Description = s.Texts.get("description", lang, s.Description)
	c.Sites = append([]Site(nil), s.Sites...)
	for i := range c.Sites {
		st := &c.Sites[i]
		st.Name = st.Texts.get("name", lang, st.Name)
		st.Description = st.Texts.get("description", lang, st.Description)
	}
	c.Events = append([]Event(nil), s.Events...)
	for i := range c.Events {
		e := &c.Events[i]
		e.Title = e.Texts.get("title", lang, e.Title)
		e.Description = e.Texts.get("description", lang, e.Description)
		e.Place = e.Texts.get("place", lang, e.Place)
	}
	return &c
}

// Site returns the site with the given id.
func (s *Story) Site(id string) (*Site, bool) {
	for i := range s.Sites {
		if s.Sites[i].ID == id {
			return &s.Sites[i], true
		}
	}
	return nil, false
}

// Bound is the longitude/latitude bound of the story's sites (their lines
// and areas whole), event points and tracks: BoundOf's, across the
// antimeridian when that is the shorter way round.
func (s *Story) Bound() (orb.Bound, bool) {
	var pts []orb.Point
	for _, st := range s.Sites {
		pts = append(pts, st.LonLat)
		if gb, ok := geometryBound(st.Geometry); ok {
			pts = append(pts, gb.Min, gb.Max)
		}
	}
	for _, e := range s.Events {
		if e.Point != nil {
			pts = append(pts, *e.Point)
		}
		if e.Path != nil {
			gb := e.Path.Line.Bound()
			pts = append(pts, gb.Min, gb.Max)
		}
	}
	return BoundOf(pts)
}
