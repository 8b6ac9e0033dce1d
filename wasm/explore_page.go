package main

import (
	"strconv"
	"sync"

	"mapline/geo"
	"mapline/wasm/mapui"
)

// explorer is the bridge to the search box, the filters and the clusters
// (explore.go decides what they show). Listeners (explore_js.go) only record
// what the reader did; apply hands it to the state in Update, update writes
// the clusters of each new scene.
type explorer struct {
	p                           *page
	box, search, kind, from, to node
	clear, count, matches, cut  node
	list, clusters, title       node        // the list, the clusters' layer, the list's heading
	toggle                      node        // the button that opens and closes the list (showListButton)
	win, winFrom, winTo, band   node        // the time window's handles (explore_window.go)
	dayFormat, dayError         node        // the from and to fields' description and error (explore_day.go)
	scale                       windowScale // their scale, the story's track
	days                        dayDigits   // how the from and to fields write a day
	firstDay                    string      // the story's first day, the fields' example
	flag                        string      // explore= (exploreOn)
	on                          bool        // the controls show
	sel                         selection   // the selection applied (and in the hash)
	story                       *geo.Story
	ix                          *geo.Index     // folded when first searched
	result                      *geo.Selection // what sel keeps, nil for everything
	marksGen                    int            // the timeline's layout of marks last written (timeline.marksGen)
	clusterEls                  []node
	matchEls                    map[int]node // the items of the matches listed, by event
	announced                   string       // the count last announced
	marked                      int          // the event whose match is marked current, -1 for none
	mu                          sync.Mutex
	want                        selection // what the controls say
	changed                     bool      // want differs from what was applied
	open                        int       // the cluster clicked, -1 for none
}

func newExplorer(p *page) *explorer {
	byID := p.doc.byID
	return &explorer{p: p, box: byID("explore"), search: byID("search"), kind: byID("kind-filter"),
		from: byID("from-day"), to: byID("to-day"), clear: byID("explore-clear"), count: byID("explore-count"),
		matches: byID("matches"), cut: byID("matches-cut"), list: byID("story-list"), clusters: byID("map-clusters"),
		title: byID("story-list-title"), toggle: byID("list-toggle"),
		win: byID("window"), winFrom: byID("window-from"), winTo: byID("window-to"), band: byID("window-band"),
		dayFormat: byID("day-format"), dayError: byID("day-error"),
		open: -1, marked: -1, matchEls: map[int]node{}}
}

// options takes the explore= flag and the selection of the URL's hash.
func (ex *explorer) options(pr params) {
	ex.flag = pr.explore
	ex.mu.Lock()
	ex.want, ex.changed = pr.sel, !pr.sel.zero()
	ex.mu.Unlock()
}

func (ex *explorer) record(s selection) {
	ex.mu.Lock()
	ex.want, ex.changed = s, true
	ex.mu.Unlock()
}

// openCluster records a click on cluster i.
func (ex *explorer) openCluster(i int) {
	ex.mu.Lock()
	ex.open = i
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
		ex.p.doc.query("canvas").focus()
	}
	if changed && ex.on && (!want.equal(ex.sel) || ex.result == nil && !want.zero()) {
		ex.choose(st, s, want)
	}
	if ex.marksGen != ex.p.tl.marksGen {
		ex.showMarks() // the marks were laid out anew
	}
	if cur := st.Current(); cur != ex.marked && ex.result != nil {
		ex.markCurrent(cur)
	}
}

// markCurrent marks the current event's item among the matches, if listed,
// and when the reader moved from one event to another (not when the
// matches were listed anew, which announces their count) says where it is
// among them: "3 of 12 matches".
func (ex *explorer) markCurrent(cur int) {
	if old, ok := ex.matchEls[ex.marked]; ok {
		old.delAttr("aria-current")
	}
	moved := ex.marked >= 0
	ex.marked = cur
	if li, ok := ex.matchEls[cur]; ok {
		li.setAttr("aria-current", "true")
	}
	if at := ex.p.matchAt(ex.result, cur); moved && at != "" && at != ex.announced {
		ex.announced = at
		ex.count.setText(at)
	}
}

// showStory shows the controls when the story is large or the embed asks
// (exploreOn), with the story's kinds and days, and clusters its sites.
func (ex *explorer) showStory(st *mapui.State, s *geo.Story) {
	ex.story, ex.ix, ex.result = s, nil, nil
	ex.on = exploreOn(ex.flag, len(s.Events)) && ex.box.ok()
	st.SetCluster(ex.on)
	if !ex.on {
		return
	}
	w := ex.p.words
	all := ex.p.el("option", "", w.msg.Text("explore.kind.all"))
	all.set("value", "")
	ex.kind.clear()
	ex.kind.append(all)
	kinds, names := w.kindOptions(s)
	for i, k := range kinds {
		o := ex.p.el("option", "", names[i])
		o.set("value", k)
		ex.kind.append(o)
	}
	first, last := storyDays(s)
	days := dayDigitsOf(w.dates)
	ex.from.set("placeholder", days.show(first))
	ex.to.set("placeholder", days.show(last))
	format, _ := w.dayWords(days, first, "")
	ex.dayFormat.setText(format)
	ex.mu.Lock()
	ex.scale = windowScale{s.Track()}
	ex.days, ex.firstDay = days, first
	ex.mu.Unlock()
	for _, el := range []node{ex.winFrom, ex.winTo} {
		el.set("max", ex.scale.hours())
	}
	ex.box.set("hidden", false)
	ex.win.set("hidden", false)
	// The hash's selection, in the controls.
	ex.mu.Lock()
	want := ex.want
	ex.changed = true
	ex.mu.Unlock()
	ex.search.set("value", want.query)
	if len(want.kinds) > 0 {
		ex.kind.set("value", want.kinds[0])
	}
	ex.from.set("value", days.show(want.from))
	ex.to.set("value", days.show(want.to))
	ex.showWindow(want)
	ex.sel = selection{}
}

// readDays reads the from and to fields' texts (readDay) into the days of
// a selection; a text that is not a day leaves its side of the window open,
// marks its field invalid and says why under the fields.
func (ex *explorer) readDays(fromText, toText string) (from, to string) {
	ex.mu.Lock()
	days, first := ex.days, ex.firstDay
	ex.mu.Unlock()
	problem := ""
	read := func(el node, text string) string {
		day, err := readDay(text)
		if err != nil {
			el.setAttr("aria-invalid", "true")
			if problem == "" {
				_, problem = ex.p.dayWords(days, first, text)
			}
			return ""
		}
		el.delAttr("aria-invalid")
		return day
	}
	from, to = read(ex.from, fromText), read(ex.to, toText)
	ex.dayError.setText(problem)
	ex.dayError.set("hidden", problem == "")
	return from, to
}

// showDay writes a day into a from or to field, as the page writes it.
func (ex *explorer) showDay(el node, iso string) {
	ex.mu.Lock()
	days := ex.days
	ex.mu.Unlock()
	el.set("value", days.show(iso))
}

// choose applies a selection: the map, the list, the marks, the count. It
// records its time in two performance measures: mapline:explore-select (the
// search) and mapline:explore-page (the list and the marks).
func (ex *explorer) choose(st *mapui.State, s *geo.Story, want selection) {
	start := sched.ms()
	ex.sel = want
	if want.zero() {
		ex.result = nil
	} else {
		f, probs := want.filter()
		for _, pr := range probs {
			ex.p.warn(pr)
		}
		if ex.ix == nil {
			ex.ix = geo.NewIndex(s)
		}
		ex.result = ex.ix.Select(f, ex.result)
	}
	st.Select(ex.result)    // moves the current event into the selection
	ex.p.tl.quiet = true    // the count is announced, not the event the card shows
	ex.p.tl.stepButtons(st) // previous / next walk the matches
	ex.showWindow(want)
	selected := sched.ms()
	ex.showMatches(s)
	ex.showMarks()
	sched.measure("mapline:explore-select", start, selected)
	sched.measure("mapline:explore-page", selected, sched.ms())
	n := len(s.Events)
	if ex.result != nil {
		n = len(ex.result.Kept)
	}
	ex.p.root.setAttr("data-matches", strconv.Itoa(n))
}

// showMatches lists the events kept in place of the list of all events (the
// first resultsMax of them), and announces their count.
func (ex *explorer) showMatches(s *geo.Story) {
	filtered := ex.result != nil
	if filtered {
		ex.list.setAttr("data-filtered", "")
	} else {
		ex.list.delAttr("data-filtered")
	}
	ex.matches.set("hidden", !filtered)
	count, cut := "", ""
	ex.matches.clear()
	clear(ex.matchEls)
	if filtered {
		count, cut = ex.p.matchWords(len(ex.result.Kept))
		frag := ex.p.doc.fragment()
		for _, i := range results(ex.result) {
			li := ex.p.tl.item(s, i)
			frag.append(li)
			ex.matchEls[i] = li
		}
		ex.matches.append(frag)
		ex.marked = -1 // mark the current event again
	}
	ex.title.setText(ex.p.listTitle(ex.result, len(s.Events)))
	ex.showListButton(len(s.Events))
	ex.cut.setText(cut)
	ex.cut.set("hidden", cut == "")
	if count != ex.announced {
		ex.announced = count
		ex.count.setText(count)
	}
}

// showListButton has the list's button, while it opens the list, say what the
// list shows ("12 of 340 events", listButton). The page's script writes the
// button's words when it opens or closes the list; lang.js writes them
// again in the reader's words, and takes them from data-shows while a
// search, filter or window narrows the list.
func (ex *explorer) showListButton(total int) {
	if ex.result != nil {
		ex.toggle.setAttr("data-shows", ex.p.listButton(ex.result, total, false))
	} else {
		ex.toggle.delAttr("data-shows")
	}
	if ex.toggle.attr("aria-expanded") != "true" {
		ex.toggle.setText(ex.p.listButton(ex.result, total, false))
	}
}

// showNone writes into the card that no event matches while a search,
// filter or window keeps none (the current event stays current, out of
// the card, and off the map: no ring marks its sites), and reports whether it did; when some match again, the card
// shows the current event again.
func (tl *timeline) showNone(st *mapui.State) bool {
	card := tl.p.doc.byID("card")
	if sel := st.Map().Selection(); sel == nil || len(sel.Kept) > 0 {
		if tl.none {
			tl.none = false
			card.delAttr("data-none")
		}
		return false
	}
	if !tl.none {
		tl.none, tl.shown = true, -1 // show the current event again when some match
		card.setAttr("data-none", "")
		tl.date.setText("")
		tl.date.delAttr("title")
		tl.title.setText(tl.p.msg.Text("explore.none"))
		tl.title.delAttr("lang")
		tl.desc.setText("")
		tl.places.set("hidden", true)
		tl.source.parent().set("hidden", true)
		tl.banner.set("hidden", true)
		tl.pulseAt = nil // the rings go with the map's current markers (geo draws none)
	}
	return true
}

// showWindow puts the time window's handles and its band where the
// selection's from and to days are, the handles named by their days.
func (ex *explorer) showWindow(sel selection) {
	if !ex.win.ok() {
		return
	}
	h := float64(ex.scale.hours())
	for _, side := range []struct {
		el   node
		day  string
		end  bool
		prop string
	}{{ex.winFrom, sel.from, false, "--a"}, {ex.winTo, sel.to, true, "--b"}} {
		v := ex.scale.value(side.day, side.end)
		side.el.set("value", v)
		if d, err := geo.ParseDate(ex.scale.day(v, side.end)); err == nil {
			side.el.setAttr("aria-valuetext", ex.p.dates.span(geo.Span{Start: d}))
		}
		ex.band.setStyle(side.prop, strconv.FormatFloat(float64(v)/h, 'f', 4, 64))
	}
	if sel.from == "" && sel.to == "" {
		ex.band.delAttr("data-on")
	} else {
		ex.band.setAttr("data-on", "")
	}
}

// showMarks hides the timeline's marks of events the selection leaves out
// within the time window, and dims those outside the window.
func (ex *explorer) showMarks() {
	els := ex.p.tl.markEls
	f, _ := ex.sel.filter()
	for i, m := range ex.p.tl.marksOf.marks {
		if i >= len(els) {
			break
		}
		outside := ex.result != nil && markOutside(m, ex.story, f)
		if outside || markKept(m, ex.result) {
			els[i].delAttr("data-out")
		} else {
			els[i].setAttr("data-out", "")
		}
		if outside {
			els[i].setAttr("data-outside", "")
		} else {
			els[i].delAttr("data-outside")
		}
	}
	ex.marksGen = ex.p.tl.marksGen
}

// update shows the clusters of a new scene as buttons over the map, reusing
// the buttons so that the one with the focus keeps it as the map moves.
func (ex *explorer) update(sc *geo.Scene, changed bool) {
	if !changed || sc == nil || !ex.clusters.ok() {
		return
	}
	for len(ex.clusterEls) < len(sc.Clusters) {
		b := ex.p.el("button", "cluster", "")
		b.set("type", "button")
		ex.clusters.append(b)
		ex.clusterEls = append(ex.clusterEls, b)
	}
	for len(ex.clusterEls) > len(sc.Clusters) {
		n := len(ex.clusterEls) - 1
		ex.clusterEls[n].remove()
		ex.clusterEls = ex.clusterEls[:n]
	}
	for i := range sc.Clusters {
		c := &sc.Clusters[i]
		b := ex.clusterEls[i]
		label := ex.p.clusterLabel(ex.story, c)
		b.setText(ex.p.dates.number(c.Events))
		b.setAttr("aria-label", label)
		b.set("title", label)
		b.setAttr("data-index", strconv.Itoa(i))
		b.set("className", "cluster "+c.Status.String())
		b.setStyle("transform", pulseAt(geo.Marker{X: c.X, Y: c.Y}))
	}
}
