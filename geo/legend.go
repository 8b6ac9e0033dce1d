package geo

import (
	"image/color"
	"mapline/internal/subst"
	"strings"
	"unicode"
	"unicode/utf8"
)

// LegendEntry is one kind of marker in a story, for a legend.
type LegendEntry struct {
	Kind  string // the kind; for the kinds the map does not know, the first of them
	Name  string // as a reader reads it: "Embassy", "Military site"
	Shape Shape
	Color color.NRGBA
}

// legendKinds are the kinds the map knows, in the order of a legend, with
// their names.
var legendKinds = []struct{ kind, name string }{
	{"embassy", "Embassy"},
	{"consulate", "Consulate"},
	{"military", "Military site"},
	{"nuclear", "Nuclear site"},
	{"venue", "Venue"},
	{"city", "City"},
	{"", ""}, // every other kind
	{"event", "Event"},
}

// Legend lists the kinds of marker the story has (its sites' kinds, and
// "event" when an event has a point of its own), each once, in a fixed order,
// with the shape and colour the map draws them in. Kinds the map does not
// know share one entry: named after the kind when there is one such kind
// ("Port"), "Other site" when there are several.
func (m *Map) Legend() []LegendEntry {
	s := m.Story
	if s == nil {
		return nil
	}
	has := map[string]bool{}
	var others []string
	for _, st := range s.Sites {
		k := st.Kind
		if KindShape(k) == DotCircle && !has[k] {
			others = append(others, k)
		}
		has[k] = true
	}
	for i := range s.Events {
		if s.Events[i].Point != nil {
			has["event"] = true
		}
	}
	var out []LegendEntry
	for _, lk := range legendKinds {
		switch {
		case lk.kind == "" && len(others) > 0:
			name := "Other site"
			if len(others) == 1 {
				name = kindName(others[0])
			}
			out = append(out, LegendEntry{Kind: others[0], Name: name, Shape: DotCircle, Color: m.Theme.KindColor(others[0])})
		case lk.kind != "" && has[lk.kind]:
			out = append(out, LegendEntry{Kind: lk.kind, Name: lk.name, Shape: KindShape(lk.kind), Color: m.Theme.KindColor(lk.kind)})
		}
	}
	return out
}

// kindName is a kind the map does not know as a reader reads it: "site" is
// "Site", "oil_field" is "Oil field".
func kindName(k string) string {
	k = strings.TrimSpace(subst.All(k, "_", " ", "-", " "))
	if k == "" {
		return "Site"
	}
	r, n := utf8.DecodeRuneInString(k)
	return string(unicode.ToUpper(r)) + k[n:]
}
