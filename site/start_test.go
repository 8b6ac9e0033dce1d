package site

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestStoryComesBesideTheWasm: nothing waits in series that could run
// together. The story is requested while the wasm is still on its way
// (frame.js asks for it beside the wasm), not once the wasm runs, and only
// once: the map takes that response.
func TestStoryComesBesideTheWasm(t *testing.T) {
	for _, tc := range []struct{ name, page, story string }{
		{"demo", "/embed.html", "story.geojson"},
		{"data-on-this-site", "/embed.html?data=synth/100.geojson", "100.geojson"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := tab(t, 800, 650, 1)
			if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
				t.Fatal(err)
			}
			var mu sync.Mutex
			var log []string // "sent NAME" and "done NAME", in the order they happen
			names := map[network.RequestID]string{}
			if err := chromedp.Listen(ctx, func(ev any) {
				mu.Lock()
				defer mu.Unlock()
				switch ev := ev.(type) {
				case *network.EventRequestWillBeSent:
					u, _ := url.Parse(ev.Request.URL)
					name := path.Base(u.Path)
					if strings.HasSuffix(name, ".wasm") {
						name = "wasm"
					}
					names[ev.RequestID] = name
					log = append(log, "sent "+name)
				case *network.EventLoadingFinished:
					log = append(log, "done "+names[ev.RequestID])
				}
			}); err != nil {
				t.Fatal(err)
			}
			open(t, ctx, tc.page, "ready")
			mu.Lock()
			defer mu.Unlock()
			sent, wasmDone := -1, slices.Index(log, "done wasm")
			n := 0
			for i, e := range log {
				if e == "sent "+tc.story {
					n++
					if sent < 0 {
						sent = i
					}
				}
			}
			if wasmDone < 0 || sent < 0 || sent > wasmDone || n != 1 {
				t.Errorf("the story %s: requested %d times, first at %d; the wasm loaded at %d; want one request before the wasm has loaded:\n%s",
					tc.story, n, sent, wasmDone, fmt.Sprint(log))
			}
		})
	}
}
