package embedspec

import (
	"encoding/json"
	"html"
	"net/url"
	"strings"
	"testing"

	"mapline/geo"
	"mapline/geo/lang"
)

func TestValue(t *testing.T) {
	for _, tc := range []struct {
		name, query, flag, want, err string
	}{
		{"absent-bool", "", "autoplay", "false", ""},
		{"bare-bool", "autoplay", "autoplay", "true", ""},
		{"empty-bool", "autoplay=", "autoplay", "true", ""},
		{"true", "autoplay=true", "autoplay", "true", ""},
		{"one", "autoplay=1", "autoplay", "true", ""},
		{"zero", "autoplay=0", "autoplay", "false", ""},
		{"false", "autoplay=false", "autoplay", "false", ""},
		{"bad-bool", "autoplay=yes", "autoplay", "false", `autoplay="yes" must be true or false (or 1 or 0)`},
		{"upper-case-is-bad", "plain=TRUE", "plain", "false", `plain="TRUE" must be`},
		{"lazy-defaults-on", "", "lazy", "true", ""},
		{"lazy-bad-keeps-default", "lazy=never", "lazy", "true", `lazy="never"`},
		{"cooperative-unset", "", "cooperative", "", ""},
		{"explore-unset-is-by-size", "", "explore", "", ""},
		{"explore-bare", "explore", "explore", "true", ""},
		{"explore-off", "explore=false", "explore", "false", ""},
		{"explore-bad", "explore=maybe", "explore", "", `explore="maybe" must be true or false`},
		{"static-1", "static=1", "static", "true", ""},
		{"static-click", "static=click", "static", "click", ""},
		{"static-bad", "static=later", "static", "false", `static="later" must be true, false or click (or 1 or 0)`},
		{"dark-auto", "dark=auto", "dark", "auto", ""},
		{"dark-1", "dark=1", "dark", "true", ""},
		{"first-value-counts", "dark=1&dark=0", "dark", "true", ""},
		{"mode-point", "mode=point", "mode", "point", ""},
		{"mode-empty", "mode=", "mode", "cumulative", ""},
		{"mode-bad", "mode=all", "mode", "cumulative", `mode="all" must be cumulative or point`},
		{"unknown-flag", "", "nope", "", `embedspec: no flag "nope"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, err := url.ParseQuery(tc.query)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Value(q, tc.flag)
			if got != tc.want {
				t.Errorf("Value = %q, want %q", got, tc.want)
			}
			switch {
			case tc.err == "" && err != nil:
				t.Errorf("unexpected error %v", err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Errorf("error %v, want one containing %q", err, tc.err)
			}
		})
	}
}

// TestModesAreGeos: every mode the page accepts is one geo can show.
func TestModesAreGeos(t *testing.T) {
	f, _ := Lookup("mode")
	for in, m := range f.Values {
		if _, ok := geo.ParseMode(m); !ok {
			t.Errorf("mode=%q means %q, which geo.ParseMode refuses", in, m)
		}
	}
}

// TestDefaultsAreValues: a flag's default is one of its meanings.
func TestDefaultsAreValues(t *testing.T) {
	for _, f := range Flags {
		if f.Default == "" && (f.Name == "cooperative" || f.Name == "explore") {
			continue // unset: decided by whether the embed is in an iframe, by the story's size
		}
		found := false
		for _, m := range f.Values {
			found = found || m == f.Default
		}
		if !found {
			t.Errorf("%s: default %q is none of its values", f.Name, f.Default)
		}
	}
}

// TestMetaRoundTrips: what the page reads from the meta is the table.
func TestMetaRoundTrips(t *testing.T) {
	m := Meta()
	const pre = `<meta name="mapline-spec" content='`
	if !strings.HasPrefix(m, pre) || !strings.HasSuffix(m, `'>`) || strings.Count(m, `'`) != 2 {
		t.Fatalf("meta %s", m)
	}
	var s spec
	if err := json.Unmarshal([]byte(html.UnescapeString(strings.TrimSuffix(strings.TrimPrefix(m, pre), `'>`))), &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Flags) != len(Flags) || s.Flags["static"].Values["click"] != "click" || s.Flags["lazy"].Default != "true" {
		t.Errorf("flags %v", s.Flags)
	}
	if strings.Join(s.Langs, " ") != strings.Join(lang.Supported, " ") || strings.Join(s.RTL, " ") != "ar ckb fa" {
		t.Errorf("langs %v rtl %v", s.Langs, s.RTL)
	}
	if s.Map != [3]float64{0.62, 260, 560} {
		t.Errorf("map %v", s.Map)
	}
}

func TestMapHeight(t *testing.T) {
	for _, tc := range []struct {
		name string
		w    float64
		want int
	}{
		{"phone-at-the-minimum", 360, 260},
		{"between", 600, 372},
		{"rounds-half-up", 500.8065, 311},
		{"wide-at-the-maximum", 1200, 560},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := MapHeight(tc.w); got != tc.want {
				t.Errorf("MapHeight(%g) = %d, want %d", tc.w, got, tc.want)
			}
		})
	}
}

// TestJSONIsMarshals checks the spec written by hand against json.Marshal,
// the spec as it is and with the cases it does not have today: nil lists
// and maps, names to escape, numbers.
func TestJSONIsMarshals(t *testing.T) {
	for _, tt := range []struct {
		name string
		s    func() spec
	}{
		{"the-spec", func() spec {
			var s spec
			if err := json.Unmarshal(JSON(), &s); err != nil {
				t.Fatal(err)
			}
			return s
		}},
		{"empty", func() spec { return spec{} }},
		{"escapes", func() spec {
			return spec{
				Flags:   map[string]jsFlag{`a"<b>`: {Values: map[string]string{"x&y": "\u2028\xff"}, Default: "\n"}, "b": {}},
				Langs:   []string{},
				RTL:     []string{"ar", `\`},
				Aliases: map[string]string{},
				Map:     [3]float64{0.5625, 320, 1e6},
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.s()
			want, err := json.Marshal(s)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.json(); string(got) != string(want) {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}
