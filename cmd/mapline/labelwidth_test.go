package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mapline/geo"
)

// labelWidthsFile holds the widths of the demo's labels as Chromium sets
// them with site/embed.css; geo's TestTextWidthCoversChromium checks the
// estimate against it without a browser.
const labelWidthsFile = "../../geo/testdata/label-widths-chromium.txt"

// demoLabels are the labels the demo can show: every site in every status,
// every reference city, every country of the basemap.
func demoLabels(t *testing.T) []geo.Label {
	s := loadStory(t, demoStory)
	var ls []geo.Label
	for i, st := range s.Sites {
		for _, status := range []geo.Status{geo.Current, geo.Past, geo.Future} {
			ls = append(ls, geo.Label{Kind: geo.SiteLabel, Ref: i, Text: st.Name, Status: status})
		}
	}
	for i, c := range geo.Cities {
		k := geo.CityLabel
		if c.Capital {
			k = geo.CapitalLabel
		}
		ls = append(ls, geo.Label{Kind: k, Ref: i, Text: c.Name})
	}
	seen := map[string]bool{}
	for _, lvl := range geo.DefaultBasemap().Levels() {
		for _, c := range lvl.Countries {
			for _, emph := range []bool{false, true} {
				k := fmt.Sprint(c.Name, emph)
				if c.Name != "" && !seen[k] {
					seen[k] = true
					ls = append(ls, geo.Label{Kind: geo.CountryLabel, Ref: c.ID, Text: c.Name, Emphasis: emph})
				}
			}
		}
	}
	return ls
}

// TestLabelWidthsInChromium measures the demo's labels in Chromium with the
// page's CSS and checks that geo's estimate is never narrower and not much
// wider. With -update it writes the widths to labelWidthsFile:
//
//	MAPLINE_CHROMIUM=/usr/bin/chromium go test ./cmd/mapline -run LabelWidthsInChromium -update
func TestLabelWidthsInChromium(t *testing.T) {
	src, err := os.ReadFile("../../site/embed.css")
	if err != nil {
		t.Fatal(err)
	}
	// The labels' fonts as make build writes them into the page's CSS.
	css := append(src, geo.LabelCSS()...)
	ls := demoLabels(t)
	type item struct{ Class, Text string }
	items := make([]item, len(ls))
	for i, l := range ls {
		items[i] = item{l.Class(), l.Text}
	}
	in, _ := json.Marshal(items)
	ctx := browserTab(t, 800, 600)
	// The page's root font and the label rules, nothing else.
	js := fmt.Sprintf(`(() => {
		const st = document.createElement("style"); st.textContent = %s; document.head.appendChild(st);
		document.body.innerHTML = '<div id="map-labels"></div>';
		const box = document.getElementById("map-labels");
		const els = %s.map(it => { const d = document.createElement("div"); d.className = it.Class; d.textContent = it.Text; box.appendChild(d); return d; });
		return JSON.stringify(els.map(d => { const r = d.getBoundingClientRect(); return [r.width, r.height]; }));
	})()`, mustJSON(string(css)), in)
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatal(err)
	}
	var sizes [][2]float64
	if err := json.Unmarshal([]byte(out), &sizes); err != nil || len(sizes) != len(ls) {
		t.Fatalf("measuring: %v (%d sizes for %d labels)", err, len(sizes), len(ls))
	}
	var b strings.Builder
	b.WriteString("# The demo's labels as Chromium sets them with site/embed.css (system-ui: DejaVu Sans on Debian).\n")
	b.WriteString("# Written by: MAPLINE_CHROMIUM=/usr/bin/chromium go test ./cmd/mapline -run LabelWidthsInChromium -update\n")
	b.WriteString("# class\ttext\twidth\theight (CSS px)\n")
	lines := make([]string, len(ls))
	for i, l := range ls {
		lines[i] = fmt.Sprintf("%s\t%s\t%.3f\t%.3f\n", l.Class(), l.Text, sizes[i][0], sizes[i][1])
		est := l
		est.Size()
		w, h := sizes[i][0], sizes[i][1]
		if est.W < w || est.W > w*1.3+2 {
			t.Errorf("%s %q: estimated %.1f px wide, Chromium sets it in %.1f px", l.Class(), l.Text, est.W, w)
		}
		if est.H < h-0.5 || est.H > h+0.5 {
			t.Errorf("%s %q: estimated %.1f px high, Chromium %.1f px", l.Class(), l.Text, est.H, h)
		}
	}
	sort.Strings(lines)
	for _, l := range lines {
		b.WriteString(l)
	}
	if *update {
		if err := os.WriteFile(filepath.Clean(labelWidthsFile), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func mustJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
