package site

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"regexp"
	"strings"

	"mapline/geo"
	"mapline/geo/lang"
)

// Prerender writes a story into embed.html for the first paint, before any
// wasm byte arrives: the title, the dates at the timeline's ends, the card of
// the event the map opens at, the list of all events, and poster, a still
// picture of the map (an inline <svg>; none when empty). Each goes where the
// page marks a slot: <!--m:NAME-->placeholder<!--/m-->. The words and the
// markup are those the map writes when it runs (wasm/timeline_js.go), so its
// arrival changes nothing on screen (TestPrerenderedMatchesMap).
func Prerender(page []byte, s *geo.Story, cur int, poster []byte) ([]byte, error) {
	if cur < 0 || cur >= len(s.Events) {
		return nil, fmt.Errorf("prerender: event %d: the story has %d events", cur, len(s.Events))
	}
	n := len(s.Events)
	var list bytes.Buffer
	if err := listTemplate.Execute(&list, listData(s)); err != nil {
		return nil, err
	}
	var card bytes.Buffer
	if err := cardTemplate.Execute(&card, listData(s)[cur]); err != nil {
		return nil, err
	}
	slots := map[string]string{
		"title":  template.HTMLEscapeString(s.Title),
		"start":  template.HTMLEscapeString(s.Events[0].Time.Start.String()),
		"end":    template.HTMLEscapeString(s.Events[n-1].Time.String()),
		"card":   card.String(),
		"events": list.String(),
		"poster": string(poster),
	}
	if s.Title == "" {
		delete(slots, "title")
	}
	missing := map[string]bool{}
	for k := range slots {
		missing[k] = true
	}
	out := slot.ReplaceAllFunc(page, func(m []byte) []byte {
		name := string(slot.FindSubmatch(m)[1])
		v, ok := slots[name]
		if !ok {
			return m
		}
		delete(missing, name)
		return []byte("<!--m:" + name + "-->" + v + "<!--/m-->")
	})
	if len(missing) > 0 {
		var names []string
		for k := range missing {
			names = append(names, "<!--m:"+k+"-->")
		}
		return nil, fmt.Errorf("prerender: the page has no slot %s", strings.Join(names, ", "))
	}
	return out, nil
}

// slot is a place in a page for prerendered content. Its content is replaced,
// so prerendering a prerendered page gives the same page.
var slot = regexp.MustCompile(`(?s)<!--m:([a-z]+)-->.*?<!--/m-->`)

type eventHTML struct {
	Index                      int
	ID, Date, Title, Desc      string
	Places                     string
	Source, SourceURL, SrcHost string
}

func listData(s *geo.Story) []eventHTML {
	out := make([]eventHTML, len(s.Events))
	for i := range s.Events {
		e := &s.Events[i]
		h := eventHTML{Index: i, ID: e.ID, Date: e.Time.String(), Title: e.Title, Desc: e.Description, Places: placesText(s, e), Source: e.Source}
		if u, err := url.Parse(e.Source); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			h.SourceURL, h.SrcHost = u.String(), u.Host
		}
		out[i] = h
	}
	return out
}

// placesText names an event's places in English, as the map does
// (wasm/timeline_js.go placesOf, geo/lang Messages.Places).
func placesText(s *geo.Story, e *geo.Event) string {
	var names []string
	for _, j := range e.Sites {
		if j >= 0 && j < len(s.Sites) {
			names = append(names, s.Sites[j].Name)
		}
	}
	if e.Place != "" {
		names = append(names, e.Place)
	}
	return english.Places(names, e.Point != nil)
}

// english is the language of the page's words before the map runs.
var english = lang.Get("en")

// The markup of wasm/timeline_js.go's buildList and showEvent.
var (
	sourceTemplate = `{{define "source"}}{{if .SourceURL}}<a href="{{.SourceURL}}" rel="noopener noreferrer" target="_blank">{{.SrcHost}}</a>{{else}}{{.Source}}{{end}}{{end}}`
	listTemplate   = template.Must(template.New("list").Parse(sourceTemplate + `{{range .}}<li{{if .ID}} id="event-{{.ID}}"{{end}}><button class="choose" type="button" data-index="{{.Index}}"><span class="date">{{.Date}}</span><span class="title">{{.Title}}</span></button>` +
		`{{if .Desc}}<p>{{.Desc}}</p>{{end}}{{if .Places}}<p class="places">{{.Places}}</p>{{end}}{{if .Source}}<p class="source">Source: <span>{{template "source" .}}</span></p>{{end}}</li>{{end}}`))
	cardTemplate = template.Must(template.New("card").Parse(sourceTemplate + `<p id="card-date" class="date">{{.Date}}</p><h2 id="card-title">{{.Title}}</h2><p id="card-desc">{{.Desc}}</p>` +
		`<p id="card-places" class="places"{{if not .Places}} hidden{{end}}>{{.Places}}</p><p class="source"{{if not .Source}} hidden{{end}}><span data-msg="source">Source:</span> <span id="card-source">{{template "source" .}}</span></p>`))
)
