package geo

import (
	"fmt"
	"mapline/internal/order"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"

	orbgeo "github.com/paulmach/orb/geo"

	"github.com/paulmach/orb"
)

// Severity says whether a problem keeps a feature off the map.
type Severity int

const (
	// Error: the feature is left out (Load reports these).
	Error Severity = iota
	// Warning: the feature shows, but is probably not what the author
	// meant (Check reports these).
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Distances and spans behind Check's guesses. They are deliberately wide: a
// warning should be worth reading.
const (
	// swapFarKm, swapRatio: a point at least swapFarKm from the middle of
	// the story's points whose swapped coordinates land swapRatio times
	// nearer is taken to have latitude and longitude swapped. In the Middle
	// East, where latitudes and longitudes are alike, a swap moves a point
	// about 1000 km (TestCheck: swapped-site).
	swapFarKm = 800
	swapRatio = 3
	// outlierYears: an event this far from the median date of the others
	// (and at least one other event) looks like a typo in the year.
	outlierYears = 30
)

// Check looks for what loads but is probably wrong in a story, and returns it
// as warnings, in the order of the features in the file:
//   - a site no event refers to (by properties.sites or properties.links);
//   - a point far from the story whose latitude and longitude, swapped, would
//     put it among the other places;
//   - two sites with the same name at the same place, or two events with the
//     same title and time (the same row pasted twice);
//   - a date whose precision looks accidental: a time of exactly 00:00:00 UTC
//     (a day exported as a timestamp), 1 January given as a day (a year
//     stored in a spreadsheet date cell);
//   - an event decades away from all the others (a typo in the year);
//   - an event without a source, or with a source that looks like a link
//     but will not be one (www.example.org/…, javascript:…).
func Check(s *Story) []Problem {
	var probs []Problem
	warn := func(feature int, id, field, msg string) {
		probs = append(probs, Problem{Feature: feature, ID: id, Field: field, Msg: msg, Severity: Warning})
	}

	used := make([]bool, len(s.Sites))
	for _, e := range s.Events {
		for _, j := range e.Sites {
			used[j] = true
		}
		for _, l := range e.Links {
			used[l[0]], used[l[1]] = true, true
		}
	}
	var points []orb.Point
	for _, st := range s.Sites {
		points = append(points, st.LonLat)
	}
	for _, e := range s.Events {
		if e.Point != nil {
			points = append(points, *e.Point)
		}
	}
	mid, haveMid := middle(points)
	swapped := func(p orb.Point) bool {
		if !haveMid || len(points) < 3 || math.Abs(p[0]) > 90 {
			return false
		}
		q := orb.Point{p[1], p[0]}
		far, near := orbgeo.DistanceHaversine(p, mid)/1000, orbgeo.DistanceHaversine(q, mid)/1000
		return far > swapFarKm && near*swapRatio < far
	}
	swapMsg := func(p orb.Point) string {
		return fmt.Sprintf("[%v, %v] is far from the story's other places; swapped, [%v, %v] is among them: GeoJSON puts the longitude first", p[0], p[1], p[1], p[0])
	}

	type nameAt struct {
		name string
		at   orb.Point
	}
	siteSeen := map[nameAt]Site{}
	for i, st := range s.Sites {
		if !used[i] {
			warn(st.Feature, st.ID, "", "no event refers to this site (add its id to an event's properties.sites, or remove it)")
		}
		if swapped(st.LonLat) {
			warn(st.Feature, st.ID, "geometry", swapMsg(st.LonLat))
		}
		k := nameAt{st.Name, st.LonLat}
		if first, dup := siteSeen[k]; dup {
			warn(st.Feature, st.ID, "properties.name", fmt.Sprintf("feature %d (%q) has the same name and place: the same site twice?", first.Feature, first.ID))
		} else {
			siteSeen[k] = st
		}
	}

	var starts []time.Time
	for _, e := range s.Events {
		starts = append(starts, e.Time.Start.T)
	}
	median := time.Time{}
	if len(starts) > 0 {
		median = starts[len(starts)/2] // Events are sorted by start
	}
	type titleAt struct {
		title string
		at    Span
	}
	evSeen := map[titleAt]Event{}
	// Events are in time order; warnings go in file order.
	byFile := slices.Clone(s.Events)
	slices.SortFunc(byFile, func(a, b Event) int { return a.Feature - b.Feature })
	for _, e := range byFile {
		for _, d := range []struct {
			field string
			date  Date
		}{{"properties.time", e.Time.Start}, {"properties.end", e.Time.End}} {
			if hint := precisionHint(d.date); hint != "" {
				warn(e.Feature, e.ID, d.field, hint)
			}
		}
		if len(starts) >= 3 {
			if yrs := math.Abs(e.Time.Start.T.Sub(median).Hours()) / (24 * 365.25); yrs > outlierYears {
				warn(e.Feature, e.ID, "properties.time", fmt.Sprintf("%s is %.0f years from the story's other events: a typo in the year?", e.Time.Start.ISO(), yrs))
			}
		}
		if e.Point != nil && swapped(*e.Point) {
			warn(e.Feature, e.ID, "geometry", swapMsg(*e.Point))
		}
		k := titleAt{e.Title, e.Time}
		if first, dup := evSeen[k]; dup {
			warn(e.Feature, e.ID, "properties.title", fmt.Sprintf("feature %d (%q) has the same title and time: the same event twice?", first.Feature, first.ID))
		} else {
			evSeen[k] = e
		}
		if e.Source == "" {
			warn(e.Feature, e.ID, "properties.source", "no source: readers expect one (a URL or the name of the source)")
		} else if hint := sourceHint(e.Source); hint != "" {
			warn(e.Feature, e.ID, "properties.source", hint)
		}
	}
	return probs
}

// bareDomain matches a web address written without its scheme:
// "www.example.org/…", "example.org/news/…".
var bareDomain = regexp.MustCompile(`^(?i)(www\.[^\s/]+|[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,})/\S*$`)

// sourceHint says why a source that looks like a link will not be one, or "".
// Only http: and https: URLs become links.
func sourceHint(src string) string {
	if strings.HasPrefix(src, "//") {
		return fmt.Sprintf("%q is shown as text, not as a link: write https:%s", src, src)
	}
	if bareDomain.MatchString(src) {
		return fmt.Sprintf("%q is shown as text, not as a link: write https://%s", src, src)
	}
	if i := strings.IndexByte(src, ':'); i > 0 {
		switch strings.ToLower(src[:i]) {
		case "javascript", "data", "vbscript", "file", "ftp", "mailto":
			return fmt.Sprintf("a %s: address is shown as text, not as a link: only http: and https: sources become links", strings.ToLower(src[:i]))
		}
	}
	return ""
}

// precisionHint says why a date's precision looks accidental, or "".
func precisionHint(d Date) string {
	switch {
	case d.Precision == Minute && d.T.Hour() == 0 && d.T.Minute() == 0 && d.T.Second() == 0:
		return fmt.Sprintf("%s is exactly midnight UTC: if only the day is known, write %s", d.ISO(), d.T.Format("2006-01-02"))
	case d.Precision == Day && d.T.Month() == time.January && d.T.Day() == 1:
		return fmt.Sprintf("%s is 1 January: if only the year is known, write %s (spreadsheets turn a year into its first day)", d.ISO(), d.T.Format("2006"))
	}
	return ""
}

// middle is the point with the median longitude and the median latitude: one
// far-off point does not move it.
func middle(ps []orb.Point) (orb.Point, bool) {
	if len(ps) == 0 {
		return orb.Point{}, false
	}
	lons, lats := make([]float64, len(ps)), make([]float64, len(ps))
	for i, p := range ps {
		lons[i], lats[i] = p[0], p[1]
	}
	order.Float64s(lons)
	order.Float64s(lats)
	return orb.Point{lons[len(ps)/2], lats[len(ps)/2]}, true
}
