package geo_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"mapline/geo"
)

// TestLabelInkMatchesCSS: the poster paints labels in the page's colours as
// built (site/embed.css with LabelCSS in it): each class's colour in either
// theme, over the page's halo.
func TestLabelInkMatchesCSS(t *testing.T) {
	src, err := os.ReadFile("../site/embed.css")
	if err != nil {
		t.Fatal(err)
	}
	css := append(src, geo.LabelCSS()...)
	colour := func(sel string) string {
		m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(sel) + ` \{[^}]*color: ([^;]+);`).FindSubmatch(css)
		if m == nil {
			return ""
		}
		return string(m[1])
	}
	vars := func(sel string) map[string]string {
		out := map[string]string{}
		for _, m := range regexp.MustCompile(`(?m)^`+regexp.QuoteMeta(sel)+` \{([^}]*)\}`).FindAllSubmatch(css, -1) {
			for _, v := range regexp.MustCompile(`(--[a-z-]+):\s*([^;]+);`).FindAllStringSubmatch(string(m[1]), -1) {
				out[v[1]] = strings.TrimSpace(v[2])
			}
		}
		return out
	}
	for _, c := range []struct {
		th   geo.Theme
		sel  string
		halo string
	}{{geo.Light, ":root", "rgba(255,255,255,0.85)"}, {geo.Dark, ":root.dark", "rgba(15,27,38,0.85)"}} {
		v := vars(c.sel)
		if v["--halo"] != c.halo {
			t.Errorf("%s --halo is %q, the poster assumes %q", c.sel, v["--halo"], c.halo)
		}
		for _, l := range []geo.Label{
			{Kind: geo.SiteLabel, Status: geo.Current},
			{Kind: geo.SiteLabel, Status: geo.Past},
			{Kind: geo.SiteLabel, Status: geo.Future},
			{Kind: geo.CityLabel},
			{Kind: geo.CapitalLabel},
			{Kind: geo.CountryLabel},
			{Kind: geo.CountryLabel, Emphasis: true},
		} {
			sel := "." + strings.ReplaceAll(l.Class(), " ", ".")
			if c.th.Name == "dark" {
				sel = ":root.dark " + sel
			}
			if got, css := hex(c.th.LabelInk(&l).Fill), colour(sel); got != css {
				t.Errorf("%s %s: the poster paints %s, the page %q", c.th.Name, l.Class(), got, css)
			}
		}
	}
}
