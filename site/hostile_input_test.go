package site

// Browser tests of hostile or odd input to the embed and the host script
// (issue 19): static means no wasm until the reader asks, every load ends
// in ready or error, a bad hash spoils only itself, a story without a title
// drops the placeholder, and embed.js makes embeds only of embed.html.

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// wasmFetched reports whether the tab has asked for a .wasm.
func (w *watch) wasmFetched() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, u := range w.requests {
		if strings.Contains(u, ".wasm") {
			return true
		}
	}
	return false
}

// consoleOf records what the tab's scripts write to the console with
// console.warn and console.error.
func consoleOf(t *testing.T, ctx context.Context) func() string {
	t.Helper()
	var mu sync.Mutex
	var lines []string
	if err := chromedp.Listen(ctx, func(ev any) {
		e, ok := ev.(*runtime.EventConsoleAPICalled)
		if !ok || (e.Type != runtime.ConsoleAPICalledTypeWarning && e.Type != runtime.ConsoleAPICalledTypeError) {
			return
		}
		var parts []string
		for _, a := range e.Args {
			parts = append(parts, strings.Trim(string(a.Value), `"`))
		}
		mu.Lock()
		lines = append(lines, strings.Join(parts, " "))
		mu.Unlock()
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	return func() string { mu.Lock(); defer mu.Unlock(); return strings.Join(lines, "\n") }
}

// TestStaticMeansNoWasm: with static or static=click, whatever else the
// link says (another language, a time, a view, static=1) and whatever the
// host's embed.js says when the embed comes near, the wasm is not
// requested until the reader clicks the button; the click loads the map.
func TestStaticMeansNoWasm(t *testing.T) {
	for _, tc := range []struct {
		name, path string
		accept     string // the browser's languages, "" for the default
	}{
		{"click-ar", "/embed.html?static=click&lang=ar", ""},
		{"click-fa", "/embed.html?static=click&lang=fa", ""},
		{"click-ckb", "/embed.html?static=click&lang=ckb", ""},
		{"click-browser-ar", "/embed.html?static=click", "ar,en;q=0.5"},
		{"click-t", "/embed.html?static=click&t=2025-06-11", ""},
		{"click-view", "/embed.html?static=click&view=33,44,6", ""},
		{"static-1", "/embed.html?static=1", ""},
		{"static-fa-view", "/embed.html?static&lang=fa&view=33,44,6", ""},
		{"click-host-script", "/testdata/embedjs-host.html?src=" + "%2Fembed.html%3Fstatic%3Dclick%26lang%3Dar", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := tab(t, 900, 650, 1)
			if tc.accept != "" {
				if _, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
					UserAgent: "Mozilla/5.0 mapline-test", AcceptLanguage: tc.accept}); err != nil {
					t.Fatal(err)
				}
			}
			w := watchTab(t, ctx)
			navigate(t, ctx, tc.path)
			doc := "document"
			if strings.HasPrefix(tc.path, "/testdata/") {
				doc = `document.querySelector("iframe")?.contentDocument`
			}
			waitText(t, ctx, `(`+doc+`?.documentElement?.dataset.load ?? "") + (`+doc+`?.readyState ?? "")`, "waitingcomplete")
			time.Sleep(1500 * time.Millisecond) // nothing starts by itself, nor from the host's "load"
			if w.wasmFetched() {
				t.Fatalf("%s: the wasm was requested before the reader asked", tc.path)
			}
			if tc.name == "static-1" { // the poster alone, as asked: no button
				if got := text(t, ctx, `String(document.getElementById("load-map").hidden)`); got != "true" {
					t.Errorf("static=1 with its poster shows a button")
				}
				return
			}
			if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](doc+`.getElementById("load-map").click()`)); err != nil {
				t.Fatal(err)
			}
			waitContains(t, ctx, doc+`.documentElement.dataset.mapline`, "ready", 60*time.Second)
			if !w.wasmFetched() {
				t.Error("the map is ready without the wasm?")
			}
		})
	}
}

// TestStoryWithoutTitle: once a story without a title is loaded, the title
// bar holds no placeholder ("Loading the story…" or its translation), and
// shows nothing: the map takes its room.
func TestStoryWithoutTitle(t *testing.T) {
	for _, q := range []string{"", "&lang=fa"} {
		t.Run("lang"+q, func(t *testing.T) {
			ctx := tab(t, 900, 650, 1)
			open(t, ctx, "/embed.html?data=testdata/untitled.geojson"+q, "ready")
			time.Sleep(500 * time.Millisecond) // the message file may come after the map
			got := text(t, ctx, `(() => { const h = document.getElementById("story-title"); return h.hidden ? "(hidden)" : h.textContent; })()`)
			if got != "(hidden)" && strings.TrimSpace(got) != "" {
				t.Errorf("title bar %q after the story without a title is ready", got)
			}
			// Nothing at all: no empty heading, no empty bar over the map.
			waitText(t, ctx, `String(document.getElementById("head").offsetHeight)`, "0")
		})
	}
}

// TestEmptyStory: a story with no events ends in an error that says so,
// and the host hears it; it never stays loading.
func TestEmptyStory(t *testing.T) {
	for _, name := range []string{"empty", "sites-only"} {
		t.Run(name, func(t *testing.T) {
			ctx := tab(t, 900, 650, 1)
			navigate(t, ctx, "/testdata/embedjs-host.html?src="+"%2Fembed.html%3Fdata%3Dtestdata%2F"+name+".geojson%26lazy%3Dfalse")
			frame := `document.querySelector("iframe")?.contentDocument?.documentElement?.dataset.mapline ?? ""`
			waitContains(t, ctx, frame, "error", 60*time.Second)
			waitText(t, ctx, `document.querySelector("iframe").contentDocument.getElementById("map-note").textContent`, "no events")
			waitText(t, ctx, `window.heard.join(" ")`, "error")
			if got := text(t, ctx, `document.querySelector("iframe").contentDocument.getElementById("loader").hidden + ""`); got != "true" {
				t.Error("the progress bar stays")
			}
		})
	}
}

// TestHashInBrowser: a hash with a bad escape opens the story (what can be
// read of the hash counts, the rest is named in the console), and an event
// whose id has %, + and & makes a hash that opens on it again.
func TestHashInBrowser(t *testing.T) {
	t.Run("bad-escape", func(t *testing.T) {
		ctx := tab(t, 900, 650, 1)
		console := consoleOf(t, ctx)
		open(t, ctx, "/embed.html?lazy=false#event-ordered-departure&view=%zz", "ready")
		if got := text(t, ctx, `document.documentElement.dataset.event`); got != "ordered-departure" {
			t.Errorf("event %q, want ordered-departure from the hash", got)
		}
		waitUntil(t, ctx, "a console warning naming the bad part", func() bool { return strings.Contains(console(), "#view") })
	})
	t.Run("odd-ids", func(t *testing.T) {
		ctx := tab(t, 900, 650, 1)
		open(t, ctx, "/embed.html?lazy=false&data=testdata/odd-ids.geojson", "ready")
		for _, id := range []string{"50%+a&b=c", "two words#x"} {
			click(t, ctx, "#next")
			waitText(t, ctx, `document.documentElement.dataset.event`, id)
			waitText(t, ctx, `(() => { try { return decodeURIComponent(location.hash.slice(7).replace(/\+/g, " ")) === `+jsString(id)+` ? "written" : location.hash; } catch (e) { return location.hash; } })()`, "written")
			link := text(t, ctx, `location.pathname + location.search + location.hash`)
			if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil { // a new load, not a jump in the page
				t.Fatal(err)
			}
			open(t, ctx, link, "ready")
			if got := text(t, ctx, `document.documentElement.dataset.event`); got != id {
				t.Errorf("the link %s opens on %q, want %q", link, got, id)
			}
		}
	})
}

// jsString quotes s as a JavaScript string literal (for plain ASCII).
func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// TestHostScriptRefuses: embed.js makes embeds only of embed.html on its
// own origin or on the origins its script element lists (data-origins); a
// javascript: or data: address, another page, another origin stay inert
// placeholders with a console warning. An adopted embed's iframe that comes
// to hold a page of another origin is not obeyed.
func TestHostScriptRefuses(t *testing.T) {
	if skipWhy != "" {
		t.Skip(skipWhy)
	}
	other := strings.Replace(baseURL, "127.0.0.1", "localhost", 1) // the same server, another origin
	if other == baseURL {
		t.Fatalf("the test server %s is not on 127.0.0.1", baseURL)
	}
	refused := []string{
		"javascript:parent.__pwned=1",
		" JaVaScRiPt:parent.__pwned=2",
		"java\tscript:parent.__pwned=3",
		"data:text/html,<script>parent.postMessage({mapline:1,type:'height',height:4000},'*')</script>",
		"/testdata/intruder.html",
		"/embed.html.evil/x",
		other + "/embed.html",
		"//localhost:1/embed.html",
		"about:blank",
	}
	for _, tc := range []struct {
		name, origins string
		accepted      []string
		refused       []string
	}{
		{"own-origin", "", []string{"/embed.html?static=1", baseURL + "/embed.html?static=1"}, refused},
		{"listed-origin", other + " https://maps.example.org", []string{other + "/embed.html?static=1"}, refused[:6]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := tab(t, 900, 650, 1)
			w := watchTab(t, ctx)
			console := consoleOf(t, ctx)
			q := "?origins=" + queryEscape(tc.origins)
			for _, s := range append(append([]string(nil), tc.accepted...), tc.refused...) {
				q += "&src=" + queryEscape(s)
			}
			navigate(t, ctx, "/testdata/embedjs-host.html"+q)
			waitText(t, ctx, `String(!!(window.mapline && window.mapline.version))`, "true")
			time.Sleep(time.Second) // what would run has run
			for i, s := range tc.accepted {
				js := `String(document.querySelectorAll("#embed-` + itoa(i) + ` iframe").length)`
				if got := text(t, ctx, js); got != "1" {
					t.Errorf("%s: %s iframes, want the embed", s, got)
				}
			}
			for j, s := range tc.refused {
				i := len(tc.accepted) + j
				if got := text(t, ctx, `String(document.querySelectorAll("#embed-`+itoa(i)+` iframe").length + " " + (mapline.get("#embed-`+itoa(i)+`") === null))`); got != "0 true" {
					t.Errorf("%q: iframes and not adopted %q, want %q", s, got, "0 true")
				}
			}
			if got := text(t, ctx, `String(window.__pwned)`); got != "undefined" {
				t.Errorf("a data-src ran script on the host page: __pwned = %s", got)
			}
			if d := w.opened(); len(d) > 0 {
				t.Errorf("dialogs: %q", d)
			}
			if got := text(t, ctx, `window.heard.join(" ")`); strings.Contains(got, "height") && text(t, ctx, `String(Math.max(...[...document.querySelectorAll("iframe")].map(f => f.getBoundingClientRect().height)))`) == "4000" {
				t.Errorf("a refused embed's height message was obeyed")
			}
			log := console()
			if n := strings.Count(log, "mapline: refused"); n != len(tc.refused) {
				t.Errorf("%d console warnings of a refusal, want %d:\n%s", n, len(tc.refused), log)
			}
		})
	}
	t.Run("another-origin-in-the-frame", func(t *testing.T) {
		ctx := tab(t, 900, 650, 1)
		navigate(t, ctx, "/testdata/embedjs-host.html?src="+queryEscape("/embed.html?static=1"))
		waitText(t, ctx, `String(document.querySelectorAll("#embed-0 iframe").length)`, "1")
		height := `String(document.querySelector("#embed-0 iframe").getBoundingClientRect().height)`
		waitUntil(t, ctx, "the embed's height", func() bool { return text(t, ctx, `window.heard.join(" ")`) != "" })
		h0 := text(t, ctx, height)
		// The iframe now holds a page of another origin that speaks the protocol.
		src := `window.evilHeard = 0;
			window.addEventListener("message", e => { if (e.data && e.data.height === 4000) window.evilHeard++; });
			document.querySelector("#embed-0 iframe").src = ` + jsString(other+"/testdata/evil-height.html")
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
			t.Fatal(err)
		}
		waitText(t, ctx, `String(window.evilHeard)`, "5") // the page heard all five
		if got := text(t, ctx, height); got != h0 {
			t.Errorf("the iframe's height went from %s to %s on messages from another origin", h0, got)
		}
	})
}

func itoa(i int) string { return strconv.Itoa(i) }

func queryEscape(s string) string { return url.QueryEscape(s) }

// TestStoryPastALimit: a story with an event whose title is 50,000
// combining marks (it blocked the page for 43 s) loads the rest and ends in
// an error that names the feature and the field.
func TestStoryPastALimit(t *testing.T) {
	ctx := tab(t, 900, 650, 1)
	open(t, ctx, "/embed.html?lazy=false&data=testdata/combining-title.geojson", "error")
	waitText(t, ctx, `document.getElementById("map-note").textContent`, `feature 1 ("zalgo"): properties.title: has more than 8 combining marks in a row`)
	// The rest of the story is there, and the page answers.
	waitText(t, ctx, `document.documentElement.hasAttribute("data-drawn") + " " + document.getElementById("card-title").textContent`, "true Talks in Muscat")
}
