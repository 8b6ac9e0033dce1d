package geo

import "strings"

// PlacesText names an event's places in English, as the card and the list
// of the embed show them (the wasm says it in the reader's language with
// geo/lang's "places" and "region"): "Place: Baghdad", "Places: Baghdad,
// Erbil", "Across the region" for an event of no place, or "" for an event
// at its own point. make build writes it into embed.html (site.Prerender).
func (s *Story) PlacesText(e *Event) string {
	var names []string
	for _, j := range e.Sites {
		if j >= 0 && j < len(s.Sites) {
			names = append(names, s.Sites[j].Name)
		}
	}
	if e.Place != "" {
		names = append(names, e.Place)
	}
	switch {
	case len(names) == 1:
		return "Place: " + names[0]
	case len(names) > 1:
		return "Places: " + strings.Join(names, ", ")
	case e.Point != nil:
		return ""
	}
	return "Across the region"
}
