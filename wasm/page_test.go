package main

import (
	"errors"
	"math"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"mapline/geo"
	"mapline/geo/lang"
	"mapline/wasm/mapui"

	"github.com/paulmach/orb"
)

// embedIDs are the tag#id of every element of site/embed.html with an id,
// so that the host page has the real page's elements (an id renamed in the
// page and not here fails these tests).
func embedIDs(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../site/embed.html")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range regexp.MustCompile(`<([a-z0-9]+) [^>]*\bid="([^"]+)"`).FindAllStringSubmatch(string(b), -1) {
		ids = append(ids, m[1]+"#"+m[2])
	}
	return ids
}

// fakeMeasurer sizes every text 7 px a letter, 14 px high.
type fakeMeasurer struct{ calls int }

func (m *fakeMeasurer) Measure(texts []mapui.Text, sizes []mapui.Size) {
	m.calls++
	for i, t := range texts {
		sizes[i] = mapui.Size{W: 7 * float64(len([]rune(t.Text))), H: 14}
	}
}

// testPage is the page's bridge over a host copy of embed.html's elements,
// in language tag, with the parents the bridge reaches for.
func testPage(t *testing.T, tag string) (*page, *fakeDoc) {
	t.Helper()
	doc := newFakeDoc(append(embedIDs(t), "html#root", "canvas#canvas")...)
	// The parents the bridge reads: the card's source line, the list's box.
	doc.create("p").append(doc.el("card-source"))
	doc.el("story-list").append(doc.el("events"))
	p := newPageOf(doc, newWords(lang.Get(tag), nil), func(node) mapui.Measurer { return &fakeMeasurer{} })
	p.root = doc.el("root")
	return p, doc
}

// pageStory has two sites and three events: one with a linked source and
// markup in its title, one with a plain source, one with no source.
func pageStory(t *testing.T) *geo.Story {
	t.Helper()
	day := func(s string) geo.Span { return geo.Span{Start: date(t, s)} }
	s := &geo.Story{
		Title: "Departure",
		Sites: []geo.Site{{ID: "bgd", Name: "Baghdad", Kind: "embassy", LonLat: orb.Point{44.4, 33.3}},
			{ID: "ebl", Name: "Erbil", Kind: "consulate", LonLat: orb.Point{44, 36.2}}},
		Events: []geo.Event{
			{ID: "a", Title: "<b>Order</b>", Time: day("2025-06-11"), Sites: []int{0, 1}, Source: "https://www.politico.com/x"},
			{ID: "b", Title: "Talks", Description: "Muscat", Time: day("2025-06-12"), Sites: []int{1}, Source: "Reuters"},
			{ID: "c", Title: "Storm", Time: day("2025-06-13")},
		},
	}
	for i := range s.Sites {
		s.Sites[i].World = geo.World(s.Sites[i].LonLat)
	}
	return s
}

func TestListItems(t *testing.T) {
	p, doc := testPage(t, "en")
	s := pageStory(t)
	p.showStory(s)
	items := doc.el("events").kids
	if len(items) != 3 {
		t.Fatalf("list has %d items, want 3: %v", len(items), doc.el("events"))
	}
	for _, tc := range []struct {
		name string
		item int
		want []string // parts of the item, in order
		not  []string
	}{
		{"markup in a title stays text, a URL source is a link", 0,
			[]string{`li[id=event-a]`, `button.choose[data-index=0]`, `span.title[dir=auto] "<b>Order</b>"`,
				`p.source "Source: " {span {a `, `"www.politico.com"`}, []string{"b {"}},
		{"a plain source is text, a description a paragraph", 1,
			[]string{`span.title[dir=auto] "Talks"`, `p[dir=auto] "Muscat"`, `p.places "Place: Erbil"`, `span "Reuters"`}, []string{" a "}},
		{"no source, no source line", 2, []string{`"Storm"`}, []string{"p.source"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := items[tc.item].String()
			at := 0
			for _, w := range tc.want {
				i := strings.Index(got[at:], w)
				if i < 0 {
					t.Fatalf("item %d lacks %q after byte %d:\n%s", tc.item, w, at, got)
				}
				at += i + len(w)
			}
			for _, w := range tc.not {
				if strings.Contains(got, w) {
					t.Errorf("item %d has %q:\n%s", tc.item, w, got)
				}
			}
		})
	}
	if a := items[0].query("a").(*fakeNode); a.props["rel"] != "noopener noreferrer" || a.props["target"] != "_blank" {
		t.Errorf("source link = %v, want rel=noopener noreferrer and target=_blank", a.props)
	}
}

func TestShowEventWritesTheCard(t *testing.T) {
	p, doc := testPage(t, "en")
	s := pageStory(t)
	p.showStory(s)
	st := mapui.NewState(geo.Light)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name                string
		cur                 int
		title, desc, places string
		source              string // the card's source text, "" for a hidden line
		prev, next          bool   // disabled
	}{
		{"first event: previous disabled, a linked source", 0, "<b>Order</b>", "", "Places: Baghdad, Erbil", "www.politico.com", true, false},
		{"middle event: a plain source", 1, "Talks", "Muscat", "Place: Erbil", "Reuters", false, false},
		{"last event: next disabled, no source, the whole region", 2, "Storm", "", "Across the region", "", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st.SetStory(s, tc.cur)
			p.tl.showEvent(st, now)
			text := func(id string) string { return doc.el(id).textContent() }
			if text("card-title") != tc.title || text("card-desc") != tc.desc {
				t.Errorf("card = %q / %q, want %q / %q", text("card-title"), text("card-desc"), tc.title, tc.desc)
			}
			if got := text("card-places"); got != tc.places || doc.el("card-places").hidden() != (tc.places == "") {
				t.Errorf("places = %q (hidden %v), want %q", got, doc.el("card-places").hidden(), tc.places)
			}
			line := doc.el("card-source").up
			if got := text("card-source"); got != tc.source || line.hidden() != (tc.source == "") {
				t.Errorf("source = %q (line hidden %v), want %q", got, line.hidden(), tc.source)
			}
			if doc.el("prev").flag("disabled") != tc.prev || doc.el("next").flag("disabled") != tc.next {
				t.Errorf("prev, next disabled = %v, %v; want %v, %v", doc.el("prev").flag("disabled"), doc.el("next").flag("disabled"), tc.prev, tc.next)
			}
			if got, want := p.root.attr("data-event"), s.Events[tc.cur].ID; got != want {
				t.Errorf("data-event = %q, want %q", got, want)
			}
			var current []int
			for i, li := range doc.el("events").kids {
				if li.attrs["aria-current"] == "true" {
					current = append(current, i)
				}
			}
			if len(current) != 1 || current[0] != tc.cur {
				t.Errorf("items marked current: %v, want [%d]", current, tc.cur)
			}
		})
	}
}

func TestMarkCurrentScrollsTheList(t *testing.T) {
	for _, tc := range []struct {
		name        string
		top, height float64 // the box's scroll and height
		moves       bool
	}{
		{"an item below the box scrolls it down", 0, 50, true},
		{"an item in sight leaves it", 40, 100, false},
		{"an item above the box scrolls it up", 200, 50, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, doc := testPage(t, "en")
			p.showStory(pageStory(t))
			box := doc.el("story-list")
			box.props["scrollTop"], box.props["clientHeight"] = tc.top, tc.height
			item := doc.el("events").kids[2]
			item.props["offsetTop"], item.props["offsetHeight"] = 60.0, 30.0
			p.tl.markCurrent(2)
			got := box.num("scrollTop")
			if moved := got != tc.top; moved != tc.moves {
				t.Fatalf("scrollTop %v → %v: moved %v, want %v", tc.top, got, moved, tc.moves)
			}
			if got > 60 || got+tc.height < 90 {
				t.Errorf("scrollTop = %v: the item at 60–90 px is not in the box's %v px", got, tc.height)
			}
		})
	}
}

func TestWidenMovesTheFocusOffAHiddenButton(t *testing.T) {
	p, doc := testPage(t, "en")
	s := &geo.Story{}
	for range listAll + 3*listPage {
		s.Events = append(s.Events, geo.Event{Title: "e", Time: geo.Span{Start: date(t, "2025-01-01")}})
	}
	p.showStory(s)
	p.tl.syncList(s, listPage+5, time.Time{})
	earlier := doc.el("events-earlier")
	if earlier.hidden() {
		t.Fatalf("no earlier button on a list from event %d", p.tl.list.w.lo)
	}
	earlier.focus()
	for !earlier.hidden() {
		p.tl.widen(s, -1)
	}
	// The button hid with the focus on it: the focus goes to the first
	// event, the one next to where the button was.
	if f := doc.active; f == nil || f.tag != "button" || f.attrs["data-index"] != "0" {
		t.Fatalf("focus on %v, want the first event's button", f)
	}
}

func TestShowErrorAndReady(t *testing.T) {
	p, doc := testPage(t, "en")
	p.setReady()
	if got := p.root.attr("data-mapline"); got != "ready" {
		t.Errorf("data-mapline = %q after a clean first frame, want ready", got)
	}
	p.showError(errors.Join(errors.New(`feature 3: "time": not a date`), errors.New("feature 4: no geometry")))
	note := doc.el("map-note")
	if note.hidden() || p.root.attr("data-mapline") != "error" {
		t.Fatalf("note hidden %v, data-mapline %q", note.hidden(), p.root.attr("data-mapline"))
	}
	got := note.String()
	for _, w := range []string{`strong "The story could not be shown in full."`, `ul[dir=auto] {li "feature 3: \"time\": not a date" li "feature 4: no geometry"}`} {
		if !strings.Contains(got, w) {
			t.Errorf("note lacks %q:\n%s", w, got)
		}
	}
	p.setReady()
	if got := p.root.attr("data-mapline"); got != "error" {
		t.Errorf("data-mapline = %q after an error and a frame, want error kept", got)
	}
}

func TestZoomButtonsEnable(t *testing.T) {
	p, doc := testPage(t, "en")
	c := &controls{zoomIn: doc.el("zoom-in"), zoomOut: doc.el("zoom-out"), canIn: true, canOut: true}
	p.zoom = c
	for _, tc := range []struct {
		in, out         bool
		wantIn, wantOut string
	}{
		{true, true, "", ""}, // unchanged: nothing written
		{false, true, "true", ""},
		{false, false, "true", "true"},
		{true, false, "false", "true"},
	} {
		c.enable(tc.in, tc.out)
		if got := doc.el("zoom-in").attrs["aria-disabled"]; got != tc.wantIn {
			t.Errorf("enable(%v, %v): zoom-in aria-disabled = %q, want %q", tc.in, tc.out, got, tc.wantIn)
		}
		if got := doc.el("zoom-out").attrs["aria-disabled"]; got != tc.wantOut {
			t.Errorf("enable(%v, %v): zoom-out aria-disabled = %q, want %q", tc.in, tc.out, got, tc.wantOut)
		}
	}
}

func TestMoveMap(t *testing.T) {
	p, doc := testPage(t, "en")
	moved := []*fakeNode{doc.el("canvas"), doc.el("map-labels"), doc.el("map-pulses"), doc.el("popup")}
	for _, tc := range []struct {
		name        string
		m           mapui.Move
		want, wantK string
	}{
		{"a pan", mapui.Move{X: 64, Y: 32, K: 1}, "64.0px 32.0px", ""},
		{"a pan by a fraction of a pixel", mapui.Move{X: -0.25, Y: 10, K: 1}, "-0.2px 10.0px", ""},
		{"a zoom about a point", mapui.Move{X: -100, Y: -50, K: 1.5}, "-100.0px -50.0px", "1.5"},
		{"a zoom about the top left", mapui.Move{K: 0.75}, "", "0.75"},
		{"a zoom out by five levels", mapui.Move{X: 300, Y: 200, K: 1.0 / 32}, "300.0px 200.0px", "0.03125"},
		{"a zoom out by eleven levels", mapui.Move{K: math.Exp2(-11)}, "", "0.000488281"},
		{"a zoom in by eleven levels", mapui.Move{K: math.Exp2(11)}, "", "2048"},
		{"the frame drawn next is in place", mapui.Still, "", ""},
	} {
		p.moveMap(tc.m)
		for _, el := range moved {
			if got := el.style["translate"]; got != tc.want {
				t.Errorf("%s: #%s translate = %q, want %q", tc.name, el.attrs["id"], got, tc.want)
			}
			if got := el.style["scale"]; got != tc.wantK {
				t.Errorf("%s: #%s scale = %q, want %q", tc.name, el.attrs["id"], got, tc.wantK)
			}
			if el.style["transform"] != "" {
				t.Errorf("%s: moveMap touched #%s's transform", tc.name, el.attrs["id"])
			}
		}
	}
}

// TestCarryScale: while the compositor carries a gesture, the scale bar is
// that of the view the frame shows once scaled, written only when it
// changes; a pan leaves the bar of the frame drawn.
func TestCarryScale(t *testing.T) {
	p, doc := testPage(t, "en")
	km, mi := doc.el("scale-km"), doc.el("scale-mi")
	drawn := geo.View{Center: orb.Point{45, 33}, Zoom: 5, Width: 800, Height: 500, Ratio: 1}
	p.carto.showScale(drawn) // as the frame drawn does
	p.moveMap(mapui.Still)
	at := orb.Point{200, 300}
	for _, tc := range []struct {
		name  string
		m     mapui.Move
		shown geo.View
		want  geo.View // whose bar shows
	}{
		{"a pan leaves the bar drawn", mapui.Move{X: 30, Y: -90, K: 1}, drawn.Pan(30, -90), drawn},
		{"a zoom in by half a level", mapui.Move{X: 200 * (1 - math.Sqrt2), Y: 300 * (1 - math.Sqrt2), K: math.Sqrt2}, drawn.ZoomAbout(0.5, at), drawn.ZoomAbout(0.5, at)},
		{"a zoom out by two levels", mapui.Move{X: 150, Y: 225, K: 0.25}, drawn.ZoomAbout(-2, at), drawn.ZoomAbout(-2, at)},
		{"back where it was drawn", mapui.Still, drawn, drawn},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p.carry(tc.m, tc.shown)
			want := p.carto.scaleBar(tc.want)
			if km.text != want.km || km.style["width"] != want.kmPx || mi.text != want.mi || mi.style["width"] != want.miPx {
				t.Errorf("scale bar %q %s, %q %s; want %q %s, %q %s", km.text, km.style["width"], mi.text, mi.style["width"],
					want.km, want.kmPx, want.mi, want.miPx)
			}
			// Carried again, as the next frame of the gesture: unchanged,
			// the bar is not written again.
			km.text = "unwritten"
			p.carry(tc.m, tc.shown)
			if km.text != "unwritten" {
				t.Errorf("the same move wrote the scale bar again: %q", km.text)
			}
			km.text = want.km
		})
	}
}

// TestShowStoryForcesNoLayout: setting a story's controls up reads the
// marks track's width before it writes anything (the title, the dates, the
// list of events), so the browser need not lay the page out in the middle
// of the frame (150–390 ms in the load's steps when the list came first);
// the marks are still laid out at that width.
func TestShowStoryForcesNoLayout(t *testing.T) {
	p, doc := testPage(t, "en")
	doc.el("track-marks").props["clientWidth"] = 600.0
	doc.dirty = false // the page as the browser laid it out before the frame
	p.showStory(pageStory(t))
	if doc.layouts != 0 {
		t.Errorf("showStory forced %d layouts, want none", doc.layouts)
	}
	if got := len(doc.el("track-marks").kids); got != 3 {
		t.Errorf("track has %d marks, want 3: %v", got, doc.el("track-marks"))
	}
	if got := len(doc.el("events").kids); got != 3 {
		t.Errorf("list has %d items, want 3", got)
	}
}

// TestStoryTitleIsNoLongerAMessage: the title bar says "Loading the story…"
// as the message story.loading (data-msg) until the story comes; then it
// holds the story's words, and loses data-msg, so the page's language script
// does not put "Loading the story…" back over them when the message file
// arrives after the story (TestLanguages/fa caught it once the story came
// beside the basemap and could beat the file).
func TestStoryTitleIsNoLongerAMessage(t *testing.T) {
	p, doc := testPage(t, "en")
	title := doc.el("story-title")
	title.attrs["data-msg"] = "story.loading"
	p.showStory(pageStory(t))
	if _, ok := title.attrs["data-msg"]; ok || title.text == "" {
		t.Errorf("after the story: title %q, data-msg %q; want the story's title without data-msg", title.text, title.attrs["data-msg"])
	}
}

// TestStoryAsksForTilesBeforeTheControls: when the story comes, the view's
// basemap tiles are asked for as soon as the view is known (the story
// indexed, the view fitted to it), before the slider, its marks and the
// list are built, so that their requests are out while the controls are
// built (issue 17: they went out only after the whole Update).
func TestStoryAsksForTilesBeforeTheControls(t *testing.T) {
	for _, tc := range []struct {
		name      string
		in        inbox
		asks      int
		wantLists int // items in the list when the tiles were asked for
	}{
		{name: "a story", in: inbox{story: pageStory(t), storyInit: 0, hasStory: true}, asks: 1},
		{name: "a story with its basemap", in: inbox{story: pageStory(t), basemap: &geo.Basemap{}, storyInit: 1, hasStory: true}, asks: 1},
		{name: "no story", in: inbox{storyErr: errors.New("HTTP 404"), hasStory: true}, asks: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, doc := testPage(t, "en")
			st := mapui.NewState(geo.Light)
			st.Resize(800, 600, 1)
			var asked []geo.View
			items := -1
			p.askTiles = func(v geo.View) {
				asked = append(asked, v)
				items = len(doc.el("events").kids)
			}
			p.storyArrived(st, tc.in, func() float64 { return 0 }, func(string, float64, float64) {})
			if len(asked) != tc.asks {
				t.Fatalf("tiles asked for %d times, want %d", len(asked), tc.asks)
			}
			if tc.asks == 0 {
				return
			}
			if asked[0] != st.View() {
				t.Errorf("tiles asked for view %+v, want the story's opening view %+v", asked[0], st.View())
			}
			if items != 0 {
				t.Errorf("the list had %d items when the tiles were asked for, want none (the controls after)", items)
			}
			if got := len(doc.el("events").kids); got != len(tc.in.story.Events) {
				t.Errorf("list has %d items after, want %d", got, len(tc.in.story.Events))
			}
		})
	}
}
