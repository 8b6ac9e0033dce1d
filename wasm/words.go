package main

import (
	"fmt"
	"strings"

	"mapline/geo"
	"mapline/geo/lang"
)

// words are the page's language: its messages, its dates and numbers, its
// direction. What the page writes in words is worked out here, on the host
// (words_test.go); the _js files only put it in the DOM.
type words struct {
	msg   *lang.Messages
	dates dates // the reader's dates and numbers (intl.go)
	rtl   bool  // the page reads right to left
}

func newWords(msg *lang.Messages, browser func(locale string) formatter) words {
	return words{msg: msg, dates: newDates(msg, browser), rtl: msg.Dir() == "rtl"}
}

// kindName is a site kind as a reader reads it: in the reader's language
// for the kinds the map knows, else as the story spells it, capitalized.
func (w words) kindName(k string) string {
	switch k {
	case "", "site":
		return w.msg.Text("kind.site")
	}
	if key := "kind." + k; w.msg.Has(key) {
		return w.msg.Text(key)
	}
	return strings.ToUpper(k[:1]) + k[1:]
}

// siteKind is the name of a site's kind; a line or an area of no kind of
// its own is a "Route" or an "Area" (geo.Site.Form).
func (w words) siteKind(st *geo.Site) string {
	if f := st.Form(); f != "" && (st.Kind == "" || st.Kind == "site") {
		return w.kindName(f)
	}
	return w.kindName(st.Kind)
}

// legendName is a legend entry's name in the reader's language: the kinds
// the map knows and "Other site" have messages; a kind of the story's own is
// named as the story names it.
func (w words) legendName(e geo.LegendEntry) string {
	if e.Name == "Other site" {
		return w.msg.Text("kind.other")
	}
	if k := "kind." + e.Kind; w.msg.Has(k) {
		return w.msg.Text(k)
	}
	return e.Name
}

// mapDescription says in words what the map shows, for screen readers (the
// canvas's aria-describedby).
func (w words) mapDescription(s *geo.Story) string {
	var places []string
	for _, st := range s.Sites {
		places = append(places, w.msg.Text("place.kind", "name", st.Name, "kind", strings.ToLower(w.siteKind(&st))))
	}
	n := len(s.Sites)
	d := w.msg.Plural("map.desc", n, "n", w.dates.number(n), "places", strings.Join(places, w.msg.Text("list.sep")))
	return d + " " + w.msg.Text("map.desc.more")
}

// placesOf names an event's places: "Places: Baghdad, Erbil", or that it
// concerns the whole region. Each name is isolated (U+2068 … U+2069) so a
// name in one direction does not reorder the list in the other.
func (w words) placesOf(s *geo.Story, e *geo.Event) string {
	var names []string
	for _, j := range e.Sites {
		names = append(names, w.isolate(s.Sites[j].Name))
	}
	if e.Place != "" {
		names = append(names, w.isolate(e.Place))
	}
	if len(names) == 0 && e.Path != nil {
		return w.msg.Text("track")
	}
	return w.msg.Places(names, e.Point != nil)
}

// isolate wraps a text of the story in Unicode first-strong isolates
// (FSI … PDI), a direction of its own as <bdi> gives an element, when it
// starts in the other direction than the page's (isolateIn, intl_bidi.go).
func (w words) isolate(s string) string { return isolateIn(s, w.rtl) }

// textLang is the language of the story's text of field, for screen
// readers, when it is not the page's: the story's own (storyLang, "lang" of
// the file) when the story has no text of the field in the page's
// language; "" when it is the page's.
func (w words) textLang(storyLang string, texts geo.Texts, field string) string {
	if storyLang != "" && !texts.Has(field, w.msg.Lang) && lang.Match(storyLang) != w.msg.Lang {
		return storyLang
	}
	return ""
}

// eventWords are the words the page shows for the current event.
type eventWords struct {
	date      string // its time, in the reader's calendar
	valueText string // the slider's aria-valuetext
	places    string // placesOf, "" for none
	live      string // what the live region announces
	banner    string // the banner of an event of the whole region, "" for none
}

// event is what the page says of event cur of story s.
func (w words) event(s *geo.Story, cur int) eventWords {
	e := &s.Events[cur]
	num := w.dates.number
	i, n := num(cur+1), num(len(s.Events))
	ew := eventWords{date: w.dates.span(e.Time), places: w.placesOf(s, e)}
	ew.valueText = w.msg.Text("slider.value", "date", ew.date, "title", e.Title, "i", i, "n", n)
	ew.live = w.msg.Text("live", "i", i, "n", n, "date", ew.date, "title", e.Title)
	if ew.places != "" {
		ew.live += " " + ew.places + "."
	}
	if e.Regional() {
		ew.banner = w.msg.Text("region.banner", "title", w.isolate(e.Title))
	}
	return ew
}

// maxErrorLines is how many problems the note over the map lists.
const maxErrorLines = 8

// errorLines are the lines of an error as the note over the map lists them:
// at most maxErrorLines, then how many more; without the "geo: " of each.
func (w words) errorLines(err error) []string {
	lines := strings.Split(err.Error(), "\n")
	if n := len(lines) - maxErrorLines; n > 0 {
		lines = append(lines[:maxErrorLines], w.msg.Plural("error.more", n, "n", w.dates.number(n)))
	}
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "geo: ")
	}
	return lines
}

// cssColor writes a colour for CSS: #rrggbb, or rgba() when translucent.
func cssColor(c interface{ RGBA() (r, g, b, a uint32) }) string {
	r, g, b, a := c.RGBA()
	if a == 0xffff {
		return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
	}
	if a == 0 {
		return "transparent"
	}
	// RGBA is premultiplied.
	return fmt.Sprintf("rgba(%d,%d,%d,%.3f)", r*0xff/a, g*0xff/a, b*0xff/a, float64(a)/0xffff)
}
