package geo

import (
	"sort"
	"time"
)

// Status is where an event or a site stands relative to the current moment.
type Status int

const (
	Future  Status = iota // not happened yet
	Past                  // happened before the current event
	Current               // the current event, or a site of it
)

func (s Status) String() string {
	switch s {
	case Past:
		return "past"
	case Current:
		return "current"
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

// SiteStatus returns the status of every site when cur is the current event:
// Current for the current event's sites, Past for sites of earlier events,
// Future for sites no event has reached yet.
func (s *Story) SiteStatus(cur int, dst []Status) []Status {
	dst = append(dst[:0], make([]Status, len(s.Sites))...)
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
