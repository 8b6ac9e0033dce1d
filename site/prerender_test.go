package site

import (
	"os"
	"strings"
	"testing"

	"mapline/geo"
)

func loadDemo(t *testing.T) *geo.Story {
	t.Helper()
	f, err := os.Open("data/story.geojson")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := geo.Load(f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPrerender(t *testing.T) {
	page, err := os.ReadFile("embed.html")
	if err != nil {
		t.Fatal(err)
	}
	s := loadDemo(t)
	out, err := Prerender(page, s, 0, []byte(`<svg id="poster-svg"></svg>`))
	if err != nil {
		t.Fatal(err)
	}
	html := string(out)
	for _, want := range []string{
		`<h1 id="story-title" data-prerendered="story" data-msg="story.loading"><!--m:title-->U.S. orders diplomats out of Iraq amid nuclear talks with Iran<!--/m--></h1>`,
		`<h2 id="card-title">` + s.Events[0].Title + `</h2>`,
		`<li id="event-talks-round-6"><button class="choose" type="button" data-index="11">`,
		`<p class="places">Place: Rome (off this map)</p>`,
		`<div id="poster"><!--m:poster--><svg id="poster-svg"></svg><!--/m--></div>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if n := strings.Count(html, `<button class="choose"`); n != len(s.Events) {
		t.Errorf("%d events in the list, want %d", n, len(s.Events))
	}
	// Prerendering a prerendered page changes nothing.
	again, err := Prerender(out, s, 0, []byte(`<svg id="poster-svg"></svg>`))
	if err != nil || string(again) != html {
		t.Errorf("a second prerender changed the page (err %v)", err)
	}
	// Every id of the page is still there for the map to write into.
	for _, id := range []string{"card-date", "card-title", "card-desc", "card-places", "card-source", "events", "timeline-start", "timeline-end"} {
		if strings.Count(html, `id="`+id+`"`) != 1 {
			t.Errorf("id %s is not in the page exactly once", id)
		}
	}
}

// Text from the story is text: markup in it is escaped, and only http(s)
// sources become links.
func TestPrerenderEscapes(t *testing.T) {
	s := &geo.Story{Title: `<script>alert(1)</script>`, Events: []geo.Event{{
		ID: `x" onmouseover="alert(1)`, Title: `<img src=x onerror=alert(1)>`, Description: `a & b`,
		Source: `javascript:alert(1)`,
	}}}
	out, err := Prerender([]byte(`<!--m:title--><!--/m--><!--m:start--><!--/m--><!--m:end--><!--/m--><!--m:card--><!--/m--><!--m:events--><!--/m--><!--m:poster--><!--/m-->`), s, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	html := string(out)
	for _, bad := range []string{"<script>", "<img", `" onmouseover`, `href="javascript`} {
		if strings.Contains(html, bad) {
			t.Errorf("the page carries %q from the story:\n%s", bad, html)
		}
	}
	if !strings.Contains(html, "a &amp; b") {
		t.Errorf("the description is not escaped text:\n%s", html)
	}
}

func TestPrerenderMissingSlot(t *testing.T) {
	_, err := Prerender([]byte(`<!--m:title--><!--/m-->`), loadDemo(t), 0, nil)
	if err == nil || !strings.Contains(err.Error(), "<!--m:events-->") {
		t.Errorf("err = %v, want it to name the missing slots", err)
	}
	if _, err := Prerender([]byte(``), loadDemo(t), 99, nil); err == nil {
		t.Error("no error for an event out of range")
	}
}
