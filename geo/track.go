package geo

import (
	"sort"
	"time"
)

// Track is the timeline's time scale: from the start of the first event to
// the end of the last one. Positions on it are fractions 0..1.
type Track struct {
	Start, End time.Time
}

// Track returns the story's time scale. A story whose events all start at
// the same instant gets a track one day long.
func (s *Story) Track() Track {
	if len(s.Events) == 0 {
		return Track{}
	}
	tr := Track{Start: s.Events[0].Time.Start.T}
	for i := range s.Events {
		if u := s.Events[i].Time.Until(); u.After(tr.End) {
			tr.End = u
		}
	}
	if !tr.End.After(tr.Start) {
		tr.End = tr.Start.Add(24 * time.Hour)
	}
	return tr
}

// Hours is the length of the track in whole hours (at least 1).
func (tr Track) Hours() int {
	return max(1, int(tr.End.Sub(tr.Start)/time.Hour))
}

// Pos is where instant t lies on the track, clamped to 0..1.
func (tr Track) Pos(t time.Time) float64 {
	d := tr.End.Sub(tr.Start)
	if d <= 0 {
		return 0
	}
	return clamp(float64(t.Sub(tr.Start))/float64(d), 0, 1)
}

// Time is the instant at position pos (0..1) of the track.
func (tr Track) Time(pos float64) time.Time {
	return tr.Start.Add(time.Duration(clamp(pos, 0, 1) * float64(tr.End.Sub(tr.Start))))
}

// AtTime is the current event at instant t: the last event that has started
// by t, or -1 before the first. Binary search: O(log n).
func (s *Story) AtTime(t time.Time) int {
	return sort.Search(len(s.Events), func(i int) bool {
		return s.Events[i].Time.Start.T.After(t)
	}) - 1
}

// Mark is one tick on a track drawn width pixels wide: one event, or a
// cluster of events too close together to tell apart.
type Mark struct {
	X, X2       float64 // pixels from the left; X2 > X when it spans time
	First, Last int     // the events it stands for, in order
}

// Count is the number of events of the mark.
func (m Mark) Count() int { return m.Last - m.First + 1 }

// Marks places the events on a track width pixels wide. Events whose starts
// are less than gap pixels apart share one mark, so a dense story gets a
// readable track (and at most width/gap marks).
func (s *Story) Marks(width, gap float64) []Mark {
	tr := s.Track()
	var out []Mark
	for i := range s.Events {
		e := &s.Events[i]
		x := tr.Pos(e.Time.Start.T) * width
		x2 := x
		if !e.Time.End.IsZero() || e.Time.Start.Precision <= Month {
			x2 = tr.Pos(e.Time.Until()) * width
		}
		if n := len(out); n > 0 && x-out[n-1].X < gap {
			out[n-1].Last = i
			out[n-1].X2 = max(out[n-1].X2, x2)
			continue
		}
		out = append(out, Mark{X: x, X2: max(x, x2), First: i, Last: i})
	}
	return out
}
