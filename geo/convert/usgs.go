package convert

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// The USGS earthquake feed's GeoJSON (earthquake.usgs.gov/earthquakes/feed/
// v1.0/geojson.php): a FeatureCollection of Points [longitude, latitude,
// depth in km] whose properties are mag, place, time (milliseconds since
// 1970), url (the event's page), title ("M 4.5 - 10 km SW of Neiafu,
// Tonga"), type ("earthquake", "quarry blast", …) and some twenty more.
// TimeDimension reads time, title and url as it reads any GeoJSON's; quakes
// adds the rest.

// quakeKept are the feed's properties an event keeps (the map does not show
// them); time, title, url and place are read as the story's fields.
var quakeKept = []string{"mag", "magType", "type"}

// quakes gathers what TimeDimension says once about a file of the feed: the
// titles it built, the properties it kept and those it dropped.
type quakes struct {
	n       int    // features of the feed
	titles  int    // titles built from mag and place
	example string // the first of them
	kept    map[string]bool
	depth   bool // a depth was kept
	dropped map[string]bool
}

// isQuake reports whether a feature's properties are the feed's: mag, place
// and time.
func isQuake(p map[string]json.RawMessage) bool {
	_, mag := p["mag"]
	_, place := p["place"]
	_, time := p["time"]
	return mag && place && time
}

// title builds a quake's title from its magnitude and place, as the CSV
// layout does ("M 4.5 – 10 km SW of Neiafu, Tonga"), and counts it.
func (q *quakes) title(p map[string]json.RawMessage) string {
	var mag json.Number
	var place string
	json.Unmarshal(p["mag"], &mag)
	json.Unmarshal(p["place"], &place)
	place, _ = plain(place)
	t := place
	if mag != "" {
		t = "M " + string(mag)
		if place != "" {
			t += " – " + place
		}
	}
	if t != "" {
		if q.titles == 0 {
			q.example = t
		}
		q.titles++
	}
	return t
}

// props returns the properties a quake keeps, the depth from the geometry's
// third coordinate (nil when it has none), and notes the others as dropped.
func (q *quakes) props(p map[string]json.RawMessage, depth *float64) map[string]any {
	if q.kept == nil {
		q.kept, q.dropped = map[string]bool{}, map[string]bool{}
	}
	out := map[string]any{}
	for k, raw := range p {
		switch {
		case k == "time" || k == "title" || k == "url" || k == "place":
		case slices.Contains(quakeKept, k):
			if string(raw) != "null" {
				out[k] = raw
				q.kept[k] = true
			}
		default:
			q.dropped[k] = true
		}
	}
	if depth != nil {
		out["depth"] = *depth
		q.depth = true
	}
	return out
}

// problems are the warnings, once for the file: the titles built, and
// what was kept and dropped.
func (q *quakes) problems(file string) []Problem {
	var out []Problem
	warn := func(msg string) { out = append(out, Problem{File: file, Where: "features", Msg: msg, Warning: true}) }
	switch {
	case q.titles == q.n && q.n > 0:
		warn(fmt.Sprintf("no title: each title is built from properties mag and place: %s", quote(q.example)))
	case q.titles > 0:
		warn(fmt.Sprintf("%d of %d quakes have no title: theirs are built from properties mag and place: %s", q.titles, q.n, quote(q.example)))
	}
	if q.kept == nil {
		return out
	}
	var kept []string
	for _, k := range quakeKept {
		if q.kept[k] {
			kept = append(kept, k)
		}
	}
	if q.depth {
		kept = append(kept, "the depth (the third coordinate, km)")
	}
	var msg []string
	if len(kept) > 0 {
		verb := "are"
		if len(kept) == 1 {
			verb = "is"
		}
		msg = append(msg, fmt.Sprintf("%s %s kept as properties the map does not show", and(kept), verb))
	}
	if len(q.dropped) > 0 {
		msg = append(msg, "dropped: "+strings.Join(slices.Sorted(func(yield func(string) bool) {
			for k := range q.dropped {
				if !yield(k) {
					return
				}
			}
		}), ", "))
	}
	if len(msg) > 0 {
		warn("the USGS earthquake feed: " + strings.Join(msg, "; "))
	}
	return out
}

// and joins words as a sentence does: "a", "a and b", "a, b and c".
func and(w []string) string {
	if len(w) < 2 {
		return strings.Join(w, "")
	}
	return strings.Join(w[:len(w)-1], ", ") + " and " + w[len(w)-1]
}
