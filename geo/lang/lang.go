// Package lang holds the interface texts of mapline in each language it
// speaks (English, Arabic, Sorani Kurdish, Persian), with their plural rules
// and writing direction. The texts are JSON message files, embedded here and
// copied into dist/lang/ by the build, so the page can show them before the
// wasm arrives (site/lang.js).
//
// A message file maps a key to a text, or to an object of plural forms
// (CLDR categories: "zero", "one", "two", "few", "many", "other"). Texts name
// their arguments in braces: "Event {i} of {n}". Numbers are formatted by the
// caller, in the reader's digits, before they are put in.
package lang

import (
	"embed"
	"errors"
	"fmt"
	"strings"
	"sync"

	"mapline/internal/jsonval"
	"mapline/internal/order"
	"mapline/internal/subst"
)

//go:embed messages/*.json
var files embed.FS

// Default is the language of the texts when no other is asked for or known,
// and the language every other one falls back to, key by key.
const Default = "en"

// Supported are the languages with a message file, Default first. This
// list and Dir are the only ones: make build writes them into embed.html
// (internal/embedspec) for the page's script, site/lang.js.
var Supported = []string{"en", "ar", "ckb", "fa"}

// Messages are the interface texts of one language.
type Messages struct {
	Lang     string
	texts    map[string]string
	plurals  map[string]map[string]string
	fallback *Messages // Default's, for a key this language lacks; nil for Default
}

// catalogues parses each language's message file when it is first asked
// for, and the default's as its fallback: parsing all four at init took the
// load's time for languages the page does not show.
type catalogues struct {
	read func(l string) ([]byte, error)
	by   map[string]*catalogue // one per supported language, made up front
}

type catalogue struct {
	once sync.Once
	m    *Messages
	err  error
}

func newCatalogues(read func(l string) ([]byte, error)) *catalogues {
	c := &catalogues{read: read, by: map[string]*catalogue{}}
	for _, l := range Supported {
		c.by[l] = &catalogue{}
	}
	return c
}

// get is the messages of supported language l, parsed the first time, or
// the error of its file (or of the default's), each time it is asked for.
func (c *catalogues) get(l string) (*Messages, error) {
	e, ok := c.by[l]
	if !ok {
		return nil, fmt.Errorf("lang: no messages for %q", l)
	}
	e.once.Do(func() {
		b, err := c.read(l)
		if err != nil {
			e.err = fmt.Errorf("lang: %s.json: %v", l, err)
			return
		}
		m, err := Parse(l, b)
		if err == nil && l != Default {
			m.fallback, err = c.get(Default)
		}
		e.m, e.err = m, err
		if err != nil {
			e.m = nil
		}
	})
	return e.m, e.err
}

// std are the embedded message files.
var std = newCatalogues(func(l string) ([]byte, error) { return files.ReadFile("messages/" + l + ".json") })

// Parse reads a message file of language l.
func Parse(l string, data []byte) (*Messages, error) {
	// Read as json.Unmarshal into a map[string]json.RawMessage, with
	// internal/jsonval: the wasm links no encoding/json (issue 17: 59,436 B
	// brotli), and the messages are encoding/json's.
	text := string(data)
	raw, err := object(text)
	if err != nil {
		return nil, fmt.Errorf("lang: %s.json: %v", l, err)
	}
	m := &Messages{Lang: l, texts: map[string]string{}, plurals: map[string]map[string]string{}}
	for k, v := range raw {
		if s, ok := jsonval.String(v); ok || v == "null" {
			m.texts[k] = s
			continue
		}
		forms, err := object(v)
		for f, t := range forms {
			if s, ok := jsonval.String(t); ok || t == "null" {
				forms[f] = s
			} else {
				err = errors.New("not a text")
			}
		}
		if err != nil {
			return nil, fmt.Errorf("lang: %s.json: %q must be a text or an object of plural forms", l, k)
		}
		if _, ok := forms["other"]; !ok {
			return nil, fmt.Errorf("lang: %s.json: %q has no \"other\" form", l, k)
		}
		for c := range forms {
			if !isCategory(c) {
				return nil, fmt.Errorf("lang: %s.json: %q: %q is not a plural category", l, k, c)
			}
		}
		m.plurals[k] = forms
	}
	return m, nil
}

// object reads text as json.Unmarshal into a map[string]json.RawMessage
// would: an object's members (the last of a name repeated), or null
// (none), or encoding/json's error.
func object(text string) (map[string]string, error) {
	if err := jsonval.Check(text); err != nil {
		return nil, err
	}
	ms, ok := jsonval.Object(text)
	if !ok {
		kind := map[byte]string{'[': "array", '"': "string", '0': "number", 't': "bool", 'f': "bool"}[jsonval.Kind(text)]
		if kind == "" { // null
			return nil, nil
		}
		return nil, fmt.Errorf("json: cannot unmarshal %s into Go value of type map[string]json.RawMessage", kind)
	}
	m := make(map[string]string, len(ms))
	for _, mb := range ms {
		m[mb.Key] = mb.Value
	}
	return m, nil
}

// Get returns the messages of the best supported language for a list of
// BCP 47 tags in order of preference (see Match).
func Get(tags ...string) *Messages {
	m, err := std.get(Match(tags...))
	if err != nil {
		panic(err) // the embedded files are ours; TestMessages parses each
	}
	return m
}

// Aliases are the supported languages asked for by a base language and a
// second subtag (lower case): Kurdish in Arabic script is Sorani. The page's
// script (site/lang.js) reads this table too (internal/embedspec).
var Aliases = map[string]string{"ku-arab": "ckb"}

// Match returns the first supported language among tags ("fa-IR" is "fa",
// "ku-Arab" and "ckb-IQ" are "ckb"), or Default.
func Match(tags ...string) string {
	for _, t := range tags {
		t = strings.ToLower(strings.TrimSpace(strings.ReplaceAll(t, "_", "-")))
		base, rest, _ := strings.Cut(t, "-")
		script, _, _ := strings.Cut(rest, "-")
		if a, ok := Aliases[base+"-"+script]; ok {
			base = a
		}
		if _, ok := std.by[base]; ok {
			return base
		}
	}
	return Default
}

// Dir is the writing direction of a supported language: "rtl" or "ltr".
func Dir(l string) string {
	switch l {
	case "ar", "ckb", "fa":
		return "rtl"
	}
	return "ltr"
}

// Dir is the writing direction of the messages' language.
func (m *Messages) Dir() string { return Dir(m.Lang) }

// keys lists the message keys of the language, sorted. It and placeholders
// serve the tests only, unexported: the linker keeps every exported method
// of a type the wasm uses (Ebitengine links text/template's MethodByName),
// and these two (with Forms, now gone: nothing called it) cost 3,277 B of
// the wasm's brotli (make size).
func (m *Messages) keys() []string {
	var ks []string
	for k := range m.texts {
		ks = append(ks, k)
	}
	for k := range m.plurals {
		ks = append(ks, k)
	}
	order.Strings(ks)
	return ks
}

// Text returns the text of key with its arguments put in: args are pairs of
// a name and a value ("i", "3", "n", "12"). A key missing in this language is
// taken from Default; a key missing there too is returned as it is, so a
// mistake shows instead of an empty control.
func (m *Messages) Text(key string, args ...string) string {
	for c := m; c != nil; c = c.fallback {
		if s, ok := c.texts[key]; ok {
			return fill(s, args)
		}
		if f, ok := c.plurals[key]; ok {
			return fill(f["other"], args)
		}
	}
	return key
}

// Plural returns the form of key for the count n, with its arguments put in
// (the caller puts n in, formatted, as one of them).
func (m *Messages) Plural(key string, n int, args ...string) string {
	for c := m; c != nil; c = c.fallback {
		if f, ok := c.plurals[key]; ok {
			if s, ok := f[Category(c.Lang, n)]; ok {
				return fill(s, args)
			}
			return fill(f["other"], args)
		}
		if s, ok := c.texts[key]; ok {
			return fill(s, args)
		}
	}
	return key
}

// Has reports whether the language, or Default, has a text for key.
func (m *Messages) Has(key string) bool {
	for c := m; c != nil; c = c.fallback {
		if _, ok := c.texts[key]; ok {
			return true
		}
		if _, ok := c.plurals[key]; ok {
			return true
		}
	}
	return false
}

// placeholders returns the argument names of a key's text, or of all its
// plural forms, sorted and each once.
func (m *Messages) placeholders(key string) []string {
	seen := map[string]bool{}
	add := func(s string) {
		for {
			i := strings.IndexByte(s, '{')
			if i < 0 {
				return
			}
			j := strings.IndexByte(s[i:], '}')
			if j < 0 {
				return
			}
			seen[s[i+1:i+j]] = true
			s = s[i+j+1:]
		}
	}
	if s, ok := m.texts[key]; ok {
		add(s)
	}
	for _, s := range m.plurals[key] {
		add(s)
	}
	var out []string
	for k := range seen {
		out = append(out, k)
	}
	order.Strings(out)
	return out
}

func fill(s string, args []string) string {
	if len(args) < 2 || !strings.Contains(s, "{") {
		return s
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{"+args[i]+"}", args[i+1])
	}
	return subst.All(s, pairs...)
}

// Categories are the CLDR plural categories.
var Categories = []string{"zero", "one", "two", "few", "many", "other"}

func isCategory(c string) bool {
	for _, x := range Categories {
		if x == c {
			return true
		}
	}
	return false
}

// Category is the CLDR plural category of the whole number n in language l
// (CLDR 48 plural rules, integers only):
//
//	en:  one 1; other
//	ar:  zero 0; one 1; two 2; few n%100 = 3..10; many n%100 = 11..99; other
//	fa:  one 0, 1; other
//	ckb: one 1; other
func Category(l string, n int) string {
	if n < 0 {
		n = -n
	}
	switch l {
	case "ar":
		switch r := n % 100; {
		case n == 0:
			return "zero"
		case n == 1:
			return "one"
		case n == 2:
			return "two"
		case r >= 3 && r <= 10:
			return "few"
		case r >= 11 && r <= 99:
			return "many"
		}
		return "other"
	case "fa":
		if n <= 1 {
			return "one"
		}
		return "other"
	}
	if n == 1 {
		return "one"
	}
	return "other"
}

// LangCategories are the plural categories a language uses, for the tests
// of the message files.
func LangCategories(l string) []string {
	switch l {
	case "ar":
		return Categories
	}
	return []string{"one", "other"}
}

// Places names an event's places as the card and the list show them:
// "Place: Baghdad", "Places: Baghdad, Erbil" (the names as given, already
// isolated if they need to be), "Across the region" for an event of no place,
// or "" for an event at a point of its own (ownPoint).
func (m *Messages) Places(names []string, ownPoint bool) string {
	switch {
	case len(names) > 0:
		return m.Plural("places", len(names), "names", strings.Join(names, m.Text("list.sep")))
	case ownPoint:
		return ""
	}
	return m.Text("region")
}
