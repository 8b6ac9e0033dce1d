package geo

import (
	"errors"
	"fmt"
	"io"
	"mapline/internal/order"
	"slices"
	"sort"
	"strings"

	"github.com/paulmach/orb"
)

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

	vertices int // the positions of the lines, areas and tracks so far (MaxStoryVertices)

	// Sites past MaxSites: how many, and the first of them.
	extraSites   int
	extraFeature int
	extraID      string

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
	g, gErr := f.geometry.read(f.src)
	if gErr != nil {
		prob(id, "geometry", gErr.Error())
		return
	}
	if p.known[pTime].end != 0 {
		ld.event(i, id, f, g)
		return
	}
	// A site.
	if g == nil {
		prob(id, "", "neither an event (no properties.time) nor a site (no geometry)")
		return
	}
	if !ld.budget(i, id, g) {
		return
	}
	st := Site{ID: id, Feature: i}
	if pt, isPt := g.(orb.Point); isPt {
		st.LonLat = pt
	} else {
		st.LonLat, st.Geometry = Anchor(g), g
	}
	st.World = World(st.LonLat)
	ok := true
	if id == "" {
		prob(id, "id", "a site needs a string id so events can refer to it")
		ok = false
	}
	var err error
	if st.Name, err = f.value(p.known[pName]).str(true); err == nil {
		err = checkText(st.Name, MaxTitle)
	}
	if err != nil {
		prob(id, "properties.name", err.Error())
		ok = false
	}
	if st.Kind, err = f.value(p.known[pKind]).str(false); err != nil {
		prob(id, "properties.kind", err.Error())
		ok = false
	}
	if st.Description, err = f.value(p.known[pDescription]).str(false); err == nil {
		err = checkText(st.Description, MaxText)
	}
	if err != nil {
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
	if ok && len(ld.s.Sites) >= MaxSites {
		if ld.extraSites == 0 {
			ld.extraFeature, ld.extraID = i, id
		}
		ld.extraSites++
		return
	}
	if ok {
		ld.siteIdx[id] = len(ld.s.Sites)
		ld.s.Sites = append(ld.s.Sites, st)
	}
}

// budget counts the positions of feature i's geometry g (not a Point)
// against MaxStoryVertices, and reports whether there is room for them:
// when there is not, the feature is named and left out.
func (ld *loader) budget(i int, id string, g orb.Geometry) bool {
	if _, isPt := g.(orb.Point); isPt || g == nil {
		return true
	}
	n := vertices(g)
	if ld.vertices+n > MaxStoryVertices {
		ld.prob(i, id, "geometry", fmt.Sprintf("the story's lines, areas and tracks have more than %d positions together; a story may have at most %d: this one is left out", MaxStoryVertices, MaxStoryVertices))
		return false
	}
	ld.vertices += n
	return true
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
func (ld *loader) event(i int, id string, f *feature, g orb.Geometry) {
	p := &f.props
	prob := func(field, msg string) { ld.prob(i, id, field, msg) }
	if ld.n == cap(ld.s.Events) {
		ld.s.Events = slices.Grow(ld.s.Events[:ld.n], 1)
	}
	ld.n++
	ev := &ld.s.Events[:ld.n][ld.n-1] // a zero Event: see below
	ev.ID, ev.Feature = id, i
	ok := true
	field := func(name string, k int, dst *string, required bool, max int) {
		v, err := f.value(p.known[k]).str(required)
		if err == nil {
			err = checkText(v, max)
		}
		if err != nil {
			prob("properties."+name, err.Error())
			ok = false
		}
		if v != "" {
			*dst = v
		}
	}
	var tm, end string
	field("time", pTime, &tm, true, MaxTitle)
	field("end", pEnd, &end, false, MaxTitle)
	field("title", pTitle, &ev.Title, true, MaxTitle)
	field("description", pDescription, &ev.Description, false, MaxText)
	field("source", pSource, &ev.Source, false, MaxText)
	field("place", pPlace, &ev.Place, false, MaxTitle)
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
	if n := len(siteIDs.at); err == nil && n > MaxSitesPerEvent {
		err = fmt.Errorf("names %d sites; an event may name at most %d", n, MaxSitesPerEvent)
	}
	if err != nil {
		prob("properties.sites", err.Error())
		ok = false
	}
	links, err := ld.links(f.value(p.known[pLinks]))
	if n := len(links.at) / 2; err == nil && n > MaxSitesPerEvent {
		err = fmt.Errorf("has %d links; an event may have at most %d", n, MaxSitesPerEvent)
	}
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
	switch g := g.(type) {
	case nil:
	case orb.Point:
		p := ld.points.make(1)
		p[0] = g
		ev.Point = &p[0]
	case orb.LineString:
		if !ok {
			break
		}
		if p.known[pTimes].end == 0 {
			prob("properties.times", "is required for a LineString event (a track): one time per position; a route without times is a site, which events name in properties.sites")
			ok = false
			break
		}
		ts, err := readTimes(f.value(p.known[pTimes]), len(g))
		if err == nil {
			err = ev.fitTimes(ts)
		}
		if err != nil {
			prob("properties.times", err.Error())
			ok = false
			break
		}
		if !ld.budget(i, id, g) {
			ok = false
			break
		}
		w := make(orb.LineString, len(g))
		for j, q := range g {
			w[j] = World(q)
		}
		Unwrap(w)
		ev.Path = &Path{Line: g, World: w, Times: ts}
	default:
		prob("geometry", fmt.Sprintf("an event's geometry must be a Point, or a LineString with properties.times (a track), not a %s: give the line or area to a site and name it in properties.sites", g.GeoJSONType()))
		ok = false
	}
	if _, line := g.(orb.LineString); !line && p.known[pTimes].end != 0 && ok {
		prob("properties.times", "only a track has times: a LineString geometry with one time per position")
		ok = false
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
	if t, err := optText(top["title"], "title"); err != nil {
		fileProb("title", err.Error())
	} else {
		s.Title = t
	}
	if t, err := optText(top["description"], "description"); err != nil {
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
	for _, k := range order.Keys(top) { // problems in a steady order
		if f, ok := localField(k, "title", "description"); ok {
			if t, err := optText(top[k], f); err != nil {
				fileProb(k, err.Error())
			} else if t != "" {
				if s.Texts == nil {
					s.Texts = Texts{}
				}
				s.Texts[f] = t
			}
		}
	}
	if ld.extraSites > 0 {
		fileProb("features", fmt.Sprintf("the story has %d sites; a story may have at most %d: the sites from feature %d (%q) on are left out",
			MaxSites+ld.extraSites, MaxSites, ld.extraFeature, ld.extraID))
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
