package site

import (
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestLongStoryList: a story of more events than the list shows whole lists
// a window of them round the current event, says which, and has buttons for
// the events before and after; the window follows the timeline, and a button
// with nothing more to show hands the focus to the event next to it.
func TestLongStoryList(t *testing.T) {
	ctx := tab(t, 1280, 800, 1)
	open(t, ctx, "/embed.html?data=/synth/400.geojson", "ready")
	const (
		itemsJS   = `String(document.querySelectorAll("#events li").length)`
		rangeJS   = `document.getElementById("events-range").hidden ? "hidden" : document.getElementById("events-range").textContent`
		laterJS   = `document.getElementById("events-later").hidden ? "hidden" : document.getElementById("events-later").textContent`
		earlierJS = `document.getElementById("events-earlier").hidden ? "hidden" : document.getElementById("events-earlier").textContent`
		currentJS = `(document.querySelector("#events li[aria-current=true]") || {getAttribute() { return "none" }}).getAttribute("aria-posinset")`
		firstJS   = `document.querySelector("#events li").getAttribute("aria-posinset") + "/" + document.querySelector("#events li").getAttribute("aria-setsize")`
		focusJS   = `document.activeElement.closest("li") ? "item " + document.activeElement.closest("li").getAttribute("aria-posinset") : document.activeElement.id`
	)
	waitText(t, ctx, currentJS, "1")
	for _, c := range []struct{ js, want string }{
		{itemsJS, "50"}, {rangeJS, "Events 1–50 of 400"}, {earlierJS, "hidden"}, {laterJS, "Show 50 later events"}, {firstJS, "1/400"},
	} {
		if got := text(t, ctx, c.js); got != c.want {
			t.Errorf("at the start: %s = %q, want %q", c.js, got, c.want)
		}
	}

	// The last event: the window moves to the end.
	click(t, ctx, "#timeline")
	press(t, ctx, kb.End)
	waitText(t, ctx, currentJS, "400")
	for _, c := range []struct{ js, want string }{
		{itemsJS, "50"}, {rangeJS, "Events 351–400 of 400"}, {laterJS, "hidden"}, {earlierJS, "Show 50 earlier events"},
	} {
		if got := text(t, ctx, c.js); got != c.want {
			t.Errorf("at the end: %s = %q, want %q", c.js, got, c.want)
		}
	}

	screenshot(t, ctx, "list-long-desktop")

	// Dragging the slider across the story: the list catches up once the
	// slider rests, and holds the event on show.
	for _, at := range []float64{0.1, 0.5} {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
			const s = document.getElementById("timeline");
			s.value = String(Math.round(s.max * `+strconv.FormatFloat(at, 'f', 2, 64)+`));
			s.dispatchEvent(new Event("input", {bubbles: true}));
			return true })()`)); err != nil {
			t.Fatal(err)
		}
		time.Sleep(30 * time.Millisecond)
	}
	var want string
	for end := time.Now().Add(15 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		// The slider's value text names the event: "(event i of 400)".
		m := eventOf.FindStringSubmatch(text(t, ctx, `document.getElementById("timeline").getAttribute("aria-valuetext")`))
		if m != nil && m[1] != "400" {
			want = m[1]
			break
		}
	}
	if want == "" {
		t.Fatal("the slider did not move the story")
	}
	waitText(t, ctx, currentJS, want)
	i, _ := strconv.Atoi(want)
	if i < 100 || i > 300 {
		t.Errorf("half way along the slider is event %d of 400", i)
	}
	if got := text(t, ctx, itemsJS); got != "50" {
		t.Errorf("after the drag the list has %s items, want 50", got)
	}

	// Later events, a page at a time, until there are none: the focus stays
	// on the button, then goes to the last event.
	press(t, ctx, kb.Home)
	waitText(t, ctx, currentJS, "1")
	for hi := 100; hi <= 400; hi += 50 {
		click(t, ctx, "#events-later")
		if hi == 400 { // the whole story: no range to tell
			waitText(t, ctx, rangeJS, "hidden")
			break
		}
		waitText(t, ctx, rangeJS, "Events 1–"+strconv.Itoa(hi)+" of 400")
		{
			if got := text(t, ctx, focusJS); got != "events-later" {
				t.Fatalf("after showing events up to %d the focus is on %q", hi, got)
			}
		}
	}
	waitText(t, ctx, laterJS, "hidden")
	waitText(t, ctx, focusJS, "item 400")
	if got := text(t, ctx, itemsJS); got != "400" {
		t.Errorf("widened to the whole story: %s items", got)
	}
	// The list's choice still works, and the window stays.
	click(t, ctx, `#events li:nth-child(10) button.choose`)
	waitText(t, ctx, currentJS, "10")
	if got := text(t, ctx, itemsJS); got != "400" {
		t.Errorf("after a choice: %s items", got)
	}
}

// TestLongStoryListPhone: on a phone, in the dark, the list of a long story
// opens from its button with the range and the buttons in reach.
func TestLongStoryListPhone(t *testing.T) {
	ctx := tab(t, 375, 700, 2)
	open(t, ctx, "/embed.html?data=/synth/400.geojson&dark=true", "ready")
	click(t, ctx, "#list-toggle")
	waitText(t, ctx, `String(!document.getElementById("story-list").hidden)`, "true")
	waitText(t, ctx, `document.getElementById("events-later").textContent`, "Show 50 later events")
	if got := text(t, ctx, `String(document.getElementById("events-later").getBoundingClientRect().width > 300)`); got != "true" {
		t.Errorf("the later button is not the list's width")
	}
	screenshot(t, ctx, "list-long-phone-dark")
}

var eventOf = regexp.MustCompile(`event (\d+) of 400`)
