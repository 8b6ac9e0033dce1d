package site

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/paulmach/orb"

	"mapline/geo"
)

const (
	liveJS  = `document.getElementById("live").textContent`
	titleJS = `document.getElementById("card-title").textContent`
	playJS  = `document.getElementById("play").getAttribute("aria-pressed")`
)

func press(t *testing.T, ctx context.Context, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(k)); err != nil {
			t.Fatal(err)
		}
	}
}

func click(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
}

// TestTimelineKeyboard: on the slider ←/→ step event by event, Home/End go
// to the ends, Space plays and pauses; the live region follows each step.
func TestTimelineKeyboard(t *testing.T) {
	s := demo(t)
	n := len(s.Events)
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html", "ready")
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#timeline"))); err != nil {
		t.Fatal(err)
	}
	press(t, ctx, kb.ArrowRight)
	waitText(t, ctx, liveJS, "Event 2 of "+strconv.Itoa(n)+", 12 April 2025: "+s.Events[1].Title)
	press(t, ctx, kb.ArrowRight, kb.ArrowRight)
	waitText(t, ctx, liveJS, s.Events[3].Title)
	press(t, ctx, kb.ArrowLeft)
	waitText(t, ctx, liveJS, s.Events[2].Title)
	press(t, ctx, kb.End)
	waitText(t, ctx, liveJS, s.Events[n-1].Title)
	if got := text(t, ctx, `String(document.getElementById("next").disabled)`); got != "true" {
		t.Errorf("next is enabled at the last event")
	}
	press(t, ctx, kb.Home)
	waitText(t, ctx, liveJS, s.Events[0].Title)
	// Four events share 11 June 2025: stepping still reaches each of them.
	for i := 1; i < n; i++ {
		press(t, ctx, kb.ArrowRight)
		waitText(t, ctx, titleJS, s.Events[i].Title)
	}
	press(t, ctx, kb.Home, " ")
	waitText(t, ctx, playJS, "true")
	press(t, ctx, " ")
	waitText(t, ctx, playJS, "false")
	if got := text(t, ctx, `document.activeElement.id`); got != "timeline" {
		t.Errorf("focus moved to %q", got)
	}
}

// TestPlayStopsAtTheEndOrLoops plays from near the end: the player steps on
// at its pace and stops at the last event; with Loop it starts again.
func TestPlayStopsAtTheEndOrLoops(t *testing.T) {
	s := demo(t)
	n := len(s.Events)
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html#event-"+s.Events[n-2].ID, "ready")
	click(t, ctx, "#more summary")
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#speed"), "2")); err != nil {
		t.Fatal(err)
	}
	text(t, ctx, `document.getElementById("speed").dispatchEvent(new Event("change")), ""`)
	click(t, ctx, "#play")
	waitText(t, ctx, playJS, "true")
	waitLong(t, ctx, titleJS, s.Events[n-1].Title)
	waitLong(t, ctx, playJS, "false")
	// Play at the end starts from the first event; Loop goes round.
	click(t, ctx, "#loop")
	press(t, ctx) // nothing
	text(t, ctx, `document.getElementById("timeline").focus(), ""`)
	press(t, ctx, kb.End)
	waitText(t, ctx, titleJS, s.Events[n-1].Title)
	click(t, ctx, "#play")
	waitText(t, ctx, titleJS, s.Events[0].Title) // pressing play at the end restarts
	click(t, ctx, "#play")                       // pause
	waitText(t, ctx, playJS, "false")
	text(t, ctx, `document.getElementById("timeline").focus(), ""`)
	press(t, ctx, kb.End)
	waitText(t, ctx, titleJS, s.Events[n-1].Title)
	// With loop on, the player runs past the end to the first event.
	press(t, ctx, kb.ArrowLeft)
	waitText(t, ctx, titleJS, s.Events[n-2].Title)
	press(t, ctx, " ")
	waitLong(t, ctx, titleJS, s.Events[n-1].Title)
	waitLong(t, ctx, titleJS, s.Events[0].Title)
	if got := text(t, ctx, playJS); got != "true" {
		t.Errorf("the loop stopped: aria-pressed %s", got)
	}
}

// waitLong waits up to 30 s (a few steps of the player) for a JS expression.
func waitLong(t *testing.T, ctx context.Context, js, want string) {
	t.Helper()
	waitContains(t, ctx, js, want, 30*time.Second)
}

// TestDeepLinkAndHash: #event-<id> opens at that event; the hash follows the
// reader without adding history entries.
func TestDeepLinkAndHash(t *testing.T) {
	s := demo(t)
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html#event-ordered-departure", "ready")
	i := s.Index("ordered-departure")
	waitText(t, ctx, titleJS, s.Events[i].Title)
	hist := text(t, ctx, `String(history.length)`)
	click(t, ctx, "#next")
	waitText(t, ctx, titleJS, s.Events[i+1].Title)
	click(t, ctx, "#next")
	waitText(t, ctx, `location.hash`, "#event-"+s.Events[i+2].ID)
	if got := text(t, ctx, `String(history.length)`); got != hist {
		t.Errorf("history grew from %s to %s entries", hist, got)
	}
	// t= opens at the last event on or before the date.
	open(t, ctx, "/embed.html?t=2025-05-01", "ready")
	waitText(t, ctx, titleJS, s.Events[s.At(geo.Date{T: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC), Precision: geo.Day})].Title)
}

// TestStoryList: the whole story is readable as a list, and choosing an
// event there moves the timeline and the live region.
func TestStoryList(t *testing.T) {
	s := demo(t)
	ctx := tab(t, 1100, 700, 1)
	open(t, ctx, "/embed.html", "ready")
	items := text(t, ctx, `String(document.querySelectorAll("#events li").length)`)
	if items != strconv.Itoa(len(s.Events)) {
		t.Fatalf("the list has %s items, want %d", items, len(s.Events))
	}
	list := text(t, ctx, `document.getElementById("events").innerText`)
	for _, e := range s.Events {
		for _, want := range []string{e.Title, e.Time.String(), e.Source} {
			if !strings.Contains(list, want) {
				t.Errorf("the list lacks %q", want)
			}
		}
	}
	if !strings.Contains(list, "Places: Tehran, Natanz, Fordow") || !strings.Contains(list, "Place: Rome (off this map)") {
		t.Errorf("the list does not name the places: %.300q", list)
	}
	click(t, ctx, `#events li:nth-child(6) button.choose`)
	waitText(t, ctx, liveJS, s.Events[5].Title)
	if got := text(t, ctx, `document.getElementById("timeline").getAttribute("aria-valuetext")`); !strings.Contains(got, s.Events[5].Title) {
		t.Errorf("slider value text %q", got)
	}
	if got := text(t, ctx, `document.querySelector("#events li[aria-current=true] .title").textContent`); got != s.Events[5].Title {
		t.Errorf("current list item %q", got)
	}
	screenshot(t, ctx, "timeline-wide-list")

	// On a phone the list is closed and opens from its button.
	ctx = tab(t, 375, 640, 2)
	open(t, ctx, "/embed.html", "ready")
	if got := text(t, ctx, `String(document.getElementById("story-list").hidden)`); got != "true" {
		t.Errorf("the list is open on a phone")
	}
	click(t, ctx, "#list-toggle")
	waitText(t, ctx, `document.getElementById("list-toggle").getAttribute("aria-expanded")`, "true")
	screenshot(t, ctx, "timeline-phone-list")
}

// TestReducedMotion: with prefers-reduced-motion the story never plays by
// itself (even with autoplay=true) and the camera jumps instead of flying.
func TestReducedMotion(t *testing.T) {
	ctx := tab(t, 800, 650, 1)
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	open(t, ctx, "/embed.html?autoplay=true&view=33.5,43,7", "ready")
	time.Sleep(1500 * time.Millisecond)
	if got := text(t, ctx, playJS); got != "false" {
		t.Errorf("autoplay started under reduced motion")
	}
	// Muscat is far out of this view: the map jumps there at once.
	before := text(t, ctx, `document.documentElement.dataset.view`)
	click(t, ctx, "#next")
	var views []string
	for i := 0; i < 10; i++ {
		views = append(views, text(t, ctx, `document.documentElement.dataset.view`))
		time.Sleep(40 * time.Millisecond)
	}
	moved := 0
	for i := 1; i < len(views); i++ {
		if views[i] != views[i-1] {
			moved++
		}
	}
	if views[len(views)-1] == before || moved > 1 {
		t.Errorf("reduced motion: the view went %s → %v, want one jump", before, views)
	}
	// Without reduced motion, autoplay plays.
	ctx = tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html?autoplay=true", "ready")
	waitText(t, ctx, playJS, "true")
}

// TestPointMode: mode=point shows only the current event's sites.
func TestPointMode(t *testing.T) {
	s := demo(t)
	asad, _ := s.Site("al-asad")
	const q = "/embed.html?view=31,48,5"
	check := func(mode string, wantMarker bool) {
		ctx := tab(t, 800, 650, 1)
		open(t, ctx, q+"&mode="+mode+"#event-talks-round-1", "ready")
		r := canvasRect(t, ctx)
		v := geo.View{Center: orb.Point{48, 31}, Zoom: 5, Width: r.W, Height: r.H}
		p := v.Screen(asad.LonLat)
		img := screenshot(t, ctx, "mode-"+mode)
		got := pixel(img, orb.Point{p[0] + r.X, p[1] + r.Y}, 1)
		has := dist(got, geo.Light.Kinds["military"]) <= markerTolerance
		if has != wantMarker {
			t.Errorf("mode=%s: Al-Asad (a past site) drawn %v, want %v (pixel %v)", mode, has, wantMarker, got)
		}
	}
	check("cumulative", true)
	check("point", false)
}

// TestAxe runs axe-core on the embed page, light and dark, and wants no
// violations.
func TestAxe(t *testing.T) {
	t.Parallel()
	for _, q := range []string{"", "?dark=true"} {
		ctx := tab(t, 1000, 700, 1)
		open(t, ctx, "/embed.html"+q, "ready")
		for _, v := range axeViolations(t, ctx) {
			t.Errorf("axe%s: %s", q, v)
		}
	}
}

// TestMapDescription: the canvas has a name and a description in words.
func TestMapDescription(t *testing.T) {
	t.Parallel()
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html", "ready")
	desc := text(t, ctx, `document.getElementById(document.querySelector("canvas").getAttribute("aria-describedby")).textContent`)
	for _, want := range []string{"7 places", "Al-Asad air base (military site)", "U.S. Embassy Baghdad (embassy)", "list of all events"} {
		if !strings.Contains(desc, want) {
			t.Errorf("map description %q lacks %q", desc, want)
		}
	}
}

// TestSharedLinkReopens: after the reader moves the map and steps on, the
// page's URL holds the event and the view, and opening it shows both.
func TestSharedLinkReopens(t *testing.T) {
	s := demo(t)
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html", "ready")
	r := canvasRect(t, ctx)
	cx, cy := r.X+r.W/2, r.Y+r.H/2
	dragSlowly(t, ctx, cx, cy, 80, 20)
	click(t, ctx, "#next")
	waitText(t, ctx, titleJS, s.Events[1].Title)
	waitText(t, ctx, `location.hash`, "#event-"+s.Events[1].ID+"&view=")
	// Following stopped when the reader moved the map.
	if got := text(t, ctx, `String(document.getElementById("follow").checked)`); got != "false" {
		t.Errorf("the camera still follows after the reader moved the map")
	}
	var view string
	for i := 0; i < 50; i++ { // the hash is written at most every 400 ms
		view = text(t, ctx, `document.documentElement.dataset.view`)
		if strings.HasSuffix(text(t, ctx, `location.hash`), view) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	link := text(t, ctx, `location.pathname + location.search + location.hash`)
	if !strings.HasSuffix(link, view) {
		t.Fatalf("the link %q does not hold the view %q", link, view)
	}
	ctx = tab(t, 800, 650, 1)
	open(t, ctx, link, "ready")
	waitText(t, ctx, titleJS, s.Events[1].Title)
	if got := text(t, ctx, `document.documentElement.dataset.view`); got != view {
		t.Errorf("the shared link opens at %s, want %s", got, view)
	}
}

// TestTimelineClusterMarks: a mark standing for events too close to tell
// apart is a thin mark on the track, not styled as the map's cluster
// buttons (both have the class "cluster").
func TestTimelineClusterMarks(t *testing.T) {
	ctx := tab(t, 800, 650, 1)
	open(t, ctx, "/embed.html", "ready")
	got := text(t, ctx, `[...document.querySelectorAll("#track-marks .mark.cluster")].map(e => getComputedStyle(e).width + " " + getComputedStyle(e).backgroundColor).join("; ")`)
	if got == "" {
		t.Fatal("the demo's track has no cluster mark to check")
	}
	for _, m := range strings.Split(got, "; ") {
		if !strings.HasPrefix(m, "4px ") {
			t.Errorf("a cluster mark on the track is %q, want 4px wide", m)
		}
	}
}

// TestTrackEndsDoNotOverlap: at 375 px, the dates at the timeline's ends
// (the first event's start, the last event's span: a long range with
// times) keep apart, in every language: their boxes, as the browser lays
// them out, neither intersect nor touch (a gap between them on a shared
// line), and neither leaves the panel.
func TestTrackEndsDoNotOverlap(t *testing.T) {
	const trackEndsGap = "8" // px: two dates, not one phrase (embed.css #track-ends gap)
	for _, l := range []string{"en", "fa", "ar", "ckb"} {
		t.Run(l, func(t *testing.T) {
			t.Parallel()
			ctx := tab(t, 375, 720, 1)
			open(t, ctx, "/embed.html?data=testdata/long-ranges.geojson&lang="+l, "ready")
			got := text(t, ctx, `(() => { const a = document.getElementById("timeline-start"), b = document.getElementById("timeline-end"), p = document.getElementById("track-ends").getBoundingClientRect();
				const ra = [...a.getClientRects()], rb = [...b.getClientRects()];
				// Apart: boxes that share a line have trackEndsGap px between them.
				const hit = ra.some(x => rb.some(y => x.top < y.bottom - 0.5 && y.top < x.bottom - 0.5 && x.left < y.right + `+trackEndsGap+` - 0.5 && y.left < x.right + `+trackEndsGap+` - 0.5));
				const out = [...ra, ...rb].some(r => r.left < p.left - 0.5 || r.right > p.right + 0.5);
				return [b.textContent.length > 0, hit, out].join(",") })()`)
			screenshot(t, ctx, "track-ends-"+l+"-phone")
			if got != "true,false,false" {
				t.Errorf("the end dates (text, overlap, outside): %s, want true,false,false (%q | %q)", got,
					text(t, ctx, `document.getElementById("timeline-start").textContent`), text(t, ctx, `document.getElementById("timeline-end").textContent`))
			}
		})
	}
}
