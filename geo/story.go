package geo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
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

// Load reads a story from GeoJSON: a FeatureCollection of sites and events
// (see docs/story-format.md). When the file cannot be read at all it returns a
// nil story. When some features are wrong it returns the story of the others
// together with a *LoadError naming each feature and field.
//
// The story's strings share the memory of the file's text.
func Load(r io.Reader) (*Story, error) {
	src, err := readStory(r)
	if err != nil {
		return nil, fmt.Errorf("geo: reading story: %w", err)
	}
	if len(src) > MaxStoryBytes {
		return nil, fmt.Errorf("geo: the story is larger than %d MB", MaxStoryBytes>>20)
	}
	src = strings.TrimPrefix(src, "\ufeff") // a byte order mark from a spreadsheet export
	if len(strings.TrimSpace(src)) == 0 {
		return nil, errors.New("geo: the story file is empty")
	}
	if scanFast {
		if s, ok, err := scanStory(src); ok {
			return s, err
		}
	}
	return decodeStory(src)
}

// readStory reads r whole, up to MaxStoryBytes and a byte, as one string.
func readStory(r io.Reader) (string, error) {
	// A strings.Reader (the wasm reads the fetched text through one) hands
	// its string to a writer with a WriteString method: no copy.
	if sr, ok := r.(*strings.Reader); ok && sr.Len() <= MaxStoryBytes {
		var w stringWriter
		_, err := sr.WriteTo(&w)
		return w.s, err
	}
	var b strings.Builder
	if l, ok := r.(interface{ Len() int }); ok { // bytes.Reader, bytes.Buffer
		b.Grow(min(l.Len(), MaxStoryBytes+1))
	}
	_, err := io.Copy(&b, io.LimitReader(r, MaxStoryBytes+1))
	return b.String(), err
}

// stringWriter keeps what is written to it.
type stringWriter struct{ s string }

func (w *stringWriter) Write(p []byte) (int, error) { return w.WriteString(string(p)) }

func (w *stringWriter) WriteString(s string) (int, error) {
	if w.s == "" {
		w.s = s
	} else {
		w.s += s
	}
	return len(s), nil
}

// jsonFeature is a feature as encoding/json decodes it (the slow way).
type jsonFeature struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
}

// decodeStory reads a story with encoding/json: the way for files
// scanStory does not read, and the one that says what is wrong with a file
// that is not JSON.
func decodeStory(src string) (*Story, error) {
	data := []byte(src)
	if line, col, deep := tooDeep(data); deep {
		return nil, fmt.Errorf("geo: the story is not a story: its JSON nests deeper than %d levels at line %d, column %d", MaxDepth, line, col)
	}
	if !json.Valid(data) {
		var v any
		return nil, fmt.Errorf("geo: the story is not valid JSON: %s", jsonErr(data, json.Unmarshal(data, &v)))
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("geo: the story must be a GeoJSON FeatureCollection, not %s", jsonKind(src))
	}
	top := make(map[string]string, len(raw))
	for k, v := range raw {
		top[k] = string(v)
	}
	if err := checkType(top); err != nil {
		return nil, err
	}
	// Decode every feature in one call. Only when one of them is not a
	// Feature object, feature by feature, to say which.
	var all []jsonFeature
	var each []json.RawMessage
	if fs, ok := raw["features"]; ok && string(fs) != "null" {
		if err := json.Unmarshal(fs, &all); err != nil {
			all = nil
			if err := json.Unmarshal(fs, &each); err != nil {
				return nil, fmt.Errorf("geo: features: must be an array of Features, not %s", jsonKind(string(fs)))
			}
		}
	}
	n := len(each)
	if all != nil {
		n = len(all)
	}
	ld := newLoader(n)
	var f feature
	var text []byte // of f, for its spans
	add := func(raw json.RawMessage) span {
		if len(raw) == 0 {
			return span{}
		}
		start := len(text)
		text = append(text, raw...)
		_, plain := unquote(string(raw))
		return span{int32(start), int32(len(text)), plain}
	}
	for i := range n {
		var jf jsonFeature
		if all != nil {
			jf = all[i]
		} else if err := json.Unmarshal(each[i], &jf); err != nil {
			ld.prob(i, "", "", "not a GeoJSON Feature object")
			continue
		}
		f.reset()
		text = text[:0]
		typ, _ := json.Marshal(jf.Type)
		f.typ = add(typ)
		f.id = add(jf.ID)
		f.geometry.text = add(jf.Geometry)
		f.properties = add(jf.Properties)
		var m map[string]json.RawMessage
		f.badProps = len(jf.Properties) > 0 && json.Unmarshal(jf.Properties, &m) != nil
		for k, raw := range m {
			f.props.set(k, add(raw))
		}
		f.props.sort()
		f.src = string(text)
		ld.feature(i, &f)
	}
	return ld.finish(top)
}

// checkType checks the "type" of the top object of a story.
func checkType(top map[string]string) error {
	var typ string
	if raw, ok := top["type"]; !ok {
		return errors.New(`geo: the story must be a GeoJSON FeatureCollection: "type" is missing`)
	} else if err := json.Unmarshal([]byte(raw), &typ); err != nil {
		return fmt.Errorf(`geo: type: must be "FeatureCollection", not %s`, jsonKind(raw))
	}
	if typ != "FeatureCollection" {
		return fmt.Errorf("geo: the story must be a GeoJSON FeatureCollection, not %q", typ)
	}
	return nil
}

// A feature is one element of "features" as Load reads it: its members as
// places in a text (src). The places hold no pointers: in the wasm, while
// the garbage collector marks, every pointer written costs, and the scanner
// writes several per feature.
type feature struct {
	src        string
	typ        span // a string
	id         span
	geometry   geometry
	properties span
	badProps   bool // properties is neither an object nor null
	props      props
}

// reset empties f for the next feature of the same text. It clears only
// what holds no pointers, and writes f.props.local only when it has to.
func (f *feature) reset() {
	f.typ, f.id, f.geometry, f.properties, f.badProps = span{}, span{}, geometry{}, span{}, false
	f.props.known = [nProps]span{}
	if len(f.props.local) > 0 {
		f.props.local = f.props.local[:0]
	}
}

// value is the JSON text at sp.
func (f *feature) value(sp span) value {
	return value{f.src[sp.start:sp.end], sp.plain}
}

// A span is the place of a JSON value in a text: text[start:end], end 0
// for a member that is absent. plain is as for value.
type span struct {
	start, end int32
	plain      bool
}

// A geometry is the place of a feature's geometry and, when the scanner has
// read it as a plain Point (point), of its coordinates.
type geometry struct {
	text     span
	point    bool
	lon, lat span
}

// A value is the JSON text of a member, "" when the member is absent. plain
// says it is a string without escapes and of valid UTF-8: its value is the
// text between the quotes.
type value struct {
	text  string
	plain bool
}

// valueOf is the value of JSON text.
func valueOf(text string) value {
	_, plain := unquote(text)
	return value{text, plain}
}

// absent reports whether the member is missing or null.
func (v value) absent() bool { return v.text == "" || v.text == "null" }

// The properties Load reads, indexes into props.known.
const (
	pTime = iota
	pEnd
	pTitle
	pDescription
	pSource
	pPlace
	pApproximate
	pSites
	pLinks
	pView
	pName
	pKind
	nProps
)

// propIndex is the index in props.known of the property key, or -1. It
// looks at the first letter before comparing, once per property of every
// feature.
func propIndex(k string) int {
	if len(k) < 3 {
		return -1
	}
	var name string
	var j int
	switch k[0] {
	case 't':
		name, j = "time", pTime
		if len(k) == 5 {
			name, j = "title", pTitle
		}
	case 'e':
		name, j = "end", pEnd
	case 'd':
		name, j = "description", pDescription
	case 's':
		name, j = "sites", pSites
		if len(k) == 6 {
			name, j = "source", pSource
		}
	case 'p':
		name, j = "place", pPlace
	case 'a':
		name, j = "approximate", pApproximate
	case 'l':
		name, j = "links", pLinks
	case 'v':
		name, j = "view", pView
	case 'n':
		name, j = "name", pName
	case 'k':
		name, j = "kind", pKind
	default:
		return -1
	}
	if k != name {
		return -1
	}
	return j
}

// props are the properties of a feature that Load reads: the known ones by
// index, and those whose key has a colon (the per-language texts, "name:ar")
// sorted by key. A key given twice counts once, with its last value, as in
// a map that encoding/json decodes.
type props struct {
	known [nProps]span
	local []member
}

type member struct {
	key string
	v   span
}

// set records the property k; sort must follow.
func (p *props) set(k string, v span) {
	if j := propIndex(k); j >= 0 {
		p.known[j] = v
	} else if strings.IndexByte(k, ':') >= 0 {
		p.local = append(p.local, member{k, v})
	}
}

// sort sorts p.local by key and keeps the last of each key.
func (p *props) sort() {
	if len(p.local) < 2 {
		return
	}
	sort.SliceStable(p.local, func(i, j int) bool { return p.local[i].key < p.local[j].key })
	out := p.local[:0]
	for i, m := range p.local {
		if i+1 < len(p.local) && p.local[i+1].key == m.key {
			continue
		}
		out = append(out, m)
	}
	p.local = out
}

// A later is an event whose sites are not all known when it is read; they
// are looked for again when every site is.
type later struct {
	event        int // index in Story.Events
	sites, links idList
}

// A loader builds a story from its features, one after the other, then
// finishes it (finish) with the members of the top object.
type loader struct {
	s       *Story
	probs   []Problem      // the features' problems, in their order
	ids     map[string]int // id → feature index, for duplicates
	siteIdx map[string]int // id → index in s.Sites
	later   []later

	// n is the number of events in s.Events[:cap(s.Events)] so far (made
	// its length by finish): the slice is not written for each.
	n int

	// Many small lists cut from few blocks.
	places     slab[[2]int32]
	ints       slab[int]
	intPairs   slab[[2]int]
	points     slab[orb.Point]
	at, pairAt [][2]int32 // scratch
}

// newLoader returns a loader for about n features.
func newLoader(n int) *loader {
	return &loader{
		s:       &Story{Events: make([]Event, 0, n)},
		ids:     make(map[string]int, n),
		siteIdx: map[string]int{},
	}
}

func (ld *loader) prob(i int, id, field, msg string) {
	ld.probs = append(ld.probs, Problem{Feature: i, ID: id, Field: field, Msg: msg})
}

// feature reads feature i. The strings of f must stay unchanged (the story
// keeps them); f itself may be reused.
func (ld *loader) feature(i int, f *feature) {
	prob := func(id, field, msg string) { ld.prob(i, id, field, msg) }
	id, idErr := featureID(f.value(f.id))
	if idErr != nil {
		prob("", "id", idErr.Error())
		return
	}
	if typ := f.value(f.typ); typ.text != `"Feature"` {
		name := ""
		if typ.plain {
			name = typ.text[1 : len(typ.text)-1]
		} else if typ.text != "" {
			name, _ = decodeString(typ.text)
		}
		prob(id, "type", fmt.Sprintf("must be \"Feature\", not %q", name))
		return
	}
	if id != "" {
		if j, dup := ld.ids[id]; dup {
			prob(id, "id", fmt.Sprintf("duplicate of feature %d", j))
			return
		}
		ld.ids[id] = i
	}
	if f.badProps {
		prob(id, "properties", fmt.Sprintf("must be an object or null, not %s", jsonKind(f.value(f.properties).text)))
		return
	}
	p := &f.props
	pt, hasPt, gErr := f.geometry.read(f.src)
	if gErr != nil {
		prob(id, "geometry", gErr.Error())
		return
	}
	if p.known[pTime].end != 0 {
		ld.event(i, id, f, pt, hasPt)
		return
	}
	// A site.
	if !hasPt {
		prob(id, "", "neither an event (no properties.time) nor a site (no Point geometry)")
		return
	}
	st := Site{ID: id, LonLat: pt, World: World(pt), Feature: i}
	ok := true
	if id == "" {
		prob(id, "id", "a site needs a string id so events can refer to it")
		ok = false
	}
	var err error
	if st.Name, err = f.value(p.known[pName]).str(true); err != nil {
		prob(id, "properties.name", err.Error())
		ok = false
	}
	if st.Kind, err = f.value(p.known[pKind]).str(false); err != nil {
		prob(id, "properties.kind", err.Error())
		ok = false
	}
	if st.Description, err = f.value(p.known[pDescription]).str(false); err != nil {
		prob(id, "properties.description", err.Error())
		ok = false
	}
	if st.Approx, err = f.value(p.known[pApproximate]).boolean(); err != nil {
		prob(id, "properties.approximate", err.Error())
		ok = false
	}
	if st.Texts, err = p.texts(f.src, "name", "description"); err != nil {
		prob(id, "properties."+err.(textError).key, err.(textError).msg)
		ok = false
	}
	if st.Kind == "" {
		st.Kind = "site"
	}
	if ok {
		ld.siteIdx[id] = len(ld.s.Sites)
		ld.s.Sites = append(ld.s.Sites, st)
	}
}

// resolve sets the sites and links of ev from the sites' ids (when there
// are any: ev has none before, or the same number), and reports whether
// every id is that of a site; with probs, it appends a problem for each id
// that is not.
func (ld *loader) resolve(ev *Event, sites, links idList, probs *[]Problem) bool {
	ok := true
	site := func(field, sid string) int {
		j, found := ld.siteIdx[sid]
		if !found {
			if probs != nil {
				*probs = append(*probs, Problem{Feature: ev.Feature, ID: ev.ID, Field: field,
					Msg: fmt.Sprintf("no site has the id %q", sid)})
			}
			ok = false
		}
		return j
	}
	if n := len(sites.at); n > 0 {
		ev.Sites = ld.ints.make(n)
		for j := range n {
			ev.Sites[j] = site("properties.sites", sites.id(j))
		}
	}
	if n := len(links.at) / 2; n > 0 {
		ev.Links = ld.intPairs.make(n)
		for j := range n {
			ev.Links[j] = [2]int{site("properties.links", links.id(2*j)), site("properties.links", links.id(2*j+1))}
		}
	}
	return ok
}

// event reads the event of feature i straight into the next place of
// Story.Events, and takes it back when it is wrong. (Copying a whole Event
// in makes the garbage collector, when it is marking, look at each of its
// pointers; in the wasm that was a good part of a load.)
func (ld *loader) event(i int, id string, f *feature, pt orb.Point, hasPt bool) {
	p := &f.props
	prob := func(field, msg string) { ld.prob(i, id, field, msg) }
	if ld.n == cap(ld.s.Events) {
		ld.s.Events = slices.Grow(ld.s.Events[:ld.n], 1)
	}
	ld.n++
	ev := &ld.s.Events[:ld.n][ld.n-1] // a zero Event: see below
	ev.ID, ev.Feature = id, i
	ok := true
	field := func(name string, k int, dst *string, required bool) {
		v, err := f.value(p.known[k]).str(required)
		if err != nil {
			prob("properties."+name, err.Error())
			ok = false
		}
		if v != "" {
			*dst = v
		}
	}
	var tm, end string
	field("time", pTime, &tm, true)
	field("end", pEnd, &end, false)
	field("title", pTitle, &ev.Title, true)
	field("description", pDescription, &ev.Description, false)
	field("source", pSource, &ev.Source, false)
	field("place", pPlace, &ev.Place, false)
	approx, err := f.value(p.known[pApproximate]).boolean()
	if err != nil {
		prob("properties.approximate", err.Error())
		ok = false
	}
	if tm != "" {
		sp, err := ParseSpan(tm)
		if err != nil {
			prob("properties.time", err.Error())
			ok = false
		}
		if end != "" && err == nil {
			if sp.End, err = ParseDate(end); err == nil {
				err = sp.check()
			}
			if err != nil {
				prob("properties.end", err.Error())
				ok = false
			}
		}
		sp.Start.Approx = sp.Start.Approx || approx
		ev.Time = sp
	}
	siteIDs, err := ld.siteList(f.value(p.known[pSites]))
	if err != nil {
		prob("properties.sites", err.Error())
		ok = false
	}
	links, err := ld.links(f.value(p.known[pLinks]))
	if err != nil {
		prob("properties.links", err.Error())
		ok = false
	}
	if cam, err := camera(f.value(p.known[pView])); err != nil {
		prob("properties.view", err.Error())
		ok = false
	} else if cam != nil {
		ev.Camera = cam
	}
	if hasPt {
		p := ld.points.make(1)
		p[0] = pt
		ev.Point = &p[0]
	}
	if t, err := p.texts(f.src, "title", "description", "place"); err != nil {
		prob("properties."+err.(textError).key, err.(textError).msg)
		ok = false
	} else if t != nil {
		ev.Texts = t
	}
	if !ok {
		*ev = Event{} // the next event's place
		ld.n--
		return
	}
	if !ld.resolve(ev, siteIDs, links, nil) {
		siteIDs.at, links.at = ld.places.copy(siteIDs.at), ld.places.copy(links.at)
		ld.later = append(ld.later, later{ld.n - 1, siteIDs, links})
	}
}

// finish reads the members of the top object but "features" and
// "type" (see checkType), finds the events' sites and sorts the events.
func (ld *loader) finish(top map[string]string) (*Story, error) {
	s := ld.s
	var probs []Problem
	fileProb := func(field, msg string) { probs = append(probs, Problem{Feature: -1, Field: field, Msg: msg}) }
	if t, err := optString(top["title"]); err != nil {
		fileProb("title", err.Error())
	} else {
		s.Title = t
	}
	if t, err := optString(top["description"]); err != nil {
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
	for _, k := range slices.Sorted(maps.Keys(top)) { // problems in a steady order
		if f, ok := localField(k, "title", "description"); ok {
			if t, err := optString(top[k]); err != nil {
				fileProb(k, err.Error())
			} else if t != "" {
				if s.Texts == nil {
					s.Texts = Texts{}
				}
				s.Texts[f] = t
			}
		}
	}
	probs = append(probs, ld.probs...)
	s.Events = s.Events[:ld.n]

	// The events whose sites came after them, or never: those that are
	// still wrong go.
	drop := false
	for _, l := range ld.later {
		ev := &s.Events[l.event]
		if !ld.resolve(ev, l.sites, l.links, &probs) {
			ev.Feature, drop = -1, true
		}
	}
	if drop {
		s.Events = slices.DeleteFunc(s.Events, func(e Event) bool { return e.Feature < 0 })
	}
	byStart := func(i, j int) bool { return s.Events[i].Time.Start.T.Before(s.Events[j].Time.Start.T) }
	if !sort.SliceIsSorted(s.Events, byStart) {
		sort.SliceStable(s.Events, byStart)
	}
	s.index()
	if len(probs) > 0 {
		return s, &LoadError{Problems: probs}
	}
	return s, nil
}

// A slab hands out short slices cut from long blocks, so that many short
// lists cost few allocations. The slices have no room to grow into the block.
type slab[T any] struct {
	free  []T
	block int // the length of the last block: 64 for the first, doubling up to 4096
}

// make returns a slice of n zero values.
func (b *slab[T]) make(n int) []T {
	if n > len(b.free) {
		b.block = min(max(2*b.block, 64), 4096)
		b.free = make([]T, max(n, b.block))
	}
	s := b.free[:n:n]
	b.free = b.free[n:]
	return s
}

// copy returns a copy of xs, nil when xs is empty.
func (b *slab[T]) copy(xs []T) []T {
	if len(xs) == 0 {
		return nil
	}
	s := b.make(len(xs))
	copy(s, xs)
	return s
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
func featureID(v value) (string, error) {
	if v.absent() {
		return "", nil
	}
	if v.plain {
		return v.text[1 : len(v.text)-1], nil
	}
	if c := v.text[0]; c == '-' || c >= '0' && c <= '9' {
		return v.text, nil // a number of valid JSON, as json.Number keeps it
	}
	raw := []byte(v.text)
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), nil
	}
	return "", fmt.Errorf("must be a string, not %s", jsonKind(v.text))
}

// read reads a GeoJSON geometry that may be null or a Point, placed in src.
func (g geometry) read(src string) (orb.Point, bool, error) {
	if g.point {
		lon, err1 := strconv.ParseFloat(src[g.lon.start:g.lon.end], 64)
		lat, err2 := strconv.ParseFloat(src[g.lat.start:g.lat.end], 64)
		if err1 == nil && err2 == nil {
			return lonLat(lon, lat)
		}
	}
	return point(src[g.text.start:g.text.end])
}

// point reads a GeoJSON geometry that may be null or a Point, the slow way.
func point(text string) (orb.Point, bool, error) {
	if len(text) == 0 || text == "null" {
		return orb.Point{}, false, nil
	}
	var g struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	}
	if err := json.Unmarshal([]byte(text), &g); err != nil {
		return orb.Point{}, false, fmt.Errorf("must be a GeoJSON geometry object or null, not %s", jsonKind(text))
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
		if jsonKind(string(cs[i])) != "a number" || json.Unmarshal(cs[i], &n) != nil {
			return orb.Point{}, false, fmt.Errorf("coordinates[%d] must be a number of degrees, not %s", i, jsonKind(string(cs[i])))
		}
		v, err := strconv.ParseFloat(n.String(), 64)
		if err != nil {
			return orb.Point{}, false, fmt.Errorf("coordinates[%d]: %s is not a number of degrees", i, n)
		}
		c[i] = v
	}
	return lonLat(c[0], c[1])
}

// lonLat checks the coordinates of a Point.
func lonLat(lon, lat float64) (orb.Point, bool, error) {
	if math.IsNaN(lon) || math.IsInf(lon, 0) || lon < -180 || lon > 180 {
		return orb.Point{}, false, fmt.Errorf("longitude %v is outside -180..180", lon)
	}
	if math.IsNaN(lat) || math.IsInf(lat, 0) || lat < -90 || lat > 90 {
		return orb.Point{}, false, fmt.Errorf("latitude %v is outside -90..90", lat)
	}
	return orb.Point{lon, lat}, true, nil
}

func jsonKind(text string) string {
	t := strings.TrimSpace(text)
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

// unquote is the fast way to read a JSON string of valid JSON: one without
// escapes, control characters or invalid UTF-8 is the text between the
// quotes. ok is false for anything else, which json.Unmarshal must read.
func unquote(text string) (s string, ok bool) {
	if len(text) < 2 || text[0] != '"' || text[len(text)-1] != '"' {
		return "", false
	}
	in := text[1 : len(text)-1]
	ascii := true
	for i := 0; i < len(in); i++ {
		switch c := in[i]; {
		case c >= utf8.RuneSelf:
			ascii = false
		case c == '\\' || c == '"' || c < 0x20:
			return "", false
		}
	}
	if !ascii && !utf8.ValidString(in) {
		return "", false
	}
	return in, true
}

// plainList is the fast way to read a list of plain strings (see unquote)
// of valid JSON: ["a", "b"]. It appends their places in text to dst; ok is
// false for anything else, empty strings too.
func plainList(text string, dst [][2]int32) (at [][2]int32, ok bool) {
	if len(text) < 2 || text[0] != '[' || text[len(text)-1] != ']' {
		return nil, false
	}
	at = dst
	i := skipSpace(text, 1)
	if text[i] == ']' {
		return at, i == len(text)-1
	}
	for {
		if text[i] != '"' {
			return nil, false
		}
		e := strings.IndexByte(text[i+1:], '"')
		if e <= 0 { // none, or an empty string
			return nil, false
		}
		if _, ok := unquote(text[i : i+e+2]); !ok {
			return nil, false
		}
		at = append(at, [2]int32{int32(i + 1), int32(i + 1 + e)})
		i = skipSpace(text, i+e+2)
		if i >= len(text) {
			return nil, false
		}
		switch text[i] {
		case ']':
			return at, i == len(text)-1
		case ',':
			i = skipSpace(text, i+1)
			if i >= len(text) {
				return nil, false
			}
		default:
			return nil, false
		}
	}
}

func (v value) str(required bool) (string, error) {
	if v.absent() {
		if required {
			return "", errors.New("is required")
		}
		return "", nil
	}
	var s string
	if v.plain {
		s = v.text[1 : len(v.text)-1]
	} else if u, err := decodeString(v.text); err == nil {
		s = u
	} else {
		return "", fmt.Errorf("must be a string, not %s", jsonKind(v.text))
	}
	if n := len(s); n > 0 && (s[0] <= ' ' || s[0] >= utf8.RuneSelf || s[n-1] <= ' ' || s[n-1] >= utf8.RuneSelf) {
		s = strings.TrimSpace(s)
	}
	if s == "" && required {
		return "", errors.New("is required and must not be empty")
	}
	return s, nil
}

// decodeString decodes a JSON string the slow way (apart from value.str,
// whose variables would otherwise go to the heap on every call).
func decodeString(text string) (string, error) {
	var s string
	err := json.Unmarshal([]byte(text), &s)
	return s, err
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

// texts reads the per-language variants of fields ("name:ar", …), whose
// values are placed in src; a variant must be a string. An empty one is left out (the default shows).
func (p *props) texts(src string, fields ...string) (Texts, error) {
	var t Texts
	for _, m := range p.local { // sorted: the first problem in a stable order
		f, ok := localField(m.key, fields...)
		if !ok {
			continue
		}
		v, err := value{src[m.v.start:m.v.end], m.v.plain}.str(false)
		if err != nil {
			return nil, textError{m.key, err.Error()}
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

func (v value) boolean() (bool, error) {
	switch v.text {
	case "", "null", "false":
		return false, nil
	case "true":
		return true, nil
	}
	var b bool
	if err := json.Unmarshal([]byte(v.text), &b); err != nil {
		return false, fmt.Errorf("must be true or false, not %s", jsonKind(v.text))
	}
	return b, nil
}

// An idList is a list of ids as their places in a text: at[j] is the j-th,
// no pointers to write (see feature).
type idList struct {
	text string
	at   [][2]int32
}

func (l idList) id(j int) string { return l.text[l.at[j][0]:l.at[j][1]] }

// idListOf is the list of ids.
func idListOf(ids ...string) idList {
	var b strings.Builder
	at := make([][2]int32, len(ids))
	for j, id := range ids {
		at[j][0] = int32(b.Len())
		b.WriteString(id)
		at[j][1] = int32(b.Len())
	}
	return idList{b.String(), at}
}

// siteList reads a list of site ids. Its places are the loader's until
// its next call.
func (ld *loader) siteList(v value) (idList, error) {
	if v.absent() {
		return idList{}, nil
	}
	if v.plain && len(v.text) > 2 { // a single id, for a list of one
		at := append(ld.at[:0], [2]int32{1, int32(len(v.text) - 1)})
		keep(&ld.at, at)
		return idList{v.text, at}, nil
	}
	if at, ok := plainList(v.text, ld.at[:0]); ok {
		keep(&ld.at, at)
		return idList{v.text, at}, nil
	}
	raw := []byte(v.text)
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		// A single id is accepted for a list of one.
		if id, err := featureID(valueOf(v.text)); err == nil && id != "" {
			return idListOf(id), nil
		}
		return idList{}, fmt.Errorf("must be a list of site ids, not %s", jsonKind(v.text))
	}
	ss := make([]string, 0, len(items))
	for i, it := range items {
		id, err := featureID(valueOf(string(it)))
		if err != nil || id == "" {
			return idList{}, fmt.Errorf("item %d must be a site id (a string), not %s", i, jsonKind(string(it)))
		}
		ss = append(ss, id)
	}
	return idListOf(ss...), nil
}

// keep keeps at, a scratch list grown from *scratch, for the next list
// when it grew: *scratch is written (a pointer) only then.
func keep(scratch *[][2]int32, at [][2]int32) {
	if cap(at) > cap(*scratch) {
		*scratch = at
	}
}

// links reads a list of site id pairs: [["tehran", "al-asad"], …], as a
// list of ids two by two. Its places are the loader's until its next call.
func (ld *loader) links(v value) (idList, error) {
	if v.absent() {
		return idList{}, nil
	}
	var l idList
	if at, ok := plainPairs(v.text, ld.pairAt[:0]); ok {
		keep(&ld.pairAt, at)
		l = idList{v.text, at}
	} else {
		var prs [][]string
		if err := json.Unmarshal([]byte(v.text), &prs); err != nil {
			return idList{}, errors.New(`must be a list of site id pairs, like [["tehran", "al-asad"]]`)
		}
		ids := make([]string, 0, 2*len(prs))
		for _, pr := range prs {
			if len(pr) != 2 { // two empty ids, wrong below
				pr = []string{"", ""}
			}
			ids = append(ids, pr[0], pr[1])
		}
		l = idListOf(ids...)
	}
	for i := 0; i < len(l.at); i += 2 {
		if a, b := l.id(i), l.id(i+1); a == "" || b == "" || a == b {
			return idList{}, fmt.Errorf("item %d must be two different site ids", i/2)
		}
	}
	return l, nil
}

// plainPairs is the fast way to read a list of pairs of plain strings of
// valid JSON: [["a", "b"], ["c", "d"]]. It appends their places in text to
// dst, two by two; ok is false for anything else.
func plainPairs(text string, dst [][2]int32) (at [][2]int32, ok bool) {
	if len(text) < 2 || text[0] != '[' {
		return nil, false
	}
	at = dst
	i := skipSpace(text, 1)
	if i < len(text) && text[i] == ']' {
		return at, i == len(text)-1
	}
	for i < len(text) && text[i] == '[' {
		e := strings.IndexByte(text[i:], ']')
		if e < 0 {
			return nil, false
		}
		n := len(at)
		if at, ok = plainList(text[i:i+e+1], at); !ok || len(at) != n+2 {
			return nil, false
		}
		for j := n; j < len(at); j++ {
			at[j][0] += int32(i)
			at[j][1] += int32(i)
		}
		i = skipSpace(text, i+e+1)
		if i >= len(text) {
			return nil, false
		}
		switch text[i] {
		case ']':
			return at, i == len(text)-1
		case ',':
			i = skipSpace(text, i+1)
		default:
			return nil, false
		}
	}
	return nil, false
}

// camera reads a view: [latitude, longitude, zoom] or "LAT,LON,ZOOM" (the
// form of the view= flag).
func camera(v value) (*Camera, error) {
	if v.absent() {
		return nil, nil
	}
	raw := []byte(v.text)
	var f []float64
	if err := json.Unmarshal(raw, &f); err != nil {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return nil, fmt.Errorf("must be [latitude, longitude, zoom], not %s", jsonKind(v.text))
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

func optString(text string) (string, error) {
	if len(text) == 0 {
		return "", nil
	}
	return valueOf(text).str(false)
}
