package geo

import (
	"sort"
	"time"

	"github.com/paulmach/orb"
)

// Status is where an event or a site stands relative to the current moment.
type Status int

const (
	Future  Status = iota // not happened yet
	Past                  // happened before the current event
	Current               // the current event, or a site of it
	Hidden                // not shown at all (point mode)
)

// Mode is how much of the story the map shows at once.
type Mode int

const (
	Cumulative Mode = iota // everything up to the current event, older events quieter
	Point                  // only the current event and its sites
)

// ParseMode reads the mode= flag: "cumulative" or "point".
func ParseMode(s string) (Mode, bool) {
	switch s {
	case "cumulative", "":
		return Cumulative, true
	case "point":
		return Point, true
	}
	return Cumulative, false
}

func (m Mode) String() string {
	if m == Point {
		return "point"
	}
	return "cumulative"
}

func (s Status) String() string {
	switch s {
	case Past:
		return "past"
	case Current:
		return "current"
	case Hidden:
		return "hidden"
	}
	return "future"
}

// At is the index of the current event at the moment d: the last event that
// starts before d is over (so "2025-06-11" selects the last event of that day).
// It is -1 when d is before the first event. Events are in time order, so this
// is a binary search.
func (s *Story) At(d Date) int {
	end := d.End()
	if d.Precision == Minute {
		end = d.T.Add(time.Nanosecond)
	}
	return sort.Search(len(s.Events), func(i int) bool {
		return !s.Events[i].Time.Start.T.Before(end)
	}) - 1
}

// Index is the position of the event with the given id, or -1.
func (s *Story) Index(id string) int {
	for i := range s.Events {
		if s.Events[i].ID == id {
			return i
		}
	}
	return -1
}

// Next is the event after cur, staying on the last one.
func (s *Story) Next(cur int) int {
	if cur+1 < len(s.Events) {
		return cur + 1
	}
	return len(s.Events) - 1
}

// Prev is the event before cur, staying on the first one.
func (s *Story) Prev(cur int) int {
	if cur-1 >= 0 {
		return cur - 1
	}
	if len(s.Events) == 0 {
		return -1
	}
	return 0
}

// EventStatus is the status of event i when cur is the current event.
func (s *Story) EventStatus(i, cur int) Status {
	switch {
	case i == cur:
		return Current
	case i < cur:
		return Past
	}
	return Future
}

// SiteStatusIn is SiteStatus in a mode: in Point mode every site but the
// current event's is Hidden.
func (s *Story) SiteStatusIn(mode Mode, cur int, dst []Status) []Status {
	dst = s.SiteStatus(cur, dst)
	if mode == Point {
		for i := range dst {
			if dst[i] != Current {
				dst[i] = Hidden
			}
		}
	}
	return dst
}

// EventBound is the longitude/latitude bound of event i's sites (their
// lines and areas whole), point and track (BoundOf).
func (s *Story) EventBound(i int) (orb.Bound, bool) {
	if i < 0 || i >= len(s.Events) {
		return orb.Bound{}, false
	}
	e := &s.Events[i]
	var pts []orb.Point
	for _, j := range e.Sites {
		pts = append(pts, s.Sites[j].LonLat)
		if gb, ok := geometryBound(s.Sites[j].Geometry); ok {
			pts = append(pts, gb.Min, gb.Max)
		}
	}
	if e.Point != nil {
		pts = append(pts, *e.Point)
	}
	if e.Path != nil {
		gb := e.Path.Line.Bound()
		pts = append(pts, gb.Min, gb.Max)
	}
	return BoundOf(pts)
}

// SiteStatus returns the status of every site when cur is the current event:
// Current for the current event's sites, Past for sites of earlier events,
// Future for sites no event has reached yet.
//
// For a story from Load it takes time in the number of sites, not of events
// (a scrub through 100,000 events costs what it costs through ten).
func (s *Story) SiteStatus(cur int, dst []Status) []Status {
	dst = append(dst[:0], make([]Status, len(s.Sites))...)
	if len(s.first) == len(s.Sites) && s.firstOf == len(s.Events) {
		for j, f := range s.first {
			if f <= cur {
				dst[j] = Past
			}
		}
		if cur >= 0 && cur < len(s.Events) {
			for _, j := range s.Events[cur].Sites {
				dst[j] = Current
			}
		}
		return dst
	}
	for i := 0; i <= cur && i < len(s.Events); i++ {
		st := Past
		if i == cur {
			st = Current
		}
		for _, j := range s.Events[i].Sites {
			if st > dst[j] {
				dst[j] = st
			}
		}
	}
	return dst
}

// EventsAt lists the events at site (an index into Sites) from the first up to
// and including cur, in time order.
func (s *Story) EventsAt(site, cur int) []int {
	var out []int
	for i := 0; i <= cur && i < len(s.Events); i++ {
		for _, j := range s.Events[i].Sites {
			if j == site {
				out = append(out, i)
				break
			}
		}
	}
	return out
}
