package site

// Page loads per test: the browser tests' time is mostly page loads (an
// embed compiles the wasm and starts Go on each), so a -v run ends with
// how many each test made, the most first. Counted from the browser's own
// events, whatever helper navigated.

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// loads counts, per top-level test, the documents its tabs loaded: every
// frame's navigation (a host page's iframe is a load of its own), and of
// them the embeds (embed.html, in a tab or an iframe).
var loads struct {
	sync.Mutex
	pages, embeds map[string]int
}

// countLoads counts the navigations of the tab in ctx under t's top-level
// test.
func countLoads(t *testing.T, ctx context.Context) {
	name, _, _ := strings.Cut(t.Name(), "/")
	err := chromedp.Listen(ctx, func(ev any) {
		nav, ok := ev.(*page.EventFrameNavigated)
		if !ok || nav.Frame == nil {
			return
		}
		loads.Lock()
		defer loads.Unlock()
		if loads.pages == nil {
			loads.pages, loads.embeds = map[string]int{}, map[string]int{}
		}
		loads.pages[name]++
		if strings.Contains(nav.Frame.URL, "/embed.html") {
			loads.embeds[name]++
		}
	})
	if err != nil {
		t.Fatalf("counting the page loads: %v", err)
	}
}

// printLoads writes the counts to stderr, the most loads first.
func printLoads() {
	loads.Lock()
	defer loads.Unlock()
	names := make([]string, 0, len(loads.pages))
	total, embeds := 0, 0
	for n, c := range loads.pages {
		names = append(names, n)
		total += c
		embeds += loads.embeds[n]
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := names[i], names[j]
		if loads.pages[a] != loads.pages[b] {
			return loads.pages[a] > loads.pages[b]
		}
		return a < b
	})
	fmt.Fprintf(os.Stderr, "page loads: %d in %d tests (%d of embed.html)\n", total, len(names), embeds)
	for _, n := range names {
		fmt.Fprintf(os.Stderr, "page loads: %4d %4d embed  %s\n", loads.pages[n], loads.embeds[n], n)
	}
}
