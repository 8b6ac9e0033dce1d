package geo

import (
	"mapline/internal/order"
	"slices"
	"strings"
	"time"
)

// Filter is what a reader narrows a story to: words to find, kinds of site,
// a window of time. The zero Filter keeps every event.
type Filter struct {
	// Query is the words searched for, each in the event's title,
	// description or place (its words or its sites' names), folded (Fold):
	// an event matches when it holds every word.
	Query string
	// Kinds are the kinds of site kept (Site.Kind; "event" for an event's
	// own point); none keeps every kind. An event matches when one of its
	// sites, or its own point, is of a kind kept.
	Kinds []string
	// From and To are the window of time kept: an event matches when its
	// span meets [From, To). A zero From or To leaves that side open.
	From, To time.Time
}

// IsZero reports whether f keeps every event.
func (f Filter) IsZero() bool {
	return strings.TrimSpace(f.Query) == "" && len(f.Kinds) == 0 && f.From.IsZero() && f.To.IsZero()
}

// Index is a story's texts folded once for searching (Select): per event,
// its title, description, place and its sites' names, in every language the
// story has them in.
type Index struct {
	story *Story
	text  []string
}

// NewIndex folds the texts of s's events.
func NewIndex(s *Story) *Index {
	ix := &Index{story: s, text: make([]string, len(s.Events))}
	var b []byte
	for i := range s.Events {
		e := &s.Events[i]
		b = b[:0]
		add := func(t string) {
			if t != "" {
				b = Fold(b, t)
				b = append(b, 0) // no word runs from one text into the next
			}
		}
		add(e.Title)
		add(e.Description)
		add(e.Place)
		for _, tx := range e.Texts {
			add(tx)
		}
		for _, j := range e.Sites {
			add(s.Sites[j].Name)
			for _, tx := range s.Sites[j].Texts {
				add(tx)
			}
		}
		ix.text[i] = string(b)
	}
	return ix
}

// Selection is the events a Filter keeps and the sites they are at. A nil
// *Selection keeps everything (Map.Select).
type Selection struct {
	Events []bool // per event of the story
	Sites  []bool // per site: one of the events kept is at it
	Kept   []int  // the events kept, in order
	// SiteEvents is, per site, the number of events kept at it.
	SiteEvents []int
}

// Keeps reports whether event i is kept; a nil Selection keeps every event.
func (sel *Selection) Keeps(i int) bool {
	return sel == nil || i >= 0 && i < len(sel.Events) && sel.Events[i]
}

// KeepsSite reports whether site j is kept.
func (sel *Selection) KeepsSite(j int) bool {
	return sel == nil || j >= 0 && j < len(sel.Sites) && sel.Sites[j]
}

// Select works out which events f keeps, into dst (reusing its memory;
// nil allocates a new one), and returns it.
func (ix *Index) Select(f Filter, dst *Selection) *Selection {
	s := ix.story
	if dst == nil {
		dst = &Selection{}
	}
	dst.Events = resize(dst.Events, len(s.Events))
	dst.Sites = resize(dst.Sites, len(s.Sites))
	dst.SiteEvents = resize(dst.SiteEvents, len(s.Sites))
	dst.Kept = dst.Kept[:0]
	words := strings.Fields(string(Fold(nil, f.Query)))
	kinds := make(map[string]bool, len(f.Kinds))
	for _, k := range f.Kinds {
		kinds[k] = true
	}
events:
	for i := range s.Events {
		e := &s.Events[i]
		if !f.From.IsZero() && !e.Time.Until().After(f.From) || !f.To.IsZero() && !e.Time.Start.T.Before(f.To) {
			continue
		}
		if len(kinds) > 0 && !(e.Point != nil && kinds["event"]) &&
			!slices.ContainsFunc(e.Sites, func(j int) bool { return kinds[s.Sites[j].Kind] }) {
			continue
		}
		for _, w := range words {
			if !strings.Contains(ix.text[i], w) {
				continue events
			}
		}
		dst.Events[i] = true
		dst.Kept = append(dst.Kept, i)
		for _, j := range e.Sites {
			dst.Sites[j] = true
			dst.SiteEvents[j]++
		}
	}
	return dst
}

// resize returns s with n zero elements, reusing its memory.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// Kinds are the kinds of the story's sites, and "event" when an event has a
// point of its own, each once, in the order of a legend (the kinds the map
// knows first, then the others by name).
func (s *Story) Kinds() []string {
	has := map[string]bool{}
	var others []string
	for _, st := range s.Sites {
		if !has[st.Kind] {
			has[st.Kind] = true
			if !slices.ContainsFunc(legendKinds, func(lk struct{ kind, name string }) bool { return lk.kind == st.Kind }) {
				others = append(others, st.Kind)
			}
		}
	}
	for i := range s.Events {
		if s.Events[i].Point != nil {
			has["event"] = true
			break
		}
	}
	order.Strings(others)
	var out []string
	for _, lk := range legendKinds {
		switch {
		case lk.kind == "":
			out = append(out, others...)
		case has[lk.kind]:
			out = append(out, lk.kind)
		}
	}
	return out
}

// KindName is a kind of site as a reader reads it, in English: "Embassy",
// "Military site", "Oil field" for "oil_field".
func KindName(kind string) string {
	for _, lk := range legendKinds {
		if lk.kind == kind && kind != "" {
			return lk.name
		}
	}
	return kindName(kind)
}

// The map's selection: what Select keeps shows, and while it keeps no
// event nothing is drawn as current.

// Select makes the map show only what sel keeps (Index.Select): the sites
// of the events kept (their markers, lines and areas; a reference city
// gives way only to a site that shows) and the points and tracks of those
// events (the current event's sites, point and track show whatever it
// keeps, unless it keeps no event: then nothing is drawn as current). nil
// shows everything again. The map reads sel at each Render: the caller may
// fill it anew between renders.
func (m *Map) Select(sel *Selection) {
	if sel != nil && (m.Story == nil || len(sel.Events) != len(m.Story.Events) || len(sel.Sites) != len(m.Story.Sites)) {
		sel = nil // a selection of another story
	}
	m.selection = sel
}

// Selection is what Select keeps, nil for everything.
func (m *Map) Selection() *Selection { return m.selection }

// statusKey is what m.status was computed for.
type statusKey struct {
	story *Story
	cur   int
	mode  Mode
	none  bool // the selection kept no event (keepsNone)
	ok    bool
}

// siteStatus returns the status of every site at event cur, computed again
// only when cur, the mode, the story or whether the selection keeps no
// event changed. While it keeps none, no site is current: the current
// event's sites are past (hidden in Point mode, as every past site).
func (m *Map) siteStatus(cur int) []Status {
	k := statusKey{m.Story, cur, m.Mode, m.keepsNone(), true}
	if m.statusKey != k {
		m.status = m.Story.SiteStatusIn(m.Mode, cur, m.status)
		if k.none {
			was := Past
			if m.Mode == Point {
				was = Hidden
			}
			for i, st := range m.status {
				if st == Current {
					m.status[i] = was
				}
			}
		}
		m.statusKey = k
	}
	return m.status
}

// siteShown reports whether site j, of status st, is drawn: its marker,
// its line or area, its name. A site not kept by the selection is not,
// unless it is current (the current event's sites show whatever the
// selection keeps; while it keeps none, no site is current: siteStatus).
func (m *Map) siteShown(j int, st Status) bool {
	return st != Hidden && (st == Current || m.selection.KeepsSite(j))
}

// eventShown reports whether the track of event i is drawn at event cur:
// when the selection keeps it, or when it is current and the selection
// keeps some event, as an event's own point.
func (m *Map) eventShown(i, cur int) bool {
	return i == cur && !m.keepsNone() || m.selection.Keeps(i)
}

// keepsNone reports whether a selection is on that keeps no event: then
// nothing on the map is drawn as current (the page says no event
// matches), though the caller keeps its current event.
func (m *Map) keepsNone() bool { return m.selection != nil && len(m.selection.Kept) == 0 }

// eventStatus is Story.EventStatus, but never Current while the selection
// keeps no event (keepsNone).
func (m *Map) eventStatus(i, cur int) Status {
	st := m.Story.EventStatus(i, cur)
	if st == Current && m.keepsNone() {
		st = Past
	}
	return st
}
