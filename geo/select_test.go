package geo_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"mapline/geo"
	"mapline/geo/synth"

	"github.com/paulmach/orb"
	"golang.org/x/text/unicode/norm"
)

// TestFold: text folds to what a reader types: lower case, without accents,
// Arabic and Persian letters written one way.
func TestFold(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"ascii-case", "Erbil DRONE", "erbil drone"},
		{"accents", "Érbil Çanakkale Zürich Ñandú", "erbil canakkale zurich nandu"},
		{"decomposed-accent", "E\u0301rbil", "erbil"},
		{"no-decomposition", "Straße Øresund Łódź", "strasse oresund lodz"},
		{"turkish-dotted-capital", "İzmir", "izmir"},
		{"arabic-harakat", "بَغْدَاد", "بغداد"},
		{"arabic-alef-forms", "أربيل إيران آمل", "اربيل ايران امل"},
		{"arabic-tatweel", "بغـــداد", "بغداد"},
		{"persian-yeh-kaf", "کرمانشاه ایران", "كرمانشاه ايران"},
		{"alef-maksura", "مستشفى", "مستشفي"},
		{"teh-marbuta", "مدينة", "مدينه"},
		{"persian-digits", "۱۴۰۳ و ٢٠٢٤", "1403 و 2024"},
		{"zwnj", "می\u200cخواهم", "میخواهم"},
		{"greek", "ΑΘΗΝΑ", "αθηνα"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.want
			if tc.name == "zwnj" { // the Persian yeh folds too
				want = string(geo.Fold(nil, "میخواهم"))
			}
			if got := string(geo.Fold(nil, tc.in)); got != want {
				t.Errorf("Fold(%q) = %q, want %q", tc.in, got, want)
			}
		})
	}
}

// TestFoldLatinMatchesNFD: every Latin letter of U+00C0 to U+024F that
// decomposes into one ASCII letter and marks folds to that letter.
func TestFoldLatinMatchesNFD(t *testing.T) {
	for r := rune(0xC0); r <= 0x24F; r++ {
		var base []rune
		for _, c := range norm.NFD.String(string(r)) {
			if !unicode.Is(unicode.Mn, c) {
				base = append(base, unicode.ToLower(c))
			}
		}
		if len(base) != 1 || base[0] >= 0x80 {
			continue
		}
		if got := string(geo.Fold(nil, string(r))); got != string(base) {
			t.Errorf("Fold(%q U+%04X) = %q, want %q", r, r, got, string(base))
		}
	}
}

const selectStory = `{"type": "FeatureCollection", "features": [
 {"type": "Feature", "id": "erbil", "geometry": {"type": "Point", "coordinates": [44.01, 36.19]}, "properties": {"name": "Erbil", "kind": "military", "name:ar": "أربيل"}},
 {"type": "Feature", "id": "baghdad", "geometry": {"type": "Point", "coordinates": [44.36, 33.31]}, "properties": {"name": "Baghdad", "kind": "embassy"}},
 {"type": "Feature", "id": "kermanshah", "geometry": {"type": "Point", "coordinates": [47.06, 34.31]}, "properties": {"name": "کرمانشاه", "kind": "city"}},
 {"type": "Feature", "id": "a", "geometry": null, "properties": {"time": "2024-01-05", "title": "Drone strike on the base", "source": "x", "sites": ["erbil"]}},
 {"type": "Feature", "id": "b", "geometry": null, "properties": {"time": "2024-02-10", "title": "Embassy closes", "description": "Staff leave Baghdad after the DRONE attack", "source": "x", "sites": ["baghdad"]}},
 {"type": "Feature", "id": "c", "geometry": null, "properties": {"time": "2024-03-15", "title": "Protest", "source": "x", "sites": ["kermanshah"]}},
 {"type": "Feature", "id": "d", "geometry": {"type": "Point", "coordinates": [50, 30]}, "properties": {"time": "2024-04-01", "title": "Tanker seized", "place": "Strait of Hormuz", "source": "x"}},
 {"type": "Feature", "id": "e", "geometry": null, "properties": {"time": "2024-02", "title": "Talks in the month", "source": "x"}},
 {"type": "Feature", "id": "f", "geometry": {"type": "Point", "coordinates": [48, 31]}, "properties": {"time": "2024-05-01", "title": "Ceasefire", "source": "x"}}]}`

func loadSelectStory(tb testing.TB) *geo.Story {
	tb.Helper()
	s, err := geo.Load(strings.NewReader(selectStory))
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func date(s string) time.Time {
	d, err := geo.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d.T
}

// TestSelect: a filter keeps the events whose texts hold every word, whose
// sites are of a kind kept, within the window; the sites of the events kept
// are kept.
func TestSelect(t *testing.T) {
	s := loadSelectStory(t)
	ix := geo.NewIndex(s)
	for _, tc := range []struct {
		name  string
		f     geo.Filter
		ids   string // the events kept
		sites string // the sites kept
	}{
		{"zero-keeps-all", geo.Filter{}, "a e b c d f", "erbil baghdad kermanshah"},
		{"title-any-case", geo.Filter{Query: "DRONE"}, "a b", "erbil baghdad"},
		{"description", geo.Filter{Query: "staff"}, "b", "baghdad"},
		{"site-name", geo.Filter{Query: "erbil"}, "a", "erbil"},
		{"site-name-arabic-other-alef", geo.Filter{Query: "اربيل"}, "a", "erbil"},
		{"persian-typed-arabic", geo.Filter{Query: "كرمانشاه"}, "c", "kermanshah"},
		{"place-accented-query", geo.Filter{Query: "hórmuz"}, "d", ""},
		{"every-word", geo.Filter{Query: "drone baghdad"}, "b", "baghdad"},
		{"no-match", geo.Filter{Query: "zzz"}, "", ""},
		{"words-do-not-join-texts", geo.Filter{Query: "baseerbil"}, "", ""},
		{"kind", geo.Filter{Kinds: []string{"embassy", "city"}}, "b c", "baghdad kermanshah"},
		{"kind-event-point", geo.Filter{Kinds: []string{"event"}}, "d f", ""},
		{"window", geo.Filter{From: date("2024-02-01"), To: date("2024-03-01")}, "e b", "baghdad"},
		{"window-open-start", geo.Filter{To: date("2024-02-01")}, "a", "erbil"},
		{"window-month-overlaps", geo.Filter{From: date("2024-02-20")}, "e c d f", "kermanshah"},
		{"all-combined", geo.Filter{Query: "drone", Kinds: []string{"military"}, From: date("2024-01-01")}, "a", "erbil"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sel := ix.Select(tc.f, nil)
			var ids, sites []string
			for _, i := range sel.Kept {
				ids = append(ids, s.Events[i].ID)
				if !sel.Keeps(i) {
					t.Errorf("event %d is in Kept but not kept", i)
				}
			}
			for j, ok := range sel.Sites {
				if ok {
					sites = append(sites, s.Sites[j].ID)
				}
			}
			if got := strings.Join(ids, " "); got != tc.ids {
				t.Errorf("events %q, want %q", got, tc.ids)
			}
			if got := strings.Join(sites, " "); got != tc.sites {
				t.Errorf("sites %q, want %q", got, tc.sites)
			}
			if tc.f.IsZero() != (tc.name == "zero-keeps-all") {
				t.Errorf("IsZero %v", tc.f.IsZero())
			}
		})
	}
}

// TestSelectReuses: a selection filled again forgets what it kept before.
func TestSelectReuses(t *testing.T) {
	s := loadSelectStory(t)
	ix := geo.NewIndex(s)
	sel := ix.Select(geo.Filter{Query: "drone"}, nil)
	sel = ix.Select(geo.Filter{Query: "protest"}, sel)
	if len(sel.Kept) != 1 || sel.Keeps(0) || sel.KeepsSite(0) || sel.SiteEvents[0] != 0 {
		t.Errorf("kept %v, sites %v, counts %v", sel.Kept, sel.Sites, sel.SiteEvents)
	}
}

// TestRenderSelection: the map draws only the sites and points of the
// events kept, and the current event's (the last: a point) whatever is kept.
func TestRenderSelection(t *testing.T) {
	s := loadSelectStory(t)
	m := geo.NewMap(geo.MapOptions{Story: s, Theme: geo.Light})
	v := geo.View{Center: orb.Point{46, 33}, Zoom: 5, Width: 900, Height: 600}
	last := len(s.Events) - 1
	sites := func() string {
		var out []string
		for _, mk := range m.Render(v, last).Markers {
			if mk.Site < 0 {
				out = append(out, "point")
			} else {
				out = append(out, s.Sites[mk.Site].ID)
			}
		}
		return strings.Join(out, " ")
	}
	if got := sites(); got != "erbil baghdad kermanshah point point" {
		t.Fatalf("everything: %q", got)
	}
	ix := geo.NewIndex(s)
	m.Select(ix.Select(geo.Filter{Query: "drone"}, nil))
	if got := sites(); got != "erbil baghdad point" {
		t.Errorf("drone: %q", got)
	}
	m.Select(ix.Select(geo.Filter{Query: "tanker"}, nil))
	if got := sites(); got != "point point" {
		t.Errorf("tanker: %q", got)
	}
	m.Select(nil)
	if got := sites(); got != "erbil baghdad kermanshah point point" {
		t.Errorf("selection cleared: %q", got)
	}
}

// TestKinds: a story's kinds in the legend's order, the others by name.
func TestKinds(t *testing.T) {
	s := loadSelectStory(t)
	if got := strings.Join(s.Kinds(), " "); got != "embassy military city event" {
		t.Errorf("kinds %q", got)
	}
	if got := geo.KindName("oil_field") + "|" + geo.KindName("military"); got != "Oil field|Military site" {
		t.Errorf("names %q", got)
	}
}

// BenchmarkSelect is a keystroke in the search box: the story's events
// filtered by a query of two words (the index is built once per story).
func BenchmarkSelect(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		s, err := geo.Load(strings.NewReader(string(synth.Story(1, n/20, n))))
		if err != nil {
			b.Fatal(err)
		}
		ix := geo.NewIndex(s)
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			var sel *geo.Selection
			b.ReportAllocs()
			for b.Loop() {
				sel = ix.Select(geo.Filter{Query: "event 12"}, sel)
			}
		})
	}
}

// currentStory: a strike at Erbil and Baghdad linked by an arc, a talks
// event at Baghdad, a convoy's track and a ceasefire at a point.
const currentStory = `{"type": "FeatureCollection", "features": [
 {"type": "Feature", "id": "erbil", "geometry": {"type": "Point", "coordinates": [44.01, 36.19]}, "properties": {"name": "Erbil", "kind": "military"}},
 {"type": "Feature", "id": "baghdad", "geometry": {"type": "Point", "coordinates": [44.36, 33.31]}, "properties": {"name": "Baghdad", "kind": "embassy"}},
 {"type": "Feature", "id": "strike", "geometry": null, "properties": {"time": "2024-01-05", "title": "Strike", "sites": ["erbil", "baghdad"], "links": [["erbil", "baghdad"]]}},
 {"type": "Feature", "id": "talks", "geometry": null, "properties": {"time": "2024-02-10", "title": "Talks", "sites": ["baghdad"]}},
 {"type": "Feature", "id": "convoy", "geometry": {"type": "LineString", "coordinates": [[45, 33], [46, 32]]}, "properties": {"time": "2024-03-01", "times": ["2024-03-01", "2024-03-02"], "title": "Convoy"}},
 {"type": "Feature", "id": "ceasefire", "geometry": {"type": "Point", "coordinates": [48, 31]}, "properties": {"time": "2024-05-01", "title": "Ceasefire"}}]}`

// TestRenderNothingCurrentWithoutMatch: while a search, filter or window
// keeps no event (the card says "No event matches"), nothing on the map is
// drawn as current: no marker, label or track of the current event, nor its
// links; with a selection that keeps it, or none, it is.
func TestRenderNothingCurrentWithoutMatch(t *testing.T) {
	s, err := geo.Load(strings.NewReader(currentStory))
	if err != nil {
		t.Fatal(err)
	}
	ix := geo.NewIndex(s)
	v := geo.View{Center: orb.Point{46, 33}, Zoom: 5, Width: 900, Height: 600}
	for _, tc := range []struct {
		name    string
		sel     *geo.Selection
		event   string
		current bool
	}{
		{"no selection: sites and link", nil, "strike", true},
		{"kept: sites and link", ix.Select(geo.Filter{Query: "strike"}, nil), "strike", true},
		{"none kept: sites and link", ix.Select(geo.Filter{Query: "zzz"}, nil), "strike", false},
		{"none kept: a later event's site", ix.Select(geo.Filter{Query: "zzz"}, nil), "talks", false},
		{"no selection: track", nil, "convoy", true},
		{"none kept: track", ix.Select(geo.Filter{Query: "zzz"}, nil), "convoy", false},
		{"kept: point", ix.Select(geo.Filter{Query: "ceasefire"}, nil), "ceasefire", true},
		{"none kept: point", ix.Select(geo.Filter{Query: "zzz"}, nil), "ceasefire", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cur := slices.IndexFunc(s.Events, func(e geo.Event) bool { return e.ID == tc.event })
			m := geo.NewMap(geo.MapOptions{Story: s, Theme: geo.Light})
			m.Select(tc.sel)
			sc := m.Render(v, cur)
			var current []string
			for _, mk := range sc.Markers {
				if mk.Status == geo.Current || mk.Halo.A > 0 {
					current = append(current, fmt.Sprintf("marker %d (%s)", mk.Site, mk.Kind))
				}
			}
			for _, l := range sc.Labels {
				if l.Kind == geo.SiteLabel && l.Status == geo.Current {
					current = append(current, "label "+l.Text)
				}
			}
			for _, l := range sc.Lines {
				if l.Color == geo.Light.Link {
					current = append(current, "link")
				}
			}
			if tc.current && len(current) == 0 {
				t.Errorf("event %s: nothing drawn as current", tc.event)
			}
			if !tc.current && len(current) > 0 {
				t.Errorf("event %s, no event kept: drawn as current: %s", tc.event, strings.Join(current, ", "))
			}
		})
	}
}

// shapesStory: a zone (an area), a road (a line) and a base (a point),
// each the site of its own event, and a convoy's track; the raid at the
// base is last.
const shapesStory = `{"type": "FeatureCollection", "features": [
 {"type": "Feature", "id": "zone", "geometry": {"type": "Polygon", "coordinates": [[[45, 31], [47, 31], [47, 33], [45, 33], [45, 31]]]}, "properties": {"name": "No-fly zone", "kind": "zone"}},
 {"type": "Feature", "id": "road", "geometry": {"type": "LineString", "coordinates": [[44.4, 33.3], [44.0, 34.6]]}, "properties": {"name": "Highway 2", "kind": "route"}},
 {"type": "Feature", "id": "base", "geometry": {"type": "Point", "coordinates": [42.44, 33.8]}, "properties": {"name": "Al-Asad", "kind": "military"}},
 {"type": "Feature", "id": "closure", "geometry": null, "properties": {"time": "2024-01-01", "title": "Zone closed", "sites": ["zone"]}},
 {"type": "Feature", "id": "roadblock", "geometry": null, "properties": {"time": "2024-01-02", "title": "Road blocked", "sites": ["road"]}},
 {"type": "Feature", "id": "convoy", "geometry": {"type": "LineString", "coordinates": [[45, 33], [46, 32]]}, "properties": {"time": "2024-01-03", "times": ["2024-01-03", "2024-01-04"], "title": "Convoy"}},
 {"type": "Feature", "id": "raid", "geometry": null, "properties": {"time": "2024-01-05", "title": "Raid", "sites": ["base"]}}]}`

// TestRenderSelectionShapes: with a search, filter or window on, an area,
// a line and a track show only when their event is kept, as a point site
// does (TestRenderSelection): a reader filtering by kind sees only what
// matches. The raid at the base is current, and kept by none of the
// filters but "military".
func TestRenderSelectionShapes(t *testing.T) {
	s, err := geo.Load(strings.NewReader(shapesStory))
	if err != nil {
		t.Fatal(err)
	}
	ix := geo.NewIndex(s)
	v := geo.View{Center: orb.Point{45, 33}, Zoom: 5, Width: 900, Height: 600}
	cur := len(s.Events) - 1
	kinds := func(k ...string) geo.Filter { return geo.Filter{Kinds: k} }
	for _, tc := range []struct {
		name  string
		f     geo.Filter
		shape string // "zone", "road" or "convoy"
		shown bool
	}{
		{"area, no filter", geo.Filter{}, "zone", true},
		{"area, kind kept", kinds("zone"), "zone", true},
		{"area, other kind", kinds("route"), "zone", false},
		{"area, current event's kind only", kinds("military"), "zone", false},
		{"area, outside the window", geo.Filter{From: date("2024-01-02")}, "zone", false},
		{"line, no filter", geo.Filter{}, "road", true},
		{"line, kind kept", kinds("route"), "road", true},
		{"line, other kind", kinds("zone"), "road", false},
		{"line, query elsewhere", geo.Filter{Query: "convoy"}, "road", false},
		{"track, no filter", geo.Filter{}, "convoy", true},
		{"track, query kept", geo.Filter{Query: "convoy"}, "convoy", true},
		{"track, window kept", geo.Filter{From: date("2024-01-03"), To: date("2024-01-04")}, "convoy", true},
		{"track, other kind", kinds("zone"), "convoy", false},
		{"track, query elsewhere", geo.Filter{Query: "road"}, "convoy", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := geo.NewMap(geo.MapOptions{Story: s, Theme: geo.Light})
			if !tc.f.IsZero() {
				m.Select(ix.Select(tc.f, nil))
			}
			sc := m.Render(v, cur)
			// What the display list holds of the shape: its fills,
			// lines and (a track's) marker.
			var drawn []string
			owns := func(o geo.Owner) bool {
				switch o.Kind {
				case geo.OwnsSite:
					return s.Sites[o.Index].ID == tc.shape
				case geo.OwnsEvent:
					return s.Events[o.Index].ID == tc.shape
				}
				return false
			}
			for _, f := range sc.Fills {
				if owns(f.Owner) {
					drawn = append(drawn, "fill")
				}
			}
			for _, l := range sc.Lines {
				if owns(l.Owner) {
					drawn = append(drawn, "line")
				}
			}
			for _, mk := range sc.Markers {
				if mk.Site < 0 && tc.shape == "convoy" {
					drawn = append(drawn, "track marker")
				}
			}
			if tc.shown && len(drawn) == 0 {
				t.Errorf("%s not drawn", tc.shape)
			}
			if !tc.shown && len(drawn) > 0 {
				t.Errorf("%s not kept, but drawn: %s", tc.shape, strings.Join(drawn, ", "))
			}
		})
	}
}

// TestRenderCityNameBackWhenSiteHidden: a reference city gives way to the
// story's site of the same name or place, but only while the site shows:
// when a search or filter hides the site, the city's dot and name come
// back.
func TestRenderCityNameBackWhenSiteHidden(t *testing.T) {
	s := loadSelectStory(t)
	ix := geo.NewIndex(s)
	v := geo.View{Center: orb.Point{46, 33}, Zoom: 5, Width: 900, Height: 600}
	last := len(s.Events) - 1 // the ceasefire: a point of its own
	for _, tc := range []struct {
		name string
		f    geo.Filter
		want string // the cities of Erbil and Baghdad named
	}{
		{"no filter: both sites show", geo.Filter{}, ""},
		{"both kept", geo.Filter{Query: "drone"}, ""},
		{"erbil kept", geo.Filter{Kinds: []string{"military"}}, "Baghdad"},
		{"baghdad kept", geo.Filter{Kinds: []string{"embassy"}}, "Erbil"},
		{"neither kept", geo.Filter{Query: "protest"}, "Baghdad Erbil"},
		{"none kept", geo.Filter{Query: "zzz"}, "Baghdad Erbil"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := geo.NewMap(geo.MapOptions{Story: s, Theme: geo.Light})
			if !tc.f.IsZero() {
				m.Select(ix.Select(tc.f, nil))
			}
			sc := m.Render(v, last)
			var named []string
			for _, d := range sc.Dots {
				if d.City >= 0 && (geo.Cities[d.City].Name == "Erbil" || geo.Cities[d.City].Name == "Baghdad") {
					named = append(named, sc.Labels[d.Label].Text)
				}
			}
			slices.Sort(named)
			if got := strings.Join(named, " "); got != tc.want {
				t.Errorf("cities named %q, want %q", got, tc.want)
			}
		})
	}
}
