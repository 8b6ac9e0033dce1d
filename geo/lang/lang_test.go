package lang

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// Every key of the default language exists in every language, with the
// same placeholders (no form may use one English does not have, and together
// the forms use them all), and plural keys have every category the language
// uses; no language has a key the default lacks.
func TestMessages(t *testing.T) {
	en := Get(Default)
	for _, l := range Supported {
		m, err := std.get(l)
		if err != nil || m == nil {
			t.Fatalf("%s: no messages: %v", l, err)
		}
		for _, k := range en.keys() {
			_, text := m.texts[k]
			_, plural := m.plurals[k]
			if !text && !plural {
				t.Errorf("%s: key %q is missing", l, k)
				continue
			}
			if (en.plurals[k] != nil) != plural {
				t.Errorf("%s: %q: plural in one language and not in the other", l, k)
			}
			want := en.placeholders(k)
			if got := m.placeholders(k); !slices.Equal(got, want) && !(plural && subset(got, want)) {
				t.Errorf("%s: %q: placeholders %v, want %v", l, k, got, want)
			}
			for c, s := range m.plurals[k] {
				one := (&Messages{texts: map[string]string{k: s}}).placeholders(k)
				if !subset(one, want) {
					t.Errorf("%s: %q[%s]: placeholders %v, want some of %v", l, k, c, one, want)
				}
			}
			if plural {
				for _, c := range LangCategories(l) {
					if _, ok := m.plurals[k][c]; !ok {
						t.Errorf("%s: %q has no %q form", l, k, c)
					}
				}
			}
			if text && m.texts[k] == "" {
				t.Errorf("%s: %q is empty", l, k)
			}
		}
		for _, k := range m.keys() {
			if _, ok := en.texts[k]; !ok && en.plurals[k] == nil {
				t.Errorf("%s: key %q is not in %s.json", l, k, Default)
			}
		}
	}
}

func subset(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// The files are plain JSON objects the page (site/lang.js) reads as they are.
func TestFilesAreJSON(t *testing.T) {
	for _, l := range Supported {
		b, err := files.ReadFile("messages/" + l + ".json")
		if err != nil {
			t.Fatalf("%s: no file: %v", l, err)
		}
		var v map[string]any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Errorf("%s.json: %v", l, err)
		}
	}
}

func TestCategory(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"en", 0, "other"}, {"en", 1, "one"}, {"en", 2, "other"}, {"en", 11, "other"},
		{"ar", 0, "zero"}, {"ar", 1, "one"}, {"ar", 2, "two"}, {"ar", 3, "few"}, {"ar", 10, "few"},
		{"ar", 11, "many"}, {"ar", 99, "many"}, {"ar", 100, "other"}, {"ar", 102, "other"},
		{"ar", 103, "few"}, {"ar", 111, "many"}, {"ar", 1000, "other"},
		{"fa", 0, "one"}, {"fa", 1, "one"}, {"fa", 2, "other"},
		{"ckb", 0, "other"}, {"ckb", 1, "one"}, {"ckb", 2, "other"},
	}
	for _, tt := range tests {
		if got := Category(tt.lang, tt.n); got != tt.want {
			t.Errorf("Category(%s, %d) = %s, want %s", tt.lang, tt.n, got, tt.want)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		name string
		tags []string
		want string
	}{
		{"none", nil, "en"},
		{"exact", []string{"fa"}, "fa"},
		{"region", []string{"ar-IQ"}, "ar"},
		{"underscore", []string{"fa_IR"}, "fa"},
		{"sorani", []string{"ckb-IQ"}, "ckb"},
		{"kurdish in arabic script", []string{"ku-Arab-IQ"}, "ckb"},
		{"kurmanji is not sorani", []string{"ku", "en"}, "en"},
		{"first supported wins", []string{"de", "fa", "ar"}, "fa"},
		{"unknown", []string{"de-DE", "tr"}, "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Match(tt.tags...); got != tt.want {
				t.Errorf("Match(%q) = %q, want %q", tt.tags, got, tt.want)
			}
		})
	}
}

func TestText(t *testing.T) {
	en, ar, fa := Get("en"), Get("ar"), Get("fa")
	if got := en.Text("live", "i", "3", "n", "12", "date", "5 August 2024", "title", "Strike"); got != "Event 3 of 12, 5 August 2024: Strike." {
		t.Errorf("en live = %q", got)
	}
	if got := en.Plural("error.more", 1, "n", "1"); got != "… and 1 more problem" {
		t.Errorf("en error.more 1 = %q", got)
	}
	if got := en.Plural("error.more", 4, "n", "4"); got != "… and 4 more problems" {
		t.Errorf("en error.more 4 = %q", got)
	}
	if got := ar.Plural("error.more", 2, "n", "٢"); got != "… ومشكلتان أخريان" {
		t.Errorf("ar error.more 2 = %q", got)
	}
	if got := ar.Plural("error.more", 5, "n", "٥"); got != "… و٥ مشكلات أخرى" {
		t.Errorf("ar error.more 5 = %q", got)
	}
	if got := ar.Plural("error.more", 12, "n", "١٢"); got != "… و١٢ مشكلة أخرى" {
		t.Errorf("ar error.more 12 = %q", got)
	}
	if got := fa.Text("timeline.next"); got != "رویداد بعدی" {
		t.Errorf("fa timeline.next = %q", got)
	}
	if got := fa.Text("no.such.key"); got != "no.such.key" {
		t.Errorf("a missing key = %q, want the key", got)
	}
	if fa.Dir() != "rtl" || en.Dir() != "ltr" || Dir("ckb") != "rtl" || Dir("ar") != "rtl" {
		t.Error("wrong direction")
	}
}

// A key the language lacks comes from the default language.
func TestFallback(t *testing.T) {
	m, err := Parse("fa", []byte(`{"timeline.next": "بعدی"}`))
	if err != nil {
		t.Fatal(err)
	}
	m.fallback = Get(Default)
	if got := m.Text("timeline.prev"); got != "Previous event" {
		t.Errorf("fallback = %q", got)
	}
	if got := m.Plural("places", 2, "names", "a, b"); got != "Places: a, b" {
		t.Errorf("plural fallback = %q", got)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, data string }{
		{"not an object", `[]`},
		{"number", `{"a": 1}`},
		{"plural without other", `{"a": {"one": "x"}}`},
		{"unknown category", `{"a": {"one": "x", "other": "y", "several": "z"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Parse("xx", []byte(tt.data)); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestPlaces(t *testing.T) {
	en, fa := Get("en"), Get("fa")
	for _, tc := range []struct {
		name     string
		m        *Messages
		names    []string
		ownPoint bool
		want     string
	}{
		{"one", en, []string{"Baghdad"}, false, "Place: Baghdad"},
		{"two", en, []string{"Baghdad", "Erbil"}, false, "Places: Baghdad, Erbil"},
		{"a point of its own", en, nil, true, ""},
		{"no place at all", en, nil, false, "Across the region"},
		{"persian", fa, []string{"بغداد"}, false, fa.Plural("places", 1, "names", "بغداد")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.m.Places(tc.names, tc.ownPoint); got != tc.want {
				t.Errorf("Places = %q, want %q", got, tc.want)
			}
		})
	}
}

// A catalogue is parsed when its language is first asked for, with the
// default's as its fallback, and no other: a page in Persian parses fa.json
// and en.json, not ar.json nor ckb.json. An error in a catalogue surfaces
// to whoever asks for it, and each time.
func TestCataloguesParsedWhenAsked(t *testing.T) {
	var read []string
	c := newCatalogues(func(l string) ([]byte, error) {
		read = append(read, l)
		if l == "ckb" {
			return []byte(`{"a": 1}`), nil
		}
		return files.ReadFile("messages/" + l + ".json")
	})
	if len(read) != 0 {
		t.Fatalf("read %v before any language was asked for", read)
	}
	for _, tc := range []struct {
		name, lang string
		read       []string // the files read, in all, after asking
		err        string   // what the error says, "" for none
	}{
		{"a language and its fallback", "fa", []string{"fa", "en"}, ""},
		{"asked again, parsed once", "fa", []string{"fa", "en"}, ""},
		{"the default has no fallback to parse", "en", []string{"fa", "en"}, ""},
		{"a broken catalogue's error", "ckb", []string{"fa", "en", "ckb"}, `lang: ckb.json: "a" must be`},
		{"the same error asked again", "ckb", []string{"fa", "en", "ckb"}, `lang: ckb.json: "a" must be`},
		{"an unknown language", "xx", []string{"fa", "en", "ckb"}, `lang: no messages for "xx"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := c.get(tc.lang)
			switch {
			case tc.err == "" && (err != nil || m == nil || m.Lang != tc.lang):
				t.Errorf("get(%q) = %v, %v", tc.lang, m, err)
			case tc.err != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.err)):
				t.Errorf("get(%q) error = %v, want %q…", tc.lang, err, tc.err)
			}
			if !slices.Equal(read, tc.read) {
				t.Errorf("read %v, want %v", read, tc.read)
			}
		})
	}
	if m, _ := c.get("fa"); m.fallback == nil || m.fallback.Lang != Default {
		t.Errorf("fa falls back to %v, want %s", m.fallback, Default)
	}
}
