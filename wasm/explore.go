package main

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"mapline/geo"
	"mapline/internal/embedspec"
)

// Exploring a large story: a search box, a filter by kind of site and a
// window of time narrow the list, the timeline's marks and the map to the
// events that match (geo.Index.Select); crowding sites gather into clusters
// (geo.Cluster). Decided here and tested on the host; explore_js.go writes
// it into the page.

// exploreOn tells whether the embed shows the search and filters: as the
// explore= flag asks (embedspec: "true", "false"), and when it does not
// ask, for a story of more than embedspec.ExploreMin events.
func exploreOn(flag string, events int) bool {
	switch flag {
	case "true":
		return true
	case "false":
		return false
	}
	return events > embedspec.ExploreMin
}

// selection is what the reader narrowed the story to, in the form of the
// page's controls and of the URL hash (q=, kind=, from=, to=).
type selection struct {
	query    string
	kinds    []string // the kinds of site kept; none for all
	from, to string   // days as the hash writes them (YYYY-MM-DD, readDay); "" leaves the side open; to is included
}

func (s selection) zero() bool {
	return strings.TrimSpace(s.query) == "" && len(s.kinds) == 0 && s.from == "" && s.to == ""
}

// equal reports whether two selections keep the same events.
func (s selection) equal(o selection) bool {
	return strings.TrimSpace(s.query) == strings.TrimSpace(o.query) && slices.Equal(s.kinds, o.kinds) && s.from == o.from && s.to == o.to
}

// hashPart is the selection as the hash carries it after the event and the
// view: "&q=drone+strike&kind=embassy,city&from=2024-01-01&to=2024-02-29",
// each value escaped as in a query (a kind's own "," too); "" for the zero
// selection.
func (s selection) hashPart() string {
	var b strings.Builder
	if q := strings.TrimSpace(s.query); q != "" {
		b.WriteString("&q=" + url.QueryEscape(q))
	}
	if len(s.kinds) > 0 {
		b.WriteString("&kind=")
		for i, k := range s.kinds {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(url.QueryEscape(k))
		}
	}
	if s.from != "" {
		b.WriteString("&from=" + url.QueryEscape(s.from))
	}
	if s.to != "" {
		b.WriteString("&to=" + url.QueryEscape(s.to))
	}
	return b.String()
}

// filter is the geo.Filter of the selection. A day that cannot be read is
// left out (that side of the window stays open) and reported.
func (s selection) filter() (geo.Filter, []string) {
	f := geo.Filter{Query: s.query, Kinds: s.kinds}
	var probs []string
	day := func(name, v string) (geo.Date, bool) {
		if v == "" {
			return geo.Date{}, false
		}
		d, err := geo.ParseDate(v)
		if err != nil {
			probs = append(probs, fmt.Sprintf("explore: %s=%s is ignored: %v", name, clip(fmt.Sprintf("%q", v), 40), err))
			return geo.Date{}, false
		}
		return d, true
	}
	if d, ok := day("from", s.from); ok {
		f.From = d.T
	}
	if d, ok := day("to", s.to); ok {
		f.To = d.End() // the whole day (month, year) of to is in the window
	}
	return f, probs
}

// resultsMax is the most matches the list shows, a window of the list
// (list.go): a search that keeps more says how many it keeps and lists the
// first of them. Building the items is most of a keystroke's work in the
// page (the mapline:explore-page measure: 17–230 ms for 100 items on a
// loaded machine), and building those of 100,000 events took over a minute.
const resultsMax = listPage

// results are the events the list shows for a selection: the first
// resultsMax it keeps.
func results(sel *geo.Selection) []int {
	if sel == nil {
		return nil
	}
	return sel.Kept[:min(len(sel.Kept), resultsMax)]
}

// matchWords are what the page says of a selection that keeps n of the
// story's events: the count, announced politely ("12 events match"), and the
// note over a list cut at resultsMax ("" when it is whole).
func (w words) matchWords(n int) (count, cut string) {
	num := w.dates.number
	if n == 0 {
		count = w.msg.Text("explore.none")
	} else {
		count = w.msg.Plural("explore.count", n, "n", num(n))
	}
	if n > resultsMax {
		cut = w.msg.Text("explore.first", "n", num(resultsMax), "total", num(n))
	}
	return count, cut
}

// listTitle is the list's heading: "All events", or while a search, filter
// or window narrows the story (sel not nil) how many of its total events
// it keeps: "12 of 340 events".
func (w words) listTitle(sel *geo.Selection, total int) string {
	if sel == nil {
		return w.msg.Text("list.title")
	}
	num := w.dates.number
	return w.msg.Plural("list.matching", total, "k", num(len(sel.Kept)), "n", num(total))
}

// listButton is the words of the button that opens and closes the list:
// open, what it does ("Hide the list"); closed, what the list shows, as its
// heading says it (listTitle): "All events", or "12 of 340 events" while a
// search, filter or window narrows the story.
func (w words) listButton(sel *geo.Selection, total int, open bool) string {
	if open {
		return w.msg.Text("list.hide")
	}
	if sel == nil {
		return w.msg.Text("list.show")
	}
	return w.listTitle(sel, total)
}

// clusterLabel names a cluster for screen readers and as its tooltip:
// "12 events near Baghdad".
func (w words) clusterLabel(s *geo.Story, c *geo.Cluster) string {
	return w.msg.Plural("cluster", c.Events, "n", w.dates.number(c.Events), "name", s.Sites[c.Name].Name)
}

// kindOptions are the choices of the kind filter: each kind of the story
// (geo.Story.Kinds) with its name in the reader's language.
func (w words) kindOptions(s *geo.Story) (kinds, names []string) {
	for _, k := range s.Kinds() {
		kinds = append(kinds, k)
		names = append(names, w.kindName(k))
	}
	return kinds, names
}

// markKept tells whether a mark of the timeline stands for an event the
// selection keeps (a nil selection keeps every one).
func markKept(m geo.Mark, sel *geo.Selection) bool {
	if sel == nil {
		return true
	}
	for i := m.First; i <= m.Last; i++ {
		if sel.Keeps(i) {
			return true
		}
	}
	return false
}

// storyDays are the first and last days of the story (YYYY-MM-DD), the
// day fields' examples (explore_day.go), "" for a story without events.
func storyDays(s *geo.Story) (first, last string) {
	if s == nil || len(s.Events) == 0 {
		return "", ""
	}
	const day = "2006-01-02"
	end := s.Events[0].Time.Until()
	for i := range s.Events {
		if u := s.Events[i].Time.Until(); u.After(end) {
			end = u
		}
	}
	return s.Events[0].Time.Start.T.Format(day), end.Add(-time.Nanosecond).Format(day)
}

// matchAt is what the page announces politely as the reader steps to event
// cur among the matches: "3 of 12 matches"; "" for an event the selection
// leaves out, or without a selection.
func (w words) matchAt(sel *geo.Selection, cur int) string {
	if sel == nil {
		return ""
	}
	k, found := slices.BinarySearch(sel.Kept, cur)
	if !found {
		return ""
	}
	num := w.dates.number
	return w.msg.Plural("explore.at", len(sel.Kept), "i", num(k+1), "n", num(len(sel.Kept)))
}
