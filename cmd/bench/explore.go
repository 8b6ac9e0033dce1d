package main

// The search of a large story (wasm/explore_js.go): the time from a
// keystroke in the search box to the map and the list updated, at 10,000
// and 100,000 events. It runs after the other measures, in a browser of its
// own, and adds its table to the report's Markdown and its figures to a
// JSON file of their own (main.go's -explore).

import (
	"encoding/json"
	"fmt"
	"io"
	"log"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// exploreQueries are typed one character at a time and taken back the same
// way: every prefix is a keystroke (but one ending in a space, which
// searches as the prefix before it and changes nothing).
var exploreQueries = []string{"event 42", "site 17"}

// exploreKeys are the box's contents after each keystroke.
func exploreKeys() []string {
	var keys []string
	for _, q := range exploreQueries {
		r := []rune(q)
		var up, down []string
		for i := 1; i <= len(r); i++ {
			if r[i-1] != ' ' {
				up = append(up, string(r[:i]))
			}
		}
		for i := len(up) - 2; i >= 0; i-- {
			down = append(down, up[i])
		}
		keys = append(keys, up...)
		keys = append(keys, down...)
		keys = append(keys, "") // the box emptied: the whole story again
	}
	return keys
}

// exploreResult is one story's keystrokes, in ms from the input event to
// the frame after the one that drew the map and wrote the list.
type exploreResult struct {
	Story string    `json:"story"`
	Keys  int       `json:"keys"`
	P95   float64   `json:"p95"`
	Stat  stat      `json:"ms"`
	Times []float64 `json:"times"`
}

// typeJS types each of keys into the search box (setting its value and
// firing input, as a keystroke does) and waits for the page to write the
// matches' count on the root (data-matches: set when the list is written,
// in the frame that draws the map), then for the next frame.
const typeJS = `(async keys => {
  const box = document.getElementById("search"), root = document.documentElement;
  if (!box || document.getElementById("explore").hidden) throw new Error("the search box does not show (story " + root.dataset.event + ")");
  const out = [];
  for (const k of keys) {
    const seen = new Promise(res => {
      const mo = new MutationObserver(() => { mo.disconnect(); res(); });
      mo.observe(root, {attributes: true, attributeFilter: ["data-matches"]});
    });
    const t0 = performance.now();
    box.value = k;
    box.dispatchEvent(new Event("input", {bubbles: true}));
    await Promise.race([seen, new Promise((_, no) => setTimeout(() => no(new Error("no update for " + JSON.stringify(k))), 30000))]);
    await new Promise(r => requestAnimationFrame(() => r()));
    out.push(performance.now() - t0);
    await new Promise(r => setTimeout(r, 60));
  }
  return out;
})`

// measureExplore loads each generated story runs times and types
// exploreKeys into its search box.
func measureExplore(cfg config) ([]exploreResult, error) {
	var stories []*story
	for _, s := range cfg.stories {
		if s.Events > 0 {
			if s.raw == nil {
				s.generate()
			}
			stories = append(stories, s)
		}
	}
	if len(stories) == 0 {
		return nil, nil
	}
	base, stop, err := serve(cfg.dist, cfg.wasm, stories, nil)
	if err != nil {
		return nil, err
	}
	defer stop()
	b, err := newBrowser(cfg.chromium)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	keys, _ := json.Marshal(exploreKeys())
	var out []exploreResult
	for _, s := range stories {
		r := exploreResult{Story: s.Name}
		for i := range cfg.runs {
			ctx, done, err := b.tab(cfg.viewport, 15*time.Minute)
			if err != nil {
				return nil, err
			}
			err = chromedp.Do(ctx, chromedp.Navigate(s.url(base)))
			if err == nil {
				err = waitReady(ctx, 5*time.Minute)
			}
			if err == nil {
				_, err = settle(ctx, time.Second, 30*time.Second)
			}
			var times []float64
			if err == nil {
				times, err = chromedp.Run(ctx, chromedp.Evaluate[[]float64](typeJS+"("+string(keys)+")", chromedp.EvalAwaitPromise))
			}
			done()
			if err != nil {
				return nil, fmt.Errorf("explore %s run %d: %v", s.Name, i+1, err)
			}
			r.Times = append(r.Times, times...)
		}
		r.Keys, r.Stat, r.P95 = len(r.Times), summarize(r.Times), pct(r.Times, 95)
		log.Printf("explore %-5s: %d keystrokes, keystroke to map and list %s ms, p95 %.0f ms", s.Name, r.Keys, ms(r.Stat), r.P95)
		out = append(out, r)
	}
	return out, nil
}

// exploreSection is the report's table of the search.
func exploreSection(rs []exploreResult) string {
	var b strings.Builder
	b.WriteString("\n## Search in a large story\n\n")
	fmt.Fprintf(&b, "From a keystroke in the search box to the map and the list updated (the frame after the one that drew them), typing %q and %q one character at a time and taking them back. ms.\n\n", exploreQueries[0], exploreQueries[1])
	b.WriteString("| story | keystrokes | median (min–max) | p95 |\n|---|---|---|---|\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "| %s | %d | %s | %.0f |\n", r.Story, r.Keys, ms(r.Stat), r.P95)
	}
	return b.String()
}

// writeExplore prints the search's table, puts it in the Markdown report
// (md, "" for none) and writes its figures as JSON (jsonName, "" for none).
func writeExplore(stdout io.Writer, rs []exploreResult, md, jsonName string) error {
	if len(rs) == 0 {
		return nil
	}
	return writeSection(stdout, exploreSection(rs), rs, md, jsonName)
}
