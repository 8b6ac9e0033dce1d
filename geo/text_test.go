package geo_test

import (
	"bufio"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"mapline/geo"
)

// TestTextWidthCoversChromium checks the text estimate against the widths of
// the demo's labels measured in Chromium with the page's CSS
// (testdata/label-widths-chromium.txt, written by the Chromium test in
// cmd/mapline): never narrower, so placed labels never overlap; at most 30%
// (and 2 px) wider, so few labels are dropped for nothing.
func TestTextWidthCoversChromium(t *testing.T) {
	f, err := os.Open("testdata/label-widths-chromium.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	kinds := map[string]geo.Label{
		"label site current":  {Kind: geo.SiteLabel, Status: geo.Current},
		"label site past":     {Kind: geo.SiteLabel, Status: geo.Past},
		"label site future":   {Kind: geo.SiteLabel, Status: geo.Future},
		"label city capital":  {Kind: geo.CapitalLabel},
		"label city":          {Kind: geo.CityLabel},
		"label country":       {Kind: geo.CountryLabel},
		"label country story": {Kind: geo.CountryLabel, Emphasis: true},
	}
	n := 0
	lo, hi := math.Inf(1), 0.0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		p := strings.Split(line, "\t")
		if len(p) != 4 {
			t.Fatalf("bad line %q", line)
		}
		l, ok := kinds[p[0]]
		if !ok {
			t.Fatalf("unknown class %q", p[0])
		}
		if l.Class() != p[0] {
			t.Fatalf("the label for %q has the class %q", p[0], l.Class())
		}
		w, _ := strconv.ParseFloat(p[2], 64)
		h, _ := strconv.ParseFloat(p[3], 64)
		l.Text = p[1]
		l.Size()
		if l.W < w || l.W > w*1.3+2 {
			t.Errorf("%s %q: estimated %.1f px wide, Chromium %.1f px", p[0], p[1], l.W, w)
		}
		if math.Abs(l.H-h) > 0.5 {
			t.Errorf("%s %q: estimated %.1f px high, Chromium %.1f px", p[0], p[1], l.H, h)
		}
		lo, hi = math.Min(lo, l.W/w), math.Max(hi, l.W/w)
		n++
	}
	if n < 100 {
		t.Fatalf("only %d measured labels", n)
	}
	t.Logf("%d labels: estimate / Chromium width from %.3f to %.3f", n, lo, hi)
}

func TestTextWidth(t *testing.T) {
	regular := geo.LabelFont{Size: 12, Weight: 500}
	bold := geo.LabelFont{Size: 12, Weight: 700}
	spaced := geo.LabelFont{Size: 11, Weight: 600, Upper: true, Spacing: 0.12}
	tests := []struct {
		name   string
		font   geo.LabelFont
		a, b   string
		wider  bool // a is wider than b
		approx bool // a and b are about as wide (within 2 px)
	}{
		{name: "longer is wider", font: regular, a: "Baghdadi", b: "Baghdad", wider: true},
		{name: "W is wider than i", font: regular, a: "WWW", b: "iii", wider: true},
		{name: "combining marks take no room", font: regular, a: "e\u0301", b: "é", approx: true},
		{name: "Arabic takes room", font: regular, a: "بغداد", b: "", wider: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wa, wb := tt.font.TextWidth(tt.a), tt.font.TextWidth(tt.b)
			if tt.wider && !(wa > wb) {
				t.Errorf("%q is %.2f px, not wider than %q at %.2f px", tt.a, wa, tt.b, wb)
			}
			if tt.approx && math.Abs(wa-wb) > 2 {
				t.Errorf("%q is %.2f px, %q %.2f px: not about the same", tt.a, wa, tt.b, wb)
			}
		})
	}
	if b, r := bold.TextWidth("Baghdad"), regular.TextWidth("Baghdad"); !(b > r) {
		t.Errorf("bold %.2f px is not wider than regular %.2f px", b, r)
	}
	if w, want := regular.TextWidth("東京"), 2*12*1.02; math.Abs(w-want) > 1e-9 {
		t.Errorf("two ideographs are %.2f px at 12 px, want two em and the margin, %.2f", w, want)
	}
	// Letter spacing: 0.12 em after each of the 5 characters.
	plain := spaced
	plain.Spacing = 0
	if d := spaced.TextWidth("SYRIA") - plain.TextWidth("SYRIA"); math.Abs(d-5*0.12*11*1.02) > 1e-9 {
		t.Errorf("letter spacing adds %.3f px to SYRIA, want %.3f", d, 5*0.12*11*1.02)
	}
	if got := spaced.Shown("Iraq"); got != "IRAQ" {
		t.Errorf("Shown = %q, want IRAQ", got)
	}
	for _, s := range []string{"", "\u200d", "\x00"} {
		if w := regular.TextWidth(s); math.IsNaN(w) || w < 0 {
			t.Errorf("TextWidth(%q) = %g", s, w)
		}
	}
}

// TestLabelFontMatchesCSS: the fonts the estimate assumes are the page's
// as built (site/embed.css with LabelCSS in it): the size, weight, letter
// spacing and case of each label class, and the line height of the page.
func TestLabelFontMatchesCSS(t *testing.T) {
	src, err := os.ReadFile("../site/embed.css")
	if err != nil {
		t.Fatal(err)
	}
	css := append(src, geo.LabelCSS()...)
	rule := func(sel string) string {
		m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(sel) + ` \{([^}]*)\}`).FindSubmatch(css)
		if m == nil {
			t.Fatalf("embed.css has no rule %q", sel)
		}
		return string(m[1])
	}
	prop := func(body, name string) string {
		m := regexp.MustCompile(`(?:^|[;\s])` + name + `:\s*([^;]+);`).FindStringSubmatch(body)
		if m == nil {
			return ""
		}
		return strings.TrimSpace(m[1])
	}
	if !strings.Contains(rule(":root"), "15px/1.4 ") {
		t.Errorf("the page's line height is not 1.4 (geo.LineHeight)")
	}
	// The cascade, in the order of the rules: base, then the kind's rules.
	cases := []struct {
		label geo.Label
		rules []string
	}{
		{geo.Label{Kind: geo.SiteLabel, Status: geo.Current}, []string{".label", ".label.site.current"}},
		{geo.Label{Kind: geo.SiteLabel, Status: geo.Past}, []string{".label", ".label.site.past"}},
		{geo.Label{Kind: geo.SiteLabel, Status: geo.Future}, []string{".label", ".label.site.future"}},
		{geo.Label{Kind: geo.CityLabel}, []string{".label", ".label.city"}},
		{geo.Label{Kind: geo.CapitalLabel}, []string{".label", ".label.city", ".label.city.capital"}},
		{geo.Label{Kind: geo.CountryLabel}, []string{".label", ".label.country"}},
		{geo.Label{Kind: geo.CountryLabel, Emphasis: true}, []string{".label", ".label.country", ".label.country.story"}},
	}
	for _, c := range cases {
		var size, weight, spacing, transform string
		for _, sel := range c.rules {
			body := rule(sel)
			if v := prop(body, "font-size"); v != "" {
				size = v
			}
			if v := prop(body, "font-weight"); v != "" {
				weight = v
			}
			if v := prop(body, "letter-spacing"); v != "" {
				spacing = v
			}
			if v := prop(body, "text-transform"); v != "" {
				transform = v
			}
		}
		f := c.label.Font()
		want := []string{strconv.FormatFloat(f.Size, 'g', -1, 64) + "px", strconv.Itoa(f.Weight)}
		if got := []string{size, weight}; got[0] != want[0] || got[1] != want[1] {
			t.Errorf("%s: embed.css sets %v, geo assumes %v", c.label.Class(), got, want)
		}
		if (transform == "uppercase") != f.Upper {
			t.Errorf("%s: text-transform %q, geo assumes upper=%v", c.label.Class(), transform, f.Upper)
		}
		wantSp := ""
		if f.Spacing != 0 {
			wantSp = strconv.FormatFloat(f.Spacing, 'g', -1, 64) + "em"
		}
		if spacing != wantSp {
			t.Errorf("%s: letter-spacing %q, geo assumes %q", c.label.Class(), spacing, wantSp)
		}
	}
}
