package geo_test

import (
	"slices"
	"strings"
	"testing"

	"mapline/geo"
)

const localizedStory = `{
  "type": "FeatureCollection",
  "title": "Diplomats leave",
  "title:ar": "دبلوماسيون يغادرون",
  "description:fa": "شرح",
  "features": [
    {"type": "Feature", "id": "baghdad", "geometry": {"type": "Point", "coordinates": [44.4, 33.3]},
     "properties": {"name": "Baghdad", "name:ar": "بغداد", "name:fa": "بغداد", "name:ckb": "بەغدا",
       "description": "The capital", "description:ckb": "پایتەخت", "name:": "no language", "marker:color": "#f00"}},
    {"type": "Feature", "id": "erbil", "geometry": {"type": "Point", "coordinates": [44.0, 36.2]},
     "properties": {"name": "Erbil", "name:fa-IR": "اربیل", "name:ar": ""}},
    {"type": "Feature", "id": "departure", "geometry": null,
     "properties": {"time": "2025-06-11", "title": "Diplomats ordered out", "title:ar": "أوامر بمغادرة الدبلوماسيين",
       "description": "Non-emergency staff leave.", "place": "Off the map", "place:fa": "بیرون از نقشه",
       "sites": ["baghdad", "erbil"]}}
  ]
}`

// Story.In takes each text in the asked language, falling back to the
// default one field by field.
func TestStoryIn(t *testing.T) {
	s := loadString(t, localizedStory)
	tests := []struct {
		lang                     string
		title, description       string
		names                    [2]string
		siteDesc                 string
		evTitle, evDesc, evPlace string
	}{
		{"en", "Diplomats leave", "", [2]string{"Baghdad", "Erbil"}, "The capital",
			"Diplomats ordered out", "Non-emergency staff leave.", "Off the map"},
		{"ar", "دبلوماسيون يغادرون", "", [2]string{"بغداد", "Erbil"}, "The capital", // an empty name:ar falls back
			"أوامر بمغادرة الدبلوماسيين", "Non-emergency staff leave.", "Off the map"},
		{"fa", "Diplomats leave", "شرح", [2]string{"بغداد", "Erbil"}, "The capital",
			"Diplomats ordered out", "Non-emergency staff leave.", "بیرون از نقشه"},
		{"fa-IR", "Diplomats leave", "شرح", [2]string{"بغداد", "اربیل"}, "The capital", // the region's own text first
			"Diplomats ordered out", "Non-emergency staff leave.", "بیرون از نقشه"},
		{"ckb", "Diplomats leave", "", [2]string{"بەغدا", "Erbil"}, "پایتەخت",
			"Diplomats ordered out", "Non-emergency staff leave.", "Off the map"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			l := s.In(tt.lang)
			if l.Title != tt.title || l.Description != tt.description {
				t.Errorf("story: %q, %q; want %q, %q", l.Title, l.Description, tt.title, tt.description)
			}
			if got := [2]string{l.Sites[0].Name, l.Sites[1].Name}; got != tt.names {
				t.Errorf("site names %q, want %q", got, tt.names)
			}
			if l.Sites[0].Description != tt.siteDesc {
				t.Errorf("site description %q, want %q", l.Sites[0].Description, tt.siteDesc)
			}
			e := l.Events[0]
			if e.Title != tt.evTitle || e.Description != tt.evDesc || e.Place != tt.evPlace {
				t.Errorf("event %q, %q, %q; want %q, %q, %q", e.Title, e.Description, e.Place, tt.evTitle, tt.evDesc, tt.evPlace)
			}
			if len(e.Sites) != 2 || l.Sites[1].ID != "erbil" {
				t.Errorf("ids and references changed: %v", e.Sites)
			}
		})
	}
	// The original is not modified, and a language without texts is the
	// story itself.
	if s.Sites[0].Name != "Baghdad" || s.Events[0].Title != "Diplomats ordered out" || s.Title != "Diplomats leave" {
		t.Errorf("In modified the story: %q, %q, %q", s.Sites[0].Name, s.Events[0].Title, s.Title)
	}
	if s.In("de") != s || s.In("") != s {
		t.Error("In without texts in the language made a copy")
	}
	if got := s.Sites[0].Texts; len(got) != 4 { // name:ar, name:fa, name:ckb, description:ckb
		t.Errorf("site texts %v: a property that is not a language variant was kept", got)
	}
}

// A per-language text that is not a string is a problem of that field.
func TestStoryTextNotString(t *testing.T) {
	src := strings.Replace(localizedStory, `"name:ckb": "بەغدا"`, `"name:ckb": 7`, 1)
	src = strings.Replace(src, `"title:ar": "أوامر`, `"title:ar": ["x"], "x": "أوامر`, 1)
	_, err := geo.Load(strings.NewReader(src))
	want := `geo: feature 0 ("baghdad"): properties.name:ckb: must be a string, not a number` + "\n" +
		`geo: feature 2 ("departure"): properties.title:ar: must be a string, not an array`
	if err == nil || err.Error() != want {
		t.Errorf("Load error\n got %v\nwant %s", err, want)
	}
}

// The demo story names its sites in the four languages of the interface.
func TestDemoSiteNames(t *testing.T) {
	s := loadDemo(t)
	for _, l := range []string{"ar", "ckb", "fa"} {
		for _, st := range s.Sites {
			if st.Texts["name:"+l] == "" {
				t.Errorf("site %q has no name:%s", st.ID, l)
			}
		}
	}
}

// Every reference city has a name in each language of the interface.
func TestCityNames(t *testing.T) {
	for _, c := range geo.Cities {
		for _, l := range []string{"ar", "ckb", "fa"} {
			if c.Names[l] == "" || c.NameIn(l) != c.Names[l] {
				t.Errorf("%s has no name in %s", c.Name, l)
			}
		}
		if c.NameIn("de") != c.Name {
			t.Errorf("%s: NameIn(de) = %q, want the English name", c.Name, c.NameIn("de"))
		}
	}
}

// The map's language names cities and countries; the story's own texts come
// from Story.In; a site named like a city in the language stands for it.
func TestMapLang(t *testing.T) {
	s := loadDemo(t)
	bm := geo.DefaultBasemap()
	for _, tt := range []struct{ lang, city, country, site string }{
		{"", "Damascus", "Iraq", "Tehran"},
		{"ar", "دمشق", "العراق", "طهران"},
		{"ckb", "دیمەشق", "عێراق", "تاران"},
		{"fa", "دمشق", "عراق", "تهران"},
	} {
		t.Run("lang="+tt.lang, func(t *testing.T) {
			m := geo.NewMap(geo.MapOptions{Story: s.In(tt.lang), Basemap: bm, Theme: geo.Light})
			m.Lang = tt.lang
			sc := m.Render(demoView, len(s.Events)-1)
			texts := map[geo.LabelKind][]string{}
			for _, l := range sc.Labels {
				texts[l.Kind] = append(texts[l.Kind], l.Text)
			}
			if !slices.Contains(texts[geo.CapitalLabel], tt.city) {
				t.Errorf("capitals %q, want %q among them", texts[geo.CapitalLabel], tt.city)
			}
			if !slices.Contains(texts[geo.CountryLabel], tt.country) {
				t.Errorf("countries %q, want %q among them", texts[geo.CountryLabel], tt.country)
			}
			if !slices.Contains(texts[geo.SiteLabel], tt.site) {
				t.Errorf("sites %q, want %q among them", texts[geo.SiteLabel], tt.site)
			}
			// Tehran is a site of the story: no city label of that name.
			for _, n := range texts[geo.CapitalLabel] {
				if n == tt.site {
					t.Errorf("the city %q is labelled beside the story's site", n)
				}
			}
		})
	}
}

// The file's "lang" names the language of its plain texts.
func TestStoryLang(t *testing.T) {
	for _, tt := range []struct{ name, member, lang, err string }{
		{"none", ``, "", ""},
		{"english", `"lang": "en",`, "en", ""},
		{"with a region", `"lang": "fa-IR",`, "fa-IR", ""},
		{"not a tag", `"lang": "English",`, "", `geo: lang: "English" is not a language tag (en, ar, fa-IR, …)`},
		{"not a string", `"lang": 1,`, "", `geo: lang: must be a string, not a number`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(localizedStory, `"type": "FeatureCollection",`, `"type": "FeatureCollection", `+tt.member, 1)
			s, err := geo.Load(strings.NewReader(src))
			if (err == nil) != (tt.err == "") || err != nil && err.Error() != tt.err {
				t.Fatalf("Load error %v, want %q", err, tt.err)
			}
			if s.Lang != tt.lang {
				t.Errorf("Lang %q, want %q", s.Lang, tt.lang)
			}
		})
	}
	s := loadString(t, localizedStory)
	if !s.Sites[0].Texts.Has("name", "ar") || s.Sites[0].Texts.Has("description", "ar") || !s.Sites[1].Texts.Has("name", "fa-IR") || s.Sites[1].Texts.Has("name", "fa") {
		t.Error("Texts.Has")
	}
}

// The story's own texts in other languages that are not strings are
// reported in the order of their names, the same on every load.
func TestStoryTopTextsInOrder(t *testing.T) {
	src := strings.Replace(localizedStory, `"title:ar": "دبلوماسيون يغادرون",`,
		`"title:ar": 1, "title:fa": true, "description:ckb": [], "title:ckb": null,`, 1)
	want := ""
	for i := 0; i < 20; i++ {
		_, err := geo.Load(strings.NewReader(src))
		if err == nil {
			t.Fatal("no error")
		}
		if i == 0 {
			want = err.Error()
			for _, k := range []string{"description:ckb", "title:ar", "title:fa"} {
				if !strings.Contains(want, k) {
					t.Fatalf("error %q does not name %s", want, k)
				}
			}
			if a, c, f := strings.Index(want, "description:ckb"), strings.Index(want, "title:ar"), strings.Index(want, "title:fa"); !(a < c && c < f) {
				t.Errorf("problems out of order:\n%s", want)
			}
		} else if err.Error() != want {
			t.Fatalf("load %d gave\n%s\nthe first gave\n%s", i, err, want)
		}
	}
}
