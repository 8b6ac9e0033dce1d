package site

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"mapline/geo"
	"mapline/geo/synth"
)

// Exploring a large story (wasm/explore_js.go): the search box, the filters,
// the hash that keeps them, the clusters.

const (
	matchesJS   = `document.documentElement.dataset.matches || ""`
	countJS     = `document.getElementById("explore-count").textContent`
	clustersJS  = `String(document.querySelectorAll("#map-clusters button.cluster").length)`
	zoomJS      = `document.documentElement.dataset.view.split(",")[2]`
	exploreHide = `String(document.getElementById("explore").hidden)`
	listTitleJS = `document.getElementById("story-list-title").textContent`
)

// synthStory is /synth/n.geojson as the page loads it.
func synthStory(t *testing.T, n int) *geo.Story {
	t.Helper()
	s, err := geo.Load(bytes.NewReader(synth.Story(1, max(1, n/20), n)))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// countWords is what the page announces for n matches (English).
func countWords(n int) string {
	switch n {
	case 0:
		return "No event matches"
	case 1:
		return "1 event matches"
	}
	return fmt.Sprintf("%d events match", n)
}

// accName is the accessible name Chromium gives the element sel finds.
func accName(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	el, err := chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{Expression: "document.querySelector(" + strconv.Quote(sel) + ")"})
	if err != nil || el.Result == nil || el.Result.ObjectID == "" {
		t.Fatalf("%s: no element (%v)", sel, err)
	}
	no := false
	tree, err := chromedp.Call(ctx, accessibility.GetPartialAXTree, accessibility.GetPartialAXTreeParams{ObjectID: runtime.RemoteObjectID(el.Result.ObjectID), FetchRelatives: &no})
	if err != nil || len(tree.Nodes) == 0 || tree.Nodes[0].Name == nil {
		t.Fatalf("%s: no accessibility node (%v)", sel, err)
	}
	var name string
	if err := json.Unmarshal(tree.Nodes[0].Name.Value, &name); err != nil {
		t.Fatalf("%s: accessible name %s: %v", sel, tree.Nodes[0].Name.Value, err)
	}
	return name
}

func typeInto(t *testing.T, ctx context.Context, sel, s string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(sel)), chromedp.KeyEvent(s)); err != nil {
		t.Fatalf("typing %q into %s: %v", s, sel, err)
	}
}

// TestExploreSearch: in a story of 400 events the search box shows; typing
// (by keyboard, then after a click into the box) narrows the list, the
// marks and the URL's hash to the events that match, and announces their
// count; Escape clears it all.
func TestExploreSearch(t *testing.T) {
	s := synthStory(t, 400)
	ix := geo.NewIndex(s)
	ctx := tab(t, 1280, 800, 1)
	open(t, ctx, "/embed.html?data=/synth/400.geojson", "ready")
	if got := text(t, ctx, exploreHide); got != "false" {
		t.Fatalf("a story of 400 events: the search is hidden (%s)", got)
	}
	if got := text(t, ctx, `String(document.getElementById("story-list").hidden)`); got != "false" {
		t.Fatal("the list is closed in a wide embed")
	}
	marks := text(t, ctx, `String(document.querySelectorAll("#track-marks .mark").length)`)
	for _, tc := range []struct {
		name, query string
		pointer     bool
	}{
		{"keyboard", "event 12", false},
		{"pointer", "event 3", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kept := ix.Select(geo.Filter{Query: tc.query}, nil).Kept
			if tc.pointer {
				click(t, ctx, "#search")
				press(t, ctx, tc.query)
			} else {
				typeInto(t, ctx, "#search", tc.query)
			}
			waitText(t, ctx, matchesJS, strconv.Itoa(len(kept)))
			waitText(t, ctx, countJS, countWords(len(kept)))
			if got := text(t, ctx, listTitleJS); got != fmt.Sprintf("%d of 400 events", len(kept)) {
				t.Errorf("the list's heading says %q, want %d of 400 events", got, len(kept))
			}
			// Closed, the list's button says what the list shows, as its heading.
			click(t, ctx, "#list-toggle")
			if got, want := accName(t, ctx, "#list-toggle"), fmt.Sprintf("%d of 400 events", len(kept)); got != want {
				t.Errorf("the closed list's button is named %q, want %q", got, want)
			}
			click(t, ctx, "#list-toggle")
			if got := accName(t, ctx, "#list-toggle"); got != "Hide the list" {
				t.Errorf("the open list's button is named %q, want Hide the list", got)
			}
			items := text(t, ctx, `String(document.querySelectorAll("#matches li").length)`)
			if items != strconv.Itoa(min(len(kept), 50)) {
				t.Errorf("%d matches, %s listed", len(kept), items)
			}
			if got := text(t, ctx, `document.querySelector("#matches li .title").textContent`); got != s.Events[kept[0]].Title {
				t.Errorf("the first match listed is %q, want %q", got, s.Events[kept[0]].Title)
			}
			if got := text(t, ctx, `String(document.getElementById("events").offsetParent === null)`); got != "true" {
				t.Error("the list of all events still shows beside the matches")
			}
			shown := text(t, ctx, `String(document.querySelectorAll("#track-marks .mark:not([data-out])").length)`)
			if n, _ := strconv.Atoi(shown); n == 0 || shown == marks {
				t.Errorf("%s of %s marks show, want fewer, not none", shown, marks)
			}
			waitText(t, ctx, `decodeURIComponent(location.hash.replace(/\+/g, " "))`, "&q="+tc.query)
			// A match chosen by the keyboard becomes the current event, marked in the list.
			if len(kept) > 1 {
				if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#matches li:nth-child(2) button.choose")), chromedp.KeyEvent(kb.Enter)); err != nil {
					t.Fatal(err)
				}
				waitText(t, ctx, titleJS, s.Events[kept[1]].Title)
				waitText(t, ctx, `document.querySelector("#matches li[aria-current=true] .title").textContent`, s.Events[kept[1]].Title)
			}
			// Escape clears the box, the list and the marks.
			if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#search")), chromedp.KeyEvent(kb.Escape)); err != nil {
				t.Fatal(err)
			}
			waitText(t, ctx, matchesJS, "400")
			for _, c := range []struct{ js, want string }{
				{`document.getElementById("search").value`, ""},
				{`String(document.getElementById("matches").hidden)`, "true"},
				{`String(document.getElementById("events").offsetParent !== null)`, "true"},
				{`String(document.querySelectorAll("#track-marks .mark[data-out]").length)`, "0"},
				{listTitleJS, "All events"},
			} {
				if got := text(t, ctx, c.js); got != c.want {
					t.Errorf("after Escape: %s = %q, want %q", c.js, got, c.want)
				}
			}
			click(t, ctx, "#list-toggle")
			if got := accName(t, ctx, "#list-toggle"); got != "All events" {
				t.Errorf("after Escape, the closed list's button is named %q, want All events", got)
			}
			click(t, ctx, "#list-toggle")
			waitText(t, ctx, `String(!location.hash.includes("q="))`, "true")
		})
	}
}

// TestExploreSearchPixels: the search narrows the map: the markers of the
// sites no match is at go (real pixels), the others stay, and come back
// when Escape clears the search.
func TestExploreSearchPixels(t *testing.T) {
	const ratio = 2
	s := demo(t)
	ctx := tab(t, 900, 700, ratio)
	open(t, ctx, "/embed.html?explore=true&view=34.5,43.5,6&t=2025-06-11", "ready")
	r := canvasRect(t, ctx)
	v := currentView(t, ctx, r)
	v.Ratio = ratio
	const query = "asad"
	sel := geo.NewIndex(s).Select(geo.Filter{Query: query}, nil)
	cur := s.Index(text(t, ctx, `document.documentElement.dataset.event`))
	m := geo.NewMap(geo.MapOptions{Story: s, Theme: geo.Light, Cluster: true})
	before := m.Render(v, cur).Markers
	on := map[int]bool{}
	for _, mk := range before {
		on[mk.Site] = true
	}
	m.Select(sel)
	after := map[int]bool{}
	for _, mk := range m.Render(v, cur).Markers {
		after[mk.Site] = true
	}
	all := screenshot(t, ctx, "explore-before-search")
	typeInto(t, ctx, "#search", query)
	waitText(t, ctx, matchesJS, strconv.Itoa(len(sel.Kept)))
	waitText(t, ctx, clustersJS, "0")
	narrowed := screenshot(t, ctx, "explore-search-asad")
	gone, kept := 0, 0
	for j := range on {
		if j < 0 {
			continue
		}
		site := s.Sites[j]
		p := v.Screen(site.LonLat)
		p[0], p[1] = p[0]+r.X, p[1]+r.Y
		want := geo.Light.Kinds[site.Kind]
		if d := dist(pixel(all, p, ratio), want); d > markerTolerance {
			continue // under another marker or a label: not a fair place to look
		}
		got := pixel(narrowed, p, ratio)
		switch {
		case after[j]:
			kept++
			if d := dist(got, want); d > markerTolerance {
				t.Errorf("%s matches %q, yet its marker is gone: pixel %v, want %v", site.ID, query, got, want)
			}
		default:
			gone++
			if d := dist(got, want); d < 100 {
				t.Errorf("%s does not match %q, yet the pixel %v is still its marker's %v", site.ID, query, got, want)
			}
		}
	}
	if gone == 0 || kept == 0 {
		t.Fatalf("%d markers gone and %d kept were looked at: the test needs both", gone, kept)
	}
	press(t, ctx, kb.Escape)
	waitText(t, ctx, matchesJS, strconv.Itoa(len(s.Events)))
}

// TestExploreFiltersAndHash: a link whose hash holds a search, a kind and
// a window opens with them in the controls and the story narrowed to them;
// a filter changed in the page goes into the hash, and that link reopens
// the same selection.
func TestExploreFiltersAndHash(t *testing.T) {
	s := synthStory(t, 400)
	ix := geo.NewIndex(s)
	day := func(d string) geo.Date {
		g, err := geo.ParseDate(d)
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	ctx := tab(t, 1000, 750, 1)
	open(t, ctx, "/embed.html?data=/synth/400.geojson#event-e5&q=event+1&kind=embassy&from=2000-01-10&to=2000-03-20", "ready")
	want := ix.Select(geo.Filter{Query: "event 1", Kinds: []string{"embassy"}, From: day("2000-01-10").T, To: day("2000-03-20").End()}, nil)
	waitText(t, ctx, matchesJS, strconv.Itoa(len(want.Kept)))
	controls := `[document.getElementById("search").value, document.getElementById("kind-filter").value, document.getElementById("from-day").value, document.getElementById("to-day").value].join("|")`
	if got := text(t, ctx, controls); got != "event 1|embassy|2000-01-10|2000-03-20" {
		t.Errorf("the controls show %q", got)
	}
	// The kind by keyboard: the select's first choice is every kind.
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#kind-filter")), chromedp.KeyEvent(kb.Home)); err != nil {
		t.Fatal(err)
	}
	want = ix.Select(geo.Filter{Query: "event 1", From: day("2000-01-10").T, To: day("2000-03-20").End()}, nil)
	waitText(t, ctx, matchesJS, strconv.Itoa(len(want.Kept)))
	waitText(t, ctx, `String(!location.hash.includes("kind=") && location.hash.includes("from=2000-01-10"))`, "true")
	link := text(t, ctx, `location.href`)
	// The link, in a new tab, reopens the same selection.
	ctx2 := tab(t, 1000, 750, 1)
	open(t, ctx2, strings.TrimPrefix(link, baseURL), "ready")
	waitText(t, ctx2, matchesJS, strconv.Itoa(len(want.Kept)))
	if got := text(t, ctx2, controls); got != "event 1||2000-01-10|2000-03-20" {
		t.Errorf("the link reopened with the controls %q", got)
	}
	if got := text(t, ctx2, countJS); got != countWords(len(want.Kept)) {
		t.Errorf("the link reopened with the count %q", got)
	}
}

// waitStill waits until the view has stopped moving: the same for half a
// second (a flight lasts less).
func waitStill(t *testing.T, ctx context.Context) {
	t.Helper()
	last := ""
	for end := time.Now().Add(15 * time.Second); time.Now().Before(end); time.Sleep(500 * time.Millisecond) {
		v := text(t, ctx, `document.documentElement.dataset.view`)
		if v == last {
			return
		}
		last = v
	}
	t.Fatalf("the view still moves: %s", last)
}

// crowdedClusters are the clusters the map should show of the crowded
// story in the page's view, worked out on the host.
func crowdedClusters(t *testing.T, ctx context.Context) (*geo.Story, []geo.Cluster) {
	t.Helper()
	f, err := os.Open("testdata/crowded.geojson")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := geo.Load(f)
	if err != nil {
		t.Fatal(err)
	}
	v := currentView(t, ctx, canvasRect(t, ctx))
	cur := s.Index(text(t, ctx, `document.documentElement.dataset.event`))
	m := geo.NewMap(geo.MapOptions{Story: s, Theme: geo.Light, Cluster: true})
	return s, m.Render(v, cur).Clusters
}

// TestExploreClusters: sites that crowd each other show as one button with
// their events' count, named for screen readers; it opens (the map zooms in
// and it comes apart) by a click and by the keyboard, and Tab reaches it.
func TestExploreClusters(t *testing.T) {
	for _, how := range []string{"click", "keyboard"} {
		t.Run(how, func(t *testing.T) {
			ctx := tab(t, 900, 700, 1)
			open(t, ctx, "/embed.html?data=testdata/crowded.geojson&explore=true&view=33.4,44.6,7", "ready")
			s, want := crowdedClusters(t, ctx)
			if len(want) == 0 {
				t.Fatal("the crowded story has no cluster in this view: the test needs one")
			}
			waitText(t, ctx, clustersJS, strconv.Itoa(len(want)))
			for i, c := range want {
				label := fmt.Sprintf("%d events near %s", c.Events, s.Sites[c.Name].Name)
				b := fmt.Sprintf(`document.querySelectorAll("button.cluster")[%d]`, i)
				if got := text(t, ctx, b+`.getAttribute("aria-label")`); got != label {
					t.Errorf("cluster %d is named %q, want %q", i, got, label)
				}
				if got := text(t, ctx, b+`.textContent`); got != strconv.Itoa(c.Events) {
					t.Errorf("cluster %d shows %q, want %d", i, got, c.Events)
				}
			}
			// The keyboard comes back from the zoom buttons to the last
			// cluster; the pointer clicks the first.
			c := want[0]
			if how == "keyboard" {
				c = want[len(want)-1]
			}
			label := fmt.Sprintf("%d events near %s", c.Events, s.Sites[c.Name].Name)
			if how == "click" {
				screenshot(t, ctx, "explore-cluster")
			}
			z0, _ := strconv.ParseFloat(text(t, ctx, zoomJS), 64)
			if how == "click" {
				click(t, ctx, "button.cluster")
			} else {
				// Shift+Tab from the zoom buttons reaches it.
				if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#zoom-in")), chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift))); err != nil {
					t.Fatal(err)
				}
				if got := text(t, ctx, `document.activeElement.className + "|" + document.activeElement.getAttribute("aria-label")`); got != "cluster "+c.Status.String()+"|"+label {
					t.Fatalf("Tab went to %q, want the cluster %q", got, label)
				}
				press(t, ctx, kb.Enter)
			}
			waitText(t, ctx, `String(Number(document.documentElement.dataset.view.split(",")[2]) >= `+strconv.FormatFloat(z0+1-1e-3, 'f', 3, 64)+`)`, "true")
			waitStill(t, ctx)
			_, after := crowdedClusters(t, ctx)
			waitText(t, ctx, clustersJS, strconv.Itoa(len(after)))
			for _, a := range after {
				if len(a.Sites) >= len(c.Sites) {
					t.Errorf("after opening, a cluster of %d sites (was %d)", len(a.Sites), len(c.Sites))
				}
			}
		})
	}
}

// TestExploreOffForSmallStories: a small story keeps today's look: no
// search, no clusters; explore=false keeps a large one so too.
func TestExploreOffForSmallStories(t *testing.T) {
	for _, q := range []string{"/embed.html", "/embed.html?data=/synth/400.geojson&explore=false"} {
		ctx := tab(t, 900, 700, 1)
		open(t, ctx, q, "ready")
		if got := text(t, ctx, exploreHide+` + "|" + `+clustersJS); got != "true|0" {
			t.Errorf("%s: search hidden and clusters: %q, want true|0", q, got)
		}
	}
}

// TestExploreAxe runs axe-core on the exploring embed, in both themes, with
// matches listed, clusters on the map and a time window chosen (its handles
// and band, the marks outside dimmed), and takes the screenshots to look
// at: phone and desktop, light and dark.
func TestExploreAxe(t *testing.T) {
	for _, tc := range []struct {
		name, q string
		w, h    int64
	}{
		{"desktop-light", "", 1280, 800},
		{"desktop-dark", "&dark=true", 1280, 800},
		{"phone-light", "", 375, 720},
		{"phone-dark", "&dark=true", 375, 720},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := tab(t, tc.w, tc.h, 1)
			open(t, ctx, "/embed.html?data=testdata/crowded.geojson&explore=true&view=33.4,44.6,7"+tc.q+"#q=event&from=2024-01-02&to=2024-01-08", "ready")
			waitText(t, ctx, countJS, "7 events match")
			if tc.w < 860 { // the list opens beside the map on wide embeds, on demand on narrow ones
				click(t, ctx, "#list-toggle")
			}
			waitText(t, ctx, `String(document.querySelectorAll("#matches li").length)`, "7")
			screenshot(t, ctx, "explore-"+tc.name)
			for _, v := range axeViolations(t, ctx) {
				t.Errorf("axe: %s", v)
			}
		})
	}
}

// TestExploreSearchPersian: in the Persian page, a reader who types a place
// with Arabic letters and without the zero-width non-joiner ("عينالاسد")
// finds the site the story names in Persian ("عین‌الاسد"); the exploring
// page, right to left, has no axe violation.
func TestExploreSearchPersian(t *testing.T) {
	const query = "عينالاسد"
	s := demo(t)
	sel := geo.NewIndex(s).Select(geo.Filter{Query: query}, nil)
	if len(sel.Kept) == 0 {
		t.Fatalf("%q matches nothing in the demo: the test needs a match", query)
	}
	ctx := tab(t, 1000, 750, 1)
	open(t, ctx, "/embed.html?explore=true&lang=fa", "ready")
	typeInto(t, ctx, "#search", query)
	waitText(t, ctx, matchesJS, strconv.Itoa(len(sel.Kept)))
	if got := text(t, ctx, `document.querySelector("#matches li .title").textContent`); got != s.In("fa").Events[sel.Kept[0]].Title {
		t.Errorf("the first match is %q, want %q", got, s.In("fa").Events[sel.Kept[0]].Title)
	}
	// Closed, the list's button says what the list shows, as its heading,
	// in Persian.
	click(t, ctx, "#list-toggle")
	if got, want := accName(t, ctx, "#list-toggle"), text(t, ctx, listTitleJS); got != want || !strings.Contains(got, "از") {
		t.Errorf("the closed list's button is named %q, want the list's heading %q", got, want)
	}
	screenshot(t, ctx, "explore-search-fa")
	click(t, ctx, "#list-toggle")
	for _, v := range axeViolations(t, ctx) {
		t.Errorf("axe: %s", v)
	}
}

// TestExplorePrevNextMatches: while a search is on, the card's previous /
// next buttons and the slider's arrow keys walk the matches only, and say
// where the reader is among them ("2 of 11 matches") politely; next turns
// off at the last match.
func TestExplorePrevNextMatches(t *testing.T) {
	const query = "event 12"
	s := synthStory(t, 400)
	kept := geo.NewIndex(s).Select(geo.Filter{Query: query}, nil).Kept
	if len(kept) < 4 || kept[1] == kept[0]+1 {
		t.Fatalf("%q keeps %v: the test needs matches with gaps between them", query, kept)
	}
	at := func(i int) string { return fmt.Sprintf("%d of %d matches", i+1, len(kept)) }
	ctx := tab(t, 1280, 800, 1)
	open(t, ctx, "/embed.html?data=/synth/400.geojson#q="+strings.ReplaceAll(query, " ", "+"), "ready")
	waitText(t, ctx, matchesJS, strconv.Itoa(len(kept)))
	click(t, ctx, "#matches li:first-child button.choose")
	waitText(t, ctx, titleJS, s.Events[kept[0]].Title)
	if got := text(t, ctx, `String(document.getElementById("prev").disabled)`); got != "true" {
		t.Errorf("at the first match, previous is on (disabled=%s)", got)
	}
	click(t, ctx, "#next")
	waitText(t, ctx, titleJS, s.Events[kept[1]].Title)
	waitText(t, ctx, countJS, at(1))
	if got := text(t, ctx, `document.getElementById("explore-count").getAttribute("aria-live")`); got != "polite" {
		t.Errorf("the count's aria-live is %q", got)
	}
	// The keyboard: the slider's arrows step through the matches too.
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#timeline")), chromedp.KeyEvent(kb.ArrowRight)); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, titleJS, s.Events[kept[2]].Title)
	waitText(t, ctx, countJS, at(2))
	press(t, ctx, kb.ArrowLeft)
	waitText(t, ctx, titleJS, s.Events[kept[1]].Title)
	click(t, ctx, "#prev")
	waitText(t, ctx, titleJS, s.Events[kept[0]].Title)
	waitText(t, ctx, countJS, at(0))
	// The last match: next turns off.
	click(t, ctx, fmt.Sprintf("#matches li:nth-child(%d) button.choose", min(len(kept), 50)))
	if len(kept) <= 50 {
		waitText(t, ctx, `String(document.getElementById("next").disabled)`, "true")
	}
}

// TestExploreTimeWindow: the time window chosen on the timeline, by
// keyboard (the handles: arrows a day, Escape leaves for the slider) and by
// pointer (a drag across the handles' track), fills the date inputs and the
// hash, narrows the matches, dims the marks outside it; the link reopens
// it, and Clear resets it.
func TestExploreTimeWindow(t *testing.T) {
	s := synthStory(t, 400)
	ix := geo.NewIndex(s)
	tr := s.Track()
	hours := tr.Hours()
	dayAt := func(v int, end bool) string {
		at := tr.Time(float64(v) / float64(hours))
		if end {
			at = at.Add(-time.Nanosecond)
		}
		return at.UTC().Format("2006-01-02")
	}
	kept := func(from, to string) string {
		f := geo.Filter{}
		if from != "" {
			d, _ := geo.ParseDate(from)
			f.From = d.T
		}
		if to != "" {
			d, _ := geo.ParseDate(to)
			f.To = d.End()
		}
		return strconv.Itoa(len(ix.Select(f, nil).Kept))
	}
	days := `[document.getElementById("from-day").value, document.getElementById("to-day").value].join("|")`
	handles := `[document.getElementById("window-from").value, document.getElementById("window-to").value].join("|")`
	dimmed := `String(document.querySelectorAll("#track-marks .mark[data-outside]").length)`

	t.Run("keyboard", func(t *testing.T) {
		ctx := tab(t, 1280, 800, 1)
		open(t, ctx, "/embed.html?data=/synth/400.geojson", "ready")
		if got := text(t, ctx, `String(document.getElementById("window").hidden)`); got != "false" {
			t.Fatal("the time window is hidden in an exploring embed")
		}
		if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#window-from"))); err != nil {
			t.Fatal(err)
		}
		for range 10 {
			press(t, ctx, kb.ArrowRight)
		}
		if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#window-to"))); err != nil {
			t.Fatal(err)
		}
		for range 5 {
			press(t, ctx, kb.ArrowLeft)
		}
		from, to := dayAt(240, false), dayAt(hours-5*24, true)
		waitText(t, ctx, days, from+"|"+to)
		waitText(t, ctx, matchesJS, kept(from, to))
		waitText(t, ctx, `decodeURIComponent(location.hash)`, "&from="+from+"&to="+to)
		if n, _ := strconv.Atoi(text(t, ctx, dimmed)); n == 0 {
			t.Error("no mark outside the window is dimmed")
		}
		if got := text(t, ctx, `document.getElementById("window-from").getAttribute("aria-valuetext")`); got == "" {
			t.Error("the from handle has no aria-valuetext")
		}
		// Escape leaves the handle for the time slider.
		press(t, ctx, kb.Escape)
		waitText(t, ctx, `document.activeElement.id`, "timeline")
		// The link reopens the window: the date inputs and the handles.
		want := text(t, ctx, handles)
		link := text(t, ctx, `location.href`)
		ctx2 := tab(t, 1280, 800, 1)
		open(t, ctx2, strings.TrimPrefix(link, baseURL), "ready")
		waitText(t, ctx2, matchesJS, kept(from, to))
		if got := text(t, ctx2, days); got != from+"|"+to {
			t.Errorf("the link reopened with the days %q, want %q", got, from+"|"+to)
		}
		if got := text(t, ctx2, handles); got != want {
			t.Errorf("the link reopened with the handles at %q, want %q", got, want)
		}
		screenshot(t, ctx2, "explore-window-desktop")
		// Clear resets the window.
		click(t, ctx2, "#explore-clear")
		waitText(t, ctx2, matchesJS, "400")
		if got := text(t, ctx2, days+`+"|"+`+handles+`+"|"+`+dimmed); got != fmt.Sprintf("||0|%d|0", hours) {
			t.Errorf("after Clear: days|handles|dimmed = %q", got)
		}
	})

	t.Run("pointer", func(t *testing.T) {
		ctx := tab(t, 375, 720, 1)
		open(t, ctx, "/embed.html?data=/synth/400.geojson&dark=true", "ready")
		r := text(t, ctx, `(() => { const r = document.getElementById("window").getBoundingClientRect(); return [r.left, r.width, r.top + r.height / 2].join(",") })()`)
		var left, width, y float64
		if _, err := fmt.Sscanf(r, "%g,%g,%g", &left, &width, &y); err != nil {
			t.Fatalf("the window's box %q: %v", r, err)
		}
		const inset = 9
		x0, x1 := left+inset+(width-2*inset)*0.25, left+inset+(width-2*inset)*0.5
		dragSlowly(t, ctx, x0, y, x1-x0, 0)
		a, b := (x0-left-inset)/(width-2*inset), (x1-left-inset)/(width-2*inset)
		from := dayAt(int(float64(hours)*a), false)
		to := dayAt(max(int(math.Ceil(float64(hours)*b)), int(float64(hours)*a)+24), true)
		waitText(t, ctx, days, from+"|"+to)
		waitText(t, ctx, matchesJS, kept(from, to))
		waitText(t, ctx, `decodeURIComponent(location.hash)`, "&from="+from+"&to="+to)
		screenshot(t, ctx, "explore-window-phone-dark")
	})
}

// TestExplorePlayMatches: while a search is on, the play button steps
// through the matches only: every title the card shows while it plays is a
// match's, in order; with one match it is off.
func TestExplorePlayMatches(t *testing.T) {
	const query = "event 12"
	s := synthStory(t, 400)
	kept := geo.NewIndex(s).Select(geo.Filter{Query: query}, nil).Kept
	if len(kept) < 3 || kept[1] == kept[0]+1 {
		t.Fatalf("%q keeps %v: the test needs matches with gaps between them", query, kept)
	}
	ctx := tab(t, 1280, 800, 1)
	open(t, ctx, "/embed.html?data=/synth/400.geojson#q="+strings.ReplaceAll(query, " ", "+"), "ready")
	waitText(t, ctx, matchesJS, strconv.Itoa(len(kept)))
	click(t, ctx, "#matches li:first-child button.choose")
	waitText(t, ctx, titleJS, s.Events[kept[0]].Title)
	// Every title the card shows from here on, fast.
	text(t, ctx, `(() => { const el = document.getElementById("card-title"); window.shown = []; new MutationObserver(() => window.shown.push(el.textContent)).observe(el, {childList: true, characterData: true, subtree: true}); const sp = document.getElementById("speed"); sp.value = "2"; sp.dispatchEvent(new Event("change")); return "" })()`)
	click(t, ctx, "#play")
	waitText(t, ctx, titleJS, s.Events[kept[2]].Title)
	shown := strings.Split(text(t, ctx, `[...new Set(window.shown)].join("\n")`), "\n")
	want := []string{s.Events[kept[1]].Title, s.Events[kept[2]].Title}
	if len(shown) < 2 || shown[0] != want[0] || shown[1] != want[1] {
		t.Errorf("while playing the matches of %q the card showed %q, want %q first", query, shown, want)
	}
	// One match: nothing to play, the button is off.
	one := ""
	for i := len(s.Events) - 1; i >= 0 && one == ""; i-- {
		if q := s.Events[i].Title; len(geo.NewIndex(s).Select(geo.Filter{Query: q}, nil).Kept) == 1 {
			one = q
		}
	}
	if one == "" {
		t.Fatal("no title of the story matches one event only: the test needs one")
	}
	text(t, ctx, `(() => { const el = document.getElementById("search"); el.value = `+jsString(one)+`; el.dispatchEvent(new Event("input")); return "" })()`)
	waitText(t, ctx, matchesJS, "1")
	waitText(t, ctx, `String(document.getElementById("play").disabled)`, "true")
}

// TestExploreDaysInTheReadersLanguage: the from and to fields write a day
// as the page's language writes its numbers (not as the browser's locale
// writes a date input: mm/dd/yyyy), take one typed in those digits, and
// say clearly when a text is not a day; in Persian, Arabic, Sorani and
// English, with a screenshot of each at 375 px.
func TestExploreDaysInTheReadersLanguage(t *testing.T) {
	s := synthStory(t, 400)
	ix := geo.NewIndex(s)
	const from, to, typed = "2000-01-10", "2000-03-20", "2000-02-01"
	kept := func(f, t string) string {
		ff, _ := geo.ParseDate(f)
		tt, _ := geo.ParseDate(t)
		return strconv.Itoa(len(ix.Select(geo.Filter{From: ff.T, To: tt.End()}, nil).Kept))
	}
	// ASCII digits in the page's: the digits the page writes its count in.
	local := func(ctx context.Context, iso string) string {
		return text(t, ctx, `(() => { const d = (document.getElementById("explore-count").textContent.match(/[0-9\u0660-\u0669\u06f0-\u06f9]/) || ["0"])[0]; const base = d >= "\u06f0" ? 0x6f0 : d >= "\u0660" ? 0x660 : 48; return `+jsString(iso)+`.replace(/[0-9]/g, c => String.fromCharCode(base + c.charCodeAt(0) - 48)).replace(/-/g, base === 48 ? "-" : "/") })()`)
	}
	days := `document.getElementById("from-day").value + "|" + document.getElementById("to-day").value`
	for _, l := range []string{"fa", "ar", "ckb", "en"} {
		t.Run(l, func(t *testing.T) {
			ctx := tab(t, 375, 720, 1)
			theme := "" // both themes: Arabic and Sorani dark
			if l == "ar" || l == "ckb" {
				theme = "&dark=true"
			}
			open(t, ctx, "/embed.html?data=/synth/400.geojson&lang="+l+theme+"#from="+from+"&to="+to, "ready")
			waitText(t, ctx, matchesJS, kept(from, to))
			want := local(ctx, from) + "|" + local(ctx, to)
			if got := text(t, ctx, days); got != want {
				t.Errorf("the fields show %q, want %q", got, want)
			}
			if (l == "fa" || l == "ckb") && strings.ContainsAny(text(t, ctx, days), "0123456789") {
				t.Errorf("the fields show ASCII digits in %s: %q", l, text(t, ctx, days))
			}
			if got := text(t, ctx, `document.getElementById("from-day").type + " " + document.getElementById("from-day").labels.length`); got != "text 1" {
				t.Errorf("the from field: type and labels %q, want a labelled text field", got)
			}
			// A day typed as the page writes it narrows the matches.
			setDay := func(v string) {
				text(t, ctx, `(() => { const el = document.getElementById("from-day"); el.value = `+jsString(v)+`; el.dispatchEvent(new Event("change")); return "" })()`)
			}
			setDay(local(ctx, typed))
			waitText(t, ctx, matchesJS, kept(typed, to))
			waitText(t, ctx, `decodeURIComponent(location.hash)`, "from="+typed)
			// A text that is not a day: the field is marked, the reason is said.
			setDay("31/31/2000")
			waitText(t, ctx, `document.getElementById("from-day").getAttribute("aria-invalid") || ""`, "true")
			if got := text(t, ctx, `(() => { const e = document.getElementById("day-error"); return e.hidden ? "" : e.textContent })()`); !strings.Contains(got, "31/31/2000") || !strings.Contains(got, string([]rune(local(ctx, "2000-01-01"))[:4])) {
				t.Errorf("the error says %q, want the text and an example in the page's digits", got)
			}
			waitText(t, ctx, matchesJS, kept("", to))
			screenshot(t, ctx, "explore-days-"+l+"-phone")
			for _, v := range axeViolations(t, ctx) {
				t.Errorf("axe: %s", v)
			}
			setDay("")
			waitText(t, ctx, `String(document.getElementById("day-error").hidden) + (document.getElementById("from-day").getAttribute("aria-invalid") || "")`, "true")
		})
	}
}

// TestExploreCurrentEventInTheWindow: a time window that leaves the
// current event out (typed into the from field, then by keyboard on its
// handle) shows the nearest match in the card, the slider's thumb inside
// the window, and announces the count only; a window without events says
// so in the card; Clear shows the current event again.
func TestExploreCurrentEventInTheWindow(t *testing.T) {
	s := synthStory(t, 400)
	ix := geo.NewIndex(s)
	tr := s.Track()
	const liveJS = `document.getElementById("live").textContent`
	ctx := tab(t, 1280, 800, 1)
	open(t, ctx, "/embed.html?data=/synth/400.geojson", "ready")
	waitText(t, ctx, titleJS, s.Events[0].Title)
	live := text(t, ctx, liveJS)
	from := s.Events[200].Time.Start.T.UTC().Format("2006-01-02")
	d, _ := geo.ParseDate(from)
	kept := ix.Select(geo.Filter{From: d.T}, nil).Kept
	if len(kept) == 0 || kept[0] == 0 {
		t.Fatalf("the window from %s keeps %d events", from, len(kept))
	}
	setDay := func(v string) {
		text(t, ctx, `(() => { const el = document.getElementById("from-day"); el.value = `+jsString(v)+`; el.dispatchEvent(new Event("change")); return "" })()`)
	}
	setDay(from)
	waitText(t, ctx, matchesJS, strconv.Itoa(len(kept)))
	waitText(t, ctx, titleJS, s.Events[kept[0]].Title)
	waitText(t, ctx, `decodeURIComponent(location.hash).split("&")[0] + "&"`, "#event-"+s.Events[kept[0]].ID+"&")
	thumb, _ := strconv.Atoi(text(t, ctx, `document.getElementById("timeline").value`))
	if at := tr.Time(float64(thumb) / float64(tr.Hours())); at.Before(d.T.Add(-time.Hour)) {
		t.Errorf("the slider's thumb is at %v, before the window's start %v", at, d.T)
	}
	if got := text(t, ctx, liveJS); got != live {
		t.Errorf("the move was announced: %q", got)
	}
	if got := text(t, ctx, countJS); got != countWords(len(kept)) {
		t.Errorf("count = %q, want %q", got, countWords(len(kept)))
	}
	screenshot(t, ctx, "explore-current-in-window-desktop")

	// Nothing from 2100 on: the card says so, and shows no event.
	setDay("2100-01-01")
	waitText(t, ctx, matchesJS, "0")
	waitText(t, ctx, titleJS, "No event matches")
	if got := text(t, ctx, `String(document.getElementById("card").hasAttribute("data-none")) + "|" + document.getElementById("card-date").textContent + "|" + document.getElementById("card-desc").textContent`); got != "true||" {
		t.Errorf("the card with no match: data-none|date|description = %q", got)
	}
	// Nor does the map mark the current event's sites: no ring, and the
	// current event's marker gone with the rest.
	waitText(t, ctx, `String(document.querySelectorAll("#map-pulses > *").length)`, "0")
	screenshot(t, ctx, "explore-no-match-desktop")
	for _, v := range axeViolations(t, ctx) {
		t.Errorf("axe: %s", v)
	}

	// Clear: the current event is back in the card.
	click(t, ctx, "#explore-clear")
	waitText(t, ctx, matchesJS, "400")
	waitText(t, ctx, titleJS, s.Events[kept[0]].Title)
	waitText(t, ctx, `String(document.querySelectorAll("#map-pulses > *").length > 0)`, "true")
	if got := text(t, ctx, `String(document.getElementById("card").hasAttribute("data-none"))`); got != "false" {
		t.Error("the card is still marked data-none after Clear")
	}
	if got := text(t, ctx, liveJS); got != live {
		t.Errorf("Clear announced the event: %q", got)
	}
}
