package convert

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"
)

// ownProps are the properties of the story format that TimeDimension passes
// through as they are: a story is already a TimeDimension file.
var ownProps = []string{"sites", "links", "view", "place", "approximate", "kind", "end"}

// TimeDimension converts GeoJSON made for Leaflet.TimeDimension into a story.
// A feature's time is properties.time (an ISO 8601 date, date and time,
// interval, or a number of milliseconds since 1970) or properties.times (a
// list of them); for a LineString, MultiLineString or MultiPoint,
// properties.coordTimes, coordinateProperties.times (togeojson's GPX
// tracks; a list per segment of a MultiLineString), times or
// linestringTimestamps give one time per position.
//
//   - a Point with one time is an event at its own point;
//   - a Point with several times is a site, with one event per time;
//   - a LineString or MultiLineString with a time per position is one
//     event, a track (its segments joined; elevations dropped);
//   - a MultiPoint with a time per position is one event per position, each
//     at its own point;
//   - a Point, MultiPoint, LineString, MultiLineString, Polygon or
//     MultiPolygon without a time is a site of that geometry (it needs an
//     id or a name); a line or area with times (not one per position) is a
//     site with one event per time at it;
//   - any other geometry is dropped with a warning (the events stay, at no
//     place).
//
// Titles come from properties.title, name, headline or popupContent (HTML
// becomes plain text); descriptions from description or text; sources from
// source, url or link. The USGS earthquake feed's GeoJSON (properties mag,
// place and time; see usgs.go) gives the story its metadata's title, builds
// titles from mag and place where it has none, keeps mag, magType, type and
// the depth as properties, and names what it drops, once. The story
// format's own properties (sites, links, view, place, approximate, kind,
// end) pass through, so a mapline story converts to itself. A time in
// milliseconds keeps them (2024-03-23T12:34:56.789Z).
func TimeDimension(name string, data []byte) (*Doc, error) {
	file := func(msg string) error { return &Error{[]Problem{{File: name, Msg: msg}}} }
	data, enc := decodeText(name, data, false)
	if enc != nil && !enc.Warning {
		return nil, &Error{[]Problem{*enc}}
	}
	if len(data) > MaxSheetBytes {
		return nil, file(fmt.Sprintf("larger than %d MB", MaxSheetBytes>>20))
	}
	if !json.Valid(data) {
		return nil, file("not valid JSON")
	}
	var top struct {
		Type     string          `json:"type"`
		Title    string          `json:"title"`
		Metadata json.RawMessage `json:"metadata"` // the USGS feed's: its title

		Description string            `json:"description"`
		Features    []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, file("not a GeoJSON FeatureCollection")
	}
	switch top.Type {
	case "FeatureCollection":
	case "Feature":
		top.Features = []json.RawMessage{data}
	default:
		return nil, file(fmt.Sprintf("not a GeoJSON FeatureCollection or Feature (type %q)", top.Type))
	}
	doc := &Doc{Title: top.Title, Description: top.Description}
	var meta struct{ Title string }
	if doc.Title == "" && json.Unmarshal(top.Metadata, &meta) == nil {
		doc.Title = strings.TrimSpace(meta.Title)
	}
	var quake quakes
	var probs []Problem
	if enc != nil {
		probs = append(probs, *enc)
	}
	taken := ids{}
	var sites, events []Feature
	for i, raw := range top.Features {
		var f struct {
			ID       json.RawMessage `json:"id"`
			Geometry *struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]json.RawMessage `json:"properties"`
		}
		where := fmt.Sprintf("features[%d]", i)
		prob := func(field, msg string, warning bool) {
			probs = append(probs, Problem{File: name, Where: where, Field: field, Msg: msg, Warning: warning})
		}
		if err := json.Unmarshal(raw, &f); err != nil {
			prob("", "not a GeoJSON Feature object", false)
			continue
		}
		id := ""
		if len(f.ID) > 0 && string(f.ID) != "null" {
			if json.Unmarshal(f.ID, &id) != nil {
				id = strings.Trim(string(f.ID), " ")
				var n json.Number
				if json.Unmarshal(f.ID, &n) != nil {
					prob("id", "must be a string or a number", false)
					continue
				}
			}
			where += fmt.Sprintf(" (%q)", id)
		}
		p := f.Properties
		str := func(keys ...string) (string, string) {
			for _, k := range keys {
				var s string
				if raw, ok := p[k]; ok && json.Unmarshal(raw, &s) == nil {
					if t, marked := plain(s); t != "" {
						if marked {
							prob("properties."+k, "HTML markup removed: the story format holds plain text", true)
						}
						return t, k
					}
				}
			}
			return "", ""
		}
		title, titleKey := str("title", "name", "headline", "popupContent")
		isQuake := isQuake(p)
		if isQuake {
			quake.n++
		}
		if title == "" && isQuake {
			title = quake.title(p)
		}
		descKeys := []string{"description", "text", "desc"} // desc: GPX's, through togeojson
		if titleKey != "popupContent" {
			descKeys = append(descKeys, "popupContent")
		}
		desc, _ := str(descKeys...)
		source, _ := str("source", "url", "link")

		// The times: of a line, one per position first (a track).
		gtype := ""
		if f.Geometry != nil {
			gtype = f.Geometry.Type
		}
		keys := []string{"time", "times", "coordTimes", "linestringTimestamps"}
		if gtype == "LineString" || gtype == "MultiLineString" {
			keys = []string{"coordTimes", "coordinateProperties.times", "times", "linestringTimestamps", "time"}
			var cp map[string]json.RawMessage
			if raw, has := p["coordinateProperties"]; has && json.Unmarshal(raw, &cp) == nil && cp["times"] != nil {
				p["coordinateProperties.times"] = cp["times"]
			}
		}
		var times []string
		var timesField string
		ok := true
		for _, k := range keys {
			raw, has := p[k]
			if !has || string(raw) == "null" {
				continue
			}
			ts, warn, err := readTimes(flatten(raw))
			if warn != "" {
				prob("properties."+k, warn, true)
			}
			if err != nil {
				prob("properties."+k, err.Error(), false)
				ok = false
			}
			times, timesField = ts, "properties."+k
			break
		}
		if !ok {
			continue
		}
		// The positions.
		var pts [][2]float64
		var depth *float64 // a Point's third coordinate
		var shape *Shape
		if f.Geometry != nil {
			var err error
			switch gtype {
			case "Point":
				var c []float64
				if err = json.Unmarshal(f.Geometry.Coordinates, &c); err == nil && len(c) >= 2 {
					pts = [][2]float64{{c[0], c[1]}}
					if len(c) >= 3 {
						depth = &c[2]
					}
				} else {
					err = fmt.Errorf("coordinates must be [longitude, latitude]")
				}
			case "LineString", "MultiPoint", "MultiLineString":
				var cs [][]float64
				coords := f.Geometry.Coordinates
				if gtype == "MultiLineString" {
					coords = flatten(coords)
				}
				if err = json.Unmarshal(coords, &cs); err == nil {
					for _, c := range cs {
						if len(c) < 2 {
							err = fmt.Errorf("each position must be [longitude, latitude]")
							break
						}
						pts = append(pts, [2]float64{c[0], c[1]})
					}
				} else {
					err = fmt.Errorf("coordinates must be a list of [longitude, latitude]")
				}
			case "Polygon", "MultiPolygon":
				var c any // checked by the story's loader
				if err = json.Unmarshal(f.Geometry.Coordinates, &c); err != nil {
					err = fmt.Errorf("coordinates must be lists of [longitude, latitude]")
				}
				shape = &Shape{gtype, c}
			default:
				prob("geometry", fmt.Sprintf("a %s is dropped: the map draws points, lines and areas", gtype), true)
			}
			if shape == nil && (gtype == "LineString" || gtype == "MultiLineString" || gtype == "MultiPoint") {
				var c any
				json.Unmarshal(f.Geometry.Coordinates, &c)
				shape = &Shape{gtype, c}
			}
			if err != nil {
				prob("geometry", err.Error(), false)
				continue
			}
			for _, pt := range pts {
				if !(pt[0] >= -180 && pt[0] <= 180 && pt[1] >= -90 && pt[1] <= 90) {
					prob("geometry", fmt.Sprintf("[%v, %v] is outside longitude -180..180, latitude -90..90", pt[0], pt[1]), false)
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
		}
		own := map[string]any{}
		for _, k := range ownProps {
			if raw, has := p[k]; has && string(raw) != "null" {
				own[k] = raw
			}
		}
		// Texts in other languages (name:ar, title:fa, …) pass through too.
		texts := map[string]any{}
		for k, raw := range p {
			if field, _, ok := strings.Cut(k, ":"); ok && string(raw) != "null" &&
				(field == "name" || field == "title" || field == "description" || field == "place") {
				texts[k] = raw
			}
		}
		var kept map[string]any
		if isQuake {
			kept = quake.props(p, depth)
		}
		event := func(t string, pt *[2]float64, n int) Feature {
			props := map[string]any{"time": t, "title": title}
			for k, v := range kept {
				props[k] = v
			}
			for k, v := range own {
				props[k] = v
			}
			for k, v := range texts {
				if !strings.HasPrefix(k, "name:") {
					props[k] = v
				}
			}
			if desc != "" {
				props["description"] = desc
			}
			if source != "" {
				props["source"] = source
			}
			eid := id
			if n > 0 && id != "" {
				eid = taken.unique(fmt.Sprintf("%s-%d", id, n))
			}
			return Feature{ID: eid, Point: pt, Properties: props, From: fmt.Sprintf("%s: features[%d]", name, i)}
		}
		siteProps := func() map[string]any {
			props := map[string]any{"name": title}
			for _, k := range []string{"kind", "approximate"} {
				if v, has := own[k]; has {
					props[k] = v
				}
			}
			for k, v := range texts {
				if strings.HasPrefix(k, "name:") || strings.HasPrefix(k, "description:") {
					props[k] = v
				}
			}
			if desc != "" {
				props["description"] = desc
			}
			return props
		}
		if len(times) > 0 && title == "" {
			prob("properties", "no title, name, headline or popupContent: every event needs a title", false)
			continue
		}
		if id != "" {
			if taken.has(id) {
				prob("id", fmt.Sprintf("%q is the id of an earlier feature", id), false)
				continue
			}
			taken.take(id)
		}
		switch {
		case len(times) == 0 && gtype == "Point":
			if title == "" {
				prob("properties", "a site needs a name (properties.name)", false)
				continue
			}
			if id == "" {
				id = taken.unique(orDefault(slug(title), "site"))
			}
			sites = append(sites, Feature{ID: id, Point: &pts[0], Properties: siteProps(), From: fmt.Sprintf("%s: features[%d]", name, i)})
		case len(times) == 0 && shape != nil:
			if title == "" {
				prob("properties", "a site needs a name (properties.name)", false)
				continue
			}
			if id == "" {
				id = taken.unique(orDefault(slug(title), "site"))
			}
			sites = append(sites, Feature{ID: id, Shape: shape, Properties: siteProps(), From: fmt.Sprintf("%s: features[%d]", name, i)})
		case len(times) == 0:
			prob("properties", "no time or times, and not a Point: left out", true)
		case len(times) > 1 && len(times) == len(pts) && (gtype == "LineString" || gtype == "MultiLineString"):
			// A track: one event, a time per position (the segments of a
			// MultiLineString joined).
			e := event(times[0], nil, 0)
			line := make([][]float64, len(pts))
			for n, pt := range pts {
				line[n] = []float64{pt[0], pt[1]}
			}
			e.Shape = &Shape{"LineString", line}
			e.Properties["times"] = times
			if timesField != "properties.times" {
				e.Renamed = map[string]string{"properties.times": timesField}
			}
			events = append(events, e)
		case gtype == "Point" && len(times) > 1 || shape != nil && (gtype == "Polygon" || gtype == "MultiPolygon" ||
			len(times) == 1 && (gtype == "LineString" || gtype == "MultiLineString")):
			// A place with several times (a line or an area with any):
			// a site, and an event at it for each time.
			sid := id
			if sid == "" {
				sid = taken.unique(orDefault(slug(title), "site"))
			}
			site := Feature{ID: sid, Shape: shape, Properties: map[string]any{"name": title},
				From: fmt.Sprintf("%s: features[%d]", name, i)}
			if shape == nil {
				site.Point = &pts[0]
			}
			sites = append(sites, site)
			for n, t := range times {
				e := event(t, nil, n+1)
				if id == "" {
					e.ID = taken.unique(fmt.Sprintf("%s-%d", sid, n+1))
				}
				e.Properties["sites"] = []string{sid}
				events = append(events, e)
			}
		case len(times) == 1 && len(pts) <= 1:
			var pt *[2]float64
			if len(pts) == 1 {
				pt = &pts[0]
			}
			events = append(events, event(times[0], pt, 0))
		case len(pts) > 1:
			if len(times) != len(pts) {
				prob(timesField, fmt.Sprintf("%d times for %d positions: give one time per position", len(times), len(pts)), false)
				continue
			}
			for n, t := range times {
				events = append(events, event(t, &pts[n], n+1))
			}
		default: // several times and no point: one event per time, at no place
			for n, t := range times {
				events = append(events, event(t, nil, n+1))
			}
		}
	}
	doc.Features = append(sites, events...)
	probs = append(probs, quake.problems(name)...)
	if len(probs) > 0 {
		return doc, &Error{probs}
	}
	return doc, nil
}

// readTimes reads a time or a list of times: ISO 8601 strings, or numbers of
// milliseconds since 1970 (what JavaScript's Date.getTime gives).
func readTimes(raw json.RawMessage) (times []string, warn string, err error) {
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		list = []json.RawMessage{raw}
	}
	if len(list) == 0 {
		return nil, "", fmt.Errorf("is an empty list")
	}
	out := make([]string, 0, len(list))
	for i, item := range list {
		t, w, err := oneTime(item)
		if err != nil {
			if len(list) > 1 {
				return nil, "", fmt.Errorf("item %d: %v", i, err)
			}
			return nil, "", err
		}
		if w != "" && warn == "" {
			warn = w
			if len(list) > 1 {
				warn = fmt.Sprintf("item %d: %s", i, w)
			}
		}
		out = append(out, t)
	}
	return out, warn, nil
}

func oneTime(raw json.RawMessage) (string, string, error) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return span(s, false)
	}
	var ms float64
	if json.Unmarshal(raw, &ms) == nil {
		// From 0000-01-01 to 9999-12-31T23:59:59.999Z: four-digit years.
		if math.IsNaN(ms) || ms < -62167219200000 || ms > 253402300799999 {
			return "", "", fmt.Errorf("%v milliseconds since 1970 is not a time ISO 8601's four-digit years can write", ms)
		}
		t := time.UnixMilli(int64(ms)).UTC()
		if t.Nanosecond() == 0 {
			return t.Format(time.RFC3339), "", nil
		}
		return t.Format("2006-01-02T15:04:05.000Z07:00"), "", nil
	}
	return "", "", fmt.Errorf("must be an ISO 8601 date or a number of milliseconds since 1970, not %s", strings.TrimSpace(string(raw)))
}

// flatten makes a list of lists one list ([[a, b], [c]] → [a, b, c]): the
// times and positions of a MultiLineString's segments as one track's. Any
// other JSON (a list of strings) is returned as it is.
func flatten(raw json.RawMessage) json.RawMessage {
	var lists [][]json.RawMessage
	if json.Unmarshal(raw, &lists) != nil || len(lists) == 0 {
		return raw
	}
	var all []json.RawMessage
	for _, l := range lists {
		all = append(all, l...)
	}
	out, err := json.Marshal(all)
	if err != nil {
		return raw
	}
	return out
}
