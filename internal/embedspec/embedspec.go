// Package embedspec is the one home of what embed.html's page scripts and
// the wasm must agree on: the URL flags with the values each accepts, the
// languages and their direction (from geo/lang), and the map's shape.
//
// The wasm reads it compiled in; make build (cmd/dist, Meta) writes it into
// embed.html as <meta name="mapline-spec">, which the page scripts read, so a
// flag, a language or the shape is changed here and nowhere else.
package embedspec

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"

	"mapline/geo"
	"mapline/geo/lang"
	"mapline/internal/jsonval"
	"mapline/internal/order"
	"mapline/internal/subst"
)

// A Flag is a URL flag of embed.html whose values are a closed set.
type Flag struct {
	Name string
	// Values maps each accepted value, as written in the URL, to what it
	// means; "" is the flag written without a value (?plain).
	Values map[string]string
	// Default is what the flag means when it is absent, or its value is not
	// one of Values (the wasm reports that value; the page uses Default).
	Default string
	// Accepted says, for the error, what may be written.
	Accepted string
}

// boolean: true, 1 and the bare flag are on; false and 0 are off.
func boolean(name, def string, more ...string) Flag {
	v := map[string]string{"": "true", "true": "true", "1": "true", "false": "false", "0": "false"}
	acc := "true or false (or 1 or 0)"
	for _, m := range more {
		v[m] = m
		acc = "true, false or " + m + " (or 1 or 0)"
	}
	return Flag{Name: name, Values: v, Default: def, Accepted: acc}
}

// Flags are the flags with a closed set of values. The others (data, view,
// t, lang and the hash) are parsed by the wasm (wasm/params.go) and lang.js.
var Flags = []Flag{
	boolean("autoplay", "false"),
	boolean("cooperative", ""), // "": on inside an iframe only
	boolean("dark", "false", "auto"),
	boolean("plain", "false"),
	boolean("transparent", "false"),
	boolean("static", "false", "click"),
	boolean("lazy", "true"),
	boolean("explore", ""), // "": on for a story of more than ExploreMin events
	{Name: "mode", Values: map[string]string{"": "cumulative", "cumulative": "cumulative", "point": "point"},
		Default: "cumulative", Accepted: "cumulative or point"},
}

// ExploreMin is the most events a story has without the search box and
// filters (explore=): a story of more events opens with them, one of fewer
// with today's look unless explore=true asks. It is the size at which the
// list of all events stops listing them all (wasm/list.go's listAll).
const ExploreMin = 300

// Lookup is the flag named name.
func Lookup(name string) (Flag, bool) {
	i := slices.IndexFunc(Flags, func(f Flag) bool { return f.Name == name })
	if i < 0 {
		return Flag{}, false
	}
	return Flags[i], true
}

// Value is what flag name means in q: its Default when absent; when its
// value is not accepted, Default and an error naming the flag and the value.
func Value(q url.Values, name string) (string, error) {
	f, ok := Lookup(name)
	if !ok {
		return "", fmt.Errorf("embedspec: no flag %q", name)
	}
	if !q.Has(name) {
		return f.Default, nil
	}
	v := q.Get(name)
	if m, ok := f.Values[v]; ok {
		return m, nil
	}
	return f.Default, fmt.Errorf("%s=%q must be %s", name, v, f.Accepted)
}

// The map's shape in an embed whose height its host fits (embed.js): the
// map is MapRatio of the embed's width high, at least MapMin and at most
// MapMax CSS px. The page's script asks its host for that height; cmd/dist
// cuts the posters to it.
const (
	MapRatio = 0.62
	MapMin   = 260
	MapMax   = 560
)

// MapHeight is the map's height for an embed width w, rounded as the page
// rounds it (Math.round).
func MapHeight(w float64) int {
	h := min(max(w*MapRatio, MapMin), MapMax)
	return int(h + 0.5)
}

// spec is what the page scripts read.
type spec struct {
	Flags map[string]jsFlag `json:"flags"`
	Langs []string          `json:"langs"` // Default first
	RTL   []string          `json:"rtl"`
	// Aliases are the languages asked for by base and script (lang.Aliases).
	Aliases map[string]string `json:"aliases"`
	Map     [3]float64        `json:"map"` // ratio, min, max
}

type jsFlag struct {
	Values  map[string]string `json:"values"`
	Default string            `json:"default"`
}

// MetaName is the name of the meta Meta writes.
const MetaName = "mapline-spec"

// JSON is the spec as the page scripts read it.
func JSON() []byte {
	s := spec{Flags: map[string]jsFlag{}, Langs: lang.Supported, Aliases: lang.Aliases, Map: [3]float64{MapRatio, MapMin, MapMax}}
	for _, f := range Flags {
		s.Flags[f.Name] = jsFlag{Values: f.Values, Default: f.Default}
	}
	for _, l := range lang.Supported {
		if lang.Dir(l) == "rtl" {
			s.RTL = append(s.RTL, l)
		}
	}
	return s.json()
}

// json writes s as json.Marshal would (map keys sorted, nil lists null),
// by hand: a package the wasm imports that imports encoding/json links its
// package and its reflection into the wasm (issue 17: 59,436 B brotli).
// TestJSONIsMarshals compares it with json.Marshal.
func (s spec) json() []byte {
	b := []byte(`{"flags":`)
	if s.Flags == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '{')
		for i, name := range order.Keys(s.Flags) {
			f := s.Flags[name]
			b = append(b, comma(i)...)
			b = append(b, jsonval.Quote(name)+`:{"values":`...)
			b = appendStrings(b, f.Values)
			b = append(b, `,"default":`+jsonval.Quote(f.Default)+"}"...)
		}
		b = append(b, '}')
	}
	b = append(b, `,"langs":`...)
	b = appendList(b, s.Langs)
	b = append(b, `,"rtl":`...)
	b = appendList(b, s.RTL)
	b = append(b, `,"aliases":`...)
	b = appendStrings(b, s.Aliases)
	b = append(b, `,"map":[`...)
	for i, f := range s.Map {
		b = append(b, comma(i)...)
		b = strconv.AppendFloat(b, f, 'f', -1, 64) // no exponents: the map's numbers are within 1e-6 and 1e21
	}
	return append(b, "]}"...)
}

func comma(i int) string {
	if i == 0 {
		return ""
	}
	return ","
}

// appendStrings appends m as a JSON object, its keys sorted; nil is null.
func appendStrings(b []byte, m map[string]string) []byte {
	if m == nil {
		return append(b, "null"...)
	}
	b = append(b, '{')
	for i, k := range order.Keys(m) {
		b = append(b, comma(i)+jsonval.Quote(k)+":"+jsonval.Quote(m[k])...)
	}
	return append(b, '}')
}

// appendList appends l as a JSON array; nil is null.
func appendList(b []byte, l []string) []byte {
	if l == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range l {
		b = append(b, comma(i)+jsonval.Quote(s)...)
	}
	return append(b, ']')
}

// attr escapes JSON for an attribute in single quotes, keeping its double
// quotes readable.
var attr = []string{"&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;"}

// Meta is the <meta name="mapline-spec"> element that carries JSON.
func Meta() string {
	return `<meta name="` + MetaName + `" content='` + subst.All(string(JSON()), attr...) + `'>`
}

// The map's own controls: the zoom buttons top right, the key bottom left.
// make build writes them into the style sheet as CSS variables (CSS), and
// cmd/dist keeps the posters' labels clear of the zoom buttons (ZoomBox).
const (
	ControlInset  = 8  // CSS px from the map's edges to the zoom buttons and to the key
	ControlButton = 32 // a zoom button's side (larger on touch screens, where no poster is cut for)
	ControlGap    = 8  // between zoom out and reset
)

// CSS is the style sheet's rule of the controls' sizes.
func CSS() string {
	return fmt.Sprintf(":root { --ctl-inset: %dpx; --ctl-button: %dpx; --ctl-gap: %dpx; }", ControlInset, ControlButton, ControlGap)
}

// ZoomBox is where the zoom buttons (in, out, and reset apart) lie on a map
// w px wide, in a left-to-right page.
func ZoomBox(w float64) geo.Box {
	return geo.Box{X: w - ControlInset - ControlButton, Y: ControlInset, W: ControlButton, H: 3*ControlButton + ControlGap}
}
