package geo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb"
)

// MaxStoryBytes is the largest story file Load reads.
const MaxStoryBytes = 20 << 20

// MaxDepth is how deeply a story's JSON may nest arrays and objects. A story
// needs six levels (collection, features, feature, properties, links, a
// pair); foreign members get room to spare.
const MaxDepth = 64

// Site is a place of the story: a Feature with an id, a Point and a name.
type Site struct {
	ID          string
	Name        string
	Kind        string // embassy, consulate, military, nuclear, city, venue, …
	Description string
	Approx      bool      // the coordinates are approximate
	Texts       Texts     // name and description in other languages (see Story.In)
	LonLat      orb.Point // as given
	World       orb.Point // projected once at load (see World)
	Feature     int       // index of the feature in the file
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
	Feature     int        // index of the feature in the file
}

// Camera is a view of an event: a centre (longitude, latitude) and a zoom.
type Camera struct {
	Center orb.Point
	Zoom   float64
}

// Regional reports whether the event has no place: it concerns the whole region.
func (e *Event) Regional() bool { return len(e.Sites) == 0 && e.Point == nil && e.Place == "" }

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

// Bound is the longitude/latitude bound of the story's sites and event points.
func (s *Story) Bound() (orb.Bound, bool) {
	var b orb.Bound
	n := 0
	add := func(p orb.Point) {
		if n == 0 {
			b = p.Bound()
		} else {
			b = b.Extend(p)
		}
		n++
	}
	for _, st := range s.Sites {
		add(st.LonLat)
	}
	for _, e := range s.Events {
		if e.Point != nil {
			add(*e.Point)
		}
	}
	return b, n > 0
}

// Problem is one thing wrong with one feature of a story file.
type Problem struct {
	Feature  int    // index in the features array; -1 for the file itself
	ID       string // the feature's id, if it has one
	Field    string // "geometry", "properties.time", …
	Msg      string
	Severity Severity // Error (the zero value) from Load, Warning from Check
}

func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString("geo: ")
	if p.Severity == Warning {
		b.WriteString("warning: ")
	}
	if p.Feature >= 0 {
		fmt.Fprintf(&b, "feature %d", p.Feature)
		if p.ID != "" {
			fmt.Fprintf(&b, " (%q)", p.ID)
		}
		b.WriteString(": ")
	}
	if p.Field != "" {
		b.WriteString(p.Field + ": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// LoadError lists every problem found in a story file. The story Load returns
// with it holds the features that had no problem.
type LoadError struct{ Problems []Problem }

func (e *LoadError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Error()
	}
	return strings.Join(msgs, "\n")
}

// scanFast turns on the fast way through a story file (scan.go); tests turn
// it off to compare.
var scanFast = true

type rawFeature struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
	// props are the members of Properties when scan.go has read them
	// already (then Properties is not decoded again).
	props props
}

// Load reads a story from GeoJSON: a FeatureCollection of sites and events
// (see docs/story-format.md). When the file cannot be read at all it returns a
// nil story. When some features are wrong it returns the story of the others
// together with a *LoadError naming each feature and field.
func Load(r io.Reader) (*Story, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxStoryBytes+1))
	if err != nil {
		return nil, fmt.Errorf("geo: reading story: %w", err)
	}
	if len(data) > MaxStoryBytes {
		return nil, fmt.Errorf("geo: the story is larger than %d MB", MaxStoryBytes>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // a byte order mark from a spreadsheet export
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("geo: the story file is empty")
	}
	if line, col, deep := tooDeep(data); deep {
		return nil, fmt.Errorf("geo: the story is not a story: its JSON nests deeper than %d levels at line %d, column %d", MaxDepth, line, col)
	}
	if !json.Valid(data) {
		var v any
		return nil, fmt.Errorf("geo: the story is not valid JSON: %s", jsonErr(data, json.Unmarshal(data, &v)))
	}
	top, all, fast := map[string]json.RawMessage(nil), []rawFeature(nil), false
	if scanFast {
		top, all, fast = scanCollection(data)
	}
	if !fast {
		if err := json.Unmarshal(data, &top); err != nil {
			return nil, fmt.Errorf("geo: the story must be a GeoJSON FeatureCollection, not %s", jsonKind(data))
		}
	}
	var typ string
	if raw, ok := top["type"]; !ok {
		return nil, errors.New(`geo: the story must be a GeoJSON FeatureCollection: "type" is missing`)
	} else if err := json.Unmarshal(raw, &typ); err != nil {
		return nil, fmt.Errorf(`geo: type: must be "FeatureCollection", not %s`, jsonKind(raw))
	}
	if typ != "FeatureCollection" {
		return nil, fmt.Errorf("geo: the story must be a GeoJSON FeatureCollection, not %q", typ)
	}
	var fc struct {
		Title, Description json.RawMessage
		Features           []json.RawMessage
	}
	fc.Title, fc.Description = top["title"], top["description"]
	// Decode every feature in one call (see scanCollection for the fast
	// way). Only when one of them is not a Feature object, feature by
	// feature, to say which.
	if raw, ok := top["features"]; !fast && ok && string(raw) != "null" {
		if err := json.Unmarshal(raw, &all); err != nil {
			all = nil
			if err := json.Unmarshal(raw, &fc.Features); err != nil {
				return nil, fmt.Errorf("geo: features: must be an array of Features, not %s", jsonKind(raw))
			}
		}
	}
	n := len(fc.Features)
	if all != nil {
		n = len(all)
	}
	s := &Story{}
	var probs []Problem
	fileProb := func(field, msg string) { probs = append(probs, Problem{Feature: -1, Field: field, Msg: msg}) }
	if t, err := optString(fc.Title); err != nil {
		fileProb("title", err.Error())
	} else {
		s.Title = t
	}
	if t, err := optString(fc.Description); err != nil {
		fileProb("description", err.Error())
	} else {
		s.Description = t
	}
	if l, err := optString(top["lang"]); err != nil {
		fileProb("lang", err.Error())
	} else if l != "" && !validLangTag(l) {
		fileProb("lang", fmt.Sprintf("%q is not a language tag (en, ar, fa-IR, …)", l))
	} else {
		s.Lang = l
	}
	for k, raw := range top {
		if f, ok := localField(k, "title", "description"); ok {
			if t, err := optString(raw); err != nil {
				fileProb(k, err.Error())
			} else if t != "" {
				if s.Texts == nil {
					s.Texts = Texts{}
				}
				s.Texts[f] = t
			}
		}
	}

	type pending struct {
		ev    Event
		sites []string
		links [][2]string
	}
	events := make([]pending, 0, n)
	ids := make(map[string]int, n) // id → feature index, for duplicates
	for i := range n {
		var f rawFeature
		prob := func(id, field, msg string) {
			probs = append(probs, Problem{Feature: i, ID: id, Field: field, Msg: msg})
		}
		if all != nil {
			f = all[i]
		} else if err := json.Unmarshal(fc.Features[i], &f); err != nil {
			prob("", "", "not a GeoJSON Feature object")
			continue
		}
		id, idErr := featureID(f.ID)
		if idErr != nil {
			prob("", "id", idErr.Error())
			continue
		}
		if f.Type != "Feature" {
			prob(id, "type", fmt.Sprintf("must be \"Feature\", not %q", f.Type))
			continue
		}
		if id != "" {
			if j, dup := ids[id]; dup {
				prob(id, "id", fmt.Sprintf("duplicate of feature %d", j))
				continue
			}
			ids[id] = i
		}
		p := f.props
		if p == nil && len(f.Properties) > 0 && json.Unmarshal(f.Properties, &p) != nil {
			prob(id, "properties", fmt.Sprintf("must be an object or null, not %s", jsonKind(f.Properties)))
			continue
		}
		pt, hasPt, gErr := point(f.Geometry)
		if gErr != nil {
			prob(id, "geometry", gErr.Error())
			continue
		}
		if p.has("time") {
			ev := Event{ID: id, Feature: i}
			ok := true
			field := func(name string, dst *string, required bool) {
				v, err := p.str(name, required)
				if err != nil {
					prob(id, "properties."+name, err.Error())
					ok = false
				}
				*dst = v
			}
			var tm, end string
			field("time", &tm, true)
			field("end", &end, false)
			field("title", &ev.Title, true)
			field("description", &ev.Description, false)
			field("source", &ev.Source, false)
			field("place", &ev.Place, false)
			approx, err := p.boolean("approximate")
			if err != nil {
				prob(id, "properties.approximate", err.Error())
				ok = false
			}
			if tm != "" {
				sp, err := ParseSpan(tm)
				if err != nil {
					prob(id, "properties.time", err.Error())
					ok = false
				}
				if end != "" && err == nil {
					if sp.End, err = ParseDate(end); err == nil {
						err = sp.check()
					}
					if err != nil {
						prob(id, "properties.end", err.Error())
						ok = false
					}
				}
				sp.Start.Approx = sp.Start.Approx || approx
				ev.Time = sp
			}
			siteIDs, err := p.strings("sites")
			if err != nil {
				prob(id, "properties.sites", err.Error())
				ok = false
			}
			links, err := p.links("links")
			if err != nil {
				prob(id, "properties.links", err.Error())
				ok = false
			}
			if ev.Camera, err = p.camera("view"); err != nil {
				prob(id, "properties.view", err.Error())
				ok = false
			}
			if hasPt {
				ev.Point = &pt
			}
			if ev.Texts, err = p.texts("title", "description", "place"); err != nil {
				prob(id, "properties."+err.(textError).key, err.(textError).msg)
				ok = false
			}
			if ok {
				events = append(events, pending{ev, siteIDs, links})
			}
			continue
		}
		// A site.
		if !hasPt {
			prob(id, "", "neither an event (no properties.time) nor a site (no Point geometry)")
			continue
		}
		st := Site{ID: id, LonLat: pt, World: World(pt), Feature: i}
		ok := true
		if id == "" {
			prob(id, "id", "a site needs a string id so events can refer to it")
			ok = false
		}
		var err error
		if st.Name, err = p.str("name", true); err != nil {
			prob(id, "properties.name", err.Error())
			ok = false
		}
		if st.Kind, err = p.str("kind", false); err != nil {
			prob(id, "properties.kind", err.Error())
			ok = false
		}
		if st.Description, err = p.str("description", false); err != nil {
			prob(id, "properties.description", err.Error())
			ok = false
		}
		if st.Approx, err = p.boolean("approximate"); err != nil {
			prob(id, "properties.approximate", err.Error())
			ok = false
		}
		if st.Texts, err = p.texts("name", "description"); err != nil {
			prob(id, "properties."+err.(textError).key, err.(textError).msg)
			ok = false
		}
		if st.Kind == "" {
			st.Kind = "site"
		}
		if ok {
			s.Sites = append(s.Sites, st)
		}
	}
	s.Events = make([]Event, 0, len(events))
	siteIdx := make(map[string]int, len(s.Sites))
	for i, st := range s.Sites {
		siteIdx[st.ID] = i
	}
	for _, pe := range events {
		ok := true
		site := func(field, sid string) int {
			j, found := siteIdx[sid]
			if !found {
				probs = append(probs, Problem{Feature: pe.ev.Feature, ID: pe.ev.ID, Field: field,
					Msg: fmt.Sprintf("no site has the id %q", sid)})
				ok = false
			}
			return j
		}
		for _, sid := range pe.sites {
			pe.ev.Sites = append(pe.ev.Sites, site("properties.sites", sid))
		}
		for _, l := range pe.links {
			pe.ev.Links = append(pe.ev.Links, [2]int{site("properties.links", l[0]), site("properties.links", l[1])})
		}
		if ok {
			s.Events = append(s.Events, pe.ev)
		}
	}
	sort.SliceStable(s.Events, func(i, j int) bool {
		return s.Events[i].Time.Start.T.Before(s.Events[j].Time.Start.T)
	})
	s.index()
	if len(probs) > 0 {
		return s, &LoadError{Problems: probs}
	}
	return s, nil
}

// jsonErr describes a JSON syntax error with its line and column.
func jsonErr(data []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := lineCol(data, int(se.Offset))
		msg := se.Error()
		// JavaScript writes these for numbers that are not numbers; JSON has no such values.
		for _, w := range []struct {
			word string
			back int64
		}{{"-Infinity", 2}, {"NaN", 1}, {"Infinity", 1}} {
			if bytes.HasPrefix(data[max(se.Offset-w.back, 0):], []byte(w.word)) {
				msg = w.word + " is not a JSON number: every coordinate must be a finite number"
				break
			}
		}
		return fmt.Sprintf("line %d, column %d: %s", line, col, msg)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("%s must be %s, not a JSON %s", orDefault(te.Field, "the top level"), te.Type, te.Value)
	}
	return err.Error()
}

// lineCol is the line and column (from 1) of the byte at offset, or of the
// byte before it for an offset just past it (as json.SyntaxError gives).
func lineCol(data []byte, offset int) (int, int) {
	offset = min(offset, len(data))
	line := 1 + bytes.Count(data[:offset], []byte("\n"))
	col := offset - bytes.LastIndexByte(data[:offset], '\n') - 1
	return line, col
}

// tooDeep reports whether data nests arrays and objects deeper than
// MaxDepth, and where. Brackets inside strings do not count.
func tooDeep(data []byte) (line, col int, deep bool) {
	depth, inStr, esc := 0, false, false
	for i, c := range data {
		switch {
		case inStr:
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == '[' || c == '{':
			if depth++; depth > MaxDepth {
				line, col = lineCol(data, i+1)
				return line, col, true
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return 0, 0, false
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// featureID reads a Feature id: a string (numbers are accepted and kept as text).
func featureID(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	if s, ok := unquote(raw); ok {
		return s, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), nil
	}
	return "", fmt.Errorf("must be a string, not %s", jsonKind(raw))
}

// point reads a GeoJSON geometry that may be null or a Point.
func point(raw json.RawMessage) (orb.Point, bool, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return orb.Point{}, false, nil
	}
	var g struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		return orb.Point{}, false, fmt.Errorf("must be a GeoJSON geometry object or null, not %s", jsonKind(raw))
	}
	if g.Type != "Point" {
		return orb.Point{}, false, fmt.Errorf("must be a Point (or null), not %q", g.Type)
	}
	var cs []json.RawMessage
	if err := json.Unmarshal(g.Coordinates, &cs); err != nil || len(cs) < 2 {
		return orb.Point{}, false, errors.New("coordinates must be [longitude, latitude]")
	}
	var c [2]float64
	for i := range c {
		var n json.Number
		if jsonKind(cs[i]) != "a number" || json.Unmarshal(cs[i], &n) != nil {
			return orb.Point{}, false, fmt.Errorf("coordinates[%d] must be a number of degrees, not %s", i, jsonKind(cs[i]))
		}
		v, err := strconv.ParseFloat(n.String(), 64)
		if err != nil {
			return orb.Point{}, false, fmt.Errorf("coordinates[%d]: %s is not a number of degrees", i, n)
		}
		c[i] = v
	}
	lon, lat := c[0], c[1]
	if math.IsNaN(lon) || math.IsInf(lon, 0) || lon < -180 || lon > 180 {
		return orb.Point{}, false, fmt.Errorf("longitude %v is outside -180..180", lon)
	}
	if math.IsNaN(lat) || math.IsInf(lat, 0) || lat < -90 || lat > 90 {
		return orb.Point{}, false, fmt.Errorf("latitude %v is outside -90..90", lat)
	}
	return orb.Point{lon, lat}, true, nil
}

func jsonKind(raw json.RawMessage) string {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 {
		return "nothing"
	}
	switch t[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

type props map[string]json.RawMessage

// unquote is the fast way to read a JSON string of valid JSON: one without
// escapes, control characters or invalid UTF-8 is its bytes between the
// quotes. ok is false for anything else, which json.Unmarshal must read.
func unquote(raw []byte) (s string, ok bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return "", false
	}
	in := raw[1 : len(raw)-1]
	ascii := true
	for _, c := range in {
		switch {
		case c >= utf8.RuneSelf:
			ascii = false
		case c == '\\' || c == '"' || c < 0x20:
			return "", false
		}
	}
	if !ascii && !utf8.Valid(in) {
		return "", false
	}
	return string(in), true
}

// stringList is the fast way to read a list of plain strings (see unquote)
// with no space between them: ["a","b"]. ok is false for anything else.
func stringList(raw []byte) (ss []string, ok bool) {
	if len(raw) < 2 || raw[0] != '[' || raw[len(raw)-1] != ']' {
		return nil, false
	}
	in := raw[1 : len(raw)-1]
	if len(in) == 0 {
		return []string{}, true
	}
	n := bytes.Count(in, []byte{','}) + 1
	ss = make([]string, 0, n)
	for len(in) > 0 {
		end := bytes.IndexByte(in, ',')
		if end < 0 {
			end = len(in)
		}
		s, ok := unquote(in[:end])
		if !ok || s == "" {
			return nil, false
		}
		ss = append(ss, s)
		if end == len(in) {
			break
		}
		in = in[end+1:]
		if len(in) == 0 {
			return nil, false
		}
	}
	return ss, len(ss) == n
}

func (p props) has(k string) bool { _, ok := p[k]; return ok }

func (p props) str(k string, required bool) (string, error) {
	raw, ok := p[k]
	if !ok || string(raw) == "null" {
		if required {
			return "", errors.New("is required")
		}
		return "", nil
	}
	s, fast := unquote(raw)
	if !fast {
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", fmt.Errorf("must be a string, not %s", jsonKind(raw))
		}
	}
	s = strings.TrimSpace(s)
	if s == "" && required {
		return "", errors.New("is required and must not be empty")
	}
	return s, nil
}

// localField reports whether the property key is a per-language variant of
// one of fields ("title:ar", "name:fa-IR") and returns it as the key of Texts.
func localField(key string, fields ...string) (string, bool) {
	f, l, ok := strings.Cut(key, ":")
	if !ok || !validLangTag(l) {
		return "", false
	}
	for _, x := range fields {
		if f == x {
			return key, true
		}
	}
	return "", false
}

// validLangTag accepts the shape of a BCP 47 tag: letters and digits in
// subtags of 1 to 8, separated by "-", the first (the language) of 2 or 3
// letters.
func validLangTag(l string) bool {
	for i, sub := range strings.Split(l, "-") {
		if len(sub) < 1 || len(sub) > 8 || (i == 0 && (len(sub) < 2 || len(sub) > 3)) {
			return false
		}
		for _, r := range sub {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
				return false
			}
		}
	}
	return true
}

type textError struct{ key, msg string }

func (e textError) Error() string { return e.key + ": " + e.msg }

// texts reads the per-language variants of fields ("name:ar", …); a variant
// must be a string. An empty one is left out (the default shows).
func (p props) texts(fields ...string) (Texts, error) {
	var t Texts
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the first problem in a stable order
	for _, k := range keys {
		f, ok := localField(k, fields...)
		if !ok {
			continue
		}
		v, err := p.str(k, false)
		if err != nil {
			return nil, textError{k, err.Error()}
		}
		if v == "" {
			continue
		}
		if t == nil {
			t = Texts{}
		}
		t[f] = v
	}
	return t, nil
}

func (p props) boolean(k string) (bool, error) {
	raw, ok := p[k]
	if !ok || string(raw) == "null" {
		return false, nil
	}
	var b bool
	if err := json.Unmarshal(raw, &b); err != nil {
		return false, fmt.Errorf("must be true or false, not %s", jsonKind(raw))
	}
	return b, nil
}

func (p props) strings(k string) ([]string, error) {
	raw, ok := p[k]
	if !ok || string(raw) == "null" {
		return nil, nil
	}
	if ss, ok := stringList(raw); ok {
		return ss, nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		// A single id is accepted for a list of one.
		if id, err := featureID(raw); err == nil && id != "" {
			return []string{id}, nil
		}
		return nil, fmt.Errorf("must be a list of site ids, not %s", jsonKind(raw))
	}
	ss := make([]string, 0, len(items))
	for i, it := range items {
		id, err := featureID(it)
		if err != nil || id == "" {
			return nil, fmt.Errorf("item %d must be a site id (a string), not %s", i, jsonKind(it))
		}
		ss = append(ss, id)
	}
	return ss, nil
}

// links reads a list of site id pairs: [["tehran", "al-asad"], …].
func (p props) links(k string) ([][2]string, error) {
	raw, ok := p[k]
	if !ok || string(raw) == "null" {
		return nil, nil
	}
	var pairs [][]string
	if err := json.Unmarshal(raw, &pairs); err != nil {
		return nil, errors.New(`must be a list of site id pairs, like [["tehran", "al-asad"]]`)
	}
	out := make([][2]string, 0, len(pairs))
	for i, pr := range pairs {
		if len(pr) != 2 || pr[0] == "" || pr[1] == "" || pr[0] == pr[1] {
			return nil, fmt.Errorf("item %d must be two different site ids", i)
		}
		out = append(out, [2]string{pr[0], pr[1]})
	}
	return out, nil
}

// camera reads a view: [latitude, longitude, zoom] or "LAT,LON,ZOOM" (the
// form of the view= flag).
func (p props) camera(k string) (*Camera, error) {
	raw, ok := p[k]
	if !ok || string(raw) == "null" {
		return nil, nil
	}
	var f []float64
	if err := json.Unmarshal(raw, &f); err != nil {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return nil, fmt.Errorf("must be [latitude, longitude, zoom], not %s", jsonKind(raw))
		}
		f = f[:0]
		for _, part := range strings.Split(s, ",") {
			v, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
			if err != nil {
				return nil, fmt.Errorf("%q must be LAT,LON,ZOOM", s)
			}
			f = append(f, v)
		}
	}
	if len(f) != 3 {
		return nil, errors.New("must be [latitude, longitude, zoom]")
	}
	if !(f[0] >= -90 && f[0] <= 90 && f[1] >= -180 && f[1] <= 180) {
		return nil, fmt.Errorf("latitude %v, longitude %v out of range", f[0], f[1])
	}
	if !(f[2] >= MinZoom && f[2] <= MaxZoom) {
		return nil, fmt.Errorf("zoom %v must be %d to %d", f[2], MinZoom, MaxZoom)
	}
	return &Camera{Center: orb.Point{f[1], f[0]}, Zoom: f[2]}, nil
}

func optString(raw json.RawMessage) (string, error) {
	if len(raw) == 0 {
		return "", nil
	}
	return props{"v": raw}.str("v", false)
}
