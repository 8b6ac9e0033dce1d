package main

import (
	"strconv"
	"sync"
	"syscall/js"

	"mapline/geo"
	"mapline/wasm/mapui"
)

// explorer is the bridge to the search box, the filters and the clusters
// (explore.go decides what they show). Listeners only record what the
// reader did; apply hands it to the state in Update, update writes the
// clusters of each new scene.
type explorer struct {
	p                           *page
	box, search, kind, from, to js.Value
	clear, count, matches, cut  js.Value
	list, clusters              js.Value
	flag                        string    // explore= (exploreOn)
	on                          bool      // the controls show
	sel                         selection // the selection applied (and in the hash)
	story                       *geo.Story
	ix                          *geo.Index     // folded when first searched
	result                      *geo.Selection // what sel keeps, nil for everything
	marksOf                     js.Value       // the first mark whose visibility was written, to notice new marks
	clusterEls                  []js.Value
	announced                   string // the count last announced
	marked                      int    // the event whose match is marked current, -1 for none
	mu                          sync.Mutex
	want                        selection // what the controls say
	changed                     bool      // want differs from what was applied
	open                        int       // the cluster clicked, -1 for none
}

func (p *page) newExplorer() *explorer {
	byID := func(id string) js.Value { return p.doc.Call("getElementById", id) }
	return &explorer{p: p, box: byID("explore"), search: byID("search"), kind: byID("kind-filter"),
		from: byID("from-day"), to: byID("to-day"), clear: byID("explore-clear"), count: byID("explore-count"),
		matches: byID("matches"), cut: byID("matches-cut"), list: byID("story-list"), clusters: byID("map-clusters"), open: -1, marked: -1}
}

// options takes the explore= flag and the selection of the URL's hash.
func (ex *explorer) options(pr params) {
	ex.flag = pr.explore
	ex.mu.Lock()
	ex.want, ex.changed = pr.sel, !pr.sel.zero()
	ex.mu.Unlock()
}

// listen records the reader's input in the controls.
func (ex *explorer) listen() {
	p := ex.p
	read := func(js.Value) {
		var kinds []string
		if k := ex.kind.Get("value").String(); k != "" {
			kinds = []string{k}
		}
		ex.record(selection{query: ex.search.Get("value").String(), kinds: kinds,
			from: ex.from.Get("value").String(), to: ex.to.Get("value").String()})
	}
	p.on(ex.search, "input", nil, read)
	p.on(ex.kind, "change", nil, read)
	p.on(ex.from, "change", nil, read)
	p.on(ex.to, "change", nil, read)
	// Escape clears the search (and goes no further: the popup's Escape
	// is for the popup); an empty box lets it go on.
	p.on(ex.search, "keydown", nil, func(e js.Value) {
		if e.Get("key").String() == "Escape" && ex.search.Get("value").String() != "" {
			e.Call("preventDefault")
			e.Call("stopPropagation")
			ex.search.Set("value", "")
			read(e)
		}
	})
	p.on(ex.clear, "click", nil, func(e js.Value) {
		for _, el := range []js.Value{ex.search, ex.kind, ex.from, ex.to} {
			el.Set("value", "")
		}
		read(e)
		ex.search.Call("focus")
	})
	p.on(ex.matches, "click", nil, func(e js.Value) {
		b := e.Get("target").Call("closest", "button.choose")
		if !b.Truthy() {
			return
		}
		if i, err := strconv.Atoi(b.Get("dataset").Get("index").String()); err == nil {
			p.tl.in.GoTo(i)
		}
	})
	p.on(ex.clusters, "click", nil, func(e js.Value) {
		b := e.Get("target").Call("closest", "button.cluster")
		if !b.Truthy() {
			return
		}
		if i, err := strconv.Atoi(b.Get("dataset").Get("index").String()); err == nil {
			ex.mu.Lock()
			ex.open = i
			ex.mu.Unlock()
		}
	})
}

func (ex *explorer) record(s selection) {
	ex.mu.Lock()
	ex.want, ex.changed = s, true
	ex.mu.Unlock()
}

// apply sets the controls up for a new story, and hands the selection and
// a cluster opened to the state. Update calls it before the frame.
func (ex *explorer) apply(st *mapui.State) {
	s := st.Map().Story
	if s == nil {
		return
	}
	if s != ex.story {
		ex.showStory(st, s)
	}
	ex.mu.Lock()
	want, changed, open := ex.want, ex.changed, ex.open
	ex.changed, ex.open = false, -1
	ex.mu.Unlock()
	if sc := st.Scene(); open >= 0 && sc != nil && open < len(sc.Clusters) {
		st.OpenCluster(sc.Clusters[open].Bound)
		// The button goes with the cluster: the keyboard stays on the map.
		if c := ex.p.doc.Call("querySelector", "canvas"); c.Truthy() {
			c.Call("focus")
		}
	}
	if changed && ex.on && (!want.equal(ex.sel) || ex.result == nil && !want.zero()) {
		ex.choose(st, s, want)
	}
	if len(ex.p.tl.markEls) > 0 && !ex.p.tl.markEls[0].Equal(ex.marksOf) {
		ex.showMarks() // the marks were laid out anew
	}
	if cur := st.Current(); cur != ex.marked && ex.result != nil {
		ex.markCurrent(cur)
	}
}

// markCurrent marks the current event's item among the matches, if listed.
func (ex *explorer) markCurrent(cur int) {
	if old := ex.matches.Call("querySelector", `li[aria-current="true"]`); old.Truthy() {
		old.Call("removeAttribute", "aria-current")
	}
	ex.marked = cur
	if b := ex.matches.Call("querySelector", `button.choose[data-index="`+strconv.Itoa(cur)+`"]`); b.Truthy() {
		b.Call("closest", "li").Call("setAttribute", "aria-current", "true")
	}
}

// showStory shows the controls when the story is large or the embed asks
// (exploreOn), with the story's kinds and days, and clusters its sites.
func (ex *explorer) showStory(st *mapui.State, s *geo.Story) {
	ex.story, ex.ix, ex.result = s, nil, nil
	ex.on = exploreOn(ex.flag, len(s.Events)) && ex.box.Truthy()
	st.SetCluster(ex.on)
	if !ex.on {
		return
	}
	w := ex.p.words
	ex.kind.Call("replaceChildren", ex.p.el("option", "", w.msg.Text("explore.kind.all")))
	ex.kind.Get("firstChild").Set("value", "")
	kinds, names := w.kindOptions(s)
	for i, k := range kinds {
		o := ex.p.el("option", "", names[i])
		o.Set("value", k)
		ex.kind.Call("appendChild", o)
	}
	first, last := storyDays(s)
	for _, el := range []js.Value{ex.from, ex.to} {
		el.Set("min", first)
		el.Set("max", last)
	}
	ex.box.Set("hidden", false)
	// The hash's selection, in the controls.
	ex.mu.Lock()
	want := ex.want
	ex.changed = true
	ex.mu.Unlock()
	ex.search.Set("value", want.query)
	if len(want.kinds) > 0 {
		ex.kind.Set("value", want.kinds[0])
	}
	ex.from.Set("value", want.from)
	ex.to.Set("value", want.to)
	ex.sel = selection{}
}

// choose applies a selection: the map, the list, the marks, the count. It
// records its time in two performance measures: mapline:explore-select (the
// search) and mapline:explore-page (the list and the marks).
func (ex *explorer) choose(st *mapui.State, s *geo.Story, want selection) {
	start := frames.ms()
	ex.sel = want
	if want.zero() {
		ex.result = nil
	} else {
		f, probs := want.filter()
		for _, pr := range probs {
			js.Global().Get("console").Call("warn", "mapline: "+pr)
		}
		if ex.ix == nil {
			ex.ix = geo.NewIndex(s)
		}
		ex.result = ex.ix.Select(f, ex.result)
	}
	st.Select(ex.result)
	selected := frames.ms()
	ex.showMatches(s)
	ex.showMarks()
	measure("mapline:explore-select", start, selected)
	measure("mapline:explore-page", selected, frames.ms())
	n := len(s.Events)
	if ex.result != nil {
		n = len(ex.result.Kept)
	}
	ex.p.root.Call("setAttribute", "data-matches", n)
}

// showMatches lists the events kept in place of the list of all events (the
// first resultsMax of them), and announces their count.
func (ex *explorer) showMatches(s *geo.Story) {
	filtered := ex.result != nil
	ex.list.Call("toggleAttribute", "data-filtered", filtered)
	ex.matches.Set("hidden", !filtered)
	count, cut := "", ""
	ex.matches.Call("replaceChildren")
	if filtered {
		count, cut = ex.p.matchWords(len(ex.result.Kept))
		frag := ex.p.doc.Call("createDocumentFragment")
		for _, i := range results(ex.result) {
			frag.Call("appendChild", ex.p.tl.item(s, i))
		}
		ex.matches.Call("appendChild", frag)
		ex.marked = -1 // mark the current event again
	}
	ex.cut.Set("textContent", cut)
	ex.cut.Set("hidden", cut == "")
	if count != ex.announced {
		ex.announced = count
		ex.count.Set("textContent", count)
	}
}

// showMarks hides the timeline's marks of events the selection leaves out.
func (ex *explorer) showMarks() {
	els := ex.p.tl.markEls
	for i, m := range ex.p.tl.marksOf.marks {
		if i < len(els) {
			els[i].Call("toggleAttribute", "data-out", !markKept(m, ex.result))
		}
	}
	if len(els) > 0 {
		ex.marksOf = els[0]
	}
}

// update shows the clusters of a new scene as buttons over the map, reusing
// the buttons so that the one with the focus keeps it as the map moves.
func (ex *explorer) update(sc *geo.Scene, changed bool) {
	if !changed || sc == nil || !ex.clusters.Truthy() {
		return
	}
	for len(ex.clusterEls) < len(sc.Clusters) {
		b := ex.p.el("button", "cluster", "")
		b.Set("type", "button")
		ex.clusters.Call("appendChild", b)
		ex.clusterEls = append(ex.clusterEls, b)
	}
	for len(ex.clusterEls) > len(sc.Clusters) {
		n := len(ex.clusterEls) - 1
		ex.clusterEls[n].Call("remove")
		ex.clusterEls = ex.clusterEls[:n]
	}
	for i := range sc.Clusters {
		c := &sc.Clusters[i]
		b := ex.clusterEls[i]
		label := ex.p.clusterLabel(ex.story, c)
		b.Set("textContent", ex.p.dates.number(c.Events))
		b.Call("setAttribute", "aria-label", label)
		b.Set("title", label)
		b.Get("dataset").Set("index", strconv.Itoa(i))
		b.Set("className", "cluster "+c.Status.String())
		b.Get("style").Set("transform", pulseAt(geo.Marker{X: c.X, Y: c.Y}))
	}
}
