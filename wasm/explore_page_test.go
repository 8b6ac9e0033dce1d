package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"mapline/geo"
	"mapline/geo/lang"
	"mapline/wasm/mapui"

	"github.com/paulmach/orb"
)

// exploreStory has 400 events (past embedspec.ExploreMin) at 40 sites
// crowded round Baghdad, embassies and bases; every tenth event is a drone
// strike.
func exploreStory(t *testing.T) *geo.Story {
	t.Helper()
	s := &geo.Story{}
	for i := range 40 {
		kind := "embassy"
		if i%2 == 1 {
			kind = "military"
		}
		ll := orb.Point{44.3 + float64(i%8)*0.02, 33.2 + float64(i/8)*0.02}
		s.Sites = append(s.Sites, geo.Site{ID: fmt.Sprint("s", i), Name: fmt.Sprint("Site ", i), Kind: kind, LonLat: ll, World: geo.World(ll)})
	}
	for i := range 400 {
		title := fmt.Sprint("Event ", i)
		if i%10 == 0 {
			title = fmt.Sprint("Drone strike ", i)
		}
		day := fmt.Sprintf("2025-%02d-%02d", 1+i/31%12, 1+i%28)
		s.Events = append(s.Events, geo.Event{ID: fmt.Sprint("e", i), Title: title, Time: geo.Span{Start: date(t, day)}, Sites: []int{i % 40}})
	}
	return s
}

// exploringPage is an English page showing exploreStory at its first event,
// the explorer on with no search, filter or window yet.
func exploringPage(t *testing.T) (*page, *fakeDoc, *geo.Story, *mapui.State) {
	t.Helper()
	p, doc := testPage(t, "en")
	s := exploreStory(t)
	st := mapui.NewState(geo.Light)
	st.Resize(800, 500, 1)
	st.SetStory(s, 0)
	doc.el("track-marks").props["clientWidth"] = 600.0
	p.showStory(s)
	p.explore.options(params{})
	p.explore.apply(st)
	return p, doc, s, st
}

func TestExplorerWritesThePage(t *testing.T) {
	p, doc, _, st := exploringPage(t)
	ex := p.explore

	// A large story shows the controls, with its kinds as options.
	if doc.el("explore").hidden() {
		t.Fatal("the search and filters are hidden for a story of 400 events")
	}
	if got := doc.el("kind-filter").String(); !strings.Contains(got, `option "All kinds"`) || !strings.Contains(got, `"Embassy"`) || !strings.Contains(got, `"Military site"`) {
		t.Errorf("kind options = %s", got)
	}

	// A search lists the matches in place of the list, counts them and
	// marks the current event among them.
	ex.record(selection{query: "drone"})
	st.SetEvent(10)
	ex.apply(st)
	if got := p.root.attr("data-matches"); got != "40" {
		t.Errorf("data-matches = %q, want 40 drone strikes", got)
	}
	matches := doc.el("matches")
	if matches.hidden() || len(matches.kids) == 0 || doc.el("story-list").attrs["data-filtered"] != "" {
		t.Fatalf("matches hidden %v, %d listed, list %v", matches.hidden(), len(matches.kids), doc.el("story-list").attrs)
	}
	for _, li := range matches.kids {
		if !strings.Contains(li.textContent(), "Drone strike") {
			t.Errorf("a match that does not match: %q", li.textContent())
		}
	}
	if got := doc.el("explore-count").textContent(); !strings.Contains(got, "40") {
		t.Errorf("count = %q", got)
	}
	if got := doc.el("story-list-title").textContent(); got != "40 of 400 events" {
		t.Errorf("the list's heading = %q, want 40 of 400 events", got)
	}
	if got := doc.el("list-toggle").textContent(); got != "40 of 400 events" {
		t.Errorf("the list's closed button = %q, want what the list shows: 40 of 400 events", got)
	}
	var current []string
	for _, li := range matches.kids {
		if li.attrs["aria-current"] == "true" {
			current = append(current, li.textContent())
		}
	}
	if len(current) != 1 || !strings.Contains(current[0], "Drone strike 10") {
		t.Errorf("matches marked current: %q, want Drone strike 10's", current)
	}
	// The marks of events left out are marked so.
	out := 0
	for _, m := range p.tl.markEls {
		if _, ok := m.(*fakeNode).attrs["data-out"]; ok {
			out++
		}
	}
	if out == 0 {
		t.Error("no mark left out by the search")
	}

	// Cleared, the list of all events is back.
	ex.record(selection{})
	ex.apply(st)
	if !matches.hidden() || len(matches.kids) != 0 || p.root.attr("data-matches") != "400" {
		t.Errorf("after clearing: matches hidden %v, %d listed, data-matches %q", matches.hidden(), len(matches.kids), p.root.attr("data-matches"))
	}
	if got := doc.el("story-list-title").textContent(); got != "All events" {
		t.Errorf("after clearing, the list's heading = %q, want All events", got)
	}
	if got, shows := doc.el("list-toggle").textContent(), doc.el("list-toggle").attr("data-shows"); got != "All events" || shows != "" {
		t.Errorf("after clearing, the list's button = %q (data-shows %q), want All events (none)", got, shows)
	}

	// The crowded sites gather into clusters, each a button named for
	// screen readers; fewer clusters remove their buttons.
	sc, _ := st.Frame()
	ex.update(sc, true)
	buttons := doc.el("map-clusters").kids
	if len(sc.Clusters) == 0 || len(buttons) != len(sc.Clusters) {
		t.Fatalf("%d clusters, %d buttons", len(sc.Clusters), len(buttons))
	}
	for i, b := range buttons {
		if b.tag != "button" || !strings.Contains(b.attrs["aria-label"], "events near") || b.attrs["data-index"] != fmt.Sprint(i) || b.style["transform"] == "" {
			t.Errorf("cluster button %d = %v", i, b)
		}
	}
	ex.update(&geo.Scene{}, true)
	if n := len(doc.el("map-clusters").kids); n != 0 {
		t.Errorf("%d cluster buttons left for a scene without clusters", n)
	}
}

// TestExplorerWritesTheWindow: a time window (from the hash, the date
// inputs or the handles) puts the handles at its days, named by their
// dates, shows its band and dims the marks outside it instead of hiding
// them; cleared, the handles go back to the ends and the band goes.
func TestExplorerWritesTheWindow(t *testing.T) {
	p, doc, s, st := exploringPage(t)
	ex := p.explore
	from, to, band := doc.el("window-from"), doc.el("window-to"), doc.el("window-band")
	hours := s.Track().Hours()
	if doc.el("window").hidden() || from.props["max"] != hours || to.props["max"] != hours {
		t.Fatalf("window hidden %v, handles' max %v, %v; want shown, %d", doc.el("window").hidden(), from.props["max"], to.props["max"], hours)
	}

	ex.record(selection{from: "2025-03-01", to: "2025-03-31"})
	ex.apply(st)
	f, _ := from.props["value"].(int)
	e, _ := to.props["value"].(int)
	if !(0 < f && f < e && e < hours) {
		t.Errorf("handles at %d and %d, want 0 < from < to < %d", f, e, hours)
	}
	if got := from.attrs["aria-valuetext"] + " | " + to.attrs["aria-valuetext"]; got != "1 March 2025 | 31 March 2025" {
		t.Errorf("the handles' aria-valuetext = %q", got)
	}
	if _, on := band.attrs["data-on"]; !on || band.style["--a"] == "" || band.style["--b"] == "" {
		t.Errorf("band attrs %v style %v", band.attrs, band.style)
	}
	outside := 0
	for _, m := range p.tl.markEls {
		a := m.(*fakeNode).attrs
		_, dim := a["data-outside"]
		_, out := a["data-out"]
		if dim && out {
			t.Error("a mark outside the window is hidden, not dimmed")
		}
		if dim {
			outside++
		}
	}
	if outside == 0 {
		t.Error("no mark is dimmed outside March")
	}

	ex.record(selection{})
	ex.apply(st)
	if from.props["value"] != 0 || to.props["value"] != hours {
		t.Errorf("cleared: handles at %v, %v; want 0, %d", from.props["value"], to.props["value"], hours)
	}
	if _, on := band.attrs["data-on"]; on {
		t.Error("cleared: the band still shows")
	}
}

// TestListTitle: the list's heading says what it lists: all events, or how
// many of them a search, filter or window keeps, in the reader's language.
func TestListTitle(t *testing.T) {
	for _, tc := range []struct {
		lang        string
		kept, total int // kept < 0: no selection; the digits are those of words without the page (newWords(…, nil))
		want        string
	}{
		{"en", -1, 340, "All events"},
		{"en", 12, 340, "12 of 340 events"},
		{"en", 0, 340, "0 of 340 events"},
		{"ar", 12, 340, "12 من 340 حدثًا"}, // 340 is of the "many" form,
		{"ar", 2, 5, "2 من 5 أحداث"},
		{"ckb", 12, 340, "١٢ لە ٣٤٠ ڕووداو"},
		{"fa", 12, 340, "12 از 340 رویداد"},
	} {
		t.Run(fmt.Sprint(tc.lang, "-", tc.kept, "-of-", tc.total), func(t *testing.T) {
			w := newWords(lang.Get(tc.lang), nil)
			var sel *geo.Selection
			if tc.kept >= 0 {
				sel = &geo.Selection{Kept: make([]int, tc.kept)}
			}
			if got := w.listTitle(sel, tc.total); got != tc.want {
				t.Errorf("listTitle = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestListButton: the button that opens the list says what the list shows,
// as its heading does (all events, or how many of them a search, filter or
// window keeps), and the one that closes it says so, in the reader's
// language.
func TestListButton(t *testing.T) {
	for _, tc := range []struct {
		lang        string
		kept, total int // kept < 0: no selection
		open        bool
		want        string
	}{
		{"en", -1, 340, false, "All events"},
		{"en", 12, 340, false, "12 of 340 events"},
		{"en", 1, 340, false, "1 of 340 events"},
		{"en", 12, 340, true, "Hide the list"},
		{"ar", -1, 340, false, "كل الأحداث"},
		{"ar", 12, 340, false, "12 من 340 حدثًا"},
		{"ar", 12, 340, true, "إخفاء القائمة"},
		{"ckb", 12, 340, false, "١٢ لە ٣٤٠ ڕووداو"},
		{"ckb", -1, 340, false, "هەموو ڕووداوەکان"},
		{"fa", 12, 340, false, "12 از 340 رویداد"},
		{"fa", 12, 340, true, "پنهان کردن فهرست"},
	} {
		t.Run(fmt.Sprint(tc.lang, "-", tc.kept, "-of-", tc.total, "-open-", tc.open), func(t *testing.T) {
			w := newWords(lang.Get(tc.lang), nil)
			var sel *geo.Selection
			if tc.kept >= 0 {
				sel = &geo.Selection{Kept: make([]int, tc.kept)}
			}
			if got := w.listButton(sel, tc.total, tc.open); got != tc.want {
				t.Errorf("listButton = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestExplorerKeepsTheCurrentEventInTheSelection: a window that leaves the
// current event out shows the nearest match in the card and on the slider,
// announcing only the count; a window that keeps nothing says so in the
// card; one that keeps events again shows the current event.
func TestExplorerKeepsTheCurrentEventInTheSelection(t *testing.T) {
	p, doc, s, st := exploringPage(t)
	ex := p.explore
	show := func() {
		ex.apply(st)
		if st.TakeEventChange() {
			p.tl.showEvent(st, time.Unix(0, 0))
		}
		sc, _ := st.Frame()
		p.tl.placePulses(sc)
	}
	show()
	title, live, card := doc.el("card-title"), doc.el("live"), doc.el("card")
	rings := doc.el("map-pulses")
	if got := title.textContent(); got != "Drone strike 0" {
		t.Fatalf("card = %q, want the first event", got)
	}
	before := live.textContent()

	// Events 0–27 are in January 2025; a window from 1 February leaves
	// the current event out: the first event of February is current.
	ex.record(selection{from: "2025-02-01"})
	show()
	if st.Current() != 31 || title.textContent() != "Event 31" {
		t.Errorf("current %d, card %q; want event 31, February's first", st.Current(), title.textContent())
	}
	if len(rings.kids) == 0 {
		t.Error("no ring marks the current event's site")
	}
	if got := doc.el("timeline").props["value"]; got != sliderValue(s.Track(), &s.Events[31]) {
		t.Errorf("slider at %v, want event 31's place", got)
	}
	if got := live.textContent(); got != before {
		t.Errorf("the move was announced: %q", got)
	}

	// Nothing in the window: the card says so.
	ex.record(selection{from: "2030-01-01"})
	show()
	if got := title.textContent(); got != "No event matches" || doc.el("card-date").textContent() != "" || doc.el("card-desc").textContent() != "" || !doc.el("card-places").hidden() {
		t.Errorf("card = %q (date %q), want that no event matches", got, doc.el("card-date").textContent())
	}
	if _, ok := card.attrs["data-none"]; !ok {
		t.Error("the card is not marked data-none")
	}
	if n := len(rings.kids); n != 0 {
		t.Errorf("%d rings mark the current event's sites on the map, want none: no event matches", n)
	}

	// Cleared: the current event is back in the card, unannounced.
	ex.record(selection{})
	show()
	if got := title.textContent(); got != "Event 31" {
		t.Errorf("after clearing, card = %q, want Event 31", got)
	}
	if len(rings.kids) == 0 {
		t.Error("after clearing, no ring marks the current event's site")
	}
	if _, ok := card.attrs["data-none"]; ok {
		t.Error("the card is still marked data-none")
	}
	if got := live.textContent(); got != before {
		t.Errorf("clearing announced the event: %q", got)
	}
}
