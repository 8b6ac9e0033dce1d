package site

// Text from data is always text: a story full of script, markup and
// javascript: payloads (testdata/hostile.geojson) shows them as literal text
// and runs nothing.

import (
	"context"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"mapline/geo"
)

// watch records, from now on, every request the tab makes and every dialog
// it opens (closing each, so that the page goes on).
type watch struct {
	mu       sync.Mutex
	requests []string
	dialogs  []string
}

func watchTab(t *testing.T, ctx context.Context) *watch {
	t.Helper()
	w := &watch{}
	reqs := chromedp.Events(ctx, network.RequestWillBeSent)
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range reqs {
			if err != nil {
				return
			}
			w.mu.Lock()
			w.requests = append(w.requests, ev.Request.URL)
			w.mu.Unlock()
		}
	}()
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			w.mu.Lock()
			w.dialogs = append(w.dialogs, string(ev.Type)+": "+ev.Message)
			w.mu.Unlock()
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	return w
}

// foreign is every request that left the test server's origin. data: and
// blob: URLs are not requests to anyone.
func (w *watch) foreign() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for _, u := range w.requests {
		if !strings.HasPrefix(u, baseURL+"/") && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
			out = append(out, u)
		}
	}
	return out
}

func (w *watch) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.requests)
}

func (w *watch) opened() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.dialogs...)
}

// hostileJS checks the page for what a payload would leave if it had been
// read as HTML: the sentinel global, elements with event handlers, frames,
// inline scripts, links other than http(s) or without noopener noreferrer.
const hostileJS = `JSON.stringify({
	pwned: typeof window.__pwned === "undefined" ? "" : String(window.__pwned),
	handlers: document.querySelectorAll("[onerror],[onload],[onmouseover],[onclick]").length,
	frames: document.querySelectorAll("iframe,object,embed,svg foreignObject").length,
	inlineScripts: [...document.scripts].filter(s => !s.src).length,
	styles: document.querySelectorAll("body style").length,
	badLinks: [...document.querySelectorAll("a[href]")].filter(a => !(/^https?:$/.test(a.protocol) &&
		(a.origin === location.origin || (a.relList.contains("noopener") && a.relList.contains("noreferrer") && a.target === "_blank")))).map(a => a.outerHTML),
	links: [...document.querySelectorAll("a[href]")].filter(a => a.origin !== location.origin && a.hostname !== "www.naturalearthdata.com").map(a => a.href),
})`

type hostileState struct {
	Pwned         string
	Handlers      int
	Frames        int
	InlineScripts int
	Styles        int
	BadLinks      []string
	Links         []string
}

func TestHostileStory(t *testing.T) {
	raw, err := os.ReadFile("testdata/hostile.geojson")
	if err != nil {
		t.Fatal(err)
	}
	s, err := geo.Load(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatalf("the hostile story must load without problems, to reach the page whole: %v", err)
	}
	for _, size := range []struct {
		name      string
		w, h      int64
		dark      bool
		checkText bool
	}{
		{"desktop-light", 1100, 700, false, true},
		{"phone-dark", 375, 700, true, false},
	} {
		t.Run(size.name, func(t *testing.T) {
			ctx := tab(t, size.w, size.h, 1)
			w := watchTab(t, ctx)
			q := "/embed.html?data=testdata/hostile.geojson"
			if size.dark {
				q += "&dark=true"
			}
			open(t, ctx, q, "ready")
			// Step through every event, so each card is filled once.
			for i := 1; i < len(s.Events); i++ {
				click(t, ctx, "#next")
				waitText(t, ctx, `document.getElementById("live").textContent`, "Event "+strconv.Itoa(i+1)+" of")
			}
			// A site's popup: back to the event at both sites, then click
			// the site with the markup in its name once the camera has
			// settled.
			click(t, ctx, "#prev")
			waitText(t, ctx, `document.getElementById("live").textContent`, "Event "+strconv.Itoa(len(s.Events)-1)+" of")
			var v geo.View
			for end := time.Now().Add(15 * time.Second); ; time.Sleep(300 * time.Millisecond) {
				a := text(t, ctx, `document.documentElement.dataset.view`)
				time.Sleep(300 * time.Millisecond)
				if b := text(t, ctx, `document.documentElement.dataset.view`); a == b || time.Now().After(end) {
					break
				}
			}
			r := canvasRect(t, ctx)
			v = currentView(t, ctx, r)
			site, _ := s.Site("site-svg")
			p := v.Screen(site.LonLat)
			if p[0] < 0 || p[1] < 0 || p[0] > r.W || p[1] > r.H {
				t.Fatalf("site %q at %v is off the map (%+v)", site.ID, p, r)
			}
			if err := chromedp.Do(ctx, chromedp.MouseClickXY(p[0]+r.X, p[1]+r.Y)); err != nil {
				t.Fatal(err)
			}
			waitText(t, ctx, `document.getElementById("popup").hidden ? "" : document.getElementById("popup").textContent`, site.Name)
			screenshot(t, ctx, "hostile-popup-"+size.name)
			if got := text(t, ctx, `document.querySelectorAll("#popup *").length > 0 && document.getElementById("popup").querySelectorAll("svg[onload], b, img, script, iframe").length + ""`); got != "0" {
				t.Errorf("the popup has elements made from the data: %s", got)
			}
			text(t, ctx, `document.dispatchEvent(new KeyboardEvent("keydown", {key: "Escape"})), ""`)

			// Open the list of events too (the text alternative), on a
			// phone from its button; wide embeds show it beside the map.
			if text(t, ctx, `String(document.getElementById("story-list").hidden)`) == "true" {
				click(t, ctx, "#list-toggle")
				waitText(t, ctx, `String(document.getElementById("story-list").hidden)`, "false")
			}
			screenshot(t, ctx, "hostile-"+size.name)

			var st hostileState
			if err := json.Unmarshal([]byte(text(t, ctx, hostileJS)), &st); err != nil {
				t.Fatal(err)
			}
			if st.Pwned != "" {
				t.Errorf("a payload ran: window.__pwned = %q", st.Pwned)
			}
			if d := w.opened(); len(d) > 0 {
				t.Errorf("dialogs opened: %q", d)
			}
			if st.Handlers+st.Frames+st.InlineScripts+st.Styles > 0 {
				t.Errorf("markup from the data became elements: %+v", st)
			}
			if len(st.BadLinks) > 0 {
				t.Errorf("links that are not http(s) with rel=noopener noreferrer and target=_blank: %q", st.BadLinks)
			}
			// The only link out (besides the page's own credit to Natural
			// Earth) is the one http(s) source.
			// (in the card, the list and the popup).
			for _, l := range st.Links {
				if !strings.HasPrefix(l, "https://example.org/") {
					t.Errorf("a link out of the page to %q, want only the https source", l)
				}
			}
			if len(st.Links) == 0 {
				t.Error("the https source is not a link")
			}
			if f := w.foreign(); len(f) > 0 {
				t.Errorf("requests outside the page's origin: %q", f)
			}
			if !size.checkText {
				return
			}
			// The payloads are there, as text.
			page := text(t, ctx, `document.body.textContent`)
			want := []string{s.Title}
			for _, e := range s.Events {
				want = append(want, e.Title)
				if e.Place != "" {
					want = append(want, e.Place)
				}
			}
			for _, st := range s.Sites {
				want = append(want, st.Name)
			}
			for _, e := range s.Events {
				if !strings.HasPrefix(e.Source, "https://") {
					want = append(want, e.Source)
				}
			}
			for _, p := range want {
				if !strings.Contains(page, p) {
					t.Errorf("the page does not show %q as text", p)
				}
			}
			// The error-free story also tells the reader so.
			if got := text(t, ctx, `document.documentElement.dataset.mapline`); got != "ready" {
				t.Errorf("data-mapline = %q", got)
			}
		})
	}
}
