package geo_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"mapline/geo"
)

// TestLabelInkMatchesCSS: the poster paints labels in the page's colours.
func TestLabelInkMatchesCSS(t *testing.T) {
	css, err := os.ReadFile("../site/embed.css")
	if err != nil {
		t.Fatal(err)
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
		for _, l := range []struct {
			label geo.Label
			v     string
		}{
			{geo.Label{Kind: geo.SiteLabel, Status: geo.Current}, "--fg"},
			{geo.Label{Kind: geo.SiteLabel, Status: geo.Past}, "--muted"},
			{geo.Label{Kind: geo.SiteLabel, Status: geo.Future}, "--label-future"},
			{geo.Label{Kind: geo.CityLabel}, "--label-city"},
			{geo.Label{Kind: geo.CapitalLabel}, "--label-city"},
			{geo.Label{Kind: geo.CountryLabel}, "--label-country"},
			{geo.Label{Kind: geo.CountryLabel, Emphasis: true}, "--label-country-story"},
		} {
			if got := hex(c.th.LabelInk(&l.label).Fill); got != v[l.v] {
				t.Errorf("%s %s: the poster paints %s, %s is %q", c.th.Name, l.label.Class(), got, l.v, v[l.v])
			}
		}
	}
}
